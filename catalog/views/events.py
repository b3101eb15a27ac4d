"""Contact events: the chronological, filterable list and each event's page."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.models import ContactEvent, Document, EventEvidence, Participant
from catalog.publishing import linked_data
from catalog.views.filters import ContactEventFilter
from catalog.views.pages import (
    chronological,
    get_visible_or_redirect,
    page_query,
    paginate,
    visible_filter,
)

EVENTS_PER_PAGE = 50


def event_list(request: HttpRequest) -> HttpResponse:
    events = (
        ContactEvent.objects.visible_to(request.user)
        .select_related("place")
        .prefetch_related(
            Prefetch("participants", Participant.objects.select_related("person", "agency"))
        )
        .order_by(*chronological(), "date_latest", "title")
    )
    filterset = ContactEventFilter(request.GET or None, queryset=events, request=request)
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else events
    if filterset.is_bound and not filterset.is_valid():
        results = events.none()
    return render(
        request,
        "catalog/event_list.html",
        {
            "filter": filterset,
            "page": paginate(request, results, EVENTS_PER_PAGE),
            "page_query": page_query(request),
        },
    )


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_visible_or_redirect(
        request,
        ContactEvent,
        slug,
        ContactEvent.objects.select_related("place").prefetch_related(
            Prefetch("participants", Participant.objects.select_related("person", "agency"))
        ),
    )
    if isinstance(event, HttpResponse):
        return event
    user = request.user
    evidence = list(
        EventEvidence.objects.filter(
            event=event, **visible_filter(user, "translation__document__")
        ).select_related("translation__document", "translation__language")
    )
    documents = list(
        Document.objects.visible_to(user)
        .filter(translations__eventevidence__event=event)
        .distinct()
        .order_by(*chronological(), "title")
    )
    context = {
        "event": event,
        "evidence": evidence,
        "documents": documents,
        "json_ld": linked_data.event(event, request, documents),
    }
    return render(request, "catalog/event_detail.html", context)
