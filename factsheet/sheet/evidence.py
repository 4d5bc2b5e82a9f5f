"""The evidence a sheet can carry with it: its spec and the archived articles it cites."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..spec.translation import original_of


@dataclass(frozen=True)
class EvidenceFile:
    name: str           # as the receiver sees it: 'raqqa-2017.yaml', 'sources/voa-2017.txt'
    path: Path
    description: str


def evidence_files(sheet) -> tuple:
    """The files `embed_sources` attaches to the PDF, in order: the spec, and for a translation
    the spec it translates (neither in a public edition), then the archive of every source of
    the sheet. The one list of what travels with a sheet: a source the spec keeps out of a
    public edition is left out here, and so out of every file that carries it."""
    folder = sheet.spec_path.parent
    # the spec names every source, a confidential one too: a public edition carries only the
    # archives of its public sources
    files = [] if sheet.edition == "public" else [
        EvidenceFile(sheet.spec_path.name, sheet.spec_path, "the sheet's spec")]
    original = original_of(sheet.spec_path)
    if files and original is not None:   # a translation's facts and quotes are in its spec
        files.append(EvidenceFile(original.name, original, "the spec this sheet translates"))
    for source in sheet.sources:
        try:
            name = PurePosixPath(*Path(source.archive).relative_to(folder).parts).as_posix()
        except ValueError:   # the validator keeps archives inside the spec's folder
            name = f"sources/{Path(source.archive).name}"
        files.append(EvidenceFile(name, Path(source.archive),
                                  f"archived text of '{source.title}', {source.publisher}"))
    return tuple(files)
