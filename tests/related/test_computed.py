"""Documents related through what they share: ranked by weight, with the reason in words,
in a constant number of queries, and never through or to a draft."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalog.models import ContactEvent, Document, EventEvidence, Mention, Person, Subject
from catalog.related import computed
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
from tests.restrictions.helpers import withhold
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
    # Read with what its link shows, each field in its place.
    full = Document.objects.get(slug="sharing-most")
    shown = ("title", "status", "date_display", "date_as_written")
    assert [getattr(found[0].document, f) for f in shown] == [getattr(full, f) for f in shown]
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
    # The features, then one statement: the candidates, what each shares, their titles.
    assert len(after) == len(before) == 2
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


def _sharing_subject(subject, prefix: str, count: int, **kwargs) -> list:
    documents = []
    for n in range(count):
        document = make.document(f"{prefix}-{n}", "Nothing named.", **kwargs).document
        document.subjects.add(subject)
        documents.append(document)
    return documents


def test_each_shared_record_offers_its_latest_visible_documents_only(catalog, monkeypatch):
    """However many documents share a subject, only the last ``PER_RECORD`` visible ones
    that have it are candidates: the older ones give way, a document sharing a person
    still ranks first, and drafts and withheld documents take no candidate's place."""
    monkeypatch.setattr(computed, "PER_RECORD", 3)
    subject = Subject.objects.get(slug="intelligence")
    older = _sharing_subject(subject, "older", 3)
    newer = _sharing_subject(subject, "newer", 3)
    drafts = _sharing_subject(subject, "draft", 2, status=make.DRAFT)
    (withheld,) = _sharing_subject(subject, "withheld", 1)
    withhold(scope="document", document=withheld)
    with public.serving(RequestFactory().get("/")):
        found = related_documents(catalog, AnonymousUser(), limit=10)
    # sharing-most (a person and two contacts), then the three latest published ones
    # sharing the subject, latest first (equals give way to the latest catalogued).
    assert [r.document.slug for r in found] == ["sharing-most", *[d.slug for d in newer[::-1]]]
    assert not {d.slug for d in [*older, *drafts, withheld]} & {r.document.slug for r in found}
    staff = User.objects.create_user("archivist", is_staff=True)
    with public.serving(RequestFactory().get("/")):
        seen = [r.document.slug for r in related_documents(catalog, staff, limit=10)]
    assert {d.slug for d in drafts} <= set(seen)


def test_a_candidate_is_ranked_by_all_it_shares(catalog, monkeypatch):
    """A document found through one record is scored by everything it shares: an old
    document sharing the subject and a person outranks newer ones sharing the subject."""
    monkeypatch.setattr(computed, "PER_RECORD", 2)
    subject = Subject.objects.get(slug="intelligence")
    shaker = Person.objects.get(slug="saadoun-shaker")
    old = make.document("old-with-shaker", TEXT)
    make.mention(old, "Saadoun Shaker", person=shaker)
    old.document.subjects.add(subject)
    _sharing_subject(subject, "newer", 4)
    with public.serving(RequestFactory().get("/")):
        found = {r.document.slug: r for r in related_documents(catalog, AnonymousUser())}
    assert found["old-with-shaker"].score == 4
    assert found["old-with-shaker"].reason == "shares Saadoun Shaker and 1 subject"


def test_the_queries_do_not_grow_with_documents_sharing_a_subject(catalog, rf):
    user = AnonymousUser()
    subject = Subject.objects.get(slug="intelligence")

    def count():
        with public.serving(rf.get("/")):
            public.view()
            with CaptureQueriesContext(connection) as queries:
                found = related_documents(catalog, user, limit=10)
        return len(queries), found

    before, _ = count()
    _sharing_subject(subject, "many", computed.PER_RECORD + 20)
    after, found = count()
    assert after == before == 2
    assert len(found) == 10
