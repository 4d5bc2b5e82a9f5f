"""HTML pages: the audit page behind each sheet (every figure with its evidence) and the index.

Spec text is untrusted here: a spec may come from anyone, and these pages are meant to be
published. Every piece of it goes through `_e` (html.escape with quote=True), URLs become
links only when they are http(s), and each page forbids scripts in its own header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..sheet.model import Sheet, plain_text
from ..sheet.words import words_for
from ..files import write_atomic
from ..sheet.record import archive_path, archive_sha256, label_text

RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
# no script, no external fetch, even if escaping were ever missed somewhere
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

CSS = """
:root { --ink: #1d2327; --muted: #5b6770; --rule: #d5dbe0; --accent: #0b5cad; --paper: #fff; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0 auto; max-width: 54rem; padding: 2rem 1.5rem 3rem; color: var(--ink);
  background: var(--paper); line-height: 1.5;
  font-family: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--ink); }
a { color: var(--accent); }
dd a { overflow-wrap: anywhere; }
code { font-family: "Noto Sans Mono", Consolas, "DejaVu Sans Mono", monospace; font-size: .85em;
  overflow-wrap: anywhere; }
.meta, .note, footer { color: var(--muted); }
.downloads { display: flex; gap: .6rem; flex-wrap: wrap; margin: 1rem 0; }
.downloads a { border: 1px solid var(--accent); border-radius: 4px; padding: .3rem .8rem;
  text-decoration: none; font-weight: 600; }
.figure { border: 1px solid var(--rule); border-radius: 6px; padding: 1rem 1.2rem;
  margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
.figure .value { margin: 0 0 .5rem; font-size: 1.05rem; }
.display { font-size: 1.5rem; font-weight: 700; margin-inline-end: .4rem; }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; color: var(--accent); }
blockquote { margin: .6rem 0; padding: .4rem 1rem; border-inline-start: 4px solid var(--accent);
  background: #f3f6f9; font-style: italic; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.source { border-top: 1px dashed var(--rule); margin-top: .7rem; padding-top: .5rem; }
.source-title { margin: 0; font-weight: 600; }
.ref { color: var(--accent); margin-inline-end: .3rem; }
.missing { color: #a4161a; font-weight: 600; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: start; vertical-align: top; padding: .45rem .6rem;
  border-bottom: 1px solid var(--rule); }
th { font-size: .85rem; color: var(--muted); border-bottom: 2px solid var(--ink); }
td.nowrap { white-space: nowrap; }
td.nowrap a { margin-inline-end: .6rem; }
footer { margin-top: 2.5rem; font-size: .85rem; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .downloads { display: none; }
  a { color: inherit; text-decoration: none; }
  blockquote { background: none; }
}
"""


def _e(text) -> str:
    return escape(str(text), quote=True)


def _href(name: str) -> str:
    """A link to a file beside the page; the name is spec-derived, so percent-encode it."""
    return _e(quote(name, safe=""))


def is_web_url(url) -> bool:
    """Only http(s) URLs may become links: no javascript:, data: or file: from a spec."""
    return bool(url and _SAFE_URL.fullmatch(url) and urlsplit(url).netloc)


def _url(url, words) -> str:
    if not url:
        return f'<span class="note">{_e(words("none_given"))}</span>'
    if is_web_url(url):
        return f'<a href="{_e(url)}">{_e(url)}</a>'
    return f"<code>{_e(url)}</code>"


def _page(lang: str, title: str, body: str) -> str:
    primary = lang.split("-")[0].lower()
    direction = "rtl" if primary in RTL_LANGUAGES else "ltr"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def render_audit(sheet: Sheet, layout, out_path) -> Path:
    """Write `<stem>.sources.html`. `layout` is unused; out_path is a file or a folder.

    Links the sheet's PDF and DOCX that exist beside the page; when neither exists yet (the
    page rendered before the documents) it links both, as a build makes both by default."""
    path = _target(out_path, f"{sheet.stem}.sources.html")
    documents = [s for s in ("pdf", "docx") if (path.parent / f"{sheet.stem}.{s}").is_file()]
    text = audit_html(sheet, documents or ("pdf", "docx"))
    write_atomic(path, lambda f: f.write(text.encode("utf-8")))
    return path


def audit_html(sheet: Sheet, documents=("pdf", "docx")) -> str:
    """Every figure as printed (key figures first), its quote, and the sources behind it."""
    title = sheet.title_text
    words = words_for(sheet.language)
    meta = [plain_text(sheet.subtitle), sheet.location, words.as_of(sheet.as_of), sheet.organisation]
    meta_text = " \u00b7 ".join(_e(m) for m in meta if m)
    parts = [
        "<header>\n",
        f"<h1>{_e(words('audit_title', title=title))}</h1>\n",
        f'<p class="meta">{meta_text}</p>\n',
        '<nav class="downloads">'
        + " ".join(f'<a href="{_href(f"{sheet.stem}.{suffix}")}">'
                   f'{_e(words("audit_download", format=suffix.upper()))}</a>' for suffix in documents)
        + "</nav>\n",
        f'<p class="note">{_e(words("audit_intro"))}</p>\n',
        "</header>\n<main>\n",
    ]
    facts = {fact.id: fact for fact in sheet.facts}
    key_ids = [kf.fact_id for kf in sheet.key_figures if kf.fact_id in facts]
    if key_ids:
        parts.append(f"<section>\n<h2>{_e(words('key_figures'))}</h2>\n")
        for kf in sheet.key_figures:
            if kf.fact_id in facts:
                parts.append(_figure(sheet, facts[kf.fact_id], words.value(facts[kf.fact_id]),
                                     plain_text(kf.label),
                                     key=True))
        parts.append("</section>\n")
    others = [fact for fact in sheet.facts if fact.id not in key_ids]
    if others:
        parts.append(f"<section>\n<h2>{_e(words('other_figures'))}</h2>\n")
        for fact in others:
            parts.append(_figure(sheet, fact, words.value(fact), label_text(fact.label, facts, words)))
        parts.append("</section>\n")
    if sheet.cited_figures:
        parts.append(f"<section>\n<h2>{_e(words('cited_figures'))}</h2>\n")
        parts.extend(_cited(sheet, figure, n) for n, figure in enumerate(sheet.cited_figures, 1))
        parts.append("</section>\n")
    parts.append(_sources_table(sheet))
    on = _e(words("built_on", date=words.date(sheet.produced))) if sheet.produced else ""
    # the catalogue's pattern is escaped before the (escaped) spec name is put in as code
    built = _e(words("built_from")).format(spec=f"<code>{_e(sheet.spec_path.name)}</code>", on=on)
    parts.append(f"</main>\n<footer>{built}</footer>\n")
    return _page(sheet.language, words("audit_title", title=title), "".join(parts))


def _figure(sheet: Sheet, fact, printed: str, label: str, key: bool = False) -> str:
    sources = {source.id: source for source in sheet.sources}
    words = words_for(sheet.language)
    lines = [
        f'<article class="figure" id="fact-{_e(fact.id)}">',
        f'<span class="badge">{_e(words("key_figure"))}</span>' if key else "",
        f'<p class="value"><span class="display">{_e(printed)}</span> '
        f'<span class="label">{_e(label)}</span></p>',
        "<dl>",
        f"<dt>{_e(words('fact_id'))}</dt><dd><code>{_e(fact.id)}</code></dd>",
        f"<dt>{_e(words('date_label'))}</dt>"
        f"<dd>{_e(words.date(fact.date) if fact.date else words('not_given'))}</dd>",
        f"<dt>{_e(words('stated_by'))}</dt><dd>{_e(fact.attribution)}</dd>" if fact.attribution else "",
        "</dl>",
    ]
    # the quote is taken from the fact's first source
    first = sources.get(fact.sources[0]) if fact.sources else None
    cite_attr = f' cite="{_e(first.url)}"' if first and is_web_url(first.url) else ""
    lines.append(f"<blockquote{cite_attr}>{_e(fact.quote)}</blockquote>")
    if fact.note:
        lines.append(f'<p class="note"><strong>{_e(words("note"))}</strong> {_e(fact.note)}</p>')
    for source_id in fact.sources:
        source = sources.get(source_id)
        if source is None:  # the validator refuses this; say so rather than crash
            lines.append(f'<p class="missing">{_e(words("unknown_source", id=source_id))}</p>')
        else:
            lines.append(_source(sheet, source))
    lines.append("</article>\n")
    return "\n".join(line for line in lines if line)


def _cited(sheet: Sheet, figure, number: int) -> str:
    """A figure of a cited sentence: the sentence as printed, the archive passage stating it."""
    source = next((s for s in sheet.sources if s.id == figure.source), None)
    cite_attr = f' cite="{_e(source.url)}"' if source and is_web_url(source.url) else ""
    lines = [
        f'<article class="figure cited" id="cited-{number}">',
        f'<p class="value"><span class="display">{_e(figure.text)}</span> '
        f'<span class="label">{_e(figure.sentence)}</span></p>',
        f"<blockquote{cite_attr}>{_e(figure.passage)}</blockquote>",
        _source(sheet, source) if source else "",
        "</article>\n",
    ]
    return "\n".join(line for line in lines if line)


def _source(sheet: Sheet, source) -> str:
    number = sheet.citation_numbers([source.id])
    ref = f'<span class="ref">[{_e(number)}]</span> ' if number else ""
    words = words_for(sheet.language)
    return "\n".join([
        '<div class="source">',
        f'<p class="source-title">{ref}{_e(source.title)}</p>',
        "<dl>",
        f"<dt>{_e(words('publisher'))}</dt><dd>{_e(source.publisher)}</dd>",
        f"<dt>{_e(words('published'))}</dt><dd>{_e(words.date(source.published))}</dd>",
        f"<dt>{_e(words('url'))}</dt><dd>{_url(source.url, words)}</dd>",
        f"<dt>{_e(words('archive'))}</dt><dd><code>{_e(archive_path(sheet, source))}</code></dd>",
        f"<dt>{_e(words('sha256'))}</dt><dd>{_sha(source, words)}</dd>",
        "</dl>",
        "</div>",
    ])


def _sha(source, words) -> str:
    digest = archive_sha256(source)
    if digest is None:
        return f'<span class="missing">{_e(words("archive_missing"))}</span>'
    return f"<code>{_e(digest)}</code>"


def _sources_table(sheet: Sheet) -> str:
    """All sources, numbered as on the sheet; sources the sheet never cites come last."""
    cited = [ref.source for ref in sheet.references]
    cited_ids = {source.id for source in cited}
    words = words_for(sheet.language)
    rows = []
    for source in cited + [s for s in sheet.sources if s.id not in cited_ids]:
        number = sheet.citation_numbers([source.id]) or "\u2013"
        rows.append(
            f'<tr id="source-{_e(source.id)}"><td>{_e(number)}</td>'
            f"<td>{_e(words.reference(source, with_url=False))}</td><td>{_url(source.url, words)}</td>"
            f"<td>{_sha(source, words)}</td></tr>"
        )
    headings = "".join(f"<th>{_e(words(key))}</th>"
                       for key in ("number_heading", "source_heading", "url", "archive_sha256"))
    return (f"<section>\n<h2>{_e(words('sources'))}</h2>\n<table>\n"
            f"<thead><tr>{headings}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n</section>\n")


@dataclass(frozen=True)
class IndexEntry:
    """One built sheet as the index lists it."""
    stem: str
    title: str
    as_of: date | str | None = None
    built: datetime | str | None = None
    has_pdf: bool = True
    has_docx: bool = True
    has_audit: bool = True


def _as_entry(entry) -> IndexEntry:
    if isinstance(entry, IndexEntry):
        return entry
    names = {f.name for f in fields(IndexEntry)}
    return IndexEntry(**{k: v for k, v in dict(entry).items() if k in names})


def _parse_built(built) -> datetime | None:
    if isinstance(built, str):
        try:
            return datetime.fromisoformat(built)
        except ValueError:
            return None
    if isinstance(built, date) and not isinstance(built, datetime):
        return datetime(built.year, built.month, built.day)
    return built


def _built_time(entry: IndexEntry) -> datetime | None:
    built = _parse_built(entry.built)
    if built is not None and built.tzinfo is not None:
        # aware and naive times cannot be compared; naive ones are taken to be UTC already
        built = built.astimezone(timezone.utc).replace(tzinfo=None)
    return built


def sort_entries(entries) -> list[IndexEntry]:
    """Newest build first; unknown build times last; ties by stem, so the order is stable."""
    entries = sorted((_as_entry(e) for e in entries), key=lambda e: e.stem)
    dated = [e for e in entries if _built_time(e) is not None]
    undated = [e for e in entries if _built_time(e) is None]
    return sorted(dated, key=_built_time, reverse=True) + undated


def render_index(entries, out_path) -> Path:
    """Write `index.html` listing every built sheet; out_path is the file or its folder."""
    path = _target(out_path, "index.html")
    text = index_html(entries)
    write_atomic(path, lambda f: f.write(text.encode("utf-8")))
    return path


def index_html(entries, lang: str = "en") -> str:
    entries = sort_entries(entries)
    rows = []
    for entry in entries:
        links = []
        if entry.has_pdf:
            links.append(f'<a href="{_href(entry.stem + ".pdf")}">PDF</a>')
        if entry.has_docx:
            links.append(f'<a href="{_href(entry.stem + ".docx")}">DOCX</a>')
        if entry.has_audit:
            links.append(f'<a href="{_href(entry.stem + ".sources.html")}">Sources</a>')
        rows.append(
            f'<tr id="sheet-{_e(entry.stem)}"><td><strong>{_e(entry.title)}</strong><br>'
            f'<code class="note">{_e(entry.stem)}</code></td>'
            f'<td class="nowrap">{_as_of_text(entry.as_of, lang)}</td>'
            f'<td class="nowrap">{_built_text(entry)}</td>'
            f'<td class="nowrap">{" ".join(links)}</td></tr>'
        )
    if rows:
        body = ("<table>\n<thead><tr><th>Sheet</th><th>Figures as of</th><th>Last built</th>"
                "<th>Files</th></tr></thead>\n<tbody>\n" + "\n".join(rows)
                + "\n</tbody>\n</table>\n")
    else:
        body = '<p class="note">No sheets have been built yet.</p>\n'
    count = f"{len(entries)} sheet{'' if len(entries) == 1 else 's'}, most recently built first."
    return _page(lang, "Fact sheets",
                 f'<header>\n<h1>Fact sheets</h1>\n<p class="meta">{count}</p>\n</header>\n'
                 f"<main>\n{body}</main>\n")


def _as_of_text(as_of, lang: str) -> str:
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            return _e(as_of)
    return _e(words_for(lang).date(as_of)) if as_of else ""


def _built_text(entry: IndexEntry) -> str:
    built = _parse_built(entry.built)
    if built is None:
        return _e(entry.built or "")
    shown = built.strftime("%Y-%m-%d %H:%M")
    if built.tzinfo is not None:
        built = built.astimezone(timezone.utc)
        shown = built.strftime("%Y-%m-%d %H:%M UTC")
    return f'<time datetime="{_e(built.isoformat(timespec="seconds"))}">{_e(shown)}</time>'


def _target(out_path, name: str) -> Path:
    out_path = Path(out_path)
    return out_path / name if out_path.is_dir() else out_path
