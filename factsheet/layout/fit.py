"""Stage 4, layout: the fit decision both renderers share (body size, derived sizes, column split).

`fit_page` tries the template's body size and steps down by 0.5 pt to its minimum, measuring
each try with ReportLab's own line breaking (`render.pdf.compose_page`, i.e. `Flowable.wrap`),
and keeps the largest size that fits on one page. The DOCX mirrors the chosen geometry.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace

from ..diagnostics import LayoutError
from ..sheet.model import Span, plain_text
from ..sheet.words import words_for
from ..spec.dates import MONTHS
from ..theme.template import Template

SIZE_STEP = 0.5
FIGURE_LEADING = 1.1              # key figures' line pitch, times their size


NBSP = "\u00a0"
# Units and scale words that stay on the line of their number ('5 km', '1.2 million', 'USD 40').
_UNITS = ("thousand|million|billion|trillion|per cent|percent|km²|km2|km|m²|m2|m|cm|mm|kg|g|t|"
          "tonnes|tons|MT|ha|hectares|l|litres|liters|°C|%|USD|EUR|GBP|CHF|US\\$|\\$|€|£")
_MONTH = "|".join(MONTHS + tuple(m[:3] for m in MONTHS))
_TIES = (
    re.compile(rf"(?<![\w.,])(\d{{1,2}}) (?=(?:{_MONTH})\b)"),          # 7 October
    re.compile(rf"\b((?:{_MONTH})\.?) (?=\d{{1,2}}\b)"),                # October 7
    re.compile(rf"(\d) (?=(?:{_UNITS})(?!\w))"),                       # 5 km, 1.2 million
    re.compile(rf"(?<!\w)((?:{_UNITS})) (?=\d)"),                        # USD 40
    re.compile(r"(\d) (?=\d{3}(?!\d))"),                                # 20 000
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")


def _pt(value: float) -> float:
    """Round to a twip (1/20 pt): Word stores spacing in twips, so both formats agree exactly."""
    return round(value * 20) / 20


def _half(value: float) -> float:
    """Round a font size to half a point: Word stores sizes in half-points."""
    return round(value * 2) / 2


@dataclass(frozen=True)
class Block:
    """One paragraph of the sections, as both renderers set it."""
    kind: str                     # 'heading', 'paragraph' or 'bullet'
    inline: tuple                 # tuple[Span, ...]
    space_after: float            # points below it (0 at the foot of a column)
    section: int                  # index of its section
    continued: bool = False       # the rest of a paragraph that began at the foot of the left column


def divide_block(block: Block, words: int) -> tuple:
    """(its first `words` words, the rest as a continued block), split at a space where a line
    may break: a paragraph that continues from the left column into the right."""
    count = 0
    for position, span in enumerate(block.inline):
        if span.kind in ("cite", "gap"):
            continue
        for space in re.finditer(" +", span.text):
            count += 1
            if count == words:
                head = span.text[:space.start()]
                tail = span.text[space.end():]
                first = block.inline[:position] + ((Span(head, span.kind),) if head else ())
                rest = ((Span(tail, span.kind),) if tail else ()) + block.inline[position + 1:]
                return (replace(block, inline=first, space_after=0.0),
                        replace(block, inline=rest, continued=True))
    return block, None


@dataclass(frozen=True)
class Layout:
    """The chosen size and the geometry derived from it (points; y grows down from the page top)."""
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
    footer_one_line: bool = True  # contact and 'Produced ...' share one footer line
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
    ties: dict = field(default_factory=dict, compare=False, repr=False)   # inline -> last words tied
    _page: object = field(default=None, compare=False, repr=False)   # measured PDF page, reused

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

    def tied(self, inline: tuple) -> tuple:
        """A title, label or heading as set: its last two words tied where the fit chose to."""
        return self.ties.get(inline, inline)

    @property
    def left_count(self) -> int:
        """How many of `blocks()` are in the left column."""
        return self.split + (1 if self.split_words else 0)

    def blocks(self, sheet) -> list:
        """The section blocks, spaced, a paragraph that continues into the right column divided
        in two; space after the last block of each column is dropped."""
        blocks = plan_blocks(sheet, self)
        if self.split_words:
            first, rest = divide_block(blocks[self.split], self.split_words)
            blocks[self.split:self.split + 1] = [first] + ([rest] if rest else [])
        for end in (self.left_count, len(blocks)):
            if 0 < end <= len(blocks):
                blocks[end - 1] = replace(blocks[end - 1], space_after=0.0)
        return blocks


def tie_text(text: str) -> str:
    """No line break between a day and its month or a number and its unit: no-break spaces."""
    for pattern in _TIES:
        text = pattern.sub(lambda m: m.group(1) + NBSP, text)
    return text


def gap_size(size: float) -> float:
    """The size of the no-break space before a citation marker: a hair's width, half-points."""
    return _half(max(size * 0.3, 1.0))


@functools.lru_cache(maxsize=4096)
def typeset(inline: tuple) -> tuple:
    """Spans as both renderers set them: ties (tie_text); a figure that starts a sentence with a
    capital ('More than 176,400 people'); and before each citation marker a 'gap' span, a
    no-break space set at gap_size, so that text copied from the PDF or DOCX reads '20,000 1',
    never '20,0001', while the marker still hugs its word."""
    out = []
    for position, span in enumerate(inline):
        if span.kind == "cite":
            out += [Span(NBSP, "gap"), span]
            continue
        text = tie_text(span.text)
        if span.kind == "figure" and text[:1].islower():
            before = "".join(s.text for s in inline[:position] if s.kind != "cite")
            if not before.strip() or _SENTENCE_END.search(before):
                text = text[0].upper() + text[1:]
        out.append(Span(text, span.kind))
    return tuple(out)


def tie_last_words(inline: tuple) -> tuple:
    """The inline with its last two words joined by a no-break space: a title or label never
    ends with one word alone on its line (the fit keeps this only where no line is added)."""
    for position in range(len(inline) - 1, -1, -1):
        span = inline[position]
        if span.kind in ("cite", "gap"):
            continue
        head, space, tail = span.text.rstrip().rpartition(" ")
        if not space or not head.strip() or not tail:
            return inline
        tied = Span(head + NBSP + tail + span.text[len(span.text.rstrip()):], span.kind)
        return inline[:position] + (tied,) + inline[position + 1:]
    return inline


def figure_label(figure) -> tuple:
    """A key figure's label with its citation marker, typeset."""
    return typeset(figure.label + ((Span(figure.cite, "cite"),) if figure.cite else ()))


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


def with_figure_size(layout: Layout, size: float) -> Layout:
    """The layout with its key figures set at `size`: smaller, for a number too long for its tile."""
    return replace(layout, figure_size=size, figure_leading=_pt(size * FIGURE_LEADING))


def figure_rows(count: int) -> tuple:
    """Key figures per row: up to four side by side, five or six as rows of three."""
    if count <= 4:
        return (count,) if count else ()
    return (3, count - 3)


def plan_blocks(sheet, layout: Layout) -> list:
    """Every heading, paragraph and bullet of the sections, with the space that follows it."""
    blocks = []
    for index, section in enumerate(sheet.sections):
        blocks.append(Block("heading", typeset(section.heading), layout.heading_space, index))
        body = [("paragraph", p) for p in section.paragraphs] + [("bullet", b) for b in section.bullets]
        for position, (kind, inline) in enumerate(body):
            last = position == len(body) - 1
            following = None if last else body[position + 1][0]
            if last:
                space = layout.section_space
            elif kind == "bullet" and following == "bullet":
                space = layout.bullet_space
            else:
                space = layout.paragraph_space
            blocks.append(Block(kind, typeset(inline), space, index))
        if not body:
            blocks[-1] = replace(blocks[-1], space_after=layout.section_space)
    return blocks


def band_lines(sheet) -> list:
    """The header band, top to bottom, as (role, inline): organisation, title, subtitle, meta."""
    lines = []
    if sheet.organisation:
        lines.append(("organisation", (Span(sheet.organisation),)))
    lines.append(("title", typeset(sheet.title)))
    if sheet.subtitle:
        lines.append(("subtitle", typeset(sheet.subtitle)))
    meta = " | ".join(part for part in (sheet.location, words_for(sheet.language).as_of(sheet.as_of))
                      if part)
    lines.append(("meta", (Span(meta),)))
    return lines


def footer_texts(sheet) -> tuple:
    """(disclaimer or None, 'Contact: ...' or None, 'Produced 25 August 2017 from x.yaml')."""
    words = words_for(sheet.language)
    contact = words("contact", contact=sheet.contact) if sheet.contact else None
    return (sheet.disclaimer or None, contact, words.produced(sheet.produced, sheet.spec_path.name))


def reference_parts(reference, words) -> tuple:
    """('[1]', 'Publisher, "Title", 6 June 2017, ', url or None): the link is set apart."""
    text, url = words.reference(reference.source), reference.source.url
    if url and text.endswith(url):
        return (f"[{reference.number}]", text[:-len(url)], url)
    return (f"[{reference.number}]", text, None)


def split_points(blocks) -> list:
    """Where the columns may break: never straight after a heading (no orphaned headings)."""
    return [k for k in range(len(blocks) + 1)
            if k in (0, len(blocks)) or blocks[k - 1].kind != "heading"]


def candidate_sizes(template: Template) -> list:
    """Body sizes to try, largest first: fill, fill - 0.5, ..., max, ..., min."""
    steps = int(round((template.fill_max - template.body_min) / SIZE_STEP))
    return [template.fill_max - i * SIZE_STEP for i in range(steps + 1)]


# The vertical spacing a short sheet may gain on top of a larger size: beyond it, more air
# looks like a page with holes, not a full one.
MAX_STRETCH = 3.0
GROW_MARGIN = 1.08
_SPACINGS = ("paragraph_space", "bullet_space", "section_space", "heading_space", "block_gap",
             "label_gap", "source_space")


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


def fit_page(sheet, template: Template) -> Layout:
    """The largest body size, up to the template's fill size, at which the whole sheet fits on one
    page, with the room left spread over its vertical spacing; LayoutError if even the smallest
    size overflows. Short sheets thus grow (text, key figures, space) to use their page."""
    from ..render.pdf import compose_page   # the PDF engine is the measure of what fits

    sizes = candidate_sizes(template)
    tried, wraps = {}, {}

    def measure(index: int):
        if index not in tried:
            tried[index] = compose_page(sheet, size_layout(template, sizes[index]), wraps)
        return tried[index]

    # Start at the template's usual size, then go where what is left (or what overflowed) says
    # the fit should be. Shrinking, walk to the largest size that fits; growing, the predicted
    # size is enough: the stretch fills what half a point more would have.
    start = sizes.index(template.body_max)
    index = _predict(measure(start), sizes)
    if measure(index).fits:
        while index > start and measure(index - 1).fits:
            index -= 1
    else:
        while index < len(sizes) - 1 and not measure(index).fits:
            index += 1
        if not measure(index).fits:
            raise overflow_error(sheet, measure(len(sizes) - 1))
    return _stretch(sheet, measure(index), wraps)


def _stretch(sheet, page, wraps) -> Layout:
    """Spread the page's free height over its vertical spacing, up to MAX_STRETCH times it, and
    the rest over the gaps between the page's parts (band, key figures, sections, sources,
    footer) rather than in one gap at the foot. Usually one more measurement, of paragraphs
    already wrapped; a guess that overflows (a new column split) falls back to less."""
    from ..render.pdf import compose_page

    layout = page.layout
    if layout.slack <= layout.leading or page.spacing <= 0:
        return layout
    want = 0.97 * layout.slack
    # per unit of factor: the spacing, and the key figures' lines growing a quarter as much
    rate = page.spacing + len(layout.figure_rows) * layout.figure_leading / 4
    factor = min(MAX_STRETCH, 1.0 + want / rate)
    left, safety = want - (factor - 1.0) * rate, layout.safety
    # the room kept free below the columns (`safety`, for Word) already widens the last gap
    gaps = 2 + bool(sheet.key_figures) + bool(sheet.references)
    extra = max(0.0, min((left + safety) / gaps, left / (gaps - 1)))
    tries = [spaced(layout, factor, extra, max(0.0, extra - safety)), spaced(layout, factor),
             spaced(layout, 1.0 + (factor - 1.0) / 2)]
    for trial in tries:
        stretched = compose_page(sheet, trial, wraps)
        if stretched.fits:
            break
    else:
        return layout
    left = stretched.layout.slack
    if trial.block_gap == tries[0].block_gap and left > 2 * layout.leading:
        # the key figures grew less than guessed (their tiles are narrow): give the gaps the rest
        extra += 0.97 * min((left + safety) / gaps, left / (gaps - 1)) if extra == 0 else \
            0.97 * left / gaps
        wider = compose_page(sheet, spaced(layout, factor, extra, max(0.0, extra - safety)), wraps)
        if wider.fits:
            return wider.layout
    return stretched.layout


def _predict(page, sizes) -> int:
    """The index of the largest size expected to fit, scaling what overflowed (or was left) at
    the measured size: text height grows with the square of the size (taller lines, fewer
    words per line), the band, figures, sources and footer linearly, the margins not at all."""
    layout = page.layout
    fixed = layout.margin_top + layout.margin_bottom
    scaled = layout.page_height - page.available - fixed
    needed = page.available + page.overflow
    if page.available <= 0:
        return len(sizes) - 1
    for index, size in enumerate(sizes):
        ratio = size / layout.body_size
        # growing, guess low (a miss costs a measurement; the stretch fills what is left)
        margin = GROW_MARGIN if ratio > 1 else 1.0
        if needed * ratio ** 2 * margin <= layout.page_height - fixed - scaled * ratio:
            return index
    return len(sizes) - 1


def overflow_error(sheet, page) -> LayoutError:
    """What to cut, tried: 'sections overflow the page by about 9 lines at 7.5 pt: cut about 110
    words from 'Needs''. The sections named are those that do not fit when the columns are
    filled in reading order; the number of words is one that, cut from the end of those
    sections, was measured to make the sheet fit (plus a line's worth, for cuts elsewhere)."""
    layout = page.layout
    size = f"{layout.body_size:g} pt"
    if page.available <= 0:
        lines = max(1, math.ceil(-page.available / layout.leading))
        return LayoutError(f"the header, key figures, sources and footer alone overflow the page "
                           f"by about {_lines(lines)} at {size}: shorten the title, key figure "
                           "labels or sources")
    # Columns are balanced, so cutting n lines of text shortens each column by about n/2.
    excess = page.total_height - 2 * page.available
    lines = math.ceil(excess / layout.leading) if excess > 0 else \
        math.ceil(page.overflow / layout.leading)
    lines = max(1, lines)
    words = sum(len(plain_text(b.inline).split()) for b in plan_blocks(sheet, layout))
    per_line = words / max(1, page.total_lines)
    cut, reached = _enough_cut(sheet, layout, per_line, lines, words)
    sections = sorted(set(_overflowing(sheet, page)) | reached)
    names = [f"'{plain_text(sheet.sections[i].heading)}'" for i in sections]
    where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    advice = f"cut about {cut} words from {where}" if cut else "cut some of the sections"
    return LayoutError(f"sections overflow the page by about {_lines(lines)} at {size}: {advice}",
                       sections)


def _round5(value: float) -> int:
    return max(5, int(math.ceil(value / 5.0)) * 5)


def _enough_cut(sheet, layout, per_line: float, lines: int, total: int) -> tuple:
    """(words, sections cut into): a number of words, from `lines` lines' worth up, whose cut
    from the end of the sections was measured to let the sheet fit, plus a line's worth for a
    cut elsewhere in them; (0, set()) if even cutting every word would not do."""
    from ..render.pdf import compose_page

    base = size_layout(layout.template, layout.body_size)
    count, step = lines * per_line, max(5.0, 2 * per_line)
    while _round5(count) < total:
        cut, reached = cut_words(sheet, _round5(count))
        if compose_page(cut, base).fits:
            return _round5(_round5(count) + per_line), reached
        count += step
    return 0, set()


def cut_words(sheet, count: int) -> tuple:
    """The sheet with `count` words cut from the end of its sections (last bullet first; a
    figure counts as one word), and the indices of the sections cut into."""
    sections, reached = list(sheet.sections), set()
    for index in range(len(sections) - 1, -1, -1):
        if count <= 0:
            break
        section = sections[index]
        items = [("paragraphs", n) for n in range(len(section.paragraphs))] + \
                [("bullets", n) for n in range(len(section.bullets))]
        parts = {"paragraphs": list(section.paragraphs), "bullets": list(section.bullets)}
        for kind, n in reversed(items):
            if count <= 0:
                break
            parts[kind][n], count = _cut_inline(parts[kind][n], count)
            reached.add(index)
        sections[index] = replace(section, paragraphs=tuple(p for p in parts["paragraphs"] if p),
                                  bullets=tuple(b for b in parts["bullets"] if b))
    return replace(sheet, sections=tuple(sections)), reached


def _cut_inline(inline, count: int) -> tuple:
    spans = list(inline)
    while spans and count > 0:
        span = spans.pop()
        if span.kind == "cite":
            continue
        words = span.text.split()
        if span.kind == "figure" or len(words) <= count:
            count -= 1 if span.kind == "figure" else len(words)
            continue
        spans.append(Span(" ".join(words[:len(words) - count]), span.kind))
        count = 0
    return (tuple(spans) if any(s.kind != "cite" and s.text.strip() for s in spans) else ()), count


def _overflowing(sheet, page) -> list:
    """The sections whose blocks do not fit when the left column is filled, then the right."""
    blocks, heights = plan_blocks(sheet, page.layout), page.block_heights
    column, y = 0, 0.0
    for i, block in enumerate(blocks):
        top = y + (blocks[i - 1].space_after if y > 0 else 0.0)
        if top + heights[i] <= page.available:
            y = top + heights[i]
        elif column == 0 and i > 0:
            column, y = 1, heights[i]
        else:
            return sorted({b.section for b in blocks[i:]})
    return [blocks[-1].section] if blocks else []


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"
