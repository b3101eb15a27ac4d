"""Collections of documents, and links between two documents.

A collection is a curated, ordered selection of documents (as the Wilson Center groups its
documents), with its own page and publication status; a document may stand in several. A
document link says how two documents belong together ("reply to", "enclosure of"), stored
once and read from both sides.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Greatest, Least
from simple_history.models import HistoricalRecords

from catalog.models.base import Publishable, slug_url


class Collection(Publishable):
    title = models.CharField(max_length=300, help_text="'The Iran-Iraq War and the GDR'.")
    description = models.TextField(
        blank=True, help_text="What the collection gathers and why, for its page."
    )
    curator = models.CharField(
        "curator credit",
        max_length=300,
        blank=True,
        help_text="Who selected the documents: 'Compiled by Bernd Schaefer'.",
    )
    documents = models.ManyToManyField(
        "catalog.Document",
        through="catalog.CollectionDocument",
        related_name="collections",
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_collection", "Can publish and unpublish collections")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("catalog:collection", self.slug)


class CollectionDocument(models.Model):
    """A document's place in a collection."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="memberships")
    document = models.ForeignKey(
        "catalog.Document", on_delete=models.CASCADE, related_name="collection_memberships"
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Where the document stands in the collection: 1 comes first."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["collection", "position", "pk"]
        verbose_name = "document in a collection"
        verbose_name_plural = "documents in collections"
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "document"], name="unique_document_in_collection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.document} in {self.collection}"


class DocumentLink(models.Model):
    """Two documents that belong together, stored once: read from each side with its words."""

    class Kind(models.TextChoices):
        REPLY_TO = "reply_to", "reply to"
        ENCLOSURE_OF = "enclosure_of", "enclosure of"
        SAME_MEETING = "same_meeting", "same meeting"
        OTHER = "other", "other"

    #: How each kind reads from the first document, and from the second.
    WORDING = {
        Kind.REPLY_TO: ("Reply to", "Answered by"),
        Kind.ENCLOSURE_OF: ("Enclosure of", "Encloses"),
        Kind.SAME_MEETING: ("Same meeting as", "Same meeting as"),
        Kind.OTHER: ("See also", "See also"),
        "": ("See also", "See also"),
    }

    from_document = models.ForeignKey(
        "catalog.Document",
        on_delete=models.CASCADE,
        related_name="links_from",
        help_text="The document the link is said of: the reply, the enclosure.",
    )
    to_document = models.ForeignKey(
        "catalog.Document",
        on_delete=models.CASCADE,
        related_name="links_to",
        help_text="The document it points to: the letter replied to, the covering letter.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    note = models.TextField(blank=True, help_text="Anything the kind does not say.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_document", "to_document"]
        verbose_name = "link between documents"
        verbose_name_plural = "links between documents"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_document=models.F("to_document")),
                name="document_link_not_to_itself",
            ),
            # One link per pair of documents, whichever way round it was entered.
            models.UniqueConstraint(
                Least("from_document", "to_document"),
                Greatest("from_document", "to_document"),
                name="unique_document_link_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_document} → {self.to_document}"

    def wording(self, seen_from) -> str:
        """How the link reads on the page of ``seen_from`` (a document's pk)."""
        forward, backward = self.WORDING[self.kind]
        return forward if seen_from == self.from_document_id else backward

    def other(self, seen_from):
        return self.to_document if seen_from == self.from_document_id else self.from_document

    def clean(self):
        super().clean()
        if not (self.from_document_id and self.to_document_id):
            return
        if self.from_document_id == self.to_document_id:
            raise ValidationError({"to_document": "A document cannot be linked to itself."})
        pair = models.Q(from_document=self.from_document_id, to_document=self.to_document_id)
        pair |= models.Q(from_document=self.to_document_id, to_document=self.from_document_id)
        if DocumentLink.objects.filter(pair).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"to_document": "These two documents are already linked (maybe the other way)."}
            )
