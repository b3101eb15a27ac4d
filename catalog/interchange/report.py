"""What an import did, row by row and file by file.

Every row ends as created, updated, unchanged or invalid. Counts go into the
``ImportReport``; each row can also be written to a per-row report (the dry run's answer),
and every problem goes to an error report CSV naming file, row, column, value and reason.
Rows are numbered as a spreadsheet shows them: the header is row 1. Both reports are streamed
to their files, never held in memory.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from catalog.interchange.cells import to_cell

CREATED, UPDATED, UNCHANGED, INVALID = "created", "updated", "unchanged", "invalid"
ACTIONS = (CREATED, UPDATED, UNCHANGED, INVALID)
ERROR_HEADERS = ["file", "row", "column", "value", "reason"]
ROW_HEADERS = ["file", "row", "record", "action", "reason"]


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        value = f" {self.value!r}" if self.value else ""
        return f"{self.file}, row {self.row}, column {self.column}{value}: {self.reason}"


@dataclass
class FileCounts:
    rows: int = 0
    seconds: float = 0.0
    actions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTIONS, 0))


@dataclass
class ImportReport:
    files: dict[str, FileCounts] = field(default_factory=dict)
    problems: int = 0
    first_problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False
    errors_path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.problems == 0

    def count(self, action: str) -> int:
        return sum(counts.actions[action] for counts in self.files.values())

    def lines(self) -> list[str]:
        out = []
        for name, counts in self.files.items():
            done = ", ".join(f"{n} {action}" for action, n in counts.actions.items() if n)
            out.append(f"{name}: {counts.rows} rows ({done or 'nothing'}) in {counts.seconds:.1f}s")
        out.extend(str(problem) for problem in self.first_problems)
        if self.problems > len(self.first_problems):
            out.append(f"... and {self.problems - len(self.first_problems)} more problems.")
        if self.errors_path is not None and self.problems:
            out.append(f"All {self.problems} problems are listed in {self.errors_path}.")
        if self.dry_run:
            out.append("Dry run: nothing was written.")
        elif self.rolled_back:
            out.append("Nothing was written: fix the problems and run the import again.")
        return out


class RowLog:
    """Receives each row's outcome; counts it and streams it to the report files."""

    SHOWN = 20  # problems repeated in the summary

    def __init__(self, report: ImportReport, errors_path: Path | None, rows_out=None):
        self.report = report
        self.errors_path = errors_path
        self.rows_out = csv.writer(rows_out, lineterminator="\n") if rows_out else None
        if self.rows_out:
            self.rows_out.writerow(ROW_HEADERS)
        self._errors_file = None
        self._errors = None

    def row(self, file: str, row: int, record: str, action: str, reasons=()) -> None:
        self.report.files[file].actions[action] += 1
        if self.rows_out:
            self.rows_out.writerow(
                [file, row, to_cell(record), action, to_cell("; ".join(reasons))]
            )

    def problem(self, problem: Problem) -> None:
        self.report.problems += 1
        if len(self.report.first_problems) < self.SHOWN:
            self.report.first_problems.append(problem)
        if self.errors_path is None:
            return
        if self._errors is None:
            self.errors_path.parent.mkdir(parents=True, exist_ok=True)
            self._errors_file = self.errors_path.open("w", encoding="utf-8", newline="")
            self._errors = csv.writer(self._errors_file, lineterminator="\n")
            self._errors.writerow(ERROR_HEADERS)
            self.report.errors_path = self.errors_path
        self._errors.writerow(
            [problem.file, problem.row, problem.column, to_cell(problem.value), problem.reason]
        )

    def close(self) -> None:
        if self._errors_file is not None:
            self._errors_file.close()
