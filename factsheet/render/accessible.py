"""What a reader hears that the page does not print (the PDF's and the DOCX's): the logo's alt."""
from __future__ import annotations

from ..sheet.words import words_for


def logo_alt(sheet, template) -> str:
    """The template's `logo_alt`, else the organisation's name and "logo"; empty (decorative)
    when neither is known or the template gives an empty text."""
    alt = template.logo_alt
    if alt is None and sheet.organisation:
        alt = words_for(sheet.language)("logo_alt", organisation=sheet.organisation)
    return alt or ""

