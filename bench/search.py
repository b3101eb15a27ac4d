"""The search page against the bare ranked full-text query, on the configured database engine.

    .venv/bin/python bench/search.py --documents 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison .venv/bin/python bench/search.py
    DATABASE_URL=... .venv/bin/python bench/search.py --reuse   # a catalog already generated

Without ``--reuse`` it works in a throwaway test database (Django's ``test_`` prefix; in
memory for SQLite) filled by ``generate_catalog`` (persons, agencies, events, mentions in
proportion), and five documents get the rare word "Kurdistan" in their title. With
``--reuse`` it reads the database ``DATABASE_URL`` names, which must hold a generated
catalog (the rare word is added once if missing).

For a common word, a mid-frequency word, a phrase and a rare word it prints the p50 and p95
of the bare ranked top-20 full-text query (the baseline, measured in the same run) and of
the whole /documents/ page (facets, counts, snippets, rendering), their ratio, and the
page's queries; then the list without a query, and its second page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

QUERIES = [
    ("common word", "talks"),
    ("mid-frequency word", "Syria"),
    ("phrase", '"operative situation"'),
    ("rare word", "Kurdistan"),
]
RARE = "Kurdistan"


def generate(documents: int) -> None:
    from catalog.interchange.synthetic import SyntheticCatalog
    from catalog.interchange.synthetic_words import Sizes
    from catalog.search.indexer import SearchIndexer

    start = time.perf_counter()
    SyntheticCatalog(Sizes.for_documents(documents)).run()
    built = time.perf_counter() - start
    start = time.perf_counter()
    SearchIndexer().rebuild()
    print(f"generated in {built:.0f} s; index rebuilt in {time.perf_counter() - start:.0f} s")


def add_rare_word() -> None:
    """Five published documents with a word no other document has."""
    from catalog import search
    from catalog.models import Document

    if search.ranked_ids(RARE):
        return
    chosen = list(Document.objects.published().order_by("pk")[::997][:5])
    for document in chosen:
        document.title = f"{document.title} ({RARE})"
    Document.objects.bulk_update(chosen, ["title"])
    search.reindex([document.pk for document in chosen])


def analyse() -> None:
    """Table statistics, as a maintained database has them: without them SQLite's planner
    starts the person facet from every person rather than from the documents counted."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def bare_top_20(query):
    """The ranked top-20 query alone, as each engine runs it best."""
    if connection.vendor == "sqlite":
        sql = (
            "SELECT rowid FROM catalog_document_fts WHERE catalog_document_fts MATCH %s "
            "ORDER BY rank LIMIT 20"
        )
        params = [query.as_fts5()]
    else:
        sql = (
            "SELECT document_id FROM catalog_document_search, "
            "websearch_to_tsquery('liaison_search'::regconfig, %s) AS q WHERE vector @@ q "
            "ORDER BY ts_rank(vector, q) DESC LIMIT 20"
        )
        params = [query.as_websearch()]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def percentiles(function, runs: int) -> tuple[float, float]:
    function()  # warm the caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * len(samples)))]


def page(client: Client, url: str):
    def run():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return run


def report(runs: int) -> None:
    from urllib.parse import urlencode

    from catalog import search
    from catalog.models import Document

    client = Client()
    published = Document.objects.published().count()
    documents = Document.objects.count()
    print(f"engine: {connection.vendor}; documents: {documents} ({published} public)")
    print(f"p50 and p95 of {runs} runs, in ms\n")
    header = f"{'query':<34}{'matches':>8}{'bare p50':>10}{'p95':>8}"
    print(header + f"{'page p50':>10}{'p95':>8}{'p95 ratio':>11}{'queries':>9}")
    for label, text in QUERIES:
        query = search.SearchQuery.parse(text)
        matches = len(search.ranked_ids(query))
        bare = percentiles(bare_top_20(query), runs)
        url = "/documents/?" + urlencode({"q": text})
        whole = percentiles(page(client, url), runs)
        with CaptureQueriesContext(connection) as queries:
            page(client, url)()
        name = f"{label}: {text}"
        print(
            f"{name:<34}{matches:>8}{bare[0]:>10.1f}{bare[1]:>8.1f}"
            f"{whole[0]:>10.1f}{whole[1]:>8.1f}{whole[1] / bare[1]:>11.1f}{len(queries):>9}"
        )
    first = page(client, "/documents/")()
    second = "/documents/" + first.context["next_url"]
    for label, url in [("/documents/ (no query)", "/documents/"), ("its page 2", second)]:
        whole = percentiles(page(client, url), runs)
        with CaptureQueriesContext(connection) as queries:
            page(client, url)()
        print(f"{label:<34}{published:>8}{'':>18}{whole[0]:>10.1f}{whole[1]:>8.1f}{'':>11}", end="")
        print(f"{len(queries):>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000, help="documents to generate")
    parser.add_argument("--runs", type=int, default=20, help="runs per measurement")
    parser.add_argument("--reuse", action="store_true", help="read the configured database")
    args = parser.parse_args()

    setup_test_environment()
    if args.reuse:
        add_rare_word()
        analyse()
        report(args.runs)
        return
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        generate(args.documents)
        add_rare_word()
        analyse()
        report(args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
