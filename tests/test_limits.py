"""Limits: huge or pathological guides are built in bounded time and memory, or refused with a
located message — never a hang or an out-of-memory.

Each build is a real ``guidekit build --no-check`` process under a wall-clock timeout and an
address-space limit, so a hang fails the test by timeout and a memory blow-up fails it by
MemoryError instead of taking the machine down. These are bounds, not speed measurements.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from guidekit.guide.parse import MAX_NESTING
from guidekit.source.load import MAX_FRONT_MATTER_DEPTH, MAX_GUIDE_BYTES

GUIDEKIT = str(Path(sys.executable).parent / "guidekit")
TIMEOUT_SECONDS = 300
MEMORY_BYTES = 2 * 1024**3
FRONT = "---\ntitle: 很大的指南\nsummary: 测试界限用的指南。\nlang: zh-Hans\n---\n"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def build_one(tmp_path: Path, text: str) -> dict:
    source = tmp_path / "guides"
    source.mkdir(exist_ok=True)
    # these guides are far over the page-weight budget on purpose: what is tested here is that the
    # pipeline finishes, so the budget is lifted and the gallery left out
    (source / "guidekit.toml").write_text("gallery = false\n[budgets]\npage_kb = 100000\n", "utf-8")
    (source / "guide.md").write_text(text, "utf-8")
    done = subprocess.run(
        [
            GUIDEKIT,
            "build",
            str(source),
            "--out",
            str(tmp_path / "site"),
            "--no-check",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_memory,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    return json.loads(done.stdout)


def errors(report: dict) -> list[tuple[str, str, int]]:
    return [
        (finding["rule"], finding["file"], finding["line"])
        for finding in report["findings"]
        if finding["severity"] == "error"
    ]


def page(tmp_path: Path) -> str:
    return (tmp_path / "site" / "guide.html").read_text("utf-8")


def test_a_5_megabyte_guide_is_refused_with_the_limit(tmp_path: Path) -> None:
    report = build_one(tmp_path, FRONT + ("这是一段很长的话。" * 50 + "\n\n") * 3800)
    assert errors(report) == [("content-guide-too-large", "guide.md", 1)]
    assert str(MAX_GUIDE_BYTES // 1000) in report["findings"][0]["message"]


def test_a_guide_just_under_the_size_limit_is_built(tmp_path: Path) -> None:
    paragraph = (
        "## 第 {} 节\n\n"  # numbered: headings of one name are a finding of their own
        + "这是一段很长的话，带一个[申请表](https://example.gov.cn/)和**重点**。\n\n" * 40
    )
    body = "".join(
        paragraph.format(number) for number in range(MAX_GUIDE_BYTES // len(paragraph.encode()) - 2)
    )
    assert len((FRONT + body).encode()) <= MAX_GUIDE_BYTES
    assert build_one(tmp_path, FRONT + body)["published"]


def test_a_guide_with_10000_list_items_is_built(tmp_path: Path) -> None:
    report = build_one(
        tmp_path, FRONT + "".join(f"- 第 {number} 项\n" for number in range(1, 10_001))
    )
    assert report["published"]
    assert page(tmp_path).count("<li data-line=") == 10_000


def test_10000_steps_in_a_component_are_built(tmp_path: Path) -> None:
    report = build_one(
        tmp_path,
        FRONT + "::: steps\n" + "".join(f"1. 第 {n} 步\n" for n in range(1, 10_001)) + ":::\n",
    )
    assert report["published"]
    assert page(tmp_path).count('class="gk-steps__step"') == 10_000


def test_a_50_level_nested_list_is_refused_where_it_gets_too_deep(tmp_path: Path) -> None:
    report = build_one(
        tmp_path,
        FRONT
        + "".join("  " * level + f"- 第 {level + 1} 层\n" for level in range(50))
        + "\n后面的段落。\n",
    )
    assert errors(report) == [("markdown-too-deep", "guide.md", 5 + MAX_NESTING + 1)]


def test_nesting_up_to_the_limit_keeps_every_word(tmp_path: Path) -> None:
    body = (
        "".join("  " * level + f"- 第 {level + 1} 层\n" for level in range(MAX_NESTING))
        + "\n后面的段落。\n"
    )
    assert build_one(tmp_path, FRONT + body)["published"]
    assert f"第 {MAX_NESTING} 层" in page(tmp_path) and "后面的段落。" in page(tmp_path)


def test_deeply_nested_quotes_and_components_are_refused(tmp_path: Path) -> None:
    quotes = ">" * 200 + " 引用\n"
    components = "".join(":" * (60 - depth) + " information\n" for depth in range(50)) + "正文\n"
    report = build_one(tmp_path, FRONT + quotes + "\n" + components)
    assert [line for rule, _, line in errors(report) if rule == "markdown-too-deep"] == [
        6,
        8 + MAX_NESTING,
    ]


def test_a_1000_column_table_is_built(tmp_path: Path) -> None:
    row = "|" + "|".join(f"第{column}列" for column in range(1000)) + "|\n"
    report = build_one(tmp_path, FRONT + row + "|" + "---|" * 1000 + "\n" + row * 20)
    assert report["published"]
    assert page(tmp_path).count("<th>") == 1000


@pytest.mark.parametrize(
    "unit", ["字", "![", "*a"]
)  # "![" is the slowest pattern for markdown-it we found
def test_a_100_kilobyte_single_line_is_built(tmp_path: Path, unit: str) -> None:
    report = build_one(tmp_path, FRONT + unit * (100_000 // len(unit.encode())) + "\n")
    assert report["published"] or errors(report), report
    assert all(line for _, _, line in errors(report))


def test_front_matter_that_expands_without_end_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    lines += [
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=False)
    ]
    report = build_one(
        tmp_path,
        "---\ntitle: t\nsummary: s\nlang: zh-Hans\n" + "\n".join(lines) + "\ntopics: *i\n---\n",
    )
    assert errors(report) == [("content-yaml-alias", "guide.md", 6)]


def test_deeply_nested_front_matter_is_refused(tmp_path: Path) -> None:
    report = build_one(
        tmp_path,
        "---\ntitle: t\nsummary: s\nlang: zh-Hans\nsteps: " + "[" * 5000 + "]" * 5000 + "\n---\n",
    )
    assert errors(report) == [("content-yaml-too-deep", "guide.md", 5)]
    assert str(MAX_FRONT_MATTER_DEPTH) in report["findings"][0]["message"]


def test_a_named_pipe_that_looks_like_a_guide_does_not_hang_the_build(tmp_path: Path) -> None:
    """Never opened (reading it would wait forever), and named: the site would otherwise have one
    guide fewer without a word."""
    (tmp_path / "guides").mkdir()
    os.mkfifo(tmp_path / "guides" / "pipe.md")
    report = build_one(tmp_path, FRONT + "正文。\n")
    assert not report["published"]
    assert [(f["file"], f["rule"]) for f in report["findings"] if f["severity"] == "error"] == [
        ("pipe.md", "content-guide-not-a-file")
    ]
