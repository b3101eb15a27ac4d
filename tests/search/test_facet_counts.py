"""Facet counts stay right as the catalog changes, and a large search's counts are
estimates from its best-ranked matches, worded as such; drafts are never counted for a
visitor either way."""

import io

import pytest
from django.urls import reverse

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Agency, Document, Status
from catalog.search import facets
from tests.interchange.fixtures import read_rows, write_rows
from tests.search import records
from tests.search.test_views import facet, shelf  # noqa: F401 - the fixture

URL = reverse("catalog:documents")


def test_facet_counts_follow_an_edit_of_a_document(client, shelf):  # noqa: F811
    memo = Document.objects.get(slug="memo-1975")
    memo.classification = "Secret"
    memo.save()
    memo.subjects.clear()

    response = client.get(URL, {"q": "Iraqi"})

    assert facet(response, "classification") == {"Secret": 1}
    assert facet(response, "subject") == {"counterintelligence": 1}


def test_an_unpublished_agency_or_document_is_no_longer_counted(client, admin_client, shelf):  # noqa: F811
    mfs = Agency.objects.get(slug="mfs")
    mfs.status = Status.DRAFT
    mfs.save()
    report = Document.objects.get(slug="report-1982")
    report.status = Status.DRAFT
    report.save()

    response = client.get(URL, {"q": "Iraqi"})

    assert facet(response, "agency") == {}
    assert facet(response, "event_kind") == {"meeting": 1}
    assert facet(response, "language") == {"en": 3, "de": 2, "ar": 1}
    assert "Ministry for State Security" not in response.content.decode()
    # Staff still see both, as drafts.
    staff = admin_client.get(URL, {"q": "Iraqi"})
    assert facet(staff, "agency") == {"mfs": 2}


def test_facet_counts_follow_a_csv_import(client, shelf, tmp_path):  # noqa: F811
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    rows = read_rows(tmp_path / "documents.csv")
    for row in rows:
        if row["slug"] in ("letter-1969", "undated"):
            row["classification"] = "Confidential"
    write_rows(tmp_path / "documents.csv", rows, list(rows[0]))

    report = CatalogImporter(stderr=io.StringIO(), errors_path=tmp_path / "e.csv").run(tmp_path)

    assert report.ok, report.lines()
    response = client.get(URL, {"q": "Iraqi"})
    assert facet(response, "classification") == {"Confidential": 2, "Top Secret": 1}


@pytest.fixture
def notes(db):
    """Seven documents alike but for their subjects (so that they rank as equals, in id
    order), the first a draft."""
    made = []
    for n, subject in enumerate(["Secret Subject", "Alpha", "Alpha", "Beta", "Beta", "Beta"]):
        made.append(
            records.document(
                f"note-{n}",
                f"Note {n}",
                "Contacts with the Iraqi service.",
                subjects=(subject,),
                status=Status.DRAFT if n == 0 else Status.PUBLISHED,
            )
        )
    records.document("note-6", "Note 6", "Contacts with the Iraqi service.", subjects=("Beta",))
    return made


def offered(response, name: str) -> dict[str, str]:
    (found,) = [f for f in response.context["facets"] if f.name == name]
    return {value.value: value.count_display for value in found.values}


def test_a_search_larger_than_the_sample_shows_estimates_worded_as_such(client, notes, monkeypatch):
    monkeypatch.setattr(facets, "SAMPLE_SIZE", 4)

    response = client.get(URL, {"q": "Iraqi"})

    # The best four of the six results a visitor sees are notes 1 to 4 (the draft is
    # left out): Alpha twice and Beta twice, scaled by 6 / 4.
    assert response.context["total"] == 6
    assert offered(response, "subject") == {"alpha": "about 3", "beta": "about 3"}
    html = response.content.decode()
    assert "about 3" in html and "Secret Subject" not in html


def test_a_search_within_the_sample_counts_exactly(client, notes, monkeypatch):
    monkeypatch.setattr(facets, "SAMPLE_SIZE", 7)

    response = client.get(URL, {"q": "Iraqi"})

    assert offered(response, "subject") == {"beta": "4", "alpha": "2"}


def test_a_facet_in_use_estimates_its_alternatives_from_the_best_matches(
    client, notes, monkeypatch
):
    monkeypatch.setattr(facets, "SAMPLE_SIZE", 4)

    response = client.get(URL, {"q": "Iraqi", "subject": "beta"})

    # The subject facet counts the search without its own filter: the best four of the
    # seven matches (the draft among them, not counted), scaled by 7 / 4.
    assert response.context["total"] == 4
    assert offered(response, "subject") == {"alpha": "about 4", "beta": "about 2"}


def test_the_list_without_words_counts_exactly(client, notes, monkeypatch):
    monkeypatch.setattr(facets, "SAMPLE_SIZE", 2)

    assert offered(client.get(URL), "subject") == {"beta": "4", "alpha": "2"}


def test_a_list_without_words_above_the_threshold_counts_one_document_in_step(
    client, notes, monkeypatch
):
    monkeypatch.setattr(facets, "APPROXIMATE_ABOVE", 5)
    monkeypatch.setattr(facets, "LIST_SAMPLE_SIZE", 3)

    response = client.get(URL)

    # Six published notes: one in two is counted (ids even), its counts doubled and worded
    # as estimates; the total stays exact, the draft is never counted.
    assert response.context["total"] == 6
    expected = {}
    for document in Document.objects.filter(slug__startswith="note-", status=Status.PUBLISHED):
        if document.pk % 2:
            continue
        for subject in document.subjects.all():
            expected[subject.slug] = expected.get(subject.slug, 0) + 2
    assert expected and "secret-subject" not in expected
    assert offered(response, "subject") == {k: f"about {v}" for k, v in expected.items()}


@pytest.mark.parametrize(
    ("count", "scale", "expected"),
    [(2, 1.75, 4), (1, 1.75, 2), (1, 100.0, 100), (123, 40.0, 4900), (7, 1000.0, 7000)],
)
def test_an_estimate_is_scaled_to_two_significant_figures(count, scale, expected):
    assert facets.estimate(count, scale) == expected


def test_a_list_s_counts_are_kept_until_the_catalog_changes(client, shelf):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        response = client.get(URL, {"page": "1"})
    # The second page view reads the counts from the cache, not the database.
    assert len(second) < len(first)
    before = facet(response, "classification")

    memo = Document.objects.get(slug="memo-1975")
    memo.classification = "Cosmic Top Secret"
    memo.save()

    after = facet(client.get(URL), "classification")
    assert after.get("Cosmic Top Secret") == 1
    assert "Cosmic Top Secret" not in before
