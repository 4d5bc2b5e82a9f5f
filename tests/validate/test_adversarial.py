"""The adversarial corpus: every hostile or broken input gets its exact outcome.

Each file in tests/adversarial/ is `factsheet build` input with a first line saying what is
wrong with it (the base is BASE of test_validate_rules.py; sources/ and templates/ hold the
odd archives and templates they point at). CASES gives, for each, the exit code and the
first error printed (LINE:COL: error: MESSAGE, the file's name cut off), or None for input
that must build. Inputs that cannot live in git (a 50 MB file, symlinks, a read-only
folder) are made by the tests at the end of this file.

Whatever the input: no traceback, never exit 3, and a failed build writes no sheet.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import stat
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from factsheet import limits
from factsheet.cli import main

CORPUS = Path(__file__).parent.parent / "adversarial"

# (input, exit code, first error or None)
CASES = [
    ('archive-absolute', 1, "19:14: error: archive path must be relative to the spec's folder: /etc/passwd"),
    ('archive-binary', 1, '19:14: error: archive is not text (binary data): archive the article as plain text: sources/binary.txt'),
    ('archive-blank', 1, '19:14: error: archive is empty: sources/blank.txt'),
    ('archive-dev-file', 1, "19:14: error: archive path must be relative to the spec's folder: /dev/zero"),
    ('archive-dotdot', 1, "19:14: error: archive lies outside the spec's folder (.. or a symlink out): ../broken/sources/voa-2017-08-25.txt"),
    ('archive-empty', 1, '19:14: error: archive is empty: sources/empty.txt'),
    ('archive-folder', 1, '19:14: error: archive is not a regular file: sources'),
    ('archive-missing', 1, '19:14: error: archive file not found: sources/nothing-here.txt'),
    ('archive-unc-path', 1, "19:14: error: archive path must be relative to the spec's folder: \\\\server\\share\\voa.txt"),
    ('archive-windows-drive', 1, "19:14: error: archive path must be relative to the spec's folder: C:\\Users\\aid\\voa.txt"),
    ('archive-windows-path', 1, '19:14: error: archive path uses \\: write it with / (sources/article.txt), so the spec works on every system: sources\\voa-2017-08-25.txt'),
    ('figure-decimal-comma', 0, None),
    ('figure-in-source-title', 0, None),
    ('figure-in-url', 0, None),
    ('figure-inside-longer-number', 1, "28:12: error: value 21 of fact 'trapped' is not stated in its quote"),
    ('figure-nbsp-thousands', 0, None),
    ('figure-not-in-archive', 1, "32:12: error: quote of fact 'trapped' is not in the archived text of 'figures'"),
    ('figure-range', 1, "28:12: error: value 20 of fact 'trapped' is not stated in its quote"),
    ('figure-space-thousands', 0, None),
    ('figure-unsourced-in-bullet', 1, "50:59: error: figure '300' has no source: use a {fact} or cite a [source] in the same sentence"),
    ('figure-wrong-unit', 1, "28:12: error: value 50% of fact 'trapped' is not stated in its quote"),
    ('template-binary', 1, 'templates/binary.yaml:1:1: error: character U+0000 is not allowed here (a control character or a non-character): remove it'),
    ('template-docx-damaged', 1, "templates/docx-damaged.yaml: error: docx_reference damaged.docx cannot be read as a Word document (XMLSyntaxError: Couldn't find end of Start Tag Types line 1, line 1, column 7 (<string>, line 1))"),
    ('template-docx-missing', 1, 'templates/docx-missing.yaml:16:17: error: docx_reference file not found: nothing.docx'),
    ('template-docx-not-zip', 1, 'templates/docx-not-zip.yaml:16:17: error: docx_reference must be a Word .docx file: not-zip.docx is not'),
    ('template-docx-zip-not-word', 1, 'templates/docx-zip-not-word.yaml:16:17: error: docx_reference must be a Word .docx file: zip-not-word.docx is not'),
    ('template-logo-outside', 1, "templates/logo-outside.yaml:15:7: error: logo lies outside the template's folder (.. or a symlink out): ../../../docs/raqqa-2017.png"),
    ('template-logo-truncated', 1, 'templates/logo-truncated.yaml:15:7: error: logo truncated.png cannot be used: the image is damaged (image file is truncated)'),
    ('template-missing', 1, "error: template 'nothing-here' not found"),
    ('template-path-escape', 1, "6:11: error: 'template' must name a file in templates/ without .yaml, not '../../etc/passwd'"),
    ('template-python-tag', 1, "templates/python-tag.yaml:4:7: error: unsupported YAML tag '!!python/object/apply:os.system': specs use plain YAML values only"),
    ('template-syntax', 1, 'templates/syntax.yaml:2:1: error: not valid YAML here: check the indentation, quotes and brackets on this line and the one before'),
    ('text-bidi-isolate-figure', 1, "48:52: error: character U+2067 RIGHT-TO-LEFT ISOLATE in 'text' could reorder the text around it, figures included: remove it"),
    ('text-bidi-override', 1, "24:23: error: character U+202E RIGHT-TO-LEFT OVERRIDE in 'label' could reorder the text around it, figures included: remove it"),
    ('text-c0-control', 1, "24:23: error: character U+0007 (a control character) in 'label' cannot be printed in a PDF or DOCX: remove it"),
    ('text-c1-control', 1, "24:23: error: character U+009B (a control character) in 'label' cannot be printed in a PDF or DOCX: remove it"),
    ('text-combining-marks', 0, None),
    ('text-direction-mark', 1, "48:45: error: character U+200F RIGHT-TO-LEFT MARK in 'text' is an invisible direction mark (pasted from Word or a web page): remove it; the sheet sets the direction of Arabic text itself"),
    ('text-emoji', 1, "24:48: error: character U+1F622 CRYING FACE in 'label' cannot be drawn: the sheet's fonts (Noto Sans, Noto Sans Arabic) cover Latin, Greek, Cyrillic and Arabic"),
    ('text-format-braces', 1, "48:47: error: unknown fact '0'"),
    ('text-hebrew', 1, "5:12: error: character U+05D3 HEBREW LETTER DALET in 'subtitle' cannot be drawn (7 more in this field): of the right-to-left scripts, Arabic is supported, Hebrew not yet"),
    ('text-html-markup', 0, None),
    ('text-lone-surrogate', 1, '24:25: error: this escape does not stand for a character that can be printed: write the character itself'),
    ('text-long-word-body', 1, "error: sections overflow the page by about 40 lines at 7.5 pt: cut about 35 words from 'Situation'"),
    ('text-long-word-title', 1, "5:11: error: 'subtitle' is 10,000 characters long: the limit is 200"),
    ('text-markdown-latex', 0, None),
    ('text-noncharacter', 1, "24:23: error: character U+FFFE (not a character) in 'label' cannot be printed in a PDF or DOCX: remove it"),
    ('text-right-to-left', 0, None),
    ('text-soft-hyphen-in-figure', 1, "48:47: error: character U+00AD SOFT HYPHEN in 'text' is invisible and stands next to a figure: remove it"),
    ('text-zero-width-in-figure', 1, "48:54: error: character U+200B ZERO WIDTH SPACE in 'text' is invisible and can hide or split a figure: remove it"),
    ('value-bool-for-label', 1, "24:12: error: 'label' must be text, not true/false"),
    ('value-bool-for-string', 1, "5:11: error: 'subtitle' must be text, not true/false"),
    ('value-date-for-text', 0, None),
    ('value-date-number', 1, "6:8: error: 'as_of' must be an ISO date (YYYY-MM-DD), not 20170825"),
    ('value-date-quoted', 0, None),
    ('value-date-word', 1, "6:8: error: 'as_of' must be an ISO date (YYYY-MM-DD), not 'yesterday'"),
    ('value-huge-float', 1, "23:12: error: 'value' must be a number, not '1e300'"),
    ('value-huge-int', 1, "23:12: error: 'value' is too large (more than 1,000,000,000,000,000)"),
    ('value-id-case-clash', 1, "28:9: error: fact id 'Trapped' is not a valid id: use lowercase letters, digits, - and _"),
    ('value-id-number', 1, "42:24: error: unknown fact 'casualty-increase'"),
    ('value-infinity', 1, "23:12: error: 'value' must be a finite number"),
    ('value-mapping-for-list', 1, "42:14: error: 'key_figures' must be a list, not a mapping"),
    ('value-nan', 1, "23:12: error: 'value' must be a finite number"),
    ('value-negative', 1, "23:12: error: value -20,000 of fact 'trapped' is not stated in its quote"),
    ('value-null-title', 1, "4:7: error: 'title' must be text, not empty"),
    ('value-quoted-number', 1, '23:12: error: YAML reads value: "20000" as text, not a number'),
    ('yaml-alias-bomb', 1, '2:1: error: the document expands to more than 50,000 values (too large, or an alias bomb): refused'),
    ('yaml-anchor-alias', 0, None),
    ('yaml-bad-indent', 1, '11:4: error: not valid YAML here: check the indentation, quotes and brackets on this line and the one before'),
    ('yaml-bom', 0, None),
    ('yaml-complex-key', 1, '5:3: error: a mapping key must be a plain word'),
    ('yaml-crlf', 0, None),
    ('yaml-deep-nesting', 1, '2:57: error: YAML nesting is too deep (more than 50 levels): refused'),
    ('yaml-duplicate-key-fact', 1, "24:5: error: duplicate key 'value' (first at line 23)"),
    ('yaml-duplicate-key-top', 1, "7:1: error: duplicate key 'as_of' (first at line 6)"),
    ('yaml-empty-file', 1, '1:1: error: the file is empty'),
    ('yaml-merge-key', 1, '14:5: error: merge keys (<<) are not supported: write the keys out in full'),
    ('yaml-not-utf8', 1, '5:43: error: not UTF-8 text: byte 0xe9 cannot be read; save the spec as UTF-8'),
    ('yaml-nul-byte', 1, '5:23: error: character U+0000 is not allowed here (a control character or a non-character): remove it'),
    ('yaml-only-comments', 1, '1:1: error: the file is empty'),
    ('yaml-tab-indent', 1, '24:1: error: a tab indents this line: YAML indents with spaces only'),
    ('yaml-tag-binary', 1, "5:11: error: unsupported YAML tag '!!binary': specs use plain YAML values only"),
    ('yaml-tag-local', 1, "5:11: error: unsupported YAML tag '!include': specs use plain YAML values only"),
    ('yaml-tag-omap', 1, "5:11: error: unsupported YAML tag '!!omap': specs use plain YAML values only"),
    ('yaml-tag-python-name', 1, "5:11: error: unsupported YAML tag '!!python/name:os.system': specs use plain YAML values only"),
    ('yaml-tag-python-object', 1, "5:11: error: unsupported YAML tag '!!python/object/apply:os.system': specs use plain YAML values only"),
    ('yaml-tag-set', 1, "5:11: error: unsupported YAML tag '!!set': specs use plain YAML values only"),
    ('yaml-tag-verbatim', 1, "5:11: error: unsupported YAML tag 'tag:example.com,2000:app/x': specs use plain YAML values only"),
    ('yaml-two-documents', 1, '53:1: error: a spec is one YAML document: remove this line, or move what follows it into a spec of its own'),
    ('yaml-unclosed-quote', 1, '4:8: error: this quoted value is not closed: add the closing " at the end'),
]


def build(folder: Path, *argv) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", *map(str, argv)], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("adversarial")
    shutil.copytree(CORPUS, folder, dirs_exist_ok=True)
    return folder


def first_error(output: str, name: str, folder: Path):
    for line in output.replace(f"{folder}/", "").splitlines():
        line = line.strip()
        if ": error: " in line or "overflow the page" in line:
            return line[len(name) + 1:].lstrip() if line.startswith(f"{name}:") else line
    return None


def test_the_corpus_is_large_and_every_input_has_a_row():
    names = sorted(p.stem for p in CORPUS.glob("*.yaml"))
    assert names == sorted(row[0] for row in CASES)
    assert len(CASES) + len(GENERATED) >= 60


@pytest.mark.parametrize("name, code, error", CASES, ids=[row[0] for row in CASES])
def test_adversarial_input(corpus, name, code, error):
    out_dir = corpus / "out" / name
    got, out, err = build(corpus, corpus / f"{name}.yaml", "--out", out_dir)
    assert "Traceback" not in out + err and "internal error" not in out + err
    assert (got, first_error(out, f"{name}.yaml", corpus)) == (code, error)
    sheets = sorted(p.name for p in out_dir.glob("*") if p.suffix in (".pdf", ".docx"))
    assert sheets == ([f"{name}.docx", f"{name}.pdf"] if code == 0 else [])
    if code == 0:
        assert len(PdfReader(out_dir / f"{name}.pdf").pages) == 1


def test_every_input_says_what_it_is():
    for path in CORPUS.glob("*.yaml"):
        first = path.read_bytes().split(b"\n")[0]
        assert first.startswith((b"# ", b"\xef\xbb\xbf# ")) or path.stat().st_size == 0, path.name


def test_markup_in_every_field_is_printed_as_written(corpus):
    out_dir = corpus / "out" / "markup"
    for name in ("text-html-markup", "text-markdown-latex"):
        assert build(corpus, corpus / f"{name}.yaml", "--out", out_dir)[0] == 0
    pdf = PdfReader(out_dir / "text-html-markup.pdf").pages[0].extract_text()
    # the tagged PDF shows a space where a line breaks at one: read lines as words
    assert "<b>bold</b> <script>alert('x')</script> &amp; <font color=red>big</font>" in " ".join(pdf.split())
    from docx import Document
    from docx.oxml.ns import qn
    body = Document(out_dir / "text-markdown-latex.docx").element.body
    docx = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    assert "**bold** _it_ \\textbf $x$ %s {literal} \\n" in docx


# -- inputs made here: too big for git, symlinks, folders with odd permissions ----------------
BASE_SPEC = CORPUS / "yaml-crlf.yaml"   # any valid input of the corpus


def _valid_spec(folder: Path, archive: str = "sources/voa-2017-08-25.txt") -> Path:
    text = BASE_SPEC.read_bytes().decode("utf-8").replace("\r\n", "\n")
    path = folder / "spec.yaml"
    path.write_text(text.replace("archive: sources/voa-2017-08-25.txt", f"archive: {archive}"),
                    encoding="utf-8")
    return path


def test_50_mb_spec_is_refused_quickly(corpus):
    path = corpus / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(b"title: " + b"x" * (50 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    code, out, _ = build(corpus, path, "--out", corpus / "out" / "huge")
    seconds = time.perf_counter() - started
    assert code == 1
    assert f"huge.yaml:1:1: error: file is larger than {limits.MAX_SPEC_BYTES // 1000:,} kB: refused" in out
    # not a timing assertion: a refusal that read or parsed 50 MB would take many seconds
    assert seconds < 30


def test_enormous_archive_is_refused(corpus):
    big = corpus / "sources" / "enormous.txt"
    with open(big, "wb") as handle:   # sparse: costs no disk
        handle.truncate(limits.MAX_ARCHIVE_BYTES + 1)
    code, out, _ = build(corpus, _valid_spec(corpus, "sources/enormous.txt"), "--out", corpus / "out" / "e")
    assert code == 1
    assert f"spec.yaml:19:14: error: archive is larger than {limits.MAX_ARCHIVE_BYTES // 1_000_000} MB: " \
           "sources/enormous.txt" in out


@pytest.mark.parametrize("target", ["/etc/hostname", "../outside.txt"])
def test_archive_symlinked_out_of_the_folder_is_refused(tmp_path, target):
    shutil.copytree(CORPUS, tmp_path / "specs")
    (tmp_path / "outside.txt").write_text("saying that 20,000 civilians trapped by ISIS were at risk "
                                          "from airstrikes", encoding="utf-8")
    link = tmp_path / "specs" / "sources" / "link.txt"
    link.symlink_to(target if target.startswith("/") else tmp_path / "outside.txt")
    code, out, _ = build(tmp_path, _valid_spec(tmp_path / "specs", "sources/link.txt"),
                         "--out", tmp_path / "out")
    assert code == 1
    assert "spec.yaml:19:14: error: archive lies outside the spec's folder (.. or a symlink out): " \
           "sources/link.txt" in out


def test_output_folder_that_is_a_file(corpus):
    (corpus / "a-file").write_text("not a folder")
    code, out, err = build(corpus, _valid_spec(corpus), "--out", corpus / "a-file")
    assert (code, out) == (2, "")
    assert err == f"factsheet: --out {corpus / 'a-file'}: is a file, not a folder\n"
    code, _, err = build(corpus, _valid_spec(corpus), "--out", corpus / "a-file" / "below")
    assert code == 2 and err.endswith("cannot write to this folder: a file is in the way\n")


def test_missing_output_folder_is_created(corpus):
    out_dir = corpus / "out" / "not" / "yet" / "there"
    assert build(corpus, _valid_spec(corpus), "--out", out_dir)[0] == 0
    assert (out_dir / "spec.pdf").is_file()


def test_read_only_output_folder(corpus, monkeypatch):
    out_dir = corpus / "read-only"
    out_dir.mkdir()
    out_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.geteuid() == 0:
        # root writes anywhere; make the folder refuse writes as it would for anyone else
        import tempfile
        def refused(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    try:
        code, out, err = build(corpus, _valid_spec(corpus), "--out", out_dir)
    finally:
        out_dir.chmod(stat.S_IRWXU)
    assert (code, out) == (2, "")
    assert err == f"factsheet: --out {out_dir}: cannot write to this folder: permission denied\n"
    assert list(out_dir.iterdir()) == []


def test_no_network_while_validating_or_building(corpus, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("factsheet tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    assert main(["validate", str(_valid_spec(corpus))], io.StringIO(), io.StringIO()) == 0
    assert build(corpus, _valid_spec(corpus), "--out", corpus / "out" / "offline", "--force")[0] == 0


GENERATED = [test_50_mb_spec_is_refused_quickly, test_enormous_archive_is_refused,
             test_archive_symlinked_out_of_the_folder_is_refused,   # two inputs
             test_archive_symlinked_out_of_the_folder_is_refused,
             test_output_folder_that_is_a_file, test_missing_output_folder_is_created,
             test_read_only_output_folder]
