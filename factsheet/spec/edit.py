"""Adding entries to a spec's `sources` or `facts` list, leaving every other byte of the file as it was.

The file is never re-dumped. ruamel.yaml's round-trip parser finds where the list ends and how
its items are indented and quoted; the new entries are written as text in that style and
spliced in. The result is read back with the validator's own loader and must hold exactly
the old values plus the new entries, in the same order, or nothing is written.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from pathlib import Path

from ..diagnostics import Diagnostics, UsageError
from .load import Node, parse_yaml, reading
from ..files import write_atomic

_BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_DEFAULT_INDENT = (2, 2)   # "  - id: ..." as in the README: dash column, then key column past it


def add_entries(spec_path, key: str, entries: list) -> str:
    """Append `entries` (dicts of str, int, float, bool, date or lists of those) to the spec's
    top-level list `key`, creating the list at the end of the file if it is absent.

    None values are left out. Comments, blank lines, key order, quoting and indentation of
    everything else stay byte for byte. Returns the YAML text of the new items, as written.
    Raises UsageError (nothing written) when the spec cannot be read or parsed, `key` is not
    a list, or an entry's id is already in it.
    """
    path = Path(spec_path)
    bom, text = _read(path)
    old = _parse_checked(text, path)
    data = _parse_round_trip(text, path)
    entries = [{k: v for k, v in entry.items() if v is not None} for entry in entries]
    _refuse_duplicates(data, key, entries, path)

    lines = _LINE.findall(text)
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    candidates = _insertions(data, key, lines, entries, newline, path)
    expected = _expected(old, key, entries)
    for new_text, body in candidates:
        if _values(_parse_checked(new_text, path, quiet=True)) == expected:
            break
    else:
        raise UsageError(f"{path}: could not add to '{key}' without changing the rest of the file "
                         f"(an unusual layout?): not edited; add the entries by hand")
    target = path.resolve()   # through a symlink: replace the file, not the link
    write_atomic(target, lambda handle: handle.write(bom + new_text.encode("utf-8")))
    return body.replace("\r\n", "\n")


def existing_ids(spec_path, key: str) -> dict:
    """The ids in the spec's top-level list `key`, each with where it is ('spec.yaml:21:9').

    UsageError when the spec cannot be read or parsed: callers check before writing anything.
    """
    path = Path(spec_path)
    _, text = _read(path)
    _parse_checked(text, path)
    return _ids(_parse_round_trip(text, path), key, path)


def format_entries(entries: list, dash_col: int = 2, key_indent: int = 2,
                   quoted: dict | None = None, newline: str = "\n") -> str:
    """The YAML text of block-list items, e.g. '  - id: x\\n    title: "A: b"\\n'.

    `quoted` maps keys to the quote character their values should use ('"' or "'") when
    the list already quotes them; other strings are plain wherever YAML reads them back as
    the same text (under YAML 1.1, as the validator reads, and 1.2, as editors do).
    """
    quoted = quoted or {}
    out = []
    for entry in entries:
        prefix = " " * dash_col + "-" + " " * (key_indent - 1)
        for name, value in entry.items():
            out.append(f"{prefix}{_scalar(str(name))}: {_value(value, quoted.get(name))}{newline}")
            prefix = " " * (dash_col + key_indent)
    return "".join(out)


# -- reading --------------------------------------------------------------------------------

def _read(path: Path) -> tuple:
    with reading(path, "spec file"):
        data = path.read_bytes()
    bom = _BOM if data.startswith(_BOM) else b""
    try:
        return bom, data[len(bom):].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start}): not edited") from None


def _parse_checked(text: str, path: Path, quiet: bool = False):
    """The spec as the validator reads it (PyYAML, YAML 1.1, alias bombs refused)."""
    diags = Diagnostics(str(path))
    root = parse_yaml(text, diags)
    if root is None and not quiet:
        first = diags.errors[0]
        raise UsageError(f"{path}:{first.line}:{first.col}: {first.message}: not edited")
    return root


def _parse_round_trip(text: str, path: Path):
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = exc.problem or exc.context or "invalid YAML"
        raise UsageError(f"{where}: YAML syntax: {problem}: not edited") from None
    except YAMLError as exc:
        raise UsageError(f"{path}: YAML syntax: {exc}: not edited") from None
    if not isinstance(data, CommentedMap):
        raise UsageError(f"{path}: the spec is not a mapping of keys (factsheet: 1, title: ...): "
                         "not edited")
    return data


def _ids(data, key: str, path: Path) -> dict:
    found = {}
    items = data.get(key)
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and "id" in item:
                line, col = item.lc.value("id")
                found.setdefault(str(item["id"]), f"{path}:{line + 1}:{col + 1}")
    return found


def _refuse_duplicates(data, key: str, entries: list, path: Path) -> None:
    existing = _ids(data, key, path)
    what = key[:-1] if key.endswith("s") else key
    for entry in entries:
        ident = entry.get("id")
        if ident is None:
            continue
        if str(ident) in existing:
            raise UsageError(f"{existing[str(ident)]}: {what} id '{ident}' exists already in "
                             f"'{key}': not added")
        existing[str(ident)] = str(path)


# -- where the text goes --------------------------------------------------------------------

def _insertions(data, key: str, lines: list, entries: list, newline: str, path: Path) -> list:
    """Candidate (whole file, new items) texts with the entries spliced in, most natural first."""
    from ruamel.yaml.comments import CommentedSeq

    text = "".join(lines)
    if key not in data:
        dash_col, key_indent = _indent_of_any_list(data, lines)
        body = format_entries(entries, dash_col, key_indent, newline=newline)
        col = data.lc.key(next(iter(data)))[1] if data else 0
        if text and not text.endswith(("\n", "\r")):
            text += newline
        gap = newline if text and lines[-1].strip() else ""
        return [(f"{text}{gap}{' ' * col}{key}:{newline}{body}", body)]

    key_line, key_col = data.lc.key(key)
    items = data[key]
    after = _next_key_line(data, key, len(lines))
    if items is None or (isinstance(items, CommentedSeq) and not items):
        # `facts:`, `facts: ~` or `facts: []`: the key's line becomes `facts:`, items follow
        found = re.match(r"([^#]*?:)[ \t]*(?:~|null|Null|NULL|\[[ \t]*\])?[ \t]*(#.*)?(\r\n|\r|\n)?\Z",
                         lines[key_line])
        if found is None:
            raise UsageError(f"{path}:{key_line + 1}:{key_col + 1}: '{key}' is written in a way "
                             "this command cannot extend: not edited; make it a block list")
        head = found.group(1) + (" " + found.group(2) if found.group(2) else "") + newline
        dash_col, key_indent = _indent_of_any_list(data, lines)
        body = format_entries(entries, dash_col, key_indent, newline=newline)
        return [("".join(lines[:key_line]) + head + body + "".join(lines[key_line + 1:]), body)]
    if not isinstance(items, CommentedSeq):
        raise UsageError(f"{path}:{key_line + 1}:{key_col + 1}: '{key}' is not a list: not edited")
    if items.lc.line == key_line or lines[items.lc.line][items.lc.col:items.lc.col + 1] != "-":
        raise UsageError(f"{path}:{key_line + 1}:{key_col + 1}: '{key}' is a flow list ([...]); "
                         "write it as a block list (one '- ' item per entry) to add to it: not edited")

    dash_col, key_indent = _indent_of(items, lines)
    body = format_entries(entries, dash_col, key_indent, _quote_styles(items[-1]), newline)
    last = after - 1
    while last > key_line and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    points = dict.fromkeys((last + 1, after))   # right after the last item; else before the next key
    texts = []
    for point in points:
        before = "".join(lines[:point])
        if before and not before.endswith(("\n", "\r")):
            before += newline
        texts.append((before + body + "".join(lines[point:]), body))
    return texts


def _next_key_line(data, key: str, end: int) -> int:
    names = list(data)
    index = names.index(key)
    return data.lc.key(names[index + 1])[0] if index + 1 < len(names) else end


def _indent_of(items, lines: list) -> tuple:
    """(dash column, key column minus dash column) of a block list's first item."""
    dash_line, dash_col = items.lc.line, items.lc.col
    item_line, item_col = items.lc.item(0)
    if item_line == dash_line and item_col >= dash_col + 2:
        return dash_col, item_col - dash_col
    return dash_col, _DEFAULT_INDENT[1]


def _indent_of_any_list(data, lines: list) -> tuple:
    """The indentation of the first block list of mappings in the file (sources, facts, sections)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    for value in data.values():
        if isinstance(value, CommentedSeq) and value and isinstance(value[0], CommentedMap) \
                and lines[value.lc.line][value.lc.col:value.lc.col + 1] == "-":
            return _indent_of(value, lines)
    return _DEFAULT_INDENT


def _quote_styles(item) -> dict:
    """Which keys the list's last item quotes, and how: new entries follow its look."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    styles = {}
    if isinstance(item, dict):
        for name, value in item.items():
            if isinstance(value, DoubleQuotedScalarString):
                styles[name] = '"'
            elif isinstance(value, SingleQuotedScalarString):
                styles[name] = "'"
    return styles


# -- checking the result --------------------------------------------------------------------

def _values(node):
    """A loaded Node tree as plain ordered data: maps as lists of pairs, so order counts."""
    if node is None:
        return None
    if node.kind == "map":
        return [(name, _values(child)) for name, child in node.value.items()]
    if node.kind == "seq":
        return [_values(child) for child in node.value]
    return (node.kind, node.value)


def _expected(old: Node, key: str, entries: list) -> list:
    wanted = [_plain(entry) for entry in entries]
    values = _values(old)
    for index, (name, value) in enumerate(values):
        if name == key:
            values[index] = (name, (value if isinstance(value, list) else []) + wanted)
            return values
    return values + [(key, wanted)]


def _plain(value):
    """What the loader reads back for a value this module writes."""
    if isinstance(value, dict):
        return [(str(name), _plain(child)) for name, child in value.items() if child is not None]
    if isinstance(value, (list, tuple)):
        return [_plain(child) for child in value]
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, float):
        return ("float", value)
    if isinstance(value, date):
        return ("str", value.isoformat())   # the loader keeps dates as text
    return ("str", str(value))


# -- writing values -------------------------------------------------------------------------

def _value(value, quote: str | None = None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} in a spec")
        return repr(value)
    if isinstance(value, datetime):
        raise TypeError("spec dates are days: pass a datetime.date, not a datetime")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) if not isinstance(v, str) else _scalar(v, flow=True)
                               for v in value) + "]"
    if isinstance(value, str):
        return _scalar(value, quote)
    raise TypeError(f"cannot write a {type(value).__name__} in a spec")


def _scalar(text: str, quote: str | None = None, flow: bool = False) -> str:
    if quote == "'" and _printable_line(text):
        return "'" + text.replace("'", "''") + "'"
    if quote is None and _plain_reads_back(text, flow):
        return text
    return _double_quoted(text)


# outside YAML's printable set, or read as a line break (U+2028, U+2029) or a BOM: escaped
_NOT_PRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                            "\U00010000-\U0010ffff]")


def _printable_line(text: str) -> bool:
    return _NOT_PRINTABLE.search(text) is None


def _plain_reads_back(text: str, flow: bool) -> bool:
    """Whether `text` written bare reads back as the same string in YAML 1.1 and 1.2."""
    if not text or text != text.strip() or not _printable_line(text) or "\t" in text:
        return False
    if flow and re.search(r"[,\[\]{}]", text):
        return False
    document = f"k: [{text}]" if flow else f"k: {text}"
    import yaml
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        pyyaml = yaml.load(document, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        ruamel = YAML(typ="safe", pure=True).load(document)
    except (yaml.YAMLError, YAMLError):
        return False
    wanted = {"k": [text] if flow else text}
    return pyyaml == wanted and ruamel == wanted


def _double_quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _NOT_PRINTABLE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
