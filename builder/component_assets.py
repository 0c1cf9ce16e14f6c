"""The CSS and JavaScript guidekit's components need, as text or as files, and the tags that
link them: what every site's pages share, made without Jinja2 (a build that keeps its pages never
imports it). ``guidekit.jinja`` offers them to other programs."""

from __future__ import annotations

from collections.abc import Collection
from html import escape
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import rcssmin
import rjsmin
from markupsafe import Markup

from .component_registry import registry, scripts
from .theme import THEME_NAMES, theme_named

SCRIPT_FILE = "guidekit.js"


def stylesheet_files(theme: str = "standard", *, page_layout: bool = False) -> list[Traversable]:
    """The CSS the components need, in order: the theme's design tokens, shared rules, each
    component.

    ``page_layout`` adds guidekit's own page layout (body, header, footer), which an app that
    embeds components does not want; without it, silver components bring their text size and line
    spacing themselves.
    """
    themes = resources.files("guidekit.themes")
    base = [themes.joinpath(_theme(theme), "tokens.css"), themes.joinpath("base", "shared.css")]
    if page_layout:  # the theme's own, where it lays a page out otherwise
        base += [themes.joinpath("base", "base.css"), themes.joinpath(_theme(theme), "layout.css")]
    else:  # the silver theme's: its components keep their size in an app's smaller text
        base.append(themes.joinpath(_theme(theme), "embedded.css"))
    components = [component.folder.joinpath("style.css") for component in registry().values()]
    return [path for path in base + components if path.is_file()]


def stylesheet(theme: str = "standard", *, minify: bool = True, page_layout: bool = False) -> str:
    """The components' whole stylesheet for ``theme`` (standard or silver), to serve as one CSS
    file."""
    text = "\n".join(
        path.read_text("utf-8") for path in stylesheet_files(theme, page_layout=page_layout)
    )
    return rcssmin.cssmin(text) if minify else text


def script(
    *, minify: bool = True, only: Collection[str] | None = None, without: Collection[str] = ()
) -> str:
    """The components' JavaScript (enhancements only: every component works without it); ``only`` or
    ``without`` name components, for a site that loads some scripts only on the pages that need
    them."""
    text = "\n".join(
        code
        for name, code in scripts().items()
        if (only is None or name in only) and name not in without
    )
    return rjsmin.jsmin(text) if minify else text


def stylesheet_file(theme: str) -> str:
    """The name ``write_assets`` gives ``theme``'s stylesheet: ``guidekit-standard.css``."""
    return f"guidekit-{_theme(theme)}.css"


def write_assets(folder: Path | str, *, page_layout: bool = False) -> list[Path]:
    """Write every theme's stylesheet and the script into ``folder`` (made if missing); returns the
    files.

    guidekit pages use the system's fonts (no web fonts for CJK), so these files are all a page
    needs.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        stylesheet_file(theme): stylesheet(theme, page_layout=page_layout) for theme in THEME_NAMES
    }
    contents[SCRIPT_FILE] = script()
    for name, text in contents.items():
        (folder / name).write_text(text, "utf-8")
    return [folder / name for name in contents]


def assets_tags(base_url: str = "/static/guidekit", theme: str = "standard") -> Markup:
    """``<link>`` and ``<script>`` for the files ``write_assets`` wrote, served from
    ``base_url``."""
    base = escape(base_url.rstrip("/"))
    return Markup(
        f'<link rel="stylesheet" href="{base}/{stylesheet_file(theme)}">\n'
        f'<script src="{base}/{SCRIPT_FILE}" defer></script>'
    )


def _theme(theme: str) -> str:
    return theme_named(theme).name
