"""Messages for common slips (issue 11, item 5): date ranges, part numbers in headings, misquotes."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from factsheet.cli import main
from factsheet.validate.rules import check_spec

REPO = Path(__file__).resolve().parent.parent.parent
BROKEN = REPO / "tests" / "broken"
HEADING = "  - heading: Protection of civilians\n"


def errors_for(tmp_path, old: str, new: str) -> list:
    shutil.copytree(REPO / "specs" / "sources", tmp_path / "sources")
    text = (REPO / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    assert old in text
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace(old, new), encoding="utf-8")
    _, diagnostics = check_spec(spec, today=date(2026, 1, 1))
    return [d.message for d in diagnostics.errors]


@pytest.mark.parametrize("heading", [
    "Between the afternoons of 5 and 8 August",
    "Fighting on 5-8 August",
    "Between 19 and 20 October 2019",
    "From 19 to 20 October",
])
def test_a_range_of_dates_is_not_a_figure(tmp_path, heading):
    assert errors_for(tmp_path, HEADING, f"  - heading: {heading}\n") == []


@pytest.mark.parametrize("heading", ["Background part 1", "Phase 2", "Part II", "Phase 2: the city",
                                     "Week 3 - the assault", "Flash update #8"])
def test_a_part_number_in_a_heading_is_not_a_figure(tmp_path, heading):
    assert errors_for(tmp_path, HEADING, f"  - heading: \"{heading}\"\n") == []


@pytest.mark.parametrize("heading, figure", [
    ("Phase 2 displaced 300 families", "300"),   # a figure after the part number
])
def test_a_figure_beside_a_part_word_is_still_a_figure(tmp_path, heading, figure):
    assert errors_for(tmp_path, HEADING, f"  - heading: \"{heading}\"\n") == [
        f"figure '{figure}' has no source: use a {{fact}} or cite a [source] in the same sentence"]


def test_a_part_number_in_running_text_is_still_a_figure(tmp_path):
    old = ('      - "A transparent and independent procedure for reporting civilian casualties '
           '[voa-2017-08-25]."\n')
    assert errors_for(tmp_path, old, '      - "Phase 2 began."\n') == [
        "figure '2' has no source: use a {fact} or cite a [source] in the same sentence"]


def test_a_misquote_marks_the_words_that_differ_on_two_aligned_lines(capsys):
    code = main(["validate", str(BROKEN / "quote-one-word-off.yaml"), "--max-age", "100000"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[1:3] == [
        '  closest passage in sources/voa-2017-08-25.txt: "saying that 20,000 civilians trapped '
        'by [ISIS] were at risk from airstrikes,"',
        '  the quote says:                                "saying that 20,000 civilians trapped '
        'by [IS] were at risk from airstrikes"']


def test_a_colon_in_a_plain_bullet_says_to_quote_the_bullet(tmp_path, capsys):
    old = ('      - "A transparent and independent procedure for reporting civilian casualties '
           '[voa-2017-08-25]."\n')
    errors_for(tmp_path, old, "      - Raqqa: a transparent procedure [voa-2017-08-25].\n")
    code = main(["validate", str(tmp_path / "s.yaml"), "--max-age", "100000"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:2] == [
        f"{tmp_path / 's.yaml'}:104:9: error: a bullet must be text, not a mapping",
        "  the colon and space in 'Raqqa: ...' make YAML read a key and a value: put the text "
        "in quotes: \"Raqqa: a transparent procedure [voa-2017-08-25].\""]


def test_a_colon_in_a_plain_label_says_to_quote_the_value(tmp_path, capsys):
    errors_for(tmp_path, "label: civilians trapped in Raqqa by ISIS, at risk",
               "label: Raqqa: civilians trapped by ISIS, at risk")
    main(["validate", str(tmp_path / "s.yaml")])
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{tmp_path / 's.yaml'}:30:17: error: YAML syntax: the value of 'label' holds a colon "
        "followed by a space, which YAML reads as a new key: put the value in quotes: "
        "label: \"Raqqa: civilians trapped by ISIS, at risk from airstrikes and shelling\"")


def diagnostics_for(tmp_path, old: str, new: str) -> list:
    shutil.copytree(REPO / "specs" / "sources", tmp_path / "sources")
    text = (REPO / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    assert old in text
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace(old, new), encoding="utf-8")
    _, diagnostics = check_spec(spec, today=date(2026, 1, 1))
    return diagnostics.errors


KILLED_QUOTE = '"at least 220 civilians are estimated to have been killed in May alone"'


def test_a_misquoted_figure_is_reported_as_a_misquote_not_as_a_wrong_value(tmp_path):
    """A quote typed with 202 for 220 must not advise changing the (right) value."""
    [error] = diagnostics_for(tmp_path, KILLED_QUOTE, KILLED_QUOTE.replace("220", "202"))
    assert error.message == ("quote of fact 'killed-may' is not in the archived text of "
                             "'independent-2017-06-06'")
    assert "[220]" in error.hint and "[202]" in error.hint


def test_a_quote_wrapped_in_curly_quotes_says_to_use_straight_ones(tmp_path):
    curly = "\u201c" + KILLED_QUOTE.strip('"') + "\u201d"
    [error] = diagnostics_for(tmp_path, KILLED_QUOTE, curly)
    assert error.hint.splitlines()[0] == (
        "the quote is wrapped in curly quotes \u201c \u201d, which YAML keeps as part of the text: "
        "put it between straight quotes \"...\" instead")


def unclosed_quote_errors(tmp_path, old: str, new: str) -> list:
    from spec_inputs import BASE, write_spec

    assert BASE.count(old) == 1
    _, diagnostics = check_spec(write_spec(tmp_path, BASE.replace(old, new)), today=date(2026, 1, 1))
    return [f"{d.line}:{d.col}: {d.message}" for d in diagnostics.errors]


@pytest.mark.parametrize("old, new, expected", [
    # YAML reads on to the next quote of the kind, lines later, and fails just after it
    ('    label: civilians trapped in Raqqa by ISIS\n', '    label: "civilians trapped in Raqqa by ISIS\n',
     '23:12: this quoted value is not closed: add the closing " at the end'),
    ('    title: "Civilians die fleeing US-led bombing as the battle for Raqqa begins"\n',
     "    title: 'Civilians die fleeing US-led bombing as the battle for Raqqa begins\n",
     "9:12: this quoted value is not closed: add the closing ' at the end"),
    ('      - "Civilian casualties from US-led bombing rose by {casualty-increase}."\n',
     '      - "Civilian casualties from US-led bombing rose by {casualty-increase}.\n',
     '49:9: this quoted value is not closed: add the closing " at the end'),
    # no quote of the kind after it: YAML fails at the end of the file
    ('      - "Thousands of civilians are trapped in a \\"deadly labyrinth\\" [voa]."\n',
     '      - "Thousands of civilians are trapped in a \\"deadly labyrinth\\" [voa].\n',
     '51:9: this quoted value is not closed: add the closing " at the end'),
], ids=["label", "single-quoted-title", "bullet", "at-the-end"])
def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path, old, new, expected):
    assert unclosed_quote_errors(tmp_path, old, new) == [expected]


def test_a_quoted_value_over_two_lines_is_not_called_unclosed(tmp_path):
    # closed on its second line, then a stray word: the fault is there, not at the opening
    errors = unclosed_quote_errors(tmp_path, '    label: civilians trapped in Raqqa by ISIS\n',
                                   '    label: "civilians trapped\n      in Raqqa by ISIS" now\n')
    assert len(errors) == 1 and errors[0].startswith("24:")
    assert "not valid YAML here" in errors[0]
