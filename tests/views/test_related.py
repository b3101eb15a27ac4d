"""A document's page shows the documents linked to it, from either side, and those related
through what they share; drafts are never among them."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, Collection, CollectionDocument, DocumentLink, Person, Subject
from catalog.related import computed
from tests.restrictions.helpers import withhold
from tests.views import factories as make


@pytest.fixture
def linked(seed):
    reply = make.document("reply", "We agree.", title="Iraqi reply").document
    enclosure = make.document("annex", "Annex.", title="Annex to the memo").document
    draft = make.document("secret-annex", "Hidden.", status=make.DRAFT, title="Secret Annex")
    DocumentLink.objects.create(
        from_document=reply, to_document=seed, kind="reply_to", note="Sent a week later."
    )
    DocumentLink.objects.create(from_document=enclosure, to_document=seed, kind="enclosure_of")
    DocumentLink.objects.create(from_document=draft.document, to_document=seed, kind="other")
    return seed


def test_a_link_shows_on_both_documents_with_the_words_of_each_side(linked, client):
    html = client.get(linked.get_absolute_url()).content.decode()
    assert 'Answered by</span> <a href="/documents/reply/">Iraqi reply</a>' in html
    assert "Sent a week later." in html
    assert 'Encloses</span> <a href="/documents/annex/">Annex to the memo</a>' in html
    assert "Secret Annex" not in html
    reply = client.get("/documents/reply/").content.decode()
    assert f'Reply to</span> <a href="{linked.get_absolute_url()}">' in reply


def test_staff_see_a_link_to_a_draft_marked(linked, client):
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    html = client.get(linked.get_absolute_url()).content.decode()
    assert "Secret Annex" in html and "Draft, not public" in html


def test_documents_sharing_persons_are_listed_with_the_reason_and_drafts_never(seed, client):
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 7)
    memo = make.document("unreleased-memo", "Saadoun Shaker.", status=make.DRAFT)
    make.mention(memo, "Saadoun Shaker", person=Person.objects.get(slug="saadoun-shaker"))
    html = client.get(seed.get_absolute_url()).content.decode()
    section = html[html.index('id="related"') :]
    assert section.count('href="/documents/extra-document-') == 5
    assert "Shares Saadoun Shaker and Ministry for State Security" in section
    assert "unreleased-memo" not in html


def test_a_document_sharing_nothing_says_so(client, db):
    lonely = make.document("lonely", "Nothing here.").document
    html = client.get(lonely.get_absolute_url()).content.decode()
    assert "No other document shares a person, agency, contact or subject" in html


def _page_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_page_with_every_part_makes_at_most_12_queries_at_any_size(linked, client):
    """Links, collections, related documents and other translators (the parts that took a
    query each) are read with the document and its texts: the page, computed afresh after a
    write (the withheld view read again too), stays within 12 queries as the catalog grows."""
    shaker = Person.objects.get(slug="saadoun-shaker")
    published = Collection.objects.create(slug="iraq", title="Iraq files", status=make.PUBLISHED)
    draft = Collection.objects.create(slug="secret", title="Secret files", status=make.DRAFT)
    for collection in (published, draft):
        CollectionDocument.objects.create(collection=collection, document=linked, position=1)
    other = Person.objects.create(
        slug="co-translator", preferred_name="Co Translator", status=make.PUBLISHED
    )
    hidden = Person.objects.create(slug="draft-translator", preferred_name="Draft Translator")
    linked.translations.first().other_translators.add(other, hidden)
    make.grow(shaker, Agency.objects.get(slug="mfs"), 3)
    small, html = _page_queries(client, linked.get_absolute_url())
    assert small <= 12
    assert "Iraq files" in html and "Secret files" not in html
    assert "Co Translator" in html and "Draft Translator" not in html
    assert "Annex to the memo" in html and 'href="/documents/extra-document-' in html
    make.grow(shaker, Agency.objects.get(slug="mfs"), 9, prefix="more")
    large, html = _page_queries(client, linked.get_absolute_url())
    assert large == small
    assert (
        html.count('href="/documents/more-document-')
        + html.count('href="/documents/extra-document-')
        >= 5
    )


def _sharing(subject, prefix: str, count: int) -> list:
    documents = []
    for n in range(count):
        document = make.document(f"{prefix}-{n}", "Nothing named.", title=f"{prefix} {n}").document
        document.subjects.add(subject)
        documents.append(document)
    return documents


def test_the_page_makes_the_same_queries_however_many_documents_share_its_subject(client, db):
    subject = Subject.objects.create(slug="intelligence", name="Intelligence")
    (here,) = _sharing(subject, "here", 1)
    _sharing(subject, "few", 2)
    small, html = _page_queries(client, here.get_absolute_url())
    assert html.count('href="/documents/few-') == 2
    _sharing(subject, "many", computed.PER_RECORD + 30)
    large, html = _page_queries(client, here.get_absolute_url())
    assert large == small <= 12
    # The latest catalogued of the equals first.
    last = computed.PER_RECORD + 29
    assert f'href="/documents/many-{last}/">many {last}</a>' in html
    assert 'href="/documents/few-' not in html


def test_a_related_document_unpublished_or_withheld_leaves_the_page_at_once(client, db):
    """The page, cached for visitors, is computed again after the write: a related document
    that is unpublished or withheld is never offered from what was read before."""
    subject = Subject.objects.create(slug="intelligence", name="Intelligence")
    here, unpublished, withheld, kept = _sharing(subject, "doc", 4)
    html = client.get(here.get_absolute_url()).content.decode()
    for document in (unpublished, withheld, kept):
        assert f'href="{document.get_absolute_url()}"' in html
    unpublished.status = make.DRAFT
    unpublished.save()
    withhold(scope="document", document=withheld)
    html = client.get(here.get_absolute_url()).content.decode()
    section = html[html.index('id="related"') :]
    assert f'href="{kept.get_absolute_url()}"' in section
    assert unpublished.slug not in html and withheld.slug not in section
