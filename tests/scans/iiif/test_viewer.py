"""The viewer on the document page: its pages and the page breaks marked in the text."""

import pytest

from catalog.models import Restriction
from catalog.views import annotated_text
from tests.scans.iiif.conftest import scanned_document
from tests.scans.iiif.test_image_service import withhold

pytestmark = pytest.mark.django_db


def test_a_page_that_begins_inside_a_name_is_marked_just_before_it():
    text = "Met Taher Ahmed Amin in Berlin."
    name = annotated_text.Span(4, 20, "mention", href="/persons/amin/")
    page = annotated_text.Span(10, 10, "page", css="Bl. 50", anchor=7)
    html = annotated_text.render(text, [name], [], [page])
    assert html == (
        '<p>Met <a class="page-break" href="#scans" data-scan-page="7"><span '
        'class="visually-hidden">Scan page </span>Bl. 50</a><a class="mention " '
        'href="/persons/amin/">Taher Ahmed Amin</a> in Berlin.</p>'
    )


def test_the_document_page_shows_the_viewer_and_marks_each_page_in_the_text(client):
    document = scanned_document()
    pages = list(document.scan_pages.order_by("position"))
    response = client.get("/documents/scanned-memo/")
    html = response.content.decode()
    assert 'id="scans"' in html and "/static/vendor/openseadragon/openseadragon.min.js" in html
    for page in pages:
        assert f'data-info="/iiif/3/{page.pk}/info.json"' in html
        assert f'data-scan-page="{page.pk}">' in html
    assert html.index(f'data-scan-page="{pages[1].pk}"><span') < html.index("Second page")
    assert '"/documents/scanned-memo/manifest.json"' in html
    assert "http://testserver/documents/scanned-memo/manifest.json" in html  # in the JSON-LD


def test_a_withheld_page_is_neither_in_the_viewer_nor_marked(client):
    document = scanned_document()
    second = document.scan_pages.get(position=2)
    withhold(scope=Restriction.Scope.SCAN_PAGE, scan_page=second)
    html = client.get("/documents/scanned-memo/").content.decode()
    assert f"/iiif/3/{second.pk}/" not in html
    assert f'data-scan-page="{second.pk}"' not in html
    assert "Bl. 50" not in html


def test_a_document_without_scans_has_no_viewer(client, seed):
    html = client.get(f"/documents/{seed.slug}/").content.decode()
    assert 'id="scans"' not in html and "openseadragon" not in html
