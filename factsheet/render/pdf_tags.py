"""Tagged PDF: each layout item's structure role, its marked content, and the structure tree.

While ReportLab draws, `Marks` wraps every item in marked content: text and the logo as
`/P <</MCID n>> BDC ... EMC` (with the words as a reader should hear them as /ActualText),
decoration as `/Artifact`. The markers change no pixel. Afterwards `add_structure` builds
the structure tree in reading order with pikepdf: header, key figures (one list item each:
qualifier, number, label and its source), sections (heading, paragraphs, a list of bullets),
the sources as a list (their links tagged), the footer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout.geometry import Fill, Picture, Rule, TextBox
from .accessible import logo_alt, reading_text


@dataclass(frozen=True)
class Tag:
    """What a drawn item is to a reader: a standard structure type in a part of the page."""
    role: str                 # 'P', 'H1', 'H2', 'LI', 'Figure'
    part: str                 # 'header', 'figures', 'section', 'sources', 'footer'
    text: str | None = None   # /ActualText: the words as a reader hears them
    alt: str | None = None    # /Alt of a figure
    lang: str | None = None   # /Lang where it differs from the document's
    kind: str = ""            # the layout's role of a text box: 'qualifier', 'number', 'label'


# A TextBox's role -> (structure type, part of the page).
_TEXT_ROLES = {
    "organisation": ("P", "header"), "title": ("H1", "header"), "subtitle": ("P", "header"),
    "meta": ("P", "header"),
    "qualifier": ("P", "figures"), "number": ("P", "figures"), "label": ("P", "figures"),
    "heading": ("H2", "section"), "paragraph": ("P", "section"), "bullet": ("LI", "section"),
    "sources": ("H2", "sources"), "source": ("LI", "sources"),
    "disclaimer": ("P", "footer"), "footer": ("P", "footer"), "footer-right": ("P", "footer"),
}


def _text_tag(box, sheet, layout):
    role, part = _TEXT_ROLES[box.role]
    return Tag(role, part, text=reading_text(box), lang=getattr(box, "lang", None), kind=box.role)


def _logo_tag(picture, sheet, layout):
    alt = logo_alt(sheet, layout.template)
    return Tag("Figure", "header", alt=alt) if alt else None


# The one place a kind of layout item gets its tag: None marks it decoration (an artifact).
# A new kind of item is one line: e.g. `Chart: lambda c, s, l: Tag("Figure", "section", alt=c.alt)`.
TAGGERS = {
    TextBox: _text_tag,
    Picture: _logo_tag,
    Fill: lambda item, sheet, layout: None,    # the band and the key figure tiles
    Rule: lambda item, sheet, layout: None,    # heading and footer rules
}


def tag_of(item, sheet, layout):
    """The item's Tag, or None for decoration."""
    return TAGGERS[type(item)](item, sheet, layout)


def _pdf_string(text: str) -> str:
    """A PDF text string as hex UTF-16BE with its byte order mark: any script, no escaping."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


@dataclass
class Marks:
    """Marked content around each drawn item, and what each marked-content id stands for."""
    canvas: object
    tags: list = field(default_factory=list)      # Tag per MCID, in drawing order
    continued: set = field(default_factory=set)   # MCIDs that continue the previous element

    def begin(self, item, sheet, layout, continues: bool = False) -> None:
        tag = tag_of(item, sheet, layout)
        if tag is None:
            self.canvas.addLiteral("/Artifact <</Type /Layout>> BDC")
            self._closing = "EMC"
            return
        self._start = len(self.canvas._code)
        mcid = len(self.tags)
        if continues:
            self.continued.add(mcid)
        self.tags.append(tag)
        self.canvas.addLiteral(f"/{tag.role} <</MCID {mcid}>> BDC")
        self._closing = "EMC"

    def end(self) -> None:
        code = self.canvas._code
        start = getattr(self, "_start", len(code))
        if len(code) > start:   # the item's drawing as one piece: a bullet and its text are two
            code[start:] = [space_line_ends("\n".join(code[start:]))]
        self._start = len(code)
        self.canvas.addLiteral(self._closing)


# a font selection, or where a line ends with more text to come: a line break (T*) before more
# text of the same text object, or the end of a text object (the bullet's) before another one
_TEXT_STEP = re.compile(r"/(F\d+)\+(\d+) ([\d.]+) Tf|T\*(?=(?:(?!ET)[^(])*\()|ET(?=\s*BT)")


def space_line_ends(code: str) -> str:
    """ReportLab's text with a space shown where a line ends and more text follows (and after
    a bullet or a source's number): text read from the structure (screen readers, `pdfinfo
    -struct-text`) then has a space between the words either side of a line break. A space
    draws nothing, and the next line starts from the line's start (T*, or a new text object),
    so no pixel moves. It is shown in the first subset of a font, whose codes are ASCII's; a
    line that ends in another subset's font (a non-ASCII last word) is left as it is."""
    out, last, subset = [], 0, None
    for match in _TEXT_STEP.finditer(code):
        if match.group(1):
            subset = match.group(2)
        elif subset == "0" and not code[:match.start()].rstrip().endswith(" ) Tj"):
            out.append(code[last:match.start()] + "( ) Tj ")
            last = match.start()
    return "".join(out) + code[last:]


# -- the structure tree ----------------------------------------------------------------------

@dataclass
class _Node:
    role: str
    children: list = field(default_factory=list)   # _Node or MCID (int)
    tag: Tag | None = None


_CONTAINERS = {"header": "Sect", "figures": "L", "section": "Sect", "sources": "Sect",
               "footer": "Div"}


def reading_tree(tags, continued=frozenset()) -> _Node:
    """The elements in reading order: drawing order, grouped into the page's parts. A key
    figure starts at its qualifier, or at its number when it has none; consecutive list items
    share one list; an MCID in `continued` (a paragraph divided between the columns) joins the
    element before it."""
    root = _Node("Document")
    part = container = items = leaf = None
    previous = ""
    for mcid, tag in enumerate(tags):
        if mcid in continued and leaf is not None:
            leaf.children.append(mcid)
            continue
        if tag.part != part or (part == "section" and tag.role == "H2"):
            part, items = tag.part, None
            container = _Node(_CONTAINERS[part])
            root.children.append(container)
        leaf = _Node(tag.role, [mcid], tag)
        if part == "figures":
            if tag.kind == "qualifier" or (tag.kind == "number" and previous != "qualifier"):
                container.children.append(_Node("LI", [_Node("LBody")]))
            container.children[-1].children[0].children.append(leaf)
        elif tag.role == "LI":
            if items is None:
                items = _Node("L")
                container.children.append(items)
            leaf.role = "LBody"
            items.children.append(_Node("LI", [leaf]))
        else:
            items = None
            container.children.append(leaf)
        previous = tag.kind
    return root


def add_structure(pdf, marks: Marks, links: list, language: str) -> None:
    """Give the pikepdf document `pdf` (one page, drawn with `marks`) its structure tree, parent
    tree and the catalogue entries of a tagged PDF. `links` holds, per link annotation on the
    page in order, the MCID of the element it belongs to (a source)."""
    from pikepdf import Array, Dictionary, Name, String

    page = pdf.pages[0].obj
    root_elem = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_mcid = [None] * len(marks.tags)

    def build(node, parent):
        elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role),
                                            P=parent))
        kids = Array()
        for child in node.children:
            if isinstance(child, int):
                by_mcid[child] = elem
                kids.append(child)
            else:
                kids.append(build(child, elem))
        if any(isinstance(c, int) for c in node.children):
            elem.Pg = page
        tag = node.tag
        if tag is not None:
            if tag.alt:
                elem.Alt = String(tag.alt)
            if tag.text is not None:
                elem.ActualText = String(tag.text)
            if tag.lang:
                elem.Lang = String(tag.lang)
        elem.K = kids
        return elem

    document = build(reading_tree(marks.tags, marks.continued), root_elem)
    nums = Array([0, Array(by_mcid)])
    annots = page.get("/Annots", Array())
    for number, (annot, mcid) in enumerate(zip(annots, links), start=1):
        owner = by_mcid[mcid]
        link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=owner, Pg=page))
        link.K = Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)])
        owner.K.append(link)
        annot.StructParent = number
        if "/Contents" not in annot and "/A" in annot and "/URI" in annot.A:
            annot.Contents = annot.A.URI
        nums.extend([number, link])
    root_elem.K = document
    root_elem.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root_elem.ParentTreeNextKey = len(annots) + 1
    page.StructParents = 0
    page.Tabs = Name.S
    catalog = pdf.Root
    catalog.StructTreeRoot = root_elem
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(language)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
