"""Split a paragraph into sentences, keeping offsets, in linear time."""

import re
from functools import cache

from etl.lang import tables

# A sentence ends at . ! ? followed by space and a capital, a digit or an opening quote.
_END_RE = re.compile(r"[.!?…](?=\s+[«\"“(¿¡]?[A-ZÀ-ÖØ-Þ\d])")
# An abbreviation is short: the look-back for the word before a full stop goes no further
# (rescanning from the line start made a 136 KB line take 24 s).
_ABBREVIATION_MAX = 12


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(tables(lang).ABBREVIATIONS)


def split_sentences(text: str, lang: str = "fr") -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break (bullet, a)/b) item) also ends one."""
    abbreviations = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        start = line_start
        for m in _END_RE.finditer(line):
            word = _word_before(line, m.start())
            # "art. 174", "par. 16", "L.N. Goumilev", "No. 611", "e.g. 5" do not end a sentence
            if (
                word in abbreviations
                or word.lower() in abbreviations
                or (len(word) == 1 and word.isupper())
                or _dotted_before(line, m.start(), word) in abbreviations
            ):
                continue
            spans.append((start, line_start + m.end()))
            start = line_start + m.end()
        spans.append((start, line_start + len(line)))
        line_start += len(line) + 1
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _word_before(line: str, end: int) -> str:
    """The word that ends at `end`, if it is short enough to be an abbreviation ("" otherwise)."""
    start = end
    while start > 0 and end - start <= _ABBREVIATION_MAX and (line[start - 1].isalnum() or line[start - 1] == "_"):
        start -= 1
    return "" if end - start > _ABBREVIATION_MAX else line[start:end]


def _dotted_before(line: str, end: int, word: str) -> str:
    """'e.g' for the full stop of "e.g.": an abbreviation that holds a dot of its own."""
    start = end - len(word)
    if len(word) != 1 or start < 2 or line[start - 1] != ".":
        return ""
    inner = _word_before(line, start - 1)
    return f"{inner}.{word}" if len(inner) == 1 else ""


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
