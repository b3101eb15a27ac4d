"""What a visitor and a crawler expect: error pages in the site's layout, robots.txt,
the favicon and the page on how to search."""

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_urls


def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [*site_urls, path("fail/", fail)]


def test_a_missing_page_is_in_the_sites_layout_with_a_search_and_a_way_back(seed, client):
    response = client.get("/persons/nobody-of-that-name/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found · Liaison</title>" in html
    assert '<nav aria-label="Catalog">' in html  # the site's own header
    assert 'action="/documents/"' in html and 'name="q"' in html
    assert html.count('role="search"') == 1  # one search box on the page
    assert '<a href="/">Go to the home page</a>' in html


@pytest.mark.urls("tests.views.test_site")
def test_a_server_error_is_in_the_sites_layout_and_needs_no_database():
    # No database fixture: any query made while showing the error page would fail.
    response = Client(raise_request_exception=False).get("/fail/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert '<nav aria-label="Catalog">' in html
    assert 'action="/documents/"' in html


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines


def test_the_favicon_is_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/catalog/favicon.ico"


def test_every_page_links_the_favicon_and_how_to_search(seed, client):
    html = client.get("/persons/saadoun-shaker/").content.decode()
    assert '<link rel="icon" href="/static/catalog/favicon.svg" type="image/svg+xml">' in html
    assert '<a class="help-link" href="/help/search/">How to search</a>' in html


def test_how_to_search_explains_the_syntax_the_search_reads(seed, client):
    html = client.get("/help/search/").content.decode()
    assert "<h1>How to search</h1>" in html
    for example in ('"Ministry of the Interior"', "Douri", "AND</code>", "technology"):
        assert example in html


def test_the_header_marks_the_section_a_page_belongs_to(seed, client):
    html = client.get("/persons/saadoun-shaker/").content.decode()
    assert '<a href="/persons/" aria-current="true">Persons</a>' in html
    assert html.count("aria-current") == 1
