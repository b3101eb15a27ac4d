"""Files of format 1.0 named a text by its kind and language; 1.1 names it by its slug.

A document may now hold several texts of one kind and language (a second translation by
another hand), so a text is named by the slug it has in its document ('translation-en',
'translation-en-2'). Each text the catalog held when slugs came in got the slug its kind and
language give it (migration 0017), so a 1.0 file's ``text_kind`` and ``text_language`` columns
still name the same text: they are read as that slug.
"""

from __future__ import annotations

from collections.abc import Callable

from catalog.models.documents import text_slug_base

#: (the old columns, the new one) in files whose rows point into a text.
OLD_COLUMNS = ("text_kind", "text_language")


def upgrade(
    record_name: str, headers: list[str]
) -> tuple[list[str], Callable[[list[str]], list[str]]]:
    """The headers as format 1.1 has them, and a function rewriting a row's cells alike.
    Headers of format 1.1 come back unchanged."""
    if record_name == "translations":
        # translations.csv: the slug is made from the text's own kind and language.
        old, new, dropped = ("kind", "language"), "slug", ()
    else:
        old, new, dropped = OLD_COLUMNS, "text", OLD_COLUMNS
    if not all(name in headers for name in old) or new in headers:
        return headers, lambda cells: cells
    kind_at, language_at = (headers.index(name) for name in old)
    kept = [i for i, name in enumerate(headers) if name not in dropped]
    new_headers = [headers[i] for i in kept] + [new]

    def rewrite(cells: list[str]) -> list[str]:
        if len(cells) != len(headers):
            return cells  # the importer reports the row's length
        kind, language = cells[kind_at].strip(), cells[language_at].strip()
        slug = text_slug_base(kind, language) if kind or language else ""
        return [cells[i] for i in kept] + [slug]

    return new_headers, rewrite
