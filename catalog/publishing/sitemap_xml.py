"""The sitemap's XML, written from what Django's sitemap views give their templates.

Django's views (``django.contrib.sitemaps.views``) choose the sections, pages and dates;
their templates then spend about 0.1 ms on each entry (a loop of tags, ``{% spaceless %}``
and the ``date`` filter), which at archive scale is most of a page: 1,000 entries of a
section took about 40 ms to draw against 5 ms to read, and the index grew with its line
per section. Here the same document is written directly, character for character what the
templates give (``tests/publishing/test_sitemap_xml.py`` compares the two): the address
escaped as the templates escape it, a date as their ``date`` filter writes it in the
current time zone.
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def _local(value):
    """``value`` as a template shows it: an aware date and time in the current time zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value) -> str:
    """``{{ value|date:"Y-m-d" }}``."""
    value = _local(value)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _moment(value) -> str:
    """``{{ value|date:"c" }}`` (ISO 8601)."""
    return _local(value).isoformat()


def urlset(urls) -> str:
    """What ``sitemap.xml`` draws for ``urls`` (the dicts Django's ``sitemap`` view makes)."""
    parts = [HEAD, URLSET]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)


def index(sites) -> str:
    """What ``sitemap_index.xml`` draws for ``sites`` (Django's ``SitemapIndexItem``)."""
    parts = [HEAD, INDEX]
    for site in sites:
        parts.append(f"<sitemap><loc>{escape(site.location)}</loc>")
        if site.last_mod:
            parts.append(f"<lastmod>{_moment(site.last_mod)}</lastmod>")
        parts.append("</sitemap>")
    parts.append("\n</sitemapindex>\n")
    return "".join(parts)


def written(response: HttpResponse, draw) -> HttpResponse:
    """``response`` from one of Django's sitemap views, its template's work done by ``draw``
    (``urlset`` or ``index``) on the same context; any other answer (a 404) as it is."""
    if not isinstance(response, TemplateResponse) or response.is_rendered:
        return response
    name = "urlset" if draw is urlset else "sitemaps"
    response.content = draw(response.context_data[name])
    return response
