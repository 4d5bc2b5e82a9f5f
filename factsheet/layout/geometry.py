"""The Layout both renderers draw: every size and box, in points, y down from the page top."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from ..theme.template import Template

SIZE_STEP = 0.5
FIGURE_LEADING = 1.1              # key figures' line pitch, times their size
# The vertical spacing a short sheet may gain on top of a larger size: beyond it, more air
# looks like a page with holes, not a full one.
MAX_STRETCH = 3.0
_SPACINGS = ("paragraph_space", "bullet_space", "section_space", "heading_space", "block_gap",
             "label_gap", "source_space")


def _pt(value: float) -> float:
    """Round to a twip (1/20 pt): Word stores spacing in twips, so both formats agree exactly."""
    return round(value * 20) / 20


def _half(value: float) -> float:
    """Round a font size to half a point: Word stores sizes in half-points."""
    return round(value * 2) / 2


# -- what the PDF draws, in renderer-neutral terms (drawing order matters) ---------------------

@dataclass(frozen=True)
class TextBox:
    """A paragraph set at `role`'s style (at `size` instead of the role's, where given)."""
    role: str
    inline: tuple                 # tuple[Span, ...], as set (typeset, ties applied)
    x: float
    y: float
    width: float
    height: float
    bullet: str | None = None
    link: str | None = None       # a source's web address, set after its text
    size: float | None = None


@dataclass(frozen=True)
class Fill:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Rule:
    x1: float
    y: float
    x2: float
    width: float
    colour: str


@dataclass(frozen=True)
class Picture:
    path: object
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Icon:
    """One of the shipped icons (theme/icons.py), filled in `colour` within its box. `alt` is
    empty for a decorative icon (a key figure's label says what it shows)."""
    name: str
    x: float
    y: float
    width: float
    height: float
    colour: str
    alt: str = ""

    @property
    def decorative(self) -> bool:
        return not self.alt


@dataclass(frozen=True)
class ChartBox:
    """A section's chart (layout/chart.py): every mark placed, relative to the box's top left.
    The PDF draws the marks; the DOCX sets the same marks as one group of shapes."""
    kind: str                     # bars, trend or funding
    x: float
    y: float
    width: float
    height: float
    marks: tuple                  # ChartRect, ChartLine, ChartDot, ChartText, in drawing order
    alt_text: str                 # the title and every value with its label, read aloud


@dataclass(frozen=True)
class ChartRect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    role: str = "bar"             # bar, received, gap: what a test or a tagger looks for


@dataclass(frozen=True)
class ChartLine:
    points: tuple                 # ((x, y), ...)
    width: float
    colour: str


@dataclass(frozen=True)
class ChartDot:
    x: float
    y: float
    radius: float
    colour: str


@dataclass(frozen=True)
class ChartText:
    """One line of text: `x` its left edge, `baseline` its baseline; `top` and `height` the
    line's box (the font's ascent and descent), where the DOCX puts its text box."""
    text: str
    x: float
    baseline: float
    width: float
    top: float
    height: float
    size: float
    bold: bool
    colour: str
    role: str = "label"           # title, label, value, date, source
    runs: tuple = ()              # text with Arabic: ((shaped text, face), ...) in logical order
    rtl: bool = False             # ...ordered for a right-to-left line (layout/chart_rtl.py)
    anchor: str = "start"         # the side that stays put: start, end or middle (of its line)


# -- what the DOCX sets, in the same terms ----------------------------------------------------

@dataclass(frozen=True)
class Tile:
    qualifier: str | None
    number: str                   # ties applied
    label: tuple                  # spans, as set
    icon: Icon | None = None      # drawn on the tile's first line


@dataclass(frozen=True)
class TileRow:
    tile_width: float             # one tile, without the gap between tiles
    inner_width: float            # its text's width, inside the padding
    qualified: bool               # a qualifier line in every tile, so the numbers line up
    tiles: tuple
    icon_line: float = 0.0        # > 0: an icon line this tall (icon_gap below it) in every tile
    icon_gap: float = 0.0


@dataclass(frozen=True)
class Footer:
    disclaimer: str | None
    contact: str | None
    produced: str
    one_line: bool                # contact and 'Produced ...' share one line


@dataclass(frozen=True)
class Layout:
    """The chosen size, the geometry derived from it and every decision made while measuring."""
    template: Template
    body_size: float
    page_width: float
    page_height: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    # type sizes and their line pitch (leading = Word's EXACT line spacing)
    leading: float
    small_size: float             # key figure labels, sources, footer
    small_leading: float
    heading_size: float
    heading_leading: float
    figure_size: float            # the big key numbers
    figure_leading: float
    title_size: float
    title_leading: float
    subtitle_size: float
    subtitle_leading: float
    # spacing
    paragraph_space: float        # after a paragraph
    bullet_space: float           # between bullets
    section_space: float          # after the last paragraph of a section
    heading_space: float          # below a heading's rule
    rule_gap: float               # between a heading's text and its rule (whole points, as Word)
    rule_width: float
    block_gap: float              # between band, key figures, sections and sources
    footer_gap: float             # above the footer's rule
    column_gap: float
    bullet_indent: float
    source_indent: float
    cell_pad_v: float             # key figure cell padding
    cell_pad_h: float
    cell_gap: float               # white line between key figure cells
    band_pad_bottom: float
    band_gap: float               # between the lines of the header band
    label_gap: float              # between a key figure's number and its label
    source_space: float           # between two sources
    safety: float                 # kept free so that the DOCX never spills onto a second page
    # decisions made while measuring
    figure_rows: tuple = ()       # key figures per row, e.g. (3, 3)
    split: int = 0                # number of section blocks in the left column (whole ones)
    split_words: int = 0          # > 0: block `split` is divided, its first split_words words left
    logo_width: float = 0.0       # the logo's box in the band (0 without a logo)
    logo_height: float = 0.0
    header_height: float = 0.0
    figures_height: float = 0.0
    columns_height: float = 0.0
    sources_height: float = 0.0
    footer_height: float = 0.0
    slack: float = 0.0            # free height left on the page at this size
    stretch: float = 1.0          # the vertical spacing's factor (spaced()): > 1 on a short sheet
    stretch_base: object = field(default=None, compare=False, repr=False)   # the unstretched layout
    rtl: bool = False             # a right-to-left sheet: the page mirrors (layout.bidi)
    # the page as set: what each renderer draws
    band: tuple = field(default=(), compare=False, repr=False)      # (role, spans as set), top down
    tile_rows: tuple = field(default=(), compare=False, repr=False)   # TileRow per row
    columns: tuple = field(default=((), ()), compare=False, repr=False)   # (left, right) Blocks
    sources: tuple = field(default=(), compare=False, repr=False)   # ('[1]', text, url or None)
    footer: Footer | None = field(default=None, compare=False, repr=False)
    items: tuple = field(default=(), compare=False, repr=False)     # TextBox, Fill, Rule, Picture, Icon

    @property
    def content_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def column_width(self) -> float:
        return (self.content_width - self.column_gap) / 2

    @property
    def body_bottom(self) -> float:
        """Distance from the page bottom to the lowest point the body may reach (above the footer)."""
        return self.margin_bottom + self.footer_height + self.footer_gap


def size_layout(template: Template, body: float) -> Layout:
    """The sizes and spacing for body size `body`; every one of them scales with it."""
    width, height = template.page_size
    top, right, bottom, left = template.margins
    small = _half(max(body * 0.8, 6.0))
    heading = _half(body * 1.15)
    figure = _half(body * 2.5)
    title = _half(body * 2.1)
    subtitle = _half(body * 1.2)
    leading = _pt(body * 1.32)
    return Layout(
        template=template, body_size=body, page_width=width, page_height=height,
        margin_top=top, margin_right=right, margin_bottom=bottom, margin_left=left,
        leading=leading, small_size=small, small_leading=_pt(small * 1.3),
        heading_size=heading, heading_leading=_pt(heading * 1.25),
        figure_size=figure, figure_leading=_pt(figure * FIGURE_LEADING),
        title_size=title, title_leading=_pt(title * 1.15),
        subtitle_size=subtitle, subtitle_leading=_pt(subtitle * 1.3),
        paragraph_space=_pt(body * 0.6), bullet_space=_pt(body * 0.35),
        section_space=_pt(body * 1.2), heading_space=_pt(body * 0.5),
        rule_gap=float(max(1, round(body * 0.25))), rule_width=0.75,
        block_gap=_pt(body * 1.3), footer_gap=_pt(body * 1.3), column_gap=_pt(body * 2.0),
        bullet_indent=_pt(body * 1.2), source_indent=_pt(small * 2.4),
        cell_pad_v=_pt(body * 0.7), cell_pad_h=_pt(body * 0.9), cell_gap=1.5,
        band_pad_bottom=_pt(body * 1.4), band_gap=_pt(body * 0.4), label_gap=_pt(body * 0.2),
        source_space=_pt(small * 0.3), safety=_pt(leading * 1.5),
        figure_rows=figure_rows(0),
    )


def candidate_sizes(template: Template) -> list:
    """Body sizes to try, largest first: fill, fill - 0.5, ..., max, ..., min."""
    steps = int(round((template.fill_max - template.body_min) / SIZE_STEP))
    return [template.fill_max - i * SIZE_STEP for i in range(steps + 1)]


def with_figure_size(layout: Layout, size: float) -> Layout:
    """The layout with its key figures set at `size`: smaller, for a number too long for its tile."""
    return replace(layout, figure_size=size, figure_leading=_pt(size * FIGURE_LEADING))


def figure_rows(count: int) -> tuple:
    """Key figures per row: up to four side by side, five or six as rows of three."""
    if count <= 4:
        return (count,) if count else ()
    return (3, count - 3)


def tile_width(layout: Layout, count: int) -> float:
    """The width of one key figure tile in a row of `count` (the one place it is worked out)."""
    return (layout.content_width - (count - 1) * layout.cell_gap) / count


def spaced(layout: Layout, factor: float, extra_gap: float = 0.0, extra_foot: float = 0.0) -> Layout:
    """The layout with its vertical spacing times `factor` (twips, as Word stores it), `extra_gap`
    more between the band, key figures, sections and sources (`extra_foot` above the footer),
    and its key figures larger by a quarter as much as the spacing (compose_page keeps each
    number within its tile)."""
    base = layout.stretch_base or layout
    values = {name: _pt(getattr(base, name) * factor) for name in _SPACINGS}
    values["block_gap"] = _pt(base.block_gap * factor + extra_gap)
    values["footer_gap"] = _pt(base.footer_gap * factor + extra_foot)
    grown = with_figure_size(base, _half(base.figure_size * (1 + (factor - 1) / 4)))
    return replace(grown, stretch=factor, stretch_base=base, **values)


@functools.lru_cache(maxsize=16)
def _image_size(path) -> tuple:
    from reportlab.lib.utils import ImageReader   # only a template with a logo pays for it

    return ImageReader(str(path)).getSize()


def logo_box(layout: Layout) -> tuple:
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
