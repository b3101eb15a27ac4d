"""A realistic synthetic catalog of any size, for benchmarks and load tests.

Records look like the real ones: German, Arabic and Russian names (with variants in Arabic
script), agencies in hierarchies with their abbreviations, EDTF dates of every precision
(days, months, years, uncertain, approximate, intervals, open ends), BStU references, texts
with quotes, commas and line breaks whose mentions and evidence sit at valid spans. Written
with ``bulk_create`` and no change history: it is a fixture, not an archivist's work. The same
seed gives the same catalog.
"""

from __future__ import annotations

import random

from django.db import transaction

from catalog.interchange.synthetic_words import (
    ARABIC,
    CITIES,
    CLASSIFICATIONS,
    COUNTRIES,
    FILLER,
    FIRST,
    LANGUAGES,
    LAST,
    SUBJECTS,
    UNITS,
    Sizes,
    random_edtf,
)
from catalog.models import (
    Agency,
    AgencyName,
    ArchivalReference,
    ContactEvent,
    Document,
    EventEvidence,
    Language,
    Mention,
    NameKind,
    Participant,
    Person,
    PersonName,
    PersonRole,
    Place,
    Repository,
    RoleEvidence,
    Status,
    Subject,
    Translation,
)


class SyntheticCatalog:
    def __init__(self, sizes: Sizes, seed: int = 1, batch_size: int = 5000):
        self.sizes, self.batch_size = sizes, batch_size
        self.rng = random.Random(seed)
        self.counts: dict[str, int] = {}

    def _save(self, model, objects) -> list:
        created = model.objects.bulk_create(objects, batch_size=self.batch_size)
        self.counts[model._meta.verbose_name_plural] = self.counts.get(
            model._meta.verbose_name_plural, 0
        ) + len(created)
        return created

    @transaction.atomic
    def run(self) -> dict[str, int]:
        rng = self.rng
        self.languages = {
            code: Language.objects.get_or_create(code=code, defaults={"name": name})[0]
            for code, name in LANGUAGES
        }
        self.subjects = self._save(
            Subject,
            [
                Subject(name=f"{s} {i}" if i else s, slug=f"synthetic-subject-{i}-{n}")
                for i in range(3)
                for n, s in enumerate(SUBJECTS)
            ],
        )
        countries = self._save(
            Place,
            [
                Place(name=c, slug=f"synthetic-country-{n}", kind="country")
                for n, c in enumerate(COUNTRIES)
            ],
        )
        cities = self._save(
            Place,
            [
                Place(name=c, slug=f"synthetic-city-{n}", kind="city", parent=rng.choice(countries))
                for n, c in enumerate(CITIES)
            ],
        )
        self.places = countries + cities
        self.bstu = self._save(
            Repository,
            [
                Repository(
                    name="Stasi Records Archive (synthetic)",
                    slug="synthetic-bstu",
                    abbreviation="BStU",
                )
            ],
        )[0]
        self._agencies()
        self._persons()
        self._events()
        self._documents()
        return self.counts

    def _status(self) -> str:
        return Status.PUBLISHED if self.rng.random() < 0.8 else Status.DRAFT

    def _agencies(self) -> None:
        rng, agencies, names = self.rng, [], []
        for i in range(self.sizes.agencies):
            unit = UNITS[i % len(UNITS)]
            line = i // len(UNITS)
            short = f"{unit}/{line}" if line else unit
            parent = (
                agencies[rng.randrange(min(len(agencies), 20))] if agencies and i >= 20 else None
            )
            agency = Agency(
                slug=f"agency-{i:06}",
                status=self._status(),
                name=f"Department {short} of the MfS",
                kind=rng.choice(["main_department", "department", "security_service"]),
                country=rng.choice(COUNTRIES),
                existed=f"{1950 + i % 20}/1990",
                parent=parent,
            )
            agencies.append(self._save(Agency, [agency])[0] if i < 20 else agency)
            names.append((agency, short))
        self._save(Agency, agencies[20:])
        self._save(
            AgencyName, [AgencyName(agency=a, name=n, kind=NameKind.ABBREVIATION) for a, n in names]
        )
        self.agencies = agencies

    def _persons(self) -> None:
        rng, persons, names, roles = self.rng, [], [], []
        for i in range(self.sizes.persons):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            life = rng.choice(
                ["1907/2000", "1930/..", "1925?/1990", "", f"{rng.randint(1900, 1950)}"]
            )
            person = Person(
                slug=f"person-{i:06}",
                status=self._status(),
                preferred_name=f"{first} {last}",
                sort_name=f"{last}, {first}",
                life_dates=life,
                description=rng.choice(FILLER),
            )
            person.compute_derived()
            persons.append(person)
        self._save(Person, persons)
        for person in persons:
            first = person.preferred_name.split(" ")[0]
            if first in ARABIC:
                names.append(
                    PersonName(
                        person=person,
                        name=ARABIC[first],
                        kind=NameKind.TRANSLITERATION,
                        language=self.languages["ar"],
                    )
                )
            if rng.random() < 0.5:
                start, _ = random_edtf(rng)
                role = PersonRole(
                    person=person,
                    agency=rng.choice(self.agencies),
                    title=rng.choice(
                        ["Head of department", "Deputy minister", "Liaison officer", "Resident"]
                    ),
                    start=f"../{start[:4]}",
                )
                role.compute_derived()
                roles.append(role)
        self._save(PersonName, names)
        self.persons = persons
        self.roles = {role.person_id: role for role in self._save(PersonRole, roles)}

    def _events(self) -> None:
        rng, events, participants = self.rng, [], []
        for i in range(self.sizes.events):
            date, written = random_edtf(rng)
            event = ContactEvent(
                slug=f"event-{i:06}",
                status=self._status(),
                title=f"Meeting of delegations, {written}",
                kind=rng.choice(["meeting", "delegation_visit", "request", "correspondence"]),
                date=date,
                date_as_written=written,
                place=rng.choice(self.places),
                summary=rng.choice(FILLER),
            )
            event.compute_derived()
            events.append(event)
        self._save(ContactEvent, events)
        # The visitors come from another agency, abroad when there is one: each event joins
        # a pair of agencies, as in the real catalog, and the network has something to draw.
        abroad = {
            country: [a for a in self.agencies if a.country != country] for country in COUNTRIES
        }
        for event in events:
            host, visitor = rng.sample(self.persons, 2)
            hosting = rng.choice(self.agencies)
            visiting = rng.choice(
                abroad[hosting.country] or [a for a in self.agencies if a is not hosting]
            )
            participants.append(Participant(event=event, person=host, agency=hosting, role="host"))
            participants.append(
                Participant(event=event, person=visitor, agency=visiting, role="visitor")
            )
        self._save(Participant, participants)
        self.events = events

    def _documents(self) -> None:
        per_document, extra = divmod(self.sizes.mentions, max(self.sizes.documents, 1))
        for start in range(0, self.sizes.documents, self.batch_size):
            stop = min(start + self.batch_size, self.sizes.documents)
            self._document_batch(range(start, stop), per_document, extra)

    def _document_batch(self, numbers: range, per_document: int, extra: int) -> None:
        rng = self.rng
        documents, references = [], []
        for i in numbers:
            date, written = random_edtf(rng)
            document = Document(
                slug=f"document-{i:07}",
                status=self._status(),
                title=f"Information on talks with {rng.choice(COUNTRIES)}, {written}",
                date=date,
                date_as_written=written,
                classification=rng.choice(CLASSIFICATIONS),
                summary=" ".join(rng.sample(FILLER, 2)),
                publisher="Wilson Center Digital Archive (synthetic)",
                publisher_record_id=str(500_000 + i),
                credits="Translated for CWIHP by a synthetic translator.",
            )
            document.compute_derived()
            documents.append(document)
        self._save(Document, documents)
        through = [
            (Document.subjects.through, "subject_id", self.subjects, 3),
            (Document.places.through, "place_id", self.places, 2),
        ]
        for model, column, choices, most in through:
            links = [
                model(document_id=d.pk, **{column: c.pk})
                for d in documents
                for c in rng.sample(choices, rng.randint(1, most))
            ]
            model.objects.bulk_create(links, batch_size=self.batch_size)
        Document.original_languages.through.objects.bulk_create(
            [
                Document.original_languages.through(
                    document_id=d.pk, language_id=self.languages["de"].pk
                )
                for d in documents
            ]
        )
        for document in documents:
            first = rng.randint(1, 300)
            folios = f"Bl. {first}-{first + rng.randint(1, 9)}"
            reference = ArchivalReference(
                document=document,
                repository=self.bstu,
                as_written=f"BStU, MfS, {rng.choice(UNITS)}, Nr. {rng.randint(1, 9999)}, {folios}",
            )
            reference.apply_parse()
            references.append(reference)
        self._save(ArchivalReference, references)
        self._texts(documents, per_document, extra)

    def _texts(self, documents, per_document: int, extra: int) -> None:
        rng, english = self.rng, self.languages["en"]
        translations, spans = [], []
        for document in documents:
            count = per_document + (1 if rng.randrange(len(documents) or 1) < extra else 0)
            parts, length, found = [], 0, []
            for _ in range(count):
                kind = rng.randrange(3)
                target = (self.persons, self.agencies, self.events)[kind]
                record = rng.choice(target)
                label = (
                    record.preferred_name
                    if kind == 0
                    else (record.name if kind == 1 else record.title)
                )
                prefix = rng.choice(FILLER) + " Comrade " if kind == 0 else rng.choice(FILLER) + " "
                parts.append(prefix)
                length += len(prefix)
                found.append((kind, record, length, length + len(label), label))
                parts.append(label + ".")
                length += len(label) + 1
            translations.append(
                Translation(
                    document=document,
                    language=english,
                    kind="translation",
                    slug="translation-en",
                    text="".join(parts) or "No text.",
                    credit_line="Translated by a synthetic translator.",
                )
            )
            spans.append(found)
        self._save(Translation, translations)
        mentions, event_evidence, role_evidence = [], [], []
        for translation, found in zip(translations, spans, strict=True):
            for kind, record, start, end, quote in found:
                key = ("person", "agency", "event")[kind]
                mentions.append(
                    Mention(
                        translation=translation, start=start, end=end, quote=quote, **{key: record}
                    )
                )
                if kind == 2 and rng.random() < 0.3:
                    event_evidence.append(
                        EventEvidence(
                            translation=translation, start=start, end=end, quote=quote, event=record
                        )
                    )
                if kind == 0 and record.pk in self.roles and rng.random() < 0.1:
                    role_evidence.append(
                        RoleEvidence(
                            translation=translation,
                            start=start,
                            end=end,
                            quote=quote,
                            role=self.roles.pop(record.pk),
                        )
                    )
        self._save(Mention, mentions)
        self._save(EventEvidence, event_evidence)
        self._save(RoleEvidence, role_evidence)
