"""`factsheet new NAME`: a starter spec, with an archived source, that validates as written."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..diagnostics import UsageError
from .markup import SLUG

_ARCHIVE = """\
Example Town: floods leave thousands without shelter

Heavy rain caused the Example River to burst its banks on Monday. The district
authorities said that 1,200 households had been displaced and that 3 health
centres were out of service. Aid agencies estimate that half of the town's
water points are damaged.

(Replace this file with the full text of the article you cite, copied as it is.)
"""

_SPEC = """\
# A starter fact sheet. Every figure must come from a quote in an archived source.
# Check it with:  factsheet validate {spec}
factsheet: 1
title: "Example Town: floods displace families"
subtitle: Humanitarian fact sheet
location: Example Town
as_of: {today}
organisation: Your organisation
contact: info@example.org
disclaimer: Figures are as reported by the sources cited.

sources:
  - id: example-news
    title: "Example Town: floods leave thousands without shelter"
    publisher: Example News
    published: {today}
    archive: sources/{name}-example-news.txt

facts:
  - id: households-displaced
    value: 1200
    label: households displaced by the floods
    source: example-news
    quote: "1,200 households had been displaced"
  - id: health-centres-closed
    value: 3
    label: health centres out of service
    source: example-news
    quote: "3 health centres were out of service"
  - id: water-points-damaged
    value: 50
    unit: "%"
    label: of the town's water points damaged
    source: example-news
    quote: "half of the town's water points are damaged"

key_figures: [households-displaced, health-centres-closed, water-points-damaged]

sections:
  - heading: Situation
    text: |
      The Example River burst its banks after heavy rain; {{households-displaced}}
      households have been displaced and {{health-centres-closed}} health centres
      are out of service.
    bullets:
      - "Thousands of people are without shelter [example-news]."
"""


def write_starter(name: str, folder: Path, today: date | None = None) -> list:
    """Write folder/NAME.yaml and its archive; refuse to overwrite anything."""
    if not SLUG.match(name):
        raise UsageError(f"'{name}' is not a valid name: use lowercase letters, digits, - and _")
    spec = folder / f"{name}.yaml"
    archive = folder / "sources" / f"{name}-example-news.txt"
    for path in (spec, archive):
        if path.exists():
            raise UsageError(f"{path} already exists: not overwritten")
    today = today or date.today()
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_text(_ARCHIVE, encoding="utf-8")
    spec.write_text(_SPEC.format(spec=spec, today=today.isoformat(), name=name), encoding="utf-8")
    return [spec, archive]
