"""Archiving an article: a text file or saved web page becomes sources/<id>.txt and a source entry.

A web page's main text and metadata (title, site name, date, address) come from trafilatura;
navigation, adverts, scripts and reader comments stay out. Text keeps its words exactly: only
line ends become LF, Unicode becomes NFC, and other encodings become UTF-8 (charset_normalizer
guesses the encoding of a file that is not UTF-8).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..diagnostics import FactsheetError, UsageError
from ..limits import MAX_ARCHIVE_BYTES
from ..spec.load import reading
from ..spec.dates import ISO_DAY
from ..spec.markup import SLUG, slugify

MAX_INPUT_BYTES = 50_000_000     # a saved page with inline scripts and styles; the text is far less
SHORT_TEXT_WORDS = 25            # fewer words than this: probably not the article
HTML, TEXT = "html", "text"

_NOT_TEXT = [                    # (leading bytes, what the file is)
    (b"%PDF-", "a PDF"), (b"PK\x03\x04", "a zip archive (or .docx, .xlsx, .epub)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"), (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"), (b"bplist00", "a Safari web archive (.webarchive)"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"\x7fELF", "a program"), (b"MZ", "a program"),
]
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# WHATWG MIME sniffing's HTML signatures, and a few tags saved pages start with
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<!--|<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+)?html"
                         rb"|<(?:html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p"
                         rb"|meta|link|article|main|section|header|nav)[\s/>])", re.IGNORECASE | re.DOTALL)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_URL = re.compile(r"https?://[^\s/]+\S*\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Article:
    """An article's text, ready to archive, and what its file says about it."""
    text: str                  # NFC, LF line ends, paragraphs separated by a blank line
    kind: str                  # HTML or TEXT
    encoding: str              # how the file was decoded
    title: str | None = None   # from the page's metadata (HTML only)
    publisher: str | None = None
    published: date | None = None
    url: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Archived:
    """What archive_article did: the new file, the source entry added, and where each value came from."""
    archive: Path
    source: dict
    article: Article
    from_page: tuple = field(default=())   # keys of `source` taken from the page's metadata
    entry_text: str = ""                   # the source entry's YAML, as added to the spec


def read_article(path) -> Article:
    """Read a text file or saved web page as an article; UsageError for anything else."""
    path = Path(path)
    data = _read_bytes(path)
    what = _binary_kind(data)
    if what:
        raise UsageError(f"{path}: {what}, not text or HTML: save the article as a web page (HTML) "
                         "or copy its text into a .txt file, and archive that")
    if _is_html(data, path.suffix.lower()):
        return _read_html(data, path)
    text, encoding = _decode(data, path)
    if len(_CONTROL.findall(text[:100_000])) > len(text[:100_000]) // 100:
        raise UsageError(f"{path}: binary data (control characters), not text or HTML: "
                         "save the article as a web page (HTML) or as plain text")
    return Article(_normalise(text), TEXT, encoding)


def archive_article(file, spec, *, source_id: str | None = None, title: str | None = None,
                    publisher: str | None = None, published: str | date | None = None,
                    url: str | None = None, today: date | None = None) -> Archived:
    """Copy the article in `file` to <spec's folder>/sources/<id>.txt and add its source to `spec`.

    Options given here win over the page's metadata. Either both the archive and the spec
    entry are written, or neither: problems are found before writing (UsageError), and if
    the spec cannot be edited after all, the new archive is removed again.
    """
    from ..spec.edit import add_entries, existing_ids, format_entries

    spec = Path(spec)
    article = read_article(file)
    known = existing_ids(spec, "sources")     # the spec parses, before anything is written
    values, from_page = {}, []
    for key, given, found in (("title", title, article.title), ("publisher", publisher, article.publisher),
                              ("published", published, article.published), ("url", url, article.url)):
        value = _clean(given) if given is not None else found
        if value is not None and given is None:
            from_page.append(key)
        values[key] = value
    values["published"] = _as_date(values["published"], "published", today or date.today())
    if values["url"] is not None and not _URL.match(values["url"]):
        if "url" in from_page:     # a page's odd address (file://, a relative link) is left out
            values["url"], from_page = None, [k for k in from_page if k != "url"]
        else:
            raise UsageError(f"--url must start with http:// or https://, not {values['url']!r}")
    _require(values, article, Path(file))

    sid = source_id if source_id is not None else default_id(values["publisher"], values["published"],
                                                             values["title"], Path(file))
    if not SLUG.match(sid):
        raise UsageError(f"--id {sid!r} is not a valid id: use lowercase letters, digits, - and _")
    relative = f"sources/{sid}.txt"
    target = spec.parent / relative
    clash = [f"source id '{sid}' exists already in {known[sid]}" if sid in known else "",
             f"{target} exists already" if target.exists() or target.is_symlink() else ""]
    if any(clash):
        raise UsageError(f"{'; '.join(c for c in clash if c)}: nothing written; "
                         f"pick another id with --id (the archive would be {target})")
    data = article.text.encode("utf-8")
    if len(data) > MAX_ARCHIVE_BYTES:
        raise UsageError(f"{file}: the article's text is larger than {MAX_ARCHIVE_BYTES // 1_000_000} MB, "
                         "the most an archive may be: nothing written")

    source = {"id": sid, "title": values["title"], "publisher": values["publisher"],
              "url": values["url"], "published": values["published"], "archive": relative}
    source = {k: v for k, v in source.items() if v is not None}
    format_entries([source])                  # a value that cannot be written fails here, not half-way
    written = []
    _write_both(target, data, lambda: written.append(add_entries(spec, "sources", [source])))
    return Archived(target, source, article, tuple(k for k in source if k in from_page), written[0])


def default_id(publisher, published, title, file: Path) -> str:
    """'independent-2017-06-06' from publisher and date; else from the title; else the file name."""
    if publisher and published:
        found = slugify(re.sub(r"^the\s+", "", str(publisher), flags=re.IGNORECASE))
        if found:
            return f"{found}-{published.isoformat()}"
    for text in (title, file.stem):
        found = slugify(text or "")
        if found:
            return found
    raise UsageError(f"{file}: no id can be made from its publisher, title or name: pass --id ID")


# -- what the file is -----------------------------------------------------------------------

def _read_bytes(path: Path) -> bytes:
    with reading(path), open(path, "rb") as handle:
        data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_INPUT_BYTES // 1_000_000} MB: not an article")
    if not data.strip():
        raise UsageError(f"{path}: the file is empty")
    return data


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _NOT_TEXT:
        if data.startswith(magic):
            return f"is {what}"
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "is a WebP image"
    head = data[:4096]
    if b"MIME-Version:" in head and b"multipart/related" in head.lower():
        return "is an MHTML web archive (.mht): save the page as 'Web page, HTML only' instead"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None           # UTF-16 and UTF-32 text holds NUL bytes
    if b"\x00" in data[:8192]:
        return "is binary data (NUL bytes)"
    return None


def _is_html(data: bytes, suffix: str) -> bool:
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    if _HTML_START.match(head):
        return True
    return suffix in _HTML_SUFFIXES and re.search(rb"<(?:html|head|body|p|div|article)[\s>]",
                                                  data[:65536], re.IGNORECASE) is not None


def _decode(data: bytes, path: Path, declared: str | None = None) -> tuple:
    """Text and encoding: a BOM's, else UTF-8, else the page's declared charset, else
    charset_normalizer's best guess (Windows-1252 on a tie: the usual encoding of Western text
    that is not UTF-8)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                break
    for encoding in ("utf-8", declared):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, TypeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        best = western
    if best is None:
        raise UsageError(f"{path}: not text in any encoding recognised: save the article as "
                         "UTF-8 text or as a web page (HTML)")
    return str(best), best.encoding


def _normalise(text: str) -> str:
    """LF line ends, NFC, no BOM, one final newline; every word kept as it is."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return text.rstrip("\n") + "\n" if text.strip() else ""


# -- web pages ------------------------------------------------------------------------------

def _read_html(data: bytes, path: Path) -> Article:
    import trafilatura

    text, encoding = _decode(data, path, _declared_charset(data[:4096]))
    # decoded here, as browsers do (trafilatura ignores <meta charset>); an XML declaration
    # would make lxml decode the text a second time
    tree = trafilatura.load_html(re.sub(r"\A\s*<\?xml[^>]*>", "", text))
    if tree is None:
        raise UsageError(f"{path}: looks like HTML but cannot be parsed")
    _drop_link_tables(tree)
    today = date.today().isoformat()
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        include_links=False, include_images=False, include_formatting=False,
        # dates from the page's markup only (meta tags, JSON-LD, <time>), never guessed from prose
        date_extraction_params={"original_date": True, "extensive_search": False, "max_date": today})
    text = _body_text(document.body) if document is not None and document.body is not None else ""
    if not text.strip():
        raise UsageError(f"{path}: no article text found in the page (it may load its text with "
                         "JavaScript): copy the article's text into a .txt file and archive that")
    title = _clean(document.title)
    first = text.lstrip().split("\n", 1)[0]
    if title and normalise_words(first) != normalise_words(title):
        text = f"{title}\n\n{text}"     # the headline is part of the article, and facts quote it
    published = None
    if document.date and ISO_DAY.match(document.date):
        try:
            published = date.fromisoformat(document.date)
        except ValueError:
            published = None
    url = document.url if document.url and _URL.match(document.url) else None
    return Article(_normalise(text), HTML, encoding, title, _clean(document.sitename), published, url)


def _declared_charset(head: bytes) -> str | None:
    """The encoding a page declares in <meta charset> or http-equiv, as browsers read it:
    Latin-1 and ASCII mean Windows-1252; a UTF-16 declaration in 8-bit text means UTF-8."""
    found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", head, re.IGNORECASE)
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _drop_link_tables(tree) -> None:
    """Remove tables that are mostly links (menus, 'more stories'): their words are not the article's."""
    for table in tree.xpath("//table"):
        words = len(" ".join(table.itertext()).split())
        linked = sum(len(" ".join(a.itertext()).split()) for a in table.iter("a"))
        if words and linked * 2 >= words and table.getparent() is not None:
            table.drop_tree()


_BLOCKS = ("p", "head", "quote", "list", "table", "code")


def _body_text(body) -> str:
    """trafilatura's body as paragraphs separated by a blank line (its own text output uses one
    newline for both paragraphs and line breaks); list items and table rows one per line."""
    blocks = []
    for element in body:
        if element.tag == "list":
            lines = [_inline(item) for item in element.iter("item")]
        elif element.tag == "table":
            lines = ["\t".join(_inline(cell) for cell in row.iter("cell")) for row in element.iter("row")]
        else:
            lines = [_inline(element)]
        block = "\n".join(line.strip() for line in lines if line.strip())
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)


def _inline(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in ("list", "item"):   # nested lists: their items come one by one
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "\n".join(line.strip() for line in "".join(parts).split("\n"))


def normalise_words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


# -- values ---------------------------------------------------------------------------------

def _clean(value):
    """One line of NFC text, or None when empty."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    value = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return value or None


def _as_date(value, what: str, today: date):
    if value is None or isinstance(value, date):
        day = value
    elif ISO_DAY.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--{what} {value!r} is not a real date") from None
    else:
        raise UsageError(f"--{what} must be an ISO date, YYYY-MM-DD, not {value!r}")
    if day is not None and day > today:
        raise UsageError(f"--{what} {day} is in the future")
    return day


def _require(values: dict, article: Article, file: Path) -> None:
    options = {"title": ("title", "--title TEXT"), "publisher": ("publisher", "--publisher NAME"),
               "published": ("publication date", "--published YYYY-MM-DD")}
    missing = [key for key in options if values[key] is None]
    if not missing:
        return
    names = " or ".join(options[k][0] for k in missing)
    where = "the page's metadata gives no" if article.kind == HTML else "plain text carries no"
    raise UsageError(f"{file}: {where} {names}: pass {' '.join(options[k][1] for k in missing)}; "
                     "nothing written")


def _write_both(target: Path, data: bytes, edit_spec) -> None:
    """The archive, then the spec; if the spec cannot be edited, the new archive goes again."""
    from ..files import write_atomic

    created = not target.parent.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, lambda handle: handle.write(data))
        edit_spec()
    except BaseException as exc:
        target.unlink(missing_ok=True)
        if created:
            try:
                target.parent.rmdir()
            except OSError:
                pass
        if isinstance(exc, OSError):   # a full disk, no permission: said in words, exit 1
            raise FactsheetError(f"factsheet: error: {exc.strerror or exc} while writing "
                                 f"{getattr(exc, 'path', None) or exc.filename or target}: "
                                 "nothing written") from None
        raise
