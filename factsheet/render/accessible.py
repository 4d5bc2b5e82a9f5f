"""What a reader hears, shared by the renderers: the logo's alt text and a text box's words."""
from __future__ import annotations

from ..sheet.words import words_for


def logo_alt(sheet, template) -> str:
    """The template's `logo_alt`, else the organisation's name and "logo"; empty (decorative)
    when neither is known or the template gives an empty text."""
    alt = template.logo_alt
    if alt is None and sheet.organisation:
        alt = words_for(sheet.language)("logo_alt", organisation=sheet.organisation)
    return alt or ""


def reading_text(box) -> str:
    """A text box's words as a reader should get them: a citation marker as '[2]' after a space
    (the page shows it as a small raised '2'), a source with its number and address, a bullet
    without its drawn bullet character."""
    text = "".join(" " if span.kind == "gap" else f"[{span.text}]" if span.kind == "cite"
                   else span.text for span in box.inline)
    if box.role == "source":
        return f"{box.bullet} {text}{box.link or ''}"
    return text
