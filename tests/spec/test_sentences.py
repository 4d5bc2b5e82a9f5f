"""Where a sentence ends decides which citation covers a figure: abbreviations do not end one."""
import shutil
from datetime import date
from pathlib import Path

import pytest

from factsheet.sources.clauses import sentence_bounds
from factsheet.spec.sentences import sentence_edges
from factsheet.validate.rules import check_spec

REPO = Path(__file__).resolve().parent.parent.parent
BULLET = '      - "Amnesty International describes thousands of civilians trapped in a \\"deadly labyrinth\\" under fire from all sides [voa-2017-08-25]."\n'


def errors_for_bullet(tmp_path, bullet: str) -> list:
    shutil.copytree(REPO / "specs" / "sources", tmp_path / "sources")
    text = (REPO / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    assert BULLET in text
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace(BULLET, f"      - {bullet!r}\n".replace("\\'", "''")), encoding="utf-8")
    _, diagnostics = check_spec(spec, today=date(2026, 1, 1))
    return [d.message for d in diagnostics.errors]


@pytest.mark.parametrize("bullet", [
    "Mr. Woods said 20,000 people were trapped [voa-2017-08-25].",
    "U.S. forces trapped 20,000 civilians [voa-2017-08-25].",
    "J. Egeland said 20,000 civilians were at risk [voa-2017-08-25].",
])
def test_an_abbreviation_or_decimal_point_does_not_end_the_sentence(tmp_path, bullet):
    assert errors_for_bullet(tmp_path, bullet) == []


def test_a_decimal_point_does_not_end_the_sentence(tmp_path):
    # the citation covers '3.5', so it is checked against the source (which lacks it)
    assert errors_for_bullet(tmp_path, "About 3.5 km of road is closed [voa-2017-08-25].") == [
        "figure '3.5' is not in the archived text of 'voa-2017-08-25', which its sentence cites"]


@pytest.mark.parametrize("bullet, figure", [
    ("Strikes rose by 12. The UN called for a pause [voa-2017-08-25].", "12"),
    ("Twelve boats were hit! Civilians fled [voa-2017-08-25].", "Twelve"),
])
def test_a_citation_in_the_next_sentence_does_not_cover_a_figure(tmp_path, bullet, figure):
    assert errors_for_bullet(tmp_path, bullet) == [
        f"figure '{figure}' has no source: use a {{fact}} or cite a [source] in the same sentence"]


# -- the one splitter: spec text (the validator) and archived articles (extract) agree ----------

@pytest.mark.parametrize("text, sentences", [
    ("Mr. Woods said 20 fled. U.S. forces moved in.", ["Mr. Woods said 20 fled. ", "U.S. forces moved in."]),
    ("About 3.5 km is closed. Aid e.g. food waits.", ["About 3.5 km is closed. ", "Aid e.g. food waits."]),
    ("Gen. Ali and approx. 40 men left! \u201cWhy?\u201d He asked.",
     ["Gen. Ali and approx. 40 men left! ", "\u201cWhy?\u201d ", "He asked."]),
    ("See Nos. 4 and 5. Fig. 2 shows it.", ["See Nos. 4 and 5. ", "Fig. 2 shows it."]),
])
def test_sentences_end_at_a_stop_not_after_an_abbreviation(text, sentences):
    edges = sentence_edges(text)
    assert [text[a:b] for a, b in zip(edges, edges[1:])] == sentences


def test_extract_reads_sentences_with_the_validators_abbreviations():
    # clauses.py used to know 'No.' but not 'Nos.': the clause around 40 stayed cut at 'Nos.'
    body = "Trucks Nos. 4 to 9 carried 40 tonnes of food. Then it rained."
    at = body.index("40")
    start, end = sentence_bounds(body, 0, at)
    assert body[start:end].strip() == "Trucks Nos. 4 to 9 carried 40 tonnes of food."
