"""What the public pages show of withheld content: the placeholder's place and title in a
redacted text, and the page of a document withheld whole.

A document under restriction answers 451 Unavailable For Legal Reasons (RFC 7725) with its
title, the year it is withheld until and why in general terms: the title is catalog
metadata, the archive's own description, which a document restriction does not cover
(a title that itself named a person would be a matter for the cataloguer, not for the
restriction). Nothing else of it is shown, and no list, search, feed, sitemap, API or
harvest shows it at all. A person withheld whole is not found (404), like a record that was
never public: a 451 would tell that the archive holds personal data on whoever the address
names, which is itself what the restriction protects.
"""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.models import Document, RetiredSlug
from catalog.restrictions import public, withheld

PLACEHOLDER_TITLE = (
    "Personal data withheld under the Stasi Records Act (StUG §§ 32, 34) and the Federal "
    "Archives Act (BArchG § 11): it is published once the protection period ends."
)
_PLACEHOLDER = re.compile(r"\[personal data withheld(?: until \d{4})?\]")


def placeholders(redacted: withheld.Redacted) -> list[tuple[int, int]]:
    """(start, end) of each placeholder in ``redacted.text``."""
    found = []
    for start, _ in redacted._spans:
        match = _PLACEHOLDER.match(redacted.text, redacted.moved(start))
        if match:
            found.append(match.span())
    return found


def document_withheld(request: HttpRequest, slug: str) -> HttpResponse:
    """The 451 page of a published document withheld whole; 404 for any other slug."""
    view = public.view()
    document = Document.objects.published().filter(slug=slug).first()
    if document is None:
        document = RetiredSlug.lookup(Document, slug)
    if document is None or not document.is_published or not view.hides_document(document.pk):
        raise Http404("No document at this address.")
    lifts = view.documents[document.pk]
    context = {
        "document": document,
        "placeholder": view.document_placeholder(document.pk),
        "lifts_year": lifts.year if lifts else None,
        "explanation": PLACEHOLDER_TITLE,
    }
    return render(request, "catalog/document_withheld.html", context, status=451)
