"""Recall and precision of the gate next to bare axe-core, on the same pages.

    .venv/bin/python bench/recall.py [--jobs 2]

Pages: the seeded-defect catalogue of a11y_tests/catalogue.py (one barrier kind per page, and the
same page done right) and the hand-written correct pages of a11y_tests/corpus (plain HTML, a
GOV.UK-style page). Recall is the share of catalogue kinds whose page drew a finding that names the
kind; false findings are all findings on the correct pages (the corpus and the good catalogue
pages), per page. Bare axe is axe-core as installed (node_modules/axe-core), run with its own
defaults in one page after another, each page opened from disk with axe injected. It is a benchmark,
not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from a11y_tests.catalogue import KINDS, write_catalogue  # noqa: E402
from guidekit.gate import run_gate  # noqa: E402
from guidekit.gate.axe import axe_source, axe_version  # noqa: E402
from guidekit.gate.browser import launch  # noqa: E402

CORPUS = ROOT / "a11y_tests" / "corpus"
CORRECT = ("plain", "govuk")


def write_pages(folder: Path) -> tuple[list[str], list[str]]:
    """The site to check, and which of its pages are correct."""
    write_catalogue(folder / "catalogue")
    for name in CORRECT:
        shutil.copytree(CORPUS / name, folder / name)
    pages = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))
    correct = [
        page for page in pages if page.split("/")[0] in CORRECT or page.endswith("/good.html")
    ]
    return pages, correct


async def bare_axe(site: Path, pages: list[str]) -> dict[str, list[str]]:
    """axe-core's violations on each page (one entry per element), with axe's default rules."""
    source = axe_source()
    found: dict[str, list[str]] = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        page = await browser.new_page()
        for path in pages:
            await page.goto((site / path).as_uri(), wait_until="load")
            await page.add_script_tag(content=source)
            violations = await page.evaluate(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                ".flatMap((rule) => rule.nodes.map(() => rule.id))"
            )
            found[path] = [f"axe:{rule}" for rule in violations]
        await browser.close()
    return found


def caught(found: dict[str, list[str]]) -> list[str]:
    return [
        kind.name
        for kind in KINDS
        if set(kind.rules) & set(found.get(f"catalogue/{kind.name}/bad.html", []))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="browser contexts of the gate (default 2)"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guidekit-recall-") as scratch:
        site = Path(scratch)
        pages, correct = write_pages(site)
        started = time.perf_counter()
        report = run_gate(site, jobs=arguments.jobs)
        gate_seconds = time.perf_counter() - started
        gate: dict[str, list[str]] = {}
        for finding in report.findings:
            gate.setdefault(finding.page or "", []).append(finding.rule)
        started = time.perf_counter()
        axe = asyncio.run(bare_axe(site, pages))
        axe_seconds = time.perf_counter() - started

    kinds = len(KINDS)
    rows = []
    for name, found, seconds in (
        ("guidekit gate", gate, gate_seconds),
        (f"bare axe {axe_version()}", axe, axe_seconds),
    ):
        hits = caught(found)
        false = sum(len(found.get(page, [])) for page in correct)
        rows.append((name, hits, false, seconds))
    print(
        f"{kinds} barrier kinds (catalogue), {len(correct)} correct pages ({len(correct) - kinds} "
        f"corpus + {kinds} done right), "
        f"{len(pages)} pages in all\n"
    )
    print(f"{'':18} {'recall':>14} {'false findings/correct page':>28} {'ms/page':>8}")
    for name, hits, false, seconds in rows:
        print(
            f"{name:18} {len(hits):>3}/{kinds} = {len(hits) / kinds:4.0%} "
            f"{false / len(correct):>28.2f} {seconds * 1000 / len(pages):>8.0f}"
        )
    gate_hits, axe_hits = rows[0][1], rows[1][1]
    print(f"\nrecall ratio, gate / bare axe: {len(gate_hits) / max(1, len(axe_hits)):.1f}x")
    print(
        "missed by the gate:",
        ", ".join(kind.name for kind in KINDS if kind.name not in gate_hits) or "none",
    )
    print("caught by bare axe:", ", ".join(axe_hits) or "none")
    noisy = Counter(rule for page in correct for rule in axe.get(page, []))
    if noisy:
        print(
            "bare axe on the correct pages:",
            ", ".join(f"{rule} x{count}" for rule, count in noisy.most_common()),
        )
    wrong = [f"{rule} ({page})" for page in correct for rule in gate.get(page, [])]
    if wrong:
        print("gate on the correct pages:", ", ".join(wrong))


if __name__ == "__main__":
    main()
