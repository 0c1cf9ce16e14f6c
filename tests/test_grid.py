"""The gate on a real Selenium Grid 4 (hub and two nodes on 127.0.0.1): the same verdict as a local
run, one clear message when the Grid cannot help, and no page lost when a node dies mid-run.

The Grid is started once for this module (tests/selenium_grid.py) and stopped at its end; the test
that kills a node runs last.
"""

from __future__ import annotations

import threading

import pytest

from guidekit.gate import run_gate
from guidekit.gate.runner import html_pages

from .conftest import guide, run_guidekit, write_site
from .gate_fixtures import PAGES, page
from .gate_fixtures import write_site as write_pages
from .selenium_grid import Grid, free_port

# Built pages of both themes, plus pages guidekit did not write, each with a known defect:
# axe in Chinese (its zh_CN locale), guidekit's own content rule in Chinese, reflow, targets.
DEFECTS = {
    name: PAGES[name]
    for name in (
        "axe/zh-hans.html",
        "content/vague-link.html",
        "reflow/bad.html",
        "targets/crowded.html",
    )
}
GUIDES = {
    "zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n"),
    # a help component at line 7 of an English guide (its Chinese title marked zh-Hans)
    "en/card.md": guide(
        "::: help 需要帮忙\nCall 12345.\n:::\n", title="Card", summary="Apply.", lang="en"
    ),
}
SAME = (
    "rule",
    "file",
    "line",
    "element",
    "page",
    "count",
    "occurrences",
    "message",
    "severity",
    "theme",
)


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    running = Grid(tmp_path_factory.mktemp("grid")).start(nodes=2)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    out = root / "site"
    outcome = run_guidekit("build", write_site(root / "guides", GUIDES), "--out", out, "--no-check")
    assert outcome.exit_code == 0, outcome.stderr
    # a defect no Markdown makes, in the component written at line 7: a text box without a label
    card = out / "en/card.html"
    html = card.read_text("utf-8")
    assert 'data-line="7">' in html
    card.write_text(html.replace('data-line="7">', 'data-line="7"><input type="text">', 1), "utf-8")
    return write_pages(out, DEFECTS)


def findings(report: dict) -> list[tuple]:
    return sorted(tuple(str(finding.get(key)) for key in SAME) for finding in report["findings"])


def test_the_grid_and_a_local_run_give_the_same_findings_and_the_cache_is_shared(grid, built):
    on_grid = run_guidekit("check", built, "--grid", grid.url, "--jobs", "2", "--format", "json")
    local = run_guidekit("check", built, "--no-cache", "--jobs", "2", "--format", "json")
    assert on_grid.exit_code == local.exit_code == 1, on_grid.stderr + local.stderr
    assert on_grid.stdout and local.stdout, on_grid.stderr + local.stderr
    assert findings(on_grid.report) == findings(local.report)
    named = {(f["file"], f["line"]) for f in on_grid.report["findings"] if f["severity"] == "error"}
    assert named == {
        (f["file"], f["line"]) for f in local.report["findings"] if f["severity"] == "error"
    }
    assert {name for name, _ in named} >= {
        "axe/zh-hans.html",
        "content/vague-link.html",
        "reflow/bad.html",
        "targets/crowded.html",
    }
    assert ("en/card.md", 7) in named  # a built page's finding names its guide's line
    assert any(
        f["rule"] == "axe:button-name" and "按钮" in f["message"]
        for f in on_grid.report["findings"]
    )
    nodes = on_grid.report["grid_nodes"]
    assert sum(nodes.values()) == on_grid.report["pages"] == len(html_pages(built)) and all(
        uri.startswith("http://127.0.0.1:") for uri in nodes
    )
    # the pages the Grid checked are in the gate's cache: a local run checks none of them again
    again = run_guidekit("check", built, "--format", "json")
    assert again.report["browser_pages"] == 0 and findings(again.report) == findings(local.report)


def test_the_text_output_names_the_nodes_and_their_pages(grid, tmp_path):
    site = write_pages(
        tmp_path, {name: PAGES[name] for name in ("reflow/good.html", "keyboard/good.html")}
    )
    outcome = run_guidekit(
        "check",
        site,
        "--no-cache",
        "--grid",
        grid.url,
        "--jobs",
        "2",
        env={"LC_ALL": "en_US.UTF-8"},
    )
    assert outcome.exit_code == 0, outcome.stderr
    line = next(
        text
        for text in outcome.stderr.splitlines()
        if text.startswith("Pages checked by each Selenium Grid node")
    )
    assert (
        sum(int(part.split()[-1].rstrip(".")) for part in line.split(": ", 1)[1].split(", ")) == 2
    )


def test_merged_shards_add_up_the_pages_of_each_node():
    from guidekit.gate.report import merge

    common = {"ruleset": "r", "axe_version": "4.14.1", "site_pages": 3, "findings": []}
    documents = {
        "1.json": {
            **common,
            "shard": "1/2",
            "pages": 2,
            "grid_nodes": {"http://a:5555": 1, "http://b:5555": 1},
        },
        "2.json": {**common, "shard": "2/2", "pages": 1, "grid_nodes": {"http://b:5555": 1}},
    }
    assert merge(documents)[1]["grid_nodes"] == {"http://a:5555": 1, "http://b:5555": 2}


def test_an_unreachable_grid_is_one_message_and_exit_1(built):
    url = f"http://127.0.0.1:{free_port()}"
    outcome = run_guidekit(
        "check", built, "--no-cache", "--grid", url, env={"LC_ALL": "en_US.UTF-8"}
    )
    assert outcome.exit_code == 1
    assert f"Cannot reach the Selenium Grid at {url}" in outcome.stderr
    assert "Traceback" not in outcome.stdout + outcome.stderr


def test_a_grid_with_no_free_session_is_one_message_and_exit_1(grid, built):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    holders = [webdriver.Remote(command_executor=grid.url, options=Options()) for _ in grid.nodes]
    try:
        # guidekit waits GUIDEKIT_GRID_SESSION_TIMEOUT seconds for a session; the Grid's queue may
        # wait longer
        outcome = run_guidekit(
            "check",
            built,
            "--no-cache",
            "--grid",
            grid.url,
            "--jobs",
            "1",
            env={"LC_ALL": "en_US.UTF-8", "GUIDEKIT_GRID_SESSION_TIMEOUT": "5"},
        )
    finally:
        # the request guidekit gave up on must not take a slot when the holders leave
        grid.clear_queue()
        for holder in holders:
            holder.quit()
    assert outcome.exit_code == 1
    assert f"The Selenium Grid at {grid.url} gave no browser session" in outcome.stderr
    assert "Traceback" not in outcome.stdout + outcome.stderr


def test_an_error_inside_axe_is_a_page_unchecked_on_the_grid_as_locally(
    grid, tmp_path, monkeypatch
):
    # axe-selenium-python waits for a callback that an error inside axe never makes: a script
    # timeout
    monkeypatch.setenv("GUIDEKIT_PAGE_TIMEOUT_MS", "4000")
    broken = page(
        "<p>Text.</p>",
        script="<script>axe.run = () => Promise.reject(new Error('broken'));</script>",
    )
    site = write_pages(tmp_path, {"broken.html": broken, "fine.html": PAGES["reflow/good.html"]})
    on_grid, local = run_gate(site, jobs=1, grid=grid.url), run_gate(site, jobs=1)
    for report in (on_grid, local):
        assert [(f.rule, f.page) for f in report.findings if f.blocking] == [
            ("guidekit:page-unchecked", "broken.html")
        ]
    assert (
        on_grid.grid_nodes and sum(on_grid.grid_nodes.values()) == 1
    )  # fine.html; broken.html has no node's verdict


def test_a_session_that_times_out_mid_page_is_retried_then_page_unchecked(
    grid, tmp_path, monkeypatch
):
    monkeypatch.setenv("GUIDEKIT_PAGE_TIMEOUT_MS", "4000")
    stuck = page(
        "<p>Text.</p>",
        script="<script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, "
        "0));</script>",
    )
    site = write_pages(tmp_path, {"stuck.html": stuck, "fine.html": PAGES["reflow/good.html"]})
    report = run_gate(site, jobs=1, grid=grid.url)
    unchecked = [f for f in report.findings if f.blocking]
    assert [(f.rule, f.page) for f in unchecked] == [("guidekit:page-unchecked", "stuck.html")]
    assert "3" in unchecked[0].message and sum(report.grid_nodes.values()) == 1


def test_a_node_killed_mid_run_loses_no_page(grid, built):
    checked: list[str] = []
    killed = threading.Event()

    def on_page(page: str) -> None:
        checked.append(page)
        if (
            len(checked) == 2 and not killed.is_set()
        ):  # both sessions are busy with their next pages
            killed.set()
            grid.kill_node(1)

    report = run_gate(built, jobs=2, grid=grid.url, on_page=on_page)
    assert killed.is_set()
    assert sorted(checked) == sorted(report.pages) == html_pages(built)  # every page, each once
    assert not [f for f in report.findings if f.rule == "guidekit:page-unchecked"]
    assert sum(report.grid_nodes.values()) == len(
        report.pages
    )  # the killed node's pages before it died, the other's after
