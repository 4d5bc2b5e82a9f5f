"""Archived source articles: read and normalise each once, find quotes, show the closest passage."""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..spec.arabic import NEEDS_FOLDING, fold_for_matching

MAX_ARCHIVE_BYTES = limits.MAX_ARCHIVE_BYTES
REPLACEMENT = "\ufffd"

# Typography only: the words and digits of a quote must match exactly.
_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ",
    "\u2009": " ", "\u200a": " ", "\u00ad": None, "\u200b": None, "\ufeff": None,
    # direction marks that web pages and Word put around figures in Arabic text: unseen
    "\u200e": None, "\u200f": None, "\u061c": None,
})
_SPACE = re.compile(r"\s+")
# Text taken from a PDF keeps the hyphens of its line breaks: 'in- jured', 'Turkish- affiliated'.
# Which of them were real hyphens cannot be told without a dictionary, so quotes and archive
# are also compared with every hyphen between two letters taken out, with the space after it:
# 'in- jured' matches 'injured' and 'in- jured', 'Turkish- affiliated' matches
# 'Turkish-affiliated'. Only hyphens between letters: a figure's digits never join.
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])- ?(?=[^\W\d_])")


def normalise(text: str) -> str:
    """Straighten quotes, unify dashes and spaces, collapse white space."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


class ArchiveError(Exception):
    """The archive is missing, unreadable, not text, or outside the spec's folder."""


@dataclass
class Archive:
    path: Path
    text: str          # normalised
    sha256: str
    # the figures it states (cited.FigureIndex), read on first use and kept with the text
    figures: object = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def unhyphenated(self) -> str:
        return _WORD_HYPHEN.sub("", self.text)

    @functools.cached_property
    def foreign(self) -> bool:
        """Whether the text has Arabic script or 'œ', which quotes match only when folded."""
        return NEEDS_FOLDING.search(self.text) is not None

    @functools.cached_property
    def folded(self) -> tuple:
        """The text as arabic.fold_for_matching folds it, and where each character came from."""
        return fold_for_matching(self.text)

    def position(self, quote: str) -> int:
        """Where the quote starts in the (normalised) text, typography aside; -1 if not there."""
        wanted = normalise(quote)
        at = self.text.find(wanted) if wanted else -1
        if at < 0 and wanted and (NEEDS_FOLDING.search(wanted) or self.foreign):
            folded, where = self.folded
            at = folded.find(fold_for_matching(wanted)[0])
            at = where[at] if at >= 0 else -1
        return at

    def find(self, quote: str) -> bool:
        """Whether the quote is in the article, typography aside.

        A replacement character (U+FFFD) in the archive stands for a character lost in
        decoding, so it matches any one non-ASCII or punctuation character of the quote.
        """
        wanted = normalise(quote)
        if not wanted:
            return False
        if wanted in self.text:
            return True
        if "-" in wanted or "- " in self.text:
            if _WORD_HYPHEN.sub("", wanted) in self.unhyphenated:
                return True
        # Arabic typography (harakat, tatweel, alef forms, Arabic-Indic digits) and French 'œ'
        if (NEEDS_FOLDING.search(wanted) or self.foreign) and \
                fold_for_matching(wanted)[0] in self.folded[0]:
            return True
        if REPLACEMENT not in self.text:
            return False
        pattern = "".join(
            f"(?:{re.escape(ch)}|\ufffd{{1,3}})" if (ord(ch) > 127 or ch in "'\"-") else re.escape(ch)
            for ch in wanted)
        return re.search(pattern, self.text) is not None

    def closest_passage(self, quote: str) -> str | None:
        """The archive passage most like the quote (for 'did you mean' hints)."""
        from rapidfuzz import fuzz  # imported only when a quote is wrong

        wanted = normalise(quote)
        if not wanted or not self.text:
            return None
        found = fuzz.partial_ratio_alignment(wanted, self.text, score_cutoff=50)
        if found is None:
            return None
        start, end = found.dest_start, found.dest_end
        # widen to whole words so the hint reads naturally
        while start > 0 and not self.text[start - 1].isspace():
            start -= 1
        while end < len(self.text) and not self.text[end].isspace():
            end += 1
        return self.text[start:end].strip()


_EDGE = ".,;:!?\"'()"


def mark_differences(quote: str, passage: str) -> tuple:
    """The quote and the passage with the words that differ between them in [brackets].

    Words are compared without the punctuation at their edges first (the passage was
    widened to whole words, 'airstrikes,'), and as written when that shows no difference.
    Words of the passage before or after the part the quote covers are context, not marked.
    """
    import difflib

    ours, theirs = normalise(quote).split(), passage.split()
    for key in (lambda w: w.strip(_EDGE), lambda w: w):
        matcher = difflib.SequenceMatcher(None, [key(w) for w in ours], [key(w) for w in theirs],
                                          autojunk=False)
        codes = matcher.get_opcodes()
        # leading and trailing words the quote does not have are context
        while codes and codes[0][0] == "insert":
            codes = codes[1:]
        while codes and codes[-1][0] == "insert":
            codes = codes[:-1]
        if any(tag != "equal" for tag, *_ in codes):
            break
    else:
        return " ".join(ours), passage
    marked_quote, marked_passage = list(ours), list(theirs)
    for tag, q1, q2, p1, p2 in codes:
        if tag == "equal":
            continue
        if q2 > q1:
            marked_quote[q1] = "[" + marked_quote[q1]
            marked_quote[q2 - 1] += "]"
        if p2 > p1:
            marked_passage[p1] = "[" + marked_passage[p1]
            marked_passage[p2 - 1] += "]"
    return " ".join(marked_quote), " ".join(marked_passage)


def resolve_archive(spec_dir: Path, relative: str) -> Path:
    """The archive's real path, refusing anything outside the spec's folder."""
    if not relative or os.path.isabs(relative) or relative.startswith(("/", "\\")) or \
            re.match(r"^[A-Za-z]:", relative):
        # the validator adds ": <path as written>" to every ArchiveError
        raise ArchiveError("archive path must be relative to the spec's folder")
    if "\\" in relative:   # a path copied from Windows: name the fix, not "not found"
        raise ArchiveError("archive path uses \\: write it with / (sources/article.txt), "
                           "so the spec works on every system")
    base = spec_dir.resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise ArchiveError("archive lies outside the spec's folder (.. or a symlink out)")
    return target


class ArchiveCache:
    """Reads and normalises each archive once per process, however many facts cite it."""

    def __init__(self):
        self._archives: dict = {}

    def get(self, path: Path) -> Archive:
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise ArchiveError("archive file not found") from None
        except OSError as exc:
            raise ArchiveError(f"archive cannot be read: {exc.strerror}") from None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._archives.get(path)
        if cached is None or cached[0] != key:
            # a changed archive replaces its old text, so a long `watch` session does not grow
            cached = self._archives[path] = (key, self._read(path, stat.st_size))
        return cached[1]

    @staticmethod
    def _read(path: Path, size: int) -> Archive:
        if not path.is_file():
            raise ArchiveError("archive is not a regular file")
        if size > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"archive is larger than {MAX_ARCHIVE_BYTES // 1_000_000} MB")
        try:
            with open(path, "rb") as handle:   # at most the limit, even if the file grew
                data = handle.read(MAX_ARCHIVE_BYTES + 1)
        except OSError as exc:
            raise ArchiveError(f"archive cannot be read: {exc.strerror}") from None
        if len(data) > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"archive is larger than {MAX_ARCHIVE_BYTES // 1_000_000} MB")
        if not data.strip():
            raise ArchiveError("archive is empty")
        if b"\x00" in data[:8192]:
            raise ArchiveError("archive is not text (binary data): archive the article as plain text")
        # Real archives carry mojibake; undecodable bytes become U+FFFD, which quotes tolerate.
        text = data.decode("utf-8", errors="replace")
        return Archive(path, normalise(text), hashlib.sha256(data).hexdigest())
