"""The Jinja2 environment of guidekit's page layouts (``themes/``) and component macros, with
its templates compiled once per user, across processes."""

from __future__ import annotations

import contextlib
from collections.abc import MutableMapping
from importlib import resources
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    Template,
    select_autoescape,
)
from jinja2.bccache import Bucket

from . import __version__
from .jinja import install
from .messages import fill
from .package_files import package_cache


class _PageEnvironment(Environment):
    """Jinja2's environment, with shortcuts for the thousands of lookups a guide's pages make.

    It reads ``a.b`` of a plain dict (the front matter, a step, a place) as Jinja2 does, without
    first raising and catching an AttributeError: a dict has no attribute beyond those of its type.
    It never reloads a template (``auto_reload=False``), so it looks each one up once, not through
    Jinja2's locked LRU cache at every component call and import. Its globals are all set before a
    template loads (``install``), so a template's globals are a dict, not a ChainMap over them
    that every render and import reads over again."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._loaded: dict[str, Template] = {}

    def get_template(
        self,
        name: str | Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        if globals is not None or not isinstance(name, str):
            return super().get_template(name, parent, globals)
        path = name if parent is None else self.join_path(name, parent)
        found = self._loaded.get(path)
        if found is None:
            found = self._loaded[path] = super().get_template(path)
        return found

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))


@package_cache
def environment() -> Environment:
    env = _PageEnvironment(
        loader=FileSystemLoader(str(resources.files("guidekit.themes"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # package files: guidekit serve starts a new environment when they change
        auto_reload=False,
        bytecode_cache=_template_cache(),
    )
    env.filters["fill"] = _filled
    return install(env)


def _filled(text: str, **fields: object) -> str:
    """``{{ t["guide-count"] | fill(n=3) }}``: a UI string with its fields filled in."""
    return fill(text, fields)


class _TemplateCache(FileSystemBytecodeCache):
    """Templates compiled by an earlier process, in Jinja's private folder for the user; an entry
    is keyed by the template's path and checked against its source. A template that cannot be
    kept or read back is compiled again: never a failed build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> _TemplateCache | None:
    try:
        return _TemplateCache(pattern=f"guidekit-{__version__}-%s.cache")
    except (OSError, RuntimeError):  # no folder Jinja deems safe (shared, or not writable)
        return None
