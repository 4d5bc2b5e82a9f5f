"""Comparing two records and the CHANGES.md log: wording, order, newest first.

The records compared are those of small specs checked by the validator: each edit is one a
writer would make to a spec (and, where the figure changes, to its archived source)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from factsheet.build.changes import (ADDED, CHANGED, REMOVED, Change, append_changes_md,
                               compare_records, format_change)
from factsheet.sheet.record import dump_record, sheet_record
from fixture_specs import checked

ARCHIVE = ("Airwars counted at least 220 civilians killed in May. A later count found at least "
           "250 civilians killed in May. Some said more than 220 civilians were killed in May. "
           "One report gave at least 220 per cent more deaths. Another put the toll at 220 "
           "civilians. Monitors said 20,000 civilians remain trapped. At least 21 civilians died fleeing. "
           "The front moved 5 km.\n")
SPEC = """factsheet: 1
title: Changes between builds
as_of: 2017-08-25
sources:
  - id: airwars
    title: Civilian casualties in Raqqa
    publisher: Airwars
    published: 2017-07-01
    archive: sources/airwars.txt
  - id: monitor
    title: Monitoring update
    publisher: Monitors
    published: 2017-07-02
    archive: sources/monitor.txt
facts:
{facts}key_figures: [{ids}]
sections:
  - heading: Figures
    bullets:
      - "As counted by monitors [airwars] [monitor]."
"""
TRAPPED = {"id": "trapped-august", "value": 20000, "label": "civilians trapped",
           "source": "monitor", "quote": "20,000 civilians remain trapped"}
KILLED_MAY = {"id": "killed-may", "value": 220, "qualifier": "at least",
              "label": "civilians killed in May", "date": "2017-05-31", "source": "airwars",
              "quote": "at least 220 civilians killed in May"}
DIED_FLEEING = {"id": "died-fleeing", "value": 21, "qualifier": "at least",
                "label": "civilians died fleeing", "source": "airwars",
                "quote": "At least 21 civilians died fleeing"}
FACTS = (TRAPPED, KILLED_MAY, DIED_FLEEING)


def record(folder, facts=FACTS) -> dict:
    """The record of the spec with these facts (each a mapping of its spec fields)."""
    (folder / "sources").mkdir(parents=True)
    for name in ("airwars", "monitor"):
        (folder / "sources" / f"{name}.txt").write_text(ARCHIVE, encoding="utf-8")
    text = "".join("  - " + "\n    ".join(f"{key}: {json.dumps(value)}" for key, value in fact.items()
                                          if value is not None) + "\n" for fact in facts)
    spec = folder / "changes.yaml"
    ids = ", ".join(fact["id"] for fact in facts)     # every fact a key figure: all used
    spec.write_text(SPEC.format(facts=text, ids=ids), encoding="utf-8")
    return sheet_record(checked(spec))


def edited(**fields) -> tuple:
    """The facts with killed-may's fields changed."""
    return (TRAPPED, {**KILLED_MAY, **fields}, DIED_FLEEING)


@pytest.fixture
def old(tmp_path):
    return record(tmp_path / "old")


def test_unchanged_records_have_no_changes(old, tmp_path):
    assert compare_records(old, record(tmp_path / "elsewhere")) == []


def test_label_quote_and_date_edits_are_not_changes(old, tmp_path):
    new = record(tmp_path / "new", edited(label="new label", date="2017-06-01",
                                          quote="Airwars counted at least 220 civilians killed"))
    assert compare_records(old, new) == []


def test_value_and_source_change_in_one_line(old, tmp_path):
    new = record(tmp_path / "new", edited(value=250, source="monitor",
                                          quote="at least 250 civilians killed in May"))
    changes = compare_records(old, new)
    assert [(c.kind, c.fact_id, c.fields) for c in changes] == [
        (CHANGED, "killed-may", ("value", "sources"))]
    assert format_change(changes[0]) == (
        "killed-may: at least 220 -> at least 250, source airwars -> monitor")


@pytest.mark.parametrize("changes, expected", [
    ({"qualifier": "more than", "quote": "more than 220 civilians were killed in May"},
     "killed-may: at least 220 -> more than 220"),
    ({"qualifier": None, "quote": "put the toll at 220 civilians"}, "killed-may: at least 220 -> 220"),
    ({"unit": "%", "quote": "at least 220 per cent more deaths"},
     "killed-may: at least 220 -> at least 220%"),
    ({"value": 220.0}, None),
    ({"source": ["airwars", "monitor"]}, "killed-may: sources airwars -> airwars; monitor"),
])
def test_each_compared_field_is_worded(old, tmp_path, changes, expected):
    lines = [format_change(c) for c in compare_records(old, record(tmp_path / "new", edited(**changes)))]
    assert lines == ([expected] if expected else [])


def test_value_change_below_printed_precision_shows_raw_numbers():
    old = {"facts": [{"id": "x", "value": 0.12345678901, "qualifier": None, "unit": None,
                      "display": "0.123456789", "sources": ["s"]}]}
    new = {"facts": [dict(old["facts"][0], value=0.12345678904)]}
    assert [format_change(c) for c in compare_records(old, new)] == [
        "x: 0.12345678901 -> 0.12345678904"]


def test_new_and_removed_facts_in_new_order_then_removed(old, tmp_path):
    new_fact = {"id": "zz-new", "value": 5, "unit": "km", "label": "the front moved",
                "source": ["airwars", "monitor"], "quote": "The front moved 5 km"}
    new = record(tmp_path / "new", ({**KILLED_MAY, "value": 250,
                                     "quote": "at least 250 civilians killed in May"},
                                    new_fact, TRAPPED))
    changes = compare_records(old, new)
    assert [(c.kind, c.fact_id) for c in changes] == [
        (CHANGED, "killed-may"), (ADDED, "zz-new"), (REMOVED, "died-fleeing")]
    assert [format_change(c) for c in changes] == [
        "killed-may: at least 220 -> at least 250",
        "new fact zz-new: 5 km (sources airwars; monitor)",
        "removed fact died-fleeing: at least 21",
    ]


def test_first_build_lists_every_fact_as_new(tmp_path):
    changes = compare_records(None, record(tmp_path))
    assert [c.kind for c in changes] == [ADDED] * 3
    assert format_change(changes[0]) == "new fact trapped-august: 20,000 (source monitor)"


def test_a_stored_record_compares_like_the_one_it_was_made_from(old, tmp_path):
    new = record(tmp_path / "new", (TRAPPED, KILLED_MAY))
    stored = json.loads(dump_record(old))
    assert [format_change(c) for c in compare_records(stored, new)] == [
        "removed fact died-fleeing: at least 21"]


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
