"""Build a verified sheet into files: fit the page once, render every format, write them atomically."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic, InvalidSpec, LayoutError, UsageError
from ..layout.fit import fit_page
from ..clock import today
from ..files import write_all_atomic
from ..render import all_formats, default_documents, documents, get_format, get_renderer
from ..theme.template import Template, load_template


def produced_date() -> date:
    """The date printed as 'Produced ...': the build's day (clock.today)."""
    return today()


def sheet_template(sheet, spec_path) -> Template:
    """The template a spec names, found as `build` finds it (the one place that looks it up);
    InvalidSpec if it is missing or invalid."""
    return load_template(sheet.template, spec_path)


def check_page(sheet, spec_path) -> list:
    """What would still stop `build` once a spec is valid, as diagnostics: its template (found,
    valid) and the fit on one page (an overflow points at the first section that does not fit).
    Fitting loads ReportLab: `validate` calls this only for a spec that is otherwise valid."""
    try:
        template = sheet_template(sheet, spec_path)
    except InvalidSpec as exc:
        return [_template_at_spec(d, sheet, spec_path) for d in exc.diagnostics]
    if sheet.produced is None:   # the footer says 'Produced <date>': measure it as built
        sheet = dataclasses.replace(sheet, produced=produced_date())
    try:
        fit_page(sheet, template)
    except LayoutError as exc:
        node = _spec_node(spec_path, ("sections", exc.sections[0], "heading")) if exc.sections \
            else None
        line, col = (node.line, node.col) if node is not None else (0, 0)
        return [Diagnostic(ERROR, str(spec_path), line, col, "page-overflow", str(exc))]
    return []


def _template_at_spec(diagnostic, sheet, spec_path):
    """'template not found' points at the spec's `template:` line, not at the missing file."""
    if diagnostic.code not in ("template-not-found", "template-name", "template-unreadable"):
        return diagnostic    # a problem inside the template: its own file and line
    node = _spec_node(spec_path, ("template",))
    line, col = (node.line, node.col) if node is not None else (0, 0)
    message = diagnostic.message if diagnostic.code == "template-not-found" else \
        f"template '{sheet.template}': {diagnostic.message}"
    return Diagnostic(ERROR, str(spec_path), line, col, diagnostic.code, message, diagnostic.hint)


def _spec_node(spec_path, keys):
    """The spec's YAML node at keys (positions for a message); None if it is not there."""
    from ..diagnostics import Diagnostics
    from ..spec.load import parse_yaml, read_text

    try:
        node = parse_yaml(read_text(spec_path), Diagnostics(str(spec_path)))
    except (OSError, UnicodeDecodeError):
        return None
    for key in keys:
        if node is None:
            return None
        if isinstance(key, int):
            node = node.value[key] if node.kind == "seq" and key < len(node.value) else None
        else:
            node = node.get(key)
    return node


def output_paths(sheet, out_dir, formats=None) -> list:
    """Where build_sheet writes: out_dir/<spec stem><the format's suffix>."""
    return [get_format(name).path(out_dir, sheet.stem) for name in _check_formats(formats)]


def build_sheet(sheet, template, out_dir, formats=None, edition=None) -> list:
    """Fit the sheet on one page and write it in each format; returns the paths written.

    `edition`: "internal" or "public" (None: the sheet's own, as check_spec made it); a sheet
    of another edition is checked again in this one first (validate/edition.py), InvalidSpec
    if the public edition refuses it.

    `formats` are names from the format registry (render/__init__.py); None: the default
    documents (PDF and DOCX; the PNG and HTML sheet only when named). `template` is a Template, or a template name or path (None: the sheet's
    own `template`), looked up as the spec sees it (factsheet.template: beside or above the
    spec, then built in). Raises LayoutError (nothing written) if the sheet cannot fit; if
    any renderer fails, no file is replaced and no temporary file is left behind.
    """
    jobs = render_jobs(sheet, template, out_dir, formats, edition)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return write_all_atomic(jobs)


def render_jobs(sheet, template, out_dir, formats=None, edition=None) -> list:
    """build_sheet's files as (path, write_fn) jobs for output.write_all_atomic, not yet written.

    Fits the page now (LayoutError before anything is written), once for every format; a
    caller may add files of its own to the jobs, so that all of them are replaced together
    or none is.
    """
    formats = _check_formats(formats)
    if edition is not None:
        sheet = sheet_in_edition(sheet, edition)
    if not isinstance(template, Template):
        template = load_template(template or sheet.template, sheet.spec_path)
    today = produced_date()                  # also refuses a malformed SOURCE_DATE_EPOCH early
    if sheet.produced is None:
        sheet = dataclasses.replace(sheet, produced=today)
    if sheet.documents is None:
        sheet = dataclasses.replace(sheet, documents=documents_beside(sheet, out_dir, formats))
    layout = fit_page(sheet, template)
    return [(path, _writer(get_renderer(name), sheet, layout))
            for name, path in zip(formats, output_paths(sheet, out_dir, formats))]


def sheet_in_edition(sheet, edition: str):
    """The sheet in `edition`: itself if it is in it, else its spec checked again in that
    edition (validate/edition.py; InvalidSpec, with positions, if the public edition refuses it)."""
    from ..validate.edition import check_edition
    from ..validate.rules import check_spec

    if sheet.edition == check_edition(edition):
        return sheet
    other, diagnostics = check_spec(sheet.spec_path, edition=edition)
    if other is None:
        raise InvalidSpec(diagnostics.sorted())
    return dataclasses.replace(other, produced=sheet.produced, documents=sheet.documents)


def documents_beside(sheet, out_dir, formats) -> tuple:
    """The documents in out_dir once these formats are written: those written now and those
    an earlier build left (the audit page links them)."""
    return tuple(f.name for f in documents()
                 if f.name in formats or f.path(out_dir, sheet.stem).is_file())


def _writer(render, sheet, layout):
    """Renderers take a path: hand them the temporary file's."""
    return lambda handle: render(sheet, layout, Path(handle.name))


def _check_formats(formats) -> tuple:
    if formats is None:
        return tuple(f.name for f in default_documents())
    if isinstance(formats, str):
        formats = (formats,)
    known = [f.name for f in all_formats()]
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise UsageError(f"unknown output format {unknown[0]!r}: use "
                         f"{', '.join(known[:-1])} or {known[-1]}")
    return tuple(dict.fromkeys(formats))
