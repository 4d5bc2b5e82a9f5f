"""Draft facts from an archived article: every figure about the world, with a quote that validates.

`extract(text, source_id, published)` finds the figures (spec/figures.py), skips what is
not a figure about the world (years, picture counters, list numbers, times of day, document
numbers, durations, schedules), and for each one drafts a fact: value, unit, qualifier, the
shortest clause around it that carries the claim as the quote, a label, who states it, and
a date from a hint in the figure's own clause. Multipliers ('sevenfold') and fractions no
per cent states exactly ('a third') are drafted as comments: no value can state them. Every
quote is checked with the validator's own quote check and every value with its own value
check, so a draft is valid by construction; each is marked `draft: true` so that it reaches no sheet unread.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import clauses
from .archive import Archive, ArchiveCache, ArchiveError, normalise, resolve_archive
from .datehints import find_date_hints
from ..diagnostics import UsageError
from ..spec.figures import find_figures, find_vague, value_in_quote
from ..spec.dates import ISO_DATE
from ..spec.markup import slugify
from ..spec.qualifiers import kind, qualifier_before, spec_words

# -- what is not a figure about the world ---------------------------------------------------
_COUNTER = re.compile(r"\s*(?:\d{1,3}/\d{1,3}(?=\s+[A-Z])"         # '1/30 A Syrian family...'
                      r"|(?:Photo|Picture|Image|Slide)\s+\d{1,3}\s+of\s+\d{1,3}\b)", re.I)
_SHOW_ALL = re.compile(r"\s*\d{1,3}\s+show all\b", re.I)         # a gallery's '30 show all'
_LIST_NUMBER = re.compile(r"\s*\d{1,2}[.)](?=\s)")               # '1. ', '2) '
_DATELINE = re.compile(r"\s*(?:date\s*:?\s*)?" + ISO_DATE + r"\b\s*", re.I)
_ISO_DATE = re.compile(r"\b" + ISO_DATE + r"\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\b\.?))?|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\b\.?", re.I)
_AGO = re.compile(r"\s+(?:days?|weeks?|months?|years?|decades?|hours?)\s+ago\b", re.I)
# document and issue numbers: 'Flash Update #8', 'Situation Report No. 31', 'Issue 12'
_DOC_NUMBER = re.compile(r"(?:#|\b(?:No|Nos|Nr|Number|Issue|Update|Report|Bulletin|Edition|Vol|Volume|"
                         r"Resolution|Annex|Chapter|Section|Article|Page|Paragraph)\.?\s*#?)\s*$")
# durations and schedules say how long or how often, not how much: '72 hours', 'a 5-day
# pause', 'in five months', 'three times per week', 'every 3 days'
_DURATION = re.compile(r"(?:-|\s+)(?:hours?|days?|weeks?|months?|years?|minutes?|hrs?)\b", re.I)
_SCHEDULE_AFTER = re.compile(r"\s+times?\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b", re.I)
_SCHEDULE_BEFORE = re.compile(r"\bevery\s+$", re.I)
# speeds ('winds of up to 260km an hour') measure the hazard, not the people it strikes
_SPEED = re.compile(r"\s*(?:(?:km|kilomet(?:re|er)s?|miles?)\s*(?:/\s*h\b|an hour|per hour)|(?:km/h|kph|mph)\b)", re.I)
# multipliers and changes: no value of a fact states them, so they are drafted as comments
_MULTIPLIER = re.compile(r"\b(?P<change>(?:(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|\d+(?:\.\d+)?)"
                         r"[\s-]?fold|doubled|tripled|trebled|quadrupled|halved))\b", re.I)
_ITEM_LINE = re.compile(r"\s*[-*\u2022\u25aa\u25cf\u25e6\u2023]\s+\S")   # a line that opens a list item
_BULLET = re.compile(r"\s*[\u2022\u25aa\u25cf\u25e6\u2023]\s*")
# picture credits that end a caption
_CREDIT = re.compile(r"\s+(?:AFP/Getty Images|Getty Images|Getty|AFP|EPA|Reuters|AP|PA [Ww]ire|"
                     r"Anadolu|Xinhua)\s*$")

# -- units, as the spec format writes them; qualifiers come from qualifiers.qualifier_before --
_UNIT_AFTER = re.compile(r"\s+(?:of\s+)?(?P<unit>km|kilomet(?:re|er)s|met(?:re|er)s|miles|tonnes|tons|kg|"
                         r"lit(?:re|er)s|hectares)\b", re.I)
_RANGE_BETWEEN = {"-", "\u2013", "\u2014", "to"}


@dataclass
class Draft:
    """One figure of the article as a draft fact. value None: no fact can state it (see notes)."""
    id: str
    value: float | int | None
    unit: str | None
    qualifier: str | None             # as a spec writes it: 'at least' (not the model's code)
    label: str
    source: str
    quote: str
    figure: str                       # as written: '400 per cent', 'half', 'thousands'
    attribution: str | None = None
    date: date | None = None
    notes: list = field(default_factory=list)   # YAML comments for the person who checks it
    context: frozenset = frozenset()  # word stems around the figure: a repeat is told by them
    sentence: tuple = ()              # (paragraph, offset) of its sentence: a repeat is in another

    def entry(self) -> dict:
        """The draft as a spec's fact entry, keys in the spec's order."""
        entry = {"id": self.id, "draft": True, "value": self.value, "qualifier": self.qualifier,
                 "unit": self.unit, "label": self.label, "date": self.date, "source": self.source,
                 "attribution": self.attribution, "quote": self.quote}
        return {k: v for k, v in entry.items() if v is not None}


_SINGULAR = {"document numbers": "document number", "durations": "duration", "schedules": "schedule",
             "picture counters": "picture counter", "speeds": "speed", "list numbers": "list number", "dates": "date",
             "years": "year", "times of day": "time of day", "times before publication ('six months ago')":
             "time before publication", "figures with no quotable clause": "figure with no quotable clause"}


@dataclass
class Extraction:
    drafts: list                      # list[Draft], in the article's order
    skipped: Counter                  # reason -> count: 'picture counters', 'years', ...
    repeats: int = 0                  # figures stated again in the same words, drafted once

    def summary(self, source_id: str, added: bool = False) -> str:
        """The closing line; `added`: the drafts went into the spec, the comments did not."""
        facts = sum(d.value is not None for d in self.drafts)
        others = len(self.drafts) - facts
        parts = [f"{facts} figure(s) drafted from {source_id}"]
        if others:
            parts[0] += (f", {others} more not added (no fact can state them: listed above)" if added
                         else f", {others} more left as comments (no fact can state them)")
        if self.skipped:
            parts.append("skipped: " + ", ".join(f"{n} {_SINGULAR.get(why, why) if n == 1 else why}"
                                                 for why, n in self.skipped.most_common()))
        if self.repeats:
            parts.append(f"{self.repeats} repeat(s) drafted once")
        return "; ".join(parts)


@dataclass
class _Candidate:
    start: int                        # offsets in the paragraph
    end: int
    figure: str
    value: float | None
    percent: bool
    vague: bool = False
    upper: float | None = None        # the upper bound of a range
    change: bool = False              # a multiplier or change: 'sevenfold', 'more than halved'
    doubt: str | None = None          # why its value cannot be read with certainty ('13 lakh')


def extract(text: str, source_id: str, published: date | None = None, taken_ids=(),
            archive: Archive | None = None) -> Extraction:
    """Every figure about the world in `text` as a draft fact citing `source_id`.

    `published` resolves date hints ('last Friday'); `taken_ids` are fact ids the drafts must
    not reuse; `archive` is the source as the validator reads it (built from `text` if None).
    """
    archive = archive or Archive(Path(source_id), normalise(text), "")
    skipped, drafts, seen, repeats = Counter(), [], set(), 0
    taken = set(taken_ids)
    for number, paragraph in enumerate(_items(text)):
        start, end, caption = _body(paragraph, skipped)
        body = paragraph[:end]
        for cand in _candidates(body, start, skipped):
            draft = _draft(cand, body, start, source_id, published, archive)
            if draft is None:
                skipped["figures with no quotable clause"] += 1
                continue
            draft.context = _context(body, cand)
            draft.sentence = (number, clauses.sentence_bounds(body, start, cand.start)[0])
            # a sentence stated again word for word; 'five children and five women' are two
            key = (draft.value, draft.unit, draft.qualifier, normalise(draft.quote).lower(),
                   cand.start - draft.sentence[1])
            if key in seen:
                repeats += 1
                continue
            seen.add(key)
            same = next((n for n, d in enumerate(drafts) if _same_figure(d, draft)), None)
            if same is not None:     # drafted once, with the clearer of the two quotes
                repeats += 1
                if _clarity(draft) > _clarity(drafts[same]):
                    taken.discard(drafts[same].id)     # named after the quote it keeps
                    draft.id = _unique(draft.id, taken)
                    draft.notes.append("stated again: " + drafts[same].quote)
                    drafts[same] = draft
                else:
                    drafts[same].notes.append("stated again: " + draft.quote)
                continue
            if caption:
                draft.notes.insert(0, "in a picture caption")
            draft.id = _unique(draft.id, taken)
            drafts.append(draft)
    return Extraction(drafts, skipped, repeats)


# -- a figure stated twice ------------------------------------------------------------------

_CONTEXT_WORDS = 8
_CONTEXT_STOP = {"the", "and", "of", "in", "to", "a", "an", "on", "at", "for", "with", "by", "as", "from",
                 "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "its",
                 "more", "than", "over", "about", "around", "least", "including", "per", "cent"}


def _context(body: str, cand: _Candidate) -> frozenset:
    """Stems (five letters) of the words near the figure in its sentence: 'affects' and
    'have been affected' share 'affec'."""
    s_start, s_end = clauses.sentence_bounds(body, 0, cand.start)
    before = re.findall(r"[^\W\d_]+", body[s_start:cand.start])[-_CONTEXT_WORDS:]
    after = re.findall(r"[^\W\d_]+", body[cand.end:s_end])[:_CONTEXT_WORDS]
    return frozenset(w.lower()[:5] for w in before + after if w.lower() not in _CONTEXT_STOP)


def _same_figure(one: Draft, other: Draft) -> bool:
    """The same figure stated again: the same value and unit, said of the same things (two
    words in common around it: '95% of the houses are affected' in the highlights and in
    the body; 'the most critical need (90%)' and 'the most urgent need, with 90%')."""
    return one.value == other.value and one.unit == other.unit and one.figure == other.figure and \
        one.sentence != other.sentence and len(one.context & other.context) >= 2   # '5 children and 5 women' are two


def _clarity(draft: Draft):
    """Which of two statements of a figure to keep: one whose figure is not in parentheses,
    whose label is whole and whose quote is short."""
    bracketed = re.search(r"\(\s*[^()]*" + re.escape(draft.figure) + r"[^()]*\)", draft.quote) is not None
    return (not bracketed, not clauses.label_is_fragment(draft.label), -len(draft.quote))


# -- finding the figures ----------------------------------------------------------------------

def _paragraphs(text: str):
    """Paragraphs: blocks between blank lines, lines of one block joined; a line that opens
    with a picture counter, a list number or mark ('- ', '* ') or a dateline starts a
    paragraph of its own."""
    lines = []
    for line in text.splitlines():
        marked = any(p.match(line) for p in (_COUNTER, _SHOW_ALL, _LIST_NUMBER, _DATELINE, _ITEM_LINE))
        if not line.strip() or marked or not lines:
            if lines and lines[-1].strip():
                yield " ".join(lines)
            lines = [] if not line.strip() else [line]
        else:
            lines.append(line)
    if lines and lines[-1].strip():
        yield " ".join(lines)


def _items(text: str):
    """Paragraphs, and each item of a run-in bulleted list ('Highlights \u2022 ... \u2022 ...') as
    one: a quote never runs from one list item into the next."""
    for paragraph in _paragraphs(text):
        yield from (re.sub(r"^\s*[-*]\s+", lambda m: " " * len(m.group(0)), item)
                    for item in _BULLET.split(paragraph) if item.strip())


def _body(paragraph: str, skipped: Counter) -> tuple:
    """(start, end, is_caption) of the paragraph's prose: counters, numbering and a dateline
    in front and a picture credit at the end are left out, and counted as skipped."""
    for pattern, why in ((_COUNTER, "picture counters"), (_SHOW_ALL, "picture counters"),
                         (_LIST_NUMBER, "list numbers"), (_DATELINE, "dates")):
        found = pattern.match(paragraph)
        if found:
            skipped[why] += 1
            caption = pattern is _COUNTER
            end = len(paragraph)
            credit = _CREDIT.search(paragraph) if caption else None
            return found.end(), credit.start() if credit else end, caption
    return 0, len(paragraph), False


def _candidates(body: str, start: int, skipped: Counter) -> list:
    """The figures about the world in body[start:], ranges and vague phrases as one each."""
    not_dates = {f.start for f in find_figures(body)}   # figures' own rule: years, '6 June'
    spans = [(m.start(), m.end(), "dates") for m in _ISO_DATE.finditer(body)] + \
            [(m.start(), m.end(), "times of day") for m in _TIME.finditer(body)]
    counted = set()
    vague = [v for v in find_vague(body) if v.start >= start]
    changes = [m for m in _MULTIPLIER.finditer(body) if m.start() >= start]
    found = [_Candidate(m.start(), m.end(), m.group(0), None, False, change=True) for m in changes]
    for fig in find_figures(body, exempt_dates=False):
        if fig.start < start or any(m.start() <= fig.start < m.end() for m in changes):
            continue
        inside = [s for s in spans if s[0] <= fig.start < s[1]]
        if inside:
            if inside[0] not in counted:
                counted.add(inside[0])
                skipped[inside[0][2]] += 1
            continue
        if fig.start not in not_dates:
            skipped["years" if re.fullmatch(r"\d{4}", fig.text) else "dates"] += 1
            continue
        if _AGO.match(body, fig.end):
            skipped["times before publication ('six months ago')"] += 1
            continue
        if _DOC_NUMBER.search(body[max(0, fig.start - 20):fig.start]):
            skipped["document numbers"] += 1
            continue
        if _SCHEDULE_AFTER.match(body, fig.end) or _SCHEDULE_BEFORE.search(body[:fig.start]):
            skipped["schedules"] += 1
            continue
        if _SPEED.match(body, fig.end):
            skipped["speeds"] += 1
            continue
        if _DURATION.match(body, fig.end) and not fig.percent:
            skipped["durations"] += 1
            continue
        phrase = next((v for v in vague if v.start <= fig.start < v.end), None)
        if phrase is not None:
            if not found or found[-1].start != phrase.start:   # 'tens of thousands' is one figure
                found.append(_Candidate(phrase.start, phrase.end, phrase.text, phrase.value, False, True))
            continue
        found.append(_Candidate(fig.start, fig.end, fig.text, fig.value, fig.percent, doubt=fig.doubt))
    return _join_ranges(body, sorted(found, key=lambda c: c.start))


def _join_ranges(body: str, found: list) -> list:
    """'10 to 20', '10-20' and 'between 10 and 20' are one figure: a range."""
    out = []
    for cand in found:
        last = out[-1] if out else None
        joinable = last is not None and not (last.vague or cand.vague or last.change or cand.change) \
            and last.upper is None \
            and None not in (last.value, cand.value) and last.value < cand.value
        if joinable:
            between = body[last.end:cand.start].strip()
            if between in _RANGE_BETWEEN or \
                    (between == "and" and re.search(r"\bbetween\s+$", body[:last.start], re.I)):
                last.upper, last.end = cand.value, cand.end
                last.figure = body[last.start:cand.end]
                last.percent = last.percent or cand.percent
                continue
        out.append(cand)
    return out


# -- drafting one figure ----------------------------------------------------------------------

def _draft(cand: _Candidate, body: str, start: int, source_id: str, published, archive: Archive):
    s_start, s_end = clauses.sentence_bounds(body, start, cand.start)
    sentence = body[s_start:s_end]
    f_start, f_end = cand.start - s_start, cand.end - s_start
    qualifier = _qualifier(body[:cand.start])
    unit = "%" if cand.percent else _unit(body, cand.end)
    value, notes = cand.value, []
    if cand.doubt:   # written as a comment: no value can be vouched for
        notes.append(f"'{cand.figure}' cannot be read with certainty: {cand.doubt}")
    if cand.change:
        qualifier, unit = None, None
        notes.append(f"not a fact: '{cand.figure}' is a change, not a count; no value states it: "
                     "cite it in a section's text, or draft the counts it compares")
    elif cand.percent and value is not None and round(value, 1) != value:
        # 'one-third': 33.3 % is not what it says
        notes.append(f"not a fact: '{cand.figure}' is a fraction that no per cent states exactly "
                     f"({value:.1f} %): cite it as written in a section's text")
        value, qualifier, unit = None, None, None
    elif cand.vague:
        if kind(qualifier) in ("max", "below", "near"):
            words = _before(body, cand) + cand.figure + (f" of {unit}" if unit else "")
            notes.append(f"not a fact: '{words}' bounds a vague figure from above, which no value "
                         "can state: cite it in a section's text instead")
            value = None
        else:
            qualifier = "more_than"
            notes.append(f"'{cand.figure}' states only a lower bound: more than {value:,.0f}")
    bounds = [(value, qualifier)]
    if cand.upper is not None:   # the lower bound, or else the upper one ('10-20%': 20 %)
        bounds = [(value, "at_least"), (cand.upper, "up_to")]
    for value, qualifier in bounds:
        value = _number(value) if value is not None else None
        quote = _quote(sentence, f_start, f_end, archive, value, unit, qualifier)
        if quote is not None:
            break
    else:
        return None
    if cand.upper is not None:
        other = (_number(cand.upper), "up_to") if qualifier == "at_least" else \
            (_number(cand.value), "at_least")
        notes.append(f"a range, {cand.figure}: for its other bound write value: {other[0]} and "
                     f"qualifier: {spec_words(other[1])}")
    clause_at = sentence.find(quote)
    hint = _date_hint(sentence, f_start, clause_at, clause_at + len(quote), published)
    day = None
    if hint is not None:
        day = hint.day
        notes.append(f"date from '{hint.text}'" if day else f"date hint: '{hint.text}' (not one day "
                     "on or before publication: no date given)")
    at = clauses.find_word(quote, cand.figure)
    if at < 0:   # '35km': the figure has a unit written against it
        at = quote.find(cand.figure)
    label = clauses.label_for(quote, max(at, 0), max(at, 0) + len(cand.figure), unit)
    if value is None and not cand.vague:   # a comment: named by what changed ('population ... seven-fold')
        label = " ".join(quote[:max(at, 0)].split()[-3:] + [cand.figure])
    return Draft(clauses.suggest_id(label), value, unit, spec_words(qualifier), label, source_id, quote,
                 cand.figure, _who(sentence, f_start, f_end, published), day, notes)


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 1)


def _before(body: str, cand: _Candidate) -> str:
    found = re.search(r"(?:\b\w+\s+){0,3}$", body[:cand.start])
    return found.group(0) if found else ""


def _qualifier(before: str):
    return qualifier_before(before)[0]   # 'less than 80' drafts less than, not up to


def _unit(body: str, end: int):
    found = _UNIT_AFTER.match(body, end)
    return found.group("unit").lower() if found else None


def _quote(sentence: str, f_start: int, f_end: int, archive: Archive, value, unit, qualifier):
    """The shortest clause around the figure that reads on its own and that the validator
    finds in the archive (and whose figure it reads as the value); else the sentence."""
    for start, end in (clauses.clause_bounds(sentence, f_start, f_end), (0, len(sentence))):
        quote = clauses.trim_quote(sentence, start, end, f_start, f_end)
        if quote and archive.find(quote) and \
                (value is None or value_in_quote(value, unit, quote, qualifier)[0]):
            return quote
    return None


# -- who states it, and when ------------------------------------------------------------------

def _date_hint(sentence: str, f_start: int, c_start: int, c_end: int, published):
    """The date hint nearest the figure, in its own clause: one in the quote, or one in the
    sentence before it ('On 19 October, responders evacuated 30', 'Egeland called Thursday
    for..., saying that 20,000'), or in the words that say who states it after the quote
    ('..., Bali told Syria Direct on Thursday'); never one in another clause after the quote
    ('that serves 400,000 people, was repaired on 19 October')."""
    hints = [h for h in find_date_hints(sentence, published)   # 'In 2016, 300 were...' counts too
             if c_start <= h.start < c_end or h.end <= c_start or
             clauses.reported_between(sentence[c_end:h.start]) or
             _ACCORDING_AS_OF.search(sentence[c_end:h.end])]
    if not hints:
        return None
    return min(hints, key=lambda h: (not (c_start <= h.start < c_end), abs(h.start - f_start)))


# '..., according to the National Institute (INGD) as of 26 December': the source's date
_ACCORDING_AS_OF = re.compile(r"^[^.;:]*\baccording to\b[^.;:]*\b(?:as of|as at|on)\s+[^,;:]*$", re.I)
_DATED = re.compile(r"\s+(?:as of|as at|on)\s+\S.*$")


def _who(sentence: str, f_start: int, f_end: int, published):
    """Who states it, without the date the same words give ('INGD as of 26 December')."""
    who = clauses.attribution(sentence, f_start, f_end)
    cut = _DATED.search(who or "")
    if cut and find_date_hints(cut.group(0), published):
        who = who[:cut.start()].strip() or None
    return who


def _unique(ident: str, taken: set) -> str:
    name, n = ident, 1
    while name in taken:
        n += 1
        name = f"{ident}-{n}"
    taken.add(name)
    return name


# -- YAML -----------------------------------------------------------------------------------------

def drafts_yaml(drafts: list) -> str:
    """A `facts:` list of the drafts, ready to paste into a spec; notes as comments."""
    from ..spec.edit import format_entries

    if not drafts:
        return "facts: []   # no figures found\n"
    out = ["facts:\n"]
    for draft in drafts:
        out += [f"  # {note}\n" for note in draft.notes]
        if draft.value is None:   # not an entry: what the person needs to write it in a section
            said = {"source": draft.source, "attribution": draft.attribution, "date": draft.date,
                    "quote": draft.quote}
            text = format_entries([{k: v for k, v in said.items() if v}], quoted={"quote": '"'})
            out += [f"  # {line}\n" for line in text.splitlines()]
            continue
        out.append(format_entries([draft.entry()], quoted={"quote": '"', "unit": '"'}))
    return "".join(out)


# -- the article to read ------------------------------------------------------------------------

@dataclass
class ArticleSource:
    """An archived article, and what a spec says about it."""
    id: str
    path: Path
    text: str                 # as archived
    archive: Archive          # as the validator reads it
    published: date | None
    in_spec: bool             # the spec lists it among its sources
    fact_ids: frozenset       # the spec's fact ids, which drafts must not reuse


def open_source(name: str, spec=None, published: date | None = None) -> ArticleSource:
    """The article `name` names: a text file, or the id of a source in `spec`.

    `published` overrides the spec's date. Raises UsageError for a missing file, an unknown
    id or an archive that cannot be read.
    """
    sources, fact_ids = _spec_entries(Path(spec)) if spec else ({}, frozenset())
    path, sid = Path(name), None
    if path.is_file():
        for ident, entry in sources.items():
            try:
                relative = entry.get("archive")
                if relative and resolve_archive(Path(spec).parent, relative) == path.resolve():
                    sid = ident
            except ArchiveError:
                continue
    elif name in sources:
        sid = name
        try:
            path = resolve_archive(Path(spec).parent, sources[name].get("archive") or "")
        except ArchiveError as exc:
            raise UsageError(f"{spec}: source '{name}': {exc}") from None
    elif path.exists():
        raise UsageError(f"{name}: is not a file: give an archived article or a source id")
    elif spec:
        known = ", ".join(sources) or "none"
        raise UsageError(f"{name}: no such file, and no source with that id in {spec} (ids: {known})")
    else:
        raise UsageError(f"{name}: no such file (to name a source by its id, give --spec SPEC)")
    try:
        archive = ArchiveCache().get(path)
        text = path.read_bytes().decode("utf-8", errors="replace")
    except ArchiveError as exc:
        raise UsageError(f"{path}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror}") from None
    if published is None and sid is not None:
        published = sources[sid].get("published")
    ident = sid or slugify(path.stem) or "source"
    return ArticleSource(ident, path, text, archive, published, sid is not None, fact_ids)


def _spec_entries(spec: Path) -> tuple:
    """{source id: {archive, published}} and the fact ids of a spec, read as the validator reads it."""
    from ..diagnostics import Diagnostics
    from ..spec.load import parse_yaml, read_text, reading

    try:
        with reading(spec, "spec file"):
            text = read_text(spec)
    except UnicodeDecodeError:
        raise UsageError(f"{spec}: cannot be read as a UTF-8 spec file") from None
    diags = Diagnostics(str(spec))
    root = parse_yaml(text, diags)
    if root is None or root.kind != "map":
        first = diags.errors[0] if diags.errors else None
        raise UsageError(str(first) if first else f"{spec}: the spec is not a mapping of keys")
    sources = {}
    for node in _maps(root.get("sources")):
        ident = node.get("id")
        if ident is None or ident.kind != "str":
            continue
        entry = {"archive": _text(node.get("archive"))}
        try:
            entry["published"] = date.fromisoformat(_text(node.get("published")) or "")
        except ValueError:
            entry["published"] = None
        sources[ident.value] = entry
    fact_ids = frozenset(_text(node.get("id")) for node in _maps(root.get("facts")))
    return sources, fact_ids - {None}


def _maps(node) -> list:
    return [n for n in node.value if n.kind == "map"] if node is not None and node.kind == "seq" else []


def _text(node):
    return str(node.value) if node is not None and node.kind in ("str", "int") else None
