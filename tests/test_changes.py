"""Comparing two records and the CHANGES.md log: wording, order, newest first."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from factsheet.build.changes import (ADDED, CHANGED, REMOVED, Change, append_changes_md,
                               compare_records, format_change)
from factsheet.sheet.model import Fact, Source
from factsheet.sheet.record import dump_record, sheet_record
from records_fixtures import make_facts, make_sheet, make_sources

AIRWARS = Source("airwars-2017-07", "Civilian casualties in Raqqa", "Airwars",
                 date(2017, 7, 1), "sources/airwars-2017-07.txt")
TRAPPED = Fact("trapped-august", 20000, "civilians trapped", ("voa-2017-08-25",), "20,000")


def edited_record(folder, edit) -> dict:
    facts = {f.id: f for f in make_facts()}
    sources = make_sources(folder)
    sources[AIRWARS.id] = AIRWARS
    edit(facts)
    return sheet_record(make_sheet(folder, facts=list(facts.values()), sources=sources))


@pytest.fixture
def old(tmp_path):
    return sheet_record(make_sheet(tmp_path))


def test_unchanged_records_have_no_changes(old, tmp_path):
    assert compare_records(old, sheet_record(make_sheet(tmp_path / "elsewhere"))) == []


def test_label_quote_and_date_edits_are_not_changes(old, tmp_path):
    def edit(facts):
        facts["killed-may"] = replace(facts["killed-may"], label="new label", quote="new",
                                      date=date(2017, 6, 1))
    assert compare_records(old, edited_record(tmp_path, edit)) == []


def test_value_and_source_change_in_one_line(old, tmp_path):
    def edit(facts):
        facts["killed-may"] = replace(facts["killed-may"], value=250, sources=(AIRWARS.id,))
    changes = compare_records(old, edited_record(tmp_path, edit))
    assert [(c.kind, c.fact_id, c.fields) for c in changes] == [
        (CHANGED, "killed-may", ("value", "sources"))]
    assert format_change(changes[0]) == (
        "killed-may: at least 220 -> at least 250, source independent-2017-06-06 -> airwars-2017-07")


@pytest.mark.parametrize("changes, expected", [
    ({"qualifier": "more_than"}, "killed-may: at least 220 -> more than 220"),
    ({"qualifier": None}, "killed-may: at least 220 -> 220"),
    ({"unit": "%"}, "killed-may: at least 220 -> at least 220%"),
    ({"value": 220.0}, None),
    ({"sources": ("independent-2017-06-06", AIRWARS.id)},
     "killed-may: sources independent-2017-06-06 -> independent-2017-06-06; airwars-2017-07"),
])
def test_each_compared_field_is_worded(old, tmp_path, changes, expected):
    def edit(facts):
        facts["killed-may"] = replace(facts["killed-may"], **changes)
    lines = [format_change(c) for c in compare_records(old, edited_record(tmp_path, edit))]
    assert lines == ([expected] if expected else [])


def test_value_change_below_printed_precision_shows_raw_numbers():
    old = {"facts": [{"id": "x", "value": 0.12345678901, "qualifier": None, "unit": None,
                      "display": "0.123456789", "sources": ["s"]}]}
    new = {"facts": [dict(old["facts"][0], value=0.12345678904)]}
    assert [format_change(c) for c in compare_records(old, new)] == [
        "x: 0.12345678901 -> 0.12345678904"]


def test_new_and_removed_facts_in_new_order_then_removed(old, tmp_path):
    def edit(facts):
        del facts["died-fleeing"]
        del facts["trapped-august"]
        facts["killed-may"] = replace(facts["killed-may"], value=250)
        facts["zz-new"] = replace(TRAPPED, id="zz-new", value=5, unit="km",
                                  sources=("voa-2017-08-25", AIRWARS.id))
        facts["trapped-august"] = TRAPPED
    changes = compare_records(old, edited_record(tmp_path, edit))
    assert [(c.kind, c.fact_id) for c in changes] == [
        (CHANGED, "killed-may"), (ADDED, "zz-new"), (REMOVED, "died-fleeing")]
    assert [format_change(c) for c in changes] == [
        "killed-may: at least 220 -> at least 250",
        "new fact zz-new: 5 km (sources voa-2017-08-25; airwars-2017-07)",
        "removed fact died-fleeing: at least 21",
    ]


def test_first_build_lists_every_fact_as_new(tmp_path):
    new = sheet_record(make_sheet(tmp_path))
    changes = compare_records(None, new)
    assert [c.kind for c in changes] == [ADDED] * 6
    assert format_change(changes[0]) == "new fact trapped-august: 20,000 (source voa-2017-08-25)"


def test_a_stored_record_compares_like_the_one_it_was_made_from(old, tmp_path):
    def edit(facts):
        del facts["evil-fact"]
    new = edited_record(tmp_path, edit)
    stored = json.loads(dump_record(old))
    assert [format_change(c) for c in compare_records(stored, new)] == [
        "removed fact evil-fact: about 3.5 km"]


CHANGE_A = Change(CHANGED, "killed-may",
                  old={"display": "at least 220", "sources": ["independent-2017-06-06"]},
                  new={"display": "at least 250", "sources": ["airwars-2017-07"]},
                  fields=("value", "sources"))
CHANGE_B = Change(ADDED, "trapped-august",
                  new={"display": "20,000", "sources": ["voa-2017-08-25"]})
CHANGE_C = Change(REMOVED, "died-fleeing", old={"display": "at least 21", "sources": ["x"]})


def test_changes_md_is_created_with_heading_and_section(tmp_path):
    path = tmp_path / "output" / "CHANGES.md"
    written = append_changes_md(path, "raqqa-2017.yaml", "Raqqa: civilians\n trapped",
                                [CHANGE_A, CHANGE_B], date(2026, 11, 21))
    assert written is True
    assert path.read_text(encoding="utf-8") == (
        "# Changes\n"
        "\n"
        "## 2026-11-21 raqqa-2017.yaml: Raqqa: civilians trapped\n"
        "- killed-may: at least 220 -> at least 250, source independent-2017-06-06 -> airwars-2017-07\n"
        "- new fact trapped-august: 20,000 (source voa-2017-08-25)\n"
    )


def test_changes_md_puts_each_new_section_on_top(tmp_path):
    path = tmp_path / "CHANGES.md"
    append_changes_md(path, "raqqa-2017.yaml", "Raqqa", [CHANGE_A], date(2026, 11, 20))
    append_changes_md(path, "mosul-2017.yaml", "Mosul", [CHANGE_C], date(2026, 11, 21))
    append_changes_md(path, "raqqa-2017.yaml", "Raqqa", [CHANGE_B], date(2026, 11, 21))
    assert path.read_text(encoding="utf-8").split("\n") == [
        "# Changes",
        "",
        "## 2026-11-21 raqqa-2017.yaml: Raqqa",
        "- new fact trapped-august: 20,000 (source voa-2017-08-25)",
        "",
        "## 2026-11-21 mosul-2017.yaml: Mosul",
        "- removed fact died-fleeing: at least 21",
        "",
        "## 2026-11-20 raqqa-2017.yaml: Raqqa",
        "- killed-may: at least 220 -> at least 250, source independent-2017-06-06 -> airwars-2017-07",
        "",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CHANGES.md"]


def test_changes_md_keeps_text_written_without_the_heading(tmp_path):
    path = tmp_path / "CHANGES.md"
    path.write_text("Notes kept by hand.\n", encoding="utf-8")
    append_changes_md(path, "a.yaml", "A", [CHANGE_C], date(2026, 1, 2))
    assert path.read_text(encoding="utf-8") == (
        "# Changes\n\n## 2026-01-02 a.yaml: A\n- removed fact died-fleeing: at least 21\n"
        "\nNotes kept by hand.\n")


def test_changes_md_is_not_touched_without_changes(tmp_path):
    path = tmp_path / "CHANGES.md"
    assert append_changes_md(path, "a.yaml", "A", [], date(2026, 1, 2)) is False
    assert not path.exists()


def test_changes_md_accepts_lines_already_formatted(tmp_path):
    path = tmp_path / "CHANGES.md"
    append_changes_md(path, "a.yaml", "A", [format_change(CHANGE_A), CHANGE_C], date(2026, 1, 2))
    assert path.read_text(encoding="utf-8").split("\n")[3:5] == [
        "- killed-may: at least 220 -> at least 250, source independent-2017-06-06 -> airwars-2017-07",
        "- removed fact died-fleeing: at least 21",
    ]
