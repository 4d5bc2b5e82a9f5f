"""Charts read back from what was built: the PDF's drawing operators and text, the DOCX's shapes
and text boxes, against the facts (values as worded, bars from zero, the funding split) and the
one layout both were drawn from."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date

import pypdf
import pytest
from lxml import etree

from factsheet import check_spec
from factsheet.build.sheet import build_sheet
from factsheet.layout.fit import fit_page
from factsheet.layout.geometry import ChartBox, ChartLine, ChartRect
from factsheet.sheet.words import words_for
from factsheet.theme.template import load_template

from fixture_specs import ROOT, spec_variant, with_produced

CHAD = ROOT / "specs" / "examples" / "chad-appeal-2004.yaml"
EPOCH = "1503705600"
STANDARD_14 = ("Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats")
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"}
EMU = 12700


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example with charts, checked, fitted and built to PDF and DOCX."""
    folder = tmp_path_factory.mktemp("charts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        sheet, diagnostics = check_spec(spec_variant(folder / "spec", spec=CHAD))
        assert sheet is not None, diagnostics
        sheet, template = with_produced(sheet), load_template("default")
        layout = fit_page(sheet, template)
        pdf, docx_path = build_sheet(sheet, template, folder / "out", formats=("pdf", "docx"))
    boxes = {box.kind: box for box in layout.items if isinstance(box, ChartBox)}
    facts = {fact.id: fact for fact in sheet.facts}
    return sheet, layout, boxes, facts, pdf, docx_path


def marks(box, kind, role=None):
    return [m for m in box.marks if isinstance(m, kind) and (role is None or m.role == role)]


def pdf_operations(path) -> str:
    return pypdf.PdfReader(path).pages[0].get_contents().get_data().decode("latin-1")


def pdf_rects(path) -> list:
    number = r"(-?[\d.]+)"
    return [tuple(map(float, m)) for m in re.findall(rf"{number} {number} {number} {number} re",
                                                      pdf_operations(path))]


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", pypdf.PdfReader(path).pages[0].extract_text())


def docx_root(path):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def docx_shapes(path) -> dict:
    """Each chart shape's name -> (x, y, width, height) in points, and its text if a text box."""
    shapes = {}
    for shape in docx_root(path).iter(f"{{{NS['wps']}}}wsp"):
        name = shape.find("wps:cNvPr", NS).get("name")
        off, ext = shape.find(".//a:off", NS), shape.find(".//a:ext", NS)
        box = tuple(int(v) / EMU for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
        text = "".join(t.text for t in shape.iter(f"{{{NS['w']}}}t"))
        shapes[name] = (box, text)
    return shapes


# -- the PDF --------------------------------------------------------------------------------

def test_every_value_label_is_the_facts_value_as_worded(built):
    sheet, layout, boxes, facts, pdf, docx_path = built
    words = words_for("en")
    text = pdf_text(pdf)
    for section in sheet.sections:
        for point in section.chart.points:
            assert point.number == words.value(facts[point.fact_id])
            assert point.number in text
    assert "Received: 80,000,000 USD" in text and "Required: 166,000,000 USD" in text
    assert "Gap: 86,000,000 USD" in text and "48% funded" in text   # 166 - 80; 80 / 166
    for label in ("Initial appeal", "Revised appeal", "UNHCR before", "March", "End of July"):
        assert label in text
    assert "Refugees from Darfur in Chad, 2004" in text and "Source: [1]" in text


def test_bars_start_at_zero_and_their_lengths_are_proportional_to_the_values(built):
    sheet, layout, boxes, facts, pdf, _ = built
    bars, chart = boxes["bars"], sheet.sections[1].chart
    drawn = pdf_rects(pdf)
    widths = []
    for rect, point in zip(marks(bars, ChartRect), chart.points):
        x = bars.x + rect.x
        y = layout.page_height - bars.y - rect.y - rect.height
        match = [r for r in drawn if abs(r[0] - x) < 0.01 and abs(r[1] - y) < 0.01]
        assert len(match) == 1, (point.fact_id, x, y)
        widths.append(match[0][2] / facts[point.fact_id].value)
    assert len({round(r.x, 3) for r in marks(bars, ChartRect)}) == 1      # one zero line
    assert max(widths) / min(widths) == pytest.approx(1.0, abs=1e-3)
    axis = marks(bars, ChartLine)[0]
    assert {x for x, _ in axis.points} == {marks(bars, ChartRect)[0].x}


def test_the_funding_bar_splits_at_received_over_required(built):
    sheet, layout, boxes, facts, pdf, _ = built
    funding = boxes["funding"]
    (received,), (gap,) = marks(funding, ChartRect, "received"), marks(funding, ChartRect, "gap")
    drawn = {round(r[2], 2) for r in pdf_rects(pdf)}
    assert round(received.width, 2) in drawn and round(gap.width, 2) in drawn
    share = received.width / (received.width + gap.width)
    assert share == pytest.approx(80 / 166, abs=1e-3)
    assert received.width + gap.width == pytest.approx(funding.width, abs=0.05)


def test_the_trend_line_passes_through_the_points_as_laid_out(built):
    sheet, layout, boxes, facts, pdf, _ = built
    trend = boxes["trend"]
    line = [m for m in marks(trend, ChartLine) if len(m.points) == 2 and m.width > 1][0]
    operations = pdf_operations(pdf)
    (x1, y1), (x2, y2) = [(trend.x + x, layout.page_height - trend.y - y) for x, y in line.points]
    number = r"(-?[\d.]+)"
    segments = [tuple(map(float, m)) for m in
                re.findall(rf"{number} {number} m\s+{number} {number} l", operations)]
    assert any(max(abs(a - b) for a, b in zip(segment, (x1, y1, x2, y2))) < 0.01
               for segment in segments), segments
    # higher on the page for the larger value, from a zero baseline
    march, july = (facts[i].value for i in ("refugees-march", "refugees-july"))
    baseline = marks(trend, ChartLine)[0].points[0][1]
    assert (baseline - line.points[0][1]) / (baseline - line.points[1][1]) == pytest.approx(
        march / july, abs=1e-3)


def test_one_page_in_the_bundled_font_and_no_standard_font(built):
    pdf = built[4]
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        base = str(ref.get_object()["/BaseFont"]).lstrip("/")
        assert not any(std in base for std in STANDARD_14), base
        assert "NotoSans" in base


def test_each_chart_item_carries_its_alt_text_for_tagging(built):
    sheet, layout, boxes, facts, pdf, _ = built
    assert boxes["bars"].alt_text == ("Bar chart, The appeal for Chad, 2004: Initial appeal "
                                      "54,000,000 USD; Revised appeal 166,000,000 USD; UNHCR before "
                                      "20,000,000 USD; UNHCR revised 105,000,000 USD.")
    assert boxes["funding"].alt_text == ("Funding chart, Revised appeal for Chad, August 2004: "
                                         "required 166,000,000 USD; received 80,000,000 USD; gap "
                                         "86,000,000 USD; 48% funded.")
    assert boxes["trend"].alt_text == ("Line chart, Refugees from Darfur in Chad, 2004: March "
                                       "110,000; End of July 200,000.")


# -- the DOCX -------------------------------------------------------------------------------

def test_the_docx_draws_the_same_marks_at_the_same_places(built):
    sheet, layout, boxes, facts, pdf, docx_path = built
    shapes = docx_shapes(docx_path)
    for box in boxes.values():
        rects = marks(box, ChartRect)
        drawn = [s for name, s in shapes.items() if name.split()[0] in ("Bar", "Received", "Gap")]
        for rect in rects:
            assert any(abs(x - rect.x) < 0.01 and abs(y - rect.y) < 0.01 and abs(w - rect.width) < 0.01
                       for (x, y, w, h), _ in drawn), rect
    bars = [s for name, (s, _) in shapes.items() if name.startswith("Bar ")]
    values = [facts[p.fact_id].value for p in sheet.sections[1].chart.points]
    ratios = [w / v for (_, _, w, _), v in zip(bars, values)]
    assert max(ratios) / min(ratios) == pytest.approx(1.0, abs=1e-3)
    (received, _), = [s for n, s in shapes.items() if n.startswith("Received ")]
    (gap, _), = [s for n, s in shapes.items() if n.startswith("Gap ")]
    assert received[2] / (received[2] + gap[2]) == pytest.approx(80 / 166, abs=1e-3)


def test_the_docx_labels_are_text_and_the_alt_text_reads_every_value(built):
    sheet, layout, boxes, facts, pdf, docx_path = built
    texts = {text for _, text in docx_shapes(docx_path).values() if text}
    for section in sheet.sections:
        chart = section.chart
        if chart.kind != "funding":
            assert {p.number for p in chart.points} <= texts
    assert {"Received: 80,000,000 USD", "Gap: 86,000,000 USD", "48% funded"} <= texts
    described = [d.get("descr") for d in docx_root(docx_path).iter(f"{{{NS['wp']}}}docPr")
                 if d.get("name", "").startswith("Chart ")]
    assert described == [box.alt_text for box in (boxes["trend"], boxes["bars"], boxes["funding"])]


def test_rebuilds_are_byte_identical(built, tmp_path, monkeypatch):
    sheet, layout, boxes, facts, pdf, docx_path = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build_sheet(sheet, load_template("default"), tmp_path, formats=("pdf", "docx"))
    assert [p.read_bytes() for p in again] == [pdf.read_bytes(), docx_path.read_bytes()]


def test_libreoffice_lays_the_docx_with_charts_out_on_one_page(built, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    docx_path = built[5]
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=300)
    office = pypdf.PdfReader(tmp_path / docx_path.with_suffix(".pdf").name)
    assert len(office.pages) == 1
    text = re.sub(r"\s+", " ", office.pages[0].extract_text())
    assert "166,000,000 USD" in text and "48% funded" in text


def test_a_sheet_without_charts_lays_out_no_chart():
    from fixture_specs import RAQQA

    sheet, _ = check_spec(RAQQA)
    layout = fit_page(with_produced(sheet), load_template("default"))
    assert not [item for item in layout.items if isinstance(item, ChartBox)]
    assert all(block.kind != "chart" for column in layout.columns for block in column)


def test_a_qualified_fact_prints_its_qualifier_and_derived_funding_says_about():
    from factsheet.sheet.assemble import _Numbering
    from factsheet.sheet.chart import assemble_chart
    from factsheet.sheet.model import Fact, Span

    facts = {"need": Fact("need", 250, "needed", ("s",), "q", None, "million USD"),
             "got": Fact("got", 50, "received", ("s",), "q", "at_least", "million USD"),
             "killed": Fact("killed", 220, "killed", ("s",), "q", "at_least", None, date(2017, 5, 31))}
    words = words_for("en")
    title = lambda raw: (Span(raw),)   # noqa: E731
    funding = assemble_chart({"kind": "funding", "title": "Appeal", "required": "need",
                              "received": "got"}, facts, _Numbering({"s": None}), words, title)
    assert [p.number for p in funding.points] == ["250 million USD", "at least 50 million USD"]
    assert (funding.gap, funding.percent, funding.funded) == ("about 200 million USD", "about 20%", 0.2)
    bars = assemble_chart({"kind": "bars", "title": "Killed", "points": [("killed", None), ("need", "x")]},
                          facts, _Numbering({"s": None}), words, title)
    assert bars.points[0].number == "at least 220" and bars.points[0].label == "killed"
    assert bars.cite == "1"


def test_a_sheet_without_charts_imports_no_chart_module(tmp_path):
    import sys
    import textwrap

    code = textwrap.dedent(f"""
        import sys
        from factsheet import check_spec
        from factsheet.build.sheet import build_sheet
        sheet, _ = check_spec({str(ROOT / 'specs' / 'raqqa-2017.yaml')!r})
        build_sheet(sheet, None, {str(tmp_path)!r}, formats=("pdf", "docx"))
        print(sorted(m for m in sys.modules if "chart" in m))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['factsheet.sheet.chart', 'factsheet.validate.charts']"
