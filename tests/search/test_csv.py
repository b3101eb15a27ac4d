"""The document list as CSV: the same filters, every row, safe in a spreadsheet."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from catalog.exports.safety import neutralise_formula
from catalog.models import Status
from tests.search import records

URL = reverse("catalog:documents")
CSV_URL = reverse("catalog:documents_csv")


def read(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_lists_the_search_results_with_their_citation_data(client, seed):
    (row,) = read(client.get(CSV_URL, {"q": "Saadoun Shaker"}))
    assert row == {
        "title": seed.title,
        "date": "28 February 1986",
        "edtf": "1986-02-28",
        "publisher_record_id": "122923",
        "url": f"http://testserver/documents/{seed.slug}/",
        "archival_references": "BStU, ZA, HA X 104, pp. 49-51",
        "languages": "German; English",
        "summary": seed.summary,
    }


def test_the_csv_link_of_the_page_keeps_its_filters(client, db):
    records.document("a-1975", "Iraqi memo", "Iraqi text", date="1975", subjects=("Training",))
    records.document("b-1982", "Iraqi report", "Iraqi text", date="1982")
    records.document("c-1983", "Other report", "Other text", date="1983", subjects=("Training",))
    page = client.get(URL, {"q": "Iraqi", "subject": "training"})
    rows = read(client.get(URL + page.context["csv_url"]))
    assert [row["title"] for row in rows] == ["Iraqi memo"]
    rows = read(client.get(CSV_URL, {"sort": "-date"}))
    assert [row["title"] for row in rows] == ["Other report", "Iraqi report", "Iraqi memo"]


def test_the_csv_leaves_out_unpublished_documents(client, admin_client, db):
    records.document("published", "Iraqi memo", "Iraqi text")
    records.document("draft", "Iraqi draft", "Iraqi text", status=Status.DRAFT)
    assert [r["title"] for r in read(client.get(CSV_URL, {"q": "Iraqi"}))] == ["Iraqi memo"]
    staff = read(admin_client.get(CSV_URL, {"q": "Iraqi"}))
    assert sorted(r["title"] for r in staff) == ["Iraqi draft", "Iraqi memo"]


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(client, db):
    records.document(
        "formula",
        '=HYPERLINK("http://evil.example","click")',
        "text",
        summary="+1 more; -2 less",
    )
    (row,) = read(client.get(CSV_URL))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'+1 more; -2 less"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+49 30", "'+49 30"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Report = memo", "Report = memo"),
        ("", ""),
        ("BStU, ZA", "BStU, ZA"),
    ],
)
def test_neutralise_formula_prefixes_only_cells_that_start_a_formula(value, expected):
    assert neutralise_formula(value) == expected
