"""Numbers that point at something rather than count it, told by where they stand in the text.

A cue word before a number ("article 5", "MDG 4", "ICCPR-OP 2") is found by the grammar's
`reference_cue`; these are the references told by their place instead:

- an item or footnote number opening a line ("124.1 Ratify the …", "1 See A/HRC/10/72");
- a footnote marker glued to the word or the punctuation it follows ("the first cycle.1");
- a sub-paragraph after the number ("paragraph 15 (b)", "conclusion 7 (e)", "par. 19 a)");
- the page number printed beside the UN job number at the foot of a page ("GE.13-12572 15"), or alone
  on its line;
- the first day of a range of dates ("from 1 to 15 December 2008", "du 8 au 19 février").
"""

import re

from etl.claims.grammar import Grammar

# What opens an item or a footnote: a capitalised word ("Ratify", "See", "The"), not an acronym
# ("2 NGOs" counts them). A statistic never opens a line in UN documents: their style spells a
# number out at the start of a sentence.
_OPENS_ITEM_RE = re.compile(r"[.)]?[ \t]+[A-Z][a-z]")
# A footnote marker follows a word's last letter and its punctuation with no space, and is short.
# "124.1 Ratify …": a recommendation's number, also where page furniture stands before it on its line.
_ITEM_NUMBER_RE = re.compile(r"\d{1,3}\.\d{1,3}")
_MARKER_AFTER = frozenset('.,;:)”"’')
_MARKER_MAX_DIGITS = 3
_SUB_PARAGRAPH_RE = re.compile(r"\s*(?:\((?:[a-z]|[ivx]{1,4})\)|[a-z]\))(?!\w)")
# The job number the UN prints on every page beside its page number: "GE.13-12572 15", "16 GE.13-12572".
_JOB_NUMBER = r"GE\.\d{2}-\d{4,6}(?:\s*\(\w\))?"
_JOB_BEFORE_RE = re.compile(rf"{_JOB_NUMBER}[ \t]*$")
_JOB_AFTER_RE = re.compile(rf"[ \t]*{_JOB_NUMBER}")


def is_placed_reference(sentence: str, start: int, end: int, raw: str) -> bool:
    """Whether the number at start:end is an item number, a footnote marker, a sub-paragraph's
    paragraph or a page number, by where it stands (see the module's docstring)."""
    return (
        _opens_item(sentence, start, end)
        or _alone_on_its_line(sentence, start, end)
        or (_ITEM_NUMBER_RE.fullmatch(raw) is not None and _OPENS_ITEM_RE.match(sentence, end) is not None)
        or _is_marker(sentence, start, end, raw)
        or _SUB_PARAGRAPH_RE.match(sentence, end) is not None
        or _JOB_BEFORE_RE.search(sentence, 0, start) is not None
        or _JOB_AFTER_RE.match(sentence, end) is not None
    )


def _opens_item(sentence: str, start: int, end: int) -> bool:
    line_start = sentence.rfind("\n", 0, start) + 1
    return not sentence[line_start:start].strip() and _OPENS_ITEM_RE.match(sentence, end) is not None


def _alone_on_its_line(sentence: str, start: int, end: int) -> bool:
    """A page number left in the text: nothing else on its line (a sentence of its own at the paragraph's end)."""
    line_start = sentence.rfind("\n", 0, start) + 1
    line_end = sentence.find("\n", end)
    line_end = len(sentence) if line_end == -1 else line_end
    return not sentence[line_start:start].strip() and not sentence[end:line_end].strip()


def _is_marker(sentence: str, start: int, end: int, raw: str) -> bool:
    """'cycle.1', '(Slovenia);2': a short number glued to the punctuation after a word."""
    if start < 2 or sentence[start - 1] not in _MARKER_AFTER or not raw.isdigit():
        return False
    glued_to = sentence[start - 2]
    return len(raw) <= _MARKER_MAX_DIGITS and (glued_to.isalpha() or glued_to in ')”"’') and _ends_word(sentence, end)


def _ends_word(sentence: str, end: int) -> bool:
    return end == len(sentence) or not sentence[end].isalnum()


def is_first_day(sentence: str, end: int, g: Grammar) -> bool:
    """'1' in 'from 1 to 15 December 2008', '8' in 'du 8 au 19 février': a day, not a count."""
    return g.day_range_end.match(sentence, end) is not None
