"""The component library: discovery, parameter schemas and their validation.

Each folder in ``components/`` holds ``component.yml`` (description, typed parameters, how it is
written in Markdown, named examples), ``macro.html.j2``, ``style.css``, optional ``script.js``
and a README. The macro is named after the folder, with ``-`` as ``_``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import ErrorDetails

from .findings import Finding, Problems
from .messages import (
    LANGUAGES,
    best_language,
    catalogue,
    error_text,
    language_of,
    list_text,
    sentences_text,
)
from .package_files import is_shipped, package_cache
from .source.content_model import Lang
from .source.user_files import read_yaml, validated, value_expected, yaml_syntax_problem
from .source.yaml_loader import SAFE_LOADER

# Component templates are loaded as "guidekit/<name>/macro.html.j2", so they cannot clash with an
# app's own.
TEMPLATE_PREFIX = "guidekit"

# The Python types of each param type. An integer is never a bool, though bool is a kind of int.
_Classes = tuple[type, ...]
_TYPE_CLASSES: dict[str, _Classes] = {
    "string": (str,),
    "html": (str,),  # Markup is a str; plain str is escaped by Jinja
    "integer": (int,),
    "boolean": (bool,),
    "list": (list, tuple),
    "object": (dict,),
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # one of _TYPE_CLASSES, or alternatives joined by "|", such as "string|list"
    required: bool
    description: str
    choices: tuple[str | int, ...] = ()  # when not empty, the only values allowed
    each: Param | None = None  # what each item of a list must be
    fields: tuple[Param, ...] = ()  # the fields an object (or each object item) may have
    # fields not named are let through: a guide's front matter hands on keys it does not know (the
    # linter warns of them), which the macro ignores
    more_fields: bool = False

    @cached_property
    def types(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.type.split("|"))

    @cached_property
    def _classes(self) -> _Classes:
        return tuple(kind for name in self.types for kind in _TYPE_CLASSES[name])

    def accepts(self, value: Any) -> bool:
        # checked for every new component call: one isinstance, not one test per type
        if isinstance(value, bool):
            return "boolean" in self.types
        return isinstance(value, self._classes)

    def problems(self, value: Any, path: str) -> list[Problem]:
        """What is wrong with ``value`` given for this param, or for one item or field of it at
        ``path`` (``items[0].form``): an app's lists of objects are checked as deep as the macro
        reads them, so a misspelt choice or a missing name is refused before rendering."""
        nested = self if path != self.name else None
        if value is None or (self.required and value in ("", [], ())):
            return [Problem("missing", path, nested)] if self.required else []
        if not self.accepts(value):
            return [Problem("type", path, nested)]
        if self.choices and value not in self.choices:
            return [Problem("choice", path, nested)]
        found: list[Problem] = []
        if self.each is not None and isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                found += self.each.problems(item, f"{path}[{index}]")
        if self.fields and isinstance(value, dict):
            if not self.more_fields:
                known = {field.name for field in self.fields}
                found += [
                    Problem("unknown", f"{path}.{key}", self) for key in value if key not in known
                ]
            for field in self.fields:
                found += field.problems(value.get(field.name), f"{path}.{field.name}")
        return found


@dataclass(frozen=True)
class MarkdownForm:
    """How a component is written as a ``::: name`` container, naming the params each part fills."""

    argument: str | None = None  # the text after `::: name`
    content: str | None = None  # the Markdown inside, rendered
    items: str | None = None  # the items of the list inside, each rendered
    item_flag: str | None = (
        None  # an item starting with this flag's marker ("可选：") sets it on the item
    )
    link: dict[str, str] = field(
        default_factory=dict
    )  # the one link inside: href/text/file_type/size -> param

    @property
    def measures_file(self) -> bool:
        """Whether the one link inside is shown with its file's type and size, which guidekit
        measures (an attachment)."""
        return "size" in self.link

    def source_of(self, param: str) -> str | None:
        """Where in the Markdown an editor writes ``param``: argument, content, items, link or
        file."""
        for part in ("argument", "content", "items"):
            if getattr(self, part) == param:
                return part
        for fact, name in self.link.items():
            if name == param:
                return "link" if fact in ("href", "text") else "file"
        return None


@dataclass(frozen=True)
class Problem:
    """One way the params do not fit the schema; worded for people by ``describe``."""

    kind: str  # missing | unknown | type | choice | empty (none of the component's needs_one_of)
    param: str  # a param's name, or the path to an item or field of it: items[0].form
    spec: Param | None = None  # the item or field that does not fit; None for a param itself


@dataclass(frozen=True)
class Component:
    name: str
    folder: Traversable
    description: dict[str, str]
    params: dict[str, Param]
    examples: list[dict[str, Any]] = field(default_factory=list)
    markdown: MarkdownForm | None = None  # None: not usable as a container
    # params of which at least one must be given: without any, the component is an empty box
    needs_one_of: tuple[str, ...] = ()

    @property
    def macro_name(self) -> str:
        return self.name.replace("-", "_")

    @property
    def template(self) -> str:
        return f"{TEMPLATE_PREFIX}/{self.name}/macro.html.j2"

    def check(self, params: dict[str, Any]) -> list[Problem]:
        """What is wrong with ``params``; empty when they fit the schema."""
        if not isinstance(params, dict):  # component("warning", "text") in an app's template
            return [Problem("type", _ALL_PARAMS.name, _ALL_PARAMS)]
        problems = [Problem("unknown", name) for name in params if name not in self.params]
        for param in self.params.values():
            problems += param.problems(params.get(param.name), param.name)
        lang = params.get("lang")
        if isinstance(lang, str) and language_of(lang) is None:
            # zh-CN, zh-hant and en-GB are taken as the language they name; fr would get Chinese
            problems.append(Problem("choice", "lang", _SPOKEN_LANGUAGES))
        if self.needs_one_of and not any(params.get(name) for name in self.needs_one_of):
            written = [name for name in self.needs_one_of if self._source_of(name)]
            problems.append(Problem("empty", (written or self.needs_one_of)[0]))
        return problems

    def _source_of(self, param: str) -> str | None:
        return self.markdown.source_of(param) if self.markdown else None

    def describe(self, problem: Problem, lang: str | None, *, markdown: bool = True) -> str:
        """A sentence for the editor in ``lang``, saying what to write and where; with ``markdown``
        false, for a developer who passed ``params`` from code."""
        spec = problem.spec or self.params.get(problem.param)
        if problem.kind == "unknown":
            if problem.spec is None:
                names = (name for name in self.params if name not in COMMON_PARAMS)
                key = "component-param-unknown"
            else:
                names = (field.name for field in problem.spec.fields)
                key = "component-field-unknown"
            known = list_text(names, lang)
            return error_text(key, lang, name=self.name, param=problem.param, known=known)
        assert spec is not None  # every other problem is of a param or field the schema has
        if problem.kind == "type":
            expected = error_text("or", lang).join(
                error_text(f"type-{kind}", lang) for kind in spec.types
            )
            return error_text(
                "component-param-type", lang, name=self.name, param=problem.param, expected=expected
            )
        if problem.kind == "choice":
            choices = list_text(spec.choices, lang)
            return error_text(
                "component-param-choice", lang, name=self.name, param=problem.param, choices=choices
            )
        if problem.spec is not None:  # an item's field: the hint would name a param
            source: str | None = None
        elif not markdown:
            source = "params"
        else:
            source = self._source_of(problem.param)
            if problem.kind == "missing" and source:
                return self._missing_from_markdown(source, lang)
        hint = (
            error_text(f"component-hint-{source}", lang, name=self.name, param=problem.param)
            if source
            else ""
        )
        if problem.kind == "empty":
            if not markdown or not source:
                hint = error_text(
                    "component-hint-one-of", lang, params=list_text(self.needs_one_of, lang)
                )
            return error_text("component-empty", lang, name=self.name, hint=hint).strip()
        return error_text(
            "component-param-missing", lang, name=self.name, param=problem.param, hint=hint
        ).strip()

    def _missing_from_markdown(self, source: str, lang: str | None) -> str:
        """What an editor left out of a ::: block, said as the part of the block it is (the
        question after ::: details, its answer below, the link inside), never as the param it
        fills: 组件“details”缺少“summary” was read as the front matter's summary."""
        if source in {"argument", "content"}:
            return error_text(
                f"component-missing-{source}",
                lang,
                name=self.name,
                what=self._part(source, lang),
                content=self._part("content", lang),
            )
        if source == "file" or (source == "link" and self.markdown and self.markdown.measures_file):
            source = "file"  # one link fills up to four params: each is told the same sentence
        return error_text(f"component-missing-{source}", lang, name=self.name)

    def _part(self, source: str, lang: str | None) -> str:
        own = f"component-part-{self.name}-{source}"
        return error_text(own if own in catalogue("errors") else f"component-part-{source}", lang)

    def told(self, problems: list[Problem], lang: str | None) -> list[str]:
        """Each problem of params from Markdown in a sentence for the editor, each sentence once."""
        return list(dict.fromkeys(self.describe(problem, lang) for problem in problems))


# The params as one value: a component is called with a set of name-value pairs
_ALL_PARAMS = Param("params", "object", True, "")

# The languages a component's own words are written in, as the message for another names them
_SPOKEN_LANGUAGES = Param("lang", "string", False, "", choices=LANGUAGES)

# Every component takes these, so pages can trace an element to its Markdown line and speak its
# language.
COMMON_PARAMS = {
    "attributes": Param(
        "attributes",
        "object",
        False,
        "Extra HTML attributes for the outer element; a class joins the component's own.",
    ),
    "lang": Param(
        "lang", "string", False, "Language of the UI text: zh-Hans (default), zh-Hant or en."
    ),
}


class ComponentParamsError(ValueError):
    """Params that do not fit a component's schema, explained in the language the caller asked
    for."""

    def __init__(self, component: Component, problems: list[Problem], lang: str | None) -> None:
        self.component, self.problems, self.lang = component, problems, lang
        super().__init__(self.explained(lang))

    def explained(self, lang: str | None) -> str:
        """Every problem in ``lang``, for a developer who passed the params from code."""
        return sentences_text(
            (self.component.describe(problem, lang, markdown=False) for problem in self.problems),
            lang,
        )


class _SpecLoader(SAFE_LOADER):
    """YAML for component.yml: ``!html`` marks example text that is trusted markup, not text to
    escape."""


_SpecLoader.add_constructor("!html", lambda loader, node: Markup(loader.construct_scalar(node)))


def components_root() -> Traversable:
    return resources.files("guidekit.components")


@package_cache
def registry() -> dict[str, Component]:
    found = {}
    for folder in sorted(
        filter(is_shipped, components_root().iterdir()), key=lambda item: item.name
    ):
        if folder.is_dir() and folder.joinpath("component.yml").is_file():
            component, findings = read_component(folder)
            if component is None:
                raise ComponentSpecError(findings)
            found[folder.name] = component
    return found


class ComponentSpecError(ValueError):
    """A component.yml that does not describe a component: its located findings, one a line."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(f"{f.location()}: {f.message}" for f in findings))


class _ParamSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str
    required: bool = False
    description: str = ""
    choices: tuple[str | int, ...] = ()
    each: _ParamSpec | None = None  # a list's items
    fields: dict[str, _ParamSpec] = {}  # an object's fields
    more_fields: bool = False

    @field_validator("type")
    @classmethod
    def _known_types(cls, value: str) -> str:
        if not all(part.strip() in _TYPE_CLASSES for part in value.split("|")):
            raise ValueError("unknown type")  # worded for people by read_component
        return value


class _MarkdownSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    argument: str | None = None
    content: str | None = None
    items: str | None = None
    item_flag: str | None = None
    link: dict[str, str] = {}


class _Example(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    params: dict[str, Any] = {}


class _ComponentSpec(BaseModel):
    """What component.yml holds."""

    model_config = ConfigDict(extra="forbid")

    description: dict[Lang, str]
    params: dict[str, _ParamSpec]
    examples: list[_Example] = []
    markdown: _MarkdownSpec | None = None  # absent: not usable in Markdown
    needs_one_of: tuple[str, ...] = ()


_SPEC_PARTS: dict[str, type[BaseModel]] = {
    "": _ComponentSpec,
    "params": _ParamSpec,
    "examples": _Example,
    "markdown": _MarkdownSpec,
}


def read_component(
    folder: Traversable, lang: str | None = None
) -> tuple[Component | None, list[Finding]]:
    """The component a folder holds, or what is wrong with its component.yml, located and worded
    in ``lang``."""
    file = f"components/{folder.name}/component.yml"
    problems = Problems(file, lang, rule="component-spec")
    text = folder.joinpath("component.yml").read_text("utf-8")
    try:
        document = read_yaml(text, loader=_SpecLoader)
    except yaml.YAMLError as error:
        return None, [yaml_syntax_problem(error, text, 1, problems, "component-spec-syntax")]

    def describe(detail: ErrorDetails) -> Finding:
        loc = detail["loc"]
        field = ".".join(str(part) for part in loc) or "component.yml"
        line = document.lines.line(loc)
        if detail["type"] == "missing":
            return problems.at(line, "component-spec-missing", field=field)
        if detail["type"] == "extra_forbidden":
            part = next((str(p) for p in reversed(loc[:-1]) if str(p) in _SPEC_PARTS), "")
            known = ", ".join(_SPEC_PARTS[part].model_fields)
            return problems.at(line, "component-spec-unknown", field=field, known=known)
        expected = (
            error_text(
                "expect-param-type",
                lang,
                types=error_text("choice-separator", lang).join(_TYPE_CLASSES),
            )
            if detail["type"] == "value_error"
            else value_expected(detail, best_language(lang))
        )
        return problems.at(line, "component-spec-invalid", field=field, expected=expected)

    spec, findings = validated(_ComponentSpec, document.value, describe)
    if spec is None:
        return None, findings
    return _component(folder, spec), []


def markdown_components() -> frozenset[str]:
    return frozenset(name for name, component in registry().items() if component.markdown)


def scripts() -> dict[str, str]:
    return {
        name: component.folder.joinpath("script.js").read_text("utf-8")
        for name, component in registry().items()
        if component.folder.joinpath("script.js").is_file()
    }


def call_macro(template_module: Any, component: Component, params: dict[str, Any]) -> Markup:
    """The component's HTML. A macro's output depends only on its params, so a call equal to an
    earlier one (the skip link of every page, a guide's facts on its standard and its silver page)
    reuses that HTML, and the check of its params: equal params, types included, fit the schema
    alike."""
    call = _MacroCall(template_module, component.macro_name, _frozen(params), params, component)
    try:
        hash(call)
    except TypeError:  # a value without a value hash (an app's own object): rendered every time
        return _rendered.__wrapped__(call)
    return _rendered(call)


_REMEMBERED_CALLS = 1024


@dataclass(frozen=True)
class _MacroCall:
    module: Any
    macro: str  # with the module, it names the component
    key: tuple[Any, ...]
    params: dict[str, Any] = field(compare=False)
    component: Component = field(compare=False)


@lru_cache(maxsize=_REMEMBERED_CALLS)
def _rendered(call: _MacroCall) -> Markup:
    """Raises ComponentParamsError, which is not remembered: params that do not fit are checked
    again at every call."""
    problems = call.component.check(call.params)
    if problems:
        raise ComponentParamsError(call.component, problems, _lang(call.params))
    return Markup(getattr(call.module, call.macro)(call.params))


def _frozen(value: Any) -> Any:
    """A hashable image of params; every value keeps its type, since Markup and str of one text
    render differently. A plain str, the most common value, is its own image: no tuple, which
    every other value becomes, equals a str."""
    if type(value) is str:
        return value
    if isinstance(value, dict):
        return dict, tuple([(key, _frozen(item)) for key, item in value.items()])
    if isinstance(value, (list, tuple)):
        return type(value), tuple([_frozen(item) for item in value])
    return type(value), value


def _component(folder: Traversable, spec: _ComponentSpec) -> Component:
    return Component(
        name=folder.name,
        folder=folder,
        description={str(lang): text for lang, text in spec.description.items()},
        params={
            **{name: _param(name, info) for name, info in spec.params.items()},
            **COMMON_PARAMS,
        },
        examples=[{"name": example.name, "params": example.params} for example in spec.examples],
        markdown=MarkdownForm(**spec.markdown.model_dump()) if spec.markdown else None,
        needs_one_of=spec.needs_one_of,
    )


def _param(name: str, spec: _ParamSpec) -> Param:
    return Param(
        name,
        spec.type,
        spec.required,
        spec.description,
        spec.choices,
        each=_param(f"{name}[]", spec.each) if spec.each else None,
        fields=tuple(_param(field, info) for field, info in spec.fields.items()),
        more_fields=spec.more_fields,
    )


def _lang(params: Any) -> str | None:
    """The language params ask for, to word what is wrong with them in."""
    return params.get("lang") if isinstance(params, dict) else None
