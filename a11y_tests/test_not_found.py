"""The 404 page as a server shows it: at a missing address of any depth (/a/b/missing), in Chromium.
It must be styled (its stylesheet found) and its recovery links must lead to pages that exist."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from guidekit.build import build

from .static_host import ORIGIN, PORTAL_HEADERS, hosted_page

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
            own = await page.eval_on_selector_all("main > ul a", "links => links.length")
            facts[address] = {
                "own": own,
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
    # three in the site's language, two (search, topics) for each other language with guides
    assert facts["own"] == 3 and len(facts["links"]) == 3 + 2 * 2, facts["links"]
    assert all(facts["links"].values()), facts["links"]


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory):
    """The sample guides as a portal publishes them below /banshi/, with base_url saying so."""
    source = tmp_path_factory.mktemp("portal") / "guides"
    shutil.copytree(SAMPLE, source)
    config = source / "guidekit.toml"
    config.write_text(
        f'base_url = "{ORIGIN}/banshi/"\n'
        + config.read_text("utf-8").replace("gallery = true", ""),
        "utf-8",
    )
    out = source.parent / "site"
    assert build(source, out, check=False).published
    return out


def test_the_404_page_below_a_portal_path_speaks_every_language_of_the_site(portal_site):
    """Deployed below /banshi/ behind nginx with the portal's headers, a reader who mistyped an
    English guide's address got a page only in Chinese (the site's language): nothing told them,
    in English, that the page is missing or where to search. Each language with guides now has its
    own part of the 404 page, marked with its lang, linking to its own search and topics."""

    async def visit() -> dict:
        async with hosted_page(portal_site, under="/banshi/", headers=PORTAL_HEADERS) as page:
            address = ORIGIN + "/banshi/en/personal-credit-reprot.html"
            problems: list[str] = []
            # every console message but Chromium's note that the page itself came with a 404
            page.on(
                "console",
                lambda message: (
                    message.location.get("url") != address and problems.append(message.text)
                ),
            )
            page.on("pageerror", lambda error: problems.append(str(error)))
            response = await page.goto(address)
            parts = await page.eval_on_selector_all(
                "main [lang]",
                """parts => parts.map((part) => ({
                    lang: part.lang,
                    heading: part.querySelector('h2')?.textContent,
                    links: [...part.querySelectorAll('a')].map((a) => a.href),
                }))""",
            )
            styled = await page.evaluate(
                "() => getComputedStyle(document.body).fontFamily.includes('system-ui')"
            )
            return {
                "status": response.status,
                "problems": problems,
                "parts": parts,
                "styled": styled,
            }

    facts = asyncio.run(visit())
    assert facts["status"] == 404 and facts["styled"] and facts["problems"] == []
    parts = {part["lang"]: part for part in facts["parts"]}
    assert parts["en"]["heading"] == "Page not found"
    assert parts["zh-Hant"]["heading"] == "沒有找到這一頁"
    assert "zh-Hans" not in parts  # the page's own language is the page's
    for lang, part in parts.items():
        assert part["links"] == [
            f"{ORIGIN}/banshi/find/{lang}/search.html",
            f"{ORIGIN}/banshi/find/{lang}/topics.html",
        ]
        for link in part["links"]:
            assert (portal_site / link.removeprefix(f"{ORIGIN}/banshi/")).is_file()
