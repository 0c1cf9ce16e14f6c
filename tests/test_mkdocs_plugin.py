"""plugins: [guidekit] in real MkDocs 1.6 builds, through the real gate (Chromium): components, the
blocking gate with its staging folder, findings on docs/ lines, theme: guidekit with zero findings,
stock themes refused."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import markdown
import pytest

PROJECT = Path(__file__).parent / "mkdocs_project"
# the smallest PNG: one transparent pixel
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(PROJECT, copy)
    return copy


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def configure(project: Path, **changes: str) -> None:
    """Change top-level keys of the test project's mkdocs.yml, or add plugin options
    (plugin_<name>)."""
    path = project / "mkdocs.yml"
    text = path.read_text("utf-8")
    for key, value in changes.items():
        if key.startswith("plugin_"):
            text = text.replace("  - guidekit\n", "  - guidekit:\n").replace(
                "  - guidekit:\n", f"  - guidekit:\n      {key[len('plugin_') :]}: {value}\n"
            )
        else:
            lines = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
            text = "\n".join([f"{key}: {value}", *lines]) + "\n"
    path.write_text(text, "utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_theme_guidekit_passes_with_zero_findings_and_components(project: Path) -> None:
    configure(project, plugin_report_json="report.json")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads((project / "report.json").read_text("utf-8"))
    assert report["ok"] and report["findings"] == []
    assert (
        report["pages"] == 12
    )  # three pages, a search page per language, the 404 page, and their silver copies
    assert (
        site_dir := project / "site" / "404.html"
    ).is_file() and "find/zh-Hans/search.html" in site_dir.read_text("utf-8")
    site = project / "site"
    guide = (site / "shebaoka" / "index.html").read_text("utf-8")
    assert (
        'class="gk-steps"' in guide
        and 'class="gk-warning"' in guide
        and 'class="gk-details"' in guide
    )
    assert '<meta name="guidekit-source" content="docs/shebaoka.md">' in guide
    english = (site / "en" / "passport" / "index.html").read_text("utf-8")
    assert (
        '<html lang="en"' in english
        and "Step 1" in english
        and 'class="gk-call-to-action"' in english
    )
    silver = (site / "silver" / "shebaoka" / "index.html").read_text("utf-8")
    assert (
        'class="theme-silver"' in silver
        and "guidekit-silver.css" in silver
        and 'class="gk-steps"' in silver
    )
    assert not (project / ".site.guidekit-staging").exists()  # no staging left behind
    index = "".join(
        chunk.read_text("utf-8") for chunk in (site / "assets" / "search-zh-Hans").glob("*.js")
    )
    assert "shebaoka/index.html" in index and "社保卡" in index
    assert 'href="../find/zh-Hans/search.html"' in guide


def test_a_site_below_a_path_takes_site_url_as_its_address_and_passes_the_gate(
    project: Path,
) -> None:
    """site_url below a path (a portal's /qingchuan/): the plugin gave guidekit no base_url, so
    theme: guidekit's 404 page, shown at any missing address (/qingchuan/a/b/missing), took its
    stylesheet and links from the host's root (/assets/guidekit.css): unstyled, its links broken;
    and no page had a canonical link (seen building this project with site_url set). site_url is
    now guidekit's base_url, and the gate serves the site under its path, as the portal does."""
    configure(project, site_url="https://example.gov.cn/qingchuan/")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    not_found = (site / "404.html").read_text("utf-8")
    assert 'href="/qingchuan/assets/guidekit.css"' in not_found
    assert 'href="/qingchuan/find/zh-Hans/search.html"' in not_found
    assert 'href="/assets/' not in not_found and 'href="/find/' not in not_found
    # the canonical link is the address MkDocs' sitemap names
    guide = (site / "shebaoka" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.gov.cn/qingchuan/shebaoka/">' in guide
    silver = (site / "silver" / "shebaoka" / "index.html").read_text("utf-8")
    assert (
        '<link rel="canonical" href="https://example.gov.cn/qingchuan/silver/shebaoka/">' in silver
    )
    assert "<loc>https://example.gov.cn/qingchuan/shebaoka/</loc>" in (
        site / "sitemap.xml"
    ).read_text("utf-8")


def test_image_without_alt_refuses_and_leaves_site_dir_byte_identical(project: Path) -> None:
    # the cache on, as users have it: the edited page is checked again, the others are not
    assert mkdocs(project, "build").returncode == 0
    before = snapshot(project / "site")
    (project / "docs" / "photo.png").write_bytes(PIXEL)
    page = project / "docs" / "shebaoka.md"
    lines = page.read_text("utf-8").splitlines()
    lines.insert(7, "\n![](photo.png)\n")  # the file's line 9
    page.write_text("\n".join(lines) + "\n", "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "docs/shebaoka.md:9" in result.stderr and "guidekit:image-alt" in result.stderr
    assert snapshot(project / "site") == before
    # the same waivers file as guidekit check: beside mkdocs.yml
    (project / "guidekit-waivers.toml").write_text(
        '[[waiver]]\nrule = "guidekit:image-alt"\nfile = "docs/shebaoka.md"\nowner = '
        '"王芳"\nreason '
        '= "换图中"\nexpires = 2099-01-01\n',
        "utf-8",
    )
    assert mkdocs(project, "build").returncode == 0
    assert "photo.png" in (project / "site" / "shebaoka" / "index.html").read_text("utf-8")


def test_raw_html_is_named_at_its_markdown_line(project: Path) -> None:
    """An outside walkthrough: raw HTML in a page (no line to trace) was blamed on the theme's
    layout with no element printed, and with MkDocs' own navigation (titles from the pages) a home
    page titled as the site was refused for two links of one text, "." and "index.html". It is
    named at its line now, with the advice for HTML, and not at a code example of the same tag."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(text[: text.index("nav:")], "utf-8")
    (project / "docs" / "photo.png").write_bytes(PIXEL)
    page = project / "docs" / "shebaoka.md"
    tag = '<img src="../photo.png">'
    page.write_text(page.read_text("utf-8") + f"\n```html\n{tag}\n```\n\n{tag}\n", "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    refused = [line for line in result.stderr.splitlines() if "guidekit:image-alt" in line]
    written = len(page.read_text("utf-8").splitlines())
    assert refused and all(line.startswith(f"docs/shebaoka.md:{written}: ") for line in refused)
    assert "alt 属性" in refused[0]
    assert "guidekit:link-same-text" not in result.stderr


def test_html_written_in_a_page_of_a_stock_theme_is_named_at_its_markdown_line(
    project: Path,
) -> None:
    """An outside audit with mkdocs-material: grey text, an image without alt and an empty button,
    written as HTML in a page, were blamed on material/templates/main.html with no line (a theme
    defect of every page, for the editor to look for in the theme). They name the page's line, with
    the advice for HTML (an alt attribute, not ``![ ]``)."""
    configure(project, theme="material", plugin_report_json="report.json")
    (project / "docs" / "photo.png").write_bytes(PIXEL)
    page = project / "docs" / "shebaoka.md"
    page.write_text(
        page.read_text("utf-8")
        + '\n<p style="color:#cccccc">这段灰色文字对比度太低。</p>\n\n<img src="../photo.png">\n\n'
        '<button onclick="alert(1)"></button>\n\n<img src="../photo.png" alt="">\n',
        "utf-8",
    )
    lines = page.read_text("utf-8").splitlines()
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    findings = json.loads((project / "report.json").read_text("utf-8"))["findings"]

    def located(rule: str, written: str) -> list[dict[str, Any]]:
        line = next(number for number, text in enumerate(lines, 1) if written in text)
        return [
            finding
            for finding in findings
            if finding["rule"] == rule
            and (finding["file"], finding["line"]) == ("docs/shebaoka.md", line)
        ]

    assert located("axe:color-contrast", "color:#cccccc"), findings
    assert located("axe:button-name", "<button")
    [image] = located("guidekit:image-alt", "<img")
    assert "alt" in image["message"] and "![ ]" not in image["message"]
    # the advice for HTML: a decorative image has alt=""
    assert not located("guidekit:image-alt", 'alt=""')
    assert not [finding for finding in findings if finding["element"] == "main#main > p > img"]


def test_component_mistakes_name_the_docs_file_and_line(project: Path) -> None:
    page = project / "docs" / "index.md"
    page.write_text(
        page.read_text("utf-8") + "\n::: steps\nNot a list.\n:::\n\n::: warnnig\nx\n:::\n", "utf-8"
    )
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = len(page.read_text("utf-8").splitlines()) - 6
    assert f"docs/index.md:{line}" in result.stderr and f"docs/index.md:{line + 4}" in result.stderr
    assert not (project / "site").exists()
    # on no built page: the closing line said "2 problems (0 of 6 pages affected)" (found by a
    # developer trying the plugin)
    said = result.stdout + result.stderr
    assert "Markdown 文件里有 2 个问题" in said and "个页面有问题" not in said


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_stock_themes_are_refused_with_theme_level_problems_counted_once(
    project: Path, theme: str
) -> None:
    configure(project, theme=theme, plugin_report_json="report.json", plugin_lang="zh-Hans")
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    report = json.loads((project / "report.json").read_text("utf-8"))
    theme_problems = [
        problem for problem in report["findings"] if not problem["file"].startswith("docs/")
    ]
    assert theme_problems and all(problem["file"].endswith(".html") for problem in theme_problems)
    # a built page's line is no line of the template (material/templates/main.html:282, a file
    # of 4 lines), and split one defect of the theme into a problem per page
    assert [problem for problem in theme_problems if problem["line"] is not None] == []
    assert any(
        problem["count"] > 1 for problem in theme_problems
    )  # the same defect on every page, reported once
    assert not (project / "site").exists()


def test_an_english_page_of_a_chinese_default_theme_is_one_page_language_finding(
    project: Path,
) -> None:
    """An outside audit: with theme: mkdocs and locale: zh, an English page (lang: en) drew a
    language-of-parts error at each of its lines, each telling the editor to write
    [What to bring]{lang=en}, where Material drew the one finding that the theme ignores the
    page's lang. The default theme's Chinese words around the page (its keyboard help, its
    navigation) outweighed the page's own English."""
    configure(project, theme="{name: mkdocs, locale: zh}", plugin_report_json="report.json")
    (project / "docs" / "en" / "card.md").write_text(
        "---\nlang: en\n---\n# Apply for a social security card\n\n"
        "Bring your ID card to any service centre.\n\n## What to bring\n\n- Your ID card\n",
        "utf-8",
    )
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    findings = json.loads((project / "report.json").read_text("utf-8"))["findings"]
    on_page = [finding for finding in findings if finding["file"] == "docs/en/card.md"]
    assert [finding["rule"] for finding in on_page] == ["guidekit:page-language"], on_page
    assert "locale: en" in on_page[0]["message"]


def test_the_extension_works_where_only_markdown_extensions_load() -> None:
    html = markdown.markdown(
        "::: warning 小心\n不要把密码告诉别人。\n:::\n", extensions=["guidekit_components"]
    )
    assert 'class="gk-warning"' in html and "小心" in html and 'data-line="1"' in html


def test_gh_deploy_pushes_the_checked_site(project: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "user.name=guidekit", "-c", "user.email=guidekit@example.org"]
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "remote", "add", "origin", str(remote)], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "docs"], cwd=project, check=True)
    env = {
        "GIT_AUTHOR_NAME": "guidekit",
        "GIT_AUTHOR_EMAIL": "g@example.org",
        "GIT_COMMITTER_NAME": "guidekit",
        "GIT_COMMITTER_EMAIL": "g@example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    deployed = subprocess.run(
        ["git", "show", "gh-pages:shebaoka/index.html"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    )
    assert 'class="gk-steps"' in deployed.stdout


def test_stock_theme_with_silver_copies_links_both_ways(project: Path) -> None:
    configure(
        project, theme="mkdocs", plugin_silver="true", plugin_gate="false", plugin_lang="zh-Hans"
    )
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "shebaoka" / "index.html").read_text("utf-8")
    silver = (project / "site" / "silver" / "shebaoka" / "index.html").read_text("utf-8")
    assert 'href="../silver/shebaoka/index.html"' in page and 'class="gk-silver-switch' in page
    assert 'href="../../shebaoka/index.html"' in silver and 'class="theme-silver"' in silver


def test_strict_warnings_keep_site_dir_as_it_was(project: Path) -> None:
    assert mkdocs(project, "build").returncode == 0
    before = snapshot(project / "site")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n更多内容见[另一页](missing.md)。\n", "utf-8")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "--strict" in result.stderr
    assert snapshot(project / "site") == before


def test_a_browser_that_is_missing_is_one_sentence_and_site_dir_stays(project: Path) -> None:
    configure(project, plugin_cache="false")
    assert mkdocs(project, "build").returncode == 0
    before = snapshot(project / "site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "GUIDEKIT_CHROMIUM": "/nonexistent/chromium"},
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "/nonexistent/chromium" in result.stdout + result.stderr
    )  # MkDocs prints an Abort on stdout
    assert snapshot(project / "site") == before
    assert not (project / ".site.guidekit-staging").exists()


def test_a_waivers_file_with_a_mistake_is_the_sentence_guidekit_check_says(
    project: Path,
) -> None:
    (project / "guidekit-waivers.toml").write_text('[[waiver]]\nrule = "color-contrast"\n', "utf-8")
    result = mkdocs(project, "build")
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert "每条豁免都要写 rule、owner（负责人）" in said
    # the sentence as guidekit check prints it: no class name, not two full stops
    assert "WaiverError" not in said and "。。" not in said, said
    assert not (project / "site").exists()


def test_reports_are_written_as_guidekit_check_writes_them(project: Path) -> None:
    configure(
        project,
        theme="mkdocs",
        plugin_report_junit="reports/a11y.xml",
        plugin_report_html="reports/a11y.html",
        plugin_lang="zh-Hans",
    )
    assert mkdocs(project, "build").returncode != 0
    junit = (project / "reports" / "a11y.xml").read_text("utf-8")
    html = (project / "reports" / "a11y.html").read_text("utf-8")
    assert "<testsuite" in junit and "mkdocs/themes/mkdocs/main.html" in junit
    assert "<html" in html and "mkdocs/themes/mkdocs/main.html" in html


def free_port() -> int:
    """A port nothing listens on now: a fixed one may be taken by another test run on the machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(project: Path, port: int, **options: Any) -> subprocess.Popen[str]:
    """``mkdocs serve`` of the project, its log read from stderr."""
    configure(project, theme="mkdocs", plugin_lang="zh-Hans")
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def log_until(server: subprocess.Popen[str], text: str) -> list[str]:
    """The server's log lines up to the first that holds ``text`` (at most 500)."""
    lines: list[str] = []
    assert server.stderr is not None
    for line in server.stderr:
        lines.append(line)
        if text in line or len(lines) > 500:
            break
    return lines


def test_serve_checks_in_the_background_without_holding_up_the_preview(project: Path) -> None:
    port = free_port()
    server = serve(project, port)
    try:
        lines = log_until(server, "预览检查完成")
    finally:
        server.terminate()
        server.wait(timeout=60)
    output = "".join(lines)
    assert "Traceback" not in output
    assert output.index("Serving on") < output.index("预览检查完成")
    assert "mkdocs/themes/mkdocs/main.html" in output and "docs/index.md:10" in output
    assert f"http://127.0.0.1:{port}/guidekit-report.html" in output


# moments after the preview first answers: the background check starts Playwright's driver and
# the browser within the first half second, and a Ctrl+C reaches them too
@pytest.mark.parametrize("after", [0.0, 0.15, 0.25, 0.35, 0.45])
def test_ctrl_c_during_the_background_check_stops_it_quietly(
    project: Path, tmp_path: Path, after: float
) -> None:
    """The editor stops the preview while its check runs: the check is not reported as pages that
    could not be checked, says nothing of a browser or driver the Ctrl+C ended (which printed
    "Connection closed while reading from the driver" and Python's "Event loop is closed"
    traceback in about two runs in five at these moments), and leaves nothing behind."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    port = free_port()
    server = serve(
        project,
        port,
        env={**os.environ, "TMPDIR": str(scratch)},
        start_new_session=True,  # Ctrl+C reaches the whole process group, as in a terminal
    )
    try:
        lines = log_until(server, "Serving on")
        assert any("正在后台检查预览" in line for line in lines), lines
        # mkdocs logs "Serving on" before its server thread listens: a Ctrl+C before that is
        # mkdocs' own race, not this test's
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).close()
        time.sleep(after)
        os.killpg(server.pid, signal.SIGINT)
        _, rest = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    output = "".join(lines) + rest
    assert server.returncode == 0, output
    assert "page-unchecked" not in output and "预览检查完成" not in output, output
    assert "Traceback" not in output and "WARNING" not in output, output
    assert not list(scratch.glob("guidekit-serve-*")), output


def test_the_extension_fills_params_as_guide_markdown_does(tmp_path: Path) -> None:
    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    (tmp_path / "form.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 991)
    text = (
        "# Apply\n\n::: steps\n1. Fill in the form.\n2. Optional: ask a friend.\n\n    ::: "
        "information\n    Nested.\n    :::\n\n"
        ":::\n\n::: attachment\n[Application form](form.pdf)\n:::\n\n::: details\nNo "
        "question.\n:::\n"
    )
    extension = GuidekitComponentsExtension(
        lang="en", source="docs/apply.md", line_offset=3, folder=str(tmp_path)
    )
    html = markdown.markdown(text, extensions=[extension])
    assert (
        'Step 2<span class="gk-visually-hidden"> of 2' in html
        and "gk-steps__step--optional" in html
        and "ask a friend" in html
        and "Optional:" not in html
    )
    assert re.search(
        r'class="gk-information"[^>]* data-line="10"', html
    )  # nested in a step, on the file's line 10
    assert ("PDF" in html and "1000" in html) or "1 KB" in html
    assert [(problem.file, problem.line, problem.rule) for problem in extension.problems] == [
        ("docs/apply.md", 20, "component-params")
    ]
    assert "lacks the question" in extension.problems[0].message


def test_mkdocstrings_keeps_its_own_triple_colon_blocks() -> None:
    import xml.etree.ElementTree as etree

    from markdown.blockprocessors import BlockProcessor
    from markdown.extensions import Extension

    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    class AutoDoc(
        BlockProcessor
    ):  # stands in for mkdocstrings' `::: identifier` processor, registered under its name
        def test(self, parent, block):
            return block.startswith("::: ")

        def run(self, parent, blocks):
            etree.SubElement(parent, "div").text = "autodoc " + blocks.pop(0).split()[1]

    class AutoDocExtension(Extension):
        def extendMarkdown(self, md):
            md.parser.blockprocessors.register(AutoDoc(md.parser), "mkdocstrings", 75)

    extension = GuidekitComponentsExtension(lang="en")
    html = markdown.markdown(
        "::: mypackage\n\n::: warning\nw\n:::\n", extensions=[extension, AutoDocExtension()]
    )
    assert (
        "autodoc mypackage" in html
        and re.search(r'class="gk-warning"[^>]* data-line="3"', html)
        and extension.problems == []
    )


def test_every_message_of_the_plugin_is_in_three_languages_with_the_same_placeholders() -> None:
    import string

    from guidekit.messages import LANGUAGES, catalogue

    for key, texts in catalogue("mkdocs").items():
        assert set(texts) == set(LANGUAGES), key
        fields = {
            lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for lang, text in texts.items()
        }
        assert len({frozenset(names) for names in fields.values()}) == 1, key


@pytest.mark.parametrize(
    ("jobs", "lang", "system", "said"),
    [
        ("0", None, "zh_CN.UTF-8", "jobs 是同时检查的页面数，要写不小于 1 的整数（现在是 0）"),
        (
            "-2",
            "zh-Hant",
            "en_US.UTF-8",
            "jobs 是同時檢查的頁面數，要寫不小於 1 的整數（現在是 -2）",
        ),
        (
            "0",
            "en",
            "zh_CN.UTF-8",
            "jobs is the number of pages checked at once: at least 1 (it is 0)",
        ),
        (
            "0",
            None,
            "en_US.UTF-8",
            "jobs is the number of pages checked at once: at least 1 (it is 0)",
        ),
    ],
)
def test_jobs_below_one_is_a_configuration_error_in_the_plugins_language(
    project: Path, monkeypatch, jobs: str, lang: str | None, system: str, said: str
) -> None:
    """Said in the plugin's lang, else the system's (the theme's is not known yet)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", system)
    configure(project, plugin_jobs=jobs, **({"plugin_lang": lang} if lang else {}))
    result = mkdocs(project, "build")
    shown = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in shown
    assert "Plugin 'guidekit' option 'jobs'" in shown and said in shown, shown
    assert "Aborted with a configuration error!" in shown
    assert not (project / "site").exists()


def test_the_same_image_or_link_written_twice_is_traced_to_each_line() -> None:
    """An outside audit added a second ![](img/logo.png) at the end of a page: its finding named
    the first one's line, where the image had its alt text."""
    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    text = (
        "# Card\n\n![The card](img/logo.png)\n\nSee [the form](form.md).\n\n"
        "Some text.\n\n![](img/logo.png)\n\nAgain: [the form](form.md).\n"
    )
    extension = GuidekitComponentsExtension(lang="en", source="docs/card.md", line_offset=0)
    html = markdown.markdown(text, extensions=[extension])
    assert re.findall(r'<img[^>]* data-line="(\d+)"', html) == ["3", "9"]
    assert re.findall(r'<a[^>]* data-line="(\d+)"', html) == ["5", "11"]


def test_html_shown_as_code_or_in_a_comment_is_not_taken_for_the_html_written() -> None:
    """A page showing ``<img src="x.png">`` in a code example and then using it had the real tag's
    finding named at the example's line: the tag's text was searched in the page in order, code
    and comments included. What Python-Markdown shows as code is passed over, what it renders is
    not: content indented under an admonition is no code block."""
    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    tag = '<img src="x.png">'
    text = (
        f"# 图片\n\n```html\n{tag}\n```\n\n"  # 1-5
        f"写作 `{tag}`，或 `![](y.png)`。<!-- {tag} -->\n\n"  # 7
        f"示例：\n\n    {tag}\n\n"  # 9, 11
        f"{tag}\n\n"  # 13: written
        f"!!! note\n\n    {tag}\n\n"  # 15, 17: written
        f"~~~\n{tag}\n~~~\n\n"  # 19-21
        "![图](y.png)\n\n"  # 23
        f"<!-- 图 -->\n<div>\n{tag}\n</div>\n"  # 25-28: written at 27
    )
    extension = GuidekitComponentsExtension(lang="zh-Hans", source="docs/p.md", line_offset=0)
    html = markdown.markdown(text, extensions=["fenced_code", "admonition", extension])
    assert re.findall(r'<img data-html-line="(\d+)"', html) == ["13", "17", "27"]
    assert re.findall(r'<img[^>]* data-line="(\d+)"', html) == ["23"]
    # pymdownx.superfences, which many MkDocs sites use, makes fences in list items code
    text = f"- 列表\n\n    ```html\n    {tag}\n    ```\n\n{tag}\n"
    extension = GuidekitComponentsExtension(lang="zh-Hans", source="docs/p.md", line_offset=0)
    html = markdown.markdown(text, extensions=["pymdownx.superfences", extension])
    assert re.findall(r'<img data-html-line="(\d+)"', html) == ["7"]


def test_a_container_shown_as_code_or_in_a_comment_takes_no_line_from_the_one_written() -> None:
    """A ``::: warning`` line in an HTML comment or an indented code block, which Python-Markdown
    never opens, was counted as the first container's line: the warning written after it, and its
    findings, named the comment's line."""
    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    text = (
        "# 注意\n\n<!-- 先不用：\n::: warning\n-->\n\n示例：\n\n    ::: steps\n\n"
        "::: warning\n带上身份证。\n:::\n"
    )
    extension = GuidekitComponentsExtension(lang="zh-Hans", source="docs/p.md", line_offset=0)
    html = markdown.markdown(text, extensions=[extension])
    assert re.findall(r'<div class="gk-warning"[^>]* data-line="(\d+)"', html) == ["11"]


def test_a_table_whose_header_row_is_empty_is_traced_to_its_line() -> None:
    """An outside audit's table with an empty header row (``| | |``), which axe refuses, had no
    data-line while a table with header text had one: the finding was blamed on
    material/templates/main.html, with no line, exactly when the table failed."""
    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    text = (
        "# 表格\n\n| | |\n|---|---|\n| 身份证 | 1 |\n\n## 第二节\n\n"
        "| 材料 | 份数 |\n|---|---|\n| 户口簿 | 1 |\n"
    )
    extension = GuidekitComponentsExtension(lang="zh-Hans", source="docs/t.md", line_offset=0)
    html = markdown.markdown(text, extensions=["tables", extension])
    assert re.findall(r'<table[^>]* data-line="(\d+)"', html) == ["3", "9"]


def test_admonitions_become_components_with_theme_guidekit() -> None:
    """An existing MkDocs site's ``!!! note`` kept MkDocs' bare admonition markup under theme:
    guidekit, whose stylesheet has no rules for it: a title that looked like body text, no box."""
    from guidekit.mkdocs_plugin.components import GuidekitComponentsExtension

    text = (
        '# 社保卡\n\n!!! note "带什么"\n    带上身份证原件。\n\n!!! warning\n    不要把密码告诉别人。\n\n'
        '```\n!!! note\n```\n\n!!! example\n    例如：张三。\n\n!!! tip "只有标题"\n'
    )
    extension = GuidekitComponentsExtension(
        lang="zh-Hans", source="docs/card.md", line_offset=2, admonitions=True
    )
    html = markdown.markdown(text, extensions=["admonition", "fenced_code", extension])
    # a title alone is left as it is: a component needs something to say
    assert html.count("admonition") == 2 and "只有标题" in html
    assert re.search(r'class="gk-information"[^>]* data-line="5"', html) and "带什么" in html
    # no title written: the component's own word in the page's language, not MkDocs' "Warning"
    assert re.search(r'class="gk-warning"[^>]* data-line="8"', html) and "注意" in html
    assert "Warning" not in html
    assert re.search(r'class="gk-example"[^>]* data-line="15"', html)
    assert extension.problems == []
    # other themes style admonitions themselves: left as MkDocs makes them
    plain = markdown.markdown(
        text, extensions=["admonition", "fenced_code", GuidekitComponentsExtension()]
    )
    assert 'class="admonition note"' in plain


def test_a_link_alone_in_a_paragraph_is_marked_a_target_of_its_own() -> None:
    """As on guidekit's own pages (a11y_tests/test_target_sizes.py): with theme guidekit the gate
    refused ``[返回补办社会保障卡](index.md)`` on a line of its own at 162×21 px (found by a developer
    trying the plugin)."""
    html = markdown.markdown(
        "请看[补办](index.md)的办法。\n\n[返回补办社会保障卡](index.md)\n",
        extensions=["guidekit_components"],
    )
    assert re.findall(r"<p[^>]*>", html) == ["<p>", '<p class="gk-link-alone">']


def test_a_link_in_a_list_items_sentence_is_marked_a_word_in_it() -> None:
    """:only-child does not see text: the themes' target rule made the link of
    ``- 请登录[网上办事大厅](index.md)申请`` a box standing between the sentence's halves."""
    html = markdown.markdown(
        "- 请登录[网上办事大厅](index.md)申请。\n- [返回补办社会保障卡](index.md)\n"
        "- **[补办须知](index.md)**\n- 请先看**[补办须知](index.md)**。\n\n"
        "**[返回补办社会保障卡](index.md)**\n",
        extensions=["guidekit_components"],
    )
    assert re.findall(r'<li(?: class="([^"]*)")?', html) == [
        "gk-link-in-text",
        "",
        "",
        "gk-link-in-text",
    ]
    assert '<p class="gk-link-alone"><strong>' in html


def test_a_phrase_is_marked_in_its_language_as_the_gate_advises() -> None:
    """The gate's advice for an unmarked phrase, ``[补办]{lang=zh-Hans}``, came out as that text on
    a MkDocs page, and the same finding again (found by a developer trying the plugin). A link's
    own ``{lang=…}`` is left to attr_list."""
    html = markdown.markdown(
        "Ask for [补办]{lang=zh-Hans} at [the counter](desk.md).\n",
        extensions=["guidekit_components"],
    )
    assert '<span lang="zh-Hans">补办</span>' in html and "{lang=" not in html
    assert 'href="desk.md">the counter</a>' in html


def test_the_copies_a_stopped_serve_left_behind_are_removed_by_the_next(tmp_path: Path) -> None:
    """mkdocs serve stopped by a signal runs no shutdown hook: each run left its checked copy in
    /tmp (found by a developer trying the plugin; 33 such folders on one machine)."""
    import subprocess as sp

    from guidekit.mkdocs_plugin.plugin import SNAPSHOT_PREFIX, swept_snapshots

    ended = sp.Popen(["true"])
    ended.wait()
    stale = tmp_path / f"{SNAPSHOT_PREFIX}{ended.pid}-x1y2" / "site"
    live = tmp_path / f"{SNAPSHOT_PREFIX}{os.getpid()}-a3b4" / "site"
    other = tmp_path / "guidekit-serve-notes"
    for folder in (stale, live, other):
        folder.mkdir(parents=True)
    assert swept_snapshots(tmp_path) == [stale.parent]
    assert not stale.parent.exists() and live.is_dir() and other.is_dir()
