"""Spreadsheet import and export in the admin, through the interchange resources."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.interchange.resources import RESOURCES
from catalog.models import Person, Status

pytestmark = pytest.mark.django_db

PERSON_FIELDS = [f"personresource_{name}" for name in RESOURCES[Person]().get_export_headers()]
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def export_persons(client, query: str = "") -> list[dict]:
    url = reverse("admin:catalog_person_export") + query
    data = {"format": CSV_FORMAT, "resource": "0", **dict.fromkeys(PERSON_FIELDS, "on")}
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def preview(client, content: bytes, name: str = "persons.csv", fmt: str = CSV_FORMAT):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse("admin:catalog_person_import"),
        {"format": fmt, "resource": "0", "import_file": upload},
    )


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(reverse("admin:catalog_person_process_import"), form.initial, follow=True)


def test_export_takes_the_filtered_list_and_names_records_by_slug(editor_client, seed):
    Person.objects.filter(slug="bernd-schaefer").update(status=Status.DRAFT)
    rows = export_persons(editor_client, "?status__exact=draft")
    assert [row["slug"] for row in rows] == ["bernd-schaefer"]
    assert "id" not in rows[0]
    everyone = export_persons(editor_client)
    assert len(everyone) == Person.objects.count()


def test_export_neutralises_cells_a_spreadsheet_would_run(editor_client, db):
    Person.objects.create(slug="x", preferred_name='=HYPERLINK("http://evil")')
    rows = export_persons(editor_client)
    assert rows[0]["preferred_name"].startswith("'=")


def test_an_import_is_previewed_before_anything_is_written(archivist_client, seed):
    content = (
        b"slug,status,preferred_name,sort_name,life_dates,description\n"
        b'saadoun-shaker,published,Saadoun Shaker,"Shaker, Saadoun",,\n'
        b'erich-mielke,published,Erich Mielke,"Mielke, Erich",,corrected description\n'
        b"new-person,draft,New Person,,,\n"
        b"bad-dates,draft,Bad Dates,,October 1969,\n"
    )
    response = preview(archivist_client, content)
    assert response.status_code == 200
    result = response.context["result"]
    kinds = [row.import_type for row in result.valid_rows()]
    assert sorted(kinds) == ["new", "skip", "update"]
    invalid = result.invalid_rows
    assert len(invalid) == 1 and invalid[0].number == 4
    assert "1969-10" in str(invalid[0].error_dict["life_dates"])
    assert not Person.objects.filter(slug="new-person").exists()


def test_a_confirmed_import_writes_the_rows_under_the_users_name(archivist_client, seed):
    content = (
        b"slug,status,preferred_name,sort_name,life_dates,description\n"
        b"new-person,draft,New Person,,1930/..,from a spreadsheet\n"
    )
    response = confirm(archivist_client, preview(archivist_client, content))
    assert response.status_code == 200
    person = Person.objects.get(slug="new-person")
    assert person.life_dates == "1930/.."
    assert person.history.first().history_user.username == "ada"


def test_an_archivist_cannot_publish_through_a_spreadsheet(archivist_client, seed):
    content = (
        b"slug,status,preferred_name,sort_name,life_dates,description\n"
        b"sneaky,published,Sneaky,,,\n"
        b'saadoun-shaker,draft,Saadoun Shaker,"Shaker, Saadoun",,\n'
    )
    confirm(archivist_client, preview(archivist_client, content))
    assert Person.objects.get(slug="sneaky").status == Status.DRAFT
    assert Person.objects.get(slug="saadoun-shaker").status == Status.PUBLISHED


def test_an_editor_may_publish_through_a_spreadsheet(editor_client, db):
    content = (
        b"slug,status,preferred_name,sort_name,life_dates,description\nopen,published,Open,,,\n"
    )
    confirm(editor_client, preview(editor_client, content))
    assert Person.objects.get(slug="open").status == Status.PUBLISHED


def test_an_excel_file_imports_like_a_csv(editor_client, db):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["slug", "status", "preferred_name", "sort_name", "life_dates", "description"])
    sheet.append(["al-duri", "draft", "Izzat Ibrahim al-Duri", "", "", "Ba‘th leader"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = preview(editor_client, buffer.getvalue(), "persons.xlsx", XLSX_FORMAT)
    confirm(editor_client, response)
    assert Person.objects.get(slug="al-duri").description == "Ba‘th leader"


def test_anonymous_visitors_cannot_reach_the_spreadsheet_views(client, seed):
    response = client.get(reverse("admin:catalog_person_export"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
