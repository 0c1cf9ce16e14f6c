"""Benchmark: the gate's recall on the seeded-defect catalogue (a11y_tests/seeded_defects/).

    .venv/bin/python bench/seeded_recall.py [--jobs 2]

Builds the sample site, seeds each kind of accessibility failure into a copy of a real built page,
runs the gate's page checks on every seeded page and on the unchanged base pages, and prints, per
kind, whether the gate caught it (and with which rule) or why not, then the recall. A benchmark,
not a test: a11y_tests/test_seeded_defects.py holds the gate to it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from a11y_tests.seeded_defects.catalogue import check_seeded, recall_table, seed_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        site, defects = seed_site(Path(folder) / "site")
        outcomes, clean = check_seeded(site, defects, args.jobs)
        print(recall_table(outcomes))
        caught_on_clean = sorted({rule for rules in clean.values() for rule in rules})
        print(f"rules on the unchanged base pages: {', '.join(caught_on_clean) or 'none'}")
        print(
            f"{len(defects)} kinds, {len(defects) + len(clean)} pages checked in "
            f"{time.perf_counter() - started:.0f} s"
        )


if __name__ == "__main__":
    main()
