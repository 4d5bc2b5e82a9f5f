"""What changed between two builds of a sheet: compared records and the CHANGES.md log.

Only what a reader would notice counts as a change: a figure's value, qualifier or unit
(together, its printed form), the sources it rests on, and figures appearing or disappearing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..files import exclusive_lock, write_atomic

CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

COMPARED_FIELDS = ("value", "qualifier", "unit", "sources")
HEADING = "# Changes"


@dataclass(frozen=True)
class Change:
    kind: str                     # CHANGED, ADDED or REMOVED
    fact_id: str
    old: dict | None = None       # the fact's entry in the old record; None when ADDED
    new: dict | None = None       # the fact's entry in the new record; None when REMOVED
    fields: tuple = ()            # CHANGED only: which of COMPARED_FIELDS differ


def compare_records(old: dict | None, new: dict) -> list[Change]:
    """Changed and new facts in the new spec's order, then removed facts in the old order.

    `old` is None on a first build: every fact is then new."""
    old_facts = {f["id"]: f for f in (old or {}).get("facts", [])}
    new_ids = {f["id"] for f in new.get("facts", [])}
    changes = []
    for fact in new.get("facts", []):
        before = old_facts.get(fact["id"])
        if before is None:
            changes.append(Change(ADDED, fact["id"], new=fact))
            continue
        fields = tuple(k for k in COMPARED_FIELDS if _comparable(before, k) != _comparable(fact, k))
        if fields:
            changes.append(Change(CHANGED, fact["id"], old=before, new=fact, fields=fields))
    for fact_id, before in old_facts.items():
        if fact_id not in new_ids:
            changes.append(Change(REMOVED, fact_id, old=before))
    return changes


def _comparable(fact: dict, key: str):
    # 20000 == 20000.0 already, so a spec writing '20000.0' is rightly not a change;
    # sources compare in order, since their order sets the printed citation numbers
    value = fact.get(key)
    return list(value or ()) if key == "sources" else value


def format_change(change: Change) -> str:
    """One line: 'killed-may: at least 220 -> at least 250, source a -> b'."""
    if change.kind == ADDED:
        new = change.new
        return f"new fact {change.fact_id}: {_display(new)} ({_sources_text(new['sources'])})"
    if change.kind == REMOVED:
        return f"removed fact {change.fact_id}: {_display(change.old)}"
    old, new = change.old, change.new
    parts = []
    if set(change.fields) & {"value", "qualifier", "unit"}:
        before, after = _display(old), _display(new)
        if before == after:  # differs below the printed precision: show the raw numbers
            before, after = _raw(old), _raw(new)
        parts.append(f"{before} -> {after}")
    if "sources" in change.fields:
        old_ids, new_ids = old.get("sources") or [], new.get("sources") or []
        word = "source" if len(old_ids) == len(new_ids) == 1 else "sources"
        parts.append(f"{word} {_ids_text(old_ids)} -> {_ids_text(new_ids)}")
    return f"{change.fact_id}: " + ", ".join(parts)


def _display(fact: dict) -> str:
    return fact.get("display") or _raw(fact)


def _raw(fact: dict) -> str:
    words = [fact.get("qualifier"), repr(fact.get("value")), fact.get("unit")]
    return " ".join(str(w) for w in words if w)


def _sources_text(ids) -> str:
    return f"{'source' if len(ids) == 1 else 'sources'} {_ids_text(ids)}"


def _ids_text(ids) -> str:
    # '; ' rather than ', ': the comma already separates the parts of a change line
    return "; ".join(ids) if ids else "none"


def format_section(sheet_name: str, title: str, changes, when: date) -> str:
    """'## 2026-11-21 raqqa-2017.yaml: Title' then one '- ' line per change.

    `changes` holds Change values or lines already made by format_change."""
    # a title spread over several lines would end the Markdown heading early
    heading = f"## {when.isoformat()} {sheet_name}: {' '.join(title.split())}"
    lines = [c if isinstance(c, str) else format_change(c) for c in changes]
    return "\n".join([heading] + [f"- {line}" for line in lines]) + "\n"


def append_changes_md(path, sheet_name: str, title: str, changes, when: date) -> bool:
    """Put a dated section for this sheet at the top of CHANGES.md, older sections below.

    `changes`: Change values or formatted lines. Creates the file with its heading if
    missing; writes nothing when there are no changes.
    Returns whether the file was written."""
    changes = list(changes)
    if not changes:
        return False
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # two builds at once into one folder: without the lock, each would read the same old
    # file and the second rename would lose the first one's section
    with exclusive_lock(path):
        older = path.read_text(encoding="utf-8") if path.exists() else ""
        first, _, rest = older.partition("\n")
        if first.strip() == HEADING:
            older = rest
        older = older.strip("\n")
        text = f"{HEADING}\n\n{format_section(sheet_name, title, changes, when)}"
        if older:
            text += f"\n{older}\n"
        write_atomic(path, lambda f: f.write(text.encode("utf-8")))
    return True
