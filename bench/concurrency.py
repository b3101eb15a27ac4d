"""Benchmark of writers at once on SQLite: imports, a read load and an admin save together.

    .venv/bin/python bench/concurrency.py                                 # 2,000 documents, 10 s
    .venv/bin/python bench/concurrency.py --seconds 60 --documents 20000  # the issue's run

Phases, on SQLite files in a temporary folder, with production settings (DEBUG off):

1. generate a synthetic catalog (``generate_catalog``) in database A and export it; make two
   folders of its documents (with the vocabularies they link to), the second with every
   summary changed, so that each import rewrites every document;
2. for ``--seconds``: gunicorn (2 workers, 4 threads each) serves A on 127.0.0.1 to 50 client
   threads reading the home page, the document list, a search and document pages, while two
   loops run ``import_catalog`` into A one after another, alternating the two folders. Every
   response other than 200, every failed import and every "database is locked" in the
   server's log or an import's output is counted;
3. in a fresh database B, ``import_catalog`` of all the documents, and an admin save (a new
   subject posted to the admin's add form through Django's full request stack) started once
   the import holds the write lock: it must wait for the import and succeed.

The client load only ever goes to 127.0.0.1 and stops by itself at the deadline.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES = ("languages.csv", "subjects.csv", "places.csv")
CLIENTS = 50
LOCKED = "database is locked"

ADMIN_SAVE = """
import time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
user, _ = get_user_model().objects.get_or_create(
    username="bench-editor", defaults={"is_staff": True, "is_superuser": True})
client = Client()
client.force_login(user)
started = time.perf_counter()
response = client.post("/admin/catalog/subject/add/", {"name": "Saved during import",
                                                        "slug": "saved-during-import"})
print(response.status_code, round(time.perf_counter() - started, 1))
"""


def environment(database: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "LIAISON_PLAIN_STATIC": "1",
    }


def manage(database: Path, *args: str) -> subprocess.CompletedProcess:
    # Our own manage.py with arguments we built: nothing untrusted reaches the command line.
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(database),
        capture_output=True,
        text=True,
        check=False,
    )


def must(done: subprocess.CompletedProcess, what: str) -> None:
    if done.returncode:
        raise SystemExit(f"{what} failed:\n{done.stdout}\n{done.stderr}")


def documents_folder(source: Path, target: Path, change_summaries: bool) -> list[str]:
    """The vocabularies and documents of an export; returns the published documents' slugs."""
    target.mkdir(parents=True)
    for name in VOCABULARIES:
        shutil.copy(source / name, target / name)
    published = []
    with (
        open(source / "documents.csv", encoding="utf-8", newline="") as src,
        open(target / "documents.csv", "w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(src)
        writer = csv.DictWriter(out, reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        for row in reader:
            if change_summaries:
                row["summary"] = row["summary"] + " (revised)"
            if row["status"] == "published":
                published.append(row["slug"])
            writer.writerow(row)
    return published


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_load(base: str, paths: list[str], deadline: float, statuses: Counter) -> None:
    lock = threading.Lock()

    def client(offset: int) -> None:
        n = offset
        while time.monotonic() < deadline:
            path = paths[n % len(paths)]
            n += 1
            try:
                with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
                    response.read()
                    status = str(response.status)
            except urllib.error.HTTPError as error:
                status = str(error.code)
            except OSError as error:
                status = type(error).__name__
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def import_loop(database: Path, folders: list[Path], deadline: float, runs: list) -> None:
    n = 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        done = manage(database, "import_catalog", str(folders[n % 2]))
        output = done.stdout + done.stderr
        runs.append((done.returncode, LOCKED in output, time.perf_counter() - started))
        n += 1


def wait_until_locked(database: Path, process: subprocess.Popen) -> bool:
    """True once a writer holds the database's write lock (the import has begun)."""
    while process.poll() is None:
        probe = sqlite3.connect(database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
        time.sleep(0.05)
    return False


def load_phase(a: Path, folders: list[Path], slugs: list[str], seconds: float, work: Path):
    port = free_port()
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--threads", "4", "--timeout", "300"],
        cwd=ROOT,
        env=environment(a),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        paths = ["/", "/documents/", "/documents/?q=Ministerium", "/events/"]
        paths += [f"/documents/{slug}/" for slug in slugs[:: max(1, len(slugs) // 40)]]
        deadline = time.monotonic() + seconds
        statuses: Counter = Counter()
        runs: list = []
        loops = [
            threading.Thread(target=import_loop, args=(a, order, deadline, runs))
            for order in (folders, folders[::-1])
        ]
        for loop in loops:
            loop.start()
        read_load(base, paths, deadline, statuses)
        for loop in loops:
            loop.join()
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    server_locked = (work / "gunicorn.log").read_text(errors="replace").count(LOCKED)
    return statuses, runs, server_locked


def admin_phase(b: Path, folder: Path) -> tuple[float, str, str]:
    started = time.perf_counter()
    importer = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "import_catalog", str(folder)],
        cwd=ROOT,
        env=environment(b),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if not wait_until_locked(b, importer):
        raise SystemExit("The import ended before the admin save could start.")
    # Our own snippet, run with the interpreter running us.
    saved = subprocess.run(  # noqa: S603
        [sys.executable, "-c", ADMIN_SAVE],
        cwd=ROOT,
        env=environment(b),
        capture_output=True,
        text=True,
        check=False,
    )
    output, _ = importer.communicate()
    seconds = time.perf_counter() - started
    if importer.returncode:
        raise SystemExit(f"The import failed:\n{output}")
    answer = saved.stdout.strip() or saved.stderr.strip().splitlines()[-1]
    return seconds, answer, LOCKED if LOCKED in output + saved.stderr else ""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10, help="Load phase (the issue: 60).")
    parser.add_argument("--workdir", help="Keep the files here (default: a temporary folder).")
    args = parser.parse_args(argv)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="liaison-concurrency-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        a, b, export = work / "a.sqlite3", work / "b.sqlite3", work / "export"
        print(f"{args.documents} documents, {args.seconds:.0f} s of load; files in {work}")
        must(manage(a, "migrate", "--noinput", "-v0"), "migrate")
        shutil.copy(a, b)
        must(manage(a, "generate_catalog", "--documents", str(args.documents)), "generate")
        must(manage(a, "export_catalog", str(export)), "export")
        slugs = documents_folder(export, work / "documents-1", change_summaries=False)
        documents_folder(export, work / "documents-2", change_summaries=True)
        folders = [work / "documents-1", work / "documents-2"]

        statuses, runs, server_locked = load_phase(a, folders, slugs, args.seconds, work)
        requests = sum(statuses.values())
        errors = requests - statuses["200"]
        failed = sum(1 for code, _, _ in runs if code)
        locked = server_locked + sum(1 for _, lock, _ in runs if lock)
        print(
            f"Read load: {requests} requests from {CLIENTS} clients in {args.seconds:.0f} s "
            f"({requests / args.seconds:.1f}/s), {errors} errors {dict(statuses)}"
        )
        times = ", ".join(f"{s:.1f}" for _, _, s in runs)
        print(f"Imports at the same time: {len(runs)} runs ({times} s), {failed} failed")
        print(f'"{LOCKED}": {locked}')

        seconds, answer, lock = admin_phase(b, folders[0])
        status, _, waited = answer.partition(" ")
        print(
            f"Admin save during the import of {args.documents} documents ({seconds:.1f} s): "
            f"HTTP {status} after waiting {waited or '?'} s{'; ' + lock if lock else ''}"
        )
        clean = errors == 0 and failed == 0 and locked == 0 and status == "302" and not lock
        print("Result: " + ("no errors" if clean else "ERRORS (see above)"))
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
