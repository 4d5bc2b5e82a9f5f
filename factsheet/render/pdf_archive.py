"""PDF/A: ReportLab's page made PDF/A-2b (3b with its evidence attached) and tagged, by pikepdf.

ReportLab has no PDF/A mode, so its file is finished here: its empty /Trans removed, the
structure tree added (pdf_tags), an sRGB output intent, XMP metadata that agrees with the
document information, and, with the template's `embed_sources`, the spec and its archived
articles as associated files (PDF/A-3b). Only pikepdf's core is imported: its PDF/A module
(`pikepdf.pdfa`, 110 ms to import) validates, which the tests do on every example sheet
(tests/render/test_pdf_archive.py), not every build. The bytes depend on pikepdf's qpdf, so
pikepdf is pinned like ReportLab.
"""
from __future__ import annotations

import functools
import io
from html import escape
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..sheet.model import plain_text
from ..sheet.words import words_for
from . import document_timestamp
from .pdf_tags import add_structure

_MIME = {".yaml": "application/yaml", ".yml": "application/yaml", ".txt": "text/plain"}


@functools.lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    """The sRGB ICC profile pikepdf ships for PDF/A output intents (read without importing
    pikepdf.pdfa)."""
    return (Path(pikepdf.__file__).parent / "pdfa" / "data" / "sRGB.icc").read_bytes()


def finish_pdf(data: bytes, sheet, layout, marks, links, target) -> None:
    """Write ReportLab's `data` to `target` (a path or binary file) as a tagged PDF/A-2b, or
    PDF/A-3b with the evidence attached when the template says `embed_sources: true`."""
    part = 3 if layout.template.embed_sources else 2
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        if "/Trans" in page:   # ReportLab's empty page transition: PDF/A forbids it
            del page["/Trans"]
        for annot in page.get("/Annots", ()):   # PDF/A: every annotation printable (/F 4)
            annot.F = 4
        add_structure(pdf, marks, links, sheet.language)
        _add_output_intent(pdf)
        if part == 3:
            _attach_evidence(pdf, sheet)
        _set_metadata(pdf, sheet, part)
        # fix_metadata_version=False: pikepdf would rewrite our XMP's producer (and load lxml)
        finished = io.BytesIO()
        pdf.save(finished, deterministic_id=True, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    # written by Python, not by qpdf: a full disk is an OSError the build reports as such
    if isinstance(target, str):
        with open(target, "wb") as stream:
            stream.write(finished.getvalue())
    else:
        target.write(finished.getvalue())


def _add_output_intent(pdf) -> None:
    profile = pdf.make_stream(_srgb_profile(), N=3)
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String("sRGB"),
        Info=String("sRGB"), DestOutputProfile=profile)])


def _attach_evidence(pdf, sheet) -> None:
    """Each evidence file as an associated file (/AFRelationship /Source), listed in the
    document's /AF and its embedded files (what `pdfdetach -list` shows)."""
    import mimetypes

    from ..sheet.evidence import evidence_files

    moment = _pdf_date(document_timestamp(sheet))
    names, specs = Array(), Array()
    for item in sorted(evidence_files(sheet), key=lambda e: e.name):
        content = item.path.read_bytes()
        mime = _MIME.get(item.path.suffix.lower()) or mimetypes.guess_type(item.name)[0] \
            or "application/octet-stream"
        stream = pdf.make_stream(content, Type=Name.EmbeddedFile, Subtype=Name("/" + mime),
                                 Params=Dictionary(Size=len(content), ModDate=String(moment)))
        spec = pdf.make_indirect(Dictionary(
            Type=Name.Filespec, F=String(item.name), UF=String(item.name),
            Desc=String(item.description), AFRelationship=Name.Source,
            EF=Dictionary(F=stream, UF=stream)))
        names.extend([String(item.name), spec])
        specs.append(spec)
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=names))
    pdf.Root.AF = specs


def _xml(text: str) -> str:
    return escape(text, quote=False)


def _pdf_date(moment) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _set_metadata(pdf, sheet, part: int) -> None:
    """XMP metadata and the document information, the same values in both (PDF/A requires it):
    title, language, author (the organisation), subject, keywords, dates, PDF/A part."""
    moment = document_timestamp(sheet)
    iso = moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    subject = plain_text(sheet.subtitle) or words_for(sheet.language)("subject")
    keywords = [k for k in (sheet.location, *sheet.keywords) if k]
    info = pdf.docinfo
    producer = f"{info.get('/Producer', 'ReportLab')}; pikepdf {pikepdf.__version__}"
    values = {"/Title": sheet.title_text, "/Subject": subject, "/Keywords": ", ".join(keywords),
              "/Creator": "factsheet", "/Producer": producer}
    if sheet.organisation:
        values["/Author"] = sheet.organisation
    for key in list(info.keys()):
        del info[key]
    for key, value in values.items():
        info[key] = String(value)
    info["/CreationDate"] = info["/ModDate"] = String(_pdf_date(moment))

    def alt(value):
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml(value)}</rdf:li></rdf:Alt>'

    def bag(items):
        return "<rdf:Bag>" + "".join(f"<rdf:li>{_xml(i)}</rdf:li>" for i in items) + "</rdf:Bag>"

    creator = f"<dc:creator><rdf:Seq><rdf:li>{_xml(sheet.organisation)}</rdf:li></rdf:Seq>" \
              f"</dc:creator>" if sheet.organisation else ""
    subjects = f"<dc:subject>{bag(keywords)}</dc:subject>" if keywords else ""
    xmp = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        f'<dc:format>application/pdf</dc:format><dc:title>{alt(sheet.title_text)}</dc:title>'
        f'{creator}<dc:description>{alt(subject)}</dc:description>{subjects}'
        f'<dc:language>{bag([sheet.language])}</dc:language>'
        f'<pdf:Keywords>{_xml(", ".join(keywords))}</pdf:Keywords>'
        f'<pdf:Producer>{_xml(producer)}</pdf:Producer>'
        f'<xmp:CreatorTool>factsheet</xmp:CreatorTool><xmp:CreateDate>{iso}</xmp:CreateDate>'
        f'<xmp:ModifyDate>{iso}</xmp:ModifyDate><xmp:MetadataDate>{iso}</xmp:MetadataDate>'
        f'<pdfaid:part>{part}</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
    pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=Name.Metadata,
                                        Subtype=Name.XML)
