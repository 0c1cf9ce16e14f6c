"""What the linter reads: prose only, each finding on the exact source line."""

from __future__ import annotations

import importlib.util

from lint_helpers import REPO_ROOT, by_rule, line_of, lint_folder, write_guide


def test_lines_code_links_urls_and_component_titles(tmp_path):
    path = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        """
        ---
        title: 某事
        summary: 一句话说明。
        lang: zh-Hans
        last_reviewed: 2026-10-01
        review_by: 2027-04-01
        ---

        第一行没有问题，
        第二行才有问题：予以办理。

        代码不算：`予以` 和网址 https://example.gov.cn/PSB/apply 也不算。

        [前往办理](https://example.gov.cn/XYZ)

        ```
        予以受理
        ```

        ::: details 如需帮助怎么办？
        打电话问。
        :::
        """,
    )
    findings = by_rule(lint_folder(tmp_path).findings, "officialese")
    assert [(f.line, f.suggestion) for f in findings] == [
        (line_of(path, "第二行"), "给"),
        (line_of(path, "前往办理"), "去"),
        (line_of(path, "::: details"), "如果要"),
    ]
    assert by_rule(lint_folder(tmp_path).findings, "undefined-acronym") == []


def test_common_character_list_matches_its_generator():
    spec = importlib.util.spec_from_file_location(
        "make_common_chars", REPO_ROOT / "tools" / "make_common_chars.py"
    )
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    shipped = (REPO_ROOT / "builder" / "lint" / "data" / "common_chars.txt").read_text("utf-8")
    assert generator.render() == shipped
    characters = "".join(line for line in shipped.splitlines() if not line.startswith("#"))
    assert len(characters) == len(set(characters)) == 3500
    assert set("的是了您呢吗办证件费窗口") <= set(characters) and not set("涓锛讫") & set(
        characters
    )


def test_official_names_are_not_reworded_but_editors_text_is(tmp_path):
    path = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        """
        ---
        title: 某事
        summary: 一句话说明。
        lang: zh-Hans
        owner: 青川市医保局
        materials: [{name: 有效身份证件}]
        places: [{name: 青川市行政服务中心受理大厅, hours: 每天 9:00—17:00, holidays: 节假日照常}]
        complaints: {name: 青川市受理投诉热线, phone: "12345"}
        last_reviewed: 2026-10-01
        review_by: 2027-04-01
        ---

        正文。
        """,
    )
    findings = lint_folder(tmp_path).findings
    assert [
        (f.rule, f.line)
        for f in findings
        if f.rule in {"lint:officialese", "lint:undefined-abbreviation"}
    ] == [("lint:officialese", line_of(path, "有效身份证件"))]


def test_official_names_written_short_are_names_too(tmp_path):
    """``places: [名称]`` is ``places: [{name: 名称}]`` (and ``result: 名称`` likewise): an office's
    name either way, which the editor cannot reword or expand."""
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        """
        ---
        title: 某事
        summary: 一句话说明。
        lang: zh-Hans
        places: [青川市社保服务中心]
        result: 青川市医保局办结通知书
        last_reviewed: 2026-10-01
        review_by: 2027-04-01
        ---

        正文。
        """,
    )
    assert by_rule(lint_folder(tmp_path).findings, "undefined-abbreviation") == []
