"""Key figures with icons: `{fact: id, icon: name}` beside plain ids, each mistake reported at
its line and column, word for word; `factsheet icons` lists the names a spec may use."""
from __future__ import annotations

import io

import pytest

from factsheet.cli import main
from factsheet.validate.rules import check_spec

from spec_inputs import BASE, write_spec

PLAIN = "key_figures: [trapped, casualty-increase, expected-to-flee]\n"


def with_key_figures(text: str) -> str:
    assert BASE.count(PLAIN) == 1
    return BASE.replace(PLAIN, text)


def validate(path) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(path), "--max-age", "100000"], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_icons_and_plain_ids_mix_in_one_list(tmp_path):
    spec = write_spec(tmp_path, with_key_figures(
        "key_figures: [{fact: trapped, icon: people-in-need}, casualty-increase,\n"
        "              {fact: expected-to-flee}]\n"))
    sheet, diagnostics = check_spec(spec)
    assert sheet is not None, [d.message for d in diagnostics]
    assert [(f.fact_id, f.icon) for f in sheet.key_figures] == [
        ("trapped", "people-in-need"), ("casualty-increase", None), ("expected-to-flee", None)]


def test_block_style_entries_are_read_as_the_flow_ones(tmp_path):
    spec = write_spec(tmp_path, with_key_figures(
        "key_figures:\n  - fact: trapped\n    icon: internally-displaced\n  - casualty-increase\n"))
    sheet, _ = check_spec(spec)
    assert [f.icon for f in sheet.key_figures] == ["internally-displaced", None]


# (key_figures as written, its line's first error as LINE:COL: error: MESSAGE, the hint line)
MISTAKES = [
    ("key_figures: [{fact: trapped, icon: people-in-ned}]\n",
     "41:37: error: unknown icon 'people-in-ned'", "did you mean 'people-in-need'?"),
    ("key_figures: [{fact: trapped, icon: helicoptre}, casualty-increase]\n",
     "41:37: error: unknown icon 'helicoptre'", "did you mean 'helicopter'?"),
    ("key_figures: [{fact: trapped, icon: qqqqqqqq}]\n",
     "41:37: error: unknown icon 'qqqqqqqq'", "list the icons with: factsheet icons"),
    ("key_figures: [{fact: trapped, icn: dead}]\n",
     "41:31: error: unknown key 'icn' in a key figure", "did you mean 'icon'?"),
    ("key_figures: [{icon: dead}]\n",
     "41:15: error: a key figure is missing required key 'fact'", None),
    ("key_figures: [{fact: trapd, icon: dead}]\n",
     "41:22: error: unknown fact 'trapd'", "did you mean 'trapped'?"),
    ("key_figures: [{fact: trapped, icon: [dead]}]\n",
     "41:37: error: a key figure's 'icon' must be text, not a list", None),
    ("key_figures: [{fact: trapped, icon: dead}, trapped]\n",
     "41:44: error: 'trapped' is listed twice in key_figures", None),
]


@pytest.mark.parametrize("written, expected, hint", MISTAKES, ids=[m[1] for m in MISTAKES])
def test_a_mistake_in_an_icon_entry_is_reported_at_its_place(tmp_path, written, expected, hint):
    spec = write_spec(tmp_path, with_key_figures(written))
    code, out, _ = validate(spec)
    lines = out.splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert code == 1, out
    assert errors[0] == f"{spec}:{expected}"
    after = (lines[lines.index(errors[0]) + 1:] + [""])[0]
    assert after == f"  {hint}" if hint else not after.startswith("  ")


def run_icons(*words) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(["icons", *words], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_icons_lists_every_name_one_a_line():
    code, out, err = run_icons()
    names = out.splitlines()
    assert code == 0
    assert len(names) == 381 and names == sorted(names)
    assert {"people-in-need", "internally-displaced", "dead", "injured", "refugee"} <= set(names)
    assert err == ("381 OCHA humanitarian icons; give one to a key figure: "
                   "key_figures: [{fact: FACT-ID, icon: NAME}]\n")


def test_icons_with_words_lists_the_names_holding_them():
    code, out, err = run_icons("people", "need")
    assert (code, out) == (0, "people-in-need\npeople-in-need-2\n")
    assert err.startswith("2 of 381 OCHA humanitarian icons;")


def test_icons_with_no_match_says_so():
    code, out, err = run_icons("zebra")
    assert (code, out) == (0, "")
    assert err == "no icon's name holds 'zebra': 'factsheet icons' lists all 381\n"


def test_icons_with_no_match_suggests_the_words_icon_names_are_made_of():
    # a plural or a typo finds nothing: say which search would
    code, out, err = run_icons("refugees")
    assert (code, out) == (0, "")
    assert err == ("no icon's name holds 'refugees': 'factsheet icons' lists all 381; "
                   "did you mean: factsheet icons refugee\n")
    assert run_icons("peple", "need")[2].endswith("did you mean: factsheet icons people need\n")
