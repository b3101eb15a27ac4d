"""A document's page reads the document and its small many-to-many lists in one statement.

The page shows the document's original languages, subjects, places and collections, and
each text's other translators. Read as prefetches, each is a query of its own (five, whatever
their length); here each is a correlated sub-select that returns its rows as one JSON array
(``json_group_array`` on SQLite, ``jsonb_agg`` on PostgreSQL), read with the document or with
its texts, and turned back into model instances placed where ``prefetch_related`` would have
put them, so that ``document.subjects.all()`` and the like read no more. Every concrete
field is read, so an instance is complete; values go through each field's ``to_python``.
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Aggregate, F, Func, OuterRef, Prefetch, Subquery, TextField
from django.utils import timezone

from catalog.models import Collection, Document, Language, Person, Place, Subject, Translation
from catalog.models.provenance import ArchivalReference
from catalog.related import stored
from catalog.restrictions import public
from catalog.views import statements
from catalog.views.pages import sees_drafts, visible_filter

PREFIX = "_rows_"


class JSONRow(Func):
    """A row as a JSON object of ``fields`` (key: field path). Django's ``JSONObject`` would
    do, but on SQLite it first probes the JSON1 extension, three queries per connection."""

    function = "JSON_OBJECT"
    output_field = TextField()

    def __init__(self, **fields):
        for key in fields:
            if not key.isidentifier():
                raise ValueError(f"not a field name: {key!r}")
        self.keys = list(fields)
        super().__init__(*(F(path) for path in fields.values()))

    def as_sql(self, compiler, connection, function=None, **extra_context):
        parts, params = [], []
        for key, expression in zip(self.keys, self.get_source_expressions(), strict=True):
            sql, found = compiler.compile(expression)
            parts.append(f"'{key}', {sql}")
            params.extend(found)
        return f"{function or self.function}({', '.join(parts)})", params

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_BUILD_OBJECT")


class JSONRows(Aggregate):
    """The grouped rows as one JSON array, as text."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)
        return f"({sql})::text", params


def rows(through, key: str, model, path: str, **conditions) -> Subquery:
    """The rows of ``model`` reached from ``through`` (a link table) at ``path``, for the
    record that ``key`` names in the outer query, as one JSON array (NULL when none)."""
    fields = {f.attname: f"{path}__{f.attname}" for f in model._meta.concrete_fields}
    grouped = (
        through.objects.filter(**{key: OuterRef("pk")}, **conditions)
        .order_by()
        .values(key)
        .annotate(found=JSONRows(JSONRow(**fields)))
        .values("found")
    )
    return Subquery(grouped, output_field=TextField())


def instances(model, found) -> list:
    """Model instances from the JSON array ``rows`` gave, in the model's own order."""
    if isinstance(found, str):
        found = json.loads(found)
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    records, seen = [], set()
    for row in found or ():
        values = [_value(field, row.get(field.attname)) for field in fields]
        record = model.from_db(DEFAULT_DB_ALIAS, names, values)
        if record.pk not in seen:
            seen.add(record.pk)
            records.append(record)
    ordering = [name for name in model._meta.ordering if not name.startswith("-")]
    records.sort(key=lambda r: tuple(_sortable(getattr(r, name)) for name in ordering))
    return records


def _value(field, value):
    value = field.to_python(value)
    if isinstance(value, datetime.datetime) and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def _sortable(value):
    return (value is None, value if value is not None else "")


def _place(record, manager_name: str, records: list) -> None:
    """Put ``records`` where ``prefetch_related(manager_name)`` would have."""
    manager = getattr(record, manager_name)
    # Where prefetch_related keeps them: many-to-many managers name it, reverse ones do not.
    name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    queryset = manager.model._default_manager.get_queryset()
    queryset._result_cache = records
    queryset._prefetch_done = True
    if not hasattr(record, "_prefetched_objects_cache"):
        record._prefetched_objects_cache = {}
    record._prefetched_objects_cache[name] = queryset


def _page_lists(user) -> dict:
    others = rows(Translation.other_translators.through, "translation", Person, "person")
    return {
        "documents": Document.objects.annotate(
            **{
                f"{PREFIX}original_languages": rows(
                    Document.original_languages.through, "document", Language, "language"
                ),
                f"{PREFIX}subjects": rows(
                    Document.subjects.through, "document", Subject, "subject"
                ),
                f"{PREFIX}places": rows(Document.places.through, "document", Place, "place"),
                f"{PREFIX}collections": rows(
                    Collection.documents.through,
                    "document",
                    Collection,
                    "collection",
                    **visible_filter(user, "collection__"),
                ),
            }
        ),
        "texts": Translation.objects.select_related(
            "language", "translator", "commissioned_by"
        ).annotate(**{f"{PREFIX}other_translators": others}),
        "references": ArchivalReference.objects.select_related("repository"),
    }


def page_document(user, slug: str, stamp: str | None = None) -> Document | None:
    """The document at ``slug`` that ``user`` may see, read as ``page_documents`` reads it,
    in three statements compiled once per connection (``catalog.views.statements``); None
    when no visible document has that slug now (a retired slug: ``page_documents``).
    With ``stamp`` (the public's), the document also carries its related documents as
    stored under that stamp, if they are (``related.stored``)."""
    drafts = sees_drafts(user)
    withheld = tuple(sorted(public.view().documents))

    def build(slug, *stamp):
        documents = _page_lists(user)["documents"].visible_to(user).filter(slug=slug)
        if stamp:
            documents = documents.annotate(**{stored.ANNOTATION: stored.annotation(*stamp)})
        return documents[:1]

    values = (slug,) if stamp is None or drafts else (slug, stamp)
    found = statements.instances(("page document", drafts, withheld), build, *values)
    if not found:
        return None
    document = found[0]
    lists = (
        ("page texts", "texts", "translations"),
        ("page references", "references", "archival_references"),
    )
    for key, name, manager in lists:
        records = statements.instances(
            (key,),
            lambda pk, name=name: _page_lists(user)[name].filter(document_id=pk),
            document.pk,
        )
        for record in records:
            record._state.fields_cache["document"] = document
        _place(document, manager, records)
    return document


def page_documents(user):
    """Documents with what their page reads: texts (with language, translators and the
    other translators), archival references with repositories, and, in the same statement
    as the document, its original languages, subjects, places and the collections ``user``
    may see. Call ``unfold`` on the document read."""
    lists = _page_lists(user)
    return lists["documents"].prefetch_related(
        Prefetch("translations", lists["texts"]),
        Prefetch("archival_references", lists["references"]),
    )


def unfold(document: Document) -> list[Collection]:
    """Place the lists read by ``page_documents`` on ``document`` and its texts; return its
    collections (those the reader may see, by title)."""
    for name, model in (("original_languages", Language), ("subjects", Subject), ("places", Place)):
        _place(document, name, instances(model, getattr(document, PREFIX + name)))
    for translation in document.translations.all():
        found = getattr(translation, f"{PREFIX}other_translators", None)
        _place(translation, "other_translators", instances(Person, found))
    return instances(Collection, getattr(document, f"{PREFIX}collections"))
