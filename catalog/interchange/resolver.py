"""Natural keys to database ids: one query per batch and link, with a bounded cache.

Vocabularies (languages, subjects, places) are named again and again; the cache answers them
without a query. It is cleared when it grows past its limit, so memory stays bounded however
many records an import names.
"""

from __future__ import annotations

from catalog.interchange.schema import RecordType


def key_of(values) -> tuple[str, ...]:
    """A natural key as the CSV writes it: text, with an empty string for a missing link."""
    return tuple("" if v is None else str(v) for v in values)


class KeyResolver:
    def __init__(self, limit: int = 50_000):
        self.limit = limit
        self._cache: dict[str, dict[tuple, int]] = {}

    def resolve(self, target: RecordType, keys: set[tuple]) -> dict[tuple, int]:
        """Ids of the records of ``target`` with these natural keys; unknown keys left out."""
        cache = self._cache.setdefault(target.name, {})
        missing = {key for key in keys if key not in cache}
        if missing:
            if len(cache) + len(missing) > self.limit:
                cache.clear()
            first = target.key_paths[0]
            queryset = target.model._default_manager.filter(
                **{f"{first}__in": {key[0] for key in missing}}
            ).values_list("pk", *target.key_paths)
            for pk, *values in queryset:
                cache[key_of(values)] = pk
        return {key: cache[key] for key in keys if key in cache}

    def forget(self, target: RecordType) -> None:
        """Drop what is known of ``target``, after its keys changed (a renamed slug)."""
        self._cache.pop(target.name, None)
