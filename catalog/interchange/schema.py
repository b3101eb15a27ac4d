"""The CSV format of the catalog: one declaration per record type.

Each ``RecordType`` names its file, its columns in order, and its natural key: the columns
that identify a record across installations (slugs, a language code, a document with a
passage's span...). Database ids never appear in the files. A column's ``path`` is the ORM
lookup its value is read from and written to:

- ``"title"``: a field of the record;
- ``"document__slug"``: a link to another record, written as that record's natural key;
  several columns whose paths share the first part (``translation__document__slug``,
  ``translation__kind``, ``translation__language__code``) together name one linked record
  whose natural key has several columns;
- ``many=True``: a many-to-many link, its natural keys joined by `` | ``.

The list is in import order: every record type comes after those it links to. The exporter,
the importer, ``datapackage.json`` and the admin's import-export resources are all built from
these declarations, so the format is defined here and nowhere else.
"""

from __future__ import annotations

from django.db import models

# Column, Link, RecordType and final_field are read from here by the rest of the package.
from catalog.interchange.record_type import Column, Link, RecordType, final_field  # noqa: F401
from catalog.models import (
    Agency,
    AgencyName,
    ArchivalReference,
    Collection,
    CollectionDocument,
    ContactEvent,
    Document,
    DocumentLink,
    EventEvidence,
    Language,
    Mention,
    Participant,
    Person,
    PersonName,
    PersonRole,
    Place,
    Repository,
    Restriction,
    RoleEvidence,
    ScanPage,
    Subject,
    TextPage,
    Translation,
)
from catalog.models.authorities import field_names
from catalog.models.base import derived_date_columns

FORMAT_VERSION = "1.1"


def _derive(instance: models.Model) -> None:
    instance.compute_derived()


def _dated(model: type[models.Model], *extra: str) -> tuple[str, ...]:
    """The columns a dated model derives on save: each date's words, precision and bounds."""
    return (*derived_date_columns(model), *extra)


def _prepare_reference(reference: ArchivalReference) -> None:
    reference.apply_parse()


def _prepare_restriction(restriction: Restriction) -> None:
    from catalog.restrictions.rules import complete

    complete(restriction)


def _prepare_text(text: Translation) -> None:
    """A text named without a slug (a file of format 1.0) gets the one its kind and language
    give it, which is the slug the catalog gave each text when slugs came in."""
    if not text.slug and text.language_id:
        from catalog.models.documents import text_slug_base

        code = Language.objects.filter(pk=text.language_id).values_list("code", flat=True).first()
        text.slug = text_slug_base(text.kind, code or "")


_PUBLISHABLE = ("slug", "status")
_TEXT_KEY = (
    Column("document", "translation__document__slug", description="The document's slug."),
    Column(
        "text",
        "translation__slug",
        description="The text's slug in its document: 'translation-en', 'original-de'.",
    ),
)
_SPAN = (
    Column("start", "start", description="First character of the passage, counting from 0."),
    Column("end", "end", description="Just after the last character of the passage."),
    Column("quote", "quote", description="The passage itself; filled from the text if empty."),
)


def _cols(*specs: str | Column) -> tuple[Column, ...]:
    return tuple(spec if isinstance(spec, Column) else Column(spec, spec) for spec in specs)


def _link(name: str, lookup: str = "slug", **kwargs) -> Column:
    return Column(name, f"{name}__{lookup}", **kwargs)


RECORD_TYPES: list[RecordType] = [
    RecordType(
        "languages",
        Language,
        _cols("code", "name"),
        key=("code",),
        description="Languages of texts and names, by ISO 639 code.",
    ),
    RecordType(
        "subjects",
        Subject,
        _cols("slug", "name", "description"),
        key=("slug",),
        description="Subjects discussed in documents.",
    ),
    RecordType(
        "places",
        Place,
        _cols("slug", "name", "kind", _link("parent"), "description", *field_names("place")),
        key=("slug",),
        description="Places, each in the larger place it lies in.",
    ),
    RecordType(
        "repositories",
        Repository,
        _cols(
            "slug", "name", "abbreviation", "parent_institution", "country", "url", "description"
        ),
        key=("slug",),
        description="Archives holding the original files.",
    ),
    RecordType(
        "agencies",
        Agency,
        _cols(
            *_PUBLISHABLE,
            *("name", "kind", "country", _link("parent"), "existed", "description"),
            *field_names("agency"),
        ),
        key=("slug",),
        description="Agencies, ministries and other bodies, each in the one it was part of.",
        derived=_dated(Agency),
        prepare=_derive,
    ),
    RecordType(
        "agency_names",
        AgencyName,
        _cols(_link("agency"), "name", "kind", _link("language", "code")),
        key=("agency", "name"),
        description="Abbreviations and other names of agencies.",
    ),
    RecordType(
        "persons",
        Person,
        _cols(
            *_PUBLISHABLE,
            *("preferred_name", "sort_name", "life_dates", "description"),
            *field_names("person"),
        ),
        key=("slug",),
        description="Persons.",
        derived=_dated(Person, "sort_name"),
        prepare=_derive,
    ),
    RecordType(
        "person_names",
        PersonName,
        _cols(_link("person"), "name", "kind", _link("language", "code"), "note"),
        key=("person", "name"),
        description="Variant spellings, transliterations and other names of persons.",
    ),
    RecordType(
        "documents",
        Document,
        _cols(
            *_PUBLISHABLE,
            "title",
            "date_as_written",
            "date",
            "place_date_line",
            "classification",
            "summary",
            Column("original_languages", "original_languages__code", many=True),
            "citation",
            "publisher",
            "publisher_record_id",
            "publisher_url",
            "rights",
            "credits",
            Column("subjects", "subjects__slug", many=True),
            Column("places", "places__slug", many=True),
        ),
        key=("slug",),
        description="Documents as published.",
        derived=_dated(Document, "date_order"),
        prepare=_derive,
        alternate_key=("publisher", "publisher_record_id"),
    ),
    RecordType(
        "translations",
        Translation,
        _cols(
            _link("document"),
            Column(
                "slug",
                "slug",
                description="The text's stable name in its document: 'translation-en', "
                "'translation-en-2' for a second translation into English.",
            ),
            "kind",
            _link("language", "code"),
            "status",
            "machine_read",
            "title",
            "text",
            _link("translator"),
            _link("commissioned_by"),
            "credit_line",
            Column("other_translators", "other_translators__slug", many=True),
        ),
        key=("document", "slug"),
        description="The texts of documents: translations, transcripts and originals, any "
        "number of each; a draft text (status draft) is left out of a published-only export.",
        prepare=_prepare_text,
    ),
    RecordType(
        "archival_references",
        ArchivalReference,
        _cols(_link("document"), "as_written", _link("repository"), "position"),
        key=("document", "as_written"),
        description="References of the original files, as written; parsed on import.",
        derived=(
            *("archive", "collection", "unit", "file_number", "volume", "page_label", "pages"),
            *("page_start", "page_end", "normalised", "needs_review", "parse_problems"),
        ),
        prepare=_prepare_reference,
    ),
    RecordType(
        "scans",
        ScanPage,
        _cols(
            _link("document"),
            Column("position", "position", description="The page's place in the scans: 1 first."),
            "label",
            Column(
                "path",
                "image",
                description="The image file, relative to the folder of the CSV files: "
                "scans/<document>/<position>.<ext>.",
            ),
            Column("checksum", "checksum", description="SHA-256 of the image file, in hex."),
            "width",
            "height",
            "source",
        ),
        key=("document", "checksum"),
        description="Scanned pages of documents, each an image file beside the CSV files; the "
        "import verifies each file's checksum and stores an image once per document.",
        with_files=True,
    ),
    RecordType(
        "text_pages",
        TextPage,
        _cols(
            *_TEXT_KEY,
            Column(
                "scan_document",
                "scan_page__document__slug",
                description="The slug of the scanned page's document (the text's own).",
            ),
            Column("scan_checksum", "scan_page__checksum", description="The page's SHA-256."),
            Column("start", "start", description="First character of the page in the text."),
            Column("end", "end", description="Just after the page's last character."),
        ),
        key=("document", "text", "scan_document", "scan_checksum"),
        description="Where each scanned page stands in a text: its span, the page breaks that "
        "link a transcript or translation to the scans.",
    ),
    RecordType(
        "roles",
        PersonRole,
        _cols(_link("person"), _link("agency"), "title", "start", "end", "note"),
        key=("person", "agency", "title", "start"),
        description="Offices persons held, in agencies, over a time.",
        derived=_dated(PersonRole, "tenure_display"),
        prepare=_derive,
    ),
    RecordType(
        "role_evidence",
        RoleEvidence,
        _cols(
            Column("role_person", "role__person__slug"),
            Column("role_agency", "role__agency__slug"),
            Column("role_title", "role__title"),
            Column("role_start", "role__start"),
            *_TEXT_KEY,
            *_SPAN,
        ),
        key=(
            *("role_person", "role_agency", "role_title", "role_start"),
            *("document", "text", "start", "end"),
        ),
        description="Passages attesting that a person held an office.",
    ),
    RecordType(
        "events",
        ContactEvent,
        _cols(*_PUBLISHABLE, "title", "kind", "date_as_written", "date", _link("place"), "summary"),
        key=("slug",),
        description="Contact events between persons and agencies.",
        derived=_dated(ContactEvent),
        prepare=_derive,
    ),
    RecordType(
        "participants",
        Participant,
        _cols(_link("event"), _link("person"), _link("agency"), "role", "note"),
        key=("event", "person", "agency", "role"),
        description="Persons and agencies taking part in contact events.",
    ),
    RecordType(
        "event_evidence",
        EventEvidence,
        _cols(_link("event"), *_TEXT_KEY, *_SPAN, "note"),
        key=("event", "document", "text", "start", "end"),
        description="Passages attesting contact events.",
    ),
    RecordType(
        "mentions",
        Mention,
        _cols(*_TEXT_KEY, *_SPAN, _link("person"), _link("agency"), _link("event")),
        key=("document", "text", "start", "end", "person", "agency", "event"),
        description="Persons, agencies and contact events named in texts, at their spans.",
    ),
    RecordType(
        "collections",
        Collection,
        _cols(*_PUBLISHABLE, "title", "curator", "description"),
        key=("slug",),
        description="Curated collections of documents.",
    ),
    RecordType(
        "collection_documents",
        CollectionDocument,
        _cols(
            _link("collection"),
            _link("document"),
            Column("position", "position", description="Order in the collection: 1 first."),
        ),
        key=("collection", "document"),
        description="The documents of each collection, in order.",
    ),
    RecordType(
        "document_links",
        DocumentLink,
        _cols(
            _link("from_document", description="The reply, the enclosure: the link's subject."),
            _link("to_document", description="The document it points to."),
            Column("kind", "kind", description="reply_to, enclosure_of, same_meeting or other."),
            "note",
        ),
        key=("from_document", "to_document"),
        description="Links between two documents, each stored once.",
    ),
    RecordType(
        "restrictions",
        Restriction,
        _cols(
            "scope",
            Column("document", "document__slug", description="The document withheld."),
            Column(
                "text_document",
                "translation__document__slug",
                description="For a passage or a text: the slug of the text's document.",
            ),
            Column("text", "translation__slug", description="The text's slug in its document."),
            *_SPAN,
            Column("person", "person__slug", description="The person withheld, or named."),
            Column(
                "scan_document",
                "scan_page__document__slug",
                description="For a page of the scans: the slug of its document.",
            ),
            Column("scan_checksum", "scan_page__checksum", description="The page's SHA-256."),
            "reason",
            "note",
            "legal_basis",
            Column("rule", "rule", description=", ".join(Restriction.Rule.values)),
            Column("lift_date", "lift_date", description="For the rule 'fixed': YYYY-MM-DD."),
        ),
        key=(
            *("scope", "document", "text_document", "text"),
            *("start", "end", "person", "scan_document", "scan_checksum"),
        ),
        description="Restrictions on personal data (StUG §§ 32-34, BArchG § 11): passages, "
        "texts, documents, persons and pages of scans withheld from the public, and until "
        "when. Staff only: "
        "never in a published-only export.",
        derived=("lifts_on",),
        prepare=_prepare_restriction,
        optional_key=("scan_document", "scan_checksum"),
    ),
]
#: Record types a published-only export leaves out whole.
STAFF_ONLY = ("restrictions",)

BY_NAME: dict[str, RecordType] = {r.name: r for r in RECORD_TYPES}
BY_MODEL: dict[type[models.Model], RecordType] = {r.model: r for r in RECORD_TYPES}


def _build_links() -> None:
    """Group link columns by foreign key and order them like the target's natural key."""
    for record in RECORD_TYPES:
        grouped: dict[str, list[Column]] = {}
        for column in record.columns:
            if column.target_path and not column.many:
                grouped.setdefault(column.field_name, []).append(column)
        for name, columns in grouped.items():
            model_field = record.model._meta.get_field(name)
            target = BY_MODEL[model_field.related_model]
            by_path = {c.target_path: c for c in columns}
            if set(by_path) != set(target.key_paths):
                raise ValueError(f"{record.name}.{name} must name {target.name} by its key")
            ordered = tuple(by_path[path] for path in target.key_paths)
            record.links[name] = Link(model_field, target, ordered)


_build_links()
