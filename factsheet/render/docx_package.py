"""The Word package a template gives (styles, bullet numbering, font table, logo), prepared once.

It is prepared once per template with python-docx, so that each sheet only writes its own parts.
"""
from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from html import escape

from ..theme.scripts import is_rtl_language
from ..theme.fonts import ARABIC_FAMILY, FALLBACK, FAMILY
from ..files import ZipEntry, zip_entry

_CACHE_FORMAT = 2               # bump when _Base or the way it is built changes
STYLE_NAMES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet",
               "Key Figure", "Key Figure Label", "Source List", "Sheet Footer")
BULLET_STYLE = "List Bullet"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RT_FONTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_RT_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_DYNAMIC = ("word/document.xml", "docProps/core.xml", "word/_rels/document.xml.rels")
_FONT_ENTRY = (f'<w:font xmlns:w="{_W}" w:name="{FAMILY}"><w:altName w:val="{FALLBACK}"/>'
               '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>')

_ARABIC_FONT_ENTRY = (f'<w:font xmlns:w="{_W}" w:name="{ARABIC_FAMILY}"><w:altName w:val="{FALLBACK}"/>'
                      '<w:charset w:val="B2"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>'
                      '</w:font>')


@dataclass(frozen=True)
class _Base:
    entries: tuple                # (zip name, ZipEntry or None for the parts each sheet writes)
    style_ids: dict               # style name -> w:styleId in this package
    bullet_num_id: int
    footer_rid: str
    footer_name: str
    rels: str                     # word/_rels/document.xml.rels
    logo_rid: str | None

    def document_rels(self, extra) -> str:
        return self.rels.replace("</Relationships>", "".join(extra) + "</Relationships>")

    def picture_xml(self, cx: float, cy: float, alt: str, rid: str | None = None, pid: int = 1,
                    name: str = "Logo", blip_ext: str = "") -> str:
        """The logo inline (or, given `rid`, another picture), with `alt` (already escaped for an
        attribute) as its alt text; an empty `alt` marks it decorative, with the extension Word
        writes for "Mark as decorative". `blip_ext`: the blip's a:ext elements (an SVG's)."""
        cx, cy = int(round(cx)), int(round(cy))
        doc_pr = (f'<wp:docPr id="{pid}" name="{name}" descr="{alt}"/>' if alt else
                  f'<wp:docPr id="{pid}" name="{name}"><a:extLst><a:ext uri="{_DECORATIVE_EXT}">'
                  f'<adec:decorative xmlns:adec="{_DECORATIVE_NS}" val="1"/></a:ext></a:extLst>'
                  '</wp:docPr>')
        blip = (f'<a:blip r:embed="{rid or self.logo_rid}"><a:extLst>{blip_ext}</a:extLst></a:blip>'
                if blip_ext else f'<a:blip r:embed="{rid or self.logo_rid}"/>')
        return (f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" '
                f'cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>{doc_pr}'
                '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
                '<a:graphic><a:graphicData '
                'uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name.lower()}"/><pic:cNvPicPr/>'
                f'</pic:nvPicPr><pic:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch>'
                f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
                '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
                "</a:graphicData></a:graphic></wp:inline></w:drawing>")


def base_package(template, language: str) -> _Base:
    """The template's package, ready for sheets; rebuilt only when its Word file changes."""
    reference = template.docx_reference
    stamp = None
    if reference is not None:
        info = reference.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    return _cached_base(template, language, stamp)


@functools.lru_cache(maxsize=16)
def _cached_base(template, language: str, _stamp) -> _Base:
    """Kept in memory for the process, and on disk across processes: a cold `factsheet build`
    then skips importing python-docx and rebuilding the package (about 90 ms)."""
    path = _cache_path(template, language)
    base = _read_cached(path) if path is not None else None
    if base is None:
        try:
            base = _build_base(template, language)
        except Exception as exc:
            if template.docx_reference is None:
                raise   # our own package failed: a bug, reported as one
            # a .docx is a zip of XML parts; any of them may be damaged in ways only reading shows
            from ..diagnostics import FactsheetError
            raise FactsheetError(f"{template.path}: error: docx_reference {template.docx_reference.name} "
                                 f"cannot be read as a Word document ({type(exc).__name__}: "
                                 f"{str(exc).splitlines()[0] if str(exc) else 'damaged'})") from None
        if path is not None:
            _write_cached(path, base)
    return base


def cache_folder():
    """The folder of factsheet's caches across processes (FACTSHEET_CACHE_DIR, else the user's
    cache folder), or None when FACTSHEET_CACHE_DIR=off."""
    import os
    from pathlib import Path

    folder = os.environ.get("FACTSHEET_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "factsheet")
    return None if folder == "off" else Path(folder)


def _cache_path(template, language: str):
    """A file named by the hash of everything the package depends on, or None (no cache)."""
    import hashlib
    import importlib.util
    import os
    from pathlib import Path

    from .. import __version__

    folder = cache_folder()
    if folder is None:
        return None
    spec = importlib.util.find_spec("docx")     # finds python-docx without importing it
    key = hashlib.sha256()
    try:
        docx_init = os.stat(spec.origin)
        key.update(repr((_CACHE_FORMAT, __version__, spec.origin, docx_init.st_mtime_ns,
                         docx_init.st_size, repr(template), language)).encode("utf-8"))
        for extra in (template.docx_reference, template.logo):
            if extra is not None:
                key.update(Path(extra).read_bytes())
    except (OSError, AttributeError, TypeError):
        return None
    return folder / f"docx-base-{key.hexdigest()[:32]}.json"


def _read_cached(path) -> _Base | None:
    import base64
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple((name, None if packed is None else
                         ZipEntry(name, packed[0], packed[1], base64.b64decode(packed[2])))
                        for name, packed in data["entries"])
        return _Base(entries, data["style_ids"], data["bullet_num_id"], data["footer_rid"],
                     data["footer_name"], data["rels"], data["logo_rid"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None   # absent, or written by another version: rebuild it


def _write_cached(path, base: _Base) -> None:
    import base64
    import json

    from ..files import write_atomic

    data = {"entries": [(name, None if entry is None else
                         (entry.crc, entry.size, base64.b64encode(entry.data).decode("ascii")))
                        for name, entry in base.entries],
            "style_ids": base.style_ids, "bullet_num_id": base.bullet_num_id,
            "footer_rid": base.footer_rid, "footer_name": base.footer_name, "rels": base.rels,
            "logo_rid": base.logo_rid}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, lambda handle: handle.write(json.dumps(data).encode("utf-8")))
    except OSError:
        pass          # a read-only home: work without the cache


def _build_base(template, language: str) -> _Base:
    import docx

    reference = template.docx_reference
    document = docx.Document(str(reference)) if reference else docx.Document()
    part = document.part
    section = document.sections[0]
    section.footer.is_linked_to_previous = False        # adds a footer part if there is none
    footer_rid = next(ref.get(_q("r:id"))
                      for ref in section._sectPr.iterchildren(_q("w:footerReference"))
                      if ref.get(_q("w:type")) == "default")
    footer_name = str(part.related_parts[footer_rid].partname).lstrip("/")
    style_ids = _ready_styles(document, template, branded=reference is not None)
    bullet_num_id = _add_bullet_numbering(document, template)
    logo_rid = part.get_or_add_image(str(template.logo))[0] if template.logo else None
    _set_language(document, language)
    fonts_name = _ensure_font_table(document)
    for rid, rel in list(part.package.rels.items()):
        if rel.reltype == _RT_THUMBNAIL:     # a picture of some other document's first page
            part.package.rels.pop(rid)
    if reference is None:   # python-docx's own styles exist twice; Word 2010's copy is not needed
        for rid, rel in list(part.rels.items()):
            if rel.reltype == _RT_EFFECTS:
                part.rels.pop(rid)
    document.core_properties.title = ""                 # make sure the core part exists
    body = document.element.body
    for child in list(body):
        body.remove(child)
    buffer = io.BytesIO()
    document.save(buffer)
    entries, rels = [], ""
    with zipfile.ZipFile(buffer) as package:
        for name in package.namelist():
            data = package.read(name)
            if name == "word/_rels/document.xml.rels":
                rels = data.decode("utf-8")
            if name == fonts_name:
                data = _add_font(data, arabic=is_rtl_language(language))
            dynamic = name in _DYNAMIC or name == footer_name
            entries.append((name, None if dynamic else zip_entry(name, data)))
    return _Base(tuple(entries), style_ids, bullet_num_id, footer_rid, footer_name, rels, logo_rid)


def _q(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


def _ready_styles(document, template, branded: bool) -> dict:
    """Find (or add) every named style the sheet uses. Without a branded Word file, give them the
    template's look: Noto Sans throughout, the template's colours, no borders or theme fonts."""
    from docx.enum.style import WD_STYLE_TYPE

    styles, ids = document.styles, {}
    colours = template.colours
    looks = {"Normal": (colours.text, False), "Title": (colours.header_text, True),
             "Subtitle": (colours.header_text, False), "Heading 1": (colours.primary, True),
             "Heading 2": (colours.primary, True), "List Bullet": (colours.text, False),
             "Key Figure": (colours.accent, True), "Key Figure Label": (colours.text, False),
             "Source List": (colours.muted, False), "Sheet Footer": (colours.muted, False)}
    for name in STYLE_NAMES:
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if name != "Normal":
                style.base_style = styles["Normal"]
            style.font.bold = looks[name][1] or None
            style.quick_style = True
        ids[name] = style.style_id
        if not branded:
            _brand_style(style.element, *looks[name])
    if not branded:
        _set_fonts(document.styles.element.find(_q("w:docDefaults")))
    return ids


def _brand_style(element, colour: str, bold: bool) -> None:
    from docx.oxml import parse_xml
    for ppr in element.iterchildren(_q("w:pPr")):
        for tag in ("w:pBdr", "w:numPr", "w:spacing", "w:contextualSpacing"):
            for child in ppr.findall(_q(tag)):
                ppr.remove(child)
    for rpr in element.findall(_q("w:rPr")):
        element.remove(rpr)
    weight = "<w:b/><w:bCs/>" if bold else ""
    element.append(parse_xml(
        f'<w:rPr xmlns:w="{_W}"><w:rFonts w:ascii="{FAMILY}" w:hAnsi="{FAMILY}" w:eastAsia="{FAMILY}" '
        f'w:cs="{FAMILY}"/>{weight}<w:color w:val="{colour[1:]}"/></w:rPr>'))


def _set_fonts(defaults) -> None:
    """Noto Sans in the document defaults, replacing theme fonts (which would win over it)."""
    if defaults is None:
        return
    for fonts in defaults.iter(_q("w:rFonts")):
        for key in list(fonts.attrib):
            del fonts.attrib[key]
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(_q(key), FAMILY)


def _set_language(document, language: str) -> None:
    from docx.oxml import parse_xml
    defaults = document.styles.element.find(_q("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{_q('w:rPrDefault')}/{_q('w:rPr')}")
    if rpr is None:
        return
    for lang in rpr.findall(_q("w:lang")):
        rpr.remove(lang)
    rpr.append(parse_xml(f'<w:lang xmlns:w="{_W}" w:val="{escape(language)}"/>'))


def _add_bullet_numbering(document, template) -> int:
    """A bullet list definition of our own ('•' in the primary colour), whatever the Word file has."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.parts.numbering import NumberingPart

    try:
        numbering = document.part.numbering_part
    except NotImplementedError:   # python-docx cannot create one from scratch: give it a blank part
        numbering = NumberingPart.load(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                                       f'<w:numbering xmlns:w="{_W}"/>'.encode(), document.part.package)
        document.part.relate_to(numbering, RT.NUMBERING)
    root = numbering.element
    abstract_id = 1 + max([int(a.get(_q("w:abstractNumId")))
                           for a in root.iterchildren(_q("w:abstractNum"))] or [0])
    num_id = 1 + max([int(n.get(_q("w:numId"))) for n in root.iterchildren(_q("w:num"))] or [0])
    indent = round(template.body_max * 1.2 * 20)
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}"><w:multiLevelType '
        'w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr>'
        f'<w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr><w:rPr><w:rFonts w:ascii="{FAMILY}" '
        f'w:hAnsi="{FAMILY}" w:eastAsia="{FAMILY}" w:cs="{FAMILY}"/><w:b/><w:bCs/>'
        f'<w:color w:val="{template.colours.primary[1:]}"/></w:rPr></w:lvl></w:abstractNum>')
    existing = list(root.iterchildren(_q("w:abstractNum")))
    if existing:
        existing[-1].addnext(abstract)
    else:
        nums = list(root.iterchildren(_q("w:num")))
        nums[0].addprevious(abstract) if nums else root.append(abstract)
    root.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId '
                          f'w:val="{abstract_id}"/></w:num>'))
    return num_id


def _ensure_font_table(document) -> str:
    """The font table's zip name; a table is added when the Word file has none."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    for rel in document.part.rels.values():
        if rel.reltype == _RT_FONTS and not rel.is_external:
            return str(rel.target_part.partname).lstrip("/")
    blob = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}"/>'
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, blob.encode(), document.part.package)
    document.part.relate_to(part, _RT_FONTS)
    return "word/fontTable.xml"


def _add_font(data: bytes, arabic: bool = False) -> bytes:
    """Name Noto Sans in the font table with Arial as its stand-in where it is not installed
    (and, for a right-to-left sheet, Noto Sans Arabic, for which Arial has the Arabic too)."""
    from lxml import etree
    root = etree.fromstring(data)
    entries = [_FONT_ENTRY, _ARABIC_FONT_ENTRY] if arabic else [_FONT_ENTRY]
    names = {etree.fromstring(entry).get(f"{{{_W}}}name") for entry in entries}
    for font in root.iterchildren(f"{{{_W}}}font"):
        if font.get(f"{{{_W}}}name") in names:
            root.remove(font)
    for position, entry in enumerate(entries):
        root.insert(position, etree.fromstring(entry))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
