"""Tagged PDF: each layout item's structure role, its marked content, and the structure tree.

While ReportLab draws, `Marks` marks every item: a text box's text objects as marked content
(`pdf_text.mark_text`: its label, its text, each citation apart), the logo as a Figure,
decoration as `/Artifact`. No pixel changes. Then `add_structure` builds the structure tree
in reading order with pikepdf: the header, the key figures (a list, one item per figure: its
qualifier, number, and label with its source), each section (heading, paragraphs, a list of
bullets), the sources as a list (their links tagged), the footer.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..layout.geometry import ChartBox, Fill, Icon, Picture, Rule, TextBox
from .accessible import logo_alt
from ..theme.scripts import RTL_TEXT
from .pdf_text import Part, mark_text

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
_HEBREW_LETTER = re.compile("[\u05d0-\u05ea\ufb1d-\ufb4f]")


class Tag(NamedTuple):
    """What a drawn item is to a reader: a standard structure type in a part of the page."""
    role: str                 # 'P', 'H1', 'H2', 'LI', 'Figure'
    part: str                 # 'header', 'figures', 'section', 'sources', 'footer'
    alt: str | None = None    # /Alt of a figure
    lang: str | None = None   # /Lang where it differs from the document's
    kind: str = ""            # the layout's role of a text box: 'qualifier', 'number', 'label'
    text: str = ""            # a text box's words in logical order, citations as ' [2]'
    visual: bool = False      # drawn in visual order (pdf_bidi): its /ActualText is `text`


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
    text = ""
    for span in box.inline:   # a citation reads ' [2]', after one space
        text += f"{'' if text.endswith(' ') else ' '}[{span.text}]" if span.kind == "cite" \
            else span.text
    text += box.link or ""
    rtl = bool(RTL_TEXT.search(text))
    return Tag(role, part, lang=None if layout.rtl else _other_script(text), kind=box.role,
               text=text, visual=layout.rtl or rtl)


def _other_script(text: str) -> str | None:
    """'ar' (or 'he') for a box of a left-to-right sheet whose letters are mostly Arabic (or
    Hebrew): an Arabic name quoted in an English sentence leaves the sentence English."""
    if not RTL_TEXT.search(text):
        return None
    arabic = len(_ARABIC_LETTER.findall(text))
    hebrew = len(_HEBREW_LETTER.findall(text))
    latin = sum(char.isalpha() for char in text) - arabic - hebrew
    if max(arabic, hebrew) <= latin:
        return None
    return "ar" if arabic >= hebrew else "he"


def _logo_tag(picture, sheet, layout):
    alt = logo_alt(sheet, layout.template)
    return Tag("Figure", "header", alt=alt) if alt else None


# The one place a kind of layout item gets its tag: None marks it decoration (an artifact).
# A new kind of item is one line, e.g. `Chart: lambda c, s, l: Tag("Figure", "section", alt=c.alt)`
# or `Icon: lambda i, s, l: None`; a text box of another language gives its `lang`.
TAGGERS = {
    TextBox: _text_tag,
    Picture: _logo_tag,
    Fill: lambda item, sheet, layout: None,    # the band and the key figure tiles
    Rule: lambda item, sheet, layout: None,    # heading and footer rules
    ChartBox: lambda chart, sheet, layout: Tag("Figure", "section", alt=chart.alt_text),
    # a key figure's icon is decorative (its label says what it counts) unless it has alt text
    Icon: lambda icon, sheet, layout: Tag("Figure", "figures", alt=icon.alt) if icon.alt else None,
}


def tag_of(item, sheet, layout):
    """The item's Tag, or None for decoration."""
    return TAGGERS[type(item)](item, sheet, layout)


class Marked(NamedTuple):
    """A tagged item as drawn: its Tag and its marked-content sequences, in order."""
    tag: Tag
    parts: list
    continues: bool = False   # the rest of the paragraph before it (divided between columns)


class Marks:
    """Marks each item ReportLab draws on `canvas`, between begin() and end()."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.items = []       # Marked, in drawing order
        self.mcids = 0        # marked-content ids given so far

    def begin(self, item, sheet, layout, continues: bool = False) -> None:
        self._tag, self._item, self._continues = tag_of(item, sheet, layout), item, continues
        self._start = len(self.canvas._code)
        if self._tag is None:
            self.canvas.addLiteral("/Artifact <</Type /Layout>> BDC")
        elif not isinstance(item, TextBox):   # a picture: one sequence around its drawing
            self.canvas.addLiteral(f"/{self._tag.role} <</MCID {self.mcids}>> BDC")

    def end(self, paragraph=None, divided: bool = False) -> None:
        """Close the item's marking; a text box's `paragraph` is the one drawn, `divided` when
        the paragraph goes on in the next box."""
        code, tag = self.canvas._code, self._tag
        if tag is None or not isinstance(self._item, TextBox):
            self.canvas.addLiteral("EMC")
            parts = [] if tag is None else [Part(self.mcids, "text")]
        else:
            marked, parts = mark_text("\n".join(code[self._start:]), self._item, paragraph,
                                      tag.role, self.mcids, divided)
            code[self._start:] = [marked]
        if tag is not None:
            self.items.append(Marked(tag, parts, self._continues))
            self.mcids += len(parts)


# -- the structure tree ----------------------------------------------------------------------

class _Node:
    """An element of the tree being built."""
    __slots__ = ("role", "children", "tag", "actual")

    def __init__(self, role, children=None, tag=None, actual=None):
        self.role = role
        self.children = [] if children is None else children   # _Node, or an MCID (int)
        self.tag = tag
        self.actual = actual                                     # /ActualText (a citation's)
        if tag is not None and tag.visual:
            # drawn in visual order and joined forms: a reader gets the words as written
            self.actual = tag.text


_CONTAINERS = {"header": "Sect", "figures": "L", "section": "Sect", "sources": "Sect",
               "footer": "Div"}


def _add_parts(node, parts, label=None) -> None:
    for part in parts:
        if part.kind == "cite":
            node.children.append(_Node("Span", [part.mcid], actual=part.actual))
        elif part.kind == "label" and label is not None:
            label.children.append(part.mcid)
        else:
            node.children.append(part.mcid)


def reading_tree(items) -> tuple:
    """(the Document node, each item's element node): the elements in reading order, which is
    drawing order grouped into the page's parts. A key figure starts at its qualifier, or at
    its number when it has none; consecutive list items share one list; an item that continues
    a divided paragraph joins the element before it."""
    root, leaves = _Node("Document"), []
    part = container = items_list = leaf = None
    previous = ""
    for marked in items:
        tag = marked.tag
        if marked.continues and leaf is not None:
            _add_parts(leaf, marked.parts)
            if leaf.tag is not None and (leaf.tag.visual or tag.visual):
                leaf.actual = " ".join((leaf.tag.text.rstrip(), tag.text.lstrip()))
            leaves.append(leaf)
            continue
        if tag.part != part or (part == "section" and tag.role == "H2"):
            part, items_list = tag.part, None
            container = _Node(_CONTAINERS[part])
            root.children.append(container)
        if part == "figures":
            if tag.kind == "qualifier" or (tag.kind == "number" and previous != "qualifier"):
                container.children.append(_Node("LI", [_Node("LBody")]))
            leaf = _Node(tag.role, tag=tag)
            _add_parts(leaf, marked.parts)
            container.children[-1].children[0].children.append(leaf)
        elif tag.role == "LI":
            if items_list is None:
                items_list = _Node("L")
                container.children.append(items_list)
            label, leaf = _Node("Lbl"), _Node("LBody", tag=tag)
            _add_parts(leaf, marked.parts, label)
            items_list.children.append(_Node("LI", [label, leaf] if label.children else [leaf]))
        else:
            items_list = None
            leaf = _Node(tag.role, tag=tag)
            _add_parts(leaf, marked.parts)
            container.children.append(leaf)
        leaves.append(leaf)
        previous = tag.kind
    return root, leaves


def add_structure(pdf, marks: Marks, links: list, language: str) -> None:
    """Give the pikepdf document `pdf` (one page, drawn with `marks`) its structure tree, parent
    tree and the catalogue entries of a tagged PDF. `links` holds (web address, index in
    marks.items of the source it is set in) for each source with a link."""
    from pikepdf import Array, Dictionary, Name, String

    page = pdf.pages[0].obj
    root_elem = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_mcid = [None] * marks.mcids
    elements = {}

    def build(node, parent):
        elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role),
                                            P=parent))
        elements[id(node)] = elem
        kids = Array()
        for child in node.children:
            if isinstance(child, int):
                by_mcid[child] = elem
                kids.append(child)
            else:
                kids.append(build(child, elem))
        if any(isinstance(c, int) for c in node.children):
            elem.Pg = page
        if node.actual:
            elem.ActualText = String(node.actual)
        if node.tag is not None and node.tag.alt:
            elem.Alt = String(node.tag.alt)
        if node.tag is not None and node.tag.lang:
            elem.Lang = String(node.tag.lang)
        elem.K = kids[0] if len(kids) == 1 else kids   # one kid stands alone (pdfua reads that)
        return elem

    tree, leaves = reading_tree(marks.items)
    document = build(tree, root_elem)
    nums = Array([0, Array(by_mcid)])
    annots = page.get("/Annots", Array())
    owners = {url: elements[id(leaves[index])] for url, index in links}
    owner = elements[id(leaves[-1])]
    for number, annot in enumerate(annots, start=1):
        # a web address broken over two lines is two annotations: both belong to its source
        owner = owners.get(str(annot.get("/A", {}).get("/URI", "")), owner)
        link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=owner, Pg=page))
        link.K = Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)])
        owner.K = Array([*owner.K, link]) if isinstance(owner.K, Array) else Array([owner.K, link])
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
