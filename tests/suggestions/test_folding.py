"""Folding: case and diacritics, with offsets that lead back to the original text."""

from hypothesis import given
from hypothesis import strategies as st

from catalog.suggestions.folding import Folded, fold_name


def test_case_and_diacritics_fold_and_spans_map_back():
    text = "Treffen mit Saʿdūn ŠĀKIR in Straße"
    folded = Folded.of(text)
    assert "sa'dun shakir" not in folded.text  # ʿ is a letter modifier, not an apostrophe
    start = folded.text.index("šakir".replace("š", "s"))
    assert text[slice(*folded.span(start, start + 5))] == "ŠĀKIR"
    strasse = folded.text.index("strasse")
    assert text[slice(*folded.span(strasse, strasse + 7))] == "Straße"


def test_a_combining_accent_stays_with_its_letter():
    text = "Jose\u0301 Marti\u0301 spoke"
    folded = Folded.of(text)
    assert folded.text.startswith("jose marti spoke")
    assert text[slice(*folded.span(0, 4))] == "Jose\u0301"


def test_names_fold_their_whitespace():
    assert fold_name("  Izzat  Ibrahim\nal-Dūrī ") == "izzat ibrahim al-duri"


@given(st.text(max_size=60))
def test_every_folded_span_reads_back_as_the_fold_of_its_original(text):
    folded = Folded.of(text)
    bounds = folded.boundaries()
    for i, start in enumerate(bounds[:-1]):
        for end in bounds[i + 1 : i + 4]:
            original_start, original_end = folded.span(start, end)
            assert 0 <= original_start < original_end <= len(text)
            assert Folded.of(text[original_start:original_end]).text == folded.text[start:end]
