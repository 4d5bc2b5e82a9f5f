"""Build a verified sheet into files: fit the page once, render every format, write them atomically."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from .diagnostics import UsageError
from .layout import fit_page
from .output import source_date_epoch, write_all_atomic
from .render import FORMATS, available_formats, get_renderer
from .template import Template, load_template


def produced_date() -> date:
    """The date printed as 'Produced ...': SOURCE_DATE_EPOCH's UTC date if set, else today."""
    moment = source_date_epoch()
    return moment.date() if moment else date.today()


def output_paths(sheet, out_dir, formats=FORMATS) -> list:
    """Where build_sheet writes: out_dir/<spec stem>.<format>."""
    return [Path(out_dir) / f"{sheet.stem}.{fmt}" for fmt in _check_formats(formats)]


def build_sheet(sheet, template, out_dir, formats=FORMATS) -> list:
    """Fit the sheet on one page and write it in each format; returns the paths written.

    `template` is a Template, or a template name or path (None: the sheet's own `template`),
    looked up as the spec sees it (factsheet.template: beside or above the spec, then built in).
    Raises LayoutError (nothing written) if the sheet cannot fit; if any renderer fails,
    no file is replaced and no temporary file is left behind.
    """
    jobs = render_jobs(sheet, template, out_dir, formats)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return write_all_atomic(jobs)


def render_jobs(sheet, template, out_dir, formats=FORMATS) -> list:
    """build_sheet's files as (path, write_fn) jobs for output.write_all_atomic, not yet written.

    Fits the page now (LayoutError before anything is written); a caller may add files of its
    own to the jobs, so that all of them are replaced together or none is.
    """
    formats = _check_formats(formats)
    if not isinstance(template, Template):
        template = load_template(template or sheet.template, sheet.spec_path)
    today = produced_date()                  # also refuses a malformed SOURCE_DATE_EPOCH early
    if sheet.produced is None:
        sheet = dataclasses.replace(sheet, produced=today)
    layout = fit_page(sheet, template)
    return [(path, _writer(get_renderer(fmt), sheet, layout))
            for fmt, path in zip(formats, output_paths(sheet, out_dir, formats))]


def _writer(render, sheet, layout):
    """Renderers take a path: hand them the temporary file's."""
    return lambda handle: render(sheet, layout, Path(handle.name))


def _check_formats(formats) -> tuple:
    if isinstance(formats, str):
        formats = (formats,)
    known = available_formats()
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise UsageError(f"unknown output format {unknown[0]!r}: use {' or '.join(known)}")
    return tuple(dict.fromkeys(formats))
