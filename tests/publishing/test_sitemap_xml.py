"""The sitemap's XML, written directly, is character for character what Django's sitemap
templates draw from the same entries."""

import datetime
from xml.etree import ElementTree

import pytest
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.loader import render_to_string
from django.utils import timezone

from catalog.publishing import sitemap_xml

LATE = datetime.datetime(1986, 3, 31, 23, 30, tzinfo=datetime.UTC)  # 1 April in Berlin


@pytest.fixture(params=["UTC", "Europe/Berlin"])
def zone(request, settings):
    settings.TIME_ZONE = request.param
    with timezone.override(request.param):
        yield request.param


def test_a_section_is_written_as_the_template_draws_it(zone):
    urls = [
        {"location": "https://liaison.example/documents/a/", "lastmod": LATE, "item": None},
        {"location": "https://liaison.example/search/?q=a&b=<c>", "lastmod": None},
        {
            "location": "https://liaison.example/persons/b/",
            "lastmod": datetime.date(1975, 8, 29),
            "changefreq": "monthly",
            "priority": "0.5",
            "alternates": [{"lang_code": "de", "location": "https://liaison.example/de/b/"}],
        },
    ]
    written = sitemap_xml.urlset(urls)
    assert written == render_to_string("sitemap.xml", {"urlset": urls})
    expected = "1986-04-01" if zone == "Europe/Berlin" else "1986-03-31"
    assert f"<lastmod>{expected}</lastmod>" in written
    ElementTree.fromstring(written.encode())  # well-formed: the ampersand escaped


def test_the_index_is_written_as_the_template_draws_it(zone):
    sites = [
        SitemapIndexItem("https://liaison.example/sitemap-pages.xml", None),
        SitemapIndexItem("https://liaison.example/sitemap-documents.xml", LATE),
        SitemapIndexItem("https://liaison.example/sitemap-documents.xml?p=2", LATE),
    ]
    written = sitemap_xml.index(sites)
    assert written == render_to_string("sitemap_index.xml", {"sitemaps": sites})
    assert written.count("<lastmod>") == 2
    ElementTree.fromstring(written.encode())


@pytest.mark.parametrize(
    "url, template, name",
    [
        ("/sitemap.xml", "sitemap_index.xml", "sitemaps"),
        ("/sitemap-documents.xml", "sitemap.xml", "urlset"),
        ("/sitemap-persons.xml", "sitemap.xml", "urlset"),
        ("/sitemap-pages.xml", "sitemap.xml", "urlset"),
    ],
)
def test_the_site_serves_what_the_templates_would(seed, client, url, template, name):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"]
    assert response.content.decode() == render_to_string(template, response.context_data)
    assert len(response.context_data[name]) > 0


def test_a_page_beyond_the_last_is_still_not_found(seed, client):
    assert client.get("/sitemap-documents.xml?p=9").status_code == 404
