"""What fixture specs produce, against golden files: the model dump, the PDF's text as
`pdftotext -layout` reads it, the DOCX's word/document.xml (pretty-printed) and the audit page,
all built by the command line under SOURCE_DATE_EPOCH. A golden also catches a change of one
word in a spec (the last test), so a renderer cannot drift without a reviewed golden diff.

After an intended change: FACTSHEET_UPDATE_GOLDEN=1 python -m pytest tests/test_goldens.py
"""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from factsheet.cli import main
from fixture_specs import HOSTILE, RAQQA, long_spec, spec_variant
from goldens import assert_golden, golden_diff

SPECS = {   # golden name: folder -> the spec
    "raqqa-2017": lambda folder: RAQQA,
    "hostile": lambda folder: HOSTILE,
    # set at the minimum size, a bullet continued from the left column into the right
    "long": lambda folder: long_spec(folder, 15),
}
KINDS = ("dump.txt", "pdf.txt", "document.xml", "sources.html")
EPOCH = "1503705600"                      # 2017-08-26 00:00:00 UTC


def run(*args) -> str:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout, stderr)
    assert code == 0, stderr.getvalue()
    return stdout.getvalue()


def pdf_text(path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, encoding="utf-8").stdout


def document_xml(path) -> str:
    """word/document.xml, one element a line; the text inside w:t is left as written.
    (Timestamps live in docProps/core.xml, which is not compared.)"""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def outputs(spec, folder) -> dict:
    """Each compared output of `spec`, by golden suffix: None where it cannot be read here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        run("build", spec, "--out", folder, "--force", "--jobs", "1")
    stem = spec.stem
    return {"dump.txt": run("dump", spec),
            "pdf.txt": pdf_text(folder / f"{stem}.pdf"),
            "document.xml": document_xml(folder / f"{stem}.docx"),
            "sources.html": (folder / f"{stem}.sources.html").read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    built = {}
    for name, spec in SPECS.items():
        folder = tmp_path_factory.mktemp(name)
        built[name] = outputs(spec(folder / "spec"), folder / "out")
    return built


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(SPECS))
def test_output_matches_its_golden(built, name, kind):
    actual = built[name][kind]
    if actual is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF text is not compared")
    assert_golden(f"{name}.{kind}", actual)


def test_a_one_word_change_in_a_spec_shows_in_every_golden(tmp_path):
    # a key figure's label: printed on the sheet and listed on the audit page
    spec = spec_variant(tmp_path / "spec", ("label: civilians estimated killed by coalition",
                                            "label: civilians reported killed by coalition"))
    changed = outputs(spec, tmp_path / "out")
    for kind in KINDS:
        if changed[kind] is None:
            continue
        diff = golden_diff(f"raqqa-2017.{kind}", changed[kind], update=False)
        removed = [line for line in diff.splitlines() if line.startswith("-") and "estimated" in line]
        added = [line for line in diff.splitlines() if line.startswith("+") and "reported" in line]
        assert removed and added, f"{kind}: the golden comparison missed the change:\n{diff}"
