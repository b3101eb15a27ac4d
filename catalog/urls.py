"""Public URLs of the catalog."""

from django.urls import path

from catalog.views import pages
from catalog.views import search as search_views

app_name = "catalog"

urlpatterns = [
    path("", pages.home, name="home"),
    path("documents/", search_views.document_list, name="documents"),
    path("documents.csv", search_views.document_list, {"format": "csv"}, name="documents_csv"),
    path("documents/<slug:slug>/", pages.document_detail, name="document"),
    path("persons/<slug:slug>/", pages.person_detail, name="person"),
    path("agencies/<slug:slug>/", pages.agency_detail, name="agency"),
    path("events/<slug:slug>/", pages.event_detail, name="event"),
]
