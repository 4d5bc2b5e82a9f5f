"""Writing output files: atomically, safely beside other builds, and reproducibly.

Atomically: never a half-written sheet. Safely: locks, and a killed writer's temporary files
removed. Reproducibly: fixed zip entries.
"""
from __future__ import annotations

import os
import re
import struct
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, one build at a time
    fcntl = None


# '.raqqa-2017.pdf.4242.k3j_x9q1.tmp': the writer's pid tells a crashed writer's leftover
# (removed by the next build) from a file another build is writing at this moment (kept).
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp")


class WriteError(OSError):
    """An output file could not be written (a full disk, no permission): says so in words and
    names the file meant, not its temporary name."""

    def __init__(self, path, error: OSError):
        super().__init__(error.errno, error.strerror or str(error))
        self.path = Path(path)

    def __str__(self) -> str:
        reason = self.strerror or "error"
        return f"{reason[:1].lower()}{reason[1:]} while writing {self.path}"


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
    all are renamed (in the order given), so a failure in any one leaves all the old files and
    no temporary files. An OSError writing a file is raised as a WriteError that names it.
    Temporary files left in the folders by killed writers are removed first."""
    jobs = [(Path(path), write_fn) for path, write_fn in jobs]
    for folder in dict.fromkeys(path.parent for path, _ in jobs):
        remove_stale_temps(folder)
    staged = []
    try:
        for path, write_fn in jobs:
            staged.append((path, _stage(path, write_fn)))
        for path, temp in staged:
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise WriteError(path, exc) from exc
    except BaseException:
        for _, temp in staged:
            _remove(temp)
        raise
    _sync_dirs({path.parent for path, _ in staged})
    return [path for path, _ in staged]


def _stage(path: Path, write_fn) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                        dir=path.parent)
    except OSError as exc:
        raise WriteError(path, exc) from exc
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
    except BaseException as exc:
        _remove(temp)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError) and (
                exc.filename is None or str(exc.filename) == str(temp)):
            # the temporary file itself failed (a full disk, most often): name the real file;
            # other OSErrors (a renderer reading a missing logo) already name their file
            raise WriteError(path, exc) from exc
        raise
    return temp


def remove_stale_temps(folder) -> list:
    """Remove the temporary files that writers killed mid-write left in `folder`: those whose
    pid is not a running process. Those of live writers (another build, now) are kept."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match and not _is_running(int(match["pid"])):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:          # gone already (another build removed it), or not ours to remove
                pass
    return removed


def _is_running(pid: int) -> bool:
    """Whether a process with this pid exists; when it cannot be known, assume it does."""
    if pid == os.getpid() or os.name != "posix":    # on Windows, os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):    # PermissionError: it exists, run by another user
        return True
    return True


@contextmanager
def exclusive_lock(path):
    """Hold an exclusive lock on `path` (through the lock file `.<name>.lock` beside it) for a
    read-modify-write that another build, in another process, must not interleave with."""
    path = Path(path)
    if fcntl is None:  # pragma: no cover
        yield
        return
    # a separate lock file: `path` itself is replaced by renames, so a lock on it would not hold
    lock = path.parent / f".{path.name}.lock"
    while True:
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:          # a read-only folder: `path` cannot be written either
            raise WriteError(path, exc) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:       # a file system without locks (some network mounts): do without
            os.close(handle)
            handle = None
            break
        try:
            if os.path.samestat(os.fstat(handle), os.stat(lock)):
                break
        except FileNotFoundError:
            pass
        os.close(handle)      # locked a file its holder has removed since: lock the new one
    try:
        yield
    finally:
        if handle is not None:
            # removed while still held, so that no lock file is left behind; a waiter that then
            # gets the removed file's lock sees it is not the file at that name, and tries again
            try:
                os.unlink(lock)
            except FileNotFoundError:
                pass
            os.close(handle)


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


def file_sha256(path) -> str | None:
    """The file's SHA-256 in hex, read in blocks; None if it cannot be read."""
    import hashlib

    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None
