"""Property tests: the segmenter and the claim extractor never raise, spans match offsets, quotes are verbatim."""
from dataclasses import asdict

from hypothesis import given, settings, strategies as st

from etl.claims import extract_claims
from etl.indicators import quote_for
from etl.segment import SegmentationError, segment

# Characters the report is made of, so random text hits the parsers' cases.
ALPHABET = st.sampled_from(list("0123456789 ,.;:()%-/\t\n\u00a0\u202f\u2011’aàdeélmnoprstuxAIVXCL") + [
    " plus de ", " environ ", " millions ", " en 2022", " art. ", " no ", "Quatre-vingt-huit", " à ",
    " premiers mois de ", " janvier ", "CERD/C/KAZ/CO/8-10", " 2022/23", " dont ", "1er ", " pour cent",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_extract_claims_never_raises_and_spans_match(text):
    for claim in extract_claims(text):
        assert text[claim.start:claim.end] == claim.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["\n12.\t", "\n\tA.\t", "\n3.", "\n\t\ta)\n"])), max_size=60).map("".join))
def test_segment_never_raises_but_refuses_cleanly(text):
    try:
        paragraphs = segment(text)
    except SegmentationError:
        return
    for p in paragraphs:
        assert text[p.char_start:p.char_end] == p.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["(", ")", ", ", " ; ", "x" * 120])), max_size=120).map("".join))
def test_every_quote_is_a_verbatim_piece_holding_its_number(text):
    for claim in extract_claims(text):
        quote = quote_for(text, asdict(claim))
        assert quote in text and claim.text in quote
