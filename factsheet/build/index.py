"""The output folder's index.html: every sheet built into it, newest first, with its files."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from pathlib import Path

from ..files import exclusive_lock, write_atomic
from ..render import all_formats
from ..render.html import escape_text as _e, file_href as _href, page_html
from ..sheet.words import language_name, words_for
from .manifest import MANIFEST_SUFFIX, read_manifest


@dataclass(frozen=True)
class IndexEntry:
    """One built sheet as the index lists it."""
    stem: str
    title: str
    as_of: date | str | None = None
    built: datetime | str | None = None
    formats: tuple | None = None   # the formats whose files are there to link; None: those
                                   # every default build writes (not the PNG)
    language: str | None = None    # set for a sheet built in several languages, with
    languages: dict | None = None  # {language: stem} of each of them, the original first


def write_index(out_dir: Path) -> Path:
    """index.html over every sheet built into out_dir (from their manifests), newest first."""
    index = Path(out_dir) / "index.html"
    # another build into out_dir may be writing its index now: without the lock, an index made
    # from fewer manifests could replace one that lists that build's sheet
    with exclusive_lock(index):
        text = index_html(read_entries(out_dir))
        write_atomic(index, lambda f: f.write(text.encode("utf-8")))
    return index


def read_entries(out_dir: Path) -> list[IndexEntry]:
    """An entry for each readable manifest in out_dir, with the linked files that exist."""
    entries = []
    for path in sorted(Path(out_dir).glob(f"*{MANIFEST_SUFFIX}")):
        stem = path.name[: -len(MANIFEST_SUFFIX)]
        manifest = read_manifest(out_dir, stem)
        if not manifest:
            continue
        present = tuple(f.name for f in all_formats() if f.link and f.path(out_dir, stem).is_file())
        languages = manifest.get("languages")
        entries.append(IndexEntry(stem, manifest.get("title", stem), manifest.get("as_of", ""),
                                  manifest.get("built", ""), present, manifest.get("language"),
                                  languages if isinstance(languages, dict) else None))
    return entries


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


def index_html(entries, lang: str = "en") -> str:
    """The index page: a row per sheet, linking each of its files that the registry links."""
    entries = sort_entries(entries)
    linked = [f for f in all_formats() if f.link]
    rows = []
    for entry in entries:
        # an entry that does not say which files it has links those every build writes
        links = [f'<a href="{_href(fmt.file_name(entry.stem))}">{_e(fmt.link)}</a>'
                 for fmt in linked
                 if (fmt.default if entry.formats is None else fmt.name in entry.formats)]
        row_lang = f' lang="{_e(entry.language)}"' if entry.language else ""
        rows.append(
            f'<tr id="sheet-{_e(entry.stem)}"{row_lang}><td><strong>{_e(entry.title)}</strong><br>'
            f'<code class="note">{_e(entry.stem)}</code>{_languages(entry)}</td>'
            f'<td class="nowrap">{_as_of_text(entry.as_of, entry.language)}</td>'
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
    return page_html(lang, "Fact sheets",
                     f'<header>\n<h1>Fact sheets</h1>\n<p class="meta">{count}</p>\n</header>\n'
                     f"<main>\n{body}</main>\n")


def _languages(entry: IndexEntry) -> str:
    """For a sheet built in several languages: the others, each named in itself, linking its row."""
    others = [(language, stem) for language, stem in (entry.languages or {}).items()
              if stem != entry.stem and isinstance(stem, str)]
    if not others:
        return ""
    return '<br><span class="note">' + " \u00b7 ".join(
        f'<a href="#sheet-{_e(stem)}" lang="{_e(language)}" hreflang="{_e(language)}">'
        f'{_e(language_name(language))}</a>' for language, stem in others) + "</span>"


def _as_of_text(as_of, language: str | None = None) -> str:
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            return _e(as_of)
    # in the sheet's language when it was built in several (its row says so); else English
    return _e(words_for(language or "en").date(as_of)) if as_of else ""


def _built_text(entry: IndexEntry) -> str:
    built = _parse_built(entry.built)
    if built is None:
        return _e(entry.built or "")
    shown = built.strftime("%Y-%m-%d %H:%M")
    if built.tzinfo is not None:
        built = built.astimezone(timezone.utc)
        shown = built.strftime("%Y-%m-%d %H:%M UTC")
    return f'<time datetime="{_e(built.isoformat(timespec="seconds"))}">{_e(shown)}</time>'
