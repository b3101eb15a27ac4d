"""Records that try the CSV format hard, added to the real seed memo for interchange tests."""

import csv
from pathlib import Path

from catalog.interchange.schema import RECORD_TYPES
from catalog.models import (
    Agency,
    AgencyName,
    ContactEvent,
    Document,
    EventEvidence,
    Language,
    Mention,
    Participant,
    Person,
    PersonName,
    RetiredSlug,
    Subject,
    Translation,
)

ARABIC_NAME = "سعدون شاكر"
TRICKY_TEXT = 'Er sagte: "Straße, Haus | Hof"\nund dann\r\nnichts.\n\n' + ARABIC_NAME + " kam."
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "-5", "@SUM(A1:A9)", "+49 30", "'quoted"]


def add_tricky_records(seed: Document) -> dict:
    """A second document and its people, with every kind of awkward value."""
    arabic = Language.objects.get(code="ar")
    subject = Subject.objects.create(
        name="Pipes | and \\ backslashes", slug="pipes-and-backslashes"
    )
    person = Person.objects.create(
        slug="saadoun-shaker-arabic",
        status="published",
        preferred_name="Saʿdūn Šākir",
        life_dates="1925?/1990",
        description=FORMULAS[0],
    )
    PersonName.objects.create(
        person=person, name=ARABIC_NAME, kind="transliteration", language=arabic
    )
    RetiredSlug.retire(person, "saadoun-shaker-old")  # renamed: the old address must live on
    parent = Agency.objects.create(
        slug="zz-ministerium", status="published", name="Ministerium für Staatssicherheit, Berlin"
    )
    # A child whose parent sorts after it: the import must link it once the parent is in.
    child = Agency.objects.create(
        slug="aa-abteilung", status="published", name="Abteilung X", parent=parent
    )
    AgencyName.objects.create(agency=child, name="Abt. X", kind="abbreviation")
    document = Document.objects.create(
        slug="tricky-document",
        status="published",
        title='Vermerk über "Gespräche", Teil 1 | 2',
        date="1982-01~/1982-03~",
        date_as_written="Anfang 1982",
        summary=FORMULAS[1] + "\n" + FORMULAS[2],
        citation=FORMULAS[3],
        credits=FORMULAS[4],
        publisher="Wilson Center Digital Archive",
        publisher_record_id="999999",
    )
    document.subjects.set([subject, *seed.subjects.all()])
    document.original_languages.set([arabic, Language.objects.get(code="de")])
    document.archival_references.create(as_written="BStU, MfS, HA XXII, Nr. 136, Bl. 121")
    text = Translation.objects.create(
        document=document, language=arabic, kind="original", text=TRICKY_TEXT, translator=person
    )
    start = TRICKY_TEXT.index(ARABIC_NAME)
    Mention.objects.create(
        translation=text, start=start, end=start + len(ARABIC_NAME), person=person
    )
    event = ContactEvent.objects.create(
        slug="tricky-event", status="published", title="Gespräch", kind="meeting", date="1986?"
    )
    Participant.objects.create(
        event=event, person=person, agency=child, role="visitor", note="=1+1"
    )
    EventEvidence.objects.create(translation=text, start=0, end=8, event=event)
    return {"document": document, "person": person, "agency": child, "event": event}


def empty_catalog() -> None:
    """Delete every catalog record, as in a fresh installation."""
    Agency.objects.update(parent=None)
    for record in reversed(RECORD_TYPES):
        record.model._default_manager.all().delete()
    RetiredSlug.objects.all().delete()


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict], headers: list[str] | None = None) -> None:
    headers = headers or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, headers, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
