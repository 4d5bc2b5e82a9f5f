"""A chart's marks on the PDF canvas: plain rectangles, lines, dots and strings, as placed.

The layout decided every position (layout/chart.py); this only draws, with the canvas's own
shapes (no ReportLab graphics, so no Helvetica sneaks in) in the sheet's bundled font, so
every label stays text that can be selected and searched.
"""
from __future__ import annotations

from reportlab.lib.colors import HexColor

from ..layout.geometry import ChartDot, ChartLine, ChartRect, ChartText
from ..theme.fonts import BOLD, REGULAR


def draw_chart(canvas, box, page_height: float) -> None:
    """Draw `box` (a ChartBox) on `canvas`, whose y runs up from the page's foot."""
    def at(x, y):
        return box.x + x, page_height - box.y - y

    canvas.saveState()
    for mark in box.marks:
        if isinstance(mark, ChartRect):
            canvas.setFillColor(HexColor(mark.colour))
            left, foot = at(mark.x, mark.y + mark.height)
            canvas.rect(left, foot, mark.width, mark.height, stroke=0, fill=1)
        elif isinstance(mark, ChartLine):
            canvas.setStrokeColor(HexColor(mark.colour))
            canvas.setLineWidth(mark.width)
            canvas.setLineJoin(1)
            path = canvas.beginPath()
            path.moveTo(*at(*mark.points[0]))
            for point in mark.points[1:]:
                path.lineTo(*at(*point))
            canvas.drawPath(path, stroke=1, fill=0)
        elif isinstance(mark, ChartDot):
            canvas.setFillColor(HexColor(mark.colour))
            canvas.circle(*at(mark.x, mark.y), mark.radius, stroke=0, fill=1)
        elif isinstance(mark, ChartText) and mark.runs:
            canvas.setFillColor(HexColor(mark.colour))
            _draw_runs(canvas, mark, *at(mark.x, mark.baseline))
        elif isinstance(mark, ChartText):
            canvas.setFillColor(HexColor(mark.colour))
            canvas.setFont(BOLD if mark.bold else REGULAR, mark.size)
            canvas.drawString(*at(mark.x, mark.baseline), mark.text)
    canvas.restoreState()


def _draw_runs(canvas, mark, x: float, y: float) -> None:
    """A label with Arabic: its shaped runs in visual order (the line's direction the sheet's),
    each in its face, from the left edge the layout measured."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .pdf_bidi import visual_order   # only labels with Arabic load it

    for text, face in visual_order(list(mark.runs), mark.rtl):
        canvas.setFont(face, mark.size)
        canvas.drawString(x, y, text)
        x += stringWidth(text, face, mark.size)
