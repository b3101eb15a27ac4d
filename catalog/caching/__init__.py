"""Caching where it is safe: nothing cached outlives a change to the catalog.

- ``version``: a token that every write to a catalog table replaces, once its transaction
  has committed. A write is seen at the database connection (an execute wrapper), so that
  saves, ``QuerySet.update``, bulk imports and raw SQL all count, and no code path can
  forget to invalidate.
- ``store.cached``: computed values and rendered fragments in Django's cache, keyed by the
  catalog version and the code's release; staff bypass it.
- ``middleware``: ETags on public pages for anonymous visitors, answered with 304 Not
  Modified before the view runs when the visitor's copy is still current.
"""

from catalog.caching.store import cached

__all__ = ["cached"]
