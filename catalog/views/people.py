"""Persons and agencies: index pages and record pages."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.models import (
    Agency,
    ContactEvent,
    Document,
    Participant,
    Person,
    PersonRole,
    RoleEvidence,
)
from catalog.views import network, timeline
from catalog.views.pages import (
    chronological,
    get_visible_or_redirect,
    page_query,
    paginate,
    visible_filter,
)


def _events(user):
    return (
        ContactEvent.objects.visible_to(user)
        .select_related("place")
        .prefetch_related(
            Prefetch("participants", Participant.objects.select_related("person", "agency"))
        )
    )


def _roles(user, **filters):
    evidence = RoleEvidence.objects.filter(
        **visible_filter(user, "translation__document__")
    ).select_related("translation__document")
    roles = (
        PersonRole.objects.filter(**filters)
        .select_related("person", "agency")
        .annotate(evidence_total=Count("evidence"))
        .prefetch_related(Prefetch("evidence", evidence))
        .order_by(*chronological("start"), *chronological("end"), "title")
    )
    # An office attested only by unpublished documents is not public yet either.
    return [role for role in roles if role.evidence_total == 0 or role.evidence.all()]


def person_list(request: HttpRequest) -> HttpResponse:
    persons = Person.objects.visible_to(request.user).order_by("sort_name", "preferred_name")
    return render(
        request,
        "catalog/person_list.html",
        {"page": paginate(request, persons, 100), "page_query": page_query(request)},
    )


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_visible_or_redirect(
        request, Person, slug, Person.objects.prefetch_related("names__language")
    )
    if isinstance(person, HttpResponse):
        return person
    user = request.user
    events = list(
        _events(user)
        .filter(participants__person=person)
        .distinct()
        .order_by(*chronological(), "title")
    )
    documents = Document.objects.visible_to(user).filter(
        Q(translations__mention__person=person) | Q(translations__roleevidence__role__person=person)
    )
    context = {
        "person": person,
        "roles": _roles(user, person=person),
        "events": events,
        "spans": timeline.spans(events),
        "documents": documents.distinct().order_by(*chronological(), "title"),
    }
    return render(request, "catalog/person_detail.html", context)


def agency_list(request: HttpRequest) -> HttpResponse:
    """Every visible agency, by country, each under the agency it was part of."""
    agencies = list(Agency.objects.visible_to(request.user).prefetch_related("names"))
    children = defaultdict(list)
    known = {agency.pk for agency in agencies}
    for agency in agencies:
        children[agency.parent_id if agency.parent_id in known else None].append(agency)
    countries = defaultdict(list)
    for agency in children[None]:
        countries[agency.country or "Country not recorded"].append(agency)

    def tree(agency, depth=0):
        yield agency, depth
        for child in children[agency.pk]:
            yield from tree(child, depth + 1)

    groups = [
        (country, [row for agency in countries[country] for row in tree(agency)])
        for country in sorted(countries)
    ]
    return render(request, "catalog/agency_list.html", {"groups": groups})


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_visible_or_redirect(
        request, Agency, slug, Agency.objects.prefetch_related("names__language")
    )
    if isinstance(agency, HttpResponse):
        return agency
    user = request.user
    visible_agencies = Agency.objects.visible_to(user)
    everyone = {a.pk: a for a in visible_agencies.only("pk", "parent_id", "name", "slug", "status")}
    family = _descendants(everyone, agency.pk)
    visible_events = ContactEvent.objects.visible_to(user)
    events = list(
        _events(user)
        .filter(participants__agency__in=family)
        .distinct()
        .order_by(*chronological(), "title")
    )
    context = {
        "agency": agency,
        "ancestors": _ancestors(everyone, agency),
        "sub_agencies": sorted(
            (a for a in everyone.values() if a.parent_id == agency.pk), key=lambda a: a.name
        ),
        "family": family,
        "roles": _roles(user, agency=agency, **visible_filter(user, "person__")),
        "events": events,
        "spans": timeline.spans(events),
        "contacts": network.contacts_of(agency, family, visible_agencies, visible_events),
        "documents": Document.objects.visible_to(user)
        .filter(translations__mention__agency=agency)
        .distinct()
        .order_by(*chronological(), "title"),
    }
    return render(request, "catalog/agency_detail.html", context)


def _descendants(agencies: dict, root: int) -> set[int]:
    children = defaultdict(list)
    for agency in agencies.values():
        children[agency.parent_id].append(agency.pk)
    found, todo = {root}, [root]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _ancestors(agencies: dict, agency) -> list:
    """The visible agencies above ``agency``, nearest first; stops at a hidden one."""
    chain, parent_id = [], agency.parent_id
    while parent_id in agencies and agencies[parent_id] not in chain:
        chain.append(agencies[parent_id])
        parent_id = agencies[parent_id].parent_id
    return chain
