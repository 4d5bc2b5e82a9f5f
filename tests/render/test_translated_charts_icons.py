"""Translations carry the spec's key-figure icons and its charts, in the translation's words:
checked with positions, written by the skeleton, drawn in the translated PDF and DOCX."""
from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from factsheet.sheet.words import words_for
from translation_copies import copy_raqqa, edit, position, run

EXAMPLES = Path(__file__).parent.parent.parent / "specs" / "examples"
ICONS = ["confined", "protection", "dead", "injured", "dead", "internally-displaced"]
AGE = ("--max-age", "100000")


def copy_chad(folder: Path) -> Path:
    for name in ("chad-appeal-2004.yaml", "chad-appeal-2004.fr.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    shutil.copytree(EXAMPLES / "sources", folder / "sources")
    return folder / "chad-appeal-2004.yaml"


def bbox_words(pdf: Path) -> list:
    """[(word, xMin, yMin)] of the page, as pdftotext -bbox reads them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [(html_module.unescape(w), float(x), float(y)) for x, y, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
                       html)]


def docx_icons(docx: Path) -> list:
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return re.findall(r'<wp:docPr id="\d+" name="Icon ([\w-]+)"', xml)


def test_every_translation_draws_the_spec_s_icons_on_its_key_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    spec = copy_raqqa(tmp_path)
    out = tmp_path / "out"
    assert run("build", spec, "--out", out)[0] == 0
    for language in ("", ".fr", ".ar"):
        assert docx_icons(out / f"raqqa-2017{language}.docx") == ICONS, language
        content = subprocess.run(["pdftotext", str(out / f"raqqa-2017{language}.pdf"), "-"],
                                 capture_output=True, text=True, check=True).stdout
        assert content.strip()
    # in the HTML sheet (the site's page): each icon inline, hidden from screen readers
    from factsheet.layout.fit import fit_page
    from factsheet.render.webpage import sheet_html
    from factsheet.theme.template import load_template
    from factsheet.validate.rules import check_spec
    from factsheet.validate.translation import check_translations

    translated = {path.name: sheet for path, sheet, _ in check_translations(spec, check_spec(spec)[0])}
    for name in ("raqqa-2017.fr.yaml", "raqqa-2017.ar.yaml"):
        sheet = translated[name]
        page = sheet_html(sheet, fit_page(sheet, load_template("default")))
        assert page.count('class="icon" focusable="false" aria-hidden="true"') == len(ICONS), name
    # in the PDF: one filled, y-flipped block per icon, as on the English sheet
    from test_icons_drawn import icon_blocks   # beside this file

    assert len(icon_blocks(out / "raqqa-2017.ar.pdf")) == len(icon_blocks(out / "raqqa-2017.fr.pdf")) \
        == len(ICONS)


def test_the_french_chad_appeal_draws_the_original_charts_in_french(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1093824000")
    spec = copy_chad(tmp_path)
    assert run("validate", *AGE, spec)[2] == "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n"
    out = tmp_path / "out"
    assert run("build", spec, "--out", out)[0] == 0
    words = bbox_words(out / "chad-appeal-2004.fr.pdf")
    text = " ".join(w for w, _, _ in words)
    for title in ("L'appel pour le Tchad, 2004", "Réfugiés du Darfour au Tchad, 2004",
                  "Appel révisé pour le Tchad, août 2004"):
        assert title in text
    assert "The appeal for Chad" not in text and "Initial appeal" not in text
    # each bar's French label on the bar's line, left of its value (the fact's, as worded)
    fr = words_for("fr")
    for label, value in (("initial", 54_000_000), ("avant", 20_000_000)):
        at = next((x, y) for w, x, y in words if w == label)
        number = fr.number(value, "USD").split()[0]
        right = [(x, y) for w, x, y in words if w == number and abs(y - at[1]) < 2]
        assert right and right[0][0] > at[0], (label, number)


def test_a_translated_chart_must_draw_one_of_the_original_s(tmp_path):
    spec = copy_chad(tmp_path)
    french = spec.with_name("chad-appeal-2004.fr.yaml")
    edit(french, "        - {fact: unhcr-now, label: \"HCR, révisé\"}\n", "")
    code, out, err = run("validate", *AGE, spec)
    assert code == 1
    assert (
        f"{position(french, 'kind: bars')}: error: this bars of appeal-initial, appeal-required, "
        "unhcr-before is not one of the original's charts: a translation rewords a chart (its title "
        "and labels), it draws the same facts in the same order\n"
        "  the original's charts: trend of refugees-march, refugees-july; bars of appeal-initial, "
        "appeal-required, unhcr-before, unhcr-now; funding of appeal-required, appeal-received\n") in out
    assert f"{position(french, 'sections:')}: warning: the chart in the original's section " \
           "'The appeal' is not on this translation: give a translated section its 'chart:'" in out


def test_the_skeleton_asks_for_each_chart_s_words_and_fingerprints_them(tmp_path):
    spec = copy_chad(tmp_path)
    french = spec.with_name("chad-appeal-2004.fr.yaml")
    french.unlink()
    assert run("translate", spec, "--to", "fr")[0] == 0
    skeleton = french.read_text(encoding="utf-8")
    assert ("  # chart: Revised appeal for Chad, August 2004\n  - heading: \"\"\n    text: \"\"\n"
            "    chart:\n      kind: funding\n      title: \"\"\n      required: appeal-required\n"
            "      received: appeal-received\n") in skeleton
    assert "        - {fact: refugees-march, label: \"\"}\n" in skeleton
    # a chart's label is its section's wording: changing it makes the translation fall behind
    shutil.copy(EXAMPLES / "chad-appeal-2004.fr.yaml", french)
    edit(spec, "label: UNHCR revised}", "label: UNHCR now}")
    _code, out, _err = run("validate", *AGE, spec)
    assert "warning: the English of section 'The appeal' changed since this translation was written" in out


def test_a_translation_cannot_add_a_chart_its_original_does_not_draw(tmp_path):
    spec = copy_raqqa(tmp_path)
    french = spec.with_name("raqqa-2017.fr.yaml")
    edit(french, '  - heading: "Protection des civils"\n',
         '  - heading: "Protection des civils"\n    chart:\n      kind: bars\n'
         '      title: "Victimes"\n      points: [died-fleeing, killed-friday]\n')
    code, out, _err = run("validate", *AGE, spec)
    assert code == 1
    assert (f"{position(french, 'kind: bars')}: error: this bars of died-fleeing, killed-friday is "
            "not one of the original's charts: a translation rewords a chart (its title and "
            "labels), it draws the same facts in the same order\n"
            "  the original has no chart: add it to the spec first\n") in out
