"""A figure in a cited sentence is checked against the archive of the source it cites (issue 11)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from factsheet.cli import main
from factsheet.render.data import hxl_text
from factsheet.render.audit import audit_html
from factsheet.sheet.record import sheet_record
from factsheet.validate.rules import check_spec

CHAD = ("ADRE, Chad - Aid agencies say 180,000 Chadian returnees have crossed back from Sudan "
        "since April. Six new transit sites opened this week, and about 40% of arrivals are "
        "children. Thousands more are expected before the rains.\n")
OCHA = ("N'DJAMENA - The camp at Farchana now holds 62,000 people, the agency said. The road "
        "to Adre, 3.5 km long, is closed; U.S. funding covers 1.2 million meals.\n")

SPEC = """\
factsheet: 1
title: Sudanese refugees and Chadian returnees in eastern Chad
as_of: 2024-05-01
sources:
  - id: chad
    title: Returnees cross back
    publisher: News agency
    published: 2024-04-30
    archive: sources/chad.txt
  - id: ocha
    title: Flash update
    publisher: OCHA
    published: 2024-04-29
    archive: sources/ocha.txt
facts:
  - id: returnees
    value: 180000
    label: Chadian returnees since April
    source: chad
    quote: "180,000 Chadian returnees have crossed back"
key_figures: [returnees]
sections:
  - heading: Situation
    text: |
      {returnees} returnees have crossed [chad] [ocha].
    bullets:
      - "BULLET"
"""


def check(tmp_path, bullet: str):
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "chad.txt").write_text(CHAD, encoding="utf-8")
    (tmp_path / "sources" / "ocha.txt").write_text(OCHA, encoding="utf-8")
    spec = tmp_path / "chad.yaml"
    spec.write_text(SPEC.replace("BULLET", bullet), encoding="utf-8")
    return check_spec(spec, today=date(2024, 5, 2))


def errors(tmp_path, bullet: str) -> list:
    _, diags = check(tmp_path, bullet)
    return [(d.line, d.col, d.message, d.hint) for d in diags.errors]


def test_a_european_thousands_separator_is_refused_and_explained(tmp_path):
    line, col, message, hint = errors(tmp_path, "180.000 Chadian returnees have crossed back [chad].")[0]
    assert (line, col, message) == (
        27, 10, "figure '180.000' is not in the archived text of 'chad', which its sentence cites")
    assert hint == ("'180.000' reads as 180 in English: write 180,000\n"
                    "nearest figures in sources/chad.txt: '180,000' (\"ADRE, Chad - Aid agencies say "
                    "180,000 Chadian returnees have crossed back from Sudan since April.\")")


def test_a_figure_in_words_that_differs_from_the_source_is_an_error(tmp_path):
    [(line, col, message, hint)] = errors(tmp_path, "Nine new transit sites opened [chad].")
    assert (line, col, message) == (
        27, 10, "figure 'Nine' is not in the archived text of 'chad', which its sentence cites")
    # the nearest figures the source states, each with its passage
    assert hint == ("nearest figures in sources/chad.txt: 'Six' (\"Six new transit sites opened "
                    "this week, and about 40% of arrivals are children.\")")


def test_a_figure_from_another_article_names_the_article_it_is_in(tmp_path):
    [(line, col, message, hint)] = errors(
        tmp_path, "The camp at Farchana holds 62,000 people [chad].")
    assert (line, col, message) == (
        27, 37, "figure '62,000' is not in the archived text of 'chad', which its sentence cites")
    assert hint.splitlines()[-1] == "'62,000' is in 'ocha': cite [ocha] if it comes from there"
    assert hint.splitlines()[0].startswith("nearest figures in sources/chad.txt: '180,000' (")


@pytest.mark.parametrize("bullet", [
    "Six new transit sites opened [chad].",
    "6 new transit sites opened [chad].",
    "About 40 per cent of arrivals are children [chad].",
    "Thousands more are expected [chad].",
    "The camp at Farchana holds 62,000 people [chad] [ocha].",   # one of the cited sources
    "Returnees crossed between 5 and 8 April [chad].",           # a date range is not a figure
    "The 3.5 km road to Adre is closed [ocha].",                  # a decimal point is no sentence end
    "U.S. funding covers 1.2 million meals [ocha].",
])
def test_figures_the_cited_source_states_are_accepted(tmp_path, bullet):
    assert errors(tmp_path, bullet) == []


def test_the_cli_reports_a_cited_figure_at_its_line_and_column(tmp_path, capsys):
    check(tmp_path, "Nine new transit sites opened [chad].")
    code = main(["validate", str(tmp_path / "chad.yaml"), "--max-age", "100000"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[0] == (f"{tmp_path / 'chad.yaml'}:27:10: error: figure 'Nine' is not "
                                   "in the archived text of 'chad', which its sentence cites")


def test_cited_figures_are_bold_and_in_the_audit_page_json_and_hxl(tmp_path):
    sheet, diags = check(tmp_path, "Six new transit sites opened, and about 40% of arrivals are "
                                   "children [chad].")
    assert diags.errors == []
    bullet = sheet.sections[0].bullets[0]
    assert [(s.kind, s.text) for s in bullet if s.kind == "figure"] == [
        ("figure", "Six"), ("figure", "40%")]
    passage = "Six new transit sites opened this week, and about 40% of arrivals are children."
    assert [(c.text, c.source, c.passage) for c in sheet.cited_figures] == [
        ("Six", "chad", passage), ("40%", "chad", passage)]

    html = audit_html(sheet)
    assert "<h2>Figures in cited sentences</h2>" in html
    assert f"<blockquote>{passage}</blockquote>" in html

    record = json.loads(json.dumps(sheet_record(sheet)))
    assert record["cited_figures"][1] == {
        "text": "40%", "value": 40.0, "unit": "%", "source": "chad", "passage": passage,
        "sentence": "Six new transit sites opened, and about 40% of arrivals are children."}
    rows = list(csv.reader(io.StringIO(hxl_text(record))))
    assert rows[-1] == ["", "Six new transit sites opened, and about 40% of arrivals are children.",
                        "40", "", "%", "40%", "", "chad", "", "News agency", passage]


@pytest.mark.parametrize("bullet, accepted", [
    ("Tens of thousands of people are in the camp at Farchana [ocha].", True),   # 62,000
    ("Tens of thousands of Chadians have returned [chad].", False),             # 180,000
    ("Hundreds of thousands of Chadians have returned [chad].", True),
])
def test_a_vague_magnitude_is_stated_by_a_figure_of_its_order(tmp_path, bullet, accepted):
    found = errors(tmp_path, bullet)
    if accepted:
        assert found == []
    else:
        # one figure, one error
        assert [message for _l, _c, message, _h in found] == [
            "figure 'Tens of thousands' is not in the archived text of 'chad', which its "
            "sentence cites"]


@pytest.mark.parametrize("archive, figure, stated", [
    ("Some 120 people and twenty-six families fled.", "20", False),
    ("Some 120 people and twenty-six families fled.", "six", False),
    ("Some 120 people and twenty-six families fled.", "twenty-six", True),
    ("Some 20,000 people fled.", "20", False),
    ("About 3.5 km of road and 1.2 million meals.", "1.2 million", True),
    ("About 3.5 km of road and 1.2 million meals.", "1,200,000", True),   # another form: same value
])
def test_a_figure_is_stated_only_by_a_whole_figure_of_the_same_value(archive, figure, stated):
    from factsheet.validate.cited import FigureIndex, lookup
    from factsheet.spec.figures import find_figures

    [wanted] = find_figures(figure)
    assert (lookup(wanted, figure, FigureIndex(archive)) is not None) == stated


def test_a_cited_figures_sentence_is_shown_as_printed_with_facts_as_their_values(tmp_path):
    sheet, diags = check(tmp_path, "Besides {returnees} returnees, six new sites opened [chad].")
    assert diags.errors == []
    [figure] = sheet.cited_figures
    assert (figure.text, figure.sentence) == (
        "six", "Besides 180,000 returnees, six new sites opened.")


def test_a_cited_figure_in_a_text_block_is_reported_at_its_own_line(tmp_path):
    check(tmp_path, "Six new transit sites opened [chad].")
    spec = tmp_path / "chad.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "      {returnees} returnees have crossed [chad] [ocha].\n",
        "      {returnees} returnees have crossed [chad] [ocha].\n"
        "      Since April, nine transit sites have\n      opened [chad].\n"), encoding="utf-8")
    _, diags = check_spec(spec, today=date(2024, 5, 2))
    assert [(d.line, d.col, d.message) for d in diags.errors] == [
        (26, 20, "figure 'nine' is not in the archived text of 'chad', which its sentence cites")]


@pytest.mark.parametrize("spec, figure", [("chad-adre-2023", "$250 million"),
                                          ("al-hol-2019-03", "seven-fold")])
def test_a_cited_figure_is_bold_with_its_currency_sign_and_fold(spec, figure):
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent.parent / "specs" / "examples" / f"{spec}.yaml"
    sheet, diags = check_spec(path, today=date(2024, 1, 1), max_age=100000)
    assert diags.errors == []
    figures = [s.text for section in sheet.sections for inline in (*section.paragraphs,
               *section.bullets) for s in inline if s.kind == "figure"]
    assert figure in figures, figures


@pytest.mark.parametrize("bullet", [
    "About 40% of arrivals are children [chad].",         # the source's own 'about'
    "Some 40% of arrivals are children [chad].",           # 'some' means about too
    "The road to Adre, 3.5 km long, is closed [ocha].",    # exact in both
    "At least 180,000 Chadian returnees have crossed back [chad].",   # exact supports a lower bound
])
def test_a_bound_the_source_supports_is_accepted(tmp_path, bullet):
    assert errors(tmp_path, bullet) == []


def test_a_bound_the_source_does_not_state_is_an_error(tmp_path):
    """'more than 180,000' when the source says 180,000: the sentence claims more than it may."""
    [(line, col, message, hint)] = errors(tmp_path, "More than 180,000 returnees crossed back [chad].")
    assert (line, col, message) == (
        27, 20, "figure 'More than 180,000' states a lower bound, which 'chad' does not")
    assert hint.splitlines()[0] == "'chad' says '180,000', an exact figure: write '180,000' without 'More than'"


def test_dropping_the_sources_bound_is_an_error(tmp_path):
    """'40%' bare when the source says 'about 40%': an approximation printed as exact."""
    [(line, col, message, hint)] = errors(tmp_path, "Of the arrivals, 40% are children [chad].")
    assert (line, col, message) == (27, 27, "figure '40%' states an exact figure, which 'chad' does not")
    assert hint.splitlines()[0] == "'chad' says 'about 40%', an approximation: write 'about 40%'"
