"""How the gate runs: the cache, shards and their merge, waivers, and the reports (JSON, JUnit,
HTML)."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidekit.cli import main
from guidekit.findings import Finding
from guidekit.gate import run_gate
from guidekit.gate.formats import write_html, write_junit
from guidekit.gate.report import findings_of, judge
from guidekit.gate.shard import Shard
from guidekit.gate.waivers import WaiverError, load_waivers

from .gate_fixtures import PAGES, page, write_site

# A few pages linking to each other, one link to a missing anchor on another page, a few defects.
SMALL_SITE = {
    "index.html": page(
        '<p><a href="a.html#here">To page A</a></p><p><a href="b.html#nowhere">To a missing place '
        "in B</a></p>"
    ),
    "a.html": page('<p id="here">Here.</p><p><a href="index.html">Back home</a></p>'),
    "b.html": PAGES["content/vague-link.html"],
    "c.html": PAGES["reflow/bad.html"],
    "d.html": PAGES["targets/crowded.html"],
}


def occurrences(findings: list[Finding]) -> set[tuple]:
    return {(f.rule, f.file, f.line, f.element, f.page, f.theme, f.message) for f in findings}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("small"), SMALL_SITE)


@pytest.fixture(scope="module")
def full_run(small_site):
    return run_gate(small_site, jobs=2)


def test_the_union_of_shards_is_the_full_run(small_site, full_run):
    shards = [run_gate(small_site, jobs=2, shard=Shard(index, 2)) for index in (1, 2)]
    assert sorted(shards[0].pages + shards[1].pages) == sorted(full_run.pages)
    assert not set(shards[0].pages) & set(shards[1].pages)
    assert occurrences(shards[0].findings + shards[1].findings) == occurrences(full_run.findings)
    assert "guidekit:broken-anchor" in {f.rule for f in full_run.findings}


def test_shards_are_deterministic_and_cover_every_page():
    pages = [f"p{number}.html" for number in range(11)]
    parts = [Shard.parse(f"{index}/3").select(reversed(pages)) for index in (1, 2, 3)]
    assert sorted(page for part in parts for page in part) == sorted(pages) and parts == [
        Shard(i, 3).select(pages) for i in (1, 2, 3)
    ]
    for wrong in ("0/2", "3/2", "a/b", "1/0"):
        with pytest.raises(ValueError):
            Shard.parse(wrong)


def test_merge_gives_one_verdict_and_refuses_a_missing_shard(small_site, full_run, tmp_path):
    runner = CliRunner()
    reports = []
    for index in (1, 2):
        result = runner.invoke(
            main,
            [
                "check",
                str(small_site),
                "--shard",
                f"{index}/2",
                "--format",
                "json",
                "--no-cache",
                "--jobs",
                "2",
            ],
        )
        assert result.exit_code == 1, result.output  # each shard holds a blocking finding
        reports.append(tmp_path / f"shard{index}.json")
        reports[-1].write_text(result.stdout, encoding="utf-8")
    merged = runner.invoke(main, ["check", "--merge", *map(str, reports), "--format", "json"])
    assert merged.exit_code == 1
    document = json.loads(merged.stdout)
    assert document["pages"] == len(SMALL_SITE) and document["ok"] is False
    # the keys of one run's report (an operator's CI read them from the merge too)
    assert document["checked_pages"] == sorted(SMALL_SITE)
    assert document["browser_pages"] + document["cached_pages"] == len(SMALL_SITE)
    assert occurrences(findings_of(document)) == occurrences(full_run.findings)
    incomplete = runner.invoke(main, ["check", "--merge", str(reports[0])])
    assert incomplete.exit_code == 1 and "1/2、2/2" in incomplete.output, incomplete.output


def test_a_wrong_shard_or_a_merge_of_nothing_is_said_in_the_editors_words():
    """click's English around guidekit's sentence, and a missing DIR for a merge that wants
    reports (found by an operator trying guidekit)."""
    runner = CliRunner(env={"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    wrong = runner.invoke(main, ["check", ".", "--shard", "3/2"])
    assert wrong.exit_code == 2 and "错误：--shard 的值“3/2”不对" in wrong.output
    assert "Invalid value" not in wrong.output
    nothing = runner.invoke(main, ["check", "--merge"])
    assert nothing.exit_code == 2 and "guidekit check --merge 报告1.json" in nothing.output
    assert "缺少 DIR" not in nothing.output


def test_an_unchanged_site_is_not_checked_again_and_an_edit_rechecks_only_that_page(
    tmp_path, monkeypatch
):
    site = write_site(tmp_path / "site", SMALL_SITE)
    cache = tmp_path / "cache.json"
    first = run_gate(site, jobs=2, cache=cache)
    assert first.browser_pages == len(SMALL_SITE)
    monkeypatch.setenv(
        "GUIDEKIT_CHROMIUM", str(tmp_path / "no-browser-here")
    )  # launching one would fail
    second = run_gate(site, jobs=2, cache=cache)
    assert second.browser_pages == 0
    assert occurrences(second.findings) == occurrences(first.findings)
    monkeypatch.delenv("GUIDEKIT_CHROMIUM")
    (site / "a.html").write_text(
        page('<p id="here">Here, edited.</p><p><a href="index.html">Home</a></p>'), encoding="utf-8"
    )
    third = run_gate(site, jobs=2, cache=cache)
    assert third.browser_pages == 1


def test_a_site_served_under_another_path_is_checked_again(tmp_path):
    """What a page asks for at /qc/logo.png is the site's logo.png under /qc/ and missing under /."""
    site = write_site(tmp_path / "site", SMALL_SITE)
    cache = tmp_path / "cache.json"
    assert run_gate(site, jobs=2, cache=cache).browser_pages == len(SMALL_SITE)
    under_a_path = run_gate(site, jobs=2, cache=cache, root_path="/qc/")
    assert under_a_path.browser_pages == len(SMALL_SITE)
    assert run_gate(site, jobs=2, cache=cache, root_path="/qc/").browser_pages == 0


def test_a_page_that_declares_no_language_is_reported_in_the_language_asked_for(tmp_path):
    """``check --lang en`` said the findings on such a page in Chinese, around an English summary;
    the cache keeps the language its entries were written in."""
    site = write_site(
        tmp_path / "site", {"index.html": page('<img src="x.png">').replace(' lang="en"', "")}
    )
    runner = CliRunner()
    said = {}
    for lang in ("en", "zh-Hant", "en"):
        checked = runner.invoke(main, ["check", str(site), "--lang", lang, "--format", "json"])
        assert checked.exit_code == 1, checked.output
        findings = json.loads(checked.stdout)["findings"]
        assert {finding["lang"] for finding in findings} == {lang}, findings
        said[lang] = next(f["message"] for f in findings if f["rule"] == "axe:html-has-lang")
    assert "lang" in said["en"] and "元素" not in said["en"] and "元素" in said["zh-Hant"]


def test_one_defect_on_many_pages_is_one_problem():
    findings = [
        Finding(
            rule="guidekit:target-size",
            message="small",
            file="themes/base/layout.html.j2",
            element="a.gk-theme-switch",
            page=f"p{number}.html",
            theme="standard",
        )
        for number in range(5)
    ]
    verdict = judge(findings)
    assert len(verdict.problems) == 1 and verdict.problems[0].pages == 5 and not verdict.ok
    assert len(findings_of(verdict.to_json())) == 5


def test_the_words_around_each_message_are_in_the_messages_language():
    """A site of Chinese and English guides: a Chinese editor reads 错误 and 元素 beside a Chinese
    message, an English one error and element beside an English message, in one report."""
    import io

    from rich.console import Console

    from guidekit.findings import Severity
    from guidekit.gate.formats import print_text

    findings = [
        Finding(
            "guidekit:image-alt",
            "图片缺少文字说明。",
            file="zh-Hans/a.html",
            lang="zh-Hans",
            element="main > img",
        ),
        Finding(
            "guidekit:image-alt",
            "Image has no text alternative.",
            file="en/a.html",
            lang="en",
            element="main > img",
        ),
        Finding(
            "lint:rare-word",
            "“按钮”是很少见的词。",
            Severity.ADVICE,
            "zh-Hant/b.md",
            3,
            lang="zh-Hant",
            element="p",
        ),
    ]
    printed = io.StringIO()
    print_text(judge(findings), Console(file=printed, width=2000), "zh-Hans")
    lines = printed.getvalue().splitlines()
    assert "zh-Hans/a.html: 错误: 图片缺少文字说明。 (guidekit:image-alt, 元素 main > img)" in lines
    assert (
        "en/a.html: error: Image has no text alternative. (guidekit:image-alt, element main > img)"
        in lines
    )
    # a Markdown line needs no element to be found
    assert "zh-Hant/b.md:3: 建議: “按钮”是很少见的词。 (lint:rare-word)" in lines


def test_a_page_is_named_once_with_its_theme():
    """A silver page was named "silver silver/zh-Hans/a.html" (an outside tester)."""
    import io

    from rich.console import Console

    from guidekit.gate.formats import print_text

    findings = [
        Finding("guidekit:page-weight", "重了。", file=file, page=f"{prefix}{file}", theme=theme)
        for prefix, theme, file in (("silver/", "silver", "a.html"), ("", "standard", "b.html"))
    ]
    printed = io.StringIO()
    print_text(judge(findings), Console(file=printed, width=2000), "zh-Hans")
    text = printed.getvalue()
    assert "(guidekit:page-weight, silver/a.html)" in text
    assert "(guidekit:page-weight, standard b.html)" in text


def test_one_defect_of_a_site_guidekit_did_not_build_is_one_problem_with_its_page_count():
    """Located only on the page it was seen on (no guide line, no template): grouped by rule and
    element."""
    theme = [
        Finding(
            rule="axe:region",
            message=f"on p{number}",
            file=f"p{number}.html",
            # the line of each page's HTML: a header written higher on some pages than on others
            line=12 + number % 3,
            element="div.navbar > a.brand",
            page=f"p{number}.html",
        )
        for number in range(22)
    ]
    errors = [
        Finding(
            rule="guidekit:console-error",
            message="hljs is not defined",
            file=f"p{number}.html",
            page=f"p{number}.html",
        )
        for number in range(22)
    ]
    own = [
        Finding(
            rule="axe:region", message="here", file="p0.html", element="div.other", page="p0.html"
        )
    ]
    problems = judge(theme + errors + own).problems
    assert sorted(problem.pages for problem in problems) == [1, 22, 22]


def write_waivers(path, expires: datetime.date, rule: str = "guidekit:link-purpose") -> None:
    path.write_text(
        f'[[waiver]]\nrule = "{rule}"\npage = "b.html"\nowner = "王芳"\nreason = '
        f'"旧页面，下月改版"\nexpires '
        f"= {expires.isoformat()}\n",
        encoding="utf-8",
    )


def test_waivers_accept_a_finding_until_they_expire(full_run, tmp_path):
    link_purpose = [f for f in full_run.findings if f.rule == "guidekit:link-purpose"]
    path = tmp_path / "waivers.toml"
    write_waivers(path, datetime.date.today() + datetime.timedelta(days=30))
    active = judge(link_purpose, load_waivers(path))
    assert active.ok and active.problems[0].waived and active.waivers[0].matched == 1
    write_waivers(path, datetime.date.today())
    expired = judge(link_purpose, load_waivers(path))
    assert not expired.ok and expired.waivers[0].expired


def test_a_wrong_waiver_file_is_explained(tmp_path):
    path = tmp_path / "waivers.toml"
    path.write_text(
        '[[waiver]]\nrule = "axe:*"\nowner = "王芳"\nexpires = "soon"\n', encoding="utf-8"
    )
    with pytest.raises(WaiverError) as error:
        load_waivers(path, "zh-Hans")
    assert "第 1 条豁免的 reason" in str(error.value) and "第 1 条豁免的 expires" in str(
        error.value
    )
    path.write_text("[[waiver]\n", encoding="utf-8")
    with pytest.raises(WaiverError, match="on line 1 or the one above"):
        load_waivers(path, "en")
    # said in the editor's words, not tomllib's English (found by an operator trying guidekit)
    path.write_text(
        '[[waiver]]\nrule = "axe:*"\nowner = "王芳"\nreason = "旧页面"\nexpires = 2027-02-30\n',
        encoding="utf-8",
    )
    with pytest.raises(WaiverError) as error:
        load_waivers(path, "zh-Hans")
    assert "第 5 行" in str(error.value) and "真有的日子" in str(error.value)
    assert "Invalid" not in str(error.value)
    path.write_text(
        '[waiver]\nrule = "axe:*"\nowner = "王芳"\nreason = "旧页面"\nexpires = 2027-01-31\n',
        encoding="utf-8",
    )
    with pytest.raises(WaiverError) as error:
        load_waivers(path, "zh-Hans")
    assert str(error.value) == (
        f"豁免文件 {path} 第 1 行写的是 [waiver]，要写成 [[waiver]]（两层方括号）："
        "每条豁免一段，每段都以 [[waiver]] 开头。"
    )
    with pytest.raises(WaiverError) as error:
        load_waivers(tmp_path, "zh-Hant")  # a folder: the system's reason in the editor's words
    assert str(error.value) == f"無法讀取豁免檔案 {tmp_path}：這是一個資料夾，不是檔案。"


def test_a_shard_report_that_cannot_be_read_says_why_in_the_editors_language(tmp_path):
    (tmp_path / "shard1.json").write_text("{}", "utf-8")
    (tmp_path / "shard2.json").mkdir()
    merged = CliRunner(env={"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": ""}).invoke(
        main, ["check", "--merge", str(tmp_path / "shard1.json"), str(tmp_path / "shard2.json")]
    )
    assert merged.exit_code == 1
    said = " ".join(merged.output.split())
    assert f"无法读取分片报告 {tmp_path / 'shard2.json'}：这是一个文件夹，不是文件。" in said, said


def test_reports_list_the_waivers_and_the_html_report_passes_the_gate(full_run, tmp_path):
    path = tmp_path / "waivers.toml"
    write_waivers(path, datetime.date.today() + datetime.timedelta(days=30))
    verdict = judge(full_run.findings, load_waivers(path), details=full_run.details())
    folder = tmp_path / "report"
    folder.mkdir()
    write_html(verdict, folder / "index.html", "zh-Hans")
    write_junit(verdict, tmp_path / "junit.xml", "zh-Hans")
    html = (folder / "index.html").read_text("utf-8")
    assert "王芳" in html and "旧页面，下月改版" in html
    suite = ElementTree.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["c.html"].find("failure") is not None and cases["a.html"].find("failure") is None
    assert (
        cases["index.html"].find("failure") is not None and cases["b.html"].find("failure") is None
    )  # b: waived
    assert any(case.get("classname") == "guidekit.waivers" for case in suite.iter("testcase"))
    report_check = run_gate(folder, jobs=1)
    assert report_check.findings == []


def test_a_waiver_that_expired_and_matches_nothing_says_both(tmp_path):
    """It blocks nothing, so its JUnit case passes, but it says it has expired (found by an
    operator trying guidekit: the report said only that it matched nothing)."""
    from guidekit.gate.formats import waiver_line

    path = tmp_path / "waivers.toml"
    write_waivers(path, datetime.date.today() - datetime.timedelta(days=1), rule="axe:nothing-*")
    verdict = judge([], load_waivers(path))
    assert waiver_line(verdict.waivers[0], "zh-Hans").endswith("已过期，没有匹配任何问题，可以删去")
    write_junit(verdict, tmp_path / "junit.xml", "en")
    (case,) = ElementTree.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    assert case.find("failure") is None
    assert case.find("system-out").text.endswith("expired, matches nothing, remove it")


def test_the_cli_writes_every_format_and_honours_waivers(small_site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = write_site(tmp_path / "one", {"b.html": SMALL_SITE["b.html"]})
    runner = CliRunner()
    refused = runner.invoke(
        main, ["check", str(target), "--junit", "junit.xml", "--html", "report.html"]
    )
    assert refused.exit_code == 1 and "guidekit:link-purpose" in refused.output
    # no site names a language here: --lang says the whole report in it, not only the help
    english = runner.invoke(
        main,
        ["check", str(target), "--lang", "en"],
        env={"LANG": "zh_CN.UTF-8", "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None},
    )
    assert english.exit_code == 1 and "Check failed" in english.output
    assert "检查" not in english.output, english.output
    assert (tmp_path / "junit.xml").is_file() and (tmp_path / "report.html").is_file()
    write_waivers(
        tmp_path / "guidekit-waivers.toml", datetime.date.today() + datetime.timedelta(days=7)
    )
    accepted = runner.invoke(
        main, ["check", str(target), "--format", "json"]
    )  # the default waiver file, the cache
    document = json.loads(accepted.stdout)
    assert accepted.exit_code == 0 and document["ok"] and document["browser_pages"] == 0
    assert document["waivers"][0]["owner"] == "王芳" and document["findings"][0]["waived"]
    wrong = runner.invoke(main, ["check", str(target), "--shard", "3/2"])
    assert wrong.exit_code == 2


def _in_session(session: int, name: str) -> bool:
    """Whether a process of ``session`` runs a program called ``name``."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[3]) == session and name.encode() in command:
            return True
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_c_while_pages_are_checked_is_one_sentence(tmp_path):
    """Ctrl+C reaches guidekit and Playwright's driver at once (one process group; Chromium has a
    session of its own, and guidekit closes it): calls in flight may fail as the browser goes, and
    none of that is the editor's news."""
    site = write_site(
        tmp_path / "site",
        {f"page-{number}.html": page(f"<h1>Page {number}</h1>") for number in range(40)},
    )
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "guidekit"), "check", str(site), "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": ""},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _in_session(process.pid, "playwright/driver") and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2)  # pages in flight
        assert process.poll() is None, "the check ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 1
    assert "Traceback" not in errors and "never retrieved" not in errors, errors
    assert errors.strip().splitlines()[-1] == "已停止（Ctrl+C）。", errors


def test_a_site_whose_neighbourhood_cannot_be_written_is_checked_all_the_same(tmp_path):
    """The gate keeps its results beside the folder it checks; where that cannot be written (a
    folder of another user's, here a file in the way), the check runs and says its verdict, and
    the next run checks every page again. It stopped with an internal error (found by an operator
    trying guidekit)."""
    site = write_site(tmp_path / "site", {"index.html": page("<p>Open on weekdays.</p>")})
    (tmp_path / ".guidekit-cache").write_text("not a folder", "utf-8")
    runner = CliRunner(env={"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    for _ in range(2):
        checked = runner.invoke(main, ["check", str(site)])
        assert checked.exit_code == 0, checked.output
        assert "检查通过：1 个页面" in checked.output and "内部出错" not in checked.output


def test_a_folder_without_pages_is_not_a_pass(tmp_path):
    """A gate pointed at the wrong folder (the guides, a site not built yet) checked nothing: that
    is no verdict to publish on."""
    (tmp_path / "guides" / "zh-Hans").mkdir(parents=True)
    (tmp_path / "guides" / "zh-Hans" / "card.md").write_text("---\ntitle: x\n---\n", "utf-8")
    runner = CliRunner(env={"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    checked = runner.invoke(main, ["check", str(tmp_path / "guides")])
    assert checked.exit_code == 1, checked.output
    assert "里没有网页" in checked.output and "检查通过" not in checked.output
    reported = runner.invoke(
        main,
        ["report", "conformance", str(tmp_path / "guides"), "--out", str(tmp_path / "report")],
    )
    assert reported.exit_code == 1 and "里没有网页" in reported.output, reported.output
    assert not (tmp_path / "report").exists()


def test_report_files_go_into_new_folders_and_an_unwritable_one_is_a_sentence(tmp_path):
    source = tmp_path / "guides"
    (source / "zh-Hans").mkdir(parents=True)
    (source / "zh-Hans" / "card.md").write_text("---\ntitle: 办卡\n---\n\n正文。\n", "utf-8")
    runner = CliRunner(env={"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    junit, html = tmp_path / "报告 dir" / "a11y.xml", tmp_path / "pages" / "a11y.html"
    written = runner.invoke(
        main, ["build", str(source), "--junit", str(junit), "--html", str(html)]
    )
    assert written.exit_code == 1 and junit.is_file() and html.is_file(), written.output
    (tmp_path / "a-file").write_text("x", "utf-8")
    blocked = runner.invoke(
        main, ["build", str(source), "--junit", str(tmp_path / "a-file" / "a11y.xml")]
    )
    assert blocked.exit_code == 1 and "Traceback" not in blocked.output
    assert not isinstance(blocked.exception, OSError), blocked.exception
    assert "写不了报告" in blocked.output and "a-file" in blocked.output, blocked.output
    assert "（已经有同名的文件或文件夹）" in blocked.output and "File exists" not in blocked.output


def test_a_broken_link_written_from_its_own_page_suggests_no_base_url(tmp_path, monkeypatch):
    """A Sphinx site's index linked changes/index.html, missing from the folder checked, and was
    told to check the site "published below /changes/": a link written from its own page says
    nothing of where the site lives; one written from the host's root still does."""
    monkeypatch.chdir(tmp_path)
    site = write_site(
        tmp_path / "docs",
        {
            "index.html": page(
                '<p><a href="changes/index.html">Changes</a> and'
                ' <a href="/portal/fees/">fees</a></p>'
            )
        },
    )
    checked = CliRunner().invoke(main, ["check", str(site), "--format", "json", "--lang", "en"])
    told = {f["element"]: f["message"] for f in json.loads(checked.stdout)["findings"]}
    assert len(told) == 2 and all("does not exist" in message for message in told.values()), told
    assert [message for message in told.values() if "--base-url" in message] == [
        next(message for message in told.values() if "/portal/fees/" in message)
    ], told


def test_check_serves_a_site_at_the_path_it_is_published_under(tmp_path, monkeypatch):
    """A portal's pages below /portal/ link by addresses from the host's root (/portal/fees/):
    checked at the folder's root, every such link was broken on every page, with no way to say
    where the site lives (an outside developer's audit). --base-url says it, as a site's
    base_url does for build; the cache keeps results for one path only."""
    monkeypatch.chdir(tmp_path)
    site = write_site(
        tmp_path / "portal",
        {
            "index.html": page('<p><a href="/portal/fees/">Fees</a></p>'),
            "fees/index.html": page('<p><a href="/portal/index.html">Home</a></p>', title="Fees"),
        },
    )
    runner = CliRunner()
    at_root = runner.invoke(main, ["check", str(site), "--format", "json"])
    found = json.loads(at_root.stdout)["findings"]
    assert at_root.exit_code == 1 and {finding["rule"] for finding in found} == {
        "guidekit:broken-link"
    }
    # the broken link says how to check the site where it is published
    assert all("--base-url /portal/" in finding["message"] for finding in found), found
    below = [
        runner.invoke(main, ["check", str(site), "--base-url", base, "--format", "json"])
        for base in ("https://example.gov.cn/portal/", "/portal")
    ]
    assert [run.exit_code for run in below] == [0, 0], below[0].output
    assert [json.loads(run.stdout)["browser_pages"] for run in below] == [2, 0]
    for wrong in ("portal", "ftp://example.gov.cn/portal/", "/portal/?a=1"):
        refused = runner.invoke(main, ["check", str(site), "--base-url", wrong, "--lang", "en"])
        assert refused.exit_code == 2 and "--base-url https://example.gov.cn/portal/" in (
            refused.output
        ), refused.output


def test_each_page_is_opened_at_its_address_below_the_path_the_site_is_published_under(tmp_path):
    """A MkDocs site published at /guide/ whose pages sit in a folder guide/ (its address
    /guide/guide/card/): the gate opened guide/card/index.html at /guide/card/, which is card/ of the
    site below /guide/, and checked another page, or none, in its place (an outside audit: a
    404 "page" with no title or language; here, the image without a description went unseen)."""
    site = write_site(
        tmp_path / "site",
        {
            "index.html": page('<p><a href="/guide/guide/card/">Lost card</a></p>'),
            "guide/card/index.html": page(
                '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">'
                '</p><p><a href="../../">Home</a></p>',
                title="Lost card",
            ),
        },
    )
    report = run_gate(site, jobs=2, root_path="/guide/")
    assert {(finding.page, finding.rule) for finding in report.findings} == {
        ("guide/card/index.html", "guidekit:image-alt")
    }


def test_report_conformance_serves_a_site_at_the_path_it_is_published_under(tmp_path, monkeypatch):
    """report conformance checks the site again before it writes the statement: a portal's pages
    linking from the host's root (/portal/fees/) had every such link broken, with no --base-url to
    say where the site lives, as check has, so no statement could be made for it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guides").mkdir()
    site = write_site(
        tmp_path / "portal",
        {
            "index.html": page('<p><a href="/portal/fees/">Fees</a></p>'),
            "fees/index.html": page('<p><a href="/portal/index.html">Home</a></p>', title="Fees"),
        },
    )
    runner = CliRunner()
    at_root = runner.invoke(main, ["report", "conformance", str(site), "--out", "at-root"])
    assert at_root.exit_code == 1 and "guidekit:broken-link" in at_root.output, at_root.output
    assert not (tmp_path / "at-root").exists()
    below = runner.invoke(
        main, ["report", "conformance", str(site), "--base-url", "/portal/", "--out", "below"]
    )
    assert below.exit_code == 0 and "guidekit:broken-link" not in below.output, below.output
    earl = json.loads((tmp_path / "below" / "accessibility" / "earl.jsonld").read_text("utf-8"))
    assert "broken-link" not in json.dumps(earl)
    refused = runner.invoke(
        main, ["report", "conformance", str(site), "--base-url", "portal", "--lang", "en"]
    )
    assert refused.exit_code == 2 and "--base-url https://example.gov.cn/portal/" in (
        refused.output
    ), refused.output


def _notice_pale_when(condition: str) -> str:
    """A page whose notice is pale (1.6:1) when ``condition`` holds as it loads."""
    return page(
        '<p class="notice">Closed on Monday.</p>',
        css=".kept .notice { color: #d0d0d0; }",
        script=f"<script>if ({condition}) document.body.classList.add('kept');</script>",
    )


@pytest.mark.parametrize(
    "keeps",
    [
        "localStorage.setItem('scheme', 'pale');",
        "sessionStorage.setItem('scheme', 'pale');",
        "document.cookie = 'scheme=pale';",
    ],
    ids=["localStorage", "sessionStorage", "cookie"],
)
def test_each_page_is_checked_as_a_reader_new_to_the_site_sees_it(tmp_path, keeps):
    """One tab checks page after page (with one job, in the order of their names): what a page
    kept in the browser (the gate pressed its colour switch, and Docusaurus keeps the choice) must
    not change the findings of the pages after it, which would then depend on the order pages are
    checked in, on --jobs and on shards."""
    kept = "localStorage.getItem('scheme') || sessionStorage.getItem('scheme') || document.cookie"
    site = write_site(
        tmp_path,
        {
            "1-keeps.html": page(
                "<p>The office is open on weekdays.</p>", script=f"<script>{keeps}</script>"
            ),
            "2-shows-what-was-kept.html": _notice_pale_when(kept),
            "3-always-pale.html": _notice_pale_when("true"),  # the pale notice is refused
        },
    )
    report = run_gate(site, jobs=1)
    rules = {page: {f.rule for f in report.findings if f.page == page} for page in report.pages}
    assert rules["2-shows-what-was-kept.html"] == set()
    assert "axe:color-contrast" in rules["3-always-pale.html"]
