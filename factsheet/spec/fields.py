"""Reading typed fields out of positioned YAML nodes, with one diagnostic per problem."""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

from ..diagnostics import Diagnostics, closest_name, did_you_mean
from .load import Node
from .dates import ISO_DAY
from .markup import SLUG

MAX_NUMBER = 10 ** 15        # far above any count a fact sheet states; floats stay exact
_KIND_NAMES = {"map": "a mapping", "seq": "a list", "str": "text", "int": "a number",
               "float": "a number", "bool": "true/false", "null": "empty"}


class Fields:
    """Typed getters over one file's nodes; each failure is reported, then None is returned."""

    def __init__(self, diags: Diagnostics):
        self.diags = diags

    def keys(self, node: Node, allowed: tuple, required: tuple, what: str) -> None:
        meant = set()
        for name, key in node.keys.items():
            if name not in allowed:
                meant.add(closest_name(name, allowed))
                hint = did_you_mean(name, allowed, f"allowed keys: {', '.join(allowed)}")
                self.diags.error(key.pos, "unknown-key", f"unknown key '{name}' in {what}", hint)
        for name in required:
            if name not in node.value and name not in meant:  # the typo's error says it
                self.diags.error(node.pos, "missing-key", f"{what} is missing required key '{name}'")

    def kind(self, node: Node, kinds: tuple, what: str) -> bool:
        if node.kind in kinds:
            return True
        wanted = " or ".join(dict.fromkeys(_KIND_NAMES[k] for k in kinds))
        hint = None
        if "str" in kinds and node.kind == "map" and len(node.value) == 1:
            # '- Adre: 600 arrivals' is a key and a value to YAML, not a bullet with a colon
            (key, child), = node.value.items()
            if child.kind in ("str", "int", "float"):
                written = f"{key}: {child.value}".replace("\\", "\\\\").replace('"', '\\"')
                hint = (f"the colon and space in '{key}: ...' make YAML read a key and a value: "
                        f"put the text in quotes: \"{written}\"")
        self.diags.error(node.pos, "wrong-type", f"{what} must be {wanted}, not {_KIND_NAMES[node.kind]}",
                         hint)
        return False

    def text(self, parent: Node, key: str, what: str | None = None):
        node = parent.get(key)
        if node is None:
            return None
        what = what or f"'{key}'"
        # text that may hold markup must be a string: `subtitle: 2017` once crashed the markup check
        if node.kind in ("int", "float") and key not in ("title", "subtitle", "label", "heading", "text",
                                                         "quote"):
            return str(node.value)   # e.g. `location: 1948` is fine as text
        if not self.kind(node, ("str",), what):
            return None
        if not node.value.strip():
            self.diags.error(node.pos, "empty", f"{what} is empty")
            return None
        return node.value

    def slug(self, parent: Node, key: str, what: str):
        value = self.text(parent, key, what)
        if value is not None and not SLUG.match(value):
            self.diags.error(parent.value[key].pos, "bad-id",
                             f"{what} '{value}' is not a valid id: use lowercase letters, digits, - and _")
            return None
        return value

    def date(self, parent: Node, key: str, what: str | None = None):
        node = parent.get(key)
        if node is None:
            return None
        what = what or f"'{key}'"
        raw = str(node.value) if node.kind in ("str", "int") else None
        if raw is None or not ISO_DAY.match(raw.strip()):
            self.diags.error(node.pos, "bad-date", f"{what} must be an ISO date (YYYY-MM-DD), "
                             f"not {node.value!r}")
            return None
        try:
            return date.fromisoformat(raw.strip())
        except ValueError as exc:
            self.diags.error(node.pos, "bad-date", f"{what} {raw.strip()} is not a real date ({exc})")
            return None

    def number(self, parent: Node, key: str, what: str):
        node = parent.get(key)
        if node is None:
            return None
        misread = _misread_number(key, node)
        if misread:
            self.diags.error(node.pos, "yaml-number", *misread)
            return None
        if node.kind not in ("int", "float"):
            hint = None
            if node.kind == "str" and re.fullmatch(r"[\d,. ]+%?", node.value.strip()):
                hint = "write the number without thousands separators or %, e.g. value: 20000 and unit: \"%\""
            self.diags.error(node.pos, "wrong-type", f"{what} must be a number, not {node.value!r}", hint)
            return None
        if node.value != node.value or node.value in (float("inf"), float("-inf")):
            self.diags.error(node.pos, "wrong-type", f"{what} must be a finite number")
            return None
        if abs(node.value) > MAX_NUMBER:  # also keeps huge ints from overflowing float()
            self.diags.error(node.pos, "wrong-type", f"{what} is too large (more than {MAX_NUMBER:,})")
            return None
        return node.value

    def url(self, parent: Node, key: str, what: str):
        value = self.text(parent, key, what)
        if value is None:
            return None
        try:
            parsed = urlparse(value.strip())
        except ValueError:   # 'https://[[host/': an unbalanced IPv6 bracket
            parsed = None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc \
                or " " in value.strip():
            self.diags.error(parent.value[key].pos, "bad-url",
                             f"{what} must be an http:// or https:// address, not {value!r}")
            return None
        return value.strip()

    def items(self, parent: Node, key: str, what: str, required: bool = True) -> list:
        node = parent.get(key)
        if node is None:
            return []
        if not self.kind(node, ("seq",), what):
            return []
        if required and not node.value:
            self.diags.error(node.pos, "empty", f"{what} needs at least one entry")
        return node.value


def _misread_number(key: str, node: Node):
    """(message, hint) when YAML read a number other than the one typed, or as text:
    `600.000` (600.0), `1,200` and `3,5` (text), `010` (octal 8), `1:30` (base 60: 90)."""
    raw = (node.raw or "").strip()
    if node.style not in (None, ""):  # quoted (libyaml marks plain as ""): the user asked for text
        if node.kind == "str" and re.fullmatch(r"-?\d+(?:\.\d+)?", raw):
            return (f"YAML reads {key}: {node.style}{raw}{node.style} as text, not a number",
                    f"write {key}: {raw}, without quotes")
        return None
    plain = raw.replace(",", "").replace(" ", "").replace("\u00a0", "")
    if node.kind == "float" and re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", raw):
        thousands, short = int(raw.replace(".", "")), f"{node.value:g}"
        return (f"YAML reads {key}: {raw} as {node.value!r} (the point is a decimal point)",
                f"for {thousands:,} write {key}: {thousands}; for {short} write {key}: {short}")
    if node.kind == "str" and re.fullmatch(r"-?\d{1,3}(?:\.\d{3}){2,}", raw):
        digits = raw.replace(".", "")
        return (f"YAML reads {key}: {raw} as text (points between thousands)",
                f"for {int(digits):,} write {key}: {int(digits)}")
    if node.kind == "str" and re.fullmatch(r"-?\d{1,3}(?:(?:,\d{3})+|(?:[ \u00a0]\d{3})+)(?:\.\d+)?", raw):
        return (f"YAML reads {key}: {raw} as text, not a number (the separators)",
                f"write {key}: {plain}, without separators")
    if node.kind == "str" and re.fullmatch(r"-?\d+,\d{1,2}", raw):
        return (f"YAML reads {key}: {raw} as text, not a number (a decimal comma)",
                f"write {key}: {raw.replace(',', '.')}, with a decimal point")
    if node.kind == "str" and re.fullmatch(r"-?\d+(?:\.\d+)?\s*%", raw):
        return (f"YAML reads {key}: {raw} as text, not a number (the % sign)",
                f"write {key}: {raw.rstrip('% ')} and unit: \"%\"")
    if node.kind == "int" and re.fullmatch(r"[-+]?0[0-7_]+", raw):
        return (f"YAML reads {key}: {raw} as {node.value} (a leading zero makes it octal)",
                f"write {key}: {int(raw.replace('_', ''), 10)}, without the leading zero")
    if node.kind in ("int", "float") and ":" in raw:
        return (f"YAML reads {key}: {raw} as {node.value} (numbers with colons are base 60)",
                "write the number the quote states, in digits only")
    return None

