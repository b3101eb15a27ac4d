"""Public record pages: anonymous visitors see only what is published."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from catalog.models import Agency, ContactEvent, Document, Person, RetiredSlug


def get_visible_or_redirect(request: HttpRequest, model, slug: str, queryset=None):
    """The visible record with ``slug``, or a redirect from a retired slug, or 404."""
    queryset = (queryset if queryset is not None else model.objects).visible_to(request.user)
    record = queryset.filter(slug=slug).first()
    if record is not None:
        return record
    successor = RetiredSlug.lookup(model, slug)
    if successor is not None and queryset.filter(pk=successor.pk).exists():
        return redirect(successor, permanent=True)
    raise Http404(f"No {model._meta.verbose_name} at this address.")


def home(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.visible_to(request.user).order_by("-created")[:10]
    return render(request, "catalog/home.html", {"documents": documents})


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_visible_or_redirect(
        request,
        Document,
        slug,
        Document.objects.prefetch_related(
            "translations__language", "archival_references__repository", "original_languages"
        ),
    )
    if isinstance(document, HttpResponse):
        return document
    return render(request, "catalog/document_detail.html", {"document": document})


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_visible_or_redirect(request, Person, slug)
    if isinstance(person, HttpResponse):
        return person
    return render(request, "catalog/person_detail.html", {"person": person})


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_visible_or_redirect(request, Agency, slug)
    if isinstance(agency, HttpResponse):
        return agency
    return render(request, "catalog/agency_detail.html", {"agency": agency})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_visible_or_redirect(request, ContactEvent, slug)
    if isinstance(event, HttpResponse):
        return event
    return render(request, "catalog/event_detail.html", {"event": event})
