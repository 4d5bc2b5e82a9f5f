"""Benchmark: how the DOCX body should be written (issue 12, "The DOCX writer").

Not a test, and not part of the package: it builds the example sheet (specs/raqqa-2017.yaml,
through `check_spec` and `fit_page`, as `factsheet build` does; each source given a URL, so
that the sources list has links) and writes its DOCX seven ways:

  today    factsheet.render.docx: f-string OOXML, hand-written zip, cached package parts
  docx     python-docx's API (Document, add_paragraph, add_run, add_table, merge, add_picture,
           core_properties), its oxml layer where the API stops (borders, shading, cell margins,
           numbering, hyperlinks), on the same prepared template package; paragraph styles
           set by id (oxml), since the API's setter walks every style on each call
  docx-api the same with `paragraph.style = ...` as documented
  lxml     an element builder (lxml.etree.SubElement, w: namespace), serialised into today's
           zip writer and cached package parts; its document.xml must equal today's byte for byte
  etree    the same builder on the standard library's xml.etree.ElementTree (same tree; bytes
           differ only in namespace declarations and "<w:b />" spacing)
  *-memo   the builder building each distinct w:rPr, w:pPr and w:tcPr once (lxml appends a copy,
           ElementTree shares the element)

and times each one warm (in this process, median of N writes, and a batch of 100 different
sheets) and cold (a fresh `python` per write: imports, package preparation read from its cache,
one write), plus the import time of python-docx, lxml and ElementTree (`python -X importtime`).
It writes only under bench/_work/docx/; `--check` converts one file per writer with LibreOffice.

    python bench/bench_docx_writer.py [--repeat 200] [--cold 7] [--batch 100] [--check]
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "_work" / "docx"
SPEC = ROOT / "specs" / "raqqa-2017.yaml"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1503705600")
os.environ.setdefault("FACTSHEET_CACHE_DIR", str(WORK / "cache"))   # never the user's cache
WRITERS = ("today", "docx", "docx-api", "lxml", "lxml-memo", "etree", "etree-memo")
TEMPLATES = ("default", "branded")

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
       "xml": "http://www.w3.org/XML/1998/namespace"}
_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile("[ \t\r\n]+")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")    # Word's non-breaking hyphen, as render/docx.py
EMU = 12700


def prepare(template_name: str, sheet=None):
    """The example sheet (or `sheet`), its template and its fitted layout, as the build makes them."""
    from factsheet.build.sheet import produced_date
    from factsheet.layout.fit import fit_page
    from factsheet.theme.template import load_template
    from factsheet.validate.rules import check_spec

    if sheet is None:
        sheet, diagnostics = check_spec(SPEC)
        if sheet is None:
            raise SystemExit("\n".join(str(d) for d in diagnostics))
    # the example's sources have no URL: give each one, so that the sources list has links
    references = tuple(dataclasses.replace(r, source=dataclasses.replace(
        r.source, url=r.source.url or f"https://example.org/archive/{r.source.id}?a=1&b=2"))
        for r in sheet.references)
    # the prototypes predate key figures' icons (render/docx_icon.py): measured without them
    figures = tuple(dataclasses.replace(f, icon=None) for f in sheet.key_figures)
    sheet = dataclasses.replace(sheet, produced=sheet.produced or produced_date(),
                                references=references, key_figures=figures)
    template = load_template(template_name, ROOT / "templates")
    return sheet, template, fit_page(sheet, template)


def tw(points: float) -> str:
    return str(int(round(points * 20)))


def clean(value: str) -> str:
    return _INVALID_XML.sub("", _SPACES.sub(" ", value))


# -- (c) the element builder: one class over lxml.etree or xml.etree.ElementTree --------------

class Builder:
    """Today's _Writer, line for line, building elements instead of strings. Every w: element
    is a real node: adding w:bidi to a paragraph or w:rtl to a run is one SubElement call."""

    def __init__(self, etree, lxml: bool, memo: bool = False):
        self.etree, self.lxml, self.memo = etree, lxml, {} if memo else None
        self._names = {}
        if lxml:
            from copy import deepcopy
            self._copy = deepcopy
        if not lxml:
            for prefix, uri in _NS.items():
                if prefix != "xml":
                    etree.register_namespace(prefix, uri)

    def q(self, name: str) -> str:
        try:
            return self._names[name]
        except KeyError:
            prefix, _, local = name.rpartition(":")       # no prefix: a plain attribute
            self._names[name] = value = f"{{{_NS[prefix]}}}{local}" if prefix else local
            return value

    def el(self, parent, tag: str, *attrs):
        """A child element; attrs as ("w:val", "x") pairs, kept in order."""
        q = self.q
        return self.etree.SubElement(parent, q(tag), {q(k): v for k, v in attrs})

    def props(self, parent, tag: str, key, build):
        """A property element (w:rPr, w:pPr, w:tcPr) filled by build(element). With `memo`, each
        distinct one is built once: ElementTree shares it between parents (a tree of Python
        objects may), lxml appends a copy (made in C)."""
        if self.memo is None:
            return build(self.el(parent, tag))
        cached = self.memo.get((tag, key))
        if cached is None:
            if self.lxml:
                cached = self.etree.Element(self.q(tag), nsmap={k: v for k, v in _NS.items() if k != "xml"})
            else:
                cached = self.etree.Element(self.q(tag))
            build(cached)
            self.memo[(tag, key)] = cached
        parent.append(self._copy(cached) if self.lxml else cached)

    def root(self, tag: str):
        if self.lxml:
            return self.etree.Element(self.q(tag), nsmap={k: v for k, v in _NS.items() if k != "xml"})
        return self.etree.Element(self.q(tag))

    def serialise(self, root) -> bytes:
        if self.lxml:
            return _HEAD + self.etree.tostring(root, encoding="UTF-8")
        return _HEAD + self.etree.tostring(root, encoding="unicode").encode("utf-8")

    # the pieces, as in factsheet/render/docx.py
    def run(self, parent, value, size=None, bold=None, italic=None, colour=None,
            superscript=False, plain=False, url=False):
        el = self.el
        r = el(parent, "w:r")
        if (bold is not None or italic is not None or plain or colour or size or superscript):
            def build(rpr):
                if bold is not None:
                    off = () if bold else (("w:val", "0"),)
                    el(rpr, "w:b", *off), el(rpr, "w:bCs", *off)
                if italic is not None:
                    off = () if italic else (("w:val", "0"),)
                    el(rpr, "w:i", *off), el(rpr, "w:iCs", *off)
                if plain:
                    el(rpr, "w:caps", ("w:val", "0")), el(rpr, "w:smallCaps", ("w:val", "0"))
                if colour:
                    el(rpr, "w:color", ("w:val", colour[1:]))
                if plain:
                    el(rpr, "w:spacing", ("w:val", "0"))
                if size:
                    half = str(round(size * 2))
                    el(rpr, "w:sz", ("w:val", half)), el(rpr, "w:szCs", ("w:val", half))
                if superscript:
                    el(rpr, "w:vertAlign", ("w:val", "superscript"))
            self.props(r, "w:rPr", (size, bold, italic, colour, superscript, plain), build)
        # a hyphen inside a word: Word's non-breaking hyphen between two w:t (not in a link)
        for position, piece in enumerate([clean(value)] if url else _WORD_HYPHEN.split(clean(value))):
            if position:
                el(r, "w:noBreakHyphen")
            el(r, "w:t", ("xml:space", "preserve")).text = piece
        return r

    def inline_runs(self, parent, inline, size, colour=None, plain=False):
        from factsheet.layout.text import gap_size
        for s in inline:
            self.run(parent, s.text, gap_size(size) if s.kind == "gap" else size,
                     bold=True if s.kind == "figure" else None, colour=colour,
                     superscript=s.kind == "cite", plain=plain)

    def para(self, parent, style, size, leading, after=0.0, left=0.0, right=0.0, hanging=0.0,
             keep_next=False, num_id=None, border=None, tabs=(), jc="left", at_least=False):
        el = self.el
        p = el(parent, "w:p")

        def build(ppr):
            el(ppr, "w:pStyle", ("w:val", style))
            if keep_next:
                el(ppr, "w:keepNext")
            el(ppr, "w:widowControl", ("w:val", "0"))
            if num_id is not None:
                numpr = el(ppr, "w:numPr")
                el(numpr, "w:ilvl", ("w:val", "0")), el(numpr, "w:numId", ("w:val", str(num_id)))
            bdr = el(ppr, "w:pBdr")
            if border:
                side, space, width, colour = border
                edge = ("w:val", "single"), ("w:sz", str(round(width * 8))), \
                       ("w:space", str(round(space))), ("w:color", colour[1:])
                if side == "top":
                    el(bdr, "w:top", *edge), el(bdr, "w:bottom", ("w:val", "nil"))
                else:
                    el(bdr, "w:top", ("w:val", "nil")), el(bdr, "w:bottom", *edge)
            else:
                el(bdr, "w:top", ("w:val", "nil")), el(bdr, "w:bottom", ("w:val", "nil"))
            if tabs:
                tabs_el = el(ppr, "w:tabs")
                for kind, pos in tabs:
                    el(tabs_el, "w:tab", ("w:val", kind), ("w:pos", tw(pos)))
            el(ppr, "w:spacing", ("w:before", "0"), ("w:after", tw(after)), ("w:line", tw(leading)),
               ("w:lineRule", "atLeast" if at_least else "exact"))
            el(ppr, "w:ind", ("w:left", tw(left)), ("w:right", tw(right)),
               ("w:hanging", tw(hanging)) if hanging else ("w:firstLine", "0"))
            el(ppr, "w:contextualSpacing", ("w:val", "0"))
            el(ppr, "w:jc", ("w:val", jc))
            rpr = el(ppr, "w:rPr")
            half = str(round(size * 2))
            el(rpr, "w:sz", ("w:val", half)), el(rpr, "w:szCs", ("w:val", half))
        self.props(p, "w:pPr", (style, size, leading, after, left, right, hanging, keep_next,
                                num_id, border, tabs, jc, at_least), build)
        return p

    def spacer(self, parent, height, style):
        return self.para(parent, style, 1, height)

    def cell(self, row, width, margins=(0, 0, 0, 0), fill=None, span=1):
        el = self.el
        tc = el(row, "w:tc")

        def build(tcpr):
            el(tcpr, "w:tcW", ("w:w", tw(width)), ("w:type", "dxa"))
            if span > 1:
                el(tcpr, "w:gridSpan", ("w:val", str(span)))
            if fill:
                el(tcpr, "w:shd", ("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill[1:]))
            mar = el(tcpr, "w:tcMar")
            for side, value in zip(("top", "left", "bottom", "right"), margins):
                el(mar, f"w:{side}", ("w:w", tw(value)), ("w:type", "dxa"))
            el(tcpr, "w:vAlign", ("w:val", "top"))
        self.props(tc, "w:tcPr", (width, margins, fill, span), build)
        return tc

    def table(self, parent, grid, caption, about, indent=0.0, inside=None):
        """The table with its properties and grid; the caller adds rows with self.row()."""
        el = self.el
        tbl = el(parent, "w:tbl")
        pr = el(tbl, "w:tblPr")
        el(pr, "w:tblW", ("w:w", tw(sum(grid))), ("w:type", "dxa"))
        el(pr, "w:tblInd", ("w:w", tw(indent)), ("w:type", "dxa"))
        borders = el(pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right"):
            el(borders, f"w:{side}", ("w:val", "nil"))
        for side in ("insideH", "insideV"):
            if inside:
                el(borders, f"w:{side}", ("w:val", "single"), ("w:sz", str(round(inside[0] * 8))),
                   ("w:space", "0"), ("w:color", inside[1][1:]))
            else:
                el(borders, f"w:{side}", ("w:val", "nil"))
        el(pr, "w:tblLayout", ("w:type", "fixed"))
        mar = el(pr, "w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            el(mar, f"w:{side}", ("w:w", "0"), ("w:type", "dxa"))
        el(pr, "w:tblLook", ("w:val", "0000"), ("w:firstRow", "0"), ("w:lastRow", "0"),
           ("w:firstColumn", "0"), ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1"))
        el(pr, "w:tblCaption", ("w:val", caption))
        el(pr, "w:tblDescription", ("w:val", about))
        cols = el(tbl, "w:tblGrid")
        for width in grid:
            el(cols, "w:gridCol", ("w:w", tw(width)))
        return tbl

    def row(self, tbl):
        tr = self.el(tbl, "w:tr")
        self.el(self.el(tr, "w:trPr"), "w:cantSplit")
        return tr

    def picture(self, parent, cx, cy, rid, alt=None):
        """The logo as a DrawingML inline; `alt` would go in wp:docPr/@descr."""
        el = self.el
        cx, cy = str(int(round(cx))), str(int(round(cy)))
        inline = el(el(parent, "w:drawing"), "wp:inline", ("distT", "0"), ("distB", "0"),
                    ("distL", "0"), ("distR", "0"))
        el(inline, "wp:extent", ("cx", cx), ("cy", cy))
        el(inline, "wp:effectExtent", ("l", "0"), ("t", "0"), ("r", "0"), ("b", "0"))
        doc_pr = el(inline, "wp:docPr", ("id", "1"), ("name", "Logo"), *((("descr", alt),) if alt else ()))
        if not alt:   # marked decorative, as Word does (the element declares its own namespace)
            from factsheet.render.docx_package import _DECORATIVE_EXT, _DECORATIVE_NS

            ext = el(el(doc_pr, "a:extLst"), "a:ext", ("uri", _DECORATIVE_EXT))
            tag = f"{{{_DECORATIVE_NS}}}decorative"
            deco = (self.etree.SubElement(ext, tag, nsmap={"adec": _DECORATIVE_NS}) if self.lxml
                    else self.etree.SubElement(ext, tag))
            deco.set("val", "1")
        el(el(inline, "wp:cNvGraphicFramePr"), "a:graphicFrameLocks", ("noChangeAspect", "1"))
        data = el(el(inline, "a:graphic"), "a:graphicData",
                  ("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture"))
        pic = el(data, "pic:pic")
        nv = el(pic, "pic:nvPicPr")
        el(nv, "pic:cNvPr", ("id", "0"), ("name", "logo")), el(nv, "pic:cNvPicPr")
        fill = el(pic, "pic:blipFill")
        el(fill, "a:blip", ("r:embed", rid))
        el(el(fill, "a:stretch"), "a:fillRect")
        sppr = el(pic, "pic:spPr")
        xfrm = el(sppr, "a:xfrm")
        el(xfrm, "a:off", ("x", "0"), ("y", "0")), el(xfrm, "a:ext", ("cx", cx), ("cy", cy))
        el(el(sppr, "a:prstGeom", ("prst", "rect")), "a:avLst")

    # the sheet, read from the finished Layout as render/docx.py reads it
    def document(self, sheet, layout, base):
        from factsheet.layout.text import gap_size
        from factsheet.render.docx_package import BULLET_STYLE
        from factsheet.sheet.words import words_for

        self.links = []
        lay, colours, styles = layout, layout.template.colours, base.style_ids
        root = self.root("w:document")
        body = self.el(root, "w:body")
        gap = lambda: self.spacer(body, lay.block_gap, styles["Normal"])   # noqa: E731

        # the band: title block, and the logo if any, on the primary colour
        logo_w, logo_h = lay.logo_width, lay.logo_height
        text_w = lay.content_width - (logo_w + lay.column_gap if logo_w else 0)
        muted, white = colours.header_muted, colours.header_text
        roles = {"organisation": ("Normal", lay.small_size, lay.small_leading, True, muted),
                 "title": ("Title", lay.title_size, lay.title_leading, True, white),
                 "subtitle": ("Subtitle", lay.subtitle_size, lay.subtitle_leading, False, white),
                 "meta": ("Normal", lay.small_size, lay.small_leading, True, muted)}
        margins = (lay.margin_top, 0, lay.band_pad_bottom, 0)
        first_w = lay.margin_left + text_w + (lay.column_gap if logo_w else lay.margin_right)
        grid = [first_w] + ([logo_w + lay.margin_right] if logo_w else [])
        words = words_for(sheet.language)
        about = words("header_table_about_logo" if logo_w else "header_table_about")
        tr = self.row(self.table(body, grid, words("header_table"), about, indent=-lay.margin_left))
        tc = self.cell(tr, first_w, margins, colours.primary)
        for position, (role, inline) in enumerate(lay.band):
            style, size, leading, bold, colour = roles[role]
            after = lay.band_gap if position < len(lay.band) - 1 else 0.0
            p = self.para(tc, styles[style], size, leading, after, left=lay.margin_left,
                          right=first_w - lay.margin_left - text_w)
            for s in inline:
                self.run(p, s.text, gap_size(size) if s.kind == "gap" else size, bold=bold,
                         italic=False, colour=colour, plain=True, superscript=s.kind == "cite")
        if logo_w:
            tc = self.cell(tr, logo_w + lay.margin_right, margins, colours.primary)
            p = self.para(tc, styles["Normal"], lay.small_size, logo_h, jc="right", at_least=True,
                          right=lay.margin_right)
            alt = lay.template.logo_alt
            if alt is None and sheet.organisation:
                alt = words("logo_alt", organisation=sheet.organisation)
            self.picture(self.el(p, "w:r"), logo_w * EMU, logo_h * EMU, base.logo_rid, alt or None)
        gap()

        # key figures: tiles on a grid of lcm(counts) units, white gaps between them
        if lay.tile_rows:
            units = math.lcm(*lay.figure_rows)
            tbl = self.table(body, [lay.content_width / units] * units, words("key_figures"),
                             words("figures_table_about"), inside=(lay.cell_gap, "#FFFFFF"))
            for tile_row in lay.tile_rows:
                count = len(tile_row.tiles)
                width = lay.content_width / count
                right = width - tile_row.inner_width - lay.cell_pad_h
                tr = self.row(tbl)
                for tile in tile_row.tiles:
                    tc = self.cell(tr, width, (lay.cell_pad_v, 0, lay.cell_pad_v, 0), colours.panel,
                                   span=units // count)
                    if tile_row.qualified:
                        p = self.para(tc, styles["Key Figure Label"], lay.small_size,
                                      lay.small_leading, left=lay.cell_pad_h, right=right)
                        if tile.qualifier:
                            self.run(p, tile.qualifier, lay.small_size, colour=colours.muted)
                    p = self.para(tc, styles["Key Figure"], lay.figure_size, lay.figure_leading,
                                  lay.label_gap, lay.cell_pad_h, right)
                    self.run(p, tile.number, lay.figure_size, bold=True, colour=colours.accent,
                             plain=True)
                    p = self.para(tc, styles["Key Figure Label"], lay.small_size, lay.small_leading,
                                  left=lay.cell_pad_h, right=right)
                    self.inline_runs(p, tile.label, lay.small_size, colours.text)
            gap()

        # two columns of headings, paragraphs and bullets (a divided one goes on without a bullet)
        tr = self.row(self.table(body, [lay.column_width + lay.column_gap, lay.column_width],
                                 words("columns_table"), words("columns_table_about")))
        for side, chunk in enumerate(lay.columns):
            width = lay.column_width + (lay.column_gap if side == 0 else 0)
            tc = self.cell(tr, width, (0, 0, 0, lay.column_gap if side == 0 else 0))
            for block in chunk:
                if block.kind == "heading":
                    p = self.para(tc, styles["Heading 1"], lay.heading_size, lay.heading_leading,
                                  block.space_after, keep_next=True,
                                  border=("bottom", lay.rule_gap, lay.rule_width, colours.primary))
                    self.inline_runs(p, block.inline, lay.heading_size, plain=True)
                elif block.kind == "bullet" and block.continued:
                    p = self.para(tc, styles["Normal"], lay.body_size, lay.leading,
                                  block.space_after, left=lay.bullet_indent)
                    self.inline_runs(p, block.inline, lay.body_size)
                elif block.kind == "bullet":
                    p = self.para(tc, styles[BULLET_STYLE], lay.body_size, lay.leading,
                                  block.space_after, left=lay.bullet_indent,
                                  hanging=lay.bullet_indent, num_id=base.bullet_num_id)
                    self.inline_runs(p, block.inline, lay.body_size)
                else:
                    p = self.para(tc, styles["Normal"], lay.body_size, lay.leading, block.space_after)
                    self.inline_runs(p, block.inline, lay.body_size)
            if not chunk:
                self.spacer(tc, 1, styles["Normal"])

        # sources, numbered, with links
        if lay.sources:
            gap()
            size = lay.small_size
            p = self.para(body, styles["Heading 1"], size, lay.small_leading, lay.source_space,
                          keep_next=True)
            self.run(p, words_for(sheet.language)("sources"), size, bold=True,
                     colour=colours.primary, plain=True)
            for position, (number, text, url) in enumerate(lay.sources):
                last = position == len(lay.sources) - 1
                p = self.para(body, styles["Source List"], size, lay.small_leading,
                              0.0 if last else lay.source_space, left=lay.source_indent,
                              hanging=lay.source_indent, tabs=(("left", lay.source_indent),))
                self.run(p, number, size, colour=colours.muted)
                self.el(self.el(p, "w:r"), "w:tab")
                self.run(p, text, size, colour=colours.muted)
                if url:
                    rid = f"rIdFsLink{len(self.links) + 1}"
                    self.links.append((rid, url))
                    link = self.el(p, "w:hyperlink", ("r:id", rid), ("w:history", "1"))
                    self.run(link, url, size, colour=colours.primary, url=True)

        # the section: page size and margins, the footer
        el = self.el
        sect = el(body, "w:sectPr")
        el(sect, "w:footerReference", ("w:type", "default"), ("r:id", base.footer_rid))
        el(sect, "w:pgSz", ("w:w", tw(lay.page_width)), ("w:h", tw(lay.page_height)))
        el(sect, "w:pgMar", ("w:top", "0"), ("w:right", tw(lay.margin_right)),
           ("w:bottom", tw(lay.body_bottom)), ("w:left", tw(lay.margin_left)), ("w:header", "0"),
           ("w:footer", tw(lay.margin_bottom)), ("w:gutter", "0"))
        el(sect, "w:cols", ("w:space", "0"))
        el(sect, "w:docGrid", ("w:linePitch", "360"))
        return self.serialise(root)

    def footer(self, sheet, layout, base):
        lay, size, muted = layout, layout.small_size, layout.template.colours.muted
        foot = lay.footer
        style = base.style_ids["Sheet Footer"]
        root = self.root("w:ftr")
        lines = []
        if foot.disclaimer:
            lines.append(((foot.disclaimer, True),))
        if foot.one_line:
            lines.append(((foot.contact, None), None, (foot.produced, None)))
        else:
            lines += [((t, None),) for t in (foot.contact, foot.produced) if t]
        rule = ("top", lay.rule_gap * 2, lay.rule_width, layout.template.colours.primary)
        for position, runs in enumerate(lines):
            p = self.para(root, style, size, lay.small_leading,
                          border=rule if position == 0 else None,
                          tabs=(("right", lay.content_width),))
            for item in runs:
                if item is None:
                    self.el(self.el(p, "w:r"), "w:tab")
                else:
                    self.run(p, item[0], size, italic=item[1], colour=muted)
        return self.serialise(root)


def write_builder(builder, sheet, layout, out_path) -> None:
    """(c): the builder's parts in today's zip writer, over today's cached package parts."""
    from factsheet.files import zip_bytes, zip_entry
    from factsheet.render.docx import core_xml
    from factsheet.render.docx_package import base_package
    from xml.sax.saxutils import escape

    base = base_package(layout.template, sheet.language)
    document = builder.document(sheet, layout, base)
    hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    dynamic = {"word/document.xml": document,
               base.footer_name: builder.footer(sheet, layout, base),
               "docProps/core.xml": core_xml(sheet).encode("utf-8"),
               "word/_rels/document.xml.rels": base.document_rels(
                   f'<Relationship Id="{rid}" Type="{hyperlink}" Target="{escape(url, {chr(34): "&quot;"})}" '
                   'TargetMode="External"/>' for rid, url in builder.links).encode("utf-8")}
    entries = [zip_entry(name, dynamic[name]) if name in dynamic else entry
               for name, entry in base.entries]
    with open(out_path, "wb") as handle:
        handle.write(zip_bytes(entries))


# -- (b) python-docx's API, its oxml layer where the API stops --------------------------------

def prepared_package(template, language: str) -> Path:
    """The template's package with an empty body and footer, saved once as a .docx: what a
    python-docx writer would cache in place of today's parts (it must still open it per sheet)."""
    from factsheet.files import zip_bytes, zip_entry
    from factsheet.render.docx_package import base_package

    base = base_package(template, language)
    path = WORK / f"prepared-{Path(str(template.path)).stem}-{language}.docx"
    if path.exists():
        return path
    w, r = _NS["w"], _NS["r"]
    parts = {"word/document.xml": f'<w:document xmlns:w="{w}" xmlns:r="{r}"><w:body><w:sectPr>'
                                  f'<w:footerReference w:type="default" r:id="{base.footer_rid}"/>'
                                  '</w:sectPr></w:body></w:document>',
             base.footer_name: f'<w:ftr xmlns:w="{w}"><w:p/></w:ftr>',
             "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                                  'package/2006/metadata/core-properties"/>',
             "word/_rels/document.xml.rels": base.rels}
    entries = [zip_entry(name, (_HEAD + parts[name].encode()) if name in parts and not
                         parts[name].startswith("<?xml") else parts[name].encode())
               if name in parts else entry for name, entry in base.entries]
    WORK.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(entries))
    return path


def write_python_docx(sheet, layout, out_path, api_styles=False, _opened={}) -> None:
    """`api_styles`: set styles with `paragraph.style = ...`, which looks the style up and walks
    every style for the default on each call; otherwise by id (CT_P.style, oxml)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt, RGBColor

    from factsheet.layout.text import gap_size
    from factsheet.sheet.model import plain_text
    from factsheet.sheet.words import words_for
    from factsheet.render import document_timestamp
    from factsheet.render.docx_package import BULLET_STYLE, base_package

    template = layout.template
    key = (id(template), sheet.language)
    if key not in _opened:                      # the prepared bytes, read once per process
        _opened[key] = prepared_package(template, sheet.language).read_bytes()
    base = base_package(template, sheet.language)
    document = docx.Document(io.BytesIO(_opened[key]))
    lay, colours, styles = layout, template.colours, document.styles
    style_names = {v: k for k, v in base.style_ids.items()}

    def ox(parent, tag, **attrs):               # oxml: where the API stops
        child = OxmlElement(tag, {qn(k): v for k, v in attrs.items()})
        parent.append(child)
        return child

    def run(p, value, size=None, bold=None, italic=None, colour=None, superscript=False, plain=False,
            url=False):
        r = p.add_run()
        for position, piece in enumerate([clean(value)] if url else _WORD_HYPHEN.split(clean(value))):
            if position:                        # no API for a non-breaking hyphen
                ox(r._r, "w:noBreakHyphen")
            r._r.add_t(piece)
        f = r.font
        if bold is not None:
            f.bold = f.cs_bold = bold
        if italic is not None:
            f.italic = f.cs_italic = italic
        if plain:
            f.all_caps = f.small_caps = False
            ox(r._r.get_or_add_rPr(), "w:spacing", **{"w:val": "0"})
        if colour:
            f.color.rgb = RGBColor.from_string(colour[1:])
        if size:
            f.size = Pt(size)
            ox(r._r.get_or_add_rPr(), "w:szCs", **{"w:val": str(round(size * 2))})
        if superscript:
            f.superscript = True
        return r

    def inline_runs(p, inline, size, colour=None, plain=False):
        for s in inline:
            run(p, s.text, gap_size(size) if s.kind == "gap" else size,
                bold=True if s.kind == "figure" else None, colour=colour,
                superscript=s.kind == "cite", plain=plain)

    def para(container, style, size, leading, after=0.0, left=0.0, right=0.0, hanging=0.0,
             keep_next=False, num_id=None, border=None, tabs=(), jc="left", at_least=False,
             reuse=False):
        p = container.paragraphs[0] if reuse else container.add_paragraph()
        if api_styles:
            p.style = styles[style_names[style]]
        else:
            p._p.style = style
        pf = p.paragraph_format
        pf.keep_with_next = keep_next or None
        pf.widow_control = False
        pf.space_before, pf.space_after = Pt(0), Pt(after)
        pf.line_spacing = Pt(leading)
        pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST if at_least else WD_LINE_SPACING.EXACTLY
        pf.left_indent, pf.right_indent = Pt(left), Pt(right)
        pf.first_line_indent = Pt(-hanging)
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if jc == "right" else WD_ALIGN_PARAGRAPH.LEFT
        for kind, pos in tabs:
            pf.tab_stops.add_tab_stop(Pt(pos), WD_TAB_ALIGNMENT.RIGHT if kind == "right"
                                      else WD_TAB_ALIGNMENT.LEFT)
        ppr = p._p.get_or_add_pPr()
        if num_id is not None:                  # no API for list membership
            numpr = ppr.get_or_add_numPr()
            numpr.get_or_add_ilvl().val, numpr.get_or_add_numId().val = 0, num_id
        bdr = OxmlElement("w:pBdr")             # no API for paragraph borders
        for side in ("top", "bottom"):
            if border and border[0] == side:
                ox(bdr, f"w:{side}", **{"w:val": "single", "w:sz": str(round(border[2] * 8)),
                                        "w:space": str(round(border[1])), "w:color": border[3][1:]})
            else:
                ox(bdr, f"w:{side}", **{"w:val": "nil"})
        ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                  "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                                  "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                                  "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                                  "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                                  "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                                  "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
        ctx = OxmlElement("w:contextualSpacing", {qn("w:val"): "0"})
        ppr.insert_element_before(ctx, "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                  "w:pPrChange")
        mark = ox(ppr, "w:rPr")                 # no API for the paragraph mark's size
        ox(mark, "w:sz", **{"w:val": str(round(size * 2))})
        ox(mark, "w:szCs", **{"w:val": str(round(size * 2))})
        return p

    def table_props(table, grid, indent=0.0, inside=None):
        table.autofit = False
        for column, width in zip(table.columns, grid):
            column.width = Pt(width)
        tblpr = table._tbl.tblPr               # no API for indent, borders, cell margins
        for child in list(tblpr):
            if child.tag != qn("w:tblStyle"):
                tblpr.remove(child)
        ox(tblpr, "w:tblW", **{"w:w": tw(sum(grid)), "w:type": "dxa"})
        ox(tblpr, "w:tblInd", **{"w:w": tw(indent), "w:type": "dxa"})
        borders = ox(tblpr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if inside and side.startswith("inside"):
                ox(borders, f"w:{side}", **{"w:val": "single", "w:sz": str(round(inside[0] * 8)),
                                            "w:space": "0", "w:color": inside[1][1:]})
            else:
                ox(borders, f"w:{side}", **{"w:val": "nil"})
        ox(tblpr, "w:tblLayout", **{"w:type": "fixed"})
        mar = ox(tblpr, "w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            ox(mar, f"w:{side}", **{"w:w": "0", "w:type": "dxa"})
        for row in table.rows:
            ox(row._tr.get_or_add_trPr(), "w:cantSplit")

    def cell_props(cell, width, margins, fill=None):
        cell.width = Pt(width)
        tcpr = cell._tc.get_or_add_tcPr()
        if fill:                                # no API for shading or cell margins
            ox(tcpr, "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill[1:]})
        mar = ox(tcpr, "w:tcMar")
        for side, value in zip(("top", "left", "bottom", "right"), margins):
            ox(mar, f"w:{side}", **{"w:w": tw(value), "w:type": "dxa"})
        ox(tcpr, "w:vAlign", **{"w:val": "top"})

    def gap():
        para(document, base.style_ids["Normal"], 1, lay.block_gap)

    # python-docx sizes a new table from the page (1.1 fails when the section does not say it)
    section = document.sections[0]
    section.page_width, section.page_height = Pt(lay.page_width), Pt(lay.page_height)
    section.left_margin, section.right_margin = Pt(lay.margin_left), Pt(lay.margin_right)

    # the band
    logo_w, logo_h = lay.logo_width, lay.logo_height
    text_w = lay.content_width - (logo_w + lay.column_gap if logo_w else 0)
    muted, white = colours.header_muted, colours.header_text
    roles = {"organisation": ("Normal", lay.small_size, lay.small_leading, True, muted),
             "title": ("Title", lay.title_size, lay.title_leading, True, white),
             "subtitle": ("Subtitle", lay.subtitle_size, lay.subtitle_leading, False, white),
             "meta": ("Normal", lay.small_size, lay.small_leading, True, muted)}
    margins = (lay.margin_top, 0, lay.band_pad_bottom, 0)
    first_w = lay.margin_left + text_w + (lay.column_gap if logo_w else lay.margin_right)
    grid = [first_w] + ([logo_w + lay.margin_right] if logo_w else [])
    band = document.add_table(1, len(grid))
    table_props(band, grid, indent=-lay.margin_left)
    cell = band.cell(0, 0)
    cell_props(cell, first_w, margins, colours.primary)
    lines = lay.band
    for position, (role, inline) in enumerate(lines):
        style, size, leading, bold, colour = roles[role]
        p = para(cell, base.style_ids[style], size, leading,
                 lay.band_gap if position < len(lines) - 1 else 0.0, left=lay.margin_left,
                 right=first_w - lay.margin_left - text_w, reuse=position == 0)
        for s in inline:
            run(p, s.text, gap_size(size) if s.kind == "gap" else size, bold=bold, italic=False,
                colour=colour, plain=True, superscript=s.kind == "cite")
    if logo_w:
        cell = band.cell(0, 1)
        cell_props(cell, logo_w + lay.margin_right, margins, colours.primary)
        p = para(cell, base.style_ids["Normal"], lay.small_size, logo_h, jc="right", at_least=True,
                 right=lay.margin_right, reuse=True)
        p.add_run().add_picture(str(template.logo), width=Emu(round(logo_w * EMU)),
                                height=Emu(round(logo_h * EMU)))
    gap()

    # key figures
    if lay.tile_rows:
        units = math.lcm(*lay.figure_rows)
        tiles = document.add_table(len(lay.tile_rows), units)
        table_props(tiles, [lay.content_width / units] * units, inside=(lay.cell_gap, "#FFFFFF"))
        for index, tile_row in enumerate(lay.tile_rows):
            count = len(tile_row.tiles)
            width = lay.content_width / count
            right = width - tile_row.inner_width - lay.cell_pad_h
            qualified = tile_row.qualified
            span = units // count
            for n, figure in enumerate(tile_row.tiles):
                cell = tiles.cell(index, n * span)
                if span > 1:
                    cell = cell.merge(tiles.cell(index, n * span + span - 1))
                cell_props(cell, width, (lay.cell_pad_v, 0, lay.cell_pad_v, 0), colours.panel)
                first = True
                if qualified:
                    p = para(cell, base.style_ids["Key Figure Label"], lay.small_size,
                             lay.small_leading, left=lay.cell_pad_h, right=right, reuse=True)
                    if figure.qualifier:
                        run(p, figure.qualifier, lay.small_size, colour=colours.muted)
                    first = False
                p = para(cell, base.style_ids["Key Figure"], lay.figure_size, lay.figure_leading,
                         lay.label_gap, lay.cell_pad_h, right, reuse=first)
                run(p, figure.number, lay.figure_size, bold=True, colour=colours.accent, plain=True)
                p = para(cell, base.style_ids["Key Figure Label"], lay.small_size,
                         lay.small_leading, left=lay.cell_pad_h, right=right)
                inline_runs(p, figure.label, lay.small_size, colours.text)
        gap()

    # columns
    cols = document.add_table(1, 2)
    table_props(cols, [lay.column_width + lay.column_gap, lay.column_width])
    for side, chunk in enumerate(lay.columns):
        cell = cols.cell(0, side)
        cell_props(cell, lay.column_width + (lay.column_gap if side == 0 else 0),
                   (0, 0, 0, lay.column_gap if side == 0 else 0))
        for position, block in enumerate(chunk):
            if block.kind == "heading":
                p = para(cell, base.style_ids["Heading 1"], lay.heading_size, lay.heading_leading,
                         block.space_after, keep_next=True, reuse=position == 0,
                         border=("bottom", lay.rule_gap, lay.rule_width, colours.primary))
                inline_runs(p, block.inline, lay.heading_size, plain=True)
            elif block.kind == "bullet" and block.continued:
                p = para(cell, base.style_ids["Normal"], lay.body_size, lay.leading,
                         block.space_after, left=lay.bullet_indent, reuse=position == 0)
                inline_runs(p, block.inline, lay.body_size)
            elif block.kind == "bullet":
                p = para(cell, base.style_ids[BULLET_STYLE], lay.body_size, lay.leading,
                         block.space_after, left=lay.bullet_indent, hanging=lay.bullet_indent,
                         num_id=base.bullet_num_id, reuse=position == 0)
                inline_runs(p, block.inline, lay.body_size)
            else:
                p = para(cell, base.style_ids["Normal"], lay.body_size, lay.leading,
                         block.space_after, reuse=position == 0)
                inline_runs(p, block.inline, lay.body_size)
        if not chunk:
            para(cell, base.style_ids["Normal"], 1, 1, reuse=True)

    # sources
    words = words_for(sheet.language)
    if lay.sources:
        gap()
        size = lay.small_size
        p = para(document, base.style_ids["Heading 1"], size, lay.small_leading, lay.source_space,
                 keep_next=True)
        run(p, words("sources"), size, bold=True, colour=colours.primary, plain=True)
        for position, (number, text, url) in enumerate(lay.sources):
            last = position == len(lay.sources) - 1
            p = para(document, base.style_ids["Source List"], size, lay.small_leading,
                     0.0 if last else lay.source_space, left=lay.source_indent,
                     hanging=lay.source_indent, tabs=(("left", lay.source_indent),))
            run(p, number, size, colour=colours.muted)
            p.add_run().add_tab()
            run(p, text, size, colour=colours.muted)
            if url:                             # no API for adding a hyperlink
                rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
                link = ox(p._p, "w:hyperlink", **{"r:id": rid, "w:history": "1"})
                r = run(p, url, size, colour=colours.primary, url=True)
                link.append(r._r)

    # section, footer, properties
    section = document.sections[0]
    section.page_width, section.page_height = Pt(lay.page_width), Pt(lay.page_height)
    section.top_margin, section.bottom_margin = Pt(0), Pt(lay.body_bottom)
    section.left_margin, section.right_margin = Pt(lay.margin_left), Pt(lay.margin_right)
    section.header_distance, section.footer_distance, section.gutter = Pt(0), Pt(lay.margin_bottom), Pt(0)
    footer = section.footer
    disclaimer, contact, produced = lay.footer.disclaimer, lay.footer.contact, lay.footer.produced
    lines = ([((disclaimer, True),)] if disclaimer else [])
    lines += ([((contact, None), None, (produced, None))] if lay.footer.one_line
              else [((t, None),) for t in (contact, produced) if t])
    rule = ("top", lay.rule_gap * 2, lay.rule_width, colours.primary)
    for position, items in enumerate(lines):
        p = para(footer, base.style_ids["Sheet Footer"], lay.small_size, lay.small_leading,
                 border=rule if position == 0 else None, tabs=(("right", lay.content_width),),
                 reuse=position == 0)
        for item in items:
            if item is None:
                p.add_run().add_tab()
            else:
                run(p, item[0], lay.small_size, italic=item[1], colour=colours.muted)
    props = document.core_properties
    stamp = document_timestamp(sheet).replace(tzinfo=None)
    props.title = sheet.title_text
    props.subject = plain_text(sheet.subtitle) or words("subject")
    props.author = sheet.organisation or ""
    props.keywords = ", ".join(k for k in (sheet.location, *sheet.keywords) if k)
    props.language, props.last_modified_by, props.revision = sheet.language, "factsheet", 1
    props.created = props.modified = props.last_printed = stamp
    document.save(str(out_path))


# -- measuring ----------------------------------------------------------------------------------

def writer_function(name: str):
    if name == "today":
        from factsheet.render.docx import render_docx
        return render_docx
    if name == "docx":
        return write_python_docx
    if name == "docx-api":
        return lambda sheet, layout, out: write_python_docx(sheet, layout, out, api_styles=True)
    if name.startswith("lxml"):
        from lxml import etree
        builder = Builder(etree, lxml=True, memo=name.endswith("-memo"))
    else:
        import xml.etree.ElementTree as etree
        builder = Builder(etree, lxml=False, memo=name.endswith("-memo"))
    return lambda sheet, layout, out: write_builder(builder, sheet, layout, out)


def child(writer: str, template_name: str) -> None:
    """One cold write: everything the build would have done before the DOCX writer is done
    first (spec, fit: reportlab), then the writer's imports, its package and one sheet are timed."""
    sheet, _, layout = prepare(template_name)
    before = set(sys.modules)
    start = time.perf_counter()
    writer_function(writer)(sheet, layout, WORK / f"cold-{writer}-{template_name}.docx")
    elapsed = (time.perf_counter() - start) * 1000
    new = sorted(m for m in set(sys.modules) - before if "." not in m)
    print(f"{elapsed:.2f} {len(set(sys.modules) - before)} {','.join(new) or '-'}")


def cold(template_name: str, runs: int) -> dict:
    """Per writer: median ms inside the fresh process, median wall ms of the process, and the
    modules the writer imported; the writers take turns."""
    inside = {w: [] for w in WRITERS}
    wall = {w: [] for w in WRITERS}
    modules = {}
    for _ in range(runs):
        for writer in WRITERS:
            start = time.perf_counter()
            out = subprocess.run([sys.executable, __file__, "--child", writer, template_name],
                                 capture_output=True, text=True, cwd=ROOT)
            wall[writer].append((time.perf_counter() - start) * 1000)
            if out.returncode:
                raise SystemExit(f"cold {writer}: {out.stderr[-2000:]}")
            ms, count, names = out.stdout.split()[-3:]
            inside[writer].append(float(ms))
            modules[writer] = (int(count), names)
    return {w: (statistics.median(inside[w]), statistics.median(wall[w]), *modules[w])
            for w in WRITERS}


def warm(functions: dict, sheet, layout, repeat: int, template_name: str) -> dict:
    """Median ms per write of each writer, the writers taking turns (a shared machine's speed
    drifts within a minute: turns keep the comparison fair)."""
    times = {w: [] for w in functions}
    for writer, fn in functions.items():        # first write: package loaded, imports done
        fn(sheet, layout, WORK / f"warm-{writer}-{template_name}.docx")
    for _ in range(repeat):
        for writer, fn in functions.items():
            gc.collect()                         # not another writer's garbage
            start = time.perf_counter()
            fn(sheet, layout, WORK / f"warm-{writer}-{template_name}.docx")
            times[writer].append((time.perf_counter() - start) * 1000)
    return {w: statistics.median(t) for w, t in times.items()}


def batch(functions: dict, sheets: list) -> dict:
    """Total ms for each writer to write every (sheet, layout) in `sheets`, taking turns."""
    totals = dict.fromkeys(functions, 0.0)
    for sheet, layout in sheets:
        for writer, fn in functions.items():
            gc.collect()
            start = time.perf_counter()
            fn(sheet, layout, WORK / f"batch-{writer}.docx")
            totals[writer] += (time.perf_counter() - start) * 1000
    return totals


def import_times() -> dict:
    """Import time of each library in a fresh process (python -X importtime): the cumulative
    times of the top-level imports that `python -c pass` does not make, summed."""
    def top_level(code):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                             capture_output=True, text=True).stderr
        rows = [line.split("|") for line in err.splitlines() if line.startswith("import time:")]
        return [(r[2][1:], int(r[1])) for r in rows[1:] if not r[2][1:].startswith(" ")]
    startup = {name for name, _ in top_level("pass")}
    result = {}
    for module in ("docx", "lxml.etree", "xml.etree.ElementTree"):
        result[module] = statistics.median(
            sum(us for name, us in top_level(f"import {module}") if name not in startup) / 1000
            for _ in range(5))
    return result


def same_tree(a: bytes, b: bytes) -> bool:
    import xml.etree.ElementTree as ET

    def walk(x, y):
        return (x.tag == y.tag and x.attrib == y.attrib and (x.text or "") == (y.text or "")
                and len(x) == len(y) and all(walk(c, d) for c, d in zip(x, y)))
    return walk(ET.fromstring(a), ET.fromstring(b))


def compare_parts(template_name: str) -> str:
    import zipfile
    parts = {}
    for writer in WRITERS:
        with zipfile.ZipFile(WORK / f"warm-{writer}-{template_name}.docx") as package:
            parts[writer] = {n: package.read(n) for n in package.namelist()}
    notes = []
    footer = next(n for n in parts["today"] if n.startswith("word/footer"))
    for writer in ("lxml", "lxml-memo", "etree", "etree-memo"):
        for name in ("word/document.xml", footer):
            a, b = parts["today"][name], parts[writer][name]
            verdict = "identical bytes" if a == b else ("same tree" if same_tree(a, b) else "DIFFERENT")
            notes.append(f"{writer} {name.split('/')[-1]}: {verdict}")
    import xml.etree.ElementTree as ET
    w = "{" + _NS["w"] + "}"
    for writer in ("today", "docx"):
        root = ET.fromstring(parts[writer]["word/document.xml"])
        counts = [sum(1 for _ in root.iter(w + tag)) for tag in ("tbl", "tc", "p", "r", "hyperlink")]
        notes.append(f"{writer} tables/cells/paragraphs/runs/links " + "/".join(map(str, counts)))
    return "; ".join(notes)


def libreoffice_pages(path: Path) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdfinfo") is None:
        return "LibreOffice or pdfinfo missing"
    outdir = WORK / "pdf"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = (WORK / "lo-profile").resolve()
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
                   capture_output=True, text=True, timeout=180)
    pdf = outdir / (path.stem + ".pdf")
    if not pdf.exists():
        return "LibreOffice could not convert it"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return "pages " + next((l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="warm writes per writer (median)")
    parser.add_argument("--cold", type=int, default=7, help="fresh processes per writer (median)")
    parser.add_argument("--batch", type=int, default=100, help="different sheets in the batch")
    parser.add_argument("--check", action="store_true", help="convert each with LibreOffice")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.child:
        child(*args.child)
        return

    print(f"DOCX writers on the example sheet ({os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}); milliseconds, medians")
    imports = import_times()
    print("Import time in a fresh process (-X importtime, cumulative): "
          + ", ".join(f"{m} {t:.1f} ms" for m, t in imports.items()))
    for template_name in TEMPLATES:
        sheet, template, layout = prepare(template_name)
        functions = {w: writer_function(w) for w in WRITERS}
        print(f"\nTemplate {template_name!r} ({'logo, own Word file' if template.logo else 'built in'}):")
        from bench_build import variants
        from factsheet.diagnostics import LayoutError
        sheets = []
        for variant in variants(sheet, args.batch):
            try:
                sheets.append(prepare(template_name, variant)[::2])
            except LayoutError:
                pass          # too long for this template's page: bench_build's variants are for the default
        per_sheet = warm(functions, sheet, layout, args.repeat, template_name)
        colds = cold(template_name, args.cold)
        totals = batch(functions, sheets)
        print(f"  {'writer':<9}{'warm/sheet':>11}{'cold in-proc':>14}{'cold process':>14}"
              f"{'batch ' + str(len(sheets)):>11}  modules the writer imports")
        for writer in WRITERS:
            inside, wall, count, modules = colds[writer]
            print(f"  {writer:<9}{per_sheet[writer]:>11.2f}{inside:>14.1f}{wall:>14.0f}"
                  f"{totals[writer]:>11.0f}  {count} ({modules[:60]})")
        print("  parts: " + compare_parts(template_name))
        if args.check:
            for writer in WRITERS:
                path = WORK / f"warm-{writer}-{template_name}.docx"
                print(f"  LibreOffice {path.name}: {libreoffice_pages(path)}")


if __name__ == "__main__":
    main()
