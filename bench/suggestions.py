"""Benchmark of suggested mentions: the synthetic catalog's texts scanned against its names.

    .venv/bin/python bench/suggestions.py                      # 5,000 documents, 10,000 persons
    .venv/bin/python bench/suggestions.py --documents 2000     # a smaller catalog of texts

The catalog comes from ``generate_catalog`` (10,000 persons and 2,000 agencies whatever the
number of documents) in ``var/bench/suggestions_N.sqlite3``, built once and reused. Every
figure is printed next to a baseline measured in the same run, and as a ratio to it:

- **vocabulary**: building the automaton from the catalog (queries and all);
- **scan**: every text of the catalog matched against the whole vocabulary (folding, the
  automaton, whole words, longest match), against the baseline of reading each text once
  with ``str.lower`` and one ``str.find`` loop for a single word;
- **vocabulary size**: the same texts against a vocabulary of 1,000 persons and 200
  agencies, against the whole (10,000 and 2,000: more names found, so more matches to
  handle), and against the whole plus 100,000 names that stand in no text (the same
  matches): the last ratio should be about 1;
- **text length**: one text of 200 KB and one of 2 MB made of the catalog's texts: the
  ratio should be about 10, the ratio of the lengths;
- **writing**: ``suggest_mentions`` over the whole catalog (rolled back afterwards);
- **import**: importing ten Wilson Center files in one run into this catalog, with and
  without the scan (rolled back afterwards).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(documents: int) -> None:
    path = ROOT / "var" / "bench" / f"suggestions_{documents}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("LIAISON_VAR_DIR", str(ROOT / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    fresh = not path.exists() or path.stat().st_size == 0
    call_command("migrate", verbosity=0)
    if fresh:
        from catalog.interchange.synthetic import Sizes, SyntheticCatalog

        started = time.perf_counter()
        sizes = Sizes(
            documents=documents,
            persons=10_000,
            agencies=2_000,
            events=max(documents // 2, 2),
            mentions=documents * 5,
        )
        SyntheticCatalog(sizes).run()
        print(f"generated the catalog in {time.perf_counter() - started:.1f} s")


def best_of(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def baseline(texts: list[str]) -> None:
    for text in texts:
        lowered = text.lower()
        position = lowered.find("comrade")
        while position != -1:
            position = lowered.find("comrade", position + 1)


def scan_all(vocabulary, texts: list[str]) -> int:
    return sum(len(vocabulary.find(text)) for text in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="best of N for each timing")
    options = parser.parse_args()
    setup(options.documents)

    from django.db import transaction

    from catalog.models import Agency, Person, Translation
    from catalog.suggestions.run import SuggestionRun
    from catalog.suggestions.vocabulary import AGENCY, PERSON, Vocabulary

    texts = list(Translation.objects.order_by("pk").values_list("text", flat=True))
    characters = sum(map(len, texts))
    print(
        f"catalog: {len(texts):,} texts ({characters / 1e6:.1f} M characters), "
        f"{Person.objects.count():,} persons, {Agency.objects.count():,} agencies"
    )

    built = best_of(1, Vocabulary.from_catalog)
    vocabulary = Vocabulary.from_catalog()
    automaton = best_of(1, lambda: Vocabulary.from_catalog().automaton)
    print(
        f"vocabulary: {len(vocabulary):,} names; read {built:.2f} s, "
        f"with the automaton {automaton:.2f} s"
    )

    base = best_of(options.runs, lambda: baseline(texts))
    assert vocabulary.automaton is not None  # built once, outside the timing
    scan = best_of(options.runs, lambda: scan_all(vocabulary, texts))
    matches = scan_all(vocabulary, texts)
    print(
        f"scan of every text: {scan:.3f} s ({characters / scan / 1e6:.1f} M chars/s, "
        f"{len(texts) / scan:,.0f} texts/s, {matches:,} matches); baseline (lower + find) "
        f"{base:.3f} s; scan / baseline = {scan / base:.1f}"
    )

    small = Vocabulary().add_all(
        [(n, PERSON, pk) for pk, n in Person.objects.values_list("pk", "preferred_name")[:1000]]
        + [(n, AGENCY, pk) for pk, n in Agency.objects.values_list("pk", "name")[:200]]
    )
    assert small.automaton is not None
    small_scan = best_of(options.runs, lambda: scan_all(small, texts))
    small_matches = scan_all(small, texts)
    padded = Vocabulary().add_from_catalog()
    padded.add_all((f"Absent{n:06} Name{n:06}", PERSON, -n) for n in range(1, 100_001))
    assert padded.automaton is not None
    padded_scan = best_of(options.runs, lambda: scan_all(padded, texts))
    print(
        f"vocabulary size: {len(small):,} names {small_scan:.3f} s ({small_matches:,} matches), "
        f"{len(vocabulary):,} names {scan:.3f} s ({matches:,} matches): whole / small = "
        f"{scan / small_scan:.2f}; the whole plus 100,000 names found nowhere "
        f"({len(padded):,} names) {padded_scan:.3f} s: padded / whole = {padded_scan / scan:.2f}"
    )

    joined = "\n\n".join(texts)
    while len(joined) < 2_000_000:
        joined += "\n\n" + joined
    short, long = joined[:200_000], joined[:2_000_000]
    short_time = best_of(options.runs, lambda: vocabulary.find(short))
    long_time = best_of(options.runs, lambda: vocabulary.find(long))
    print(
        f"text length: 200 KB {short_time:.3f} s, 2 MB {long_time:.3f} s; "
        f"2 MB / 200 KB = {long_time / short_time:.1f} (length ratio 10)"
    )

    with transaction.atomic():
        started = time.perf_counter()
        result = SuggestionRun(progress=False).run()
        writing = time.perf_counter() - started
        transaction.set_rollback(True)
    print(
        f"suggest_mentions over the catalog: {writing:.1f} s for {result.texts:,} texts "
        f"({result.texts / writing:,.0f} texts/s), {result.created:,} suggestions; "
        f"/ scan alone = {writing / scan:.1f}"
    )
    import_cost(options.runs)


def import_cost(runs: int, files: int = 10) -> None:
    """Ten Wilson Center files imported in one run into the catalog, with and without the
    scan (rolled back each time)."""
    import tempfile

    from django.db import transaction

    from catalog.importers.wcda import WCDAImporter

    source = (ROOT / "tests" / "suggestions" / "data" / "mielke_shaker_1985.txt").read_text()
    folder = Path(tempfile.mkdtemp(prefix="liaison-bench-"))
    for number in range(files):
        text = source.replace("900777", f"8{number:05}").replace("Visit of", f"Visit {number} of")
        (folder / f"file_{number}.txt").write_text(text, encoding="utf-8")

    def once() -> None:
        with transaction.atomic():
            report = WCDAImporter().run([folder])
            assert report.ok, report.lines()
            transaction.set_rollback(True)

    kept = WCDAImporter._suggest
    WCDAImporter._suggest = lambda self, record, translation, outcome: None
    try:
        without = best_of(runs, once)
    finally:
        WCDAImporter._suggest = kept
    with_scan = best_of(runs, once)
    print(
        f"import of {files} files in one run: {with_scan / files * 1000:.0f} ms a file with the "
        f"scan, {without / files * 1000:.0f} ms without; with / without = "
        f"{with_scan / without:.2f}"
    )


if __name__ == "__main__":
    main()
