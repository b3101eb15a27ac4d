"""Public URLs of the catalog."""

from django.urls import path

from catalog.opendata import views as opendata
from catalog.opendata.oai import views as oai
from catalog.publishing import sitemaps as sitemap_views
from catalog.publishing.feeds import RecentDocumentsFeed
from catalog.scans.iiif import presentation
from catalog.views import collections, documents, events, home, network, people, site, vocabularies
from catalog.views import search as search_views

app_name = "catalog"

urlpatterns = [
    path("", home.home, name="home"),
    path("documents/", search_views.document_list, name="documents"),
    path("documents.csv", search_views.document_list, {"format": "csv"}, name="documents_csv"),
    path("documents/<slug:slug>/", documents.document_detail, name="document"),
    path(
        "documents/<slug:slug>/cite.<str:fmt>",
        documents.document_citation,
        name="document_citation",
    ),
    path("documents/<slug:slug>/ead.xml", opendata.document_ead, name="document_ead"),
    path(
        "documents/<slug:slug>/manifest.json",
        presentation.document_manifest,
        name="document_manifest",
    ),
    path("persons/", people.person_list, name="persons"),
    path("persons/<slug:slug>/", people.person_detail, name="person"),
    path("persons/<slug:slug>/eac.xml", opendata.person_eac, name="person_eac"),
    path("agencies/", people.agency_list, name="agencies"),
    path("agencies/<slug:slug>/", people.agency_detail, name="agency"),
    path("agencies/<slug:slug>/eac.xml", opendata.agency_eac, name="agency_eac"),
    path("oai/", oai.endpoint, name="oai"),
    path("network/", network.network_page, name="network"),
    path("events/", events.event_list, name="events"),
    path("events/<slug:slug>/", events.event_detail, name="event"),
    path("collections/", collections.collection_list, name="collections"),
    path("collections/<slug:slug>/", collections.collection_detail, name="collection"),
    path("subjects/", vocabularies.subject_list, name="subjects"),
    path("subjects/<slug:slug>/", vocabularies.subject_detail, name="subject"),
    path("places/", vocabularies.place_list, name="places"),
    path("places/<slug:slug>/", vocabularies.place_detail, name="place"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemap_url_name": "catalog:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.section,
        name="sitemap_section",
    ),
    path("feeds/documents.atom", RecentDocumentsFeed(), name="documents_feed"),
    path("help/search/", site.search_help, name="search_help"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
]
