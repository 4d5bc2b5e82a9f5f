"""Stage 5a, PDF: compose the page with ReportLab (this is also the fit's measure) and draw it."""
from __future__ import annotations

import calendar
import copy
import functools
import time
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from ..theme.fonts import BOLD, ITALIC, REGULAR, register_fonts
from ..layout.fit import (band_lines, divide_block, figure_label, figure_rows, footer_texts, gap_size,
                      plan_blocks, reference_parts, split_points, tie_last_words, tie_text,
                      with_figure_size)
from ..sheet.model import Span, plain_text
from ..sheet.words import words_for
from . import document_timestamp

# Binary (Flate only) streams instead of ASCII85 on top: a fifth smaller, a millisecond faster per
# sheet, read by every PDF reader. Set once, at import, so every build writes the same bytes.
rl_config.useA85 = 0


@dataclass
class Page:
    """A composed page: what to draw where (y measured down from the top), and how full it is."""
    layout: object
    sheet: object
    items: list = field(default_factory=list)
    available: float = 0.0        # height left for the section columns
    total_height: float = 0.0     # both columns together
    total_lines: int = 0          # lines of section text
    overflow: float = 0.0         # how far the taller column runs past `available`
    spacing: float = 0.0          # the vertical spacing from the band to the footer (stretchable)
    block_heights: list = field(default_factory=list, repr=False)   # each section block, as set
    wraps: dict = field(default_factory=dict, repr=False)   # wrapped paragraphs, by text and style
    ties: dict = field(default_factory=dict, repr=False)    # inline -> its last two words tied

    @property
    def fits(self) -> bool:
        return self.available > 0 and self.overflow <= 0


def spans_paragraph(inline, style, bullet: str | None = None) -> Paragraph:
    """A Paragraph straight from spans: fragments are cloned from ones ReportLab parsed once per
    style, so spec text never goes through the markup parser (it is text, and this is faster)."""
    protos = _prototypes(style)
    frags = []
    for span in inline:
        frag = copy.copy(protos[span.kind if span.kind in protos else "text"])
        frag.text = span.text
        frags.append(frag)
    return Paragraph(plain_text(inline, cites=True), style, bulletText=bullet, frags=frags)


def text_paragraph(value: str, style, bullet: str | None = None) -> Paragraph:
    return spans_paragraph((Span(value),), style, bullet)


@functools.lru_cache(maxsize=512)
def _prototypes(style) -> dict:
    size = style.fontSize
    samples = {"text": "x", "figure": "<b>x</b>", "gap": f'<font size="{gap_size(size):g}">x</font>',
               "cite": f'<super rise="{size * 0.38:.2f}" size="{size * 0.68:.2f}">x</super>'}
    return {kind: ParaParser().parse(sample, style)[1][0] for kind, sample in samples.items()}


def link_markup(url: str, colour: str) -> str:
    href = escape(url, {'"': "&quot;"})
    return f'<a href="{href}" color="{colour}">{escape(url)}</a>'


@functools.lru_cache(maxsize=64)
def _styles(template, body: float) -> dict:
    from ..layout.fit import size_layout
    register_fonts()
    lay = size_layout(template, body)
    colours = template.colours

    def style(name, size, leading, colour, font=REGULAR, **extra):
        # No space shrinking: Word and LibreOffice never squeeze a line, so neither may we.
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                              textColor=HexColor(colour), spaceBefore=0, spaceAfter=0,
                              spaceShrinkage=0, **extra)

    return {
        "organisation": style("organisation", lay.small_size, lay.small_leading,
                              colours.header_muted, BOLD),
        "title": style("title", lay.title_size, lay.title_leading, colours.header_text, BOLD),
        "subtitle": style("subtitle", lay.subtitle_size, lay.subtitle_leading, colours.header_text),
        "meta": style("meta", lay.small_size, lay.small_leading, colours.header_muted, BOLD),
        "qualifier": style("qualifier", lay.small_size, lay.small_leading, colours.muted),
        "number": style("number", lay.figure_size, lay.figure_leading, colours.accent, BOLD),
        "label": style("label", lay.small_size, lay.small_leading, colours.text),
        "heading": style("heading", lay.heading_size, lay.heading_leading, colours.primary, BOLD),
        "paragraph": style("paragraph", body, lay.leading, colours.text),
        "bullet": style("bullet", body, lay.leading, colours.text, leftIndent=lay.bullet_indent,
                        bulletIndent=0, bulletFontName=BOLD, bulletFontSize=body,
                        bulletColor=HexColor(colours.primary)),
        "sources": style("sources", lay.small_size, lay.small_leading, colours.primary, BOLD),
        "source": style("source", lay.small_size, lay.small_leading, colours.muted,
                        leftIndent=lay.source_indent, bulletIndent=0, bulletFontName=REGULAR,
                        bulletFontSize=lay.small_size),
        "disclaimer": style("disclaimer", lay.small_size, lay.small_leading, colours.muted, ITALIC),
        "footer": style("footer", lay.small_size, lay.small_leading, colours.muted),
        "footer-right": style("footer-right", lay.small_size, lay.small_leading, colours.muted,
                              alignment=TA_RIGHT),
    }


@functools.lru_cache(maxsize=16)
def _image_size(path) -> tuple:
    return ImageReader(str(path)).getSize()


def logo_box(layout) -> tuple:
    """(width, height) of the logo in the band, or (0, 0): height scales with the body size."""
    logo = layout.template.logo
    if logo is None:
        return (0.0, 0.0)
    width, height = _image_size(logo)
    box_height = round(layout.body_size * 3.6 * 20) / 20
    box_width = box_height * width / height
    limit = layout.content_width * 0.3
    if box_width > limit:
        box_width, box_height = limit, limit * height / width
    return (round(box_width * 20) / 20, round(box_height * 20) / 20)


def compose_page(sheet, layout, wraps=None) -> Page:
    """Wrap every paragraph at `layout`'s sizes and place it; the result says whether it fits.
    `wraps` keeps wrapped paragraphs between calls (the same sizes, other spacing)."""
    styles = _styles(layout.template, layout.body_size)
    logo_w, logo_h = logo_box(layout)
    layout = replace(layout, figure_rows=figure_rows(len(sheet.key_figures)), logo_width=logo_w,
                     logo_height=logo_h)
    figure = _figure_size(sheet, layout)
    if figure != layout.figure_size:   # the DOCX takes the size from the layout too
        layout = with_figure_size(layout, figure)
        styles = dict(styles, number=ParagraphStyle("number", parent=styles["number"], fontSize=figure,
                                                    leading=layout.figure_leading))
    page = Page(layout, sheet, wraps={} if wraps is None else wraps)
    band = _compose_band(sheet, layout, styles, page)
    figures_h = _compose_figures(sheet, layout, styles, page, band + layout.block_gap)
    columns_top = band + layout.block_gap + (figures_h + layout.block_gap if figures_h else 0.0)

    # The footer is anchored to the bottom margin and the sources follow the columns: what is
    # left between them is the room for the sections.
    footer_items, footer_h, one_line = _compose_footer(sheet, layout, styles)
    sources_h = _measure_sources(sheet, layout, styles, page)
    floor = layout.page_height - (layout.margin_bottom + footer_h + layout.footer_gap)
    if sources_h:
        floor -= sources_h + layout.block_gap
    page.available = floor - layout.safety - columns_top

    split, split_words, columns_h = _compose_columns(sheet, layout, styles, page, columns_top)
    page.overflow = columns_h - page.available
    if sources_h:
        _compose_sources(sheet, layout, styles, page, columns_top + columns_h + layout.block_gap)
    page.items.extend(footer_items)
    gaps = 1 + bool(figures_h) + bool(sources_h)
    page.spacing += (layout.band_pad_bottom + gaps * layout.block_gap + layout.footer_gap
                     + len(layout.figure_rows) * layout.label_gap
                     + (layout.source_space * len(sheet.references) if sources_h else 0.0))
    page.layout = replace(layout, split=split, split_words=split_words, footer_one_line=one_line, header_height=band,
                          figures_height=figures_h, columns_height=columns_h,
                          sources_height=sources_h, footer_height=footer_h,
                          slack=page.available - columns_h, ties=page.ties, _page=page)
    return page


def _figure_size(sheet, layout) -> float:
    """The key figures' size: the layout's, or less, by half points down to the body size, until
    every number fits its tile on one line: '2,504,79' over '2' would read as two figures."""
    numbers, figures = [], list(sheet.key_figures)
    for count in layout.figure_rows:
        row, figures = figures[:count], figures[count:]
        inner = (layout.content_width - (count - 1) * layout.cell_gap) / count - 2 * layout.cell_pad_h
        numbers += [(figure.number, inner * 0.97) for figure in row]   # Word's metrics may differ a little
    size = layout.figure_size
    while size > layout.body_size and any(stringWidth(n, BOLD, size) > w for n, w in numbers):
        size -= 0.5
    return size


def _wrapped(page, inline, style, width, bullet=None) -> Paragraph:
    """The paragraph wrapped at `width`, made once per fit: a stretched page re-places, not
    re-wraps."""
    key = (inline, style, width, bullet)
    paragraph = page.wraps.get(key)
    if paragraph is None:
        paragraph = page.wraps[key] = spans_paragraph(inline, style, bullet)
        paragraph.wrap(width, 1e6)
    return paragraph


def _place(page, inline, style, x, y, width, tie=False) -> float:
    paragraph = _tied(page, inline, style, width) if tie else _wrapped(page, inline, style, width)
    page.items.append(("para", x, y, paragraph))
    return paragraph.height


def _tied(page, inline, style, width, bullet=None) -> Paragraph:
    """A title, label or heading wrapped with its last two words tied, unless that adds a line:
    then the one-word last line is the best break there is."""
    paragraph = _wrapped(page, inline, style, width, bullet)
    tied = tie_last_words(inline)
    if tied is inline or paragraph.height <= style.leading * 1.5:
        return paragraph
    candidate = _wrapped(page, tied, style, width, bullet)
    if candidate.height > paragraph.height:
        return paragraph
    page.ties[inline] = tied
    return candidate


def _compose_band(sheet, layout, styles, page) -> float:
    """The header band, bleeding off the top and sides of the page; returns its height."""
    left, width = layout.margin_left, layout.content_width
    logo_w, logo_h = layout.logo_width, layout.logo_height
    text_w = width - (logo_w + layout.column_gap if logo_w else 0)
    y = layout.margin_top
    lines = band_lines(sheet)
    for position, (role, inline) in enumerate(lines):
        y += _place(page, inline, styles[role], left, y, text_w, tie=role in ("title", "subtitle"))
        if position < len(lines) - 1:
            y += layout.band_gap
    band = max(y, layout.margin_top + logo_h) + layout.band_pad_bottom
    page.items.insert(0, ("rect", 0, 0, layout.page_width, band, layout.template.colours.primary))
    if logo_w:
        page.items.append(("image", layout.template.logo, left + width - logo_w, layout.margin_top,
                           logo_w, logo_h))
    return band


def _compose_figures(sheet, layout, styles, page, top) -> float:
    """The key figures as tiles, rows of up to four (three when five or six); returns the height.
    A row where any figure has a qualifier keeps a qualifier line in every tile, so that the
    big numbers line up."""
    left, width = layout.margin_left, layout.content_width
    figures, y = list(sheet.key_figures), top
    for count in layout.figure_rows:
        row, figures = figures[:count], figures[count:]
        cell_w = (width - (count - 1) * layout.cell_gap) / count
        inner = cell_w - 2 * layout.cell_pad_h
        qualified = any(f.qualifier for f in row)
        start, tallest = len(page.items), 0.0
        for column, figure in enumerate(row):
            x = left + column * (cell_w + layout.cell_gap) + layout.cell_pad_h
            cy = y + layout.cell_pad_v
            if qualified:
                if figure.qualifier:
                    _place(page, (Span(figure.qualifier),), styles["qualifier"], x, cy, inner)
                cy += layout.small_leading
            cy += _place(page, (Span(tie_text(figure.number)),), styles["number"], x, cy, inner)
            cy += layout.label_gap
            cy += _place(page, figure_label(figure), styles["label"], x, cy, inner, tie=True)
            tallest = max(tallest, cy - y - layout.cell_pad_v)
        row_h = tallest + 2 * layout.cell_pad_v
        for column in range(count):   # tiles first, so that the text is drawn over them
            x = left + column * (cell_w + layout.cell_gap)
            page.items.insert(start, ("rect", x, y, cell_w, row_h, layout.template.colours.panel))
        y += row_h + layout.cell_gap
    return y - layout.cell_gap - top if sheet.key_figures else 0.0


def _compose_columns(sheet, layout, styles, page, top) -> tuple:
    """The sections in two balanced columns; a paragraph may continue from the left column into
    the right where only that fits. Returns (whole blocks in the left column, words of a divided
    block left in the left column or 0, taller height)."""
    blocks = plan_blocks(sheet, layout)
    heights = []
    for block in blocks:
        bullet = "\u2022" if block.kind == "bullet" else None
        wrap = _tied if block.kind == "heading" else _wrapped
        paragraph = wrap(page, block.inline, styles[block.kind], layout.column_width, bullet)
        extra = layout.rule_gap + layout.rule_width if block.kind == "heading" else 0.0
        heights.append((paragraph, paragraph.height + extra))
    page.total_lines = sum(round(p.height / p.style.leading) for p, _ in heights)
    page.block_heights = [height for _, height in heights]
    split, left_h, right_h = _balance(blocks, heights, page.available, 4 * layout.leading)
    words, best = 0, max(left_h, right_h)
    if best > page.available:
        divided = _divide(blocks, heights, layout.leading)
        if divided and divided[0] < best:
            best, index, lines = divided
            if best <= page.available:   # else no need to find the word: the page overflows
                words = _words_in_lines(page, blocks[index], styles, layout.column_width, lines)
    placed = [(b, p, h) for b, (p, h) in zip(blocks, heights)]
    if words:
        split = index
        first, rest = divide_block(blocks[index], words)
        pieces = []
        for part, bullet in ((first, "\u2022" if first.kind == "bullet" else None), (rest, None)):
            paragraph = _wrapped(page, part.inline, styles[part.kind], layout.column_width, bullet)
            pieces.append((part, paragraph, paragraph.height))
        placed[index:index + 1] = pieces
        left, right = placed[:index + 1], placed[index + 1:]
    else:
        left, right = placed[:split], placed[split:]
    columns = []   # (height, spacing) of each column
    for side, chunk in ((0, left), (1, right)):
        x = layout.margin_left + side * (layout.column_width + layout.column_gap)
        y = top
        for position, (block, paragraph, height) in enumerate(chunk):
            page.items.append(("para", x, y, paragraph))
            if block.kind == "heading":
                rule_y = y + paragraph.height + layout.rule_gap + layout.rule_width / 2
                page.items.append(("line", x, rule_y, x + layout.column_width, layout.rule_width,
                                   layout.template.colours.primary))
            y += height + (block.space_after if position < len(chunk) - 1 else 0.0)
        columns.append((y - top, sum(b.space_after for b, _, _ in chunk[:-1])))
    page.total_height = columns[0][0] + columns[1][0]
    taller, spacing = max(columns)
    page.spacing += spacing
    if not words and best < taller:   # an overflowing page counts as divided at its best
        taller = best
    return split, words, taller


def _divide(blocks, heights, leading):
    """The best split inside a paragraph or bullet, at least two lines on each side:
    (taller column, block index, lines left), or None."""
    def column(start, end):
        total = sum(heights[i][1] + blocks[i].space_after for i in range(start, end))
        return total - (blocks[end - 1].space_after if end > start else 0.0)

    best = None
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        lines = round(heights[index][0].height / leading)
        before = column(0, index) + (blocks[index - 1].space_after if index else 0.0)
        after = (blocks[index].space_after + column(index + 1, len(blocks))
                 if index + 1 < len(blocks) else 0.0)
        for keep in range(2, lines - 1):
            option = (max(before + keep * leading, (lines - keep) * leading + after), index, keep)
            best = option if best is None or option < best else best
    return best


def _words_in_lines(page, block, styles, width, lines) -> int:
    """How many words of the block fill its first `lines` lines (greedy line breaking puts the
    longest prefix that fits there), found by halving."""
    bullet = "\u2022" if block.kind == "bullet" else None
    style = styles[block.kind]
    low, high = 1, len(plain_text(block.inline).split()) - 1
    found = 0
    while low <= high:
        middle = (low + high) // 2
        first, rest = divide_block(block, middle)
        if rest is None:
            high = middle - 1
            continue
        height = _wrapped(page, first.inline, style, width, bullet).height
        if round(height / style.leading) <= lines:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found


def _balance(blocks, heights, available, tolerance) -> tuple:
    """Split the blocks between two columns so that the taller is as short as possible; a split
    between two sections is preferred when it fits and costs at most `tolerance` of extra
    height. Never straight after a heading. Returns (split, left height, right height)."""
    def column(start, end):
        total = sum(heights[i][1] + blocks[i].space_after for i in range(start, end))
        return total - (blocks[end - 1].space_after if end > start else 0.0)

    options = []
    for k in split_points(blocks):
        left_h, right_h = column(0, k), column(k, len(blocks))
        between = 0 < k < len(blocks) and blocks[k].kind == "heading"
        # Ties go to the fuller left column: text reads from the left.
        options.append((max(left_h, right_h), -k, between, k, left_h, right_h))
    best = min(options)
    between = [o for o in options if o[2] and o[0] <= min(available, best[0] + tolerance)]
    if between:
        best = min(between)
    return best[3], best[4], best[5]


def _measure_sources(sheet, layout, styles, page) -> float:
    if not sheet.references:
        return 0.0
    words = words_for(sheet.language)
    height = _wrapped(page, (Span(words("sources")),), styles["sources"], layout.content_width).height
    height += layout.source_space
    for reference in sheet.references:
        height += _source_paragraph(reference, words, layout, styles, page).height
    return height + layout.source_space * (len(sheet.references) - 1)


def _source_paragraph(reference, words, layout, styles, page):
    """A source, wrapped (once per fit: its markup holds a link, so it is cached here)."""
    key = ("source", reference.number, styles["source"], layout.content_width)
    paragraph = page.wraps.get(key)
    if paragraph is None:
        number, text, url = reference_parts(reference, words)
        body = escape(text) + (link_markup(url, layout.template.colours.primary) if url else "")
        paragraph = page.wraps[key] = Paragraph(body, styles["source"], bulletText=number)
        paragraph.wrap(layout.content_width, 1e6)
    return paragraph


def _compose_sources(sheet, layout, styles, page, y) -> None:
    add = page.items.append
    words = words_for(sheet.language)
    heading = _wrapped(page, (Span(words("sources")),), styles["sources"], layout.content_width)
    add(("para", layout.margin_left, y, heading))
    y += heading.height + layout.source_space
    for reference in sheet.references:
        paragraph = _source_paragraph(reference, words, layout, styles, page)
        add(("para", layout.margin_left, y, paragraph))
        y += paragraph.height + layout.source_space


def _compose_footer(sheet, layout, styles) -> tuple:
    """Items for the footer (rule, disclaimer, contact and provenance), its height, one line?"""
    disclaimer, contact, produced = footer_texts(sheet)
    width, left = layout.content_width, layout.margin_left
    size = layout.small_size
    widths = [stringWidth(t, REGULAR, size) for t in (contact or "", produced)]
    one_line = bool(contact) and sum(widths) + 2 * layout.column_gap <= width
    paragraphs = []
    if disclaimer:
        paragraphs.append([text_paragraph(disclaimer, styles["disclaimer"])])
    if one_line:
        paragraphs.append([text_paragraph(contact, styles["footer"]),
                           text_paragraph(produced, styles["footer-right"])])
    else:
        if contact:
            paragraphs.append([text_paragraph(contact, styles["footer"])])
        paragraphs.append([text_paragraph(produced, styles["footer"])])
    heights = [max(p.wrap(width, 1e6)[1] for p in line) for line in paragraphs]
    height = layout.rule_width + layout.rule_gap * 2 + sum(heights)
    top = layout.page_height - layout.margin_bottom - height
    items = [("line", left, top + layout.rule_width / 2, left + width, layout.rule_width,
              layout.template.colours.primary)]
    y = top + layout.rule_width + layout.rule_gap * 2
    for line, line_h in zip(paragraphs, heights):
        items.extend(("para", left, y, p) for p in line)
        y += line_h
    return items, height, one_line


def render_pdf(sheet, layout, out_path) -> None:
    """Draw the sheet on one page at the layout's size and write it to out_path."""
    font = register_fonts()
    page = layout._page if layout._page is not None and layout._page.sheet is sheet else None
    page = page or compose_page(sheet, layout)
    height = layout.page_height
    canvas = Canvas(str(out_path), pagesize=(layout.page_width, height), invariant=1,
                    pageCompression=1, lang=sheet.language, initialFontName=font)
    _set_timestamp(canvas, sheet)
    canvas.setTitle(sheet.title_text)
    canvas.setAuthor(sheet.organisation or "")
    canvas.setSubject(plain_text(sheet.subtitle) or words_for(sheet.language)("subject"))
    canvas.setKeywords([k for k in (sheet.location, *sheet.keywords) if k])
    canvas.setCreator("factsheet")
    for item in page.items:
        kind = item[0]
        if kind == "para":
            _, x, y, paragraph = item
            paragraph.drawOn(canvas, x, height - y - paragraph.height)
        elif kind == "rect":
            _, x, y, w, h, colour = item
            canvas.setFillColor(HexColor(colour))
            canvas.rect(x, height - y - h, w, h, stroke=0, fill=1)
        elif kind == "line":
            _, x1, y, x2, line_width, colour = item
            canvas.setStrokeColor(HexColor(colour))
            canvas.setLineWidth(line_width)
            canvas.line(x1, height - y, x2, height - y)
        elif kind == "image":
            _, path, x, y, w, h = item
            canvas.drawImage(str(path), x, height - y - h, w, h, mask="auto")
    canvas.showPage()
    canvas.save()


def _set_timestamp(canvas, sheet) -> None:
    """CreationDate/ModDate: SOURCE_DATE_EPOCH, else midnight UTC of the produced date (the same
    instant the DOCX records). ReportLab has no public setter, so its time stamp is adjusted."""
    stamp = getattr(canvas._doc, "_timeStamp", None)
    if stamp is None:  # pragma: no cover - a ReportLab without the attribute keeps invariant time
        return
    seconds = calendar.timegm(document_timestamp(sheet).utctimetuple())
    stamp.t, stamp.lt = seconds, time.gmtime(seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
