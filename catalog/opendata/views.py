"""Downloads of the exchange formats from the record pages: a document's EAD 3 and a
person's or agency's EAC-CPF 2.0, for published records only, not withheld (a draft is a 404 for
everyone here: these are files for other archives, not previews)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from catalog.models import Agency, Document, Person, RetiredSlug, Status
from catalog.opendata.common import Context
from catalog.opendata.eac import AuthorityFacts, eac
from catalog.opendata.ead import DocumentFacts, ead
from catalog.opendata.xml import serialise
from catalog.restrictions import public

CONTENT_TYPE = "application/xml; charset=utf-8"


def _published(model, slug: str, url_name: str):
    """(record, None) for a published record, (None, redirect) for a retired slug."""
    record = model.objects.filter(slug=slug, status=Status.PUBLISHED).first()
    if record is not None and not public.hides(record):
        return record, None
    successor = RetiredSlug.lookup(model, slug)
    if (
        successor is not None
        and successor.status == Status.PUBLISHED
        and not public.hides(successor)
    ):
        return None, redirect(reverse(url_name, args=[successor.slug]), permanent=True)
    raise Http404(f"No published {model._meta.verbose_name} at this address.")


def _download(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def document_ead(request: HttpRequest, slug: str) -> HttpResponse:
    document, moved = _published(Document, slug, "catalog:document_ead")
    if moved:
        return moved
    tree = ead(document, DocumentFacts.load([document]), Context(request.build_absolute_uri))
    return _download(serialise(tree), f"{document.slug}.ead.xml")


def person_eac(request: HttpRequest, slug: str) -> HttpResponse:
    return _authority(request, Person, slug, "catalog:person_eac")


def agency_eac(request: HttpRequest, slug: str) -> HttpResponse:
    return _authority(request, Agency, slug, "catalog:agency_eac")


def _authority(request, model, slug: str, url_name: str) -> HttpResponse:
    record, moved = _published(model, slug, url_name)
    if moved:
        return moved
    tree = eac(record, AuthorityFacts.load([record]), Context(request.build_absolute_uri))
    return _download(serialise(tree), f"{record.slug}.eac.xml")
