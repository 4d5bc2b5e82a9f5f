"""The JSON and HXL CSV exports, read back and checked field by field."""
from __future__ import annotations

import csv
import io
import json

import pytest

from factsheet.sheet.record import sheet_record
from factsheet.render import get_format, get_renderer
from factsheet.render.data import HXL_COLUMNS, render_json
from fixture_specs import EVIL, URLS, hostile_sheet

HEADER = ["Fact ID", "Indicator", "Value", "Qualifier", "Unit", "Display", "Date", "Source",
          "Source URL", "Publisher", "Quote"]
HASHTAGS = ["#indicator+code", "#indicator+name", "#indicator+value+num",
            "#indicator+qualifier", "#indicator+unit", "#indicator+text", "#date",
            "#meta+source", "#meta+url", "#org+publisher", "#meta+quote"]
VOA_URL = URLS["voa-2017-08-25"]
EVIL_URL = "https://example.org/report?a=1&b=<i>2</i>"


@pytest.fixture(scope="module")
def sheet():
    return hostile_sheet()


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
    assert path == tmp_path / "hostile.json"
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == sheet_record(sheet)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert json.dumps(EVIL, ensure_ascii=False) in text  # no \u or HTML escapes
    assert text.startswith('{\n  "as_of": "2017-08-25",\n')   # indent 2, sorted keys


def test_json_export_to_an_explicit_file_name(sheet, tmp_path):
    path = tmp_path / "other.json"
    render_json(sheet, None, path)
    assert json.loads(path.read_text(encoding="utf-8"))["spec"] == "hostile.yaml"


def test_exports_are_byte_identical_across_builds(sheet, tmp_path):
    first = export("hxl", sheet, tmp_path).read_bytes(), export("json", sheet, tmp_path)
    again = export("hxl", sheet, tmp_path).read_bytes(), export("json", sheet, tmp_path)
    assert first[0] == again[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.hxl.csv", "hostile.json"]


def test_hxl_header_and_hashtag_rows(sheet, tmp_path):
    rows = read_hxl(export("hxl", sheet, tmp_path))
    assert rows[0] == HEADER
    assert rows[1] == HASHTAGS
    assert [tag for _, tag in HXL_COLUMNS] == HASHTAGS
    assert len(rows) == 2 + len(sheet.facts) + len(sheet.cited_figures)
    assert all(len(row) == len(HEADER) for row in rows)


def test_hxl_fact_rows(sheet, tmp_path):
    rows = read_hxl(export("hxl", sheet, tmp_path))[2:]
    assert [row[0] for row in rows] == [f.id for f in sheet.facts] + [""]   # then the cited figure
    assert rows[0] == [
        "trapped-august",
        "civilians trapped in Raqqa by ISIS, at risk from airstrikes and shelling",
        "20000", "", "", "20,000", "2017-08-24", "voa-2017-08-25", VOA_URL, "VOA News",
        "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes, shelling and "
        "attacks on boats on the Euphrates",
    ]
    assert rows[1][2:7] == ["220", "at least", "", "at least 220", "2017-05-31"]
    assert rows[2][2:7] == ["400", "", "%", "400%", ""]
    assert rows[-1] == [   # a figure of a cited sentence, with no fact of its own
        "", 'Amnesty International describes thousands of civilians trapped in a "deadly labyrinth" '
        "under fire from all sides.", "", "", "", "thousands", "", "voa-2017-08-25", VOA_URL,
        "VOA News", "thousands of civilians are trapped in a deadly labyrinth where they are under "
        "fire from all sides"]
    assert rows[6][1] == ("more civilians reported killed in strikes on 2 June 2017, besides the "
                          "at least 21 who died fleeing (unverified)")


def test_hxl_row_with_two_sources_and_hostile_text(sheet, tmp_path):
    row = read_hxl(export("hxl", sheet, tmp_path))[-2]
    assert row == [
        "evil-fact", EVIL, "3.5", "about", "km", "about 3.5 km", "2017-08-01",
        "evil-source; evil-wire",
        f"{EVIL_URL}; ",
        "Evil & Sons <i>press</i>; Wire & Co",
        f"the front line moved by about 3.5 km overnight, quoted: {EVIL}",
    ]


def test_hxl_keeps_url_positions_when_a_source_has_none(sheet, tmp_path):
    rows = read_hxl(export("hxl", sheet, tmp_path))
    assert rows[-2][7:9] == ["evil-source; evil-wire", f"{EVIL_URL}; "]     # evil-wire has none
    assert rows[2][8] == VOA_URL


def test_hxl_is_plain_csv_with_newline_rows(sheet, tmp_path):
    data = export("hxl", sheet, tmp_path).read_bytes()
    assert b"\r\n" not in data
    assert data.decode("utf-8").startswith("Fact ID,Indicator,Value,")
    # the hostile quote's double quotes are doubled inside a quoted cell
    assert '""double""' in data.decode("utf-8")
    assert list(csv.reader(io.StringIO(data.decode("utf-8"))))[0] == HEADER
