"""Where a sentence's brackets open and close: a number in brackets belongs to what stands before them."""

import re
from dataclasses import dataclass

_INNER_BRACKETS_RE = re.compile(r"\([^()]*\)")


@dataclass
class Parens:
    """Per offset, the depth and the innermost open parenthesis; where each one closes."""

    depth: list[int]
    innermost: list[int]  # -1 outside any parenthesis
    closes_at: dict[int, int]

    def encloses(self, paren: int, pos: int) -> bool:
        """Whether the parenthesis opened at `paren` holds the offset `pos`."""
        return paren < pos < self.closes_at[paren]


def paren_chains(sentence: str) -> Parens:
    """The parentheses of a sentence; one left open closes at its end."""
    depth: list[int] = []
    innermost: list[int] = []
    closes_at: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(sentence):
        depth.append(len(stack))
        innermost.append(stack[-1] if stack else -1)
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            closes_at[stack.pop()] = i
    depth.append(len(stack))
    innermost.append(stack[-1] if stack else -1)
    closes_at.update({open_: len(sentence) for open_ in stack})
    return Parens(depth, innermost, closes_at)


def outside_brackets(text: str) -> str:
    """The text without its innermost bracketed parts ("36 (39 %), 40" -> "36 , 40")."""
    return _INNER_BRACKETS_RE.sub("", text)
