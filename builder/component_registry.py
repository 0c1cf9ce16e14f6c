"""The component library: discovery, parameter schemas and their validation.

Each folder in ``components/`` holds ``component.yml`` (description, typed parameters, how it is
written in Markdown, named examples), ``macro.html.j2``, ``style.css``, optional ``script.js``
and a README. The macro is named after the folder, with ``-`` as ``_``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from markupsafe import Markup

_TYPE_CHECKS = {
    "string": lambda value: isinstance(value, str),
    "html": lambda value: isinstance(value, str),  # Markup is a str; plain str is escaped by Jinja
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "list": lambda value: isinstance(value, (list, tuple)),
    "object": lambda value: isinstance(value, dict),
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Component:
    name: str
    folder: Traversable
    description: dict[str, str]
    params: dict[str, Param]
    examples: list[dict[str, Any]] = field(default_factory=list)
    container_argument: str | None = None  # the param that takes the text after `::: name`
    container_items: str | None = None  # the param that takes the items of the list inside
    markdown: bool = False

    @property
    def macro_name(self) -> str:
        return self.name.replace("-", "_")

    @property
    def template(self) -> str:
        return f"{self.name}/macro.html.j2"

    def check(self, params: dict[str, Any]) -> list[str]:
        """Plain-English problems with ``params``; empty when they fit the schema."""
        problems = [f"unknown parameter '{name}'" for name in params if name not in self.params]
        for param in self.params.values():
            if param.name not in params or params[param.name] is None:
                if param.required:
                    problems.append(f"missing required parameter '{param.name}'")
            elif not _TYPE_CHECKS[param.type](params[param.name]):
                problems.append(f"parameter '{param.name}' must be {param.type}")
        return problems


# Every component takes these, so pages can trace an element to its Markdown line and speak its language.
COMMON_PARAMS = {
    "attributes": Param("attributes", "object", False, "Extra HTML attributes for the outer element."),
    "lang": Param("lang", "string", False, "Language of the UI text: zh-Hans (default), zh-Hant or en."),
}


class ComponentParamsError(ValueError):
    pass


def components_root() -> Traversable:
    return resources.files("guidekit.components")


@cache
def registry() -> dict[str, Component]:
    found = {}
    for folder in sorted(components_root().iterdir(), key=lambda item: item.name):
        spec_file = folder.joinpath("component.yml")
        if folder.is_dir() and spec_file.is_file():
            found[folder.name] = _component(folder, yaml.safe_load(spec_file.read_text("utf-8")))
    return found


def markdown_components() -> frozenset[str]:
    return frozenset(name for name, component in registry().items() if component.markdown)


def stylesheet_parts() -> list[str]:
    return [
        component.folder.joinpath("style.css").read_text("utf-8")
        for component in registry().values()
        if component.folder.joinpath("style.css").is_file()
    ]


def scripts() -> dict[str, str]:
    return {
        name: component.folder.joinpath("script.js").read_text("utf-8")
        for name, component in registry().items()
        if component.folder.joinpath("script.js").is_file()
    }


def call_macro(template_module: Any, component: Component, params: dict[str, Any]) -> Markup:
    problems = component.check(params)
    if problems:
        raise ComponentParamsError(f"{component.name}: " + "; ".join(problems))
    return Markup(getattr(template_module, component.macro_name)(params))


def _component(folder: Traversable, spec: dict[str, Any]) -> Component:
    container = spec.get("markdown")  # absent/false: not usable in Markdown; true or a dict: usable
    return Component(
        name=folder.name,
        folder=folder,
        description=spec["description"],
        params={
            **{
                name: Param(name, info["type"], bool(info.get("required")), info.get("description", ""))
                for name, info in (spec.get("params") or {}).items()
            },
            **COMMON_PARAMS,
        },
        examples=spec.get("examples") or [],
        container_argument=container.get("argument") if isinstance(container, dict) else None,
        container_items=container.get("items") if isinstance(container, dict) else None,
        markdown=container not in (None, False),
    )
