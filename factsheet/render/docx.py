"""Stage 7b, DOCX: the Layout in WordprocessingML, the same geometry as the PDF, line for line.

The package is prepared once per template (docx_package.py); each sheet then only writes its
document, footer, links and properties, so a sheet costs milliseconds, not a reload.
"""
from __future__ import annotations

import math
import re
from html import escape   # not xml.sax.saxutils: it imports urllib.request, 15 ms of start-up

from ..layout.text import gap_size
from ..sheet.model import plain_text
from ..sheet.words import words_for
from ..files import zip_bytes, zip_entry
from . import document_timestamp
from ..theme.scripts import RTL_TEXT, script_runs
from .docx_package import BULLET_STYLE, base_package
from .docx_rtl import arabic_run_properties, mirror_document
from .accessible import logo_alt

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile("[ \t\r\n]+")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
EMU = 12700                               # EMUs per point


def tw(points: float) -> int:
    """Points to twips (the PDF's geometry was rounded to twips, so this is exact)."""
    return int(round(points * 20))


def text(value: str) -> str:
    return escape(_INVALID_XML.sub("", _SPACES.sub(" ", value)), quote=False)


def attr(value: str) -> str:
    return escape(_INVALID_XML.sub("", value), quote=False).replace('"', "&quot;")


def run(value: str, size=None, bold=None, italic=None, colour=None, superscript=False,
        plain=False, url=False, arabic=False) -> str:
    """A w:r with its properties in schema order; `plain` cancels caps and letter spacing a
    branded style might add, so the text keeps its typed form and the PDF's width. Arabic text
    becomes runs of its own, marked right to left (docx_rtl)."""
    if not arabic and not url and RTL_TEXT.search(value):
        return "".join(run(part, size, bold, italic, colour, superscript, plain, url, is_arabic)
                       for part, is_arabic in script_runs(value))
    props = []
    if bold is not None:
        props.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if italic is not None:
        props.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if plain:
        props.append('<w:caps w:val="0"/><w:smallCaps w:val="0"/>')
    if colour:
        props.append(f'<w:color w:val="{colour[1:]}"/>')
    if plain:
        props.append('<w:spacing w:val="0"/>')
    if size:
        props.append(f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>')
    if superscript:
        props.append('<w:vertAlign w:val="superscript"/>')
    if arabic:
        props = arabic_run_properties(props)
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    # A hyphen inside a word never ends a line (ReportLab, the measure, never breaks there):
    # Word's own non-breaking hyphen, which copies as '-'.
    body = text(value) if url else \
        _WORD_HYPHEN.sub('</w:t><w:noBreakHyphen/><w:t xml:space="preserve">', text(value))
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def inline_runs(inline, size, colour=None, plain=False) -> str:
    """Spans as runs: figures bold, citations superscript; never parsed as markup."""
    return "".join(run(s.text, gap_size(size) if s.kind == "gap" else size,
                       bold=True if s.kind == "figure" else None, colour=colour,
                       superscript=s.kind == "cite", plain=plain) for s in inline)


def para(runs: str, style: str, size: float, leading: float, after=0.0, left=0.0, right=0.0,
         hanging=0.0, keep_next=False, num_id=None, border=None, tabs=(), jc="left",
         at_least=False) -> str:
    """A w:p with every spacing and indent set directly: styles give the look, not the geometry."""
    ppr = [f'<w:pStyle w:val="{style}"/>']
    if keep_next:
        ppr.append("<w:keepNext/>")
    ppr.append('<w:widowControl w:val="0"/>')
    if num_id is not None:
        ppr.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    if border:
        side, space, width, colour = border
        other = "bottom" if side == "top" else "top"
        edges = {side: f'<w:{side} w:val="single" w:sz="{round(width * 8)}" w:space="{round(space)}" '
                       f'w:color="{colour[1:]}"/>', other: f'<w:{other} w:val="nil"/>'}
        ppr.append(f"<w:pBdr>{edges['top']}{edges['bottom']}</w:pBdr>")
    else:
        ppr.append('<w:pBdr><w:top w:val="nil"/><w:bottom w:val="nil"/></w:pBdr>')
    if tabs:
        ppr.append("<w:tabs>" + "".join(f'<w:tab w:val="{kind}" w:pos="{tw(pos)}"/>'
                                        for kind, pos in tabs) + "</w:tabs>")
    rule = "atLeast" if at_least else "exact"
    ppr.append(f'<w:spacing w:before="0" w:after="{tw(after)}" w:line="{tw(leading)}" '
               f'w:lineRule="{rule}"/>')
    indent = f'w:hanging="{tw(hanging)}"' if hanging else 'w:firstLine="0"'
    ppr.append(f'<w:ind w:left="{tw(left)}" w:right="{tw(right)}" {indent}/>')
    ppr.append('<w:contextualSpacing w:val="0"/>')
    ppr.append(f'<w:jc w:val="{jc}"/>')
    ppr.append(f'<w:rPr><w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/></w:rPr>')
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>"


def spacer(height: float, style: str) -> str:
    """An empty paragraph exactly `height` tall: the gap between two tables."""
    return para("", style, 1, height)


def cell(content: str, width: float, margins=(0, 0, 0, 0), fill=None, span=1) -> str:
    top, left, bottom, right = margins
    props = [f'<w:tcW w:w="{tw(width)}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill[1:]}"/>')
    props.append(f'<w:tcMar><w:top w:w="{tw(top)}" w:type="dxa"/><w:left w:w="{tw(left)}" '
                 f'w:type="dxa"/><w:bottom w:w="{tw(bottom)}" w:type="dxa"/><w:right '
                 f'w:w="{tw(right)}" w:type="dxa"/></w:tcMar>')
    props.append('<w:vAlign w:val="top"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{content}</w:tc>"


def table(grid, rows, caption, about, indent=0.0, inside=None) -> str:
    """A fixed-layout table: exact column widths, no cell margins of its own, optional white
    inside borders (the gaps between key figure tiles). `caption` and `about` (w:tblCaption,
    w:tblDescription) tell a screen reader what the table is; none has a header row."""
    width = sum(grid)
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right"))
    if inside:
        line_width, colour = inside
        borders += "".join(f'<w:{side} w:val="single" w:sz="{round(line_width * 8)}" w:space="0" '
                           f'w:color="{colour[1:]}"/>' for side in ("insideH", "insideV"))
    else:
        borders += '<w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
    tblpr = (f'<w:tblPr><w:tblW w:w="{tw(width)}" w:type="dxa"/><w:tblInd w:w="{tw(indent)}" '
             f'w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
             '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f'<w:tblCaption w:val="{attr(caption)}"/><w:tblDescription w:val="{attr(about)}"/></w:tblPr>')
    cols = "".join(f'<w:gridCol w:w="{tw(w)}"/>' for w in grid)
    body = "".join(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{row}</w:tr>" for row in rows)
    return f"<w:tbl>{tblpr}<w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>"


class _Writer:
    """Builds document.xml and the footer for one sheet; collects its hyperlinks."""

    def __init__(self, sheet, layout, base):
        self.sheet, self.layout, self.base = sheet, layout, base
        self.colours = layout.template.colours
        self.styles = base.style_ids
        self.links = []
        self.words = words_for(sheet.language)
        self.icons = None             # docx_icon.IconPictures, for a sheet with icons

    def link(self, url: str, size: float) -> str:
        rid = f"rIdFsLink{len(self.links) + 1}"
        self.links.append((rid, url))
        return (f'<w:hyperlink r:id="{rid}" w:history="1">'
                f"{run(url, size, colour=self.colours.primary, url=True)}</w:hyperlink>")

    def document(self) -> str:
        gap = spacer(self.layout.block_gap, self.styles["Normal"])
        parts = [self.band(), gap]
        if self.layout.tile_rows:
            parts += [self.figures(), gap]
        parts.append(self.columns())
        if self.layout.sources:
            parts += [gap, *self.sources()]
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NS}>'
                f"<w:body>{''.join(parts)}{self.section()}</w:body></w:document>")

    def section(self) -> str:
        lay = self.layout
        return (f'<w:sectPr><w:footerReference w:type="default" r:id="{self.base.footer_rid}"/>'
                f'<w:pgSz w:w="{tw(lay.page_width)}" w:h="{tw(lay.page_height)}"/>'
                f'<w:pgMar w:top="0" w:right="{tw(lay.margin_right)}" w:bottom="{tw(lay.body_bottom)}" '
                f'w:left="{tw(lay.margin_left)}" w:header="0" w:footer="{tw(lay.margin_bottom)}" '
                'w:gutter="0"/><w:cols w:space="0"/><w:docGrid w:linePitch="360"/></w:sectPr>')

    def band(self) -> str:
        lay, colours = self.layout, self.colours
        logo_w, logo_h = lay.logo_width, lay.logo_height
        text_w = lay.content_width - (logo_w + lay.column_gap if logo_w else 0)
        muted, white = colours.header_muted, colours.header_text
        roles = {"organisation": ("Normal", lay.small_size, lay.small_leading, True, muted),
                 "title": ("Title", lay.title_size, lay.title_leading, True, white),
                 "subtitle": ("Subtitle", lay.subtitle_size, lay.subtitle_leading, False, white),
                 "meta": ("Normal", lay.small_size, lay.small_leading, True, muted)}
        lines = lay.band
        first_w = lay.margin_left + text_w + (lay.column_gap if logo_w else lay.margin_right)
        paragraphs = []
        for position, (role, inline) in enumerate(lines):
            style, size, leading, bold, colour = roles[role]
            runs = "".join(run(s.text, gap_size(size) if s.kind == "gap" else size, bold=bold,
                               italic=False, colour=colour, plain=True,
                               superscript=s.kind == "cite") for s in inline)
            after = lay.band_gap if position < len(lines) - 1 else 0.0
            # indented on both sides, so a title wraps at the width the PDF gives it
            paragraphs.append(para(runs, self.styles[style], size, leading, after,
                                   left=lay.margin_left, right=first_w - lay.margin_left - text_w))
        margins = (lay.margin_top, 0, lay.band_pad_bottom, 0)
        cells = [cell("".join(paragraphs), first_w, margins, colours.primary)]
        grid = [first_w]
        if logo_w:
            picture = self.base.picture_xml(logo_w * EMU, logo_h * EMU, attr(logo_alt(self.sheet, self.layout.template)))
            cells.append(cell(para(f"<w:r>{picture}</w:r>", self.styles["Normal"], lay.small_size,
                                   logo_h, jc="right", at_least=True, right=lay.margin_right),
                              logo_w + lay.margin_right, margins, colours.primary))
            grid.append(logo_w + lay.margin_right)
        about = self.words("header_table_about_logo" if logo_w else "header_table_about")
        return table(grid, ["".join(cells)], self.words("header_table"), about,
                     indent=-lay.margin_left)

    def figures(self) -> str:
        lay, colours = self.layout, self.colours
        counts = lay.figure_rows
        units = math.lcm(*counts)
        grid = [lay.content_width / units] * units
        rows = []
        for tile_row in lay.tile_rows:
            count = len(tile_row.tiles)
            width = lay.content_width / count   # a grid cell: the tile and its share of the gaps
            inner = tile_row.inner_width
            right = width - inner - lay.cell_pad_h
            cells = []
            for tile in tile_row.tiles:
                content = []
                if tile_row.icon_line:
                    content.append(self.icon_line(tile.icon, tile_row, right))
                if tile_row.qualified:
                    content.append(para(run(tile.qualifier, lay.small_size, colour=colours.muted)
                                        if tile.qualifier else "", self.styles["Key Figure Label"],
                                        lay.small_size, lay.small_leading, left=lay.cell_pad_h,
                                        right=right))
                content.append(para(run(tile.number, lay.figure_size, bold=True, colour=colours.accent,
                                        plain=True), self.styles["Key Figure"], lay.figure_size,
                                    lay.figure_leading, lay.label_gap, lay.cell_pad_h, right))
                content.append(para(inline_runs(tile.label, lay.small_size, colours.text),
                                    self.styles["Key Figure Label"], lay.small_size,
                                    lay.small_leading, left=lay.cell_pad_h, right=right))
                cells.append(cell("".join(content), width, (lay.cell_pad_v, 0, lay.cell_pad_v, 0),
                                  colours.panel, span=units // count))
            rows.append("".join(cells))
        return table(grid, rows, self.words("key_figures"), self.words("figures_table_about"),
                     inside=(lay.cell_gap, "#FFFFFF"))

    def icon_line(self, icon, tile_row, right: float) -> str:
        """The tile's icon line: the picture standing on it (or nothing), as tall as the PDF's."""
        lay = self.layout
        runs = ""
        if icon is not None:
            if self.icons is None:
                from .docx_icon import IconPictures   # only a sheet with icons loads it
                self.icons = IconPictures(self.base)
            runs = f'<w:r><w:rPr><w:sz w:val="2"/></w:rPr>{self.icons.drawing(icon, EMU, attr(icon.alt))}</w:r>'
        # at least the line's height: an exact one would clip the picture, which stands on the
        # baseline; the 1 pt text below the baseline adds a quarter point
        return para(runs, self.styles["Key Figure Label"], 1, tile_row.icon_line - tile_row.icon_gap,
                    tile_row.icon_gap, lay.cell_pad_h, right, at_least=True)

    def columns(self) -> str:
        lay = self.layout
        if lay.rtl:
            return self.rtl_columns()
        cells = []
        for side, chunk in enumerate(lay.columns):
            content = "".join(self.block(b) for b in chunk) or spacer(1, self.styles["Normal"])
            width = lay.column_width + (lay.column_gap if side == 0 else 0)
            cells.append(cell(content, width, (0, 0, 0, lay.column_gap if side == 0 else 0)))
        return table([lay.column_width + lay.column_gap, lay.column_width], ["".join(cells)],
                     self.words("columns_table"), self.words("columns_table_about"))

    def rtl_columns(self) -> str:
        """The columns of a right-to-left sheet with the gap as a cell of its own: Word applies
        cell margins to a mirrored table's start and end, LibreOffice to the page's sides."""
        lay, normal = self.layout, self.styles["Normal"]
        first, second = ("".join(self.block(b) for b in chunk) or spacer(1, normal)
                         for chunk in lay.columns)
        cells = [cell(first, lay.column_width), cell(spacer(1, normal), lay.column_gap),
                 cell(second, lay.column_width)]
        return table([lay.column_width, lay.column_gap, lay.column_width], ["".join(cells)],
                     self.words("columns_table"), self.words("columns_table_about"))

    def block(self, block) -> str:
        lay = self.layout
        if block.kind == "chart":
            from .docx_chart import chart_drawing   # only sheets with charts load it
            self.charts, style = getattr(self, "charts", 0) + 1, self.styles["Normal"]
            drawing = chart_drawing(block.chart, self.charts, lambda mark, jc="left": para(
                run(mark.text, mark.size, bold=mark.bold, colour=mark.colour, plain=True), style,
                mark.size, mark.height, jc=jc))
            # the line is the drawing's height, as the layout measured; a hair of a paragraph mark
            return para(f"<w:r>{drawing}</w:r>", style, 1, block.chart.height, block.space_after,
                        at_least=True)
        if block.kind == "heading":
            return para(inline_runs(block.inline, lay.heading_size, plain=True),
                        self.styles["Heading 1"], lay.heading_size, lay.heading_leading,
                        block.space_after, keep_next=True,
                        border=("bottom", lay.rule_gap, lay.rule_width, self.colours.primary))
        if block.kind == "bullet" and block.continued:   # no bullet: it goes on from the left column
            return para(inline_runs(block.inline, lay.body_size), self.styles["Normal"],
                        lay.body_size, lay.leading, block.space_after, left=lay.bullet_indent)
        if block.kind == "bullet":
            return para(inline_runs(block.inline, lay.body_size), self.styles[BULLET_STYLE],
                        lay.body_size, lay.leading, block.space_after, left=lay.bullet_indent,
                        hanging=lay.bullet_indent, num_id=self.base.bullet_num_id)
        return para(inline_runs(block.inline, lay.body_size), self.styles["Normal"], lay.body_size,
                    lay.leading, block.space_after)

    def sources(self) -> list:
        lay, size = self.layout, self.layout.small_size
        # a Heading 1 like the sections' (a Heading 2 would nest under the last section), at
        # the PDF's small size
        out = [para(run(self.words("sources"), size, bold=True, colour=self.colours.primary,
                        plain=True),
                    self.styles["Heading 1"], size, lay.small_leading, lay.source_space,
                    keep_next=True)]
        for position, (number, body, url) in enumerate(lay.sources):
            runs = (run(number, size, colour=self.colours.muted) + "<w:r><w:tab/></w:r>"
                    + run(body, size, colour=self.colours.muted) + (self.link(url, size) if url else ""))
            last = position == len(lay.sources) - 1
            out.append(para(runs, self.styles["Source List"], size, lay.small_leading,
                            0.0 if last else lay.source_space, left=lay.source_indent,
                            hanging=lay.source_indent, tabs=(("left", lay.source_indent),)))
        return out

    def footer(self) -> str:
        lay, size, muted = self.layout, self.layout.small_size, self.colours.muted
        disclaimer, contact, produced = lay.footer.disclaimer, lay.footer.contact, lay.footer.produced
        style = self.styles["Sheet Footer"]
        lines = []
        if disclaimer:
            lines.append(run(disclaimer, size, italic=True, colour=muted))
        if lay.footer.one_line:
            lines.append(run(contact, size, colour=muted) + "<w:r><w:tab/></w:r>"
                         + run(produced, size, colour=muted))
        else:
            lines += [run(t, size, colour=muted) for t in (contact, produced) if t]
        paragraphs = []
        for position, runs in enumerate(lines):
            rule = ("top", lay.rule_gap * 2, lay.rule_width, self.colours.primary)
            border = rule if position == 0 else None
            paragraphs.append(para(runs, style, size, lay.small_leading, border=border,
                                   tabs=(("right", lay.content_width),)))
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {_NS}>'
                f"{''.join(paragraphs)}</w:ftr>")


def core_xml(sheet) -> str:
    stamp = document_timestamp(sheet).strftime("%Y-%m-%dT%H:%M:%SZ")
    subject = plain_text(sheet.subtitle) or words_for(sheet.language)("subject")
    keywords = ", ".join(k for k in (sheet.location, *sheet.keywords) if k)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{text(sheet.title_text)}</dc:title><dc:subject>{text(subject)}</dc:subject>"
            f"<dc:creator>{text(sheet.organisation or '')}</dc:creator>"
            f"<cp:keywords>{text(keywords)}</cp:keywords><dc:language>{text(sheet.language)}"
            "</dc:language><cp:lastModifiedBy>factsheet</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f"<cp:lastPrinted>{stamp}</cp:lastPrinted>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>")


def render_docx(sheet, layout, out_path) -> None:
    """Write the sheet as a .docx on the template's Word styles, at the layout's sizes."""
    if layout.footer is None:
        raise ValueError("render_docx sets a finished layout: fit the page first (layout.fit.fit_page)")
    base = base_package(layout.template, sheet.language)
    writer = _Writer(sheet, layout, base)
    document, footer = writer.document(), writer.footer()
    if layout.rtl:
        document, footer = mirror_document(document), mirror_document(footer)
    relationships = [f'<Relationship Id="{rid}" Type="{_HYPERLINK}" Target="{attr(url)}" '
                     'TargetMode="External"/>' for rid, url in writer.links]
    if writer.icons:
        relationships += writer.icons.relationships()
    dynamic = {
        "word/document.xml": document,
        base.footer_name: footer,
        "docProps/core.xml": core_xml(sheet),
        "word/_rels/document.xml.rels": base.document_rels(relationships),
    }
    entries = [zip_entry(name, dynamic[name].encode("utf-8")) if name in dynamic else entry
               for name, entry in base.entries]
    if writer.icons:
        from .docx_icon import add_icons
        entries = add_icons(entries, writer.icons)
    with open(out_path, "wb") as handle:
        handle.write(zip_bytes(entries))


# -- the per-template package, prepared once with python-docx -------------------------------
