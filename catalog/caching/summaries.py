"""Values a public page computes over the whole catalog, stored once per stamp, read whole.

The unfiltered document list's total, facets and date spans, the contact events' total and
the home page's counts each cost a pass over every published record, so computing them on
every request makes the page slower as the catalog grows. Here such a value is computed the
first time a visitor asks for it under a new stamp (``counts.stamp``: release, catalog
version, day), stored as JSON in ``ListSummary`` (one row per kind, replaced in place), and
then read back by one indexed query. Every write to the catalog replaces the version and
restrictions lift by the day, so a stored value is never read under another stamp than the
one it was computed for. Writes to ``ListSummary`` do not change the version
(``version.changes_catalog``).

Only the public's values are stored: staff, who see drafts, and code outside a request get
``compute()`` afresh, never stored.
"""

from collections.abc import Callable

from catalog.caching.counts import stamp
from catalog.models import ListSummary
from catalog.views.pages import sees_drafts


def stored(request, kind: str, compute: Callable):
    """``compute()`` (a JSON value) for the public under this request's stamp: stored the
    first time, then read; for staff and outside a request, computed afresh."""
    if request is None or sees_drafts(getattr(request, "user", None)):
        return compute()
    current = stamp(request)
    found = ListSummary.objects.filter(kind=kind, stamp=current).values_list("data", flat=True)
    for data in found:
        return data
    data = compute()
    # Replaced in place under the new stamp; another worker storing the same stamp at the
    # same moment stores the same value.
    ListSummary.objects.bulk_create(
        [ListSummary(kind=kind, stamp=current, data=data)],
        update_conflicts=True,
        unique_fields=["kind"],
        update_fields=["stamp", "data"],
    )
    return data


__all__ = ["stored"]
