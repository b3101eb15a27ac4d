"""SQLite with writers at once: the second waits for the lock instead of failing.

Each test runs on a migrated SQLite file of its own (the suite's in-memory test database
cannot show file locking), whatever engine the suite runs on.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args, database: Path, timeout=180, **env):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("sqlite") / "migrated.sqlite3"
    done = run(["manage.py", "migrate", "--noinput", "-v0"], database)
    assert done.returncode == 0, done.stderr
    return database


@pytest.fixture
def database(migrated, tmp_path) -> Path:
    copy = tmp_path / "catalog.sqlite3"
    shutil.copy(migrated, copy)
    return copy


def scenario(name: str, database: Path, tmp_path: Path) -> dict:
    done = run(["-m", "tests.config.sqlite_writers", name, str(tmp_path)], database)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_imports_at_once_both_write_everything(database, tmp_path):
    results = scenario("two-imports", database, tmp_path)

    assert results["first"] == "ok" and results["second"] == "ok", results
    assert results["persons"] == 120


def test_an_admin_save_during_an_import_waits_for_it_and_succeeds(database, tmp_path):
    results = scenario("admin-save", database, tmp_path)

    assert results["first"] == "ok" and results["admin"] == "ok", results
    assert results["persons"] == 60 and results["subjects"] == ["saved"]


def test_the_database_is_in_wal_mode(database, tmp_path):
    run(
        ["manage.py", "shell", "-c", "from catalog.models import Subject; Subject.objects.count()"],
        database,
    )
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_an_import_that_cannot_get_the_lock_says_so_in_one_line(database, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "subjects.csv").write_text("slug,name\nwaiting,Waiting\n", encoding="utf-8")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO catalog_subject (name, slug, description) VALUES ('a', 'a', '')")
    try:
        done = run(["manage.py", "import_catalog", str(folder)], database, SQLITE_BUSY_TIMEOUT="1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "CommandError: import_catalog: the database stayed locked by another writer for 1 s "
        "(SQLITE_BUSY_TIMEOUT); nothing was written. Run it again when the other write is done."
    ]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM catalog_subject").fetchone() == (0,)
