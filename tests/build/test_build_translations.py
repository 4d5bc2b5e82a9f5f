"""`factsheet build SPEC` builds the spec and every valid translation beside it, linked together."""
from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from factsheet.sheet.words import words_for
from translation_copies import copy_raqqa, edit, run

SUFFIXES = (".pdf", ".docx", ".sources.html", ".json", ".hxl.csv", ".manifest.json")


@pytest.fixture
def spec(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")   # 2017-08-26
    return copy_raqqa(tmp_path)


def pdf_text(path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def spaced(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_build_writes_the_sheet_and_each_translation_with_their_companions(spec):
    out = spec.parent / "output"
    code, stdout, _err = run("build", spec, "--out", out)
    assert code == 0
    assert stdout.startswith(f"built {spec} -> {out}/raqqa-2017.pdf, {out}/raqqa-2017.docx (")
    assert stdout.splitlines()[1] == (f"  translations -> {out}/raqqa-2017.ar.pdf, "
                                      f"{out}/raqqa-2017.ar.docx, {out}/raqqa-2017.fr.pdf, "
                                      f"{out}/raqqa-2017.fr.docx")
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["index.html"] + [f"raqqa-2017{language}{suffix}" for language in
                                              ("", ".fr", ".ar") for suffix in SUFFIXES])
    for language in ("fr", "ar"):
        assert len(PdfReader(out / f"raqqa-2017.{language}.pdf").pages) == 1
    french = pdf_text(out / "raqqa-2017.fr.pdf")
    assert "Raqqa : des civils pris au piège" in french and "Protection des civils" in french
    assert "Raqqa: civilians trapped" not in french
    # built again with nothing changed: up to date, all three
    assert run("build", spec, "--out", out)[1] == f"up to date {spec}\n"


def test_a_changed_value_reaches_every_language_at_the_next_build(spec):
    out = spec.parent / "output"
    assert run("build", spec, "--out", out)[0] == 0
    english, french = words_for("en"), words_for("fr")
    assert spaced(french.number(20000)) in pdf_text(out / "raqqa-2017.fr.pdf")
    # the source is updated, and the fact with it: no translation is touched
    edit(spec.parent / "sources" / "voa-2017-08-25.txt", "20,000 civilians", "25,000 civilians")
    edit(spec, "value: 20000", "value: 25000")
    edit(spec, "saying that 20,000 civilians", "saying that 25,000 civilians")
    code, stdout, _err = run("build", spec, "--out", out)
    assert code == 0
    assert pdf_text(out / "raqqa-2017.pdf").count(english.number(25000)) == 2   # tile and text
    for language in ("fr", "ar"):
        text = pdf_text(out / f"raqqa-2017.{language}.pdf")
        number = spaced(words_for(language).number(25000))
        old = spaced(words_for(language).number(20000))
        assert text.count(number) == 2 and not re.search(r"(?<!\d)" + re.escape(old), text)
        record = json.loads((out / f"raqqa-2017.{language}.json").read_text(encoding="utf-8"))
        assert [f["value"] for f in record["facts"] if f["id"] == "trapped-august"] == [25000]


def test_audit_pages_and_the_index_link_the_languages_of_one_sheet(spec):
    out = spec.parent / "output"
    assert run("build", spec, "--out", out)[0] == 0
    french = (out / "raqqa-2017.fr.sources.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french
    assert ('<nav class="languages" aria-label="Langues"><a href="raqqa-2017.sources.html" lang="en" hreflang="en">'
            'English</a> · <a href="raqqa-2017.ar.sources.html" lang="ar" hreflang="ar">العربية</a>'
            ' · <span lang="fr" aria-current="page">français</span></nav>') in french
    arabic = (out / "raqqa-2017.ar.sources.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic and 'href="raqqa-2017.fr.sources.html"' in arabic
    english = (out / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert '<span lang="en" aria-current="page">English</span>' in english
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')   # the page's own
    row = re.search(r'<tr id="sheet-raqqa-2017.ar" lang="ar">.*?</tr>', index).group()
    assert '<a href="#sheet-raqqa-2017" lang="en" hreflang="en">English</a> · ' \
           '<a href="#sheet-raqqa-2017.fr" lang="fr" hreflang="fr">français</a>' in row
    assert '<a href="raqqa-2017.ar.pdf">PDF</a>' in row
    assert words_for("ar").date(__import__("datetime").date(2017, 8, 25)) in row


def test_an_invalid_translation_is_not_built_but_the_spec_and_the_others_are(spec):
    out = spec.parent / "output"
    french = spec.with_name("raqqa-2017.fr.yaml")
    edit(french, "estimait que {trapped-august} civils", "estimait que 20 000 civils")
    code, stdout, _err = run("build", spec, "--out", out)
    assert code == 1
    lines = stdout.splitlines()
    assert lines[0].startswith(f"built {spec} -> {out}/raqqa-2017.pdf, {out}/raqqa-2017.docx (")
    assert lines[1] == f"  translations -> {out}/raqqa-2017.ar.pdf, {out}/raqqa-2017.ar.docx"
    assert lines[2] == f"FAILED {spec}"
    assert lines[3].startswith(f"  {french}:") and \
        lines[3].endswith(": error: figure '20 000' has no source: use a {fact} or cite a [source] "
                          "in the same sentence")
    assert lines[4] == f"  {french}: not built: fix its errors"
    assert (out / "raqqa-2017.pdf").is_file() and (out / "raqqa-2017.ar.pdf").is_file()
    assert not (out / "raqqa-2017.fr.pdf").exists()


def test_a_new_translation_makes_the_sheet_out_of_date(spec):
    out = spec.parent / "output"
    spec.with_name("raqqa-2017.ar.yaml").unlink()
    assert run("build", spec, "--out", out)[0] == 0
    assert not (out / "raqqa-2017.ar.pdf").exists()
    (spec.parent / "raqqa-2017.ar.yaml").write_bytes(
        (copy_raqqa.__globals__["SPECS"] / "raqqa-2017.ar.yaml").read_bytes())
    code, stdout, _err = run("build", spec, "--out", out)
    assert code == 0 and stdout.startswith("built") and (out / "raqqa-2017.ar.pdf").is_file()


def test_a_removed_translation_is_unlinked_at_the_next_build(spec):
    out = spec.parent / "output"
    assert run("build", spec, "--out", out)[0] == 0
    spec.with_name("raqqa-2017.ar.yaml").unlink()
    code, stdout, _err = run("build", spec, "--out", out)
    assert code == 0 and stdout.startswith("built")
    english = (out / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert "raqqa-2017.ar.sources.html" not in english and 'href="raqqa-2017.fr.sources.html"' in english
