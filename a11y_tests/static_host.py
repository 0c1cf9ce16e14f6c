"""A built site served to Chromium from its root, as a static host serves it: the sample-site tests
that open pages at their real addresses (root-relative links, the 404 page at any depth) share this
tab."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.async_api import Page, Route, async_playwright

from guidekit.gate.browser import launch

ORIGIN = "http://guidekit.test"


@asynccontextmanager
async def hosted_page(site: Path) -> AsyncIterator[Page]:
    """One tab on SITE under ORIGIN; a missing address gets the site's 404 page (the silver one
    below /silver/)."""

    async def serve(route: Route) -> None:
        address = urlsplit(route.request.url).path
        path = site / unquote(address).lstrip("/")
        if path.is_file():
            await route.fulfill(status=200, path=path)
        else:
            await route.fulfill(
                status=404,
                path=site / ("silver/404.html" if address.startswith("/silver/") else "404.html"),
            )

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await browser.new_context()
            await context.route(f"{ORIGIN}/**", serve)
            yield await context.new_page()
        finally:
            await browser.close()
