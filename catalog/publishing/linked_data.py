"""schema.org descriptions (JSON-LD) of documents, persons, agencies, contact events, places
and subjects.

Every record is named by its page's permanent address as ``@id``; a linked record is a node
with its own ``@id``, so that the descriptions of all pages join into one graph. Persons,
agencies and places point to the same entity in authority files with ``sameAs``
(``catalog.models.authorities``).

Search engines and reference tools read them. Each names only
what the page shows a visitor: the caller passes the records already filtered by
visibility, and a draft agency, person or document never appears in them.
"""

import re

from django.urls import reverse

from catalog.models.authorities import same_as
from catalog.models.base import web_url
from catalog.models.provenance import document_publisher_address
from catalog.restrictions import public
from catalog.views.pages import is_visible

CONTEXT = "https://schema.org"
ORGANIZATION = "GovernmentOrganization"
# An EDTF date that is also an ISO 8601 date schema.org reads: a year, month or day.
PLAIN_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _interval(edtf: str) -> tuple[str, str]:
    """(start, end) of an EDTF interval whose ends are plain dates; blank where not, and
    both blank for a single date, which says nothing of where a span begins or ends."""
    start, slash, end = (edtf or "").partition("/")
    if not slash:
        return "", ""
    return (
        start if PLAIN_DATE.match(start) else "",
        end if PLAIN_DATE.match(end) else "",
    )


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def _place_url(record, request) -> str:
    return request.build_absolute_uri(reverse("catalog:place", args=[record.slug]))


def _ref(record, request, schema_type: str, name: str) -> dict:
    return {
        "@type": schema_type,
        "@id": request.build_absolute_uri(record.get_absolute_url()),
        "name": name,
    }


def person(record, request, roles) -> dict:
    """A person, with the agencies of the offices the page lists (``roles``)."""
    user = request.user
    birth, death = _interval(record.life_dates)
    url = request.build_absolute_uri(record.get_absolute_url())
    member_of = []
    for role in roles:
        if is_visible(role.agency, user):
            member_of.append(
                {
                    "@type": "OrganizationRole",
                    "roleName": role.title,
                    "memberOf": _ref(role.agency, request, ORGANIZATION, role.agency.name),
                }
            )
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Person",
            "@id": url,
            "url": url,
            "name": record.preferred_name,
            "alternateName": [name.name for name in record.names.all()],
            "description": record.description,
            "birthDate": birth,
            "deathDate": death,
            "memberOf": member_of,
            "sameAs": same_as(record),
        }
    )


def agency(record, request, ancestors, sub_agencies) -> dict:
    """An agency, inside the agency it was part of and over its visible sub-agencies."""
    user = request.user
    founded, dissolved = _interval(record.existed)
    url = request.build_absolute_uri(record.get_absolute_url())
    parent = ancestors[0] if ancestors else None
    return _clean(
        {
            "@context": CONTEXT,
            "@type": ORGANIZATION,
            "@id": url,
            "url": url,
            "name": record.name,
            "alternateName": [name.name for name in record.names.all()],
            "description": record.description,
            "areaServed": {"@type": "Country", "name": record.country} if record.country else None,
            "foundingDate": founded,
            "dissolutionDate": dissolved,
            "parentOrganization": (
                _ref(parent, request, ORGANIZATION, parent.name)
                if is_visible(parent, user)
                else None
            ),
            "subOrganization": [
                _ref(child, request, ORGANIZATION, child.name)
                for child in sub_agencies
                if is_visible(child, user)
            ],
            "sameAs": same_as(record),
        }
    )


def event(record, request, documents) -> dict:
    """A contact event: when, where, who took part, and the documents that attest it."""
    user = request.user
    start, end = _interval(record.date)
    if not start and PLAIN_DATE.match(record.date or ""):
        start = record.date
    url = request.build_absolute_uri(record.get_absolute_url())
    attendees = []
    for participant in record.participants.all():
        if is_visible(participant.person, user):
            attendees.append(
                _ref(participant.person, request, "Person", participant.person.preferred_name)
            )
        elif is_visible(participant.agency, user):
            attendees.append(
                _ref(participant.agency, request, ORGANIZATION, participant.agency.name)
            )
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "@id": url,
            "url": url,
            "name": record.title,
            "description": record.summary,
            "startDate": start,
            "endDate": end,
            "location": (
                {
                    "@type": "Place",
                    "@id": _place_url(record.place, request),
                    "name": record.place.name,
                }
                if record.place
                else None
            ),
            "attendee": list({item["@id"]: item for item in attendees}.values()),
            "subjectOf": [
                _ref(document, request, "ArchiveComponent", document.title)
                for document in documents
            ],
        }
    )


def place(record, request) -> dict:
    """A place, inside the larger place it lies in."""
    url = _place_url(record, request)
    parent = record.parent
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Place",
            "@id": url,
            "url": url,
            "name": record.name,
            "description": record.description,
            "containedInPlace": (
                {
                    "@type": "Place",
                    "@id": _place_url(parent, request),
                    "name": parent.name,
                }
                if parent
                else None
            ),
            "sameAs": same_as(record),
        }
    )


def document(record, request, persons=(), agencies=(), events=(), collections=()) -> dict:
    """A document as an archive component: where it is held, its translators, what it is
    about (subjects and contact events), whom it mentions and the collections it is part of.
    ``persons``, ``agencies``, ``events`` and ``collections`` are those the page lists,
    already limited to what the visitor may see."""
    user = request.user
    url = request.build_absolute_uri(record.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": ["ArchiveComponent", "CreativeWork"],
        "@id": url,
        "url": url,
        "name": record.title,
        "description": record.summary,
        "dateCreated": record.date,
        "inLanguage": [language.code for language in record.original_languages.all()],
        "about": [
            {
                "@type": "DefinedTerm",
                "@id": request.build_absolute_uri(reverse("catalog:subject", args=[s.slug])),
                "name": s.name,
            }
            for s in record.subjects.all()
        ]
        + [_ref(event, request, "Event", event.title) for event in events],
        "mentions": [_ref(p, request, "Person", p.preferred_name) for p in persons]
        + [_ref(a, request, ORGANIZATION, a.name) for a in agencies],
        "spatialCoverage": [
            {"@type": "Place", "@id": _place_url(place, request), "name": place.name}
            for place in record.places.all()
        ],
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": record.publisher}
        if record.publisher
        else None,
        "sameAs": web_url(document_publisher_address(record).permanent),
        "identifier": record.publisher_record_id,
        "license": record.rights,
    }
    for reference in record.archival_references.all():
        if reference.repository is not None:
            data["holdingArchive"] = _clean(
                {
                    "@type": "ArchiveOrganization",
                    "name": reference.repository.name,
                    "url": web_url(reference.repository.url),
                }
            )
        data.setdefault("itemLocation", reference.as_written)
    translators = {
        t.translator.pk: _ref(t.translator, request, "Person", t.translator.preferred_name)
        for t in public.shown_texts(record.translations.all())
        if is_visible(t.translator, user)
    }
    data["translator"] = list(translators.values())
    data["isPartOf"] = [_ref(c, request, "Collection", c.title) for c in collections]
    return _clean(data)


def subject(record, request) -> dict:
    """A subject, as a term of the catalog's list of subjects: documents point to it in
    their ``about``."""
    url = request.build_absolute_uri(reverse("catalog:subject", args=[record.slug]))
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "DefinedTerm",
            "@id": url,
            "url": url,
            "name": record.name,
            "description": record.description,
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "@id": request.build_absolute_uri(reverse("catalog:subjects")),
                "name": "Subjects",
            },
        }
    )


def collection(record, request, documents=()) -> dict:
    """A collection, as an archive component holding the visible ``documents`` of the page
    in their order (``hasPart``)."""
    url = request.build_absolute_uri(record.get_absolute_url())
    return _clean(
        {
            "@context": CONTEXT,
            "@type": ["Collection", "ArchiveComponent"],
            "@id": url,
            "url": url,
            "name": record.title,
            "description": record.description,
            "creditText": record.curator,
            "collectionSize": len(documents) or None,
            "hasPart": [_ref(d, request, "ArchiveComponent", d.title) for d in documents],
        }
    )
