"""Specs written in French and Arabic, verified in real French and Arabic sources."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from factsheet.validate.rules import check_spec

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
TODAY = date(2017, 9, 1)

ARABIC_SPEC = """\
factsheet: 1
title: "الرقة: مدنيون محاصرون مع اشتداد المعركة"
as_of: 2017-08-23
language: {language}
sources:
  - id: a24
    title: "مقتل 170 مدنياً في الرقة خلال أسبوع"
    publisher: "24.ae"
    published: 2017-08-23
    archive: sources/24ae-2017-08-23-raqqa.ar.txt
  - id: afp
    title: "مقتل 21 مدنيا في غارات على الرقة"
    publisher: "الوطن"
    published: 2017-06-10
    archive: sources/masress-elwatan-2017-raqqa.ar.txt
facts:
  - id: killed-week
    value: 170
    qualifier: more than
    label: مدنياً قتلوا في الرقة خلال أسبوع
    source: a24
    quote: "أَكثر من ١٧٠ مدنيًا قتلوا في الرقة"
  - id: trapped
    value: 20000
    qualifier: up to
    label: مدني محاصرون داخل المدينة
    source: a24
    quote: "وبقاء ما يصل الى 20 ألفاً من المدنيين محاصرين داخل المدينة"
  - id: killed-raid
    value: 21
    qualifier: at least
    label: مدنياً قتلوا في غارات جوية على الرقة
    source: afp
    quote: "ما لا يقل عن 21 مدنيا، بينهم 5 أطفال"
key_figures: [killed-week, trapped]
sections:
  - heading: الوضع
    text: |
      قتل {{killed-raid}} في غارات جوية على المدينة، بينهم 5 أطفال [afp]. {extra}
"""


def write_spec(folder: Path, extra: str = "", language: str = "ar") -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for name in ("24ae-2017-08-23-raqqa.ar.txt", "masress-elwatan-2017-raqqa.ar.txt"):
        shutil.copy(ARTICLES / name, folder / "sources" / name)
    path = folder / "spec.yaml"
    path.write_text(ARABIC_SPEC.format(extra=extra, language=language), encoding="utf-8")
    return path


def errors(path: Path) -> list:
    sheet, diagnostics = check_spec(path, today=TODAY)
    return [f"{d.line}:{d.col}: {d.message}" for d in diagnostics if d.severity == "error"]


def test_an_arabic_spec_verified_in_arabic_sources_is_valid(tmp_path):
    sheet, diagnostics = check_spec(write_spec(tmp_path), today=TODAY)
    assert sheet is not None, [str(d) for d in diagnostics]
    assert sheet.language == "ar"
    assert [f.value for f in sheet.facts] == [170, 20000, 21]


@pytest.mark.parametrize("extra", [
    "ونزح حوالي 200 ألف شخص على الأقل [a24].",
    "وأنقذت قوات سوريا الديمقراطية عشرات المدنيين [a24].",
    "ونزح حوالي ٢٠٠ ألف شخص [a24].",
])
def test_figures_of_cited_arabic_sentences_are_found_in_the_source(tmp_path, extra):
    assert errors(write_spec(tmp_path, extra)) == []


@pytest.mark.parametrize("extra, message", [
    ("ونزح 190 ألف شخص.", "7:1: figure '190 ألف' has no source: use a {fact} or cite a [source] "
     "in the same sentence"),
    ("وقتل عشرات المدنيين.", "7:1: figure 'عشرات' has no source: use a {fact} or cite a [source] "
     "in the same sentence"),
    ("ونزح 300 ألف شخص [a24].", "7:1: figure '300 ألف' is not in the archived text of 'a24', "
     "which its sentence cites"),
    ("ونزح 5،2 مليون شخص [a24].", "7:1: figure '5،2 مليون' cannot be read with certainty: the "
     "Arabic comma ، between its digits is a decimal sign in some copy and a list's comma in "
     "other, and some copy reverses the digits around it: write the figure with ٫ or a point"),
])
def test_arabic_figures_without_a_source_are_errors(tmp_path, extra, message):
    found = errors(write_spec(tmp_path, extra))
    line = 39   # the section's text
    col = 7 + len("قتل {killed-raid} في غارات جوية على المدينة، بينهم 5 أطفال [afp]. ") + \
        extra.index(message.split("'")[1])
    assert found == [message.replace("7:1", f"{line}:{col}")]


def test_a_changed_figure_in_an_arabic_quote_fails(tmp_path):
    path = write_spec(tmp_path)
    text = path.read_text(encoding="utf-8").replace("ما يصل الى 20 ألفاً", "ما يصل الى 20 مليوناً")
    path.write_text(text, encoding="utf-8")
    assert errors(path) == ["28:12: quote of fact 'trapped' is not in the archived text of 'a24'"]


def test_a_quotes_bound_agrees_in_arabic(tmp_path):
    path = write_spec(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("qualifier: more than", "qualifier: about"),
                    encoding="utf-8")
    assert errors(path) == [
        "19:16: fact 'killed-week' states about 170, which its quote does not"]


@pytest.mark.parametrize("language, message", [
    ("de", "4:11: language 'de' has no catalogue of printed words: use one of en, fr, ar"),
    ("es-419", "4:11: language 'es-419' has no catalogue of printed words: use one of en, fr, ar"),
])
def test_a_language_without_a_catalogue_is_an_error_that_lists_the_supported_ones(
        tmp_path, language, message):
    assert errors(write_spec(tmp_path, language=language)) == [message]


@pytest.mark.parametrize("language", ["ar", "ar-SY", "fr", "en", "en-GB"])
def test_a_supported_language_is_accepted(tmp_path, language):
    assert errors(write_spec(tmp_path, language=language)) == []


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c"])
def test_a_direction_mark_next_to_a_figure_is_refused_with_a_clear_message(tmp_path, mark):
    path = write_spec(tmp_path, f"ونزح حوالي {mark}200 ألف شخص [a24].")
    name = {"\u200f": "RIGHT-TO-LEFT MARK", "\u200e": "LEFT-TO-RIGHT MARK",
            "\u061c": "ARABIC LETTER MARK"}[mark]
    (found,) = errors(path)
    assert found.endswith(f": character U+{ord(mark):04X} {name} in 'text' is an invisible direction "
                          "mark (pasted from Word or a web page): remove it; the sheet sets the "
                          "direction of Arabic text itself")


FRENCH_SPEC = """\
factsheet: 1
title: "Raqqa : des civils pris au piège"
as_of: 2017-06-30
language: fr
sources:
  - id: franceinfo
    title: "Syrie : 100 000 civils pris au piège à Raqqa"
    publisher: franceinfo
    published: 2017-06-28
    archive: sources/francetvinfo-2017-raqqa.fr.txt
facts:
  - id: bloques
    value: 100000
    qualifier: about
    label: personnes bloquées dans la ville
    source: franceinfo
    quote: "Quelque 100 000 personnes sont bloquées dans la ville"
key_figures: [bloques]
sections:
  - heading: Situation
    text: |
      Selon franceinfo, {{bloques}} sont bloquées dans la ville. {extra}
"""


@pytest.mark.parametrize("extra, message", [
    ("En vingt jours, un quart de la ville a été repris [franceinfo].", None),
    ("Le 7 juin, l'offensive a débuté [franceinfo].", None),
    ("Des milliers de personnes ont fui.", "22:7: figure 'Des milliers' has no source: use a "
     "{fact} or cite a [source] in the same sentence"),
    ("Une centaine de civils ont fui.", "22:7: figure 'Une centaine' has no source: use a "
     "{fact} or cite a [source] in the same sentence"),
    ("Une centaine de civils ont fui [franceinfo].", "22:7: figure 'Une centaine' is not in the "
     "archived text of 'franceinfo', which its sentence cites"),
    ("Deux millions et demi de personnes ont fui [franceinfo].", "22:7: figure 'Deux millions et "
     "demi' is not in the archived text of 'franceinfo', which its sentence cites"),
])
def test_a_french_spec_reads_french_figures(tmp_path, extra, message):
    (tmp_path / "sources").mkdir()
    shutil.copy(ARTICLES / "francetvinfo-2017-raqqa.fr.txt", tmp_path / "sources")
    path = tmp_path / "spec.yaml"
    path.write_text(FRENCH_SPEC.format(extra=extra), encoding="utf-8")
    sheet, diagnostics = check_spec(path, today=TODAY)
    found = [f"{d.line}:{d.col}: {d.message}" for d in diagnostics if d.severity == "error"]
    col = 7 + len("Selon franceinfo, {bloques} sont bloquées dans la ville. ")
    assert not [d for d in diagnostics if d.severity == "warning"]
    assert found == ([message.replace("22:7", f"22:{col}")] if message else [])


def test_qualifier_words_before_a_fact_in_arabic_text_are_checked_as_printed(tmp_path):
    path = write_spec(tmp_path)
    text = path.read_text(encoding="utf-8").replace("      قتل {killed-raid}", "      قتل ما لا يقل عن {killed-raid}")
    path.write_text(text, encoding="utf-8")
    sheet, diagnostics = check_spec(path, today=TODAY)
    assert [f"{d.line}:{d.col}: {d.message}" for d in diagnostics] == [
        "39:24: the qualifier would be printed twice: 'ما لا يقل عن ما لا يقل عن 21'"]


def test_a_qualifier_written_in_french_in_a_spec_names_the_one_to_write(tmp_path):
    (tmp_path / "sources").mkdir()
    shutil.copy(ARTICLES / "francetvinfo-2017-raqqa.fr.txt", tmp_path / "sources")
    path = tmp_path / "spec.yaml"
    path.write_text(FRENCH_SPEC.format(extra="").replace("qualifier: about", "qualifier: environ"),
                    encoding="utf-8")
    sheet, diagnostics = check_spec(path, today=TODAY)
    error = [d for d in diagnostics if d.severity == "error"][0]
    assert (error.line, error.col) == (14, 16)
    assert error.message.startswith("unknown qualifier 'environ': use one of at least, more than")
    assert error.hint == "'environ' means about: write qualifier: about"
