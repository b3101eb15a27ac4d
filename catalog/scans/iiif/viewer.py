"""What the scan viewer on a document's page needs: the pages to show (their image services
and labels), the manifest's address, and where each page begins in each text, so that the
page's passage can be marked and highlighted beside the scan.

The pages and breaks are those the manifest shows (``presentation``): no withheld page, no
draft text, and each break placed in the text as the public reads it (withheld passages as
their placeholder).
"""

from django.urls import reverse

from catalog.models import Status, TextPage
from catalog.restrictions import public
from catalog.scans.iiif.presentation import shown_pages, shown_span
from catalog.views import annotated_text


def context(request, document) -> dict | None:
    """The viewer's pages and the manifest's address; None without a page to show."""
    pages = shown_pages(document)
    if not pages:
        return None
    return {
        "manifest": reverse("catalog:document_manifest", args=[document.slug]),
        "pages": [
            {
                "pk": page.pk,
                "label": page.display_label,
                "info": reverse("iiif:info", args=[page.pk]),
                "full": reverse("iiif:image", args=[page.pk, "full", "max", "0", "default", "jpg"]),
            }
            for page in pages
        ],
    }


def page_breaks(viewer: dict | None, translations) -> dict[int, list[tuple[int, int, str]]]:
    """For each published text: (offset in its full text, page, label) where each shown
    page begins, in order; one query."""
    if not viewer:
        return {}
    labels = {page["pk"]: page["label"] for page in viewer["pages"]}
    view = public.view()
    published = [
        t.pk
        for t in translations
        if t.status == Status.PUBLISHED and not view.hides_text(t.pk, t.document_id)
    ]
    breaks: dict[int, list[tuple[int, int, str]]] = {}
    rows = TextPage.objects.filter(
        translation_id__in=published, scan_page_id__in=list(labels)
    ).values_list("translation_id", "start", "scan_page_id")
    for translation_id, start, page_id in sorted(rows):
        breaks.setdefault(translation_id, []).append((start, page_id, labels[page_id]))
    return breaks


def break_spans(redacted, breaks: list[tuple[int, int, str]]) -> list[annotated_text.Span]:
    """The page breaks of a text as markers in the text the public reads: each at the
    start of its page's passage, or of the next paragraph when it falls between two."""
    paragraphs = annotated_text.paragraphs(redacted.text)
    spans = []
    for start, page_id, label in breaks:
        offset = shown_span(redacted, start, start)[0]
        for para_start, para_end in paragraphs:
            if offset < para_end:
                offset = max(offset, para_start)
                break
        else:
            continue
        spans.append(annotated_text.Span(offset, offset, "page", css=label, anchor=page_id))
    return spans


def linked_data(request, viewer: dict) -> list[dict]:
    """The manifest, as the document's page names it in its JSON-LD."""
    return [
        {
            "@type": "MediaObject",
            "name": "IIIF Presentation manifest of the scans",
            "encodingFormat": "application/ld+json",
            "contentUrl": request.build_absolute_uri(viewer["manifest"]),
        }
    ]
