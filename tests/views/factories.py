"""Records for the public-page tests: drafts beside published records, and more data.

Plain functions, imported by the tests that need them, so that each test shows what
it builds. Texts are written so that every mention and passage quotes them exactly.
"""

from catalog.models import (
    Agency,
    ContactEvent,
    Document,
    EventEvidence,
    Language,
    Mention,
    Participant,
    Person,
    PersonRole,
    Place,
    RoleEvidence,
    Status,
    Subject,
    Translation,
)

PUBLISHED = Status.PUBLISHED
DRAFT = Status.DRAFT


def english() -> Language:
    language, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    return language


def document(slug: str, text: str, *, status=PUBLISHED, title: str = "") -> Translation:
    """A document with one English translation; returns the translation."""
    record = Document.objects.create(
        slug=slug, title=title or slug.replace("-", " ").title(), status=status, date="1980-05"
    )
    return Translation.objects.create(document=record, language=english(), text=text)


def mention(translation: Translation, quote: str, **target) -> Mention:
    start = translation.text.index(quote)
    return Mention.objects.create(
        translation=translation, start=start, end=start + len(quote), quote=quote, **target
    )


def event_evidence(event: ContactEvent, translation: Translation, quote: str) -> EventEvidence:
    start = translation.text.index(quote)
    return EventEvidence.objects.create(
        event=event, translation=translation, start=start, end=start + len(quote), quote=quote
    )


def role_evidence(role: PersonRole, translation: Translation, quote: str) -> RoleEvidence:
    start = translation.text.index(quote)
    return RoleEvidence.objects.create(
        role=role, translation=translation, start=start, end=start + len(quote), quote=quote
    )


def grow(person: Person, agency: Agency, count: int, *, prefix: str = "extra") -> None:
    """``count`` more published documents, persons, agencies, offices and contact events,
    all linked to ``person`` and ``agency``, so that every list on their pages grows."""
    subject, _ = Subject.objects.get_or_create(slug=f"{prefix}-subject", name=f"{prefix} subject")
    place, _ = Place.objects.get_or_create(slug=f"{prefix}-place", name=f"{prefix} place")
    for n in range(count):
        other_agency = Agency.objects.create(
            slug=f"{prefix}-agency-{n}",
            name=f"Agency {prefix} {n}",
            country=f"Country {n}",
            status=PUBLISHED,
            parent=agency if n % 2 else None,
        )
        other_agency.names.create(name=f"AG{n}", kind="abbreviation")
        other_person = Person.objects.create(
            slug=f"{prefix}-person-{n}", preferred_name=f"Person {prefix} {n}", status=PUBLISHED
        )
        other_person.names.create(name=f"P. {prefix} {n}")
        text = (
            f"Meeting {n}.\n\nOn that day {person.preferred_name} met Person {prefix} {n} "
            f"of Agency {prefix} {n} and {agency.name}."
        )
        translation = document(f"{prefix}-document-{n}", text)
        translation.document.subjects.add(subject)
        translation.document.places.add(place)
        event = ContactEvent.objects.create(
            slug=f"{prefix}-event-{n}",
            title=f"Meeting {prefix} {n}",
            kind="meeting",
            date=f"{1970 + n}-03",
            status=PUBLISHED,
            place=place,
        )
        Participant.objects.create(event=event, person=person, agency=agency, role="host")
        Participant.objects.create(
            event=event, person=other_person, agency=other_agency, role="visitor"
        )
        event_evidence(event, translation, f"{person.preferred_name} met Person {prefix} {n}")
        mention(translation, person.preferred_name, person=person)
        mention(translation, f"Person {prefix} {n}", person=other_person)
        mention(translation, f"Agency {prefix} {n}", agency=other_agency)
        mention(translation, agency.name, agency=agency)
        for holder, where in ((person, other_agency), (other_person, agency)):
            role = PersonRole.objects.create(
                person=holder, agency=where, title=f"Officer {n}", start=f"../{1970 + n}-03"
            )
            role_evidence(role, translation, f"Meeting {n}.")
