"""Where a sentence ends in English prose: the one splitter for spec text and source articles.

A sentence ends at . ! or ? (and any closing quote or bracket) followed by space and a
character that is not a lowercase letter, so '3.5' and 'e.g. more' do not split. A full stop
after an abbreviation or an initial does not end one ('Mr. Woods', 'U.S. forces',
'J. Egeland'): a citation later in the sentence still covers the figures before them.
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+(?=[^a-z\s])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt|Rev|No|Nos|Fig|"
                           r"approx|vs|e\.g|i\.e|[A-Z](?:\.[A-Z])*))\.$")
_LOOK_BACK = 8      # characters before a full stop that can hold an abbreviation ('e.g', 'Capt')


def sentence_starts(text: str, start: int = 0) -> list:
    """Where each sentence after the first of text[start:] starts, in order."""
    return [m.end() for m in _SENTENCE_END.finditer(text, start)
            if not _ABBREVIATION.search(text[max(start, m.start() - _LOOK_BACK):m.start() + 1])]


def sentence_edges(text: str, start: int = 0) -> list:
    """[start, each sentence's start..., len(text)]: consecutive pairs are the sentences."""
    return [start] + sentence_starts(text, start) + [len(text)]
