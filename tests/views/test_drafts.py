"""Unpublished records appear nowhere public: not on their own pages, nor in lists,
counts, timelines, the network, other records' pages or the sitemap."""

import pytest
from django.contrib.auth.models import User

from catalog.models import (
    Agency,
    ContactEvent,
    Participant,
    Person,
    PersonRole,
    Place,
    Subject,
    Translation,
)
from tests.views import factories as make

SEED_TEXT_QUOTE = "Comrade Lieutenant General Scholz saw Saadoun Shaker"
SECRETS = [
    "Hidden Harald", "hidden-harald",
    "Secret Bureau", "secret-bureau",
    "Clandestine Rendezvous", "clandestine-rendezvous",
    "Unreleased Memo", "unreleased-memo", "Chief of Everything",
]  # fmt: skip

PUBLIC_PAGES = [
    "/",
    "/persons/",
    "/agencies/",
    "/events/",
    "/events/?date_from=1960&date_to=1990",
    "/network/",
    "/network/?group=none",
    "/subjects/",
    "/subjects/counterintelligence/",
    "/places/",
    "/places/iraq/",
    "/sitemap.xml",
    "/documents/mfs-relations-with-iraqi-intelligence-1986/",
    "/documents/mfs-relations-with-iraqi-intelligence-1986/cite.bib",
    "/documents/mfs-relations-with-iraqi-intelligence-1986/cite.ris",
    "/documents/mfs-relations-with-iraqi-intelligence-1986/cite.json",
    "/persons/saadoun-shaker/",
    "/persons/alfred-scholz/",
    "/agencies/mfs/",
    "/agencies/iraq-ministry-of-the-interior/",
    "/events/1975-08-29-scholz-meets-saadoun-shaker/",
]


@pytest.fixture
def drafts(seed):
    """A draft person, agency, event and document, each linked to published records."""
    seed_text = Translation.objects.get(document=seed)
    shaker = Person.objects.get(slug="saadoun-shaker")
    mfs = Agency.objects.get(slug="mfs")
    published_event = ContactEvent.objects.get(slug="1975-08-29-scholz-meets-saadoun-shaker")

    harald = Person.objects.create(slug="hidden-harald", preferred_name="Hidden Harald")
    bureau = Agency.objects.create(slug="secret-bureau", name="Secret Bureau", parent=mfs)
    bureau.names.create(name="SB-X", kind="abbreviation")
    Participant.objects.create(event=published_event, person=harald, agency=bureau, role="host")
    # A draft person mentioned in, and holding an office attested by, the published memo.
    make.mention(seed_text, "Neiber", person=harald)
    role = PersonRole.objects.create(person=harald, agency=mfs, title="Deputy", start="1975")
    make.role_evidence(role, seed_text, "Lieutenant General Neiber")
    shaker_role = PersonRole.objects.create(person=shaker, agency=bureau, title="Liaison officer")
    make.role_evidence(shaker_role, seed_text, SEED_TEXT_QUOTE)

    rendezvous = ContactEvent.objects.create(
        slug="clandestine-rendezvous", title="Clandestine Rendezvous", kind="meeting",
        date="1978-05", place=Place.objects.get(slug="iraq"),
    )  # fmt: skip
    Participant.objects.create(event=rendezvous, person=shaker, agency=mfs, role="visitor")
    Participant.objects.create(
        event=rendezvous, agency=Agency.objects.get(slug="iraq-ministry-of-the-interior")
    )
    make.event_evidence(rendezvous, seed_text, SEED_TEXT_QUOTE)
    make.mention(seed_text, "Taher Ahmed Amin", event=rendezvous)

    memo = make.document(
        "unreleased-memo",
        "Saadoun Shaker, Chief of Everything, met the MfS.",
        status=make.DRAFT,
        title="Unreleased Memo",
    )
    memo.document.subjects.add(Subject.objects.get(slug="counterintelligence"))
    memo.document.places.add(Place.objects.get(slug="iraq"))
    make.mention(memo, "Saadoun Shaker", person=shaker)
    make.mention(memo, "MfS", agency=mfs)
    make.event_evidence(published_event, memo, "Saadoun Shaker, Chief of Everything")
    chief = PersonRole.objects.create(person=shaker, agency=mfs, title="Chief of Everything")
    make.role_evidence(chief, memo, "Chief of Everything")
    return seed


def test_drafts_appear_nowhere_on_public_pages(drafts, client):
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for secret in SECRETS:
            assert secret not in content, f"{secret!r} shows on {url}"


def test_draft_records_are_not_found(drafts, client):
    for url in (
        "/persons/hidden-harald/",
        "/agencies/secret-bureau/",
        "/events/clandestine-rendezvous/",
        "/documents/unreleased-memo/",
        "/documents/unreleased-memo/cite.bib",
    ):
        assert client.get(url).status_code == 404, url


def test_counts_and_the_timeline_count_published_records_only(drafts, client):
    html = client.get("/").content.decode()
    assert "<strong>1</strong> document" in html
    assert "<strong>10</strong> persons" in html
    assert "<strong>15</strong> agencies" in html
    assert "<strong>13</strong> contact events" in html
    # 1978: only the requests "since 1969" may fall in it; the draft meeting is not counted.
    assert "1978: 1 contact event<" in html
    assert "(1 document)" in client.get("/subjects/").content.decode()


def test_staff_see_drafts_marked_as_such(drafts, client):
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    persons = client.get("/persons/").content.decode()
    assert "Hidden Harald" in persons and "Draft, not public" in persons
    assert client.get("/events/clandestine-rendezvous/").status_code == 200
    assert "Secret Bureau" in client.get("/agencies/mfs/").content.decode()
    assert "<strong>14</strong> contact events" in client.get("/").content.decode()
