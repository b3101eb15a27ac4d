"""The home page: what the catalog holds, what is new, and when the contacts happened."""

from django.db.models import Count, Exists, OuterRef, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.caching.summaries import stored
from catalog.models import (
    Agency,
    Collection,
    CollectionDocument,
    ContactEvent,
    Document,
    Person,
    Subject,
)
from catalog.views import timeline
from catalog.views.pages import visible_q
from catalog.views.vocabularies import count_per

RECENT = 10
COLLECTIONS = 6


def home(request: HttpRequest) -> HttpResponse:
    whole = stored(request, "home", lambda: _whole_catalog(request.user))
    collections = []
    for pk, slug, title, status, count in whole["collections"]:
        collection = Collection(pk=pk, slug=slug, title=title, status=status)
        collection.document_count = count
        collections.append(collection)
    context = {
        "counts": whole["counts"],
        "recent": Document.objects.visible_to(request.user).order_by("-created", "-pk")[:RECENT],
        "chart": timeline.chart(whole["chart"]),
        "subjects": [Subject(pk=pk, slug=slug, name=name) for pk, slug, name in whole["subjects"]],
        "collections": collections,
    }
    return render(request, "catalog/home.html", context)


def _whole_catalog(user) -> dict:
    """What the home page counts and lists over the whole catalog, as JSON: stored once per
    catalog stamp for the public (``caching.summaries``), for each count is a pass over every
    visible record of its kind; the page then reads it in one query."""
    events = ContactEvent.objects.visible_to(user)
    # Each subject is looked up once, until its first visible document (EXISTS), rather
    # than joining every document's subjects and dropping the repeats.
    subjects = Subject.objects.filter(
        Exists(
            Document.subjects.through.objects.filter(
                visible_q(user, "document__"), subject=OuterRef("pk")
            )
        )
    ).order_by("name")
    return {
        "counts": _counts(user),
        "chart": timeline.year_rows(events),
        "subjects": [list(row) for row in subjects.values_list("pk", "slug", "name")],
        "collections": [
            [record.pk, record.slug, record.title, record.status, record.document_count]
            for record in _collections(user)
        ],
    }


def _counts(user) -> dict[str, int]:
    """The visible documents, persons, agencies and contact events: one statement."""
    kinds = {"documents": Document, "persons": Person, "agencies": Agency, "events": ContactEvent}
    first, *rest = [
        model.objects.visible_to(user)
        .order_by()
        .values(counted=Value(kind))
        .annotate(n=Count("*"))
        .values_list("counted", "n")
        for kind, model in kinds.items()
    ]
    return dict.fromkeys(kinds, 0) | dict(first.union(*rest, all=True))


def _collections(user) -> list:
    """The first collections by title, each with the number of documents the visitor sees in
    it, and one more to tell whether there are others (one query)."""
    members = CollectionDocument.objects.filter(visible_q(user, "document__"))
    return list(
        Collection.objects.visible_to(user)
        .annotate(document_count=count_per(members, "collection"))
        .order_by("title", "pk")[: COLLECTIONS + 1]
    )
