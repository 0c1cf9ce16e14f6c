"""Ways in for readers who do not search, and the search page: per language and theme, below
``find/<lang>/``.

Every page groups the language's guides one way — by topic, by department (``owner``), by life
event, or A–Z (by pinyin for Chinese) — from the front matter. The search page holds the A–Z
list too, so without JavaScript it is the full index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .config import SiteConfig
from .enrich import page_url
from .load import SourceGuide
from .render import FIND_FOLDER, THEMES, Page, environment, page_context, root_of
from .search_index import chunk_folder, search_index_path

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
                (g.meta.title, g.meta.summary, root + page_url(g.rel))
                for g in sorted(groups[name], key=lambda g: sort_key(g.meta.title, lang))
            ],
        )
        for number, name in enumerate(ordered, start=1)
    ]


def render_ways_in(
    guides: Sequence[SourceGuide],
    langs: Sequence[str],
    config: SiteConfig,
    *,
    checked: bool,
    ways: Sequence[WayIn] = WAYS_IN,
) -> list[Page]:
    """The search page and the topic, department and life-event pages of each of ``langs`` (or only
    ``ways``)."""
    env = environment()
    pages = []
    for theme in THEMES:
        for lang in langs:
            in_lang = [guide for guide in guides if guide.lang == lang]
            for way in ways:
                site_path = theme.prefix + way_in_path(lang, way.name)
                root = root_of(site_path)
                html = env.get_template(
                    f"base/{'search' if way.name == 'search' else 'way-in'}.html.j2"
                ).render(
                    **page_context(config, theme, site_path, lang, checked),
                    source=None,
                    way=way.name,
                    groups=group_guides(in_lang, way, lang, root + theme.prefix),
                    ways=[
                        (other.name, root + theme.prefix + way_in_path(lang, other.name))
                        for other in ways
                    ],
                    search_index=root + search_index_path(lang),
                    search_chunks=root + chunk_folder(lang),
                    search_script=root + SEARCH_SCRIPT,
                    guides_root=root + theme.prefix,
                )
                pages.append(Page(site_path, html, theme.name, lang, None))
    return pages
