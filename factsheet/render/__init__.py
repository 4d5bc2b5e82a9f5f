"""Stage 7, render: the one registry of output formats; each renderer draws one file of a sheet.

Every renderer has the signature render(sheet, layout, out_path) -> None and writes the file
at out_path. The registry below is the only list of formats: `build --format`'s choices, the
files a build writes and checks, the manifests and the index all read it, so a new format is
one module and one `register` line. A document that is slow to make (the PNG, a picture of
the PDF's page) is registered with default=False: `build` writes it only when asked for it
(`--format png`, or `--format all`). Renderers are imported on first use, so importing this
package costs nothing (`factsheet validate` never loads ReportLab or python-docx). Renderers
only draw: they never validate or measure, and take every size, position and text as set
from the Layout that layout.fit_page finished.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ALL = "all"   # `build --format all`: every document, also those not written by default
# `build` without --format: the documents marked default (PDF and DOCX; not the PNG or HTML sheet)
DEFAULT = None


@dataclass(frozen=True)
class Format:
    """One kind of file a build writes for each sheet."""
    name: str          # 'pdf': the key, and the choice for `build --format` of a document
    suffix: str        # '.sources.html': the file is <spec stem><suffix>
    renderer: str      # 'factsheet.render.pdf:render_pdf', imported on first use
    document: bool     # True: the sheet itself, chosen with --format; False: written by every build
    link: str | None = None   # what the index and the audit page call the file; None: not linked
    default: bool = True      # a document `build` writes without --format; False: only if asked

    def file_name(self, stem: str) -> str:
        return f"{stem}{self.suffix}"

    def path(self, out_dir, stem: str) -> Path:
        return Path(out_dir) / self.file_name(stem)


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format to every build (after those already registered); ValueError if its name
    or its suffix is taken, as two formats would then write one file. A document must have a
    link: the audit page links every document beside it. Only a document may be left out of
    the default build."""
    if fmt.name == ALL:
        raise ValueError(f"{ALL!r} is `build --format`'s choice of every document, not a format")
    if fmt.document and not fmt.link:
        raise ValueError(f"document format {fmt.name!r} needs a link text")
    if not fmt.document and not fmt.default:
        raise ValueError(f"companion format {fmt.name!r} is written by every build: "
                         f"only a document can be default=False")
    for other in _FORMATS.values():
        if fmt.name == other.name or fmt.suffix == other.suffix:
            raise ValueError(f"format {fmt.name!r} ({fmt.suffix}) clashes with {other.name!r}")
    _FORMATS[fmt.name] = fmt
    return fmt


def all_formats() -> tuple[Format, ...]:
    """Every registered format, documents first, in the order they were registered."""
    return tuple(sorted(_FORMATS.values(), key=lambda f: not f.document))


def documents() -> tuple[Format, ...]:
    return tuple(f for f in all_formats() if f.document)


def default_documents() -> tuple[Format, ...]:
    """The documents `build` writes when not told which (PDF and DOCX)."""
    return tuple(f for f in documents() if f.default)


def companions() -> tuple[Format, ...]:
    return tuple(f for f in all_formats() if not f.document)


def get_format(name: str) -> Format:
    """The registered format of that name; KeyError for any other."""
    return _FORMATS[name]


def chosen_documents(choice: str | None) -> tuple[str, ...]:
    """The document names `build --format CHOICE` writes: one, every one for 'all', or the
    default ones for None (no --format)."""
    if choice is DEFAULT:
        return tuple(f.name for f in default_documents())
    return tuple(f.name for f in documents()) if choice == ALL else (get_format(choice).name,)


def get_renderer(name: str):
    """The render function of a format, imported now; KeyError for an unknown name."""
    module, function = get_format(name).renderer.split(":")
    return getattr(importlib.import_module(module), function)


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


# The formats, registered here so that every process of a parallel build knows them. The
# audit page, JSON and HXL are companions every build writes beside the documents.
register(Format("pdf", ".pdf", "factsheet.render.pdf:render_pdf", document=True, link="PDF"))
register(Format("docx", ".docx", "factsheet.render.docx:render_docx", document=True, link="DOCX"))
# The PNG is the PDF's page as a picture (render/png.py draws the PDF again in memory and
# rasterises it): about 0.11 s a sheet, so only `--format png` or `--format all` write it.
register(Format("png", ".png", "factsheet.render.png:render_png", document=True,
                link="PNG", default=False))
# The HTML sheet: written by `build --format html` or `--format all`, not by default (see README)
register(Format("html", ".html", "factsheet.render.webpage:render_html", document=True,
                link="HTML", default=False))
register(Format("audit", ".sources.html", "factsheet.render.audit:render_audit", document=False,
                link="Sources"))
register(Format("json", ".json", "factsheet.render.data:render_json", document=False))
register(Format("hxl", ".hxl.csv", "factsheet.render.data:render_hxl", document=False))
