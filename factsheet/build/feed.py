"""The published site's history: CHANGES.md read back as changed figures, and the Atom feed of them.

A build already records every change of a figure in CHANGES.md (build/changes.py writes one
dated section per rebuilt sheet, a line per figure); the site reads that record back rather
than keeping one of its own. Each line is parsed into the figure, its old and its new value.
Ids and times are derived from the record alone (the section's day, its place among the
sheet's sections, the line), so the same record gives the same feed byte for byte, and an
entry keeps its id when later sections are added above it.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..diagnostics import UsageError
from .changes import ADDED, CHANGED, HEADING, REMOVED

NEW_SHEET = "new sheet"
ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "feed.atom"
MAX_ENTRIES = 200          # a reader polls the feed: the newest changes, not all of history
_NAMESPACE = uuid.UUID("6f1d3c1e-5a43-4a0e-9c35-3f0d6a0b7c21")   # this tool's, for uuid5 ids

_SECTION = re.compile(r"## (\d{4}-\d{2}-\d{2}) (\S+?): (.*)")
# the three shapes build/changes.format_change writes (tests/build/test_site_feed.py pins them)
_ADDED = re.compile(r"new fact (\S+): (.*) \((sources? .*)\)")
_REMOVED = re.compile(r"removed fact (\S+): (.*)")
_CHANGED = re.compile(r"([^\s:]+): (.*)")
_SOURCES = re.compile(r"(sources?) (.*) -> (.*)")


@dataclass(frozen=True)
class Event:
    """One thing a reader of the site is told: a new sheet, or a figure changed on a sheet."""
    stem: str                 # the sheet's output stem (its spec's file name without .yaml)
    day: date
    kind: str                 # NEW_SHEET, or changes.ADDED, CHANGED, REMOVED
    fact_id: str = ""
    old: str = ""             # the figure as printed before ('' for a new figure)
    new: str = ""             # as printed now ('' for a removed one)
    sources: str = ""         # 'source a -> b' when the figure's sources changed
    key: str = ""             # what makes the event unique: its id is made from it

    @property
    def atom_id(self) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.stem}|{self.day}|{self.kind}|{self.key}')}"


def parse_change(line: str) -> tuple:
    """(kind, fact id, old, new, sources) of a line build/changes.format_change wrote."""
    if match := _ADDED.fullmatch(line):
        return ADDED, match[1], "", match[2], match[3]
    if match := _REMOVED.fullmatch(line):
        return REMOVED, match[1], match[2], "", ""
    match = _CHANGED.fullmatch(line)
    if match is None:
        return CHANGED, "", "", "", line       # not a line we wrote: kept whole, never dropped
    fact_id, rest, old, new, sources = match[1], match[2], "", "", ""
    if not _SOURCES.fullmatch(rest):          # 'OLD -> NEW', perhaps ', source a -> b' after it
        value, _, sources = rest.partition(", source")
        sources = f"source{sources}" if sources else ""
        old, _, new = value.partition(" -> ")
    else:
        sources = rest
    return CHANGED, fact_id, old, new, sources


def read_history(changes_md: Path) -> list[Event]:
    """Every figure change recorded in CHANGES.md, newest section first, lines in their order."""
    try:
        text = changes_md.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    sections = []   # (day, stem, [lines]) as they stand in the file: newest first
    for line in text.splitlines():
        if match := _SECTION.fullmatch(line):
            try:
                day = date.fromisoformat(match[1])
            except ValueError:
                continue
            sections.append((day, Path(match[2]).stem, []))
        elif line.startswith("- ") and sections and line != HEADING:
            sections[-1][2].append(line[2:])
    # a section's place among its sheet's sections, counted from the oldest: stable as new
    # sections are put on top, so it can go into the ids
    counts: dict = {}
    ordinals = []
    for day, stem, _ in reversed(sections):
        counts[stem] = counts.get(stem, 0) + 1
        ordinals.append(counts[stem])
    events = []
    for (day, stem, lines), ordinal in zip(sections, reversed(ordinals)):
        for number, line in enumerate(lines):
            kind, fact_id, old, new, sources = parse_change(line)
            events.append(Event(stem, day, kind, fact_id, old, new, sources,
                                key=f"{ordinal}|{number}|{line}"))
    return events


def event_text(event: Event, title: str) -> str:
    """One sentence for a reader: 'Title: killed-may changed from at least 220 to at least 250'."""
    if event.kind == NEW_SHEET:
        return f"New sheet: {title}"
    if event.kind == ADDED:
        return f"{title}: new figure {event.fact_id}: {event.new}"
    if event.kind == REMOVED:
        return f"{title}: figure {event.fact_id} removed (was {event.old})"
    parts = []
    if event.old or event.new:
        parts.append(f"changed from {event.old} to {event.new}")
    if event.sources:
        parts.append(event.sources.replace(" -> ", " changed to ", 1))
    what = f"figure {event.fact_id} " if event.fact_id else ""
    return f"{title}: {what}{', '.join(parts)}"


def site_url(url: str) -> str:
    """`publish --url`: the web address the site is served from, ending in '/', so that the
    feed's links can be absolute; UsageError for anything but an http(s) address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(c.isspace() for c in url.strip()):
        raise UsageError(f"publish --url: give the site's web address, such as "
                         f"https://example.org/factsheets/, not {url!r}")
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


def atom_feed(feed_id: str, events, sheets: dict, pages: dict, title: str = "Fact sheets: changes",
              base_url: str = "") -> str:
    """The Atom 1.0 document (RFC 4287) of the newest MAX_ENTRIES events, newest first.

    `sheets` maps a stem to its title, `pages` a stem to its page's address in the site. Every
    time is the event's day at 00:00 UTC: the record holds days, and the same record must give
    the same feed (SOURCE_DATE_EPOCH sets the day a build records). Links are relative to the
    feed, or absolute under `base_url` (site_url's): some feed readers resolve no relative link."""
    def href(path: str) -> str:
        return quoteattr(urljoin(base_url, quote(path, safe="/")))

    events = sorted(events, key=lambda e: (e.day, e.kind == NEW_SHEET), reverse=True)[:MAX_ENTRIES]
    updated = _stamp(events[0].day) if events else "1970-01-01T00:00:00Z"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="{ATOM}" xml:lang="en">',
           f"  <id>{escape(feed_id)}</id>",
           f"  <title>{escape(title)}</title>",
           f"  <updated>{updated}</updated>",
           "  <author><name>factsheet</name></author>",
           "  <generator>factsheet</generator>",
           f'  <link rel="self" type="application/atom+xml" href={href(FEED_NAME)}/>',
           f'  <link rel="alternate" type="text/html" href={href("index.html")}/>']
    for event in events:
        name = sheets.get(event.stem, event.stem)
        text = event_text(event, name)
        out += ["  <entry>",
                f"    <id>{event.atom_id}</id>",
                f"    <title>{escape(text)}</title>",
                f"    <updated>{_stamp(event.day)}</updated>"]
        # an entry without content must link to it (RFC 4287 4.1.2): the sheet's page, or
        # the index for a sheet no longer in the site
        page = pages.get(event.stem, "index.html")
        out.append(f'    <link rel="alternate" type="text/html" href={href(page)}/>')
        out.append(f"    <summary>{escape(_summary(event, name))}</summary>")
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _summary(event: Event, title: str) -> str:
    if event.kind == NEW_SHEET:
        return f"{title} ({event.stem}) was published on {event.day.isoformat()}."
    lines = [f"Sheet: {title} ({event.stem})"]
    if event.fact_id:
        lines.append(f"Figure: {event.fact_id}")
    if event.old:
        lines.append(f"Old value: {event.old}")
    if event.new:
        lines.append(f"New value: {event.new}")
    if event.sources:
        lines.append(event.sources[0].upper() + event.sources[1:])
    return "\n".join(lines)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
