"""``guidekit serve``: only the preview folder is served, on 127.0.0.1; saved changes rebuild it; a
refused rebuild keeps the last good page and shows its problems on the page."""

from __future__ import annotations

import concurrent.futures
import gc
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from guidekit import serve
from guidekit.findings import Finding, Severity
from guidekit.gate.report import judge

from .conftest import body_line, guide, run_guidekit, write_site
from .preview import TIMEOUT, Preview, fetch, poll, raw_get


@pytest.fixture
def preview(tmp_path) -> Iterator[Preview]:
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n"),
            "zh-Hans/pension.md": guide("## 办理流程\n\n带上社保卡。\n", title="领取养老金"),
        },
    )
    (tmp_path / "secret.txt").write_text("not for the browser")
    running = Preview(source, tmp_path / "preview")
    yield running
    running.close()
    assert not running.thread.is_alive()


def test_serves_the_built_preview_on_loopback_with_the_reload_script(preview):
    assert preview.url.startswith("http://127.0.0.1:")
    assert preview.builds == [True]
    page = preview.page("zh-Hans/card.html")
    assert "申领社会保障卡" in page
    assert '<script src="/__guidekit/live.js" defer></script>' in page
    assert 'id="guidekit-overlay"' not in page
    assert "EventSource" in preview.page("__guidekit/live.js")
    # The published files themselves never carry the preview script: it is added while serving.
    assert "__guidekit" not in (preview.out / "zh-Hans/card.html").read_text()
    assert "申领社会保障卡" in preview.page("")  # the folder's index.html


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/zh-Hans/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/zh-Hans/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/%00/secret.txt",
        "/./zh-Hans/card.html",
    ],
)
def test_refuses_path_traversal_in_every_spelling(preview, target):
    status, body = raw_get(preview.url, target)
    assert status == 403
    assert b"not for the browser" not in body


@pytest.mark.parametrize(
    "target",
    ["//etc/passwd", "/etc/passwd", "/%252e%252e/secret.txt", "http://127.0.0.1/../secret.txt"],
)
def test_absolute_and_double_encoded_paths_stay_inside_the_preview(preview, target):
    status, body = raw_get(preview.url, target)
    assert status in (403, 404)
    assert b"root:" not in body and b"not for the browser" not in body


def test_a_symbolic_link_out_of_the_preview_is_refused(preview, tmp_path):
    (preview.out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    status, body = raw_get(preview.url, "/leak.txt")
    assert status == 403 and b"not for the browser" not in body


def test_answers_only_to_loopback_host_names(preview):
    """A page on another site cannot reach the preview by pointing its own name at 127.0.0.1."""
    assert raw_get(preview.url, "/zh-Hans/card.html", host="attacker.example:8000")[0] == 403
    assert raw_get(preview.url, "/zh-Hans/card.html", host="localhost")[0] == 200


def test_a_missing_address_shows_the_sites_own_404_page(tmp_path):
    """As a web server told to use 404.html shows it (README, publishing): the site's page in its
    language and theme, with the reload script; below silver/, silver's (an outside audit: the
    preview showed a page of its own, so an editor never saw what readers will). A site without
    one (ways_in = false) keeps the preview's."""
    source = write_site(
        tmp_path / "guides",
        {"guidekit.toml": "gallery = false\n", "zh-Hans/card.md": guide("带上身份证。\n")},
    )
    running = Preview(source, tmp_path / "preview")
    try:
        (running.out / "zh-Hans" / "dropped-in.html").write_text("KEY")  # not the build's
        for target, own in (
            ("/zh-Hans/no-such-guide.html", "404.html"),
            ("/a/b/missing", "404.html"),
            ("/zh-Hans/dropped-in.html", "404.html"),
            ("/silver/zh-Hans/no-such-guide.html", "silver/404.html"),
        ):
            status, body = raw_get(running.url, target)
            page = body.decode()
            assert status == 404, target
            expected = (running.out / own).read_text("utf-8")
            assert page == serve.preview_html(expected, served_state(page)), target
        assert raw_get(running.url, "/.env")[0] == 403  # a refusal stays one
        (running.out / "zh-Hans" / "dropped-in.html").unlink()  # else the rebuild is refused
        running.saved("guidekit.toml", "gallery = false\nways_in = false\n")
        status, body = raw_get(running.url, "/a/b/missing")
        assert status == 404 and "还没有这个页面：/a/b/missing" in body.decode()
    finally:
        running.close()


def served_state(page: str) -> serve.PreviewState:
    """The state a served page was made with, as far as preview_html reads it: its build number."""
    generation = re.search(r'<meta name="guidekit-build" content="(\d+)">', page)
    assert generation is not None, page
    return serve.PreviewState(lang="zh-Hans", generation=int(generation[1]))


def next_build(events) -> bytes:
    """The build number of the next event on the stream, past keep-alive comments."""
    for _ in range(100):
        line = events.readline()
        if line.startswith(b"data: "):
            return line
    raise AssertionError("no build event on the stream")


def banner_of(page: str) -> str:
    banner = re.search(r'<section id="guidekit-overlay".*?</section>', page, re.S)
    assert banner is not None, page
    return banner.group(0)


def test_a_problem_in_another_languages_guide_is_marked_with_its_language(preview):
    """The banner speaks the site's language; a message in another is marked so that a screen
    reader says it in the right voice (WCAG 3.1.2)."""
    english = guide("Bring your ID card.<br>\n", title="Get a card", summary="Bring ID.", lang="en")
    preview.saved("zh-Hans/card-en.md", english)
    assert preview.builds[-1] is False
    banner = banner_of(preview.page("zh-Hans/card.html"))
    assert banner.startswith(
        '<section id="guidekit-overlay" class="guidekit-overlay" role="alert" lang="zh-Hans">'
    )
    (item,) = re.findall(r"<li[^>]*>.*?</li>", banner, re.S)
    assert item.startswith('<li lang="en"><code>zh-Hans/card-en.md:') and "Raw HTML" in item, item


def test_before_a_first_good_build_the_banner_promises_no_last_good_page(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide("带上身份证。<br>\n")})
    running = Preview(source, tmp_path / "preview")
    try:
        poll(lambda: running.builds, "the first build")
        assert running.builds == [False]
        status, page = raw_get(running.url, "/zh-Hans/card.html")
        assert status == 404
        banner = banner_of(page.decode())
        assert "上次构建成功" not in banner and "还没有构建成功的页面" in banner, banner
    finally:
        running.close()


def test_a_saved_change_is_rebuilt_and_announced_to_open_pages(preview):
    events = urllib.request.urlopen(preview.url + "__guidekit/events", timeout=TIMEOUT)
    assert events.headers["Content-Type"] == "text/event-stream"
    first = next_build(events)
    preview.saved("zh-Hans/card.md", guide("## 办理流程\n\n带上户口簿。\n"))
    assert "带上户口簿" in preview.page("zh-Hans/card.html")
    assert next_build(events) != first
    assert preview.redone[0] == 2 and preview.redone[-1] == 1, "only the saved guide is made again"
    events.close()


def test_a_rebuild_leaves_what_lives_on_out_of_the_collectors_walks(tmp_path):
    """What a rebuild leaves alive (the session's kept build cache) is frozen: in the collector's
    oldest generation, every full collection walked it again, and one fell in every other rebuild
    (0.2 s on top of a 0.3 s rebuild at 2,000 guides: bench/HISTORY.md). Rebuilds still see edits."""
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    state = serve.PreviewState(lang="zh-Hans")
    try:
        assert serve.rebuild(source, tmp_path / "preview", state, check=False).published
        ((_, kept),) = state.builds.build_caches.values()
        assert id(kept.entries) not in {id(tracked) for tracked in gc.get_objects()}
        (source / "zh-Hans/card.md").write_text(guide("带上户口簿。\n"), "utf-8")
        rebuilt = serve.rebuild(source, tmp_path / "preview", state, check=False)
        assert rebuilt.published and rebuilt.redone == 1
        assert "带上户口簿" in (tmp_path / "preview/zh-Hans/card.html").read_text("utf-8")
    finally:
        gc.unfreeze()


def test_a_refused_rebuild_keeps_the_last_good_page_and_shows_the_problem_on_it(preview):
    bad = guide("## 办理流程\n\n带上身份证。<br>\n")
    preview.saved("zh-Hans/card.md", bad)
    assert preview.builds[-1] is False
    page = preview.page("zh-Hans/card.html")
    assert "带上身份证。" in page and "<br>" not in page.split("guidekit-overlay")[-1]
    banner = re.search(r'<section id="guidekit-overlay".*?</section>', page, re.S)
    assert banner is not None
    assert 'role="alert"' in banner.group(0)
    assert f"zh-Hans/card.md:{body_line(bad, '<br>')}" in banner.group(0)
    assert '<button type="button" data-guidekit-dismiss>关闭这条提示</button>' in banner.group(0)

    preview.saved("zh-Hans/card.md", guide("## 办理流程\n\n带上户口簿。\n"))
    page = preview.page("zh-Hans/card.html")
    assert "带上户口簿" in page and "guidekit-overlay" not in page.split("</head>")[1]


def test_a_page_that_was_never_built_shows_the_problems(tmp_path):
    source = write_site(
        tmp_path / "guides", {"zh-Hans/card.md": "---\ntitle: 没有摘要\nlang: zh-Hans\n---\n"}
    )
    running = Preview(source, tmp_path / "preview")
    try:
        assert running.builds == [False]
        with pytest.raises(urllib.error.HTTPError) as missing:
            running.page("zh-Hans/card.html")
        assert missing.value.code == 404
        page = missing.value.read().decode()
        assert "zh-Hans/card.md:" in page and "summary" in page
    finally:
        running.close()


def serving(
    source: Path, stderr: int = subprocess.PIPE, *, own_session: bool = False, **env: str
) -> subprocess.Popen[str]:
    """``guidekit serve SOURCE`` on a free port, as an editor starts it (``own_session``: in a
    session of its own, out of reach of signals meant for the test run)."""
    return subprocess.Popen(
        [guidekit_command(), "serve", str(source), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, "COLUMNS": "300", **env},
        start_new_session=own_session,
    )


def test_the_command_listens_on_loopback_by_default_and_stops_on_ctrl_c(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    process = serving(source)
    try:
        lines = (
            process.stdout.readline() for _ in range(100)
        )  # findings come first, then the address
        url = next(
            match.group(0) for line in lines if (match := re.search(r"http://[\d.]+:\d+/", line))
        )
        assert url.startswith("http://127.0.0.1:")
        assert "申领社会保障卡" in fetch(url + "zh-Hans/card.html")
    finally:
        process.send_signal(2)
        _, errors = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0 and "Traceback" not in errors, errors
    assert "--check" in errors  # says the preview skips the gate
    # nothing after the address but the editor's language (watchfiles logged an English line)
    assert "KeyboardInterrupt" not in errors and "stopping watch" not in errors, errors


def test_a_rebuild_lists_again_only_the_files_whose_problems_changed(tmp_path):
    """On a province's site each save reprinted thousands of unchanged warnings around the editor's
    own: a rebuild lists the edited file's problems as they stand now, and counts the rest."""
    source = write_site(
        tmp_path / "guides",
        {"zh-Hans/card.md": guide(), "zh-Hans/pension.md": guide(title="领取养老金")},
    )
    process = serving(source, stderr=subprocess.STDOUT)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()

    def until_updated(times: int) -> list[str]:
        poll(lambda: sum("已更新预览" in line for line in lines) >= times, f"update {times}")
        return lines[:]

    try:
        # the address is printed once the preview watches for saved changes
        poll(lambda: any("预览地址" in line for line in lines), "the address")
        first = until_updated(1)
        (source / "zh-Hans/card.md").write_text(
            guide(fields="last_reviewed: 2026-10-15\n"), "utf-8"
        )
        second = until_updated(2)[len(first) :]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=TIMEOUT)
    listed = [line for line in first if line.startswith("zh-Hans/")]
    pension = [line for line in listed if line.startswith("zh-Hans/pension.md:")]
    assert pension and len(listed) > len(pension), first
    relisted = [line for line in second if line.startswith("zh-Hans/")]
    # card.md as it stands now: its last_reviewed warning gone, its review_by one listed again
    assert relisted and all(line.startswith("zh-Hans/card.md:") for line in relisted), second
    assert not any("last_reviewed）" in line for line in relisted), second
    assert f"另有 {len(pension)} 个问题跟上次列出的一样，这次没有再列出。" in "".join(second)


def test_a_blocking_problem_is_listed_on_every_rebuild_that_still_has_it():
    warning = Finding("lint:long-sentence", "句子太长。", Severity.WARNING, "zh-Hans/a.md", 9)
    blocking = Finding("front-matter", "缺少 title。", Severity.ERROR, "zh-Hans/b.md", 1)
    shown = serve.TerminalReport()
    assert shown.news(judge([warning, blocking]))[1] == 0  # the first build: everything
    listed, left_out = shown.news(judge([warning, blocking]))
    assert [problem.first for problem in listed.problems] == [blocking] and left_out == 1


def test_the_preview_never_overwrites_a_published_site(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    site = tmp_path / "site"
    site.mkdir()
    (site / "guidekit-manifest.json").write_text('{"checked": true}')
    outcome = run_guidekit("serve", source, "--out", site, "--port", "0")
    assert outcome.exit_code == 1 and "预览不能覆盖它" in outcome.stderr
    assert sorted(path.name for path in site.iterdir()) == ["guidekit-manifest.json"]


def test_a_refused_first_build_says_there_is_no_page_yet(tmp_path):
    """Not that the browser keeps the last good pages: there are none."""
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide("带上身份证。<br>\n")})
    process, _, _ = start_command(source, tmp_path)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=TIMEOUT)
    assert "预览还没有页面：1 个问题要修改" in errors and "上次成功构建" not in errors, errors


# Issue 24: nothing served that should not be (item 1), and a server that holds up (item 6).


def guidekit_command() -> str:
    return str(Path(sys.executable).parent / "guidekit")


def test_an_out_folder_that_is_not_a_site_stops_serve_before_anything_is_served(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    home = tmp_path / "fakehome"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text("KEY")
    deep = tmp_path / "deep"
    deep.mkdir()
    (deep / "guidekit-manifest.json").write_text("[" * 100_000)  # no recursion error reading it
    for out, message in (
        (home, "不是 guidekit 生成的网站"),
        (source, "里面有指南文件夹本身"),
        (deep, "不是 guidekit 生成的网站"),
    ):
        done = subprocess.run(
            [guidekit_command(), "serve", str(source), "--out", str(out), "--port", "0"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "COLUMNS": "300"},
        )
        assert done.returncode == 1 and message in done.stderr, done.stderr
        assert (
            "内部出错" not in done.stderr
            and "Traceback" not in done.stderr
            and "http://" not in done.stdout
        )
    assert (home / ".ssh" / "id_rsa").read_text() == "KEY"


def test_a_port_in_use_is_one_sentence_in_the_sites_language_said_before_any_build(tmp_path):
    """The port is taken before the site is built: a province's site was built in full, its
    problems listed, and only then was the editor told to choose another port (an outside
    developer's audit)."""
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [guidekit_command(), "serve", str(source), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "COLUMNS": "300"},
        )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"无法在 127.0.0.1:{port} 打开预览（端口已被占用）" in done.stderr, done.stderr
    assert "已更新预览" not in done.stderr, done.stderr


def test_only_files_the_build_wrote_are_served(preview):
    (preview.out / ".ssh").mkdir()
    (preview.out / ".ssh" / "id_rsa").write_text("KEY")
    (preview.out / ".env").write_text("KEY")
    (preview.out / "zh-Hans" / "dropped-in.html").write_text("KEY")
    for target, status in (
        ("/.ssh/id_rsa", 403),
        ("/.env", 403),
        ("/%2essh/id_rsa", 403),
        ("/zh-Hans/dropped-in.html", 404),
        ("/zh-Hans/card.html", 200),
        ("/guidekit-manifest.json", 200),
        ("/", 200),
    ):
        answer, body = raw_get(preview.url, target)
        assert answer == status, target
        assert b"KEY" not in body


@pytest.mark.parametrize(
    "target", ["/" + "a" * 300, "/zh-Hans/" + quote("页" * 90) + ".html", "/" + "abc/" * 1100]
)
def test_an_overlong_path_gets_414(preview, target):
    assert raw_get(preview.url, target)[0] == 414
    assert raw_get(preview.url, "/zh-Hans/card.html")[0] == 200  # and the server carries on


def test_idle_and_half_sent_requests_are_timed_out(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    server = serve.start_server(folder, serve.PreviewState(lang="zh-Hans"), idle_seconds=0.5)
    try:
        host, port = server.server_address[:2]
        for opening in (
            b"",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        ):  # nothing at all; headers never finished
            with socket.create_connection((host, port), timeout=TIMEOUT) as connection:
                connection.sendall(opening)
                started = time.monotonic()
                assert connection.recv(100) == b""  # closed by the server
                assert time.monotonic() - started < 5
    finally:
        server.shutdown()
        server.server_close()


def start_command(source: Path, tmp_path: Path) -> tuple[subprocess.Popen, str, Path]:
    """``guidekit serve`` in its own process group, with its temporary folder under ``tmp_path``."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = serving(source, own_session=True, TMPDIR=str(scratch))
    lines = (process.stdout.readline() for _ in range(100))
    url = next(
        match.group(0) for line in lines if (match := re.search(r"http://[\d.]+:\d+/", line))
    )
    return process, url, scratch


def stopped_cleanly(process: subprocess.Popen, scratch: Path, number: int) -> None:
    process.send_signal(number)
    _, errors = process.communicate(timeout=TIMEOUT)
    assert "Traceback" not in errors and "Error" not in errors, errors
    assert list(scratch.glob("guidekit-preview-*")) == [], "the temporary preview folder is removed"


def timed_get(url: str, path: str) -> float:
    started = time.monotonic()
    address = url.removeprefix("http://").rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=LOAD_TIMEOUT)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 200 and b"</html>" in body
    return time.monotonic() - started


LOAD_REQUESTS = 200
LOAD_TIMEOUT = 3.0  # seconds: a dropped connection waits 1 s, then 3 s, for the kernel to try again


def test_200_concurrent_requests_are_all_answered_and_sigterm_cleans_up(tmp_path):
    source = write_site(
        tmp_path / "guides", {"zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n")}
    )
    process, url, scratch = start_command(source, tmp_path)
    try:
        start = threading.Barrier(LOAD_REQUESTS)

        def one(_: int) -> float:
            start.wait(TIMEOUT)
            return timed_get(url, "/zh-Hans/card.html")

        with concurrent.futures.ThreadPoolExecutor(LOAD_REQUESTS) as pool:
            outcomes = [pool.submit(one, number) for number in range(LOAD_REQUESTS)]
            errors = [
                str(outcome.exception()) for outcome in outcomes if outcome.exception() is not None
            ]
            latencies = sorted(
                outcome.result() for outcome in outcomes if outcome.exception() is None
            )
        assert list(scratch.glob("guidekit-preview-*"))
        assert errors == [], f"{len(errors)} of {LOAD_REQUESTS} failed: {errors[:3]}"
        percentiles = {
            p: latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000
            for p in (50, 90, 99)
        }
        print(
            f"{LOAD_REQUESTS} concurrent requests: "
            + ", ".join(f"p{p} {ms:.0f} ms" for p, ms in percentiles.items())
            + f", max {latencies[-1] * 1000:.0f} ms"
        )
    finally:
        stopped_cleanly(process, scratch, signal.SIGTERM)


def test_sighup_also_stops_serve_and_removes_its_temporary_folder(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    process, url, scratch = start_command(source, tmp_path)
    assert timed_get(url, "/zh-Hans/card.html") < LOAD_TIMEOUT
    assert list(scratch.glob("guidekit-preview-*"))
    stopped_cleanly(process, scratch, signal.SIGHUP)


WORKERS = """
import sys, time
from guidekit.workers import shared_out

def task(index):
    if index == 0:
        print("working", flush=True)
    time.sleep(0.2)
    return index

shared_out(task, 80, 2)
"""


def test_worker_processes_end_quietly_when_their_parent_is_killed():
    process = subprocess.Popen(
        [sys.executable, "-c", WORKERS], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "working"
    process.send_signal(signal.SIGTERM)  # the parent only, as a service manager or kill does
    _, errors = process.communicate(
        timeout=TIMEOUT
    )  # ends when every worker has closed the pipe too
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors


def test_a_text_attachment_reads_as_written_in_chromium(tmp_path):
    """A guide's 材料清单.txt, saved in UTF-8 as editors' tools save it, was served as "text/plain"
    with no charset: Chromium read it as windows-1252 ("èº«ä»½è¯…"), while the same file opened
    from disk read right. A text file that is UTF-8 is now sent with "charset=utf-8"; one in
    another encoding (GB 18030) is sent without, so the browser still guesses for it."""
    import asyncio

    from playwright.async_api import async_playwright

    from guidekit.gate.browser import launch

    text = "身份证原件一份\n户口簿复印件一份\n"
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/card.md": guide(
                "[材料清单](材料清单.txt)，[网点表（CSV）](网点.csv)，[旧表](旧表.txt)\n"
            ),
            "zh-Hans/材料清单.txt": text.encode("utf-8"),
            "zh-Hans/网点.csv": "网点,地址\n人民路网点,人民路100号\n".encode(),
            "zh-Hans/旧表.txt": text.encode("gb18030"),
        },
    )
    running = Preview(source, tmp_path / "preview")
    try:
        assert running.builds == [True]

        def content_type(name: str) -> str:
            with urllib.request.urlopen(running.url + "zh-Hans/" + quote(name)) as answer:
                return answer.headers["Content-Type"]

        assert content_type("材料清单.txt") == "text/plain; charset=utf-8"
        assert content_type("网点.csv") == "text/csv; charset=utf-8"
        assert "charset" not in content_type("旧表.txt")

        async def read() -> str:
            async with async_playwright() as playwright:
                browser = await launch(playwright)
                try:
                    page = await browser.new_page()
                    await page.goto(running.url + "zh-Hans/" + quote("材料清单.txt"))
                    return await page.evaluate("() => document.body.innerText")
                finally:
                    await browser.close()

        assert asyncio.run(read()) == text
    finally:
        running.close()


def test_a_site_below_a_path_is_previewed_there_too(tmp_path):
    """With base_url's path (/qc/), the 404 page and the printed addresses lead below /qc/: the
    preview serves the site there as a web server will, and says that address (found by an
    operator trying guidekit: only / was served)."""
    source = write_site(
        tmp_path / "guides",
        {
            "guidekit.toml": 'gallery = false\nbase_url = "https://example.gov.cn/qc/"\n',
            "zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n"),
        },
    )
    running = Preview(source, tmp_path / "preview")
    try:
        assert running.url.endswith("/qc/")
        assert "申领社会保障卡" in running.page("zh-Hans/card.html")
        root = running.url.removesuffix("qc/")
        assert "申领社会保障卡" in fetch(root + "zh-Hans/card.html")  # and at the root, as before
        stylesheet = re.search(r'href="(/qc/[^"]+\.css)"', fetch(root + "404.html"))
        assert stylesheet and "gk-" in fetch(root + stylesheet[1].lstrip("/"))
    finally:
        running.close()
