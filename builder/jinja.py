"""guidekit's components in any Jinja2 environment: a Flask app, Django's Jinja2 backend, a script.

    env = guidekit.jinja.install(jinja2.Environment())
    env.from_string('{{ component("warning", {"content": "…"}) }}').render()

``install`` adds the component templates (as ``guidekit/<name>/macro.html.j2``), always escapes
them whatever the app's own autoescape setting, and adds the globals ``component`` (renders
one component after checking its params) and ``ui_text`` (the components' reader-facing words).
``stylesheet(theme)`` and ``script()`` give the CSS and JavaScript the components need;
``write_assets(folder)`` writes them as files (``guidekit assets DIR`` does the same) and the
global ``guidekit_assets(base_url, theme)`` links them from a page's ``<head>``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from html import escape
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    TemplateNotFound,
    pass_environment,
)
from markupsafe import Markup

from .component_registry import TEMPLATE_PREFIX, call_macro, components_root, registry, scripts
from .messages import ui_text
from .theme import THEME_NAMES, theme_named

SCRIPT_FILE = "guidekit.js"


class _ComponentLoader(FileSystemLoader):
    """Component templates under their full name, which is what autoescape decisions see."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if not template.startswith(_PREFIX):
            raise TemplateNotFound(template)
        return super().get_source(environment, template[len(_PREFIX) :])

    def list_templates(self) -> list[str]:
        return [_PREFIX + name for name in super().list_templates()]


_PREFIX = f"{TEMPLATE_PREFIX}/"


def component_loader() -> BaseLoader:
    """Loads ``guidekit/<name>/macro.html.j2`` for every component. ``install`` is usually what you
    want."""
    return _ComponentLoader(str(components_root()))


def install(env: Environment) -> Environment:
    """Make ``env`` render guidekit components; returns ``env``. Calling it twice changes
    nothing."""
    if env.globals.get("component") is render_component:
        return env
    env.loader = (
        component_loader() if env.loader is None else ChoiceLoader([env.loader, component_loader()])
    )
    env.autoescape = _escaping_components(env.autoescape)
    env.globals.update(component=render_component, ui_text=ui_text, guidekit_assets=assets_tags)
    return env


@pass_environment
def render_component(env: Environment, name: str, params: dict[str, Any]) -> Markup:
    """``{{ component("steps", {...}) }}``: checks ``params`` against the schema, then calls the
    macro."""
    component = registry().get(name)
    if component is None:
        raise LookupError(f"guidekit has no component '{name}'; it has: {', '.join(registry())}")
    return call_macro(env.get_template(component.template).module, component, params)


def _escaping_components(
    previous: bool | Callable[[str | None], bool],
) -> Callable[[str | None], bool]:
    """Component templates end in .j2, which apps' extension-based autoescape rules do not
    escape."""

    def decide(template_name: str | None) -> bool:
        if template_name and template_name.startswith(_PREFIX):
            return True
        return previous(template_name) if callable(previous) else bool(previous)

    return decide


def stylesheet_files(theme: str = "standard", *, page_layout: bool = False) -> list[Traversable]:
    """The CSS the components need, in order: the theme's design tokens, shared rules, each
    component.

    ``page_layout`` adds guidekit's own page layout (body, header, footer), which an app that
    embeds components does not want.
    """
    themes = resources.files("guidekit.themes")
    base = [themes.joinpath(_theme(theme), "tokens.css"), themes.joinpath("base", "shared.css")]
    if page_layout:
        base.append(themes.joinpath("base", "base.css"))
    components = [component.folder.joinpath("style.css") for component in registry().values()]
    return base + [path for path in components if path.is_file()]


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


__all__ = [
    "assets_tags",
    "component_loader",
    "install",
    "render_component",
    "script",
    "stylesheet",
    "stylesheet_file",
    "stylesheet_files",
    "write_assets",
]
