"""The gate judges the page it was given: a page that navigates away, closes itself, opens a window
or rewrites its address during a check is a blocking finding, never a pass (``session.py`` holds the
tab on the page and notes what it tried; ``js/staying.js`` notes what the page's scripts tried).

One navigation is no departure: a ``<meta http-equiv="refresh">`` with no delay to the address it
names is how a static site says "this page moved" (guidekit's own redirect pages do), which WCAG
accepts (F40/F41 concern delays); the gate held it back, so the redirect page itself was judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext, finding_at
from .session import same_document

RULE = "guidekit:page-left"
_REFRESH = re.compile(
    r"\s*(\d+)(?:\.\d*)?\s*(?:[;,]\s*(?:url\s*=\s*)?(['\"]?)(.*?)\2\s*)?$", re.IGNORECASE
)


async def page_notes(page: Page) -> dict[str, Any]:
    """What ``staying.js`` noted in the page, and its refresh instruction."""
    notes = await page.evaluate(
        "() => window.__guidekitStay ? {notes: window.__guidekitStay.notes, refresh: "
        "window.__guidekitStay.refresh()} : null"
    )
    return notes or {"notes": [], "refresh": None}


def immediate_redirect(refresh: str | None, address: str) -> str | None:
    """The address a refresh with no delay sends the reader to, or None."""
    match = _REFRESH.match(refresh or "")
    if match is None or int(match.group(1)) != 0 or not match.group(3):
        return None
    return urljoin(address, match.group(3).strip())


def departure_findings(
    context: PageContext, departures: Iterable[tuple[str, str]], refresh: str | None, address: str
) -> list[Finding]:
    """One finding for each way the page tried to leave, naming the first address it tried: a page
    that moves on a timer tries again and again."""
    redirect = immediate_redirect(refresh, address)
    first_tried: dict[str, str] = {}
    for key, url in departures:
        if not (key == "page-navigated" and redirect is not None and same_document(url, redirect)):
            first_tried.setdefault(key, url)
    return [
        finding_at(context, RULE, None, {}, key, url=url or address)
        for key, url in first_tried.items()
    ]
