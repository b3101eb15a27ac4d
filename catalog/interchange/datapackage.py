"""``datapackage.json``: the export described as a Frictionless Tabular Data Package.

Built from ``schema``, it names each file, its columns with their types, its primary key
(the natural key) and its foreign keys, so that tools such as ``frictionless validate`` can
check an export. It holds no timestamp, so that two exports of the same catalog are identical.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import models

from catalog.interchange.cells import SEPARATOR
from catalog.interchange.schema import (
    FORMAT_VERSION,
    RECORD_TYPES,
    STAFF_ONLY,
    RecordType,
    final_field,
)

DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}

FORMULA_NOTE = (
    "A cell that begins with =, +, -, @, a tab, a carriage return or a single quote is written "
    "with one more single quote in front, so that spreadsheets do not run it as a formula; "
    "the catalog's import removes it."
)


def _type(model_field: models.Field) -> str:
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(model_field, models.IntegerField):
        return "integer"
    return "string"


def _field(record: RecordType, column) -> dict:
    model_field = final_field(record.model, column.path)
    own = record.model._meta.get_field(column.field_name)
    description = column.description or str(getattr(own, "help_text", "") or "")
    if column.many:
        description = (
            f"Several {column.target_path}s of {own.related_model._meta.verbose_name_plural}, "
            f"joined by '{SEPARATOR}' (a | or \\ inside a value is preceded by \\). {description}"
        ).strip()
    elif column.target_path:
        target = own.related_model._meta.verbose_name
        description = f"The {target}'s {column.target_path.replace('__', ' ')}. {description}"
    spec: dict = {"name": column.name, "type": "string" if column.many else _type(model_field)}
    if description.strip():
        spec["description"] = description.strip()
    constraints: dict = {}
    required = not (own.null or getattr(own, "blank", False)) or column.name in record.key
    if required and not column.many and not own.null:
        constraints["required"] = True
    if model_field.choices and not column.many:
        constraints["enum"] = [str(value) for value, _ in model_field.choices]
    if constraints:
        spec["constraints"] = constraints
    return spec


def describe(record: RecordType) -> dict:
    schema: dict = {
        "fields": [_field(record, c) for c in record.columns],
        "primaryKey": list(record.key),
    }
    foreign_keys = [
        {
            "fields": [c.name for c in link.columns],
            "reference": {"resource": link.target.name, "fields": list(link.target.key)},
        }
        for link in record.links.values()
    ]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": record.name,
        "path": record.file_name,
        "profile": "tabular-data-resource",
        "description": record.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": DIALECT,
        "schema": schema,
    }


def package(*, published_only: bool = False) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "liaison-catalog-published" if published_only else "liaison-catalog",
        "title": "Liaison catalog" + (" (published records only)" if published_only else ""),
        "version": FORMAT_VERSION,
        "description": "An archival catalog of Cold War intelligence records: documents, "
        "their texts, persons, agencies, contact events and the passages attesting them. "
        + FORMULA_NOTE,
        "resources": [
            *(
                describe(record)
                for record in RECORD_TYPES
                if not (published_only and record.name in STAFF_ONLY)
            ),
            _retired_slugs(),
        ],
    }


def _retired_slugs() -> dict:
    from catalog.interchange import retired

    names = list(retired.SLUGGED)
    return {
        "name": retired.FILE_NAME.removesuffix(".csv"),
        "path": retired.FILE_NAME,
        "profile": "tabular-data-resource",
        "description": retired.DESCRIPTION,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": DIALECT,
        "schema": {
            "fields": [
                {
                    "name": "record_type",
                    "type": "string",
                    "constraints": {"required": True, "enum": names},
                },
                {"name": "slug", "type": "string", "constraints": {"required": True}},
                {"name": "current_slug", "type": "string", "constraints": {"required": True}},
            ],
            "primaryKey": ["record_type", "slug"],
        },
    }


def write(directory: Path, *, published_only: bool = False) -> Path:
    path = Path(directory) / "datapackage.json"
    text = json.dumps(package(published_only=published_only), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
