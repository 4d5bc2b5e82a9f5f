"""The sheet record: a stable, JSON-ready summary of a built sheet, kept to compare builds.

A build stores the record of what it printed; the next build compares its own record with
that one (`changes.compare_records`) to say which figures changed. The record therefore
holds only what a reader of the sheet can see or check, never build times or absolute paths.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..files import file_sha256
from ..spec.markup import parse_inline
from ..spec.qualifiers import spec_words
from .model import Sheet, Source, plain_text
from .words import Words, words_for

RECORD_VERSION = 1


def sheet_record(sheet: Sheet) -> dict:
    """Everything a reader sees or checks on the sheet, as plain JSON types."""
    facts = {fact.id: fact for fact in sheet.facts}
    words = words_for(sheet.language)
    key_labels = {kf.fact_id: plain_text(kf.label) for kf in sheet.key_figures}
    return {
        "record_version": RECORD_VERSION,
        "spec": sheet.spec_path.name,
        "title": sheet.title_text,
        "subtitle": plain_text(sheet.subtitle),
        "location": sheet.location,
        "organisation": sheet.organisation,
        "as_of": sheet.as_of.isoformat(),
        "language": sheet.language,
        "edition": sheet.edition,     # 'public': no confidential source in this record
        "facts": [
            {
                "id": fact.id,
                "value": fact.value,
                "qualifier": spec_words(fact.qualifier),   # as a spec writes it, in any language
                "unit": fact.unit,
                "display": words.value(fact),
                "label": fact.label,
                "label_text": key_labels.get(fact.id) or label_text(fact.label, facts, words),
                "date": fact.date.isoformat() if fact.date else None,
                "sources": list(fact.sources),
                "quote": fact.quote,
                "note": fact.note,
            }
            for fact in sheet.facts
        ],
        # figures printed in cited sentences, each with the archive passage that states it
        "cited_figures": [
            {
                "text": figure.text,
                "value": figure.value,
                "unit": "%" if figure.percent else None,
                "source": figure.source,
                "passage": figure.passage,
                "sentence": figure.sentence,
            }
            for figure in sheet.cited_figures
        ],
        "sources": [
            {
                "id": source.id,
                "title": source.title,
                "publisher": source.publisher,
                "published": source.published.isoformat(),
                "url": source.url,
                "archive": archive_path(sheet, source),
                "archive_sha256": archive_sha256(source),
            }
            for source in sheet.sources
        ],
        "key_figures": [kf.fact_id for kf in sheet.key_figures],
        # JSON object keys are strings; keeping them so makes a record equal to its reloaded self
        "references": {str(ref.number): ref.source.id for ref in sheet.references},
    }


def label_text(label: str, facts: dict, words: Words) -> str:
    """A label as printed: `{fact-id}` becomes that fact's value, `[source-id]` is dropped,
    `{{` `}}` `[[` `]]` become literal braces. Unknown ids are left as written.

    Key figures carry their label already worded by `assemble_sheet`; this is the fallback
    for facts that are not key figures."""
    parts = []
    for token in parse_inline(label):
        if token.kind == "fact":
            fact = facts.get(token.value)
            parts.append(words.value(fact) if fact is not None else label[token.offset:token.end])
        elif token.kind != "cite":
            parts.append(token.value)
    return "".join(parts).strip()


def archive_path(sheet: Sheet, source: Source) -> str:
    """The archive's path relative to the spec's folder, with forward slashes on every OS."""
    archive = Path(source.archive)
    if not archive.is_absolute():
        return archive.as_posix()
    try:
        return Path(os.path.relpath(archive, sheet.spec_path.parent)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return archive.as_posix()


def archive_sha256(source: Source) -> str | None:
    """The archive's SHA-256: as the validator recorded it, else hashed now; None if missing."""
    return source.archive_sha256 or file_sha256(source.archive)


def dump_record(record: dict) -> str:
    """The record's canonical text: the same record always gives the same bytes."""
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def read_record(path) -> dict | None:
    """A stored record, or None when there is none (first build) or it cannot be read."""
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None
