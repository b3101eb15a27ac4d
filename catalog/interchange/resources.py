"""django-import-export resources for the admin, built from the same declarations as the
``export_catalog`` / ``import_catalog`` commands, so that a file exported from the admin
imports with the command and the other way round.

``RESOURCES`` maps each model to its resource class. The resources read and write the same
columns as the commands: links as natural keys (slugs, codes), several values joined by
`` | ``, formula-like cells neutralised on export and restored on import. They go through the
models' ``save`` and ``full_clean``, one row at a time: right for the admin's small files; the
commands are the fast path for whole catalogs.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from catalog.interchange.cells import from_cell, join_values, split_values, to_cell
from catalog.interchange.schema import BY_MODEL, RECORD_TYPES, Link, RecordType
from catalog.models import Passage


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A link written as the linked record's slug (or code); an unknown one is a clear error."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return self.model._default_manager.get(**{self.field: value})
        except self.model.DoesNotExist:
            noun = self.model._meta.verbose_name
            raise ValueError(f"No {noun} with {self.field} “{value}”.") from None


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Several links in one cell, joined by `` | `` as the commands write them."""

    def clean(self, value, row=None, **kwargs):
        keys = split_values(value or "")
        found = self.model._default_manager.filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {getattr(o, self.field) for o in found})
        if missing:
            noun = self.model._meta.verbose_name
            raise ValueError(f"No {noun} with {self.field} {', '.join(missing)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return join_values(sorted(getattr(o, self.field) for o in value.all()))


class CatalogResource(resources.ModelResource):
    """What every generated resource shares; ``record`` is its declaration in ``schema``."""

    record: RecordType

    def __init__(self, *, may_publish: bool = True, **kwargs):
        super().__init__(**kwargs)
        # Without the publish permission a spreadsheet must not publish or unpublish:
        # the status column is then not read, so new rows are drafts and others keep theirs.
        self.may_publish = may_publish

    def get_import_fields(self):
        fields = super().get_import_fields()
        if self.may_publish:
            return fields
        return [field for field in fields if field.attribute != "status"]

    def before_import_row(self, row, **kwargs):
        for name, value in row.items():
            if isinstance(value, str):
                row[name] = from_cell(value)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return to_cell(value) if isinstance(value, str) else value

    def get_instance(self, instance_loader, row):
        """The record the row's natural key names, if there is one."""
        lookup = {}
        for column in self.record.key_columns:
            if column.name not in row:
                return None
            value = row[column.name]
            link = self.record.links.get(column.field_name)
            if link is not None and not value and link.nullable:
                lookup[f"{column.field_name}__isnull"] = True
            else:
                lookup[column.path] = value or ""
        return self.record.model._default_manager.filter(**lookup).first()

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        errors = {}
        for link in self.record.links.values():
            if len(link.columns) > 1:
                try:
                    setattr(instance, link.field.name, self._composite(link, row))
                except ValueError as err:
                    errors[link.columns[0].name] = str(err)
        # Unknown many-to-many keys are found now, before the row is saved, so that they are
        # reported as the row's validation errors like every other column's.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as err:
                    errors[field.column_name] = str(err)
        if errors:
            raise ValidationError(errors)
        if isinstance(instance, Passage) and not instance.quote and instance.translation_id:
            instance.quote = instance.translation.text[instance.start : instance.end]

    def _composite(self, link: Link, row):
        """A link whose natural key spans several columns (a document's text...)."""
        values = {c.target_path: row.get(c.name) or "" for c in link.columns}
        if not any(values.values()):
            return None
        lookup = {}
        for path, value in values.items():
            if not value and "__" in path:
                lookup[f"{path.split('__')[0]}__isnull"] = True
            else:
                lookup[path] = value
        found = link.target.model._default_manager.filter(**lookup).first()
        if found is None:
            names = ", ".join(c.name for c in link.columns)
            noun = link.target.model._meta.verbose_name
            shown = " / ".join(values.values())
            raise ValueError(f"No {noun} with {names} “{shown}”.")
        return found


class CellBooleanWidget(widgets.BooleanWidget):
    """'true' and 'false', as the CSV files write them (``cells.to_cell``)."""

    TRUE_VALUES = ["true", "1", 1, True, "True"]
    FALSE_VALUES = ["false", "0", 0, False, "False", ""]

    def render(self, value, obj=None, **kwargs):
        return "true" if value else "false"


def _resource_field(record: RecordType, column) -> fields.Field | None:
    if not column.target_path:
        model_field = record.model._meta.get_field(column.field_name)
        if model_field.get_internal_type() == "BooleanField":
            return fields.Field(
                attribute=column.field_name, column_name=column.name, widget=CellBooleanWidget()
            )
        return None  # a plain field: ModelResource's own widget for its type
    model_field = record.model._meta.get_field(column.field_name)
    target = model_field.related_model
    if column.many:
        widget = NaturalKeysWidget(target, field=column.target_path)
        return fields.Field(attribute=column.field_name, column_name=column.name, widget=widget)
    if len(record.links[column.field_name].columns) == 1:
        widget = NaturalKeyWidget(target, field=column.target_path)
        return fields.Field(attribute=column.field_name, column_name=column.name, widget=widget)
    # One part of a several-column link: exported as is, imported in import_instance.
    return fields.Field(attribute=column.path, column_name=column.name, readonly=True)


def resource_for(record: RecordType) -> type[CatalogResource]:
    declared = {}
    for column in record.columns:
        field = _resource_field(record, column)
        if field is not None:
            declared[column.name] = field
    meta = type(
        "Meta",
        (),
        {
            "model": record.model,
            "fields": tuple(record.headers),
            "export_order": tuple(record.headers),
            "import_id_fields": tuple(record.key),
            "clean_model_instances": True,
            # An unchanged row is reported as such and not saved, so it leaves no history.
            "skip_unchanged": True,
            "report_skipped": True,
        },
    )
    name = f"{record.model.__name__}Resource"
    return type(name, (CatalogResource,), {**declared, "Meta": meta, "record": record})


# Scanned pages come with their image files, which a spreadsheet cannot carry: they move
# only with export_catalog / import_catalog.
RESOURCES: dict[type, type[CatalogResource]] = {
    r.model: resource_for(r) for r in RECORD_TYPES if not r.with_files
}


def resource(model) -> CatalogResource:
    """A ready resource for ``model``, e.g. ``resource(Document).import_data(dataset)``."""
    return RESOURCES[BY_MODEL[model].model]()
