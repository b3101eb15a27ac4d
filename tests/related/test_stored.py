"""A document's related documents are ranked once per catalog stamp for the public, stored,
and read back with the document; a write to the catalog, or a reader who sees drafts, ranks
them afresh."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import RelatedSummary, Subject
from tests.views import factories as make


def _sharing(subject, prefix: str, count: int, **options) -> list:
    documents = []
    for n in range(count):
        document = make.document(
            f"{prefix}-{n}", "Nothing named.", title=f"{prefix} {n}", **options
        ).document
        document.subjects.add(subject)
        documents.append(document)
    return documents


@pytest.fixture
def subject(db, settings):
    # No cache in front of the pages, as the bench measures them: every request runs the view.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    return Subject.objects.create(slug="intelligence", name="Intelligence")


def _related_section(client, document) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    return len(queries), html[html.index('id="related"') :]


def test_the_ranking_is_stored_on_the_first_read_and_read_with_the_document_after(client, subject):
    here, *others = _sharing(subject, "doc", 4)
    first, section = _related_section(client, here)
    for other in others:
        assert f'href="{other.get_absolute_url()}">{other.title}</a>' in section
    assert "Shares 1 subject" in section
    stored = RelatedSummary.objects.get(document=here)
    assert [row["document"]["slug"] for row in stored.data] == ["doc-3", "doc-2", "doc-1"]

    again, section_again = _related_section(client, here)
    assert section_again == section
    # Neither ranked nor written again: two statements fewer.
    assert again == first - 2


def test_what_is_stored_is_what_the_page_shows_until_the_catalog_changes(client, subject):
    here, other = _sharing(subject, "doc", 2)
    client.get(here.get_absolute_url())
    stored = RelatedSummary.objects.get(document=here)
    stored.data[0]["document"]["title"] = "Title as ranked"
    stored.save()
    _, section = _related_section(client, here)
    assert ">Title as ranked</a>" in section

    other.title = "Title after the change"
    other.save()
    _, section = _related_section(client, here)
    assert ">Title after the change</a>" in section and "Title as ranked" not in section
    assert RelatedSummary.objects.get(document=here).data[0]["document"]["title"] == (
        "Title after the change"
    )


def test_staff_see_drafts_ranked_afresh_and_nothing_is_stored(client, subject):
    here, _ = _sharing(subject, "doc", 2)
    (draft,) = _sharing(subject, "unreleased", 1, status=make.DRAFT)
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    _, section = _related_section(client, here)
    assert f'href="{draft.get_absolute_url()}"' in section and "Draft, not public" in section
    assert not RelatedSummary.objects.exists()

    client.logout()
    _, section = _related_section(client, here)
    assert draft.slug not in section and 'href="/documents/doc-1/"' in section
    assert RelatedSummary.objects.filter(document=here).exists()
