"""An accessibility checker for the DOCX, on the package's XML (not on our writer's code).

`check_docx(path)` lists what a screen reader user or an accessibility checker would trip on,
one problem a string, empty when there is none:

- the core properties name the document's title (dc:title) and language (dc:language);
- every picture has alt text (wp:docPr/@descr) or is marked decorative (adec:decorative);
- headings nest: at most one Title, first; then Heading 1, and no level is ever skipped;
- no heading is empty;
- every table says what it is (w:tblCaption or w:tblDescription), and a table whose first row
  is styled as a header (w:tblLook firstRow) marks that row as one (w:tblHeader).

`reading_order(path)` gives the text of every paragraph in the order a reader meets it.
"""
from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W,
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "dc": "http://purl.org/dc/elements/1.1/"}
_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_HEADING = re.compile(r"heading ([1-9])")


def _part(package, source: str, rel_type: str):
    """The part `source` relates to with `rel_type` (by the package's relationships), or None."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in package.namelist():
        return None
    for rel in etree.fromstring(package.read(rels)).iterfind("rel:Relationship", NS):
        if rel.get("Type") == rel_type:
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target"))).lstrip("/")
            return etree.fromstring(package.read(target))
    return None


def _text(p) -> str:
    read = {f"{{{W}}}tab": " ", f"{{{W}}}noBreakHyphen": "-"}
    return "".join(read.get(child.tag, child.text or "")
                   for child in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}noBreakHyphen"))


def _own_text(p) -> str:
    """A paragraph's text without that of the paragraphs inside it (a chart's text boxes, each
    read in its own turn)."""
    read = {f"{{{W}}}tab": " ", f"{{{W}}}noBreakHyphen": "-"}
    return "".join(read.get(child.tag, child.text or "")
                   for child in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}noBreakHyphen")
                   if next(child.iterancestors(f"{{{W}}}p")) is p)


def _levels(styles) -> dict:
    """Paragraph style id -> 0 for Title, n for Heading n; other styles are not headings. A
    style's outline level counts too (a custom heading style is a heading)."""
    levels = {}
    if styles is None:
        return levels
    for style in styles.iterfind("w:style[@w:type='paragraph']", NS):
        name_element = style.find("w:name", NS)
        name = "" if name_element is None else name_element.get(f"{{{W}}}val", "").lower()
        outline = style.find("w:pPr/w:outlineLvl", NS)
        match = _HEADING.fullmatch(name)
        if name == "title":
            levels[style.get(f"{{{W}}}styleId")] = 0
        elif match:
            levels[style.get(f"{{{W}}}styleId")] = int(match.group(1))
        elif outline is not None and int(outline.get(f"{{{W}}}val")) < 9:
            levels[style.get(f"{{{W}}}styleId")] = int(outline.get(f"{{{W}}}val")) + 1
    return levels


def _open(path):
    """(core properties, document, styles) of the package at `path`, found by relationships."""
    with zipfile.ZipFile(path) as package:
        core = _part(package, "", _CORE)
        document_name = None
        for rel in etree.fromstring(package.read("_rels/.rels")).iterfind("rel:Relationship", NS):
            if rel.get("Type") == _OFFICE_DOCUMENT:
                document_name = rel.get("Target").lstrip("/")
        document = etree.fromstring(package.read(document_name))
        styles = _part(package, document_name, _STYLES)
    return core, document, styles


def headings(path) -> list:
    """(level, text) of every heading of the body in order: 0 for the Title, n for Heading n."""
    _, document, styles = _open(path)
    levels, found = _levels(styles), []
    for p in document.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        level = levels.get(style.get(f"{{{W}}}val")) if style is not None else None
        if level is not None:
            found.append((level, _text(p).strip()))
    return found


def check_docx(path) -> list:
    """Every accessibility problem found in the DOCX at `path` (see the module's docstring)."""
    problems = []
    core, document, _ = _open(path)
    if core is None:
        problems.append("no core properties part")
    else:
        for field in ("title", "language"):
            if not (core.findtext(f"dc:{field}", namespaces=NS) or "").strip():
                problems.append(f"core properties: no dc:{field}")

    for number, doc_pr in enumerate(document.iter(f"{{{NS['wp']}}}docPr"), 1):
        decorative = doc_pr.find("a:extLst/a:ext/adec:decorative", NS)
        if not (doc_pr.get("descr") or "").strip() and (decorative is None
                                                         or decorative.get("val") not in ("1", "true")):
            problems.append(f"picture {number} ({doc_pr.get('name')}): no alt text and not marked decorative")

    previous, titles = None, 0
    for level, text in headings(path):
        if not text:
            problems.append(f"an empty heading (level {level})")
        if level == 0:
            titles += 1
            if titles > 1 or previous is not None:
                problems.append(f"a Title that is not the document's first heading: {text!r}")
        elif level > (previous if previous is not None else 0) + 1:
            problems.append(f"heading level {level} after level {previous or 0} skips a level: {text!r}")
        previous = level

    for number, tbl in enumerate(document.iter(f"{{{W}}}tbl"), 1):
        described = [tbl.find(f"w:tblPr/w:{tag}", NS) for tag in ("tblCaption", "tblDescription")]
        if not any(d is not None and (d.get(f"{{{W}}}val") or "").strip() for d in described):
            problems.append(f"table {number}: no caption or description (w:tblCaption, w:tblDescription)")
        look = tbl.find("w:tblPr/w:tblLook", NS)
        header_look = look is not None and look.get(f"{{{W}}}firstRow") in ("1", "true")
        first_row = tbl.find("w:tr", NS)
        marked = first_row is not None and first_row.find("w:trPr/w:tblHeader", NS) is not None
        if header_look and not marked:
            problems.append(f"table {number}: styled with a header row that is not marked w:tblHeader")
    return problems


def reading_order(path) -> list:
    """The text of each non-empty paragraph of the body then the footers, in document order."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        body = etree.fromstring(package.read("word/document.xml"))
        footers = [etree.fromstring(package.read(n)) for n in names
                   if re.fullmatch(r"word/footer\d*\.xml", n)]
    texts = [_own_text(p).replace("\u00a0", " ") for root in (body, *footers) for p in root.iter(f"{{{W}}}p")]
    return [t for t in texts if t.strip()]
