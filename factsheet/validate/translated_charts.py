"""A translation's charts: the original's charts, in the translation's words.

A translated section may carry a `chart:` with its own `title` and point `label`s; its marks
(its kind and its facts, in order) must be those of one of the original's charts, so that a
translation can reword a chart but never draw a different one. An original chart that no
translated section carries is a warning, as a fact left off the translation is.
"""
from __future__ import annotations

from ..spec.markup import parse_inline


def chart_marks(checked: dict) -> tuple:
    """What a chart draws, apart from its words: (kind, fact ids in order)."""
    if checked["kind"] == "funding":
        return "funding", (checked["required"], checked["received"])
    return checked["kind"], tuple(fid for fid, _label in checked["points"])


def _original_charts(original) -> list:
    """[(section heading, chart model)] of the original sheet, in order."""
    from ..sheet.model import plain_text

    return [(plain_text(section.heading), section.chart) for section in original.sheet.sections
            if section.chart is not None]


def _describe(kind: str, ids: tuple) -> str:
    return f"{kind} of {', '.join(ids)}"


def check_translated_charts(diags, sections: list, charts: dict, original, root) -> None:
    """Each translated chart draws one of the original's charts; each original chart is drawn."""
    originals = _original_charts(original)
    wanted = {(chart.kind, tuple(p.fact_id for p in chart.points)): heading
              for heading, chart in originals}
    drawn = set()
    for index, checked in charts.items():
        marks = chart_marks(checked)
        node = sections[index][0].value["chart"]
        if marks in wanted:
            if marks in drawn:
                diags.error(node.pos, "chart-twice",
                            f"the original's chart in section '{wanted[marks]}' is drawn twice")
            drawn.add(marks)
            continue
        if originals:
            charts_said = "; ".join(_describe(k, ids) for k, ids in wanted)
            hint = f"the original's charts: {charts_said}"
        else:
            hint = "the original has no chart: add it to the spec first"
        diags.error(node.pos, "chart-not-original",
                    f"this {_describe(*marks)} is not one of the original's charts: a translation "
                    "rewords a chart (its title and labels), it draws the same facts in the same "
                    "order", hint)
    at = root.keys["sections"].pos if "sections" in root.keys else (1, 1)
    for marks, heading in wanted.items():
        if marks not in drawn:
            diags.warning(at, "chart-not-translated",
                          f"the chart in the original's section '{heading}' is not on this "
                          "translation: give a translated section its 'chart:'")


def printed_label_facts(used: set, sections: list, charts: dict) -> set:
    """The facts whose labels the translated sheet prints: those its text names and a chart's
    bars without a label of their own (a labelled bar, a trend's point or a funding part
    prints its own words, not its fact's label)."""
    in_text = set()
    for node, heading, text, bullets in sections:
        for raw in [heading, text] + [b.value for b in bullets]:
            if raw:
                in_text.update(tok.value for tok in parse_inline(raw) if tok.kind == "fact")
    charted = set()
    for checked in charts.values():
        kind, ids = chart_marks(checked)
        charted.update(ids)
        if kind == "bars":
            in_text.update(fid for fid, label in checked["points"] if label is None)
    return {fid for fid in used if fid not in charted or fid in in_text}
