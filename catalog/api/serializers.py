"""What the read API says of each record: the public page's facts, as JSON.

Linked records are named by slug (a text by its number), as the filters take them. A link
to a draft is left out for a visitor who may not see drafts, exactly as the public pages
leave it out: every check goes through ``catalog.views.pages.is_visible``. The querysets
the views hand in hold what is needed in a constant number of queries
(``catalog.api.views``); the serializers only read them.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.models import (
    Agency,
    AgencyName,
    ArchivalReference,
    Collection,
    ContactEvent,
    Document,
    Participant,
    Person,
    PersonName,
    PersonRole,
    Place,
    Subject,
    Translation,
    authorities,
)
from catalog.restrictions import public
from catalog.views.pages import is_visible


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class RecordUrl(serializers.HyperlinkedIdentityField):
    """The record's address in the API."""

    def __init__(self, view_name: str, lookup_field: str = "slug", **kwargs):
        super().__init__(view_name=f"api:{view_name}-detail", lookup_field=lookup_field, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PageUrl(serializers.Field):
    """The record's page on the public site."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, record):
        return _absolute(self.parent, record.get_absolute_url())


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class VisibleSlugs(serializers.Field):
    """The slugs of the records ``pick(record)`` gives that the visitor may see."""

    def __init__(self, pick, **kwargs):
        self.pick = pick
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, record):
        user = _user(self.parent)
        found = {linked.slug for linked in self.pick(record) if is_visible(linked, user)}
        return sorted(found)


@extend_schema_field({"type": "string", "nullable": True})
class VisibleSlug(serializers.Field):
    """The slug of a linked publishable record, or null when there is none or it is a draft."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source, None)

    def to_representation(self, linked):
        return linked.slug if is_visible(linked, _user(self.parent)) else None


def identifiers_serializer(model_name: str) -> type[serializers.Serializer]:
    """The record's identifiers in the authority files it may carry (``catalog.models
    .authorities``): one key per authority, "" when not known."""
    fields = {
        authority.key: serializers.CharField(
            source=authority.field_name,
            read_only=True,
            help_text=f"In the {authority.name}, e.g. {authority.example}.",
        )
        for authority in authorities.authorities_for(model_name)
    }
    name = f"{model_name.title()}IdentifiersSerializer"
    return type(name, (serializers.Serializer,), fields)


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
class SameAs(serializers.Field):
    """The URIs of the same entity in authority files (schema.org ``sameAs``)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, record):
        return authorities.same_as(record)


class ArchivalReferenceSerializer(serializers.ModelSerializer):
    repository = serializers.CharField(source="repository.name", default="", read_only=True)

    class Meta:
        model = ArchivalReference
        fields = ["as_written", "repository", "archive", "collection", "file_number", "pages"]


class TextSummarySerializer(serializers.ModelSerializer):
    url = RecordUrl("text", lookup_field="pk")
    language = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Translation
        fields = ["url", "slug", "kind", "language", "title", "machine_read"]


def _shown(passages) -> list:
    """Mentions and evidence outside withheld text (``catalog.restrictions``)."""
    return [passage for passage in passages if public.passage_shown(passage)]


def _mentions(document) -> list:
    return _shown(
        m
        for text in public.shown_texts(document.translations.all())
        for m in text.mention_set.all()
    )


def _role_evidence(document) -> list:
    return _shown(
        e
        for text in public.shown_texts(document.translations.all())
        for e in text.roleevidence_set.all()
    )


def _mentioned_persons(document):
    yield from (m.person for m in _mentions(document) if m.person_id)
    yield from (e.role.person for e in _role_evidence(document))


def _mentioned_agencies(document):
    yield from (m.agency for m in _mentions(document) if m.agency_id)
    yield from (e.role.agency for e in _role_evidence(document) if e.role.agency_id)


def _attested_events(document):
    yield from (m.event for m in _mentions(document) if m.event_id)
    for text in public.shown_texts(document.translations.all()):
        yield from (evidence.event for evidence in _shown(text.eventevidence_set.all()))


class DocumentSerializer(serializers.ModelSerializer):
    url = RecordUrl("document")
    page = PageUrl()
    original_languages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    subjects = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    places = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    archival_references = ArchivalReferenceSerializer(many=True, read_only=True)
    texts = TextSummarySerializer(source="public_texts", many=True, read_only=True)
    persons = VisibleSlugs(_mentioned_persons, help_text="Persons named in its texts.")
    agencies = VisibleSlugs(_mentioned_agencies, help_text="Agencies named in its texts.")
    events = VisibleSlugs(_attested_events, help_text="Contact events its texts attest.")
    collections = VisibleSlugs(
        lambda document: document.collections.all(), help_text="Collections it is part of."
    )
    iiif_manifest = serializers.SerializerMethodField(
        help_text="Its IIIF Presentation 3.0 manifest, when it has scanned pages to show."
    )

    class Meta:
        model = Document
        fields = [
            *("url", "page", "slug", "status", "title", "date", "date_display"),
            *("date_as_written", "place_date_line", "classification", "summary"),
            *("original_languages", "subjects", "places", "archival_references"),
            *("publisher", "publisher_record_id", "publisher_url", "citation", "rights"),
            *("texts", "persons", "agencies", "events", "collections", "modified"),
            "iiif_manifest",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_iiif_manifest(self, document) -> str | None:
        view = public.view()
        shown = any(
            page.width and page.height and not view.hides_scan_page(page.pk, document.pk)
            for page in document.scan_pages.all()  # prefetched by the view
        )
        if not shown:
            return None
        return _absolute(self, reverse("catalog:document_manifest", args=[document.slug]))


class TextSerializer(serializers.ModelSerializer):
    url = RecordUrl("text", lookup_field="pk")
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    page = serializers.SerializerMethodField()
    language = serializers.SlugRelatedField(slug_field="code", read_only=True)
    translator = VisibleSlug(help_text="The translator (a person), if published.")
    commissioned_by = VisibleSlug(help_text="The agency that commissioned it, if published.")

    class Meta:
        model = Translation
        fields = [
            *("url", "id", "slug", "document", "page", "kind", "language", "title", "text"),
            *("translator", "commissioned_by", "credit_line", "machine_read"),
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, text) -> str:
        return _absolute(self, text.document.get_absolute_url())

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # As the public reads it: withheld passages as their placeholder.
        data["text"] = public.view().redact(instance).text
        return data


class PersonNameSerializer(serializers.ModelSerializer):
    language = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PersonName
        fields = ["name", "kind", "language", "note"]


class AgencyNameSerializer(serializers.ModelSerializer):
    language = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AgencyName
        fields = ["name", "kind", "language"]


class OfficeSerializer(serializers.ModelSerializer):
    agency = VisibleSlug()

    class Meta:
        model = PersonRole
        fields = ["title", "agency", "start", "end", "tenure_display", "note"]


class PersonSerializer(serializers.ModelSerializer):
    url = RecordUrl("person")
    page = PageUrl()
    names = PersonNameSerializer(many=True, read_only=True)
    offices = OfficeSerializer(source="public_roles", many=True, read_only=True)
    identifiers = identifiers_serializer("person")(source="*", read_only=True)
    same_as = SameAs()

    class Meta:
        model = Person
        fields = [
            *("url", "page", "slug", "status", "preferred_name", "sort_name", "life_dates"),
            *("life_display", "description", "names", "offices", "identifiers", "same_as"),
            "modified",
        ]


class AgencySerializer(serializers.ModelSerializer):
    url = RecordUrl("agency")
    page = PageUrl()
    parent = VisibleSlug(help_text="The agency it was part of, if published.")
    names = AgencyNameSerializer(many=True, read_only=True)
    identifiers = identifiers_serializer("agency")(source="*", read_only=True)
    same_as = SameAs()

    class Meta:
        model = Agency
        fields = [
            *("url", "page", "slug", "status", "name", "kind", "country", "parent"),
            *("existed", "existed_display", "description", "names", "identifiers", "same_as"),
            "modified",
        ]


class ParticipantSerializer(serializers.ModelSerializer):
    person = VisibleSlug()
    agency = VisibleSlug()

    class Meta:
        model = Participant
        fields = ["person", "agency", "role"]


def _participants(event, user) -> list:
    """Participants the visitor may see: a draft person or agency is left out, as on the
    event's page (a draft person acting for a published agency leaves the agency)."""
    shown = event.participants.all()
    return [p for p in shown if is_visible(p.person, user) or is_visible(p.agency, user)]


class ContactEventSerializer(serializers.ModelSerializer):
    url = RecordUrl("event")
    page = PageUrl()
    place = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    participants = serializers.SerializerMethodField()
    documents = VisibleSlugs(
        lambda event: (e.translation.document for e in _shown(event.evidence.all())),
        help_text="Documents whose texts attest it.",
    )

    class Meta:
        model = ContactEvent
        fields = [
            *("url", "page", "slug", "status", "title", "kind", "date", "date_display"),
            *("date_as_written", "place", "summary", "participants", "documents", "modified"),
        ]

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, event) -> list:
        shown = _participants(event, _user(self))
        return ParticipantSerializer(shown, many=True, context=self.context).data


class SubjectSerializer(serializers.ModelSerializer):
    url = RecordUrl("subject")
    page = serializers.SerializerMethodField()

    class Meta:
        model = Subject
        fields = ["url", "page", "slug", "name", "description"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, subject) -> str:
        return _absolute(self, reverse("catalog:subject", args=[subject.slug]))


class PlaceSerializer(serializers.ModelSerializer):
    url = RecordUrl("place")
    page = serializers.SerializerMethodField()
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    identifiers = identifiers_serializer("place")(source="*", read_only=True)
    same_as = SameAs()

    class Meta:
        model = Place
        fields = [
            *("url", "page", "slug", "name", "kind", "parent", "description"),
            *("identifiers", "same_as"),
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, place) -> str:
        return _absolute(self, reverse("catalog:place", args=[place.slug]))


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CollectionDocuments(serializers.Field):
    """The slugs of the collection's documents the visitor may see, in the collection's order."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, collection):
        user = _user(self.parent)
        return [
            membership.document.slug
            for membership in collection.memberships.all()
            if is_visible(membership.document, user)
        ]


class CollectionSerializer(serializers.ModelSerializer):
    url = RecordUrl("collection")
    page = PageUrl()
    documents = CollectionDocuments(help_text="Its documents' slugs, in order.")

    class Meta:
        model = Collection
        fields = [
            *("url", "page", "slug", "status", "title", "curator", "description"),
            *("documents", "modified"),
        ]
