"""Right-to-left text in the tagged PDF (issues 13 and 15): each element drawn in visual order
and joined letter forms carries /ActualText with its words as written (logical order, plain
letters, citations as ' [1]'), and /Lang where its language is not the document's."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pikepdf
import pytest
import yaml

from factsheet.build.sheet import build_sheet
from factsheet.cli import main
from factsheet.theme.template import load_template

from fixture_specs import ROOT, checked, spec_variant, with_produced

ARABIC = Path(__file__).resolve().parent.parent / "fixtures" / "arabic" / "raqqa-ar.yaml"
EPOCH = "1503705600"


def elements(pdf_path: Path) -> list:
    """(role, /ActualText, /Lang) of every structure element, in tree order."""
    found = []

    def walk(element):
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            found.append((str(element.S)[1:], str(element.get("/ActualText", "")) or None,
                          str(element.get("/Lang", "")) or None))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    with pikepdf.open(pdf_path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


def presentation_forms(text: str) -> list:
    return [char for char in text if "ARABIC" in unicodedata.name(char, "")
            and unicodedata.name(char).endswith(("FORM", "ISOLATED FORM", "FINAL FORM"))]


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        sheet = with_produced(checked(ARABIC, warnings=("stale",)))
        (pdf,) = build_sheet(sheet, load_template("default"), tmp_path_factory.mktemp("ar"),
                             formats=("pdf",))
    return sheet, pdf


def test_the_arabic_title_reads_as_written_in_the_spec(arabic_pdf):
    sheet, pdf = arabic_pdf
    tree = [(role, text and " ".join(text.split()), lang) for role, text, lang in elements(pdf)]
    assert ("H1", "الرقة: مدنيون محاصرون مع بدء معركة المدينة", None) in tree
    assert ("P", "وحدة المعلومات الإنسانية", None) in tree   # same language as the document


def test_every_arabic_element_reads_in_plain_letters_with_its_citations(arabic_pdf):
    _, pdf = arabic_pdf
    actual = [text for _, text, _ in elements(pdf) if text]
    assert len(actual) > 20
    assert not [text for text in actual if presentation_forms(text)]
    cited = [text for text in actual if text.endswith("]") and "  [" not in text]
    assert cited and all(" [" in text for text in cited)


def test_the_arabic_translation_built_by_the_command_reads_in_logical_order(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["build", str(ROOT / "specs" / "raqqa-2017.yaml"), "--out", str(tmp_path)]) == 0
    title = yaml.safe_load((ROOT / "specs" / "raqqa-2017.ar.yaml").read_text("utf-8"))["title"]
    # the layout ties a paragraph's last two words with a no-break space
    assert ("H1", title, None) in [(role, text and " ".join(text.split()), lang)
                                   for role, text, lang in elements(tmp_path / "raqqa-2017.ar.pdf")]
    # the English sheet beside it has no Arabic, and no /ActualText but its citations'
    english = elements(tmp_path / "raqqa-2017.pdf")
    assert all(text is None or text.startswith(" [") for _, text, _ in english)
    assert all(lang is None for _, _, lang in english)


def test_an_arabic_name_in_an_english_sheet_is_tagged_arabic(tmp_path):
    spec = spec_variant(tmp_path, ("organisation: Humanitarian Information Unit",
                                   "organisation: وحدة المعلومات الإنسانية"),
                        ("By late August the UN", "By late August in الرقة the UN"))
    sheet = with_produced(checked(spec))
    (pdf,) = build_sheet(sheet, load_template("default"), tmp_path / "out", formats=("pdf",))
    tree = elements(pdf)
    assert ("P", "وحدة المعلومات الإنسانية", "ar") in tree
    # a sentence with one Arabic place name stays English, read as written
    [sentence] = [(text, lang) for _, text, lang in tree if text and "الرقة" in text]
    assert sentence[1] is None and "By late August in الرقة the UN" in sentence[0]
    assert pikepdf.pdfa.validate_written(pdf, "2b").passed
