"""A place's and a subject's documents: in date order (ties by title, then id) whichever way
they are read (``catalog.views.sections.documents_of``), their total stored for the public
and never counting what the public may not see."""

import re

import pytest
from django.contrib.auth.models import User
from django.db.models import F
from django.db.models.functions import Coalesce

from catalog.models import Document, Place, Restriction, Subject
from catalog.views import sections
from tests.restrictions.helpers import withhold
from tests.views import factories as make
from tests.views.test_record_pages import queries

# (slug, EDTF date): equal dates broken by title, an open start sorted by its end, undated last.
DATED = [
    ("order-b", "1980-05-03"),
    ("order-a", "1980-05-03"),
    ("order-open-start", "../1979-01-02"),
    ("order-undated", ""),
    ("order-undated-too", ""),
    ("order-year", "1975"),
    ("order-day", "1975-01-01"),
    ("order-late", "1990-12"),
]


@pytest.fixture(params=["read through the links", "probed in date order"])
def shape(request, monkeypatch):
    """Five rows a section, and either way of reading them for the public."""
    monkeypatch.setattr(sections, "SECTION_SIZE", 5)
    if request.param == "probed in date order":
        monkeypatch.setattr(sections, "PROBED_FROM", 0)
        monkeypatch.setattr(sections, "PROBED_SHARE", 1)
    return request.param


def _place_and_subject() -> tuple[Place, Subject]:
    place = Place.objects.get(slug="iraq")
    subject = Subject.objects.get(slug="counterintelligence")
    for slug, date in DATED:
        document = make.document(slug, "A memo.", title=slug.replace("-", " ")).document
        document.date = date
        document.save()
        document.places.add(place)
        document.subjects.add(subject)
    return place, subject


def expected(relation: str, record) -> list[str]:
    """The visible documents of ``record``, sorted as the pages always have."""
    documents = Document.objects.visible_to(None).filter(**{relation: record})
    when = Coalesce(F("date_earliest"), F("date_latest"))
    ordered = documents.order_by(when.asc(nulls_last=True), "title", "pk")
    return list(ordered.values_list("slug", flat=True))


def listed(client, url: str) -> tuple[list[str], int]:
    """The documents on every page of a record's documents, and the total line's number."""
    slugs, page, total = [], 1, 0
    while True:
        html = client.get(f"{url}?page={page}").content.decode()
        part = html[html.index('id="documents"') :]
        slugs += re.findall(r'<li><a href="/documents/([^/"]+)/"', part)
        found = re.search(r"<li>\d+–\d+ of (\d+) documents</li>", part)
        total = int(found.group(1)) if found else len(slugs)
        if 'rel="next"' not in part:
            return slugs, total
        page += 1


def test_the_date_order_is_stored_with_each_document(db):
    document = Document(slug="d", title="D", date="../1979-01-02")
    document.compute_derived()
    assert document.date_order == document.date_latest
    document.date = "1975/1977"
    document.compute_derived()
    assert document.date_order == document.date_earliest
    document.date = ""
    document.compute_derived()
    assert document.date_order == Document.UNDATED


def test_documents_come_in_date_order_then_title_then_id(seed, client, shape):
    place, subject = _place_and_subject()
    for url, relation, record in [
        ("/places/iraq/", "places", place),
        ("/subjects/counterintelligence/", "subjects", subject),
    ]:
        slugs, total = listed(client, url)
        assert slugs == expected(relation, record), (url, shape)
        assert total == len(slugs) > 5
        assert slugs.index("order-a") + 1 == slugs.index("order-b")
        assert slugs[-2:] == ["order-undated", "order-undated-too"]


def test_staff_see_drafts_in_the_same_order(seed, client, shape):
    place, _ = _place_and_subject()
    draft = make.document("order-draft", "A memo.", status=make.DRAFT).document
    draft.places.add(place)
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    slugs, total = listed(client, "/places/iraq/")
    documents = Document.objects.filter(places=place)
    assert "order-draft" in slugs and total == len(slugs) == documents.count()
    when = Coalesce(F("date_earliest"), F("date_latest"))
    ordered = documents.order_by(when.asc(nulls_last=True), "title", "pk")
    assert slugs == list(ordered.values_list("slug", flat=True))


def test_drafts_and_withheld_documents_are_neither_listed_nor_counted(seed, client, shape):
    place, subject = _place_and_subject()
    before = listed(client, "/places/iraq/")
    draft = make.document("order-draft", "A memo.", status=make.DRAFT).document
    withheld = make.document("order-withheld", "A memo.").document
    for document in (draft, withheld):
        document.places.add(place)
        document.subjects.add(subject)
    withhold(scope=Restriction.Scope.DOCUMENT, document=withheld)
    assert listed(client, "/places/iraq/") == before
    slugs, total = listed(client, "/subjects/counterintelligence/")
    assert "order-draft" not in slugs and "order-withheld" not in slugs and total == len(slugs)


def test_the_stored_total_follows_every_change(seed, client, shape):
    """The total is stored per catalog version: adding, publishing and unpublishing a
    document each give the page the new one (and the list the new rows)."""
    place, _ = _place_and_subject()
    slugs, total = listed(client, "/places/iraq/")
    added = make.document("order-added", "A memo.", status=make.DRAFT).document
    added.places.add(place)
    assert listed(client, "/places/iraq/") == (slugs, total)
    added.status = make.PUBLISHED
    added.save()
    grown, grown_total = listed(client, "/places/iraq/")
    assert grown_total == total + 1 and "order-added" in grown
    Document.objects.filter(slug="order-added").update(status=make.DRAFT)
    assert listed(client, "/places/iraq/") == (slugs, total)


def test_a_page_past_the_end_shows_the_last(seed, client, shape):
    _place_and_subject()
    slugs, total = listed(client, "/places/iraq/")
    html = client.get("/places/iraq/?page=99").content.decode()
    last = -(-total // 5)
    assert f"<li>{(last - 1) * 5 + 1}–{total} of {total} documents</li>" in html
    assert f'/documents/{slugs[-1]}/"' in html


def test_the_same_queries_however_many_documents(seed, client, shape):
    place, subject = _place_and_subject()
    urls = ["/places/iraq/", "/places/iraq/?page=2", "/subjects/counterintelligence/"]
    before = {url: queries(client, url) for url in urls}
    for n in range(12):
        document = make.document(f"order-more-{n}", "A memo.").document
        document.places.add(place)
        document.subjects.add(subject)
    for url in urls:
        assert queries(client, url) == before[url] <= 12, url
