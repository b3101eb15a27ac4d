"""A document's page: its metadata, provenance, text with linked mentions, and citations."""

from collections import defaultdict

from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from catalog import dates
from catalog.caching import counts
from catalog.models import (
    Document,
    DocumentLink,
    EventEvidence,
    Mention,
    RoleEvidence,
)
from catalog.models.documents import document_prefetches
from catalog.models.provenance import document_publisher_address
from catalog.publishing import citations, linked_data
from catalog.related import stored
from catalog.related.computed import features_from, related_documents
from catalog.restrictions import public
from catalog.scans.iiif import viewer as scan_viewer
from catalog.views import annotated_text, document_texts, statements, withholding
from catalog.views.document_reads import page_document, page_documents, unfold
from catalog.views.pages import find_visible, is_visible, sees_drafts, visible_q

CITATION_FORMATS = {
    # format: (function, content type)
    "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (citations.csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


def _documents():
    return Document.objects.prefetch_related(*document_prefetches())


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    # The public's stamp, under which the related documents may be stored (related.stored).
    document = page_document(user, slug, None if sees_drafts(user) else counts.stamp(request))
    if document is None:
        try:
            document, moved = find_visible(request, Document, slug, page_documents(user))
        except Http404:
            return withholding.document_withheld(request, slug)
        if moved:
            return redirect(document, permanent=True)
    collections = unfold(document)
    url = request.build_absolute_uri(document.get_absolute_url())
    view = public.view()

    # Compiled once per connection (catalog.views.statements): the conditions are the key.
    mentions = statements.instances(
        ("page mentions",),
        lambda pk: Mention.objects.filter(translation__document=pk).select_related(
            "person", "agency", "event"
        ),
        document.pk,
    )
    shown_events = visible_q(user, "event__")
    event_evidence = statements.instances(
        ("page event evidence", shown_events),
        lambda pk: (
            EventEvidence.objects.filter(shown_events, translation__document=pk)
            .select_related("event", "event__place")
            .order_by("start")
        ),
        document.pk,
    )
    shown_persons = visible_q(user, "role__person__")
    role_evidence = statements.instances(
        ("page role evidence", shown_persons),
        lambda pk: (
            RoleEvidence.objects.filter(shown_persons, translation__document=pk)
            .select_related("role__person", "role__agency")
            .order_by("start")
        ),
        document.pk,
    )

    # Mentions and evidence in withheld passages are hidden with them.
    mentions, event_evidence, role_evidence = (
        [passage for passage in passages if public.passage_shown(passage)]
        for passages in (mentions, event_evidence, role_evidence)
    )
    translations = list(public.shown_texts(document.translations.all()))
    # Each passage links to its anchor, which names its text (``Passage.anchor``): the texts
    # read above, not a query per passage. (Shown passages stand in shown texts.)
    shown_texts = {text.pk: text for text in translations}
    for passage in [*event_evidence, *role_evidence]:
        if passage.translation_id in shown_texts:
            passage.translation = shown_texts[passage.translation_id]
    # The scans beside the text, and where each page begins in it (catalog.scans.iiif).
    scans = scan_viewer.context(request, document)
    breaks = scan_viewer.page_breaks(scans, translations)
    texts = [
        (
            translation,
            _annotated(
                view,
                translation,
                mentions,
                event_evidence,
                role_evidence,
                user,
                breaks.get(translation.pk, ()),
            ),
        )
        for translation in translations
    ]
    persons, agencies = {}, {}
    for mention in mentions:
        for record, found in ((mention.person, persons), (mention.agency, agencies)):
            if is_visible(record, user):
                found.setdefault(record.pk, record)
    for evidence in role_evidence:
        persons.setdefault(evidence.role.person_id, evidence.role.person)
        if is_visible(evidence.role.agency, user):
            agencies.setdefault(evidence.role.agency_id, evidence.role.agency)
    events = defaultdict(list)
    for evidence in event_evidence:
        events[evidence.event].append(evidence)
    for mention in mentions:
        if is_visible(mention.event, user):
            events.setdefault(mention.event, [])

    citation_urls = {
        fmt: reverse("catalog:document_citation", args=[document.slug, fmt])
        for fmt in CITATION_FORMATS
    }
    context = {
        "document": document,
        "texts": texts,
        "references": list(document.archival_references.all()),
        # Translator and commissioning body link to their pages once published.
        "translations": [
            (
                t,
                t.translator if is_visible(t.translator, user) else None,
                t.commissioned_by if is_visible(t.commissioned_by, user) else None,
            )
            for t in _with_visible_co_translators(translations, user)
        ],
        "persons": sorted(persons.values(), key=lambda p: p.sort_name),
        "agencies": sorted(agencies.values(), key=lambda a: a.name),
        "events": sorted(events.items(), key=lambda item: _event_order(item[0])),
        "citation": citations.chicago(document, url),
        "publisher_address": document_publisher_address(document),
        # Each address once: the head and the "Cite" section both link them.
        "citation_urls": citation_urls,
        "citation_links": list(citation_urls.items()),
        "absolute_url": url,
        "json_ld": linked_data.document(
            document,
            request,
            persons=sorted(persons.values(), key=lambda p: p.sort_name),
            agencies=sorted(agencies.values(), key=lambda a: a.name),
            events=sorted(events, key=_event_order),
            collections=collections,
        ),
        "collections": collections,
        "scan_viewer": scans,
        "links": _links(document, user),
        "related": stored.related_for_page(
            request,
            document,
            lambda: related_documents(
                document,
                user,
                own=features_from(mentions, event_evidence, document.subjects.all(), user),
            ),
        ),
        "own_date_display": _own_date_if_different(document),
        # The publisher's credits usually repeat the translation's credit line, shown above
        # the text; they get their own row only when they say something else.
        "credits_extra": bool(document.credits)
        and document.credits.strip() not in {t.credit_line.strip() for t in translations},
    }
    if scans:
        context["json_ld"]["associatedMedia"] = scan_viewer.linked_data(request, scans)
    context["document_texts"] = document_texts.texts(
        document, texts, context["translations"], context["references"]
    )
    return render(request, "catalog/document_detail.html", context)


def _links(document: Document, user) -> list[tuple[str, Document, str]]:
    """(wording from this side, the other document, note) of the document's explicit links
    to visible documents, one query: a link entered on either document shows on both."""
    links = statements.instances(
        ("page links",),
        lambda pk: (
            DocumentLink.objects.filter(Q(from_document=pk) | Q(to_document=pk))
            .select_related("from_document", "to_document")
            .order_by("kind", "pk")
        ),
        document.pk,
    )
    shown = []
    for link in links:
        other = link.other(document.pk)
        if is_visible(other, user):
            shown.append((link.wording(document.pk), other, link.note))
    return shown


def _own_date_if_different(document: Document) -> str:
    """The date the document's own date line gives, in words, when the catalogued date differs.

    Publishers sometimes date a document by its registration or receipt rather than by the
    date it carries (the seed memo is dated 27 February and published as 28 February); the
    page says so instead of silently showing one of them. The line is "place, date", so the
    date is read from the last comma on.
    """
    line = document.place_date_line.strip()
    if not line or not document.date:
        return ""
    own = dates.parse_written_date(line.rsplit(",", 1)[-1].strip())
    if own is None or own == document.date:
        return ""
    return dates.display_edtf(own)


def document_citation(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The citation as a file for reference managers: .bib, .ris or .json (CSL-JSON)."""
    if fmt not in CITATION_FORMATS:
        raise Http404("No such citation format.")
    try:
        document, moved = find_visible(request, Document, slug, _documents())
    except Http404:
        return withholding.document_withheld(request, slug)
    if moved:
        return redirect(
            reverse("catalog:document_citation", args=[document.slug, fmt]), permanent=True
        )
    function, content_type = CITATION_FORMATS[fmt]
    url = request.build_absolute_uri(document.get_absolute_url())
    response = HttpResponse(function(document, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.slug}.{fmt}"'
    return response


def _event_order(event):
    when = event.date_earliest or event.date_latest
    return (when is None, when, event.title)


def _annotated(view, translation, mentions, event_evidence, role_evidence, user, breaks=()):
    """The text as the public reads it: withheld passages as placeholders, the mentions and
    evidence outside them moved to where they now stand (passage anchors keep the offsets
    of the full text, which other pages link to)."""
    redacted = view.redact(translation)
    moved = redacted.moved
    spans = []
    for mention in mentions:
        if mention.translation_id != translation.pk:
            continue
        target = mention.target
        href = target.get_absolute_url() if is_visible(target, user) else None
        kind = type(target).__name__.lower()
        spans.append(
            annotated_text.Span(moved(mention.start), moved(mention.end), "mention", href, kind)
        )
    passages = [
        annotated_text.Span(
            moved(evidence.start), moved(evidence.end), "passage", anchor=evidence.start
        )
        for evidence in [*event_evidence, *role_evidence]
        if evidence.translation_id == translation.pk
    ]
    placeholders = [
        annotated_text.Span(start, end, "withheld", css=withholding.PLACEHOLDER_TITLE)
        for start, end in withholding.placeholders(redacted)
    ] + scan_viewer.break_spans(redacted, breaks)
    return annotated_text.render(redacted.text, spans, passages, placeholders, translation.key)


def _with_visible_co_translators(translations, user):
    """Each text with ``visible_other_translators``: its other translators that ``user``
    may see (published ones for visitors), read in one query for all."""
    translations = list(translations)
    prefetch_related_objects(translations, "other_translators")
    for translation in translations:
        translation.visible_other_translators = [
            person for person in translation.other_translators.all() if is_visible(person, user)
        ]
        yield translation
