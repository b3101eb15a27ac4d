"""Keep the search index in step with the records it is built from.

A document is reindexed when it, one of its texts, one of its mentions, or a
person or agency it mentions (or one of their names) is saved or deleted; a
deleted document's words leave the vocabulary of suggestions.
Bulk changes that bypass signals (``QuerySet.update``, ``bulk_create``) need
``python manage.py rebuild_search_index``.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from catalog import search
from catalog.models import (
    Agency,
    AgencyName,
    Document,
    Mention,
    Person,
    PersonName,
    Translation,
)


def _deleting_documents(origin) -> bool:
    """True when a document's own deletion cascades here: nothing to reindex,
    and reindexing would re-create the row of a document about to go."""
    if isinstance(origin, QuerySet):
        return origin.model is Document
    return isinstance(origin, Document)


def _documents_mentioning(**where) -> list[int]:
    return list(
        Mention.objects.filter(**where)
        .values_list("translation__document_id", flat=True)
        .distinct()
    )


@receiver(post_save, sender=Document)
def document_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.reindex([instance.pk])


@receiver(pre_delete, sender=Document)
def document_deleting(sender, instance, **kwargs):
    # Its search text goes by cascade, without signals: take back its words first.
    from catalog.search.indexer import SearchIndexer

    SearchIndexer().forget([instance.pk])


@receiver(post_save, sender=Translation)
@receiver(post_delete, sender=Translation)
def translation_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and not _deleting_documents(origin):
        search.reindex([instance.document_id])


@receiver(post_save, sender=Mention)
@receiver(post_delete, sender=Mention)
def mention_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or _deleting_documents(origin):
        return
    document_ids = Translation.objects.filter(pk=instance.translation_id).values_list(
        "document_id", flat=True
    )
    search.reindex(list(document_ids))


@receiver(post_save, sender=Person)
@receiver(post_save, sender=Agency)
def named_record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        field = "person" if sender is Person else "agency"
        search.reindex(_documents_mentioning(**{field: instance.pk}))


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search.reindex(_documents_mentioning(person_id=instance.person_id))


@receiver(post_save, sender=AgencyName)
@receiver(post_delete, sender=AgencyName)
def agency_name_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search.reindex(_documents_mentioning(agency_id=instance.agency_id))
