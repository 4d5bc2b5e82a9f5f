"""Translations of a spec: their file names, the fields a translation gives, and their fingerprints.

A translation lives beside its spec as `<spec stem>.<language>.yaml` and gives the printed
words only (title, labels, sections...); facts and sources stay the spec's. It records in
`translated-from` a short hash of each original field as it read when translated, so that a
change to the original's wording is found field by field.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from .load import Node
from .markup import parse_inline

TRANSLATION_VERSION = 1
HEADER_FIELDS = ("title", "subtitle", "location", "organisation", "contact", "disclaimer")
TRANSLATION_KEYS = ("factsheet-translation", "translates", "language", *HEADER_FIELDS,
                    "labels", "sections", "translated-from")
TRANSLATION_REQUIRED = ("factsheet-translation", "translates", "language", "title", "labels",
                        "sections")
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*")
# '<stem>.fr.yaml', '<stem>.ar.yaml', '<stem>.pt-BR.yaml': a language tag before the suffix
_TRANSLATION_NAME = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"
                               r"\.(?:yaml|yml)$")


def translation_path(spec: Path, language: str) -> Path:
    """Where the translation of `spec` into `language` lives: beside it."""
    return Path(spec).with_name(f"{Path(spec).stem}.{language}{Path(spec).suffix}")


def original_of(path: Path) -> Path | None:
    """The spec a translation translates, or None for a file that is not a translation.
    'raqqa-2017.ar.yaml' beside 'raqqa-2017.yaml' is one if it says `factsheet-translation:`
    ('report.old.yaml', a spec kept beside 'report.yaml', is not)."""
    found = _TRANSLATION_NAME.match(Path(path).name)
    if not found:
        return None
    for suffix in (".yaml", ".yml"):
        spec = Path(path).with_name(found["stem"] + suffix)
        if spec.is_file():
            return spec if _says_translation(Path(path)) else None
    return None


def _says_translation(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"factsheet-translation" in handle.read(limits.MAX_SPEC_BYTES)
    except OSError:
        return False


def translations_beside(spec: Path) -> list:
    """The translations of a spec found beside it, sorted by language."""
    spec = Path(spec)
    return [candidate for candidate in sorted(spec.parent.glob(f"{glob_escape(spec.stem)}.*.y*ml"))
            if candidate.is_file() and original_of(candidate) is not None
            and original_of(candidate).name == spec.name]


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def fingerprint(*parts: str) -> str:
    """8 hex digits of SHA-256 over the parts, each with its runs of white space made one
    space: re-wrapping a paragraph is not a change of wording."""
    joined = "\x1f".join(" ".join((part or "").split()) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Original:
    """One field of the spec a translation translates, as the spec words it now."""
    key: tuple           # ('title',), ('labels', 'killed-may'), ('sections', 0)
    name: str            # in messages: "title", "the label of 'killed-may'", "section 'Situation'"
    text: str            # the wording, as the skeleton shows it in comments
    print: str           # its fingerprint
    shape: tuple = ()    # a section's: (has text, number of bullets), for its skeleton
    chart: Node | None = None   # a section's chart, whose words the skeleton asks for

    @property
    def group(self) -> str:
        return self.key[0]


def _text(node: Node | None) -> str | None:
    if node is None or node.kind not in ("str", "int", "float") or not str(node.value).strip():
        return None
    return str(node.value)


def _list(node: Node | None) -> list:
    return node.value if node is not None and node.kind == "seq" else []


def shown_facts(root: Node) -> list:
    """The ids of the facts a spec's sheet shows: key figures, then those its text refers to."""
    ids = [n.value for n in _list(root.get("key_figures")) if n.kind == "str"]
    texts = [_text(root.get(k)) for k in ("title", "subtitle")]
    for section in _list(root.get("sections")):
        if section.kind != "map":
            continue
        texts += [_text(section.get("heading")), _text(section.get("text"))]
        texts += [_text(b) for b in _list(section.get("bullets"))]
    for text in filter(None, texts):
        ids += [tok.value for tok in parse_inline(text) if tok.kind == "fact"]
    facts = {_text(f.get("id")) for f in _list(root.get("facts")) if f.kind == "map"}
    return [fid for fid in dict.fromkeys(ids) if fid in facts]


def section_parts(section: Node) -> tuple:
    """(heading, text, [bullets]) of a section node; missing parts are ''."""
    if section.kind != "map":
        return "", "", []
    return (_text(section.get("heading")) or "", _text(section.get("text")) or "",
            [_text(b) or "" for b in _list(section.get("bullets"))])


def chart_words(chart: Node | None) -> list:
    """The words of a section's chart a translation gives: its title, then each point's label
    (a point without one, '')."""
    if chart is None or chart.kind != "map":
        return []
    points = [p for p in _list(chart.get("points"))]
    return [_text(chart.get("title")) or ""] + [
        (_text(p.get("label")) or "") if p.kind == "map" else "" for p in points]


def original_fields(root: Node) -> list:
    """Every field of the spec a translation translates, in the order the skeleton writes them."""
    fields = []
    for key in HEADER_FIELDS:
        text = _text(root.get(key))
        if text is not None:
            fields.append(Original((key,), key, text, fingerprint(text)))
    labels = {_text(f.get("id")): _text(f.get("label")) for f in _list(root.get("facts"))
              if f.kind == "map"}
    for fid in shown_facts(root):
        if labels.get(fid):
            fields.append(Original(("labels", fid), f"the label of '{fid}'", labels[fid],
                                   fingerprint(labels[fid])))
    for index, section in enumerate(_list(root.get("sections"))):
        heading, text, bullets = section_parts(section)
        chart = section.get("chart") if section.kind == "map" else None
        words = chart_words(chart)   # none for a section without a chart: its print unchanged
        shown = "\n".join(filter(None, [heading, text.rstrip("\n"), *("- " + b for b in bullets)]
                                 + ([f"chart: {words[0]}"] + [f"  - {w}" for w in words[1:] if w]
                                    if words else [])))
        fields.append(Original(("sections", index), f"section '{heading or index + 1}'", shown,
                               fingerprint(heading, text, *bullets, *words), (bool(text), len(bullets)),
                               chart if words else None))
    return fields


def recorded_prints(root: Node | None) -> dict:
    """The fingerprints a translation's `translated-from` records: {key tuple: (hash, node)}."""
    found: dict = {}
    block = root.get("translated-from") if root is not None and root.kind == "map" else None
    if block is None or block.kind != "map":
        return found
    for name, node in block.value.items():
        if name == "labels" and node.kind == "map":
            for fid, child in node.value.items():
                found[("labels", fid)] = (str(child.value), child)
        elif name == "sections" and node.kind == "seq":
            for index, child in enumerate(node.value):
                found[("sections", index)] = (str(child.value), child)
        elif node.kind in ("str", "int"):
            found[(name,)] = (str(node.value), node)
    return found
