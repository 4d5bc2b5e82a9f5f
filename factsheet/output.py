"""Writing output files: atomically (never a half-written sheet) and reproducibly (fixed zip entries)."""
from __future__ import annotations

import os
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

def source_date_epoch():
    """SOURCE_DATE_EPOCH as an aware UTC datetime, or None when unset (reproducible builds).

    A malformed value is a usage error: a build that silently ignored it would not be reproducible.
    """
    from datetime import datetime, timezone

    from .diagnostics import UsageError

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None


ZIP_DATE = (1980, 1, 1, 0, 0, 0)          # every zip entry's timestamp: builds are byte-identical
_DOS_TIME = 0
_DOS_DATE = ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]


def write_atomic(path, write_fn) -> Path:
    """Call write_fn(handle) on a fresh file beside `path`, fsync it, then move it into place.

    `handle` is a binary file open for writing; `handle.name` is the temporary file's path,
    for writers that want a path (they may open it themselves). Readers see the old file or
    the new one, never a mixture; if write_fn raises, the temporary file is removed, the old
    file is untouched and the exception propagates.
    """
    return write_all_atomic([(path, write_fn)])[0]


def write_all_atomic(jobs) -> list:
    """write_atomic for several (path, write_fn) jobs at once: every file is written first, then
    all are renamed, so a failure in any one leaves all the old files and no temporary files."""
    staged = []
    try:
        for path, write_fn in jobs:
            path = Path(path)
            staged.append((path, _stage(path, write_fn)))
        for path, temp in staged:
            os.replace(temp, path)
    except BaseException:
        for _, temp in staged:
            _remove(temp)
        raise
    _sync_dirs({path.parent for path, _ in staged})
    return [path for path, _ in staged]


def _stage(path: Path, write_fn) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        with open(temp, "wb") as stream:      # by name, so that stream.name is the path
            write_fn(stream)
            stream.flush()
            os.fsync(stream.fileno())     # also covers writes through other descriptors
        # mkstemp creates the file 0600; a sheet is meant to be shared like any other file.
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temp, mode)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _remove(temp: Path) -> None:
    try:
        temp.unlink()
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_dirs(folders) -> None:
    """Make the renames durable; folders cannot be opened for fsync on every platform."""
    for folder in folders:
        try:
            handle = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(handle)
        except OSError:
            pass
        finally:
            os.close(handle)


@dataclass(frozen=True)
class ZipEntry:
    """A compressed zip member, ready to copy into any number of archives."""
    name: str
    crc: int
    size: int
    data: bytes                   # raw deflate stream


def zip_entry(name: str, data: bytes, level: int = 6) -> ZipEntry:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    return ZipEntry(name, zlib.crc32(data), len(data), packed)


def zip_bytes(entries) -> bytes:
    """A zip archive of `entries` (ZipEntry), in the order given, every timestamp ZIP_DATE.

    Written by hand rather than with zipfile so that members compressed once (the styles of
    a template) can be reused for every sheet, and so that the bytes depend on nothing else.
    """
    chunks, directory, offset = [], [], 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        fields = (20, flags, 8, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, len(name), 0) + name
        chunks += (header, entry.data)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, len(name),
                                     0, 0, 0, 0, 0, offset) + name)
        offset += len(header) + len(entry.data)
    central = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), len(central),
                      offset, 0)
    return b"".join(chunks) + central + end
