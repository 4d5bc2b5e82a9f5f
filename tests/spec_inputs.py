"""Inputs several test folders share: the valid base spec of the broken specs, and the
characters and YAML fragments the fuzzers draw from."""
from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import strategies as st

BROKEN = Path(__file__).resolve().parent / "broken"

BASE = """\
# The base of the broken specs: valid as written.
factsheet: 1
title: "Raqqa: civilians trapped as the battle for the city begins"
subtitle: Humanitarian fact sheet
as_of: 2017-08-25

sources:
  - id: independent
    title: "Civilians die fleeing US-led bombing as the battle for Raqqa begins"
    publisher: The Independent
    published: 2017-06-06
    archive: sources/independent-2017-06-06.txt
  - id: voa
    title: "No 'Worse Place On Earth' Than Syria's Raqqa"
    publisher: VOA News
    url: https://www.voanews.com/
    published: 2017-08-25
    archive: sources/voa-2017-08-25.txt

facts:
  - id: trapped
    value: 20000
    label: civilians trapped in Raqqa by ISIS
    date: 2017-08-24
    source: voa
    quote: "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes"
  - id: casualty-increase
    value: 400
    unit: "%"
    label: increase in civilian casualties from US-led bombing
    source: independent
    quote: "a 400 per cent increase in civilian casualties caused by US-led bombing"
  - id: expected-to-flee
    value: 50
    unit: "%"
    qualifier: up to
    label: of Raqqa's population expected to flee
    source: independent
    quote: "Up to half of Raqqa's population is expected to flee the fighting"

key_figures: [trapped, casualty-increase, expected-to-flee]

sections:
  - heading: Situation
    text: |
      The assault on Raqqa began on 5 June 2017 [independent]. By late August,
      {trapped} civilians remained trapped by ISIS.
    bullets:
      - "Civilian casualties from US-led bombing rose by {casualty-increase}."
      - "{expected-to-flee} of the population is expected to flee."
      - "Thousands of civilians are trapped in a \\"deadly labyrinth\\" [voa]."
"""


def write_spec(folder: Path, text: str) -> Path:
    """A spec beside a copy of the seed archives, so BASE and its variants validate."""
    shutil.copytree(BROKEN / "sources", folder / "sources", dirs_exist_ok=True)
    path = folder / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


CHARS = st.characters(blacklist_categories=("Cs",))
YAML_BITS = st.sampled_from([
    ":", ": ", "- ", "\n", "\n  ", "  ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!", "'", '"',
    "|", ">", "%YAML 1.1\n", "---\n", "...\n", "? ", "\t", "\\", "20,000", "2017-02-30", "\ufffd",
    "\u00a0", "\u2019", "\u202e", "\U0001f600", "!!python/object/apply:os.system ['true']",
    "<<: *a\n", "{fact}", "[source]", "1e400", "0x", ".nan", "~", "null", "yes",
])
