"""Where the public site asks the withheld view: once per request, from anywhere.

``WithheldRequestMiddleware`` keeps the request being answered in a context variable, so
that the querysets every public output starts from (``visible_to``, ``is_visible``,
``visible_q``) can leave out withheld documents and persons without each caller passing the
request along; the view itself (``withheld.current``) is built once per catalog version and
day, and kept on the request.

Withholding applies to every visitor of the public site, staff included: staff see drafts
there, but read withheld content in the admin only, so that no page a colleague shows on a
screen or prints gives it away.
"""

import contextlib
import contextvars

from django.db.models import Q

from catalog.restrictions import withheld

_request = contextvars.ContextVar("liaison_withheld_request", default=None)


class WithheldRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with serving(request):
            return self.get_response(request)


@contextlib.contextmanager
def serving(request):
    """Answer ``request``: within it, every question to the withheld view is answered by the
    one view built for it (outside a request, each question reads the catalog version)."""
    token = _request.set(request)
    try:
        yield request
    finally:
        _request.reset(token)


def view() -> withheld.Withheld:
    """The withheld view for the request being answered (or for today, outside one)."""
    return withheld.current(_request.get())


def _ids(kind: str) -> list[int]:
    current = view()
    if kind == "document":
        return list(current.documents)
    if kind == "person":
        return list(current.persons)
    if kind == "event":
        return list(current.events)
    return []


def kind_of(model) -> str | None:
    label = model._meta.label_lower
    return {
        "catalog.document": "document",
        "catalog.person": "person",
        "catalog.contactevent": "event",
    }.get(label)


def leave_out(queryset):
    """``queryset`` without the documents, persons or events withheld whole."""
    kind = kind_of(queryset.model)
    ids = _ids(kind) if kind else []
    return queryset.exclude(pk__in=ids) if ids else queryset


def hides(record) -> bool:
    """Is ``record`` (any record, or None) a document, person or event withheld whole?"""
    if record is None:
        return False
    kind = kind_of(type(record))
    if kind == "document":
        return view().hides_document(record.pk)
    if kind == "person":
        return view().hides_person(record.pk)
    if kind == "event":
        return view().hides_event(record.pk)
    return False


def shown_q(prefix: str) -> Q:
    """A condition leaving out rows whose related record at ``prefix`` ("document__",
    "translation__document__", "role__person__", "event__") is withheld whole."""
    kind = prefix.rstrip("_").rsplit("__", 1)[-1]
    ids = _ids(kind)
    return ~Q(**{f"{prefix}pk__in": ids}) if ids else Q()


def passage_shown(passage, document_id=None) -> bool:
    """Is a mention or evidence (translation, start, end) outside withheld content?"""
    return not view().hides_passage(passage.translation_id, passage.start, passage.end, document_id)


def shown_passages(passages) -> list:
    """The mentions or evidence of ``passages`` outside withheld content."""
    return [passage for passage in passages if passage_shown(passage)]


def keep_shown_prefetched(records, relation: str) -> None:
    """Leave out, from each record's prefetched ``relation`` (evidence), the passages that
    lie in withheld content; no query."""
    current = view()
    if not (current.spans or current.texts or current.drafts):
        return
    for record in records:
        cache = record._prefetched_objects_cache[relation]
        cache._result_cache = shown_passages(cache)


def shown_texts(texts) -> list:
    """The texts of ``texts`` the public reads: published ones (a draft text, such as a
    machine-read transcript not yet corrected, is in the admin only). No query."""
    current = view()
    return [text for text in texts if text.pk not in current.drafts]


def texts_shown_q(prefix: str = "") -> Q:
    """A condition leaving out draft texts (``prefix``: "" on texts, "translation__" on
    mentions and evidence, "translations__" on documents)."""
    from catalog.models.base import Status

    return Q(**{f"{prefix}status": Status.PUBLISHED})


def naming_documents(field: str, record):
    """A condition on documents: those that name ``record`` (``field``: "person" or
    "agency") in a mention outside withheld content. ``Q()`` when nothing is withheld in
    any text (no query)."""
    from catalog.models import Mention

    current = view()
    if not (current.spans or current.texts or current.drafts):
        return Q()
    mentions = Mention.objects.filter(**{field: record}).values_list(
        "translation_id", "start", "end", "translation__document_id"
    )
    shown = {
        document_id
        for translation_id, start, end, document_id in mentions
        if not current.hides_passage(translation_id, start, end, document_id)
    }
    return Q(pk__in=shown)


def passages_shown_q(prefix: str = "") -> Q:
    """A condition on mentions or evidence (rows with a translation, start and end; at
    ``prefix``, "evidence__" from an office, when given): those outside withheld content
    and outside draft texts. ``Q()`` when nothing is withheld."""
    current = view()
    hidden = Q()
    if current.texts or current.drafts:
        hidden |= Q(**{f"{prefix}translation_id__in": [*current.texts, *current.drafts]})
    if current.documents:
        hidden |= Q(**{f"{prefix}translation__document_id__in": list(current.documents)})
    for translation_id, spans in current.spans.items():
        for start, end, _ in spans:
            hidden |= Q(
                **{
                    f"{prefix}translation_id": translation_id,
                    f"{prefix}start__lt": end,
                    f"{prefix}end__gt": start,
                }
            )
    return ~hidden if hidden else Q()
