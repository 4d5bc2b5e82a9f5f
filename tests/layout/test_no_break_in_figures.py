"""A French figure's narrow no-break spaces ('54 000 000 USD') never break a line of the PDF."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from factsheet.layout.paragraphs import wrapped_paragraph
from factsheet.sheet.model import Span
from factsheet.theme.fonts import REGULAR, register_fonts

NNBSP = "\u202f"


def lines(inline, width) -> list:
    register_fonts()
    style = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
    paragraph = wrapped_paragraph(inline, style, width)
    return ["".join(getattr(word, "text", "") for word in line.words).strip()
            for line in paragraph.blPara.lines]


def test_a_french_figure_stays_on_one_line():
    figure = f"54{NNBSP}000{NNBSP}000{NNBSP}USD"
    inline = (Span("L'appel initial, lancé en mars, demandait ", "text"), Span(figure, "figure"),
              Span(" ; l'appel révisé demande davantage.", "text"))
    for width in range(150, 260, 5):    # wherever the line ends, the figure is whole on one line
        found = [line for line in lines(inline, width) if "54" in line]
        assert found and found[0].replace("\u00a0", " ").find("54 000 000 USD") >= 0, (width, found)
