"""`factsheet watch`: an edited spec is rebuilt and its changed figures are printed."""
import io
import shutil
import threading
import time
from pathlib import Path

from factsheet.build.watch import watch_and_build

REPO = Path(__file__).resolve().parent.parent.parent


class _Lines(io.StringIO):
    """stdout shared with the watching thread."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def write(self, text):
        with self.lock:
            return super().write(text)

    def text(self):
        with self.lock:
            return self.getvalue()


def _wait_for(stream: _Lines, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in stream.text():
            return True
        time.sleep(0.1)
    return False


def test_watch_rebuilds_an_edited_spec_and_prints_what_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    # without specs/examples/: the edit below must come after the first build has finished
    shutil.copytree(REPO / "specs", tmp_path / "specs", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    out, stop = _Lines(), threading.Event()
    watcher = threading.Thread(target=watch_and_build, daemon=True, args=(
        tmp_path / "specs", tmp_path / "output", out, out, stop))
    watcher.start()
    try:
        assert _wait_for(out, "built "), out.text()           # the first build on start
        spec = tmp_path / "specs" / "raqqa-2017.yaml"
        spec.write_text(spec.read_text(encoding="utf-8").replace(
            "    value: 220\n", "    value: 21\n").replace(
            "at least 220 civilians are estimated to have been killed in May alone",
            "At least 21 civilians have reportedly died"), encoding="utf-8")
        assert _wait_for(out, "killed-may: at least 220 -> at least 21"), out.text()
        assert "changed: raqqa-2017.yaml" in out.text()
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()
    assert (tmp_path / "output" / "raqqa-2017.pdf").is_file()


def test_an_edit_saved_while_the_first_build_runs_is_not_lost(tmp_path, monkeypatch):
    """The first build happens once the watcher runs: an edit saved at any moment after start
    ends up in the output, by that build or the next."""
    import json

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shutil.copytree(REPO / "specs", tmp_path / "specs")      # with examples/: a longer first build
    out, stop = _Lines(), threading.Event()
    watcher = threading.Thread(target=watch_and_build, daemon=True, args=(
        tmp_path / "specs", tmp_path / "output", out, out, stop))
    watcher.start()
    try:
        assert _wait_for(out, "watching "), out.text()
        spec = tmp_path / "specs" / "raqqa-2017.yaml"
        spec.write_text(spec.read_text(encoding="utf-8").replace(
            "    value: 220\n", "    value: 21\n").replace(
            "at least 220 civilians are estimated to have been killed in May alone",
            "At least 21 civilians have reportedly died"), encoding="utf-8")
        record = tmp_path / "output" / "raqqa-2017.json"

        def killed_may():
            try:
                facts = json.loads(record.read_text(encoding="utf-8"))["facts"]
            except (OSError, ValueError, KeyError):
                return None
            return next((f["value"] for f in facts if f["id"] == "killed-may"), None)

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and killed_may() != 21:
            time.sleep(0.2)
        assert killed_may() == 21, out.text()
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()


def test_watch_builds_the_edition_it_is_given(tmp_path, monkeypatch):
    import json

    from factsheet.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    fixtures = REPO / "tests" / "fixtures"
    (tmp_path / "specs").mkdir()
    shutil.copy(fixtures / "confidential.yaml", tmp_path / "specs")
    shutil.copytree(fixtures / "sources", tmp_path / "specs" / "sources")
    out, stop = _Lines(), threading.Event()
    watcher = threading.Thread(target=watch_and_build, daemon=True, args=(
        tmp_path / "specs", tmp_path / "public", out, out, stop), kwargs={"edition": "public"})
    watcher.start()
    try:
        assert _wait_for(out, "built "), out.text()
        assert "the public edition into" in out.text()
    finally:
        stop.set()
        watcher.join(timeout=30)
    manifest = json.loads((tmp_path / "public" / "confidential.manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"] == "public"
    assert "Euphrates Protection Partners" not in (tmp_path / "public" / "confidential.sources.html").read_text(encoding="utf-8")
    # a folder holds one edition: watching it for the other is refused before anything is built
    err = io.StringIO()
    assert main(["watch", str(tmp_path / "specs"), "--out", str(tmp_path / "public")],
                io.StringIO(), err) == 2
    assert err.getvalue().strip() == (
        f"factsheet: --out {tmp_path / 'public'} holds the public edition (confidential.manifest.json): "
        "build the internal edition into a folder of its own")
