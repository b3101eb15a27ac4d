"""Documents related to a document through what they share: the persons and agencies their
texts mention, the contact events they attest or mention, and their subjects.

Each shared record weighs by its kind (a person or a contact event says more than a subject);
the documents with the highest sum come first, with the reason in words ("shares Saadoun
Shaker and 2 contacts"). At most two queries whatever the size of the catalog: one reads the
document's own visible records (``features``; a document's page, which has read them already,
passes them instead: ``features_from``), one ranks the candidates and reads the top few with
what each shares (``_ranked``). The candidates are bounded by design: each shared record
offers only its ``PER_RECORD`` latest catalogued visible documents, read along an index and
stopped early, so the work does not grow with the number of documents sharing a subject.
Each candidate is then scored by everything it shares. Only what the visitor may see counts:
a draft person is no reason, a draft or withheld document is never related.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from catalog.models import Document, EventEvidence, Mention
from catalog.restrictions import public
from catalog.views import statements
from catalog.views.pages import is_visible, visible_q

TOP = 5
#: The documents each shared record offers as candidates, at most (``_candidate_branches``):
#: what keeps the ranking bounded however many documents share a subject.
PER_RECORD = 60
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
    """``ids`` padded with 0 (no record's id) up to the next power of two: ``IN`` lists and
    candidate branches of a few lengths only, so that the statements keep a few shapes, each
    compiled once (``statements``), while the planner still sees the ids (an array parameter
    hides them from SQLite's, which then scans every published document). A padding branch
    finds nothing at once in its index."""
    size = 1
    while size < len(ids):
        size *= 2
    return [*ids, *[0] * (size - len(ids))]


def _candidate_branches(here: int, user, own: dict) -> list[QuerySet]:
    """For each record of ``own``, the ``PER_RECORD`` visible documents having it that were
    catalogued last (the highest ids first, read backwards along an index on (record, text)
    or (subject, document) (migration 0022): each branch stops after ``PER_RECORD`` rows,
    however many documents share the record."""
    visible_doc = _visible(user, "translation__document__")
    shown = public.passages_shown_q()
    mentions = Mention.objects.filter(visible_doc, shown).exclude(translation__document=here)
    evidence = EventEvidence.objects.filter(visible_doc, shown).exclude(translation__document=here)
    through = Document.subjects.through.objects.filter(_visible(user, "document__")).exclude(
        document=here
    )
    names = {PERSON: "person_id", AGENCY: "agency_id", EVENT: "event_id"}
    branches = []
    for kind, ids in sorted(own.items()):
        for pk in ids:
            if kind == SUBJECT:
                found = [through.filter(subject_id=pk).order_by("-document_id")]
                column = "document_id"
            else:
                found = [mentions.filter(**{names[kind]: pk})]
                if kind == EVENT:
                    found.append(evidence.filter(event_id=pk))
                found = [rows.order_by("-translation_id") for rows in found]
                column = "translation__document_id"
            branches += [rows.values_list(column)[:PER_RECORD] for rows in found]
    return branches


def shared_rows(here: int, user, own: dict, among=None) -> list[QuerySet]:
    """(related document, kind, record, label) for every record of ``own`` (``features``)
    that another visible document shares; only for the documents ``among`` (an expression
    giving their ids) when given."""
    visible_doc = _visible(user, "translation__document__")
    shown = public.passages_shown_q()
    others = Mention.objects.filter(visible_doc, shown).exclude(translation__document=here)
    evidence = EventEvidence.objects.filter(visible_doc, shown).exclude(translation__document=here)
    through = Document.subjects.through.objects.filter(_visible(user, "document__")).exclude(
        document=here
    )
    if among is not None:
        others = others.filter(translation__document_id__in=among)
        evidence = evidence.filter(translation__document_id__in=among)
        through = through.filter(document_id__in=among)
    parts = []
    for kind, name, label in ((PERSON, "person", "preferred_name"), (AGENCY, "agency", "name")):
        if kind in own:
            mentioned = others.filter(**{f"{name}_id__in": own[kind]})
            parts.append(
                _rows(mentioned, kind, "translation__document_id", f"{name}_id", f"{name}__{label}")
            )
    if EVENT in own:
        by_mention = others.filter(event_id__in=own[EVENT])
        by_evidence = evidence.filter(event_id__in=own[EVENT])
        for rows in (by_mention, by_evidence):
            parts.append(_rows(rows, EVENT, "translation__document_id", "event_id", "event__title"))
    if SUBJECT in own:
        subjects = through.filter(subject_id__in=own[SUBJECT])
        parts.append(_rows(subjects, SUBJECT, "document_id", "subject_id", "subject__name"))
    return parts


#: What a related document shows: its link, title, date and draft mark, in the model's
#: order of fields (``Model.from_db`` reads a partial row in that order).
SHOWN = tuple(
    field.attname
    for field in Document._meta.concrete_fields
    if field.attname in {"id", "slug", "title", "status", "date_display", "date_as_written"}
)


def _ranked(here: int, user, own: dict, limit: int) -> tuple[str, list]:
    """One statement: the candidates (``_candidate_branches``), every record of ``own``
    each of them shares (``shared_rows``), the ``limit`` candidates sharing most (equals:
    the latest catalogued first, as the candidates were chosen), and for each of those its
    ``SHOWN`` columns and what it shares, a row per record shared."""
    params: list = []
    selects = []
    for number, branch in enumerate(_candidate_branches(here, user, own)):
        sql, found = branch.query.sql_with_params()
        selects.append(f"SELECT * FROM ({sql}) AS c{number}")  # noqa: S608
        params.extend(found)
    among = RawSQL("SELECT related FROM related_candidates", [])  # noqa: S611 - no input
    first, *rest = shared_rows(here, user, own, among)
    # UNION drops a record shared twice (mentioned twice, or both mentioned and attested).
    sql, found = first.union(*rest).query.sql_with_params()
    params.extend(found)
    weight = " ".join(f"WHEN {kind} THEN {w}" for kind, w in WEIGHTS.items())
    table = connection.ops.quote_name(Document._meta.db_table)
    columns = ", ".join(f"d.{connection.ops.quote_name(name)}" for name in SHOWN)
    statement = (
        f"WITH related_candidates(related) AS ({' UNION '.join(selects)}), "  # noqa: S608
        f"shared AS ({sql}), "
        f"ranked AS (SELECT related, SUM(CASE kind {weight} ELSE 0 END) AS score FROM shared "
        "GROUP BY related ORDER BY score DESC, related DESC LIMIT %s) "
        f"SELECT ranked.score, shared.kind, shared.label, {columns} FROM ranked "
        "JOIN shared ON shared.related = ranked.related "
        f"JOIN {table} AS d ON d.id = ranked.related"
    )
    return statement, [*params, limit]


def _statement(document: Document, user, own, limit: int) -> tuple[str, list]:
    """The statement for this document, compiled once per shape: which kinds it has, how
    many ids of each (padded), and what the reader may see (catalog.views.statements)."""
    lists = [(kind, _padded(ids)) for kind, ids in sorted(own.items()) if ids]
    sizes = [(kind, len(ids)) for kind, ids in lists]
    key = (
        "related",
        PER_RECORD,
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
        return _ranked(here, user, unflat, values[position])

    return statements.sql(key, compile_with, document.pk, *flat, limit)


def related_documents(document: Document, user, limit: int = TOP, own=None) -> list[Related]:
    """The documents most related to ``document`` through what they share, best first, in
    one query (``_ranked``).
    ``own``: its ``features`` when the caller has them (``features_from``)."""
    if own is None:
        own = features(document, user)
    own = {kind: ids for kind, ids in own.items() if ids}
    if not own:
        return []
    sql, params = _statement(document, user, own, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    shared: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    found: dict[int, Related] = {}
    for score, kind, label, *columns in rows:
        pk = columns[SHOWN.index("id")]
        shared[pk][kind].add(label)
        if pk not in found:
            related = Document.from_db(connection.alias, list(SHOWN), columns)
            related.score = score
            found[pk] = Related(related, score)
    for pk, related in found.items():
        related.shared = {kind: sorted(labels) for kind, labels in shared[pk].items()}
    return sorted(found.values(), key=lambda related: (-related.score, -related.document.pk))
