"""Build many sheets: in parallel, only what changed, with a record of which figures changed."""
from __future__ import annotations

import dataclasses
import json
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import FactsheetError, InvalidSpec, LayoutError
from ..render import DEFAULT, chosen_documents, companions, get_format
from .index import write_index
from .manifest import MANIFEST_SUFFIX, is_up_to_date, make_manifest, manifest_edition, manifest_path, read_manifest
from ..spec.translation import translations_beside
from ..theme.template import shadowing_paths

BUILT, UP_TO_DATE, FAILED = "built", "up to date", "failed"


@dataclass
class SheetResult:
    spec: Path
    status: str
    outputs: list = field(default_factory=list)     # every file written
    documents: list = field(default_factory=list)   # of those, the sheet's documents (PDF, DOCX)
    translations: list = field(default_factory=list)   # the documents of its translations
    messages: list = field(default_factory=list)   # diagnostics or the error, as text lines
    changes: list = field(default_factory=list)    # 'killed-may: at least 220 -> at least 250'
    first_build: bool = False
    title: str = ""
    seconds: float = 0.0
    internal_error: str = ""   # a bug in factsheet, not in the spec: its traceback


def built_timestamp() -> str:
    from ..clock import now

    return now().isoformat()


def _text_writer(make_text):
    """A write_fn for output.write_all_atomic that writes make_text() as UTF-8."""
    return lambda handle: handle.write(make_text().encode("utf-8"))


def sheet_formats(choice: str | None) -> tuple:
    """The formats `build --format CHOICE` writes for each sheet: the chosen documents (None:
    the default ones), then every companion (audit page, JSON, HXL)."""
    return chosen_documents(choice) + tuple(f.name for f in companions())


def build_one(spec: Path, out_dir: Path, formats: tuple, edition: str = "internal") -> SheetResult:
    """Validate and build one sheet, in `edition` ('internal' or 'public'), with all its
    companions, and each valid translation beside it (<stem>.<language>.*). Never raises
    for bad input."""
    from .sheet import produced_date, render_jobs, sheet_template
    from .changes import compare_records, format_change
    from ..files import WriteError, write_all_atomic
    from ..sheet.record import read_record, sheet_record
    from ..validate.rules import check_spec

    started = time.perf_counter()
    result = SheetResult(spec, FAILED)
    try:
        sheet, diagnostics = check_spec(spec, edition=edition)
        if sheet is None:
            raise InvalidSpec(diagnostics.sorted())
        template = sheet_template(sheet, spec)
        checked = [(spec, sheet, diagnostics)] + _check_translations(spec, sheet)
        previous = read_record(get_format("json").path(out_dir, spec.stem))
        if previous is not None and previous.get("edition", "internal") != edition:
            previous = None   # figures of another edition: no change to record against them
        produced = produced_date()     # one date for every output, in every language
        sheet = dataclasses.replace(sheet, produced=produced)
        translated, failures = _translations(checked[1:], produced)
        sheets = [(spec, sheet)] + translated
        languages = tuple((s.language, s.stem) for _path, s in sheets)
        jobs, manifests, outputs, made = [], [], [], []
        for path, one in sheets:
            one = dataclasses.replace(one, languages=languages if len(sheets) > 1 else (),
                                      edition=sheet.edition)
            try:
                one_jobs = render_jobs(one, template, out_dir, formats)
            except LayoutError as exc:
                if path == spec:
                    raise
                failures.append(f"{path}: error: {exc}")   # the others are built all the same
                continue
            outputs += [p for p, _ in one_jobs]
            made.append(one)
            inputs = [path, spec] + [s.archive for s in one.sources] + list(template.input_files()) \
                + shadowing_paths(sheet.template, spec, template.path)   # absent: hashed as None
            manifest = make_manifest(path, inputs, [p for p, _ in one_jobs], one, built_timestamp())
            if one.languages:   # for the index: the languages of this sheet link each other
                manifest.update(language=one.language, languages=dict(languages))
            text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            jobs += one_jobs
            manifests.append((manifest_path(out_dir, one.stem), _text_writer(lambda t=text: t)))
        out_dir.mkdir(parents=True, exist_ok=True)
        # every file or none is replaced; the manifests, which say a build is complete, last
        write_all_atomic(jobs + manifests)
        if previous is not None:
            result.changes = [format_change(c) for c in compare_records(previous, sheet_record(sheet))]
        result.first_build = previous is None
        result.status = FAILED if failures else BUILT
        result.outputs, result.title = outputs, sheet.title_text
        documents = [[get_format(name).path(out_dir, one.stem) for name in formats
                      if get_format(name).document] for one in made]
        result.documents = documents[0]
        result.translations = [path for paths in documents[1:] for path in paths]
        result.messages = [str(d) for _p, _s, diags in checked for d in diags.sorted()
                           if not d.is_error] + failures   # warnings, then what was not built
    except LayoutError as exc:       # the page, not a line of the spec: name the file
        result.messages = [f"{spec}: error: {exc}"]
    except FactsheetError as exc:
        result.messages = [str(exc)]
    except WriteError as exc:       # 'no space left on device while writing output/x.pdf'
        result.messages = [f"{spec}: error: {exc}"]
    except OSError as exc:
        result.messages = [f"{spec}: error: cannot write output: {exc}"]
    except Exception as exc:  # a bug: report it for this sheet, keep building the others
        from ..diagnostics import internal_error_line
        result.messages = [f"{spec}: {internal_error_line(exc, debug=False)}"]
        result.internal_error = traceback.format_exc()
    result.seconds = time.perf_counter() - started
    return result


def _translations_up_to_date(spec: Path, out_dir: Path, formats: tuple, edition: str) -> bool:
    """Each translation beside the spec built from what is there now, and none added or
    removed since the sheets last linked each other."""
    translations = translations_beside(spec)
    linked = (read_manifest(out_dir, spec.stem) or {}).get("languages") or {}
    stems = {stem for stem in linked.values() if stem != spec.stem} if isinstance(linked, dict) else set()
    return stems == {t.stem for t in translations} and \
        all(is_up_to_date(t, out_dir, formats, edition) for t in translations)


def _check_translations(spec: Path, sheet) -> list:
    """Each translation beside the spec, checked against its sheet; none, without the
    import, for a spec that has none (most)."""
    if not translations_beside(spec):
        return []
    from ..validate.translation import check_translations

    return check_translations(spec, sheet)


def _translations(checked: list, produced) -> tuple:
    """The translations that can be built ([(path, Sheet)]) and why the others cannot (text
    lines): a translation with errors is left out, not the spec."""
    built, failures = [], []
    for path, sheet, diagnostics in checked:
        if sheet is None:
            failures += [str(d) for d in diagnostics.sorted() if d.is_error]
            failures.append(f"{path}: not built: fix its errors")
            continue
        built.append((path, dataclasses.replace(sheet, produced=produced)))
    return built, failures


def build_in_time(spec: Path, out_dir: Path, formats: tuple, edition: str = "internal") -> SheetResult:
    """build_one, stopped with an error if it takes longer than limits.MAX_BUILD_SECONDS."""
    from .deadline import BuildTimeout, time_limit

    try:
        with time_limit(str(spec)):
            return build_one(spec, out_dir, formats, edition)
    except BuildTimeout as exc:   # expired just outside build_one's own error handling
        return SheetResult(spec, FAILED, messages=[str(exc)])


def _check_stems(specs: list) -> None:
    seen: dict = {}
    for spec in specs:
        other = seen.setdefault(spec.stem, spec)
        if other != spec:
            from ..diagnostics import UsageError
            raise UsageError(f"{other} and {spec} would write the same output files "
                             f"({spec.stem}.*): rename one")


def check_folder_edition(out_dir: Path, edition: str) -> None:
    """One output folder, one edition: a public folder must never pick up an internal file (its
    CHANGES.md, index and records would name confidential sources), so mixing is refused."""
    from ..diagnostics import UsageError

    for path in sorted(Path(out_dir).glob(f"*{MANIFEST_SUFFIX}")):
        try:
            other = manifest_edition(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, AttributeError):
            continue
        if other != edition:
            raise UsageError(f"--out {out_dir} holds the {other} edition ({path.name}): build the "
                             f"{edition} edition into a folder of its own")


def build_specs(specs, out_dir, fmt: str | None = DEFAULT, force: bool = False, jobs: int | None = None,
                on_result=None, edition: str = "internal") -> list:
    """Build every spec; unchanged ones are skipped unless force. `fmt` is a document's name,
    'all', or None (the default documents: PDF and DOCX). `edition`: 'internal' (every
    source) or 'public' (nothing of a confidential source; validate/edition.py), each in a
    folder of its own. Calls on_result(result) as each finishes (in completion order);
    returns results in spec order."""
    from ..files import remove_stale_temps
    from ..validate.edition import check_edition

    specs = [Path(s) for s in specs]
    _check_stems(specs)
    out_dir = Path(out_dir)
    edition = check_edition(edition)
    check_folder_edition(out_dir, edition)
    remove_stale_temps(out_dir)     # a killed build's leftovers, even if nothing is rebuilt
    formats = sheet_formats(fmt)
    results: dict = {}
    stale = []
    for spec in specs:
        if not force and is_up_to_date(spec, out_dir, formats, edition) and \
                _translations_up_to_date(spec, out_dir, formats, edition):
            results[spec] = SheetResult(spec, UP_TO_DATE)
            if on_result:
                on_result(results[spec])
        else:
            stale.append(spec)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(stale) <= 1 or jobs == 1:
        # one sheet: no process pool to start, which keeps a single build quick
        for spec in stale:
            results[spec] = build_in_time(spec, out_dir, formats, edition)
            if on_result:
                on_result(results[spec])
    else:
        # imported here: a one-sheet build (the usual cold command) needs no pool
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=min(jobs, len(stale))) as pool:
            futures = [pool.submit(build_in_time, spec, out_dir, formats, edition) for spec in stale]
            for future in as_completed(futures):
                result = future.result()
                results[result.spec] = result
                if on_result:
                    on_result(result)
    ordered = [results[s] for s in specs]
    _record_changes(ordered, out_dir)
    if any(r.outputs for r in ordered):   # built, or built but for a translation
        write_index(out_dir)
    return ordered


def _record_changes(results: list, out_dir: Path) -> None:
    """Append each rebuilt sheet's changed figures to CHANGES.md, newest first."""
    from .sheet import produced_date
    from .changes import append_changes_md

    for result in results:
        if result.outputs and result.changes:
            append_changes_md(out_dir / "CHANGES.md", result.spec.name, result.title,
                              result.changes, produced_date())

