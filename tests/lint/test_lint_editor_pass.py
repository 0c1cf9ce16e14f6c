"""The issue's acceptance: a site holding every usual mistake of a new editor gets every finding
from one `guidekit lint` run, each located and in Chinese; `build` finds nothing lint did not."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from lint_helpers import write_guide

from guidekit.build import build
from guidekit.cli import main

PERMIT = """\
---
title: 办理居住证
summary: 一句话说明：谁可以办、怎么办、要不要钱。
lang: zh-Hans
materials:
  - 身份证
  - name: 户口簿
    form: 原件
    copies: 一份
---

一、办理对象

1、在本市居住半年以上的人
2、有合法稳定住所的人

● 带上身份证
· 带上户口簿

\t这一行用了 Tab。
有\u200b零宽空格。

![](door.png)

[点击这里](https://example.gov.cn/)看说明。[社保卡](card.md)的办法另见[社保卡](https://example.gov.cn/card)。

[办理积分](办理积分.md) [积分](points) [积分页面](points.html) [没有的指南](nothing.md)

根据《青川市流动人口居住登记管理办法》第十二条的规定，在本市行政区域内居住满六个月以上并符合有合法稳定就业、合法稳定住所或者连续就读条件之一的流动人口，可以向居住地公安派出所申请领取居住证，逾期未申请的应当及时补办相关手续并承担相应责任。

## 要带的材料

身份证和户口簿都要带原件。

#### 跳级的小标题

| | |
|---|---|
| 身份证 | 1 份 |
"""

CARD = """\
---
title: 社保卡
owner：青川市人社局
summary: 办理时间: 工作日
lang: zh-Hans
---

![](card.png)
"""

POINTS = """\
---
title: 办理积分
summary: 带身份证到窗口办理积分，不收费。
lang: zh-Hans
---

带上户口簿和社保卡。
"""

EXPECTED = {
    ("zh-Hans/permit.md", "content-unfinished"),
    ("zh-Hans/permit.md", "lint:word-heading"),
    ("zh-Hans/permit.md", "lint:word-numbered-list"),
    ("zh-Hans/permit.md", "lint:word-bullet"),
    ("zh-Hans/permit.md", "lint:indented-line"),
    ("zh-Hans/permit.md", "lint:invisible-space"),
    ("zh-Hans/permit.md", "guidekit:image-alt"),
    ("zh-Hans/permit.md", "link-missing-image"),
    ("zh-Hans/permit.md", "guidekit:link-purpose"),
    ("zh-Hans/permit.md", "guidekit:link-same-text"),
    ("zh-Hans/permit.md", "link-linked-guide-broken"),
    ("zh-Hans/permit.md", "link-missing-guide-link-title"),
    ("zh-Hans/permit.md", "link-missing-guide-link"),
    ("zh-Hans/permit.md", "lint:very-long-sentence"),
    ("zh-Hans/permit.md", "guidekit:heading-order"),
    ("zh-Hans/permit.md", "guidekit:heading-repeated"),
    ("zh-Hans/permit.md", "guidekit:table-header"),
    ("zh-Hans/card.md", "content-yaml-syntax"),
    ("zh-Hans/card.md", "guidekit:image-alt"),
}


def test_one_lint_run_reports_every_mistake_located_and_in_chinese_and_build_finds_nothing_more(
    tmp_path,
):
    source = tmp_path / "guides"
    write_guide(source, "guidekit.toml", "ways_in = false\n")
    write_guide(source, "zh-Hans/permit.md", PERMIT)
    write_guide(source, "zh-Hans/card.md", CARD)
    write_guide(source, "zh-Hans/points.md", POINTS)
    result = CliRunner().invoke(main, ["lint", str(source), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert {(f["file"], f["rule"]) for f in findings} >= EXPECTED
    assert all(
        f["file"] and f["line"] and re.search(r"[\u4e00-\u9fff]", f["message"]) for f in findings
    ), findings
    assert not re.search(
        r"could not|expected|mapping values|while scanning",
        " ".join(f["message"] for f in findings),
    )
    yaml_error = next(f for f in findings if f["rule"] == "content-yaml-syntax")
    assert yaml_error["line"] == 3 and "中文冒号" in yaml_error["message"]
    # what the editor wrote as they think of it is understood: no finding about materials, points
    # or points.html
    assert not [f for f in findings if "materials" in f["message"] or "“points" in f["message"]]
    # 户口簿 and 社保卡 are everyday words
    assert not [
        f
        for f in findings
        if f["file"] == "zh-Hans/points.md"
        and f["rule"] in {"lint:rare-word", "lint:undefined-abbreviation"}
    ]
    built = build(source, tmp_path / "site", cache=False)
    assert not built.published and built.axe_version is None  # refused before any browser started
    linted = {(f["file"], f["line"], f["rule"]) for f in findings}
    assert {(f.file, f.line, f.rule) for f in built.findings} <= linted
