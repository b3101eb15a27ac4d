"""Optimistic concurrency: no archivist's save silently undoes another's.

Every change form and inline row carries, in a hidden field, the moment it was
opened and a digest of the record as it then stood (every stored field and
many-to-many link, except the bookkeeping ``modified``). When the form is saved
the record is read again, locked for the rest of the transaction where the
database can; if its digest differs, someone saved it in between, and the form
is refused with what they changed (from the record's history), so that nothing
of theirs is overwritten. The archivist reopens the record and makes the change
again on the current version.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from catalog.admin.history import field_changes

VERSION_FIELD = "record_version"
#: Fields that change on every save, whatever was edited.
UNVERSIONED_FIELDS = {"modified"}


def record_digest(record: Model) -> str:
    """A digest of what ``record`` holds: its stored fields and many-to-many links."""
    opts = record._meta
    values = [
        [field.attname, str(field.value_from_object(record))]
        for field in opts.concrete_fields
        if field.name not in UNVERSIONED_FIELDS
    ]
    for field in opts.many_to_many:
        linked = getattr(record, field.name).order_by("pk").values_list("pk", flat=True)
        values.append([field.name, list(linked)])
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:32]


def current_version(model: type[Model], pk) -> Model | None:
    """The record as stored now, locked until the transaction ends where the database can."""
    records = model._default_manager.filter(pk=pk)
    if connection.in_atomic_block:
        records = records.select_for_update()
    return records.first()


def describe_changes(record: Model, since) -> str:
    """What was saved to ``record`` after ``since``, by whom, as its history tells it."""
    history = getattr(type(record), "history", None)
    if history is None or since is None:
        return "It was changed outside the admin's history."
    versions = history.filter(**{record._meta.pk.attname: record.pk})
    later = list(
        versions.filter(history_date__gt=since)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    before = versions.filter(history_date__lte=since).order_by("-history_date", "-history_id")
    before = before.first()
    if not later or before is None:
        return "It was changed outside the admin's history."
    authors = sorted({str(version.history_user or "an import") for version in later})
    changes = field_changes(type(record), later[-1], before)
    changed = "; ".join(f"{c['field']}: “{c['old']}” → “{c['new']}”" for c in changes)
    return f"Saved by {', '.join(authors)} ({changed or 'no field shown here changed'})."


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a version it was not opened on."""

    record_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is None or self.is_bound:
            return
        if getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None:
            # A form filled from an old version (a revert) is based on the record as it is now.
            instance = current_version(type(instance), instance.pk) or instance
        opened = timezone.now().isoformat()
        self.initial[VERSION_FIELD] = f"{opened}|{record_digest(instance)}"

    def clean(self):
        self.check_version()
        return super().clean()

    def check_version(self) -> None:
        if self.instance.pk is None:
            return
        token = self.cleaned_data.get(VERSION_FIELD) or ""
        opened_text, _, digest = token.rpartition("|")
        stored = current_version(type(self.instance), self.instance.pk)
        if stored is None or record_digest(stored) == digest:
            return
        opened = parse_datetime(opened_text) if opened_text else None
        name = self.instance._meta.verbose_name
        raise forms.ValidationError(
            "Someone else saved this %(name)s after you opened it, so your changes to it "
            "were not saved and theirs are kept. %(changes)s Reopen the record to see the "
            "current version, then make your change again.",
            code="stale",
            params={"name": name, "changes": describe_changes(stored, opened)},
        )


class VersionedAdminMixin:
    """Puts the hidden version field into every fieldset an admin or inline renders."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        first_name, first_options = fieldsets[0]
        fields = [*first_options["fields"], VERSION_FIELD]
        return [(first_name, {**first_options, "fields": fields}), *fieldsets[1:]]
