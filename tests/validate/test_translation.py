"""A translation is validated by the spec's rules, with positions in its own file, and warns
when the original's wording changed since it was translated (an error with --strict)."""
from __future__ import annotations

import pytest

from translation_copies import copy_raqqa, edit, position, run

AGE = ("--max-age", "100000")


@pytest.fixture
def spec(tmp_path):
    return copy_raqqa(tmp_path)


def test_the_french_and_arabic_translations_are_valid_with_nothing_to_say(spec):
    code, out, err = run("validate", *AGE, spec)
    assert (code, out) == (0, "")
    assert err == "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n"


def test_naming_a_translation_validates_its_spec_and_folders_do_not_take_it_for_a_spec(spec):
    assert run("validate", *AGE, spec.with_name("raqqa-2017.fr.yaml"))[2] == \
        "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n"
    assert run("validate", *AGE, spec.parent)[2] == "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n"


# (what the translation says instead, the message, where: the text it points at)
ERRORS = [
    ('killed-may: "civils tués', 'killed-maj: "civils tués',
     "label for unknown fact 'killed-maj'\n  did you mean 'killed-may'?", "killed-maj"),
    ("estimait que {trapped-august} civils", "estimait que {trapped-augst} civils",
     "unknown fact 'trapped-augst'\n  did you mean 'trapped-august'?", "{trapped-augst}"),
    ("[independent-2017-06-06]. Fin août", "[independent-2017-6-6]. Fin août",
     "unknown source 'independent-2017-6-6'; write [[ and ]] for literal brackets\n"
     "  did you mean 'independent-2017-06-06'?", "[independent-2017-6-6]"),
    ("estimait que {trapped-august} civils", "estimait que 20 000 civils",
     "figure '20 000' has no source: use a {fact} or cite a [source] in the same sentence",
     "20 000 civils"),
    ("au seul mois de mai", "(soit 300 morts) au seul mois de mai",
     "figure '300' has no source: use a {fact} or cite a [source] in the same sentence", "300 morts"),
    ("Une procédure transparente", "Une procédure transparente pour 90 000 victimes",
     "figure '90 000' is not in the archived text of 'voa-2017-08-25', which its sentence cites",
     "90 000 victimes"),
    ("boucliers humains\"\n", "boucliers humains (45 000)\"\n",
     "'45 000' in the label of fact 'population-june' is not in its quote", "45 000"),
    ("language: \"fr\"", "language: \"en\"",
     "the file is named for 'fr' but says language: en: rename it raqqa-2017.en.yaml or fix "
     "'language'", "\"en\""),
    ("translates: \"raqqa-2017.yaml\"", "translates: \"raqqa-2071.yaml\"",
     "this translation translates 'raqqa-2071.yaml', not raqqa-2017.yaml, which it is beside",
     "\"raqqa-2071.yaml\""),
]


@pytest.mark.parametrize("old, new, message, at", ERRORS, ids=[row[3] for row in ERRORS])
def test_translation_errors_point_into_the_translation(spec, old, new, message, at):
    french = spec.with_name("raqqa-2017.fr.yaml")
    edit(french, old, new)
    code, out, _err = run("validate", *AGE, spec)
    assert code == 1
    assert f"{position(french, at)}: error: {message}" in out.splitlines() or \
        f"{position(french, at)}: error: {message}" in out, out


def test_a_missing_label_is_an_error_naming_the_fact_at_labels(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    text = french.read_text(encoding="utf-8")
    start = text.index("  killed-may: ")
    french.write_text(text[:start] + text[text.index("\n", start) + 1:], encoding="utf-8")
    code, out, _err = run("validate", *AGE, spec)
    assert code == 1
    assert f"{position(french, 'labels:')}: error: no label for fact 'killed-may', which the sheet " \
           "shows\n  the original's: civilians estimated killed by coalition strikes in May 2017" in out


def test_a_fact_on_the_original_sheet_but_not_on_the_translation_is_a_warning(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    text = french.read_text(encoding="utf-8")
    start = text.index('      - "Selon d\u2019autres informations, {killed-friday}')
    french.write_text(text[:start] + text[text.index("\n", start) + 1:], encoding="utf-8")
    code, out, _err = run("validate", *AGE, spec)
    assert code == 0
    assert f"{position(french, 'sections:')}: warning: fact 'killed-friday' is on the original " \
           "sheet but not on this translation" in out


def test_a_translation_cannot_state_a_value(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    edit(french, "language:", "facts: []\nlanguage:")
    code, out, _err = run("validate", *AGE, spec)
    assert code == 1
    assert f"{position(french, 'facts:')}: error: unknown key 'facts' in the translation" in out


def test_editing_a_section_of_the_original_warns_in_each_translation(spec):
    edit(spec, "and called for a humanitarian pause.", "and called for an immediate humanitarian pause.")
    code, out, _err = run("validate", *AGE, spec)
    assert code == 0
    for language in ("fr", "ar"):
        translation = spec.with_name(f"raqqa-2017.{language}.yaml")
        assert f"{position(translation, 'heading:')}: warning: the English of section 'Situation' " \
               "changed since this translation was written (raqqa-2017.yaml)\n" \
               "  bring the translation up to date, then record it: factsheet translate " \
               f"{spec} --to {language} --update --accept" in out
    assert out.count("warning:") == 2          # the other sections and fields are as translated


def test_rewrapping_the_original_is_not_a_change(spec):
    edit(spec, "By late August the UN\n      humanitarian", "By late August\n      the UN humanitarian")
    assert run("validate", *AGE, spec)[:2] == (0, "")


def test_strict_makes_a_translation_that_fell_behind_an_error(spec):
    edit(spec, "subtitle: Humanitarian fact sheet", "subtitle: Humanitarian fact sheet (update)")
    code, out, _err = run("validate", *AGE, "--strict", spec)
    assert code == 1
    french = spec.with_name("raqqa-2017.fr.yaml")
    assert f"{position(french, chr(34) + 'Fiche d')}: error: the English of subtitle changed since this " \
           "translation was written (raqqa-2017.yaml)" in out


def test_a_translation_without_fingerprints_says_how_to_record_them(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    text = french.read_text(encoding="utf-8")
    french.write_text(text[:text.index("translated-from:")], encoding="utf-8")
    code, out, _err = run("validate", *AGE, spec)
    assert code == 0
    assert f"{french}:1:1: warning: this translation does not record what it translates " \
           "('translated-from'), so changes to the original go unnoticed\n" \
           f"  record it: factsheet translate {spec} --to fr --update --accept" in out


def test_dump_of_a_translation_is_its_sheet_over_the_spec_s_facts(spec):
    code, out, _err = run("dump", spec.with_name("raqqa-2017.fr.yaml"))
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["sheet raqqa-2017.fr.yaml",
                         "title: Raqqa\u00a0: des civils pris au piège alors que s\u2019engage la bataille pour "
                         "la ville"]
    from factsheet.sheet.words import words_for

    assert f"  {words_for('fr').number(20000)} ^[1] civils pris au piège par l\u2019EIIL à Raqqa, exposés " \
           "aux frappes aériennes et aux bombardements  (icon: confined)" in lines   # the spec's icon


def test_a_spec_named_like_a_translation_is_still_a_spec(spec):
    kept = spec.with_name("raqqa-2017.old.yaml")
    kept.write_text(spec.read_text(encoding="utf-8"), encoding="utf-8")
    code, _out, err = run("validate", *AGE, spec.parent)
    assert (code, err) == (0, "2 of 2 spec(s) valid, 0 error(s), 0 warning(s)\n")
