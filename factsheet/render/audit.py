"""The audit page behind each sheet: every figure as printed, its quote and the source behind it.

Spec text is untrusted: everything from the sheet goes through `_e` (see render/html.py).
"""
from __future__ import annotations

from pathlib import Path

from ..sheet.model import Sheet, plain_text
from ..sheet.words import words_for
from ..sheet.record import archive_path, archive_sha256, label_text
from . import default_documents, documents as registered_documents, get_format
from .html import escape_text as _e, file_href as _href, is_web_url, language_links, \
    page_html as _page, url_html as _url


def render_audit(sheet: Sheet, layout, out_path) -> None:
    """Write the audit page to out_path. `layout` is unused.

    Links the documents a build says are beside the page (sheet.documents); without a build,
    those already there, or the default documents when none is there yet."""
    linked = sheet.documents
    if linked is None:
        folder = Path(out_path).parent
        linked = [f.name for f in registered_documents() if f.path(folder, sheet.stem).is_file()] \
            or None
    with open(out_path, "wb") as handle:
        handle.write(audit_html(sheet, linked).encode("utf-8"))


def audit_html(sheet: Sheet, documents=None) -> str:
    """Every figure as printed (key figures first), its quote, and the sources behind it.
    Links the named documents (format names; None: those a build writes by default)."""
    linked = [get_format(name) for name in documents] if documents is not None \
        else default_documents()
    title = sheet.title_text
    words = words_for(sheet.language)
    meta = [plain_text(sheet.subtitle), sheet.location, words.as_of(sheet.as_of), sheet.organisation]
    meta_text = " \u00b7 ".join(_e(m) for m in meta if m)
    parts = [
        "<header>\n",
        f"<h1>{_e(words('audit_title', title=title))}</h1>\n",
        f'<p class="meta">{meta_text}</p>\n',
        '<nav class="downloads">'
        + " ".join(f'<a href="{_href(fmt.file_name(sheet.stem))}">'
                   f'{_e(words("audit_download", format=fmt.link))}</a>' for fmt in linked)
        + "</nav>\n",
        _languages_nav(sheet),
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


def _languages_nav(sheet: Sheet) -> str:
    """The sheet in each language built beside it, each named in itself, linking its page."""
    audit = get_format("audit")
    return language_links(sheet.stem, sheet.languages, lambda stem: _href(audit.file_name(stem)),
                          words_for(sheet.language)("audit_languages"))[1]


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
        f"<dt>{_e(words('url'))}</dt><dd>{_url(source.url, words('none_given'))}</dd>",
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
            f"<td>{_e(words.reference(source, with_url=False))}</td><td>{_url(source.url, words('none_given'))}</td>"
            f"<td>{_sha(source, words)}</td></tr>"
        )
    headings = "".join(f"<th>{_e(words(key))}</th>"
                       for key in ("number_heading", "source_heading", "url", "archive_sha256"))
    return (f"<section>\n<h2>{_e(words('sources'))}</h2>\n<table>\n"
            f"<thead><tr>{headings}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n</section>\n")
