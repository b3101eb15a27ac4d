"""Search latency on the configured database engine, with N synthetic documents.

    .venv/bin/python bench/search.py 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison .venv/bin/python bench/search.py 20000

It works in a throwaway test database (Django's ``test_`` prefix; in memory for
SQLite) and prints the median of several runs for: the full-text query alone,
the whole /documents/ page (facets, counts, snippets), and a deep page in date
order by keyset against the same page by OFFSET.
"""

import argparse
import datetime
import itertools
import os
import random
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
from django.test.utils import setup_test_environment  # noqa: E402

SYLLABLES = ["ba", "ko", "ri", "sa", "tu", "me", "la", "no", "vi", "de", "ga", "hu", "zi", "po"]


class Vocabulary:
    """Pseudo-words with a Zipf-like spread: a few in most texts, most in few."""

    def __init__(self, rng: random.Random, size: int = 5000):
        self.rng = rng
        self.words = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)
        ]
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(size)))

    def __call__(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)


def build(n: int, seed: int = 1986) -> None:
    from catalog.models import Document, Language, Status, Subject, Translation

    rng = random.Random(seed)
    words = Vocabulary(rng)
    german, _ = Language.objects.get_or_create(code="de", defaults={"name": "German"})
    english, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    subjects = [Subject.objects.create(name=f"Subject {i}", slug=f"subject-{i}") for i in range(30)]
    documents = []
    for i in range(n):
        day = datetime.date(1949, 1, 1) + datetime.timedelta(days=rng.randint(0, 15000))
        documents.append(
            Document(
                slug=f"bench-{i}",
                title=" ".join(words(8)).capitalize(),
                summary=" ".join(words(30)),
                date=day.isoformat(),
                date_earliest=day,
                date_latest=day,
                status=Status.PUBLISHED if i % 10 else Status.DRAFT,
                classification=rng.choice(["", "Secret", "Top Secret", "Confidential"]),
            )
        )
    Document.objects.bulk_create(documents, batch_size=1000)
    ids = list(Document.objects.values_list("pk", flat=True))
    texts = []
    for pk in ids:
        text = " ".join(words(400))
        if rng.random() < 0.05:
            text += " a counterintelligence technology check"
        if rng.random() < 0.002:
            text += " Kurdistan"
        texts.append(Translation(document_id=pk, language=english, text=text))
    Translation.objects.bulk_create(texts, batch_size=1000)
    Document.original_languages.through.objects.bulk_create(
        [Document.original_languages.through(document_id=pk, language=german) for pk in ids],
        batch_size=1000,
    )
    Document.subjects.through.objects.bulk_create(
        [Document.subjects.through(document_id=pk, subject=rng.choice(subjects)) for pk in ids],
        batch_size=1000,
    )


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=int, help="how many synthetic documents to build")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.documents, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(n: int, runs: int) -> None:
    from catalog.models import Document
    from catalog.search import relevance_order, search_documents
    from catalog.search.indexer import SearchIndexer
    from catalog.search.pagination import PAGE_SIZE, keyset_page
    from catalog.views.search import ordered

    start = time.perf_counter()
    build(n)
    built = time.perf_counter() - start
    start = time.perf_counter()
    SearchIndexer().rebuild()
    indexed = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"engine: {connection.vendor}; documents: {n} ({n // 10} drafts)")
    print(f"build: {built:.1f} s; index rebuild: {indexed:.1f} s\n")

    published = Document.objects.published()
    print(f"{'measurement':<58}{'matches':>9}{'ms':>10}")
    for query in ["bako", "kurdistan", '"counterintelligence technology check"', "bako rido"]:
        results = search_documents(published, query)
        total = results.count()

        def first_page(query=query):
            relevance_order(published, query, 0, PAGE_SIZE)

        print(f"{'count: ' + query:<58}{total:>9}{timed(results.count, runs):>10.1f}")
        label = f"first page by relevance: {query}"
        print(f"{label:<58}{total:>9}{timed(first_page, runs):>10.1f}")

    client = Client()
    for label, params in [
        ("page /documents/ (date order, facets)", {}),
        ("page /documents/?q=bako (facets, snippets)", {"q": "bako"}),
        ("page /documents/?q=kurdistan (a rare word)", {"q": "kurdistan"}),
        ("page /documents/?q=bako&subject=subject-3", {"q": "bako", "subject": "subject-3"}),
    ]:
        response = client.get("/documents/", params)
        assert response.status_code == 200, response.status_code
        elapsed = timed(lambda params=params: client.get("/documents/", params), runs)
        print(f"{label:<58}{response.context['total']:>9}{elapsed:>10.1f}")

    ordered_ids = list(ordered(published, "date").values_list("pk", flat=True))
    for fraction in (0.5, 0.95):
        position = int(len(ordered_ids) * fraction)
        cursor = ordered_ids[position - 1]
        keyset = timed(lambda cursor=cursor: keyset_page(published, "date", after=cursor), runs)

        def offset(position=position):
            list(ordered(published, "date")[position : position + PAGE_SIZE])

        label = f"date page after row {position}"
        print(f"{label + ': keyset':<58}{'':>9}{keyset:>10.1f}")
        print(f"{label + ': OFFSET':<58}{'':>9}{timed(offset, runs):>10.1f}")


if __name__ == "__main__":
    main()
