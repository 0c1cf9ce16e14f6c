"""The component gallery the build writes: one page per component, in every theme."""

from __future__ import annotations

import html as html_text
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.component_registry import registry
from guidekit.site.gallery import english_text


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("gallery") / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text("gallery = true\n", "utf-8")
    (source / "card.md").write_text(
        "---\ntitle: 申领社保卡\nsummary: 带身份证去办。\nlang: zh-Hans\n---\n\n正文。\n", "utf-8"
    )
    out = source.parent / "site"
    assert build(source, out, check=False).published
    return out


@pytest.mark.parametrize("prefix", ["", "silver/"])
def test_gallery_has_an_index_and_a_page_per_component_in_every_theme(site, prefix):
    index = (site / prefix / "components" / "index.html").read_text("utf-8")
    for name in registry():
        assert f'<a href="{name}.html">{name} 组件</a>' in index, (
            "a link that says where it goes, even for 'details'"
        )
        assert (site / prefix / "components" / f"{name}.html").is_file()
    assert "components/" not in (site / prefix / "index.html").read_text("utf-8"), (
        "citizens' pages never link to it"
    )


@pytest.mark.parametrize("name", sorted(registry()))
def test_a_component_page_shows_description_examples_usage_and_parameters(site, name):
    component = registry()[name]
    page = (site / "components" / f"{name}.html").read_text("utf-8")
    assert html_text.escape(component.description["zh-Hans"], quote=False) in page
    for example in component.examples:
        assert f'<h3 id="example-{example["name"]}" lang="en">{example["name"]}</h3>' in page
        assert html_text.escape(f'{{{{ component("{name}", ') in page, (
            "the Jinja2 call that renders the example"
        )
    assert "From Markdown</h3>" in page and "From Jinja2</h3>" in page, (
        "the README's usage, under the page's h2"
    )
    for param in component.params:
        assert f'<th scope="row"><code>{param}</code></th>' in page


def test_headings_inside_examples_sit_below_the_example_names(site):
    page = (site / "components" / "help.html").read_text("utf-8")
    assert '<h4 class="gk-help__title">' in page and '<h2 class="gk-help__title">' not in page


def test_a_site_can_leave_the_gallery_out(tmp_path):
    source = tmp_path / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text("gallery = false\n", "utf-8")
    (source / "card.md").write_text(
        "---\ntitle: 申领社保卡\nsummary: 带身份证去办。\nlang: zh-Hans\n---\n\n正文。\n", "utf-8"
    )
    assert build(source, tmp_path / "site", check=False).published
    assert not (tmp_path / "site" / "components").exists()
    assert "components/index.html" not in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_chinese_inside_english_developer_text_is_marked_with_its_language(site):
    assert (
        english_text("such as 社会保障卡申领表.")
        == 'such as <span lang="zh-Hans">社会保障卡申领表</span>.'
    )
    assert (
        english_text("labels (繁體中文, English)")
        == 'labels (<span lang="zh-Hant">繁體中文</span>, English)'
    )
    assert (
        english_text("defaults to “需要有人帮忙？” <b>")
        == 'defaults to “<span lang="zh-Hans">需要有人帮忙</span>？” &lt;b&gt;'
    )
    page = (site / "components" / "help.html").read_text("utf-8")
    assert 'such as <span lang="zh-Hans">青川市民服务热线</span>' in page, "in the parameters table"
    assert 'named “<span lang="zh-Hans">朗读</span>”' in (
        site / "components" / "read-aloud.html"
    ).read_text("utf-8"), "in the README"
