"""The DOCX as a screen reader meets it (issue 15): every example sheet passes the checker in
docx_checker.py (title and language, alt text or decorative pictures, headings that nest,
tables that say what they are), "Sources" sits at the sections' level, the logo's alt text
comes from the template or the organisation, and the text reads in the PDF's order."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docx_checker import NS, check_docx, headings, reading_order
from factsheet.build.sheet import build_sheet
from factsheet.theme.template import load_template
from fixture_specs import ORG_TEMPLATES, RAQQA, ROOT, checked, spec_variant, with_produced

EXAMPLES = {path.stem: path for path in [RAQQA, *sorted(
    p for p in (ROOT / "specs" / "examples").glob("*.yaml") if "." not in p.stem)]}   # not translations
CASES = {**{name: (spec, "default") for name, spec in EXAMPLES.items()},
         "raqqa-2017-branded": (RAQQA, ORG_TEMPLATES / "branded.yaml")}   # with its logo


def build(spec, template, folder) -> tuple:
    sheet = with_produced(checked(spec))
    pdf, docx_path = build_sheet(sheet, load_template(template), Path(folder))
    return pdf, docx_path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y")
    return {name: build(spec, template, root / name) for name, (spec, template) in CASES.items()}


def doc_pr(path):
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [e for e in root.iter(f"{{{NS['wp']}}}docPr") if e.get("name") == "Logo"]


@pytest.mark.parametrize("case", list(CASES))
def test_every_example_docx_passes_the_accessibility_checker(built, case):
    assert check_docx(built[case][1]) == []


@pytest.mark.parametrize("case", list(CASES))
def test_sources_is_a_top_level_heading_like_the_sections(built, case):
    found = headings(built[case][1])
    assert found[0][0] == 0                            # the title
    assert found[-1] == (1, "Sources")
    assert {level for level, _ in found[1:]} == {1}


def test_the_branded_logo_is_named_after_the_organisation(built):
    (picture,) = doc_pr(built["raqqa-2017-branded"][1])
    assert picture.get("descr") == "Humanitarian Information Unit logo"


def test_a_template_gives_the_logo_its_own_alt_text(tmp_path):
    template = tmp_path / "templates" / "alt.yaml"
    template.parent.mkdir()
    shutil.copyfile(ORG_TEMPLATES / "branded-logo.png", template.parent / "branded-logo.png")
    template.write_text('logo: branded-logo.png\nlogo_alt: "Blue wave: Example & Co."\n', encoding="utf-8")
    _, docx_path = build(RAQQA, template, tmp_path / "out")
    (picture,) = doc_pr(docx_path)
    assert picture.get("descr") == "Blue wave: Example & Co."
    assert check_docx(docx_path) == []


def test_a_logo_without_alt_text_or_organisation_is_marked_decorative(tmp_path):
    spec = spec_variant(tmp_path / "spec", ("organisation: Humanitarian Information Unit\n", ""))
    _, docx_path = build(spec, ORG_TEMPLATES / "branded.yaml", tmp_path / "out")
    (picture,) = doc_pr(docx_path)
    assert picture.get("descr") is None
    decorative = picture.find("a:extLst/a:ext/adec:decorative", NS)
    assert decorative is not None and decorative.get("val") == "1"
    assert check_docx(docx_path) == []


def test_a_non_text_logo_alt_is_refused_at_its_line(tmp_path):
    from factsheet.diagnostics import InvalidSpec
    template = tmp_path / "bad.yaml"
    template.write_text("page: A4\nlogo_alt: [a, b]\n", encoding="utf-8")
    with pytest.raises(InvalidSpec) as caught:
        load_template(template)
    assert "logo_alt must be a text" in str(caught.value.diagnostics[0])
    assert caught.value.diagnostics[0].line == 2


@pytest.mark.parametrize("case", list(CASES))
def test_the_docx_reads_in_the_pdfs_order(built, case):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's order cannot be read")
    pdf, docx_path = built[case]
    # the PDF draws in reading order (pdftotext -raw keeps it); its bullets are drawn characters,
    # the DOCX's are Word's numbering; spaces and line ends differ by design; the PDF's citation
    # markers read as '[1]' (their /ActualText), the DOCX's as a raised 1
    drawn = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                           text=True, encoding="utf-8").stdout
    drawn = re.sub(r"(?<!:) \[([\d,]+)\]", r"\1", drawn)   # not a chart's printed "Source: [1]"

    def letters(text):
        return re.sub(r"\s+", "", text.replace("\u2022", "").replace("\u2011", "-"))

    assert letters("".join(reading_order(docx_path))) == letters(drawn)


def test_the_checker_finds_what_it_looks_for(built, tmp_path):
    """Break a good DOCX in each way the checker knows, and see each one reported."""
    source = built["raqqa-2017-branded"][1]
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(broken, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r' descr="[^"]*"', "", text)
                text = re.sub(r"<w:tblCaption [^>]*/><w:tblDescription [^>]*/>", "", text, count=1)
                text = text.replace('w:val="Heading1"', 'w:val="Heading3"', 1)
                data = text.encode("utf-8")
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<dc:language>[^<]*</dc:language>", b"", data)
            out.writestr(item, data)
    problems = check_docx(broken)
    assert problems[0] == "core properties: no dc:language"
    assert problems[1] == "picture 1 (Logo): no alt text and not marked decorative"
    assert problems[2] == "heading level 3 after level 0 skips a level: 'Situation'"
    assert problems[3] == "table 1: no caption or description (w:tblCaption, w:tblDescription)"
    assert len(problems) == 4


def captions(path) -> list:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    w = f"{{{NS['w']}}}"
    return [(tbl.find(f"{w}tblPr/{w}tblCaption").get(f"{w}val"),
             tbl.find(f"{w}tblPr/{w}tblDescription").get(f"{w}val")) for tbl in root.iter(f"{w}tbl")]


def test_each_table_says_what_it_is_and_the_key_figures_have_no_header_row(built):
    plain, branded = captions(built["raqqa-2017"][1]), captions(built["raqqa-2017-branded"][1])
    assert [caption for caption, _ in plain] == ["Sheet header", "Key figures", "Sheet text"]
    assert plain[0][1] == "Layout table: the band at the top, with the sheet's title"
    assert branded[0][1] == "Layout table: the band at the top, with the sheet's title and the logo"
    assert plain[1][1].endswith("no header row")
    assert plain[2][1].startswith("Layout table")
    with zipfile.ZipFile(built["raqqa-2017"][1]) as package:
        assert b"w:tblHeader" not in package.read("word/document.xml")
