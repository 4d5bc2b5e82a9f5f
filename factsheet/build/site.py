"""`factsheet publish`: build sheets into a static site (index, a page per sheet, Atom feed).

The site is a folder: `sheets/` is an ordinary build output folder (every document of every
sheet, its manifests and CHANGES.md), beside it the index, the feed, small pictures for the
index (`thumbs/`) and `site.json`, the site's own record (its edition, its feed's id, the
day each sheet was first published, and the address it is served from, once `--url` gave one). Publishing is incremental as `build` is: build_specs
skips every sheet whose manifest says it is up to date, and every page, picture, index and
feed is written only when its bytes change, so publishing again with nothing changed writes
nothing at all.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import UsageError
from ..files import write_atomic
from ..render import ALL, all_formats, get_format
from .batch import build_specs
from .feed import FEED_NAME, NEW_SHEET, Event, atom_feed, read_history, site_url
from .manifest import MANIFEST_SUFFIX
from .site_pages import SHEETS, THUMBS, SiteSheet, group_sheets, index_page, sheet_page

INTERNAL, PUBLIC = "internal", "public"
EDITIONS = (INTERNAL, PUBLIC)
SITE_RECORD = "site.json"
THUMB_WIDTH = 180          # px: shown 90 px wide in the index, sharp on a high-density screen


@dataclass
class Published:
    results: list                                   # batch.SheetResult of every spec, in order
    written: list = field(default_factory=list)     # the site's own files written this time
    sheets: int = 0                                  # sheets in the site


def publish_site(specs, site_dir, edition: str = INTERNAL, force: bool = False, jobs=None,
                 on_result=None, url: str | None = None) -> Published:
    """Build the specs into site_dir/sheets and bring the site's pages, index and feed up to date.
    `url`: the address the site is served from, for the feed's absolute links; kept in site.json
    for the next runs (none ever given: the links are relative)."""
    from .sheet import produced_date

    base_url = site_url(url) if url is not None else ""
    if edition not in EDITIONS:
        raise UsageError(f"publish --edition: use {' or '.join(EDITIONS)}, not {edition!r}")
    site_dir = Path(site_dir)
    record = _read_json(site_dir / SITE_RECORD)
    if record.get("edition", edition) != edition:
        # a public site must never be refreshed from internal files, nor the other way round
        raise UsageError(f"--site {site_dir}: it holds the {record['edition']} edition: publish the "
                         f"{edition} edition into another folder")
    results = build_specs(specs, site_dir / SHEETS, ALL, force=force, jobs=jobs,
                          on_result=on_result, edition=edition)
    sheets = read_sheets(site_dir / SHEETS)
    today = produced_date().isoformat()
    base_url = base_url or record.get("url", "")
    record = {"edition": edition,
              "feed_id": record.get("feed_id") or _new_feed_id(site_dir, today),
              **({"url": base_url} if base_url else {}),
              "published": {**{s.stem: today for s in sheets}, **record.get("published", {})}}
    history = read_history(site_dir / SHEETS / "CHANGES.md")
    for sheet in sheets:
        sheet.published = record["published"][sheet.stem]
        sheet.events = [e for e in history if e.stem == sheet.stem]
        sheet.changed = max([sheet.published] + [e.day.isoformat() for e in sheet.events])
    written = [p for p in _thumbnails(site_dir, sheets) if p]
    groups = group_sheets(sheets)
    for sheet in sheets:
        html = (site_dir / SHEETS / get_format("html").file_name(sheet.stem)).read_text(encoding="utf-8")
        text = sheet_page(sheet, html, groups[sheet.group])
        written.append(write_if_changed(site_dir / SHEETS / sheet.page, text))
    written.append(write_if_changed(site_dir / "index.html", index_page(sheets)))
    events = history + [Event(s.stem, _day(s.published), NEW_SHEET, key="published") for s in sheets]
    titles = {s.stem: s.title for s in sheets}
    pages = {s.stem: f"{SHEETS}/{s.page}" for s in sheets}
    written.append(write_if_changed(site_dir / FEED_NAME, atom_feed(record["feed_id"], events, titles, pages,
                                                                           base_url=base_url)))
    written.append(write_if_changed(site_dir / SITE_RECORD,
                                    json.dumps(record, indent=2, sort_keys=True) + "\n"))
    return Published(results, [p for p in written if p], len(sheets))


def _new_feed_id(site_dir: Path, today: str) -> str:
    """The feed's id, made once from the site's folder name and first day, then kept in
    site.json: the same specs published the same day (SOURCE_DATE_EPOCH) give the same feed."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'factsheet:site:{site_dir.resolve().name}:{today}')}"



def read_sheets(folder: Path) -> list[SiteSheet]:
    """Every sheet built into folder whose HTML sheet is there, from its record (the JSON every
    build writes beside each sheet, a translation's too, whatever its manifest)."""
    from ..sheet.record import read_record

    sheets = []
    record_suffix = get_format("json").suffix
    for path in sorted(folder.glob(f"*{record_suffix}")):
        if path.name.endswith(MANIFEST_SUFFIX):
            continue
        stem = path.name[: -len(record_suffix)]
        facts = read_record(path)
        if not facts or "record_version" not in facts or not get_format("html").path(folder, stem).is_file():
            continue   # not a sheet's record, or a sheet built with `build`: it has no web page
        language = str(facts.get("language") or "en")
        # a translation is built as <spec stem>.<language>: it joins its spec's group
        group = stem[: -len(language) - 1] if stem.endswith(f".{language}") else stem
        present = tuple(f.name for f in all_formats() if f.path(folder, stem).is_file())
        sheets.append(SiteSheet(stem, group, str(facts.get("title") or stem), language,
                                str(facts.get("location") or ""), str(facts.get("as_of") or ""),
                                str(facts.get("organisation") or ""), present))
    return sheets


def _thumbnails(site_dir: Path, sheets) -> list:
    """A small picture of each sheet's PNG, made again only when the PNG is newer."""
    written = []
    for sheet in sheets:
        png = get_format("png").path(site_dir / SHEETS, sheet.stem)
        thumb = site_dir / THUMBS / f"{sheet.stem}.png"
        if not png.is_file():
            continue
        if thumb.is_file() and thumb.stat().st_mtime_ns >= png.stat().st_mtime_ns:
            continue
        written.append(write_if_changed(thumb, _shrink(png)))
    return written


def _shrink(png: Path) -> bytes:
    import io

    from PIL import Image

    from ..render.png import COMPRESS_LEVEL, palette_picture

    with Image.open(png) as picture:
        picture = picture.convert("RGB")
        height = round(picture.height * THUMB_WIDTH / picture.width)
        # reduce by whole boxes first, then Lanczos: a tenth of the time, the same look at this size
        small = palette_picture(picture.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS,
                                               reducing_gap=3.0))
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=COMPRESS_LEVEL, optimize=False)
    return out.getvalue()


def write_if_changed(path: Path, content):
    """Write content (text or bytes) to path unless the file already holds exactly it; the
    path if written, else None."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return None
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, lambda handle: handle.write(data))


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _day(iso: str):
    from datetime import date

    return date.fromisoformat(iso)
