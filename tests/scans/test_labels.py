"""Page labels counted out of an archival reference's pages."""

from itertools import islice

from hypothesis import given
from hypothesis import strategies as st

from catalog.scans.labels import labels_of_reference, page_labels


def test_the_seed_reference_gives_three_pages():
    assert list(labels_of_reference("BStU, ZA, HA X 104, pp. 49-51")) == [
        "p. 49",
        "p. 50",
        "p. 51",
    ]


def test_folios_pages_and_lists():
    assert list(labels_of_reference("BStU, MfS, HA XX, Nr. 123, Bl. 49–51")) == [
        "Bl. 49",
        "Bl. 50",
        "Bl. 51",
    ]
    assert list(labels_of_reference("BStU, MfS, HA XX, Nr. 123, Bl. 1–2, 8, 12a")) == [
        "Bl. 1",
        "Bl. 2",
        "Bl. 8",
        "Bl. 12a",
    ]
    assert list(labels_of_reference("BStU, MfS, HA XX, Nr. 1, S. 7")) == ["S. 7"]
    assert list(labels_of_reference("RGANI, f. 5, op. 30, d. 100, l. 12")) == ["l. 12"]
    # "12ff.": 12 onwards, as many as there are pages.
    assert list(islice(labels_of_reference("BStU, MfS, HA XX, Nr. 1, Bl. 12ff."), 3)) == [
        "Bl. 12",
        "Bl. 13",
        "Bl. 14",
    ]


def test_no_pages_or_uncountable_ones_give_no_labels():
    assert list(labels_of_reference("BStU, MfS, HA XX, Nr. 1")) == []
    assert list(labels_of_reference("")) == []
    assert list(page_labels("Bl.", "12r–13v")) == []
    assert list(page_labels("Bl.", "51–49")) == []


ranges = st.lists(st.tuples(st.integers(1, 2000), st.integers(0, 30)), min_size=1, max_size=5).map(
    lambda pairs: [(low, low + length) for low, length in pairs]
)


@given(ranges, st.sampled_from(["Bl.", "S.", "pp.", "p.", "ff.", "f."]))
def test_ranges_are_counted_out_page_by_page(pairs, label):
    pages = ", ".join(f"{low}–{high}" if high != low else f"{low}" for low, high in pairs)
    expected_unit = {"pp.": "p.", "ff.": "f."}.get(label, label)
    expected = [f"{expected_unit} {n}" for low, high in pairs for n in range(low, high + 1)]
    assert list(page_labels(label, pages)) == expected


@given(st.text(max_size=80))
def test_any_reference_gives_labels_without_failing(text):
    labels = list(islice(labels_of_reference(text), 50))
    assert all(label and len(label) <= 50 for label in labels)


@given(st.integers(1, 9999), st.integers(1, 40))
def test_a_written_range_round_trips_through_the_parser(low, length):
    high = low + length
    reference = f"BStU, MfS, HA XX, Nr. 5, Bl. {low}-{high}"
    labels = list(labels_of_reference(reference))
    assert labels == [f"Bl. {n}" for n in range(low, high + 1)]
