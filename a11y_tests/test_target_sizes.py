"""Every target outside running text on the sample site's pages, measured in Chromium: >= 60 x 60 CSS px
on silver pages (MIIT 适老化, WCAG 2.5.5) and >= 44 x 44 on standard ones (DESIGN.md). Links inside a
sentence are the only exemption; list links, breadcrumbs, phone numbers and A–Z letters all count."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch

PROBE = (Path(__file__).parent / "target_probe.js").read_text("utf-8")
SAMPLE = Path(__file__).parent.parent / "guides"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "site"
    assert build(SAMPLE, out, check=False).published
    return out


async def _small_targets(pages: list[Path], minimum: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await (await browser.new_context()).new_page()
            for path in pages:
                await page.goto(path.as_uri())
                if small := await page.evaluate(PROBE, minimum):
                    found[path.name] = small
        finally:
            await browser.close()
    return found


def test_no_silver_target_outside_running_text_is_under_60_px_and_no_standard_one_under_44(sample_site):
    silver = sorted((sample_site / "silver").rglob("*.html"))
    standard = sorted(path for path in sample_site.rglob("*.html") if "silver" not in path.relative_to(sample_site).parts)
    assert len(silver) == len(standard) >= 40
    assert asyncio.run(_small_targets(silver, 60)) == {}
    assert asyncio.run(_small_targets(standard, 44)) == {}
