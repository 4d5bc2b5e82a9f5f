"""The PDF that archives accept and screen readers read (issue 15): every example sheet is
PDF/A-2b by pikepdf's validator, tagged, its structure tree in the sheet's reading order
(`pdfinfo -struct-text`), its text extracted as its words with spaces (`pdftotext`), passing
the `pdfua` checker's machine checks; `embed_sources` gives PDF/A-3b carrying the spec and its
archives; `pdfa: false` gives the plain ReportLab file; the page looks the same either way."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import pdfa

from factsheet.build.sheet import build_sheet
from factsheet.layout.fit import fit_page
from factsheet.layout.geometry import ChartBox, ChartText, Fill, Icon, Rule, TextBox
from factsheet.sheet import evidence
from factsheet.sheet.evidence import evidence_files
from factsheet.sheet.model import plain_text
from factsheet.theme.template import BUILTIN_DIR, load_template
from fixture_specs import ORG_TEMPLATES, RAQQA, ROOT, checked, long_sheet, with_produced

EPOCH = "1503705600"                      # 2017-08-26 00:00:00 UTC
EXAMPLES = {path.stem: path
            for path in [RAQQA, *sorted(p for p in (ROOT / "specs" / "examples").glob("*.yaml") if "." not in p.stem)]}
CASES = [*EXAMPLES, "branded", "continued"]   # with the logo; a bullet divided between columns
POPPLER = pytest.mark.skipif(shutil.which("pdfinfo") is None,
                             reason="poppler-utils (pdfinfo, pdftotext) is not installed")


def sheet_and_template(case, folder):
    if case == "branded":
        return with_produced(checked(RAQQA)), load_template(ORG_TEMPLATES / "branded.yaml")
    if case == "continued":
        return with_produced(long_sheet(folder / "specs", 15)), load_template("default")
    return with_produced(checked(EXAMPLES[case])), load_template("default")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """case -> (sheet, layout, pdf path), built once with SOURCE_DATE_EPOCH set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        cases = {}
        for case in CASES:
            folder = tmp_path_factory.mktemp(case)
            sheet, template = sheet_and_template(case, folder)
            [pdf] = build_sheet(sheet, template, folder / "out", formats=("pdf",))
            cases[case] = (sheet, fit_page(sheet, template), pdf)
        return cases


def words(text: str) -> str:
    """Text with every run of white space (no-break spaces too) as one space."""
    return " ".join(text.split())


def failures(report) -> str:
    return "\n".join(str(finding) for finding in report.findings)


@pytest.mark.parametrize("case", CASES)
def test_every_example_sheet_is_pdfa_2b_by_pikepdfs_validator(built, case):
    report = pdfa.validate_written(built[case][2], "2b")
    assert report.passed, failures(report)


@pytest.mark.parametrize("case", CASES)
def test_the_catalogue_says_tagged_language_and_title_as_window_title(built, case):
    sheet, _, path = built[case]
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == sheet.language
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert root.StructTreeRoot.K.S == "/Document"
        assert pdf.pages[0].obj.Tabs == "/S" and pdf.pages[0].obj.StructParents == 0
        assert "/Trans" not in pdf.pages[0].obj


def test_xmp_metadata_names_title_language_author_subject_keywords_and_fixed_dates(built):
    sheet, _, path = built["raqqa-2017"]
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == sheet.title_text
        assert meta["dc:language"] == {"en"}
        assert meta["dc:creator"] == ["Humanitarian Information Unit"]
        assert meta["dc:description"] == "Humanitarian fact sheet"
        assert meta["dc:subject"] == {"Raqqa, Syria"} and meta["pdf:Keywords"] == "Raqqa, Syria"
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == meta["xmp:MetadataDate"] \
            == "2017-08-26T00:00:00+00:00"
        assert str(pdf.docinfo.Title) == sheet.title_text
        assert str(pdf.docinfo.Author) == "Humanitarian Information Unit"


def test_rebuilds_are_byte_identical_whatever_the_time_zone(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    sheet, template = sheet_and_template("raqqa-2017", tmp_path)
    first = build_sheet(sheet, template, tmp_path / "a", formats=("pdf",))[0].read_bytes()
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        second = build_sheet(sheet, template, tmp_path / "b", formats=("pdf",))[0].read_bytes()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert first == second


# -- the structure tree, as a reader meets it -----------------------------------------------

def struct_text(path) -> list:
    """(depth, role or '"text"') lines of `pdfinfo -struct-text`."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return [(len(line) - len(line.lstrip()), line.strip())
            for line in out.splitlines() if line.strip()]


def leaves(path) -> list:
    """The text of each element that stands for one box (a heading, a paragraph, a list item
    of the sections or the sources), in the tree's order, its citations included."""
    root = {"role": "", "children": []}
    stack = [(-1, root)]
    for depth, content in struct_text(path):
        while stack[-1][0] >= depth:
            stack.pop()
        node = {"role": content.split(" ")[0], "children": [], "text": ""}
        if content.startswith('"'):
            node["role"], node["text"] = "text", content[1:-1]
        stack[-1][1]["children"].append(node)
        stack.append((depth, node))

    def text(node):   # a citation, its own Span element, as its /ActualText reads it
        inner = node["text"] + "".join(text(child) for child in node["children"])
        return f" [{inner.strip()}]" if node["role"] == "Span" else inner

    def has_paragraph(node):
        return any(c["role"] in ("P", "H1", "H2") or has_paragraph(c) for c in node["children"])

    found = []

    def walk(node):
        if node["role"] in ("P", "H1", "H2") or (node["role"] == "LI" and not has_paragraph(node)):
            found.append(words(text(node)))
        else:
            for child in node["children"]:
                walk(child)
    walk(root)
    return found


def expected_leaves(layout, cite="{}", charts=False) -> list:
    """The text of each box in drawing order, as ReportLab sets it: a citation marker after a
    space (written as `cite` says), a bullet or a source's number before one; a paragraph
    divided between the columns is one element."""
    texts = []
    for item in layout.items:
        if isinstance(item, ChartBox) and charts:   # its labels, drawn inside its Figure
            texts.append(" ".join(m.text for m in item.marks if isinstance(m, ChartText)))
            continue
        if not isinstance(item, TextBox):
            continue
        text = "".join(cite.format(s.text) if s.kind == "cite" else s.text for s in item.inline)
        if item.bullet:
            text = f"{item.bullet} {text}{item.link or ''}"
        if item.role in ("paragraph", "bullet") and not item.bullet and texts \
                and layout.split_words and item.x > layout.margin_left + layout.column_width:
            texts[-1] += " " + text
            continue
        texts.append(text)
    return [words(t) for t in texts]


@POPPLER
@pytest.mark.parametrize("case", CASES)
def test_the_structure_tree_holds_every_box_as_its_words_in_order(built, case):
    _, layout, path = built[case]
    assert leaves(path) == expected_leaves(layout, cite="[{}]")


@POPPLER
@pytest.mark.parametrize("case", list(EXAMPLES))
def test_the_structure_tree_reads_in_the_sheets_order(built, case):
    """Header, key figures, sections, sources, footer: what the sheet says, in its order."""
    sheet, _, path = built[case]
    expected = [sheet.title_text]
    for figure in sheet.key_figures:
        expected += [figure.number, plain_text(figure.label)]
    for section in sheet.sections:
        expected += [plain_text(section.heading), *(plain_text(p) for p in section.paragraphs),
                     *(plain_text(b) for b in section.bullets)]
    expected += ["Sources", *(r.source.title for r in sheet.references), "Produced"]
    text = re.sub(r" \[[\d,]+\]", "", " | ".join(leaves(path))).lower()
    position = 0
    for wanted in expected:
        start = " ".join(words(wanted).lower().split(" ")[:4])
        found = text.find(start, position)
        assert found >= 0, f"{start!r} is not after position {position} in {text[position:]!r}"
        position = found + len(start)


@POPPLER
def test_the_structure_groups_the_page(built):
    lines = struct_text(built["nes-flash-update-2019-10"][2])
    lines = [(depth, role.replace(" (block)", "").replace(" (inline)", ""))
             for depth, role in lines]
    parts = [role for depth, role in lines if depth == 2]
    sheet = built["nes-flash-update-2019-10"][0]
    assert parts == ["Sect", "L", *["Sect"] * len(sheet.sections), "Sect", "Div"]
    figure_items = [role for depth, role in lines if depth == 4 and role == "LI"]
    assert len(figure_items) == len(sheet.key_figures)
    assert sum(role == "H2" for _, role in lines) == len(sheet.sections) + 1
    assert sum(role == "Link" for _, role in lines) == \
        sum(1 for r in sheet.references if r.source.url)


def test_decoration_is_marked_as_artifacts_and_all_else_is_in_the_tree(built):
    _, layout, path = built["branded"]
    with pikepdf.open(path) as pdf:
        marked = [operands for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
                  if str(op) == "BDC"]
        root = pdf.Root.StructTreeRoot
        by_mcid = list(root.ParentTree.Nums[1])
        figures = [e for e in _elements(root.K) if e.S == "/Figure"]
        mcids = [int(props.MCID) for tag, props in marked if tag != "/Artifact"]
        assert mcids == list(range(len(by_mcid)))
        assert all(mcid in _kids(by_mcid[mcid]) for mcid in mcids)
    decoration = sum(isinstance(item, (Fill, Rule)) or isinstance(item, Icon) and item.decorative
                     for item in layout.items)
    assert sum(tag == "/Artifact" for tag, _ in marked) == decoration
    assert [str(f.Alt) for f in figures] == ["Humanitarian Information Unit logo"]


def _kids(element) -> list:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(element):
    yield element
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield from _elements(kid)


def test_each_citation_marker_is_its_own_element_read_as_a_citation(built):
    _, layout, path = built["raqqa-2017"]
    with pikepdf.open(path) as pdf:
        spans = [str(e.ActualText) for e in _elements(pdf.Root.StructTreeRoot.K) if e.S == "/Span"]
    cites = [f" [{span.text}]" for item in layout.items if isinstance(item, TextBox)
             for span in item.inline if span.kind == "cite"]
    assert spans == cites and " [2]" in spans


def test_link_annotations_are_tagged_and_described(built):
    with pikepdf.open(built["chad-adre-2023"][2]) as pdf:
        annots = list(pdf.pages[0].Annots)
        parents = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2))
        assert annots
        for annot in annots:
            link = parents[int(annot.StructParent)]
            assert link.S == "/Link" and _kids(link)[0].Obj.objgen == annot.objgen
            assert str(annot.Contents) == str(annot.A.URI)


# -- the text, as copied or extracted ----------------------------------------------------------

@POPPLER
@pytest.mark.parametrize("case", CASES)
def test_extracted_text_is_the_sheets_words_with_spaces(built, case):
    _, layout, path = built[case]
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    expected = " ".join(expected_leaves(layout, cite="[{}]", charts=True))
    text = ""
    for line in filter(None, map(words, raw.splitlines())):
        # a line breaks at a space, or inside a web address: pdftotext cannot tell which
        joined = text and expected.startswith(text + line)
        text = text + line if joined else f"{text} {line}".strip()
    assert text == expected


@POPPLER
@pytest.mark.parametrize("case", list(EXAMPLES))
def test_every_figure_extracts_as_itself(built, case):
    """'autumn 2016' and its citation 2 never read as '20162'."""
    sheet, _, path = built[case]
    raw = words(subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                               capture_output=True, text=True).stdout)
    figures = [f.number for f in sheet.key_figures] + [f.text for f in sheet.cited_figures]
    for figure in figures:
        assert re.search(rf"(?<![\w,.]){re.escape(words(figure))}(?![\w%])", raw), figure


# -- what the pdfua checker says ---------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_pdfua_finds_nothing_but_the_missing_pdfua_claim(built, case):
    """We do not claim PDF/UA-1 (veraPDF, which checks all of it, cannot be installed here), so
    the only finding allowed is the XMP's missing pdfuaid:part."""
    import pdfua

    report = pdfua.validate(str(built[case][2]))
    assert [f.rule_id for f in report.findings] == ["UA-28-004"], failures(report)
    assert not report.skipped and len(report.outcomes) >= 12   # every rule it has ran


# -- the options ---------------------------------------------------------------------------

def _template(folder: Path, extra: str) -> Path:
    path = folder / "templates" / "default.yaml"
    path.parent.mkdir(parents=True)
    default = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")
    path.write_text(f"{default}\n{extra}\n", encoding="utf-8")
    return path


def test_embed_sources_gives_pdfa_3b_carrying_the_spec_and_its_archives(built, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    sheet = with_produced(checked(RAQQA))
    template = load_template(_template(tmp_path, "embed_sources: true"))
    [path] = build_sheet(sheet, template, tmp_path / "out", formats=("pdf",))
    report = pdfa.validate_written(path, "3b")
    assert report.passed, failures(report)
    listed = subprocess.run(["pdfdetach", "-list", str(path)], check=True, capture_output=True,
                            text=True).stdout if shutil.which("pdfdetach") else ""
    names = ["raqqa-2017.yaml", "sources/independent-2017-06-06.txt", "sources/voa-2017-08-25.txt"]
    if listed:
        assert listed.splitlines()[1:] == [f"{n}: {name}" for n, name in enumerate(names, 1)]
    with pikepdf.open(path) as pdf:
        assert [str(spec.F) for spec in pdf.Root.AF] == names
        assert all(spec.AFRelationship == "/Source" for spec in pdf.Root.AF)
        for spec, name in zip(pdf.Root.AF, names):
            assert spec.EF.F.read_bytes() == (RAQQA.parent / name).read_bytes()
        assert pdf.open_metadata()["pdfaid:part"] == "3"
    assert path.read_bytes() != built["raqqa-2017"][2].read_bytes()


def test_what_travels_is_evidence_files_and_nothing_else(tmp_path, monkeypatch):
    """A public edition filters evidence_files: what it leaves out is not attached."""
    sheet = with_produced(checked(RAQQA))
    kept = [f for f in evidence_files(sheet) if "voa" not in f.name]
    monkeypatch.setattr(evidence, "evidence_files", lambda s: tuple(kept))
    template = load_template(_template(tmp_path, "embed_sources: true"))
    [path] = build_sheet(sheet, template, tmp_path / "out", formats=("pdf",))
    with pikepdf.open(path) as pdf:
        assert [str(spec.F) for spec in pdf.Root.AF] == [f.name for f in kept]


def test_pdfa_false_writes_reportlabs_plain_file_and_the_page_looks_the_same(built, tmp_path):
    import pypdfium2

    sheet = built["raqqa-2017"][0]
    template = load_template(_template(tmp_path, "pdfa: false"))
    [path] = build_sheet(sheet, template, tmp_path / "out", formats=("pdf",))
    with pikepdf.open(path) as pdf:
        assert "/Metadata" not in pdf.Root and "/StructTreeRoot" not in pdf.Root
        assert b"BDC" not in pdf.pages[0].Contents.read_bytes()
    pictures = []
    for pdf_path in (path, built["raqqa-2017"][2]):
        document = pypdfium2.PdfDocument(str(pdf_path))
        pictures.append(document[0].render(scale=1.5).to_pil().tobytes())
        document.close()
    assert pictures[0] == pictures[1]
