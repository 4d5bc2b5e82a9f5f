"""The measure of what fits: every paragraph wrapped at a layout's sizes and placed on the page.

ReportLab's own line breaking (`Paragraph.wrap`, in `paragraphs`) is the measurement. Nothing
ReportLab leaves this stage inside the Layout: what is placed is recorded as TextBox, Fill,
Rule and Picture, and the PDF renderer rebuilds its paragraphs with `box_paragraph`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..sheet.model import Span
from ..theme.fonts import BOLD, REGULAR, register_fonts
from .bidi import mirror_items, shape_sheet, sheet_is_rtl, text_width
from .columns import compose_columns
from .geometry import (Fill, Footer, Picture, Rule, TextBox, Tile, TileRow, figure_rows, logo_box,
                       tile_width, with_figure_size)
from .icons import icon_height, icon_line, place_icon
from .paragraphs import (box_paragraph, box_style, page_styles, tied_paragraph, unbreakable,
                         wrapped_paragraph)
from ..sheet.words import words_for
from .text import band_lines, figure_label, footer_texts, reference_parts, tie_text



@dataclass
class Page:
    """A composed page: what to draw where (y measured down from the top), and how full it is."""
    layout: object
    items: list = field(default_factory=list)
    available: float = 0.0        # height left for the section columns
    total_height: float = 0.0     # both columns together
    total_lines: int = 0          # lines of section text
    overflow: float = 0.0         # how far the taller column runs past `available`
    spacing: float = 0.0          # the vertical spacing from the band to the footer (stretchable)
    block_heights: list = field(default_factory=list, repr=False)   # each section block, as set
    band: list = field(default_factory=list, repr=False)            # (role, spans as set)
    tile_rows: list = field(default_factory=list, repr=False)

    @property
    def fits(self) -> bool:
        return self.available > 0 and self.overflow <= 0


def place_box(page, layout, inline, role, x, y, width, tie=False, size=None) -> tuple:
    """Place a paragraph as a box; (its height, its spans as set)."""
    box = TextBox(role, inline, x, y, width, 0.0, size=size)
    style = box_style(layout, box)
    if tie:
        paragraph, inline = tied_paragraph(inline, style, width)
    else:
        paragraph = wrapped_paragraph(inline, style, width)
    page.items.append(replace(box, inline=inline, height=paragraph.height))
    return paragraph.height, inline


# -- the page -----------------------------------------------------------------------------------

def compose_page(sheet, layout) -> Page:
    """Wrap every paragraph at `layout`'s sizes and place it; the result says whether it fits,
    and its layout holds every decision the renderers draw."""
    register_fonts()   # the widths measured are the bundled faces'
    logo_w, logo_h = logo_box(layout)
    layout = replace(layout, figure_rows=figure_rows(len(sheet.key_figures)), logo_width=logo_w,
                     logo_height=logo_h, rtl=sheet_is_rtl(sheet))
    if layout.rtl:
        shape_sheet(sheet)
    figure = _figure_size(sheet, layout)
    # both renderers set the key numbers at this one size, stretched or shrunk
    layout, number_size = with_figure_size(layout, figure), figure
    page = Page(layout)
    band = _compose_band(sheet, layout, page)
    figures_h = _compose_figures(sheet, layout, page, band + layout.block_gap, number_size)
    columns_top = band + layout.block_gap + (figures_h + layout.block_gap if figures_h else 0.0)

    # The footer is anchored to the bottom margin and the sources follow the columns: what is
    # left between them is the room for the sections.
    footer_items, footer_h, footer = _compose_footer(sheet, layout)
    sources_h = _measure_sources(sheet, layout)
    floor = layout.page_height - (layout.margin_bottom + footer_h + layout.footer_gap)
    if sources_h:
        floor -= sources_h + layout.block_gap
    page.available = floor - layout.safety - columns_top

    split, split_words, columns_h, columns = compose_columns(sheet, layout, page, columns_top)
    page.overflow = columns_h - page.available
    if sources_h:
        _compose_sources(sheet, layout, page, columns_top + columns_h + layout.block_gap)
    page.items.extend(footer_items)
    gaps = 1 + bool(figures_h) + bool(sources_h)
    page.spacing += (layout.band_pad_bottom + gaps * layout.block_gap + layout.footer_gap
                     + len(layout.figure_rows) * layout.label_gap
                     + (layout.source_space * len(sheet.references) if sources_h else 0.0))
    page.layout = replace(
        layout, split=split, split_words=split_words,
        header_height=band, figures_height=figures_h, columns_height=columns_h,
        sources_height=sources_h, footer_height=footer_h, slack=page.available - columns_h,
        band=tuple(page.band), tile_rows=tuple(page.tile_rows), columns=columns,
        sources=tuple(reference_parts(r, words_for(sheet.language)) for r in sheet.references),
        footer=footer,
        items=mirror_items(page.items, layout.page_width) if layout.rtl else tuple(page.items))
    return page


def _figure_size(sheet, layout) -> float:
    """The key figures' size: the layout's, or less, by half points down to the body size, until
    every number fits its tile on one line: '2,504,79' over '2' would read as two figures."""
    numbers, figures = [], list(sheet.key_figures)
    for count in layout.figure_rows:
        row, figures = figures[:count], figures[count:]
        inner = tile_width(layout, count) - 2 * layout.cell_pad_h
        numbers += [(figure.number, inner * 0.97) for figure in row]   # Word's metrics may differ a little
    size = layout.figure_size
    while size > layout.body_size and any(stringWidth(unbreakable(n), BOLD, size) > w
                                          for n, w in numbers):
        size -= 0.5
    return size


def _compose_band(sheet, layout, page) -> float:
    """The header band, bleeding off the top and sides of the page; returns its height."""
    left, width = layout.margin_left, layout.content_width
    logo_w, logo_h = layout.logo_width, layout.logo_height
    text_w = width - (logo_w + layout.column_gap if logo_w else 0)
    y = layout.margin_top
    lines = band_lines(sheet)
    for position, (role, inline) in enumerate(lines):
        height, inline = place_box(page, layout, inline, role, left, y, text_w,
                                tie=role in ("title", "subtitle"))
        page.band.append((role, inline))
        y += height
        if position < len(lines) - 1:
            y += layout.band_gap
    band = max(y, layout.margin_top + logo_h) + layout.band_pad_bottom
    page.items.insert(0, Fill(0, 0, layout.page_width, band, layout.template.colours.primary))
    if logo_w:
        page.items.append(Picture(layout.template.logo, left + width - logo_w, layout.margin_top,
                                  logo_w, logo_h))
    return band


def _compose_figures(sheet, layout, page, top, number_size) -> float:
    """The key figures as tiles, rows of up to four (three when five or six); returns the height.
    A row where any figure has a qualifier keeps a qualifier line in every tile, so that the
    big numbers line up."""
    left = layout.margin_left
    figures, y = list(sheet.key_figures), top
    for count in layout.figure_rows:
        row, figures = figures[:count], figures[count:]
        cell_w = tile_width(layout, count)
        inner = cell_w - 2 * layout.cell_pad_h
        qualified = any(f.qualifier for f in row)
        line = icon_line(layout) if any(f.icon for f in row) else 0.0
        icon_gap = line - icon_height(layout) if line else 0.0
        page.spacing += icon_gap   # it stretches with the other gaps
        start, tallest, tiles = len(page.items), 0.0, []
        for column, figure in enumerate(row):
            x = left + column * (cell_w + layout.cell_gap) + layout.cell_pad_h
            cy = y + layout.cell_pad_v
            icon = place_icon(layout, figure.icon, x, cy, inner) if figure.icon else None
            if icon:
                page.items.append(icon)
            cy += line
            if qualified:
                if figure.qualifier:
                    place_box(page, layout, (Span(figure.qualifier),), "qualifier", x, cy, inner)
                cy += layout.small_leading
            number = tie_text(figure.number)
            cy += place_box(page, layout, (Span(number),), "number", x, cy, inner, size=number_size)[0]
            cy += layout.label_gap
            height, label = place_box(page, layout, figure_label(figure), "label", x, cy, inner, tie=True)
            cy += height
            tiles.append(Tile(figure.qualifier or None, number, label, icon))
            tallest = max(tallest, cy - y - layout.cell_pad_v)
        row_h = tallest + 2 * layout.cell_pad_v
        for column in range(count):   # tiles first, so that the text is drawn over them
            x = left + column * (cell_w + layout.cell_gap)
            page.items.insert(start, Fill(x, y, cell_w, row_h, layout.template.colours.panel))
        page.tile_rows.append(TileRow(cell_w, inner, qualified, tuple(tiles), line, icon_gap))
        y += row_h + layout.cell_gap
    return y - layout.cell_gap - top if sheet.key_figures else 0.0


def _sources_heading(sheet) -> tuple:
    return (Span(words_for(sheet.language)("sources")),)


def _source_box(reference, words, layout, y) -> TextBox:
    number, text, url = reference_parts(reference, words)
    box = TextBox("source", (Span(text),), layout.margin_left, y, layout.content_width, 0.0,
                  bullet=number, link=url)
    return replace(box, height=box_paragraph(layout, box).height)


def _measure_sources(sheet, layout) -> float:
    if not sheet.references:
        return 0.0
    styles = page_styles(layout.template, layout.body_size)
    words = words_for(sheet.language)
    height = wrapped_paragraph(_sources_heading(sheet), styles["sources"], layout.content_width).height
    height += layout.source_space
    for reference in sheet.references:
        height += _source_box(reference, words, layout, 0.0).height
    return height + layout.source_space * (len(sheet.references) - 1)


def _compose_sources(sheet, layout, page, y) -> None:
    height, _ = place_box(page, layout, _sources_heading(sheet), "sources", layout.margin_left, y,
                          layout.content_width)
    words = words_for(sheet.language)
    y += height + layout.source_space
    for reference in sheet.references:
        box = _source_box(reference, words, layout, y)
        page.items.append(box)
        y += box.height + layout.source_space


def _compose_footer(sheet, layout) -> tuple:
    """Items for the footer (rule, disclaimer, contact and provenance), its height, Footer."""
    disclaimer, contact, produced = footer_texts(sheet)
    width, left = layout.content_width, layout.margin_left
    size = layout.small_size
    widths = [text_width(t, REGULAR, size) for t in (contact or "", produced)]
    one_line = bool(contact) and sum(widths) + 2 * layout.column_gap <= width
    lines = []
    if disclaimer:
        lines.append([("disclaimer", disclaimer)])
    if one_line:
        lines.append([("footer", contact), ("footer-right", produced)])
    else:
        if contact:
            lines.append([("footer", contact)])
        lines.append([("footer", produced)])
    boxes = []
    for line in lines:
        boxes.append([])
        for role, value in line:
            box = TextBox(role, (Span(value),), left, 0.0, width, 0.0)
            boxes[-1].append(replace(box, height=box_paragraph(layout, box).height))
    heights = [max(box.height for box in line) for line in boxes]
    height = layout.rule_width + layout.rule_gap * 2 + sum(heights)
    top = layout.page_height - layout.margin_bottom - height
    items = [Rule(left, top + layout.rule_width / 2, left + width, layout.rule_width,
                  layout.template.colours.primary)]
    y = top + layout.rule_width + layout.rule_gap * 2
    for line, line_h in zip(boxes, heights):
        items.extend(replace(box, y=y) for box in line)
        y += line_h
    return items, height, Footer(disclaimer, contact, produced, one_line)
