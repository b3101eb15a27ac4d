"""Subjects and places: index pages, and the documents and events under each."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from catalog.models import ContactEvent, Document, Place, Subject
from catalog.views.pages import chronological, page_query, paginate, visible_filter

DOCUMENTS_PER_PAGE = 50


def subject_list(request: HttpRequest) -> HttpResponse:
    visible = Q(**visible_filter(request.user, "documents__"))
    subjects = Subject.objects.annotate(document_count=Count("documents", filter=visible))
    return render(request, "catalog/subject_list.html", {"subjects": subjects})


def subject_detail(request: HttpRequest, slug: str) -> HttpResponse:
    subject = get_object_or_404(Subject, slug=slug)
    documents = Document.objects.visible_to(request.user).filter(subjects=subject)
    return render(
        request,
        "catalog/subject_detail.html",
        {
            "subject": subject,
            "page": paginate(
                request, documents.order_by(*chronological(), "title"), DOCUMENTS_PER_PAGE
            ),
            "page_query": page_query(request),
        },
    )


def place_list(request: HttpRequest) -> HttpResponse:
    """Places under the larger places they lie in: countries first, then their cities."""
    user = request.user
    places = list(
        Place.objects.annotate(
            document_count=Count(
                "documents", filter=Q(**visible_filter(user, "documents__")), distinct=True
            ),
            event_count=Count(
                "events", filter=Q(**visible_filter(user, "events__")), distinct=True
            ),
        ).order_by("name")
    )
    known = {place.pk for place in places}
    children: dict = {}
    for place in places:
        children.setdefault(place.parent_id if place.parent_id in known else None, []).append(place)

    def tree(place, depth=0):
        yield place, depth
        for child in children.get(place.pk, []):
            yield from tree(child, depth + 1)

    rows = [row for place in children.get(None, []) for row in tree(place)]
    return render(request, "catalog/place_list.html", {"rows": rows})


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("parent"), slug=slug)
    user = request.user
    documents = Document.objects.visible_to(user).filter(places=place)
    events = (
        ContactEvent.objects.visible_to(user)
        .filter(place=place)
        .order_by(*chronological(), "title")
    )
    return render(
        request,
        "catalog/place_detail.html",
        {
            "place": place,
            "children": place.children.order_by("name"),
            "events": events,
            "page": paginate(
                request, documents.order_by(*chronological(), "title"), DOCUMENTS_PER_PAGE
            ),
            "page_query": page_query(request),
        },
    )
