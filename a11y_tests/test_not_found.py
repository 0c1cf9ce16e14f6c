"""The 404 page as a server shows it: at a missing address of any depth (/a/b/missing), in Chromium.
It must be styled (its stylesheet found) and its recovery links must lead to pages that exist."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from guidekit.build import build

from .static_host import ORIGIN, hosted_page

SAMPLE = Path(__file__).parent.parent / "guides"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("not-found") / "site"
    assert build(SAMPLE, out, check=False).published
    return out


async def _visit(site: Path, addresses: list[str]) -> dict:
    """Serve SITE like a static host (its 404 page for anything missing) and open each address."""
    facts = {}
    async with hosted_page(site) as page:
        for address in addresses:
            await page.goto(ORIGIN + address)
            links = await page.eval_on_selector_all("main a", "links => links.map((a) => a.href)")
            facts[address] = {
                "styled": await page.evaluate(
                    "() => getComputedStyle(document.body).fontFamily.includes('system-ui')"
                ),
                "links": {
                    link: (site / unquote(urlsplit(link).path).lstrip("/")).is_file()
                    for link in links
                },
            }
    return facts


@pytest.mark.parametrize(
    "address", ["/missing", "/a/b/missing", "/zh-Hans/x/y/missing.html", "/silver/a/b/missing"]
)
def test_the_404_page_is_styled_and_its_links_work_at_any_depth(sample_site, address):
    facts = asyncio.run(_visit(sample_site, [address]))[address]
    assert facts["styled"], "the stylesheet was not found"
    assert len(facts["links"]) == 3 and all(facts["links"].values()), facts["links"]
