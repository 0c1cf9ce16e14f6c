"""Build benchmark: guidekit against MkDocs (default theme) and the bare markdown-it-py + Jinja2
floor.

    python bench/run_benchmark.py [--sizes 200,2000] [--runs 3] [--keep DIR]

Generates a seeded corpus per size, builds it with each tool several times (each build a fresh
process into an empty folder, guidekit without its build cache), then times guidekit's rebuilds with
the cache (bench/incremental.py), and prints medians, ratios and the targets as PASS/FAIL lines.
guidekit runs with --no-check: the gate is measured by its own benchmark.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Corpus, generate

BIN = Path(sys.executable).parent


@dataclass
class Measurement:
    tool: str
    guides: int
    seconds: float  # median wall time of a full build
    peak_mb: float  # largest resident set of any run
    pages: int
    page_bytes: float  # mean bytes of a guide page
    page_gzip_bytes: float

    @property
    def ms_per_guide(self) -> float:
        return self.seconds * 1000 / self.guides


def timed_run(command: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command[0]} failed:\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(tool: str, corpus: Corpus, runs: int, work: Path) -> Measurement:
    out = work / f"out-{tool}"
    commands = {
        # a clean build: without the build cache the previous run left beside the output
        "guidekit": [
            str(BIN / "guidekit"),
            "build",
            str(corpus.guidekit_source),
            "--out",
            str(out),
            "--no-check",
            "--no-cache",
        ],
        "mkdocs": [
            str(BIN / "mkdocs"),
            "build",
            "--quiet",
            "-f",
            str(corpus.mkdocs_config),
            "-d",
            str(out),
        ],
        "floor": [
            sys.executable,
            str(Path(__file__).with_name("floor.py")),
            str(corpus.guidekit_source),
            str(out),
        ],
    }
    times, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        elapsed, peak = timed_run(commands[tool])
        times.append(elapsed)
        peaks.append(peak)
    pages = [path for path in out.rglob("*.html") if "guide-" in path.as_posix()]
    sizes = [path.stat().st_size for path in pages]
    gzipped = [len(gzip.compress(path.read_bytes(), 9)) for path in pages[:200]]
    return Measurement(
        tool,
        corpus.guides,
        statistics.median(times),
        max(peaks),
        len(pages),
        statistics.mean(sizes),
        statistics.mean(gzipped),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--keep", type=Path, help="keep corpora and outputs here instead of a temporary folder"
    )
    arguments = parser.parse_args()
    if not (BIN / "mkdocs").exists():
        raise SystemExit(f"mkdocs, the peer, is not installed here: {BIN / 'pip'} install mkdocs")
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="guidekit-bench-"))
    results: dict[tuple[str, int], Measurement] = {}
    print(
        f"{'tool':<9} {'guides':>6} {'median s':>9} {'ms/guide':>9} {'pages/s':>8} {'peak MB':>8} "
        f"{'page KB':>8} {'gzip KB':>8}"
    )
    for size in (int(part) for part in arguments.sizes.split(",")):
        corpus = generate(work / f"corpus-{size}", size)
        for tool in ("floor", "guidekit", "mkdocs"):
            m = measure(tool, corpus, arguments.runs, work / f"corpus-{size}")
            results[tool, size] = m
            print(
                f"{tool:<9} {size:>6} {m.seconds:>9.2f} {m.ms_per_guide:>9.2f} "
                f"{m.pages / m.seconds:>8.0f} "
                f"{m.peak_mb:>8.0f} {m.page_bytes / 1024:>8.1f} {m.page_gzip_bytes / 1024:>8.1f}",
                flush=True,
            )
    sizes = sorted({size for _, size in results})
    print()
    incremental = {}
    for size in sizes:
        corpus = work / f"corpus-{size}"
        figures = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("incremental.py")),
                str(corpus / "guides"),
                str(corpus / "out-incremental"),
                "--runs",
                str(arguments.runs),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        incremental[size] = json.loads(figures.stdout)
        print(
            f"rebuild of {size} guides, s (in one process as serve / as a new guidekit process): "
            f"no change {incremental[size]['in_process_no_change']:.2f} / "
            f"{incremental[size]['process_no_change']:.2f}, "
            f"one guide edited {incremental[size]['in_process_one_edit']:.2f} / "
            f"{incremental[size]['process_one_edit']:.2f}"
        )
    largest, smallest = sizes[-1], sizes[0]
    gk, mk, floor = (
        results["guidekit", largest],
        results["mkdocs", largest],
        results["floor", largest],
    )
    print()
    print(
        f"at {largest} guides: mkdocs / guidekit = {mk.seconds / gk.seconds:.1f}x; guidekit / "
        f"floor = {gk.seconds / floor.seconds:.1f}x"
    )
    checks = [
        (f"guidekit >= 7x faster than mkdocs at {largest}", mk.seconds / gk.seconds >= 7),
        (f"guidekit within 3x of the floor at {largest}", gk.seconds / floor.seconds <= 3),
        (f"guidekit peak memory < 500 MB at {largest}", gk.peak_mb < 500),
        (
            f"rebuild after editing one of {largest} guides < 0.3 s (in one process)",
            incremental[largest]["in_process_one_edit"] < 0.3,
        ),
        (
            f"rebuild without changes of {largest} guides < 1 s (in one process)",
            incremental[largest]["in_process_no_change"] < 1,
        ),
    ]
    if largest != smallest:
        growth = gk.ms_per_guide / results["guidekit", smallest].ms_per_guide
        mkdocs_growth = mk.ms_per_guide / results["mkdocs", smallest].ms_per_guide
        print(
            f"per-guide cost {largest} vs {smallest}: guidekit {growth:.2f}x, mkdocs "
            f"{mkdocs_growth:.2f}x"
        )
        checks.append(
            (f"guidekit per-guide cost at {largest} <= 1.3x that at {smallest}", growth <= 1.3)
        )
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {label}")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
