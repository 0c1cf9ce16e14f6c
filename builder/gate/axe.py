"""axe-core: its JavaScript and its zh_CN / zh_TW messages, from files on this machine (never the
network).

Where the files come from, first found wins:
1. ``GUIDEKIT_AXE_CORE``: a folder holding ``axe.min.js`` (an axe-core npm package), to try
   another version;
2. the copy inside the installed package (``guidekit/axe_core/``), which setup.py copies from the
   npm package that package-lock.json pins, integrity checked, when a wheel or sdist is built;
3. ``node_modules/axe-core`` of the checkout an editable install runs from (``npm ci`` puts it
   there).
Nothing depends on the folder the user stands in.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Awaitable, Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Page

from ..findings import Finding
from ..messages import best_language
from ..theme import STANDARD, find_theme
from .origin import PageContext, finding_at
from .probes import evaluate

ENVIRONMENT_VARIABLE = "GUIDEKIT_AXE_CORE"
# The version package-lock.json pins (a test keeps the two equal): named when axe-core is missing.
REQUIRED_VERSION = "4.14.1"
_BUNDLE = "axe_core"
_SCRIPT = "axe.min.js"
_CHECKOUT = Path(__file__).resolve().parents[2]  # the repository, when this is an editable install
_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")
# guidekit page languages -> the locale files axe ships
_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW"}
# (options, locale) -> the violations as probe.js's axeSummary gives them
AxeRun = Callable[[dict[str, Any], "dict | None"], Awaitable[dict[str, Any]]]


class AxeMissing(RuntimeError):
    """No axe-core where guidekit looks. ``key`` names the message that says how to fix it for this
    kind of install."""

    def __init__(self, key: str, **details: str) -> None:
        super().__init__(key)
        self.key, self.details = key, {"version": REQUIRED_VERSION, **details}


@cache
def axe_directory() -> Path:
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        return _configured_directory(Path(configured))
    bundled = resources.files("guidekit").joinpath(_BUNDLE)
    if bundled.joinpath(_SCRIPT).is_file():
        return Path(str(bundled))
    checkout = _CHECKOUT / "node_modules" / "axe-core"
    if (checkout / _SCRIPT).is_file():
        return checkout
    if (_CHECKOUT / "package-lock.json").is_file():
        raise AxeMissing("axe-missing-checkout", path=str(checkout), checkout=str(_CHECKOUT))
    raise AxeMissing("axe-missing-installed", path=str(bundled))


def _configured_directory(folder: Path) -> Path:
    if (folder / _SCRIPT).is_file():
        return folder
    nearby = (folder / "axe-core", folder / "node_modules" / "axe-core")
    found = next((candidate for candidate in nearby if (candidate / _SCRIPT).is_file()), None)
    if found is not None:
        raise AxeMissing("axe-missing-override-nearby", path=str(folder), found=str(found))
    raise AxeMissing("axe-missing-override", path=str(folder))


@cache
def axe_source() -> str:
    return (axe_directory() / "axe.min.js").read_text("utf-8")


@cache
def axe_version() -> str:
    return json.loads((axe_directory() / "package.json").read_text("utf-8"))["version"]


@cache
def axe_locales() -> dict[str, dict]:
    """axe's own translations, keyed by the guidekit language they serve."""
    return {
        lang: json.loads((axe_directory() / "locales" / f"{name}.json").read_text("utf-8"))
        for lang, name in _LOCALES.items()
    }


# Sound rules outside those tags (deprecated or experimental in axe, so off by default): duplicate
# ids, orientation locked by CSS (1.3.4), a table's first row faking its caption (1.3.1)
EXTRA_RULES = ("duplicate-id", "duplicate-id-active", "css-orientation-lock", "table-fake-caption")
# Rules the gate does itself: target-size, with every exception of WCAG 2.5.8 and each theme's
# sizes (targets.py)
SKIPPED_RULES = ("target-size",)


def run_options(theme: str | None) -> dict[str, object]:
    tags = (find_theme(theme) or STANDARD).axe_tags
    return {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}


def wcag_criteria(tags: list[str]) -> str | None:
    """axe tags to WCAG success criteria: ["wcag143", "wcag2aa"] -> "1.4.3"; none for a rule of a
    criterion WCAG 2.2 removed (duplicate-id's 4.1.1 Parsing, "wcag2a-obsolete"), which the gate
    runs for what it breaks, not for that criterion."""
    if any(tag.endswith("-obsolete") for tag in tags):
        return None
    criteria = [".".join(match.groups()) for tag in tags if (match := _CRITERION.match(tag))]
    return ", ".join(criteria) or None


async def check(page: Page, context: PageContext, run: AxeRun | None = None) -> list[Finding]:
    """axe-core on the loaded page, its messages in the page's language where axe has them; ``run``
    runs axe another way (grid.py: through WebDriver) with the same options and locale."""
    locale = axe_locale(context)
    rules = {"extra": list(EXTRA_RULES), "skip": list(SKIPPED_RULES)}
    if run is not None:
        # the same rules as a local run: the list axe would run here, worked out by axe in this page
        options = await page.evaluate(
            "([options, rules]) => window.__guidekit.axeOptions(options, rules)",
            [run_options(context.theme), rules],
        )
        result = await run(options, locale)
    else:
        result = await evaluate(
            page,
            "([options, locale, rules]) => window.__guidekit.axe(options, locale, rules)",
            [run_options(context.theme), locale, rules],
        )
    return violations(context, result, "axe:", "axe-violation")


def violations(context: PageContext, result: dict, prefix: str, key: str) -> list[Finding]:
    """A finding per element axe's ``result`` names, its rule's id after ``prefix``, said by the
    message ``key`` with axe's words (help, what to fix, the element's HTML)."""
    return [
        finding_at(
            context,
            prefix + rule["id"],
            wcag_criteria(rule["tags"]),
            node,
            key,
            help=rule["help"],
            axe_rule=rule["id"],
            fix=fix_text(node),
            html=" ".join(node["html"].split()),  # one line: a finding is a paragraph
        )
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def axe_locale(context: PageContext) -> dict | None:
    """axe's translation for the language of the page's messages, None for English (axe's own):
    a page without ``lang`` is told in guidekit's default language, axe's words too (they were
    English inside a Chinese message)."""
    lang = best_language(context.lang)
    return None if lang == "en" else axe_locales().get(lang)


FOUND_LENGTH = 300  # characters of axe's own findings kept in a message: a finding is a paragraph


def fix_text(node: dict) -> str:
    """What axe found on an element (its failure summary less the heading line), such as the
    colours and ratio of text that does not stand out; whole items only, for a message that would
    otherwise run on (a field without a label fails eight ways)."""
    found = [line.strip() for line in node["summary"].splitlines()[1:] if line.strip()]
    kept = found[:1]
    for item in found[1:]:
        if len("; ".join([*kept, item])) > FOUND_LENGTH:
            return "; ".join(kept) + " …"
        kept.append(item)
    return "; ".join(kept)
