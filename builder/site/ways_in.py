"""Ways in for readers who do not search, and the search page: per language and theme, below
``find/<lang>/``.

Every page groups the language's guides one way — by topic, by department (``owner``), by life
event, or A–Z (by pinyin for Chinese) — from the front matter. The search page holds the A–Z
list too, so without JavaScript it is the full index. A way in too heavy for the page budget is
split: a page of its groups, a page per group, numbered pages for a group still too heavy.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..source.config import SiteConfig
from ..guide.enrich import page_url
from ..guide.language_marks import marked_text
from ..messages import ui_text
from ..source.load import SourceGuide
from .page_weight import Budget
from ..pages import Page
from .search_index import Readings, chunk_folder, example_query, search_index_path
from ..site_paths import FIND_FOLDER, root_of
from ..theme import THEMES, Theme

if TYPE_CHECKING:
    import jinja2

SEARCH_SCRIPT = "assets/guidekit-search.js"


@dataclass(frozen=True)
class WayIn:
    name: str  # file name below find/<lang>/ and the key of its title and intro in the UI catalogue
    facet: Callable[[SourceGuide], Iterable[str]]


WAYS_IN = (
    WayIn("search", lambda guide: [a_z_letter(guide.meta.title, guide.lang)]),
    WayIn("topics", lambda guide: guide.meta.topics),
    WayIn("departments", lambda guide: [guide.meta.owner] if guide.meta.owner else []),
    WayIn("life-events", lambda guide: guide.meta.life_events),
)


def way_in_path(lang: str, name: str) -> str:
    return f"{FIND_FOLDER}/{lang}/{name}.html"


# every title of a large site and its groups, looked up once per way in and theme, and again on
# every rebuild in serve
_REMEMBERED_TITLES = 50_000


@lru_cache(maxsize=_REMEMBERED_TITLES)
def sort_key(text: str, lang: str) -> str:
    """How a reader looks a title up A–Z: by pinyin for Chinese, by letters for English."""
    if lang.startswith("zh"):
        from pypinyin import (
            Style,
            lazy_pinyin,
        )  # imported on first use: a third of a second, and a rebuild often sorts nothing

        return " ".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()
    return text.lower()


def a_z_letter(text: str, lang: str) -> str:
    first = sort_key(text, lang)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


@dataclass(frozen=True)
class Group:
    name: str
    anchor: str
    guides: list[tuple[str, str, str]]  # title, summary, href from the page


def group_guides(guides: Sequence[SourceGuide], way: WayIn, lang: str, root: str) -> list[Group]:
    groups: dict[str, list[SourceGuide]] = {}
    for guide in guides:
        for name in way.facet(guide):
            groups.setdefault(name, []).append(guide)
    ordered = sorted(groups, key=lambda name: (name == "#", sort_key(name, lang)))
    return [
        Group(
            name,
            f"group-{number}",
            [
                (
                    marked_text(g.meta.title, lang),
                    marked_text(g.meta.summary, lang),
                    root + page_url(g.rel),
                )
                for g in sorted(groups[name], key=lambda g: sort_key(g.meta.title, lang))
            ],
        )
        for number, name in enumerate(ordered, start=1)
    ]


@dataclass(frozen=True)
class GroupLink:
    name: str
    href: str  # the group's first page, beside the page that links to it
    count: int


def render_ways_in(
    guides: Sequence[SourceGuide],
    langs: Sequence[str],
    config: SiteConfig,
    *,
    checked: bool,
    ways: Sequence[WayIn] = WAYS_IN,
    budget: Budget | None = None,
    readings: Mapping[str, Readings] | None = None,
) -> list[Page]:
    """The search page and the topic, department and life-event pages of each of ``langs`` (or only
    ``ways``). A way in too heavy for ``budget`` becomes a page of links to its groups and a page
    per group, cut into numbered pages when one group is still too heavy. ``readings``: each
    language's pinyin an earlier build spelled, for the search hint's example."""
    from ..templates import environment  # rendering only: a build that keeps its pages skips Jinja

    env = environment()
    by_lang = {lang: [guide for guide in guides if guide.lang == lang] for lang in langs}
    linked = {lang: linked_ways(by_lang[lang], ways) for lang in langs}
    hints = {lang: search_hint(by_lang[lang], lang, (readings or {}).get(lang)) for lang in langs}
    made = [
        _way_pages(
            [_WayPage(env, config, theme, lang, linked, checked, hints[lang]) for theme in THEMES],
            way,
            by_lang[lang],
            budget,
        )
        for lang in langs
        for way in ways
    ]
    return [page for theme in range(len(THEMES)) for pages in made for page in pages[theme]]


def search_hint(guides: Sequence[SourceGuide], lang: str, readings: Readings | None) -> str:
    """What the search page says can be typed, with an example these guides answer: a fixed one
    (居住证) sent the readers of a site without that guide to nothing."""
    example = example_query(
        [guide.meta.title for guide in guides], lang, readings or Readings({}, lang=lang)
    )
    if example is None or (lang != "en" and example[1] is None):
        return ui_text(lang, "search-hint-plain")
    word, keys = example
    pinyin, initials = keys or ("", "")
    return ui_text(lang, "search-hint", word=word, pinyin=pinyin, initials=initials)


def linked_ways(guides: Sequence[SourceGuide], ways: Sequence[WayIn] = WAYS_IN) -> list[str]:
    """The names of the ways in that pages link to, of a language with ``guides``: the A–Z list,
    and the others that have a group. One without (no English guide names a life event) is still
    written, for an address kept from before, but a link to it would lead to nothing."""
    return [
        way.name
        for way in ways
        if way.name == "search" or any(any(way.facet(guide)) for guide in guides)
    ]


# a way in on one page; its split pages set what they show instead
_SINGLE_PAGE: dict[str, object] = {
    "groups": [],
    "group": None,
    "group_links": [],
    "listed": [],
    "numbers": [],
}


@dataclass(frozen=True)
class _WayPage:
    """What every page of one language's ways in, in one theme, is rendered with."""

    env: jinja2.Environment
    config: SiteConfig
    theme: Theme
    lang: str
    linked: Mapping[str, Sequence[str]]  # each language with ways in: ``linked_ways``
    checked: bool
    search_hint: str

    def render(self, path: str, way: WayIn, template: str = "way-in", **extra: object) -> Page:
        # every page of a way in stands in find/<lang>/: one way back to the root for all
        from ..guide.render import page_context  # rendering only, as ``environment``

        root = root_of(path)
        prefix = root + self.theme.prefix
        context = page_context(self.config, self.theme, path, self.lang, self.checked)
        # a part's groups are not the other language's: its language switch leads to the same way
        # in, as the top page's does, or to the A–Z list where that way in has no guides. Only
        # the same way in's top page is the page in the other language (hreflang, for search
        # engines); the reader's switch goes there from a part too.
        others = {other: names for other, names in self.linked.items() if other != self.lang}
        context["alternates"] = [
            {
                "lang": other,
                "href": prefix
                + way_in_path(other, way.name if way.name in names else "search"),
                "label": ui_text(other, "language-name"),
            }
            for other, names in others.items()
        ]
        part = extra.get("group") is not None
        context["hreflang"] = [
            alternate
            for alternate, names in zip(context["alternates"], others.values(), strict=True)
            if way.name in names and not part
        ]
        html = self.env.get_template(f"base/{template}.html.j2").render(
            **context,
            source=None,
            way=way.name,
            ways=[(name, prefix + way_in_path(self.lang, name)) for name in self.linked[self.lang]],
            way_href=posixpath.basename(way_in_path(self.lang, way.name)),
            search_index=root + search_index_path(self.lang),
            search_chunks=root + chunk_folder(self.lang),
            search_script=root + SEARCH_SCRIPT,
            search_hint=self.search_hint,
            guides_root=prefix,
            **(_SINGLE_PAGE | extra),
        )
        return Page(path, html, self.theme.name, self.lang, None)


def _way_pages(
    made: Sequence[_WayPage], way: WayIn, guides: Sequence[SourceGuide], budget: Budget | None
) -> list[list[Page]]:
    """One way in, in each theme of ``made``, cut the same way in every theme (the heaviest
    decides), so that the silver switch of each part leads to the same part: the pages of each
    theme, in the order of ``made``."""
    template = "search" if way.name == "search" else "way-in"
    path = way_in_path(made[0].lang, way.name)
    groups = [
        group_guides(guides, way, m.lang, root_of(m.theme.prefix + path) + m.theme.prefix)
        for m in made
    ]
    wholes = [
        m.render(m.theme.prefix + path, way, template, groups=theme_groups)
        for m, theme_groups in zip(made, groups, strict=True)
    ]
    if budget is None or all(budget.fits(whole) for whole in wholes):
        return [[whole] for whole in wholes]
    paths = [way_in_path(made[0].lang, f"{way.name}-{n}") for n in range(1, len(groups[0]) + 1)]
    links = [
        GroupLink(group.name, posixpath.basename(group_path), len(group.guides))
        for group, group_path in zip(groups[0], paths, strict=True)
    ]
    pages = [[m.render(m.theme.prefix + path, way, template, group_links=links)] for m in made]
    for number, group_path in enumerate(paths):

        def render(
            page_path: str, part: slice, numbers: list[tuple[int, str, bool]], number: int = number
        ) -> list[Page]:
            return [
                m.render(
                    m.theme.prefix + page_path,
                    way,
                    group=theme_groups[number].name,
                    listed=theme_groups[number].guides[part],
                    group_links=links,
                    numbers=numbers,
                )
                for m, theme_groups in zip(made, groups, strict=True)
            ]

        for theme, theme_pages in enumerate(
            zip(*numbered_pages(group_path, len(groups[0][number].guides), render, budget))
        ):
            pages[theme] += theme_pages
    return pages


Render = Callable[[str, slice, list[tuple[int, str, bool]]], Sequence[Page]]


def numbered_pages(first: str, items: int, render: Render, budget: Budget) -> list[Sequence[Page]]:
    """``items`` items on as few pages as fit ``budget``: ``first``, then ``<first>-2.html``….
    ``render(path, the slice of items on the page, [(number, href, is this page), …])`` makes one
    page in each theme; every theme's page must fit, so each theme's pages hold the same items."""
    stem = first.removesuffix(".html")
    paths = [first] + [f"{stem}-{number}.html" for number in range(2, items + 1)]
    parts = 1
    while True:
        size = -(-items // parts)
        cuts = range(0, items, size) if items else range(1)
        numbers = [
            (number, posixpath.basename(paths[number - 1])) for number in range(1, len(cuts) + 1)
        ]
        pages = [
            render(
                paths[number],
                slice(start, start + size),
                [(n, href, n == number + 1) for n, href in numbers] if len(cuts) > 1 else [],
            )
            for number, start in enumerate(cuts)
        ]
        heaviest = max(
            (page for themes in pages for page in themes), key=lambda page: budget.parts(page)
        )
        if size <= 1 or budget.fits(heaviest):
            return pages
        # gzip shrinks a longer list more: overshoot a little rather than render twice more
        parts = max(parts + 1, -(-parts * budget.parts(heaviest) * 11 // 10))
