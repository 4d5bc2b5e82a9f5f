"""A stable plain-text dump of a verified sheet, for golden tests and for reading at a glance."""
from __future__ import annotations

from .model import Sheet
from .words import words_for


def _spans(inline) -> str:
    out = []
    for span in inline:
        if span.kind == "figure":
            out.append(f"**{span.text}**")
        elif span.kind == "cite":
            out.append(f"^[{span.text}]")
        else:
            out.append(span.text)
    return "".join(out)


def dump_sheet(sheet: Sheet) -> str:
    words = words_for(sheet.language)
    lines = [f"sheet {sheet.spec_path.name}",
             f"title: {_spans(sheet.title)}"]
    if sheet.subtitle:
        lines.append(f"subtitle: {_spans(sheet.subtitle)}")
    for key in ("location", "organisation", "contact", "disclaimer"):
        if getattr(sheet, key):
            lines.append(f"{key}: {getattr(sheet, key)}")
    lines.append(f"as_of: {words.date(sheet.as_of)}")
    edition = f"  edition: {sheet.edition}" if sheet.edition != "internal" else ""
    lines.append(f"language: {sheet.language}  template: {sheet.template}{edition}")
    lines.append("key figures:")
    for figure in sheet.key_figures:
        qualifier = f"{figure.qualifier} " if figure.qualifier else ""
        icon = f"  (icon: {figure.icon})" if figure.icon else ""
        lines.append(f"  {qualifier}{figure.number} ^[{figure.cite}] {_spans(figure.label)}{icon}")
    for section in sheet.sections:
        lines.append(f"section: {_spans(section.heading)}")
        lines.extend(f"  para: {_spans(p)}" for p in section.paragraphs)
        lines.extend(f"  - {_spans(b)}" for b in section.bullets)
        if section.chart is not None:   # every mark: its fact, label and value as printed
            chart = section.chart
            lines.append(f"  chart: {chart.kind} {_spans(chart.title)} [{chart.cite}]")
            lines.extend(f"    {p.fact_id}: {p.label} = {p.number}" for p in chart.points)
            if chart.kind == "funding":
                lines.append(f"    gap = {chart.gap}; funded = {chart.percent}")
    if sheet.cited_figures:
        lines.append("cited figures:")
        lines.extend(f"  {c.text} [{c.source}] \"{c.passage}\"" for c in sheet.cited_figures)
    lines.append("sources:")
    lines.extend(f"  [{r.number}] {words.reference(r.source)}" for r in sheet.references)
    return "\n".join(lines) + "\n"
