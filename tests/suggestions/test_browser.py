"""An archivist accepts the suggestions of a newly imported document in a real browser, and
the public page then links the names."""

import pytest
from playwright.sync_api import Page, expect

from catalog.importers.wcda import WCDAImporter
from catalog.models import Document, Mention
from tests.admin.helpers import log_in_as_superuser
from tests.conftest import SEEDS
from tests.suggestions.conftest import SECOND
from tests.views.test_browser_design import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    # axe-core is injected as a script, which the site's policy rightly refuses.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def accept_every(page: Page, name: str, count: int) -> None:
    page.goto(f"/admin/catalog/suggestion/?source__exact=text&name={name.replace(' ', '+')}")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(count)
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "accept_names")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(f"{count} suggestions accepted")


def test_an_archivist_accepts_the_suggestions_and_the_public_page_links_them(page: Page):
    assert WCDAImporter().run([SEEDS]).ok
    assert WCDAImporter(publish=True).run([SECOND]).ok
    document = Document.objects.get(publisher_record_id="900777")
    log_in_as_superuser(page)

    page.goto(f"/admin/catalog/document/{document.pk}/change/")
    expect(page.get_by_text("suggested mentions", exact=False).first).to_be_visible()
    page.goto("/admin/catalog/suggestion/")
    expect(page.locator("#result_list mark", has_text="Saadoun Shaker").first).to_be_visible()
    assert axe_violations(page, "#result_list") == []

    # One name at a time, from the name filter; the publisher's list is left for later.
    page.get_by_role("link", name="Saadoun Shaker (5)").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(5)
    accept_every(page, "Saadoun Shaker", 4)
    accept_every(page, "Mielke", 2)

    shaker = Mention.objects.filter(translation__document=document, person__slug="saadoun-shaker")
    assert shaker.count() == 4
    assert Mention.objects.filter(translation__document=document, quote="Mielke").count() == 2

    # A visitor's view of the public page: each accepted name links the person's page.
    page.context.clear_cookies()
    page.goto(document.get_absolute_url())
    expect(page.locator('a.mention[href="/persons/saadoun-shaker/"]')).to_have_count(4)
    expect(page.locator('a.mention[href="/persons/erich-mielke/"]')).to_have_count(2)
    assert axe_violations(page) == []
