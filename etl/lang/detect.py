"""Which language a report is written in, when its metadata does not say: stop-word counts.

Each language's most frequent words (`STOPWORDS` in its tables) are counted over the opening
of the text; the language whose words make up a clear share of it, well ahead of the others,
is the text's. A text in any other language (Russian, Arabic, Chinese …) gives no answer, and
the build refuses it rather than read it with the wrong rules.
"""
import re
from dataclasses import dataclass

from etl.lang import LANGUAGES, SUPPORTED, UnsupportedLanguageError, tables

SAMPLE = 50_000  # characters read: a few pages tell the language, and a 50 MB text stays fast
MIN_SHARE = 0.12  # of the words: French, English and Spanish prose runs at 30-40 %
MIN_LEAD = 2.0  # the winner counts at least twice the runner-up
_WORD_RE = re.compile(r"[^\W\d_]+")


def stopword_counts(text: str) -> dict[str, int]:
    """How many words of the text's opening are stop words of each language."""
    words = [w.lower() for w in _WORD_RE.findall(text[:SAMPLE])]
    return {code: sum(w in tables.STOPWORDS for w in words) for code, tables in LANGUAGES.items()}


def detect_language(text: str) -> str | None:
    """'en', 'es' or 'fr' when that language's stop words clearly dominate the text; None otherwise."""
    words = len(_WORD_RE.findall(text[:SAMPLE]))
    counts = stopword_counts(text)
    ranked = sorted(counts, key=counts.get, reverse=True)
    best, second = counts[ranked[0]], counts[ranked[1]]
    if not words or best < MIN_SHARE * words or best < MIN_LEAD * second:
        return None
    return ranked[0]


@dataclass(frozen=True)
class ReportLanguage:
    code: str  # 'en', 'es' or 'fr'
    detected: bool  # True when the metadata gave none
    warnings: tuple[str, ...] = ()


def report_language(stated, text: str) -> ReportLanguage:
    """The language to read a report in: the metadata's `language` ("en", "en-GB"), else detected.

    Raises UnsupportedLanguageError for a language that has no tables, or a text whose language
    cannot be told: it is never read with another language's rules.
    """
    found = detect_language(text)
    if stated is None:
        if found is None:
            raise UnsupportedLanguageError(
                f"cannot tell the language of the text (supported: {', '.join(SUPPORTED)}); "
                "set \"language\" in the report's metadata")
        return ReportLanguage(found, True)
    code = str(stated).strip().lower().replace("_", "-").split("-")[0]  # "en-GB" reads as "en"
    tables(code)
    if found and found != code:
        return ReportLanguage(code, False, (f"the metadata says language {code!r} but the text reads as {found!r}; "
                                            "check the metadata",))
    return ReportLanguage(code, False)
