"""Forgiving search: words match whatever their accents, case, apostrophes or ligatures.

"refugies" finds "réfugiés", "L'ETAT" finds "l’État", "coeur" finds "cœur". The catalogue searches
through these functions; the claims explorer (page and /api/claims.csv) folds its query's words here and the
claims' texts by the same rules in SQL (`dashboard/store_sql.py` `fold_sql`, built from the tables below).
"""

import unicodedata

from contract.records import CatalogEntry
from dashboard.memo import Memo

# Letters that Unicode does not decompose into a base letter and a mark; French writes the first two.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
# Typographic apostrophes, quotes and dashes read as their plain forms (the report writes ’ and ‑).
PUNCTUATION = str.maketrans(
    {
        "’": "'",
        "ʼ": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "\u2011": "-",
        "\u2010": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


# The catalogue's texts would be folded again at every keystroke: kept (they do not depend on the data version).
_folded = Memo("dashboard.search.folded", max_entries=8192)


def folded(text: str) -> str:
    """`text` lower-cased, its accents, ligatures and typographic punctuation made plain."""
    return _folded.get_or_make(text, lambda: _fold(text))


def _fold(text: str) -> str:
    lowered = (text or "").casefold().translate(LIGATURES).translate(PUNCTUATION)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_words(query: str) -> list[str]:
    """The folded words of a search query ('' and spaces give none)."""
    return folded(query or "").split()


def matches(text: str, query: str) -> bool:
    """Whether every word of the query is in the text, accents and case aside."""
    haystack = folded(text)
    return all(word in haystack for word in query_words(query))


def entry_text(entry: CatalogEntry) -> str:
    """What the catalogue search reads of an indicator: id, topic, titles and descriptions in both languages."""
    return " ".join(
        [
            entry.indicator_id,
            entry.topic,
            entry.topic_title_fr,
            entry.topic_title_en,
            entry.title_fr,
            entry.title_en,
            entry.description_fr,
            entry.description_en,
        ]
    )


def entry_matches(entry: CatalogEntry, query: str) -> bool:
    """Whether an indicator of the catalogue matches every word of the query."""
    return matches(entry_text(entry), query)
