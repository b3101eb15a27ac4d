"""Import documents exported from the Wilson Center Digital Archive as text.

The text format is read by ``catalog.importers.wcda_format``; this module
turns a parsed record into catalog records: the document, its text, its
archival reference, translator and commissioning body, subjects and places,
and, where an annotation file lies beside the text, the curated persons,
agencies, offices, contact events and mentions.

A run is one transaction: a rejected file leaves the catalog as it was,
unless the caller asks for one transaction per file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from difflib import SequenceMatcher
from pathlib import Path

import pycountry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from catalog import dates, search
from catalog.importers.annotations import (
    AnnotationFile,
    annotation_path_for,
    default_slug,
    find_by_slug,
)
from catalog.importers.base import (
    CREATED,
    REJECTED,
    UNCHANGED,
    UPDATED,
    FileOutcome,
    ImportProblem,
    ImportReport,
    Upserter,
    script_user,
)
from catalog.importers.wcda_format import WCDAFormatError, WCDARecord, read_wcda_file
from catalog.models import (
    Agency,
    AgencyName,
    ArchivalReference,
    Document,
    Language,
    Person,
    PersonName,
    Place,
    Repository,
    Status,
    Subject,
    Translation,
)
from catalog.models.documents import text_slug_base
from catalog.models.provenance import PUBLISHERS
from catalog.references.archives import BY_ABBREVIATION
from catalog.suggestions.associated import suggest_associated
from catalog.suggestions.matching import find_term
from catalog.suggestions.scanner import SuggestionScanner

#: The publisher of every file this importer reads, under its current name; a file that
#: names it by a former name (before 2023: "History and Public Policy Program Digital
#: Archive") or by none is catalogued under this one.
PUBLISHER = PUBLISHERS[0]


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run or a rejected run."""


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the ``.txt`` files inside folders named, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file()))
        else:
            files.append(path)
    return files


class WCDAImporter:
    """Imports WCDA text files; call :meth:`run` with files or folders."""

    command_name = "import_wcda"

    def __init__(self, *, dry_run: bool = False, publish: bool = False, per_file: bool = False):
        self.dry_run = dry_run
        self.status = Status.PUBLISHED if publish else Status.DRAFT
        self.per_file = per_file

    def run(self, paths: Iterable[str | Path]) -> ImportReport:
        report = ImportReport(dry_run=self.dry_run)
        files = expand_paths(paths)
        if self.per_file:
            for path in files:
                self._run_batch([path], report)
        else:
            self._run_batch(files, report)
        return report

    def _run_batch(self, files: list[Path], report: ImportReport) -> None:
        outcomes: list[FileOutcome] = []
        try:
            with transaction.atomic():
                user = script_user(self.command_name)
                for path in files:
                    outcomes.append(self._import_file(path, user))
                if self.dry_run or any(o.action == REJECTED for o in outcomes):
                    raise _Rollback
        except _Rollback:
            if not self.dry_run:
                report.rolled_back = True
        report.outcomes.extend(outcomes)

    def _import_file(self, path: Path, user) -> FileOutcome:
        outcome = FileOutcome(source=str(path), action=UNCHANGED)
        try:
            if not path.exists():
                raise ImportProblem(str(path), None, "path", "no such file or folder")
            record = read_wcda_file(path)
            annotations = None
            annotation_path = annotation_path_for(path)
            if annotation_path.exists():
                annotations = AnnotationFile(annotation_path)
            # A savepoint per file, so that a rejected file leaves no trace even
            # when the caller keeps the others.
            with transaction.atomic(), search.deferred_reindex():
                document = self._import_record(record, annotations, outcome, user)
        except (WCDAFormatError, ImportProblem) as exc:
            outcome.action = REJECTED
            outcome.messages.append(str(exc))
            return outcome
        except ValidationError as exc:
            # A check no value of the file was traced to: still name the file.
            outcome.action = REJECTED
            outcome.messages.append(f"{path.name}, file: {'; '.join(exc.messages)}")
            return outcome
        outcome.record = f"“{document.title}” ({document.slug})"
        outcome.messages.extend(record.warnings)
        created = any(k == f"{CREATED} document" for k in outcome.changes)
        outcome.action = CREATED if created else UPDATED if outcome.touched else UNCHANGED
        return outcome

    def _import_record(
        self, record: WCDARecord, annotations: AnnotationFile | None, outcome, user
    ) -> Document:
        upserter = Upserter(outcome, user=user, reason=f"{self.command_name} {record.source}")
        if annotations is not None:
            annotations.apply_authorities(upserter, self.status)

        document = self._document(record, annotations, upserter)
        translation = self._translation(record, document, upserter)
        self._references(record, document, upserter)
        if annotations is not None:
            annotations.apply_document(upserter, document, translation, self.status)
        self._suggest(record, translation, outcome)
        return document

    def _suggest(self, record: WCDARecord, translation: Translation, outcome) -> None:
        """Suggested mentions: the catalog's names in the text (after the curated mentions,
        which they respect), and the publisher's list of people and organisations."""
        scanner = SuggestionScanner.for_catalog()
        made = scanner.scan(translation)
        made += suggest_associated(translation, record.associated, scanner.vocabulary)
        if made:
            outcome.changes["suggested mention"] = (
                outcome.changes.get("suggested mention", 0) + made
            )

    def problem(self, record: WCDARecord, line: int | None, field: str, message: str):
        return ImportProblem(record.source, line, field, message)

    @contextmanager
    def checked(self, record: WCDARecord, line: int | None, field: str, value: str) -> Iterator:
        """Turn a record's validation error (a name too long for its field) into a problem
        naming the file, the line and the field of the export the value came from."""
        try:
            yield
        except ValidationError as exc:
            shown = value if len(value) <= 60 else f"{value[:60]}…"
            raise self.problem(record, line, field, f"“{shown}”: {' '.join(exc.messages)}") from exc

    def _document(self, record: WCDARecord, annotations, upserter: Upserter) -> Document:
        publisher = record.citation.publisher if record.citation else ""
        if publisher in PUBLISHER.former_names or not publisher:
            publisher = PUBLISHER.name
        existing = None
        if record.record_id:
            existing = Document.objects.filter(
                publisher=publisher, publisher_record_id=record.record_id
            ).first()
        curated_slug = annotations.document_slug if annotations is not None else ""
        slug = curated_slug or default_slug(record.title.value)
        if existing is None:
            existing = find_by_slug(Document, slug)
            if existing is not None and existing.publisher_record_id not in ("", record.record_id):
                raise self.problem(
                    record,
                    record.title.line,
                    "title",
                    f"the slug '{slug}' is taken by another record "
                    f"({existing.publisher} {existing.publisher_record_id})",
                )

        edtf = dates.parse_written_date(record.date.value) if record.date.value else None
        if record.date.value and edtf is None:
            record.warnings.append(
                f"{record.source}, line {record.date.line}, date: cannot read "
                f"“{record.date.value}” as a date; kept as written, EDTF left empty"
            )
        values = {
            "title": record.title.value,
            "date_as_written": record.date.value,
            "date": edtf or "",
            "place_date_line": record.place_date_line,
            "classification": record.classification,
            "summary": record.summary,
            "citation": record.citation.text if record.citation else "",
            "publisher": publisher,
            "publisher_record_id": record.record_id,
            "publisher_url": record.url,
            "rights": record.rights,
            "credits": record.citation.credits if record.citation else "",
        }
        try:
            if existing is None:
                status = self.status
                if annotations is not None:
                    status = annotations.document_status(status)
                document = upserter.upsert(Document, {"slug": slug}, {**values, "status": status})
            else:
                # A record keeps its slug and status: they belong to the archivists.
                document = upserter.upsert(Document, {"pk": existing.pk}, values)
        except ValidationError as exc:
            raise self._located(record, exc) from exc

        languages = [
            self._language(record, name, record.citation_line) for name in record.original_languages
        ]
        upserter.set_related(document, "original_languages", languages)
        if record.subjects:
            subjects = [
                self._term(record, "subjects", Subject, n, upserter) for n in record.subjects
            ]
            upserter.set_related(document, "subjects", subjects)
        if record.places:
            places = [
                self._term(record, "places", Place, name, upserter, parent=None)
                for name in record.places
            ]
            upserter.set_related(document, "places", places)
        return document

    def _term(self, record: WCDARecord, section: str, model, name: str, upserter, **lookup):
        """The subject or place catalogued under ``name``, or a new one: an existing term
        keeps its slug and its place in the hierarchy. "Baghdad (Iraq)" is the catalog's
        Baghdad, and names match whatever their capitals and accents
        (``catalog.suggestions.matching``)."""
        existing = find_term(model, name)
        if existing is not None:
            return existing
        field = section.removesuffix("s")
        with self.checked(record, record.section_lines.get(section), field, name):
            return upserter.upsert(model, {"name": name, **lookup}, {"slug": default_slug(name)})

    def _located(self, record: WCDARecord, exc: ValidationError) -> ImportProblem:
        body_line = record.paragraphs[0].line if record.paragraphs else None
        line_of = {
            "title": record.title.line,
            "date": record.date.line,
            "date_as_written": record.date.line,
            "place_date_line": body_line,
            "classification": body_line,
            "citation": record.citation_line,
            "publisher": record.citation_line,
            "publisher_url": record.citation_line,
            "credits": record.citation_line,
            "publisher_record_id": record.section_lines.get("record_id", record.citation_line),
        }
        name, messages = next(iter(exc.message_dict.items()))
        return self.problem(record, line_of.get(name), name, " ".join(messages))

    def _language(self, record: WCDARecord, name: str, line: int | None) -> Language:
        language = Language.objects.filter(Q(name__iexact=name) | Q(code__iexact=name)).first()
        if language is not None:
            return language
        try:
            found = pycountry.languages.lookup(name)
        except LookupError as exc:
            raise self.problem(record, line, "language", f"unknown language “{name}”") from exc
        code = getattr(found, "alpha_2", None) or found.alpha_3
        language, _ = Language.objects.get_or_create(code=code, defaults={"name": found.name})
        return language

    def _translation(self, record: WCDARecord, document: Document, upserter) -> Translation:
        citation = record.citation
        translators = []
        for name in citation.translators if citation is not None else []:
            with self.checked(record, record.citation_line, "translator", name):
                translators.append(self._person(name.strip(), upserter))
        translator = translators[0] if translators else None
        commissioned_by = None
        if citation is not None and citation.commissioned_by:
            name = citation.commissioned_by
            with self.checked(record, record.citation_line, "commissioned by", name):
                commissioned_by = self._agency(name, upserter)
        language = self._language(record, record.text_language or "English", None)
        # The publisher's text is the one named by its kind and language ('translation-en'):
        # a second translation or a transcript added in the admin gets a slug of its own,
        # and a re-import finds and updates this one only.
        slug = text_slug_base(record.text_kind, language.code)
        existing = Translation.objects.filter(document=document, slug=slug).first()
        if existing is not None and existing.text != record.body_text:
            self._relocate_passages(record, existing, record.body_text)
        body_line = record.paragraphs[0].line if record.paragraphs else None
        with self.checked(record, body_line, "heading", record.heading):
            translation = upserter.upsert(
                Translation,
                {"document": document, "slug": slug},
                {
                    "kind": record.text_kind,
                    "language": language,
                    "title": record.heading,
                    "text": record.body_text,
                    "translator": translator,
                    "commissioned_by": commissioned_by,
                    "credit_line": citation.credits if citation else "",
                },
            )
        # Every translator of the credit line: the first is the text's translator, the
        # others are linked beside it ("by Mark H. Doctoroff and Gary Goldberg").
        others = list(dict.fromkeys(p for p in translators[1:] if p != translator))
        if others or translation.other_translators.exists():
            upserter.set_related(translation, "other_translators", others)
        return translation

    def _relocate_passages(self, record: WCDARecord, translation: Translation, text: str) -> None:
        """Move mentions and evidence to where their quotes stand in a corrected text.

        Each span is carried through the difference between the old and the
        new text; a passage whose quote is not found there rejects the file:
        an archivist must decide, and nothing curated is silently lost.
        """
        opcodes = SequenceMatcher(None, translation.text, text, autojunk=False).get_opcodes()

        def carry(offset: int) -> int:
            for tag, old_from, old_to, new_from, _new_to in opcodes:
                if old_from <= offset < old_to:
                    return new_from + (offset - old_from) if tag == "equal" else new_from
            return len(text)

        for related in ("mention_set", "roleevidence_set", "eventevidence_set", "restrictions"):
            for passage in getattr(translation, related).all():
                if passage.start is None:  # a restriction of the whole text
                    continue
                start = carry(passage.start)
                end = start + len(passage.quote)
                if text[start:end] != passage.quote:
                    raise self.problem(
                        record,
                        None,
                        "body",
                        f"the corrected text no longer holds “{passage.quote[:60]}” "
                        f"({passage._meta.verbose_name} {passage.pk}); fix it in the admin first",
                    )
                type(passage).objects.filter(pk=passage.pk).update(start=start, end=end)

    def _person(self, name: str, upserter: Upserter) -> Person:
        person = (
            Person.objects.filter(preferred_name=name).first()
            or Person.objects.filter(
                pk__in=PersonName.objects.filter(name=name).values("person")
            ).first()
        )
        if person is not None:
            return person
        return upserter.upsert(
            Person, {"slug": default_slug(name)}, {"preferred_name": name, "status": self.status}
        )

    def _agency(self, name: str, upserter: Upserter) -> Agency:
        agency = (
            Agency.objects.filter(name=name).first()
            or Agency.objects.filter(
                pk__in=AgencyName.objects.filter(name=name).values("agency")
            ).first()
        )
        if agency is not None:
            return agency
        agency = upserter.upsert(
            Agency, {"slug": default_slug(name)}, {"name": name, "status": self.status}
        )
        if name.isupper():
            upserter.upsert(AgencyName, {"agency": agency, "name": name}, {"kind": "abbreviation"})
        return agency

    @staticmethod
    def _repository(abbreviation: str, upserter: Upserter) -> Repository | None:
        """The repository cited as ``abbreviation``; made from the table of archives when the
        catalog does not have it yet."""
        if not abbreviation:
            return None
        repository = Repository.objects.filter(abbreviation=abbreviation).first()
        archive = BY_ABBREVIATION.get(abbreviation)
        if repository is not None or archive is None:
            return repository
        return upserter.upsert(
            Repository,
            {"abbreviation": archive.abbreviation},
            {
                "name": archive.name,
                "slug": default_slug(archive.abbreviation),
                "country": archive.country,
                "parent_institution": archive.parent_institution,
            },
        )

    def _references(self, record: WCDARecord, document: Document, upserter: Upserter) -> None:
        if record.citation is None or not record.citation.reference:
            return
        as_written = record.citation.reference
        reference = ArchivalReference.objects.filter(
            document=document, as_written=as_written
        ).first()
        if reference is None:
            reference = ArchivalReference(document=document, as_written=as_written)
            reference.apply_parse()
            with self.checked(record, record.citation_line, "reference", as_written):
                reference.repository = self._repository(reference.archive, upserter)
                upserter.save(reference, CREATED)
            if reference.needs_review:
                record.warnings.append(
                    f"{record.source}, line {record.citation_line}, reference: "
                    f"“{as_written}” could not be parsed; kept as written for review"
                )
        else:
            upserter.outcome.count(UNCHANGED, ArchivalReference)
