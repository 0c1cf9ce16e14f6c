"""One `guidekit lint` run reports everything the Markdown shows: the gate's content rules, links to
missing guides, files and headings, and the body of a guide whose front matter failed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lint_helpers import line_of, write_guide

from guidekit.build import build
from guidekit.cli import main
from tests.conftest import picture

GUIDE = """\
---
title: 办理居住证
summary: 带身份证去派出所办。
lang: zh-Hans
---

## 办理材料

![](pic.png)

[点击这里](https://example.gov.cn/a)

[社保卡申领](card.md) 和 [社保卡申领](https://example.gov.cn/card)

[积分](points.md) [不存在的指南](missing.md) [按标题写的](社会保障卡.md) [空链接]() [本页](#没有这节)

#### 跳级的标题

| | |
|---|---|
| 身份证 | 1 份 |
"""

BROKEN = """\
---
title: 社会保障卡
summary 少了冒号
lang: zh-Hans
---

![](card.png) 请点击[这里](permit.md)
"""


def lint_json(folder) -> dict:
    result = CliRunner().invoke(main, ["lint", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def findings_of(document: dict, file: str) -> set[tuple[str, int]]:
    return {
        (finding["rule"], finding["line"])
        for finding in document["findings"]
        if finding["file"] == file
    }


def test_every_problem_the_markdown_shows_comes_in_one_lint_run(tmp_path):
    permit = write_guide(tmp_path, "zh-Hans/permit.md", GUIDE)
    write_guide(tmp_path, "zh-Hans/card.md", BROKEN)
    write_guide(
        tmp_path,
        "zh-Hans/points.md",
        "---\ntitle: 积分\nsummary: 积分怎么算。\nlang: zh-Hans\n---\n\n正文。\n",
    )
    document = lint_json(tmp_path)
    found = findings_of(document, "zh-Hans/permit.md")
    links = line_of(permit, "[积分]")
    assert {
        ("guidekit:image-alt", line_of(permit, "![](pic.png)")),
        ("link-missing-image", line_of(permit, "![](pic.png)")),
        ("guidekit:link-purpose", line_of(permit, "点击这里")),
        ("guidekit:link-same-text", line_of(permit, "[社保卡申领](card.md)")),
        ("link-missing-guide-link", links),
        ("guidekit:link-target", links),
        ("guidekit:broken-anchor", links),
        ("guidekit:heading-order", line_of(permit, "####")),
        ("guidekit:table-header", line_of(permit, "| | |")),
    } <= found
    # the guide whose front matter failed: its own error, and its body checked all the same
    assert {
        ("content-yaml-syntax", 3),
        ("guidekit:image-alt", 7),
        ("guidekit:link-purpose", 7),
        ("link-missing-image", 7),
    } <= findings_of(document, "zh-Hans/card.md")
    messages = {
        finding["rule"]: finding["message"]
        for finding in document["findings"]
        if finding["file"] == "zh-Hans/permit.md"
    }
    # the order of a report is by file: that guide's problems may come before or after
    assert messages["link-linked-guide-broken"].startswith(
        "链接到的指南“card.md”本身有错误，见本次报告里 zh-Hans/card.md 的问题"
    )
    assert (
        "link-missing-guide-link-title" not in messages
    )  # the guide titled 社会保障卡 failed to load
    assert any("“missing.md”不存在" in finding["message"] for finding in document["findings"])
    assert len(document["summaries"]) == 3  # the broken guide is counted


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ("", "从第 1 级直接到第 4 级。请用第 2 级（##）"),
        # the page's 要点 (and 说明 over the opening text) stand above the body's sections
        ("fees: 不收费\n", "从第 2 级直接到第 4 级。请用第 3 级（###）"),
        # the questions come after the body's sections
        ("faq:\n  - {question: 要钱吗, answer: 不要}\n", "从第 1 级直接到第 4 级"),
    ],
)
def test_a_skipped_heading_level_is_counted_from_the_heading_above_it_on_the_page(
    tmp_path, fields, said
):
    """The message said 第 1 级 where the page put its own 说明 (an h2) above the heading."""
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        f"---\ntitle: 办理居住证\nsummary: 带身份证去办。\nlang: zh-Hans\n{fields}---\n\n"
        "带身份证去派出所办。\n\n#### 住满半年怎么证明\n\n带租房合同。\n",
    )
    [message] = [
        f["message"]
        for f in lint_json(tmp_path)["findings"]
        if f["rule"] == "guidekit:heading-order"
    ]
    assert said in message, message


def test_a_name_a_letter_off_or_of_another_type_is_suggested(tmp_path):
    """The editor was told only to check the file name (an outside editor's walkthrough)."""
    front = "---\ntitle: {title}\nsummary: 在网上查。\nlang: zh-Hans\n---\n\n"
    write_guide(
        tmp_path, "zh-Hans/chaxun-gongjijin.md", front.format(title="查询公积金") + "查。\n"
    )
    guide = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        front.format(title="办理居住证")
        + "先[查公积金](chaxun-gongjijing.md)。\n\n![派出所大门](../images/damen.jpg)\n\n"
        + "![窗口](../images/chuangkou.png)\n",
    )
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "damen.png").write_bytes(picture())
    found = {
        (f["rule"], f["line"]): f["message"]
        for f in lint_json(tmp_path)["findings"]
        if f["file"] == "zh-Hans/a.md"
    }
    assert found[("link-missing-guide-link-near", line_of(guide, "gongjijing"))] == (
        "链接指向的指南“chaxun-gongjijing.md”不存在。是不是 zh-Hans/chaxun-gongjijin.md？"
        "从这篇指南链接它，要写成 chaxun-gongjijin.md。"
    )
    assert found[("link-missing-image-near", line_of(guide, "damen.jpg"))] == (
        "找不到图片“../images/damen.jpg”。同一个文件夹里有 ../images/damen.png，是不是要写成它？"
    )
    # nothing like it: only the file name to check
    assert ("link-missing-image", line_of(guide, "chuangkou")) in found


def test_the_guide_a_link_meant_is_written_as_from_the_linking_guide(tmp_path):
    """Through another folder the suggestion was worked out from the folder the link pointed into:
    ../zh-Hant/x.md was told to write x.md, zh-Hans/x.md ../x.md (an outside tester)."""
    front = "---\ntitle: {title}\nsummary: 在网上查。\nlang: {lang}\n---\n\n"
    write_guide(
        tmp_path,
        "zh-Hant/credit-report.md",
        front.format(title="查詢報告", lang="zh-Hant") + "查。\n",
    )
    write_guide(
        tmp_path, "zh-Hans/card.md", front.format(title="申领社保卡", lang="zh-Hans") + "办。\n"
    )
    guide = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        front.format(title="办理居住证", lang="zh-Hans")
        + "[报告](../zh-Hant/credit-reprt.md)，[卡](zh-Hans/card.md)，[报告](zh-Hant/credit-report.md)。\n",
    )
    said = [
        f["message"]
        for f in lint_json(tmp_path)["findings"]
        if f["file"] == "zh-Hans/a.md"
        and f["line"] == line_of(guide, "[报告]")
        and f["rule"].startswith("link-missing-guide-link")
    ]
    assert sorted(message.rsplit("要写成 ", 1)[1] for message in said) == [
        "../zh-Hant/credit-report.md。",
        "../zh-Hant/credit-report.md。",
        "card.md。",
    ], said


def test_a_link_to_a_guide_saved_in_gbk_is_told_that_guides_own_problem(tmp_path):
    """The link was said to lead to a guide that does not exist, beside the GBK file's own
    finding (found by an outside editor's walkthrough)."""
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 办理居住证\nsummary: 带身份证去办。\nlang: zh-Hans\n---\n\n"
        "先[查询公积金](b.md)。\n",
    )
    path = tmp_path / "zh-Hans" / "b.md"
    path.write_bytes(
        "---\ntitle: 查询公积金\nsummary: 在网上查。\nlang: zh-Hans\n---\n\n在网上查。\n".encode(
            "gbk"
        )
    )
    found = {(f["file"], f["rule"]): f["message"] for f in lint_json(tmp_path)["findings"]}
    assert found[("zh-Hans/a.md", "link-linked-guide-broken")].startswith(
        "链接到的指南“b.md”本身有错误，见本次报告里 zh-Hans/b.md 的问题"
    )
    assert found[("zh-Hans/b.md", "content-not-utf8")].startswith("文件是 GBK 编码，不是 UTF-8")
    assert ("zh-Hans/a.md", "link-missing-guide-link") not in found


def test_links_and_images_are_checked_in_a_guide_whose_components_are_wrong(tmp_path):
    """An unknown or unclosed component does not hide the guide's missing links and images: the
    editor sees them all in the same run."""
    guide = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 甲\nsummary: 甲。\nlang: zh-Hans\n---\n\n[办理签证](qianzheng.md)\n\n"
        "::: warnning 小心\n不收费。\n:::\n\n::: warning\n![门口](door.png)\n",
    )
    assert {
        ("markdown-unknown-component", line_of(guide, "::: warnning")),
        ("markdown-unclosed-component", line_of(guide, "::: warning")),
        ("link-missing-guide-link", line_of(guide, "[办理签证]")),
        ("link-missing-image", line_of(guide, "![门口]")),
    } <= findings_of(lint_json(tmp_path), "zh-Hans/a.md")


def test_a_link_by_title_names_the_guide_file_and_decoded(tmp_path):
    write_guide(
        tmp_path,
        "zh-Hans/permit.md",
        GUIDE.replace("[按标题写的](社会保障卡.md)", "[按标题写的](积分.md)"),
    )
    write_guide(
        tmp_path,
        "zh-Hans/points.md",
        "---\ntitle: 积分\nsummary: 积分怎么算。\nlang: zh-Hans\n---\n\n正文。\n",
    )
    document = lint_json(tmp_path)
    (message,) = [
        f["message"] for f in document["findings"] if f["rule"] == "link-missing-guide-link-title"
    ]
    assert message == (
        "链接指向的指南“积分.md”不存在。标题是这个的指南文件是 zh-Hans/points.md：链接要写文件名，"
        "例如 [积分](points.md)。"
    )


def test_a_link_written_from_the_wrong_folder_is_told_the_path_that_reaches_it(tmp_path):
    """The file name is right, the folder is not: the message gives the path from this guide."""
    write_guide(
        tmp_path,
        "zh-Hans/permit.md",
        "---\ntitle: 办理居住证\nsummary: 带身份证办。\nlang: zh-Hans\n---\n\n正文。\n",
    )
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "door.png").write_bytes(picture())
    card = write_guide(
        tmp_path,
        "zh-Hant/card.md",
        "---\ntitle: 申請身分證\nsummary: 帶戶口名簿申請。\nlang: zh-Hant\n---\n\n"
        "見[辦理居住證](permit.md)。\n\n![門口](images/door.png)\n",
    )
    messages = {
        (finding["rule"], finding["line"]): finding["message"]
        for finding in lint_json(tmp_path)["findings"]
    }
    guide = messages[("link-missing-guide-link-folder", line_of(card, "permit.md"))]
    assert "zh-Hans/permit.md" in guide and "../zh-Hans/permit.md" in guide, guide
    image = messages[("link-missing-image-folder", line_of(card, "door.png"))]
    assert "../images/door.png" in image and "圖片" in image, image


def test_a_guide_linked_without_md_or_as_html_is_found(tmp_path):
    write_guide(
        tmp_path,
        "zh-Hans/points.md",
        "---\ntitle: 积分\nsummary: 积分怎么算。\nlang: zh-Hans\n---\n\n## 怎么算\n",
    )
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 甲\nsummary: 甲。\nlang: zh-Hans\n---\n\n"
        "[积分怎么算](points) [积分规则](points.html#怎么算) [积分页](points.md#不存在)\n",
    )
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--format", "json"])
    rules = [
        (f["rule"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["severity"] == "error"
    ]
    assert rules == [
        (
            "guidekit:broken-anchor",
            "链接指向的位置 #不存在 在 points.md 里不存在。请检查小标题的写法。",
        )
    ]


@pytest.mark.parametrize(
    ("body", "component"),
    [
        ("先看看[登记表](../files/form.pdf)。", "::: attachment\n[登记表](../files/form.pdf)\n:::"),
        (
            "先看看[登记表](../files/登记表.pdf)。",
            "::: attachment\n[登记表](../files/登记表.pdf)\n:::",
        ),
        ("先看看[办理积分](points.md)。", "::: call-to-action\n[办理积分](points.md)\n:::"),
    ],
)
def test_a_link_and_a_component_to_the_same_address_share_their_text(tmp_path, body, component):
    """lint said 登记表 was already used for another address when the body and an attachment linked
    the same file (lint alone checks a component's link after the page's links are written for the
    site): build and the gate said nothing."""
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "gallery = false\nways_in = false\n")
    for name in ("form.pdf", "登记表.pdf"):
        write_guide(source, f"files/{name}", "%PDF-1.4\n%%EOF\n")
    write_guide(
        source,
        "zh-Hans/points.md",
        "---\ntitle: 积分\nsummary: 积分怎么算。\nlang: zh-Hans\n---\n\n正文。\n",
    )
    write_guide(
        source,
        "zh-Hans/a.md",
        f"---\ntitle: 甲\nsummary: 甲。\nlang: zh-Hans\n---\n\n{body}\n\n## 下载\n\n{component}\n",
    )
    result = CliRunner().invoke(main, ["lint", str(source), "--format", "json"])
    linted = json.loads(result.stdout)["findings"]
    built = build(source, tmp_path / "site", check=False, cache=False).findings
    assert "guidekit:link-same-text" not in {f["rule"] for f in linted} | {f.rule for f in built}


@pytest.mark.parametrize(
    ("lang", "header", "said"),
    [
        ("zh-Hans", "| 材料 |  |", "表格第一行（表头）的第 2 列是空的"),
        ("zh-Hant", "|  | 份數 |", "表格第一行（表頭）的第 1 欄是空的"),
        ("en", "| Document |  |", "Column 2 of the table's first row (its header) is empty"),
    ],
)
def test_a_table_header_with_one_empty_cell_is_refused_at_its_line(tmp_path, lang, header, said):
    """Only a header row empty in every cell was found; the gate then refused one empty cell in
    axe's words (about role="none"), naming no line of the guide."""
    words = {"zh-Hans": "带身份证。", "zh-Hant": "帶身分證。", "en": "Bring your ID card."}[lang]
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "gallery = false\nways_in = false\n")
    path = write_guide(
        source,
        f"{lang}/a.md",
        f"---\ntitle: {words}\nsummary: {words}\nlang: {lang}\n---\n\n"
        f"{words}\n\n{header}\n|---|---|\n| {words} | 1 |\n",
    )
    document = lint_json(source)
    (finding,) = [f for f in document["findings"] if f["rule"] == "guidekit:table-header"]
    assert (finding["file"], finding["line"], finding["severity"]) == (
        f"{lang}/a.md",
        line_of(path, header),
        "error",
    )
    # what to write: the column named by what it holds
    assert finding["message"].startswith(said) and any(
        word in finding["message"] for word in ("“份数”", "「份數」", "'Copies'")
    ), finding["message"]
    built = build(source, tmp_path / "site", check=False, cache=False)
    assert not built.published
    assert [(f.rule, f.line) for f in built.findings if f.blocking] == [
        ("guidekit:table-header", line_of(path, header))
    ]


@pytest.mark.parametrize(
    ("lang", "line", "advice"),
    [
        (
            "zh-Hans",
            "先下载[申请表](../files/表格.docx)。",
            "一个 DOCX 文件",
        ),
        (
            "zh-Hant",
            "先下載[申請表](../files/form.pdf)。",
            "（上一行寫 ::: attachment，下一行寫 :::）",
        ),
        (
            "en",
            "Fill in the [application form](../files/form.pdf).",
            "(::: attachment on the line above",
        ),
        # an attachment must be a file in the guides folder
        ("zh-Hans", "先下载[申请表](https://example.gov.cn/a.pdf)。", "请在链接文字里写明，例如"),
    ],
)
def test_a_plain_link_to_a_file_is_told_to_say_its_type_and_size(tmp_path, lang, line, advice):
    """The gate refused it on the page (guidekit:link-download), and lint said nothing. Only a
    file in the guides folder can be an attachment, which says its type and size by itself."""
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "gallery = false\nways_in = false\n")
    for name in ("form.pdf", "表格.docx"):
        write_guide(source, f"files/{name}", "%PDF-1.4\n%%EOF\n")
    said = {"zh-Hans": "带身份证。", "zh-Hant": "帶身分證。", "en": "Bring your ID card."}[lang]
    path = write_guide(
        source,
        f"{lang}/a.md",
        f"---\ntitle: {said}\nsummary: {said}\nlang: {lang}\n---\n\n{line}\n\n"
        # what needs nothing: an attachment, text or a title that says the type and size, a link
        # to a guide
        "::: attachment\n[Form](../files/form.pdf)\n:::\n\n"
        '[Form (PDF, 1 KB)](../files/form.pdf) [Form 3](../files/form.pdf "PDF, 1 KB") '
        "[Form 2](a.md)\n",
    )
    document = lint_json(source)
    (finding,) = [f for f in document["findings"] if f["rule"] == "guidekit:link-download"]
    assert (finding["file"], finding["line"], finding["severity"]) == (
        f"{lang}/a.md",
        line_of(path, line),
        "error",  # as the gate holds a guidekit page
    )
    assert advice in finding["message"]
    built = build(source, tmp_path / "site", check=False, cache=False)
    assert [(f.rule, f.line) for f in built.findings if f.blocking] == [
        ("guidekit:link-download", line_of(path, line))
    ]


def test_build_refuses_on_the_same_findings_before_any_browser(tmp_path):
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "gallery = false\nways_in = false\n")
    write_guide(
        source,
        "zh-Hans/a.md",
        "---\ntitle: 甲\nsummary: 甲。\nlang: zh-Hans\n---\n\n[点击这里](https://example.gov.cn/)\n",
    )
    result = build(source, tmp_path / "site", check=False, cache=False)
    assert not result.published
    assert [(f.rule, f.line) for f in result.findings if f.blocking] == [
        ("guidekit:link-purpose", 7)
    ]


def test_a_link_to_the_top_of_the_page_reaches_it(tmp_path):
    """Browsers take #top to the top of the page whether or not an element is named so (the HTML
    standard's fragment rules); another name must still be a heading."""
    write_guide(
        tmp_path,
        "zh-Hans/top.md",
        "---\ntitle: 换证\nsummary: 怎么换证。\nlang: zh-Hans\n---\n\n## 材料\n\n正文。\n\n"
        "[回到页面顶部](#top)\n\n[回到页面顶部](#Top)\n\n[看收费](#收费)\n",
    )
    anchors = [
        line
        for rule, line in findings_of(lint_json(tmp_path), "zh-Hans/top.md")
        if rule == "guidekit:broken-anchor"
    ]
    assert anchors == [15]


COMPONENTS_WRITTEN_WRONG = """\
---
title: 甲
summary: 甲。
lang: zh-Hans
---

::: details
问题没有写。
:::

::: call-to-action
没有链接。
:::

::: steps
先说一句。
1. 第一步。
:::

::: related-links
不是列表。
:::

::: help
:::
"""


def test_lint_reports_a_component_written_wrong_as_the_build_does(tmp_path):
    """A `::: details` without its question, a call to action without its link, text outside a
    component's list: the build refuses them, so lint must say them too, with their lines."""
    guide = write_guide(tmp_path, "zh-Hans/a.md", COMPONENTS_WRITTEN_WRONG)
    expected = {
        ("component-params", line_of(guide, "::: details")),
        ("component-one-link", line_of(guide, "::: call-to-action")),
        ("component-needs-list", line_of(guide, "先说一句")),
        ("component-needs-list", line_of(guide, "不是列表")),
        ("component-params", line_of(guide, "::: help")),
    }
    document = lint_json(tmp_path)
    assert findings_of(document, "zh-Hans/a.md") >= expected
    messages = [f["message"] for f in document["findings"] if f["rule"] == "component-params"]
    assert messages == [
        "::: details 后面少了问题，请写在 ::: details 后面，同一行；回答写在下面几行，到结束的 ::: 为止。",
        # an empty help drew its heading over nothing
        "组件“help”里什么也没有，读者只会看到一个空框。请在 ::: help 和结束的 ::: 之间写内容。",
    ]


def test_a_build_says_wrong_components_with_the_other_problems_of_the_markdown(tmp_path):
    """Raw HTML stops the guide before it is rendered: the components written wrong are said in
    the same run all the same, not in the next one."""
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "gallery = false\nways_in = false\n")
    guide = write_guide(
        source,
        "zh-Hans/a.md",
        COMPONENTS_WRITTEN_WRONG + "\n::: warnning 小心\n不收费。\n:::\n\n第一行<br>第二行\n",
    )
    result = build(source, tmp_path / "site", check=False, cache=False)
    assert not result.published
    blocking = {(f.rule, f.line) for f in result.findings if f.blocking}
    assert {
        ("markdown-raw-html", line_of(guide, "<br>")),
        ("markdown-unknown-component", line_of(guide, "::: warnning")),
        ("component-params", line_of(guide, "::: details")),
        ("component-one-link", line_of(guide, "::: call-to-action")),
        ("component-params", line_of(guide, "::: help")),
    } <= blocking


def test_an_image_or_link_whose_address_has_a_space_is_refused_with_the_fix(tmp_path):
    """A file saved as 大门 照片.png: Markdown leaves ![…](images/大门 照片.png) as plain text on the
    page. Lint and the build say so at its line, with the address in angle brackets, which works;
    a title after the address and code are left alone."""
    (tmp_path / "zh-Hans" / "images").mkdir(parents=True)
    (tmp_path / "zh-Hans" / "images" / "大门 照片.png").write_bytes(picture())
    guide = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 甲\nsummary: 甲。\nlang: zh-Hans\n---\n\n![派出所大门](images/大门 照片.png)\n\n"
        '看[办理须知](https://example.gov.cn/xuzhi "办理须知")和 `[a](b c)`。\n\n'
        "![派出所大门](<images/大门 照片.png>)\n",
    )
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--format", "json"])
    found = [
        (f["rule"], f["line"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["severity"] == "error"
    ]
    assert found == [
        (
            "markdown-address-space",
            line_of(guide, "![派出所大门](images"),
            "“![派出所大门](images/大门 照片.png)”不会显示成图片或链接：地址里有空格。"
            "请去掉文件名里的空格（文件也要改名），或者把地址放进尖括号：(<images/大门 照片.png>)。",
        )
    ]


PHRASES = """\
---
title: Apply for a social security card
summary: Bring your ID card to a service centre.
lang: en
---

Go to the [Qingchuan centre](https://example.gov.cn/centre) and ask for help,
or say 社会保障卡 at the counter.

Show [社会保障卡]{lang=zh-Hans} and [申领](https://example.gov.cn/apply){lang=zh-Hans}, or
type `社保卡` in the app.
"""


def test_lint_reports_a_phrase_in_another_language_at_its_line(tmp_path):
    """The gate refused an English guide saying 社会保障卡 without {lang=zh-Hans}, after a whole
    build, while lint said nothing. Marked phrases and code are not reported."""
    guide = write_guide(tmp_path, "en/a.md", PHRASES)
    chinese = write_guide(
        tmp_path,
        "zh-Hans/b.md",
        "---\ntitle: 申领社会保障卡\nsummary: 带身份证去办。\nlang: zh-Hans\n---\n\n"
        "请登录 Social Security Online Service 办理，或登录 [Online Service Hall]"
        "(https://example.gov.cn/hall){lang=en}。\n",
    )
    document = lint_json(tmp_path)
    assert findings_of(document, "en/a.md") >= {
        ("guidekit:language-of-parts", line_of(guide, "or say 社会保障卡"))
    }
    found = [f for f in document["findings"] if f["rule"] == "guidekit:language-of-parts"]
    assert [(f["file"], f["message"]) for f in found] == [
        (
            "en/a.md",
            "'社会保障卡' is in a different language from the page, so screen readers will "
            "pronounce it wrongly. Mark its language: write [社会保障卡]{lang=zh-Hans}, or for a "
            "link [社会保障卡](address){lang=zh-Hans}.",
        ),
        (
            "zh-Hans/b.md",
            "“Social Security Online Service”和页面不是同一种语言，读屏软件会用错误的口音读它。"
            "请标明它的语言：写成 [Social Security Online Service]{lang=en}；如果它是链接，写成 "
            "[Social Security Online Service](地址){lang=en}。",
        ),
    ]
    assert line_of(chinese, "Social Security Online Service") == found[1]["line"]


@pytest.mark.parametrize(
    ("rel", "text", "message"),
    [
        (
            "zh-Hans/a.md",
            "---\ntitle: Apply for a residence permit\nsummary: Live here six months first.\n"
            "lang: zh-Hans\n---\n\nYou can use the permit to get services in Qingchuan.\n",
            "页面标明的语言是 zh-Hans，但正文大部分是英文（拉丁字母）。请把开头信息块里的 lang 改成 en",
        ),
        (
            "en/b.md",
            "---\ntitle: Apply for a residence permit\nsummary: Live here six months first.\n"
            "lang: en\n---\n\n带身份证到派出所办理，当场领证，不收费。\n",
            "The page says its language is en, but most of its text is Chinese.",
        ),
    ],
)
def test_a_guide_wholly_in_another_language_than_its_lang_is_told_once_at_its_lang(
    tmp_path, rel, text, message
):
    """lint said nothing; the gate, after a whole build, asked for {lang=en} around the first
    sentence only (the page around it is Chinese), which fixes nothing."""
    guide = write_guide(tmp_path, rel, text)
    found = [f for f in lint_json(tmp_path)["findings"] if f["rule"].startswith("guidekit:")]
    assert [(f["rule"], f["line"]) for f in found] == [
        ("guidekit:page-language", line_of(guide, "lang:"))
    ], found
    assert found[0]["message"].startswith(message), found[0]["message"]


def test_a_chinese_guide_quoting_pinyin_signs_is_not_refused(tmp_path):
    """lint refused a guide that copies a road sign (Jiefang Bei Lu), asking for {lang=en} on
    Chinese written in Latin letters."""
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 申领社会保障卡\nsummary: 带身份证去办。\nlang: zh-Hans\n---\n\n"
        "路牌上写着 Jiefang Bei Lu，门口的牌子写着 Renmin Zhengfu Fuwu Zhongxin。\n\n"
        "网上办就点 Apply online now。\n",
    )
    found = [
        f["message"]
        for f in lint_json(tmp_path)["findings"]
        if f["rule"] == "guidekit:language-of-parts"
    ]
    assert len(found) == 1 and "Apply online now" in found[0]


def test_guides_of_one_title_are_each_reported_at_their_title(tmp_path):
    """Two guides of one title are two links of one text in every list of guides: a checked build
    refused the site at the templates of the front page and the A–Z list, after the whole build,
    naming no guide. Titles are compared as link texts are (case and runs of spaces aside), within
    one language: a translation may keep its title."""
    front = "---\nsummary: {summary}\ntitle: {title}\nlang: {lang}\n---\n\n{body}\n"
    guides = {
        "zh-Hans/first.md": ("申领社会保障卡", "zh-Hans", "第一次办卡。", "带身份证去办。"),
        "zh-Hans/again.md": ("申领社会保障卡", "zh-Hans", "再办一张卡。", "带身份证去办。"),
        "zh-Hans/lost.md": ("补办社会保障卡", "zh-Hans", "卡丢了补办。", "带身份证去办。"),
        "en/card.md": ("Apply for a card", "en", "First card.", "Bring your ID card."),
        "en/card-again.md": ("apply for a  Card", "en", "Another card.", "Bring your ID card."),
        "zh-Hant/card.md": ("申領社會保障卡", "zh-Hant", "第一次辦卡。", "帶身分證去辦。"),
        "en/translated.md": ("申领社会保障卡", "en", "First card.", "Bring your ID card."),
    }
    for rel, (title, lang, summary, body) in guides.items():
        write_guide(tmp_path, rel, front.format(title=title, lang=lang, summary=summary, body=body))
    document = lint_json(tmp_path)
    repeated = {
        finding["file"]: finding
        for finding in document["findings"]
        if finding["rule"] == "guidekit:link-same-text"
    }
    assert set(repeated) == {
        "zh-Hans/first.md",
        "zh-Hans/again.md",
        "en/card.md",
        "en/card-again.md",
    }
    assert {finding["line"] for finding in repeated.values()} == {3}
    assert all(finding["severity"] == "error" for finding in repeated.values())
    assert repeated["zh-Hans/first.md"]["message"].startswith(
        "另外 1 篇指南（zh-Hans/again.md）的标题也是“申领社会保障卡”。"
    )
    assert repeated["en/card.md"]["message"].startswith(
        "Other guides are titled 'Apply for a card' too (1: en/card-again.md)."
    )
    # a preview refuses it too, before any page is made
    result = build(tmp_path, tmp_path.parent / "site", check=False, cache=False)
    assert not result.published
    assert {(f.file, f.line) for f in result.findings if f.blocking} == {
        (rel, 3) for rel in repeated
    }


def test_guides_of_one_language_and_one_translation_key_are_each_reported_at_it(tmp_path):
    """The language switch of their translation held two links named 简体中文 to two pages: a
    checked build refused it after the whole check, at the layout template, in Traditional
    Chinese, naming no guide. A guide without the field is keyed by its path. A key no other
    language uses makes no language switch, and was refused all the same."""
    front = "---\ntitle: {title}\nsummary: 办卡。\nlang: {lang}\n{key}---\n\n带身份证去办。\n"
    guides = {
        "zh-Hans/card.md": ("申领社会保障卡", "zh-Hans", "translation_key: card-apply\n"),
        "zh-Hans/card-again.md": ("补领社会保障卡", "zh-Hans", "translation_key: card-apply\n"),
        "zh-Hans/lost.md": ("挂失社会保障卡", "zh-Hans", ""),
        "zh-Hans/lost-card.md": ("挂失补办", "zh-Hans", "translation_key: lost\n"),
        "zh-Hant/card.md": ("申領社會保障卡", "zh-Hant", "translation_key: card-apply\n"),
        "en/lost.md": ("Report a lost card", "en", ""),
        "zh-Hans/move.md": ("迁移社会保险", "zh-Hans", "translation_key: move\n"),
        "zh-Hans/move-again.md": ("再次迁移", "zh-Hans", "translation_key: move\n"),
    }
    for rel, (title, lang, key) in guides.items():
        write_guide(tmp_path, rel, front.format(title=title, lang=lang, key=key))
    document = lint_json(tmp_path)
    shared = {
        finding["file"]: finding
        for finding in document["findings"]
        if finding["rule"] == "guidekit:link-same-text"
    }
    assert {rel: finding["line"] for rel, finding in shared.items()} == {
        "zh-Hans/card.md": 5,
        "zh-Hans/card-again.md": 5,
        "zh-Hans/lost.md": None,  # its key is its path
        "zh-Hans/lost-card.md": 5,
    }
    assert shared["zh-Hans/card.md"]["message"].startswith(
        "另外 1 篇同一语言的指南（zh-Hans/card-again.md）也用“card-apply”和其他语言的版本连在一起"
    )
    assert all(finding["severity"] == "error" for finding in shared.values())


def test_a_guide_whose_lang_is_written_another_way_is_judged_in_its_own_language(tmp_path):
    """lang: en-GB in an English guide: after that error, its English body was judged as Chinese
    (a phrase "in another language" on every line, a summary in 个字)."""
    write_guide(
        tmp_path,
        "en/a.md",
        "---\ntitle: Get your card\nsummary: Bring your ID card.\nlang: en-GB\n---\n\n"
        "Bring your ID card to the counter.\n",
    )
    found = [(f["rule"], f["severity"]) for f in lint_json(tmp_path)["findings"]]
    assert [rule for rule, severity in found if severity == "error"] == ["content-field-invalid"], (
        found
    )


@pytest.mark.parametrize(
    ("lang", "alt", "said"),
    [
        ("zh-Hans", "1", "“1”只有数字或符号"),
        ("zh-Hans", r"IMG\_0012.jpg", "“IMG_0012.jpg”是文件名"),
        ("zh-Hans", "微信图片_20230101123456", "是文件名"),
        ("zh-Hans", "图片：", "“图片：”只说了这是一张图"),
        ("zh-Hans", "照片", "请在 ![ ] 的方括号里写一句话"),
        ("zh-Hant", "圖片", "「圖片」只說了這是一張圖"),
        ("zh-Hant", "DSC0001", "「DSC0001」是檔案名稱"),
        ("en", "Picture of", "'Picture of' says only that there is an image"),
        ("en", "IMAGE", "Describe what it shows inside the brackets of ![ ]"),
        ("en", "--", "'--' is only digits or punctuation"),
    ],
)
def test_an_image_whose_alt_is_no_description_is_refused_at_its_line(tmp_path, lang, alt, said):
    """![1](photo.jpg), ![IMG_0012.jpg](…) and ![图片](…) passed the linter and the gate alike (an
    outside developer's audit): a screen reader says "1", "IMG_0012.jpg" or "图片" where a sighted
    reader sees the office's door (WCAG's failure F30)."""
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "gallery = false\nways_in = false\n")
    (source / lang / "photo.png").parent.mkdir(parents=True)
    (source / lang / "photo.png").write_bytes(picture())
    title = {"zh-Hans": "办事大厅", "zh-Hant": "辦事大廳", "en": "The office"}[lang]
    path = write_guide(
        source,
        f"{lang}/a.md",
        f"---\ntitle: {title}\nsummary: {title}。\nlang: {lang}\n---\n\n"
        f"![{title}](photo.png)\n\n![{alt}](photo.png)\n\n![{title} 2](photo.png)\n",
    )
    document = lint_json(source)
    (finding,) = [f for f in document["findings"] if f["rule"] == "guidekit:image-alt-meaningless"]
    assert (finding["file"], finding["line"], finding["severity"], finding["wcag"]) == (
        f"{lang}/a.md",
        line_of(path, f"![{alt}]"),
        "error",
        "1.1.1",
    )
    assert said in finding["message"], finding["message"]
    built = build(source, tmp_path / "site", check=False, cache=False)
    assert [(f.rule, f.line) for f in built.findings if f.blocking] == [
        ("guidekit:image-alt-meaningless", line_of(path, f"![{alt}]"))
    ]
