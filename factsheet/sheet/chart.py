"""A section's chart in the model: its points as verified facts, worded; funding's derived parts.

`validate/charts.py` checks a spec's `chart:`; `assemble_chart` turns the checked chart into a
`Chart` whose every printed value is a fact's value worded by `words` (qualifier included), and
whose derived values (a funding gap, the percentage funded) are worked out here, once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import plain_text
from .record import label_text

KINDS = ("bars", "trend", "funding")


@dataclass(frozen=True)
class ChartPoint:
    fact_id: str
    value: float                  # the fact's value: the bar's length, the point's height
    number: str                   # as printed: 'at least 220', '80 million USD'
    label: str                    # as printed: the point's label, its date, or the funding part
    day: date | None = None       # the fact's date (a trend's x)


@dataclass(frozen=True)
class Chart:
    kind: str                     # one of KINDS
    title: tuple                  # Inline, as set in the title
    points: tuple                 # ChartPoint: bars and trend in spec order; funding: required, received
    cite: str                     # the citation numbers of its facts' (and title's) sources: '1,3'
    alt_text: str                 # read aloud in place of the drawing: the title and every value
    gap: str = ""                 # funding: required - received, as printed
    percent: str = ""             # funding: the share received, as printed ('48%')
    funded: float = 0.0           # funding: received / required, the bar's split

    @property
    def title_text(self) -> str:
        return plain_text(self.title)


def assemble_chart(checked: dict, facts: dict, numbering, words, inline) -> Chart:
    """The model of one checked chart: `checked` is what validate/charts.py read, `inline`
    sets a text with its markup (as the section's text is set), `numbering` numbers its sources."""
    kind, title = checked["kind"], inline(checked["title"])
    if kind == "funding":
        ids = [(checked["required"], words("chart_required")), (checked["received"], words("chart_received"))]
    else:
        ids = checked["points"]
    points = []
    for fid, label in ids:
        fact = facts[fid]
        if label is None:   # a bar is named by its fact's label, a trend's point by its date
            label = words.chart_date(fact.date) if kind == "trend" else label_text(fact.label, facts, words)
        points.append(ChartPoint(fid, fact.value, words.value(fact), label, fact.date))
    sources = [s for fid, _ in ids for s in facts[fid].sources]
    cite = numbering.cite(sources)
    numbers = {n for marker in [cite] + [s.text for s in title if s.kind == "cite"]
               for n in marker.split(",") if n}
    cite = ",".join(sorted(numbers, key=int))
    chart = Chart(kind, title, tuple(points), cite, "")
    if kind == "funding":
        chart = _funding(chart, [facts[fid] for fid, _ in ids], words)
    return _with_alt_text(chart, words)


def _funding(chart: Chart, facts: list, words) -> Chart:
    """The gap and the percentage funded, derived from the two facts: 'about' when either is
    itself bounded or approximate, since then so is what is derived from it."""
    required, received = facts
    share = received.value / required.value if required.value else 0.0
    approximate = "about" if required.qualifier or received.qualifier else None
    gap = words.number(required.value - received.value, required.unit)
    percent = words.number(round(share * 100), "%")
    if approximate:
        gap = words("qualified", qualifier=words.qualifier(approximate), number=gap)
        percent = words("qualified", qualifier=words.qualifier(approximate), number=percent)
    return Chart(chart.kind, chart.title, chart.points, chart.cite, "", gap, percent, share)


def _with_alt_text(chart: Chart, words) -> Chart:
    """'Bar chart, People displaced by area: Tabqa 220,000; Karama at least 15,000.'"""
    if chart.kind == "funding":
        required, received = chart.points
        values = words("chart_alt_funding_values", required=required.number, received=received.number,
                       gap=chart.gap, percent=chart.percent)
    else:
        values = words("list_items").join(words("chart_alt_point", label=p.label, value=p.number)
                                         for p in chart.points)
    text = words(f"chart_alt_{chart.kind}", title=chart.title_text, values=values)
    return Chart(chart.kind, chart.title, chart.points, chart.cite, text, chart.gap, chart.percent,
                 chart.funded)
