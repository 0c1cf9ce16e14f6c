"""Page weight: each page with the stylesheet and scripts it loads, gzipped, against the site's budget.

14 KB is what fits in the first round trip of a new connection (TCP's initial window of 10 packets),
so a page within it can be read on a slow phone network without waiting for a second trip.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from .findings import Finding
from .messages import error_text
from .render import Page

_LOADED = re.compile(r'<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"')


@dataclass(frozen=True)
class PageWeight:
    page: Page
    html_gzip: int  # bytes
    total_gzip: int  # bytes: the page and everything it loads

    @property
    def kilobytes(self) -> float:
        return self.total_gzip / 1024


@cache
def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def weigh(pages: Iterable[Page], files: Mapping[str, str], html_gzip: Mapping[str, int] | None = None) -> list[PageWeight]:
    """Heaviest first. Only the site's own files count: pages load nothing from elsewhere.
    ``html_gzip`` holds sizes already known (from the build cache), by page."""
    known = html_gzip or {}
    weights = []
    for page in pages:
        html = known.get(page.site_path) or gzip_size(page.html)
        loaded = {
            posixpath.normpath(posixpath.join(posixpath.dirname(page.site_path), href))
            for href in _LOADED.findall(page.html)
        }
        weights.append(PageWeight(page, html, html + sum(gzip_size(files[path]) for path in sorted(loaded) if path in files)))
    return sorted(weights, key=lambda weight: (-weight.total_gzip, weight.page.site_path))


def over_budget(weights: Iterable[PageWeight], budget_kb: float) -> list[Finding]:
    """Guide pages must fit; the search page carries the site's index and grows with the site by design."""
    return [
        Finding(
            rule="guidekit:page-weight",
            message=error_text("page-weight", weight.page.lang, kilobytes=f"{weight.kilobytes:.1f}", budget=f"{budget_kb:g}"),
            file=weight.page.source or weight.page.site_path,
            page=weight.page.site_path,
            theme=weight.page.theme,
        )
        for weight in weights
        if weight.page.source is not None and weight.kilobytes > budget_kb
    ]
