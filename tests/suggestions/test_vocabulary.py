"""Matching names: whole words, the longest match, every candidate of an ambiguous name."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.suggestions.folding import fold_name
from catalog.suggestions.vocabulary import AGENCY, PERSON, PLACE, Candidate, Vocabulary, surname


def vocabulary(*rows):
    return Vocabulary().add_all(rows)


def found(vocab, text):
    return [(text[m.start : m.end], m.name, m.candidates) for m in vocab.find(text)]


def test_whole_words_only():
    vocab = vocabulary(("Amin", PERSON, 1))
    assert found(vocab, "Aminah met Amin; Amine and Amin.") == [
        ("Amin", "Amin", (Candidate(PERSON, 1),)),
        ("Amin", "Amin", (Candidate(PERSON, 1),)),
    ]


def test_the_longest_match_wins():
    vocab = vocabulary(
        ("Ministry of the Interior", AGENCY, 1),
        ("Ministry of the Interior of Iraq", AGENCY, 2),
        ("Iraq", PLACE, 3),
    )
    text = "the Ministry of the Interior of Iraq and the Ministry of the Interior"
    assert [(quote, m) for quote, m, _ in found(vocab, text)] == [
        ("Ministry of the Interior of Iraq", "Ministry of the Interior of Iraq"),
        ("Ministry of the Interior", "Ministry of the Interior"),
    ]


def test_case_diacritics_and_line_breaks_fold():
    vocab = vocabulary(("Sa'dun Shakir", PERSON, 7), ("MfS", AGENCY, 1))
    text = "SA'DŪN\n  Shākir of the mfs"
    assert [quote for quote, _, _ in found(vocab, text)] == ["SA'DŪN\n  Shākir", "mfs"]


def test_an_ambiguous_name_has_every_candidate():
    vocab = vocabulary(("Scholz", PERSON, 1), ("Scholz", PERSON, 2), ("Scholz", AGENCY, 9))
    (match,) = vocab.find("General Scholz.")
    assert match.candidates == (Candidate(AGENCY, 9), Candidate(PERSON, 1), Candidate(PERSON, 2))


@pytest.mark.parametrize(
    "sort_name, preferred, expected",
    [
        ("Mielke, Erich", "Erich Mielke", "Mielke"),
        ("Amash, Sali Mahdy al-", "Sali Mahdy al-Amash", "Amash"),
        ("", "Erich Mielke", ""),
        ("Honecker", "Honecker", ""),
    ],
)
def test_surnames_come_from_the_sort_name(sort_name, preferred, expected):
    assert surname(sort_name, preferred) == expected


NAMES = ["Saadoun Shaker", "Sa'dun Shakir", "MfS", "Ministry of the Interior", "Mielke"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.sampled_from([" ", "  ", "\n", "\n\n ", "\t", ", ", " — ", " é "]),
        ),
        max_size=12,
    ),
    st.sampled_from(["", "ß ", "Straße ", "é "]),
)
def test_every_match_reads_back_as_its_name_wherever_it_stands(parts, lead):
    vocab = vocabulary(*((name, PERSON, n) for n, name in enumerate(NAMES)))
    text = lead + "".join(
        (name.replace(" ", "\n ") if i % 3 == 0 else name.upper()) + gap
        for i, (name, gap) in enumerate(parts)
    )
    matches = vocab.find(text)
    assert len(matches) == len(parts)
    for match in matches:
        assert fold_name(text[match.start : match.end]) == match.folded
