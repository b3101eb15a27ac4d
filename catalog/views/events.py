"""Contact events: the chronological, filterable list and each event's page."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from catalog.caching import counts
from catalog.models import Agency, ContactEvent, Document, EventEvidence, Participant, Person
from catalog.publishing import linked_data
from catalog.restrictions import public
from catalog.views.filters import ContactEventFilter, filtered
from catalog.views.pages import (
    chronological,
    get_visible_or_redirect,
    page_query,
    paginate,
    visible_q,
)

EVENTS_PER_PAGE = 50


def event_list(request: HttpRequest) -> HttpResponse:
    moved = _slugs_for_ids(request)
    if moved is not None:
        return moved
    events = (
        ContactEvent.objects.visible_to(request.user)
        .select_related("place")
        .prefetch_related(
            Prefetch("participants", Participant.objects.select_related("person", "agency"))
        )
        .order_by(*chronological(), "date_latest", "title", "pk")
    )
    filterset = ContactEventFilter(request.GET or None, queryset=events, request=request)
    # Unfiltered, the total is the whole catalog's: stored for the public with the counts
    # the filters' choices are ranked by (``caching.counts``), not counted on each request.
    total = None if _filtering(request) else counts.counts(request, "events", [counts.ALL])
    return render(
        request,
        "catalog/event_list.html",
        {
            "filter": filterset,
            "page": paginate(
                request,
                filtered(filterset, events),
                EVENTS_PER_PAGE,
                None if total is None else total[counts.ALL],
            ),
            "page_query": page_query(request),
        },
    )


def _filtering(request: HttpRequest) -> bool:
    """Whether the address asks for a filter (``?page=`` alone does not)."""
    filters = ContactEventFilter.base_filters
    return any(value for name, value in request.GET.items() if name in filters)


def _slugs_for_ids(request: HttpRequest) -> HttpResponse | None:
    """Addresses from before filters took slugs (``?person=2``) move to the slug of the
    visible record with that id; an id that names nothing visible is left for the form
    to refuse."""
    query = request.GET.copy()
    changed = False
    for field, model in (("person", Person), ("agency", Agency)):
        value = query.get(field, "")
        if not value.isdigit():
            continue
        records = model.objects.visible_to(request.user)
        if records.filter(slug=value).exists():
            continue
        slug = records.filter(pk=int(value)).values_list("slug", flat=True).first()
        if slug is not None:
            query[field] = slug
            changed = True
    if not changed:
        return None
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")


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
    evidence = public.shown_passages(
        EventEvidence.objects.filter(
            visible_q(user, "translation__document__"), event=event
        ).select_related("translation__document", "translation__language")
    )
    documents = list(
        Document.objects.visible_to(user)
        .filter(translations__eventevidence__event=event)
        .distinct()
        .order_by(*chronological(), "title")
    )
    # Only the documents whose evidence of it is not withheld.
    attesting = {passage.translation.document_id for passage in evidence}
    documents = [document for document in documents if document.pk in attesting]
    context = {
        "event": event,
        "evidence": evidence,
        "documents": documents,
        "json_ld": linked_data.event(event, request, documents),
    }
    return render(request, "catalog/event_detail.html", context)
