"""Documents related to a document through what they share: the persons and agencies their
texts mention, the contact events they attest or mention, and their subjects.

Each shared record weighs by its kind (a person or a contact event says more than a subject);
the documents with the highest sum come first, with the reason in words ("shares Saadoun
Shaker and 2 contacts"). At most three queries whatever the size of the catalog: one reads the
document's own visible records (``features``; a document's page, which has read them already,
passes them instead: ``features_from``), one grouped query ranks every document sharing any
of them and reads the top few (``top``), one reads what those share, with names
(``_shared``). Only what the visitor may see counts: a draft person is no reason, a draft
document is never related.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, IntegerField, Q, QuerySet, Value

from catalog.models import Document, EventEvidence, Mention
from catalog.restrictions import public
from catalog.views import statements
from catalog.views.pages import is_visible, visible_q

TOP = 5
PERSON, AGENCY, EVENT, SUBJECT = 1, 2, 3, 4
WEIGHTS = {PERSON: 3, AGENCY: 2, EVENT: 3, SUBJECT: 1}
NOUNS = {
    PERSON: ("person", "persons"),
    AGENCY: ("agency", "agencies"),
    EVENT: ("contact", "contacts"),
    SUBJECT: ("subject", "subjects"),
}
#: How many shared persons and agencies a reason names before it counts the rest.
NAMED = 2


@dataclass
class Related:
    document: Document
    score: int
    shared: dict[int, list[str]] = field(default_factory=dict)  # kind -> labels

    @property
    def reason(self) -> str:
        return reason(self.shared)


def reason(shared: dict[int, list[str]]) -> str:
    """'shares Saadoun Shaker, the MfS and 2 contacts': persons and agencies by name, up to
    ``NAMED`` of them, then what else is shared, counted by kind."""
    named = [label for kind in (PERSON, AGENCY) for label in sorted(shared.get(kind, []))]
    parts = named[:NAMED]
    left: dict[int, int] = defaultdict(int)
    for label in named[NAMED:]:
        kind = PERSON if label in shared.get(PERSON, []) else AGENCY
        left[kind] += 1
    for kind in (EVENT, SUBJECT):
        if shared.get(kind):
            left[kind] += len(shared[kind])
    for kind in (PERSON, AGENCY, EVENT, SUBJECT):
        if left[kind]:
            one, many = NOUNS[kind]
            other = "other " if kind in (PERSON, AGENCY) and parts else ""
            parts.append(f"{left[kind]} {other}{one if left[kind] == 1 else many}")
    if not parts:
        return ""
    words = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"shares {words}"


def _visible(user, prefix: str) -> Q:
    """Rows whose record at ``prefix`` ``user`` may see: published (staff see drafts), and
    not withheld whole (catalog.restrictions)."""
    return visible_q(user, prefix)


def _rows(queryset: QuerySet, kind: int, document: str, feature: str, label: str) -> QuerySet:
    return queryset.order_by().values(
        related=F(document),
        kind=Value(kind, output_field=IntegerField()),
        feature=F(feature),
        label=F(label),
    )


def features(document: Document, user) -> dict[int, list[int]]:
    """The visible records ``document`` has, by kind: one query. Read first, so that the
    queries that follow compare plain ids, which every planner answers from the indexes."""
    here = document.pk
    # Names in withheld passages are not shared: the reason would give them away.
    shown = public.passages_shown_q()
    own = Mention.objects.filter(shown, translation__document=here).order_by()
    kind = lambda k: Value(k, output_field=IntegerField())  # noqa: E731
    parts = [
        own.filter(_visible(user, "person__"), person__isnull=False).values(
            k=kind(PERSON), f=F("person_id")
        ),
        own.filter(_visible(user, "agency__"), agency__isnull=False).values(
            k=kind(AGENCY), f=F("agency_id")
        ),
        own.filter(_visible(user, "event__"), event__isnull=False).values(
            k=kind(EVENT), f=F("event_id")
        ),
        EventEvidence.objects.filter(shown, _visible(user, "event__"), translation__document=here)
        .order_by()
        .values(k=kind(EVENT), f=F("event_id")),
        Document.subjects.through.objects.filter(document=here)
        .order_by()
        .values(k=kind(SUBJECT), f=F("subject_id")),
    ]
    found: dict[int, list[int]] = defaultdict(list)
    first, *rest = parts
    for row in first.union(*rest):
        found[row["k"]].append(row["f"])
    return found


def features_from(mentions, event_evidence, subjects, user) -> dict[int, list[int]]:
    """``features`` from what a document's page has read already: its mentions and event
    evidence outside withheld passages (the evidence of visible events only), and its
    subjects. No query."""
    found: dict[int, set[int]] = defaultdict(set)
    for mention in mentions:
        for kind, record in (
            (PERSON, mention.person),
            (AGENCY, mention.agency),
            (EVENT, mention.event),
        ):
            if is_visible(record, user):
                found[kind].add(record.pk)
    for evidence in event_evidence:
        found[EVENT].add(evidence.event_id)
    for subject in subjects:
        found[SUBJECT].add(subject.pk)
    return {kind: sorted(ids) for kind, ids in found.items() if ids}


def _padded(ids: list[int]) -> list[int]:
    """``ids`` with the last one repeated up to the next power of two: ``IN`` lists of a few
    lengths only, so that the statements keep a few shapes, each compiled once
    (``statements``), while the planner still sees the ids (an array parameter hides them
    from SQLite's, which then scans every published document)."""
    size = 1
    while size < len(ids):
        size *= 2
    return [*ids, *[ids[-1]] * (size - len(ids))]


def shared_rows(here: int, user, own: dict) -> list[QuerySet]:
    """(related document, kind, record, label) for every record of ``own`` (``features``)
    that another visible document shares."""
    visible_doc = _visible(user, "translation__document__")
    shown = public.passages_shown_q()
    others = Mention.objects.filter(visible_doc, shown).exclude(translation__document=here)
    parts = []
    for kind, name, label in ((PERSON, "person", "preferred_name"), (AGENCY, "agency", "name")):
        if kind in own:
            mentioned = others.filter(**{f"{name}_id__in": own[kind]})
            parts.append(
                _rows(mentioned, kind, "translation__document_id", f"{name}_id", f"{name}__{label}")
            )
    if EVENT in own:
        by_mention = others.filter(event_id__in=own[EVENT])
        by_evidence = EventEvidence.objects.filter(
            visible_doc, shown, event_id__in=own[EVENT]
        ).exclude(translation__document=here)
        for rows in (by_mention, by_evidence):
            parts.append(_rows(rows, EVENT, "translation__document_id", "event_id", "event__title"))
    if SUBJECT in own:
        through = Document.subjects.through.objects.filter(
            _visible(user, "document__"), subject_id__in=own[SUBJECT]
        ).exclude(document=here)
        parts.append(_rows(through, SUBJECT, "document_id", "subject_id", "subject__name"))
    return parts


def _union(here: int, user, own: dict) -> tuple[str, list]:
    first, *rest = shared_rows(here, user, own)
    # UNION drops a record shared twice (mentioned twice, or both mentioned and attested).
    sql, params = first.union(*rest).query.sql_with_params()
    return sql, list(params)


#: What a related document shows: its link, title, date and draft mark.
SHOWN = ("id", "slug", "title", "status", "date_display", "date_as_written")


def _ranked(here: int, user, own: dict, limit: int) -> tuple[str, list]:
    sql, params = _union(here, user, own)
    weight = " ".join(f"WHEN {kind} THEN {w}" for kind, w in WEIGHTS.items())
    table = connection.ops.quote_name(Document._meta.db_table)
    columns = ", ".join(f"d.{connection.ops.quote_name(name)}" for name in SHOWN)
    ranked = (
        f"SELECT {columns}, ranked.score FROM ("  # noqa: S608
        f"SELECT related, SUM(CASE kind {weight} ELSE 0 END) AS score "
        f"FROM ({sql}) AS shared GROUP BY related ORDER BY score DESC, related LIMIT %s"
        f") AS ranked JOIN {table} AS d ON d.id = ranked.related "
        "ORDER BY ranked.score DESC, ranked.related"
    )
    return ranked, [*params, limit]


def _among(here: int, user, own: dict, ids: list[int]) -> tuple[str, list]:
    sql, params = _union(here, user, own)
    among = ", ".join(["%s"] * len(ids))
    return (
        f"SELECT related, kind, feature, label FROM ({sql}) AS shared "  # noqa: S608
        f"WHERE related IN ({among})",
        [*params, *ids],
    )


def _statement(name: str, build, document: Document, user, own, last) -> tuple[str, list]:
    """``build``'s SQL for this document, compiled once per shape: which kinds it has, how
    many ids of each (padded), and what the reader may see (catalog.views.statements).
    ``last``: the limit, or the padded ids of the documents ranked."""
    lists = [(kind, _padded(ids)) for kind, ids in sorted(own.items()) if ids]
    if isinstance(last, list):
        lists.append((None, last))
    sizes = [(kind, len(ids)) for kind, ids in lists]
    key = (
        name,
        tuple(sizes),
        _visible(user, "translation__document__"),
        _visible(user, "document__"),
        public.passages_shown_q(),
    )
    flat = [pk for _, ids in lists for pk in ids]

    def compile_with(here, *values):
        unflat, position = {}, 0
        for kind, size in sizes:
            unflat[kind] = list(values[position : position + size])
            position += size
        tail = unflat.pop(None) if None in unflat else values[position]
        return build(here, user, unflat, tail)

    extra = [] if isinstance(last, list) else [last]
    return statements.sql(key, compile_with, document.pk, *flat, *extra)


def top(document: Document, user, own, limit: int = TOP) -> list[Document]:
    """The ``limit`` documents sharing the most with ``document``, best first, each with its
    ``score``: one query, which ranks and reads them."""
    sql, params = _statement("related top", _ranked, document, user, own, limit)
    return list(Document.objects.raw(sql, params))


def _shared(document: Document, user, own, ids: list[int]) -> dict[int, dict[int, list[str]]]:
    """What each of the documents ``ids`` shares with ``document``, by kind, with names."""
    sql, params = _statement("related shared", _among, document, user, own, _padded(ids))
    shared: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for related, kind, _feature, label in cursor.fetchall():
            shared[related][kind].add(label)
    return {pk: {kind: sorted(labels) for kind, labels in by.items()} for pk, by in shared.items()}


def related_documents(document: Document, user, limit: int = TOP, own=None) -> list[Related]:
    """The documents most related to ``document`` through what they share, best first.
    ``own``: its ``features`` when the caller has them (``features_from``)."""
    if own is None:
        own = features(document, user)
    if not own:
        return []
    ranked = top(document, user, own, limit)
    if not ranked:
        return []
    shared = _shared(document, user, own, [related.pk for related in ranked])
    return [Related(related, related.score, shared.get(related.pk, {})) for related in ranked]
