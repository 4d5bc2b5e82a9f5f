"""Each rule of a section's `chart:`, pinned by one broken copy of the charts example: the first
error's line, column and exact text, and its hint where it has one."""
from __future__ import annotations

from pathlib import Path

import pytest

from factsheet import check_spec
from factsheet.validate.charts import MAX_POINTS

from fixture_specs import ROOT, spec_variant

CHAD = ROOT / "specs" / "examples" / "chad-appeal-2004.yaml"
ELEVEN = "points:\n" + "".join("        - appeal-initial\n" for _ in range(MAX_POINTS + 1))

# (what is broken, (old, new) edit of the example, first error as 'LINE:COL: MESSAGE', hint)
RULES = [
    ("unknown-fact", ("{fact: appeal-initial, label: Initial appeal}",
                      "{fact: appeal-inital, label: Initial appeal}"),
     "103:18: unknown fact 'appeal-inital'", "did you mean 'appeal-initial'?"),
    ("unknown-kind", ("kind: bars", "kind: bar"),
     "100:13: unknown chart kind 'bar': use bars, trend, funding", "did you mean 'bars'?"),
    ("mixed-units", ("{fact: unhcr-before, label: UNHCR before}", "{fact: more-planned, label: Planned}"),
     "105:18: the chart mixes units: fact 'more-planned' is without a unit, fact 'appeal-initial' "
     "in USD", "draw one chart per unit"),
    ("incomparable", ("received: appeal-received", "received: refugees-july"),
     "116:17: received 'refugees-july' (without a unit) and required 'appeal-required' (in USD) "
     "cannot be compared", "state both in one currency"),
    ("trend-without-date", ("    date: 2004-03-31\n", ""),
     "91:18: trend point 'refugees-march' has no date: a trend places its points by their facts' "
     "dates", "give fact 'refugees-march' a date: (YYYY-MM-DD)"),
    ("two-points-one-date", ("    date: 2004-07-31\n", "    date: 2004-03-31\n"),
     "93:18: trend points 'refugees-march' and 'refugees-july' are both dated 2004-03-31: a trend "
     "has one point per date", None),
    ("received-more", ("      required: appeal-required\n      received: appeal-received",
                       "      required: appeal-received\n      received: appeal-required"),
     "116:17: received 'appeal-required' (166,000,000 USD) is more than required 'appeal-received' "
     "(80,000,000 USD)", "check the facts: an appeal funded beyond its requirement has no gap to draw"),
    ("too-many-points", ("points:\n        - {fact: appeal-initial, label: Initial appeal}\n", ELEVEN),
     f"103:9: a bars chart lists {MAX_POINTS + 1 + 3} points: the limit is {MAX_POINTS}, more cannot "
     "be read on one page", None),
    ("too-few-points", ("        - {fact: refugees-july, label: End of July}\n", ""),
     "92:9: a trend chart needs at least 2 points, not 1", None),
    ("label-with-figure", ("label: UNHCR before}", "label: UNHCR phase 1}"),
     "105:51: chart label 'UNHCR phase 1' has a figure, '1': a label names its point, and only the "
     "point's fact gives a value", None),
    ("title-figure-unsourced", ("title: The appeal for Chad, 2004", "title: The appeal for Chad, 4 agencies"),
     "101:35: figure '4' has no source: use a {fact} or cite a [source] in the same sentence", None),
    ("funding-with-points", ("      required: appeal-required\n",
                             "      required: appeal-required\n      points: [appeal-initial]\n"),
     "116:7: unknown key 'points' in a funding chart", "allowed keys: kind, title, required, received"),
]


@pytest.mark.parametrize("name, edit, expected, hint", RULES, ids=[r[0] for r in RULES])
def test_a_broken_chart_gives_its_message_at_its_line_and_column(tmp_path, name, edit, expected, hint):
    sheet, diagnostics = check_spec(spec_variant(tmp_path, edit, spec=CHAD))
    errors = diagnostics.errors
    assert sheet is None and errors, name
    first = min(errors, key=lambda d: (d.line, d.col))
    assert f"{first.line}:{first.col}: {first.message}" == expected
    assert first.hint == hint


def test_the_example_is_valid_and_every_chart_fact_counts_as_used(tmp_path):
    sheet, diagnostics = check_spec(spec_variant(tmp_path, spec=CHAD))
    assert sheet is not None and not diagnostics.errors
    assert not [d for d in diagnostics if d.code == "unused-fact"]
    assert [s.chart.kind for s in sheet.sections] == ["trend", "bars", "funding"]


def test_the_schema_states_the_validators_point_limits():
    import json
    from importlib import resources

    from factsheet.validate.charts import MIN_POINTS

    schema = json.loads((resources.files("factsheet.spec") / "schema" / "factsheet.schema.json")
                        .read_text("utf-8"))
    points = schema["$defs"]["chart"]["properties"]["points"]
    assert (points["minItems"], points["maxItems"]) == (MIN_POINTS, MAX_POINTS)


def test_the_dump_shows_every_mark_with_its_fact_label_and_value(tmp_path):
    from factsheet.sheet.dump import dump_sheet

    sheet, _ = check_spec(spec_variant(tmp_path, spec=CHAD))
    dump = dump_sheet(sheet)
    assert ("  chart: bars The appeal for Chad, 2004 [1]\n"
            "    appeal-initial: Initial appeal = 54,000,000 USD\n"
            "    appeal-required: Revised appeal = 166,000,000 USD\n"
            "    unhcr-before: UNHCR before = 20,000,000 USD\n"
            "    unhcr-now: UNHCR revised = 105,000,000 USD\n") in dump
    assert ("  chart: funding Revised appeal for Chad, August 2004 [1]\n"
            "    appeal-required: Required = 166,000,000 USD\n"
            "    appeal-received: Received = 80,000,000 USD\n"
            "    gap = 86,000,000 USD; funded = 48%\n") in dump


def test_the_readme_states_the_point_limit():
    from factsheet.validate.charts import MIN_POINTS

    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"| points in a chart | {MIN_POINTS} to {MAX_POINTS} |" in readme
