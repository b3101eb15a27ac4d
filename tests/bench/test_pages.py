"""The page bench's core on a tiny synthetic catalog: a row for every page, its queries
counted and checked. No timing is asserted: that is the bench's own business."""

from django.test import Client

from bench import pages
from bench.report import report
from catalog.interchange.synthetic import Sizes, SyntheticCatalog
from catalog.search.indexer import SearchIndexer


def test_the_bench_measures_every_public_page_and_checks_its_queries(db):
    SyntheticCatalog(Sizes.for_documents(40), seed=3).run()
    SearchIndexer().rebuild()
    pages.add_rare_word()

    client = Client()
    paths = pages.public_paths(client)
    rows = pages.measure_pages(client, paths, runs=1, budget=0)
    bare = pages.measure_bare_searches(runs=1, budget=0)

    assert set(pages.PAGES) - set(rows) <= {"sitemap: a section"}
    for name, row in rows.items():
        assert row["status"] == 200, name
        assert row["queries"] > 0, name
    assert rows["search: rare word"]["path"] == "/documents/?q=Kurdistan"
    assert bare["search: rare word"]["matches"] > 0
    assert bare["search: common word"]["matches"] > bare["search: rare word"]["matches"]

    result = {"engine": "sqlite", "size": 40, "pages": rows, "bare": bare, "load": None}
    text = report([result], pages.PAGES)
    for name, row in rows.items():
        verdict = "PASS" if row["queries"] <= 12 else "FAIL"
        assert f"{verdict} SQLite {name}: queries {row['queries']} (at most 12" in text
    assert "| document: one |" in text


def test_the_load_client_counts_the_no_database_pages_gunicorn_serves():
    from bench.load import NO_DATABASE_PATH, gunicorn, load

    with gunicorn({}) as server:
        figures = load(server.port, NO_DATABASE_PATH, clients=2, duration=0.5)
    assert figures.requests > 0
    assert figures.errors == 0
