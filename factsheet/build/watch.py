"""`factsheet watch`: rebuild sheets whose spec, archives or template change, and say what changed."""
from __future__ import annotations

from pathlib import Path

from ..spec.paths import find_specs
from .report import make_reporter
from ..diagnostics import UsageError

_IDLE_MS = 500        # how often the watcher wakes with nothing changed
_WATCHED_SUFFIXES = {".yaml", ".yml", ".txt", ".docx", ".png", ".jpg", ".jpeg"}


def _rebuild(path: Path, out_dir: Path, stdout, edition: str) -> None:
    from .batch import build_specs

    report = make_reporter(stdout, 0)   # plain lines: a watch log is read as it scrolls
    try:
        specs = find_specs([path])
        # Only sheets whose inputs changed are rebuilt: the manifests decide, as in `build`.
        build_specs(specs, out_dir, on_result=lambda r: r.status != "up to date" and report(r),
                    edition=edition)
    except UsageError as exc:   # e.g. the folder was given another edition meanwhile
        print(f"factsheet: {exc}", file=stdout, flush=True)


def watch_and_build(path: Path, out_dir: Path, stdout, stderr, stop_event=None,
                    edition: str = "internal") -> int:
    """Build the sheets under `path` into `out_dir` (in `edition`, as `build --edition`), then
    again each time their inputs change, until stop_event is set or Ctrl-C."""
    from watchfiles import watch

    from ..theme.template import template_dirs
    from ..validate.edition import check_edition
    from .batch import check_folder_edition

    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    edition = check_edition(edition)
    check_folder_edition(out_dir, edition)   # refused at once, as `build` refuses it
    spec_root = path if path.is_dir() else path.parent
    # the organisation's templates/ folders; the built-in ones change only with the package
    watched = list(dict.fromkeys([spec_root.resolve(), *template_dirs(spec_root / "x.yaml")[:-1]]))
    which = f", the {edition} edition into {out_dir}" if edition != "internal" else ""
    print(f"watching {', '.join(map(str, watched))}{which} (Ctrl-C to stop)", file=stdout, flush=True)
    out_resolved = out_dir.resolve()
    started = False
    # yield_on_timeout: the loop is entered once the watcher runs, so the first build happens
    # inside it and a file saved during that build is seen, not lost
    for changes in watch(*watched, stop_event=stop_event, raise_interrupt=False,
                         yield_on_timeout=True, rust_timeout=_IDLE_MS,
                         watch_filter=lambda _change, name: Path(name).suffix in _WATCHED_SUFFIXES
                         and out_resolved not in Path(name).resolve().parents):
        if not started:
            started = True
            _rebuild(path, out_dir, stdout, edition)
            continue
        if not changes:
            continue
        names = sorted({Path(name).name for _change, name in changes})
        print(f"changed: {', '.join(names)}", file=stdout, flush=True)
        _rebuild(path, out_dir, stdout, edition)
    return 0
