"""Word habits (1、 （1） ① numbering, 一、 （一） headings, ● · bullets, tab or full-width indents,
invisible characters) are findings that name the Markdown to write, and `lint --fix` rewrites them
after showing the diff."""

from __future__ import annotations

from click.testing import CliRunner
from lint_helpers import by_rule, line_of, lint_folder, write_guide

from guidekit.cli import main

BODY = """\
---
title: 办理居住证
summary: "办理时间: 工作日"
lang: zh-Hans
---

一、带什么

1、身份证
（2）照片
③表格

● 第一
· 第二

\t缩进的一行
\u3000\u3000段落缩进
有\u200b零宽

| 材料 | 时间 |
| 身份证 | 当场 |

| 好 | 表 |
| --- | --- |
| 对 | 的 |

```
1、代码里不动
| 代码 | 里 |
| 不 | 动 |
```

（一）小节
"""

FIXED = """\
---
title: 办理居住证
summary: "办理时间: 工作日"
lang: zh-Hans
---

## 带什么

1. 身份证
2. 照片
3. 表格

- 第一
- 第二

缩进的一行
段落缩进
有零宽

| 材料 | 时间 |
| --- | --- |
| 身份证 | 当场 |

| 好 | 表 |
| --- | --- |
| 对 | 的 |

```
1、代码里不动
| 代码 | 里 |
| 不 | 动 |
```

### 小节
"""


def test_each_habit_is_a_located_finding_naming_the_markdown(tmp_path):
    path = write_guide(tmp_path, "zh-Hans/a.md", BODY)
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--format", "json"])
    import json

    findings = json.loads(result.stdout)["findings"]
    found = {
        (f["rule"], f["line"], f["suggestion"])
        for f in findings
        if f["rule"].startswith("lint:") and f["suggestion"]
    }
    assert {
        ("lint:word-heading", line_of(path, "一、带什么"), "## 带什么"),
        ("lint:word-numbered-list", line_of(path, "1、身份证"), "1. 身份证"),
        ("lint:word-numbered-list", line_of(path, "（2）照片"), "2. 照片"),
        ("lint:word-numbered-list", line_of(path, "③表格"), "3. 表格"),
        ("lint:word-bullet", line_of(path, "● 第一"), "- 第一"),
        ("lint:word-bullet", line_of(path, "· 第二"), "- 第二"),
        ("lint:indented-line", line_of(path, "\t缩进"), "缩进的一行"),
        ("lint:indented-line", line_of(path, "\u3000\u3000段落"), "段落缩进"),
        ("lint:invisible-space", line_of(path, "零宽"), "有零宽"),
        ("lint:word-heading", line_of(path, "（一）小节"), "### 小节"),
        # a pasted table whose rows ran together: the line under its header
        ("lint:table-header-line", line_of(path, "| 材料 | 时间 |"), "| --- | --- |"),
    } <= found
    assert [f["line"] for f in findings if f["rule"] == "lint:table-header-line"] == [
        line_of(path, "| 材料 | 时间 |")
    ]
    assert not [f for f in findings if "代码里" in f["message"]]


def test_fix_shows_the_diff_then_rewrites_only_the_body_outside_code(tmp_path):
    path = write_guide(tmp_path, "zh-Hans/a.md", BODY)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    declined = CliRunner().invoke(main, ["lint", str(tmp_path), "--fix"], input="n\n")
    assert "-1、身份证" in declined.stderr and "+1. 身份证" in declined.stderr
    assert "没有改动任何文件" in declined.stderr
    assert path.read_bytes().decode() == BODY.replace("\n", "\r\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--fix", "--yes"])
    assert "已改写 1 个文件" in result.stderr
    assert path.read_bytes().decode() == FIXED.replace("\n", "\r\n")
    assert by_rule(lint_folder(tmp_path).findings, "word-numbered-list") == []


def test_a_long_numbered_sentence_is_a_list_item_not_a_heading(tmp_path):
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 甲\nsummary: 乙。\nlang: zh-Hans\n---\n\n一、带上身份证和户口簿到窗口办理。\n",
    )
    (finding,) = by_rule(lint_folder(tmp_path).findings, "word-numbered-list")
    assert finding.suggestion == "1. 带上身份证和户口簿到窗口办理。"


BOLD = """\
---
title: 办理居住证
summary: 乙。
lang: zh-Hans
---

**办理条件**

在本市住满半年。

## 带什么

__身份证__
带原件。

**注意：**复印件不收。

**请带原件。**

- **照片**：两张

::: warning
**别忘了**

照片要白底。
:::

```
**代码里不动**
```
"""


def test_a_line_wholly_in_bold_is_a_heading_one_level_below_the_one_above(tmp_path):
    """A heading set in bold, as Word pastes it: on the page a bold paragraph, or bold text run
    into the line written under it ("身份证带原件。"), that neither screen readers nor the outline
    find."""
    path = write_guide(tmp_path, "zh-Hans/a.md", BOLD)
    findings = by_rule(lint_folder(tmp_path).findings, "bold-heading")
    assert {(f.line, f.suggestion) for f in findings} == {
        (line_of(path, "**办理条件**"), "## 办理条件"),
        (line_of(path, "__身份证__"), "### 身份证"),
    }
    assert "## 办理条件" in findings[0].message
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--fix", "--yes"])
    assert result.exit_code == 0, result.stderr
    fixed = path.read_text("utf-8")
    assert "\n## 办理条件\n" in fixed and "\n### 身份证\n带原件。" in fixed
    # a lead-in, a sentence, a list item, a component's own text and code are left as written
    for kept in ("**注意：**", "**请带原件。**", "- **照片**", "**别忘了**", "**代码里不动**"):
        assert kept in fixed
    assert by_rule(lint_folder(tmp_path).findings, "bold-heading") == []
