"""Site configuration: ``guidekit.toml`` in the SOURCE folder (optional)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .content_model import Lang
from .findings import Finding
from .lint.rules import LintSettings
from .messages import error_text

CONFIG_FILE = "guidekit.toml"


class SiteConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site_name: dict[Lang, str] = {"zh-Hans": "办事指南", "zh-Hant": "辦事指南", "en": "Service guides"}
    default_lang: Lang = "zh-Hans"
    base_url: str | None = None
    lint: LintSettings = LintSettings()
    gallery: bool = True  # build the component gallery (components/) alongside the guides
    ways_in: bool = True  # search (and its index), topic, department, life-event and 404 pages
    redirects: dict[str, str] = {}  # a renamed guide's old page ("zh-Hans/old.html") -> its guide file now ("zh-Hans/new.md")

    def site_name_for(self, lang: str) -> str:
        return self.site_name.get(lang) or self.site_name.get(self.default_lang) or next(iter(self.site_name.values()))


def load_config(source: Path) -> tuple[SiteConfig, list[Finding]]:
    path = source / CONFIG_FILE
    if not path.is_file():
        return SiteConfig(), []
    try:
        return SiteConfig.model_validate(tomllib.loads(path.read_text("utf-8"))), []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        detail = str(error)
    except ValidationError as error:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    return SiteConfig(), [Finding(rule="config-invalid", message=error_text("config-invalid", detail=detail), file=CONFIG_FILE)]
