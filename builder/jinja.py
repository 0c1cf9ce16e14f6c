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

import hashlib
from collections.abc import Callable
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    TemplateNotFound,
    pass_environment,
)
from markupsafe import Markup

from .component_assets import (
    SCRIPT_FILE,
    assets_tags,
    script,
    stylesheet,
    stylesheet_file,
    stylesheet_files,
    write_assets,
)
from .component_registry import TEMPLATE_PREFIX, call_macro, components_root, registry
from .fees import says_free
from .messages import error_text, ui_text
from .phone import tel_address, written_parts

__all__ = [
    "SCRIPT_FILE",
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
    env.filters.update(
        added_class=_added_class, added_attributes=_added_attributes, short_digest=_short_digest
    )
    env.globals.update(
        component=render_component,
        ui_text=ui_text,
        guidekit_assets=assets_tags,
        tel_address=tel_address,
        written_parts=written_parts,
        says_free=says_free,
    )
    return env


@pass_environment
def render_component(env: Environment, name: str, params: dict[str, Any] | None = None) -> Markup:
    """``{{ component("steps", {...}) }}``: checks ``params`` against the schema, then calls the
    macro."""
    params = {} if params is None else params
    component = registry().get(name)
    if component is None:
        lang = params.get("lang") if isinstance(params, dict) else None
        raise LookupError(
            error_text("a11y-unknown-component", lang, name=name, names=", ".join(registry()))
        )
    return call_macro(env.get_template(component.template).module, component, params)


def _added_class(params: dict[str, Any]) -> str:
    """The app's own classes from ``attributes``, joined to the component's on its outer element
    (a second class attribute would be dropped by the browser)."""
    added = params.get("attributes", {}).get("class")
    return f" {added}" if added else ""


def _added_attributes(params: dict[str, Any]) -> dict[str, Any]:
    """The app's other ``attributes``, for the outer element's ``xmlattr``."""
    return {name: value for name, value in params.get("attributes", {}).items() if name != "class"}


def _short_digest(text: str) -> str:
    """Eight hex digits that tell texts apart: ids that two components on one page must not
    share, the same on every build."""
    return hashlib.blake2s(text.encode("utf-8"), digest_size=4).hexdigest()


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
