"""The home page: what the catalog holds, what is new, and when the contacts happened."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.models import Agency, ContactEvent, Document, Person, Subject
from catalog.views import timeline

RECENT = 10


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
        "subjects": Subject.objects.filter(documents__in=documents).distinct().order_by("name"),
    }
    return render(request, "catalog/home.html", context)
