"""The DOCX writer benchmark still runs on today's Layout: a smoke test, not a timing.

bench/bench_docx_writer.py keeps its prototypes (python-docx's API, an lxml element builder)
outside the package, so nothing else notices when the Layout changes under them.
"""
import importlib.util
import re
import zipfile
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_docx_writer.py"


@pytest.fixture
def bench(monkeypatch, tmp_path):
    # the script sets these with setdefault at import: set them here, so that they are undone
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    spec = importlib.util.spec_from_file_location("bench_docx_writer_smoke", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "WORK", tmp_path)      # python-docx's prepared package
    return module


def parts(path: Path) -> dict:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def texts(document: bytes) -> str:
    return b"".join(re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", document)).decode()


@pytest.mark.parametrize("template_name", ["default", "branded"])
def test_bench_prototypes_write_todays_document(bench, tmp_path, template_name):
    sheet, _, layout = bench.prepare(template_name)
    written = {}
    for writer in ("today", "lxml-memo", "docx"):
        out = tmp_path / f"{writer}.docx"
        bench.writer_function(writer)(sheet, layout, out)
        written[writer] = parts(out)
    today = written["today"]
    footer = next(name for name in today if name.startswith("word/footer"))
    for name in ("word/document.xml", footer):
        assert written["lxml-memo"][name] == today[name], name
    document = texts(today["word/document.xml"])
    assert "Sources" in document and "https://example.org/archive/" in document
    assert texts(written["docx"]["word/document.xml"]) == document
