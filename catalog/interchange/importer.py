"""Read a folder of catalog CSV files (as ``export_catalog`` writes them) into the catalog.

Files are read in the order of ``schema.RECORD_TYPES``, so that every link names a record
already in; a folder may hold only some of the files. Rows are matched on their natural keys:
a known record is updated if anything differs, an unknown one is created, and a row equal to
its record changes nothing. A column left out of a file leaves that field as it is.

The whole run is one transaction: if any row is invalid, nothing is written (unless
``keep_going``, which writes the valid rows and skips the others). A dry run does everything,
reports every row, and rolls back.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path

from django.db import transaction
from tqdm import tqdm

from catalog.importers.base import script_user
from catalog.interchange import retired, text_keys
from catalog.interchange.encoding import not_utf8_reason, wide_encoding
from catalog.interchange.exporter import progress_enabled
from catalog.interchange.loader import RecordLoader, Row
from catalog.interchange.report import FileCounts, ImportReport, Problem, RowLog
from catalog.interchange.resolver import KeyResolver
from catalog.interchange.scanfiles import ScanFileReader
from catalog.interchange.schema import RECORD_TYPES, RecordType
from catalog.search.indexer import SearchIndexer

BATCH_SIZE = 2000
SCRIPT_USER = "import_catalog"

# The csv module refuses a cell over 131,072 characters by default; a text the catalog holds
# (a long translation) has no such limit, and must come back in as it went out.
csv.field_size_limit(2**31 - 1)


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read, for a progress bar by size."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.count += n or 0
        return n


class CatalogImporter:
    def __init__(
        self,
        *,
        dry_run: bool = False,
        keep_going: bool = False,
        batch_size: int = BATCH_SIZE,
        history: bool = True,
        errors_path: str | Path | None = None,
        rows_out=None,
        stderr=None,
    ):
        self.dry_run, self.keep_going = dry_run, keep_going
        self.batch_size, self.history = batch_size, history
        self.errors_path = Path(errors_path) if errors_path else None
        self.rows_out = rows_out
        self.stderr = stderr if stderr is not None else sys.stderr

    def run(self, directory: str | Path) -> ImportReport:
        directory = Path(directory)
        report = ImportReport(dry_run=self.dry_run)
        log = RowLog(report, self.errors_path, self.rows_out)
        try:
            records = [r for r in RECORD_TYPES if (directory / r.file_name).is_file()]
            retired_slugs = directory / retired.FILE_NAME
            if not records and not retired_slugs.is_file():
                names = ", ".join(r.file_name for r in RECORD_TYPES)
                reason = f"No catalog files here; expected one or more of {names}."
                log.problem(Problem(str(directory), 0, "", "", reason))
                return report
            self.scan_files = ScanFileReader(directory, dry_run=self.dry_run)
            with transaction.atomic():
                user = script_user(SCRIPT_USER)
                resolver, indexer, reindex = KeyResolver(), SearchIndexer(), set()
                for record in records:
                    path = directory / record.file_name
                    self.import_file(record, path, log, user, resolver, indexer, reindex)
                if retired_slugs.is_file():
                    self.import_retired_slugs(retired_slugs, log)
                failed = report.problems and not self.keep_going
                if self.dry_run or failed:
                    report.rolled_back = True
                    transaction.set_rollback(True)
                    self.scan_files.discard()
                else:
                    # Bulk writes send no signals: bring the search text of the documents
                    # they changed up to date in the same transaction, so that the index
                    # never lags the catalog.
                    indexer.reindex_in_batches(reindex)
        except BaseException:
            if getattr(self, "scan_files", None) is not None:
                self.scan_files.discard()  # the transaction is rolled back: no file stays
            raise
        finally:
            log.close()
        return report

    def import_file(
        self, record: RecordType, path: Path, log: RowLog, user, resolver, indexer, reindex
    ) -> None:
        started = time.perf_counter()
        counts = log.report.files.setdefault(record.file_name, FileCounts())
        if wide_encoding(path):
            line, reason = not_utf8_reason(path)
            log.problem(Problem(record.file_name, line, "", "", reason))
            return
        with path.open("rb", buffering=0) as raw:
            counter = _CountingReader(raw)
            text = io.TextIOWrapper(
                io.BufferedReader(counter, 1 << 16), encoding="utf-8-sig", newline=""
            )
            try:
                self._read(
                    record,
                    path,
                    csv.reader(text),
                    counter,
                    log,
                    counts,
                    user=user,
                    resolver=resolver,
                    indexer=indexer,
                    reindex=reindex,
                )
            except UnicodeDecodeError:
                line, reason = not_utf8_reason(path)
                log.problem(Problem(record.file_name, line, "", "", reason))
        counts.seconds = time.perf_counter() - started

    def import_retired_slugs(self, path: Path, log: RowLog) -> None:
        started = time.perf_counter()
        counts = log.report.files.setdefault(retired.FILE_NAME, FileCounts())
        try:
            retired.load(path, log)
        except UnicodeDecodeError:
            line, reason = not_utf8_reason(path)
            log.problem(Problem(retired.FILE_NAME, line, "", "", reason))
        counts.seconds = time.perf_counter() - started

    def _read(self, record, path, reader, counter, log, counts, **context) -> None:
        headers, upgrade_row = text_keys.upgrade(record.name, next(reader, []))
        if not self._headers_ok(record, headers, log):
            return
        loader = RecordLoader(
            record,
            headers,
            log=log,
            history=self.history,
            reason=f"import_catalog {path.name}",
            files=self.scan_files if record.with_files else None,
            **context,
        )
        bar = tqdm(
            total=path.stat().st_size,
            desc=record.file_name,
            unit="B",
            unit_scale=True,
            disable=not progress_enabled(self.stderr),
            file=self.stderr,
            leave=False,
        )
        with bar:
            batch: list[Row] = []
            for number, cells in enumerate(reader, start=2):
                if not any(cells):
                    continue  # spreadsheets leave empty rows at the end
                counts.rows += 1
                cells = upgrade_row(cells)
                if len(cells) != len(headers):
                    reason = f"This row has {len(cells)} cells; the header has {len(headers)}."
                    log.problem(Problem(record.file_name, number, "", "", reason))
                    log.row(record.file_name, number, "", "invalid", [reason])
                    continue
                batch.append(Row(number, dict(zip(headers, cells, strict=True))))
                if len(batch) >= self.batch_size:
                    loader.load(batch)
                    batch = []
                    bar.update(counter.count - bar.n)
            if batch:
                loader.load(batch)
            loader.finish(self.batch_size)
            bar.update(counter.count - bar.n)

    def _headers_ok(self, record: RecordType, headers: list[str], log: RowLog) -> bool:
        problems = []
        known = set(record.headers)
        for name in headers:
            if name not in known:
                expected = ", ".join(record.headers)
                problems.append((name, f"Unknown column; the columns are: {expected}."))
        for name in {h for h in headers if headers.count(h) > 1}:
            problems.append((name, "This column appears more than once."))
        for name in record.key:
            if name not in headers and name not in record.optional_key:
                problems.append((name, "This column is missing; it identifies the records."))
        for link in record.links.values():
            names = [c.name for c in link.columns]
            if any(n in headers for n in names) and not all(n in headers for n in names):
                problems.append((", ".join(names), "These columns go together."))
        for column, reason in problems:
            log.problem(Problem(record.file_name, 1, column, "", reason))
        return not problems
