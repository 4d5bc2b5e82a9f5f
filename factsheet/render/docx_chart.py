"""A chart in the DOCX: the layout's marks as one group of DrawingML shapes, where the PDF has them.

Every bar, line, dot and label of the ChartBox becomes a shape of one inline group
(wpg:wgp), at the layout's positions to the twelfth of a point (EMU): the same drawing as the
PDF, editable in Word shape by shape, its labels real text (text boxes) that search and
copy find. The group's alt text (wp:docPr/@descr) reads the title and every value.
Why shapes rather than a native chart part: docs/architecture.md, "Charts".
"""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

EMU = 12700                               # EMUs per point

_WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_NO_LINE = "<a:ln><a:noFill/></a:ln>"


def emu(points: float) -> int:
    return int(round(points * EMU))


def _xfrm(x, y, width, height) -> str:
    return (f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/>'
            f'<a:ext cx="{max(emu(width), 1)}" cy="{max(emu(height), 1)}"/></a:xfrm>')


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour[1:].upper()}"/></a:solidFill>'


class _Shapes:
    """The group's shapes, numbered in drawing order."""

    def __init__(self, first: int):
        self.parts, self.first = [], first   # ids unique in the document, not just the group

    def shape(self, name: str, geometry: str, box: tuple, props: str, body: str = "",
              text_box: bool = False) -> None:
        number = self.first + len(self.parts)
        kind = ' txBox="1"' if text_box else ""
        self.parts.append(
            f'<wps:wsp><wps:cNvPr id="{number}" name="{name} {number}"/>'
            f"<wps:cNvSpPr{kind}/><wps:spPr>{_xfrm(*box)}{geometry}"
            f"{props}</wps:spPr>{body}</wps:wsp>")

    def rect(self, mark) -> None:
        self.shape(mark.role.capitalize(), '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>',
                   (mark.x, mark.y, mark.width, mark.height), _fill(mark.colour) + _NO_LINE)

    def dot(self, mark) -> None:
        r = mark.radius
        self.shape("Point", '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>',
                   (mark.x - r, mark.y - r, 2 * r, 2 * r), _fill(mark.colour) + _NO_LINE)

    def line(self, mark) -> None:
        xs, ys = [x for x, _ in mark.points], [y for _, y in mark.points]
        left, top = min(xs), min(ys)
        width, height = max(max(xs) - left, 0.05), max(max(ys) - top, 0.05)
        path = "".join(f'<a:{"moveTo" if n == 0 else "lnTo"}><a:pt x="{emu(x - left)}" '
                       f'y="{emu(y - top)}"/></a:{"moveTo" if n == 0 else "lnTo"}>'
                       for n, (x, y) in enumerate(mark.points))
        geometry = ('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
                    '<a:rect l="0" t="0" r="r" b="b"/><a:pathLst>'
                    f'<a:path w="{max(emu(width), 1)}" h="{max(emu(height), 1)}" fill="none">{path}'
                    '</a:path></a:pathLst></a:custGeom>')
        props = (f'<a:noFill/><a:ln w="{emu(mark.width)}" cap="rnd">{_fill(mark.colour)}'
                 '<a:round/></a:ln>')
        self.shape("Line", geometry, (left, top, width, height), props)

    def text(self, mark, paragraph, limit: float) -> None:
        # a little wider than measured (Word's widths may round up; a label never wraps), but
        # never past the group's edge, or LibreOffice shrinks the whole group to fit it
        jc = "left"
        if mark.rtl:   # a right-to-left paragraph's start is its box's right edge
            jc = {"end": "right", "middle": "center"}.get(mark.anchor, "left")
        body = (f"<wps:txbx><w:txbxContent>{paragraph(mark, jc)}"
                '</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" '
                'tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>')
        if mark.rtl:
            # exactly the text's width: Word reads a bidi paragraph's jc as start/end, but
            # LibreOffice's text boxes read it as a side, so only a box with no room to spare
            # puts the text at the same place in both (the jc then says where a wider one runs)
            box = (mark.x, mark.top, mark.width, mark.height)
        else:
            box = (mark.x, mark.top, min(mark.width + mark.size * 0.5, limit - mark.x), mark.height)
        self.shape(mark.role.capitalize(), '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>',
                   box, "<a:noFill/>" + _NO_LINE, body, text_box=True)


def chart_drawing(box, number: int, paragraph) -> str:
    """The chart as one inline group as large as the layout's box; `number` makes its drawing's
    id unique in the document (the logo is 1); `paragraph(mark, jc)` sets a label's one line."""
    from ..layout.geometry import ChartDot, ChartLine, ChartRect, ChartText

    shapes = _Shapes(1000 * number)
    for mark in box.marks:
        if isinstance(mark, ChartRect):
            shapes.rect(mark)
        elif isinstance(mark, ChartLine):
            shapes.line(mark)
        elif isinstance(mark, ChartDot):
            shapes.dot(mark)
        elif isinstance(mark, ChartText):
            shapes.text(mark, paragraph, box.width)
    cx, cy = emu(box.width), emu(box.height)
    return (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{100 + number}" '
        f'name="Chart {number}" descr={quoteattr(box.alt_text)}/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_WPG}"><wpg:wgp xmlns:wpg="{_WPG}" xmlns:wps="{_WPS}">'
        '<wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/><a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm>'
        f"</wpg:grpSpPr>{''.join(shapes.parts)}</wpg:wgp></a:graphicData></a:graphic></wp:inline>"
        "</w:drawing>")
