"""Site configuration: ``guidekit.toml`` in the SOURCE folder (optional)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .content_model import Lang
from .findings import Finding
from .lint.rules import LintSettings
from .load import expected_text
from .messages import best_language, error_text

CONFIG_FILE = "guidekit.toml"


class Budgets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_kb: float = Field(default=14.0, gt=0)  # each page with what it loads, gzipped


class Contact(BaseModel):
    """Where readers report an accessibility problem; the accessibility statement and the reports
    show it."""

    model_config = ConfigDict(extra="forbid")

    office: dict[Lang, str] = {}  # who answers, by language
    email: str = ""
    phone: str = ""
    url: str = ""  # a page or form for reports


class SiteConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site_name: dict[Lang, str] = {
        "zh-Hans": "办事指南",
        "zh-Hant": "辦事指南",
        "en": "Service guides",
    }
    default_lang: Lang = "zh-Hans"
    base_url: str | None = None
    lint: LintSettings = LintSettings()
    budgets: Budgets = Budgets()
    contact: Contact = Contact()
    # build the developers' component gallery (components/) alongside the guides; linked from no
    # guide page
    gallery: bool = False
    ways_in: bool = True  # search (and its index), topic, department, life-event and 404 pages
    # every footer links the accessibility statement (sites the MkDocs plugin builds have none)
    statement: bool = True
    zh_hant_reading: Literal["zhuyin", "pinyin"] = (
        "zhuyin"  # readings over hard characters on zh-Hant silver pages: 注音 or pinyin
    )
    redirects: dict[
        str, str
        # a renamed guide's old page ("zh-Hans/old.html") -> its guide file now ("zh-Hans/new.md")
    ] = {}

    def site_name_for(self, lang: str) -> str:
        names: Mapping[str, str] = {str(lang): name for lang, name in self.site_name.items()}
        return names.get(lang) or names.get(self.default_lang) or next(iter(names.values()))


def load_config(source: Path) -> tuple[SiteConfig, list[Finding]]:
    """The site's configuration; a wrong option gives one finding per problem, naming its key and
    line."""
    path = source / CONFIG_FILE
    if not path.is_file():
        return SiteConfig(), []
    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return SiteConfig(), [
            Finding(
                rule="config-invalid",
                message=error_text("config-not-utf8"),
                file=CONFIG_FILE,
                line=None,
            )
        ]
    except (
        tomllib.TOMLDecodeError
    ) as error:  # its words are English: the message names the usual causes instead
        at_line = re.search(r"line (\d+)", str(error))
        return SiteConfig(), [
            Finding(
                rule="config-invalid",
                message=error_text("config-invalid"),
                file=CONFIG_FILE,
                line=int(at_line.group(1)) if at_line else None,
            )
        ]
    try:
        return SiteConfig.model_validate(data), []
    except ValidationError as error:
        lang = data.get("default_lang") if isinstance(data.get("default_lang"), str) else None
        problems = [_config_problem(detail, text, best_language(lang)) for detail in error.errors()]
        return SiteConfig(), sorted(problems, key=lambda problem: problem.line or 0)


def _config_problem(detail: Mapping[str, Any], text: str, lang: str) -> Finding:
    loc = tuple(str(part) for part in detail["loc"])
    key = ".".join(loc)
    if detail["type"] == "extra_forbidden":
        model = _model_at(loc[:-1])
        message = error_text(
            "config-unknown-key", lang, option=key, known=", ".join(model.model_fields)
        )
    else:
        scalar = detail["type"] not in {
            "list_type",
            "dict_type",
            "model_type",
            "value_error",
            "model_attributes_type",
        }
        expected = (
            expected_text(detail, lang)
            if scalar
            else error_text("expect-other", lang, detail=detail["msg"])
        )
        message = error_text("config-bad-value", lang, option=key, expected=expected)
    return Finding(
        rule="config-invalid", message=message, file=CONFIG_FILE, line=toml_line(text, loc)
    )


def _model_at(loc: tuple[str, ...]) -> type[BaseModel]:
    model: type[BaseModel] = SiteConfig
    for part in loc:
        annotation = model.model_fields[part].annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return model


_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")


def toml_line(text: str, loc: tuple[str, ...]) -> int | None:
    """The 1-based line where the deepest part of ``loc`` that is written as a key or table appears
    (tomllib keeps no positions). Good enough for the plain files sites write."""
    best: int | None = None
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            table = tuple(part.strip().strip('"') for part in header.group(1).split("."))
            if loc[: len(table)] == table:
                best = number
            continue
        key = _KEY.match(line)
        if key and table + (key.group(1),) == loc[: len(table) + 1]:
            best = number
    return best
