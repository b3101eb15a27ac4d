"""Benchmark of the CSV interchange: export and import throughput and peak memory, and the
document import compared with django-import-export's default row-by-row import.

    .venv/bin/python bench/interchange.py                     # the issue's default sizes
    .venv/bin/python bench/interchange.py --documents 20000   # other sizes in proportion

Every phase runs in its own child process, so that its peak memory (maximum resident set
size, as the kernel counts it) is its own. The phases:

1. generate a synthetic catalog in database A (``generate_catalog``);
2. export it (``export_catalog``) to folder 1;
3. import folder 1 into an empty database B (``import_catalog``, with change history);
4. export B to folder 2 and compare it with folder 1, byte for byte;
5. import the documents alone (with the vocabularies they need) at a quarter of the file and
   at the whole file, with history, and at the whole file without history: throughput, and
   whether peak memory grows with the file;
6. insert the same document rows, and their links, with ``executemany`` in one transaction
   (no checks, derived fields, history or index): the floor the import is compared with;
7. import the first ``--die-sample`` document rows with django-import-export in its default
   configuration (``import_data`` on a ModelResource, row by row with ``save()``: no bulk
   options, no instance validation, transactions on) reading the same columns, in a fresh
   database; its rows/s over the sample is compared with ours over the whole file.

Databases are SQLite files in a temporary folder unless ``--postgres`` names a server, e.g.
``--postgres postgres://postgres@127.0.0.1:5432``, on which the databases
``liaison_bench_*`` are created and dropped.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES = ("languages.csv", "subjects.csv", "places.csv")


# --- child side: one phase, measured -------------------------------------------------------


def run_phase(phase: str, options: dict) -> dict:
    import resource

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command

    result: dict = {}
    started = time.perf_counter()
    if phase == "migrate":
        call_command("migrate", verbosity=0)
    elif phase == "generate":
        from catalog.interchange.synthetic import Sizes, SyntheticCatalog

        counts = SyntheticCatalog(Sizes(**options["sizes"])).run()
        result["rows"] = sum(counts.values())
    elif phase == "export":
        from catalog.interchange.exporter import CatalogExporter

        report = CatalogExporter(stderr=open(os.devnull, "w")).run(options["directory"])  # noqa: SIM115
        result["rows"] = sum(report.rows.values())
    elif phase == "import":
        from catalog.interchange.importer import CatalogImporter

        importer = CatalogImporter(
            history=options.get("history", True),
            errors_path=Path(options["directory"]) / "import-errors.csv",
            stderr=open(os.devnull, "w"),  # noqa: SIM115
        )
        report = importer.run(options["directory"])
        if not report.ok:
            raise SystemExit("\n".join(report.lines()))
        result["rows"] = sum(c.rows for c in report.files.values())
        result["files"] = {n: [c.rows, c.seconds] for n, c in report.files.items()}
    elif phase == "executemany":
        result.update(executemany_import(options["directory"]))
    elif phase == "die":
        result.update(die_import(options["directory"], options["sample"]))
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def executemany_import(directory: str) -> dict:
    """The floor: the same document rows, and their links, inserted with ``executemany`` in
    one transaction, without checks, derived fields, history or search index."""
    import csv

    from django.db import connection, transaction
    from django.utils import timezone

    from catalog.interchange.cells import from_cell, split_values
    from catalog.interchange.importer import CatalogImporter
    from catalog.interchange.schema import BY_MODEL
    from catalog.models import Document

    report = CatalogImporter(stderr=open(os.devnull, "w")).run(directory)  # noqa: SIM115
    assert report.ok, report.lines()  # the vocabularies the documents link to
    record, meta = BY_MODEL[Document], Document._meta
    now = timezone.now()
    started = time.perf_counter()  # from reading the file, as the import is timed
    with open(Path(directory) / "sample" / "documents.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with transaction.atomic(), connection.cursor() as cursor:
        fields = [f for f in meta.concrete_fields if not f.primary_key]
        columns = [f.column for f in fields]
        plain = {c.field_name for c in record.plain_columns}

        constants = {
            f.name: f.get_db_prep_save(
                now if f.name in ("created", "modified") else f.get_default(), connection
            )
            for f in fields
            if f.name not in plain
        }

        def value(field, row):
            if field.name in constants:
                return constants[field.name]
            return field.get_db_prep_save(field.to_python(from_cell(row[field.name])), connection)

        # Table and column names from the models' own metadata; values are parameters.
        places = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {meta.db_table} ({', '.join(columns)}) VALUES ({places})"  # noqa: S608
        cursor.executemany(sql, [[value(f, row) for f in fields] for row in rows])
        ids = dict(Document.objects.values_list("slug", "pk"))
        for column in record.many_columns:
            m2m = meta.get_field(column.field_name)
            through = m2m.remote_field.through
            target = m2m.related_model
            key = column.target_path
            targets = dict(target._default_manager.values_list(key, "pk"))
            links = [
                (ids[row["slug"]], targets[v])
                for row in rows
                for v in split_values(from_cell(row[column.name]))
            ]
            names = f"{m2m.m2m_column_name()}, {m2m.m2m_reverse_name()}"
            insert = f"INSERT INTO {through._meta.db_table} ({names}) VALUES (%s, %s)"  # noqa: S608
            cursor.executemany(insert, links)
    return {"em_rows": len(rows), "em_seconds": time.perf_counter() - started}


def die_import(directory: str, sample: int) -> dict:
    """django-import-export's default import of the first ``sample`` document rows."""
    import csv
    import io

    import tablib

    from catalog.interchange.importer import CatalogImporter
    from catalog.interchange.resources import RESOURCES
    from catalog.models import Document

    report = CatalogImporter(stderr=open(os.devnull, "w")).run(directory)  # noqa: SIM115
    assert report.ok, report.lines()  # the vocabularies the documents link to

    base = RESOURCES[Document]

    class DefaultDocumentResource(base):
        class Meta(base.Meta):
            clean_model_instances = False  # the library's default

    with open(Path(directory) / "sample" / "documents.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[: sample + 1]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    dataset = tablib.Dataset().load(buffer.getvalue(), format="csv")
    started = time.perf_counter()
    result = DefaultDocumentResource().import_data(dataset, raise_errors=True)
    seconds = time.perf_counter() - started
    assert result.totals["new"] == len(dataset), result.totals
    return {"die_rows": len(dataset), "die_seconds": seconds}


# --- parent side: orchestration ------------------------------------------------------------


class Databases:
    def __init__(self, workdir: Path, postgres: str | None):
        self.workdir, self.postgres, self.names = workdir, postgres, []

    def url(self, name: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.workdir / f'{name}.sqlite3'}"
        import psycopg

        database = f"liaison_bench_{name}"
        with psycopg.connect(f"{self.postgres}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
            conn.execute(f'CREATE DATABASE "{database}"')
        self.names.append(database)
        return f"{self.postgres}/{database}"

    def drop(self) -> None:
        if self.postgres:
            import psycopg

            with psycopg.connect(f"{self.postgres}/postgres", autocommit=True) as conn:
                for database in self.names:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


def phase(name: str, database: str, **options) -> dict:
    # Production settings: DEBUG off (no query log), a throwaway key.
    env = {**os.environ, "DATABASE_URL": database, "DEBUG": "0", "CONN_MAX_AGE": "0"}
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    command = [sys.executable, __file__, "--phase", name, "--options", json.dumps(options)]
    # Our own script, with arguments we built: nothing untrusted reaches the command line.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"phase {name} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def documents_only(source: Path, target: Path, rows: int) -> int:
    """A folder with the vocabularies and the first ``rows`` document rows."""
    target.mkdir(parents=True, exist_ok=True)
    for name in VOCABULARIES:
        shutil.copy(source / name, target / name)
    written = -1
    with (
        open(source / "documents.csv", encoding="utf-8", newline="") as src,
        open(target / "documents.csv", "w", encoding="utf-8", newline="") as out,
    ):
        import csv

        writer = csv.writer(out, lineterminator="\n")
        for row in csv.reader(src):
            if written >= rows:
                break
            writer.writerow(row)
            written += 1
    return written


def main(argv=None) -> None:
    from catalog.interchange.synthetic_words import Sizes

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    for name in ("persons", "agencies", "events", "mentions"):
        parser.add_argument(f"--{name}", type=int, help="Default: in proportion to documents.")
    parser.add_argument("--die-sample", type=int, default=1000, help="Rows for the comparison.")
    parser.add_argument("--postgres", help="A server URL without database name.")
    parser.add_argument("--workdir", help="Keep the files here (default: a temporary folder).")
    args = parser.parse_args(argv)
    sizes = Sizes.for_documents(args.documents)
    for name in ("persons", "agencies", "events", "mentions"):
        if getattr(args, name) is not None:
            setattr(sizes, name, getattr(args, name))

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="liaison-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    dbs = Databases(workdir, args.postgres)
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"Sizes: {sizes}; {engine}; files in {workdir}")
    try:
        measure(sizes, args, workdir, dbs)
    finally:
        dbs.drop()
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def measure(sizes, args, workdir: Path, dbs: Databases) -> None:
    def line(label: str, rows: int, seconds: float, peak: float | None = None) -> None:
        memory = f"  peak {peak:6.0f} MB" if peak is not None else ""
        print(f"{label:<44} {rows:>9} rows {seconds:8.1f} s {rows / seconds:9.0f} rows/s{memory}")

    first, second = workdir / "export-1", workdir / "export-2"
    a = dbs.url("a")
    phase("migrate", a)
    done = phase("generate", a, sizes=vars(sizes))
    line("generate (synthetic catalog)", done["rows"], done["seconds"], done["peak_mb"])
    done = phase("export", a, directory=str(first))
    line("export_catalog, whole catalog", done["rows"], done["seconds"], done["peak_mb"])

    b = dbs.url("b")
    phase("migrate", b)
    done = phase("import", b, directory=str(first))
    line("import_catalog, whole catalog", done["rows"], done["seconds"], done["peak_mb"])
    for name, (rows, seconds) in done["files"].items():
        if rows >= 1000:
            line(f"  {name}", rows, seconds)
    phase("export", b, directory=str(second))
    names = sorted(p.name for p in first.iterdir() if p.suffix in (".csv", ".json"))
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    verdict = f"DIFFERENT: {mismatch + errors}" if mismatch or errors else "identical"
    print(f"Round trip (export, import, export): {verdict}")

    ours = {}
    for label, fraction, history in (("1/4", 4, True), ("all", 1, True), ("all", 1, False)):
        folder = workdir / f"documents-{label.replace('/', '-')}-{history}"
        rows = documents_only(first, folder, sizes.documents // fraction)
        database = dbs.url(f"docs_{fraction}_{int(history)}")
        phase("migrate", database)
        done = phase("import", database, directory=str(folder), history=history)
        rows, seconds = done["files"]["documents.csv"]
        what = "with history" if history else "without history"
        line(f"import documents.csv ({label}, {what})", rows, seconds, done["peak_mb"])
        ours[(label, history)] = (rows / seconds, done["peak_mb"])

    folder = workdir / "executemany"
    documents_only(first, folder, 0)
    documents_only(first, folder / "sample", sizes.documents)
    database = dbs.url("executemany")
    phase("migrate", database)
    done = phase("executemany", database, directory=str(folder))
    line("executemany, same document rows and links", done["em_rows"], done["em_seconds"])
    floor = done["em_rows"] / done["em_seconds"]

    folder = workdir / "die"
    documents_only(first, folder, 0)
    documents_only(first, folder / "sample", args.die_sample)
    database = dbs.url("die")
    phase("migrate", database)
    done = phase("die", database, directory=str(folder), sample=args.die_sample)
    line("django-import-export default, documents", done["die_rows"], done["die_seconds"])
    die_rate = done["die_rows"] / done["die_seconds"]
    rate, _ = ours[("all", True)]
    print(
        f"Document import: {rate:.0f} rows/s against {die_rate:.0f} rows/s: {rate / die_rate:.1f}x"
    )
    print(
        f"Estimated django-import-export default time for all {sizes.documents} documents: "
        f"{sizes.documents / die_rate / 60:.1f} min (from its {done['die_rows']}-row sample)"
    )
    print(
        f"Document import (checks, derived dates, history, search index) against executemany "
        f"of the same rows in one transaction: {floor / rate:.1f}x the time"
    )
    quarter, whole = ours[("1/4", True)][1], ours[("all", True)][1]
    print(
        f"Peak memory of the document import: {quarter:.0f} MB for 1/4 of the file, "
        f"{whole:.0f} MB for all of it"
    )
    history_cost = 1 - ours[("all", True)][0] / ours[("all", False)][0]
    print(f"Cost of recording history in the document import: {history_cost:.0%} of throughput")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        print(json.dumps(run_phase(sys.argv[2], json.loads(sys.argv[4]))))
    else:
        sys.path.insert(0, str(ROOT))
        main()
