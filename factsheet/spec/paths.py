"""Finding spec files: named one by one, or every *.yaml under a folder.

A translation beside its spec ('raqqa-2017.ar.yaml') is not a spec: naming one names its
spec, which is checked and built with every translation beside it."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import UsageError
from .translation import original_of

SPEC_SUFFIXES = (".yaml", ".yml")


def find_specs(paths) -> list:
    """Spec files named directly, or found under named folders (sorted, no duplicates)."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SPEC_SUFFIXES
                                and p.is_file() and not any(part.startswith(".") for part in p.parts)
                                and original_of(p) is None))
        elif path.exists():
            found.append(original_of(path) or path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    if not found:
        raise UsageError(f"no spec files (*.yaml) in {', '.join(map(str, paths))}")
    return list(dict.fromkeys(found))
