"""Retired slugs in the CSV interchange: ``retired_slugs.csv``, so that old addresses keep
leading to their records after a move to another installation.

One row per retired slug: the record type (the name of its file, ``persons``), the slug it
no longer uses, and the slug of the record it now leads to. Written after every other file
and read after them, since it names records of all of them. A published-only export leaves
out the retired slugs of drafts.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.contrib.contenttypes.models import ContentType

from catalog.interchange.cells import from_cell, to_cell
from catalog.interchange.report import CREATED, INVALID, UNCHANGED, UPDATED, Problem, RowLog
from catalog.interchange.schema import RECORD_TYPES
from catalog.models import RetiredSlug

FILE_NAME = "retired_slugs.csv"
HEADERS = ["record_type", "slug", "current_slug"]
DESCRIPTION = (
    "Slugs records no longer use (renamed or merged away), and the record each leads to, "
    "so that old addresses keep working."
)
# Record types whose records have slugs, by file name (without .csv).
SLUGGED = {
    record.name: record
    for record in RECORD_TYPES
    if record.key == ("slug",) and any(f.name == "slug" for f in record.model._meta.fields)
}


def export(directory: Path, *, published_only: bool) -> int:
    rows = []
    for name, record in SLUGGED.items():
        content_type = ContentType.objects.get_for_model(record.model)
        current = record.model._default_manager.all()
        if published_only and record.publishable:
            current = current.filter(status="published")
        slugs = dict(current.values_list("pk", "slug"))
        retired = RetiredSlug.objects.filter(content_type=content_type)
        for slug, object_id in retired.values_list("slug", "object_id"):
            if object_id in slugs:
                rows.append((name, slug, slugs[object_id]))
    rows.sort(key=lambda row: tuple(v.encode() for v in row))  # byte order, as every file
    with (Path(directory) / FILE_NAME).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows([to_cell(v) for v in row] for row in rows)
    return len(rows)


def load(path: Path, log: RowLog) -> None:
    """Add or move each retired slug; a row naming no record is a problem, located."""
    counts = log.report.files[FILE_NAME]
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        headers = next(reader, [])
        missing = [h for h in HEADERS if h not in headers]
        if missing:
            log.problem(Problem(FILE_NAME, 1, ", ".join(missing), "", "This column is missing."))
            return
        for number, cells in enumerate(reader, start=2):
            if not any(cells):
                continue
            counts.rows += 1
            row = {h: from_cell(c) for h, c in zip(headers, cells, strict=False)}
            column, value, action = _load_row(row)
            label = f"{row.get('record_type', '')} / {row.get('slug', '')}"
            if action == INVALID:
                log.problem(Problem(FILE_NAME, number, column, value[0], value[1]))
                log.row(FILE_NAME, number, label, INVALID, [value[1]])
            else:
                log.row(FILE_NAME, number, label, action)


def _load_row(row: dict) -> tuple[str, tuple[str, str], str]:
    name, slug, current = row.get("record_type", ""), row.get("slug", ""), row.get("current_slug")
    record = SLUGGED.get(name)
    if record is None:
        known = ", ".join(SLUGGED)
        return "record_type", (name, f"Not a record type with slugs; they are: {known}."), INVALID
    if not slug:
        return "slug", ("", "This column is required."), INVALID
    manager = record.model._default_manager
    target = manager.filter(slug=current).values_list("pk", flat=True).first()
    if target is None:
        noun = record.model._meta.verbose_name
        reason = f"No {noun} with this slug in the catalog or in {record.file_name}."
        return "current_slug", (current or "", reason), INVALID
    if manager.filter(slug=slug).exists():
        reason = "A record uses this slug; a slug in use cannot also be retired."
        return "slug", (slug, reason), INVALID
    content_type = ContentType.objects.get_for_model(record.model)
    existing = RetiredSlug.objects.filter(content_type=content_type, slug=slug).first()
    if existing is None:
        RetiredSlug.objects.create(content_type=content_type, slug=slug, object_id=target)
        return "", ("", ""), CREATED
    if existing.object_id == target:
        return "", ("", ""), UNCHANGED
    existing.object_id = target
    existing.save(update_fields=["object_id"])
    return "", ("", ""), UPDATED
