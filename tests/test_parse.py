"""Stage 2, parse: raw HTML and unsafe URLs are input errors with a line; components are checked;
blocks keep their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.component_registry import markdown_components
from guidekit.guide.parse import (
    LINE_ATTRIBUTE,
    heading_slug,
    is_unsafe_url,
    parse_guide,
    read_tokens,
)
from guidekit.source.load import load_guide

from .conftest import body_line, guide, write_site


def parse_text(tmp_path: Path, text: str, rel: str = "zh-Hans/card.md"):
    write_site(tmp_path, {rel: text})
    loaded, findings = load_guide(tmp_path / rel, rel, "zh-Hans")
    assert loaded is not None and not findings, findings
    return parse_guide(loaded, read_tokens(loaded.body), markdown_components())


def located_rules(findings) -> list[tuple[int, str]]:
    return sorted((f.line, f.rule) for f in findings)


def test_a_plain_guide_parses_without_findings(tmp_path):
    _, findings = parse_text(
        tmp_path,
        guide(
            "## 办理流程\n\n1. 带身份证\n2. 取号\n\n| 项目 | 费用 |\n|---|---|\n| 工本费 | 0 |\n"
        ),
    )
    assert findings == []


def test_a_raw_html_block_is_refused_with_its_line_in_chinese(tmp_path):
    text = guide("第一段。\n\n<script>alert(1)</script>\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [(body_line(text, "<script>"), "markdown-raw-html")]
    assert "不能直接写 HTML" in findings[0].message and "<script>" in findings[0].message
    assert findings[0].file == "zh-Hans/card.md"


def test_inline_raw_html_is_refused_on_the_line_of_the_paragraph_it_sits_on(tmp_path):
    text = guide("第一行没有问题，\n第二行有 <span>标签</span>。\n", lang="en")
    _, findings = parse_text(tmp_path, text)
    line = body_line(text, "<span>")
    assert located_rules(findings) == [(line, "markdown-raw-html"), (line, "markdown-raw-html")]
    assert findings[0].message.startswith("Raw HTML is not allowed")


def test_a_level_one_heading_in_the_body_is_refused_because_the_title_is_the_only_h1(tmp_path):
    text = guide("## 办理流程\n\n# 第二个标题\n\n正文。\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [(body_line(text, "# 第二个标题"), "markdown-second-title")]
    assert "##" in findings[0].message


def test_html_inside_code_is_shown_as_code_not_refused(tmp_path):
    _, findings = parse_text(
        tmp_path, guide("```html\n<script>alert(1)</script>\n```\n\n行内 `<b>代码</b>`。\n")
    )
    assert findings == []


@pytest.mark.parametrize(
    "markdown",
    [
        "[点这里](javascript:alert(1))",
        "[点这里](JAVASCRIPT:alert(1))",
        "[点这里](JavaScript:alert(1))",
        "[点这里](vbscript:msgbox(1))",
        "[点这里](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[点这里](java&#x09;script:alert(1))",
        "[点这里](<java\tscript:alert(1)>)",
        "[点这里](jav&#x61;script:alert(1))",
        "<javascript:alert(1)>",
        "[点这里](data:image/png;base64,iVBORw0KGgo=)",
        "![图片](javascript:alert(1))",
        "![图片](data:text/html,<script>alert(1)</script>)",
    ],
)
def test_unsafe_link_schemes_are_refused_with_their_line(tmp_path, markdown):
    text = guide(f"前面一段。\n\n{markdown}\n")
    _, findings = parse_text(tmp_path, text)
    assert [f.rule for f in findings] == ["markdown-unsafe-link"]
    assert findings[0].line == text.split("\n").index(markdown) + 1
    assert "不安全" in findings[0].message


def test_a_reference_link_is_refused_where_it_is_used(tmp_path):
    text = guide("请[点这里][入口]。\n\n[入口]: javascript:alert(1)\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [(body_line(text, "请[点这里]"), "markdown-unsafe-link")]


@pytest.mark.parametrize(
    "markdown",
    [
        "[网办入口](https://example.gov.cn/banshi)",
        "[网站](http://example.gov.cn/)",
        "[写信](mailto:help@example.gov.cn)",
        "[打电话](tel:12333)",
        # phone and mail links as people write them
        "[打电话](tel:+86-10-12345678)",
        "[打电话](tel:010-12345678,23)",
        "[写信](mailto:wza@example.gov.cn?subject=%E5%92%A8%E8%AF%A2)",
        "[本页](#办理流程)",
        "[下载表格](files/form.pdf)",
        "![社保服务中心门口](data:image/png;base64,iVBORw0KGgo=)",
        "![社保服务中心门口](DATA:IMAGE/GIF;base64,R0lGODlhAQABAAAAACw=)",
    ],
)
def test_safe_links_and_data_images_pass(tmp_path, markdown):
    _, findings = parse_text(tmp_path, guide(f"{markdown}\n"))
    assert findings == []


def test_is_unsafe_url_ignores_what_browsers_ignore_inside_a_scheme():
    assert is_unsafe_url("java\tscript:alert(1)")
    assert is_unsafe_url("\x01javascript:alert(1)")
    assert is_unsafe_url("java\nscript:alert(1)")
    assert is_unsafe_url("data:image/svg+xml;base64,PHN2Zz4=", image=True)  # SVG can carry script
    assert not is_unsafe_url("data:image/webp;base64,UklGRg==", image=True)
    assert not is_unsafe_url("pension.md#fees")


def test_an_unknown_component_is_refused_with_its_line_and_the_known_names(tmp_path):
    text = guide("## 注意事项\n\n::: warnning 小心\n内容\n:::\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [
        (body_line(text, "::: warnning"), "markdown-unknown-component")
    ]
    assert "warnning" in findings[0].message and "warning" in findings[0].message.replace(
        "warnning", ""
    )


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("zh-Hans", "call-to-action、details"),
        ("zh-Hant", "call-to-action、details"),
        ("en", "call-to-action, details"),
    ],
)
def test_the_known_components_are_listed_the_way_the_guides_language_lists(tmp_path, lang, names):
    _, findings = parse_text(tmp_path, guide("::: warnning\n内容\n:::\n", lang=lang))
    assert names in findings[0].message, findings[0].message


def test_an_unclosed_component_is_refused_at_its_opening_line(tmp_path):
    text = guide("::: warning 小心\n第一段。\n\n第二段，后面没有结束的冒号。\n", lang="en")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [
        (body_line(text, "::: warning"), "markdown-unclosed-component")
    ]
    assert "never closed" in findings[0].message


def test_nested_components_with_more_colons_outside_are_accepted(tmp_path):
    _, findings = parse_text(
        tmp_path, guide(":::: help\n::: details 可以代办吗？\n可以。\n:::\n::::\n")
    )
    assert findings == []


def test_all_problems_of_a_body_are_reported_in_one_pass(tmp_path):
    text = guide("<div>块</div>\n\n[甲](javascript:x)\n\n::: nosuch\n内容\n:::\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [
        (body_line(text, "<div>"), "markdown-raw-html"),
        (body_line(text, "[甲]"), "markdown-unsafe-link"),
        (body_line(text, "::: nosuch"), "markdown-unknown-component"),
    ]


def test_heading_ids_keep_chinese_and_are_stable_and_unique(tmp_path):
    text = guide(
        "## 办理 流程？\n\n甲\n\n## 办理 流程？\n\n乙\n\n### 申请材料（原件）\n\n## Fees & Costs\n"
    )
    parsed, _ = parse_text(tmp_path, text)
    ids = [token.attrGet("id") for token in parsed.tokens if token.type == "heading_open"]
    assert ids == ["办理-流程", "办理-流程-1", "申请材料原件", "fees--costs"]
    again, _ = parse_text(tmp_path, text)
    assert [token.attrGet("id") for token in again.tokens if token.type == "heading_open"] == ids
    assert heading_slug("  ") == "section"


def test_every_block_and_link_carries_its_source_line(tmp_path):
    text = guide(
        "## 办理流程\n\n第一段，\n接着[链接](https://example.gov.cn)。\n\n- 一\n- 二\n\n::: "
        "warning\n小心\n:::\n"
    )
    parsed, _ = parse_text(tmp_path, text)
    lines = {
        (token.type, token.content if token.type == "inline" else None): token.attrGet(
            LINE_ATTRIBUTE
        )
        for token in parsed.tokens
        if token.attrGet(LINE_ATTRIBUTE)
    }
    assert lines[("heading_open", None)] == str(body_line(text, "## 办理流程"))
    assert lines[("bullet_list_open", None)] == str(body_line(text, "- 一"))
    assert lines[("container_component_open", None)] == str(body_line(text, "::: warning"))
    link = next(
        child
        for token in parsed.tokens
        for child in token.children or []
        if child.type == "link_open"
    )
    assert link.attrGet(LINE_ATTRIBUTE) == str(body_line(text, "接着[链接]"))
    paragraphs = [
        token.attrGet(LINE_ATTRIBUTE) for token in parsed.tokens if token.type == "paragraph_open"
    ]
    assert paragraphs[0] == str(body_line(text, "第一段"))


def test_a_footnote_is_refused_at_its_mark_and_at_its_note_with_what_to_write_instead(tmp_path):
    """A footnote's note became a link to a guide named after the note's text ("链接指向的指南
    ‘身份证要在有效期内。’不存在"), and a mark without a note was printed as [^2]."""
    text = guide("记得带上[^1]。\n\n[^1]: 身份证要在有效期内。\n\n还要带照片[^2]。\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [
        (body_line(text, "记得带上"), "markdown-footnote"),
        (body_line(text, "[^1]:"), "markdown-footnote"),
        (body_line(text, "照片"), "markdown-footnote"),
    ]
    assert "[^1]" in findings[0].message and "::: information" in findings[0].message


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("[电话](tel:abc)", "markdown-phone-link-without-number"),
        ("[电话](tel:)", "markdown-phone-link-without-number"),
        ("[邮箱](mailto:)", "markdown-mail-link-without-address"),
        ("[邮箱](mailto:wza)", "markdown-mail-link-without-address"),
        ("[邮箱](mailto:?subject=咨询)", "markdown-mail-link-without-address"),
    ],
)
def test_a_phone_or_mail_link_that_reaches_nobody_is_refused_at_its_line(tmp_path, written, rule):
    """A tel: link with no number and a mailto: link with no address were published: the reader
    taps "电话" and nothing is dialled."""
    text = guide(f"第一段。\n\n咨询请用{written}。\n")
    _, findings = parse_text(tmp_path, text)
    assert located_rules(findings) == [(body_line(text, "咨询请用"), rule)]
    assert written.split("(")[1].rstrip(")").split("?")[0] in findings[0].message


def test_an_empty_heading_is_refused_at_its_line(tmp_path):
    """A line "##" alone made an empty <h2>: the gate refused the built page (axe empty-heading), but
    guidekit lint, which runs without a browser, said nothing."""
    text = guide("## 要带什么\n\n身份证。\n\n##\n\n正文。\n")
    _, findings = parse_text(tmp_path, text)
    line = text.split("\n").index("##") + 1
    assert located_rules(findings) == [(line, "markdown-empty-heading")]
