"""Incremental rebuilds of one corpus, timed inside one process (as `guidekit serve` runs them) and
as fresh `guidekit build` processes: a rebuild with no change, and a rebuild after editing one
guide.

    python bench/incremental.py SOURCE OUT [--runs 3]

Prints one JSON object of medians in seconds, then each figure that has a target against it as
PASS/FAIL: a new process (issue 21: < 0.5 s with no change, < 1 s after one edit at 2,000 guides)
and a rebuild after one edit in a running process (DESIGN.md: < 0.3 s), which settles between
rebuilds as serve does (``workers.settled_between_rebuilds``). A new process
is timed twice: wall clock, and the CPU time it used (user + system), which a loaded machine
inflates far less. A new process runs as an installed guidekit does, with its modules' bytecode
written (the first new processes, not timed, write it even where PYTHONDONTWRITEBYTECODE is set).
SOURCE is edited and put back.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from guidekit.build import build
from guidekit.output.session import Session
from guidekit.workers import settled_between_rebuilds

BIN = Path(sys.executable).parent


def edit_one_guide(source: Path, run: int) -> None:
    """A guide spread over the corpus, as an editor's would be: most are Chinese, whose edit also
    runs the Chinese rules of the linter and the segmenter."""
    guides = sorted(source.rglob("*.md"))
    guide = guides[run * 997 % len(guides)]
    # in the guide's own language: Chinese words in an English guide refuse the build, unmarked
    edit = (
        f"Edit number {run}."
        if guide.relative_to(source).parts[0] == "en"
        else f"编辑第 {run} 次。"
    )
    guide.write_text(guide.read_text("utf-8") + f"\n\n{edit}\n", "utf-8")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def child_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


# seconds, at 2,000 guides: issue 21's new processes, and DESIGN.md's rebuild in a running process
TARGETS = {"process_no_change": 0.5, "process_one_edit": 1.0, "in_process_one_edit": 0.3}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    source, out = arguments.source, arguments.out
    originals = {path: path.read_bytes() for path in source.rglob("*.md")}
    command = [str(BIN / "guidekit"), "build", str(source), "--out", str(out), "--no-check"]

    # as installed: compiled once, not at every start
    environment = {
        name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
    }

    def process_build(figure: str) -> None:
        before = child_cpu()
        figures[figure].append(
            timed(lambda: subprocess.run(command, check=True, capture_output=True, env=environment))
        )
        figures[f"{figure}_cpu"].append(child_cpu() - before)

    session = Session()  # as guidekit serve keeps one for its rebuilds

    def in_process_build(redone: int | None) -> None:
        result = build(source, out, check=False, session=session)
        settled_between_rebuilds()  # as serve does after each rebuild
        assert result.published and (redone is None or result.redone == redone), result.redone

    figures: dict[str, list[float]] = {
        "warm-up": [],
        "warm-up_cpu": [],
        "process_no_change": [],
        "process_no_change_cpu": [],
        "process_one_edit": [],
        "process_one_edit_cpu": [],
        "in_process_no_change": [],
        "in_process_one_edit": [],
    }
    try:
        in_process_build(None)  # the cache is filled
        edit_one_guide(source, 2 * arguments.runs)
        in_process_build(
            1
            # and the process is warm, as serve is after its first rebuild (jieba's dictionary
            # loaded)
        )
        # in-process runs first: a build by another process replaces the cache the session holds
        for run in range(arguments.runs):
            figures["in_process_no_change"].append(timed(lambda: in_process_build(0)))
            edit_one_guide(source, run)
            figures["in_process_one_edit"].append(timed(lambda: in_process_build(1)))
        # the first new processes compile the templates for the user, and the modules an edit
        # imports
        process_build("warm-up")
        edit_one_guide(source, 2 * arguments.runs + 1)
        process_build("warm-up")
        for run in range(arguments.runs):
            process_build("process_no_change")
            edit_one_guide(source, run + arguments.runs)
            process_build("process_one_edit")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    medians = {
        name: round(statistics.median(values), 3)
        for name, values in figures.items()
        if not name.startswith("warm-up")
    }
    print(json.dumps(medians))
    for name, target in TARGETS.items():
        for measure in (name, f"{name}_cpu") if name.startswith("process") else (name,):
            verdict = "PASS" if medians[measure] < target else "FAIL"
            print(f"{measure}: {medians[measure]:.2f} s (target < {target} s) {verdict}")


if __name__ == "__main__":
    main()
