"""Stage 3, enrich: links to guides become pages, files must exist inside SOURCE, components take
the outline's level."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from guidekit.component_registry import markdown_components
from guidekit.findings import Severity
from guidekit.guide import images
from guidekit.guide.enrich import (
    HEADING_LEVEL,
    REGION_LABEL,
    SITE_PATH,
    SiteGuides,
    enrich_guide,
    page_path,
)
from guidekit.guide.parse import parse_guide, read_tokens
from guidekit.source.load import load_guides

from .conftest import body_line, guide, picture, write_site

PNG = picture()


def enrich_site(source: Path, files: dict[str, str | bytes], rel: str):
    """Load and parse every guide of the site, then enrich the one at ``rel``."""
    write_site(source, files)
    loaded = load_guides(source, "zh-Hans")
    assert not loaded.findings, loaded.findings
    target = next(g for g in loaded.guides if g.rel == rel)
    parsed, findings = parse_guide(target, read_tokens(target.body), markdown_components())
    assert not findings, findings
    return enrich_guide(parsed, source, SiteGuides(frozenset(g.rel for g in loaded.guides)))


def inline_tokens(enriched, kind: str):
    return [
        child
        for token in enriched.parsed.tokens
        for child in token.children or []
        if child.type == kind
    ]


def test_page_path_maps_a_guide_file_to_its_page():
    assert page_path("zh-Hans/pension.md") == "zh-Hans/pension.html"


def test_links_to_other_guides_point_at_their_pages_keeping_the_anchor(tmp_path):
    files = {
        "zh-Hans/card.md": guide(
            "先看[领取养老金](pension.md#办理流程)，再看[英文版](../en/card.md)。\n"
        ),
        "zh-Hans/pension.md": guide("## 办理流程\n"),
        "en/card.md": guide(lang="en", title="Card", summary="Apply."),
    }
    enriched, findings = enrich_site(tmp_path, files, "zh-Hans/card.md")
    assert findings == []
    assert [link.meta[SITE_PATH] for link in inline_tokens(enriched, "link_open")] == [
        "zh-Hans/pension.html#" + quote("办理流程"),  # markdown-it percent-encodes; browsers decode
        "en/card.html",
    ]


def test_images_and_attachments_inside_source_are_collected_as_assets(tmp_path):
    files = {
        "zh-Hans/card.md": guide(
            "![服务中心门口](../images/door.png)\n\n[下载申请表](files/form.pdf)\n"
        ),
        "images/door.png": PNG,
        "zh-Hans/files/form.pdf": b"%PDF-1.4\n",
    }
    enriched, findings = enrich_site(tmp_path, files, "zh-Hans/card.md")
    assert findings == []
    assert inline_tokens(enriched, "image")[0].meta[SITE_PATH] == "images/door.png"
    assert {(a.site_path, a.source) for a in enriched.assets} == {
        ("images/door.png", (tmp_path / "images/door.png").resolve()),
        ("zh-Hans/files/form.pdf", (tmp_path / "zh-Hans/files/form.pdf").resolve()),
    }


@pytest.mark.parametrize(
    ("markdown", "rule", "needle"),
    [
        ("[养老金](pension.md)", "link-missing-guide-link", "不存在"),
        ("![服务中心门口](images/door.png)", "link-missing-image", "找不到图片"),
        ("[申请表](files/form.pdf)", "link-missing-file", "找不到链接的文件"),
        ("![密码](../../../etc/passwd)", "link-path-outside", "指南文件夹以外"),
        ("[密码](/etc/passwd)", "link-path-outside", "指南文件夹以外"),
        ("[上一级](../../secret.txt)", "link-path-outside", "指南文件夹以外"),
    ],
)
def test_a_missing_target_or_a_path_leaving_source_is_refused_with_its_line(
    tmp_path, markdown, rule, needle
):
    text = guide(f"第一段。\n\n第二段\n{markdown}\n")
    source = tmp_path / "guides"
    (tmp_path / "secret.txt").write_text("outside")
    enriched, findings = enrich_site(source, {"zh-Hans/card.md": text}, "zh-Hans/card.md")
    assert [(f.rule, f.file, f.line) for f in findings] == [
        (rule, "zh-Hans/card.md", body_line(text, markdown))
    ]
    assert needle in findings[0].message
    assert enriched.assets == []


def test_a_symlink_that_leads_out_of_source_is_refused(tmp_path):
    (tmp_path / "outside.png").write_bytes(PNG)
    source = tmp_path / "guides"
    text = guide("![门](door.png)\n", lang="en")
    write_site(source, {"card.md": text})
    os.symlink(tmp_path / "outside.png", source / "door.png")
    _, findings = enrich_site(source, {}, "card.md")
    assert [(f.rule, f.line) for f in findings] == [("link-path-outside", body_line(text, "![门]"))]
    assert findings[0].message.startswith("'door.png' points outside the guides folder")


def test_components_take_their_heading_level_from_the_outline_and_tables_their_name(tmp_path):
    text = guide(
        "::: help\n甲\n:::\n\n## 办理流程\n\n::: help\n乙\n:::\n\n### 材料\n\n| 名称 | 份数 "
        "|\n|---|---|\n| "
        "身份证 | 1 |\n\n"
        "::: help\n丙\n:::\n\n#### 细节\n\n##### 更细\n\n###### 最细\n\n::: help\n丁\n:::\n"
    )
    enriched, _ = enrich_site(tmp_path, {"card.md": text}, "card.md")
    tokens = enriched.parsed.tokens
    assert [t.meta[HEADING_LEVEL] for t in tokens if t.type == "container_component_open"] == [
        2,
        3,
        4,
        6,
    ]
    assert [t.meta[REGION_LABEL] for t in tokens if t.type == "table_open"] == ["材料"]


def test_tables_under_one_heading_are_numbered_and_a_lone_one_keeps_its_heading(tmp_path):
    table = "| 项目 | 金额 |\n|---|---|\n| 工本费 | 20 元 |\n\n"
    text = guide(f"{table}## 收费\n\n{table}补办的：\n\n{table}## 材料\n\n{table}")
    enriched, _ = enrich_site(tmp_path, {"card.md": text}, "card.md")
    labels = [t.meta[REGION_LABEL] for t in enriched.parsed.tokens if t.type == "table_open"]
    assert labels == ["申领社会保障卡", "收费（表 1）", "收费（表 2）", "材料"]


@pytest.mark.parametrize(
    ("markdown", "rule", "said"),
    [
        ("![服务中心门口](images\\door.png)", "link-path-backslash", "images/door.png"),
        ("![服务中心门口](images/Door.PNG)", "link-path-case", "images/door.png"),
        # both at once: the backslash is named, the path given is the whole one that works
        ("[申请表](files\\Form.pdf)", "link-path-backslash", "files/form.pdf"),
    ],
)
def test_a_path_written_with_windows_habits_is_told_the_path_that_works(
    tmp_path, markdown, rule, said
):
    """A backslash, or letters in another case, found the file on the editor's Windows computer
    and nowhere else; the message said only 找不到图片 (found by an editor following the README)."""
    text = guide(f"第一段。\n\n{markdown}\n")
    files = {
        "zh-Hans/card.md": text,
        "zh-Hans/images/door.png": PNG,
        "zh-Hans/files/form.pdf": b"%PDF-1.4",
    }
    _, findings = enrich_site(tmp_path / "guides", files, "zh-Hans/card.md")
    assert [(f.rule, f.line) for f in findings] == [(rule, body_line(text, markdown))]
    assert f"({said})" in findings[0].message


@pytest.mark.parametrize(
    ("name", "content", "rule", "said"),
    [
        ("empty.png", b"", "link-image-empty", "图片“images/empty.png”是空文件"),
        (
            "fake.jpg",
            "窗口的样子".encode(),
            "link-image-unreadable",
            "图片“images/fake.jpg”不是能打开的 JPEG 图片",
        ),
        ("door.jpg", PNG, "link-image-wrong-type", "请把文件名改成 door.png"),
    ],
)
def test_an_image_that_would_show_broken_is_refused_at_each_line_showing_it(
    tmp_path, name, content, rule, said
):
    """A 0-byte image and a text file named .jpg passed lint and build, and were published as
    broken pictures (an outside editor's audit)."""
    text = guide(f"![社保中心大门](images/{name})\n\n第二段。\n\n![大门](images/{name})\n")
    files = {"zh-Hans/card.md": text, f"zh-Hans/images/{name}": content}
    _, findings = enrich_site(tmp_path, files, "zh-Hans/card.md")
    assert [(f.rule, f.severity, f.line) for f in findings] == [
        (rule, Severity.ERROR, body_line(text, "社保中心大门")),
        (rule, Severity.ERROR, body_line(text, "![大门]")),
    ]
    assert said in findings[0].message


def test_a_heavy_image_is_a_warning_with_its_weight_and_how_to_lighten_it(tmp_path):
    """A 22.5 MB picture was published silently, for readers on phone networks to download."""
    heavy = picture("PNG", 300)
    assert len(heavy) > images.HEAVY_IMAGE
    text = guide("![办事大厅全景](images/big.png)\n\n![大门](images/door.png)\n")
    files = {
        "zh-Hans/card.md": text,
        "zh-Hans/images/big.png": heavy,
        "zh-Hans/images/door.png": PNG,
    }
    enriched, findings = enrich_site(tmp_path, files, "zh-Hans/card.md")
    assert [(f.rule, f.severity, f.line) for f in findings] == [
        ("link-image-heavy", Severity.WARNING, body_line(text, "办事大厅全景"))
    ]
    assert f"有 {-(-len(heavy) // 1024)} KB" in findings[0].message
    assert "200 KB 以内" in findings[0].message
    assert len(enriched.assets) == 2  # still published


def test_an_image_a_front_matter_field_names_is_checked_as_one_at_that_field(tmp_path):
    """A material's sample that was an empty photo, or a 22.5 MB one, was published unchecked:
    only the images the body shows were (an outside editor's audit)."""
    heavy = picture("PNG", 300)
    fields = (
        "result: {name: 社会保障卡, kind: 证照, sample: forms/card.png}\n"
        "materials:\n"
        "  - name: 申请表\n"
        "    blank_form: forms/form.pdf\n"
        "    sample: forms/filled.jpg\n"
        "  - name: 户口簿\n"
        "    sample: forms/hukou.png\n"
    )
    text = guide(fields=fields)
    files = {
        "zh-Hans/card.md": text,
        "zh-Hans/forms/card.png": picture("JPEG", 2),
        "zh-Hans/forms/form.pdf": b"%PDF-1.4",  # no image: not read as one
        "zh-Hans/forms/filled.jpg": b"",
        "zh-Hans/forms/hukou.png": heavy,
    }
    _, findings = enrich_site(tmp_path, files, "zh-Hans/card.md")
    assert sorted((f.line, f.rule, f.severity) for f in findings) == [
        (body_line(text, "card.png"), "link-image-wrong-type", Severity.ERROR),
        (body_line(text, "filled.jpg"), "link-image-empty", Severity.ERROR),
        (body_line(text, "hukou.png"), "link-image-heavy", Severity.WARNING),
    ]
    said = {f.rule: f.message for f in findings}
    assert "请把文件名改成 card.jpg" in said["link-image-wrong-type"]
    assert "图片“forms/filled.jpg”是空文件" in said["link-image-empty"]
    assert f"有 {-(-len(heavy) // 1024)} KB" in said["link-image-heavy"]


def test_an_image_file_a_link_in_the_text_opens_is_checked_as_one_at_that_line(tmp_path):
    """[样表](forms/filled.jpg): an empty photo of a filled-in form that a link opens was published
    unchecked, as the front-matter fields' were; a document it links to is not read as an image."""
    text = guide("照着[填好的样表](forms/filled.jpg)填写。\n\n下载[空白表](forms/form.pdf)。\n")
    files = {
        "zh-Hans/card.md": text,
        "zh-Hans/forms/filled.jpg": b"",
        "zh-Hans/forms/form.pdf": b"%PDF-1.4",
    }
    _, findings = enrich_site(tmp_path, files, "zh-Hans/card.md")
    assert [(f.line, f.rule) for f in findings] == [
        (body_line(text, "filled.jpg"), "link-image-empty")
    ]


def test_an_image_is_read_once_however_many_times_and_guides_show_it(tmp_path):
    shown = "![大门](../images/door.png)\n\n![大门](../images/door.png)\n"
    files = {
        "zh-Hans/a.md": guide(shown),
        "zh-Hans/b.md": guide(shown, title="补领社会保障卡"),
        "images/door.png": PNG,
    }
    before = images.image_format.cache_info().misses
    for written, rel in ((files, "zh-Hans/a.md"), ({}, "zh-Hans/b.md")):
        _, findings = enrich_site(tmp_path, written, rel)
        assert findings == []
    assert images.image_format.cache_info().misses == before + 1
