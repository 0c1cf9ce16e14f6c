"""Benchmark: one check by the pytest plugin's ``a11y`` fixture against a bare axe run, on the same
pages in the same browser.

    .venv/bin/python bench/plugin_benchmark.py [--runs 20]

"Bare axe" is what pytest-axe-style fixtures do: a new browser context with axe-core added to it,
the page loaded and axe run with the same tags. The plugin runs the whole gate (axe plus reflow,
text spacing, text size, keyboard walk, focus, targets, language, other hosts) in a fresh context,
made with its tab once the check before is closed. Both are timed as a test suite meets them: with
half a second of the test's other work between two checks (in which the plugin makes the next
context, and Chromium its next renderer for either), and with each check straight after the one
before.

The pages are the sample site's, built once without the gate. It also reports whether every run of
a page gave the same findings. A benchmark, not a test: the figures depend on the machine and what
else it is doing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from guidekit.build import build
from guidekit.gate.axe import axe_source, run_options
from guidekit.gate.runner import html_pages
from guidekit.pytest_plugin import A11y, _LazyBrowser
from guidekit.theme import theme_of_page

REPOSITORY = Path(__file__).resolve().parents[1]
PAGES = 8  # the first pages of the sample site's guides, both themes
TARGET = 1.2
# a test's other work between two checks (each tool's browser makes what it makes ahead), or none
PAUSES = {"between": 0.5, "straight": 0.0}


async def bare_axe(browser, page_file: Path, theme: str) -> list[str]:
    context = await browser.new_context()
    try:
        await context.add_init_script(axe_source())
        page = await context.new_page()
        await page.goto(page_file.as_uri(), wait_until="load")
        result = await page.evaluate("options => axe.run(document, options)", run_options(theme))
        return sorted(rule["id"] for rule in result["violations"])
    finally:
        await context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build(REPOSITORY / "guides", site, check=False)
        pages = [
            page
            for page in html_pages(site)
            if page.count("/") >= 1 and not page.startswith(("components", "silver/components"))
        ][:PAGES]
        browser = _LazyBrowser()
        checker = A11y(browser)
        plugin_ms: dict[str, list[float]] = {mode: [] for mode in PAUSES}
        axe_ms: dict[str, list[float]] = {mode: [] for mode in PAUSES}
        unstable = set()
        for mode, pause in PAUSES.items():
            for page in pages:
                theme = theme_of_page(page).name
                seen_plugin, seen_axe = set(), set()
                for _ in range(arguments.runs):
                    started = time.perf_counter()
                    found = checker.check(site / page, theme, fail=False)
                    plugin_ms[mode].append((time.perf_counter() - started) * 1000)
                    seen_plugin.add(tuple(sorted((f.rule, f.element or "") for f in found)))
                    time.sleep(pause)
                # the next check's context, made once the last one closed, is not made while bare
                # axe runs
                browser().run(browser.contexts.ready())
                time.sleep(PAUSES["between"])
                for _ in range(arguments.runs):
                    started = time.perf_counter()
                    seen_axe.add(
                        tuple(browser().run(bare_axe(browser().browser, site / page, theme)))
                    )
                    axe_ms[mode].append((time.perf_counter() - started) * 1000)
                    time.sleep(pause)
                if len(seen_plugin) > 1 or len(seen_axe) > 1:
                    unstable.add(page)
        browser.close()
        shutil.rmtree(checker.scratch, ignore_errors=True)
    print(f"{len(pages)} pages x {arguments.runs} runs, median per check:")
    verdicts = []
    for mode, pause in PAUSES.items():
        plugin, bare = statistics.median(plugin_ms[mode]), statistics.median(axe_ms[mode])
        verdicts.append(plugin <= TARGET * bare)
        print(
            f"  {pause:.1f} s between checks: a11y fixture (whole gate) {plugin:5.0f} ms, "
            f"bare axe-core {bare:5.0f} ms: {plugin / bare:5.2f}x"
        )
    print(f"  target <= {TARGET}x bare axe, both ways: {'PASS' if all(verdicts) else 'FAIL'}")
    print(f"  pages whose findings changed between runs: {len(unstable)} {sorted(unstable) or ''}")


if __name__ == "__main__":
    main()
