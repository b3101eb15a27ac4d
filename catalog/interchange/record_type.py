"""The parts of a record type's declaration (``catalog.interchange.schema`` declares them):
its columns, the links among them, and the record type itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db import models

from catalog.models import Publishable


@dataclass(frozen=True)
class Column:
    name: str
    path: str
    many: bool = False
    description: str = ""

    @property
    def field_name(self) -> str:
        """The record's own field this column sets (the link, for linked records)."""
        return self.path.split("__", 1)[0]

    @property
    def target_path(self) -> str:
        """For a link, the lookup on the linked record ('slug'); '' for a plain field."""
        return self.path.split("__", 1)[1] if "__" in self.path else ""


@dataclass(frozen=True)
class Link:
    """A foreign key written as the linked record's natural key, in one or more columns."""

    field: models.ForeignKey
    target: RecordType
    columns: tuple[Column, ...]  # in the order of the target's natural key

    @property
    def nullable(self) -> bool:
        return self.field.null


@dataclass(eq=False)
class RecordType:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str
    # Fields computed from others, rewritten whenever a record is written (EDTF bounds...).
    derived: tuple[str, ...] = ()
    # Recompute derived fields exactly as the model's save() does.
    prepare: Callable[[models.Model], None] | None = None
    # Another unique key to match a row whose natural key is not found (a renamed slug).
    alternate_key: tuple[str, ...] = ()
    # Key columns added after format 1.0: a file without them reads them as empty.
    optional_key: tuple[str, ...] = ()
    # Rows name files beside the CSV (scans.csv: the page images, catalog.interchange.scanfiles).
    with_files: bool = False
    links: dict[str, Link] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @cached_property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(self.column(name) for name in self.key)

    @cached_property
    def key_paths(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.key_columns)

    @cached_property
    def key_fields(self) -> tuple[str, ...]:
        """The record's own fields (links by attname) that its natural key stands for."""
        names: list[str] = []
        for column in self.key_columns:
            model_field = self.model._meta.get_field(column.field_name)
            if model_field.attname not in names:
                names.append(model_field.attname)
        return tuple(names)

    @property
    def publishable(self) -> bool:
        return issubclass(self.model, Publishable)

    @cached_property
    def plain_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.target_path)

    @cached_property
    def many_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.many)


def final_field(model: type[models.Model], path: str) -> models.Field:
    """The model field at the end of an ORM path such as 'translation__language__code'."""
    *links, last = path.split("__")
    for name in links:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(last)
