"""The HTML pages' shared shell: escaping, safe links, the page head with its style and policy.

Spec text is untrusted here: a spec may come from anyone, and these pages are meant to be
published. Every piece of it goes through `escape_text` (html.escape with quote=True), URLs
become links only when they are http(s), and each page forbids scripts in its own header.
"""
from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlsplit

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


def escape_text(text) -> str:
    return escape(str(text), quote=True)


def file_href(name: str) -> str:
    """A link to a file beside the page; the name is spec-derived, so percent-encode it."""
    return escape_text(quote(name, safe=""))


def is_web_url(url) -> bool:
    """Only http(s) URLs may become links: no javascript:, data: or file: from a spec."""
    return bool(url and _SAFE_URL.fullmatch(url) and urlsplit(url).netloc)


def url_html(url, none_given: str) -> str:
    """A source's URL: a link when it is a web address, else shown as code; or `none_given`."""
    if not url:
        return f'<span class="note">{escape_text(none_given)}</span>'
    if is_web_url(url):
        return f'<a href="{escape_text(url)}">{escape_text(url)}</a>'
    return f"<code>{escape_text(url)}</code>"


def language_links(stem: str, languages, href, label: str) -> tuple:
    """The same sheet in each language built beside it: (head, nav). `head` is a
    <link rel="alternate" hreflang> per language for the page's head; `nav` a labelled bar
    naming each language in itself, the current one (`stem`) marked, the others linked;
    `href(stem)` is the (escaped) address of a language's page. ('', '') in one language."""
    from ..sheet.words import language_name

    if not languages:
        return "", ""
    head, items = [], []
    for language, other in languages:
        code, name = escape_text(language), escape_text(language_name(language))
        head.append(f'<link rel="alternate" hreflang="{code}" href="{href(other)}">\n')
        if other == stem:
            items.append(f'<span lang="{code}" aria-current="page">{name}</span>')
        else:
            items.append(f'<a href="{href(other)}" lang="{code}" hreflang="{code}">{name}</a>')
    # labelled: two navigation landmarks on one page must be told apart (axe: landmark-unique)
    nav = f'<nav class="languages" aria-label="{escape_text(label)}">' + " \u00b7 ".join(items) + "</nav>\n"
    return "".join(head), nav


def page_html(lang: str, title: str, body: str, css: str = CSS, csp: str = CSP, head: str = "",
              script: str = "") -> str:
    """A whole self-contained page around body, in the language's direction, with its style
    (the audit page's and the index's by default). `head` is put in the head as it is; a
    `script` runs at the end of the body, and `csp` must allow it (by its hash)."""
    primary = lang.split("-")[0].lower()
    direction = "rtl" if primary in RTL_LANGUAGES else "ltr"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape_text(lang)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape_text(csp)}">\n'
        f"<title>{escape_text(title)}</title>\n{head}<style>{css}</style>\n</head>\n"
        f"<body>\n{body}{f'<script>{script}</script>' if script else ''}</body>\n</html>\n"
    )
