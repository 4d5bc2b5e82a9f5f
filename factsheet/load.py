"""Stage 1, load: safe YAML into a tree of positioned nodes, so every later error names line and column.

Only PyYAML's safe composer is used: no Python tags, no object construction. Oversized
files and alias bombs are refused before they can cost time or memory.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .diagnostics import Diagnostics

try:  # the C composer is several times faster and reports the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader

MAX_BYTES = 1_000_000         # a one-page sheet's spec is a few kB
MAX_NODES = 50_000            # nodes visited, aliases expanded: stops "billion laughs"

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

    @property
    def pos(self) -> tuple:
        return (self.line, self.col)

    def get(self, key: str):
        return self.value.get(key) if self.kind == "map" else None


class LoadError(Exception):
    pass


_scalar_constructor = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode, diags: Diagnostics) -> tuple:
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
        return node.value, "str"
    if tag == _NULL:
        return None, "null"
    try:
        value = _scalar_constructor.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):
        return node.value, "str"
    if tag == _BOOL:
        return value, "bool"
    if tag == _INT:
        return value, "int"
    if tag == _FLOAT:
        return value, "float"
    return node.value, "str"


class _Converter:
    def __init__(self, diags: Diagnostics):
        self.diags = diags
        self.visited = 0

    def convert(self, node) -> Node:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise LoadError(f"the document expands to more than {MAX_NODES:,} values "
                            "(too large, or an alias bomb): refused")
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        end_line = node.end_mark.line + 1
        if node.tag not in _KNOWN_TAGS:
            self.diags.error((line, col), "yaml-tag", f"unsupported YAML tag {node.tag!r}: "
                             "specs use plain YAML values only")
        if isinstance(node, yaml.MappingNode):
            values, keys = {}, {}
            for key_node, value_node in node.value:
                key = self.convert(key_node)
                if key.kind in ("map", "seq"):
                    self.diags.error(key.pos, "yaml-key", "a mapping key must be a plain word")
                    continue
                name = str(key.value)
                if name in values:
                    self.diags.error(key.pos, "duplicate-key",
                                     f"duplicate key '{name}' (first at line {keys[name].line})")
                    continue
                keys[name] = key
                values[name] = self.convert(value_node)
            return Node(values, line, col, "map", keys=keys, end_line=end_line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item) for item in node.value], line, col, "seq",
                        end_line=end_line)
        value, kind = _scalar(node, self.diags)
        return Node(value, line, col, kind, style=node.style, end_line=end_line)


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
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diags.error(pos, "yaml-syntax", f"YAML syntax: {problem}")
        return None
    except yaml.YAMLError as exc:
        diags.error((1, 1), "yaml-syntax", f"YAML syntax: {exc}")
        return None
    except RecursionError:
        diags.error((1, 1), "too-deep", "YAML nesting is too deep: refused")
        return None
    if root is None:
        diags.error((1, 1), "empty", "the file is empty")
        return None
    try:
        return _Converter(diags).convert(root)
    except LoadError as exc:
        diags.error((root.start_mark.line + 1, 1), "too-large", str(exc))
        return None
    except RecursionError:
        diags.error((1, 1), "too-deep", "YAML nesting is too deep: refused")
        return None


def read_text(path) -> str:
    """Read a UTF-8 file; OSError and UnicodeDecodeError are left to the caller."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return data.decode("utf-8-sig")


def locate(node: Node, offset: int, source_lines: list | None) -> tuple:
    """Line and column of character `offset` inside a string node's value.

    Exact for literal blocks (|) and single-line scalars; for other multi-line
    styles (folded lines) it falls back to the node's own position.
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
    if node.line == node.end_line or "\n" not in value:
        quote = 1 if node.style in ("'", '"') else 0
        return (node.line, node.col + quote + offset)
    return node.pos
