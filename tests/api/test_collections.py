"""Collections in the read API: published ones only, their visible documents in order, and a
document's collections; a fixed number of queries however long the list."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Collection, CollectionDocument, Status
from tests.api.conftest import get_json
from tests.views import factories as make


@pytest.fixture
def collections(seed):
    reply = make.document("reply", "Yes.").document
    draft = make.document("draft-memo", "No.", status=make.DRAFT).document
    war = Collection.objects.create(slug="war", title="War", status=Status.PUBLISHED)
    hidden = Collection.objects.create(slug="hidden", title="Hidden")
    for position, document in enumerate([reply, draft, seed], start=1):
        CollectionDocument.objects.create(collection=war, document=document, position=position)
    CollectionDocument.objects.create(collection=hidden, document=seed, position=1)
    return war


def test_the_list_and_a_collection_show_published_records_in_order(collections, client, seed):
    listed = get_json(client, "/api/collections/")["results"]
    assert [c["slug"] for c in listed] == ["war"]
    war = get_json(client, "/api/collections/war/")
    assert war["documents"] == ["reply", seed.slug]
    assert war["page"] == "http://testserver/collections/war/"
    get_json(client, "/api/collections/hidden/", status=404)
    assert get_json(client, f"/api/documents/{seed.slug}/")["collections"] == ["war"]


def test_staff_see_draft_collections_and_documents(collections, client):
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    assert get_json(client, "/api/collections/war/")["documents"][1] == "draft-memo"
    get_json(client, "/api/collections/hidden/")


def test_the_list_costs_the_same_queries_however_long(collections, client, seed):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_json(client, "/api/collections/")
        return len(captured)

    before = queries()
    for n in range(5):
        grown = Collection.objects.create(slug=f"c-{n}", title=f"C {n}", status=Status.PUBLISHED)
        CollectionDocument.objects.create(collection=grown, document=seed, position=1)
    assert queries() == before
