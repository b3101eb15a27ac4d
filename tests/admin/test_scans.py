# ruff: noqa: F811 - the fixtures imported from tests.scans.conftest are arguments here
"""Scanned pages in the admin: uploaded on the document's page (several files, PDFs split),
reordered by their positions, shown as thumbnails to staff only; restricted one by one;
placed in a text."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catalog.models import Language, Restriction, ScanPage, TextPage, Translation
from catalog.scans.ingest import ScanIngest
from tests.admin.helpers import add_inline_row, change_form_data
from tests.scans.conftest import document, make_image, make_pdf, media, stored_files  # noqa: F401


def _upload(client, document, *files):
    url = f"/admin/catalog/document/{document.pk}/change/"
    data = change_form_data(client.get(url))
    data["scan_files"] = list(files)
    return client.post(url, data, follow=True)


def test_an_archivist_uploads_a_pdf_and_an_image_at_once(archivist_client, document, tmp_path):
    pdf = make_pdf(tmp_path / "memo.pdf", 3)
    image = make_image(tmp_path / "extra.png", "extra")
    response = _upload(
        archivist_client,
        document,
        SimpleUploadedFile("memo.pdf", pdf.read_bytes(), "application/pdf"),
        SimpleUploadedFile("extra.png", image.read_bytes(), "image/png"),
    )
    assert response.status_code == 200
    assert "4 scanned page(s) added: p. 49, p. 50, p. 51, Page 4." in response.text
    pages = list(document.scan_pages.order_by("position"))
    assert [p.source for p in pages] == [
        "memo.pdf, page 1",
        "memo.pdf, page 2",
        "memo.pdf, page 3",
        "extra.png",
    ]
    assert pages[0].history.get().history_user.username == "ada"
    # The page lists them with their thumbnails, labels and positions.
    page = archivist_client.get(f"/admin/catalog/document/{document.pk}/change/").text
    assert 'alt="Scan of p. 50"' in page
    assert "catalog/scan-order.js" in page


def test_a_bad_upload_is_refused_with_the_file_named(archivist_client, document, tmp_path, media):
    pdf = make_pdf(tmp_path / "memo.pdf", 2)
    response = _upload(
        archivist_client,
        document,
        SimpleUploadedFile("memo.pdf", pdf.read_bytes(), "application/pdf"),
        SimpleUploadedFile("broken.pdf", b"%PDF-1.7 not really", "application/pdf"),
    )
    assert "broken.pdf: Not a PDF that can be read" in response.text
    assert "Nothing was added." in response.text
    assert ScanPage.objects.count() == 0
    assert stored_files(media) == []


def test_pages_are_reordered_by_their_positions(archivist_client, document, tmp_path):
    ScanIngest(document).add([make_pdf(tmp_path / "memo.pdf", 3)])
    url = f"/admin/catalog/document/{document.pk}/change/"
    data = change_form_data(archivist_client.get(url))
    ids = {data[f"scan_pages-{n}-id"]: n for n in range(3)}
    first, _, third = (p.pk for p in document.scan_pages.order_by("position"))
    data[f"scan_pages-{ids[first]}-position"] = 3
    data[f"scan_pages-{ids[third]}-position"] = 1
    response = archivist_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert list(document.scan_pages.order_by("position").values_list("label", flat=True)) == [
        "p. 51",
        "p. 50",
        "p. 49",
    ]


def test_images_are_served_to_staff_who_may_view_them(archivist_client, document, tmp_path):
    ScanIngest(document).add([make_image(tmp_path / "a.tif", "a")])
    page = document.scan_pages.get()
    url = f"/admin/catalog/scanpage/{page.pk}/image/"
    thumb = archivist_client.get(url + "?thumbnail=1")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/png"
    assert "private" in thumb["Cache-Control"] and "max-age=3600" in thumb["Cache-Control"]
    full = archivist_client.get(url)  # a TIFF, which browsers do not show: as PNG
    assert full.status_code == 200 and full["Content-Type"] == "image/png"
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    nobody = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    client = Client()
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    assert archivist_client.get("/admin/catalog/scanpage/999999/image/").status_code == 404
    listed = archivist_client.get("/admin/catalog/scanpage/")
    assert listed.status_code == 200 and 'alt="Scan of p. 49"' in listed.text
    assert archivist_client.get(f"/admin/catalog/scanpage/{page.pk}/change/").status_code == 200


def test_an_officer_withholds_one_page(officer_client, document, tmp_path):
    ScanIngest(document).add([make_pdf(tmp_path / "memo.pdf", 2)])
    page = document.scan_pages.get(position=2)
    found = officer_client.get(
        "/admin/autocomplete/",
        {
            "term": "p. 50",
            "app_label": "catalog",
            "model_name": "restriction",
            "field_name": "scan_page",
        },
    )
    assert [r["id"] for r in found.json()["results"]] == [str(page.pk)]
    url = "/admin/catalog/restriction/add/"
    data = change_form_data(officer_client.get(url))
    data.update(
        scope="scan_page",
        scan_page=page.pk,
        reason="third_party",
        rule="fixed",
        lift_date="2031-01-01",
    )
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    restriction = Restriction.objects.get()
    assert restriction.scan_page == page and restriction.document == document
    assert restriction.lifts_on == datetime.date(2031, 1, 1)
    # Without a page the scope is refused, naming the field.
    data.pop("scan_page")
    response = officer_client.post(url, data)
    assert "Choose the scanned page to withhold." in response.text


def test_a_text_gives_its_pages_spans(archivist_client, document, tmp_path):
    ScanIngest(document).add([make_pdf(tmp_path / "memo.pdf", 2)])
    text = Translation.objects.create(
        document=document, language=Language.objects.get_or_create(code="de")[0], text="A" * 40
    )
    url = f"/admin/catalog/translation/{text.pk}/change/"
    response = archivist_client.get(url)
    data = change_form_data(response)
    first, second = document.scan_pages.order_by("position")
    add_inline_row(data, "page_spans", scan_page=first.pk, start=0, end=20)
    add_inline_row(data, "page_spans", scan_page=second.pk, start=20, end=99)
    response = archivist_client.post(url, data)
    assert response.status_code == 200
    assert "The span 20–99 is not inside the text (length 40)." in response.text
    data["page_spans-1-end"] = 40
    assert archivist_client.post(url, data).status_code == 302
    assert list(TextPage.objects.values_list("scan_page__label", "start", "end")) == [
        ("p. 49", 0, 20),
        ("p. 50", 20, 40),
    ]
