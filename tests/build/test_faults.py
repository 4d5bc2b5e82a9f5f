"""Faults during a build: a renderer that crashes, a full disk, a kill, two builds at once.

Whatever happens, the previous good outputs and manifest stay byte for byte, no temporary
file outlives the next build, and the error says what happened in one line, never a traceback.
"""
from __future__ import annotations

import builtins
import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from factsheet.build import changes
from factsheet.build import index
from factsheet import files as output
from factsheet.cli import main
from factsheet.render import docx as docx_renderer
from factsheet.render import docx_package, pdf
from factsheet.render import audit as html

REPO = Path(__file__).resolve().parent.parent.parent
SPEC = "specs/raqqa-2017.yaml"
EPOCH = "1700000000"
TEMP = re.compile(r"\..+\.tmp\Z")
WAIT = 60          # seconds: only a bound on waiting for a subprocess, never an assertion on speed
POSIX = pytest.mark.skipif(os.name != "posix", reason="kills, pids, fork and flock are POSIX's")


def run(*argv) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def temp_files(folder: Path) -> list:
    return sorted(p.name for p in folder.iterdir() if TEMP.match(p.name)) if folder.is_dir() else []


def edit_spec(project: Path) -> None:
    """Another figure, from the same archive: every output of the next build differs."""
    spec = project / SPEC
    text = spec.read_text(encoding="utf-8")
    old = ('    value: 220\n    qualifier: at least\n',
           'quote: "at least 220 civilians are estimated to have been killed in May alone"')
    new = ('    value: 21\n    qualifier: at least\n', 'quote: "At least 21 civilians have reportedly died"')
    for before, after in zip(old, new):
        assert text.count(before) == 1
        text = text.replace(before, after)
    spec.write_text(text, encoding="utf-8")


def assert_good_outputs(folder: Path, stem: str = "raqqa-2017") -> None:
    """Complete files: a one-page PDF, a DOCX Word opens, JSON that parses."""
    assert len(PdfReader(folder / f"{stem}.pdf").pages) == 1
    with zipfile.ZipFile(folder / f"{stem}.docx") as package:
        assert package.testzip() is None
    assert docx.Document(str(folder / f"{stem}.docx")).paragraphs
    json.loads((folder / f"{stem}.manifest.json").read_text(encoding="utf-8"))
    json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """The example project, built once: a copy serves every test."""
    base = tmp_path_factory.mktemp("good")
    shutil.copytree(REPO / "specs", base / "specs")
    shutil.copytree(REPO / "templates", base / "templates")
    saved = os.environ.get("SOURCE_DATE_EPOCH"), os.getcwd()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.chdir(base)
    try:
        assert run("build", SPEC)[0] == 0
    finally:
        os.chdir(saved[1])
        if saved[0] is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved[0]
    return base


@pytest.fixture
def project(good_build, tmp_path, monkeypatch):
    """A built project whose spec has since changed: the next build replaces every output."""
    project = tmp_path / "project"
    shutil.copytree(good_build, project)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    edit_spec(project)
    return project


def assert_rebuilds_cleanly(project: Path) -> None:
    code, out, err = run("build", SPEC)
    assert code == 0, out + err
    assert temp_files(project / "output") == []
    assert_good_outputs(project / "output")
    record = json.loads((project / "output" / "raqqa-2017.json").read_text(encoding="utf-8"))
    assert next(f for f in record["facts"] if f["id"] == "killed-may")["value"] == 21


# -- a renderer that crashes half way ------------------------------------------------------

class HalfSavedCanvas(pdf.Canvas):
    """ReportLab's canvas, crashing after writing half the PDF."""

    def save(self):
        super().save()
        if hasattr(self._filename, "truncate"):   # drawn in memory, for PDF/A: cut it there
            self._filename.truncate(len(self._filename.getvalue()) // 2)
        else:
            with open(self._filename, "r+b") as handle:
                handle.truncate(os.path.getsize(self._filename) // 2)
        raise RuntimeError("PDF renderer crashed half way")


def crash_docx(monkeypatch, error):
    real = docx_renderer.render_docx

    def render_docx(sheet, layout, out_path):   # the PDF is already rendered by now
        real(sheet, layout, out_path)
        with open(out_path, "r+b") as handle:
            handle.truncate(out_path.stat().st_size // 2)
        raise error
    monkeypatch.setattr(docx_renderer, "render_docx", render_docx)


def crash_audit_page(monkeypatch, error):
    def audit_html(sheet, documents=("pdf", "docx")):
        raise error
    monkeypatch.setattr(html, "audit_html", audit_html)


CRASHES = [
    # (name, install the fault, exit code, the line that says what happened)
    ("docx-renderer-bug", lambda mp: crash_docx(mp, RuntimeError("DOCX renderer crashed half way")), 3,
     "specs/raqqa-2017.yaml: factsheet: internal error (RuntimeError: DOCX renderer crashed half way)"),
    ("pdf-renderer-bug", lambda mp: mp.setattr(pdf, "Canvas", HalfSavedCanvas), 3,
     "specs/raqqa-2017.yaml: factsheet: internal error (RuntimeError: PDF renderer crashed half way)"),
    ("audit-page-bug", lambda mp: crash_audit_page(mp, RuntimeError("audit page crashed")), 3,
     "specs/raqqa-2017.yaml: factsheet: internal error (RuntimeError: audit page crashed)"),
    ("docx-renderer-io-error", lambda mp: crash_docx(mp, OSError(errno.EIO, os.strerror(errno.EIO))), 1,
     "specs/raqqa-2017.yaml: error: input/output error while writing output/raqqa-2017.docx"),
]


@pytest.mark.parametrize("name, install, code, message", CRASHES, ids=[c[0] for c in CRASHES])
def test_a_crashing_renderer_keeps_the_previous_outputs(project, name, install, code, message):
    before = snapshot(project / "output")
    with pytest.MonkeyPatch.context() as patch:
        install(patch)
        got, out, err = run("build", SPEC)
    assert got == code, out + err
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines[0] == "FAILED specs/raqqa-2017.yaml"
    assert lines[1].startswith(f"  {message}") and len(lines) == 2
    assert snapshot(project / "output") == before       # byte for byte, and no temporary file
    assert_rebuilds_cleanly(project)


# -- a full disk ------------------------------------------------------------------------------

class _FullDisk(io.FileIO):
    """A file on a disk that fills up after `room` bytes: the next write fails with ENOSPC."""
    room = 100

    def write(self, data) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        taken = super().write(bytes(data[:self.room]))
        self.room -= taken
        return taken


@contextmanager
def full_disk(name: str):
    """Writing the output file `name` (its temporary file, that is) fills the disk."""
    opened = []

    def fake_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and "w" in mode and \
                os.path.basename(file).startswith(f".{name}."):
            assert "b" in mode
            handle = io.BufferedWriter(_FullDisk(file, "w"))
            opened.append(handle)
            return handle
        return io.open(file, mode, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", fake_open)
        yield
    for handle in opened:   # a writer that gave up may have left its file open
        try:
            handle.close()
        except OSError:
            pass
    assert opened, "the full disk was never reached"


@pytest.mark.parametrize("name", ["raqqa-2017.pdf", "raqqa-2017.docx", "raqqa-2017.json",
                                  "raqqa-2017.hxl.csv", "raqqa-2017.sources.html",
                                  "raqqa-2017.manifest.json"])
def test_a_full_disk_keeps_the_previous_outputs_and_says_so(project, name):
    before = snapshot(project / "output")
    with full_disk(name):
        code, out, err = run("build", SPEC)
    assert code == 1, out + err
    assert out.splitlines() == ["FAILED specs/raqqa-2017.yaml",
                                f"  specs/raqqa-2017.yaml: error: no space left on device while "
                                f"writing output/{name}"]
    assert snapshot(project / "output") == before
    assert_rebuilds_cleanly(project)


def test_a_full_disk_while_recording_changes_says_so(project):
    # the sheet is built (its files replaced together); only the log of changes could not be
    with full_disk("CHANGES.md"):
        code, out, err = run("build", SPEC)
    assert code == 1, out + err
    assert "built specs/raqqa-2017.yaml" in out
    assert err == "factsheet: error: no space left on device while writing output/CHANGES.md\n"
    assert not (project / "output" / "CHANGES.md").exists()
    assert temp_files(project / "output") == []


# -- a kill ---------------------------------------------------------------------------------------

# Builds, but stops for good before the first output file is renamed into place: `marker`
# tells the test that every temporary file is written, and the test kills the process there.
KILLED_BUILD = """
import os, sys, time
from pathlib import Path
import factsheet.files
marker, out = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
real_replace = os.replace
def replace(src, dst, **kwargs):
    if Path(dst).resolve().parent == out:
        marker.write_text(str(os.getpid()))
        time.sleep(600)
    return real_replace(src, dst, **kwargs)
factsheet.files.os.replace = replace
from factsheet.cli import main
sys.exit(main(sys.argv[3:]))
"""


def python(code: str, *args, cwd: Path, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def wait_for(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the build ended before {path.name}: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no {path.name} after {WAIT} s")
        time.sleep(0.005)


@POSIX
def test_a_build_killed_mid_write_keeps_the_previous_outputs_and_the_next_build_cleans_up(
        project, tmp_path):
    before = snapshot(project / "output")
    marker = tmp_path / "renaming"
    build = python(KILLED_BUILD, marker, "output", "build", SPEC, cwd=project)
    try:
        wait_for(marker, build)
        os.kill(build.pid, signal.SIGKILL)
    finally:
        build.communicate(timeout=WAIT)
    assert build.returncode == -signal.SIGKILL
    left = temp_files(project / "output")
    assert left and all(f".{build.pid}." in name for name in left)   # the killed build's files
    assert {name: data for name, data in snapshot(project / "output").items()
            if name not in left} == before
    assert_rebuilds_cleanly(project)


@POSIX
def test_the_next_build_removes_only_the_temporary_files_of_dead_processes(project, tmp_path):
    assert run("build", SPEC)[0] == 0
    out = project / "output"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    try:
        names = {"dead": f".raqqa-2017.pdf.{dead.pid}.abcd_123.tmp",
                 "alive": f".raqqa-2017.pdf.{alive.pid}.abcd_123.tmp",
                 "ours": f".raqqa-2017.docx.{os.getpid()}.x1y2z3w4.tmp",
                 "not-ours": ".notes.tmp"}
        for name in names.values():
            (out / name).write_bytes(b"half")
        code, stdout, _ = run("build", SPEC)     # nothing changed: no file is written
        assert code == 0 and stdout == "up to date specs/raqqa-2017.yaml\n"
        assert temp_files(out) == sorted(names[k] for k in ("alive", "ours", "not-ours"))
    finally:
        alive.communicate(b"")


# -- two builds at once ---------------------------------------------------------------------

# Two builds at once, round after round: the loaded interpreter forks two processes, which
# wait for each other and then both run `factsheet ARGV...`. Forking spares each round Python's
# start-up (a third of a second), which would otherwise be most of the test's time.
RACING_BUILDS = """
import io, json, os, sys, traceback
from factsheet.cli import main
import factsheet.build.batch, factsheet.build.sheet, factsheet.render.docx, factsheet.render.pdf, factsheet.validate.rules
for line in sys.stdin:                       # one line per round: a folder for the builds' output
    logs = line.strip()
    go_read, go_write = os.pipe()
    pids = []
    for n in range(2):
        pid = os.fork()
        if pid == 0:
            os.close(go_write)
            os.read(go_read, 1)                # returns for both when the writing end closes
            out, err = io.StringIO(), io.StringIO()
            try:
                code = main(sys.argv[1:], out, err)
            except BaseException:
                code = 99
                err.write(traceback.format_exc())
            for name, text in (("out", out), ("err", err)):
                with open(os.path.join(logs, f"{n}.{name}"), "w", encoding="utf-8") as handle:
                    handle.write(text.getvalue())
            os._exit(code)
        pids.append(pid)
    os.close(go_read)
    os.close(go_write)
    print(json.dumps([os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]), flush=True)
"""


@POSIX
def test_two_builds_of_one_spec_into_one_folder_at_once(good_build, tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(good_build, project)
    cache = tmp_path / "cache"
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(cache))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)   # the two builds' files differ: their times
    out = project / "output"
    builds = python(RACING_BUILDS, "build", SPEC, "--force", "--jobs", "1", cwd=project,
                    stdin=subprocess.PIPE)
    try:
        for round_ in range(20):
            if round_ % 4 == 0:
                shutil.rmtree(cache, ignore_errors=True)   # both make the Word package and cache it
            logs = tmp_path / f"round-{round_}"
            logs.mkdir()
            builds.stdin.write(f"{logs}\n")
            builds.stdin.flush()
            codes = json.loads(builds.stdout.readline() or "null")
            for n in range(2):
                stdout = (logs / f"{n}.out").read_text(encoding="utf-8")
                stderr = (logs / f"{n}.err").read_text(encoding="utf-8")
                assert stderr == "" and stdout.startswith("built specs/raqqa-2017.yaml"), stdout + stderr
            assert codes == [0, 0]
            assert_good_outputs(out)
            assert temp_files(out) == [] and temp_files(cache) == []
            assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    finally:
        builds.stdin.close()
        builds.wait(timeout=WAIT)
    assert builds.returncode == 0, builds.stderr.read()
    builds.stdout.close()
    builds.stderr.close()
    # one Word package per language, shared by both builds: the sheet, its fr and ar translations
    assert len(list(cache.glob("docx-base-*.json"))) == 3


def add_changes(folder: Path, name: str) -> None:
    changes.append_changes_md(folder / "CHANGES.md", f"{name}.yaml", name, [f"{name}: 1 -> 2"],
                              date(2026, 1, 2))


def add_sheet_to_index(folder: Path, name: str) -> None:
    """What a build does last: its manifest, then the index of every manifest in the folder."""
    (folder / f"{name}.manifest.json").write_text(json.dumps(
        {"title": name, "as_of": "2017-08-25", "built": f"2026-01-02T00:00:0{len(name)}+00:00"}),
        encoding="utf-8")
    index.write_index(folder)


def changes_headings(folder: Path) -> list:
    text = (folder / "CHANGES.md").read_text(encoding="utf-8")
    return [line[len("## 2026-01-02 "):] for line in text.splitlines() if line.startswith("## ")]


# (shared file, what a build does to it, where build A stops: after reading, before replacing)
READ_MODIFY_WRITES = [
    ("CHANGES.md", add_changes, (changes, "write_atomic"),
     lambda folder: changes_headings(folder) == ["b.yaml: b", "a.yaml: a", "old.yaml: old"]),
    ("index.html", add_sheet_to_index, (index, "write_atomic"),
     lambda folder: all(f">{name}<" in (folder / "index.html").read_text(encoding="utf-8")
                        for name in ("a", "b", "old"))),
]


@POSIX
@pytest.mark.parametrize("name, update, pause, complete", READ_MODIFY_WRITES,
                         ids=[row[0] for row in READ_MODIFY_WRITES])
def test_two_builds_updating_a_shared_file_at_once_both_count(tmp_path, monkeypatch, name, update,
                                                             pause, complete):
    """CHANGES.md and index.html are read, changed and replaced: a lock keeps both builds' parts.

    Build A stops after reading the file, just before replacing it; build B starts then.
    Without the lock, B would read the same old file and A's replace would drop B's part."""
    update(tmp_path, "old")
    a_paused, release_a, b_at_lock = threading.Event(), threading.Event(), threading.Event()
    (module, function), real_flock = pause, output.fcntl.flock
    real = getattr(module, function)

    def paused(*args, **kwargs):
        if threading.current_thread().name == "A":
            a_paused.set()
            assert release_a.wait(WAIT)
        return real(*args, **kwargs)

    def flock(handle, operation):
        if threading.current_thread().name == "B":
            b_at_lock.set()
        return real_flock(handle, operation)

    monkeypatch.setattr(module, function, paused)
    monkeypatch.setattr(output.fcntl, "flock", flock)
    errors = []

    def build(which):
        try:
            update(tmp_path, which)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    a = threading.Thread(target=build, args=("a",), name="A")
    b = threading.Thread(target=build, args=("b",), name="B")
    a.start()
    assert a_paused.wait(WAIT)
    b.start()
    deadline = time.monotonic() + WAIT
    while not b_at_lock.is_set() and b.is_alive() and time.monotonic() < deadline:
        time.sleep(0.001)     # B either waits for A's lock or (without one) has written already
    release_a.set()
    a.join(WAIT)
    b.join(WAIT)
    assert not errors
    assert complete(tmp_path), (tmp_path / name).read_text(encoding="utf-8")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]   # no lock file left


def test_a_half_written_word_package_cache_is_never_used(tmp_path, monkeypatch):
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path / "cache"))
    docx_package._cached_base.cache_clear()        # as a new process would start
    assert run("build", SPEC, "--format", "docx")[0] == 0
    fresh = (tmp_path / "output" / "raqqa-2017.docx").read_bytes()
    # one Word package per language: the sheet's and its translations' (fr, ar)
    cached = sorted((tmp_path / "cache").glob("docx-base-*.json"))
    assert len(cached) == 3
    whole = [base.read_bytes() for base in cached]
    for base, data in zip(cached, whole):
        base.write_bytes(data[: len(data) // 2])
    docx_package._cached_base.cache_clear()
    assert run("build", SPEC, "--format", "docx", "--force")[0] == 0
    assert (tmp_path / "output" / "raqqa-2017.docx").read_bytes() == fresh
    assert [base.read_bytes() for base in cached] == whole     # rewritten whole
    docx_package._cached_base.cache_clear()
