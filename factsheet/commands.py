"""What each `factsheet` command does, over the library; cli.py only parses arguments."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import WARNING, Diagnostic, UsageError, to_json

SPEC_SUFFIXES = (".yaml", ".yml")


def find_specs(paths) -> list:
    """Spec files named directly, or found under named folders (sorted, no duplicates)."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SPEC_SUFFIXES
                                and p.is_file() and not any(part.startswith(".") for part in p.parts)))
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    if not found:
        raise UsageError(f"no spec files (*.yaml) in {', '.join(map(str, paths))}")
    return list(dict.fromkeys(found))


def strictly(diagnostics, strict: bool) -> list:
    """With --strict, warnings count as errors."""
    if not strict:
        return list(diagnostics)
    return [Diagnostic("error", d.file, d.line, d.col, d.code, d.message, d.hint)
            if d.severity == WARNING else d for d in diagnostics]


def run_validate(args, stdout, stderr) -> int:
    from .templates_dir import template_max_age
    from .validate import check_spec

    failed, everything = 0, []
    specs = find_specs(args.specs)
    for path in specs:
        max_age = args.max_age if args.max_age is not None else template_max_age
        sheet, diagnostics = check_spec(path, max_age=max_age)
        diagnostics = strictly(diagnostics.sorted(), args.strict)
        everything.extend(diagnostics)
        errors = sum(d.is_error for d in diagnostics)
        failed += bool(errors)
        if args.format == "text":
            for d in diagnostics:
                print(d, file=stdout)
    if args.format == "json":
        print(to_json(everything), file=stdout)
    else:
        warnings = sum(not d.is_error for d in everything)
        print(f"{len(specs) - failed} of {len(specs)} spec(s) valid, "
              f"{sum(d.is_error for d in everything)} error(s), {warnings} warning(s)", file=stderr)
    return 1 if failed else 0


def run_new(args, stdout, stderr) -> int:
    from .starter import write_starter

    written = write_starter(args.name, Path(args.dir))
    for path in written:
        print(f"wrote {path}", file=stdout)
    print(f"next: edit {written[0]}, then run: factsheet validate {written[0]}", file=stdout)
    return 0


def run_dump(args, stdout, stderr) -> int:
    from .diagnostics import InvalidSpec
    from .dump import dump_sheet
    from .validate import check_spec

    sheet, diagnostics = check_spec(Path(args.spec))
    if sheet is None:
        raise InvalidSpec(diagnostics.sorted())
    print(dump_sheet(sheet), end="", file=stdout)
    return 0
