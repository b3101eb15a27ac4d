"""A document as unqualified Dublin Core (``oai_dc``), the format every OAI-PMH harvester
reads. It says less than the EAD: one value per element and no structure, so the
archival reference goes into ``dc:source`` and the place and subject terms into
``dc:coverage`` and ``dc:subject``."""

from __future__ import annotations

from django.urls import reverse
from lxml import etree

from catalog.models import Status
from catalog.models.base import web_url
from catalog.models.provenance import document_publisher_address
from catalog.opendata.common import Context
from catalog.opendata.ead import DocumentFacts
from catalog.opendata.xml import element, sub
from catalog.restrictions import public

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def dublin_core(document, facts: DocumentFacts, ctx: Context) -> etree._Element:
    root = element(OAI_DC, "dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {SCHEMA}")

    def dc(name: str, value: str) -> None:
        if value:
            sub(root, f"{{{DC}}}{name}", value)

    dc("title", document.title)
    for agency in facts.originators(document):
        dc("creator", agency.name)
    for subject in document.subjects.all():
        dc("subject", subject.name)
    dc("description", document.summary)
    dc("publisher", document.publisher)
    for translation in public.shown_texts(document.translations.all()):
        translator = translation.translator
        if translator is not None and translator.status == Status.PUBLISHED:
            dc("contributor", translator.preferred_name)
    dc("date", document.date)
    dc("type", "Text")
    dc("identifier", ctx.url(document))
    for reference in document.archival_references.all():
        holder = reference.repository
        dc("source", f"{holder.name}: {reference.as_written}" if holder else reference.as_written)
    for language in document.original_languages.all():
        dc("language", language.code)
    for place in document.places.all():
        dc("coverage", place.name)
    dc("relation", web_url(document_publisher_address(document).permanent))
    dc("relation", ctx.absolute(reverse("catalog:document_ead", args=[document.slug])))
    dc("rights", document.rights)
    return root
