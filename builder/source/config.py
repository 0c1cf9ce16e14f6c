"""Site configuration: ``guidekit.toml`` in the SOURCE folder (optional)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool
from pydantic_core import ErrorDetails, PydanticCustomError

from ..findings import Finding, Problems
from ..lint.rules import DEFAULT_LEVELS, LintSettings
from ..messages import best_language, error_text, list_text
from .content_model import Lang, Phone
from .load import expected_text
from .user_files import read_toml, toml_error_line, validated

CONFIG_FILE = "guidekit.toml"


class Budgets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # each page with what it loads, gzipped
    page_kb: float = Field(default=14.0, gt=0, allow_inf_nan=False)


def _every_language(value: object) -> object:
    """A name written once (site_name = "青川市办事指南") is the name in every language."""
    return dict.fromkeys(get_args(Lang), value) if isinstance(value, str) else value


Named = Annotated[dict[Lang, str], BeforeValidator(_every_language)]


def _site_address(value: str) -> str:
    """``base_url`` is where readers find the site: the 404 page's links start from its path and
    canonical links and the sitemap are built on it, so it must be a whole http(s) address with a
    host; a query or fragment would land in the middle of every page's address."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise PydanticCustomError("site_address", "not a site address")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise PydanticCustomError("site_address_part", "a site address with ? or #")
    return value.strip()


SiteAddress = Annotated[str, AfterValidator(_site_address)]


class Contact(BaseModel):
    """Where readers report an accessibility problem; the accessibility statement and the reports
    show it."""

    model_config = ConfigDict(extra="forbid")

    office: Named = {}  # who answers, by language
    email: str = ""
    phone: Phone = ""
    url: str = ""  # a page or form for reports


class SiteConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site_name: Named = {
        "zh-Hans": "办事指南",
        "zh-Hant": "辦事指南",
        "en": "Service guides",
    }
    default_lang: Lang = "zh-Hans"
    base_url: SiteAddress | None = None
    lint: LintSettings = LintSettings()
    budgets: Budgets = Budgets()
    contact: Contact = Contact()
    # build the developers' component gallery (components/) alongside the guides; linked from no
    # guide page
    # TOML has true and false: a quoted "yes" or a 0 is a mistake to name, not a guess to make
    gallery: StrictBool = False
    # search (and its index), topic, department, life-event and 404 pages
    ways_in: StrictBool = True
    # every footer links the accessibility statement (sites the MkDocs plugin builds have none)
    statement: StrictBool = True
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
    problems = Problems(CONFIG_FILE, None, rule="config-invalid")
    try:
        data, places = read_toml(path.read_text("utf-8"))
    except UnicodeDecodeError:
        return SiteConfig(), [problems.at(None, "config-not-utf8")]
    except tomllib.TOMLDecodeError as error:
        # its words are English: the message names the usual causes instead
        return SiteConfig(), [problems.at(toml_error_line(error), "config-invalid")]
    written = data.get("default_lang")
    lang = best_language(written if isinstance(written, str) else None)
    problems = replace(problems, lang=lang)

    def describe(detail: ErrorDetails) -> Finding:
        loc = tuple(str(part) for part in detail["loc"])
        key = ".".join(loc)
        line = places.line(loc)
        kind = detail["type"]
        if kind == "extra_forbidden":
            known = list_text(_model_at(loc[:-1]).model_fields, lang)
            return problems.at(line, "config-unknown-key", option=key, known=known)
        if kind == "unknown_rule":  # a key of lint.rules: its loc ends with the key and "[key]"
            written = loc[:-1]
            return problems.at(
                places.line(written),
                "config-unknown-key",
                option=".".join(written),
                known=list_text(DEFAULT_LEVELS, lang),
            )
        return problems.at(line, "config-bad-value", option=key, expected=_expected(detail, lang))

    config, findings = validated(SiteConfig, data, describe)
    if config is None:  # a refused file still names the language the rest of the report is in
        config = SiteConfig.model_validate({"default_lang": lang})
    return config, sorted(findings, key=lambda problem: problem.line or 0)


# what a value should be, in TOML's own forms (the front matter's words are YAML's)
_TOML_FORMS = {
    "list_type": "expect-toml-list",
    "dict_type": "expect-toml-table",
    "model_type": "expect-toml-table",
    "model_attributes_type": "expect-toml-table",
}
_NAMED = {"site_name", "office"}  # text, or a text for each language


def _expected(detail: ErrorDetails, lang: str) -> str:
    option = str(detail["loc"][-1]) if detail["loc"] else ""
    kind = detail["type"]
    if option in _NAMED and kind == "dict_type":
        return error_text("expect-toml-named", lang, option=option)
    if kind in _TOML_FORMS:
        return error_text(_TOML_FORMS[kind], lang, option=option)
    if kind == "value_error":
        return error_text("expect-other", lang, detail=detail["msg"])
    return expected_text(detail, lang)


def _model_at(loc: tuple[str, ...]) -> type[BaseModel]:
    model: type[BaseModel] = SiteConfig
    for part in loc:
        annotation = model.model_fields[part].annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return model
