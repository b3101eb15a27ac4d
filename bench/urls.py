"""The site's URLs plus a page that touches no database: the baseline the bench compares with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bench.load import NO_DATABASE_PATH
from config.urls import urlpatterns as site


def no_database(request: HttpRequest) -> HttpResponse:
    return HttpResponse("No database.", content_type="text/plain")


urlpatterns = [path(NO_DATABASE_PATH.strip("/") + "/", no_database), *site]
