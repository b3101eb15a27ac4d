"""Values, fragments and whole pages in Django's cache, under keys that change with the catalog.

A key is made of the code's release (so that a deployment never serves what older
templates drew), the catalog version (so that a write to the catalog makes every earlier
entry unreachable), today's date and the caller's own parts.

Why the date: what a visitor may see also changes with the calendar, not only with writes.
Restrictions on personal data lift on a given day (what was withheld becomes public on a
date the record names), and no write to the catalog marks that day. With the date in
every key (``timezone.localdate()``, the site's time zone) an entry computed yesterday is
unreachable after midnight: cached pages, facet counts and ETags all expire at the latest
then, whatever ``CACHE_SECONDS`` says.

Staff see drafts, so they always bypass the cache: their pages are computed afresh, and
what they see is never stored for others.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from catalog.caching import version
from catalog.views.pages import sees_drafts

_MISSING = object()
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml"}


@functools.cache
def release() -> str:
    """The newest change to the code and templates this process runs: a new release (or an
    edited template) starts from an empty cache."""
    roots = [Path(settings.BASE_DIR) / name for name in ("catalog", "config", "templates")]
    newest = max(
        (path.stat().st_mtime_ns for root in roots for path in root.rglob("*")
         if path.suffix in CODE_SUFFIXES),
        default=0,
    )  # fmt: skip
    return format(newest, "x")


def request_version(request) -> str:
    """The catalog version for this request: read once, then kept on the request."""
    token = getattr(request, "_catalog_version", None)
    if token is None:
        token = request._catalog_version = version.current()
    return token


def key(request, parts: Iterable) -> str:
    """The cache key (and ETag) of ``parts`` for this request: release, catalog version, the
    date of today (see above) and a digest of the parts."""
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:40]
    today = timezone.localdate().isoformat()
    return f"liaison:{release()}:{request_version(request)}:{today}:{digest}"


def cached(request, parts: Iterable, compute: Callable, timeout: int | None = None):
    """``compute()``, or what it gave for the same ``parts`` since the catalog last changed.

    ``parts`` name what the value depends on besides the catalog (the view, its filters);
    the value must be picklable (lists, dicts, model instances; not a lazy queryset).
    Staff, who see drafts, always get ``compute()`` and nothing is stored; so does code
    that runs outside a request (``request`` None).
    """
    if request is None or sees_drafts(getattr(request, "user", None)):
        return compute()
    entry = key(request, parts)
    value = cache.get(entry, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(entry, value, timeout if timeout is not None else settings.CACHE_SECONDS)
    return value
