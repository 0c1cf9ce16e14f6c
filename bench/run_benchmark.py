"""Build benchmark: guidekit against MkDocs (default theme) and the bare markdown-it-py + Jinja2
floor, on plain guides and on officialese ones, and guidekit alone at province scale.

python bench/run_benchmark.py [--sizes 200,2000] [--runs 3] [--kinds plain,officialese] [--tools
floor,guidekit,mkdocs] [--scale 20000] [--scale-runs 1] [--no-rebuilds] [--keep DIR]

Generates a seeded corpus per kind and size (bench/corpus.py), builds it with each tool several
times (each build a fresh process into an empty folder, guidekit without its build cache), then
builds a plain corpus of ``--scale`` guides with guidekit alone, times guidekit's rebuilds with the
cache (bench/incremental.py), and prints medians, ratios and the targets as PASS/FAIL lines.
guidekit runs with --no-check: the gate is measured by its own benchmark. Peak memory is the
largest resident set of one process (the build or one of its workers).
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
from corpus import KINDS, Corpus, generate

BIN = Path(sys.executable).parent


@dataclass
class Measurement:
    tool: str
    guides: int
    seconds: float  # median wall time of a full build
    cpu_seconds: float  # median processor time of a build, its worker processes included
    peak_mb: float  # largest resident set of any run
    pages: int
    page_bytes: float  # mean bytes of a guide page
    page_gzip_bytes: float
    lint_problems: int | None = None  # what guidekit reported about the corpus's text

    @property
    def ms_per_guide(self) -> float:
        return self.seconds * 1000 / self.guides

    @property
    def cpu_ms_per_guide(self) -> float:
        return self.cpu_seconds * 1000 / self.guides


def timed_run(command: list[str], stdout: Path | None = None) -> tuple[float, float, float]:
    """Wall time, processor time, and the largest resident set of the process or of any worker it
    waited for (Linux folds reaped children into ``ru_maxrss``), in MB. Processor time is what to
    compare on a machine other work slows down."""
    start = time.perf_counter()
    # files, not pipes: a pipe nobody reads until the end stops a tool that says much
    with open(stdout or os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=sink, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{command[0]} failed:\n{errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(tool: str, corpus: Corpus, runs: int, work: Path) -> Measurement:
    """Each run builds into a new folder; the outputs are removed with the whole work folder at the
    end. On a file system without a journal (ext4 as this machine's) creating a file scans past
    every file deleted in the last minutes, so removing one run's thousands of files just before
    the next would charge the tool that writes the most files for the benchmark's own clean-up."""
    times, cpu_times, peaks = [], [], []
    report = work / f"report-{tool}.txt"
    for run in range(runs):
        out = work / f"out-{tool}-{run + 1}"
        elapsed, cpu, peak = timed_run(_command(tool, corpus, out), report)
        times.append(elapsed)
        cpu_times.append(cpu)
        peaks.append(peak)
    pages = [path for path in out.rglob("*.html") if "guide-" in path.as_posix()]
    sizes = [path.stat().st_size for path in pages]
    gzipped = [len(gzip.compress(path.read_bytes(), 9)) for path in pages[:200]]
    return Measurement(
        tool,
        corpus.guides,
        statistics.median(times),
        statistics.median(cpu_times),
        max(peaks),
        len(pages),
        statistics.mean(sizes),
        statistics.mean(gzipped),
        _lint_problems(report) if tool == "guidekit" else None,
    )


def _command(tool: str, corpus: Corpus, out: Path) -> list[str]:
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
    return commands[tool]


def _lint_problems(report: Path) -> int:
    """The lint problems in guidekit's text report: one line each, ending with its rule id."""
    with report.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if "(lint:" in line)


def _row(kind: str, m: Measurement) -> str:
    problems = "" if m.lint_problems is None else f"{m.lint_problems:>9}"
    return (
        f"{kind:<12} {m.tool:<9} {m.guides:>6} {m.seconds:>9.2f} {m.ms_per_guide:>9.2f} "
        f"{m.cpu_seconds:>8.1f} "
        f"{m.pages / m.seconds:>8.0f} {m.peak_mb:>8.0f} {m.page_bytes / 1024:>8.1f} "
        f"{m.page_gzip_bytes / 1024:>8.1f} {problems}"
    )


TOOLS = ("floor", "guidekit", "mkdocs")
Check = tuple[str, bool]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--kinds", default=",".join(KINDS), help=f"corpus kinds, of {', '.join(KINDS)}"
    )
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help=f"tools to build with, of {', '.join(TOOLS)}"
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=20_000,
        help="guides of the scaling run (guidekit alone, plain corpus); 0 skips it",
    )
    parser.add_argument("--scale-runs", type=int, default=1)
    parser.add_argument(
        "--no-rebuilds", action="store_true", help="skip the rebuilds with the build cache"
    )
    parser.add_argument(
        "--keep", type=Path, help="keep corpora and outputs here instead of a temporary folder"
    )
    arguments = parser.parse_args()
    kinds, tools = arguments.kinds.split(","), arguments.tools.split(",")
    if unknown := (set(kinds) - set(KINDS)) | (set(tools) - set(TOOLS)):
        parser.error(f"unknown corpus kind or tool {', '.join(sorted(unknown))}")
    if "mkdocs" in tools and not (BIN / "mkdocs").exists():
        raise SystemExit(f"mkdocs, the peer, is not installed here: {BIN / 'pip'} install mkdocs")
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="guidekit-bench-"))
    sizes = sorted(int(part) for part in arguments.sizes.split(","))
    print(
        f"{'corpus':<12} {'tool':<9} {'guides':>6} {'median s':>9} {'ms/guide':>9} {'cpu s':>8} "
        f"{'pages/s':>8} {'peak MB':>8} {'page KB':>8} {'gzip KB':>8} {'lint':>9}"
    )
    results: dict[tuple[str, str, int], Measurement] = {}
    for kind in kinds:
        for size in sizes:
            folder = work / f"corpus-{kind}-{size}"
            corpus = generate(folder, size, kind=kind)
            for tool in (tool for tool in TOOLS if tool in tools):
                results[kind, tool, size] = measure(tool, corpus, arguments.runs, folder)
                print(_row(kind, results[kind, tool, size]), flush=True)
    scaled = None
    if arguments.scale and "guidekit" in tools:
        folder = work / f"corpus-plain-{arguments.scale}"
        corpus = generate(folder, arguments.scale, kind="plain")
        scaled = measure("guidekit", corpus, arguments.scale_runs, folder)
        print(_row("plain", scaled), flush=True)
    print()
    checks = _comparisons(results, kinds, sizes)
    if scaled is not None and ("plain", "guidekit", sizes[-1]) in results:
        checks += _scaling(results["plain", "guidekit", sizes[-1]], scaled)
    if not arguments.no_rebuilds and "guidekit" in tools:
        checks += _rebuilds(work, kinds[0], sizes, arguments.runs)
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {label}")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)


def _comparisons(
    results: dict[tuple[str, str, int], Measurement], kinds: list[str], sizes: list[int]
) -> list[Check]:
    """guidekit against mkdocs and the floor on each kind of corpus, and how its cost per guide
    grows with the corpus; ratios of processor time too, which other work on the machine
    disturbs less than wall time."""
    largest, smallest = sizes[-1], sizes[0]
    checks: list[Check] = []
    for kind in kinds:
        gk = results.get((kind, "guidekit", largest))
        if gk is None:
            continue
        checks.append(
            (f"guidekit peak memory < 500 MB at {largest} ({kind} corpus)", gk.peak_mb < 500)
        )
        if mk := results.get((kind, "mkdocs", largest)):
            print(
                f"{kind} corpus at {largest} guides: mkdocs / guidekit = "
                f"{mk.seconds / gk.seconds:.1f}x (processor time "
                f"{mk.cpu_seconds / gk.cpu_seconds:.1f}x)"
            )
            checks.append(
                (
                    f"guidekit >= 7x faster than mkdocs at {largest} ({kind} corpus)",
                    mk.seconds / gk.seconds >= 7,
                )
            )
        if floor := results.get((kind, "floor", largest)):
            print(
                f"{kind} corpus at {largest} guides: guidekit / floor = "
                f"{gk.seconds / floor.seconds:.1f}x"
            )
            if kind == "plain":  # the floor lints nothing: the bound is for prose with few findings
                checks.append(
                    (
                        f"guidekit within 3x of the floor at {largest}",
                        gk.seconds / floor.seconds <= 3,
                    )
                )
        if largest != smallest:
            growth = gk.ms_per_guide / results[kind, "guidekit", smallest].ms_per_guide
            print(f"{kind} corpus per-guide cost {largest} vs {smallest}: guidekit {growth:.2f}x")
            checks.append(
                (
                    f"guidekit per-guide cost at {largest} <= 1.3x that at {smallest} ({kind})",
                    growth <= 1.3,
                )
            )
    if ("plain", "guidekit", largest) in results and (
        "officialese",
        "guidekit",
        largest,
    ) in results:
        plain, official = (results[kind, "guidekit", largest] for kind in ("plain", "officialese"))
        print(
            f"officialese / plain guidekit time per guide at {largest}: "
            f"{official.ms_per_guide / plain.ms_per_guide:.2f}x (processor time "
            f"{official.cpu_ms_per_guide / plain.cpu_ms_per_guide:.2f}x)"
        )
    return checks


def _scaling(base: Measurement, scaled: Measurement) -> list[Check]:
    growth = scaled.ms_per_guide / base.ms_per_guide
    print(
        f"plain corpus per-guide cost {scaled.guides} vs {base.guides}: guidekit {growth:.2f}x "
        f"({scaled.ms_per_guide:.2f} against {base.ms_per_guide:.2f} ms; processor time "
        f"{scaled.cpu_ms_per_guide / base.cpu_ms_per_guide:.2f}x); peak memory at "
        f"{scaled.guides}: {scaled.peak_mb:.0f} MB (largest process)"
    )
    return [
        (
            f"guidekit per-guide cost at {scaled.guides} <= 1.3x that at {base.guides}",
            growth <= 1.3,
        ),
        (f"guidekit peak memory < 2 GB at {scaled.guides}", scaled.peak_mb < 2048),
    ]


def _rebuilds(work: Path, kind: str, sizes: list[int], runs: int) -> list[Check]:
    """guidekit's rebuilds with the build cache (bench/incremental.py), corpora of ``kind``."""
    incremental = {}
    for size in sizes:
        corpus_folder = work / f"corpus-{kind}-{size}"
        figures = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("incremental.py")),
                str(corpus_folder / "guides"),
                str(corpus_folder / "out-incremental"),
                "--runs",
                str(runs),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        incremental[size] = json.loads(figures.stdout)
        print(
            f"rebuild of {size} {kind} guides, s (in one process as serve / as a new guidekit "
            f"process): no change {incremental[size]['in_process_no_change']:.2f} / "
            f"{incremental[size]['process_no_change']:.2f}, "
            f"one guide edited {incremental[size]['in_process_one_edit']:.2f} / "
            f"{incremental[size]['process_one_edit']:.2f}"
        )
    largest = sizes[-1]
    return [
        (
            f"rebuild after editing one of {largest} guides < 0.3 s (in one process)",
            incremental[largest]["in_process_one_edit"] < 0.3,
        ),
        (
            f"rebuild without changes of {largest} guides < 1 s (in one process)",
            incremental[largest]["in_process_no_change"] < 1,
        ),
    ]


if __name__ == "__main__":
    main()
