"""Dates as specs and English sources write them: the ISO day pattern and the month names.

These are for reading: a spec's `2017-08-25`, a source's '6 June' or 'in May'. How a sheet
prints a date is sheet/words.py's (CLDR's month names, in the sheet's language).
"""
from __future__ import annotations

import re

# YYYY-MM-DD, the one date syntax a spec accepts (date.fromisoformat then checks the day exists)
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
ISO_DAY = re.compile(ISO_DATE + r"\Z")

# The month names of the English prose the sources are written in
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}

