"""Charts in right-to-left sheets and charts with Arabic words: measured shaped, mirrored as the page is.

Arabic labels are measured in their joined forms in Noto Sans Arabic (layout/bidi.py) and carry
their shaped runs, so the PDF draws them in visual order (render/pdf_chart.py) and the DOCX
marks them as Arabic. In a right-to-left sheet the chart mirrors as its page does: bars grow
from the right with their labels on the right, the funding bar fills from the right, titles and
sources stand flush right. A trend's time axis keeps running left to right, as Arabic charts
of series usually do (README, "Charts in right-to-left sheets").
"""
from __future__ import annotations

from dataclasses import replace

from ..theme.scripts import RTL_TEXT, script_runs
from .geometry import ChartDot, ChartLine, ChartRect, ChartText, _pt

_TREND_MIRRORED = ("title", "source")   # a trend's plot keeps its time axis left to right


def has_arabic(text: str) -> bool:
    return bool(RTL_TEXT.search(text))


def shaped_runs(text: str, face: str) -> tuple:
    """((shaped text, face), ...) of a text in logical order: its Arabic runs joined and set in
    the Arabic face of `face`, the rest (figures, Latin) in `face`."""
    from ..theme.fonts import register_arabic_fonts
    from .shaping import shape_runs

    arabic_face = register_arabic_fonts()[face]
    parts = script_runs(text)
    shaped = iter(shape_runs([part for part, arabic in parts if arabic]))
    return tuple((next(shaped), arabic_face) if arabic else (part, face) for part, arabic in parts)


def runs_width(runs: tuple, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(text, face, size) for text, face in runs)


def wrap(text: str, face: str, size: float, width: float) -> list:
    """A text with Arabic broken into lines no wider than `width` (a word longer stands alone),
    measured as it is set: shaped, in the Arabic face."""
    from .shaping import text_width

    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, face, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def _right_to_left(text: ChartText) -> ChartText:
    """A label ordered as a right-to-left line, as the sheet's text is ('80,000,000 USD' reads
    figure first in Arabic, as it does in the paragraph above the chart)."""
    from ..theme.fonts import BOLD, REGULAR

    return replace(text, rtl=True, runs=text.runs or ((text.text, BOLD if text.bold else REGULAR),))


def mirror_marks(items: list, width: float, kind: str) -> list:
    """The chart's marks reflected about its vertical centre (a trend: its title and sources
    only), every text ordered right to left."""
    mirrored = []
    for item in items:
        if kind == "trend" and not (isinstance(item, ChartText) and item.role in _TREND_MIRRORED):
            item = _right_to_left(item) if isinstance(item, ChartText) else item
        elif isinstance(item, (ChartText, ChartRect)):   # a text flush with the edge stays in
            item = replace(item, x=max(_pt(width - item.x - item.width), 0.0))
            item = _right_to_left(item) if isinstance(item, ChartText) else item
        elif isinstance(item, ChartDot):
            item = replace(item, x=_pt(width - item.x))
        elif isinstance(item, ChartLine):
            item = replace(item, points=tuple((_pt(width - x), y) for x, y in item.points))
        mirrored.append(item)
    return mirrored
