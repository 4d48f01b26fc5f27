"""Statistics of real UPR reports, read by hand: the precision and recall of the claim reader on them.

Two documents of tests/data/ were read page by page, and every number written in their body is below with
what the reader should make of it: a statistic and its value, or not a statistic (a date, a year, a
reference, an ordinal, an age, a limit set by a rule, an item's number, a page number). Each is found by
the words around it as printed, the number in brackets ("only [444] persons had been placed").
- luxembourg2013.pdf (A/HRC/23/10), from its introduction to the end of the interactive dialogue
  (par. 1-115), its running feet included;
- ecuador2008.pdf (A/HRC/8/20), the whole body (par. 1-62, the recommendations 1-10 of par. 60
  included) and its running heads ("Page 3" … "Page 12"), read from pypdfium2's text of each page.

A statistic is a quantity stated of something counted, measured or spent, achieved or targeted;
not a statistic: what names or dates something, and the terms of a rule ("could not be kept … for
more than 72 hours", "subject to a 5 per cent quota", "for 4 months or more" bounding who is counted),
and how long ago or for how long something was or runs ("adopted three years ago", "a 10-year plan").
"""

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from contract.records import Claim
from etl.build import ReportRecords, build_report
from etl.claims.model import is_statistic
from etl.sources import report_text

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Gold:
    words: str  # the words around the number as printed, the number in brackets
    value: float | None  # the statistic's value; None: not a statistic


LUXEMBOURG_2013 = [
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


ECUADOR_2008 = [
    # page 3, par. 1-7: the session, the documents of the review, the presentation
    Gold("Human Rights Council decision [5/1] of 18 June 2006", None),
    Gold("decision 5/1 of [18 June 2006]", None),
    Gold("held its [first] session", None),
    Gold("session from [7] to 18 April 2008", None),
    Gold("from 7 to [18 April 2008]", None),
    Gold("held at the [second] meeting", None),
    Gold("meeting held on [7 April 2008]. The delegation", None),
    Gold("At its [sixth] meeting", None),
    Gold("meeting held on [9 April 2008]", None),
    Gold("On [28 February 2008], the Human Rights Council", None),
    Gold("In accordance with paragraph [15] of the annex", None),
    Gold("annex to resolution [5/1], the following", None),
    Gold("in accordance with paragraph [15] (a)", None),
    Gold("(A/HRC/WG.6/1/ECU/[1]);", None),
    Gold("in accordance with paragraph [15] (b)", None),
    Gold("(A/HRC/WG.6/1/ECU/[2]);", None),
    Gold("in accordance with paragraph [15] (c)", None),
    Gold("(A/HRC/WG.6/1/ECU/[3]).", None),
    Gold("At the [2nd] meeting", None),
    Gold("on [7 April 2008], the Minister", None),
    Gold("most recently, on [3 April 2008]", None),
    Gold("and in [2002], extended an open invitation", None),
    Gold("In the last [six] years", None),  # since when, not how much
    Gold("Ecuador has received [five] visits", 5),
    Gold("Criminal Court and in [2006], set up", None),
    Gold("Since [2007], a human rights manual", None),
    # page 4, par. 8-10
    Gold("Page [4]", None),
    Gold("on the penitentiary system, in [2008], the", None),
    Gold("investing US$[90] million", 90_000_000),
    Gold("national budget by [38] per cent", 38),
    Gold("Development Plan for Migrants [2007]-2010", None),
    Gold("Plan for Migrants 2007-[2010] also", None),
    # page 5-6, par. 11-23
    Gold("Page [5]", None),
    Gold("statements were made by [33] delegations", 33),
    Gold("with regard to the following [four] issues", 4),
    Gold("adopted [three] years ago", None),  # when, not how much
    Gold("Currently there are [31] Family Commissions", 31),
    Gold("already present in [17] provinces", 17),
    Gold("Page [6]", None),
    Gold("moved to finance [20] new criminal courts", 20),
    Gold("experience of the [2004] crisis", None),
    Gold("removing [three] barriers", 3),
    Gold("complying with the Mexico [2004] Plan of Action", None),
    # page 7-8, par. 24-34
    Gold("Page [7]", None),
    Gold("cases denounced between [1984] and 1988", None),
    Gold("between 1984 and [1988], including", None),
    Gold("dealing with the [two] major centres", 2),
    Gold("the lack of [10,000] places", 10_000),
    Gold("plan to set up [seven] new centres", 7),
    Gold("Page [8]", None),
    Gold("ILO Convention No. [169] concerning", None),
    Gold("established, in [February 2007], the Secretariat", None),
    # page 9-10, par. 35-54
    Gold("Page [9]", None),
    Gold("Committee against Torture in [2006] and 2007. Italy", None),
    Gold("Committee against Torture in 2006 and [2007]. Italy", None),
    Gold("prison conditions are [one] of its main concerns", None),  # a pronoun
    Gold("Page [10]", None),
    Gold("national justice is the [first] guarantor", None),
    Gold("Ecuador noted that [two] policies", 2),
    Gold("In [2005] a 10-year education plan", None),
    Gold("In 2005 a [10]-year education plan", None),  # how long the plan runs
    Gold("progress in budget allocation to [38] per cent", 38),
    Gold("aims to cover [1.3] million children", 1_300_000),
    Gold("[Fifteen thousand] new jobs", 15_000),
    Gold("the main [one] of which being", None),
    Gold("comprehensive care in [64] geriatric units", 64),
    Gold("created the [first] research institute", None),
    Gold("indicated that in [2007] a National", None),
    # page 11-12, par. 54-62: the recommendations' numbers are their keys
    Gold("Page [11]", None),
    Gold("with a gender focus. [One] of the specific projects", None),
    Gold("annual budget of US$ [5] million", 5_000_000),
    Gold("a coordinating body in [2002]", None),
    Gold("[1]. Provide information in the future", None),
    Gold("[2]. Continue human rights training", None),
    Gold("[3]. Apply and provide follow-up", None),
    Gold("Page [12]", None),
    Gold("[4]. Take appropriate measures to further improve", None),
    Gold("Committee against Torture in [2006] and 2007 (Italy)", None),
    Gold("Committee against Torture in 2006 and [2007] (Italy)", None),
    Gold("[5]. Establish a time frame", None),
    Gold("[6]. Include a gender-perspective", None),
    Gold("[7]. Implement measures to combat discrimination", None),
    Gold("[8]. Adopt appropriate measures to eradicate", None),
    Gold("[9]. Continue the reform of the judicial system", None),
    Gold("[10]. Take further steps in combating trafficking", None),
    Gold("plenary of the Council in [June 2008], Ecuador", None),
]
DOCUMENTS = {"luxembourg2013": LUXEMBOURG_2013, "ecuador2008": ECUADOR_2008}


def _pattern(words: str) -> re.Pattern[str]:
    """The words as printed, any run of spaces and line ends between them, the bracketed number a group."""
    before, rest = words.split("[", 1)
    number, after = rest.split("]", 1)

    def spaced(part: str) -> str:
        return r"\s+".join(re.escape(w) for w in part.split(" ")) if part.strip() else ""

    lead = spaced(before.rstrip()) + (r"\s+" if before.endswith(" ") else "")
    tail = (r"\s+" if after.startswith(" ") else "") + spaced(after.lstrip())
    return re.compile(rf"(?<![\w.]){lead}(?P<number>{spaced(number)}){tail}(?![\d])")


def _off_the_body(gold: Gold) -> bool:
    """A running head or foot ("Page 4", "GE.13-12572 5") or a footnote ("1 See …"): it leaves the body's text."""
    return gold.words.startswith(("Page [", "[1] See")) or "GE.13-12572" in gold.words


@dataclass(frozen=True)
class Reading:
    records: ReportRecords
    claims: dict[Gold, Claim | None]  # each gold number -> the claim read where it stands, or None
    placed: dict[Gold, bool]  # whether the gold's words are in a paragraph's text


@cache
def reading(name: str) -> Reading:
    """The document built as the ETL builds it, and each gold number looked up in its paragraphs: the claim read
    where it stands (None when the reader reads none there, or the words are not in the text as segmented)."""
    records = build_report(report_text((DATA / f"{name}.pdf").read_bytes(), ".pdf").text, name, "en")
    claims: dict[Gold, Claim | None] = {}
    placed: dict[Gold, bool] = {}
    for gold in DOCUMENTS[name]:
        claims[gold], placed[gold] = None, False
        for paragraph in records.paragraphs:
            if m := _pattern(gold.words).search(paragraph.text):
                at = m.start("number")
                claims[gold] = next(
                    (c for c in records.claims if c.paragraph == paragraph.paragraph and c.start <= at < c.end), None
                )
                placed[gold] = True
                break
    return Reading(records, claims, placed)


@dataclass(frozen=True)
class Measure:
    recall: float  # statistics of the gold read as statistics, with their value
    precision: float  # numbers read as statistics that are statistics
    false_share: float  # non-statistics of the gold read as statistics
    missed: list[str]
    wrong: list[str]


def measure(name: str) -> Measure:
    gold, read = DOCUMENTS[name], reading(name).claims
    statistics = [g for g in gold if g.value is not None]
    others = [g for g in gold if g.value is None]
    said = [g for g in gold if read[g] is not None and is_statistic(read[g])]
    right = [g for g in said if g.value is not None and math.isclose(read[g].value, g.value)]
    wrong = [g for g in said if g.value is None]
    return Measure(
        recall=len(right) / len(statistics),
        precision=len([g for g in said if g.value is not None]) / len(said),
        false_share=len(wrong) / len(others),
        missed=[g.words for g in statistics if g not in right],
        wrong=[g.words for g in wrong],
    )


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_gold_is_a_sample_of_numbers_of_both_kinds(name):
    gold = DOCUMENTS[name]
    assert len(gold) >= 60 and len({g.words for g in gold}) == len(gold)
    assert sum(g.value is not None for g in gold) >= 15 and sum(g.value is None for g in gold) >= 40


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_number_of_the_gold_is_found_where_it_is_printed(name):
    # a number of the page furniture or a footnote leaves the body; any other, statistic or not, stays in it
    placed = reading(name).placed
    assert [g.words for g in DOCUMENTS[name] if placed[g] == _off_the_body(g)] == []


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_statistics_of_a_real_upr_report_read_with_precision_and_recall(name):
    found = measure(name)
    assert found.recall >= 0.97, found.missed
    assert found.precision >= 0.95, found.wrong
    assert found.false_share <= 0.02, found.wrong


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_no_paragraph_carries_page_furniture(name):
    records = reading(name).records
    symbol = {"luxembourg2013": "A/HRC/23/10", "ecuador2008": "A/HRC/8/20"}[name]
    for paragraph in records.paragraphs:
        assert symbol not in paragraph.text and not re.search(
            r"\bPage \d|GE\.\d\d-\d|^-{3,}$", paragraph.text, re.MULTILINE
        )


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_no_paragraph_key_or_anchor_is_given_twice(name):
    import app  # noqa: F401  (the pages register with the app before they are imported)
    from pages.report import item_anchor

    records = reading(name).records
    keys = [p.paragraph for p in records.paragraphs]
    anchors = [f"p{n}" for n in keys] + [item_anchor(i.paragraph, i.item) for i in records.items]
    assert len(set(keys)) == len(keys) and len(set(anchors)) == len(anchors)
    assert len({c.claim_id for c in records.claims}) == len(records.claims)
