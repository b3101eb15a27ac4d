"""Small, realistic records for the search tests: documents with a text, a date,
languages and the other things the facets count."""

from catalog.models import (
    Agency,
    ArchivalReference,
    ContactEvent,
    Document,
    EventEvidence,
    Language,
    Mention,
    Person,
    Place,
    Repository,
    Status,
    Subject,
    Translation,
)


def language(code: str) -> Language:
    names = {"en": "English", "de": "German", "ar": "Arabic", "ru": "Russian"}
    return Language.objects.get_or_create(code=code, defaults={"name": names[code]})[0]


def document(
    slug: str,
    title: str,
    text: str = "",
    *,
    date: str = "",
    summary: str = "",
    status: str = Status.PUBLISHED,
    original: str = "de",
    text_language: str = "en",
    classification: str = "",
    subjects: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    reference: str = "",
    repository: Repository | None = None,
) -> Document:
    record = Document.objects.create(
        slug=slug,
        title=title,
        date=date,
        date_as_written=date,
        summary=summary,
        status=status,
        classification=classification,
        publisher="Test Archive",
        publisher_record_id=slug,
    )
    record.original_languages.add(language(original))
    if text:
        Translation.objects.create(document=record, language=language(text_language), text=text)
    for name in subjects:
        subject = Subject.objects.get_or_create(slug=name.lower().replace(" ", "-"), name=name)[0]
        record.subjects.add(subject)
    for name in places:
        place = Place.objects.get_or_create(slug=name.lower().replace(" ", "-"), name=name)[0]
        record.places.add(place)
    if reference:
        ArchivalReference.objects.create(
            document=record, as_written=reference, repository=repository
        )
    return record


def mention(record: Document, quote: str, target) -> Mention:
    """Mention ``target`` (a person or agency) where ``quote`` stands in the text."""
    translation = record.translations.first()
    start = translation.text.index(quote)
    field = "person" if isinstance(target, Person) else "agency"
    return Mention.objects.create(
        translation=translation, start=start, end=start + len(quote), **{field: target}
    )


def person(slug: str, name: str, status: str = Status.PUBLISHED) -> Person:
    return Person.objects.create(slug=slug, preferred_name=name, status=status)


def agency(slug: str, name: str, status: str = Status.PUBLISHED) -> Agency:
    return Agency.objects.create(slug=slug, name=name, status=status)


def attested_event(record: Document, quote: str, kind: str, *, agency=None, person=None):
    """A contact event of ``kind`` attested by ``quote`` in the document's text."""
    event = ContactEvent.objects.create(
        slug=f"{record.slug}-{kind}", title=quote[:50], kind=kind, status=Status.PUBLISHED
    )
    event.participants.create(agency=agency, person=person)
    translation = record.translations.first()
    start = translation.text.index(quote)
    EventEvidence.objects.create(
        event=event, translation=translation, start=start, end=start + len(quote)
    )
    return event
