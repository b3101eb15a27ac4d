"""Persons and agencies: index pages and record pages."""

from collections import defaultdict

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.caching import cached, counts
from catalog.models import (
    Agency,
    AgencyName,
    ContactEvent,
    Document,
    Mention,
    Participant,
    Person,
    PersonName,
    PersonRole,
    RoleEvidence,
    Status,
)
from catalog.models.people import NameKind
from catalog.publishing import linked_data
from catalog.restrictions import public
from catalog.views import network, timeline
from catalog.views.filters import AgencyFilter, PersonFilter, filter_key, filtered
from catalog.views.hierarchy import descendants, tree_rows
from catalog.views.pages import (
    chronological,
    get_visible_or_redirect,
    page_query,
    paginate,
    visible_q,
)
from catalog.views.sections import DOCUMENT_COLUMNS, EVENT_COLUMNS, section

PERSONS_PER_PAGE = 100
AGENCIES_PER_PAGE = 50


def _names(model) -> Prefetch:
    """A record's other names with their languages: one query, with or without languages."""
    return Prefetch("names", model.objects.select_related("language"))


def _events_of(user, participants) -> QuerySet:
    """The visible contact events with one of ``participants`` (a queryset of
    participations), chronological: an ``IN`` on the participations' indexed columns, so
    that no join multiplies the events nor needs ``DISTINCT``."""
    return (
        ContactEvent.objects.visible_to(user)
        .filter(pk__in=participants.values("event_id"))
        .only(*EVENT_COLUMNS)
        .order_by(*chronological(), "title", "pk")
    )


def _documents(user, *sources: QuerySet) -> QuerySet:
    """The visible documents of the texts in ``sources`` (mentions or evidence), by date:
    one ``IN`` over the union of the sources' documents, each read on indexed columns. (An
    ``IN`` per source joined by ``OR`` made PostgreSQL scan every document of the catalog.)"""
    first, *others = (p.order_by().values("translation__document_id") for p in sources)
    linked = first.union(*others) if others else first
    documents = Document.objects.visible_to(user).filter(pk__in=linked).only(*DOCUMENT_COLUMNS)
    return documents.order_by(*chronological(), "title", "pk")


def _roles(user, *conditions, **filters):
    """Offices, each with its evidence the visitor may read: two queries, whether or not
    there are any (the evidence is read for all the offices at once, not prefetched)."""
    roles = list(
        PersonRole.objects.filter(*conditions, **filters)
        .select_related("person", "agency")
        .annotate(evidence_total=Count("evidence"))
        .order_by(*chronological("start"), *chronological("end"), "title")
    )
    # By the offices' ids: from a subquery, SQLite would start from every published
    # document. Id 0 names no office; it keeps the query (and the page's count of queries)
    # when there are none.
    evidence = RoleEvidence.objects.filter(
        visible_q(user, "translation__document__"),
        role_id__in=[role.pk for role in roles] or [0],
    ).select_related("translation__document")
    # Evidence in withheld text is hidden with it (``catalog.restrictions``).
    by_role = defaultdict(list)
    for passage in public.shown_passages(evidence.order_by("translation_id", "start")):
        by_role[passage.role_id].append(passage)
    for role in roles:
        role.shown_evidence = by_role[role.pk]
    # An office attested only by unpublished documents (or withheld text) is not public yet
    # either.
    return [role for role in roles if role.evidence_total == 0 or role.shown_evidence]


def person_list(request: HttpRequest) -> HttpResponse:
    """Persons by surname, found by name or variant and filtered by what they did."""
    persons = Person.objects.visible_to(request.user).order_by("sort_name", "preferred_name", "pk")
    filterset = PersonFilter(request.GET or None, queryset=persons, request=request)
    context = {
        "filter": filterset,
        "page": paginate(request, filtered(filterset, persons), PERSONS_PER_PAGE),
        "page_query": page_query(request),
    }
    return render(request, "catalog/person_list.html", context)


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_visible_or_redirect(
        request, Person, slug, Person.objects.prefetch_related(_names(PersonName))
    )
    if isinstance(person, HttpResponse):
        return person
    user = request.user
    events = section(request, _events_of(user, Participant.objects.filter(person=person)), "events")
    # Documents that name the person, or attest an office they held, outside withheld text
    # and draft texts (the list would otherwise tell what a withheld passage says).
    shown = public.passages_shown_q()
    documents = section(
        request,
        _documents(
            user,
            Mention.objects.filter(shown, person=person),
            RoleEvidence.objects.filter(shown, role__person=person),
        ),
    )
    roles = _roles(user, person=person)
    context = {
        "person": person,
        "roles": roles,
        "json_ld": linked_data.person(person, request, roles),
        "events": events,
        "spans": timeline.spans(events.object_list),
        "documents": documents,
    }
    return render(request, "catalog/person_detail.html", context)


def agency_list(request: HttpRequest) -> HttpResponse:
    """Agencies by country, each under the agency it was part of, a page of rows at a time."""
    agencies = (
        Agency.objects.visible_to(request.user)
        .only("pk", "parent_id", "name", "slug", "status", "country")
        .order_by("name", "pk")
    )
    filterset = AgencyFilter(request.GET or None, queryset=agencies, request=request)
    if filter_key(request):
        rows = cached(
            request,
            ("agency-rows", filter_key(request)),
            lambda: agency_rows(list(filtered(filterset, agencies))),
        )
    else:
        rows = AgencyTree(request, agencies)
    page = paginate(request, rows, AGENCIES_PER_PAGE)
    page.object_list = _shown_rows(page.object_list)
    context = {"filter": filterset, "page": page, "page_query": page_query(request)}
    return render(request, "catalog/agency_list.html", context)


def _shown_rows(rows: list[dict]) -> list[dict]:
    """The rows of a page of the agency tree with what each line shows, ready to print: its
    address (``slug_url``), name, first abbreviation (one query for the page, read as
    values) and whether it is a draft, so that the template draws a row without an include
    or a query per row."""
    ids = [row["agency"].pk for row in rows]
    abbreviations: dict[int, str] = {}
    names = AgencyName.objects.filter(kind=NameKind.ABBREVIATION, agency_id__in=ids)
    for agency_id, name in names.order_by("name").values_list("agency_id", "name"):
        abbreviations.setdefault(agency_id, name)
    return [
        {
            **row,
            "url": row["agency"].get_absolute_url(),
            "name": row["agency"].name,
            "abbreviation": abbreviations.get(row["agency"].pk, ""),
            "draft": row["agency"].status == Status.DRAFT,
        }
        for row in rows
    ]


def agency_rows(agencies: list[Agency]) -> list[dict]:
    """The rows of the agency tree, grouped by the country of the agency at its top."""
    rows, country = [], ""
    for agency, depth in tree_rows(agencies):
        if depth == 0:
            country = _country(agency)
        rows.append({"country": country, "agency": agency, "depth": depth})
    return sorted(rows, key=lambda row: row["country"])  # stable: trees stay whole


def _country(agency: Agency) -> str:
    return agency.country or "Country not recorded"


class AgencyTree:
    """The rows of the whole agency tree (``agency_rows``), for a paginator: the tree is
    drawn once per catalog version and day and stored (``counts.stored_page``); a page
    reads its own rows back by position, and the agencies on them."""

    kind = "agency-rows"

    def __init__(self, request: HttpRequest, agencies):
        self.request, self.agencies = request, agencies
        self.read: dict[tuple[int, int], list] = {}
        self.total = None
        number = request.GET.get("page", "1")
        first = (int(number) - 1) * AGENCIES_PER_PAGE if number.isdigit() and number != "0" else 0
        self.asked = (first, first + AGENCIES_PER_PAGE)

    def _whole(self) -> list[tuple[int, int, int]]:
        rows, group = [], None
        for agency, depth in tree_rows(list(self.agencies)):
            if depth == 0:
                group = agency
            rows.append((_country(group), (agency.pk, depth, group.pk)))
        # By country, trees whole and in the order drawn (``agency_rows``): a stable sort.
        return [row for _, row in sorted(rows, key=lambda pair: pair[0])]

    def _rows(self, start: int, stop: int) -> list:
        if (start, stop) not in self.read:
            self.total, rows = counts.stored_page(self.request, self.kind, self._whole, start, stop)
            # The paginator asks for the last page up to the total, not a whole page.
            self.read[start, stop] = self.read[start, min(stop, self.total)] = rows
        return self.read[start, stop]

    def count(self) -> int:
        if self.total is None:
            self._rows(*self.asked)  # the page asked for, read with the total
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[dict]:
        triples = self._rows(part.start or 0, part.stop)
        wanted = {pk for pk, _, _ in triples} | {group for _, _, group in triples}
        fields = ("pk", "parent_id", "name", "slug", "status", "country")
        agencies = Agency.objects.only(*fields).in_bulk(wanted)
        return [
            {"country": _country(agencies[group]), "agency": agencies[pk], "depth": depth}
            for pk, depth, group in triples
            if pk in agencies and group in agencies
        ]


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_visible_or_redirect(
        request, Agency, slug, Agency.objects.prefetch_related(_names(AgencyName))
    )
    if isinstance(agency, HttpResponse):
        return agency
    user = request.user
    visible_agencies = Agency.objects.visible_to(user)
    # The tree from a few columns of every visible agency, read as rows, not records.
    rows = {row[0]: row for row in visible_agencies.values_list(*_TREE_COLUMNS)}
    family = descendants(((pk, row[1]) for pk, row in rows.items()), agency.pk)
    ancestors = [_agency(rows[pk]) for pk in _ancestors(rows, agency.pk)]
    sub_agencies = sorted(
        (_agency(row) for row in rows.values() if row[1] == agency.pk), key=lambda a: a.name
    )
    visible_events = ContactEvent.objects.visible_to(user)
    events = section(
        request, _events_of(user, Participant.objects.filter(agency__in=family)), "events"
    )
    documents = Mention.objects.filter(public.passages_shown_q(), agency=agency)
    context = {
        "agency": agency,
        "ancestors": ancestors,
        "sub_agencies": sub_agencies,
        "json_ld": linked_data.agency(agency, request, ancestors, sub_agencies),
        "family": family,
        "roles": _roles(user, visible_q(user, "person__"), agency=agency),
        "events": events,
        "spans": timeline.spans(events.object_list),
        "contacts": network.contacts_of(agency, family, visible_agencies, visible_events),
        "documents": section(request, _documents(user, documents)),
    }
    return render(request, "catalog/agency_detail.html", context)


_TREE_COLUMNS = ("pk", "parent_id", "name", "slug", "status")


def _agency(row: tuple) -> Agency:
    """An agency as the tree and its links need it, from its row of ``_TREE_COLUMNS``."""
    return Agency(**dict(zip(_TREE_COLUMNS, row, strict=True)))


def _ancestors(rows: dict[int, tuple], pk: int) -> list[int]:
    """The visible agencies above agency ``pk`` (``rows``: (pk, parent pk, ...) of each
    visible agency), nearest first; stops at a hidden one."""
    chain, parent_id = [], rows[pk][1] if pk in rows else None
    while parent_id in rows and parent_id not in chain and parent_id != pk:
        chain.append(parent_id)
        parent_id = rows[parent_id][1]
    return chain
