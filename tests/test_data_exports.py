"""The JSON and HXL CSV exports, read back and checked field by field."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from factsheet.sheet.record import sheet_record
from factsheet.render import get_format, get_renderer
from factsheet.render.data import HXL_COLUMNS, render_json
from records_fixtures import EVIL, EVIL_URL, make_sheet

HEADER = ["Fact ID", "Indicator", "Value", "Qualifier", "Unit", "Display", "Date", "Source",
          "Source URL", "Publisher", "Quote"]
HASHTAGS = ["#indicator+code", "#indicator+name", "#indicator+value+num",
            "#indicator+qualifier", "#indicator+unit", "#indicator+text", "#date",
            "#meta+source", "#meta+url", "#org+publisher", "#meta+quote"]
INDEPENDENT_URL = "https://www.independent.co.uk/news/world/middle-east/raqqa-battle"
VOA_URL = "https://www.voanews.com/a/raqqa/4001234.html"


@pytest.fixture
def sheet(tmp_path):
    return make_sheet(tmp_path / "specs")


def export(name, sheet, folder):
    """Render one registered format into folder, named as a build names it."""
    path = get_format(name).path(folder, sheet.stem)
    get_renderer(name)(sheet, None, path)
    return path


def read_hxl(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_json_export_is_the_record(sheet, tmp_path):
    path = export("json", sheet, tmp_path)
    assert path == tmp_path / "raqqa-2017.json"
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == sheet_record(sheet)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert json.dumps(EVIL, ensure_ascii=False) in text  # no \u or HTML escapes
    assert text.startswith('{\n  "as_of": "2017-08-25",\n')   # indent 2, sorted keys


def test_json_export_to_an_explicit_file_name(sheet, tmp_path):
    path = tmp_path / "other.json"
    render_json(sheet, None, path)
    assert json.loads(path.read_text(encoding="utf-8"))["spec"] == "raqqa-2017.yaml"


def test_exports_are_byte_identical_across_builds(sheet, tmp_path):
    first = export("hxl", sheet, tmp_path).read_bytes(), export("json", sheet, tmp_path)
    again = export("hxl", sheet, tmp_path).read_bytes(), export("json", sheet, tmp_path)
    assert first[0] == again[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "raqqa-2017.hxl.csv", "raqqa-2017.json", "specs"]


def test_hxl_header_and_hashtag_rows(sheet, tmp_path):
    rows = read_hxl(export("hxl", sheet, tmp_path))
    assert rows[0] == HEADER
    assert rows[1] == HASHTAGS
    assert [tag for _, tag in HXL_COLUMNS] == HASHTAGS
    assert len(rows) == 2 + len(sheet.facts)
    assert all(len(row) == len(HEADER) for row in rows)


def test_hxl_fact_rows(sheet, tmp_path):
    rows = read_hxl(export("hxl", sheet, tmp_path))[2:]
    assert [row[0] for row in rows] == [f.id for f in sheet.facts]
    assert rows[0] == [
        "trapped-august",
        "civilians trapped in Raqqa by ISIS, at risk from airstrikes and shelling",
        "20000", "", "", "20,000", "2017-08-24", "voa-2017-08-25", VOA_URL, "VOA News",
        "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes",
    ]
    assert rows[1][2:7] == ["220", "at least", "", "at least 220", "2017-05-31"]
    assert rows[2][2:7] == ["400", "", "%", "400%", ""]
    assert rows[4][1] == "of at least 21 fleeing, killed in strikes on 2 June 2017"


def test_hxl_row_with_two_sources_and_hostile_text(sheet, tmp_path):
    row = read_hxl(export("hxl", sheet, tmp_path))[-1]
    assert row == [
        "evil-fact", EVIL, "3.5", "about", "km", "about 3.5 km", "2017-08-01",
        "evil-source; voa-2017-08-25",
        f"{EVIL_URL}; {VOA_URL}",
        f"Evil & Sons <i>{EVIL}</i>; VOA News",
        f"quoted: {EVIL}",
    ]


def test_hxl_keeps_url_positions_when_a_source_has_none(sheet, tmp_path):
    sources = tuple(replace(s, url=None) if s.id == "evil-source" else s for s in sheet.sources)
    sheet = replace(sheet, sources=sources)
    row = read_hxl(export("hxl", sheet, tmp_path))[-1]
    assert row[8] == f"; {VOA_URL}"
    assert read_hxl(export("hxl", sheet, tmp_path))[2][8] == VOA_URL


def test_hxl_is_plain_csv_with_newline_rows(sheet, tmp_path):
    data = export("hxl", sheet, tmp_path).read_bytes()
    assert b"\r\n" not in data
    assert data.decode("utf-8").startswith("Fact ID,Indicator,Value,")
    # the hostile quote's double quotes are doubled inside a quoted cell
    assert '""double""' in data.decode("utf-8")
    assert list(csv.reader(io.StringIO(data.decode("utf-8"))))[0] == HEADER
