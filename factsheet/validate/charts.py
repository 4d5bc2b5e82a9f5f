"""The rules of a section's `chart:`: every mark a known fact, comparable, and readable on a page.

`check_chart` reads one chart for `rules._Check` (its fields, diagnostics and facts) and
returns what `sheet.chart.assemble_chart` needs, or None when the chart has errors.
"""
from __future__ import annotations

from ..diagnostics import did_you_mean
from ..limits import MAX_CHART_POINTS
from ..sheet.chart import KINDS
from ..sheet.words import words_for
from ..spec.figures import find_figures
from ..spec.load import locate

MAX_POINTS = MAX_CHART_POINTS
MIN_POINTS = 2
_KEYS = {"bars": ("kind", "title", "points"), "trend": ("kind", "title", "points"),
         "funding": ("kind", "title", "required", "received")}
_REQUIRED = {"bars": ("kind", "title", "points"), "trend": ("kind", "title", "points"),
             "funding": ("kind", "title", "required", "received")}


def check_chart(check, node):
    """Check one `chart:` mapping; {'kind', 'title', 'points' or 'required'/'received'}, or None."""
    f, diags = check.fields, check.diags
    before = len(diags.errors)
    if not f.kind(node, ("map",), "a chart"):
        return None
    kind = f.text(node, "kind", "the chart's 'kind'")
    if kind is not None and kind not in KINDS:
        diags.error(node.value["kind"].pos, "chart-kind",
                    f"unknown chart kind '{kind}': use {', '.join(KINDS)}", did_you_mean(kind, KINDS))
        kind = None
    what = f"a {kind} chart" if kind else "a chart"
    f.keys(node, _KEYS.get(kind, sum(_KEYS.values(), ())), _REQUIRED.get(kind, ("kind", "title")), what)
    title = f.text(node, "title", "the chart's 'title'")
    if title is not None:
        check.text_nodes.append((node.value["title"], "heading"))
    checked = {"kind": kind, "title": title}
    if kind == "funding":
        checked.update(_funding(check, node))
    elif kind is not None:
        checked["points"] = _points(check, node, kind)
    return checked if len(diags.errors) == before and kind and title else None


def _fact(check, item, what: str):
    """The fact an id node names (marked used), or None: unknown ids get a did-you-mean."""
    if not check.fields.kind(item, ("str",), what):
        return None
    fact = check.facts.get(item.value)
    if fact is None:
        check._unknown(item.pos, "fact", item.value, check.facts)
        return None
    check.used_facts.add(fact.id)
    return fact


def _points(check, node, kind: str) -> list:
    """Each point's (fact id, label or None), with the rules of the chart's kind."""
    f, diags = check.fields, check.diags
    items = f.items(node, "points", "the chart's 'points'")
    if items and len(items) < MIN_POINTS:
        diags.error(node.value["points"].pos, "chart-points",
                    f"a {kind} chart needs at least {MIN_POINTS} points, not {len(items)}")
    if len(items) > MAX_POINTS:
        diags.error(node.value["points"].pos, "chart-points",
                    f"a {kind} chart lists {len(items)} points: the limit is {MAX_POINTS}, "
                    "more cannot be read on one page")
    points, placed, dates = [], [], {}
    for item in items:
        if item.kind == "map":
            f.keys(item, ("fact", "label"), ("fact",), "a chart point")
            ident, label = item.get("fact"), _label(check, item)
        else:
            ident, label = item, None
        fact = _fact(check, ident, "a chart point") if ident is not None else None
        if fact is None:
            continue
        if fact.id in [p.id for p, _ in placed]:
            diags.error(ident.pos, "chart-duplicate", f"fact '{fact.id}' is listed twice in the chart")
            continue
        if kind == "trend" and fact.date is None:
            diags.error(ident.pos, "chart-no-date",
                        f"trend point '{fact.id}' has no date: a trend places its points by their "
                        f"facts' dates", f"give fact '{fact.id}' a date: (YYYY-MM-DD)")
        elif kind == "trend" and fact.date in dates:
            diags.error(ident.pos, "chart-same-date",
                        f"trend points '{dates[fact.date]}' and '{fact.id}' are both dated "
                        f"{fact.date}: a trend has one point per date")
        elif kind == "trend":
            dates[fact.date] = fact.id
        if fact.value < 0:
            diags.error(ident.pos, "chart-negative",
                        f"fact '{fact.id}' is negative ({fact.value:g}): a {kind} chart starts at zero")
        _compare(check, ident, fact, placed[0] if placed else None)
        placed.append((fact, ident))
        points.append((fact.id, label))
    return points


def _label(check, item):
    """A point's label: short text that names the point; its figures would go unverified."""
    label = check.fields.text(item, "label", "a chart point's 'label'")
    if label is None:
        return None
    node = item.value["label"]
    for figure in find_figures(label):
        check.diags.error(locate(node, figure.start, check.lines), "chart-label-figure",
                          f"chart label '{label}' has a figure, '{figure.text}': a label names "
                          "its point, and only the point's fact gives a value")
    return label


def _unit(fact) -> str:
    return f"in {fact.unit}" if fact.unit else "without a unit"


def _compare(check, ident, fact, first) -> None:
    """One chart, one unit: a bar in km beside one in people would draw a false comparison."""
    if first is None or (fact.unit or None) == (first[0].unit or None):
        return
    other = first[0]
    if "%" in (fact.unit, other.unit):
        check.diags.error(ident.pos, "chart-incomparable",
                          f"fact '{fact.id}' ({_unit(fact)}) and fact '{other.id}' ({_unit(other)}) "
                          "cannot be compared: a share beside a count", "chart shares or counts, not both")
        return
    check.diags.error(ident.pos, "chart-mixed-units",
                      f"the chart mixes units: fact '{fact.id}' is {_unit(fact)}, fact "
                      f"'{other.id}' {_unit(other)}", "draw one chart per unit")


def _funding(check, node) -> dict:
    """A funding chart: the appeal's requirement and what it has received, in one currency."""
    required, received = (_fact(check, node.value[key], f"'{key}'") if key in node.value else None
                          for key in ("required", "received"))
    if required is None or received is None:
        return {}
    pos = node.value["received"].pos
    if (required.unit or None) != (received.unit or None):
        check.diags.error(pos, "chart-incomparable",
                          f"received '{received.id}' ({_unit(received)}) and required "
                          f"'{required.id}' ({_unit(required)}) cannot be compared",
                          "state both in one currency")
    elif received.value > required.value:
        words = words_for("en")   # the messages' words
        check.diags.error(pos, "chart-received-more",
                          f"received '{received.id}' ({words.value(received)}) is more than required "
                          f"'{required.id}' ({words.value(required)})",
                          "check the facts: an appeal funded beyond its requirement has no gap to draw")
    if required.value <= 0:
        check.diags.error(node.value["required"].pos, "chart-negative",
                          f"required '{required.id}' must be more than zero")
    return {"required": required.id, "received": received.id}
