"""The ``guidekit`` command: exit codes, the JSON document, one clear line per problem, --no-check,
lock and crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guidekit.output.publish import build_lock

from .conftest import (
    body_line,
    guide,
    html,
    leftovers,
    located,
    picture,
    run_guidekit,
    snapshot,
    write_site,
)

FINDING_KEYS = {
    "file",
    "line",
    "rule",
    "severity",
    "message",
    "wcag",
    "page",
    "theme",
    "suggestion",
}
GOOD = {
    "zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n"),
    "en/card.md": guide(title="Card", summary="Apply.", lang="en"),
}


@pytest.fixture
def published(tmp_path):
    source, out = write_site(tmp_path / "guides", GOOD), tmp_path / "site"
    outcome = run_guidekit("build", source, "--out", out, "--no-check")
    assert outcome.exit_code == 0, outcome.stderr
    return source, out, snapshot(out)


def test_no_check_says_so_loudly_and_marks_every_page_and_the_manifest(tmp_path):
    source, out = write_site(tmp_path / "guides", GOOD), tmp_path / "site"
    outcome = run_guidekit("build", source, "--out", out, "--no-check", "--format", "json")
    assert outcome.exit_code == 0
    assert "--no-check" in outcome.stderr and "跳过了无障碍检查" in outcome.stderr
    report = outcome.report  # stdout holds the JSON document and nothing else
    assert report["ok"] is True and report["checked"] is False
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    assert json.loads((out / "guidekit-manifest.json").read_text())["checked"] is False
    pages = sorted(out.rglob("*.html"))
    # the accessibility statement too, in three languages, and each guide's short version, in two
    # themes
    assert len(pages) == 16
    assert all(html(page).find(class_="gk-unchecked") is not None for page in pages)


def test_text_output_of_a_good_build_says_where_the_site_is(tmp_path):
    source, out = write_site(tmp_path / "guides", GOOD), tmp_path / "site"
    outcome = run_guidekit("build", source, "--out", out, "--no-check")
    assert outcome.exit_code == 0
    # 6 of the guides and the front page, 4 of the guides' short versions, 6 of the accessibility
    # statement
    assert f"已写入 16 个页面到 {out}/" in outcome.stderr
    assert "最重的页面（含样式和脚本，gzip 压缩后）：" in outcome.stderr


def test_a_published_build_counts_the_warnings_it_listed(tmp_path):
    """An editor whose site has hundreds of warnings learns how many, and that they do not stop
    publishing, at the end where the verdict is (as a refused build counts its problems)."""
    reviewed = "last_reviewed: 2026-01-05\nreview_by: 2099-01-05\n"
    wordy = guide("## 办理流程\n\n如需帮助，请前往窗口咨询。\n", fields=reviewed)
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": wordy})
    outcome = run_guidekit("build", source, "--out", tmp_path / "site", "--no-check")
    assert outcome.exit_code == 0, outcome.stderr
    listed = [line for line in outcome.stdout.splitlines() if ": 提醒: " in line]
    assert len(listed) == 2, outcome.stdout
    assert "上面列出的 2 个提醒和 0 条建议不影响发布，可以之后再改。" in outcome.stderr
    # the linter's advice is counted as advice, as guidekit lint counts it
    advised = guide("## 办理流程\n\n点网页上的按钮。\n", fields=reviewed)
    source = write_site(tmp_path / "advised", {"zh-Hans/card.md": advised})
    outcome = run_guidekit("build", source, "--out", tmp_path / "site3", "--no-check")
    assert outcome.exit_code == 0, outcome.stderr
    lines = outcome.stdout.splitlines()
    warned, advised = (sum(f": {level}: " in line for line in lines) for level in ("提醒", "建议"))
    assert advised == 2, outcome.stdout
    assert f"上面列出的 {warned} 个提醒和 2 条建议不影响发布" in outcome.stderr
    plain = guide("## 办理流程\n\n带上身份证去窗口办。\n", fields=reviewed)
    source = write_site(tmp_path / "plain", {"zh-Hans/card.md": plain})
    quiet = run_guidekit("build", source, "--out", tmp_path / "site2", "--no-check")
    assert quiet.exit_code == 0 and quiet.stdout == "", quiet.stdout
    assert "不影响发布" not in quiet.stderr


def test_a_refused_build_prints_one_line_per_problem_and_exits_1(published):
    source, out, before = published
    bad = guide("第一段。\n\n[打开申请表](javascript:alert(1))\n", title="补办社会保障卡")
    write_site(source, {"zh-Hans/bad.md": bad})
    outcome = run_guidekit("build", source, "--out", out, "--no-check")
    assert outcome.exit_code == 1
    line = body_line(bad, "javascript:")
    problem_lines = [
        text
        for text in outcome.stdout.splitlines()
        if text.startswith("zh-Hans/bad.md:") and ": 错误:" in text
    ]
    assert len(problem_lines) == 1
    assert problem_lines[0].startswith(f"zh-Hans/bad.md:{line}: ")
    assert "链接地址“javascript:alert(1)”不安全" in problem_lines[0]
    assert "构建被拒绝" in outcome.stderr and "Traceback" not in outcome.stdout + outcome.stderr
    assert "最重的页面" not in outcome.stderr  # nothing was published to weigh
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"a.md": "---\ntitle: 甲\nsummary: 乙\nlang: zh-Hans\nvisits: [1\n---\n"},
            ("a.md", 5, "content-yaml-syntax"),
        ),
        ({"a.md": "---\ntitle: 甲\nlang: zh-Hans\n---\n"}, ("a.md", 2, "content-field-missing")),
        (
            {"a.md": b"---\ntitle: \xe7\x94\xb2\nsummary: \xff\nlang: zh-Hans\n---\n"},
            ("a.md", 3, "content-not-utf8"),
        ),
        ({"a.md": guide("::: warnning\n小心\n:::\n")}, ("a.md", 7, "markdown-unknown-component")),
        ({"a.md": guide("::: warning\n小心\n")}, ("a.md", 7, "markdown-unclosed-component")),
        # a Chinese input method's colons, and a fence with no name, were published as text
        (
            {"a.md": guide("：：： warning\n小心\n：：：\n")},
            ("a.md", 7, "markdown-component-not-opened"),
        ),
        ({"a.md": guide("正文。\n\n:::\n小心\n")}, ("a.md", 9, "markdown-component-not-opened")),
        ({"a.md": guide("![门口](door.png)\n")}, ("a.md", 7, "link-missing-image")),
        ({"a.md": guide("正文 <b>粗体</b>\n")}, ("a.md", 7, "markdown-raw-html")),
    ],
    ids=[
        "yaml",
        "missing-field",
        "not-utf8",
        "unknown-component",
        "unclosed-component",
        "full-width-fence",
        "fence-without-name",
        "missing-image",
        "raw-html",
    ],
)
def test_bad_input_gets_a_located_finding_in_the_json_document(tmp_path, files, expected):
    source = write_site(tmp_path / "guides", files)
    outcome = run_guidekit("build", source, "--out", tmp_path / "site", "--format", "json")
    assert outcome.exit_code == 1
    report = outcome.report
    # refused before any page was opened in the browser: the gate did not check them
    assert report["ok"] is False and report["published"] is False and report["checked"] is False
    assert located(report["findings"], *expected), report["findings"]
    assert not (tmp_path / "site").exists()


def test_broken_and_heavy_images_are_named_alike_by_lint_and_build(tmp_path):
    """An empty image, a text file named .jpg and a 22.5 MB picture passed both silently (an outside
    editor's audit)."""
    text = guide(
        "![社保中心大门](images/empty.png)\n\n![窗口的样子](images/fake.jpg)\n\n"
        "![办事大厅全景](images/big.png)\n"
    )
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/card.md": text,
            "zh-Hans/images/empty.png": b"",
            "zh-Hans/images/fake.jpg": "窗口的样子".encode(),
            "zh-Hans/images/big.png": picture("PNG", 300),
        },
    )
    expected = {
        ("link-image-empty", "error", body_line(text, "empty.png")),
        ("link-image-unreadable", "error", body_line(text, "fake.jpg")),
        ("link-image-heavy", "warning", body_line(text, "big.png")),
    }
    for command in (
        ["lint", source],
        ["build", source, "--out", tmp_path / "site", "--no-check"],
    ):
        outcome = run_guidekit(*command, "--format", "json")
        assert outcome.exit_code == 1, outcome.stderr
        assert {
            (f["rule"], f["severity"], f["line"])
            for f in outcome.report["findings"]
            if f["rule"].startswith("link-image")
        } == expected
    assert not (tmp_path / "site").exists()


def test_a_heavy_image_is_told_once_where_first_shown_and_a_broken_one_at_each_line(tmp_path):
    """One 2 MB photo shown on several lines, and in a guide's other-language twin, gave as many
    identical warnings (an outside editor's audit): one file, one thing to shrink."""
    chinese = guide(
        "![办事大厅全景](../images/big.png)\n\n![大厅一角](../images/big.png)\n\n"
        "![门口](../images/door.jpg)\n\n![大门](../images/door.jpg)\n\n"
        "![坏图一](../images/empty.png)\n\n![坏图二](../images/empty.png)\n"
    )
    english = guide(
        "![The hall](../images/big.png)\n\n![The map](../images/map.png)\n",
        title="Card",
        summary="Apply.",
        lang="en",
    )
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/card.md": chinese,
            "en/card.md": english,
            "images/big.png": picture("PNG", 300),
            "images/door.jpg": picture("JPEG", 600),
            "images/map.png": picture("PNG", 301),
            "images/empty.png": b"",
        },
    )
    for command in (
        ["lint", source],
        ["build", source, "--out", tmp_path / "site", "--no-check"],
    ):
        findings = run_guidekit(*command, "--format", "json").report["findings"]
        told = [
            (f["file"], f["line"], f["rule"], f["message"])
            for f in findings
            if f["rule"] in {"link-image-heavy", "link-image-empty"}
        ]
        assert [place[:3] for place in told] == [
            ("en/card.md", body_line(english, "The hall"), "link-image-heavy"),
            ("en/card.md", body_line(english, "The map"), "link-image-heavy"),
            ("zh-Hans/card.md", body_line(chinese, "门口"), "link-image-heavy"),
            ("zh-Hans/card.md", body_line(chinese, "坏图一"), "link-image-empty"),
            ("zh-Hans/card.md", body_line(chinese, "坏图二"), "link-image-empty"),
        ]
        hall, alone, door = (message for *_, message in told[:3])
        assert hall.endswith(
            "2 other places show this image too: shrinking this one file is enough."
        )
        assert "other place" not in alone
        assert door.endswith("还有 1 处也用了这张图，缩小这一个文件就够了。")


def test_a_run_that_stops_before_its_verdict_still_prints_a_json_document(tmp_path):
    """A CI job parsing --format json got nothing on stdout (found by an operator trying
    guidekit)."""
    source = write_site(tmp_path / "guides", {"zh-Hans/a.md": guide()})
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("not a site", "utf-8")
    for command in (
        ["build", source, "--out", taken, "--no-check", "--format", "json"],
        ["check", taken, "--waivers", tmp_path / "missing.toml", "--format", "json"],
        ["check", "--merge", taken / "notes.txt", "--format", "json"],
        ["check", taken, "--format", "json"],  # no pages in it
    ):
        outcome = run_guidekit(*command)
        assert outcome.exit_code == 1
        assert outcome.report["ok"] is False and outcome.report["findings"] == []
        assert outcome.report["error"] in outcome.stderr


def test_the_json_document_has_the_documented_shape(tmp_path):
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/a.md": guide("[甲](vbscript:x)\n", fields="colour: red\n"),
            "en/b.md": guide("[b](missing.md)\n", lang="en"),
        },
    )
    outcome = run_guidekit("build", source, "--out", tmp_path / "site", "--format", "json")
    report = outcome.report
    assert isinstance(report["ok"], bool) and isinstance(report["findings"], list)
    rules = {
        finding["rule"] for finding in report["findings"] if not finding["rule"].startswith("lint:")
    }
    assert rules == {"content-field-unknown", "markdown-unsafe-link", "link-missing-guide-link"}
    for finding in report["findings"]:
        assert set(finding) >= FINDING_KEYS  # the gate adds count, occurrences, element, waived…
        assert finding["severity"] in {"error", "warning", "advice"}
        assert finding["file"] in {"zh-Hans/a.md", "en/b.md"}  # relative to SOURCE
        assert isinstance(finding["line"], int) and finding["line"] >= 1
    messages = {
        finding["file"]: finding["message"]
        for finding in report["findings"]
        if finding["severity"] == "error"
    }
    assert "不安全" in messages["zh-Hans/a.md"]  # each guide's problems in its own language
    assert messages["en/b.md"].startswith("The linked guide 'missing.md' does not exist")


def test_every_problem_of_every_guide_is_reported_in_one_pass(tmp_path):
    source = write_site(
        tmp_path / "guides",
        {
            "a.md": "没有开头的信息块\n",
            "b.md": guide("<i>斜体</i>\n\n[x](javascript:void(0))\n"),
            "c.md": guide(fields="visits: lots\n"),
            "d.md": guide("![补办窗口](missing.png)\n", title="补办社会保障卡"),
        },
    )
    report = run_guidekit("build", source, "--out", tmp_path / "site", "--format", "json").report
    assert sorted(
        (f["file"], f["line"]) for f in report["findings"] if f["severity"] == "error"
    ) == [
        ("a.md", 1),
        ("b.md", 7),
        ("b.md", 7),
        ("b.md", 9),
        ("c.md", 5),
        ("d.md", 7),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--format", "xml"],
        ["build", "--no-such-option"],
        ["build", "no-such-folder"],
        ["check"],
        ["check", "no-such-folder"],
        ["publish"],
        ["build", "--jobs", "0"],
    ],
)
def test_wrong_usage_exits_2(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    outcome = run_guidekit(*args)
    assert outcome.exit_code == 2, outcome.stderr
    assert not (tmp_path / "site").exists()


def test_a_second_build_while_the_first_holds_the_lock_is_refused_with_a_message(published):
    source, out, before = published
    write_site(source, {"zh-Hans/new.md": guide(title="新指南")})
    with build_lock(out):
        outcome = run_guidekit("build", source, "--out", out, "--no-check")
    assert outcome.exit_code == 1
    assert f"另一个构建正在写入 {out}" in outcome.stderr
    assert snapshot(out) == before


def test_a_browser_that_will_not_start_is_one_clear_line_and_out_stays_intact(published):
    source, out, before = published
    write_site(source, {"zh-Hans/new.md": guide(title="新指南")})
    outcome = run_guidekit("build", source, "--out", out, env={"GUIDEKIT_CHROMIUM": "/bin/false"})
    assert outcome.exit_code == 1
    assert "浏览器 /bin/false 无法启动" in outcome.stderr
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert snapshot(out) == before and leftovers(out) == []


def test_a_missing_browser_is_explained(tmp_path, published):
    source, out, before = published
    outcome = run_guidekit(
        "build", source, "--out", out, env={"GUIDEKIT_CHROMIUM": str(tmp_path / "no-chromium")}
    )
    assert outcome.exit_code == 1
    assert f"GUIDEKIT_CHROMIUM 指向的 {tmp_path / 'no-chromium'} 不存在" in outcome.stderr
    assert snapshot(out) == before


def test_the_installed_command_runs_as_a_program(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/a.md": guide("[x](javascript:alert(1))\n")})
    process = subprocess.run(
        [
            str(Path(sys.executable).with_name("guidekit")),
            "build",
            str(source),
            "--out",
            str(tmp_path / "site"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert process.returncode == 1
    assert located(
        json.loads(process.stdout)["findings"], "zh-Hans/a.md", 7, "markdown-unsafe-link"
    )
    assert "Traceback" not in process.stderr
