"""The Content-Security-Policy every page carries: it forbids inline script and style and every
other origin, and nothing guidekit publishes trips over it — checked in a real Chromium, from
disk (file://) and through the gate, whose axe-core must still run under the policy."""

from __future__ import annotations

import asyncio
from pathlib import Path

import html5lib
import pytest
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate import run_gate
from guidekit.gate.browser import launch
from guidekit.site_paths import CONTENT_SECURITY_POLICY

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
BODY = """## 办理流程

::: steps
1. 带上身份证。
2. 到窗口办理。
:::

## 收费

| 项目 | 金额 |
|:--|--:|
| 工本费 | 0 元 |

![社保服务中心门口](door.png)

![一个像素](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)

::: details 丢了怎么办？
先打 12333 挂失。
:::
"""


def _probe_page_script() -> str:
    """Reports every policy violation as a console error, so a test cannot miss one."""
    return (
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("csp")
    source = root / "guides"
    (source / "zh-Hans").mkdir(parents=True)
    (source / "guidekit.toml").write_text(
        "gallery = false\n", "utf-8"
    )  # the gallery's own pages are tested elsewhere
    (source / "zh-Hans" / "door.png").write_bytes(PNG)
    (source / "zh-Hans" / "社保卡.md").write_text(
        "---\ntitle: 申领社保卡\nsummary: 带身份证到网点办理，不收费。\nlang: zh-Hans\nfees: "
        "不收费\n"
        "places: [{name: 社保中心, phone: '0571-8821 6300'}]\n---\n" + BODY,
        "utf-8",
    )
    result = build(source, root / "site", check=False)
    assert result.published, result.findings
    return root / "site"


def test_every_page_carries_the_policy_before_anything_it_loads(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    # the guide, the front page, the search page (whose script loads the index), the
    # ways in, 404
    assert {
        "zh-Hans/社保卡.html",
        "index.html",
        "find/zh-Hans/search.html",
        "find/zh-Hans/topics.html",
        "404.html",
    } <= {page.relative_to(site).as_posix() for page in pages}
    for page in pages:
        head = html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False).find("head")
        tags = [(element.tag, element.get("http-equiv")) for element in head]
        assert tags[:2] == [("meta", None), ("meta", "Content-Security-Policy")], page
        assert head[1].get("content") == CONTENT_SECURITY_POLICY
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
    ):
        assert directive in CONTENT_SECURITY_POLICY
    assert (
        "unsafe-inline" not in CONTENT_SECURITY_POLICY
        and "unsafe-eval" not in CONTENT_SECURITY_POLICY
    )


async def _open_from_disk(urls: list[str]) -> dict[str, dict]:
    seen: dict[str, dict] = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await browser.new_context()
            await context.add_init_script(_probe_page_script())
            for url in urls:
                page = await context.new_page()
                errors: list[str] = []
                page.on(
                    "console",
                    lambda message, errors=errors: (
                        message.type == "error" and errors.append(message.text)
                    ),
                )
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                await page.goto(url, wait_until="load")
                await page.wait_for_timeout(100)  # violation events are dispatched asynchronously
                styled = await page.evaluate("""() => ({
                    sheets: document.styleSheets.length,
                    skipLink: getComputedStyle(document.querySelector('.gk-skip-link')).position,
                    aligned: [...document.querySelectorAll('td')].map(cell => getComputedStyle(cell).textAlign),
                    images: [...document.images].map(image => image.naturalWidth),
                })""")
                seen[url] = {"errors": errors, **styled}
                await page.close()
        finally:
            await browser.close()
    return seen


def test_pages_opened_from_disk_work_under_the_policy_in_chromium(
    site: Path, tmp_path: Path
) -> None:
    control = (
        tmp_path / "control.html"
    )  # the same policy must visibly refuse inline script and style
    control.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta '
        f'http-equiv="Content-Security-Policy" '
        f'content="{CONTENT_SECURITY_POLICY}"><title>x</title></head><body><a class="gk-skip-link" '
        f'href="#x">x</a>'
        '<p style="color:red">x</p><script>document.title = "ran"</script></body></html>',
        "utf-8",
    )
    # not the 404 page: a host shows it at missing addresses, so its addresses start from the
    # site's root
    pages = sorted(page for page in site.rglob("*.html") if page.name != "404.html")
    seen = asyncio.run(_open_from_disk([page.as_uri() for page in pages] + [control.as_uri()]))

    control_errors = seen.pop(control.as_uri())["errors"]
    assert any("script-src" in error for error in control_errors) and any(
        "style-src" in error for error in control_errors
    )
    for url, facts in seen.items():
        assert facts["errors"] == [], url
        assert facts["sheets"] == 1 and facts["skipLink"] == "absolute", url
    guide = seen[(site / "zh-Hans" / "社保卡.html").as_uri()]
    assert guide["aligned"] == [
        "left",
        "right",
    ]  # table alignment survives without style attributes
    assert guide["images"] == [1, 1]  # the copied image and the data: image both load


def test_the_gate_runs_axe_under_the_policy_and_reports_what_the_policy_blocks(site: Path) -> None:
    bad = site / "unlabelled.html"
    bad.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta '
        f'http-equiv="Content-Security-Policy" '
        f'content="{CONTENT_SECURITY_POLICY}"><title>Form</title></head><body><main><h1>Form</h1>'
        '<input type="text"><img src="https://tracker.example/pixel.png" alt="">'
        '<p style="color: red">Red</p></main></body></html>',
        "utf-8",
    )
    every_page = sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))
    try:
        report = run_gate(site, jobs=2)
    finally:
        bad.unlink()
    assert sorted(report.pages) == every_page and report.axe_version.startswith("4.")
    blocking = [(finding.rule, finding.page) for finding in report.findings if finding.blocking]
    # axe really ran on a page under the policy, and what the policy blocked before any request
    # left the browser still reaches the gate's "no other host" check
    assert {
        ("axe:label", "unlabelled.html"),
        ("guidekit:external-request", "unlabelled.html"),
        ("guidekit:policy-violation", "unlabelled.html"),
    } <= set(blocking)
    assert any("tracker.example" in finding.message for finding in report.findings)
    assert [entry for entry in blocking if entry[1] != "unlabelled.html"] == []
