"""Every example of every component, in real Chromium:

- axe-core with the gate's tags, in the standard and silver themes, in dark mode and under
  forced colours (Windows high contrast);
- an accessibility-tree snapshot per example, committed under a11y_tests/snapshots/, so a change
  in what a screen reader hears shows up as a diff (GUIDEKIT_UPDATE_SNAPSHOTS=1 rewrites them);
- the same tree without CSS and without JavaScript: everything still there, in the same order;
- every interactive part reached with Tab, with a focus indicator that visibly changes the pixels.

For speed, all examples share one page per theme mode (each in its own wrapper, so every finding
and every snapshot belongs to one example), in one browser for the whole module; the browser work
is done once and each component's tests read their part of it.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment
from playwright.async_api import Browser, Page, Route, async_playwright

from guidekit import jinja
from guidekit.component_registry import Component, registry
from guidekit.gate.axe import axe_source, run_options
from guidekit.gate.browser import launch
from guidekit.site.gallery import example_page, examples_page, render_example

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("GUIDEKIT_UPDATE_SNAPSHOTS") == "1"
ORIGIN = "http://components.test"
# theme mode -> (the stylesheet's theme, what Chromium emulates)
MODES: dict[str, tuple[str, dict[str, Any]]] = {
    "standard": ("standard", {"color_scheme": "light"}),
    "silver": ("silver", {"color_scheme": "light"}),
    "dark": ("standard", {"color_scheme": "dark"}),
    "forced-colors": ("standard", {"forced_colors": "active"}),
}
COMPONENTS = sorted(registry().values(), key=lambda component: component.name)
EXAMPLES = [(component, example) for component in COMPONENTS for example in component.examples]
INTERACTIVE = (
    "a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), "
    "textarea:not(:disabled), summary, [tabindex]:not([tabindex='-1'])"
)
# Page variants: "axe" gives each example's landmark its own name (axe wants them unique on a page);
# "plain" is the examples exactly as written; "bare" is plain without any CSS or JavaScript.
TREES = {
    "standard": ("standard", "plain"),
    "silver": ("silver", "plain"),
    "no CSS, no JavaScript": ("standard", "bare"),
}


def _url(theme: str, variant: str) -> str:
    return f"{ORIGIN}/{theme}-{variant}.html"


def _wrapper(component: str, example: str) -> str:
    return f".gk-gallery__example[data-component='{component}'][data-example='{example}']"


class Chromium:
    """One browser for the module; what it found, by component."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        for theme in ("standard", "silver"):
            plain = examples_page(COMPONENTS, theme)
            self.pages[_url(theme, "axe")] = examples_page(
                COMPONENTS, theme, distinct_landmarks=True
            )
            self.pages[_url(theme, "plain")] = plain
            self.pages[_url(theme, "bare")] = re.sub(
                r"<style>.*?</style>|<script>.*?</script>", "", plain, flags=re.S
            )
        self.violations: dict[str, list[str]] = defaultdict(list)
        self.trees: dict[str, dict[tuple[str, str], str]] = {}
        self.focus_problems: dict[str, list[str]] = defaultdict(list)
        asyncio.run(self._examine())

    async def _examine(self) -> None:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            try:
                for mode, (theme, _) in MODES.items():
                    page = await self._open(browser, mode, "axe")
                    found = await page.evaluate(
                        """async options => (await axe.run(document, options)).violations.flatMap((rule) => rule.nodes.map((node) => {
                               const element = document.querySelector([].concat(node.target).flat().pop());
                               const wrapper = element && element.closest("[data-component]");
                               return [wrapper ? wrapper.dataset.component : "(page)", `${wrapper ? wrapper.dataset.example : ""} [${mode}] ${rule.id}: ${node.html.slice(0, 100)}`];
                           }))""".replace("${mode}", mode),
                        run_options(theme),
                    )
                    for component, finding in found:
                        self.violations[component].append(finding)
                for label, (mode, variant) in TREES.items():
                    page = await self._open(browser, mode, variant)
                    self.trees[label] = {
                        (component.name, example["name"]): await page.locator(
                            _wrapper(component.name, example["name"])
                        ).aria_snapshot()
                        for component, example in EXAMPLES
                    }
                for mode in ("standard", "silver"):
                    for component, problem in await _keyboard_walk(
                        await self._open(browser, mode, "plain"), mode
                    ):
                        self.focus_problems[component].append(problem)
            finally:
                await browser.close()

    async def _open(self, browser: Browser, mode: str, variant: str) -> Page:
        context = await browser.new_context(
            java_script_enabled=variant != "bare",
            viewport={"width": 800, "height": 600},
            **MODES[mode][1],
        )
        if variant == "axe":
            await context.add_init_script(axe_source())
        await context.route(f"{ORIGIN}/**", self._serve)
        page = await context.new_page()
        await page.goto(_url(MODES[mode][0], variant), wait_until="load")
        return page

    async def _serve(self, route: Route) -> None:
        html = self.pages.get(route.request.url)
        if html is None:
            await route.fulfill(status=404, body="not found")
        else:
            await route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")


async def _keyboard_walk(page: Page, mode: str) -> list[tuple[str, str]]:
    """Tab through the page: every visible interactive part of the examples must take focus and
    look different."""
    targets = await page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter((element) => element.closest("[data-component]") && element.checkVisibility({ visibilityProperty: true }))
            .map((element, index) => {
                element.dataset.walk = String(index);
                const wrapper = element.closest("[data-component]");
                return [wrapper.dataset.component, wrapper.dataset.example];
            })""",
        INTERACTIVE,
    )
    problems, reached = [], set()
    for _ in range(len(targets) + 3):
        await page.keyboard.press("Tab")
        index = await page.evaluate(
            "() => document.activeElement && document.activeElement.dataset.walk"
        )
        if index is None or int(index) in reached:
            continue
        reached.add(int(index))
        component, example = targets[int(index)]
        label = f"{example} [{mode}] interactive part {index}"
        element = page.locator(f"[data-walk='{index}']")
        style = await element.evaluate(
            "e => { const s = getComputedStyle(e); return {outline: s.outlineStyle !== 'none' ? "
            "parseFloat(s.outlineWidth) : 0, shadow: s.boxShadow}; }"
        )
        if style["outline"] < 2 and style["shadow"] == "none":
            problems.append((component, f"{label}: no focus outline of 2px or more"))
        box = await element.bounding_box()
        clip = {
            "x": max(box["x"] - 12, 0),
            "y": max(box["y"] - 12, 0),
            "width": box["width"] + 24,
            "height": box["height"] + 24,
        }
        focused = await page.screenshot(clip=clip)
        await page.evaluate("() => document.activeElement.blur()")
        unfocused = await page.screenshot(clip=clip)
        if focused == unfocused:
            problems.append((component, f"{label}: looks the same with and without focus"))
        await element.focus()  # Tab goes on from here
    problems += [
        (
            targets[index][0],
            f"{targets[index][1]} [{mode}]: Tab never reached interactive part {index}",
        )
        for index in range(len(targets))
        if index not in reached
    ]
    return problems


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    yield Chromium()


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_every_example_passes_axe_in_every_theme(chromium: Chromium, component: Component):
    assert chromium.violations[component.name] == []


def test_the_examples_page_itself_passes_axe(chromium: Chromium):
    assert chromium.violations["(page)"] == []


def _snapshot_file(component: Component, example: dict[str, Any]) -> Path:
    return SNAPSHOTS / component.name / f"{example['name']}.yml"


def _words(tree: str) -> list[str]:
    return [
        line[: len(line) - len(line.lstrip())] + re.sub(r"\s+", "", line)
        for line in tree.splitlines()
    ]


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_accessibility_tree_matches_its_snapshot_with_and_without_css(
    chromium: Chromium, component: Component
):
    for example in component.examples:
        path, key = _snapshot_file(component, example), (component.name, example["name"])
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(chromium.trees["standard"][key] + "\n", "utf-8")
        assert path.is_file(), (
            f"no snapshot {path.relative_to(SNAPSHOTS.parent)}: run with "
            f"GUIDEKIT_UPDATE_SNAPSHOTS=1 and commit it"
        )
        expected = path.read_text("utf-8").rstrip("\n")
        assert chromium.trees["standard"][key] == expected, (
            f"{key} differs from {path.name}:\n{chromium.trees['standard'][key]}"
        )
        for label, trees in chromium.trees.items():
            # Layout may add or drop a space between words (flex items); content and order may not
            # change.
            assert _words(trees[key]) == _words(expected), (
                f"{key} ({label}) differs from {path.name}:\n{trees[key]}"
            )


def test_every_example_has_a_snapshot_and_no_snapshot_is_stale():
    assert set(SNAPSHOTS.rglob("*.yml")) == {
        _snapshot_file(component, example) for component, example in EXAMPLES
    }


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_interactive_parts_are_reached_by_tab_with_a_visible_focus_indicator(
    chromium: Chromium, component: Component
):
    assert chromium.focus_problems[component.name] == []


# An example page is not a guide page: read-aloud has no guide to read there (its reading list is a
# guide's).
@pytest.mark.a11y(skip_rules=["guidekit:read-aloud-no-list"])
@pytest.mark.parametrize("theme", ["standard", "silver"])
def test_every_example_passes_the_whole_gate_through_the_pytest_plugin(a11y, theme, tmp_path):
    """The gate a developer's suite runs (guidekit.pytest_plugin) on each example alone on its page:
    axe and every browser check, each finding located at its component example."""
    for component, example in EXAMPLES:
        page = example_page([(component.name, render_example(component, example, 2))], theme)
        (tmp_path / f"{component.name}-{example['name']}.html").write_text(page, "utf-8")
    a11y.check(tmp_path, theme=theme)


EMBEDDED = ("breadcrumbs", "key-facts", "warning", "materials", "steps", "details", "place", "help")


@pytest.mark.parametrize("theme", ["standard", "silver"])
def test_components_keep_their_theme_in_a_developers_page(a11y, theme):
    """An app's page with its own typography (the browser's 16 px and line height, its own column)
    and the embeddable stylesheet: silver components stay large there, as a11y.component checks
    them on guidekit's page (they were once 16 px with lines 1.2 apart, 'the silver theme's font
    size' to fix)."""
    env = jinja.install(Environment())
    body = "".join(
        env.from_string("{{ component(name, params) }}").render(
            name=name, params=registry()[name].examples[0]["params"]
        )
        for name in EMBEDDED
    )
    a11y.check(
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>办事</title>'
        f"<style>{jinja.stylesheet(theme)} main {{ max-width: 36rem; }} h1 {{ line-height: 1.7; }}"
        "</style></head>"
        f"<body><main><h1>申领社会保障卡</h1>{body}</main></body></html>",
        theme=theme,
    )
