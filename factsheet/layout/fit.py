"""Stage 6, layout: the fit decision both renderers share, and what to cut when nothing fits.

`fit_page` tries the template's body size and steps down by 0.5 pt to its minimum, measuring
each try with ReportLab's own line breaking (`compose.compose_page`, i.e. `Paragraph.wrap`),
and keeps the largest size that fits on one page, its free height spread over the spacing.
The Layout it returns is finished: the renderers draw it and measure nothing.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ..diagnostics import LayoutError
from ..sheet.model import Span, plain_text
from ..theme.template import Template
from .geometry import MAX_STRETCH, Layout, candidate_sizes, size_layout, spaced
from .text import plan_blocks

GROW_MARGIN = 1.08


def fit_page(sheet, template: Template) -> Layout:
    """The largest body size, up to the template's fill size, at which the whole sheet fits on one
    page, with the room left spread over its vertical spacing; LayoutError if even the smallest
    size overflows. Short sheets thus grow (text, key figures, space) to use their page."""
    from .compose import compose_page   # ReportLab loads only when a page is fitted

    sizes = candidate_sizes(template)
    tried = {}

    def measure(index: int):
        if index not in tried:
            tried[index] = compose_page(sheet, size_layout(template, sizes[index]))
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
    return _stretch(sheet, measure(index))


def _stretch(sheet, page) -> Layout:
    """Spread the page's free height over its vertical spacing, up to MAX_STRETCH times it, and
    the rest over the gaps between the page's parts (band, key figures, sections, sources,
    footer) rather than in one gap at the foot. Usually one more measurement, of paragraphs
    already wrapped; a guess that overflows (a new column split) falls back to less."""
    from .compose import compose_page

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
        stretched = compose_page(sheet, trial)
        if stretched.fits:
            break
    else:
        return layout
    left = stretched.layout.slack
    if trial.block_gap == tries[0].block_gap and left > 2 * layout.leading:
        # the key figures grew less than guessed (their tiles are narrow): give the gaps the rest
        extra += 0.97 * min((left + safety) / gaps, left / (gaps - 1)) if extra == 0 else \
            0.97 * left / gaps
        wider = compose_page(sheet, spaced(layout, factor, extra, max(0.0, extra - safety)))
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
    from .compose import compose_page

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
