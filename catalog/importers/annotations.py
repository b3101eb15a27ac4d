"""Curated annotations of a document, kept as data beside it in a YAML file.

An annotation file (``<name>.annotations.yaml`` next to ``<name>.txt``) holds
what an archivist curated about one document: the persons, agencies, offices,
contact events, subjects and places it attests, and where in the text each is
named. Records are matched on their slugs, current or retired (an archivist
may have renamed a record since: it is updated, not created again); evidence and mentions quote the
text verbatim, and the loader finds each quote in the translation, so the file
never carries character offsets that a corrected text would invalidate. A document with
several texts: an item with ``in_text: original-de`` (a text's slug) quotes that text instead
of the imported translation.

The layout is documented by the seed's own annotation file in ``seeds/``; the
``restrictions:`` section (what of the document is withheld from the public) by
``catalog.importers.annotation_restrictions``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from catalog.importers.annotation_restrictions import apply_restrictions
from catalog.importers.base import ImportProblem, Upserter
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
    PersonRole,
    Place,
    Repository,
    RetiredSlug,
    RoleEvidence,
    Status,
    Subject,
    Translation,
)

SUFFIX = ".annotations.yaml"


class LineDict(dict):
    """A YAML mapping that remembers the line it starts on."""

    line: int = 0


# libyaml's loader when PyYAML was built with it (about ten times faster), else the pure one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    def construct_line_mapping(self, node):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        yield mapping
        mapping.update(self.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_line_mapping)


def annotation_path_for(text_path: Path) -> Path:
    return text_path.with_name(text_path.stem + SUFFIX)


class AnnotationFile:
    """One parsed annotation file, applied in two steps around the document import:
    first the authority records (so that the translator and commissioning body
    resolve to curated records), then what needs the document's text."""

    def __init__(self, path: Path):
        self.path = path
        self.source = path.name
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
        except UnicodeDecodeError as exc:
            raise ImportProblem(
                self.source, None, "file", f"not UTF-8 text ({exc.reason})"
            ) from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise ImportProblem(self.source, line, "file", f"not valid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise ImportProblem(self.source, 1, "file", "expected a mapping of sections")
        self.data = data

    # -- helpers ---------------------------------------------------------------

    def problem(self, item: Any, field: str, message: str) -> ImportProblem:
        return ImportProblem(self.source, getattr(item, "line", None), field, message)

    def section(self, name: str) -> list:
        value = self.data.get(name) or []
        if not isinstance(value, list):
            raise self.problem(self.data, name, "expected a list")
        return value

    def require(self, item: dict, key: str) -> Any:
        if not isinstance(item, dict):
            raise ImportProblem(self.source, None, key, f"expected a mapping, got {item!r}")
        value = item.get(key)
        if value in (None, ""):
            raise self.problem(item, key, "is required")
        return value

    def lookup(self, model: type[models.Model], item: dict, key: str, **field):
        slug = item.get(key)
        if not slug:
            return None
        if field and set(field) != {"slug"}:
            instance = model._default_manager.filter(**field).first()
        else:
            instance = find_by_slug(model, field.get("slug", slug))
        if instance is None:
            raise self.problem(
                item, key, f"no {model._meta.verbose_name} '{slug}' (define it in this file first)"
            )
        return instance

    def save_checked(self, upserter: Upserter, item: dict, model, lookup, values):
        try:
            return upserter.upsert(model, lookup, values)
        except ValidationError as exc:
            fields = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
            )
            raise self.problem(item, model._meta.model_name, fields) from exc

    @property
    def document_section(self) -> dict:
        section = self.data.get("document") or LineDict()
        if not isinstance(section, dict):
            raise self.problem(self.data, "document", "expected a mapping")
        return section

    @property
    def document_slug(self) -> str:
        return self.document_section.get("slug", "")

    # -- step 1: authority records ----------------------------------------------

    def checked_status(self, item: dict, default: str) -> str:
        status = item.get("status") or default
        if status not in Status.values:
            raise self.problem(item, "status", f"must be one of {', '.join(Status.values)}")
        return status

    def status(self, default: str) -> str:
        """The publication status of the records this file curates, unless one says otherwise."""
        return self.checked_status(self.data, default)

    def document_status(self, default: str) -> str:
        """The document's own status, if the file gives one."""
        return self.checked_status(self.document_section, default)

    def apply_authorities(self, upserter: Upserter, status: str) -> None:
        status = self.status(status)
        for item in self.section("languages"):
            self.save_checked(
                upserter,
                item,
                Language,
                {"code": self.require(item, "code")},
                {"name": self.require(item, "name")},
            )
        for item in self.section("repositories"):
            values = {
                k: item.get(k, "")
                for k in (
                    "name",
                    "abbreviation",
                    "parent_institution",
                    "country",
                    "url",
                    "description",
                )
            }
            self.require(item, "name")
            self.save_checked(
                upserter, item, Repository, slug_key(Repository, self.require(item, "slug")), values
            )
        for item in self.section("subjects"):
            self.save_checked(
                upserter,
                item,
                Subject,
                slug_key(Subject, self.require(item, "slug")),
                {"name": self.require(item, "name"), "description": item.get("description", "")},
            )
        for item in self.section("places"):
            self.save_checked(
                upserter,
                item,
                Place,
                slug_key(Place, self.require(item, "slug")),
                {
                    "name": self.require(item, "name"),
                    "kind": item.get("kind", Place.Kind.CITY),
                    "parent": self.lookup(Place, item, "parent", slug=item.get("parent")),
                    "description": item.get("description", ""),
                },
            )
        for item in self.section("agencies"):
            agency = self.save_checked(
                upserter,
                item,
                Agency,
                slug_key(Agency, self.require(item, "slug")),
                {
                    "name": self.require(item, "name"),
                    "kind": item.get("kind", Agency.Kind.OTHER),
                    "country": item.get("country", ""),
                    "parent": self.lookup(Agency, item, "parent", slug=item.get("parent")),
                    "existed": item.get("existed", ""),
                    "description": item.get("description", ""),
                    "status": item.get("status", status),
                },
            )
            self.apply_names(upserter, item, AgencyName, agency=agency)
        for item in self.section("persons"):
            person = self.save_checked(
                upserter,
                item,
                Person,
                slug_key(Person, self.require(item, "slug")),
                {
                    "preferred_name": self.require(item, "preferred_name"),
                    "sort_name": item.get("sort_name", ""),
                    "life_dates": item.get("life_dates", ""),
                    "description": item.get("description", ""),
                    "status": item.get("status", status),
                },
            )
            self.apply_names(upserter, item, PersonName, person=person)

    def apply_names(self, upserter: Upserter, item: dict, model, **owner) -> None:
        for name in item.get("names") or []:
            values = {"kind": name.get("kind", model._meta.get_field("kind").default)}
            if "note" in name:
                values["note"] = name["note"]
            if name.get("language"):
                values["language"] = self.lookup(Language, name, "language", code=name["language"])
            self.save_checked(
                upserter, name, model, {**owner, "name": self.require(name, "name")}, values
            )

    # -- step 2: what rests on the document's text --------------------------------

    def apply_document(
        self, upserter: Upserter, document: Document, translation: Translation, status: str
    ) -> None:
        status = self.status(status)
        section = self.document_section
        wanted = self.document_status(document.status)
        if document.status != wanted:
            document.status = wanted
            upserter.save(document, "updated")
        for name, model in (("subjects", Subject), ("places", Place)):
            if name in section:
                objects = [self.lookup(model, section, name, slug=slug) for slug in section[name]]
                upserter.set_related(document, name, objects)
        for item in section.get("archival_references") or []:
            as_written = self.require(item, "as_written")
            reference = document.archival_references.filter(as_written=as_written).first()
            if reference is None:
                raise self.problem(item, "as_written", f"the document does not cite '{as_written}'")
            repository = self.lookup(Repository, item, "repository", slug=item.get("repository"))
            if reference.repository_id != getattr(repository, "pk", None):
                reference.repository = repository
                upserter.save(reference, "updated")

        for item in self.section("persons"):
            person = find_by_slug(Person, item["slug"])
            for role_item in item.get("roles") or []:
                agency = self.lookup(Agency, role_item, "agency", slug=role_item.get("agency"))
                role = self.save_checked(
                    upserter,
                    role_item,
                    PersonRole,
                    {
                        "person": person,
                        "agency": agency,
                        "title": self.require(role_item, "title"),
                        "start": role_item.get("start", ""),
                    },
                    {"end": role_item.get("end", ""), "note": role_item.get("note", "")},
                )
                in_text = self.text_named(document, translation, role_item)
                for quote in role_item.get("evidence") or []:
                    start, end = self.find(in_text.text, quote, role_item, "evidence")
                    self.save_checked(
                        upserter,
                        role_item,
                        RoleEvidence,
                        {"role": role, "translation": in_text, "start": start, "end": end},
                        {"quote": quote},
                    )

        for item in self.section("events"):
            event = self.save_checked(
                upserter,
                item,
                ContactEvent,
                slug_key(ContactEvent, self.require(item, "slug")),
                {
                    "title": self.require(item, "title"),
                    "kind": self.require(item, "kind"),
                    "date": str(item.get("date", "")),
                    "date_as_written": item.get("date_as_written", ""),
                    "place": self.lookup(Place, item, "place", slug=item.get("place")),
                    "summary": item.get("summary", ""),
                    "status": item.get("status", status),
                },
            )
            participants = item.get("participants") or []
            if not participants:
                raise self.problem(item, "participants", "a contact event needs a participant")
            for part in participants:
                self.save_checked(
                    upserter,
                    part,
                    Participant,
                    {
                        "event": event,
                        "person": self.lookup(Person, part, "person", slug=part.get("person")),
                        "agency": self.lookup(Agency, part, "agency", slug=part.get("agency")),
                        "role": part.get("role", Participant.Role.PARTICIPANT),
                    },
                    {"note": part.get("note", "")},
                )
            evidence = item.get("evidence") or []
            if not evidence:
                raise self.problem(item, "evidence", "a contact event needs its evidence")
            for proof in evidence:
                quote = self.require(proof, "quote")
                in_text = self.text_named(document, translation, proof)
                start, end = self.find(in_text.text, quote, proof, "quote")
                self.save_checked(
                    upserter,
                    proof,
                    EventEvidence,
                    {"event": event, "translation": in_text, "start": start, "end": end},
                    {"quote": quote, "note": proof.get("note", "")},
                )

        for item in self.section("mentions"):
            surface = self.require(item, "text")
            targets = {
                key: self.lookup(model, item, key, slug=item.get(key))
                for key, model in (("person", Person), ("agency", Agency), ("event", ContactEvent))
                if item.get(key)
            }
            if len(targets) != 1:
                raise self.problem(item, "text", "a mention names one person, agency or event")
            in_text = self.text_named(document, translation, item)
            spans = self.occurrences(in_text.text, surface, item)
            for start, end in spans:
                self.save_checked(
                    upserter,
                    item,
                    Mention,
                    {"translation": in_text, "start": start, "end": end, **targets},
                    {"quote": surface},
                )

        # Last, once the persons they name are in: what of the document is withheld.
        apply_restrictions(self, upserter, document, translation)

    def text_named(self, document: Document, translation: Translation, item: dict):
        """The text an item quotes: the imported one, or the one its ``in_text`` names by
        slug ('original-de'), for a document with several texts."""
        slug = item.get("in_text")
        if not slug:
            return translation
        found = document.translations.filter(slug=slug).first()
        if found is None:
            have = ", ".join(document.translations.values_list("slug", flat=True))
            raise self.problem(item, "in_text", f"the document has no text '{slug}' ({have})")
        return found

    def find(self, text: str, quote: str, item: dict, field: str) -> tuple[int, int]:
        """The one span where ``quote`` stands in ``text``."""
        first = text.find(quote)
        if first < 0:
            raise self.problem(item, field, f"quote not found in the text: “{quote[:80]}”")
        if text.find(quote, first + 1) >= 0:
            raise self.problem(
                item, field, f"quote stands more than once in the text: “{quote[:80]}”"
            )
        return first, first + len(quote)

    def occurrences(self, text: str, surface: str, item: dict) -> list[tuple[int, int]]:
        spans, start = [], text.find(surface)
        while start >= 0:
            spans.append((start, start + len(surface)))
            start = text.find(surface, start + 1)
        if not spans:
            raise self.problem(item, "text", f"“{surface}” does not stand in the text")
        occurrence = item.get("occurrence")
        if occurrence is None:
            return spans
        if not isinstance(occurrence, int) or not 1 <= occurrence <= len(spans):
            raise self.problem(
                item, "occurrence", f"“{surface}” stands {len(spans)} time(s) in the text"
            )
        return [spans[occurrence - 1]]


def find_by_slug(model: type[models.Model], slug: str):
    """The record that ``slug`` names, or named before an archivist renamed it, or None."""
    return model._default_manager.filter(slug=slug).first() or RetiredSlug.lookup(model, slug)


def slug_key(model: type[models.Model], slug: str) -> dict[str, Any]:
    """The natural key to upsert on: the record a current or retired slug names, so that a
    renamed record is updated under its new slug rather than created again under its old."""
    found = find_by_slug(model, slug)
    return {"pk": found.pk} if found is not None else {"slug": slug}


def default_slug(text: str, max_length: int = 120) -> str:
    return slugify(text)[:max_length].strip("-") or "untitled"
