"""What every importer shares: problems that name their place, a per-file
report, a script user for the change history, and an idempotent upsert."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import OperationalError, models


class ImportProblem(ValueError):
    """Bad input, located: ``source, line N, field: message``."""

    def __init__(self, source: str, line: int | None, field: str, message: str):
        self.source, self.line, self.field, self.message = source, line, field, message
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}, {field}: {message}")


CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass
class FileOutcome:
    """What one file did to the catalog."""

    source: str
    action: str
    record: str = ""
    changes: dict[str, int] = field(default_factory=dict)  # "created Person" -> 3
    messages: list[str] = field(default_factory=list)

    def count(self, action: str, model: type[models.Model]) -> None:
        key = f"{action} {model._meta.verbose_name}"
        self.changes[key] = self.changes.get(key, 0) + 1

    @property
    def touched(self) -> bool:
        return any(not key.startswith(UNCHANGED) for key in self.changes)


@dataclass
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False

    @property
    def rejected(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.action == REJECTED]

    @property
    def ok(self) -> bool:
        return not self.rejected

    def lines(self) -> list[str]:
        out = []
        for outcome in self.outcomes:
            record = f" {outcome.record}" if outcome.record else ""
            out.append(f"{outcome.source}: {outcome.action}{record}")
            out.extend(f"    {key}: {n}" for key, n in sorted(outcome.changes.items()) if n)
            out.extend(f"    {message}" for message in outcome.messages)
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.action] = counts.get(outcome.action, 0) + 1
        summary = ", ".join(f"{n} {action}" for action, n in sorted(counts.items())) or "no files"
        out.append(f"{len(self.outcomes)} file(s): {summary}.")
        if self.dry_run:
            out.append("Dry run: nothing was written.")
        elif self.rolled_back:
            out.append("Nothing was written: fix the rejected file(s) and run the import again.")
        return out


def database_busy(error: BaseException) -> bool:
    """True for SQLite's answer when another writer kept the lock past the busy timeout."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


@contextmanager
def one_line_when_busy(command: str) -> Iterator[None]:
    """Turn a lock that could not be had into one line for the user, with no traceback.

    Another writer (an import, an archivist in the admin) holds SQLite's write lock
    longer than ``SQLITE_BUSY_TIMEOUT``; the run was one transaction, so nothing of it
    was written.
    """
    try:
        yield
    except OperationalError as error:
        if not database_busy(error):
            raise
        timeout = settings.DATABASES["default"].get("OPTIONS", {}).get("timeout", 5)
        raise CommandError(
            f"{command}: the database stayed locked by another writer for {timeout} s "
            "(SQLITE_BUSY_TIMEOUT); nothing was written. Run it again when the other "
            "write is done."
        ) from None


def script_user(name: str):
    """The inactive user under whose name a command's changes enter the history."""
    user, _ = get_user_model().objects.get_or_create(
        username=name, defaults={"is_active": False, "first_name": "Script"}
    )
    return user


class Upserter:
    """Create or update records by natural key, saving only real changes.

    Saving only what changed keeps a second import from writing anything, and
    keeps the change history free of empty entries.
    """

    # django-simple-history keeps a change reason in 100 characters; PostgreSQL
    # refuses a longer one, so a long file name is cut rather than fail the import.
    reason_length = 100

    def __init__(self, outcome: FileOutcome, user=None, reason: str = ""):
        self.outcome, self.user = outcome, user
        self.reason = reason[: self.reason_length]

    def save(self, instance: models.Model, action: str) -> None:
        instance._history_user = self.user
        instance._change_reason = self.reason
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        self.outcome.count(action, type(instance))

    def upsert(
        self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
    ) -> models.Model:
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            self.save(instance, CREATED)
            return instance
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            self.save(instance, UPDATED)
        else:
            self.outcome.count(UNCHANGED, model)
        return instance

    def set_related(self, instance: models.Model, name: str, objects: list[models.Model]) -> None:
        """Set a many-to-many field, counting it as an update only if it changes."""
        manager = getattr(instance, name)
        if {o.pk for o in manager.all()} != {o.pk for o in objects}:
            manager.set(objects)
            self.outcome.count(UPDATED, type(instance))
