"""Writes the search text of documents: what each engine's index is built from.

A document's search text is its title; its summary and every one of its texts;
and the names (preferred names, variants, abbreviations) of the persons and
agencies mentioned in it, so that "al-Duri" or "Stasi" find a memo that spells
them otherwise or not at all. Only published persons and agencies lend their
names: a draft's name variants must not make a document findable, or they
would betray a record the public may not yet see. Publishing or unpublishing
a person or agency reindexes the documents that mention them.

The indexer also keeps the vocabulary of published documents
(``catalog.search.vocabulary``) counted: each text it writes or deletes adds or
takes back its words, if its document was published when it was written.

Withheld content (``catalog.restrictions``) never reaches the index: a document withheld
whole has no search text, a text is indexed as the public reads it (withheld passages as
their placeholder), and a person lends their names only to the documents that name them
outside withheld passages, so that a restricted name finds nothing and no snippet or
highlight can show it. The view is built afresh (not from the cache), so that a
restriction saved in the same transaction counts.

The indexer takes an app registry so that a data migration can run it on the
historical models.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models import F, Q

from catalog.search import vocabulary
from catalog.search.query import strip_reserved

#: Language codes of German texts, which PostgreSQL reads with its German configuration too.
GERMAN_CODES = ("de", "deu", "ger", "gmh", "goh")


class SearchIndexer:
    batch_size = 500

    def __init__(self, apps=global_apps):
        # A data migration's historical models predate restrictions: nothing is withheld.
        self.withholds = apps is global_apps
        get = apps.get_model
        self.Document = get("catalog", "Document")
        self.Translation = get("catalog", "Translation")
        self.Mention = get("catalog", "Mention")
        self.PersonName = get("catalog", "PersonName")
        self.AgencyName = get("catalog", "AgencyName")
        self.SearchText = get("catalog", "DocumentSearchText")
        try:
            self.Word = get("catalog", "SearchWord")
        except LookupError:  # a data migration before 0009: no vocabulary yet
            self.Word = None
        fields = {f.name for f in self.SearchText._meta.get_fields()}
        # Only PostgreSQL reads the German texts apart (migration 0017); SQLite's FTS5 folds
        # diacritics and ß in one tokenizer for every language.
        self.German = "german" in fields and connection.vendor == "postgresql"
        self.text_status = "status" in {f.name for f in self.Translation._meta.get_fields()}

    def reindex(self, document_ids: Iterable[int]) -> int:
        """Rewrite the search text of these documents; forget the deleted ones.

        A constant number of queries however many documents are given.
        """
        ids = sorted({pk for pk in document_ids if pk is not None})
        if not ids:
            return 0
        view = self.withheld_view()
        documents = [
            row
            for row in self.Document.objects.filter(pk__in=ids).values_list(
                "pk", "title", "summary", "status"
            )
            if not view.hides_document(row[0])
        ]
        (texts, german), names = self.texts(ids, view), self.names(ids, view)
        rows = [
            self.SearchText(
                document_id=pk,
                title=strip_reserved(title),
                body=strip_reserved("\n\n".join(part for part in [summary, *texts[pk]] if part)),
                names=strip_reserved("\n".join(names[pk])),
                **({"published": status == "published"} if self.Word else {}),
                **({"german": strip_reserved("\n\n".join(german[pk]))} if self.German else {}),
            )
            for pk, title, summary, status in documents
        ]
        with transaction.atomic():
            taken_back = self.counted_words(ids)
            # Delete and insert rather than update: the SQLite triggers then
            # keep FTS5 in step with plain INSERT and DELETE statements.
            self.SearchText.objects.filter(document_id__in=ids).delete()
            self.SearchText.objects.bulk_create(rows)
            if self.Word:
                given = Counter()
                for row in rows:
                    if row.published:
                        given.update(vocabulary.words(self.text_of(row)))
                given.subtract(taken_back)
                vocabulary.count(given)
        return len(rows)

    def withheld_view(self):
        from catalog.restrictions import withheld

        return withheld.build() if self.withholds else withheld.Withheld(withheld.today())

    @staticmethod
    def text_of(row) -> str:
        return "\n".join((row.title, row.body, row.names))

    def counted_words(self, document_ids: list[int]) -> Counter:
        """The words that these documents' stored texts gave the vocabulary."""
        counted = Counter()
        if self.Word:
            stored = self.SearchText.objects.filter(document_id__in=document_ids, published=True)
            for row in stored.only("title", "body", "names"):
                counted.update(vocabulary.words(self.text_of(row)))
        return counted

    def forget(self, document_ids: Iterable[int]) -> None:
        """Take back the words of documents about to be deleted (their texts go with them)."""
        taken_back = self.counted_words(list(document_ids))
        if taken_back:
            vocabulary.count(Counter({word: -n for word, n in taken_back.items()}))

    def documents_of(self, model, instances) -> set[int]:
        """The documents whose search text may change when these records change.

        For bulk writes, which send no signals: a document, its texts, the mentions in
        them, and the persons and agencies mentioned (their status and names). At most
        one query.
        """
        label = model._meta.label_lower
        if label == "catalog.document":
            return {instance.pk for instance in instances}
        if label == "catalog.translation":
            return {instance.document_id for instance in instances}
        if label == "catalog.mention":
            ids = {instance.translation_id for instance in instances}
            found = self.Translation.objects.filter(pk__in=ids)
            return set(found.values_list("document_id", flat=True))
        owners = {
            "catalog.person": ("person", "pk"),
            "catalog.agency": ("agency", "pk"),
            "catalog.personname": ("person", "person_id"),
            "catalog.agencyname": ("agency", "agency_id"),
        }
        if label not in owners:
            return set()
        field, attname = owners[label]
        ids = {getattr(instance, attname) for instance in instances}
        mentions = self.Mention.objects.filter(**{f"{field}_id__in": ids})
        return set(mentions.values_list("translation__document_id", flat=True).distinct())

    def reindex_in_batches(self, document_ids: Iterable[int]) -> int:
        """``reindex`` for any number of documents, ``batch_size`` at a time."""
        ids = sorted(set(document_ids))
        for start in range(0, len(ids), self.batch_size):
            self.reindex(ids[start : start + self.batch_size])
        return len(ids)

    def rebuild(self) -> int:
        """Rewrite the whole index, in batches; returns the number of documents."""
        with transaction.atomic():
            self.SearchText.objects.all().delete()
            if self.Word:
                self.Word.objects.all().delete()
            return self.reindex_in_batches(self.Document.objects.values_list("pk", flat=True))

    def texts(self, ids: list[int], view) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
        """The titles and texts of each document, withheld passages as placeholders, and
        those of its German texts apart; draft texts are not public, and not indexed."""
        texts, german = defaultdict(list), defaultdict(list)
        translations = self.Translation.objects.filter(document_id__in=ids).order_by(
            "document_id", "kind", "language__code", "pk"
        )
        if self.text_status:
            translations = translations.filter(status="published")
        rows = translations.only("pk", "document_id", "title", "text").annotate(
            code=F("language__code")
        )
        for translation in rows:
            text = view.redact(translation).text if translation.text else ""
            parts = [part for part in (translation.title, text) if part]
            texts[translation.document_id].extend(parts)
            if translation.code in GERMAN_CODES:
                german[translation.document_id].extend(parts)
        return texts, german

    def names(self, ids: list[int], view) -> dict[int, list[str]]:
        """The names of the persons and agencies mentioned outside withheld content, per
        document."""
        mentions = (
            self.Mention.objects.filter(translation__document_id__in=ids)
            .filter(Q(person__status="published") | Q(agency__status="published"))
            .values_list(
                "translation__document_id",
                "person_id",
                "agency_id",
                "translation_id",
                "start",
                "end",
            )
        )
        persons, agencies = defaultdict(set), defaultdict(set)
        for document_id, person_id, agency_id, translation_id, start, end in mentions:
            if view.hides_person(person_id) or view.hides_passage(
                translation_id, start, end, document_id
            ):
                continue
            if person_id:
                persons[person_id].add(document_id)
            if agency_id:
                agencies[agency_id].add(document_id)
        names = defaultdict(list)
        for owners, pairs in (
            (persons, self.person_names(list(persons))),
            (agencies, self.agency_names(list(agencies))),
        ):
            for owner_id, name in pairs:
                for document_id in sorted(owners[owner_id]):
                    if name not in names[document_id]:
                        names[document_id].append(name)
        return names

    def person_names(self, person_ids) -> list[tuple[int, str]]:
        Person = self.PersonName._meta.get_field("person").related_model
        preferred = Person.objects.filter(pk__in=person_ids).values_list("pk", "preferred_name")
        variants = (
            self.PersonName.objects.filter(person_id__in=person_ids)
            .order_by("person_id", "name")
            .values_list("person_id", "name")
        )
        return [*preferred, *variants]

    def agency_names(self, agency_ids) -> list[tuple[int, str]]:
        Agency = self.AgencyName._meta.get_field("agency").related_model
        preferred = Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name")
        variants = (
            self.AgencyName.objects.filter(agency_id__in=agency_ids)
            .order_by("agency_id", "name")
            .values_list("agency_id", "name")
        )
        return [*preferred, *variants]
