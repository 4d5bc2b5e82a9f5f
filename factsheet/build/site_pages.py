"""The published site's pages: the index of every sheet, and a page per sheet around its HTML sheet.

Pages link only relatively, so the site can be zipped, copied to any web server or opened
from a document library. The index is a plain table that a small inline script (allowed by
its hash in the page's policy, nothing else) makes sortable and filterable; without the
script it is the same table, all rows shown. A sheet's page is its HTML sheet (render/
webpage.py) with the site's parts added: a navigation bar, its downloads, its other
languages, and the history of its changed figures. The site's own words are English (the
site lists sheets of every language); spec text is escaped as everywhere (render/html.py).
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from ..render import all_formats, get_format
from ..render.html import CSS, escape_text as _e, file_href as _href, language_links, page_html
from ..sheet.words import language_name, words_for
from .changes import ADDED, REMOVED
from .feed import FEED_NAME

SHEETS = "sheets"          # the build's output folder inside the site: every file of every sheet
THUMBS = "thumbs"          # the index's small pictures of each sheet
PAGE_SUFFIX = ".page.html"  # a sheet's page in the site, beside its files
SITE = words_for("en")     # the site's own words (see the module's docstring)


@dataclass
class SiteSheet:
    """One built sheet, as the site shows it (from its JSON record)."""
    stem: str
    group: str                # the spec's stem: a sheet and its translations share it
    title: str
    language: str
    location: str = ""
    as_of: str = ""           # ISO date
    organisation: str = ""
    files: tuple = ()         # the registered formats whose file is there
    published: str = ""       # ISO date this site first published it
    changed: str = ""         # ISO date of its last change (its first publication if none)
    events: list = field(default_factory=list)   # feed.Event, newest first

    @property
    def page(self) -> str:
        return f"{self.stem}{PAGE_SUFFIX}"


def group_sheets(sheets) -> dict:
    """{group: [its sheets, the spec's own language first, then by language code]}."""
    groups: dict = {}
    for sheet in sorted(sheets, key=lambda s: (s.group, s.stem != s.group, s.language)):
        groups.setdefault(sheet.group, []).append(sheet)
    return groups


# -- the index --------------------------------------------------------------------------------

INDEX_SCRIPT = """(function () {
  var table = document.getElementById("sheets"), form = document.getElementById("filters");
  if (!table || !form) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("count"), f = form.elements;
  form.hidden = false;
  function apply() {
    var shown = 0, text = f.text.value.trim().toLowerCase();
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!f.location.value || d.location === f.location.value) &&
        (!f.language.value || (" " + d.languages + " ").indexOf(" " + f.language.value + " ") >= 0) &&
        (!f.from.value || d.asof >= f.from.value) && (!f.to.value || d.asof <= f.to.value) &&
        (!text || d.search.indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = count.dataset.pattern.replace("{shown}", shown).replace("{total}", rows.length);
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  Array.prototype.forEach.call(table.querySelectorAll("th[data-key]"), function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.dataset.key, up = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.dataset[key], y = b.dataset[key];
        return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(INDEX_SCRIPT.encode("utf-8")).digest()).decode("ascii")
# the page's own pictures, and only the script above: nothing is fetched from elsewhere
INDEX_CSP = (f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
             f"script-src 'sha256-{_SCRIPT_HASH}'")

INDEX_CSS = CSS + """
body { max-width: 72rem; }
.thumb img { display: block; width: 90px; height: auto; border: 1px solid var(--rule); }
th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
  text-decoration: underline dotted; }
th[aria-sort="ascending"] button::after { content: " \\2191"; }
th[aria-sort="descending"] button::after { content: " \\2193"; }
form[hidden] { display: none; }
form { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: end; margin: 1rem 0; }
form label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
form input, form select { font: inherit; color: var(--ink); padding: .2rem .3rem; max-width: 16rem; }
.languages a { margin-inline-end: .5rem; }
"""


def index_page(sheets) -> str:
    """The site's index.html: a row per sheet (its translations in the same row)."""
    groups = group_sheets(sheets)
    rows = [_index_row(members) for members in groups.values()]
    rows.sort(key=lambda row: row[0], reverse=True)    # last changed first, then by group
    locations = sorted({s.location for s in sheets if s.location})
    languages = sorted({s.language for s in sheets})
    total = len(groups)
    pattern = SITE("site_shown")
    options = lambda values, names: "".join(
        f'<option value="{_e(v)}">{_e(names(v))}</option>' for v in values)
    form = (f'<form id="filters" hidden aria-label="{_e(SITE("site_filters"))}">\n'
            f'<label>{_e(SITE("site_search"))} <input name="text" type="search"></label>\n'
            f'<label>{_e(SITE("site_location"))} <select name="location"><option value="">'
            f'{_e(SITE("site_any"))}</option>{options(locations, str)}</select></label>\n'
            f'<label>{_e(SITE("site_language"))} <select name="language"><option value="">'
            f'{_e(SITE("site_any"))}</option>{options(languages, language_name)}</select></label>\n'
            f'<label>{_e(SITE("site_as_of_from"))} <input name="from" type="date"></label>\n'
            f'<label>{_e(SITE("site_as_of_to"))} <input name="to" type="date"></label>\n'
            "</form>\n")
    headings = [("", SITE("site_picture")), ("title", SITE("site_sheet")),
                ("location", SITE("site_location")), ("languages", SITE("site_language")),
                ("asof", SITE("site_as_of")), ("changed", SITE("site_changed"))]
    head = "".join(f'<th scope="col" data-key="{key}">{_e(text)}</th>' if key
                   else f'<th scope="col">{_e(text)}</th>' for key, text in headings)
    if rows:
        table = (f'<table id="sheets">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
                 + "\n".join(row for _, row in rows) + "\n</tbody>\n</table>\n")
    else:
        table = f'<p class="note">{_e(SITE("site_empty"))}</p>\n'
    count = pattern.format(shown=total, total=total)
    body = (f'<header>\n<h1>{_e(SITE("site_title"))}</h1>\n'
            f'<p class="meta" id="count" aria-live="polite" data-pattern="{_e(pattern)}">{_e(count)}</p>\n'
            f'<p><a href="{FEED_NAME}">{_e(SITE("site_feed"))}</a></p>\n</header>\n'
            f"<main>\n{form}{table}</main>\n")
    head_extra = (f'<link rel="alternate" type="application/atom+xml" href="{FEED_NAME}" '
                  f'title="{_e(SITE("site_feed"))}">\n')
    return page_html("en", SITE("site_title"), body, css=INDEX_CSS, csp=INDEX_CSP,
                     head=head_extra, script=INDEX_SCRIPT)


def _index_row(members) -> tuple:
    first = members[0]
    changed = max(s.changed for s in members)
    page = f"{SHEETS}/{_href(first.page)}"
    picture = ""   # a sheet built before its PNG was (by `build`): no picture yet
    if "png" in first.files:
        picture = (f'<a href="{page}" tabindex="-1" aria-hidden="true"><img src="{THUMBS}/'
                   f'{_href(first.stem + ".png")}" alt="" width="90" height="127" loading="lazy"></a>')
    languages = " ".join(
        f'<a href="{SHEETS}/{_href(s.page)}" hreflang="{_e(s.language)}" lang="{_e(s.language)}">'
        f"{_e(language_name(s.language))}</a>" for s in members)
    search = " ".join([first.title, first.location, first.organisation, first.stem]).lower()
    row = (f'<tr data-title="{_e(first.title.lower())}" data-location="{_e(first.location)}" '
           f'data-languages="{_e(" ".join(s.language for s in members))}" data-asof="{_e(first.as_of)}" '
           f'data-changed="{_e(changed)}" data-search="{_e(search)}">'
           f'<td class="thumb">{picture}</td>'
           f'<td><a href="{page}"><strong>{_e(first.title)}</strong></a><br>'
           f'<span class="note">{_e(first.organisation)}</span></td>'
           f"<td>{_e(first.location)}</td>"
           f'<td class="languages">{languages}</td>'
           f"<td>{_time(first.as_of)}</td><td>{_time(changed)}</td></tr>")
    return (changed, first.group), row


def _time(day: str) -> str:
    if not day:
        return ""
    try:
        shown = SITE.date(date.fromisoformat(day))
    except ValueError:
        return _e(day)
    return f'<time datetime="{_e(day)}">{_e(shown)}</time>'


# -- a sheet's page ---------------------------------------------------------------------------

PAGE_CSS = """
.site-nav { background: #fff; border-bottom: 1px solid #d5dbe0; padding: .5rem max(1rem, calc(50% - 30rem));
  display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; font-size: .9rem; }
.site-part { margin: 2rem 0; }
.site-part h2 { color: var(--primary); font-size: 1.1em; border-bottom: 1px solid var(--primary);
  margin-bottom: .6rem; }
.site-part ul { padding-inline-start: 1.2em; }
.site-part ul.downloads { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; }
.site-part table { border-collapse: collapse; width: 100%; font-size: .9em; }
.site-part th, .site-part td { text-align: start; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #d5dbe0; }
.site-part caption { text-align: start; color: var(--muted); padding-bottom: .3rem; }
@media print { .site-nav, .site-part { display: none; } }
"""


# the HTML sheet's own language bar and alternates link the bare sheets (<stem>.html): a page
# of the site links the other pages instead, from the same code (render/html.language_links)
_SHEET_LANGUAGES = re.compile(r'<nav class="languages" [^>]*>.*?</nav>\n')
_SHEET_ALTERNATES = re.compile(r'<link rel="alternate" hreflang="[^"]*" href="[^"]*">\n')


def sheet_page(sheet: SiteSheet, sheet_html: str, siblings) -> str:
    """The sheet's page: its HTML sheet (the text a build wrote) with the site's parts added."""
    chrome = "" if sheet.language.split("-")[0] == "en" else ' lang="en" dir="ltr"'
    languages = [(s.language, s.stem) for s in siblings] if len(siblings) > 1 else []
    alternates, bar = language_links(sheet.stem, languages, lambda stem: _href(stem + PAGE_SUFFIX),
                                     words_for(sheet.language)("audit_languages"))
    nav = (f'<nav class="site-nav" aria-label="{_e(SITE("site_nav"))}"{chrome}>'
           f'<a href="../index.html">{_e(SITE("site_all_sheets"))}</a></nav>\n{bar}')
    parts = [_downloads(sheet, chrome), _history(sheet, chrome)]
    head = (f'<link rel="alternate" type="application/atom+xml" href="../{FEED_NAME}" '
            f'title="{_e(SITE("site_feed"))}">\n{alternates}<style>{PAGE_CSS}</style>\n</head>')
    if "<body>\n" not in sheet_html or "</main>" not in sheet_html or "</head>" not in sheet_html:
        raise ValueError(f"{sheet.stem}.html is not an HTML sheet this factsheet wrote")
    page = _SHEET_ALTERNATES.sub("", _SHEET_LANGUAGES.sub("", sheet_html, count=1))
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>\n", "<body>\n" + nav, 1)
    return page.replace("</main>", "".join(parts) + "</main>", 1)


def _downloads(sheet: SiteSheet, chrome: str) -> str:
    links = []
    for fmt in all_formats():
        if fmt.name in sheet.files and fmt.name != "audit":
            links.append(f'<li><a href="{_href(fmt.file_name(sheet.stem))}">'
                         f'{_e(fmt.link or fmt.name.upper())}</a></li>')
    audit = get_format("audit")
    if audit.name in sheet.files:
        links.append(f'<li><a href="{_href(audit.file_name(sheet.stem))}">'
                     f'{_e(SITE("sources_page"))}</a></li>')
    return (f'<section class="site-part" aria-labelledby="downloads"{chrome}>\n'
            f'<h2 id="downloads">{_e(SITE("site_downloads"))}</h2>\n<ul class="downloads">{"".join(links)}</ul>\n'
            "</section>\n")


def _history(sheet: SiteSheet, chrome: str) -> str:
    # the catalogue's pattern is escaped before the (already escaped) date goes in
    published = _e(SITE("site_published")).format(date=_time(sheet.published))
    out = [f'<section class="site-part" aria-labelledby="history"{chrome}>\n'
           f'<h2 id="history">{_e(SITE("site_history"))}</h2>\n<p>{published}</p>\n']
    changes = [e for e in sheet.events if e.fact_id or e.old or e.new]
    if not changes:
        out.append(f'<p class="note">{_e(SITE("site_no_changes"))}</p>\n')
    else:
        head = "".join(f'<th scope="col">{_e(SITE(k))}</th>' for k in
                       ("date_label", "site_figure", "site_before", "site_after"))
        rows = []
        for event in changes:
            before = event.old or ("\u2014" if event.kind == ADDED else "")
            after = event.new or ("\u2014" if event.kind == REMOVED else "")
            if event.sources:
                after = f"{after} ({event.sources})" if after else event.sources
            rows.append(f"<tr><td>{_time(event.day.isoformat())}</td><td><code>{_e(event.fact_id)}"
                        f"</code></td><td>{_e(before)}</td><td>{_e(after)}</td></tr>")
        out.append(f'<table>\n<caption>{_e(SITE("site_history_caption"))}</caption>\n'
                   f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
                   + "\n</tbody>\n</table>\n")
    out.append("</section>\n")
    return "".join(out)
