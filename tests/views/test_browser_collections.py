"""A collection's page and a document's related documents in a real browser, on a desktop
screen and on a phone: readable, without axe-core violations, nothing scrolling sideways.
Screenshots go to var/shots/ for a reviewer."""

import pytest
from playwright.sync_api import expect

from catalog.models import (
    Agency,
    Collection,
    CollectionDocument,
    Document,
    DocumentLink,
    Person,
    Status,
)
from tests.views import factories as make
from tests.views.test_browser_design import (
    DESKTOP,
    PHONE,
    ROOT,
    axe_violations,
    page,  # noqa: F401 (the fixture that lets axe-core in)
    scrolls_sideways,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "var" / "shots"
COLLECTION = "/collections/iraq-and-the-gdr/"


@pytest.fixture
def collected(seed):
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 6)
    reply = make.document("iraqi-reply", "We agree.", title="Reply of the Iraqi side").document
    DocumentLink.objects.create(
        from_document=reply, to_document=seed, kind="reply_to", note="Delivered by courier."
    )
    collection = Collection.objects.create(
        slug="iraq-and-the-gdr",
        title="Iraq and the GDR's Ministry for State Security",
        curator="Compiled by Bernd Schaefer",
        description="Files of the Stasi on its cooperation with Iraqi intelligence, 1969-1989.",
        status=Status.PUBLISHED,
    )
    documents = [seed, reply, *Document.objects.filter(slug__startswith="extra-document")]
    for position, document in enumerate(documents, start=1):
        CollectionDocument.objects.create(
            collection=collection, document=document, position=position
        )
    return seed


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_a_collection_and_a_documents_related_documents_read_well(collected, page, viewport):  # noqa: F811
    page.set_viewport_size(viewport)
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = viewport["width"]
    found = {}

    page.goto(COLLECTION)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iraq and the GDR")
    expect(page.locator("ol.entries > li").first).to_contain_text("Relations between")
    found[COLLECTION] = axe_violations(page) + (["scrolls sideways"] * scrolls_sideways(page))
    page.screenshot(path=SHOTS / f"collection-{width}.png", full_page=True)

    page.goto("/collections/")
    found["/collections/"] = axe_violations(page) + (["scrolls sideways"] * scrolls_sideways(page))
    page.screenshot(path=SHOTS / f"collections-{width}.png", full_page=True)

    page.goto(collected.get_absolute_url())
    related = page.locator("section.related")
    related.scroll_into_view_if_needed()
    expect(related).to_contain_text("Answered by")
    expect(related).to_contain_text("Shares Saadoun Shaker and Ministry for State Security")
    expect(related.locator("ol.entries > li")).to_have_count(5)
    found["memo"] = axe_violations(page) + (["scrolls sideways"] * scrolls_sideways(page))
    related.screenshot(path=SHOTS / f"related-{width}.png")
    page.screenshot(path=SHOTS / f"memo-{width}.png", full_page=True)
    assert not any(found.values()), found
