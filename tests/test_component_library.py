"""The component library itself: every folder complete, schemas sound, examples valid, READMEs
true, weight in budget."""

from __future__ import annotations

import gzip
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment

from guidekit import jinja
from guidekit.component_registry import COMMON_PARAMS, ComponentParamsError, registry
from guidekit.messages import LANGUAGES, ui_text
from guidekit.source.content_model import GuideMeta
from guidekit.theme import THEME_NAMES

REPO = Path(__file__).resolve().parents[1]
COMPONENTS = sorted(registry().values(), key=lambda component: component.name)
# The issue's list: every one of these must exist.
REQUIRED = {
    "steps",
    "warning",
    "information",
    "example",
    "key-facts",
    "materials",
    "place",
    "fees",
    "details",
    "help",
    "call-to-action",
    "attachment",
    "notification-banner",
    "last-reviewed",
    "related-links",
    "breadcrumbs",
    "skip-link",
    "language-switch",
    "silver-switch",
    "read-aloud",
}
CSS_BUDGET, JS_BUDGET = 8 * 1024, 4 * 1024


def test_the_library_has_every_component_the_issue_lists():
    assert set(registry()) >= REQUIRED


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_component_folder_is_complete(component):
    for name in ("component.yml", "macro.html.j2", "style.css", "README.md"):
        assert component.folder.joinpath(name).is_file(), (
            f"components/{component.name}/{name} is missing"
        )
    assert set(component.description) == set(LANGUAGES)
    assert component.examples, "every component needs at least one named example"
    names = [example["name"] for example in component.examples]
    assert len(names) == len(set(names)), "example names must be unique"
    for param in component.params.values():
        assert param.description, f"{component.name}.{param.name} needs a description"
        assert set(param.types) <= {"string", "html", "integer", "boolean", "list", "object"}


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_every_example_fits_its_schema(component):
    for example in component.examples:
        assert component.check(example.get("params") or {}) == [], (
            f"{component.name}/{example['name']}"
        )


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_css_uses_design_tokens_only(component):
    """No hard-coded colours or sizes: every colour and length comes from themes/*/tokens.css."""
    css = component.folder.joinpath("style.css").read_text("utf-8")
    declarations = re.findall(r"([\w-]+)\s*:\s*([^;{}]+)", re.sub(r"@media[^{]+\{", "", css))
    for prop, value in declarations:
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", value), (
            f"{component.name}: colour in {prop}: {value}"
        )
        lengths = re.findall(r"(?<![\w.-])(\d*\.?\d+)(px|rem|pt)\b", value)
        assert not [length for length in lengths if float(length[0]) > 2], (
            f"{component.name}: size in {prop}: {value}"
        )


def test_wrong_params_are_explained_in_the_callers_language():
    steps = registry()["steps"]
    with pytest.raises(ComponentParamsError) as error:
        jinja.render_component(
            _env(), "steps", {"steps": "不是列表", "colour": "red", "lang": "zh-Hans"}
        )
    assert "参数“steps”应该是列表" in str(error.value)
    assert "没有参数“colour”" in str(error.value)
    assert [problem.kind for problem in error.value.problems] == ["unknown", "type"]
    english = steps.describe(steps.check({})[0], "en")
    assert (
        english
        == "::: steps lacks its list: write one on the lines below ::: steps, one item per line "
        "starting with '1. ' or '- ', up to the closing :::."
    )
    switch = registry()["silver-switch"]
    assert "silver、standard" in switch.describe(
        switch.check({"href": "/", "to": "large"})[0], "zh-Hant"
    )


def test_a_component_with_nothing_to_show_is_refused():
    """help without any of its params drew its heading over an empty box."""
    with pytest.raises(ComponentParamsError) as error:
        jinja.render_component(_env(), "help", {"heading_level": 2, "lang": "en"})
    assert str(error.value) == (
        "The component 'help' has nothing in it: readers would see an empty box. Give at least one"
        " of content, phone, volunteers, counter."
    )
    assert "gk-help" in jinja.render_component(_env(), "help", {"phone": "12333"})


def test_every_param_a_component_needs_one_of_is_its_own():
    for component in COMPONENTS:
        assert set(component.needs_one_of) <= set(component.params), component.name


_CRUMBS = {"items": [{"text": "首页", "href": "/"}, {"text": "申领社会保障卡"}]}


def test_lang_takes_the_tags_apps_use_and_refuses_a_language_without_ui_text():
    """A Django app's zh-hans and a phone's zh-TW name languages guidekit speaks; fr was drawn in
    Chinese without a word."""
    traditional = jinja.render_component(_env(), "breadcrumbs", {**_CRUMBS, "lang": "zh-hant"})
    assert (
        jinja.render_component(_env(), "breadcrumbs", {**_CRUMBS, "lang": "zh-TW"}) == traditional
    )
    assert 'aria-label="' + ui_text("zh-Hant", "breadcrumbs") + '"' in traditional
    with pytest.raises(ComponentParamsError) as error:
        jinja.render_component(_env(), "breadcrumbs", {**_CRUMBS, "lang": "fr"})
    assert str(error.value) == "组件“breadcrumbs”的参数“lang”只能是 zh-Hans、zh-Hant、en 中的一个。"


def test_common_params_are_on_every_component():
    for component in COMPONENTS:
        assert set(COMMON_PARAMS) <= set(component.params)


def _env() -> Environment:
    return jinja.install(Environment())


def _readme_blocks(component, language: str) -> list[str]:
    text = component.folder.joinpath("README.md").read_text("utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_readme_documents_both_ways_of_use(component):
    text = component.folder.joinpath("README.md").read_text("utf-8")
    assert "## From Markdown" in text and "## From Jinja2" in text
    assert _readme_blocks(component, "jinja"), "the README shows a Jinja2 call"
    if component.markdown:
        assert any(
            f"::: {component.name}" in block for block in _readme_blocks(component, "markdown")
        )


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_readme_jinja_usage_renders(component):
    for block in _readme_blocks(component, "jinja"):
        html = _env().from_string(block).render()
        assert "gk-" in html


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_readme_front_matter_usage_is_valid(component):
    for block in _readme_blocks(component, "yaml"):
        for document in re.split(r"^# or$", block, flags=re.M):
            fields = yaml.safe_load(document)
            GuideMeta.model_validate({"title": "t", "summary": "s", "lang": "zh-Hans", **fields})


@pytest.mark.parametrize("component", [c for c in COMPONENTS if c.markdown], ids=lambda c: c.name)
def test_readme_markdown_usage_builds_without_findings(component, tmp_path):
    from guidekit.build import build

    blocks = _readme_blocks(component, "markdown")
    source = tmp_path / "guides"
    (source / "files").mkdir(parents=True)
    (source / "guidekit.toml").write_text("gallery = false\n", "utf-8")
    for name in ("shebaoka-form.pdf",):
        (source / "files" / name).write_bytes(b"%PDF-1.4\n" + b"0" * 3000)
    body = "\n\n".join(blocks)
    (source / "guide.md").write_text(
        f"---\ntitle: 示例\nsummary: 示例。\nlang: zh-Hans\n---\n\n{body}\n", "utf-8"
    )
    result = build(source, tmp_path / "site", check=False)
    assert [
        finding.message for finding in result.findings if not finding.rule.startswith("lint:")
    ] == []
    html = (tmp_path / "site" / "guide.html").read_text("utf-8")
    assert f'class="gk-{component.name.split("-")[0]}' in html


def _gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9))


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_component_css_stays_under_its_budget(theme):
    assert _gzipped(jinja.stylesheet(theme)) < CSS_BUDGET


def test_component_js_stays_under_its_budget():
    assert 0 < _gzipped(jinja.script()) < JS_BUDGET


def test_readme_reports_the_current_weight():
    """The figures in the README are the real ones (to 0.2 KB), so a change in weight shows up in
    review."""
    readme = (REPO / "README.md").read_text("utf-8")
    css = re.search(r"component CSS: ([\d.]+) KB \(standard\), ([\d.]+) KB \(silver\)", readme)
    js = re.search(r"component JavaScript: ([\d.]+) KB", readme)
    assert css and js, "README.md states the weight of the component CSS and JavaScript"
    actual = [_gzipped(jinja.stylesheet(theme)) / 1024 for theme in THEME_NAMES] + [
        _gzipped(jinja.script()) / 1024
    ]
    stated = [float(css.group(1)), float(css.group(2)), float(js.group(1))]
    assert all(abs(a - s) <= 0.2 for a, s in zip(actual, stated, strict=False)), (
        f"README says {stated} KB, measured {[round(a, 2) for a in actual]} KB"
    )


def test_example_fixtures_mark_trusted_markup_explicitly():
    """Text in examples is escaped like any text, unless tagged !html."""
    steps = registry()["steps"]
    trusted = steps.examples[1]["params"]["steps"][0]["content"]
    assert hasattr(trusted, "__html__")
    html = (
        _env().from_string('{{ component("warning", {"content": text}) }}').render(text="<b>x</b>")
    )
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_yaml_blocks_in_readmes_are_real_front_matter():
    documented = [c.name for c in COMPONENTS if _readme_blocks(c, "yaml")]
    assert {"fees", "materials", "place"} <= set(documented), textwrap.shorten(str(documented), 200)
