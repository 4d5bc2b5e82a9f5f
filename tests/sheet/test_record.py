"""The sheet record: every field, its JSON stability, and the atomic write it is stored with."""
from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from factsheet.sheet.record import (archive_path, archive_sha256, dump_record, label_text, read_record,
                               sheet_record)
from factsheet.files import write_atomic
from factsheet.sheet.words import words_for
from factsheet.files import file_sha256
from fixture_specs import EVIL, HOSTILE, MARKUP_TITLE, checked, copy_spec, hostile_sheet, spec_variant


@pytest.fixture(scope="module")
def sheet():
    return hostile_sheet()


def archive_sha(name) -> str:
    return file_sha256(HOSTILE.parent / "sources" / name)


def test_record_has_the_sheet_fields(sheet):
    record = sheet_record(sheet)
    assert record["record_version"] == 1
    assert record["spec"] == "hostile.yaml"
    assert record["title"] == MARKUP_TITLE
    assert record["subtitle"] == "Humanitarian fact sheet"
    assert record["location"] == "Raqqa, Syria"
    assert record["organisation"] == "Humanitarian Information Unit"
    assert record["as_of"] == "2017-08-25"
    assert record["language"] == "en"
    assert record["key_figures"] == ["trapped-august", "population-june", "killed-may",
                                     "casualty-increase", "died-fleeing", "expected-to-flee"]
    assert record["references"] == {"1": "voa-2017-08-25", "2": "independent-2017-06-06",
                                    "3": "evil-source", "4": "evil-wire"}


def test_record_lists_facts_in_spec_order_field_by_field(sheet):
    facts = sheet_record(sheet)["facts"]
    assert [f["id"] for f in facts] == ["trapped-august", "killed-may", "casualty-increase",
                                        "population-june", "expected-to-flee", "died-fleeing",
                                        "killed-friday", "evil-fact"]
    assert facts[1] == {
        "id": "killed-may",
        "value": 220,
        "qualifier": "at least",
        "unit": None,
        "display": "at least 220",
        "label": "civilians estimated killed by coalition strikes in May 2017",
        "label_text": "civilians estimated killed by coalition strikes in May 2017",
        "date": "2017-05-31",
        "sources": ["independent-2017-06-06"],
        "quote": "at least 220 civilians are estimated to have been killed in May alone",
        "note": None,
    }
    evil = facts[7]
    assert (evil["value"], evil["qualifier"], evil["unit"]) == (3.5, "about", "km")
    assert evil["display"] == "about 3.5 km"
    assert evil["label"] == evil["label_text"] == EVIL
    assert evil["sources"] == ["evil-source", "evil-wire"]
    assert facts[2]["display"] == "400%"
    assert facts[2]["date"] is None


def test_label_text_of_a_key_figure_is_its_label_as_printed(tmp_path):
    spec = spec_variant(tmp_path, ("label: civilians in Raqqa at risk of being used as human shields",
                                   "label: civilians, {trapped-august} of them trapped, at risk"))
    fact = sheet_record(checked(spec))["facts"][3]
    assert fact["label"] == "civilians, {trapped-august} of them trapped, at risk"
    assert fact["label_text"] == "civilians, 20,000 of them trapped, at risk"


def test_label_text_of_other_facts_fills_in_fact_markup(sheet):
    fact = sheet_record(sheet)["facts"][6]
    assert fact["label"] == ("more civilians reported killed in strikes on 2 June 2017, besides the "
                             "{died-fleeing} who died fleeing (unverified)")
    assert fact["label_text"] == ("more civilians reported killed in strikes on 2 June 2017, "
                                  "besides the at least 21 who died fleeing (unverified)")


def test_record_sources_have_relative_archives_and_digests(sheet):
    sources = sheet_record(sheet)["sources"]
    assert [s["id"] for s in sources] == ["independent-2017-06-06", "voa-2017-08-25",
                                          "evil-source", "evil-wire"]
    assert sources[0] == {
        "id": "independent-2017-06-06",
        "title": "Civilians die fleeing US-led bombing as the battle for Raqqa begins",
        "publisher": "The Independent",
        "published": "2017-06-06",
        "url": "https://www.independent.co.uk/news/world/middle-east/raqqa-civilians-die-fleeing-"
               "us-bombing-a7775146.html?ref=a&b=c",
        "archive": "sources/independent-2017-06-06.txt",
        "archive_sha256": archive_sha("independent-2017-06-06.txt"),
    }
    assert sources[1]["archive_sha256"] == archive_sha("voa-2017-08-25.txt")
    assert (sources[3]["archive"], sources[3]["url"]) == ("sources/evil-wire-2017-08-02.txt", None)


def test_archive_path_keeps_a_relative_path_and_uses_forward_slashes(tmp_path):
    sheet = checked(copy_spec(tmp_path, HOSTILE))
    assert archive_path(sheet, sheet.sources[0]) == "sources/independent-2017-06-06.txt"
    source = replace(sheet.sources[0], archive=tmp_path / "deep" / "er" / "a.txt")
    assert archive_path(sheet, source) == "deep/er/a.txt"
    assert archive_path(sheet, replace(source, archive="sources/b.txt")) == "sources/b.txt"


def test_archive_sha256_is_the_digest_checked_at_validation(tmp_path):
    sheet = checked(copy_spec(tmp_path, HOSTILE))
    (tmp_path / "sources" / "voa-2017-08-25.txt").write_text("edited after validation\n",
                                                             encoding="utf-8")
    assert archive_sha256(sheet.sources[1]) == archive_sha("voa-2017-08-25.txt")
    assert sheet_record(sheet)["sources"][1]["archive_sha256"] == archive_sha("voa-2017-08-25.txt")


def test_record_survives_a_json_round_trip_unchanged(sheet):
    record = sheet_record(sheet)
    assert json.loads(dump_record(record)) == record


def test_record_text_is_stable_and_does_not_depend_on_the_folder(tmp_path):
    first = dump_record(sheet_record(checked(copy_spec(tmp_path / "a", HOSTILE))))
    second = dump_record(sheet_record(checked(copy_spec(tmp_path / "b", HOSTILE))))
    assert first == second
    assert str(tmp_path) not in first
    assert first.endswith("}\n")
    assert json.dumps(EVIL, ensure_ascii=False) in first  # no \u or HTML escapes in data


def test_read_record_reads_what_dump_record_wrote(sheet, tmp_path):
    path = tmp_path / "raqqa-2017.json"
    assert read_record(path) is None
    path.write_text(dump_record(sheet_record(sheet)), encoding="utf-8")
    assert read_record(path) == sheet_record(sheet)
    path.write_text("{not json", encoding="utf-8")
    assert read_record(path) is None


def test_write_atomic_leaves_no_temporary_file_and_keeps_old_file_on_error(tmp_path):
    path = tmp_path / "out.txt"
    write_atomic(path, lambda f: f.write(b"first"))

    def fail(f):
        f.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(path, fail)
    assert path.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["out.txt"]
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("label, expected", [
    ("of {died-fleeing} fleeing", "of at least 21 fleeing"),
    ("{ killed-may } in May", "at least 220 in May"),
    ("civilians killed [independent-2017-06-06]", "civilians killed"),
    ("literal {{braces}} and [[brackets]]", "literal {braces} and [brackets]"),
    ("unknown {no-such-fact} kept", "unknown {no-such-fact} kept"),
])
def test_label_text_markup(sheet, label, expected):
    assert label_text(label, {f.id: f for f in sheet.facts}, words_for("en")) == expected
