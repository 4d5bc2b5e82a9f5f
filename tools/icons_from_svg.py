"""Regenerate factsheet/theme/ocha-icons/icons.txt.gz from the OCHA humanitarian icons' SVG files.

The icons come from the PyPI package wagtail-humanitarian-icons (its wheel holds the SVGs in
wagtailhumanitarianicons/templates/wagtailhumanitarianicons/icons/). Get them, then run:

    pip download --no-deps wagtail-humanitarian-icons==2.0.0 -d /tmp/icons
    unzip -q /tmp/icons/*.whl -d /tmp/icons/wheel
    pip install svgelements   # this script's only need; factsheet itself never parses SVG
    python tools/icons_from_svg.py /tmp/icons/wheel/wagtailhumanitarianicons/templates/wagtailhumanitarianicons/icons

Each icon becomes one line: `name<TAB>width height<TAB>shape;shape;...`, the size being the
SVG's viewBox and each shape one SVG element (path, circle, rect) as absolute M, L, C and Z
commands (arcs as cubic Béziers), coordinates rounded to 1/10 of a viewBox unit (a 48-unit
icon printed 25 pt tall: 0.05 pt, a fifth of a 300 dpi dot), y down as in SVG. A shape whose SVG says
fill-rule="evenodd" starts with `E`; the others fill by the non-zero rule, SVG's default.
Drawing then needs no SVG parser: a build reads lines of text. Gzipped (670 kB of text,
220 kB stored, 2 ms to read), with no time stamp, so regenerating gives the same bytes.
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

import svgelements as se

OUT = Path(__file__).resolve().parent.parent / "factsheet" / "theme" / "ocha-icons" / "icons.txt.gz"
HEADER = ("# OCHA humanitarian icons (public domain, OCHA), from the PyPI package\n"
          "# wagtail-humanitarian-icons 2.0.0; regenerate with tools/icons_from_svg.py.\n"
          "# name<TAB>viewBox width height<TAB>shapes (M L C Z, y down), ';' between shapes,\n"
          "# a leading E: fill by the even-odd rule (else non-zero)\n")


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def shape_commands(element) -> str:
    """One SVG element as absolute M/L/C/Z commands."""
    path = se.Path(element) if not isinstance(element, se.Path) else element
    path = path.reify()
    path.approximate_arcs_with_cubics()
    out = []
    for segment in path.segments():
        if isinstance(segment, se.Move):
            out.append(f"M{_num(segment.end.x)} {_num(segment.end.y)}")
        elif isinstance(segment, se.Close):
            out.append("Z")
        elif isinstance(segment, se.Line):
            out.append(f"L{_num(segment.end.x)} {_num(segment.end.y)}")
        elif isinstance(segment, se.CubicBezier):
            pts = (segment.control1, segment.control2, segment.end)
            out.append("C" + " ".join(f"{_num(p.x)} {_num(p.y)}" for p in pts))
        elif isinstance(segment, se.QuadraticBezier):   # as the cubic it equals
            start, control, end = segment.start, segment.control, segment.end
            c1 = (start.x + 2 / 3 * (control.x - start.x), start.y + 2 / 3 * (control.y - start.y))
            c2 = (end.x + 2 / 3 * (control.x - end.x), end.y + 2 / 3 * (control.y - end.y))
            out.append(f"C{_num(c1[0])} {_num(c1[1])} {_num(c2[0])} {_num(c2[1])} "
                       f"{_num(end.x)} {_num(end.y)}")
        else:
            raise ValueError(f"unexpected segment {segment!r}")
    return "".join(out)


def icon_line(svg_path: Path) -> str:
    svg = se.SVG.parse(str(svg_path), reify=True)
    box = svg.viewbox
    shapes = []
    for element in svg.elements():
        if not isinstance(element, (se.Path, se.Circle, se.Ellipse, se.Rect, se.Polygon,
                                    se.Polyline, se.SimpleLine)):
            continue
        rule = element.values.get("fill-rule", "nonzero")
        shapes.append(("E" if rule == "evenodd" else "") + shape_commands(element))
    if not shapes:
        raise ValueError(f"{svg_path.name}: no shapes")
    # every icon's viewBox starts at 0 0 (checked, so that the y-down coordinates need no offset)
    if (box.x, box.y) != (0, 0):
        raise ValueError(f"{svg_path.name}: viewBox does not start at 0 0")
    return f"{svg_path.stem}\t{_num(box.width)} {_num(box.height)}\t{';'.join(shapes)}"


def main(folder: str) -> None:
    lines = [icon_line(path) for path in sorted(Path(folder).glob("*.svg"))]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER + "\n".join(lines) + "\n"
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {len(lines)} icons to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
