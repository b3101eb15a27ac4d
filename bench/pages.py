"""Every public page at archive scale, on SQLite and PostgreSQL, as ratios to baselines.

    .venv/bin/python bench/pages.py                    # 1,000, 20,000 and 100,000 documents
    .venv/bin/python bench/pages.py --quick            # 1,000 and 5,000: a smoke run
    .venv/bin/python bench/pages.py --sizes 1000 20000 --engines sqlite --duration 3
    .venv/bin/python bench/pages.py --sizes 1000 100000 --saved   # the report of earlier runs

For each engine and size it builds a synthetic catalog once (``generate_catalog``, kept in
``var/bench/liaison_N.sqlite3`` and the PostgreSQL database ``liaison_bench_N``; a later run
reuses it), then measures, in a process of its own:

- every public page in-process (Django's test client, DEBUG off, caches off): p50 and p95
  time, and the queries of one request;
- the bare ranked top-20 full-text query for each search, the baseline of the search page;
- requests per second under gunicorn with 2 workers at 10 and 50 concurrent clients
  (127.0.0.1 only, a bounded duration), next to a page that touches no database
  (``bench.urls``) served by the same workers in the same run; the document page again with
  the site's caches on.

Absolute times depend on the machine; the ratios are what to compare. The checks of issue 8's
"Done when" are printed as PASS or FAIL lines. ``LIAISON_BENCH_POSTGRES`` names the server
(default ``postgres://postgres@127.0.0.1:5432/``) and ``LIAISON_BENCH_PREFIX`` the databases'
names before the size (default ``liaison_bench_``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.report import report  # noqa: E402

SIZES = [1_000, 20_000, 100_000]
QUICK_SIZES = [1_000, 5_000]
ENGINES = ["sqlite", "postgresql"]
CONCURRENCY = [10, 50]
POSTGRES = os.environ.get("LIAISON_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
# The PostgreSQL catalogs are the databases PREFIX + size (on a shared server, a name of one's own).
PREFIX = os.environ.get("LIAISON_BENCH_PREFIX", "liaison_bench_")
# The synthetic texts repeat a few sentences (a common word) and the names of persons (a
# surname in about one document in ten); a rare word is added to ten documents at every size.
RARE_WORD = "Kurdistan"
RARE_DOCUMENTS = 10
SEARCHES = {
    "search: common word": "cooperation",
    "search: mid-frequency word": "Kratsch",
    "search: rare word": RARE_WORD,
    "search: phrase": '"exchange of information"',
}
TOP = 20
# Every public page the bench measures, in the order of the tables.
PAGES = [
    "home",
    "documents",
    *SEARCHES,
    "documents: page 2",
    "document: one",
    "persons",
    "person: one",
    "agencies",
    "agency: one",
    "events",
    "event: one",
    "places",
    "place: one",
    "subjects",
    "subject: one",
    "network",
    "sitemap",
    "sitemap: a section",
    "feed",
]


def database_url(engine: str, size: int) -> str:
    if engine == "sqlite":
        return f"sqlite:///{ROOT / 'var' / 'bench' / f'liaison_{size}.sqlite3'}"
    return f"{POSTGRES.rstrip('/')}/{PREFIX}{size}"


def create_postgres_database(url: str) -> None:
    """Create the catalog's PostgreSQL database when it does not exist yet."""
    import psycopg
    from psycopg import sql

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# In the measuring process, with Django set up on the catalog's database.


def ensure_catalog(size: int, log=print) -> None:
    """Migrate the catalog; generate it when empty; refuse one of another size."""
    from django.core.management import call_command
    from django.db import connection

    from catalog.models import Document
    from catalog.search.statistics import refresh_statistics

    call_command("migrate", verbosity=0)
    count = Document.objects.count()
    if count == 0:
        log(f"generating {size:,} documents on {connection.vendor} (once; reused later)")
        start = time.perf_counter()
        call_command("generate_catalog", documents=size, stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        log(f"generated in {time.perf_counter() - start:.0f} s")
    elif count != size:
        raise SystemExit(
            f"{connection.settings_dict['NAME']} holds {count} documents, not {size}; "
            "drop it to let the bench build it again."
        )
    add_rare_word()
    # Fresh planner statistics on both engines: a catalog built before a migration added an
    # index has none for it, and SQLite then may prefer the wrong index.
    refresh_statistics()


def add_rare_word() -> None:
    """Add the rare word to the text of ten published documents spread over the catalog."""
    from catalog import search
    from catalog.models import Document, Translation

    if Translation.objects.filter(text__contains=RARE_WORD).exists():
        return
    ids = list(Document.objects.published().order_by("pk").values_list("pk", flat=True))
    chosen = ids[:: max(len(ids) // RARE_DOCUMENTS, 1)][:RARE_DOCUMENTS]
    for translation in Translation.objects.filter(document_id__in=chosen):
        translation.text += f" The delegation then spoke of {RARE_WORD}."
        Translation.objects.filter(pk=translation.pk).update(text=translation.text)
    search.reindex(chosen)


def public_paths(client) -> dict[str, str]:
    """Every public page, by name, with a published record of each kind (the middle one)."""
    import re
    from urllib.parse import urlencode

    from django.urls import reverse

    from catalog.models import Agency, ContactEvent, Document, Person, Place, Subject

    def middle(queryset):
        count = queryset.count()
        return queryset.order_by("pk")[count // 2] if count else None

    paths = {"home": reverse("catalog:home"), "documents": reverse("catalog:documents")}
    for name, query in SEARCHES.items():
        paths[name] = f"{paths['documents']}?{urlencode({'q': query})}"
    first = client.get(paths["documents"]).content.decode()
    found = re.search(
        r'<a [^>]*href="([^"]*)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]*)"', first
    )
    if found:
        link = (found.group(1) or found.group(2)).replace("&amp;", "&")
        paths["documents: page 2"] = link if link.startswith("/") else paths["documents"] + link
    records = [
        ("document", Document.objects.published(), None),
        ("person", Person.objects.published(), "persons"),
        ("agency", Agency.objects.published(), "agencies"),
        ("event", ContactEvent.objects.published(), "events"),
        ("place", Place.objects.all(), "places"),
        ("subject", Subject.objects.all(), "subjects"),
    ]
    for name, queryset, plural in records:
        if plural:
            paths[plural] = reverse(f"catalog:{plural}")
        record = middle(queryset)
        if record is not None:
            paths[f"{name}: one"] = reverse(f"catalog:{name}", args=[record.slug])
    paths["network"] = reverse("catalog:network")
    paths["sitemap"] = reverse("catalog:sitemap")
    sitemap = client.get(paths["sitemap"]).content.decode()
    if "<sitemapindex" in sitemap:
        sections = re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", sitemap)
        documents = [s for s in sections if "document" in s] or sections
        if documents:
            paths["sitemap: a section"] = documents[0].replace("&amp;", "&")
    paths["feed"] = reverse("catalog:documents_feed")
    return {name: paths[name] for name in PAGES if name in paths}


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 of ``samples`` (seconds), in milliseconds."""
    ordered = sorted(samples)
    if not ordered:
        return 0.0, 0.0

    def rank(fraction: float) -> float:
        position = fraction * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return rank(0.5) * 1000, rank(0.95) * 1000


def timed(function, runs: int, budget: float) -> list[float]:
    """Up to ``runs`` timings of ``function``, fewer (at least 5) past ``budget`` seconds."""
    samples: list[float] = []
    spent = 0.0
    while len(samples) < runs and (len(samples) < 5 or spent < budget):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
        spent += samples[-1]
    return samples


def measure_pages(client, paths: dict[str, str], runs: int, budget: float) -> dict[str, dict]:
    """Each page's status, queries (one warm request) and p50/p95 time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        # Counted now: the next request empties the log the context reads from.
        count = len(queries)
        p50, p95 = percentiles(timed(lambda path=path: client.get(path), runs, budget))
        rows[name] = {"path": path, "status": status, "queries": count, "p50": p50, "p95": p95}
    return rows


def measure_bare_searches(runs: int, budget: float) -> dict[str, dict]:
    """The ranked top-20 full-text query alone, for each search: the search page's baseline."""
    from catalog import search
    from catalog.models import Document

    rows = {}
    for name, query in SEARCHES.items():
        published = Document.objects.published()

        def bare(query=query, published=published):
            return search.relevance_order(published, query, 0, TOP)

        p50, p95 = percentiles(timed(bare, runs, budget))
        rows[name] = {
            "p50": p50,
            "p95": p95,
            "matches": len(search.relevance_order(published, query)),
        }
    return rows


def site_caches() -> bool:
    """Whether the catalog caches anything in Django's cache: else "cached" means nothing."""
    words = ("django.core.cache", "cache_page", "cache_control")
    return any(
        word in path.read_text(encoding="utf-8")
        for path in (ROOT / "catalog").rglob("*.py")
        for word in words
    )


def measure_load(paths: dict[str, str], duration: float, log=print) -> dict:
    """Requests per second under gunicorn for every page, and for the no-database page."""
    from bench.load import NO_DATABASE_PATH, gunicorn, load

    def run(server, path: str) -> dict[int, float]:
        figures = {}
        for clients in CONCURRENCY:
            figures[clients] = load(server.port, path, clients, duration).per_second
            server.settle(NO_DATABASE_PATH)
        return figures

    result: dict = {"pages": {}, "cached": None}
    with gunicorn({"LIAISON_BENCH_CACHE": "off"}) as server:
        result["no database"] = run(server, NO_DATABASE_PATH)
        for name, path in paths.items():
            log(f"  load: {name}")
            result["pages"][name] = run(server, path)
    if site_caches():
        # Explicitly on: this process runs with the caches off, and gunicorn inherits that.
        with gunicorn({"LIAISON_BENCH_CACHE": "on"}) as server:
            result["cached"] = {
                "no database": run(server, NO_DATABASE_PATH),
                "document: one": run(server, paths["document: one"]),
            }
    return result


def measure(engine: str, size: int, duration: float, runs: int, budget: float) -> dict:
    """Everything for one engine and size (Django already set up on its database)."""
    from django.test import Client

    def log(line: str) -> None:
        print(f"[{engine} {size:,}] {line}", file=sys.stderr, flush=True)

    ensure_catalog(size, log)
    client = Client()
    paths = public_paths(client)
    log("pages in-process")
    pages = measure_pages(client, paths, runs, budget)
    log("bare full-text queries")
    bare = measure_bare_searches(runs, budget)
    load = measure_load(paths, duration, log) if duration > 0 else None
    return {"engine": engine, "size": size, "pages": pages, "bare": bare, "load": load}


def child(engine: str, size: int, duration: float, runs: int, budget: float) -> None:
    os.environ["LIAISON_BENCH_CACHE"] = "off"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    print(json.dumps(measure(engine, size, duration, runs, budget)))


def run_child(engine: str, size: int, args) -> dict:
    url = database_url(engine, size)
    if engine == "postgresql":
        create_postgres_database(url)
    else:
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    command = [sys.executable, __file__, "--measure", engine, str(size)]
    command += [
        "--duration",
        str(args.duration),
        "--runs",
        str(args.runs),
        "--budget",
        str(args.budget),
    ]
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    output = subprocess.run(  # noqa: S603
        command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    result = json.loads(output.stdout.strip().splitlines()[-1])
    # Kept, so that a long run's figures survive an interrupted report.
    saved = ROOT / "var" / "bench" / "results" / f"{engine}_{size}.json"
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(result, indent=1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="documents (default 1,000 20,000 100,000)"
    )
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=ENGINES)
    parser.add_argument(
        "--duration", type=float, default=5.0, help="seconds of load per figure (0: none)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="1,000 and 5,000 documents, a smoke run"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds per page before fewer runs"
    )
    parser.add_argument(
        "--saved",
        action="store_true",
        help="report the figures kept by earlier runs (var/bench/results/) without measuring",
    )
    parser.add_argument("--measure", nargs=2, metavar=("ENGINE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        child(args.measure[0], int(args.measure[1]), args.duration, args.runs, args.budget)
        return
    sizes = sorted(set(args.sizes or (QUICK_SIZES if args.quick else SIZES)))
    if args.saved:
        results = [
            json.loads(path.read_text())
            for engine in args.engines
            for size in sizes
            if (path := ROOT / "var" / "bench" / "results" / f"{engine}_{size}.json").exists()
        ]
    else:
        results = [run_child(engine, size, args) for engine in args.engines for size in sizes]
    print(report(results, PAGES))


if __name__ == "__main__":
    main()
