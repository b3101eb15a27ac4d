"""Keep the search index in step with restrictions.

Saving or deleting a restriction reindexes, in the same transaction, every document whose
search text it changes: the document it withholds, or whose text holds the passage, and for
a person, every document that names them. A change of target (a restriction moved to
another passage or person) reindexes what it used to cover as well. ``lift_restrictions``
(``catalog.restrictions.lifting``) uses the same reckoning for what lifted.

The same change moves the datestamp (``modified``) of every document, and of the person,
whose public form it changes, so that an OAI-PMH harvester asking ``from`` a later day learns
that a record was withheld (reported deleted) or is back.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from catalog import search
from catalog.models import Document, Mention, Person, Restriction, Translation
from catalog.search.signals import _deleting_documents


def documents_of(restriction) -> set[int]:
    """The documents whose public form ``restriction`` touches."""
    found = set()
    if restriction.document_id:
        found.add(restriction.document_id)
    if restriction.translation_id:
        found.update(
            Translation.objects.filter(pk=restriction.translation_id).values_list(
                "document_id", flat=True
            )
        )
    if restriction.person_id and restriction.scope == Restriction.Scope.PERSON:
        found.update(
            Mention.objects.filter(person_id=restriction.person_id).values_list(
                "translation__document_id", flat=True
            )
        )
    return found


def person_of(restriction) -> set[int]:
    """The person ``restriction`` withholds whole, if any."""
    if restriction.person_id and restriction.scope == Restriction.Scope.PERSON:
        return {restriction.person_id}
    return set()


def touch(documents: set[int], persons: set[int]) -> None:
    """Move the datestamps of ``documents`` and ``persons`` to now (no history entry: the
    restriction's own history says what changed)."""
    now = timezone.now()
    if documents:
        Document.objects.filter(pk__in=documents).update(modified=now)
    if persons:
        Person.objects.filter(pk__in=persons).update(modified=now)


@receiver(pre_save, sender=Restriction)
def restriction_saving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = Restriction.objects.filter(pk=instance.pk).first()
    instance._documents_before = documents_of(before) if before is not None else set()
    instance._persons_before = person_of(before) if before is not None else set()


@receiver(post_save, sender=Restriction)
@receiver(post_delete, sender=Restriction)
def restriction_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or _deleting_documents(origin):
        return
    documents = documents_of(instance) | getattr(instance, "_documents_before", set())
    search.reindex(documents)
    touch(documents, person_of(instance) | getattr(instance, "_persons_before", set()))
