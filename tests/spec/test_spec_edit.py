"""spec_edit.add_entries: new sources and facts are spliced in; every other byte stays."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from factsheet.diagnostics import Diagnostics, UsageError
from factsheet.spec.load import parse_yaml
from factsheet.spec.edit import add_entries
from factsheet.validate.rules import check_spec

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "specs" / "raqqa-2017.yaml"

NEW_SOURCE = {"id": "unhcr-2017-08-30", "title": "Syria: Raqqa update", "publisher": "UNHCR",
              "url": "https://www.unhcr.org/raqqa", "published": date(2017, 8, 30),
              "archive": "sources/unhcr-2017-08-30.txt"}
NEW_SOURCE_TEXT = ('  - id: unhcr-2017-08-30\n'
                   '    title: "Syria: Raqqa update"\n'       # quoted like the titles above it
                   '    publisher: UNHCR\n'
                   '    url: https://www.unhcr.org/raqqa\n'
                   '    published: 2017-08-30\n'
                   '    archive: sources/unhcr-2017-08-30.txt\n')


@pytest.fixture
def spec(tmp_path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path / "specs" / "raqqa-2017.yaml"


def loaded(path: Path):
    root = parse_yaml(path.read_text(encoding="utf-8"), Diagnostics(str(path)))
    assert root is not None
    return root


def test_new_source_goes_after_the_last_source_and_nothing_else_changes(spec):
    before = spec.read_text(encoding="utf-8")
    (spec.parent / "sources" / "unhcr-2017-08-30.txt").write_text("Syria: Raqqa update\n")
    add_entries(spec, "sources", [NEW_SOURCE])
    after = spec.read_text(encoding="utf-8")
    cut = before.index("\nfacts:")             # the blank line before 'facts:' stays before it
    assert after == before[:cut] + NEW_SOURCE_TEXT + before[cut:]
    sheet, diagnostics = check_spec(spec, max_age=100_000)
    assert sheet is not None
    assert [(d.severity, d.message) for d in diagnostics] == [
        ("warning", "source 'unhcr-2017-08-30' is never cited")]


def test_new_fact_keeps_the_quote_style_of_the_facts_above(spec):
    before = spec.read_text(encoding="utf-8")
    add_entries(spec, "facts", [{"id": "trapped-june", "value": 220000, "label": "civilians in Raqqa",
                                 "date": date(2017, 6, 6), "source": "independent-2017-06-06",
                                 "quote": "Raqqa's 220,000 civilians"}])
    cut = before.index("\nkey_figures:")
    assert spec.read_text(encoding="utf-8") == before[:cut] + (
        "  - id: trapped-june\n"
        "    value: 220000\n"
        "    label: civilians in Raqqa\n"
        "    date: 2017-06-06\n"
        "    source: independent-2017-06-06\n"
        "    quote: \"Raqqa's 220,000 civilians\"\n") + before[cut:]
    assert check_spec(spec, max_age=100_000)[0] is not None


def test_a_list_of_sources_is_written_as_a_flow_list(spec):
    add_entries(spec, "facts", [{"id": "x", "value": 1, "label": "x",
                                 "source": ["voa-2017-08-25", "independent-2017-06-06"], "quote": "q"}])
    assert "    source: [voa-2017-08-25, independent-2017-06-06]\n" in spec.read_text(encoding="utf-8")


TRICKY = ["no", "Yes", "on", "OFF", "null", "~", "2017-06-06", "2017-06-06 12:00:00", "12", "3.0",
          "1e5", "0o17", "0x1F", "1_000", ".inf", "a: b", "ends with:", "x #y", "#x", "- x", "[x]",
          "{x}", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "?", "? x", "'single'", '"double"',
          "it's", 'say "hi"', " lead", "trail ", "tab\there", "two\nlines", "back\\slash",
          "Ḥasakah café", "line\u2028sep", "nbsp\u00a0x", "bom\ufeffx", "bell\x07", "emoji 🙂", ""]


@pytest.mark.parametrize("text", TRICKY)
def test_strings_yaml_would_misread_are_quoted_and_read_back_the_same(tmp_path, text):
    spec = tmp_path / "s.yaml"
    spec.write_text("factsheet: 1\nsources:\n- id: a\n  publisher: plain\n", encoding="utf-8")
    add_entries(spec, "sources", [{"id": "b", "publisher": text, "title": text}])
    items = loaded(spec).value["sources"].value
    assert items[1].value["publisher"].value == text
    assert items[1].value["title"].value == text
    assert items[1].value["publisher"].kind == "str"


@pytest.mark.parametrize("text", ["plain words", "The Independent", "https://example.org/a?b=c#d",
                                  "Raqqa, Syria", "UN OCHA (Syria)"])
def test_ordinary_strings_stay_plain(tmp_path, text):
    spec = tmp_path / "s.yaml"
    spec.write_text("factsheet: 1\nsources:\n- id: a\n", encoding="utf-8")
    add_entries(spec, "sources", [{"id": "b", "publisher": text}])
    assert spec.read_text(encoding="utf-8").endswith(f"  publisher: {text}\n")


def test_the_files_own_list_indentation_is_kept(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("# top\nsources:\n- id: a   # first\n  title: A\n\n# the facts\nfacts:\n"
                    "-   id: f\n    value: 1\n", encoding="utf-8")
    add_entries(spec, "sources", [{"id": "b", "title": "B"}])
    add_entries(spec, "facts", [{"id": "g", "value": 2}])
    assert spec.read_text(encoding="utf-8") == (
        "# top\nsources:\n- id: a   # first\n  title: A\n- id: b\n  title: B\n\n# the facts\nfacts:\n"
        "-   id: f\n    value: 1\n-   id: g\n    value: 2\n")


def test_an_absent_list_is_created_at_the_end_in_the_style_of_the_others(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("sources:\n- id: a\n# end", encoding="utf-8")
    add_entries(spec, "facts", [{"id": "f", "value": 1}])
    assert spec.read_text(encoding="utf-8") == "sources:\n- id: a\n# end\n\nfacts:\n- id: f\n  value: 1\n"


@pytest.mark.parametrize("line", ["facts:", "facts: []", "facts: ~", "facts: [ ]   # none yet"])
def test_an_empty_list_is_filled_in_place(tmp_path, line):
    spec = tmp_path / "s.yaml"
    spec.write_text(f"sources:\n  - id: a\n{line}\nkey_figures: []\n", encoding="utf-8")
    add_entries(spec, "facts", [{"id": "f", "value": 1}])
    comment = " # none yet" if "#" in line else ""
    assert spec.read_text(encoding="utf-8") == (
        f"sources:\n  - id: a\nfacts:{comment}\n  - id: f\n    value: 1\nkey_figures: []\n")


def test_crlf_line_ends_and_a_byte_order_mark_are_kept(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_bytes(b"\xef\xbb\xbfsources:\r\n  - id: a\r\n\r\nfacts: []\r\n")
    add_entries(spec, "sources", [{"id": "b"}])
    assert spec.read_bytes() == b"\xef\xbb\xbfsources:\r\n  - id: a\r\n  - id: b\r\n\r\nfacts: []\r\n"


def test_a_literal_block_ending_in_hash_lines_is_not_cut(tmp_path):
    spec = tmp_path / "s.yaml"
    text = "facts:\n  - id: a\n    note: |\n      text\n      # not a comment\n\nkey_figures: [a]\n"
    spec.write_text(text, encoding="utf-8")
    add_entries(spec, "facts", [{"id": "b", "value": 1}])
    assert loaded(spec).value["facts"].value[0].value["note"].value == "text\n# not a comment\n"
    assert loaded(spec).value["facts"].value[1].value["id"].value == "b"


# -- refused: nothing written ---------------------------------------------------------------

def refused(spec: Path, key: str, entries: list) -> str:
    before = spec.read_bytes()
    with pytest.raises(UsageError) as caught:
        add_entries(spec, key, entries)
    assert spec.read_bytes() == before
    assert [p.name for p in spec.parent.iterdir() if p.name.startswith(".")] == []   # no temp file
    return str(caught.value)


def test_an_existing_id_is_refused(spec):
    assert refused(spec, "sources", [{"id": "voa-2017-08-25", "title": "x"}]) == (
        f"{spec}:21:9: source id 'voa-2017-08-25' exists already in 'sources': not added")


def test_the_same_id_twice_in_one_call_is_refused(spec):
    message = refused(spec, "facts", [{"id": "new", "value": 1}, {"id": "new", "value": 2}])
    assert message == f"{spec}: fact id 'new' exists already in 'facts': not added"


def test_yaml_syntax_error_names_file_line_and_column(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("sources:\n  - id: a\n    title: [unclosed\n", encoding="utf-8")
    message = refused(spec, "sources", [{"id": "b"}])
    assert message.startswith(f"{spec}:4:1: not valid YAML here")
    assert message.endswith(": not edited")


def test_a_flow_list_with_entries_is_refused_with_advice(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("sources: [{id: a}]\n", encoding="utf-8")
    assert refused(spec, "sources", [{"id": "b"}]) == (
        f"{spec}:1:1: 'sources' is a flow list ([...]); write it as a block list "
        "(one '- ' item per entry) to add to it: not edited")


def test_a_list_key_that_is_not_a_list_is_refused(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("sources: none here\n", encoding="utf-8")
    assert refused(spec, "sources", [{"id": "b"}]) == f"{spec}:1:1: 'sources' is not a list: not edited"


def test_a_spec_that_is_not_a_mapping_is_refused(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("- just\n- a list\n", encoding="utf-8")
    assert "is not a mapping of keys" in refused(spec, "sources", [{"id": "b"}])


def test_a_spec_that_is_not_utf8_is_refused(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_bytes(b"title: caf\xe9\n")
    assert refused(spec, "sources", [{"id": "b"}]) == f"{spec}: not UTF-8 text (byte 10): not edited"


def test_a_missing_spec_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        add_entries(tmp_path / "absent.yaml", "sources", [{"id": "b"}])
