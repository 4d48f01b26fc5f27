"""Property tests: the segmenter and the claim extractor never raise, spans match offsets, quotes
are verbatim, and numbers written in each language's format read back exactly."""

import itertools

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings, strategies as st
from num2words import num2words

from etl.claims import extract_claims
from etl.indicators import quote_for
from etl.numbers import parse_number
from etl.segment import SegmentationError, segment
from etl.sentences import split_sentences

# Characters the report is made of, so random text hits the parsers' cases.
ALPHABET = st.sampled_from(
    [
        *list("0123456789 ,.;:()%-/\t\n\xa0\u202f\u2009\u2007\u200b\u00ad\ufeff‑’aàdeélmnoprstuxAIVXCL"),
        " plus de ",
        " environ ",
        " millions ",
        " en 2022",
        " art. ",
        " no ",
        "Quatre-vingt-huit",
        " à ",
        " premiers mois de ",
        " janvier ",
        "CERD/C/KAZ/CO/8-10",
        " 2022/23",
        " dont ",
        "1er ",
        " pour cent",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_extract_claims_never_raises_and_spans_match(text):
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(ALPHABET, st.sampled_from(["\n12.\t", "\n\tA.\t", "\n3.", "\n\t\ta)\n"])), max_size=60).map(
        "".join
    )
)
def test_segment_never_raises_but_refuses_cleanly(text):
    try:
        paragraphs = segment(text)
    except SegmentationError:
        return
    for p in paragraphs:
        assert text[p.char_start : p.char_end] == p.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["(", ")", ", ", " ; ", "x" * 120])), max_size=120).map("".join))
def test_every_quote_is_a_verbatim_piece_holding_its_number(text):
    for claim in extract_claims(text):
        quote = quote_for(text, claim)
        assert quote in text and claim.text in quote


# Numbers in each language's own format read back exactly. num2words spells the words
# independently of the code under test ("one thousand, five hundred"; "dos millones novecientos
# sesenta y tres mil ochocientos"); babel's format_decimal writes the digits.
LANGUAGES = ["en", "es", "fr"]
# A language's own group marks: Spanish digits are written with a point ("2.963.800", babel's es) or
# with plain spaces as the UN prints them; a plain space groups no digits in English.
OWN_GROUP_MARKS = {"en": [","], "es": [".", " "], "fr": [" "]}
# The spaces every language groups digits with: no-break, narrow no-break, thin, figure.
GROUP_SPACES = ["\u00a0", "\u202f", "\u2009", "\u2007"]
GROUPINGS = {lang: marks + GROUP_SPACES for lang, marks in OWN_GROUP_MARKS.items()}
# Characters that show nothing, left inside numbers by word processors and PDF exports: zero-width
# space, word joiner, soft hyphen, byte order mark, zero-width joiner and non-joiner.
INVISIBLES = ["\u200b", "\u2060", "\u00ad", "\ufeff", "\u200d", "\u200c"]
DECIMAL_MARKS = {"en": ".", "es": ",", "fr": ","}
IN_A_SENTENCE = {
    "en": "The register lists {} persons.",
    "es": "El registro cuenta {} personas.",
    "fr": "Le registre compte {} personnes.",
}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LANGUAGES), st.integers(min_value=1, max_value=1_000_000))
def test_number_words_read_back_in_every_language(lang, n):
    assert parse_number(num2words(n, lang=lang), lang) == n


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LANGUAGES), st.integers(min_value=0, max_value=10**12), st.data())
def test_grouped_digits_read_back_in_every_language(lang, n, data):
    written = format_decimal(n, locale=lang, group_separator=True)
    group = data.draw(st.sampled_from(GROUPINGS[lang]))
    written = "".join(group if not ch.isdigit() else ch for ch in written)
    assert parse_number(written, lang) == n


@st.composite
def written_numbers(draw):
    """(language, a number as written, its value): grouped by any of the language's marks, maybe with
    decimals, with characters that show nothing anywhere inside it."""
    lang = draw(st.sampled_from(LANGUAGES))
    whole = draw(st.integers(min_value=0, max_value=10**12))
    cents = draw(st.none() | st.integers(min_value=0, max_value=99))
    written = f"{whole:,}".replace(",", draw(st.sampled_from(GROUPINGS[lang])))
    if cents is not None:
        written += f"{DECIMAL_MARKS[lang]}{cents:02d}"
    chars = list(written)
    if len(chars) > 1:
        inside = st.tuples(st.integers(min_value=1, max_value=len(chars) - 1), st.sampled_from(INVISIBLES))
        for at, invisible in sorted(draw(st.lists(inside, max_size=4)), reverse=True):
            chars.insert(at, invisible)
    return lang, "".join(chars), whole + (cents or 0) / 100


@settings(max_examples=300, deadline=None)
@given(written_numbers())
def test_every_way_of_writing_a_number_is_one_claim_with_its_span_as_written(case):
    lang, written, value = case
    text = IN_A_SENTENCE[lang].format(written)
    (claim,) = extract_claims(text, lang)
    assert claim.value == pytest.approx(value, rel=1e-15)
    assert claim.text == written
    assert text[claim.start : claim.end] == claim.text


PARAGRAPHS = {
    "en": "In 2024, the register listed {} persons; {} more were added after the review.",
    "es": "En 2024, el registro contaba {} personas; {} más se añadieron tras el examen.",
    "fr": "En 2024, le registre comptait {} personnes ; {} autres ont été ajoutées après l'examen.",
}


@st.composite
def paragraphs_with_invisibles(draw):
    """(language, a paragraph of two counts written in any way, its values): the counts are written
    with any of the language's group marks, and characters that show nothing are put anywhere in the
    paragraph, inside a number or not."""
    lang = draw(st.sampled_from(LANGUAGES))
    values = [draw(st.integers(min_value=1_000, max_value=10**9)) for _ in range(2)]
    numbers = [f"{v:,}".replace(",", draw(st.sampled_from(GROUPINGS[lang]))) for v in values]
    chars = list(PARAGRAPHS[lang].format(*numbers))
    inside = st.tuples(st.integers(min_value=1, max_value=len(chars) - 1), st.sampled_from(INVISIBLES))
    for at, invisible in sorted(draw(st.lists(inside, max_size=8)), reverse=True):
        chars.insert(at, invisible)
    return lang, "".join(chars), values


@settings(max_examples=300, deadline=None)
@given(paragraphs_with_invisibles())
def test_counts_read_back_whatever_is_invisible_in_the_paragraph_and_offsets_index_it(case):
    lang, text, values = case
    counts = [c for c in extract_claims(text, lang) if c.kind == "count"]
    assert [c.value for c in counts] == values
    for claim in counts:
        assert text[claim.start : claim.end] == claim.text
        assert claim.text[0].isdigit() and claim.text[-1].isdigit()  # the span holds the number, as written


@settings(max_examples=300, deadline=None)
@given(written_numbers())
def test_every_way_of_writing_a_number_reads_back(case):
    lang, written, value = case
    assert parse_number(written, lang) == pytest.approx(value, rel=1e-15)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LANGUAGES), st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimals_read_back_in_every_language(lang, whole, cents):
    written = format_decimal(whole + cents / 100, format="#,##0.00", locale=lang)
    assert parse_number(written, lang) == pytest.approx(whole + cents / 100, rel=1e-15)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LANGUAGES), st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9))
def test_percentages_and_scales_read_back_in_every_language(lang, whole, tenth):
    percent = {"en": "per cent", "es": "por ciento", "fr": "pour cent"}[lang]
    million = {"en": "million", "es": "millones", "fr": "millions"}[lang]
    decimal = format_decimal(whole + tenth / 10, locale=lang)
    assert parse_number(f"{decimal} {percent}", lang) == pytest.approx(whole + tenth / 10)
    assert parse_number(f"{decimal} {million}", lang) == pytest.approx((whole + tenth / 10) * 1e6, rel=1e-12)


WORDS = {
    "en": [
        " more than ",
        " per cent ",
        " million ",
        " in 2022",
        " article ",
        " No. ",
        " the first six months of ",
        " July ",
        " from 2022 to 2024",
        " of whom ",
        "Eighty-eight",
        " (a) ",
        " half ",
        " 2,963,800 ",
    ],
    "es": [
        " más de ",
        " por ciento ",
        " millones ",
        " en 2022",
        " artículo ",
        " núm. ",
        " los seis primeros meses de ",
        " julio ",
        " de 2022 a 2024",
        " de los cuales ",
        "Ochenta y ocho",
        " a) ",
        " la mitad ",
        " 2.963.800 ",
    ],
}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["en", "es"]), st.data())
def test_extract_claims_never_raises_in_english_and_spanish(lang, data):
    text = "".join(data.draw(st.lists(st.one_of(ALPHABET, st.sampled_from(WORDS[lang])), max_size=80)))
    for claim in extract_claims(text, lang):
        assert text[claim.start : claim.end] == claim.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["Le", "rapport", "art.", "L.N.", "Code.", "e.g.", "No.", "17", "x" * 40]), max_size=400)
)
def test_sentences_cover_the_text_in_order(words):
    text = " ".join(words)
    spans = split_sentences(text, "en")
    assert all(a < b <= c for (a, b), (c, _) in itertools.pairwise(spans))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
