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


# What a government portal's web server sends with every file (its own policy on top of the pages'
# <meta> one, which guidekit writes): nothing inline, nothing from another host, no type sniffing
PORTAL_HEADERS = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Content-Type-Options": "nosniff",
}


@asynccontextmanager
async def hosted_page(
    site: Path, *, under: str = "/", headers: dict[str, str] | None = None
) -> AsyncIterator[Page]:
    """One tab on SITE under ORIGIN, at the path UNDER (``/banshi/``: a portal's sub-path); a
    missing address gets the site's 404 page (the silver one below UNDER/silver/). HEADERS go with
    every answer, as a web server's configuration adds them."""

    async def serve(route: Route) -> None:
        address = urlsplit(route.request.url).path
        if not address.startswith(under):
            await route.fulfill(status=404, body="not this site", headers=headers)
            return
        address = "/" + address.removeprefix(under)
        path = site / unquote(address).lstrip("/")
        if path.is_file():
            await route.fulfill(status=200, path=path, headers=headers)
        else:
            await route.fulfill(
                status=404,
                path=site / ("silver/404.html" if address.startswith("/silver/") else "404.html"),
                headers=headers,
            )

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await browser.new_context()
            await context.route(f"{ORIGIN}/**", serve)
            yield await context.new_page()
        finally:
            await browser.close()
