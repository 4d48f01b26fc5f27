"""The items of a paragraph: numbered recommendations, lettered sub-paragraphs and bullets.

A UPR Working Group report lists its recommendations under one paragraph, numbered after it
("124.1 Ratify …", "124.2 …") or, in the reports of the first cycle, from 1 ("60. … as follows:",
"1. Provide …", "2. …"); a report's paragraph may hold lettered sub-paragraphs ("(a)", "a)") or
bullets ("•"). Each is an item of its paragraph, never a paragraph of its own: a list numbered from
1 inside paragraph 60 would otherwise give paragraphs 1, 2, … twice. The segmenter finds where each
item starts (`ItemMark`); `items_of` turns the marks into spans of the paragraph's text.
"""

import re
from dataclasses import dataclass

from contract.states import state_named

# "124.1 Ratify …": the paragraph's number, a point and the item's own number.
_NUMBERED_RE = re.compile(r"^[ \t]*(?P<paragraph>\d{1,4})\.(?P<number>\d{1,3})\.?(?:[ \t]+|(?=[^\d\s.]))(?=\S)")
# "(a) Text" (en), "a) Text" (fr, es), roman sub-items "(ii)"; tabbed or not.
_LETTERED_RE = re.compile(r"^[ \t]*(?:\((?P<a>[a-z]|[ivx]{1,4})\)|(?P<b>[a-z]|[ivx]{1,4})\))[ \t]*(?=\S)")
_BULLET_RE = re.compile(r"^[ \t]*[•◦▪‣\uf0b7][ \t]*(?=\S)")
_BULLET = "•"


@dataclass(frozen=True)
class ItemMark:
    """Where an item starts in the document's text: its label's line, and its text after the label."""

    label: str  # "124.1", "3", "a", or "•" for a bullet (numbered when the items are read)
    line_start: int
    text_start: int


@dataclass(frozen=True)
class Item:
    """An item of a paragraph: offsets into the paragraph's text; `label_start` is where its label is printed."""

    item: str
    start: int
    end: int
    label_start: int
    recommended_by: tuple[str, ...] = ()


def item_mark(line: str, offset: int, paragraph: int) -> ItemMark | None:
    """The item a line of paragraph `paragraph` starts ("124.1 …" under 124, "(a) …", "• …"), if any."""
    if (m := _NUMBERED_RE.match(line)) and int(m["paragraph"]) == paragraph:
        return ItemMark(f"{m['paragraph']}.{m['number']}", offset, offset + m.end())
    if m := _LETTERED_RE.match(line):
        return ItemMark(m["a"] or m["b"], offset, offset + m.end())
    if m := _BULLET_RE.match(line):
        return ItemMark(_BULLET, offset, offset + m.end())
    return None


def starts_list(number: int, paragraph_text_end: str) -> bool:
    """Whether "1." opens a list inside the paragraph above, which announced it ("… as follows:")."""
    return number == 1 and paragraph_text_end == ":"


def items_of(marks: list[ItemMark], text: str, char_start: int) -> list[Item]:
    """The items of a paragraph whose text starts at `char_start` of the document; each runs to the next label.

    Labels stay unique within the paragraph: a letter under a numbered item is keyed by both ("5(a)"),
    the n-th bullet is "•<n>", and a label printed twice gets "-2", "-3" after it.
    """
    items: list[Item] = []
    seen: dict[str, int] = {}
    bullets = 0
    parent: str | None = None  # the numbered item that lettered ones fall under
    for i, mark in enumerate(marks):
        label = mark.label
        if label == _BULLET:
            bullets += 1
            label = f"{_BULLET}{bullets}"
        elif label[0].isdigit():
            parent = label
        elif parent is not None:
            label = f"{parent}({label})"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label}-{seen[label]}"
        start = mark.text_start - char_start
        end = marks[i + 1].line_start - char_start if i + 1 < len(marks) else len(text)
        end = start + len(text[start:end].rstrip())
        by = recommending_states(text[start:end]) if mark.label[0].isdigit() else ()
        items.append(Item(label, start, end, mark.line_start - char_start, by))
    return items


def recommending_states(text: str) -> tuple[str, ...]:
    """The States named in brackets in a recommendation, as printed, in order: "… (Brazil, Chile);" -> both.

    A bracket counts when one of its names is a State's ("(Belarus, Cape Verde, Chile Egypt)" keeps
    "Chile Egypt" as printed); "(WHO)" or "(art. 14)" names none.
    """
    found: list[str] = []
    for group in _bracket_groups(text):
        names = [name.strip() for name in _split_names(group)]
        if any(state_named(name) for name in names):
            found.extend(name for name in names if name and name not in found)
    return tuple(found)


def _bracket_groups(text: str) -> list[str]:
    """The outermost bracketed groups of a text, nested brackets kept inside ("Iran (Islamic Republic of)")."""
    groups, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups


def _split_names(group: str) -> list[str]:
    """A bracket's names, split at commas and semicolons outside inner brackets."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(group):
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth == 0:
            names.append(group[start:i])
            start = i + 1
    names.append(group[start:])
    return names


def placed(items: list[Item], start: int, end: int) -> tuple[bool, str | None]:
    """(whether the span lies in an item's printed label, the item whose text holds it or None)."""
    for item in items:
        if start < item.start and end > item.label_start:
            return True, item.item
        if item.start <= start and end <= item.end:
            return False, item.item
    return False, None
