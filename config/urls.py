"""URL configuration: the admin for archivists, the read API and the public catalog."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("catalog.api.urls")),
    # The IIIF Image API service of the scans (catalog.scans.iiif).
    path("iiif/", include("catalog.scans.iiif.urls")),
    path("", include("catalog.urls")),
]
