"""`guidekit lint` and `guidekit build`: exit codes, JSON, summaries, and lint errors refusing a
build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from lint_helpers import REPO_ROOT as REPO
from lint_helpers import TODAY, line_of, write_guide

from guidekit.build import build
from guidekit.cli import main
from guidekit.output.caches import CACHE_FOLDER


def guide(review_by: str, body: str = "带上身份证去窗口办。\n") -> str:
    return (
        f"---\ntitle: 某事\nsummary: 带身份证去窗口办。\nlang: zh-Hans\nlast_reviewed: 2019-01-01\n"
        f"review_by: {review_by}\n---\n\n{body}"
    )


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_lint_json_has_findings_and_summaries(tmp_path):
    path = write_guide(tmp_path, "zh-Hans/a.md", guide("2099-01-01", "如需帮助，请前往窗口。\n"))
    result = run("lint", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["ok"] is True
    assert [
        (f["rule"], f["line"], f["severity"], f["suggestion"]) for f in document["findings"]
    ] == [
        ("lint:officialese", line_of(path, "如需"), "warning", "如果要"),
        ("lint:officialese", line_of(path, "如需"), "warning", "去"),
    ]
    (summary,) = document["summaries"]
    assert summary == {
        "file": "zh-Hans/a.md",
        "lang": "zh-Hans",
        "sentences": 1,
        "average_sentence_length": 9.0,
        "long_sentence_share": 0.0,
        "uncommon_character_share": 0.0,
        "reading_grade": None,
        "unit": "characters",
    }


def test_every_finding_names_the_language_of_its_message(tmp_path):
    """So a report or the preview banner can mark a message in another language than its own."""
    write_guide(
        tmp_path,
        "zh-Hant/a.md",
        "---\ntitle: 申請身分證\nsummary: 帶戶口名簿申請。\nlang: zh-Hant\n---\n\n"
        "如需幫助，請前往窗口。\n\n![](pic.png)\n",
    )
    document = json.loads(run("lint", str(tmp_path), "--format", "json").stdout)
    rules = {finding["rule"] for finding in document["findings"]}
    assert {"lint:officialese", "guidekit:image-alt", "link-missing-image"} <= rules, rules
    assert {finding["lang"] for finding in document["findings"]} == {"zh-Hant"}


def test_lint_text_names_file_line_and_prints_summary(tmp_path):
    path = write_guide(tmp_path, "zh-Hans/a.md", guide("2020-01-01"))
    result = run("lint", str(tmp_path))
    assert result.exit_code == 1
    assert (
        f"zh-Hans/a.md:{line_of(path, 'review_by:')}: 错误: 这篇指南应该在 2020-01-01 前重新核对"
        in result.stdout
    )
    assert "zh-Hans/a.md：1 句，平均每句 9.0 个字，长句 0%，非常用字 0%" in result.stdout
    assert "检查了 1 篇指南：1 个必须修改的问题，0 个提醒，0 条建议。" in result.stderr


def test_a_guide_without_sentences_gets_no_averages_of_nothing(tmp_path):
    write_guide(tmp_path, "zh-Hans/a.md", guide("2099-01-01", ""))
    write_guide(tmp_path, "en/b.md", guide("2099-01-01", "").replace("zh-Hans", "en"))
    result = run("lint", str(tmp_path))
    assert "zh-Hans/a.md：正文里没有句子，不计算句子长度" in result.stdout
    assert "en/b.md: no sentences in the body, so no sentence figures" in result.stdout
    assert "0 句" not in result.stdout and "0 sentences" not in result.stdout


def test_lint_summary_counts_the_lines_it_printed(tmp_path):
    """The same word twice in one line is one line of the report, and one warning in its count."""
    write_guide(tmp_path, "zh-Hans/a.md", guide("2099-01-01", "如需帮助，如需咨询，请打电话。\n"))
    result = run("lint", str(tmp_path))
    assert result.exit_code == 0, result.output
    printed = [line for line in result.stdout.splitlines() if ": 提醒: " in line]
    assert len(printed) == 1, printed
    assert "检查了 1 篇指南：没有必须修改的问题，1 个提醒，0 条建议。" in result.stderr


def test_lint_summary_in_english_counts_one_piece_of_advice(tmp_path):
    write_guide(
        tmp_path,
        "en/a.md",
        "---\ntitle: Renew\nsummary: Renew it.\nlang: en\nlast_reviewed: 2026-01-01\n"
        "review_by: 2099-01-01\n---\n\nThe form is sent by the office.\n",
    )
    (tmp_path / "guidekit.toml").write_text('default_lang = "en"\n', "utf-8")
    result = run("lint", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 piece of advice." in result.stderr, result.stderr


def test_each_guides_summary_line_is_in_the_guides_language(tmp_path):
    """As its findings are; the count of the whole run stays in the site's language."""
    front = "last_reviewed: 2026-01-01\nreview_by: 2099-01-01\n---\n\n"
    write_guide(
        tmp_path,
        "zh-Hant/a.md",
        f"---\ntitle: 申請身分證\nsummary: 帶戶口名簿申請。\nlang: zh-Hant\n{front}帶身分證去辦。\n",
    )
    write_guide(
        tmp_path,
        "en/a.md",
        f"---\ntitle: Get a card\nsummary: Bring your ID.\nlang: en\n{front}Bring your ID card.\n",
    )
    result = run("lint", str(tmp_path))
    assert "zh-Hant/a.md：1 句，平均每句 6.0 個字，長句 0%，非常用字 0%" in result.stdout
    assert "en/a.md: 1 sentence, average 4.0 words, long sentences 0%" in result.stdout
    assert "检查了 2 篇指南" in result.stderr, result.stderr


def test_lint_usage_errors_exit_2(tmp_path):
    assert run("lint", str(tmp_path), "--format", "xml").exit_code == 2
    assert run("lint", str(tmp_path / "missing")).exit_code == 2
    assert run("lint", str(tmp_path), "--as-of", "22/11/2026").exit_code == 2


def test_as_of_decides_freshness(tmp_path):
    write_guide(tmp_path, "zh-Hans/a.md", guide("2026-12-01"))
    assert run("lint", str(tmp_path), "--as-of", "2026-11-30").exit_code == 0
    # as a guide's own dates may be written
    for written in ("2026/11/30", "2026.11.30", "2026年11月30日"):
        assert run("lint", str(tmp_path), "--as-of", written).exit_code == 0, written
    assert run("lint", str(tmp_path), "--as-of", "2027-02-01").exit_code == 1


def test_sample_guides_have_nothing_above_advice():
    """The real command, as an editor runs it: clean stderr (no jieba chatter), only advice."""
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "guidekit"),
            "lint",
            "guides",
            "--format",
            "json",
            "--as-of",
            TODAY.isoformat(),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    above_advice = [
        f"{f['file']}:{f['line']} {f['rule']}"
        for f in document["findings"]
        if f["severity"] != "advice"
    ]
    assert above_advice == []
    assert len(document["summaries"]) == len(list((REPO / "guides").rglob("*.md")))


def test_build_refuses_on_lint_errors_before_staging(tmp_path):
    source, out = tmp_path / "guides", tmp_path / "site"
    write_guide(source, "zh-Hans/a.md", guide("2026-01-01"))
    result = build(source, out, check=False, today=TODAY)
    assert result.refused and not result.published
    assert [f.rule for f in result.findings if f.blocking] == ["lint:review-overdue"]
    # nothing staged beside it either (only the build lock); the build cache remembers the guide's
    # findings for the next build
    assert not out.exists() and sorted(path.name for path in tmp_path.iterdir()) == [
        CACHE_FOLDER,
        ".site.lock",
        "guides",
    ]


def test_lint_warnings_do_not_refuse_and_the_page_shows_the_review_date(tmp_path):
    source, out = tmp_path / "guides", tmp_path / "site"
    write_guide(
        source,
        "zh-Hans/a.md",
        guide("2027-04-01", "如需帮助，请前往窗口。\n").replace("2019-01-01", "2026-10-01"),
    )
    result = build(source, out, check=False, today=TODAY)
    assert result.published, [f.message for f in result.findings]
    assert {f.rule for f in result.findings} == {"lint:officialese"}
    for page in (out / "zh-Hans" / "a.html", out / "silver" / "zh-Hans" / "a.html"):
        html = page.read_text("utf-8")
        # plain HTML, no script needed to see it
        assert '最后核对日期：<time datetime="2026-10-01">2026年10月1日</time>' in html
        assert "<noscript" not in html


def test_a_guide_that_is_not_utf_8_is_counted_among_the_guides_checked(tmp_path):
    """Its error is printed: the closing count said "检查了 1 篇指南" of two files."""
    front = "---\ntitle: 办社保卡\nsummary: 带身份证。\nlang: zh-Hans\n---\n带上。\n"
    write_guide(tmp_path, "zh-Hans/a.md", front)
    (tmp_path / "zh-Hans" / "b.md").write_bytes(front.encode("gbk"))
    result = run("lint", str(tmp_path))
    assert "不是 UTF-8" in result.stdout + result.stderr
    assert "检查了 2 篇指南：1 个必须修改的问题" in result.stderr, result.stderr


def test_a_province_is_linted_in_worker_processes_with_the_same_report(tmp_path):
    """Enough guides for ``lint`` to share them out to worker processes (the real command, in a
    process of its own: under pytest-xdist this process runs threads and never forks), with links
    to one another's headings: the report is the one a single process writes, a missing heading
    included."""
    count = 60
    for number in range(count):
        following = f"g{(number + 1) % count:02d}.md#怎么办"
        if number == 7:
            following = "g08.md#没有这个小标题"
        write_guide(
            tmp_path,
            f"zh-Hans/g{number:02d}.md",
            guide("2099-01-01", f"## 怎么办\n\n如需帮助，请看[下一件事]({following})。\n"),
        )

    def lint(jobs: str) -> dict:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "guidekit"), "lint", str(tmp_path)]
            + ["--format", "json", "--as-of", TODAY.isoformat(), "--jobs", jobs],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 1, result.stdout + result.stderr
        return json.loads(result.stdout)

    shared_out = lint("2")
    assert shared_out == lint("1")
    broken = [f for f in shared_out["findings"] if f["rule"] == "guidekit:broken-anchor"]
    assert [(f["file"], f["line"]) for f in broken] == [("zh-Hans/g07.md", 11)]
    assert len(shared_out["summaries"]) == count


def test_lint_refuses_what_build_refuses_in_the_files_beside_the_guides(tmp_path):
    """A glossary with a Chinese colon, a synonyms line without "=" and a guide named like a
    short page: build refused each, lint said 没有必须修改的问题 (found by an editor following the
    README)."""
    write_guide(tmp_path, "zh-Hans/a.md", guide("2099-01-01"))
    write_guide(tmp_path, "zh-Hans/b.short.md", guide("2099-01-01").replace("某事", "另一事"))
    (tmp_path / "glossary.yml").write_text(
        "- term: 社保\n  explanation：国家规定的保险。\n", "utf-8"
    )
    (tmp_path / "synonyms.txt").write_text("社保卡 社会保障卡\n", "utf-8")
    result = run("lint", str(tmp_path), "--format", "json", "--as-of", "2026-11-30")
    assert result.exit_code == 1, result.output
    found = {(f["file"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]}
    built = build(tmp_path, tmp_path / "site", check=False, today=TODAY)
    assert not built.published
    refused = {(f.file, f.line, f.rule) for f in built.findings if f.blocking}
    assert refused <= found
    assert {"glossary.yml", "synonyms.txt", "zh-Hans/b.short.md"} <= {
        file for file, _, _ in refused
    }
