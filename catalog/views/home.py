"""The home page: what the catalog holds, what is new, and when the contacts happened."""

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
    user = request.user
    documents = Document.objects.visible_to(user)
    events = ContactEvent.objects.visible_to(user)
    context = {
        "counts": {
            "documents": documents.count(),
            "persons": Person.objects.visible_to(user).count(),
            "agencies": Agency.objects.visible_to(user).count(),
            "events": events.count(),
        },
        "recent": documents.order_by("-created", "-pk")[:RECENT],
        "chart": timeline.years(events),
        # Each subject is looked up once, until its first visible document (EXISTS), rather
        # than joining every document's subjects and dropping the repeats.
        "subjects": Subject.objects.filter(
            Exists(
                Document.subjects.through.objects.filter(
                    visible_q(user, "document__"), subject=OuterRef("pk")
                )
            )
        ).order_by("name"),
        "collections": _collections(user),
    }
    return render(request, "catalog/home.html", context)


def _collections(user) -> list:
    """The first collections by title, each with the number of documents the visitor sees in
    it, and one more to tell whether there are others (one query)."""
    members = CollectionDocument.objects.filter(visible_q(user, "document__"))
    return list(
        Collection.objects.visible_to(user)
        .annotate(document_count=count_per(members, "collection"))
        .order_by("title", "pk")[: COLLECTIONS + 1]
    )
