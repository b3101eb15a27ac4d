"""How long a spelling suggestion takes against a large vocabulary, on the configured engine.

    .venv/bin/python bench/vocabulary.py --words 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison .venv/bin/python bench/vocabulary.py

A catalog of 20,000 documents of a few pages each has in the order of 100,000 to 200,000
distinct words (most of them names, numbers left out). The script fills ``SearchWord`` in a
throwaway test database with that many made-up words (syllables, English-like first
letters, document counts drawn from a Zipf-like law), then prints the p50 and p95 of
``vocabulary.suggestions`` for one and for three misspelt words, and how many rows the one
query brought back for the distance to be computed on.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

SYLLABLES = [
    "al",
    "ba",
    "ka",
    "sa",
    "da",
    "ru",
    "ma",
    "ni",
    "ko",
    "ter",
    "st",
    "ber",
    "lin",
    "sch",
    "mo",
    "ha",
    "us",
    "ir",
    "ra",
    "qi",
    "on",
    "ov",
    "ski",
]
INITIALS = "sssccpbbmmttddaaffrrhhlwwgeeiiooknuvjyqz"


def fill(count: int, rng: random.Random) -> None:
    from catalog.search import vocabulary

    words: set[str] = {"kurdistan", "saadoun", "shaker", "counterintelligence"}
    while len(words) < count:
        word = rng.choice(INITIALS) + "".join(rng.choices(SYLLABLES, k=rng.randint(1, 5)))
        words.add(word[: vocabulary.MAX_LENGTH])
    vocabulary.count(Counter({w: max(1, int(2000 / rng.paretovariate(1))) for w in words}))


def timed(function, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def main() -> None:
    from catalog.search import vocabulary

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        fill(args.words, random.Random(1986))
        print(f"engine: {connection.vendor}; words: {args.words}; p50 and p95 of {args.runs} runs")
        for typed in (["kurdstan"], ["sadoun", "shakr", "counterintelligense"]):
            found = vocabulary.suggestions(typed)
            p50, p95 = timed(lambda typed=typed: vocabulary.suggestions(typed), args.runs)
            print(f"{' '.join(typed):<40} {p50:6.1f} ms {p95:6.1f} ms  -> {found}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
