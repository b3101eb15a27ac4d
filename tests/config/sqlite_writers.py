"""Writers at once on one SQLite file, run in a process of their own by test_sqlite_writers.

``python -m tests.config.sqlite_writers SCENARIO DIR`` with ``DATABASE_URL`` naming a
migrated SQLite file. The first writer (an import) pauses inside its transaction after its
first batch, holding the write lock, while the second starts; the second must wait for the
lock and succeed. Prints one JSON line of what happened.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
django.setup()

from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

from catalog.interchange import loader  # noqa: E402
from catalog.interchange.importer import CatalogImporter  # noqa: E402
from catalog.models import Person, Subject  # noqa: E402

# Longer than sqlite3's default busy timeout of 5 s, which the admin would give up after.
HOLD_SECONDS = {"two-imports": 1.5, "admin-save": 6.0}


def write_persons(folder: Path, prefix: str, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["slug,status,preferred_name"]
    lines += [f"{prefix}-{n},draft,{prefix.title()} {n}" for n in range(count)]
    (folder / "persons.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def import_folder(folder: Path, results: dict, name: str) -> None:
    try:
        report = CatalogImporter(batch_size=20, stderr=open(os.devnull, "w")).run(folder)  # noqa: SIM115
        results[name] = "ok" if report.ok else "; ".join(report.lines())
    except Exception as error:  # the outcome is what the test reads
        results[name] = f"{type(error).__name__}: {error}"
    finally:
        connections.close_all()


def admin_save(results: dict) -> None:
    try:
        client = Client()
        client.force_login(admin_user())
        response = client.post(
            "/admin/catalog/subject/add/", {"name": "Saved during import", "slug": "saved"}
        )
        results["admin"] = "ok" if response.status_code == 302 else str(response.status_code)
    except Exception as error:
        results["admin"] = f"{type(error).__name__}: {error}"
    finally:
        connections.close_all()


def admin_user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="editor", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def main(scenario: str, directory: Path) -> None:
    first = write_persons(directory / "first", "first", 60)
    holding = threading.Event()
    original = loader.RecordLoader.load

    def load_and_hold(self, rows):
        original(self, rows)
        if threading.current_thread().name == "first" and not holding.is_set():
            holding.set()  # the first batch is written: the write lock is held
            time.sleep(HOLD_SECONDS[scenario])

    loader.RecordLoader.load = load_and_hold
    admin_user()
    connections.close_all()
    results: dict[str, str] = {}
    importer = threading.Thread(target=import_folder, args=(first, results, "first"), name="first")
    if scenario == "two-imports":
        second = write_persons(directory / "second", "second", 60)
        other = threading.Thread(target=import_folder, args=(second, results, "second"))
    else:
        other = threading.Thread(target=admin_save, args=(results,))
    importer.start()
    holding.wait(60)
    other.start()
    importer.join()
    other.join()
    results["persons"] = Person.objects.count()
    results["subjects"] = list(Subject.objects.values_list("slug", flat=True))
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
