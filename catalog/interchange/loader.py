"""Load one file's rows into the catalog, a batch at a time.

For each batch of rows: check every cell with the model field's own validation (EDTF through
``catalog.dates``, whose answers are cached), resolve every link with one query per link
(natural keys to ids, kept in a bounded cache), find the existing records with one query,
recompute derived fields as the models' ``save`` does (``compute_derived``,
``ArchivalReference.apply_parse``), and write only what changed: new records, their history
and their links with multi-row INSERTs (``catalog.interchange.writing``), changed ones with
``bulk_update`` and django-simple-history's bulk helper, all under the script user. Memory
depends on the batch size, not on the file.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import DatabaseError, reset_queries, transaction
from django.db.models import BooleanField
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from catalog.interchange.cells import from_cell, split_values
from catalog.interchange.checks import record_problems, reversed_links
from catalog.interchange.report import CREATED, INVALID, UNCHANGED, UPDATED, Problem, RowLog
from catalog.interchange.resolver import KeyResolver
from catalog.interchange.schema import BY_MODEL, Link, RecordType
from catalog.interchange.writing import insert, insert_history, insert_links
from catalog.models import DocumentLink, Publishable, RetiredSlug
from catalog.models.hierarchy import Hierarchical, ParentGraph, loop_message
from catalog.restrictions.signals import WATCHED, dates_changed
from catalog.search.indexer import SearchIndexer


class Row:
    """One data row on its way in."""

    __slots__ = (
        *("number", "cells", "values", "links", "many", "problems", "instance", "action"),
        "deferred",
    )

    def __init__(self, number: int, cells: dict[str, str]):
        self.number, self.cells = number, cells
        self.values: dict = {}
        self.links: dict[str, tuple | None] = {}
        self.many: dict[str, list[str]] = {}
        self.problems: list[tuple[str, str, str]] = []  # column, value, reason
        self.instance = None
        self.action = ""
        self.deferred: tuple | None = None  # a link to a record further down the same file


class RecordLoader:
    def __init__(
        self,
        record: RecordType,
        headers: list[str],
        *,
        log: RowLog,
        user,
        resolver: KeyResolver,
        history: bool,
        reason: str,
        indexer: SearchIndexer,
        reindex: set[int],
        files=None,
    ):
        self.record, self.log, self.user = record, log, user
        # Bulk writes send no signals: the documents whose search text these rows change
        # are collected here, and reindexed once at the end of the import.
        self.indexer, self.reindex = indexer, reindex
        self.resolver, self.reason = resolver, reason
        self.files = files  # scans.csv: the images beside it (interchange.scanfiles)
        self.history = history and hasattr(record.model._meta, "simple_history_manager_attribute")
        present = set(headers)
        meta = record.model._meta
        self.plain = [
            (c, meta.get_field(c.field_name)) for c in record.plain_columns if c.name in present
        ]
        self.links = [link for link in record.links.values() if link.columns[0].name in present]
        self.many = [c for c in record.many_columns if c.name in present]
        self.present_fields = {f.attname for _, f in self.plain} | {
            link.field.attname for link in self.links
        }
        self.compare = [*self.present_fields, *record.derived]
        self.required_absent = [
            f
            for f in meta.concrete_fields
            if not f.blank
            and not f.has_default()
            and not f.primary_key
            and f.editable
            and f.attname not in self.present_fields
            and f.name not in ("created", "modified")
        ]
        # Rows whose link to a record of the same file (an agency's parent) names one further
        # down: (row number, label, pk, link, key of the linked record, action so far).
        self.deferred: list[tuple[int, str, int, Link, tuple, str]] = []
        # Natural keys met so far in this file, with their row: a record named twice is
        # refused however many batches apart the two rows are.
        self.seen: dict[tuple, int] = {}
        # The link to a record's parent of the same kind (an agency's, a place's): every
        # change to it is checked against the whole hierarchy, so that no loop gets in.
        self.parent_link = next(
            (
                link
                for link in self.links
                if link.target is record and issubclass(record.model, Hierarchical)
            ),
            None,
        )
        self._graph: ParentGraph | None = None

    @property
    def graph(self) -> ParentGraph:
        if self._graph is None:
            self._graph = ParentGraph(self.record.model, self.parent_link.field.attname)
        return self._graph

    # --- reading cells --------------------------------------------------------------------

    def read(self, row: Row) -> None:
        for name, cell in row.cells.items():
            if "\x00" in cell:
                # SQLite would store it and PostgreSQL refuse it: refused on both, so that a
                # catalog can move between them.
                shown = cell[:60].replace("\x00", "\\x00")
                row.problems.append((name, shown, "A NUL character (\\x00) cannot be stored."))
        if row.problems:
            return
        for column, model_field in self.plain:
            raw = from_cell(row.cells[column.name])
            if raw == "" and model_field.null:
                # An empty cell of an optional number or date (a restriction's span, its day).
                row.values[model_field.attname] = None
                continue
            if isinstance(model_field, BooleanField):
                # Written 'true' or 'false' (cells.to_cell); empty is false.
                raw = {"true": True, "false": False, "": False}.get(raw.strip().lower(), raw)
            try:
                # The field's own checks: length, choices, slug, URL, EDTF (catalog.dates).
                value = model_field.clean(raw, None)
            except ValidationError as err:
                row.problems.append((column.name, raw, " ".join(err.messages)))
                continue
            row.values[model_field.attname] = value
        for link in self.links:
            key = tuple(from_cell(row.cells[c.name]) for c in link.columns)
            if not any(key):
                if not link.nullable:
                    names = ", ".join(c.name for c in link.columns)
                    row.problems.append((names, "", "This column is required."))
                key = None
            row.links[link.field.name] = key
        for column in self.many:
            row.many[column.name] = split_values(from_cell(row.cells[column.name]))

    # --- one batch ------------------------------------------------------------------------

    def load(self, rows: list[Row]) -> None:
        # With DEBUG on, Django keeps the last 9,000 queries; bulk inserts make them large.
        reset_queries()
        for row in rows:
            self.read(row)
        self._resolve_links(rows)
        if self.files is not None:
            self.files.bring_in(rows)
        many_ids = self._resolve_many(rows)
        self._build(rows)
        if self.parent_link is not None:
            self._check_loops(rows)
        changed_many = self._diff_many(rows, many_ids)
        try:
            with transaction.atomic():
                self._write(rows, changed_many)
        except DatabaseError as err:
            for row in rows:
                if not row.problems:
                    row.problems.append(("", "", f"The database refused this batch of rows: {err}"))
        if self.parent_link is not None:
            attname = self.parent_link.field.attname
            for row in rows:
                if not row.problems and row.instance is not None and row.instance.pk:
                    self.graph.set(row.instance.pk, getattr(row.instance, attname))
        written = [r.instance for r in rows if not r.problems and r.action in (CREATED, UPDATED)]
        if written:
            self.reindex |= self.indexer.documents_of(self.record.model, written)
        for row in rows:
            self._finish(row)

    def _finish(self, row: Row) -> None:
        record_label = self._label(row)
        if row.deferred and not row.problems:
            link, target_key = row.deferred
            self.deferred.append(
                (row.number, record_label, row.instance.pk, link, target_key, row.action)
            )
        elif row.problems:
            for column, value, reason in row.problems:
                self.log.problem(Problem(self.record.file_name, row.number, column, value, reason))
            self.log.row(
                self.record.file_name,
                row.number,
                record_label,
                INVALID,
                [p[2] for p in row.problems],
            )
        elif row.action:
            self.log.row(self.record.file_name, row.number, record_label, row.action)

    def _label(self, row: Row) -> str:
        return " / ".join(from_cell(row.cells.get(name, "")) for name in self.record.key)

    def _resolve_links(self, rows: list[Row]) -> None:
        for link in self.links:
            name = link.field.name
            wanted = {row.links[name] for row in rows if not row.problems and row.links.get(name)}
            found = self.resolver.resolve(link.target, wanted)
            for row in rows:
                key = row.links.get(name)
                if key is None or row.problems:
                    if name in row.links:
                        row.values[link.field.attname] = None
                    continue
                if key in found:
                    row.values[link.field.attname] = found[key]
                elif link.target is self.record:
                    row.deferred = (link, key)  # resolved when the whole file is in
                else:
                    row.problems.append(self._unknown(link, key))

    def _unknown(self, link: Link, key: tuple) -> tuple[str, str, str]:
        names = ", ".join(c.name for c in link.columns)
        noun = link.target.model._meta.verbose_name
        return (
            names,
            " / ".join(key),
            f"No {noun} with this {names} in the catalog or in {link.target.file_name}.",
        )

    def _resolve_many(self, rows: list[Row]) -> dict[str, dict[str, int]]:
        ids: dict[str, dict[str, int]] = {}
        for column in self.many:
            target = BY_MODEL[self.record.model._meta.get_field(column.field_name).related_model]
            wanted = {(v,) for row in rows for v in row.many.get(column.name, ())}
            found = {key[0]: pk for key, pk in self.resolver.resolve(target, wanted).items()}
            ids[column.name] = found
            for row in rows:
                missing = [v for v in row.many.get(column.name, ()) if v not in found]
                if missing:
                    row.problems.append(
                        (
                            column.name,
                            " | ".join(missing),
                            f"No {target.model._meta.verbose_name} with this {target.key[0]} "
                            f"in the catalog or in {target.file_name}.",
                        )
                    )
        return ids

    def _build(self, rows: list[Row]) -> None:
        model, prepare = self.record.model, self.record.prepare
        candidates: dict[tuple, Row] = {}
        for row in rows:
            if row.problems:
                continue
            instance = model(**row.values)
            if prepare:
                prepare(instance)
            key = tuple(getattr(instance, f) for f in self.record.key_fields)
            first = self.seen.get(key)
            if first is not None:
                row.problems.append(("", self._label(row), f"The same record as row {first}."))
                continue
            self.seen[key] = row.number
            candidates[key] = row
            row.instance = instance
        existing = self._existing(candidates)
        texts = self._texts(candidates.values())
        for key, row in candidates.items():
            current = existing.get(key)
            if current is None:
                row.problems.extend(
                    (f.name, "", "A new record needs this column.") for f in self.required_absent
                )
                row.problems.extend(record_problems(row.instance, texts))
                row.instance._changed, row.instance._old_slug = [], None
                row.action = CREATED
                continue
            before = {f: getattr(current, f) for f in self.compare}
            for attname, value in row.values.items():
                setattr(current, attname, value)
            if prepare:
                prepare(current)
            row.problems.extend(record_problems(current, texts))
            current._changed = [f for f in self.compare if getattr(current, f) != before[f]]
            current._old_slug = before.get("slug")
            row.instance = current
            row.action = UPDATED if current._changed else UNCHANGED
        if model is DocumentLink:
            reversed_links(candidates.values())

    def _check_loops(self, rows: list[Row]) -> None:
        """Refuse each row whose parent would make its record part of itself."""
        attname = self.parent_link.field.attname
        names = ", ".join(c.name for c in self.parent_link.columns)
        for row in rows:
            instance = row.instance
            if row.problems or instance is None or instance.pk is None:
                continue  # a new record has nothing below it yet
            parent = getattr(instance, attname)
            if self.graph.closes_loop(instance.pk, parent):
                value = " / ".join(row.links.get(self.parent_link.field.name) or ())
                row.problems.append((names, value, loop_message(self._label(row))))
            else:
                self.graph.set(instance.pk, parent)

    def _existing(self, candidates: dict[tuple, Row]) -> dict[tuple, object]:
        if not candidates:
            return {}
        fields = self.record.key_fields
        lookup = {f"{fields[0]}__in": {key[0] for key in candidates}}
        found = {}
        for instance in self.record.model._default_manager.filter(**lookup):
            key = tuple(getattr(instance, f) for f in fields)
            if key in candidates:
                found[key] = instance
        alternate = self.record.alternate_key
        missing = [row for key, row in candidates.items() if key not in found]
        if alternate and missing:
            by_alt = {
                tuple(getattr(r.instance, f) for f in alternate): k
                for k, r in candidates.items()
                if k not in found
            }
            by_alt = {alt: k for alt, k in by_alt.items() if all(alt)}
            if by_alt:
                queryset = self.record.model._default_manager.filter(
                    **{f"{alternate[-1]}__in": {a[-1] for a in by_alt}}
                )
                for instance in queryset:
                    alt = tuple(getattr(instance, f) for f in alternate)
                    if alt in by_alt:
                        found[by_alt[alt]] = instance
        return found

    def _texts(self, rows) -> dict[int, str]:
        from catalog.models import Passage, Translation

        if not issubclass(self.record.model, Passage):
            return {}
        ids = {row.instance.translation_id for row in rows}
        return dict(Translation.objects.filter(pk__in=ids).values_list("pk", "text"))

    # --- many-to-many -------------------------------------------------------------------

    def _diff_many(self, rows: list[Row], ids: dict[str, dict[str, int]]) -> list:
        """Work out link changes; mark records whose links alone changed as updated."""
        changes = []
        for column in self.many:
            m2m = self.record.model._meta.get_field(column.field_name)
            through, source, target = (
                m2m.remote_field.through,
                m2m.m2m_column_name(),
                m2m.m2m_reverse_name(),
            )
            valid = [row for row in rows if not row.problems and row.instance is not None]
            wanted = {
                id(row): {ids[column.name][v] for v in row.many[column.name]} for row in valid
            }
            current: dict[int, dict[int, int]] = {}
            old_pks = [row.instance.pk for row in valid if row.instance.pk]
            for pk, source_pk, target_pk in through.objects.filter(
                **{f"{source}__in": old_pks}
            ).values_list("pk", source, target):
                current.setdefault(source_pk, {})[target_pk] = pk
            for row in valid:
                have = current.get(row.instance.pk, {})
                add = wanted[id(row)] - set(have)
                remove = [have[t] for t in set(have) - wanted[id(row)]]
                if add or remove:
                    changes.append((through, source, target, row, add, remove))
                    if row.action == UNCHANGED:
                        row.action = UPDATED
        return changes

    # --- writing --------------------------------------------------------------------------

    def _write(self, rows: list[Row], changed_many: list) -> None:
        model = self.record.model
        kept = [r for r in rows if not r.problems and r.instance is not None]
        new = [r.instance for r in kept if r.instance.pk is None]
        changed = [r for r in kept if r.instance.pk is not None and r.action == UPDATED]
        history = {"default_user": self.user, "default_change_reason": self.reason}
        if new:
            insert(model, new)
            if self.history:
                insert_history(model, new, user=self.user, reason=self.reason)
        if changed:
            fields = sorted({f for r in changed for f in r.instance._changed})
            if issubclass(model, Publishable):
                now = timezone.now()
                for r in changed:
                    r.instance.modified = now
                fields.append("modified")
            instances = [r.instance for r in changed]
            if self.history:
                bulk_update_with_history(
                    instances, model, fields, batch_size=len(instances), **history
                )
            elif fields:
                model._default_manager.bulk_update(instances, fields)
            watched = WATCHED.get(model)
            if watched and watched[0] in fields:
                # No signal follows a bulk update: the lift days counted from these dates.
                dates_changed(
                    model, [r.instance.pk for r in changed if watched[0] in r.instance._changed]
                )
            for r in changed:
                old = r.instance._old_slug
                if old and old != r.instance.slug:
                    RetiredSlug.retire(r.instance, old)
                    self.resolver.forget(self.record)
        additions: dict[tuple, list] = {}
        removals: dict[type, list] = {}
        for through, source, target, row, add, remove in changed_many:
            removals.setdefault(through, []).extend(remove)
            additions.setdefault((through, source, target), []).extend(
                (row.instance.pk, t) for t in add
            )
        for through, pks in removals.items():
            if pks:
                through.objects.filter(pk__in=pks).delete()
        for (through, source, target), pairs in additions.items():
            insert_links(through, source, target, pairs)

    # --- links to rows further down the same file ---------------------------------------

    def finish(self, chunk_size: int) -> None:
        """Set the links that named a record further down the file, now that all are in."""
        for start in range(0, len(self.deferred), chunk_size):
            self._finish_deferred(self.deferred[start : start + chunk_size])
        self.deferred = []

    def _finish_deferred(self, entries: list) -> None:
        model = self.record.model
        by_link: dict[str, set] = {}
        for _, _, _, link, key, _ in entries:
            by_link.setdefault(link.field.name, set()).add(key)
        found = {
            name: self.resolver.resolve(entries[0][3].target, keys)
            for name, keys in by_link.items()
        }
        instances = model._default_manager.in_bulk([entry[2] for entry in entries])
        changed, fields = [], set()
        for number, label, pk, link, key, action in entries:
            target = found[link.field.name].get(key)
            instance = instances[pk]
            if target is None:
                column, value, reason = self._unknown(link, key)
                self.log.problem(Problem(self.record.file_name, number, column, value, reason))
                self.log.row(self.record.file_name, number, label, INVALID, [reason])
                continue
            if self.parent_link is not None and self.graph.closes_loop(pk, target):
                reason = loop_message(label)
                names = ", ".join(c.name for c in link.columns)
                self.log.problem(
                    Problem(self.record.file_name, number, names, " / ".join(key), reason)
                )
                self.log.row(self.record.file_name, number, label, INVALID, [reason])
                continue
            if self.parent_link is not None:
                self.graph.set(pk, target)
            if getattr(instance, link.field.attname) != target:
                setattr(instance, link.field.attname, target)
                fields.add(link.field.attname)
                changed.append(instance)
                action = UPDATED if action == UNCHANGED else action
            self.log.row(self.record.file_name, number, label, action)
        if changed and self.history:
            bulk_update_with_history(
                changed,
                model,
                sorted(fields),
                default_user=self.user,
                default_change_reason=self.reason,
            )
        elif changed:
            model._default_manager.bulk_update(changed, sorted(fields))
