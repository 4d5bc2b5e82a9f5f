"""A hand-built Sheet modelled on specs/raqqa-2017.yaml, plus one hostile fact, for renderer tests.

Built without the validator so these tests pin the renderers alone. The hostile strings
prove escaping: if any of them reaches a page unescaped, a test sees a <script> element.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from factsheet.sheet.model import Fact, KeyFigure, Reference, Section, Sheet, Source, Span
from factsheet.sheet.words import words_for

EVIL = "<script>alert(1)</script> & <b>bold</b> \"double\" 'single'"
EVIL_URL = "javascript:alert(1)"
TITLE = "Raqqa: civilians trapped as the battle for the city begins"
VOA_SHA = "ab" * 32           # a digest the validator recorded: used as given, never recomputed
INDEPENDENT_TEXT = "At least 21 civilians have reportedly died fleeing intense US-led bombing.\n"

ENGLISH = words_for("en")


def make_sources(folder: Path) -> dict:
    """The sources by id; writes the Independent's archive, leaves the hostile one missing."""
    archives = folder / "sources"
    archives.mkdir(parents=True, exist_ok=True)
    (archives / "independent-2017-06-06.txt").write_text(INDEPENDENT_TEXT, encoding="utf-8")
    (archives / "voa-2017-08-25.txt").write_text("No 'Worse Place On Earth'\n", encoding="utf-8")
    sources = [
        Source("independent-2017-06-06",
               "Civilians die fleeing US-led bombing as the battle for Raqqa begins",
               "The Independent", date(2017, 6, 6), archives / "independent-2017-06-06.txt",
               url="https://www.independent.co.uk/news/world/middle-east/raqqa-battle"),
        Source("voa-2017-08-25", "No 'Worse Place On Earth' Than Syria's Raqqa", "VOA News",
               date(2017, 8, 25), archives / "voa-2017-08-25.txt",
               url="https://www.voanews.com/a/raqqa/4001234.html", archive_sha256=VOA_SHA),
        Source("evil-source", EVIL, f"Evil & Sons <i>{EVIL}</i>", date(2017, 8, 1),
               archives / "evil-missing.txt", url=EVIL_URL),
    ]
    return {source.id: source for source in sources}


def make_facts() -> list:
    return [
        Fact("trapped-august", 20000,
             "civilians trapped in Raqqa by ISIS, at risk from airstrikes and shelling",
             ("voa-2017-08-25",),
             "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes",
             date=date(2017, 8, 24)),
        Fact("killed-may", 220, "civilians estimated killed by coalition strikes in May 2017",
             ("independent-2017-06-06",),
             "at least 220 civilians are estimated to have been killed in May alone",
             qualifier="at_least", date=date(2017, 5, 31)),
        Fact("casualty-increase", 400,
             "increase in civilian casualties from US-led bombing since autumn 2016",
             ("independent-2017-06-06",),
             "there has been a 400 per cent increase in civilian casualties", unit="%"),
        Fact("died-fleeing", 21, "civilians reported killed fleeing the assault, 5 June 2017",
             ("independent-2017-06-06",),
             "At least 21 civilians have reportedly died fleeing intense US-led bombing",
             qualifier="at_least", date=date(2017, 6, 5)),
        Fact("killed-friday", 12, "of {died-fleeing} fleeing, killed in strikes on 2 June 2017",
             ("independent-2017-06-06",),
             "Unverified reports from local sources said another 12 were killed"),
        Fact("evil-fact", 3.5, EVIL, ("evil-source", "voa-2017-08-25"), f"quoted: {EVIL}",
             unit="km", qualifier="about", date=date(2017, 8, 1)),
    ]


SITUATION = (Span("By late August "), Span("20,000", "figure"),
             Span(" civilians remained trapped."), Span("1", "cite"))
KEY_FIGURES = ("trapped-august", "killed-may", "casualty-increase", "evil-fact")


def key_figure(fact: Fact, sheet_refs: dict) -> KeyFigure:
    cite = ",".join(sorted(str(sheet_refs[s]) for s in fact.sources if s in sheet_refs))
    return KeyFigure(fact.id, ENGLISH.qualifier(fact.qualifier), ENGLISH.number(fact.value, fact.unit),
                     (Span(fact.label), Span(cite, "cite")), cite)


def make_sheet(folder: Path, facts=None, sources=None, **changes) -> Sheet:
    """The sheet, with archives written under `folder`; keyword arguments override fields."""
    sources = sources if sources is not None else make_sources(Path(folder))
    facts = facts if facts is not None else make_facts()
    numbers = {"voa-2017-08-25": 1, "independent-2017-06-06": 2, "evil-source": 3}
    by_id = {fact.id: fact for fact in facts}
    sheet = Sheet(
        spec_path=Path(folder) / "raqqa-2017.yaml",
        title=(Span(TITLE + " "), Span(EVIL)),
        as_of=date(2017, 8, 25),
        key_figures=tuple(key_figure(by_id[i], numbers) for i in KEY_FIGURES if i in by_id),
        sections=(Section(heading=(Span("Situation"),), paragraphs=(SITUATION,)),),
        references=tuple(Reference(n, sources[i]) for i, n in numbers.items() if i in sources),
        facts=tuple(facts),
        sources=tuple(sources.values()),
        subtitle=(Span("Humanitarian fact sheet"),),
        location="Raqqa, Syria",
        organisation="Humanitarian Information Unit",
        language="en",
    )
    return replace(sheet, **changes) if changes else sheet


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
