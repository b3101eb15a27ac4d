"""Citations of a document: Chicago on the page, BibTeX, RIS and CSL-JSON to download."""

import json

import pytest

from catalog.models import Document
from catalog.publishing import citations

SEED_URL = "/documents/mfs-relations-with-iraqi-intelligence-1986/"
PAGE = "http://testserver" + SEED_URL


def download(client, fmt: str):
    response = client.get(f"{SEED_URL}cite.{fmt}")
    assert response.status_code == 200
    return response


def test_the_page_shows_a_chicago_citation(seed, client):
    html = client.get(SEED_URL).content.decode()
    expected = (
        "“Relations between the Ministry for State Security of the GDR with Intelligence Organs "
        "of the Republic of Iraq.” February 28, 1986. BStU, ZA, HA X 104, pp. 49-51, Stasi "
        "Records Archive. Translated for CWIHP by Bernd Schaefer. Wilson Center Digital "
        "Archive, record 122923. https://digitalarchive.wilsoncenter.org/"
        f"document/122923. Catalogued in Liaison, {PAGE}."
    )
    assert f'<p class="citation">{expected}</p>' in html
    assert "dvincitest" not in expected


@pytest.mark.parametrize("fmt", ["bib", "ris", "json"])
def test_no_citation_format_shows_the_harvested_test_host(seed, client, fmt):
    text = download(client, fmt).content.decode()
    assert "dvincitest" not in text
    assert "https://digitalarchive.wilsoncenter.org/document/122923" in text


def test_bibtex_downloads_as_a_misc_entry(seed, client):
    response = download(client, "bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="mfs-relations-with-iraqi-intelligence-1986.bib"'
    )
    bib = response.content.decode()
    assert bib.startswith("@misc{mfs-relations-with-iraqi-intelligence-1986,\n")
    assert "  title = {{Relations between the Ministry for State Security" in bib
    assert "  translator = {Schaefer, Bernd},\n" in bib
    assert "  date = {1986-02-28},\n" in bib
    assert "  year = 1986,\n  month = feb,\n" in bib
    assert "  howpublished = {BStU, ZA, HA X 104, pp. 49-51, Stasi Records Archive},\n" in bib
    assert f"  url = {{{PAGE}}}\n}}\n" in bib
    assert bib.count("{") == bib.count("}")


def test_bibtex_escapes_what_tex_would_read_as_commands(seed, client):
    Document.objects.filter(pk=seed.pk).update(title="50% of {files} & #7 in $ledger_a ~ ^\\end")
    bib = download(client, "bib").content.decode()
    assert (
        r"  title = {{50\% of \{files\} \& \#7 in \$ledger\_a \textasciitilde{} "
        r"\textasciicircum{}\textbackslash{}end}},"
    ) in bib


def test_ris_downloads_as_one_record_of_tagged_lines(seed, client):
    response = download(client, "ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    ris = response.content.decode()
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - MANSCPT"
    assert lines[-2:] == ["ER  - ", ""]
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in lines[:-1])
    for line in (
        "TI  - Relations between the Ministry for State Security of the GDR with Intelligence "
        "Organs of the Republic of Iraq",
        "A4  - Schaefer, Bernd",
        "DA  - 1986/02/28/",
        "PY  - 1986",
        "DB  - Stasi Records Archive",
        "AN  - BStU, ZA, HA X 104, pp. 49-51",
        "PB  - Wilson Center Digital Archive",
        f"UR  - {PAGE}",
    ):
        assert line in lines


def test_ris_keeps_every_value_on_its_line(seed, client):
    Document.objects.filter(pk=seed.pk).update(summary="First line.\nER  - injected\r\nTY  - BOOK")
    lines = download(client, "ris").content.decode().split("\r\n")
    assert "AB  - First line. ER - injected TY - BOOK" in lines
    assert lines.count("ER  - ") == 1
    assert sum(line.startswith("TY  -") for line in lines) == 1


def test_csl_json_downloads_as_a_manuscript_item(seed, client):
    response = download(client, "json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    [item] = json.loads(response.content)
    assert item["type"] == "manuscript"
    assert item["title"].startswith("Relations between the Ministry for State Security")
    assert item["issued"] == {"date-parts": [[1986, 2, 28]]}
    assert item["translator"] == [{"family": "Schaefer", "given": "Bernd"}]
    assert item["archive"] == "Stasi Records Archive"
    assert item["archive_location"] == "BStU, ZA, HA X 104, pp. 49-51"
    assert item["URL"] == PAGE


def test_csl_json_keeps_quotes_and_markup_as_data(seed, client):
    Document.objects.filter(pk=seed.pk).update(title='The "Ring" </script> & Co')
    [item] = json.loads(download(client, "json").content)
    assert item["title"] == 'The "Ring" </script> & Co'


@pytest.mark.parametrize(
    ("edtf", "parts"),
    [("1986-02-28", [1986, 2, 28]), ("1986-02", [1986, 2]), ("1986", [1986]),
     ("1986~", [1986]), ("1975-08-29?", [1975, 8, 29]),
     ("1982-33", []), ("1969/1986", []), ("", [])],
)  # fmt: skip
def test_only_dates_known_to_a_day_month_or_year_become_date_parts(edtf, parts):
    document = Document(slug="d", title="Memo", date=edtf)
    document.compute_derived()
    assert citations.date_parts(document) == parts


def test_a_month_date_cites_year_and_month_only(seed, client):
    seed.date = "1986-02"
    seed.save()
    bib = download(client, "bib").content.decode()
    assert "  date = {1986-02},\n" in bib
    assert "DA  - 1986/02/" in download(client, "ris").content.decode()
