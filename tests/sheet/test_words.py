"""Printed words and formats come from one catalogue per language; qualifiers are codes."""
from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from factsheet.layout.fit import fit_page
from factsheet.layout.text import band_lines, footer_texts
from factsheet.render.audit import audit_html
from factsheet.render.docx import render_docx
from factsheet.render.pdf import render_pdf
from factsheet.sheet import words as words_module
from factsheet.sheet.dump import dump_sheet
from factsheet.sheet.model import Fact, citation_marker, plain_text
from factsheet.sheet.record import sheet_record
from factsheet.sheet.words import CATALOGUES, ENGLISH, words_for
from factsheet.spec.qualifiers import QUALIFIERS, SPEC_WORDS, code_of, spec_words
from factsheet.theme.template import load_template
from factsheet.validate.rules import check_spec

SPEC = Path(__file__).resolve().parent.parent.parent / "specs" / "raqqa-2017.yaml"
EN = words_for("en")


@pytest.mark.parametrize("value, unit, printed", [
    (20000, None, "20,000"), (1234567.89, None, "1,234,567.89"), (0.00001, None, "0.00001"),
    (-5.25, "%", "-5.25%"), (400, "%", "400%"), (5, "km", "5 km"), (3.5, None, "3.5"),
    (20000.0, None, "20,000"), (10 ** 21, None, "1,000,000,000,000,000,000,000"),
    (1e300, None, f"{int(1e300):,}"),
])
def test_english_numbers_print_as_before(value, unit, printed):
    assert EN.number(value, unit) == printed


@pytest.mark.parametrize("day, printed", [
    (date(2017, 8, 25), "25 August 2017"), (date(2017, 5, 1), "1 May 2017"),
    (date(1999, 12, 31), "31 December 1999"),
])
def test_english_dates_print_day_month_year(day, printed):
    assert EN.date(day) == printed


@pytest.mark.parametrize("language", ["en", "en-GB", "EN", "en_US", None, "zz-Latn"])
def test_english_and_a_language_without_a_catalogue_print_in_english(language):
    """The validator refuses a spec in a language without a catalogue; a model built by hand
    in one still prints, in English."""
    assert words_for(language).language == "en"
    assert words_for(language).as_of(date(2017, 8, 25)) == "Figures as of 25 August 2017"


@pytest.mark.parametrize("language, expected", [("fr", "fr"), ("fr-CH", "fr"), ("FR_fr", "fr"),
                                                ("ar", "ar"), ("ar-SY", "ar"), ("AR", "ar")])
def test_french_and_arabic_have_their_own_catalogues(language, expected):
    assert words_for(language).language == expected


FR, AR = words_for("fr"), words_for("ar")
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("words, day, printed", [
    (FR, date(2017, 8, 25), "25 août 2017"), (FR, date(2017, 8, 1), "1er août 2017"),
    (FR, date(2017, 12, 31), "31 décembre 2017"),
    (AR, date(2017, 8, 25), "25 آب/أغسطس 2017"), (AR, date(2017, 1, 6), "6 كانون الثاني/يناير 2017"),
    (AR, date(2017, 10, 1), "1 تشرين الأول/أكتوبر 2017"),
])
def test_french_and_arabic_dates(words, day, printed):
    assert words.date(day) == printed


@pytest.mark.parametrize("words, value, unit, printed", [
    (FR, 20000, None, "20" + NNBSP + "000"), (FR, 2.5, None, "2,5"), (FR, 4, "%", "4" + NBSP + "%"),
    (FR, 1234567.89, None, f"1{NNBSP}234{NNBSP}567,89"), (FR, -5.25, "%", "-5,25" + NBSP + "%"),
    (FR, 5, "km", "5" + NBSP + "km"),
    (AR, 20000, None, "20,000"), (AR, 5, "%", "5%"), (AR, 2.5, None, "2.5"), (AR, -3, None, "-3"),
    (AR, -5.5, "%", "-5.5%"), (AR, 1234567, None, "1,234,567"),
])
def test_french_and_arabic_numbers(words, value, unit, printed):
    assert words.number(value, unit) == printed


def test_qualified_values_in_french_and_arabic():
    fact = Fact("f", 220, "killed", ("s",), "at least 220 killed", qualifier="at_least")
    assert FR.value(fact) == "au moins 220"
    assert AR.value(fact) == "ما لا يقل عن 220"
    more = dataclasses.replace(fact, value=20000, qualifier="more_than")
    assert FR.value(more) == "plus de 20" + NNBSP + "000"
    assert AR.value(more) == "أكثر من 20,000"
    assert FR.as_of(date(2017, 8, 25)) == "Chiffres au 25 août 2017"
    assert AR.as_of(date(2017, 8, 25)) == "الأرقام حتى 25 آب/أغسطس 2017"


DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def test_no_catalogue_word_or_format_carries_a_direction_mark():
    """Babel's Arabic minus sign and short dates carry U+200E/U+200F: a sheet never prints them."""
    for language in CATALOGUES:
        words = words_for(language)
        printed = [str(v) for v in words.catalogue.values()] + [
            words.date(date(2017, month, day)) for month in range(1, 13) for day in (1, 25)] + [
            words.number(v, u) for v in (-1234.5, 0, 20000, -3) for u in (None, "%", "km")]
        assert not [p for p in printed if DIRECTION_MARKS.search(p)], language


def test_every_catalogue_words_every_qualifier_code_and_has_every_key():
    for catalogue in CATALOGUES.values():
        assert set(catalogue) == set(ENGLISH)
        assert set(catalogue["qualifiers"]) == set(QUALIFIERS)


def test_a_qualifier_is_a_code_that_the_spec_writes_as_words():
    assert code_of("at least") == "at_least" and spec_words("at_least") == "at least"
    assert [spec_words(code_of(words)) for words in SPEC_WORDS] == list(SPEC_WORDS)
    assert code_of("at_least") is None          # a spec writes words, never the code
    fact = Fact("f", 220, "killed", ("s",), "at least 220 killed", qualifier="at_least")
    assert EN.value(fact) == "at least 220"
    assert EN.value(dataclasses.replace(fact, qualifier=None, unit="%")) == "220%"


def test_citation_markers_are_in_order_each_number_once():
    assert citation_marker({"a": 1, "b": 2}, ["b", "a", "a", "unknown"]) == "1,2"
    assert citation_marker({}, ["a"]) == ""


@pytest.fixture(scope="module")
def sheet():
    sheet, diagnostics = check_spec(SPEC, today=date(2017, 9, 1))
    assert sheet is not None and not diagnostics.errors
    return dataclasses.replace(sheet, produced=date(2017, 8, 26))


def test_the_model_keeps_codes_and_the_record_the_spec_words(sheet):
    facts = {fact.id: fact for fact in sheet.facts}
    assert facts["killed-may"].qualifier == "at_least"
    record = {fact["id"]: fact for fact in sheet_record(sheet)["facts"]}
    assert record["killed-may"]["qualifier"] == "at least"
    assert record["killed-may"]["display"] == "at least 220"


def test_the_sheets_words_come_from_its_catalogue(sheet, monkeypatch, tmp_path):
    """Change the English catalogue: the layout, the PDF, the DOCX, the audit page and the dump
    print the change, so none of them keeps its own copy of these words."""
    changed = dict(ENGLISH, sources="SOURCESWORD", as_of="ASOF {date}", contact="CONTACTWORD {contact}",
                   produced_on="MADE {date}", audit_title="AUDIT {title}", key_figures="KEYSWORD",
                   qualifiers=dict(ENGLISH["qualifiers"], at_least="NOFEWERTHAN"),
                   qualified="{number} ({qualifier})", date="y.MM.dd")
    monkeypatch.setitem(CATALOGUES, "en", changed)
    words_module.words_for.cache_clear()
    try:
        rebuilt, _ = check_spec(SPEC, today=date(2017, 9, 1))
        rebuilt = dataclasses.replace(rebuilt, produced=date(2017, 8, 26),
                                      contact=rebuilt.contact or "someone")
        meta = plain_text(band_lines(rebuilt)[-1][1])
        assert "ASOF 2017.08.25" in meta
        disclaimer, contact, produced = footer_texts(rebuilt)
        assert contact.startswith("CONTACTWORD ") and produced.startswith("MADE 2017.08.26 from ")
        page = audit_html(rebuilt)
        assert "AUDIT " in page and "KEYSWORD" in page and "SOURCESWORD" in page
        assert "220 (NOFEWERTHAN)" in page
        assert "220 (NOFEWERTHAN)" in dump_sheet(rebuilt)
        layout = fit_page(rebuilt, load_template("default"))
        render_pdf(rebuilt, layout, tmp_path / "s.pdf")
        render_docx(rebuilt, layout, tmp_path / "s.docx")
        pdf_text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "s.pdf").pages)
        with zipfile.ZipFile(tmp_path / "s.docx") as package:
            docx_text = " ".join(re.sub(r"<[^>]+>", " ", package.read(f"word/{part}.xml").decode())
                                 for part in ("document", "footer1"))
        for text in (pdf_text, docx_text):
            assert {"SOURCESWORD", "ASOF", "2017.08.25", "MADE", "2017.08.26", "NOFEWERTHAN"} <= \
                set(re.split(r"[\s()]+", text))
    finally:
        words_module.words_for.cache_clear()


def test_the_fast_digits_are_babels_digits():
    """English digits are formatted by Python with CLDR's signs (10 times faster than Babel):
    they must be exactly what Babel prints."""
    english = words_module.Words("en")
    assert english._symbols is not None
    values = [0, -1, 999, 1000, -1234567, 10 ** 21, 0.5, -0.001, 1234567.89, 2.5e-10, 1e16 + 2.0]
    values += [((-1) ** n) * (7.3 ** n) for n in range(-20, 40)] + [13 ** n for n in range(30)]
    for value in values:
        number = Decimal(repr(value)) if isinstance(value, float) and not value.is_integer() else int(value)
        assert english.number(value) == english._cldr_digits(number), value


@pytest.mark.parametrize("language, words", [
    ("fr", ["Chiffres au 25 août 2017", "au moins 220", "Sources", "Établi le 26 août 2017"]),
    ("ar", ["الأرقام حتى 25 آب/أغسطس 2017", "ما لا يقل عن 220", "المصادر", "20,000"]),
])
def test_a_french_or_arabic_sheet_prints_its_words_in_every_output_with_no_direction_mark(
        language, words, tmp_path):
    """The Raqqa sheet with `language:` changed: the audit page, the PDF's text and the DOCX's
    XML carry the language's words and no U+200E, U+200F or U+061C anywhere."""
    from tests.fixture_specs import spec_variant

    spec = spec_variant(tmp_path / "specs", ("language: en\n", f"language: {language}\n"))
    rebuilt, diagnostics = check_spec(spec, today=date(2017, 9, 1))
    assert rebuilt is not None, [str(d) for d in diagnostics]
    rebuilt = dataclasses.replace(rebuilt, produced=date(2017, 8, 26))
    layout = fit_page(rebuilt, load_template("default"))
    render_pdf(rebuilt, layout, tmp_path / "s.pdf")
    render_docx(rebuilt, layout, tmp_path / "s.docx")
    page = audit_html(rebuilt)
    with zipfile.ZipFile(tmp_path / "s.docx") as package:
        docx = " ".join(package.read(name).decode() for name in package.namelist()
                        if name.endswith(".xml"))
    # a paragraph's words as Word shows them: an Arabic sheet splits Arabic and digits into runs
    docx_text = " ".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
                         for paragraph in re.findall(r"<w:p[ >].*?</w:p>", docx))
    assert not DIRECTION_MARKS.search(docx)
    for output in (page, docx_text):
        assert all(word in output for word in words[:3]), [w for w in words if w not in output]
        assert not DIRECTION_MARKS.search(output)
    import json
    record = json.dumps(sheet_record(rebuilt), ensure_ascii=False) + dump_sheet(rebuilt)
    assert words[1] in record and not DIRECTION_MARKS.search(record)
    pdf = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "s.pdf").pages)
    assert not DIRECTION_MARKS.search(pdf)
    assert words[2] in pdf or language == "ar"   # Arabic letters need the rtl font to be extracted
