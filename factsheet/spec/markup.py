"""The inline markup of spec text, what an id looks like, and making one from words.

The markup: {fact-id}, [source-id], and {{ }} [[ ]] for literal braces.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]|\{([^{}\[\]\n]*)\}|\[([^{}\[\]\n]*)\]|[{}\[\]]")
_LITERAL = {"{{": "{", "}}": "}", "[[": "[", "]]": "]"}


@dataclass(frozen=True)
class Token:
    kind: str      # 'text', 'fact', 'cite' or 'bad' (a stray brace or bracket)
    value: str     # the text, or the referenced id
    offset: int    # where it starts in the raw string, for line:col in errors
    end: int = 0   # where it ends in the raw string


def parse_inline(raw: str) -> list:
    """Split spec text into text, fact and cite tokens. Adjacent text is merged."""
    tokens: list = []
    pos = 0

    def add_text(text: str, offset: int) -> None:
        if not text:
            return
        if tokens and tokens[-1].kind == "text":
            last = tokens.pop()
            tokens.append(Token("text", last.value + text, last.offset, offset + len(text)))
        else:
            tokens.append(Token("text", text, offset, offset + len(text)))

    for match in _TOKEN.finditer(raw):
        add_text(raw[pos:match.start()], pos)
        token = match.group(0)
        if token in _LITERAL:
            add_text(_LITERAL[token], match.start())
        elif match.group(1) is not None:
            tokens.append(Token("fact", match.group(1).strip(), match.start(), match.end()))
        elif match.group(2) is not None:
            tokens.append(Token("cite", match.group(2).strip(), match.start(), match.end()))
        else:
            tokens.append(Token("bad", token, match.start(), match.end()))
        pos = match.end()
    add_text(raw[pos:], pos)
    return tokens


def split_paragraphs(raw: str) -> list:
    """Paragraphs separated by blank lines, each as (text with lines joined, offset)."""
    paragraphs = []
    for match in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", raw):
        text = match.group(0)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            paragraphs.append((text.strip(), match.start() + lead))
    return paragraphs


def join_lines(text: str) -> str:
    """A paragraph's line breaks become spaces, as in Markdown."""
    return re.sub(r"\s*\n\s*", " ", text)


def slug_words(text: str) -> list:
    """The words of `text` as an id writes them: lowercase ASCII letters and digits ('Raqqa's
    café' -> ['raqqa', 's', 'cafe']); accents dropped, everything else a break."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def slugify(text: str, limit: int = 60) -> str:
    """An id from words: slug_words joined by '-', at most `limit` characters, whole words
    (a first word longer than that is cut). '' when `text` has no letter or digit."""
    words = slug_words(text)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit:
            break
        slug = longer
    return slug or (words[0][:limit] if words else "")
