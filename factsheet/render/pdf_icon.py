"""Stage 7a, PDF: a key figure's icon as filled vector paths, in its colour, in its box."""
from __future__ import annotations

import functools

from reportlab.lib.colors import HexColor

from ..theme.icons import icon_shape

_OPERATORS = {"M": "m", "L": "l", "C": "c"}


def draw_icon(canvas, icon, page_height: float) -> None:
    """Fill the icon's shapes within (icon.x, icon.y, width, height), y measured down from the
    top of a page `page_height` tall. The shapes keep their viewBox's coordinates under one
    transform (y flipped: they are stored y down, as in their SVGs), so each icon's path
    operators are written once per process, whatever its size and place."""
    shape = icon_shape(icon.name)
    canvas.saveState()
    canvas.setFillColor(HexColor(icon.colour))
    canvas.transform(icon.width / shape.width, 0, 0, -icon.height / shape.height,
                     icon.x, page_height - icon.y)
    canvas.addLiteral(path_operators(icon.name))
    canvas.restoreState()


@functools.lru_cache(maxsize=256)
def path_operators(name: str) -> str:
    """The icon's shapes as PDF path operators, each filled by its own rule (f: non-zero, f*:
    even-odd), in viewBox units. ReportLab's path objects format every number anew each time:
    for the 500 commands of the example's six icons, 11 ms a sheet instead of none."""
    lines = []
    for even_odd, commands in icon_shape(name).shapes:
        ops = [" ".join(f"{v:g}" for v in args) + " " + _OPERATORS[op] if op != "Z" else "h"
               for op, args in commands]
        lines.append("n " + " ".join(ops) + (" f*" if even_odd else " f"))
    return "\n".join(lines)
