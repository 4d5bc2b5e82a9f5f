"""Key figure entries: a fact id, or `{fact: id, icon: name}` naming one of the shipped icons."""
from __future__ import annotations

from ..diagnostics import did_you_mean
from ..spec.load import Node

KEY_FIGURE_KEYS = ("fact", "icon")


def read_key_figure(item: Node, fields, diags) -> tuple:
    """(the node holding the fact id, the icon's name or None); (None, None) when the entry is
    unusable (its errors reported). An unknown icon is an error at its name, with the closest."""
    if item.kind != "map":
        return item, None
    fields.keys(item, KEY_FIGURE_KEYS, ("fact",), "a key figure")
    fact = item.get("fact")
    icon = fields.text(item, "icon", "a key figure's 'icon'")
    if icon is not None:
        from ..theme.icons import has_icon, icon_names   # read only for a spec with icons

        if not has_icon(icon):
            diags.error(item.value["icon"].pos, "unknown-icon", f"unknown icon '{icon}'",
                        did_you_mean(icon, icon_names(), "list the icons with: factsheet icons"))
            icon = None
    return fact, icon
