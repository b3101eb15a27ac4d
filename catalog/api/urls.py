"""URLs of the read API: one route per kind of record, the OpenAPI schema and its
documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from catalog.api import views

app_name = "api"

router = DefaultRouter()
router.register("documents", views.DocumentViewSet, basename="document")
router.register("texts", views.TextViewSet, basename="text")
router.register("persons", views.PersonViewSet, basename="person")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("events", views.ContactEventViewSet, basename="event")
router.register("collections", views.CollectionViewSet, basename="collection")
router.register("subjects", views.SubjectViewSet, basename="subject")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own, so that the
    # page needs no inline script under the site's Content-Security-Policy.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="catalog/api/docs.html"
        ),
        name="docs",
    ),
    *router.urls,
]
