"""Stage 7a, PDF: a key figure's icon as filled vector paths, in its colour, in its box."""
from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, FILL_NON_ZERO

from ..theme.icons import icon_shape


def draw_icon(canvas, icon, page_height: float) -> None:
    """Fill the icon's shapes within (icon.x, icon.y, width, height), y measured down from the
    top of a page `page_height` tall; the shapes keep their viewBox's coordinates under a
    transform (y flipped: the shapes are stored y down, as in their SVGs)."""
    shape = icon_shape(icon.name)
    canvas.saveState()
    canvas.setFillColor(HexColor(icon.colour))
    canvas.translate(icon.x, page_height - icon.y)
    canvas.scale(icon.width / shape.width, -icon.height / shape.height)
    for even_odd, commands in shape.shapes:
        path = canvas.beginPath()
        for op, args in commands:
            if op == "M":
                path.moveTo(*args)
            elif op == "L":
                path.lineTo(*args)
            elif op == "C":
                path.curveTo(*args)
            else:
                path.close()
        canvas.drawPath(path, stroke=0, fill=1,
                        fillMode=FILL_EVEN_ODD if even_odd else FILL_NON_ZERO)
    canvas.restoreState()
