"""`factsheet extract` on real reports nobody on the project wrote (tests/data/reports/).

Their figures were listed by hand before extract was run on them (see the README there);
these tests hold extract to those lists: every figure found, at most one false draft in
twenty, every drafted quote valid, no label made of fragments.
"""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from factsheet.sources.archive import normalise
from factsheet.cli import main
from factsheet.sources.extract import extract

REPORTS = Path(__file__).parent.parent / "data" / "reports"
NAMES = sorted(p.name[:-len(".source.yaml")] for p in REPORTS.glob("*.source.yaml"))
META = {name: yaml.safe_load((REPORTS / f"{name}.source.yaml").read_text("utf-8")) for name in NAMES}
EXPECTED = {name: yaml.safe_load((REPORTS / f"{name}.expected.yaml").read_text("utf-8")) for name in NAMES}
_DRAFTS = {}


def drafts_of(name: str) -> list:
    if name not in _DRAFTS:
        text = (REPORTS / f"{name}.txt").read_text("utf-8")
        _DRAFTS[name] = extract(text, name, META[name]["published"]).drafts
    return _DRAFTS[name]


def matches(expected: dict, draft) -> bool:
    return expected["written"].lower() in draft.figure.lower() and \
        normalise(expected["near"]).lower() in normalise(draft.quote).lower()


def run(*argv) -> tuple:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([*map(str, argv)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_the_reports_are_of_different_kinds():
    kinds = " / ".join(META[name]["kind"] for name in NAMES)
    assert "UN situation report" in kinds and "news article" in kinds and "from a PDF" in kinds
    assert sum(len(EXPECTED[name]["figures"]) for name in NAMES) >= 30


def _awaiting(name, expected):
    """A listed figure another part of the tool does not read yet ('awaits: ...'): expected to
    fail, strictly, so the entry's mark is removed as soon as that part reads it."""
    marks = [pytest.mark.xfail(strict=True, reason=expected["awaits"])] if "awaits" in expected else []
    return pytest.param(name, expected, marks=marks)


@pytest.mark.parametrize("name, expected", [_awaiting(n, e) for n in NAMES for e in EXPECTED[n]["figures"]],
                         ids=lambda v: v if isinstance(v, str) else v["written"])
def test_every_figure_on_the_hand_list_is_drafted(name, expected):
    found = [d for d in drafts_of(name) if matches(expected, d)]
    assert len(found) == 1, [(d.figure, d.quote) for d in drafts_of(name)]
    draft = found[0]
    assert (draft.value, draft.unit, draft.qualifier) == (
        expected["value"], expected.get("unit"), expected.get("qualifier"))
    if "date" in expected:
        assert draft.date == expected["date"], draft.notes
    if "attribution" in expected:
        assert draft.attribution == expected["attribution"]


def test_at_most_one_false_draft_in_twenty():
    drafts = [(name, d) for name in NAMES for d in drafts_of(name)]
    false = [(name, d.figure, d.quote) for name, d in drafts
             if not any(matches(e, d) for e in EXPECTED[name]["figures"])]
    assert len(false) * 20 <= len(drafts), false


@pytest.mark.parametrize("name", NAMES)
def test_document_numbers_durations_and_schedules_are_not_drafted(name):
    for draft in drafts_of(name):
        assert draft.figure not in EXPECTED[name]["not_figures"], draft.quote


# a label opens with what is counted, not with the link to it, and does not stop mid-phrase
FRAGMENT_START = re.compile(r"(?:of|and|or|with|without|according|to|by|from|the|a|an|followed)\b", re.I)
FRAGMENT_END = re.compile(r"\b(?:and|or|of|the|a|an|to|by|with|that|which|according|along|"
                          r"a staggering|an estimated|show|shows)$", re.I)


@pytest.mark.parametrize("name", NAMES)
def test_labels_say_what_the_figure_counts(name):
    for draft in drafts_of(name):
        if draft.value is None:
            continue
        assert re.match(r"\w", draft.label) and re.search(r"\w$", draft.label), draft.label
        assert len(draft.label.split()) >= 2, draft.label       # 'people' says nothing
        assert not FRAGMENT_START.match(draft.label), draft.label     # 'of schools', 'and the need ...'
        assert not FRAGMENT_END.search(draft.label), draft.label      # '... and', '... a staggering'
        assert draft.label.split()[0] in draft.quote.split() or \
            not re.search(r"\w" + re.escape(draft.label.split()[0]), draft.quote), draft.label   # 'e destroyed'
        assert "(" not in draft.label and ")" not in draft.label, draft.label


@pytest.mark.parametrize("name", NAMES)
def test_quotes_never_run_across_list_items(name):
    for draft in drafts_of(name):
        assert "\u2022" not in draft.quote, draft.quote


def test_every_drafted_quote_and_value_validates(tmp_path):
    """All drafts of all reports in one spec, `draft: true` removed: `validate` accepts it."""
    (tmp_path / "sources").mkdir()
    sources, facts = [], []
    for number, name in enumerate(NAMES):
        shutil.copy(REPORTS / f"{name}.txt", tmp_path / "sources" / f"{name}.txt")
        meta = META[name]
        sources.append(f"  - id: {name}\n    title: {json.dumps(meta['title'])}\n"
                       f"    publisher: {json.dumps(meta['publisher'])}\n"
                       f"    published: {meta['published']}\n    archive: sources/{name}.txt\n")
        code, out, err = run("extract", tmp_path / "sources" / f"{name}.txt",
                             "--published", meta["published"])
        assert code == 0, err
        # ids are unique within a report; in one spec of all of them, each report gets a prefix
        facts.append(re.sub(r"^  - id: (\S+)$", rf"  - id: r{number}-\1", out[len("facts:\n"):], flags=re.M))
    body = "".join(facts).replace("    draft: true\n", "")
    ids = re.findall(r"^  - id: (\S+)$", body, re.M)
    assert len(ids) >= 30
    spec = tmp_path / "reports.yaml"
    spec.write_text("factsheet: 1\ntitle: Every figure of the real reports\nas_of: 2023-10-18\n"
                    "sources:\n" + "".join(sources) + "facts:\n" + body + f"key_figures: [{ids[0]}]\n"
                    "sections:\n  - heading: Sources\n    text: See " +
                    " and ".join(f"[{n}]" for n in NAMES) + ".\n", encoding="utf-8")
    code, out, _ = run("validate", "--max-age", "100000", spec)
    assert code == 0, out
    # a person who cleans the PDF's line-break hyphens out of the quotes keeps them valid
    text = spec.read_text("utf-8")
    assert "in- jured" in text and "Al- Hasakeh" in text
    spec.write_text(text.replace("in- jured", "injured").replace("Al- Hasakeh", "Al-Hasakeh"), encoding="utf-8")
    code, out, _ = run("validate", "--max-age", "100000", spec)
    assert code == 0, out
    spec.write_text(text.replace("in- jured", "in jured"), encoding="utf-8")   # a space is no hyphen
    code, out, _ = run("validate", "--max-age", "100000", spec)
    assert code == 1
    assert "error: quote of fact 'r1-injured-people' is not in the archived text of " \
           "'ocha-nes-flash-update-8'" in out


# -- PDF line-break hyphenation -------------------------------------------------------------------

FLASH_UPDATE = "ocha-nes-flash-update-8"


@pytest.mark.parametrize("quote", [
    "local responders evacuated 30 in- jured people",          # as the PDF's text has it
    "local responders evacuated 30 injured people",            # the word joined again
    "now under control of the Turkish-affiliated forces",      # a real hyphen, its line break gone
    "now under control of the Turkish- affiliated forces",
])
def test_a_quote_matches_across_a_line_break_hyphen(quote):
    from factsheet.sources.archive import ArchiveCache
    assert ArchiveCache().get(REPORTS / f"{FLASH_UPDATE}.txt").find(quote)


@pytest.mark.parametrize("quote", [
    "local responders evacuated 30 in jured people",           # a space is not a hyphen
    "local responders evacuated 3 0injured people",
    "local responders evacuated 30 injured peoples",
])
def test_joining_line_break_hyphens_changes_nothing_else(quote):
    from factsheet.sources.archive import ArchiveCache
    assert not ArchiveCache().get(REPORTS / f"{FLASH_UPDATE}.txt").find(quote)
