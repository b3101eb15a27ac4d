"""The IIIF Image API service: info.json and the tiles it lists, for published pages only."""

import io
import math

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from catalog.models import Restriction, ScanPage, Status
from catalog.scans.iiif import pyramid, tiles
from tests.restrictions.helpers import withhold
from tests.scans.iiif.conftest import PAGES, scanned_document

pytestmark = pytest.mark.django_db


def tile_urls(info: dict) -> list[tuple[str, tuple[int, int]]]:
    """Every tile info.json offers, as OpenSeadragon asks for it, with its expected size."""
    width, height = info["width"], info["height"]
    tile = info["tiles"][0]["width"]
    urls = []
    for factor in info["tiles"][0]["scaleFactors"]:
        span = tile * factor
        for y in range(0, height, span):
            for x in range(0, width, span):
                w, h = min(span, width - x), min(span, height - y)
                size = (math.ceil(w / factor), math.ceil(h / factor))
                region = f"{x},{y},{w},{h}/{size[0]},{size[1]}"
                urls.append((f"{info['id']}/{region}/0/default.jpg", size))
    return urls


def test_info_json_is_an_image_api_3_level_0_description(client):
    document = scanned_document()
    page = document.scan_pages.get(position=1)
    response = client.get(f"/iiif/3/{page.pk}/info.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    info = response.json()
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"http://testserver/iiif/3/{page.pk}"
    assert info["type"] == "ImageService3"
    assert info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level0"
    assert (info["width"], info["height"]) == PAGES[0][1]
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2, 4]}]
    assert info["sizes"][-1] == {"width": 1100, "height": 1500}
    assert info["sizes"][0] == {"width": 275, "height": 375}
    assert "ETag" in response and "no-cache" in response["Cache-Control"]
    ld = client.get(f"/iiif/3/{page.pk}/info.json", HTTP_ACCEPT="application/ld+json")
    assert ld["Content-Type"].startswith("application/ld+json;profile=")
    base = client.get(f"/iiif/3/{page.pk}")
    assert base.status_code == 303 and base["Location"].endswith("/info.json")


def test_every_tile_of_every_page_answers_with_an_image_of_its_size(client):
    document = scanned_document()
    for page in document.scan_pages.all():
        info = client.get(f"/iiif/3/{page.pk}/info.json").json()
        for url, size in tile_urls(info):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == "image/jpeg"
            assert Image.open(io.BytesIO(response.content)).size == size, url
        full = client.get(f"/iiif/3/{page.pk}/full/max/0/default.jpg")
        assert full.status_code == 200
        assert Image.open(io.BytesIO(full.content)).size == (page.width, page.height)
        assert tiles.is_complete(page)  # made at the first request, kept


def test_the_same_image_in_other_spellings_and_what_level_0_does_not_make(client):
    page = scanned_document().scan_pages.get(position=3)  # 600 x 400: two tiles wide
    base = f"/iiif/3/{page.pk}"
    same = [f"{base}/full/max/0/default.jpg", f"{base}/0,0,600,400/600,400/0/default.jpg"]
    assert len({client.get(url).content for url in same}) == 1
    assert client.get(f"{base}/full/300,/0/default.jpg").status_code == 200
    assert client.get(f"{base}/0,0,512,400/512,400/0/default.jpg").status_code == 200
    assert client.get(f"{base}/full/max/90/default.jpg").status_code == 404
    assert client.get(f"{base}/full/max/0/gray.jpg").status_code == 404
    assert client.get(f"{base}/full/max/0/default.png").status_code == 404
    assert client.get(f"{base}/full/123,45/0/default.jpg").status_code == 404
    assert client.get(f"{base}/nowhere/max/0/default.jpg").status_code == 400
    assert client.get(f"{base}/full/max/0/sepia.jpg").status_code == 400
    assert client.get(f"{base}/full/900,/0/default.jpg").status_code == 400  # no ^


def test_a_tile_answers_304_to_a_visitor_who_holds_it(client):
    page = scanned_document().scan_pages.first()
    url = f"/iiif/3/{page.pk}/full/max/0/default.jpg"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "public" in first["Cache-Control"]


def test_tiles_are_made_when_the_page_is_stored(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = scanned_document()
    for page in document.scan_pages.all():
        assert tiles.is_complete(page)
        for derivative in pyramid.derivatives(page.width, page.height):
            assert tiles.default_storage.exists(tiles.path(page, derivative))


def test_a_draft_documents_pages_answer_404_to_visitors_and_show_to_staff(client):
    document = scanned_document(status=Status.DRAFT)
    page = document.scan_pages.first()
    urls = [
        f"/iiif/3/{page.pk}/info.json",
        f"/iiif/3/{page.pk}/full/max/0/default.jpg",
        f"/iiif/3/{page.pk}/0,0,512,512/512,512/0/default.jpg",
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    staff = get_user_model().objects.create_user("eva", password="pw-long-enough", is_staff=True)
    client.force_login(staff)
    answers = [client.get(url) for url in urls]
    assert [response.status_code for response in answers] == [200, 200, 200]
    assert all("private" in response["Cache-Control"] for response in answers)
    assert all("Access-Control-Allow-Origin" not in response for response in answers)


def test_a_withheld_page_and_a_withheld_documents_pages_answer_404_to_everyone(client):
    document = scanned_document()
    second = document.scan_pages.get(position=2)
    first = document.scan_pages.get(position=1)
    withhold(scope=Restriction.Scope.SCAN_PAGE, scan_page=second)
    staff = get_user_model().objects.create_user("eva", password="pw-long-enough", is_staff=True)
    client.force_login(staff)
    assert client.get(f"/iiif/3/{second.pk}/info.json").status_code == 404
    assert client.get(f"/iiif/3/{second.pk}/full/max/0/default.jpg").status_code == 404
    assert client.get(f"/iiif/3/{first.pk}/full/max/0/default.jpg").status_code == 200
    withhold(scope=Restriction.Scope.DOCUMENT, document=document)
    assert client.get(f"/iiif/3/{first.pk}/info.json").status_code == 404
    assert client.get(f"/iiif/3/{first.pk}/full/max/0/default.jpg").status_code == 404


def test_tiles_go_when_no_page_shows_their_image(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = scanned_document()
    page = document.scan_pages.get(position=3)
    folder = tiles.folder(page)
    assert tiles.default_storage.exists(f"{folder}/{tiles.DONE}")
    with django_capture_on_commit_callbacks(execute=True):
        ScanPage.objects.get(pk=page.pk).delete()
    assert not tiles.default_storage.exists(f"{folder}/{tiles.DONE}")
