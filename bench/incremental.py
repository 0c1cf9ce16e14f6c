"""Incremental rebuilds of one corpus, timed inside one process (as `guidekit serve` runs them) and
as
fresh `guidekit build` processes: a rebuild with no change, and a rebuild after editing one guide.

    python bench/incremental.py SOURCE OUT [--runs 3]

Prints one JSON object of medians in seconds. SOURCE is edited and put back.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from guidekit.build import build
from guidekit.session import Session

BIN = Path(sys.executable).parent


def edit_one_guide(source: Path, run: int) -> None:
    guide = sorted(source.rglob("*.md"))[run % 7]
    guide.write_text(guide.read_text("utf-8") + f"\n\n编辑第 {run} 次。\n", "utf-8")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    source, out = arguments.source, arguments.out
    originals = {path: path.read_bytes() for path in source.rglob("*.md")}
    command = [str(BIN / "guidekit"), "build", str(source), "--out", str(out), "--no-check"]

    def process_build() -> None:
        subprocess.run(command, check=True, capture_output=True)

    session = Session()  # as guidekit serve keeps one for its rebuilds

    def in_process_build(redone: int | None) -> None:
        result = build(source, out, check=False, session=session)
        assert result.published and (redone is None or result.redone == redone), result.redone

    figures: dict[str, list[float]] = {
        "process_no_change": [],
        "process_one_edit": [],
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
        for run in range(arguments.runs):
            figures["process_no_change"].append(timed(process_build))
            edit_one_guide(source, run + arguments.runs)
            figures["process_one_edit"].append(timed(process_build))
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    print(json.dumps({name: statistics.median(values) for name, values in figures.items()}))


if __name__ == "__main__":
    main()
