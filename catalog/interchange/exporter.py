"""Write the catalog, or its published part, as a folder of CSV files.

Each file is streamed from one query (``.iterator``), in the order of its natural key, so
that memory stays flat however large the catalog is, and two exports of the same catalog are
byte-identical. Strings are compared byte by byte ("C" collation on PostgreSQL, SQLite's
default), so the order does not depend on the server's locale either.

The CSV dialect: UTF-8 without byte-order mark, comma-separated, a header row, fields quoted
only when they must be (a comma, a quote or a line break inside), quotes doubled, rows ended by
"\\n". Line breaks inside text are kept as they are, inside quotes.
"""

from __future__ import annotations

import csv
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Collate
from tqdm import tqdm

from catalog.interchange import datapackage, retired
from catalog.interchange.cells import join_values, to_cell
from catalog.interchange.scanfiles import ScanFileWriter
from catalog.interchange.schema import RECORD_TYPES, STAFF_ONLY, RecordType, final_field
from catalog.interchange.withholding import PublicView
from catalog.models import Publishable, Status, Translation

CHUNK_SIZE = 2000


@dataclass
class ExportReport:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"{name}: {n} rows" for name, n in self.rows.items()]
        out.append(f"{sum(self.rows.values())} rows in {len(self.rows)} files.")
        return out


def progress_enabled(stream) -> bool:
    """Progress bars only for a person watching a terminal, never in logs or pipes."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def sort_expression(model, path: str):
    """Byte order for strings on every engine; missing links first."""
    expression = F(path)
    if connection.vendor == "postgresql" and isinstance(final_field(model, path), CharField):
        expression = Collate(expression, "C")
    return expression.asc(nulls_first=True)


def publication_filter(record: RecordType) -> tuple[Q, dict[str, Q]]:
    """Which rows a public export keeps, and which optional links it blanks.

    A row is left out when it is a draft, or when its natural key or a required link names a
    draft (a mention of a draft person); an optional link to a draft (a translator not yet
    published) is written empty, so that no draft's slug leaks.
    """
    keep = Q(status=Status.PUBLISHED) if record.publishable else Q()
    blank_unless: dict[str, Q] = {}
    for column in record.columns:
        if column.many:
            continue
        model, prefix, nullable = record.model, [], False
        for name in column.path.split("__")[:-1]:
            link = model._meta.get_field(name)
            nullable = nullable or link.null
            model = link.related_model
            prefix.append(name)
            if not issubclass(model, Publishable):
                continue
            path = "__".join(prefix)
            condition = Q(**{f"{path}__status": Status.PUBLISHED})
            if nullable:
                condition |= Q(**{f"{path}__isnull": True})
            if column.name in record.key or not nullable:
                keep &= condition
            else:
                blank_unless[column.name] = blank_unless.get(column.name, Q()) & condition
    # A draft text (a machine-read transcript) is not public, nor what points into it.
    if record.model is Translation:
        keep &= Q(status=Status.PUBLISHED)
    elif "translation" in {column.field_name for column in record.columns}:
        keep &= Q(translation__status=Status.PUBLISHED) | Q(translation__isnull=True)
    return keep, blank_unless


class CatalogExporter:
    def __init__(self, *, published_only: bool = False, chunk_size: int = CHUNK_SIZE, stderr=None):
        self.published_only = published_only
        self.public: PublicView | None = None  # set by run() when something is withheld
        self.scan_files: ScanFileWriter | None = None  # set by run() for scans.csv
        self.chunk_size = chunk_size
        self.stderr = stderr if stderr is not None else sys.stderr

    def run(self, directory: str | Path) -> ExportReport:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        report = ExportReport()
        # A published-only export is for the public: it reads the withheld view.
        self.public = PublicView() if self.published_only else None
        if self.public is not None and self.public.empty:
            self.public = None
        for record in RECORD_TYPES:
            if self.published_only and record.name in STAFF_ONLY:
                continue  # restrictions are for staff: what they withhold is in no public file
            started = time.perf_counter()
            self.scan_files = ScanFileWriter(directory) if record.with_files else None
            report.rows[record.file_name] = self.export_record(record, directory / record.file_name)
            report.seconds[record.file_name] = time.perf_counter() - started
        started = time.perf_counter()
        report.rows[retired.FILE_NAME] = retired.export(
            directory, published_only=self.published_only
        )
        report.seconds[retired.FILE_NAME] = time.perf_counter() - started
        datapackage.write(directory, published_only=self.published_only)
        return report

    def queryset(self, record: RecordType):
        queryset = record.model._default_manager.all()
        selected = ["pk"]
        blank_unless: dict[str, Q] = {}
        if self.published_only:
            keep, blank_unless = publication_filter(record)
            queryset = queryset.filter(keep)
        public = self.public
        if public is not None:
            left_out = public.exclusion(record)
            if left_out is not None:
                queryset = queryset.exclude(left_out)
        for column in record.columns:
            if column.many:
                continue
            if column.name in blank_unless:
                selected.append(
                    Case(
                        When(blank_unless[column.name], then=F(column.path)),
                        default=Value(None),
                        output_field=CharField(),
                    )
                )
            else:
                selected.append(column.path)
        if public is not None:
            selected.extend(public.extra_paths(record))
        order = [sort_expression(record.model, path) for path in record.key_paths]
        return queryset.order_by(*order, "pk").values_list(*selected)

    def export_record(self, record: RecordType, path: Path) -> int:
        queryset = self.queryset(record)
        enabled = progress_enabled(self.stderr)
        bar = tqdm(
            total=queryset.count() if enabled else None,
            desc=record.file_name,
            unit=" rows",
            disable=not enabled,
            file=self.stderr,
            leave=False,
        )
        count = 0
        with path.open("w", encoding="utf-8", newline="") as out, bar:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(record.headers)
            chunk: list[tuple] = []
            for row in queryset.iterator(chunk_size=self.chunk_size):
                chunk.append(row)
                if len(chunk) >= self.chunk_size:
                    count += self._write_chunk(record, writer, chunk)
                    bar.update(len(chunk))
                    chunk = []
            count += self._write_chunk(record, writer, chunk)
            bar.update(len(chunk))
        return count

    def _write_chunk(self, record: RecordType, writer, chunk: list[tuple]) -> int:
        many = {
            c.name: self._many_values(record, c.name, [r[0] for r in chunk])
            for c in record.many_columns
        }
        public = self.public
        written = 0
        for row in chunk:
            values = iter(row[1:])
            cells = {}
            for column in record.columns:
                if column.many:
                    cells[column.name] = join_values(many[column.name].get(row[0], []))
                else:
                    cells[column.name] = next(values)
            if public is not None:
                cells = public.rewrite(record, cells, tuple(values))
                if cells is None:
                    continue
            if self.scan_files is not None:
                cells["path"] = self.scan_files.export(cells)
            writer.writerow([to_cell(cells[column.name]) for column in record.columns])
            written += 1
        return written

    def _many_values(self, record: RecordType, name: str, pks: list) -> dict:
        """The linked records' keys for one chunk, in one query, sorted for stable output."""
        if not pks:
            return {}
        column = record.column(name)
        m2m = record.model._meta.get_field(column.field_name)
        through = m2m.remote_field.through
        source = m2m.m2m_column_name()
        value_path = f"{m2m.m2m_reverse_field_name()}__{column.target_path}"
        values: dict = {}
        rows = through.objects.filter(**{f"{source}__in": pks}).values_list(source, value_path)
        for pk, value in rows:
            values.setdefault(pk, []).append(value)
        return {pk: sorted(v) for pk, v in values.items()}
