"""Charts in a right-to-left sheet: bars grow from the right, the funding bar fills from the
right, a trend's time still runs left to right; Arabic labels joined and ordered right to left,
at the layout's places in the PDF (pdftotext -bbox) and the DOCX (DrawingML offsets)."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from factsheet.build.sheet import build_sheet
from factsheet.layout.fit import fit_page
from factsheet.layout.shaping import shape_arabic
from factsheet.layout.geometry import ChartBox, ChartDot, ChartLine, ChartRect, ChartText
from factsheet.render.docx_chart import emu
from factsheet.theme.scripts import RTL_TEXT
from factsheet.theme.template import load_template
from factsheet.validate.rules import check_spec
from factsheet.validate.translation import check_translations

from fixture_specs import with_produced

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "specs" / "examples"
ARABIC = ROOT / "tests" / "data" / "chad-appeal-2004.ar.yaml"   # the Chad appeal, in Arabic
VALUES = {"appeal-initial": 54e6, "appeal-required": 166e6, "unhcr-before": 20e6, "unhcr-now": 105e6}


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    """The Arabic translation of the charts example: its layout, PDF and DOCX."""
    folder = tmp_path_factory.mktemp("rtl-charts")
    shutil.copy(EXAMPLES / "chad-appeal-2004.yaml", folder)
    shutil.copy(ARABIC, folder)
    shutil.copytree(EXAMPLES / "sources", folder / "sources")
    spec = folder / "chad-appeal-2004.yaml"
    sheet, diagnostics = check_spec(spec)
    assert sheet is not None, [str(d) for d in diagnostics]
    (path, translated, found), = check_translations(spec, sheet)
    assert translated is not None and [str(d) for d in found] == []
    template = load_template("default")
    pdf, docx = build_sheet(with_produced(translated), template, folder / "out")[:2]
    layout = fit_page(translated, template)
    charts = {item.kind: item for item in layout.items if isinstance(item, ChartBox)}
    return {"layout": layout, "charts": charts, "pdf": pdf, "docx": docx}


def texts(box, role=None) -> list:
    return [m for m in box.marks if isinstance(m, ChartText) and role in (None, m.role)]


def test_bars_grow_from_the_right_with_their_labels_on_the_right(arabic):
    box = arabic["charts"]["bars"]
    bars = [m for m in box.marks if isinstance(m, ChartRect)]
    axis, = [m for m in box.marks if isinstance(m, ChartLine)]
    zero = axis.points[0][0]
    assert zero > box.width / 2                       # the axis stands on the right
    lengths = [bar.width for bar in bars]
    for bar in bars:
        assert bar.x + bar.width == pytest.approx(zero, abs=0.06)   # every bar ends at zero
    longest = max(VALUES.values())
    for length, value in zip(lengths, VALUES.values()):
        assert length / max(lengths) == pytest.approx(value / longest, abs=0.003)
    labels, values = texts(box, "label"), texts(box, "value")
    assert all(RTL_TEXT.search(label.text) and label.x > zero for label in labels)
    for bar, value in zip(bars, values):
        assert value.x + value.width < bar.x           # each value left of its bar's end
        assert value.x >= 0
    assert all(text.rtl for text in texts(box))


def test_the_funding_bar_fills_from_the_right_and_the_trend_keeps_time_left_to_right(arabic):
    funding = arabic["charts"]["funding"]
    received, gap = [m for m in funding.marks if isinstance(m, ChartRect)]
    assert (received.role, gap.role) == ("received", "gap")
    assert received.x + received.width == pytest.approx(funding.width, abs=0.06)
    assert gap.x == 0 and received.width / funding.width == pytest.approx(80 / 166, abs=0.002)
    trend = arabic["charts"]["trend"]
    march, july = [m for m in trend.marks if isinstance(m, ChartDot)]
    assert march.x < july.x                            # March on the left, as the numbers read
    title, = texts(trend, "title")
    assert title.x + title.width == pytest.approx(trend.width, abs=0.06)   # flush right


def bbox_words(pdf) -> list:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [(html.unescape(w), float(x0), float(y0), float(x1)) for x0, y0, x1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)]


def test_the_pdf_draws_each_bar_s_value_and_label_where_the_layout_put_them(arabic):
    box = arabic["charts"]["bars"]
    words = bbox_words(arabic["pdf"])
    for value in texts(box, "value"):
        top = box.y + value.top
        line = sorted((w for w in words if abs(w[2] - top) < 3 and box.x - 1 < w[1] < box.x + box.width),
                      key=lambda w: w[1])
        number, unit = value.text.split()
        # ordered right to left as the sheet's text is: 'USD' then the figure, from the left edge
        assert [w[0] for w in line][:2] == [unit, number], line
        assert line[0][1] == pytest.approx(box.x + value.x, abs=0.6)
        label_words = [w for w in line if RTL_TEXT.search(w[0])]
        assert label_words, line                        # the Arabic label, on the bar's line
        assert max(w[3] for w in label_words) == pytest.approx(
            box.x + max(t.x + t.width for t in texts(box, "label")
                        if abs(t.top - value.top) < 3), abs=0.8)
    # joined: pdftotext gives the presentation forms drawn, left to right
    drawn = {w[0] for w in words}
    assert shape_arabic("الأولي")[::-1] in drawn and "الأولي"[::-1] not in drawn


def test_the_docx_sets_the_labels_right_to_left_at_the_pdf_s_places(arabic):
    with zipfile.ZipFile(arabic["docx"]) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    box = arabic["charts"]["bars"]
    drawing, = [d for d in re.findall(r"<w:drawing>.*?</w:drawing>", xml, re.S)
                if ">النداء الأولي</w:t>" in d]
    shapes = re.findall(r'<wps:wsp><wps:cNvPr id="\d+" name="(\w+) \d+"/>.*?<a:off x="(-?\d+)" '
                        r'y="(-?\d+)"/><a:ext cx="(\d+)".*?</wps:wsp>', drawing)
    bars = [m for m in box.marks if isinstance(m, ChartRect)]
    offsets = [int(x) for name, x, _y, _cx in shapes if name == "Bar"]
    assert offsets == [emu(bar.x) for bar in bars]
    # each text box exactly the text's width, where the PDF draws it; a label's paragraph ends
    # at the axis (its end, on the left), so a wider Arabic in Word runs away from the bars
    for name, role in (("Label", "label"), ("Value", "value")):
        placed = [(int(x), int(cx)) for shape, x, _y, cx in shapes if shape == name]
        assert placed == [(emu(t.x), emu(t.width)) for t in texts(box, role)]
    first = drawing.index(">النداء الأولي</w:t>")
    paragraph = drawing[drawing.rindex("<w:p>", 0, first):first]
    assert "<w:bidi/>" in paragraph and '<w:jc w:val="right"/>' in paragraph
    assert "<w:rtl/>" in paragraph and 'w:cs="Noto Sans Arabic"' in paragraph
