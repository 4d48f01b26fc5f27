"""The languages a report may be read in: one module of tables per language, one grammar for all.

`etl/numbers.py`, `etl/periods.py`, `etl/sentences.py` and `etl/claims/` hold the grammar;
each compiles its patterns from a language's tables (`tables("en")`). A language that is not
here is refused (`UnsupportedLanguageError`), never read with another language's rules.

A language's tables are written compactly, several entries to a line grouped as a reader looks them
up ("janvier": 1 … "juin": 6 on one line), and `ruff format` is turned off in those modules
(`# fmt: off`): it would put every entry on a line of its own, and a language would run to 600 lines
that no one reads through.
"""

from types import ModuleType

from etl.lang import en, es, fr

LANGUAGES: dict[str, ModuleType] = {"en": en, "es": es, "fr": fr}
SUPPORTED = tuple(sorted(LANGUAGES))


class UnsupportedLanguageError(ValueError):
    """A report in a language that has no tables here."""


def tables(code: str) -> ModuleType:
    """The tables of a supported language ('en', 'es', 'fr')."""
    try:
        return LANGUAGES[code]
    except (KeyError, TypeError):
        raise UnsupportedLanguageError(
            f"language {code!r} is not supported (supported: {', '.join(SUPPORTED)})"
        ) from None
