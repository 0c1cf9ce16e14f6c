"""A page guidekit did not write, checked in the standard theme, is held to WCAG A and AA: correct
HTML a developer or another generator wrote is not refused for guidekit's own promises.

An outside developer checked hand-written pages with ``guidekit check`` and the pytest plugin:
justified text, a long italic passage and a sentence in capitals were refused under 1.4.8 (AAA); two
"下载" links each in its own list item under 2.4.4, though the list item tells them apart; a size in
px, a file link without its type and size, a skipped heading level and a page without a main
landmark were errors; "Adobe Acrobat Reader" in a Chinese page was refused as a phrase in another
language (3.1.2 exempts proper names), and so, later, were names whose short words are not
capitalised: "Material for MkDocs", the footer of every page that MkDocs theme makes. The same HTML
as a guidekit page is held to its theme. A page without ``lang`` was told in Chinese with axe's
words in English inside.
"""

from __future__ import annotations

import pytest

from guidekit.findings import Severity
from guidekit.gate import run_gate

from .gate_fixtures import page, write_site

ITALIC = "Bring the original of your identity card and a copy of it. " * 4
BODY = (
    '<p class="justified">'
    + "请带身份证原件和复印件到市民中心一楼的综合窗口办理，工作人员会当场核对。" * 3
    + "</p>"
    f'<p lang="en"><em>{ITALIC}</em></p>'
    '<p lang="en">PLEASE BRING THE ORIGINAL OF YOUR IDENTITY CARD WITH YOU.</p>'
    '<p>填好<a href="form.docx">申请表</a>带来。</p>'
    '<ul><li>社保卡申领表：<a href="a.pdf">下载</a></li>'
    '<li>居住证申请表：<a href="b.pdf">下载</a></li></ul>'
    '<table><tr><th scope="row">社保卡申领表</th><td><a href="a.pdf">下载</a></td></tr>'
    '<tr><th scope="row">居住证申请表</th><td><a href="b.pdf">下载</a></td></tr></table>'
    '<h3>办理地点</h3><p class="small">市民中心一楼。请用 Adobe Acrobat Reader 打开表格。</p>'
    "<p>本站用 Material for MkDocs 制作，代收银行是 Bank of China。</p>"
    '<p><label><input type="checkbox" aria-describedby="kind source"> 居民身份证</label></p>'
    '<p id="kind">原件、1 份</p><p id="source">从哪里拿：自己带</p>'
)
CSS = ".justified { text-align: justify; } .small { font-size: 12px; }"
# no <main>: axe's best practices ask for one
SEPARATE = page(BODY, css=CSS, lang="zh-Hans", title="申领社会保障卡").replace("main>", "div>")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    pages = {
        "hand-written.html": SEPARATE,
        "guidekit.html": page(
            BODY, css=CSS, lang="zh-Hans", title="申领社会保障卡", theme="standard"
        ),
        "a.pdf": "%PDF-1.4\n",
        "b.pdf": "%PDF-1.4\n",
        "form.docx": "form",
        "no-lang.html": page("<p>市民中心一楼。</p>", title="办理地点").replace(' lang="en"', ""),
    }
    return run_gate(write_site(tmp_path_factory.mktemp("held"), pages), jobs=2)


def _found(report, name: str, severity: Severity) -> set[str]:
    return {f.rule for f in report.findings if f.page == name and f.severity is severity}


def test_correct_html_guidekit_did_not_write_is_not_refused(report):
    assert _found(report, "hand-written.html", Severity.ERROR) == set()


# what the page shows that WCAG A and AA do not ask, and guidekit's themes do
BEYOND_AA = {
    "guidekit:text-justified",
    "guidekit:long-italic",
    "guidekit:long-capitals",
    "guidekit:text-fixed-size",
    "guidekit:link-download",
    "guidekit:heading-order",
    "guidekit:language-of-parts",
    "guidekit:description-run-on",
}


def test_what_wcag_aa_does_not_ask_is_a_warning_there(report):
    found = _found(report, "hand-written.html", Severity.WARNING)
    assert found >= BEYOND_AA | {"axe:landmark-one-main"}


def test_links_of_one_text_told_apart_by_their_list_items_or_row_headers_pass(report):
    assert "guidekit:link-same-text" not in {f.rule for f in report.findings}


def test_a_guidekit_page_is_held_to_its_theme(report):
    assert _found(report, "guidekit.html", Severity.ERROR) >= BEYOND_AA


def test_a_page_without_lang_is_told_in_one_language(report):
    (finding,) = [f for f in report.findings if f.rule == "axe:html-has-lang"]
    assert finding.message.startswith(
        "<html> 元素必须有一个 lang 属性。axe 查到：<html> 元素没有"
    ), finding.message
