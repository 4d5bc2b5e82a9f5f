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
