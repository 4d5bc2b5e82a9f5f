"""Stage 7a, PDF: draw the Layout with ReportLab; every size and position comes from the fit."""
from __future__ import annotations

import calendar
import io
import time

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from ..layout.paragraphs import box_paragraph
from ..layout.geometry import ChartBox, Fill, Icon, Picture, Rule, TextBox
from ..sheet.model import plain_text
from ..theme.fonts import register_fonts
from ..sheet.words import words_for
from . import document_timestamp
from .pdf_bidi import draw_box, has_rtl
from .pdf_tags import Marks

# Binary (Flate only) streams instead of ASCII85 on top: a fifth smaller, a millisecond faster per
# sheet, read by every PDF reader. Set once, at import, so every build writes the same bytes.
rl_config.useA85 = 0


def render_pdf(sheet, layout, out_path) -> None:
    """Draw the sheet on one page at the layout's size and write it to out_path (a path, or a
    binary file object such as io.BytesIO: the same bytes either way)."""
    if layout.footer is None:
        raise ValueError("render_pdf draws a finished layout: fit the page first (layout.fit.fit_page)")
    font = register_fonts()
    height = layout.page_height
    destination = out_path if hasattr(out_path, "write") else str(out_path)
    archival = layout.template.pdfa   # PDF/A and tagged: ReportLab writes into memory, pdf_archive
    target = io.BytesIO() if archival else destination   # finishes the file
    canvas = Canvas(target, pagesize=(layout.page_width, height), invariant=1,
                    pageCompression=1, lang=sheet.language, initialFontName=font)
    _set_timestamp(canvas, sheet)
    canvas.setTitle(sheet.title_text)
    canvas.setAuthor(sheet.organisation or "")
    canvas.setSubject(plain_text(sheet.subtitle) or words_for(sheet.language)("subject"))
    canvas.setKeywords([k for k in (sheet.location, *sheet.keywords) if k])
    canvas.setCreator("factsheet")
    marks = Marks(canvas) if archival else None
    links, (divided, continued) = [], _divided(layout)
    for item in layout.items:
        if marks is not None:
            marks.begin(item, sheet, layout, continues=item is continued)
        paragraph = None
        if isinstance(item, TextBox):
            # the layout's paragraph, rebuilt from its decisions (the fit usually wrapped it)
            paragraph = box_paragraph(layout, item)
            if layout.rtl or has_rtl(item):   # lines put in visual order (pdf_bidi)
                draw_box(canvas, paragraph, item.x, height - item.y - item.height, layout.rtl)
            else:
                paragraph.drawOn(canvas, item.x, height - item.y - item.height)
        elif isinstance(item, Fill):
            canvas.setFillColor(HexColor(item.colour))
            canvas.rect(item.x, height - item.y - item.height, item.width, item.height, stroke=0,
                        fill=1)
        elif isinstance(item, Rule):
            canvas.setStrokeColor(HexColor(item.colour))
            canvas.setLineWidth(item.width)
            canvas.line(item.x1, height - item.y, item.x2, height - item.y)
        elif isinstance(item, ChartBox):
            from .pdf_chart import draw_chart   # only sheets with charts load it
            draw_chart(canvas, item, height)
        elif isinstance(item, Picture):
            canvas.drawImage(str(item.path), item.x, height - item.y - item.height, item.width,
                             item.height, mask="auto")
        elif isinstance(item, Icon):
            from .pdf_icon import draw_icon   # only a sheet with icons loads it
            draw_icon(canvas, item, height)
        if marks is not None:
            marks.end(paragraph, divided=item is divided)
            if isinstance(item, TextBox) and item.link:   # its link annotation, tagged with it
                links.append((item.link, len(marks.items) - 1))
    canvas.showPage()
    canvas.save()
    if archival:
        from .pdf_archive import finish_pdf   # pikepdf: only for a PDF/A sheet

        finish_pdf(target.getvalue(), sheet, layout, marks, links, destination)


def _divided(layout) -> tuple:
    """(the left column's last box, the right column's first) when a paragraph is divided
    between the columns, else (None, None): the tagged PDF reads the two as one paragraph."""
    if not layout.split_words:
        return None, None
    right = layout.margin_left + layout.column_width
    body = [item for item in layout.items
            if isinstance(item, TextBox) and item.role in ("paragraph", "bullet")]
    for first, rest in zip(body, body[1:]):
        if first.x <= right < rest.x:
            return first, rest
    return None, None


def _set_timestamp(canvas, sheet) -> None:
    """CreationDate/ModDate: SOURCE_DATE_EPOCH, else midnight UTC of the produced date (the same
    instant the DOCX records). ReportLab has no public setter, so its time stamp is adjusted."""
    stamp = getattr(canvas._doc, "_timeStamp", None)
    if stamp is None:  # pragma: no cover - a ReportLab without the attribute keeps invariant time
        return
    seconds = calendar.timegm(document_timestamp(sheet).utctimetuple())
    stamp.t, stamp.lt = seconds, time.gmtime(seconds)
