"""Every number written in a paragraph, as a claim: value, unit, kind, qualifier, period, subject.

The grammar is shared by every language; its words come from the language's tables in `etl/lang/`,
compiled once per language. The reader's jobs, one module each:

- `reader`: a paragraph read sentence by sentence (`extract_claims`), each handing the next what it dates;
- `kinds`: what a number is (a reference, a date, a year, an ordinal, a provision of a law);
- `references`: the references told by where they stand (an item, a footnote marker, a page number);
- `plans`: the figures planned for the future, kept apart from those achieved;
- `quantities`: a number in its context (scale word, unit, currency, qualifier);
- `dating`: the period of a claim;
- `subjects`, `predicates`, `lists`, `phrases`: the noun phrase a number counts, and what is said of it;
- `grammar`: the patterns compiled from a language's tables; `brackets`: where brackets open and close;
- `model`: the Claim record and the reader's limits.
"""

from etl.claims.model import MAX_CLAIMS_PER_PARAGRAPH, SENTENCE_MAX, Claim, ClaimLimitError
from etl.claims.reader import extract_claims

__all__ = ["MAX_CLAIMS_PER_PARAGRAPH", "SENTENCE_MAX", "Claim", "ClaimLimitError", "extract_claims"]
