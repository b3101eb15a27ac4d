"""The document list as CSV: the same filters as the page, every row, streamed."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

from catalog.exports.safety import neutralise_formula
from catalog.restrictions import public

HEADER = [
    "title",
    "date",
    "edtf",
    "publisher_record_id",
    "url",
    "archival_references",
    "languages",
    "summary",
]
CHUNK_SIZE = 500


class _Echo:
    """A file-like object whose write() hands the line back to the generator."""

    def write(self, value: str) -> str:
        return value


def document_row(document, request: HttpRequest) -> list[str]:
    languages = [language.name for language in document.original_languages.all()]
    for translation in public.shown_texts(document.translations.all()):
        if translation.language.name not in languages:
            languages.append(translation.language.name)
    return [
        document.title,
        document.date_display or document.date_as_written,
        document.date,
        document.publisher_record_id,
        request.build_absolute_uri(document.get_absolute_url()),
        "; ".join(reference.as_written for reference in document.archival_references.all()),
        "; ".join(languages),
        document.summary,
    ]


def csv_documents(documents: QuerySet) -> QuerySet:
    """The documents with what their rows need, fetched a chunk at a time."""
    return documents.prefetch_related(
        "original_languages", "translations__language", "archival_references"
    )


def rows(documents: Iterable, request: HttpRequest) -> Iterator[list[str]]:
    yield HEADER
    for document in documents:
        yield [neutralise_formula(str(cell)) for cell in document_row(document, request)]


def csv_response(documents: Iterable, request: HttpRequest, filename: str) -> StreamingHttpResponse:
    """Stream ``documents`` (an iterator: use ``csv_documents`` and chunks) as CSV."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows(documents, request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
