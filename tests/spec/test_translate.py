"""`factsheet translate`: the skeleton beside the spec, and --update keeping the translations."""
from __future__ import annotations

import pytest

from factsheet.spec.load import parse_yaml
from factsheet.diagnostics import Diagnostics
from translation_copies import copy_raqqa, edit, run


@pytest.fixture
def spec(tmp_path):
    return copy_raqqa(tmp_path)


def read(path):
    return parse_yaml(path.read_text(encoding="utf-8"), Diagnostics(str(path)))


def test_the_skeleton_has_each_field_with_the_original_beside_it(spec):
    spec.with_name("raqqa-2017.fr.yaml").unlink()   # the example's own French translation
    code, out, _err = run("translate", spec, "--to", "fr")
    skeleton = spec.with_name("raqqa-2017.fr.yaml")
    assert code == 0 and out.startswith(f"wrote {skeleton}\n")
    text = skeleton.read_text(encoding="utf-8")
    assert '# Raqqa: civilians trapped as the battle for the city begins\ntitle: ""\n' in text
    assert '  # civilians estimated killed by coalition strikes in May 2017\n  killed-may: ""\n' in text
    assert "  # Protection of civilians\n  # - Reports say {died-fleeing} civilians were killed" in text
    root = read(skeleton)
    assert root.get("translates").value == "raqqa-2017.yaml" and root.get("language").value == "fr"
    assert [len(s.value.get("bullets", type("", (), {"value": []})).value)
            for s in root.get("sections").value] == [0, 4, 3]
    assert sorted(root.get("translated-from").value) == ["contact", "disclaimer", "labels",
                                                         "location", "organisation", "sections",
                                                         "subtitle", "title"]
    # a skeleton is not a translation yet: validate says what to fill in, in its own file
    code, out, _err = run("validate", "--max-age", "100000", spec)
    assert code == 1 and f"{skeleton}:11:8: error: 'title' is empty" in out
    # ...the skeleton says how to leave a field to the original, and an address needs no translator
    assert "# left empty is an error: translate it, or delete its line to print the original's." in text
    assert '# info@example.org\ncontact: "info@example.org"\n' in text
    assert "'contact' is empty" not in out


def test_translate_refuses_to_overwrite_without_update(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    before = french.read_bytes()
    code, _out, err = run("translate", spec, "--to", "fr")
    assert code == 2
    assert err == (f"factsheet: {french} exists: run with --update to add what is new in "
                   "raqqa-2017.yaml and mark what changed, keeping its translations\n")
    assert french.read_bytes() == before


def test_translate_refuses_the_spec_s_own_language(spec):
    assert run("translate", spec, "--to", "en")[2] == \
        f"factsheet: {spec} is written in 'en' already: translate it into another language\n"


def test_update_keeps_translations_adds_new_fields_and_marks_changed_ones(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    edit(spec, "and called for a humanitarian pause.", "and called for an immediate humanitarian pause.")
    edit(spec, "      - \"A transparent and independent procedure",
         "      - \"Access for aid convoys [voa-2017-08-25].\"\n"
         "      - \"A transparent and independent procedure")
    before = read(french)
    code, out, _err = run("translate", spec, "--to", "fr", "--update")
    assert code == 0
    assert out.splitlines()[:2] == ["  changed: section 'Situation'",
                                    "  changed: section 'What humanitarian agencies ask'"]
    after = read(french)
    text = french.read_text(encoding="utf-8")
    # every translation is kept, word for word
    assert after.get("title").value == before.get("title").value
    assert [s.get("text").value if s.get("text") else None for s in after.get("sections").value] == \
        [s.get("text").value if s.get("text") else None for s in before.get("sections").value]
    assert after.get("labels").get("killed-may").value == before.get("labels").get("killed-may").value
    assert "  # CHANGED in the original since this was translated; it now reads:\n  # Situation\n" in text
    assert "and called for an immediate humanitarian pause." in text
    # the changed fields keep their old fingerprints: validate still warns until accepted
    old_prints = before.get("translated-from").get("sections").value
    assert [n.value for n in after.get("translated-from").get("sections").value] == \
        [n.value for n in old_prints]
    code, out, _err = run("validate", "--max-age", "100000", spec)
    assert "warning: the English of section 'Situation' changed" in out
    # once the translator has revised it, --accept records the original as it now reads
    assert run("translate", spec, "--to", "fr", "--update", "--accept")[0] == 0
    assert "CHANGED" not in french.read_text(encoding="utf-8")
    code, out, _err = run("validate", "--max-age", "100000", spec.with_name("raqqa-2017.fr.yaml"))
    assert "raqqa-2017.fr.yaml" not in out and "raqqa-2017.ar.yaml" in out   # not yet updated


def test_update_adds_a_new_section_empty_and_marks_it_new(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    with spec.open("a", encoding="utf-8") as handle:
        handle.write("  - heading: Access\n    text: Aid convoys have not reached the city.\n")
    code, out, _err = run("translate", spec, "--to", "fr", "--update")
    assert (code, out.splitlines()[0]) == (0, "  new: section 'Access'")
    text = french.read_text(encoding="utf-8")
    assert '  # NEW in the original: translate it\n  # Access\n  # Aid convoys have not reached ' \
           'the city.\n  - heading: ""\n    text: ""\n' in text
    assert len(read(french).get("translated-from").get("sections").value) == 4


def test_update_and_accept_need_an_existing_translation(spec):
    spec.with_name("raqqa-2017.fr.yaml").unlink()
    code, _out, err = run("translate", spec, "--to", "fr", "--update")
    assert code == 2 and "raqqa-2017.fr.yaml: no such translation to update" in err
    assert run("translate", spec, "--to", "fr", "--accept")[2] == \
        "factsheet: translate: --accept goes with --update\n"


@pytest.mark.parametrize("value", [
    'Raqqa: « des civils » pris au piège \\ "guillemets"',
    "  indented first line\nthen more",
    "two paragraphs\n\nthe second one\n",
    "trailing spaces   \nkept",
    "#not a comment, 20000 - yes: no",
])
def test_update_keeps_any_translated_value_exactly(spec, value):
    french = spec.with_name("raqqa-2017.fr.yaml")
    text = french.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + 1
    end = text.index("\n", start)
    french.write_text(text[:start] + f"title: {json_string(value)}" + text[end:], encoding="utf-8")
    text = french.read_text(encoding="utf-8")   # the first section's text block, too
    start = text.index("    text: |\n")
    end = text.index("  # Protection of civilians")
    french.write_text(text[:start] + f"    text: {json_string(value)}\n" + text[end:], encoding="utf-8")
    assert read(french).get("title").value == value
    assert read(french).get("sections").value[0].get("text").value == value
    assert run("translate", spec, "--to", "fr", "--update")[0] == 0
    assert read(french).get("title").value == value
    assert read(french).get("sections").value[0].get("text").value == value


def json_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("argv, message", [
    (("--to", "../fr"), "factsheet: translate: --to must be a language tag such as fr or ar, not '../fr'\n"),
    (("--to", "ar", "--update"), None),
    # refused before a translator starts, not after (validate would refuse the finished file)
    (("--to", "de"), "factsheet: translate: language 'de' has no catalogue of printed words: use one of en, fr, ar\n"),
])
def test_translate_checks_its_language_and_refuses_a_translation_for_a_spec(spec, argv, message):
    if message is not None:
        assert run("translate", spec, *argv)[2] == message
        return
    french = spec.with_name("raqqa-2017.fr.yaml")
    assert run("translate", french, *argv)[2] == \
        f"factsheet: {french} is a translation of raqqa-2017.yaml: translate that spec\n"


def test_update_keeps_a_label_the_original_no_longer_shows(spec):
    french = spec.with_name("raqqa-2017.fr.yaml")
    edit(spec, "      - \"Another {killed-friday} were reported killed in strikes on 2 June; the reports "
               "remain unverified.\"\n", "")
    label = read(french).get("labels").get("killed-friday").value
    assert run("translate", spec, "--to", "fr", "--update")[0] == 0
    assert read(french).get("labels").get("killed-friday").value == label
    assert "  # not on the original sheet now\n  killed-friday: " in french.read_text(encoding="utf-8")
