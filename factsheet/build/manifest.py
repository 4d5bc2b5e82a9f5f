"""Build manifests: what went into a sheet (hashes of every input), to skip unchanged sheets."""
from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..files import file_sha256
from ..render import get_format

MANIFEST_SUFFIX = ".manifest.json"


def hash_inputs(paths) -> dict:
    """{absolute path: sha256} of every input file; a missing file hashes to None."""
    return {str(Path(p).resolve()): file_sha256(Path(p)) for p in dict.fromkeys(paths) if p}


def manifest_path(out_dir: Path, stem: str) -> Path:
    return out_dir / f"{stem}{MANIFEST_SUFFIX}"


def read_manifest(out_dir: Path, stem: str) -> dict | None:
    try:
        with open(manifest_path(out_dir, stem), encoding="utf-8") as handle:
            data = json.load(handle)
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def manifest_edition(manifest: dict) -> str:
    """The edition a manifest's files are ('internal' for a manifest older than editions)."""
    return manifest.get("edition", "internal")


def is_up_to_date(spec: Path, out_dir: Path, formats: tuple, edition: str = "internal") -> bool:
    """True when the last build of this spec used exactly the same inputs, tool version and
    edition, and the file of every format named (from the format registry) is still there."""
    manifest = read_manifest(out_dir, spec.stem)
    if not manifest or manifest.get("tool_version") != __version__:
        return False
    if manifest_edition(manifest) != edition:
        return False
    if manifest.get("spec") != str(spec.resolve()):
        return False
    inputs = manifest.get("inputs")
    if not isinstance(inputs, dict) or str(spec.resolve()) not in inputs:
        return False
    if any(not get_format(name).path(out_dir, spec.stem).is_file() for name in formats):
        return False
    return all(file_sha256(Path(path)) == digest for path, digest in inputs.items())


def make_manifest(spec: Path, inputs: list, outputs: list, sheet, built: str) -> dict:
    return {
        "tool_version": __version__,
        "spec": str(spec.resolve()),
        "built": built,
        "title": sheet.title_text,
        "as_of": sheet.as_of.isoformat(),
        "edition": sheet.edition,
        # the public edition's sheet has no confidential source: their archives are not listed
        "inputs": hash_inputs([spec, *inputs]),
        "outputs": sorted(Path(p).name for p in outputs),
    }
