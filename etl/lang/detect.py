"""Which language a report is written in, when its metadata does not say: word counts.

Each language's telling words (its `STOPWORDS`, number words and month names) are counted over
the opening of the text; the language whose words make up a clear share of it, well ahead of the
others, is the text's. A text in any other language (Russian, German …) gives no answer, and the
build refuses it rather than read it with the wrong rules. Only a text of a few Latin-script
words, too short to tell ("1. En 2024, 12 affaires."), is read in the project's first language,
with a warning.
"""

import re
from dataclasses import dataclass
from types import ModuleType

from etl.lang import LANGUAGES, SUPPORTED, UnsupportedLanguageError, tables

SAMPLE = 50_000  # characters read: a few pages tell the language, and a 50 MB text stays fast
MIN_SHARE = 0.12  # of the words: French, English and Spanish prose runs at 30-40 %
MIN_LEAD = 2.0  # the winner counts at least twice the runner-up
SHORT = 200  # words: a shorter text may hold none of the telling words of its language
DEFAULT = "fr"  # the language of the project's first reports, for a text too short to tell
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _vocabulary(tables: ModuleType) -> frozenset[str]:
    """The words that tell a language: its stop words, and its number words and month names
    ("1. Un. 2. Deux." is French too)."""
    return frozenset(tables.STOPWORDS | set(tables.NUMBER_WORDS) | {m.lower() for m in tables.MONTHS})


VOCABULARIES = {code: _vocabulary(tables) for code, tables in LANGUAGES.items()}


def stopword_counts(text: str) -> dict[str, int]:
    """How many words of the text's opening belong to each language's telling words."""
    words = [w.lower() for w in _WORD_RE.findall(text[:SAMPLE])]
    return {code: sum(w in vocabulary for w in words) for code, vocabulary in VOCABULARIES.items()}


def detect_language(text: str) -> str | None:
    """'en', 'es' or 'fr' when that language's stop words clearly dominate the text; None otherwise."""
    words = len(_WORD_RE.findall(text[:SAMPLE]))
    counts = stopword_counts(text)
    ranked = sorted(counts, key=lambda code: counts[code], reverse=True)
    best, second = counts[ranked[0]], counts[ranked[1]]
    if not words or best < MIN_SHARE * words or best < MIN_LEAD * second:
        return None
    return ranked[0]


def _too_short_to_tell(text: str) -> bool:
    """A few words, all in Latin script: too little to tell a language by, and of none other."""
    words = _WORD_RE.findall(text[:SAMPLE])
    return len(words) < SHORT and all(_LATIN_RE.fullmatch(w) for w in words)


@dataclass(frozen=True)
class ReportLanguage:
    code: str  # 'en', 'es' or 'fr'
    detected: bool  # True when the metadata gave none
    warnings: tuple[str, ...] = ()


def report_language(stated: str | None, text: str) -> ReportLanguage:
    """The language to read a report in: the metadata's `language` ("en", "en-GB"), else detected.

    Raises UnsupportedLanguageError for a language that has no tables, or a text whose language
    cannot be told: it is never read with another language's rules.
    """
    found = detect_language(text)
    if stated is None:
        if found is None and _too_short_to_tell(text):
            # "1. En 2024, 12 affaires." names no language; a few words of Latin script are read in
            # the project's first language, and the build says so
            return ReportLanguage(
                DEFAULT,
                True,
                (f'too few words to tell the language; read as {DEFAULT!r}; set "language" in the report\'s metadata',),
            )
        if found is None:
            raise UnsupportedLanguageError(
                f"cannot tell the language of the text (supported: {', '.join(SUPPORTED)}); "
                'set "language" in the report\'s metadata'
            )
        return ReportLanguage(found, True)
    code = str(stated).strip().lower().replace("_", "-").split("-")[0]  # "en-GB" reads as "en"
    tables(code)
    if found and found != code:
        return ReportLanguage(
            code, False, (f"the metadata says language {code!r} but the text reads as {found!r}; check the metadata",)
        )
    return ReportLanguage(code, False)
