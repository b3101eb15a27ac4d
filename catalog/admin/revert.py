"""Reverting a record brings back its parts as they were.

django-simple-history's revert restores the record's own fields. The parts edited
on its page (the rows of its inlines: an event's participants and evidence, a
person's names and offices, a document's texts and references) have histories of
their own; reverting puts each back as it stood at the version's time: a part
deleted since is recreated with its old id and values, a changed one gets its old
values, one added since is deleted. A record is saved before its parts, so a
version stands for the parts as they were until the record's next version, and at
most ``SAME_SAVE`` after it (for changes to parts made past the record's page).
Parts of parts (an office's evidence, a text's mentions) follow in turn. Records
with a publication status of their own (an agency's sub-agencies) are not parts: a
revert never touches them.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.admin import AdminSite
from django.db.models import Model
from django.forms.models import _get_foreign_key

from catalog.admin.versions import UNVERSIONED_FIELDS
from catalog.models.base import Publishable

#: How long after a version its parts may still be being saved in the same save.
SAME_SAVE = timedelta(seconds=60)


def version_cutoff(version) -> object:
    """Until when a version of a record stands for the state of its parts."""
    later = (
        type(version)
        .objects.filter(id=version.id, history_date__gt=version.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    cutoff = version.history_date + SAME_SAVE
    return min(cutoff, later) if later is not None else cutoff


def _same(current: Model, restored: Model) -> bool:
    return all(
        field.value_from_object(current) == field.value_from_object(restored)
        for field in current._meta.concrete_fields
        if field.name not in UNVERSIONED_FIELDS
    )


def _stamp(record: Model, user, reason: str) -> Model:
    record._history_user = user
    record._change_reason = reason
    return record


def parts_as_of(model: type[Model], fk, owner_pk, at) -> dict[int, Model]:
    """The parts of ``model`` that belonged to ``owner_pk`` just before ``at``, by id."""
    history = model.history.model
    ids = history.objects.filter(**{fk.attname: owner_pk}).values_list("id", flat=True)
    records = history.objects.filter(id__in=ids.distinct(), history_date__lt=at).order_by(
        "id", "history_date", "history_id"
    )
    latest: dict[int, Model] = {}
    for record in records:
        latest[record.id] = record
    return {
        pk: record.instance
        for pk, record in latest.items()
        if record.history_type != "-" and getattr(record, fk.attname) == owner_pk
    }


def restore_parts(site: AdminSite, owner: Model, at, user, reason: str, seen=frozenset()):
    """Put the parts of ``owner`` (its admin's inline rows) back as they were before ``at``."""
    model_admin = site._registry.get(type(owner))
    if model_admin is None:
        return
    for inline in model_admin.inlines:
        model = inline.model
        if issubclass(model, Publishable) or model in seen or not hasattr(model, "history"):
            continue
        fk = _get_foreign_key(type(owner), model, fk_name=inline.fk_name)
        then = parts_as_of(model, fk, owner.pk, at)
        now = {part.pk: part for part in model._default_manager.filter(**{fk.name: owner})}
        for pk, part in now.items():
            if pk not in then:
                _stamp(part, user, reason).delete()
        for pk, part in then.items():
            current = now.get(pk)
            if current is None or not _same(current, part):
                _stamp(part, user, reason).save()
            restore_parts(site, part, at, user, reason, seen | {type(owner)})
