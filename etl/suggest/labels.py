"""Each cell's label: what tells a number apart from the others of its table, in the report's own words.

A label is a dimension value of the suggested table: the noun a series counts ('affaires',
'personnes', par. 155), what a subject's brackets add ('en russe'), the article before a
series (par. 191), or the words around a number in a list ('calme (60,9 %)', par. 107).
"""

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

from contract import periods
from etl.suggest.nouns import subject_head, subject_parts
from etl.suggest.reading import Context, Stat
from etl.suggest.tables import Cell, Table

_LABEL_MAX = 60  # characters of a part's label: enough to tell "au titre de l’article 116 …" from "… 128 …"
_LABEL_WORDS = 6  # words before a bracketed number that name it
_LEADING = {"et", "ou", "and", "or", "soit", "de", "des", "du", "of"}  # words a label does not start with
_DANGLING = _LEADING | {"à", "en", "dans", "pour", "in", "for", "plus"}  # nor ends with
# A clause opened by one of these qualifies what the clause before it names: "… ouïghoures, qui seront proposés à 25"
_RELATIVE = {"qui", "que", "dont", "lesquels", "lesquelles", "which", "who", "that", "cuyo", "cuyos"}
_BRACKET_AFTER_RE = re.compile(r"^\s*\([^()]{0,40}\)")  # the share right after a number: not what names it
_REFERENCE_RE = re.compile(r"(?i)(?<!\w)(art(?:icle|\.)s?)\s*(\d+)")


def label(table: Table, contexts: dict[int, Context]) -> None:
    """Each cell's label: what tells it apart from the others of its table (a dimension value)."""
    if table.origin == "series":
        _series_labels(table, contexts)
    elif table.origin == "parallel":
        for members, namer in table.categories:
            name = _words_around(namer.stat, contexts) or namer.stat.subject or ""
            for m in members:
                m.label = name
    elif table.origin == "shares":
        for m in table.members:
            if m.of is not None:
                m.label = m.of.label  # the label of the part it is the share of, labelled before
    elif table.origin != "parallel_totals":
        _part_labels(table.members, contexts)
    _unique_labels(table)


def _series_labels(table: Table, contexts: dict[int, Context]) -> None:
    names = []
    for run in table.runs:
        subjects = Counter(m.stat.subject for m in run if m.stat.subject)
        names.append(max(subjects, key=lambda s: (subjects[s], len(s))) if subjects else "")
    labels = _told_apart(names) or names
    if len({subject_head(name) for name in names}) < len(names):
        # par. 191: "procédures pénales" under three articles: the article tells them apart better than a participle
        refs = [_reference_before(run[0].stat, contexts) for run in table.runs]
        if all(refs) and len(set(refs)) == len(refs):
            labels = [f"{noun} ({ref})" if (noun := subject_parts(name)[0]) else ref for name, ref in zip(names, refs)]
    for name, run in zip(labels, table.runs):
        for m in run:
            m.label = name if len(table.runs) > 1 else ""


def _told_apart(subjects: Sequence[str | None]) -> list[str] | None:
    """The fewest words that tell subjects apart: their nouns when they count different things ('affaires',
    'personnes'), else what the brackets add to one noun ('en russe', 'en kazakh'; the noun where there is no
    bracket: 'originaires d’Afghanistan', 'Ukraine', 'Syrie'), else the whole subjects."""
    named = [s for s in subjects if s]
    if not subjects or len(named) < len(subjects):
        return None
    nouns, qualifiers = zip(*(subject_parts(s) for s in named))
    heads = {subject_head(n) for n in nouns}
    if len(heads) == len(nouns):
        return list(nouns)
    if len(heads) == 1:
        apart = [qualifier or noun for noun, qualifier in zip(nouns, qualifiers)]
        if len(set(apart)) == len(apart):
            return apart
    return named if len(set(named)) == len(named) else None


def _reference_before(stat: Stat, contexts: dict[int, Context]) -> str:
    """The last legal reference before a number in its paragraph ('article 404', 'art. 489'), if any."""
    found = list(_REFERENCE_RE.finditer(contexts[stat.paragraph].text[: stat.start]))
    return f"{found[-1].group(1)} {found[-1].group(2)}" if found else ""


def _part_labels(members: list[Cell], contexts: dict[int, Context]) -> None:
    told_apart = _told_apart([m.stat.subject for m in members if m.role != "total"])
    told = iter(told_apart or [])
    totals = [subject_parts(m.stat.subject) for m in members if m.role == "total"]
    for m in members:
        if m.role == "total":
            m.label = _total_label(m.stat.subject, totals)
        elif told_apart is not None:
            m.label = next(told)
        else:
            m.label = _words_around(m.stat, contexts) or m.stat.subject or ""
    items = [m for m in members if m.role != "total"]
    if told_apart is None and len({m.label for m in items}) < len(items):
        _labelled_by_words_before(items, contexts)


def _labelled_by_words_before(items: list[Cell], contexts: dict[int, Context]) -> None:
    """Items the words after them do not tell apart, labelled by the words before them, when those do."""
    # par. 254: "… dans l'enseignement primaire pour 100 enseignants, … ouzbèkes pour 75 enseignants": the words before
    before = [_words_before(m.stat, contexts) for m in items]
    if all(before) and len(set(before)) == len(before):
        for m, words in zip(items, before):
            m.label = words


def _total_label(subject: str | None, totals: list[tuple[str, str]]) -> str:
    """A total's label: the noun it counts; its bracket too when another total of the table has that noun."""
    noun, qualifier = subject_parts(subject)
    if not noun:
        return "total"
    shared = sum(n == noun for n, _ in totals) > 1 and qualifier
    return f"{noun} ({qualifier}, total)" if shared else f"{noun} (total)"


def _words_before(stat: Stat, contexts: dict[int, Context]) -> str:
    """The words of a number's clause before it, up to a comma, bracket or another number."""
    context = contexts[stat.paragraph]
    before_index = bisect_left(context.stat_starts, stat.start)
    text = context.text[context.stat_starts[before_index - 1] if before_index else 0 : stat.start]
    pieces = re.split(r"[;:.()\n]|,\s|\d", text)
    piece = pieces[-1]
    if len(pieces) > 1 and piece.split()[:1] and piece.split()[0].lower() in _RELATIVE:
        piece = pieces[-2]  # the relative clause says nothing of what is counted; the clause it qualifies does
    return _clean_label(piece.split()[-_LABEL_WORDS:])


def _words_around(stat: Stat, contexts: dict[int, Context]) -> str:
    """What names a number in a list: the words after it ('en russe'), or before its bracket ('calme (60,9 %)')."""
    context = contexts[stat.paragraph]
    before = context.text[: stat.start]
    after = context.text[stat.end :]
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):  # par. 107: "calme (60,9 %) et bonne (34,9 %)"
        piece = re.split(r"[;:.\n(]|,\s|\s(?:et|ou|and|or)\s", before.rstrip()[:-1])[-1]
        return _clean_label(piece.split()[-_LABEL_WORDS:])
    start = stat.end
    if bracket := _BRACKET_AFTER_RE.match(context.text[start:]):  # "3 743 (54,2 %) dispensaient un enseignement …"
        start += bracket.end()
    after_index = bisect_left(context.stat_starts, start)
    stop = context.stat_starts[after_index] if after_index < len(context.stat_starts) else len(context.text)
    text = context.text[start:stop].lstrip(" ,\u00a0\u202f")
    return _clean_label(re.split(r"[;:.\n]|,\s|\s\(", text, maxsplit=1)[0].split())


def _clean_label(words: list[str]) -> str:
    """Words as a label: no dangling 'et' or bracket, cut at a word before _LABEL_MAX characters."""
    while words and (words[-1].lower() in _DANGLING or not re.search(r"\w", words[-1])):
        words = words[:-1]
    while words and (words[0].lower() in _LEADING or not re.search(r"\w", words[0])):
        words = words[1:]
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > _LABEL_MAX:
            return text + " …"
        text = f"{text} {word}".strip()
    text = text.strip("()").strip()
    return text if re.search(r"\w{3,}", text) else ""


def _unique_labels(table: Table) -> None:
    """Two bars never share a name (nor two points of one series their period): told apart by period, else a number."""

    def key(m: Cell) -> Hashable:
        return (m.label, m.stat.period) if table.shape == "time_series" else m.label

    counts = Counter(key(m) for m in table.members)
    for m in table.members:
        if counts[key(m)] > 1 and m.stat.period and table.shape != "time_series":
            m.label = f"{m.label} ({periods.label(m.stat.period, 'fr')})".strip()
    counts = Counter(key(m) for m in table.members)
    seen: Counter[Hashable] = Counter()
    for m in table.members:
        if counts[key(m)] > 1:
            seen[key(m)] += 1
            m.label = f"{m.label} ({seen[key(m)]})".strip()
