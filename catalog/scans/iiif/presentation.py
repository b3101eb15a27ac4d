"""The IIIF Presentation 3.0 manifest of a document: ``/documents/<slug>/manifest.json``.

Built with iiif-prezi3 (whose models check each part as it is made): the catalog's metadata
(title, date, archival reference, original languages, publisher, citation), the rights
statement (``rights`` only when the rights field gives a Creative Commons or
RightsStatements.org address, the only ones the specification allows there; the words
themselves always in ``requiredStatement``), and a canvas per scanned page, labelled as the
archival reference counts it, painted by the page's image service.

Each published text is linked to the pages it stands on (``TextPage``) by a supplementing
annotation whose body is the page's passage, in the text's language. The passage is read
through the withheld view like every public output: withheld passages read as their
placeholder, a text withheld whole is not quoted at all, a withheld page has no canvas, and
draft texts never appear. A withheld or draft document has no manifest (404), nor has a
document without a page to show.
"""

import json
import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from iiif_prezi3 import (
    Annotation,
    AnnotationBody,
    AnnotationPage,
    Canvas,
    Homepage,
    KeyValueString,
    LinkedResource,
    Manifest,
    ServiceV3,
    TextualBody,
)

from catalog.models import Document, ScanPage, Status, TextPage, Translation
from catalog.models.documents import document_prefetches
from catalog.publishing import citations
from catalog.restrictions import public
from catalog.scans.iiif import pyramid
from catalog.scans.iiif.views import PROFILE_LEVEL, service_id
from catalog.views import statements
from catalog.views.pages import find_visible, sees_drafts

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
THUMBNAIL_WIDTH = 200
_RIGHTS = re.compile(
    r"https?://(?:creativecommons\.org/(?:licenses|publicdomain)|rightsstatements\.org/vocab)"
    r"/[^\s<>\"')\]]+"
)


def rights_uri(rights: str) -> str | None:
    """The rights statement's address, when the rights field gives one the specification
    allows (in the ``http://`` form it asks for)."""
    match = _RIGHTS.search(rights or "")
    if match is None:
        return None
    uri = match.group(0).rstrip(".,;")
    return "http://" + uri.split("://", 1)[1]


def shown_pages(document: Document) -> list[ScanPage]:
    """The document's scanned pages the public may see, in order."""
    view = public.view()
    return [
        page
        for page in statements.instances(
            ("scan pages",),
            lambda pk: ScanPage.objects.filter(document=pk).order_by("position", "pk"),
            document.pk,
        )
        if page.width and page.height and not view.hides_scan_page(page.pk, document.pk)
    ]


def passages(document: Document, pages: list[ScanPage]) -> dict[int, list[tuple]]:
    """For each shown page: (text, passage as the public reads it) of each published text
    that marks where the page stands in it."""
    view = public.view()
    texts = {
        text.pk: text
        for text in Translation.objects.filter(
            document=document, status=Status.PUBLISHED
        ).select_related("language")
        if not view.hides_text(text.pk, document.pk)
    }
    found: dict[int, list[tuple]] = {}
    if not texts or not pages:
        return found
    redacted = {pk: view.redact(text) for pk, text in texts.items()}
    spans = TextPage.objects.filter(
        translation_id__in=list(texts), scan_page_id__in=[page.pk for page in pages]
    ).order_by("translation__kind", "translation_id", "start")
    for span in spans:
        start, end = shown_span(redacted[span.translation_id], span.start, span.end)
        passage = redacted[span.translation_id].text[start:end].strip()
        if passage:
            found.setdefault(span.scan_page_id, []).append((texts[span.translation_id], passage))
    return found


def shown_span(redacted, start: int, end: int) -> tuple[int, int]:
    """Where the span [start, end) of the full text stands in the text as the public reads
    it: a span beginning or ending inside withheld content takes in the whole placeholder."""
    for hidden_start, hidden_end in redacted._spans:
        if hidden_start < start < hidden_end:
            start = hidden_start
        if hidden_start < end < hidden_end:
            end = hidden_end
    length = len(redacted.text)
    return min(redacted.moved(start), length), min(redacted.moved(end), length)


def _lng(value: str, language: str = "en") -> dict:
    return {language: [value]}


def _metadata(document: Document, url: str) -> list[KeyValueString]:
    entries = [("Title", document.title)]
    when = document.date_display or document.date_as_written
    if when:
        entries.append(("Date", when[:1].upper() + when[1:]))
    for reference in document.archival_references.all():
        repository = reference.repository
        where = f"{repository.name}: " if repository else ""
        entries.append(("Archival reference", f"{where}{reference.as_written}"))
    languages = [language.name for language in document.original_languages.all()]
    if languages:
        entries.append(("Original language", ", ".join(languages)))
    if document.classification:
        entries.append(("Original classification", document.classification))
    if document.publisher:
        entries.append(("Publisher", document.publisher))
    entries.append(("Citation", citations.chicago(document, url)))
    return [KeyValueString(label=_lng(label), value=_lng(value)) for label, value in entries]


def _image_body(request, page: ScanPage, width: int, height: int, size: str) -> AnnotationBody:
    service = service_id(request, page)
    return AnnotationBody(
        id=f"{service}/full/{size}/0/default.jpg",
        type="Image",
        format="image/jpeg",
        width=width,
        height=height,
        service=[ServiceV3(id=service, type="ImageService3", profile=PROFILE_LEVEL)],
    )


def _thumbnail(request, page: ScanPage) -> AnnotationBody:
    choices = pyramid.sizes(page.width, page.height)
    width, height = next(((w, h) for w, h in reversed(choices) if w <= THUMBNAIL_WIDTH), choices[0])
    return _image_body(request, page, width, height, f"{width},{height}")


def _canvas(request, base: str, page: ScanPage, texts: list[tuple]) -> Canvas:
    canvas_id = f"{base}canvas/{page.pk}"
    painting = Annotation(
        id=f"{canvas_id}/image",
        motivation="painting",
        target=canvas_id,
        body=_image_body(request, page, page.width, page.height, "max"),
    )
    canvas = Canvas(
        id=canvas_id,
        label=_lng(page.display_label, "none"),
        width=page.width,
        height=page.height,
        items=[AnnotationPage(id=f"{canvas_id}/page", items=[painting])],
        thumbnail=[_thumbnail(request, page)],
    )
    if texts:
        canvas.annotations = [
            AnnotationPage(
                id=f"{canvas_id}/texts",
                items=[
                    Annotation(
                        id=f"{canvas_id}/text/{text.pk}",
                        motivation="supplementing",
                        label=_lng(f"{text.get_kind_display()} ({text.language.name})"),
                        target=canvas_id,
                        body=TextualBody(
                            value=passage, language=text.language.code, format="text/plain"
                        ),
                    )
                    for text, passage in texts
                ],
            )
        ]
    return canvas


def build(request: HttpRequest, document: Document, pages: list[ScanPage]) -> dict:
    """The manifest of ``document`` (with its prefetches) showing ``pages``."""
    page_url = request.build_absolute_uri(document.get_absolute_url())
    url = request.build_absolute_uri(reverse("catalog:document_manifest", args=[document.slug]))
    base = url.removesuffix("manifest.json")
    on_pages = passages(document, pages)
    manifest = Manifest(
        id=url,
        label=_lng(document.title),
        metadata=_metadata(document, page_url),
        homepage=[
            Homepage(id=page_url, type="Text", label=_lng(document.title), format="text/html")
        ],
        items=[_canvas(request, base, page, on_pages.get(page.pk, [])) for page in pages],
        thumbnail=[_thumbnail(request, pages[0])],
    )
    if document.summary:
        manifest.summary = _lng(document.summary)
    statement = document.rights or document.credits
    if statement:
        manifest.requiredStatement = KeyValueString(
            label=_lng("Rights" if document.rights else "Attribution"), value=_lng(statement)
        )
    uri = rights_uri(document.rights)
    if uri:
        manifest.rights = uri
    if document.date_earliest:
        manifest.navDate = f"{document.date_earliest.isoformat()}T00:00:00Z"
    if document.is_published:
        manifest.seeAlso = [
            LinkedResource(
                id=request.build_absolute_uri(
                    reverse("catalog:document_ead", args=[document.slug])
                ),
                type="Dataset",
                format="application/xml",
                profile="https://www.loc.gov/ead/",
                label=_lng("EAD 3 description"),
            )
        ]
    data = json.loads(manifest.jsonld())
    data["@context"] = CONTEXT
    return data


def document_manifest(request: HttpRequest, slug: str) -> HttpResponse:
    """The manifest, for the published documents with a page to show (staff: drafts too)."""
    documents = Document.objects.prefetch_related(*document_prefetches())
    document, moved = find_visible(request, Document, slug, documents)
    if moved:
        return redirect(reverse("catalog:document_manifest", args=[document.slug]), permanent=True)
    pages = shown_pages(document)
    if not pages:
        raise Http404("This document has no scanned page to show.")
    response = HttpResponse(
        json.dumps(build(request, document, pages), indent=2, ensure_ascii=False),
        content_type=f'application/ld+json;profile="{CONTEXT}"',
    )
    if not sees_drafts(request.user):
        response["Access-Control-Allow-Origin"] = "*"
    return response
