"""The OCHA humanitarian icons that ship with the package: their names and their shapes.

The shapes are stored as pre-converted path commands (`ocha-icons/icons.txt.gz`, regenerated
from the SVGs by tools/icons_from_svg.py), so drawing an icon parses no SVG. The file is read
only when a spec names an icon or `factsheet icons` lists them.
"""
from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent / "ocha-icons"
ICON_FILE = ICON_DIR / "icons.txt.gz"
_COMMAND = re.compile(r"([MLCZ])([^MLCZ]*)")


@dataclass(frozen=True)
class IconShape:
    """One icon: its viewBox size and its shapes, each (even_odd, commands); a command is
    ('M'|'L'|'C'|'Z', coordinates) in viewBox units, y down from the icon's top."""
    name: str
    width: float
    height: float
    shapes: tuple

    @property
    def aspect(self) -> float:
        return self.width / self.height


@functools.cache
def _catalogue() -> dict:
    """{name: the rest of its line}: the shapes are parsed only for icons drawn."""
    text = gzip.decompress(ICON_FILE.read_bytes()).decode("utf-8")
    lines = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {name: rest for name, rest in lines}


def icon_names() -> list:
    """Every icon's name, sorted."""
    return sorted(_catalogue())


def find_icons(words=()) -> list:
    """The names holding every one of `words` (case ignored), sorted; all of them without."""
    wanted = [w.lower() for w in words]
    return [name for name in icon_names() if all(w in name for w in wanted)]


def has_icon(name: str) -> bool:
    return name in _catalogue()


@functools.cache
def icon_shape(name: str) -> IconShape:
    """The named icon's shapes (KeyError for an unknown name: validation reports those)."""
    size, shapes = _catalogue()[name].split("\t")
    width, height = (float(v) for v in size.split())
    parsed = []
    for shape in shapes.split(";"):
        even_odd = shape.startswith("E")
        commands = tuple((op, tuple(float(v) for v in args.split()))
                         for op, args in _COMMAND.findall(shape.lstrip("E")))
        parsed.append((even_odd, commands))
    return IconShape(name, width, height, tuple(parsed))


def svg_text(name: str, colour: str, attributes: str = "") -> str:
    """The icon as a small SVG in one colour (the DOCX's vector picture; inline in the HTML
    sheet, with its `attributes`)."""
    shape = icon_shape(name)
    paths = []
    for even_odd, commands in shape.shapes:
        d = "".join(op + " ".join(_num(v) for v in args) for op, args in commands)
        rule = ' fill-rule="evenodd"' if even_odd else ""
        paths.append(f'<path d="{d}"{rule}/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(shape.width)} '
            f'{_num(shape.height)}" width="{_num(shape.width)}" height="{_num(shape.height)}"'
            f'{attributes}>'
            f'<g fill="{colour}">{"".join(paths)}</g></svg>')


def _num(value: float) -> str:
    return f"{value:g}"
