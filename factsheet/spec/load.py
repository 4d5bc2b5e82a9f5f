"""Stage 1, load: safe YAML into a tree of positioned nodes, so every later error names line and column.

Only PyYAML's safe composer is used: no Python tags, no object construction. Oversized
files and alias bombs are refused before they can cost time or memory.
"""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

import yaml

from .. import limits
from ..diagnostics import Diagnostics, UsageError

try:  # the C composer is several times faster and reports the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader

MAX_BYTES = limits.MAX_SPEC_BYTES
MAX_NODES = limits.MAX_YAML_VALUES   # nodes visited, aliases expanded: stops "billion laughs"
MAX_DEPTH = limits.MAX_YAML_DEPTH

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_KNOWN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP,
               "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Node:
    """A YAML value with its position. `value` is dict[str, Node], list[Node], or a scalar:
    str, int, float, bool or None. Timestamps stay strings: dates are checked by the validator."""
    value: object
    line: int                  # 1-based
    col: int                   # 1-based
    kind: str                  # 'map', 'seq', 'str', 'int', 'float', 'bool', 'null'
    keys: dict = field(default_factory=dict)   # map only: key -> Node of the key itself
    style: str | None = None   # scalar style: None (plain), "'", '"', '|', '>'
    end_line: int = 0
    raw: str | None = None     # scalar only: the text as typed, before YAML read it ('600.000')

    @property
    def pos(self) -> tuple:
        return (self.line, self.col)

    def get(self, key: str):
        return self.value.get(key) if self.kind == "map" else None


class LoadError(Exception):
    pass


class TooDeep(Exception):
    def __init__(self, pos: tuple):
        super().__init__(pos)
        self.pos = pos


_OPENING = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken,
            yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)
_CLOSING = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _too_deep_at(text: str):
    """Where nesting first passes MAX_DEPTH, or None, by the pure-Python scanner, which has no
    depth limit of its own: libyaml refuses deep nesting itself, in its own words, and we want
    ours. Only run after a parse failed, so valid specs do not pay for a second scan."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    return (token.start_mark.line + 1, token.start_mark.column + 1)
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


_scalar_constructor = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode, diags: Diagnostics) -> tuple:
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
        return node.value, "str"
    if tag == _NULL:
        return None, "null"
    kind = {_BOOL: "bool", _INT: "int", _FLOAT: "float"}.get(tag)
    if kind is None:
        return node.value, "str"
    try:
        # the tag's own constructor, not construct_object(), which would keep every node
        # in a cache forever; an explicit `!!int ''` or `!!bool maybe` stays text
        return _scalar_constructor.yaml_constructors[tag](_scalar_constructor, node), kind
    except (ValueError, LookupError, yaml.YAMLError):
        return node.value, "str"


class _Converter:
    def __init__(self, diags: Diagnostics):
        self.diags = diags
        self.visited = 0

    def convert(self, node, depth: int = 0) -> Node:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise LoadError(f"the document expands to more than {MAX_NODES:,} values "
                            "(too large, or an alias bomb): refused")
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        end_line = node.end_mark.line + 1
        if depth >= MAX_DEPTH:           # depth 0 is the first level
            raise TooDeep((line, col))
        if node.tag == "tag:yaml.org,2002:merge":
            self.diags.error((line, col), "yaml-tag", "merge keys (<<) are not supported: "
                             "write the keys out in full")
        elif node.tag not in _KNOWN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as the user wrote it
            self.diags.error((line, col), "yaml-tag", f"unsupported YAML tag '{tag}': "
                             "specs use plain YAML values only")
        if isinstance(node, yaml.MappingNode):
            values, keys = {}, {}
            for key_node, value_node in node.value:
                key = self.convert(key_node)
                if key.kind in ("map", "seq"):
                    self.diags.error(key.pos, "yaml-key", "a mapping key must be a plain word")
                    continue
                name = str(key.value)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue   # reported above; its keys are not taken in
                if name in values:
                    self.diags.error(key.pos, "duplicate-key",
                                     f"duplicate key '{name}' (first at line {keys[name].line})")
                    continue
                keys[name] = key
                values[name] = self.convert(value_node, depth + 1)
            return Node(values, line, col, "map", keys=keys, end_line=end_line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item, depth + 1) for item in node.value], line, col, "seq",
                        end_line=end_line)
        value, kind = _scalar(node, self.diags)
        return Node(value, line, col, kind, style=node.style, end_line=end_line, raw=node.value)


def parse_yaml(text: str, diags: Diagnostics):
    """Parse YAML text into a Node tree, or None with a diagnostic on failure."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        diags.error((1, 1), "too-large", f"file is larger than {MAX_BYTES // 1000:,} kB: refused")
        return None
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError) as exc:
        deep = _too_deep_at(text)
        if deep is not None or isinstance(exc, RecursionError):
            diags.error(deep or (1, 1), "too-deep", _TOO_DEEP)
            return None
        _syntax_error(text, exc, diags)
        return None
    if root is None:
        diags.error((1, 1), "empty", "the file is empty")
        return None
    try:
        return _Converter(diags).convert(root)
    except LoadError as exc:
        diags.error((root.start_mark.line + 1, 1), "too-large", str(exc))
        return None
    except TooDeep as exc:
        diags.error(exc.pos, "too-deep", _TOO_DEEP)
        return None


_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|x[0-9A-Fa-f]{0,2}|.)")
_TOO_DEEP = f"YAML nesting is too deep (more than {MAX_DEPTH} levels): refused"


def _syntax_error(text: str, exc: yaml.YAMLError, diags: Diagnostics) -> None:
    """Our words for what the YAML parser refused, at its position; the parser's own
    wording (which changes between PyYAML releases) only as a hint."""
    if isinstance(exc, yaml.reader.ReaderError):
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        diags.error(_reader_pos(text, exc.position), "yaml-character",
                    f"character U+{code:04X} is not allowed here (a control character "
                    "or a non-character): remove it")
        return
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opening = _unclosed_quote(text, pos)
    if opening is not None:
        quote = text.splitlines()[opening[0] - 1][opening[1] - 1]
        diags.error(opening, "yaml-unclosed-quote",
                    f"this quoted value is not closed: add the closing {quote} at the end")
        return
    line = text.splitlines()[pos[0] - 1] if mark and pos[0] <= len(text.splitlines()) else ""
    if "\t" in line[:len(line) - len(line.lstrip())] or line[pos[1] - 1:pos[1]] == "\t":
        diags.error(pos, "yaml-tab", "a tab indents this line: YAML indents with spaces only")
        return
    if line.startswith(("---", "...")) and pos[0] > 1:
        diags.error(pos, "yaml-documents", "a spec is one YAML document: remove this line, or "
                    "move what follows it into a spec of its own")
        return
    if any(m.start() < pos[1] <= m.end() + 1 for m in _ESCAPE.finditer(line)):
        diags.error(pos, "yaml-escape", "this escape does not stand for a character that can be "
                    "printed: write the character itself")
        return
    key, _, value = line.strip().lstrip("- ").partition(": ")
    if ": " in value and not value.lstrip().startswith(("'", '"', "[", "{", "|", ">")):
        diags.error(pos, "yaml-colon", _colon_message(line))
        return
    detail = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    diags.error(pos, "yaml-syntax", "not valid YAML here: check the indentation, quotes and "
                "brackets on this line and the one before", f"the YAML parser says: {detail}")


# where a value starts on a line: after 'key: ' or '- ' (or both), before any other text
_NEW_ENTRY = re.compile(r"^\s*(?:- |[\w-]+:(?:\s|$))")
_VALUE_START = re.compile(r"^\s*(?:-\s+)*(?:[^\s'\"#:][^:#]*?:\s+)?(?=[\"'])")


def _unclosed_quote(text: str, error: tuple):
    """The (line, col) of a quote opened on an earlier line that the user never closed, or
    None. YAML reads on until the next quote of the same kind (the one opening a later value)
    and fails just after it, or at the end of the file: so a value whose quote, read the way
    YAML reads it, closes only on the error's line after it was opened elsewhere, or never."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    for number in range(min(error[0] - 1, len(lines)), 0, -1):   # nearest first
        found = _VALUE_START.match(lines[number - 1])
        if not found:
            continue
        at = starts[number - 1] + found.end()
        closed = _closing_quote(text, at)
        if closed is not None and closed < starts[number]:
            continue   # closed on its own line: a good value
        if closed is None:
            return (number, found.end() + 1)
        line = next(i for i in range(len(starts) - 1) if starts[i] <= closed < starts[i + 1]) + 1
        # read as one value, it swallowed lines that look like keys or items of their own
        swallowed = any(_NEW_ENTRY.match(lines[i]) for i in range(number, line))
        if swallowed and line == error[0] and closed - starts[line - 1] + 1 <= error[1]:
            return (number, found.end() + 1)
        return None   # a quoted value over several lines that closes: not this fault
    return None


def _closing_quote(text: str, at: int):
    """Offset of the quote closing the one at `at`, as YAML reads it; None if none does."""
    quote, i = text[at], at + 1
    while i < len(text):
        char = text[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":   # '' is a quote inside the value
                i += 2
                continue
            return i
        i += 1
    return None


def _colon_message(line: str) -> str:
    """A ': ' inside a plain value (label: Adre: 600 arrivals) starts a second key to YAML:
    say to quote the value, showing the line as it should be."""
    key, _, value = line.strip().lstrip("- ").partition(": ")
    if not value:
        return "YAML syntax: a colon followed by a space inside a plain value: put the value in quotes"
    quoted = '"' + value.strip().replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (f"YAML syntax: the value of '{key}' holds a colon followed by a space, which YAML "
            f"reads as a new key: put the value in quotes: {key}: {quoted}")


def _reader_pos(text: str, position: int) -> tuple:
    """Line and column of a reader error; libyaml counts bytes, the pure-Python reader characters."""
    if _Loader is not yaml.SafeLoader:
        text = text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore")
    before = text[:position]
    return (before.count("\n") + 1, len(before) - before.rfind("\n"))


@contextlib.contextmanager
def reading(path, what: str = "file"):
    """Inside the block, the reasons a named file cannot be opened become one-line
    UsageErrors (exit 2) naming it; other errors, decoding included, pass through."""
    try:
        yield
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a {what}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror}") from None


def read_text(path) -> str:
    """Read a UTF-8 file; OSError and UnicodeDecodeError are left to the caller."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        # cut mid-character perhaps: parse_yaml refuses it as too large, not as "not UTF-8"
        return data.decode("utf-8-sig", errors="replace")
    return data.decode("utf-8-sig")


def locate(node: Node, offset: int, source_lines: list | None) -> tuple:
    """Line and column of character `offset` inside a string node's value.

    Exact for literal blocks (|), single-line scalars (escapes in quotes counted) and
    folded (>) or plain scalars whose lines fold back to the value; otherwise (multi-line
    quoted text, more-indented folded lines) it falls back to the node's own position.
    """
    value = node.value if isinstance(node.value, str) else ""
    if node.style == "|" and source_lines:
        before = value[:offset]
        row = before.count("\n")
        first = node.line  # the line of the '|' indicator (1-based); content starts below
        content_line = first + 1 + row
        indent = 0
        for text in source_lines[first:first + 50]:
            if text.strip():
                indent = len(text) - len(text.lstrip(" "))
                break
        return (content_line, indent + 1 + len(before) - (before.rfind("\n") + 1))
    if node.style in ("'", '"') and node.line == node.end_line and source_lines \
            and node.line <= len(source_lines):
        return (node.line, _quoted_col(source_lines[node.line - 1], node.col, node.style, offset))
    if node.style in (">", "", None) and source_lines:  # libyaml marks plain as ""
        found = _folded_pos(node, value, offset, source_lines)
        if found:
            return found
    if node.line == node.end_line:
        quote = 1 if node.style in ("'", '"') else 0
        return (node.line, node.col + quote + offset)
    return node.pos


def _quoted_col(line: str, col: int, style: str, offset: int) -> int:
    """Column of value character `offset` in a one-line quoted scalar: \\" and '' take two columns."""
    i = col  # 0-based index of the first character after the opening quote
    for _ in range(offset):
        if style == '"' and line.startswith("\\", i):
            i += {"x": 4, "u": 6, "U": 10}.get(line[i + 1:i + 2], 2)
        else:
            i += 2 if style == "'" and line.startswith("''", i) else 1
    return i + 1


def _folded_pos(node: Node, value: str, offset: int, source_lines: list):
    """Position in a folded (>) or plain scalar, when its lines fold back to exactly its value."""
    first = node.line if node.style == ">" else node.line - 1  # 0-based index of the first text line
    pieces, joined, blanks, indent = [], "", 0, None
    for index in range(first, min(node.end_line, len(source_lines))):
        raw = source_lines[index]
        start = node.col - 1 if index == node.line - 1 else len(raw) - len(raw.lstrip(" "))
        if raw.strip() and node.style == ">":
            indent = start if indent is None else indent
            if start < indent:
                break  # the next key: the block has ended
        text = raw[start:] if node.style == ">" else raw[start:].rstrip(" \t")
        if not text.strip():
            blanks += 1
            continue
        if pieces:
            joined += "\n" * blanks if blanks else " "
        pieces.append((index + 1, start + 1, len(joined), text))
        joined, blanks = joined + text, 0
    if not pieces or joined != value.rstrip("\n"):
        return None
    for line, col, begin, text in reversed(pieces):
        if offset >= begin:
            return (line, col + offset - begin)
    return None
