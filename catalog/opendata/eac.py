"""Persons and agencies as EAC-CPF 2.0 authority records (namespace
``https://archivists.org/ns/eac/v2``).

- ``identity``: the catalog's name as the authorised ``nameEntry``, every other form of
  the name (variants, transliterations, abbreviations, names in other languages) as an
  alternative ``nameEntry`` whose ``@localType`` says which kind it is; the GND, VIAF and
  Wikidata identifiers as ``identityId`` with their URIs (``catalog.models.authorities``);
- ``description``: ``existDates`` from the EDTF life or existence dates, ``biogHist`` from
  the description, a person's offices as ``occupations`` with their dates, an agency's
  country as a ``place``;
- ``relations``: the agency each office was held in (``targetRole`` is the office), an
  agency's parent and its sub-agencies, each with its page as ``@valueURI``.

Dates: an EDTF side that is a plain ISO date ("1975", "1975-08") is a ``@standardDate``;
one known only by its bounds ("../1975-08-29": by that day) gets ``@notBefore`` and
``@notAfter`` from the stored bounds, and words from the stored wording.

Only published agencies are named in relations; an office in a draft agency is given
without the agency. ``AuthorityFacts.load`` reads a page of records in fixed queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from lxml import etree

from catalog import dates
from catalog.models import Agency, Person, PersonRole, Status
from catalog.models.authorities import identifiers
from catalog.opendata.common import Context, iso639_2b, repository_name
from catalog.opendata.xml import element, iso_day, sub, utc_seconds

NS = "https://archivists.org/ns/eac/v2"
SCHEMA_LOCATION = f"{NS} https://eac.staatsbibliothek-berlin.de/schema/v2/eac.xsd"
PLAIN_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class AuthorityFacts:
    """Sub-agencies of each agency on a page (published ones only)."""

    sub_agencies: dict[int, list]

    @classmethod
    def load(cls, records: list) -> AuthorityFacts:
        persons = [r for r in records if isinstance(r, Person)]
        agencies = [r for r in records if isinstance(r, Agency)]
        if persons:
            prefetch_related_objects(
                persons,
                "names__language",
                Prefetch("roles", PersonRole.objects.select_related("agency")),
            )
        sub_agencies: dict[int, list] = {}
        if agencies:
            prefetch_related_objects(agencies, "names__language", "parent")
            children = Agency.objects.filter(
                parent__in=[a.pk for a in agencies], status=Status.PUBLISHED
            ).order_by("name")
            for child in children:
                sub_agencies.setdefault(child.parent_id, []).append(child)
        return cls(sub_agencies)


def eac(record, facts: AuthorityFacts, ctx: Context) -> etree._Element:
    """The EAC-CPF 2.0 record of one published person or agency."""
    is_person = isinstance(record, Person)
    kind = "person" if is_person else "agency"
    root = element(NS, "eac", nsmap={None: NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"})
    root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", SCHEMA_LOCATION)
    url = ctx.url(record)
    _control(root, record, kind, url)
    description = sub(root, "cpfDescription")
    identity = sub(description, "identity")
    sub(identity, "entityType", value="person" if is_person else "corporateBody")
    name = record.preferred_name if is_person else record.name
    authorised = sub(identity, "nameEntry", status="authorized", preferredForm="true")
    sub(authorised, "part", name)
    if is_person and record.sort_name and record.sort_name != name:
        inverted = sub(identity, "nameEntry", status="alternative", localType="inverted")
        sub(inverted, "part", record.sort_name)
    for variant in record.names.all():
        language = iso639_2b(variant.language.code) if variant.language else ""
        entry = sub(
            identity,
            "nameEntry",
            status="alternative",
            localType=variant.kind,
            languageOfElement=language,
        )
        sub(entry, "part", variant.name)
    # ISAAR (CPF) 5.1.6, in EAC-CPF 2.0 ``identityId`` (2010's ``entityId``): the record's
    # identifiers in GND, VIAF and Wikidata, with the URI each stands for.
    for found in identifiers(record):
        sub(
            identity,
            "identityId",
            found.value,
            localType=found.authority.label,
            vocabularySource=found.authority.label,
            valueURI=found.uri,
        )
    _description(description, record, is_person)
    _relations(description, record, is_person, facts, ctx)
    return root


def _control(root, record, kind: str, url: str) -> None:
    control = sub(
        root,
        "control",
        maintenanceStatus="revised",
        publicationStatus="published",
        languageEncoding="iso639-2b",
        scriptEncoding="iso15924",
        dateEncoding="iso8601",
    )
    sub(control, "recordId", f"{kind}-{record.pk}")
    sub(sub(control, "maintenanceAgency"), "agencyName", repository_name())
    history = sub(control, "maintenanceHistory")
    for event_type, moment in (("created", record.created), ("updated", record.modified)):
        event = sub(history, "maintenanceEvent", maintenanceEventType=event_type)
        sub(event, "agent", repository_name(), agentType="machine")
        sub(event, "eventDateTime", standardDateTime=utc_seconds(moment))
    sub(control, "languageDeclaration", languageCode="eng", scriptCode="Latn")
    sub(control, "representation", "The record's page", href=url, linkRole="text/html")


def _description(parent, record, is_person: bool) -> None:
    description = etree.Element(f"{{{NS}}}description")
    edtf, words = (
        (record.life_dates, record.life_display)
        if is_person
        else (record.existed, record.existed_display)
    )
    prefix = "life" if is_person else "existed"
    if edtf:
        exist = sub(description, "existDates")
        start, slash, end = edtf.partition("/")
        if slash:
            daterange = sub(exist, "dateRange")
            _side(daterange, "fromDate", start, getattr(record, f"{prefix}_earliest"), None)
            _side(daterange, "toDate", end, None, getattr(record, f"{prefix}_latest"))
        else:
            _side(exist, "date", edtf, None, None, words=words)
        if words:
            sub(sub(exist, "descriptiveNote"), "p", words)
    if record.description:
        sub(sub(description, "biogHist"), "p", record.description)
    if is_person:
        roles = list(record.roles.all())
        if roles:
            occupations = sub(description, "occupations")
            for role in roles:
                occupation = sub(occupations, "occupation")
                sub(occupation, "term", role.title)
                _role_dates(occupation, role)
                note = role.tenure_display
                if role.agency is not None and role.agency.status == Status.PUBLISHED:
                    note = f"{role.agency.name}; {note}" if note else role.agency.name
                if note or role.note:
                    descriptive = sub(occupation, "descriptiveNote")
                    for text in (note, role.note):
                        if text:
                            sub(descriptive, "p", text)
    elif record.country:
        place = sub(sub(description, "places"), "place")
        sub(place, "placeName", record.country)
        sub(place, "placeRole", "country")
    if len(description):
        parent.append(description)


def _side(parent, tag: str, edtf: str, earliest, latest, words: str = ""):
    """One end of a date: ``@standardDate`` when the EDTF is a plain date, else bounds."""
    if PLAIN_DATE.match(edtf or ""):
        return sub(parent, tag, words or edtf, standardDate=edtf)
    if edtf in ("", ".."):
        return sub(parent, tag, status="ongoing" if edtf == ".." else "unknown")
    return sub(parent, tag, words or edtf, notBefore=iso_day(earliest), notAfter=iso_day(latest))


def _role_dates(parent, role) -> None:
    """An office's tenure from its stored bounds: "../1975-08-29" is a start not after
    29 August 1975; "1975-08-29/1986-02-27" an end between those days."""
    if not (role.start or role.end):
        return
    daterange = sub(parent, "dateRange")
    for tag, edtf, words, earliest, latest in (
        ("fromDate", role.start, role.start_display, role.start_earliest, role.start_latest),
        ("toDate", role.end, role.end_display, role.end_earliest, role.end_latest),
    ):
        if tag == "fromDate" and edtf.startswith("../"):
            # "../1975-08-29" as a start: in office by then (its own wording says "until").
            words = f"by {dates.display_edtf(edtf[3:])}"
        if not edtf:
            sub(daterange, tag, status="unknown")
        elif PLAIN_DATE.match(edtf):
            sub(daterange, tag, words or edtf, standardDate=edtf)
        else:
            sub(
                daterange,
                tag,
                words or edtf,
                notBefore=iso_day(earliest),
                notAfter=iso_day(latest),
            )


def _relations(parent, record, is_person: bool, facts: AuthorityFacts, ctx: Context) -> None:
    relations = etree.Element(f"{{{NS}}}relations")

    def relate(target, relation_type: str, role: str = "", dates=None) -> None:
        relation = sub(relations, "relation")
        entity = sub(relation, "targetEntity", targetType="corporateBody", valueURI=ctx.url(target))
        sub(entity, "part", target.name)
        if dates is not None:
            _role_dates(relation, dates)
        sub(relation, "relationType", relation_type)
        if role:
            sub(relation, "targetRole", role)

    if is_person:
        for role in record.roles.all():
            if role.agency is not None and role.agency.status == Status.PUBLISHED:
                relate(role.agency, "held office in", role.title, role)
    else:
        if record.parent is not None and record.parent.status == Status.PUBLISHED:
            relate(record.parent, "part of", "parent agency")
        for child in facts.sub_agencies.get(record.pk, []):
            relate(child, "has part", "sub-agency")
    if len(relations):
        parent.append(relations)
