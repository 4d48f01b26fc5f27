"""Split a paragraph into sentences, keeping offsets."""
import re

from etl.vocab import ABBREVIATIONS

# A sentence ends at . ! ? followed by space and a capital, a digit or an opening quote.
_END_RE = re.compile(r"[.!?…](?=\s+[«\"(]?[A-ZÀ-ÖØ-Þ\d])")
_WORD_BEFORE_RE = re.compile(r"(\w+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break (bullet, a)/b) item) also ends one."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        start = line_start
        for m in _END_RE.finditer(line):
            word = _WORD_BEFORE_RE.search(line[: m.start()])
            # "art. 174", "par. 16", "L.N. Goumilev" do not end a sentence
            if word and (word[1] in ABBREVIATIONS or (len(word[1]) == 1 and word[1].isupper())):
                continue
            spans.append((start, line_start + m.end()))
            start = line_start + m.end()
        spans.append((start, line_start + len(line)))
        line_start += len(line) + 1
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
