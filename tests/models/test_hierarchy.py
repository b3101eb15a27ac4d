"""Hierarchies of agencies and places never loop, whichever way a parent comes in."""

import io

import pytest
from django.core.exceptions import ValidationError

from catalog.curation.merging import Merger
from catalog.interchange.importer import CatalogImporter
from catalog.models import Agency, Place
from catalog.models.hierarchy import MAX_DEPTH
from tests.interchange.fixtures import write_rows

AGENCY_HEADERS = ["slug", "status", "name", "kind", "country", "parent", "existed", "description"]


def agency_row(slug, parent=""):
    return {
        "slug": slug,
        "status": "draft",
        "name": slug.upper(),
        "kind": "other",
        "country": "",
        "parent": parent,
        "existed": "",
        "description": "",
    }


def import_agencies(tmp_path, rows, **options):
    write_rows(tmp_path / "agencies.csv", rows, AGENCY_HEADERS)
    return CatalogImporter(stderr=io.StringIO(), **options).run(tmp_path)


def loop_problems(report):
    return [p for p in report.first_problems if "part of itself" in p.reason]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows",
    [
        [agency_row("a", "b"), agency_row("b", "a")],
        [agency_row("a", "b"), agency_row("b", "c"), agency_row("c", "a")],
        [agency_row("a", "a")],
    ],
    ids=["loop-of-2", "loop-of-3", "itself"],
)
def test_a_csv_loop_of_agency_parents_is_refused_with_its_row(tmp_path, rows):
    report = import_agencies(tmp_path, rows)

    assert not report.ok and report.rolled_back
    problems = loop_problems(report)
    assert problems, report.lines()
    assert problems[0].file == "agencies.csv" and problems[0].column == "parent"
    assert problems[0].row >= 2
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_a_csv_loop_through_an_existing_agency_is_refused(tmp_path):
    top = Agency.objects.create(slug="top", name="Top")
    Agency.objects.create(slug="middle", name="Middle", parent=top)

    report = import_agencies(tmp_path, [agency_row("top", "middle")])

    assert [(p.row, p.column, p.value) for p in loop_problems(report)] == [(2, "parent", "middle")]
    top.refresh_from_db()
    assert top.parent is None


@pytest.mark.django_db
def test_a_csv_loop_across_batches_is_refused(tmp_path):
    report = import_agencies(
        tmp_path, [agency_row("a"), agency_row("b", "a"), agency_row("a", "b")], batch_size=1
    )
    # The third row names "a" again: refused as a repeat, so the loop never forms.
    assert not report.ok
    assert not Agency.objects.exists()

    Agency.objects.create(slug="b", name="B", parent=Agency.objects.create(slug="a", name="A"))
    report = import_agencies(tmp_path, [agency_row("x"), agency_row("a", "b")], batch_size=1)
    assert [p.row for p in loop_problems(report)] == [3]


@pytest.mark.django_db
def test_keep_going_keeps_the_agencies_that_close_no_loop(tmp_path):
    report = import_agencies(
        tmp_path,
        [agency_row("a", "b"), agency_row("b", "a"), agency_row("c", "a")],
        keep_going=True,
    )
    assert len(loop_problems(report)) == 1
    parents = dict(Agency.objects.values_list("slug", "parent__slug"))
    assert parents["c"] == "a"
    assert not (parents["a"] == "b" and parents["b"] == "a")


@pytest.mark.django_db
def test_a_csv_loop_of_places_is_refused(tmp_path):
    rows = [
        {"slug": "x", "name": "X", "kind": "city", "parent": "y", "description": ""},
        {"slug": "y", "name": "Y", "kind": "city", "parent": "x", "description": ""},
    ]
    write_rows(tmp_path / "places.csv", rows)
    report = CatalogImporter(stderr=io.StringIO()).run(tmp_path)
    assert loop_problems(report) and not Place.objects.exists()


@pytest.mark.django_db
def test_the_form_check_refuses_a_loop_and_ends_on_one_already_in_the_database():
    a = Agency.objects.create(slug="a", name="A")
    b = Agency.objects.create(slug="b", name="B", parent=a)
    a.parent = b
    with pytest.raises(ValidationError, match="part of itself"):
        a.full_clean()

    # A loop written before the check existed: validating below it ends, with a message.
    Agency.objects.filter(pk=a.pk).update(parent=b)
    c = Agency(slug="c", name="C", parent=b)
    with pytest.raises(ValidationError, match="loops"):
        c.full_clean()
    assert len(c.ancestors()) == 2


@pytest.mark.django_db
def test_a_chain_deeper_than_the_limit_is_refused_and_walks_stop():
    parent = None
    for n in range(MAX_DEPTH + 1):
        parent = Place.objects.create(slug=f"p{n}", name=f"P{n}", parent=parent)
    with pytest.raises(ValidationError, match="deeper"):
        Place(slug="deep", name="Deep", parent=parent).full_clean()
    assert len(Place(slug="deep", name="Deep", parent=parent).ancestors()) == MAX_DEPTH


@pytest.mark.django_db
def test_merging_an_agency_into_one_below_it_leaves_no_loop():
    top = Agency.objects.create(slug="top", name="Top")
    loser = Agency.objects.create(slug="loser", name="Loser", parent=top)
    middle = Agency.objects.create(slug="middle", name="Middle", parent=loser)
    survivor = Agency.objects.create(slug="survivor", name="Survivor", parent=middle)

    Merger.for_records(survivor, loser).merge()

    survivor.refresh_from_db()
    middle.refresh_from_db()
    assert middle.parent == survivor
    assert survivor.parent == top
    survivor.full_clean()
