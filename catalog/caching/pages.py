"""Whole pages for anonymous visitors, from Django's cache.

A public page is the same for every anonymous visitor until the catalog changes, the code
is released again or the day ends: its cache key (``store.key``) holds the release, the
catalog version, today's date, and the scheme, host and full address (with the query
string) of the request. A visitor whose page is in the cache costs one query, the one that
reads the catalog version.

What is never served from the cache, nor stored in it:

- anything for a signed-in user (staff see drafts), or a request that carries a session
  or a messages cookie (what it shows may be that visitor's own);
- addresses outside the public pages: the admin, static files, ``CONDITIONAL_GET_EXEMPT``
  (OAI-PMH responses state their own date) and ``PAGE_CACHE_EXEMPT`` (the API, whose
  requests are throttled per client: each must reach the view);
- a response other than a plain 200, a streaming one (CSV exports), one that sets a cookie,
  uses a CSRF token (it holds the visitor's own secret), writes the session, queues a
  message, is marked private or no-store, or varies with a request header other than
  ``Cookie``.

Only GET responses are stored; HEAD is answered from them too.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from catalog.caching.store import key

# Request headers a stored page may vary with: the visitor's cookies are checked above.
VARY_ALLOWED = {"cookie"}
NOT_STORED_CONTROLS = ("private", "no-store")


def exempt_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "PAGE_CACHE_EXEMPT", ("/api/",)))


def entry(request: HttpRequest) -> str:
    """The cache key of this request's page."""
    parts = ("response", request.scheme, request.get_host(), request.get_full_path())
    return key(request, parts)


def may_serve(request: HttpRequest) -> bool:
    """Whether this request (anonymous, GET or HEAD, a public page) may be answered from the
    cache, or its answer stored there."""
    cookies = request.COOKIES
    return (
        not request.path.startswith(exempt_prefixes())
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def lookup(request: HttpRequest) -> HttpResponse | None:
    """The stored page for this request, or None."""
    stored = cache.get(entry(request))
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    controls = response.get("Cache-Control", "").lower()
    if any(word in controls for word in NOT_STORED_CONTROLS):
        return False
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",")} - {""}
    return varies <= VARY_ALLOWED


def store(request: HttpRequest, response: HttpResponse) -> None:
    """Keep this page for the next anonymous visitor, when it is safe to."""
    if may_store(request, response):
        cache.set(entry(request), (response.content, list(response.items())))
