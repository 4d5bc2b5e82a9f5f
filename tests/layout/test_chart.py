"""A chart's geometry, on charts made here: trend x proportional to the days between dates,
date labels that never overlap."""
from __future__ import annotations

from datetime import date

import pytest

from factsheet.layout.chart import chart_box
from factsheet.layout.geometry import ChartLine, ChartText, size_layout
from factsheet.sheet.chart import Chart, ChartPoint
from factsheet.sheet.words import words_for
from factsheet.theme.template import load_template


def marks(box, kind, role=None):
    return [m for m in box.marks if isinstance(m, kind) and (role is None or m.role == role)]


def _point(day, value):
    return ChartPoint(f"p-{day}", value, words_for("en").number(value), words_for("en").chart_date(day), day)


def test_trend_points_sit_at_x_proportional_to_the_days_between_their_dates():
    days = [date(2024, 1, 1), date(2024, 1, 11), date(2024, 3, 1), date(2024, 6, 30)]
    chart = Chart("trend", (), tuple(_point(d, 1000 * (n + 1)) for n, d in enumerate(days)), "", "")
    box = chart_box(chart, size_layout(load_template("default"), 9.0), 250.0, "en")
    line = [m for m in marks(box, ChartLine) if len(m.points) == 4][0]
    xs = [x for x, _ in line.points]
    per_day = (xs[-1] - xs[0]) / (days[-1] - days[0]).days
    for x, day in zip(xs, days):
        assert x - xs[0] == pytest.approx((day - days[0]).days * per_day, abs=0.05)
    labels = [m.text for m in marks(box, ChartText, "date")]
    assert labels == ["1 Jan 2024", "11 Jan 2024", "1 Mar 2024", "30 Jun 2024"]
    dates = sorted(marks(box, ChartText, "date"), key=lambda m: m.x)
    for left, right in zip(dates, dates[1:]):   # close dates move to a second line, never overlap
        assert left.x + left.width < right.x or left.baseline != right.baseline
