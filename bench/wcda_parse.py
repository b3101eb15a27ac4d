"""Benchmark of the WCDA text parser: does its time grow in proportion to the file?

    .venv/bin/python bench/wcda_parse.py            # 1 MB baseline, files up to 10 MB
    .venv/bin/python bench/wcda_parse.py --mb 20    # up to 20 MB

Each shape of file is parsed at 1 MB (the baseline, measured in the same run) and at the
largest size; the script prints the seconds and the ratio of time to the baseline beside the
ratio of sizes. A parser that is linear in its input gives a time ratio close to the size
ratio; a quadratic part shows as a time ratio close to its square. The shapes stretch the
parts a real export can make long: the body, the summary, the citation, blank lines and
whitespace, and a body without a "Contents:" section.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalog.importers.wcda_format import WCDAFormatError, parse_wcda  # noqa: E402

SEED = (ROOT / "seeds" / "000_5f9541ecb8b953ae.txt").read_text(encoding="utf-8")
HEAD, _, BODY = SEED.partition("Translation - English\n")
CITATION_START = SEED.index('"Relations')


def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


SHAPES = {
    "long body": lambda n: HEAD + "Translation - English\n" + _repeat(BODY, n),
    "long summary": lambda n: SEED.replace(
        "Summary:\n\n", "Summary:\n\n" + _repeat("A sentence of summary.\n\n", n), 1
    ),
    "citation with a run of spaces": lambda n: (
        SEED[:CITATION_START] + '"T", 1986, ' + " " * n + SEED[CITATION_START:]
    ),
    "long citation": lambda n: SEED[:CITATION_START] + _repeat("Word ", n) + SEED[CITATION_START:],
    "blank lines": lambda n: SEED + "\n" * n + "Last line.",
    "no contents section": lambda n: (
        SEED.replace("Contents:\n\nTranslation - English\n", "")
        + _repeat("Mielke:\n\nA speech.\n\n", n)
    ),
}


def seconds(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(WCDAFormatError):  # a refused file is timed too
        parse_wcda(text, "bench.txt")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=10, help="largest size in MB (default 10)")
    args = parser.parse_args()
    size_ratio = args.mb
    print(f"{'shape':32} {'1 MB s':>8} {f'{args.mb} MB s':>8} {'time ratio':>10} (size ratio)")
    for name, make in SHAPES.items():
        base = seconds(make(1_000_000))
        big = seconds(make(args.mb * 1_000_000))
        ratio = big / base if base else float("inf")
        print(f"{name:32} {base:8.2f} {big:8.2f} {ratio:10.1f} ({size_ratio})")


if __name__ == "__main__":
    main()
