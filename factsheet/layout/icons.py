"""Where a key figure's icon goes: its size, from the key numbers', and its box in the tile."""
from __future__ import annotations

from .geometry import Icon, _pt

ICON_SCALE = 1.0        # an icon as tall as the key number's capitals and a little more
GAP_SCALE = 2.0         # the gap below an icon, in label gaps (it stretches with them)


def icon_height(layout) -> float:
    """The icon's height: the key number's size, so that the two read as a pair."""
    return _pt(layout.figure_size * ICON_SCALE)


def icon_line(layout) -> float:
    """The height an icon takes in its tile, the gap below it included (twips, as Word)."""
    return icon_height(layout) + _pt(layout.label_gap * GAP_SCALE)


def place_icon(layout, name: str, x: float, y: float, inner: float) -> Icon:
    """The icon `name` on the line at the top left of a tile's text (x, y): as tall as the
    line and as wide as its shape says, or as wide as the text and then standing on the
    line's foot, as a picture on a line of text does in Word."""
    from ..theme.icons import icon_shape   # only a sheet with icons reads their shapes

    shape = icon_shape(name)
    height = icon_height(layout)
    width = _pt(height * shape.aspect)
    if width > inner:
        width, height = _pt(inner), _pt(inner / shape.aspect)
    return Icon(name, x, y + icon_height(layout) - height, width, height,
                layout.template.colours.primary)
