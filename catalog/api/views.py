"""The read API's endpoints: one read-only view set per kind of record.

Each list starts from the records the visitor may see (``visible_to``, as every public page
does), is filtered by the public page's own filter set, and is paginated by cursor. The
querysets fetch what the serializers show in a fixed number of queries, however long the
page: a list costs the same number of queries for 1 record as for 200.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.urls import reverse
from rest_framework import viewsets
from rest_framework.response import Response

from catalog.api import serializers
from catalog.api.pagination import TextPages
from catalog.models import (
    Agency,
    AgencyName,
    ArchivalReference,
    Collection,
    CollectionDocument,
    ContactEvent,
    Document,
    EventEvidence,
    Mention,
    Participant,
    Person,
    PersonName,
    PersonRole,
    Place,
    RoleEvidence,
    Subject,
    Translation,
)
from catalog.restrictions import public
from catalog.search.filters import DocumentFilter
from catalog.views.filters import AgencyFilter, ContactEventFilter, PersonFilter
from catalog.views.pages import chronological, find_visible, sees_drafts, visible_q


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Records with a slug and a publication status; a retired slug redirects."""

    lookup_field = "slug"
    model: type

    def records(self):
        return self.model.objects.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema generator only asks which model this is: no request, no database
            # (``check --deploy`` builds the schema before any migration has run).
            return self.model.objects.none()
        return self.records().visible_to(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        record, moved = find_visible(request, self.model, kwargs["slug"], self.records())
        if moved:
            return redirect(
                reverse(f"api:{self.basename}-detail", args=[record.slug]), permanent=True
            )
        self.check_object_permissions(request, record)
        return Response(self.get_serializer(record).data)


class DocumentViewSet(RecordViewSet):
    """Documents, found by words (`q`) and narrowed as on the document list: by language,
    repository, agency, person, subject, place, classification, kind of contact and years."""

    model = Document
    serializer_class = serializers.DocumentSerializer
    filterset_class = DocumentFilter

    def records(self):
        texts = Translation.objects.select_related("language").prefetch_related(
            Prefetch("mention_set", Mention.objects.select_related("person", "agency", "event")),
            Prefetch("eventevidence_set", EventEvidence.objects.select_related("event")),
            Prefetch(
                "roleevidence_set",
                RoleEvidence.objects.select_related("role__person", "role__agency"),
            ),
        )
        return Document.objects.prefetch_related(
            "original_languages",
            "subjects",
            "places",
            "collections",
            "scan_pages",
            Prefetch("archival_references", ArchivalReference.objects.select_related("repository")),
            Prefetch("translations", texts),
        )


class TextFilter(django_filters.FilterSet):
    document = django_filters.CharFilter(field_name="document__slug", label="Document (slug)")
    language = django_filters.CharFilter(field_name="language__code", label="Language (code)")
    kind = django_filters.ChoiceFilter(choices=Translation.Kind.choices, label="Kind of text")
    slug = django_filters.CharFilter(label="The text's slug in its document: 'original-de'")

    class Meta:
        model = Translation
        fields = ["document", "language", "kind", "slug"]


class TextViewSet(viewsets.ReadOnlyModelViewSet):
    """The texts of documents (translations, transcripts, originals), with their words."""

    serializer_class = serializers.TextSerializer
    filterset_class = TextFilter
    pagination_class = TextPages
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        texts = Translation.objects.select_related(
            "document", "language", "translator", "commissioned_by"
        )
        if getattr(self, "swagger_fake_view", False):
            return texts.none()  # the schema generator only asks for the model (see above)
        return texts.filter(visible_q(self.request.user, "document__"), public.texts_shown_q())


def public_roles(user):
    """Offices as the person's page lists them: one attested only by unpublished documents
    is not public yet either."""
    roles = PersonRole.objects.select_related("agency").order_by(
        *chronological("start"), *chronological("end"), "title"
    )
    if sees_drafts(user):
        return roles
    # As on the page (``catalog.views.people``): evidence in a published document, outside
    # withheld passages and draft texts.
    shown = visible_q(user, "evidence__translation__document__") & public.passages_shown_q(
        "evidence__"
    )
    return roles.annotate(
        evidence_total=Count("evidence"), evidence_shown=Count("evidence", filter=shown)
    ).filter(Q(evidence_total=0) | Q(evidence_shown__gt=0))


class PersonViewSet(RecordViewSet):
    """Persons, found by name or variant and narrowed by country, agency, office and period,
    as on the list of persons."""

    model = Person
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter

    def records(self):
        return Person.objects.prefetch_related(
            Prefetch("names", PersonName.objects.select_related("language")),
            Prefetch("roles", public_roles(self.request.user), to_attr="public_roles"),
        )


class AgencyViewSet(RecordViewSet):
    """Agencies, found by name or abbreviation and narrowed by country, the agency they were
    part of, office and period, as on the list of agencies."""

    model = Agency
    serializer_class = serializers.AgencySerializer
    filterset_class = AgencyFilter

    def records(self):
        return Agency.objects.select_related("parent").prefetch_related(
            Prefetch("names", AgencyName.objects.select_related("language"))
        )


class ContactEventViewSet(RecordViewSet):
    """Contact events, narrowed by agency, person, country and period, as on the list of
    contact events."""

    model = ContactEvent
    serializer_class = serializers.ContactEventSerializer
    filterset_class = ContactEventFilter

    def records(self):
        return ContactEvent.objects.select_related("place").prefetch_related(
            Prefetch("participants", Participant.objects.select_related("person", "agency")),
            Prefetch("evidence", EventEvidence.objects.select_related("translation__document")),
        )


class CollectionViewSet(RecordViewSet):
    """Collections of documents, each with its documents' slugs in order."""

    model = Collection
    serializer_class = serializers.CollectionSerializer

    def records(self):
        members = CollectionDocument.objects.select_related("document").order_by("position", "pk")
        return Collection.objects.prefetch_related(Prefetch("memberships", members))


class SubjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Subjects discussed in documents."""

    lookup_field = "slug"
    serializer_class = serializers.SubjectSerializer
    queryset = Subject.objects.all()


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Places, each in the larger place it lies in, with their authority identifiers."""

    lookup_field = "slug"
    serializer_class = serializers.PlaceSerializer
    queryset = Place.objects.select_related("parent")
