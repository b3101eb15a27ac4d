"""Collections: the list of them, and a collection's page with its documents in order."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from catalog.models import Collection, CollectionDocument
from catalog.publishing import linked_data
from catalog.views.pages import find_visible, page_query, paginate, visible_q
from catalog.views.vocabularies import count_per

COLLECTIONS_PER_PAGE = 50
DOCUMENTS_PER_PAGE = 100


def collection_list(request: HttpRequest) -> HttpResponse:
    """Visible collections by title, each with the number of documents a visitor sees in it."""
    user = request.user
    visible_members = CollectionDocument.objects.filter(visible_q(user, "document__"))
    collections = (
        Collection.objects.visible_to(user)
        .annotate(document_count=count_per(visible_members, "collection"))
        .order_by("title", "pk")
    )
    context = {
        "page": paginate(request, collections, COLLECTIONS_PER_PAGE),
        "page_query": page_query(request),
    }
    return render(request, "catalog/collection_list.html", context)


def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collection, moved = find_visible(request, Collection, slug)
    if moved:
        return redirect(collection, permanent=True)
    memberships = (
        CollectionDocument.objects.filter(
            visible_q(request.user, "document__"), collection=collection
        )
        .select_related("document")
        .order_by("position", "pk")
    )
    page = paginate(request, memberships, DOCUMENTS_PER_PAGE)
    documents = [membership.document for membership in page]
    context = {
        "collection": collection,
        "page": page,
        "page_query": page_query(request),
        "first_number": page.start_index(),
        "json_ld": linked_data.collection(collection, request, documents),
    }
    return render(request, "catalog/collection_detail.html", context)
