"""Page weight: each page with the stylesheet and scripts it loads, gzipped, against the site's
budget.

14 KB is what fits in the first round trip of a new connection (TCP's initial window of 10 packets),
so a page within it can be read on a slow phone network without waiting for a second trip.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..findings import Finding
from ..messages import error_text
from ..pages import KeptFile, KeptPage, Page

_LOADED = re.compile(r'<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"')


@dataclass(frozen=True)
class PageWeight:
    page: Page | KeptPage
    html_gzip: int  # bytes
    total_gzip: int  # bytes: the page and everything it loads

    @property
    def kilobytes(self) -> float:
        return self.total_gzip / 1024


@lru_cache(maxsize=64)  # the stylesheet and scripts, weighed with every page that loads them
def gzip_size(text: str) -> int:
    """Level 6, as web servers compress pages by default."""
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def loaded_files(page: Page) -> tuple[str, ...]:
    """The site's files ``page`` loads (its stylesheet and scripts), below the site root."""
    folder = posixpath.dirname(page.site_path)
    return tuple(
        sorted(
            {
                posixpath.normpath(posixpath.join(folder, href))
                for href in _LOADED.findall(page.html)
            }
        )
    )


@dataclass(frozen=True)
class Budget:
    """The page budget, for the pages made from the whole site that split themselves to fit it:
    ``loads_gzip`` holds the gzipped size of each file such a page may load."""

    kilobytes: float
    loads_gzip: Mapping[str, int]

    def room(self, page: Page) -> int:
        """Bytes of gzipped HTML the page may have beside what it loads."""
        loads = sum(self.loads_gzip.get(path, 0) for path in loaded_files(page))
        return int(self.kilobytes * 1024) - loads

    def fits(self, page: Page) -> bool:
        return gzip_size(page.html) <= self.room(page)

    def parts(self, page: Page) -> int:
        """Into about how many pages ``page``'s list would have to be cut to fit."""
        return -(-gzip_size(page.html) // max(self.room(page), 1))


def weigh(
    pages: Iterable[Page | KeptPage],
    files: Mapping[str, str | KeptFile],
    html_gzip: Mapping[str, int] | None = None,
) -> list[PageWeight]:
    """Heaviest first. Only the site's own files count: pages load nothing from elsewhere.
    ``html_gzip`` holds sizes already known (from the guides' steps), by page."""
    known = html_gzip or {}

    loaded_gzip: dict[tuple[str, ...], int] = {}  # thousands of pages load the same few files

    def weight_of(loaded: tuple[str, ...]) -> int:
        if loaded not in loaded_gzip:
            kept = [files[path] for path in loaded if path in files]
            loaded_gzip[loaded] = sum(
                file.gzip if isinstance(file, KeptFile) else gzip_size(file) for file in kept
            )
        return loaded_gzip[loaded]

    weights = []
    for page in pages:
        if isinstance(page, KeptPage):
            html, loaded = page.html_gzip, page.loads
        else:
            html, loaded = known.get(page.site_path) or gzip_size(page.html), loaded_files(page)
        weights.append(PageWeight(page, html, html + weight_of(loaded)))
    return sorted(weights, key=lambda weight: (-weight.total_gzip, weight.page.site_path))


def over_budget(weights: Iterable[PageWeight], budget_kb: float) -> list[Finding]:
    """Every page must fit: a guide's page names its guide, a page made from the whole site (the
    front page, the ways in) says the build could not cut it small enough."""
    return [
        Finding(
            rule="guidekit:page-weight",
            message=error_text(
                "page-weight" if weight.page.source is not None else "page-weight-made",
                weight.page.lang,
                kilobytes=f"{weight.kilobytes:.1f}",
                budget=f"{budget_kb:g}",
            ),
            file=weight.page.source or weight.page.site_path,
            page=weight.page.site_path,
            theme=weight.page.theme,
        )
        for weight in weights
        if weight.kilobytes > budget_kb
    ]
