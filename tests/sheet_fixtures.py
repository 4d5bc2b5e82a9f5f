"""Hand-built Sheets for the rendering tests: the Raqqa example as the validator would produce it."""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

from factsheet.sheet.model import Fact, KeyFigure, Reference, Section, Sheet, Source, Span
from factsheet.sheet.words import words_for

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "raqqa-2017.yaml"
ORG_TEMPLATES = ROOT / "templates"     # an organisation's own templates (the built-in ones ship in the package)
DATA = Path(__file__).resolve().parent / "data"

SOURCES = (
    Source("independent-2017-06-06",
           "Civilians die fleeing US-led bombing as the battle for Raqqa begins",
           "The Independent", date(2017, 6, 6),
           SPEC.parent / "sources" / "independent-2017-06-06.txt"),
    Source("voa-2017-08-25", "No 'Worse Place On Earth' Than Syria's Raqqa", "VOA News",
           date(2017, 8, 25), SPEC.parent / "sources" / "voa-2017-08-25.txt"),
)

FACTS = (
    Fact("trapped-august", 20000,
         "civilians trapped in Raqqa by ISIS, at risk from airstrikes and shelling",
         ("voa-2017-08-25",), "saying that 20,000 civilians trapped by ISIS were at risk",
         date=date(2017, 8, 24)),
    Fact("killed-may", 220, "civilians estimated killed by coalition strikes in May 2017",
         ("independent-2017-06-06",), "at least 220 civilians", qualifier="at_least",
         date=date(2017, 5, 31)),
    Fact("casualty-increase", 400,
         "increase in civilian casualties from US-led bombing since autumn 2016",
         ("independent-2017-06-06",), "a 400 per cent increase", unit="%"),
    Fact("population-june", 220000, "civilians in Raqqa at risk of being used as human shields",
         ("independent-2017-06-06",), "Raqqa's 220,000 civilians", date=date(2017, 6, 6)),
    Fact("expected-to-flee", 50, "of Raqqa's population expected to flee in the coming months",
         ("independent-2017-06-06",), "Up to half of Raqqa's population", qualifier="up_to",
         unit="%"),
    Fact("died-fleeing", 21, "civilians reported killed fleeing the assault, 5 June 2017",
         ("independent-2017-06-06",), "At least 21 civilians", qualifier="at_least",
         date=date(2017, 6, 5)),
    Fact("killed-friday", 12, "civilians reported killed in strikes on 2 June 2017 (unverified)",
         ("independent-2017-06-06",), "another 12 were killed", date=date(2017, 6, 2)),
)

KEY_FIGURES = ("trapped-august", "population-june", "killed-may", "casualty-increase",
               "died-fleeing", "expected-to-flee")

SECTIONS = (
    ("Situation", (
        "The assault on Raqqa by the Syrian Democratic Forces (SDF) began on 5 June 2017, from the "
        "north, east and west [independent-2017-06-06]. By late August the UN humanitarian adviser "
        "on Syria, Jan Egeland, estimated that {trapped-august} civilians remained trapped by ISIS, "
        "at risk from airstrikes, shelling and attacks on boats on the Euphrates, and called for a "
        "humanitarian pause.",
        "Coalition strikes intensified in the weeks before the assault: AirWars estimates that "
        "{killed-may} civilians were killed in May alone, and reports a {casualty-increase} increase "
        "in civilian casualties from US-led bombing since the assaults on Raqqa and Mosul began in "
        "autumn 2016.",
    ), ()),
    ("Protection of civilians", (), (
        "{died-fleeing} civilians were reported killed fleeing the city on the first night of the "
        "assault, many of them on boats on the Euphrates.",
        "Another {killed-friday} were reported killed in strikes on 2 June; the reports remain "
        "unverified.",
        "ISIS is likely to use Raqqa's {population-june} civilians as human shields; "
        "{expected-to-flee} of the population is expected to flee.",
        "Amnesty International describes thousands of civilians trapped in a \"deadly labyrinth\" "
        "under fire from all sides [voa-2017-08-25].",
    )),
    ("What humanitarian agencies ask", (), (
        "A humanitarian pause and safe corridors so that civilians can leave [voa-2017-08-25] "
        "[independent-2017-06-06].",
        "A transparent and independent procedure for reporting civilian casualties "
        "[voa-2017-08-25].",
        "Greater accuracy in targeting by all parties, and respect for international humanitarian "
        "law [voa-2017-08-25].",
    )),
)

_MARKER = re.compile(r"\{([\w-]+)\}|(?:\s*\[[\w-]+\])+")

ENGLISH = words_for("en")


def make_inline(text: str, facts: dict, numbers: dict) -> tuple:
    """'{fact}' -> a bold figure span, '[source] [source]' -> one citation span '1,2'."""
    spans, position = [], 0
    for match in _MARKER.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position:match.start()]))
        if match.group(1):
            spans.append(Span(ENGLISH.value(facts[match.group(1)]), "figure"))
        else:
            ids = re.findall(r"\[([\w-]+)\]", match.group(0))
            spans.append(Span(",".join(str(n) for n in sorted(numbers[i] for i in ids)), "cite"))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def build_sheet_model(title="Raqqa: civilians trapped as the battle for the city begins",
                      sections=SECTIONS, key_figures=KEY_FIGURES, facts=FACTS, sources=SOURCES,
                      **overrides) -> Sheet:
    """A Sheet as `validate.check_spec` would build it from raqqa-2017.yaml (or variations)."""
    fact_map = {f.id: f for f in facts}
    source_map = {s.id: s for s in sources}
    order = []
    # Sources are numbered in order of first citation on the sheet: key figures first.
    for fid in key_figures:
        order.extend(s for s in fact_map[fid].sources if s not in order)
    for _, paragraphs, bullets in sections:
        for text in (*paragraphs, *bullets):
            for match in re.finditer(r"\{([\w-]+)\}|\[([\w-]+)\]", text):
                ids = fact_map[match.group(1)].sources if match.group(1) else (match.group(2),)
                order.extend(s for s in ids if s not in order)
    numbers = {sid: n for n, sid in enumerate(order, 1)}
    references = tuple(Reference(numbers[sid], source_map[sid]) for sid in order)

    def cite(fact):
        return ",".join(str(n) for n in sorted(numbers[s] for s in fact.sources))

    figures = tuple(KeyFigure(fid, ENGLISH.qualifier(fact_map[fid].qualifier),
                              ENGLISH.number(fact_map[fid].value, fact_map[fid].unit),
                              (Span(fact_map[fid].label),), cite(fact_map[fid]))
                    for fid in key_figures)
    built_sections = tuple(
        Section((Span(heading),),
                tuple(make_inline(p, fact_map, numbers) for p in paragraphs),
                tuple(make_inline(b, fact_map, numbers) for b in bullets))
        for heading, paragraphs, bullets in sections)
    values = dict(
        spec_path=SPEC, title=(Span(title),), as_of=date(2017, 8, 25), key_figures=figures,
        sections=built_sections, references=references, facts=tuple(facts), sources=tuple(sources),
        subtitle=(Span("Humanitarian fact sheet"),), location="Raqqa, Syria",
        organisation="Humanitarian Information Unit", contact="info@example.org",
        disclaimer="Figures are as reported by the sources cited; they have not been independently "
                   "verified. Casualty counts in active conflict are estimates.",
        language="en", template="default", keywords=("Syria", "civilians"))
    values.update(overrides)
    return Sheet(**values)


def raqqa_sheet(**overrides) -> Sheet:
    return build_sheet_model(**overrides)


MARKUP_TITLE = "Raqqa <b>bold</b> & <font size=60>big</font>"
MARKUP_BULLET = ("Literal <script>alert(1)</script> & <b>not bold</b> near Ḥasakah and "
                 "Deir ez\u2011Zor.")


def markup_sheet() -> Sheet:
    """Text that looks like markup must print exactly as typed."""
    sections = SECTIONS[:2] + (("Tags & <i>markup</i>", (), (MARKUP_BULLET,)),)
    return build_sheet_model(title=MARKUP_TITLE, sections=sections)


def long_sheet(extra_bullets: int, words: int = 30) -> Sheet:
    """The example plus `extra_bullets` bullets of about `words` words each, to fill the page."""
    filler = ("Humanitarian partners report continued displacement towards camps in Ḥasakah and "
              "Deir ez\u2011Zor governorates, where water, shelter and health services remain "
              "overstretched and access is constrained by fighting and unexploded ordnance").split()
    bullets = tuple(" ".join((filler * 3)[i % 7:i % 7 + words]) + f" ({i + 1})."
                    for i in range(extra_bullets))
    sections = SECTIONS + ((("Displacement", (), bullets),) if bullets else ())
    return build_sheet_model(sections=sections)


def with_produced(sheet: Sheet, day=date(2017, 8, 26)) -> Sheet:
    return dataclasses.replace(sheet, produced=day)


URLS = {"independent-2017-06-06": "https://www.independent.co.uk/news/world/middle-east/"
                                  "raqqa-civilians-die-fleeing-us-bombing-a7775146.html?ref=a&b=c",
        "voa-2017-08-25": "https://www.voanews.com/a/no-worse-place-on-earth-than-raqqa/3999999.html"}


def with_urls(sheet: Sheet) -> Sheet:
    """The sheet with web addresses on its sources (the example spec's sources have none)."""
    sources = tuple(dataclasses.replace(s, url=URLS[s.id]) for s in sheet.sources)
    by_id = {s.id: s for s in sources}
    references = tuple(dataclasses.replace(r, source=by_id[r.source.id]) for r in sheet.references)
    return dataclasses.replace(sheet, sources=sources, references=references)


def tightest_sheet(template) -> Sheet:
    """The fullest variant of the example that still fits: at the minimum size, with at most a
    line or two to spare. It is the hardest case for the DOCX to stay on one page."""
    from factsheet.diagnostics import LayoutError
    from factsheet.layout.fit import fit_page

    def fits(sheet) -> bool:
        try:
            fit_page(sheet, template)
            return True
        except LayoutError:
            return False

    bullets = 8
    while fits(with_produced(long_sheet(bullets + 1))):
        bullets += 1
    low, high = 1, 30                     # words in one more bullet: low fits, high does not
    if not fits(with_produced(_plus_bullet(bullets, low))):   # not even one word more
        return with_produced(long_sheet(bullets))
    if fits(with_produced(_plus_bullet(bullets, high))):
        return with_produced(_plus_bullet(bullets, high))
    while high - low > 1:
        middle = (low + high) // 2
        if fits(with_produced(_plus_bullet(bullets, middle))):
            low = middle
        else:
            high = middle
    return with_produced(_plus_bullet(bullets, low))


def _plus_bullet(bullets: int, words: int) -> Sheet:
    sheet = long_sheet(bullets)
    filler = ("Additional reporting on access and services " * 10).split()
    extra = (Span(" ".join(filler[:words]) + "."),)
    last = sheet.sections[-1]
    sections = sheet.sections[:-1] + (dataclasses.replace(last, bullets=last.bullets + (extra,)),)
    return dataclasses.replace(sheet, sections=sections)
