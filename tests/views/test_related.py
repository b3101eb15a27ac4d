"""A document's page shows the documents linked to it, from either side, and those related
through what they share; drafts are never among them."""

import pytest
from django.contrib.auth.models import User

from catalog.models import Agency, DocumentLink, Person
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
