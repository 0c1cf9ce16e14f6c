"""``guidekit new`` and ``guidekit init``: a guide with every content-model field stubbed and
explained, and a new site project that builds as it is."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from pydantic import BaseModel

from .messages import best_language, catalogue, fill
from .output.caches import CACHE_FOLDER
from .source.config import CONFIG_FILE, SiteConfig
from .source.content_model import GuideMeta
from .source.folders import GUIDES_FOLDER

GLOSSARY_FILE = "glossary.yml"
SLUG_LIMIT = 60
REVIEW_INTERVAL = dt.timedelta(days=182)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# what an option that is empty by default looks like when set
_EXAMPLES = {
    "base_url": "https://example.gov.cn/guides/",
    "redirects": {"zh-Hans/old.html": "zh-Hans/new.md"},
}


def scaffold_text(key: str, lang: str, **args: object) -> str:
    text = catalogue("scaffold")[key][best_language(lang)]
    return fill(text, args) if args else text  # the examples in field notes hold YAML braces


def slug(title: str) -> str:
    """An ASCII file name from any title: Chinese words become pinyin (申领社会保障卡 ->
    shenling-shehuibaozhang-ka)."""
    # the linter's modules: only new and init name files
    from .lint.data import to_simplified
    from .lint.segmenter import segmenter

    # jieba's and pypinyin's words are Simplified: a 繁體 title is cut and spelled as its Simplified
    # form is (銀行 letter by letter was yinxing), so both languages' versions get one name
    simplified = to_simplified(title)
    words = []
    for cut in segmenter().for_text(simplified).cut(simplified):
        from pypinyin import (
            lazy_pinyin,
        )  # imported on first use: every guidekit command loads this module

        spelled = "".join(lazy_pinyin(cut))
        ascii_only = (
            unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode().lower()
        )
        words.append(_NOT_SLUG.sub("-", ascii_only).strip("-"))
    joined = "-".join(word for word in words if word)
    return joined[:SLUG_LIMIT].rstrip("-") or "guide"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name.md``, or ``name-2.md``, ``name-3.md``… when taken."""
    candidate, number = folder / f"{name}.md", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{name}-{number}.md"
    return candidate


def guide_text(title: str, lang: str, today: dt.date) -> str:
    """Front matter with every field of the content model, each with what to write there in
    ``lang``."""
    stubs: dict[str, str] = {
        "title": json.dumps(title, ensure_ascii=False),
        "summary": json.dumps(scaffold_text("summary-stub", lang), ensure_ascii=False),
        "lang": lang,
        "last_reviewed": today.isoformat(),
        "review_by": (today + REVIEW_INTERVAL).isoformat(),
    }
    lines = ["---", f"# {scaffold_text('guide-intro', lang)}"]
    # a list is left empty, not written [], so that uncommenting an example's item below it
    # gives a list of that item
    for name in GuideMeta.model_fields:
        lines.append(f"{name}: {stubs.get(name, '')}".rstrip())
        lines += [f"#   {line}" for line in scaffold_text(f"field-{name}", lang).splitlines()]
    lines += ["---", ""]
    return "\n".join(lines)


def title_in_script(title: str, lang: str) -> str:
    """The title in the characters of the guide's language: an editor whose input method types
    Simplified gives a zh-Hant guide 办理护照 (辦理護照), and the other way round."""
    from .lint.data import to_simplified, to_traditional

    if lang == "zh-Hant":
        return to_traditional(title)
    return to_simplified(title) if lang == "zh-Hans" else title


def new_guide(source: Path, title: str, lang: str, *, today: dt.date | None = None) -> Path:
    folder = source / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = free_path(folder, slug(title))
    path.write_text(guide_text(title, lang, today or dt.date.today()), encoding="utf-8")
    return path


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return (
            "{ "
            + ", ".join(f"{json.dumps(key)} = {_toml_value(item)}" for key, item in value.items())
            + " }"
        )
    return json.dumps(
        value, ensure_ascii=False
    )  # strings, numbers and lists of them read the same in TOML


def config_text(lang: str) -> str:
    """guidekit.toml with every option at its default and explained; optional ones commented out."""
    site = SiteConfig.model_validate({"default_lang": lang})
    lines = [f"# {line}" for line in scaffold_text("config-intro", lang).splitlines()]
    sections = []
    for name in SiteConfig.model_fields:
        value = getattr(site, name)
        if isinstance(value, BaseModel):
            sections.append(name)  # TOML tables come after the plain options
            continue
        lines += ["", f"# {scaffold_text(f'config-{name}', lang)}"]
        if value is None or value == {}:
            lines.append(f"# {name} = {_toml_value(_EXAMPLES[name])}")
        else:
            lines.append(f"{name} = {_toml_value(value)}")
    for section in sections:
        settings = getattr(site, section)
        lines += ["", f"# {scaffold_text(f'config-{section}', lang)}", f"[{section}]"]
        for name in type(settings).model_fields:
            if name != "rules":
                lines.append(
                    f"# {name} = {_toml_value(getattr(settings, name))}  # "
                    f"{scaffold_text(f'config-{section}-{name}', lang)}"
                )
        if section == "lint":
            lines += [
                "",
                f"# {scaffold_text('config-lint-rules', lang)}",
                "[lint.rules]",
                '# officialese = "error"',
            ]
    return "\n".join(lines) + "\n"


def init_project(folder: Path, lang: str, *, today: dt.date | None = None) -> Path:
    """A new site project in ``folder``: guides/ (SOURCE, with guidekit.toml and the glossary), a
    first guide, and a .gitignore for what builds and previews leave. Returns the first guide."""
    source = folder / GUIDES_FOLDER
    source.mkdir(parents=True, exist_ok=True)
    (source / CONFIG_FILE).write_text(config_text(lang), encoding="utf-8")
    (source / GLOSSARY_FILE).write_text(scaffold_text("glossary", lang) + "\n", encoding="utf-8")
    (folder / ".gitignore").write_text(
        f"/site/\n/.site.*\n/.guidekit-preview/\n{CACHE_FOLDER}/\n", encoding="utf-8"
    )
    return new_guide(source, scaffold_text("first-guide-title", lang), lang, today=today)


def existing_files(folder: Path) -> list[Path]:
    """What ``init`` would overwrite: it refuses rather than replace an editor's work."""
    return [
        path
        for path in (
            folder / GUIDES_FOLDER / CONFIG_FILE,
            folder / GUIDES_FOLDER / GLOSSARY_FILE,
            folder / ".gitignore",
        )
        if path.exists()
    ]
