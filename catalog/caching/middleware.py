"""Conditional GET for the public pages: an ETag from the catalog version, and 304 Not
Modified before the view runs when the visitor already holds the current page; otherwise the
whole page from the cache when an anonymous visitor had it before (``pages``).

Only for anonymous visitors: signed-in users (staff see drafts) get no ETag and are never
answered from what an anonymous visitor was shown. Pages are marked ``no-cache``: a browser
or proxy may keep them, but asks each time whether they are still current.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag

from catalog.caching import pages
from catalog.caching.store import key

SAFE_METHODS = ("GET", "HEAD")


class ConditionalPublicPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # The admin and static files are not public catalog pages; robots.txt and the
        # favicon do not change with the catalog, and must answer without its database.
        self.private_prefixes = (
            "/admin/",
            "/" + settings.STATIC_URL.lstrip("/"),
            "/robots.txt",
            "/favicon.ico",
            *getattr(settings, "CONDITIONAL_GET_EXEMPT", ()),
        )

    def applies(self, request: HttpRequest) -> bool:
        return (
            request.method in SAFE_METHODS
            and not request.path.startswith(self.private_prefixes)
            and not request.user.is_authenticated
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies(request):
            return self.get_response(request)
        address = (request.scheme, request.get_host(), request.get_full_path())
        etag = quote_etag(key(request, ("page", *address)))
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            response["ETag"] = etag
        elif pages.may_serve(request) and (cached := pages.lookup(request)) is not None:
            return cached
        else:
            response = self.get_response(request)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            response.setdefault("ETag", etag)
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ("Cookie",))
        if response.status_code == 200 and pages.may_serve(request):
            pages.store(request, response)
        return response
