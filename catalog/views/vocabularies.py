"""Subjects and places: index pages, and the documents and events under each."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from catalog.caching import cached
from catalog.caching.counts import counts, stored_total
from catalog.models import ContactEvent, Document, Place, Subject
from catalog.publishing import linked_data
from catalog.views.hierarchy import tree_rows
from catalog.views.pages import chronological, page_query, paginate
from catalog.views.sections import EVENT_COLUMNS, documents_of, section

ROWS_PER_PAGE = 200


def count_per(rows: QuerySet, column: str) -> Coalesce:
    """How many of ``rows`` point at the outer record through ``column``, as a correlated
    subquery: counting through joins would multiply the rows of every other count."""
    counted = (
        rows.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(n=Count("*"))
    )
    return Coalesce(Subquery(counted.values("n")), 0)


def subject_list(request: HttpRequest) -> HttpResponse:
    """Subjects by name, each with its number of documents (counted for the page's rows)."""
    page = paginate(request, Subject.objects.order_by("name", "pk"), ROWS_PER_PAGE)
    found = counts(request, "subject-documents", [subject.pk for subject in page])
    for subject in page:
        subject.document_count = found[subject.pk]
    context = {"page": page, "page_query": page_query(request)}
    return render(request, "catalog/subject_list.html", context)


def subject_detail(request: HttpRequest, slug: str) -> HttpResponse:
    subject = get_object_or_404(Subject, slug=slug)
    links = Document.subjects.through.objects.filter(subject=subject)
    documents = Document.objects.visible_to(request.user)
    return render(
        request,
        "catalog/subject_detail.html",
        {
            "subject": subject,
            "json_ld": linked_data.subject(subject, request),
            "page": documents_of(request, documents, links, "subject-documents", subject.pk),
        },
    )


def place_list(request: HttpRequest) -> HttpResponse:
    """Places under the larger places they lie in: countries first, then their cities.

    The tree is drawn from the places' names alone; documents and events are counted for
    the places of the page shown only."""
    places = Place.objects.only("pk", "parent_id", "name", "slug", "kind").order_by("name", "pk")
    page = paginate(
        request, cached(request, ("place-rows",), lambda: tree_rows(list(places))), ROWS_PER_PAGE
    )
    ids = [place.pk for place, _ in page]
    documents = counts(request, "place-documents", ids)
    events = counts(request, "place-events", ids)
    for place, _ in page:
        place.document_count = documents[place.pk]
        place.event_count = events[place.pk]
    context = {"page": page, "page_query": page_query(request)}
    return render(request, "catalog/place_list.html", context)


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("parent"), slug=slug)
    user = request.user
    links = Document.places.through.objects.filter(place=place)
    documents = Document.objects.visible_to(user)
    events = (
        ContactEvent.objects.visible_to(user)
        .filter(place=place)
        .only(*EVENT_COLUMNS)
        .order_by(*chronological(), "title", "pk")
    )
    return render(
        request,
        "catalog/place_detail.html",
        {
            "place": place,
            "json_ld": linked_data.place(place, request),
            "children": place.children.order_by("name"),
            "events": section(
                request, events, "events", total=stored_total(request, "place-events", place.pk)
            ),
            "page": documents_of(request, documents, links, "place-documents", place.pk),
        },
    )
