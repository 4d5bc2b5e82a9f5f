"""`factsheet translate`: write a translation's skeleton, or bring one up to date with its spec.

The file is written whole: every field to translate, the original's wording beside it as a
comment, the translator's values kept (`--update`), then `translated-from`, the fingerprints
of the originals those values translate. What is written is read back with the validator's
loader and must hold the values meant, or nothing is written.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..diagnostics import Diagnostics, UsageError
from ..files import write_atomic
from .load import Node, parse_yaml, read_text, reading
from .translation import (HEADER_FIELDS, LANGUAGE_TAG, TRANSLATION_VERSION, chart_words,
                          original_fields, original_of, recorded_prints, section_parts,
                          translation_path)

_CHANGED = "CHANGED in the original since this was translated; it now reads:"
_NEW = "NEW in the original: translate it"


def translate_spec(spec, language: str, update: bool = False, accept: bool = False) -> tuple:
    """Write the translation of `spec` into `language` beside it. Returns (path, report lines).

    Without `update` an existing translation is refused; with it, its values are kept, new
    fields are added empty and changed ones marked, their old fingerprints kept until
    `accept` records that the translation now follows the original."""
    spec = Path(spec)
    language = language.strip()
    if not LANGUAGE_TAG.fullmatch(language):
        raise UsageError(f"translate: --to must be a language tag such as fr or ar, not {language!r}")
    if original_of(spec) is not None:
        raise UsageError(f"{spec} is a translation of {original_of(spec).name}: translate that spec")
    root = _parse(spec, "spec file")
    own = root.get("language")
    if own is not None and str(own.value).split("-")[0].lower() == language.split("-")[0].lower():
        raise UsageError(f"{spec} is written in '{own.value}' already: translate it into another language")
    path = translation_path(spec, language)
    old = None
    if path.exists():
        if not update:
            raise UsageError(f"{path} exists: run with --update to add what is new in {spec.name} "
                             "and mark what changed, keeping its translations")
        old = _parse(path, "translation")
    elif update or accept:
        raise UsageError(f"{path}: no such translation to update: run without --update to write it")
    originals = original_fields(root)
    recorded = {key: value for key, (value, _node) in recorded_prints(old).items()}
    report = []
    text = _skeleton(spec, language, originals, old, recorded, accept, report)
    check = parse_yaml(text, Diagnostics(str(path)))
    if check is None or check.get("language").value != language:   # pragma: no cover - a bug
        raise UsageError(f"{path}: the translation could not be written back as valid YAML: not written")
    write_atomic(path.resolve(), lambda handle: handle.write(text.encode("utf-8")))
    return path, report


def _parse(path: Path, what: str) -> Node:
    diags = Diagnostics(str(path))
    with reading(path, what):
        try:
            root = parse_yaml(read_text(path), diags)
        except UnicodeDecodeError:
            raise UsageError(f"{path}: not UTF-8 text") from None
    if root is None or root.kind != "map":
        first = diags[0] if diags else f"{path}: not a YAML mapping"
        raise UsageError(f"{first}\n{path}: fix it first (factsheet validate {path})")
    return root


def _value(node: Node | None) -> str:
    """A translated value as written (`location: 1948` too); '' for none."""
    return str(node.value) if node is not None and node.kind in ("str", "int", "float") else ""


def _skeleton(spec: Path, language: str, originals: list, old, recorded: dict, accept: bool,
              report: list) -> str:
    by_key = {o.key: o for o in originals}
    out = [f"# Translation of {spec.name} into '{language}', written by `factsheet translate`.",
           "# Translate each value; the original wording is in the comment above it. Figures are",
           "# never typed here: write {fact-id} and [source-id] where the original does. A field",
           "# left empty is an error: translate it, or delete its line to print the original's.",
           "# `translated-from` records what each original said when it was translated:",
           "# leave it to `factsheet translate --update`.",
           f"factsheet-translation: {TRANSLATION_VERSION}",
           f"translates: {_scalar(spec.name)}",
           f"language: {_scalar(language)}"]
    prints: dict = {}

    def note(key) -> list:
        """The comment above a field, and the fingerprint to record for it."""
        original = by_key[key]
        has_value = old is not None and _has(old, key)
        if key not in recorded or not has_value:
            prints[key] = original.print
            if old is None or not recorded:   # a first skeleton, or a first record of one
                return original.text.splitlines()
            report.append(f"new: {original.name}")
            return [_NEW] + original.text.splitlines()
        if recorded[key] == original.print or accept:
            prints[key] = original.print
            return original.text.splitlines()
        prints[key] = recorded[key]          # still the old one: validate warns until accepted
        report.append(f"changed: {original.name}")
        return [_CHANGED] + original.text.splitlines()

    for key in HEADER_FIELDS:
        if (key,) in by_key:
            given = old is not None and old.get(key) is not None
            # an address is rarely translated: the contact starts as the original's
            value = _value(old.get(key)) if given else by_key[(key,)].text if key == "contact" else ""
            out += _comment(note((key,)), "") + [f"{key}: {_scalar(value)}"]
        elif old is not None and old.get(key) is not None:   # given, though the spec has none
            out.append(f"{key}: {_scalar(_value(old.get(key)))}")
    out.append("labels:")
    old_labels = old.get("labels") if old is not None else None
    for original in (o for o in originals if o.group == "labels"):
        fid = original.key[1]
        value = _value(old_labels.get(fid)) if old_labels is not None else ""
        out += _comment(note(original.key), "  ") + [f"  {fid}: {_scalar(value)}"]
    if old_labels is not None and old_labels.kind == "map":   # kept: its text may still use them
        for fid, node in old_labels.value.items():
            if ("labels", fid) not in by_key:
                out += ["  # not on the original sheet now", f"  {fid}: {_scalar(_value(node))}"]
    out.append("sections:")
    old_sections = old.get("sections") if old is not None else None
    old_sections = old_sections.value if old_sections is not None and old_sections.kind == "seq" else []
    sections = [o for o in originals if o.group == "sections"]
    for index in range(max(len(sections), len(old_sections))):
        if index < len(sections):
            out += _comment(note(sections[index].key), "  ")
        if index < len(old_sections):
            heading, text, bullets = section_parts(old_sections[index])
            has_text, has_bullets = bool(text), bool(bullets)
        else:
            heading, text, bullets = "", "", []
            has_text, has_bullets = sections[index].shape
            bullets = [""] * has_bullets
        out.append(f"  - heading: {_scalar(heading)}")
        if has_text:
            out += _block("    text", text)
        if has_bullets:
            out.append("    bullets:")
            out += [f"      - {_scalar(b)}" for b in bullets]
        old_chart = old_sections[index].get("chart") if index < len(old_sections) and \
            old_sections[index].kind == "map" else None
        chart = old_chart if old_chart is not None else \
            sections[index].chart if index < len(sections) else None
        if chart is not None:
            out += _chart(chart, translated=old_chart is not None)
    out.append("translated-from:")
    for key in HEADER_FIELDS:
        if (key,) in prints:
            out.append(f"  {key}: {_scalar(prints[(key,)])}")
    labels = [(k[1], v) for k, v in prints.items() if k[0] == "labels"]
    if labels:
        out.append("  labels:")
        out += [f"    {fid}: {_scalar(value)}" for fid, value in labels]
    section_prints = [v for k, v in prints.items() if k[0] == "sections"]
    if section_prints:
        out.append("  sections: [" + ", ".join(_scalar(v) for v in section_prints) + "]")
    return "\n".join(out) + "\n"


def _chart(chart: Node, translated: bool) -> list:
    """A section's chart: its kind and facts as the original's (a translation draws the same
    chart), its title and point labels the translation's (empty in a first skeleton)."""
    if chart.kind != "map":
        return []
    words = chart_words(chart) if translated else []
    kind = _value(chart.get("kind"))
    out = ["    chart:", f"      kind: {kind}", f"      title: {_scalar(words[0] if words else '')}"]
    if kind == "funding":
        return out + [f"      {key}: {_value(chart.get(key))}" for key in ("required", "received")]
    out.append("      points:")
    for number, point in enumerate(chart.get("points").value if chart.get("points") is not None
                                   and chart.get("points").kind == "seq" else []):
        fid = _value(point.get("fact")) if point.kind == "map" else _value(point)
        label = words[number + 1] if words else ""
        out.append(f"        - {{fact: {fid}, label: {_scalar(label)}}}")
    return out


def _has(old: Node, key: tuple) -> bool:
    if key[0] == "labels":
        labels = old.get("labels")
        return labels is not None and labels.kind == "map" and bool(_value(labels.get(key[1])).strip())
    if key[0] == "sections":
        sections = old.get("sections")
        return sections is not None and sections.kind == "seq" and key[1] < len(sections.value)
    return bool(_value(old.get(key[0])).strip())


def _comment(lines: list, indent: str) -> list:
    """The original's lines as comments, long ones wrapped (a comment may break anywhere)."""
    import textwrap

    wrapped = [part for line in lines for part in (textwrap.wrap(line, 92) or [""])]
    return [f"{indent}# {line}".rstrip() for line in wrapped]


def _scalar(text: str) -> str:
    """A one-line value as YAML reads it back exactly: double-quoted (JSON is YAML), so that
    no translation is ever read as a number, a date or a key."""
    return json.dumps(text, ensure_ascii=False)


def _block(key: str, text: str) -> list:
    """A text of several lines as a literal block (|): each line as the translator wrote it."""
    if not text.strip():
        return [f"{key}: \"\""]
    if "\n" not in text.rstrip("\n") or text != text.lstrip() or any(
            line != line.rstrip() for line in text.splitlines()):
        return [f"{key}: {_scalar(text.rstrip(chr(10)))}"]
    indicator = "|" if text.endswith("\n") and not text.endswith("\n\n") else "|-"
    body = text.rstrip("\n")
    return [f"{key}: {indicator}"] + [f"      {line}" if line else "" for line in body.splitlines()]
