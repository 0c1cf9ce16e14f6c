"""Every target outside running text on the sample site's pages, measured in Chromium: >= 60 x 60
CSS px on silver pages (MIIT 适老化, WCAG 2.5.5) and >= 44 x 44 on standard ones (the theme's
promise). Links inside a sentence are the only exemption; list links, breadcrumbs, phone numbers and
A–Z letters all count."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from guidekit.build import build

from .static_host import ORIGIN, hosted_page

PROBE = (Path(__file__).parent / "target_probe.js").read_text("utf-8")
SAMPLE = Path(__file__).parent.parent / "guides"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "site"
    assert build(SAMPLE, out, check=False).published
    return out


async def _small_targets(site: Path, pages: list[Path], minimum: int) -> dict[str, list[str]]:
    """Pages served from the site's root, as a host serves them (the 404 page's addresses start
    from /)."""
    found: dict[str, list[str]] = {}
    async with hosted_page(site) as page:
        for path in pages:
            await page.goto(f"{ORIGIN}/{path.relative_to(site).as_posix()}")
            if small := await page.evaluate(PROBE, minimum):
                found[path.name] = small
    return found


def test_no_silver_target_outside_running_text_is_under_60_px_and_no_standard_one_under_44(
    sample_site,
):
    silver = sorted((sample_site / "silver").rglob("*.html"))
    standard = sorted(
        path
        for path in sample_site.rglob("*.html")
        if "silver" not in path.relative_to(sample_site).parts
    )
    assert len(silver) == len(standard) >= 40
    assert asyncio.run(_small_targets(sample_site, silver, 60)) == {}
    assert asyncio.run(_small_targets(sample_site, standard, 44)) == {}
