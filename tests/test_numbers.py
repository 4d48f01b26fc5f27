"""Number reading: one case per quirk of the report's French, and every Unicode way of writing a number."""

import pytest
from hypothesis import given, strategies as st
from num2words import num2words

from etl.numbers import parse_french_number, parse_french_range, parse_number

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    "span,expected",
    [
        (f"678{NBSP}400", 678_400),
        (f"3{NNBSP}484{NNBSP}139", 3_484_139),
        ("1 029", 1_029),  # plain-space grouping, as some exports print it
        ("71,2 %", 71.2),
        (f"0,07{NBSP}%", 0.07),
        ("+193 %", 193),
        ("20,3 millions", 20_300_000),
        ("1,6 million", 1_600_000),
        ("30 milliards", 30_000_000_000),
        ("5,5 millions", 5_500_000),
        ("Quatre-vingt-huit", 88),
        ("Trente-huit", 38),
        ("six", 6),
        ("quatre", 4),
        ("Quarante", 40),
        ("Quatre-vingt-quinze", 95),
        ("Quatre-vingt-dix pour cent", 90),
        ("vingt et un", 21),
        ("un million", 1_000_000),
        # approximate nouns and fractions
        ("une centaine", 100),
        ("un millier", 1_000),
        ("plus d’un millier", 1_000),
        ("la moitié", 0.5),
        ("les deux tiers", 2 / 3),
        # qualifiers are read past, not into the value
        ("environ 20,3 millions", 20_300_000),
        ("quelque 7 000", 7_000),
        # ordinal words read as their cardinal
        ("quatorzième", 14),
        # French numbers this report does not use but others do
        ("-3,2 %", -3.2),
        ("\u22123,2 %", -3.2),  # the minus sign
        ("10 mille", 10_000),
        ("une douzaine", 12),
        ("deux douzaines", 24),
        ("une demi-douzaine", 6),
        ("un billion", 10**12),  # 10^12 in French, not 10^9
        ("3 billions", 3 * 10**12),
        ("deux virgule cinq", 2.5),
        ("trois virgule vingt-cinq", 3.25),
        ("mille", 1_000),
    ],
)
def test_parse_french_number(span, expected):
    assert parse_french_number(span) == pytest.approx(expected)


@pytest.mark.parametrize(
    "span,expected",
    [
        ("2 à 4 %", (2, 4)),
        ("trois à sept ans", (3, 7)),
        ("de 2 à 6 ans", (2, 6)),
    ],
)
def test_parse_french_range(span, expected):
    assert parse_french_range(span) == expected


@pytest.mark.parametrize("span", ["cinq zéro", "abc", "", "des milliers", "2022-2024", "1" * 40])
def test_parse_french_number_refuses_what_is_not_one_number(span):
    with pytest.raises(ValueError):
        parse_french_number(span)


def _french_digits(n: int) -> str:
    return f"{n:,}".replace(",", NBSP)


@given(st.integers(min_value=0, max_value=10**12))
def test_french_grouped_integers_read_back_exactly(n):
    assert parse_french_number(_french_digits(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_french_decimals_read_back_exactly(whole, cents):
    span = f"{_french_digits(whole)},{cents:02d}"
    assert parse_french_number(span) == pytest.approx(whole + cents / 100, rel=1e-15)


# num2words spells French numbers independently of the code under test ("quatre-vingt-onze",
# "vingt et un mille"); "zéro" is left out on purpose ("tolérance zéro" is no count).
@given(st.integers(min_value=1, max_value=1_000_000))
def test_french_number_words_read_back_exactly(n):
    assert parse_french_number(num2words(n, lang="fr")) == n


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([("million", 10**6), ("milliard", 10**9)]),
)
def test_french_scale_words_read_back_exactly(whole, tenth, scale):
    word, factor = scale
    plural = "s" if whole > 1 or tenth else ""
    span = (
        f"{_french_digits(whole)},{tenth}\u00a0{word}{plural}"
        if tenth
        else f"{_french_digits(whole)}\u00a0{word}{plural}"
    )
    assert parse_french_number(span) == pytest.approx((whole + tenth / 10) * factor, rel=1e-12)


@pytest.mark.parametrize(
    "sentence,value,kind",
    [
        ("la croissance a été de -3,2 % en 2024", -3.2, "percent"),
        ("une baisse de \u22123,2 % a été constatée", -3.2, "percent"),
        ("10 mille personnes ont été recensées", 10_000, "count"),
        ("une demi-douzaine de projets", 6, "count"),
        ("deux douzaines de réunions", 24, "count"),
        ("un budget de 2 billions de tenge", 2 * 10**12, "money"),
    ],
)
def test_new_french_numbers_in_sentences(sentence, value, kind):
    from etl.claims import extract_claims

    (claim,) = [c for c in extract_claims(sentence) if c.kind in ("count", "percent", "money", "measure")]
    assert (claim.value, claim.kind) == (value, kind)


# Every way a document writes "1 655": after the language's own group mark, after one of the spaces
# every language takes (no-break, narrow no-break, thin, figure), or with a character that shows
# nothing inside it (zero-width space, word joiner, soft hyphen, byte order mark, zero-width joiner
# and non-joiner), as word processors and PDF exports leave them.
WRITTEN_1655 = [
    ("fr", "1 655"),
    ("fr", "1\u00a0655"),
    ("fr", "1\u202f655"),
    ("fr", "1\u2009655"),
    ("fr", "1\u2007655"),
    ("en", "1,655"),
    ("en", "1\u00a0655"),
    ("en", "1\u202f655"),
    ("en", "1\u2009655"),
    ("en", "1\u2007655"),
    ("es", "1.655"),
    ("es", "1 655"),
    ("es", "1\u2009655"),
    ("es", "1\u2007655"),
    ("fr", "1\u200b655"),
    ("fr", "16\u206055"),
    ("fr", "1\u00ad655"),
    ("fr", "\ufeff1655"),
    ("en", "1,\u200d655"),
    ("en", "1\u200c,655"),
    ("es", "1.6\u200b55"),
    ("fr", "1\u2009\u200b655"),
]


@pytest.mark.parametrize("lang,span", WRITTEN_1655)
def test_every_way_of_writing_a_number_reads_as_one_value(lang, span):
    assert parse_number(span, lang) == 1655


@pytest.mark.parametrize(
    "lang,span,expected",
    [
        ("fr", "71,\u200b2\u2009%", 71.2),
        ("en", "20.3\u2009million", 20_300_000),
        ("es", "2\u2009963\u2009800,5", 2_963_800.5),
        ("fr", "plus\u00a0d\u00ad’un millier", 1_000),
    ],
)
def test_spaces_and_invisible_characters_around_units_and_decimals(lang, span, expected):
    assert parse_number(span, lang) == pytest.approx(expected)


def test_a_plain_space_groups_digits_only_where_the_language_writes_it():
    with pytest.raises(ValueError):
        parse_number("1 655", "en")  # "in 2022 1 655 …": two numbers in English
