"""The catalog's records, one module per concern."""

from catalog.models.base import Passage, Publishable, Status
from catalog.models.caching import (
    CatalogVersion,
    ListCount,
    ListSummary,
    NetworkEdge,
    RelatedSummary,
)
from catalog.models.collections import Collection, CollectionDocument, DocumentLink
from catalog.models.documents import Document, Mention, Translation
from catalog.models.events import ContactEvent, EventEvidence, Participant
from catalog.models.links import RetiredSlug
from catalog.models.people import (
    Agency,
    AgencyName,
    NameKind,
    Person,
    PersonName,
    PersonRole,
    RoleEvidence,
)
from catalog.models.provenance import ArchivalReference, Repository
from catalog.models.restrictions import Restriction
from catalog.models.scans import ScanPage, TextPage
from catalog.models.search import DocumentSearchText, DocumentVector, SearchWord
from catalog.models.suggestions import NewRecordSuggestion, Suggestion
from catalog.models.vocabularies import Language, Place, Subject

__all__ = [
    "Agency",
    "AgencyName",
    "ArchivalReference",
    "CatalogVersion",
    "Collection",
    "CollectionDocument",
    "ContactEvent",
    "Document",
    "DocumentLink",
    "DocumentSearchText",
    "DocumentVector",
    "EventEvidence",
    "Language",
    "ListCount",
    "ListSummary",
    "Mention",
    "NetworkEdge",
    "RelatedSummary",
    "NameKind",
    "NewRecordSuggestion",
    "Participant",
    "Passage",
    "Person",
    "PersonName",
    "PersonRole",
    "Place",
    "Publishable",
    "Repository",
    "Restriction",
    "ScanPage",
    "RetiredSlug",
    "RoleEvidence",
    "SearchWord",
    "Status",
    "Subject",
    "Suggestion",
    "TextPage",
    "Translation",
]
