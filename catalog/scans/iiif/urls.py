"""The IIIF Image API service's addresses, under /iiif/ (see ``views``)."""

from django.urls import path

from catalog.scans.iiif import views

app_name = "iiif"

urlpatterns = [
    path("3/<int:page_id>", views.base, name="base"),
    path("3/<int:page_id>/info.json", views.info_json, name="info"),
    path(
        "3/<int:page_id>/<str:region>/<str:size>/<str:rotation>/<str:quality>.<str:fmt>",
        views.image,
        name="image",
    ),
]
