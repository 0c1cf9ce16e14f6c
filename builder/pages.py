"""The pages and files a build makes, as every phase after render passes them on: made now
(``Page``), or already in the published site byte for byte (``KeptPage``, ``KeptFile``), and the
pages and files made together from the whole site (``PageGroup``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding


@dataclass(frozen=True)
class Page:
    site_path: str  # below the site root, e.g. "silver/zh-Hans/pension.html"
    html: str
    theme: str
    lang: str
    source: str | None  # the guide's path relative to SOURCE, None for generated pages


@dataclass(frozen=True)
class KeptPage:
    """A page the published site already holds byte for byte (the build cache knows it): staging
    hard-links it from there instead of making it again."""

    site_path: str
    theme: str
    lang: str
    source: str | None
    html_gzip: int  # bytes
    # the site's files the page loads (stylesheet, scripts), below the site root
    loads: tuple[str, ...]


@dataclass(frozen=True)
class KeptFile:
    """A file (a search index) the published site already holds byte for byte."""

    gzip: int  # bytes


@dataclass
class PageGroup:
    """Pages and files made from the whole site — the pages around the guides, a language's search
    index, the gallery — with the problems found making them."""

    pages: list[Page | KeptPage] = field(default_factory=list)
    # path below the site root -> text
    files: dict[str, str | KeptFile] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
