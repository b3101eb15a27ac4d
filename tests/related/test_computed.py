"""Documents related through what they share: ranked by weight, with the reason in words,
in a constant number of queries, and never through or to a draft."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import ContactEvent, EventEvidence, Mention, Person, Subject
from catalog.related.computed import (
    AGENCY,
    EVENT,
    PERSON,
    SUBJECT,
    features,
    features_from,
    reason,
    related_documents,
)
from catalog.restrictions import public
from catalog.views.pages import visible_q
from tests.views import factories as make

pytestmark = pytest.mark.django_db
TEXT = "Saadoun Shaker met Hidden Harald at the first meeting and the second meeting."


def _event(slug):
    return ContactEvent.objects.create(
        slug=slug, title=slug.title(), kind="meeting", date="1980", status=make.PUBLISHED
    )


@pytest.fixture
def catalog():
    shaker = Person.objects.create(
        slug="saadoun-shaker", preferred_name="Saadoun Shaker", status=make.PUBLISHED
    )
    harald = Person.objects.create(slug="hidden-harald", preferred_name="Hidden Harald")
    first, second = _event("first-meeting"), _event("second-meeting")
    subject = Subject.objects.create(slug="intelligence", name="Intelligence")

    def doc(slug, quotes, *, status=make.PUBLISHED, subjects=()):
        translation = make.document(slug, TEXT, status=status)
        for quote, target in quotes:
            make.mention(translation, quote, **target)
        translation.document.subjects.add(*subjects)
        return translation.document

    shaker_q, harald_q = (
        ("Saadoun Shaker", {"person": shaker}),
        ("Hidden Harald", {"person": harald}),
    )
    first_q, second_q = ("first meeting", {"event": first}), ("second meeting", {"event": second})
    here = doc("here", [shaker_q, harald_q, first_q, second_q], subjects=[subject])
    doc("sharing-most", [shaker_q, first_q, second_q])
    doc("sharing-a-draft-person", [harald_q])
    doc("draft-sharing-all", [shaker_q, first_q, second_q], status=make.DRAFT, subjects=[subject])
    doc("sharing-a-subject", [], subjects=[subject])
    doc("sharing-nothing", [])
    return here


def test_the_most_sharing_document_comes_first_with_its_reason(catalog):
    found = related_documents(catalog, AnonymousUser())
    assert [(r.document.slug, r.score) for r in found] == [
        ("sharing-most", 9),
        ("sharing-a-subject", 1),
    ]
    assert found[0].reason == "shares Saadoun Shaker and 2 contacts"
    assert found[1].reason == "shares 1 subject"


def test_staff_see_what_drafts_share_too(catalog):
    staff = User.objects.create_user("archivist", is_staff=True)
    slugs = [r.document.slug for r in related_documents(catalog, staff)]
    assert slugs[0] == "draft-sharing-all" and "sharing-a-draft-person" in slugs


def test_reasons_name_persons_and_agencies_and_count_the_rest():
    shared = {PERSON: ["B", "A", "C"], AGENCY: ["MfS"], EVENT: ["x"], SUBJECT: ["s", "t"]}
    assert reason(shared) == "shares A, B, 1 other person, 1 other agency, 1 contact and 2 subjects"
    assert reason({AGENCY: ["MfS"]}) == "shares MfS"
    assert reason({}) == ""


def test_the_queries_do_not_grow_with_the_catalog(catalog, rf):
    # As on a page, the withheld view (catalog.restrictions) is read once per request,
    # before the related documents.
    user = AnonymousUser()
    with public.serving(rf.get("/")):
        public.view()
        with CaptureQueriesContext(connection) as before:
            related_documents(catalog, user)
    shaker = Person.objects.get(slug="saadoun-shaker")
    for n in range(8):
        make.mention(make.document(f"more-{n}", TEXT), "Saadoun Shaker", person=shaker)
    with public.serving(rf.get("/")):
        public.view()
        with CaptureQueriesContext(connection) as after:
            found = related_documents(catalog, user)
    # The features, the ranking with the top documents, what those share.
    assert len(after) == len(before) == 3
    assert len(found) == 5


@pytest.mark.parametrize("staff", [False, True])
def test_a_page_passes_the_features_it_has_read(catalog, rf, staff):
    """``features_from`` (what a document's page has read) gives what ``features`` reads."""
    user = User.objects.create_user("a", is_staff=True) if staff else AnonymousUser()
    with public.serving(rf.get("/")):
        mentions = [
            m
            for m in Mention.objects.filter(translation__document=catalog).select_related(
                "person", "agency", "event"
            )
            if public.passage_shown(m)
        ]
        evidence = [
            e
            for e in EventEvidence.objects.filter(
                visible_q(user, "event__"), translation__document=catalog
            )
            if public.passage_shown(e)
        ]
        passed = features_from(mentions, evidence, catalog.subjects.all(), user)
        read = features(catalog, user)
    assert passed == {kind: sorted(ids) for kind, ids in read.items()}
    assert passed[PERSON] and passed[EVENT] and passed[SUBJECT]
    assert (len(passed[PERSON]) == 2) is staff  # a draft person counts for staff only
