"""The long lists of a record's page (its documents and contact events), a page at a time,
with their totals (``catalog.views.sections``)."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, ContactEvent, Person, Restriction
from catalog.views import sections
from tests.restrictions.helpers import withhold
from tests.views import factories as make
from tests.views.test_queries import grow_seed

PAGES = [
    "/persons/saadoun-shaker/",
    "/persons/saadoun-shaker/?page=2&events=2",
    "/agencies/mfs/",
    "/agencies/mfs/?page=2&events=2",
    "/places/iraq/",
    "/places/iraq/?page=2",
    "/subjects/counterintelligence/",
    "/subjects/counterintelligence/?page=2",
]


@pytest.fixture
def small_sections(monkeypatch):
    """Five rows a section, so that a few records fill several pages."""
    monkeypatch.setattr(sections, "SECTION_SIZE", 5)


def queries(client, url: str) -> int:
    cache.clear()  # nothing cached: the page's own queries
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def section(html: str, heading: str) -> str:
    start = html.index(f'id="{heading}"')
    end = html.find("</section>", start)
    return html[start : end if end != -1 else html.index("</article>", start)]


def documents_listed(client, url: str) -> tuple[list[str], str]:
    """The documents listed on every page of the documents section, and the total line."""
    slugs, page, total = [], 1, ""
    while True:
        html = client.get(f"{url}?page={page}").content.decode()
        listed = section(html, "documents")
        slugs += re.findall(r'<li><a href="/documents/([^/"]+)/"', listed)
        found = re.search(r"<li>\d+–\d+ of (\d+) documents</li>", listed)
        total = found.group(1) if found else total
        if 'rel="next"' not in listed:
            return slugs, total
        assert f'href="?page={page + 1}#documents"' in listed
        page += 1


def aside_total(client, url: str) -> int:
    html = client.get(url).content.decode()
    return int(re.search(r'<a href="#documents">(\d+) documents?</a>', html).group(1))


def test_a_persons_documents_come_a_page_at_a_time_with_their_total(seed, client, small_sections):
    before = aside_total(client, "/persons/saadoun-shaker/")
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 12)
    url = "/persons/saadoun-shaker/"
    slugs, total = documents_listed(client, url)
    assert len(slugs) == len(set(slugs)) == before + 12 == int(total)
    assert aside_total(client, url) == before + 12
    assert {f"extra-document-{n}" for n in range(12)} <= set(slugs)
    first = section(client.get(url).content.decode(), "documents")
    assert first.count('<li><a href="/documents/') == 5
    # A page past the end shows the last one.
    last = section(client.get(f"{url}?page=99").content.decode(), "documents")
    assert f"of {before + 12} documents" in last and 'rel="next"' not in last


def test_the_total_leaves_out_unpublished_and_withheld_documents(seed, client, small_sections):
    person = Person.objects.get(slug="saadoun-shaker")
    make.grow(person, Agency.objects.get(slug="mfs"), 6)
    url = "/persons/saadoun-shaker/"
    before, total = documents_listed(client, url)
    name = person.preferred_name
    draft = make.document("draft-memo", f"Memo. {name} was there.", status=make.DRAFT)
    make.mention(draft, name, person=person)
    withheld = make.document("withheld-memo", f"Memo. {name} was there.")
    make.mention(withheld, name, person=person)
    passage = make.document("passage-memo", f"Memo. {name} was there. Nothing else.")
    make.mention(passage, name, person=person)
    withhold(scope=Restriction.Scope.DOCUMENT, document=withheld.document)
    withhold(scope=Restriction.Scope.PASSAGE, translation=passage, quote=f"{name} was")
    after, total_after = documents_listed(client, url)
    assert after == before and total_after == total
    assert aside_total(client, url) == len(before)
    # The passage-memo names him only inside the withheld passage; outside it, it would count.
    Restriction.objects.filter(translation=passage).delete()
    assert "passage-memo" in documents_listed(client, url)[0]


def test_a_persons_contact_events_come_a_page_at_a_time(seed, client, small_sections):
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 12)
    html = client.get("/persons/saadoun-shaker/").content.decode()
    contacts = section(html, "contacts")
    assert contacts.count('href="/events/') == 5
    total = re.search(r"<li>1–5 of (\d+) contact events</li>", contacts).group(1)
    assert int(total) >= 12
    assert 'href="?events=2#contacts"' in contacts
    # The pages of one list keep the page of the other.
    page = client.get("/persons/saadoun-shaker/?page=2&events=2").content.decode()
    assert 'href="?page=2&amp;events=3#contacts"' in section(page, "contacts")
    assert 'href="?events=2&amp;page=3#documents"' in section(page, "documents")


def test_place_and_subject_pages_page_their_documents_and_events(seed, client, small_sections):
    grow_seed(12)  # the extra place is where the extra events took place
    place = client.get("/places/extra-place/").content.decode()
    assert re.search(r"<li>1–5 of \d+ documents</li>", place)
    assert re.search(r"<li>1–5 of \d+ contact events</li>", place)
    subject = client.get("/subjects/counterintelligence/?page=2").content.decode()
    assert re.search(r"<li>6–10 of \d+ documents</li>", subject)


def test_record_pages_make_the_same_few_queries_however_long_their_lists(
    seed, client, small_sections
):
    grow_seed(6)  # a second page of each list
    before = {url: queries(client, url) for url in PAGES}
    make.grow(
        Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 30, prefix="more"
    )  # seven pages
    for url in PAGES:
        after = queries(client, url)
        assert after == before[url] <= 12, f"{url}: {before[url]} queries, then {after}"


def test_a_places_events_total_is_the_publics_and_follows_changes(seed, client, small_sections):
    """For the public a place's events are read a page at a time along their index, with
    the total stored per catalog version (``counts``, kind "place-events"): it leaves out
    drafts and withheld events and follows publishing; staff count their own."""
    grow_seed(12)
    url = "/places/extra-place/"

    def shown(page: str = "") -> tuple[int, list[str]]:
        html = section(client.get(url + page).content.decode(), "events")
        total = int(re.search(r"of (\d+) contact events</li>", html).group(1))
        return total, re.findall(r'href="/events/([^/"]+)/"', html)

    events = ContactEvent.objects.filter(place__slug="extra-place", status=make.PUBLISHED)
    total, first = shown()
    assert total == events.count() and len(first) == 5
    expected = [e.slug for e in events.order_by("date_earliest", "title", "pk")[:5]]
    assert first == expected

    hidden = events.get(slug=first[0])
    hidden.status = make.DRAFT
    hidden.save()
    total_after, first_after = shown()
    assert total_after == total - 1 and hidden.slug not in first_after

    client.force_login(User.objects.create_user("archivist", is_staff=True))
    staff_total, _ = shown()
    assert staff_total == total
