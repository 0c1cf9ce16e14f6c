"""Benchmark: the gate locally and on a Selenium Grid 4 of one and of two nodes on this machine, in
pages per second; the cost of a Grid session; and a model of the wall time for many page-themes on
many nodes.

.venv/bin/python bench/grid_benchmark.py # 24 pages of the built sample site (site/)
.venv/bin/python bench/grid_benchmark.py --pages 84 --model-pages 60000 --model-nodes 8

The Grid is started here from the jar in node_modules (tests/selenium_grid.py), on 127.0.0.1 only,
and stopped at the end. Every run checks the same pages with no cache. A benchmark, not a test: on
one machine the nodes' browsers compete with the local one for the same cores, so the one-machine
figures understate what separate machines give; the model uses the per-session figures.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from guidekit.gate import run_gate  # noqa: E402
from guidekit.gate.grid import _GridRun  # noqa: E402
from tests.selenium_grid import Grid  # noqa: E402


def cpu_seconds() -> float:
    """CPU of this process and of its children that ended (Playwright's driver; locally also
    Chromium)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def sample(site: Path, count: int, folder: Path) -> Path:
    """The first ``count`` pages of ``site`` (sorted), with every other file, in ``folder``."""
    shutil.copytree(site, folder, dirs_exist_ok=True)
    pages = sorted(folder.rglob("*.html"))
    for extra in pages[count:]:
        extra.unlink()
    return folder


def timed(label: str, site: Path, jobs: int, grid: str | None = None) -> dict:
    cpu, start = cpu_seconds(), time.perf_counter()
    report = run_gate(site, jobs=jobs, grid=grid)
    wall, used = time.perf_counter() - start, cpu_seconds() - cpu
    pages = len(report.pages)
    row = {
        "label": label,
        "pages": pages,
        "wall": wall,
        "pps": pages / wall,
        "ms_page": 1000 * wall / pages,
        "cpu_ms_page": 1000 * used / pages,
        "nodes": report.grid_nodes,
        "passed": report.passed,
    }
    print(
        f"{label:<28} {pages:>4} pages  {wall:7.1f} s  {row['pps']:5.2f} pages/s  "
        f"{row['ms_page']:6.0f} ms/page"
        f"  (here: {row['cpu_ms_page']:.0f} ms CPU/page)  {report.grid_nodes or ''}",
        flush=True,
    )
    return row


async def session_cost(url: str, site: Path, times: int) -> float:
    """Seconds to get one Grid session ready for pages (WebDriver session, CDP connection, gate
    scripts) and end it."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    from playwright.async_api import async_playwright

    with ThreadPoolExecutor(max_workers=2) as executor:
        run = _GridRun(url, site, lambda page: None, deque(), executor)
        async with async_playwright() as playwright:
            start = time.perf_counter()
            for _ in range(times):
                session = await run.open_session(playwright)
                assert session is not None, run.last_error
                await run.close(session)
            return (time.perf_counter() - start) / times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=REPO / "site",
        help="a built site (bash bootstrap.sh build makes site/)",
    )
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--model-pages", type=int, default=60_000)
    parser.add_argument("--model-nodes", type=int, default=8)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guidekit-grid-bench-") as scratch:
        site = sample(arguments.site, arguments.pages, Path(scratch) / "site")
        rows = [
            timed("local Chromium, --jobs 1", site, 1),
            timed("local Chromium, --jobs 2", site, 2),
        ]
        grid = Grid(Path(scratch) / "grid").start(nodes=1)
        try:
            overhead = asyncio.run(session_cost(grid.url, site, 3))
            print(f"one Grid session, opened and closed: {overhead:.2f} s", flush=True)
            rows.append(timed("Grid, 1 node, --jobs 1", site, 1, grid.url))
            grid.add_node()
            grid.wait(2, 90)
            rows.append(timed("Grid, 2 nodes, --jobs 2", site, 2, grid.url))
        finally:
            grid.stop()
    local_one, _, one, two = rows
    per_session = (
        one["wall"] / one["pages"]
    )  # one session checking page after page (its setup included)
    print(
        f"Grid overhead per page, one session against one local context: "
        f"{1000 * (per_session - local_one['wall'] / local_one['pages']):.0f} ms"
        f" (of which session setup, spread over the run: {1000 * overhead / one['pages']:.0f} ms)"
    )
    model = arguments.model_pages * per_session / arguments.model_nodes + overhead
    coordinator = arguments.model_pages * two["cpu_ms_page"] / 1000
    print(
        f"model: {arguments.model_pages} page-themes on {arguments.model_nodes} nodes of one "
        f"session each:"
        f" {arguments.model_pages} x {per_session:.2f} s / {arguments.model_nodes} + "
        f"{overhead:.1f} s = {model / 60:.0f} min;"
        f" the machine running guidekit spends {coordinator / 60:.0f} CPU-min serving and judging "
        f"them"
    )


if __name__ == "__main__":
    main()
