"""Editions: the public edition of a sheet holds nothing of a source marked `confidential: true`.

The one place the public edition is decided. `check_spec(path, edition="public")` runs the
rules below during validation (where every position in the spec is known) and assembles the
public `Sheet` from the public sources only; every output drawn from that Sheet (documents,
audit page, JSON, HXL, manifests, attachments) therefore holds no confidential source's id,
title, publisher, URL, quote, passage, archive path or hash, without a line of its own.

The rules, in the public edition:
- a fact printed on the sheet that rests only on confidential sources is refused; a fact with
  other sources keeps only those, and its quote must be in one of their archives;
- a sentence (or label) whose citations are all confidential sources is refused; one that also
  cites a public source loses the confidential citations, and its figures must then be in a
  public source it cites;
- a fact the sheet does not print (already warned as unused) that rests only on confidential
  sources is left out, as it is not on the sheet.
"""
from __future__ import annotations

import dataclasses
import re

from ..diagnostics import UsageError

INTERNAL, PUBLIC = "internal", "public"
EDITIONS = (INTERNAL, PUBLIC)


def check_edition(edition: str | None) -> str:
    """The edition's name (None: the internal one); UsageError for any other."""
    if edition is None:
        return INTERNAL
    if edition not in EDITIONS:
        raise UsageError(f"unknown edition {edition!r}: use {' or '.join(EDITIONS)}")
    return edition


def read_confidential(fields, node) -> bool:
    """A source's `confidential:` (true or false; absent is false)."""
    flag = node.get("confidential")
    return flag is not None and fields.kind(flag, ("bool",), "'confidential'") and bool(flag.value)


def _names(ids) -> str:
    return ", ".join(f"'{sid}'" for sid in ids)


def check_quote(check, fact, quote_pos, found: list) -> None:
    """A public fact's quote must be in a public source's archive: the words of a confidential
    one cannot be printed in the audit page or JSON."""
    public = [sid for sid in fact.sources if sid not in check.hidden]
    if not check.hidden or not public or not found or any(sid in public for sid in found):
        return
    check.diags.error(quote_pos, "quote-only-confidential",
                      f"quote of fact '{fact.id}' is only in the archived text of confidential "
                      f"source {_names(found)}, which the public edition leaves out",
                      f"quote words of {_names(public)} that state the figure, or drop the "
                      "confidential source from the fact")


def sentence_cites(check, node, offset: int, cite_tokens: list):
    """The source ids a sentence cites in this edition, or None when the public edition
    refuses it (all its citations are confidential; the error is reported here)."""
    cites = [t.value for t in cite_tokens]
    if not check.hidden:
        return cites
    hidden = [t for t in cite_tokens if t.value in check.hidden]
    public = [sid for sid in cites if sid not in check.hidden]
    if hidden and not public:
        from ..spec.load import locate

        ids = list(dict.fromkeys(t.value for t in hidden))
        check.diags.error(locate(node, offset + hidden[0].offset, check.lines),
                          "cites-only-confidential",
                          f"this sentence cites only confidential source {_names(ids)}: the "
                          "public edition cannot print it",
                          "cite a public source that states it as well, or take the sentence "
                          "out: every edition is built from the same file")
        return None
    return public


def public_hint(check, figure, plain: str) -> str:
    """For a cited figure not found in the public sources: say that a confidential one has it."""
    from . import cited

    holders = [sid for sid in check.hidden if sid in check.archives and
               cited.lookup(figure, plain, cited.figure_index(check.archives[sid]))]
    if not holders:
        return ""
    return (f"\nit is in confidential source {_names(holders)}, which the public edition "
            "leaves out: cite a public source that states it")


def check_facts(check) -> None:
    """Refuse, in the public edition, each fact on the sheet resting only on confidential sources."""
    if not check.hidden:
        return
    for fid, fact in check.facts.items():
        if fid not in check.used_facts or any(s not in check.hidden for s in fact.sources):
            continue
        node = check.fact_nodes[fid]
        uses = ", ".join(f"line {line}" for line, _col in sorted(set(check.fact_uses.get(fid, ()))))
        check.diags.error(node.value["source"].pos, "fact-only-confidential",
                          f"fact '{fid}' rests only on confidential source "
                          f"{_names(fact.sources)}: the public edition cannot print it",
                          f"printed at {uses}: give it a public source that states it, or take "
                          "it off the sheet" if uses else None)


# keys whose values are not the author's words (ids, references, dates) or are another
# source's words (a quote is checked against a public archive)
_NOT_WORDS = {"sources", "id", "source", "quote", "key_figures", "factsheet", "as_of", "date",
              "value", "language", "template", "draft", "factsheet-translation", "translates",
              "translated-from"}


def check_named(check, root) -> None:
    """In the public edition, the spec's own words (title, text, bullets, labels, notes,
    keywords...) must not name a confidential source by its id, title, URL or publisher (a
    publisher that a public source shares, or the sheet's own organisation, is not counted:
    the sheet prints that name anyway): they would print it."""
    if not check.hidden:
        return
    public_publishers = {s.publisher.casefold() for sid, s in check.sources.items()
                         if sid not in check.hidden}
    organisation = root.get("organisation")
    if organisation is not None and organisation.kind == "str":
        public_publishers.add(organisation.value.strip().casefold())
    names = []
    for sid in sorted(check.hidden):
        source = check.sources[sid]
        names += [(sid, "id", sid), (sid, "title", source.title)]
        names += [(sid, "URL", source.url)] if source.url else []
        if source.publisher.casefold() not in public_publishers:
            names.append((sid, "publisher", source.publisher))
    patterns = [(sid, what, re.compile(r"(?<![\w-])" + re.escape(name.strip()) + r"(?![\w-])",
                                       re.IGNORECASE)) for sid, what, name in names]
    # a fact left out of the public edition prints none of its words
    left_out = {id(check.fact_nodes[fid]) for fid, fact in check.facts.items()
                if all(s in check.hidden for s in fact.sources)}
    for node in _words(root, left_out):
        text = _without_markup(node.value)
        for sid, what, pattern in patterns:
            found = pattern.search(text)
            if found:
                from ..spec.load import locate

                check.diags.error(locate(node, found.start(), check.lines), "names-confidential",
                                  f"'{found.group()}' is the {what} of confidential source "
                                  f"'{sid}': the public edition cannot print it",
                                  "write it without naming the source")


def _words(node, skip: set):
    """The spec's string nodes that are the author's own words, but those under `skip`."""
    if id(node) in skip:
        return
    if node.kind == "map":
        for key, child in node.value.items():
            if key not in _NOT_WORDS:
                yield from _words(child, skip)
    elif node.kind == "seq":
        for child in node.value:
            yield from _words(child, skip)
    elif node.kind == "str":
        yield node


def _without_markup(raw: str) -> str:
    """The text with its {fact} and [source] references blanked (offsets kept): a citation of
    a confidential source is the sentence rules' business, not a name in the words."""
    from ..spec.markup import parse_inline

    for tok in parse_inline(raw):
        if tok.kind in ("fact", "cite"):
            raw = raw[:tok.offset] + " " * (tok.end - tok.offset) + raw[tok.end:]
    return raw


def withheld_sources(spec_root) -> dict:
    """{id: source} of the confidential sources a spec declares, read from its YAML: the public
    Sheet holds none of them, yet a translation of it must know them to refuse their citations
    and names (with the same messages and positions in its own file)."""
    from types import SimpleNamespace

    withheld = {}
    sources = spec_root.get("sources") if spec_root.kind == "map" else None
    for node in (sources.value if sources is not None and sources.kind == "seq" else ()):
        flag = node.get("confidential") if node.kind == "map" else None
        if flag is None or flag.value is not True:
            continue
        text = {key: (node.get(key).value if node.get(key) is not None and
                      node.get(key).kind == "str" else None)
                for key in ("id", "title", "publisher", "url")}
        if text["id"]:
            withheld[text["id"]] = SimpleNamespace(title=text["title"] or text["id"],
                                                   publisher=text["publisher"] or text["id"],
                                                   url=text["url"])
    return withheld


def edition_inputs(check) -> tuple:
    """(sources, facts) of this edition, as assemble_sheet takes them: in the public edition
    without the confidential sources, and each fact citing only its public ones."""
    if not check.hidden:
        return check.sources, check.facts
    sources = {sid: s for sid, s in check.sources.items() if sid not in check.hidden}
    facts = {}
    for fid, fact in check.facts.items():
        public = tuple(s for s in fact.sources if s not in check.hidden)
        if public:   # a fact with none is off the sheet (check_facts refused it otherwise)
            facts[fid] = dataclasses.replace(fact, sources=public,
                                             label=without_cites(fact.label, check.hidden))
    return sources, facts


def without_cites(raw: str, hidden) -> str:
    """Markup without its [citations] of `hidden` sources (the JSON keeps a label's markup)."""
    from ..spec.markup import parse_inline

    cut = [t for t in parse_inline(raw) if t.kind == "cite" and t.value in hidden]
    for tok in reversed(cut):
        raw = raw[:tok.offset].rstrip() + raw[tok.end:]
    return raw
