"""Stage 1, load: front matter, the content model, and errors that name the file and line in the
guide's language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from guidekit.findings import Severity
from guidekit.messages import LANGUAGES, catalogue, error_text
from guidekit.source.load import discover, load_guide, load_guides

from .conftest import body_line, guide, write_site

CJK = re.compile(r"[\u4e00-\u9fff]")


def load_text(
    tmp_path: Path, text: str | bytes, rel: str = "zh-Hans/card.md", default_lang: str = "zh-Hans"
):
    write_site(tmp_path, {rel: text})
    return load_guide(tmp_path / rel, rel, default_lang)


def only_finding(findings, rule: str):
    assert [f.rule for f in findings] == [rule], findings
    return findings[0]


def test_a_valid_guide_loads_with_its_typed_fields(tmp_path):
    fields = (
        "materials:\n  - name: 居民身份证\n    form: original\n    copies: 1\n"
        "steps:\n  - title: 到网点\n"
        "fees: 不收费\nvisits: 1\nlast_reviewed: 2026-10-15\n"
        "consult: {phone: 12333}\n"
    )
    text = guide("## 办理流程\n\n带上身份证。\n", fields=fields)
    loaded, findings = load_text(tmp_path, text)
    assert findings == []
    assert loaded.rel == "zh-Hans/card.md" and loaded.lang == "zh-Hans"
    assert loaded.meta.title == "申领社会保障卡"
    assert loaded.meta.materials[0].name == "居民身份证" and loaded.meta.materials[0].copies == 1
    assert loaded.meta.steps[0].title == "到网点"
    assert loaded.meta.last_reviewed == dt.date(2026, 10, 15)
    assert loaded.meta.consult.phone == "12333"  # a number written without quotes is still text
    assert loaded.body.startswith("\n## 办理流程")
    assert text.split("\n")[loaded.body_line - 1] == ""  # the line right after the closing ---
    assert text.split("\n")[loaded.body_line] == "## 办理流程"


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    text = "\ufeff" + guide("正文\n", fields="colour: red\n").replace("\n", "\r\n")
    loaded, findings = load_text(tmp_path, text.encode("utf-8"))
    assert loaded is not None
    assert only_finding(findings, "content-field-unknown").line == 5


@pytest.mark.parametrize(
    ("lang", "fields", "field", "needle"),
    [
        ("zh-Hans", "visits: many\n", "visits", "visits: many"),
        ("zh-Hans", "materials:\n  - name: 身份证\n    form: paper\n", "form", "form: paper"),
        ("zh-Hans", "last_reviewed: soon\n", "last_reviewed", "last_reviewed: soon"),
        ("zh-Hans", "online: {url: 'javascript:alert(1)'}\n", "url", "online:"),
        ("zh-Hans", "steps:\n  - detail: 没有标题\n", "title", "detail: 没有标题"),
        ("en", "visits: many\n", "visits", "visits: many"),
        (
            "en",
            "places:\n  - name: Centre\n  - address: no name here\n",
            "name",
            "address: no name here",
        ),
    ],
)
def test_a_wrong_field_value_names_the_field_and_its_line_in_the_guides_language(
    tmp_path, lang, fields, field, needle
):
    text = guide(lang=lang, fields=fields)
    loaded, findings = load_text(tmp_path, text)
    assert loaded is None
    finding = findings[0]
    assert len(findings) == 1, findings
    assert finding.rule in {"content-field-invalid", "content-field-missing"}
    assert finding.severity is Severity.ERROR
    assert (finding.file, finding.line) == ("zh-Hans/card.md", body_line(text, needle))
    assert field in finding.message
    assert bool(CJK.search(finding.message)) == lang.startswith("zh")


def test_a_missing_required_field_is_reported_in_chinese_for_a_chinese_guide(tmp_path):
    text = "---\ntitle: 申领社会保障卡\nlang: zh-Hans\n---\n\n正文\n"
    _, findings = load_text(tmp_path, text)
    finding = only_finding(findings, "content-field-missing")
    assert finding.line == 2  # the front matter itself: the field is nowhere to point at
    assert finding.message == error_text("field-missing", "zh-Hans", field="summary")
    assert "缺少必填字段" in finding.message


def test_a_missing_required_field_is_reported_in_english_for_an_english_guide(tmp_path):
    _, findings = load_text(tmp_path, "---\nsummary: One sentence.\nlang: en\n---\n\nBody\n")
    finding = only_finding(findings, "content-field-missing")
    assert finding.message.startswith("Required field 'title' is missing")
    assert not CJK.search(finding.message)


def test_a_traditional_chinese_guide_gets_traditional_chinese_messages(tmp_path):
    _, findings = load_text(tmp_path, guide(lang="zh-Hant", fields="visits: 很多\n"))
    assert "欄位「visits」的值不對" in only_finding(findings, "content-field-invalid").message


def test_every_problem_of_one_guide_is_reported_at_once(tmp_path):
    text = guide(fields="visits: many\nlast_reviewed: soon\n")
    _, findings = load_text(tmp_path, text)
    assert sorted((f.rule, f.line) for f in findings) == [
        ("content-field-invalid", body_line(text, "visits:")),
        ("content-field-invalid", body_line(text, "last_reviewed:")),
    ]


def test_an_unknown_field_is_a_warning_with_its_line_and_the_guide_still_loads(tmp_path):
    text = guide(fields="colour: red\nmaterials:\n  - name: 身份证\n    colour: blue\n")
    loaded, findings = load_text(tmp_path, text)
    assert loaded is not None
    assert {(f.rule, f.severity, f.line) for f in findings} == {
        ("content-field-unknown", Severity.WARNING, body_line(text, "colour: red")),
        ("content-field-unknown", Severity.WARNING, body_line(text, "colour: blue")),
    }
    assert all("请检查拼写" in f.message for f in findings)


def test_a_yaml_syntax_error_names_the_line_where_yaml_stumbled(tmp_path):
    text = guide(fields="steps:\n  - title: 到网点\n   detail: 缩进错了\n")
    loaded, findings = load_text(tmp_path, text)
    assert loaded is None
    finding = only_finding(findings, "content-yaml-syntax")
    assert finding.line == body_line(text, "detail: 缩进错了")
    assert "这一行缩进了 3 个空格" in finding.message


def test_yaml_that_is_not_field_value_lines_is_refused(tmp_path):
    _, findings = load_text(tmp_path, "---\n- just\n- a list\n---\n\nBody\n")
    assert only_finding(findings, "content-front-matter-not-mapping").line == 2


def test_invalid_utf8_names_the_line_of_the_first_bad_byte(tmp_path):
    data = (
        guide("第一段。\n\n第二段 \xff 坏了。\n").encode("utf-8").replace("\xff".encode(), b"\xff")
    )
    loaded, findings = load_text(tmp_path, data)
    assert loaded is None
    finding = only_finding(findings, "content-not-utf8")
    assert finding.line == 9
    assert "UTF-8" in finding.message and "第 9 行" in finding.message


@pytest.mark.parametrize(
    ("rel", "encoding", "said"),
    [
        ("zh-Hant/card.md", "big5", "檔案是 Big5 編碼，不是 UTF-8"),
        ("en/card.md", "latin-1", "The file is not UTF-8"),
        (
            "card.md",
            "big5",
            "檔案是 Big5 編碼，不是 UTF-8",
        ),  # no language folder: its lang line says
        # as Windows Notepad saves "ANSI" and "Unicode" on a Chinese system
        ("zh-Hans/card.md", "gbk", "文件是 GBK 编码，不是 UTF-8"),
        ("zh-Hans/card.md", "utf-16", "文件是 UTF-16 编码，不是 UTF-8"),
    ],
)
def test_a_file_not_in_utf8_is_told_so_in_its_guides_language(tmp_path, rel, encoding, said):
    text = {
        "big5": guide(
            "到戶政事務所申請。\n", title="申請身分證", summary="帶戶口名簿申請。", lang="zh-Hant"
        ),
        "latin-1": guide(
            "Go to the café.\n", title="Get a card", summary="Bring your ID.", lang="en"
        ),
    }.get(encoding, guide("到派出所申请。\n", title="申请身份证", summary="带户口簿申请。"))
    write_site(tmp_path, {rel: text.encode(encoding)})
    _, findings = load_guide(tmp_path / rel, rel, "zh-Hans")
    assert said in only_finding(findings, "content-not-utf8").message


def test_a_file_without_front_matter_is_refused_at_line_one(tmp_path):
    _, findings = load_text(tmp_path, "# 标题\n\n正文\n")
    finding = only_finding(findings, "content-no-front-matter")
    assert finding.line == 1 and "缺少信息块" in finding.message


def test_front_matter_that_is_never_closed_is_refused(tmp_path):
    _, findings = load_text(tmp_path, "---\ntitle: 甲\nsummary: 乙\nlang: zh-Hans\n\n正文\n")
    assert only_finding(findings, "content-front-matter-unclosed").line == 1


def test_drafts_and_hidden_files_are_not_guides(tmp_path):
    write_site(
        tmp_path,
        {
            name: guide()
            for name in (
                "a.md",
                "_draft.md",
                ".hidden.md",
                "_notes/b.md",
                "zh-Hans/c.md",
                "readme.txt",
            )
        },
    )
    assert [file.rel for file in discover(tmp_path)] == ["a.md", "zh-Hans/c.md"]


def test_load_guides_reports_every_bad_file_in_one_pass(tmp_path):
    write_site(
        tmp_path,
        {
            "good.md": guide(),
            "bad-yaml.md": guide(fields="visits: [1\n"),
            "bad-bytes.md": b"---\ntitle: \xff\n---\n",
            "bad-field.md": guide(fields="visits: -1\n"),
        },
    )
    loaded = load_guides(tmp_path, "zh-Hans")
    assert [g.rel for g in loaded.guides] == ["good.md"]
    assert sorted(f.file for f in loaded.findings) == [
        "bad-bytes.md",
        "bad-field.md",
        "bad-yaml.md",
    ]


def test_every_message_exists_in_all_three_languages():
    for name in ("errors", "cli", "ui"):
        for key, texts in catalogue(name).items():
            assert set(texts) == set(LANGUAGES), f"{name}.yml: {key}"
            assert all(isinstance(text, str) and text.strip() for text in texts.values()), (
                f"{name}.yml: {key}"
            )


@pytest.mark.parametrize(
    ("title", "written", "said"),
    [
        ("办理居住证", "zh-CN", "这里要写 zh-Hans。"),
        ("办理居住证", "中文", "这里要写 zh-Hans。"),
        ("辦理居住證", "zh_TW", "這裡要寫 zh-Hant。"),
        # the tag names English, the title is Chinese: told in the site's language and to write
        # it (it was told in English, then to write en, and then that the page was not English)
        ("办理居住证", "英文", "这里要写 zh-Hans。"),
        ("办理居住证", "en-GB", "这里要写 zh-Hans。"),
        ("Apply for a residence permit", "en-GB", "write en here."),
    ],
)
def test_a_language_named_another_way_is_told_the_tag_to_write(tmp_path, title, written, said):
    """lang: zh-CN was told only the three tags guidekit takes (an outside editor's walkthrough)."""
    text = f"---\ntitle: {title}\nsummary: 带身份证去办。\nlang: {written}\n---\n\n带身份证。\n"
    _, findings = load_text(tmp_path, text)
    message = only_finding(findings, "content-field-invalid").message
    assert message.endswith(said), message


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_an_empty_file_is_told_it_is_empty(tmp_path, text):
    """It was told its front matter was missing (an outside editor's walkthrough)."""
    _, findings = load_text(tmp_path, text)
    assert only_finding(findings, "content-guide-empty").message.startswith("文件是空的。")
