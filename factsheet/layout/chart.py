"""A chart's geometry, decided once for both renderers: every bar, point and label placed.

Bars run from zero, their lengths proportional to their facts' values; a trend's points sit at
x proportional to the days between their dates; a funding bar splits at received / required.
Every number printed is the model's (the fact's value as worded, qualifier included). Text is
measured with the bundled font, as the rest of the page is.
"""
from __future__ import annotations

import functools

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..sheet.words import words_for
from ..theme.fonts import BOLD, REGULAR
from .shaping import text_width
from .chart_rtl import has_arabic, mirror_marks, runs_width, shaped_runs, wrap
from .geometry import ChartBox, ChartDot, ChartLine, ChartRect, ChartText, _pt

ASCENT, DESCENT = 1.069, 0.293    # Noto Sans's line box, in ems (hhea): where a text box sits
AXIS_WIDTH = 0.5
LINE_WIDTH = 1.5
TREND_ROWS = 6                    # a trend's plot is this many small lines tall


class _Marks:
    """The marks of one chart as they are placed, top down."""

    def __init__(self, colours, language):
        self.colours, self.items, self.y = colours, [], 0.0
        self.words = words_for(language)

    def text(self, value, x, baseline, size, bold=False, colour=None, role="label", anchor="start"):
        face = BOLD if bold else REGULAR
        runs = shaped_runs(value, face) if has_arabic(value) else ()
        width = runs_width(runs, size) if runs else stringWidth(value, face, size)
        left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
        self.items.append(ChartText(value, _pt(left), _pt(baseline), _pt(width),
                                    _pt(baseline - ASCENT * size), _pt((ASCENT + DESCENT) * size),
                                    size, bold, colour or self.colours.text, role, runs,
                                    anchor=anchor))
        return width

    @staticmethod
    def width(value, size, bold=False) -> float:
        face = BOLD if bold else REGULAR
        return text_width(value, face, size) if has_arabic(value) else stringWidth(value, face, size)

    @staticmethod
    def split(value, size, width, bold=False) -> list:
        face = BOLD if bold else REGULAR
        return wrap(value, face, size, width) if has_arabic(value) else simpleSplit(value, face, size, width)

    def lines(self, value, width, size, leading, bold=False, colour=None, role="label"):
        """Wrapped text from the current y down; the y below it."""
        for line in self.split(value, size, width, bold) or [""]:
            self.text(line, 0.0, self.y + ASCENT * size + (leading - (ASCENT + DESCENT) * size) / 2,
                      size, bold, colour, role)
            self.y += leading


@functools.lru_cache(maxsize=256)
def _chart_marks(chart, width, body, leading, small, small_leading, colours, language,
                 rtl=False) -> tuple:
    marks = _Marks(colours, language)
    marks.lines(chart.title_text, width, body, leading, bold=True, role="title")
    marks.y += small_leading * 0.4
    {"bars": _bars, "trend": _trend, "funding": _funding}[chart.kind](chart, marks, width, small,
                                                                     small_leading)
    marks.y += small_leading * 0.3
    if chart.cite:
        marks.lines(marks.words.chart_sources(chart.cite), width, small, small_leading,
                    colour=colours.muted, role="source")
    items = mirror_marks(marks.items, width, chart.kind) if rtl else marks.items
    return tuple(items), _pt(marks.y)


def chart_box(chart, layout, width: float, language: str) -> ChartBox:
    """The chart set at `layout`'s sizes in a column `width` wide (placed at 0, 0: the columns
    move it to its place)."""
    items, height = _chart_marks(chart, width, layout.body_size, layout.leading, layout.small_size,
                                 layout.small_leading, layout.template.colours, language,
                                 layout.rtl)
    return ChartBox(chart.kind, 0.0, 0.0, width, height, items, chart.alt_text)


def _middle(top, height, size) -> float:
    """The baseline that centres a line of `size` on a box from `top`, `height` tall."""
    return top + height / 2 + (ASCENT - DESCENT) * size / 2


def _bars(chart, marks, width, size, leading) -> None:
    """Horizontal bars in the order written: label | bar from zero | value."""
    gap = _pt(size * 0.6)
    label_w = min(max(marks.width(p.label, size) for p in chart.points), width * 0.35)
    value_w = max(marks.width(p.number, size, bold=True) for p in chart.points)
    zero = _pt(label_w + gap)
    longest = max(width - zero - gap - value_w, width * 0.2)
    top_value = max(p.value for p in chart.points) or 1.0
    thick, pitch = _pt(leading * 0.9), _pt(leading * 0.45)
    start = marks.y
    for point in chart.points:
        lines = marks.split(point.label, size, label_w + 0.01) or [""]
        row = max(thick, len(lines) * leading)
        length = _pt(longest * point.value / top_value)
        bar_top = marks.y + (row - thick) / 2
        marks.items.append(ChartRect(zero, _pt(bar_top), length, thick, marks.colours.primary))
        first = _middle(marks.y, row, size) - (len(lines) - 1) * leading / 2
        for number, line in enumerate(lines):
            marks.text(line, label_w, first + number * leading, size, colour=marks.colours.muted,
                       anchor="end")
        marks.text(point.number, zero + length + gap, _middle(bar_top, thick, size), size, bold=True,
                   role="value")
        marks.y += row + pitch
    marks.y -= pitch
    marks.items.append(ChartLine(((zero, _pt(start)), (zero, _pt(marks.y))), AXIS_WIDTH,
                                 marks.colours.muted))


def _trend(chart, marks, width, size, leading) -> None:
    """A line through the points at their dates, from a zero baseline; each point labelled
    with its value above and its label (or date) below."""
    points = sorted(chart.points, key=lambda p: p.day)
    first, last = points[0].day, points[-1].day
    span = max((last - first).days, 1)
    ends = (points[0], points[-1])
    inset = max(max(marks.width(p.label, size), marks.width(p.number, size, bold=True)) / 2
                for p in ends)
    plot_w = width - 2 * inset
    top = marks.y + leading               # room for the highest point's value
    height = TREND_ROWS * leading
    bottom = top + height
    top_value = max(p.value for p in points) or 1.0
    placed = [(_pt(inset + plot_w * (p.day - first).days / span),
               _pt(bottom - height * p.value / top_value), p) for p in points]
    marks.items.append(ChartLine(((0.0, _pt(bottom)), (_pt(width), _pt(bottom))), AXIS_WIDTH,
                                 marks.colours.muted))
    marks.items.append(ChartLine(tuple((x, y) for x, y, _ in placed), LINE_WIDTH,
                                 marks.colours.primary))
    radius = _pt(size * 0.3)
    rows, ends_at = 1, [-1e9, -1e9]      # dates too close to share a line alternate on two
    for index, (x, y, point) in enumerate(placed):
        marks.items.append(ChartDot(x, y, radius, marks.colours.accent))
        marks.text(point.number, x, y - radius - DESCENT * size - 1, size, bold=True, role="value",
                   anchor="middle")
        label_w = marks.width(point.label, size)
        row = next((r for r in (0, 1) if x - label_w / 2 > ends_at[r] + size * 0.5), 1)
        rows = max(rows, row + 1)
        ends_at[row] = x + label_w / 2
        marks.text(point.label, x, bottom + (row + 1) * leading - DESCENT * size, size,
                   colour=marks.colours.muted, role="date", anchor="middle")
    marks.y = bottom + rows * leading + leading * 0.2


def _funding(chart, marks, width, size, leading) -> None:
    """One bar, split at received / required: received, then the gap; the parts named below."""
    words_of = marks.words
    required, received = chart.points
    thick = _pt(leading * 1.4)
    split = _pt(width * chart.funded)
    if split > 0:
        marks.items.append(ChartRect(0.0, _pt(marks.y), split, thick, marks.colours.primary, "received"))
    if split < width:
        marks.items.append(ChartRect(split, _pt(marks.y), _pt(width - split), thick,
                                     marks.colours.accent, "gap"))
    marks.y += thick + leading * 0.2
    rows = ((words_of("chart_value", label=received.label, value=received.number),
             words_of("chart_value", label=words_of("chart_gap"), value=chart.gap)),
            (words_of("chart_value", label=required.label, value=required.number),
             words_of("chart_funded", percent=chart.percent)))
    for left, right in rows:
        baseline = marks.y + ASCENT * size + (leading - (ASCENT + DESCENT) * size) / 2
        marks.text(left, 0.0, baseline, size, role="value")
        marks.text(right, width, baseline, size, bold=True, role="value", anchor="end")
        marks.y += leading
