"""Statistics of a real UPR report, read by hand: the precision and recall of the claim reader on them.

tests/data/luxembourg2013.pdf (A/HRC/23/10) was read page by page, from its introduction to the end
of the interactive dialogue (par. 1-115); every number written there, and its running feet, is below
with what the reader should make of it: a statistic and its value, or not a statistic (a date, a year,
a reference, an ordinal, an age, a limit set by a rule, a page number). Each is found by the words
around it as printed, the number in brackets ("only [444] persons had been placed").

A statistic is a quantity stated of something counted, measured or spent, achieved or targeted;
not a statistic: what names or dates something, and the terms of a rule ("could not be kept … for
more than 72 hours", "subject to a 5 per cent quota", "for 4 months or more" bounding who is counted).
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl.build import build_report
from etl.claims.model import is_statistic
from etl.sources import report_text

PDF = Path(__file__).parent / "data" / "luxembourg2013.pdf"


@dataclass(frozen=True)
class Gold:
    words: str  # the words around the number as printed, the number in brackets
    value: float | None  # the statistic's value; None: not a statistic


GOLD = [
    # par. 1-3: the session, its dates, the documents of the review
    Gold("resolution [5/1] of 18 June 2007", None),
    Gold("resolution 5/1 of [18 June 2007]", None),
    Gold("held its [fifteenth] session", None),
    Gold("session from [21 January] to", None),
    Gold("to [1 February 2013]", None),
    Gold("at the [8th] meeting", None),
    Gold("on [24 January]. The delegation", None),
    Gold("At its [13th] meeting", None),
    Gold("held on [29 January 2013]", None),
    Gold("On [14 January 2013], the Human Rights Council", None),
    Gold("In accordance with paragraph [15] of the annex", None),
    Gold("annex to resolution [5/1] and paragraph", None),
    Gold("and paragraph [5] of the annex", None),
    Gold("annex to resolution [16/21]", None),
    Gold("in accordance with paragraph [15] (a)", None),
    Gold("in accordance with paragraph [15] (b)", None),
    Gold("in accordance with paragraph [15] (c)", None),
    # par. 5-15
    Gold("during the first cycle.[1]", None),  # a footnote marker
    Gold("strengthening of the [three] main pillars", 3),
    Gold("Security Council since [1 January 2013]", None),
    Gold("over the next [two] years", None),  # the term of a seat, a period
    Gold("[1] See A/HRC/10/72", None),  # the footnote
    Gold("[4] GE.13-12572", None),  # a page number
    Gold("in [May 2012] Luxembourg", None),
    Gold("organized [two] consultation meetings", 2),
    Gold("on the [second] cycle", None),
    Gold("while the [second] had addressed", None),
    Gold("recommendations issued in [2008]", None),
    Gold("professionals at [two] NGOs", 2),
    Gold("the age requirement of [25]", None),
    Gold("persons under the age of [25]", None),
    Gold("Racial Discrimination in [December 2012]", None),
    Gold("the other [three] outstanding", 3),
    Gold("GE.13-12572 [5]", None),
    # par. 16-33
    Gold("persons from [third] countries", None),
    Gold("With regard to the [third] Optional Protocol", None),
    Gold("could start in [2013]", None),
    Gold("in late [2013]", None),
    Gold("or early [2014]", None),
    Gold("ratified the [1951] Convention", None),
    Gold("established in article [33]", None),
    Gold("European Union, [a third] country", None),
    Gold("published on [4 October 2012]", None),
    Gold("operational in [September 2011]", None),
    Gold("only [444] persons had been placed", 444),
    Gold("whereas [2,078] persons", 2078),
    Gold("countries of origin in [2011] and 2012", None),
    Gold("in 2011 and [2012]", None),
    Gold("On average, the [444] persons", 444),
    Gold("detained for [28] days", 28),
    Gold("at the centre for more than [72] hours", None),  # what the law allows
    Gold("Only [17] persons", 17),
    Gold("[3.9] per cent", 3.9),
    Gold("at the centre for [4] months or more", None),  # the bound of whom is counted
    Gold("alternative to detention in [2011]", None),
    Gold("[6] GE.13-12572", None),
    Gold("by becoming the [fourth] State", None),
    Gold("Some [44] per cent", 44),
    Gold("population of approximately [525,000]", 525_000),
    Gold("and some [160,000] frontier workers", 160_000),
    Gold("Nationals of more than [170] countries", 170),
    Gold("dual nationality in [2008]", None),
    Gold("by allocating [1] per cent of its gross national income", 1),
    Gold("During the interactive dialogue, [61] delegations", 61),
    Gold("resided in Luxembourg for at least [five] years", None),  # a condition of the right
    Gold("GE.13-12572 [7]", None),
    # par. 62-115
    Gold("[10] GE.13-12572", None),
    Gold("referred to the [three] relevant acts", 3),
    Gold("acts adopted in [2009] and 2012", None),
    Gold("development assistance to [0.7] or 1", 0.7),  # a target, still a figure
    Gold("to 0.7 or [1] per cent of gross domestic income", 1),
    Gold("over the past [18] months", None),  # when, not how much
    Gold("new projects in [2013]", None),
    Gold("subject to a [5] per cent quota", None),
    Gold("initiatives would be taken in [2013]", None),
    Gold("ran a [24]-hour on-call service", None),
    Gold("GE.13-12572 [11]", None),
    Gold("in line with the [1961] Convention", None),
    Gold("handed down within [nine] months", None),
    Gold("Families and [three] new laws", 3),
    Gold("reflected by its adoption of [three] new laws", 3),
    Gold("policy framework for [2009]–2014", None),
    Gold("despite the fact that nearly [half] its population", 50),
    Gold("ILO) Convention No. [189]", None),
    Gold("No. 189 ([2011]) concerning", None),
    Gold("including those older than [three] years of age", None),
    Gold("[14] GE.13-12572", None),
    Gold("Efforts since [2009] in", None),
    Gold("ranging from [5] to 7", None),
    Gold("from 5 to [7] years’ imprisonment", None),
    Gold("for periods of less than [72] hours", None),
    Gold("they faced up to [2] years’ imprisonment", None),
    Gold("GE.13-12572 [15]", None),
]


def _pattern(words: str) -> re.Pattern[str]:
    """The words as printed, any run of spaces and line ends between them, the bracketed number a group."""
    before, rest = words.split("[", 1)
    number, after = rest.split("]", 1)

    def spaced(part: str) -> str:
        return r"\s+".join(re.escape(w) for w in part.split(" ")) if part.strip() else ""

    lead = spaced(before.rstrip()) + (r"\s+" if before.endswith(" ") else "")
    tail = (r"\s+" if after.startswith(" ") else "") + spaced(after.lstrip())
    return re.compile(rf"(?<![\w.]){lead}(?P<number>{spaced(number)}){tail}(?![\d])")


@pytest.fixture(scope="module")
def read():
    """Each gold number -> the claim read where it stands (None when the reader reads none there, or the
    words are not in the text as segmented)."""
    records = build_report(report_text(PDF.read_bytes(), ".pdf").text, "luxembourg2013", "en")
    texts = {p.paragraph: p.text for p in records.paragraphs}
    found = {}
    for gold in GOLD:
        found[gold] = None
        for paragraph, text in texts.items():
            if m := _pattern(gold.words).search(text):
                at = m.start("number")
                found[gold] = next(
                    (c for c in records.claims if c.paragraph == paragraph and c.start <= at < c.end), None
                )
                break
    return found


def test_the_gold_is_a_sample_of_at_least_60_numbers():
    assert len(GOLD) >= 60 and len({g.words for g in GOLD}) == len(GOLD)
    assert sum(g.value is not None for g in GOLD) >= 20


def test_every_statistic_of_the_gold_is_found_in_the_text(read):
    # a number that is no statistic may leave the text (page furniture), a statistic may not
    assert [g.words for g in GOLD if g.value is not None and read[g] is None] == []


def test_statistics_of_a_real_upr_report_read_with_precision_and_recall(read):
    statistics = [g for g in GOLD if g.value is not None]
    found = [g for g in statistics if read[g] is not None and is_statistic(read[g])]
    right = [g for g in found if math.isclose(read[g].value, g.value)]
    said = [g for g in GOLD if read[g] is not None and is_statistic(read[g])]
    recall = len(right) / len(statistics)
    precision = len([g for g in said if g.value is not None]) / len(said)
    wrong = [g.words for g in said if g.value is None]
    assert recall >= 0.97, [g.words for g in statistics if g not in right]
    assert precision >= 0.95, wrong
