"""Machine-readable exports of a sheet: the JSON record and an HXL-tagged CSV of its facts.

HXL (Humanitarian Exchange Language, hxlstandard.org) puts a row of hashtags under the
header so HDX and the HXL tools can read the columns without knowing our names for them.
"""
from __future__ import annotations

import csv
import io

from ..sheet.model import Sheet
from ..sheet.record import dump_record, sheet_record

HXL_COLUMNS = (
    # (header, hashtag)
    ("Fact ID", "#indicator+code"),
    ("Indicator", "#indicator+name"),
    ("Value", "#indicator+value+num"),
    ("Qualifier", "#indicator+qualifier"),
    ("Unit", "#indicator+unit"),
    ("Display", "#indicator+text"),
    ("Date", "#date"),
    ("Source", "#meta+source"),
    ("Source URL", "#meta+url"),
    ("Publisher", "#org+publisher"),
    ("Quote", "#meta+quote"),
)
# several sources for one fact share a cell; ', ' would be ambiguous inside titles
JOIN = "; "


def render_json(sheet: Sheet, layout, out_path) -> None:
    """Write the sheet record to out_path. `layout` is unused."""
    with open(out_path, "wb") as handle:
        handle.write(dump_record(sheet_record(sheet)).encode("utf-8"))


def render_hxl(sheet: Sheet, layout, out_path) -> None:
    """Write the HXL table to out_path: header row, HXL hashtag row, one row per fact in spec
    order, then one row per cited figure (no fact ID; the sheet's sentence as its indicator,
    the archive passage as its quote). `layout` is unused."""
    with open(out_path, "wb") as handle:
        handle.write(hxl_text(sheet_record(sheet)).encode("utf-8"))


def hxl_text(record: dict) -> str:
    """The CSV text for a sheet record (strings throughout, so the bytes are stable)."""
    sources = {s["id"]: s for s in record["sources"]}
    buffer = io.StringIO()
    # '\n' not the csv default '\r\n': stable, diffable files; every CSV reader accepts both
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([header for header, _ in HXL_COLUMNS])
    writer.writerow([tag for _, tag in HXL_COLUMNS])
    for fact in record["facts"]:
        cited = [sources[i] for i in fact["sources"] if i in sources]
        writer.writerow([
            fact["id"],
            fact["label_text"],
            _number(fact["value"]),
            fact["qualifier"] or "",
            fact["unit"] or "",
            fact["display"],
            fact["date"] or "",
            JOIN.join(fact["sources"]),
            _aligned(s["url"] for s in cited),
            _aligned(s["publisher"] for s in cited),
            fact["quote"],
        ])
    for figure in record.get("cited_figures", ()):
        source = sources.get(figure["source"], {})
        writer.writerow([
            "",
            figure["sentence"],
            "" if figure["value"] is None else _number(figure["value"]),
            "",
            figure["unit"] or "",
            figure["text"],
            "",
            figure["source"],
            source.get("url") or "",
            source.get("publisher") or "",
            figure["passage"],
        ])
    return buffer.getvalue()


def _number(value) -> str:
    # no thousands separators or exponents: '#indicator+value+num' must parse as a number
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        return text if "e" not in text else f"{value:.15f}".rstrip("0").rstrip(".")
    return str(value)


def _aligned(items) -> str:
    # one entry per source, blanks kept, so the n-th URL belongs to the n-th source id
    items = [item or "" for item in items]
    return JOIN.join(items) if any(items) else ""

