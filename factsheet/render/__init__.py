"""Stage 7, render: one renderer per format, all with the signature render(sheet, layout, out_path).

Renderers are looked up by format name and imported on first use, so importing this package
costs nothing (`factsheet validate` never loads ReportLab or python-docx). Renderers only draw:
they never validate or measure, and take every size, position and text as set from the
Layout that layout.fit_page finished.
"""
from __future__ import annotations

import importlib
from datetime import datetime, timezone

FORMATS = ("pdf", "docx")
_RENDERERS = {"pdf": ("factsheet.render.pdf", "render_pdf"),
              "docx": ("factsheet.render.docx", "render_docx")}


def available_formats() -> tuple:
    """Every format with a registered renderer."""
    return tuple(_RENDERERS)


def get_renderer(fmt: str):
    """The render function for a format name ('pdf' or 'docx'); KeyError for any other."""
    module, name = _RENDERERS[fmt]
    return getattr(importlib.import_module(module), name)


def document_timestamp(sheet) -> datetime:
    """The creation time written into a document: SOURCE_DATE_EPOCH if set, else midnight UTC of
    the produced date; fixed either way, so the same build gives the same bytes."""
    from ..clock import source_date_epoch

    moment = source_date_epoch()
    if moment:
        return moment
    day = sheet.produced
    if day is None:
        return datetime(1980, 1, 1, tzinfo=timezone.utc)
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
