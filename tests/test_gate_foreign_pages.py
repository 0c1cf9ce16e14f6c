"""On pages guidekit did not write (a Flask template, hand-written HTML, `guidekit check` of any
folder), a finding says what to change in the HTML and names the element by what the page wrote.

An outside audit checked a Flask app and hand-written pages: a missing alt was explained as
"inside the brackets of ![ ]", a page marked English told to "set lang: zh-Hans in the front
matter", and a form holding a field named "id" was named ``form#\\[object\\ HTMLInputElement\\]``.
A page built from Markdown (its elements carry their source line) keeps the Markdown advice.
"""

from __future__ import annotations

import pytest

from guidekit.gate import run_gate
from guidekit.site_paths import CONTENT_SECURITY_POLICY as POLICY

from .gate_fixtures import page, write_site

PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>'

PAGES = {
    "picture.svg": PICTURE,
    "no-alt.html": page('<p>Our office.</p><p><img src="picture.svg"></p>'),
    "vague-link.html": page(
        '<p>办理前请阅读须知，<a href="#end">点击这里</a>。</p><p id="end">须知。</p>',
        lang="zh-Hans",
        title="办理须知",
    ),
    "empty-link.html": page('<p><a href="#end"></a></p><p id="end">The end.</p>'),
    "heading-skip.html": page("<h3>Opening hours</h3><p>Weekdays, 9:00 to 17:00.</p>"),
    # Material's own pages say MkDocs made them: their language is set in mkdocs.yml
    "material-404.html": page(
        "<p>这一页的文字都是中文，但页面说自己是英文。这样读屏软件会用英文的读法读它。</p>",
        lang="en",
        title="找不到页面",
        head='<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">',
    ),
    "page-language.html": page(
        "<p>这一页的文字都是中文，但页面说自己是英文。这样读屏软件会用英文的读法读它，听的人听不懂。</p>",
        lang="en",
        title="申领社会保障卡",
    ),
    "part-language.html": page(
        "<p>请带上身份证。外国人请带 Foreign Permanent Resident ID Card 原件。</p>",
        lang="zh-Hans",
        title="办理材料",
    ),
    # a form's named fields shadow its properties in the DOM: form.id is the field named "id"
    "form-field-named-id.html": page(
        '<form id="apply" action="#"><p><label for="who">ID number</label>'
        '<input id="who" name="id"></p><div style="width: 900px">Wide.</div></form>'
    ),
    # a style attribute the page's own policy refuses, written in Markdown (MkDocs passes raw HTML
    # through) and in a template: each finding names its element, the first at its line
    "inline-style.html": page(
        '<p data-line="5" style="color: #333">Open on weekdays.</p>'
        '<p class="note" style="color: #333">Closed on holidays.</p>',
        head='<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="guidekit-source" content="en/office.md">',
    ),
    # an element written over several lines, as hand-written HTML often is
    "multi-line.html": page(
        '<p class="faint">The office is open\n  on weekdays.</p>', css=".faint { color: #bbb; }"
    ),
    "broken-link.html": page('<p>The fees are <a href="fees.html">on their own page</a>.</p>'),
    "missing-file.html": page('<p><img src="photos/office.png" alt="The office"></p>'),
    "missing-file-from-markdown.html": page(
        '<p data-line="4"><img src="photos/counter.png" alt="The counter"></p>',
        head='<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="guidekit-source" content="en/office.md">',
    ),
    # a folder's address and its index page are one page (MkDocs' navigation writes both)
    "home/index.html": page(
        '<nav><a href="index.html">Qingchuan guides</a> <a href=".">Qingchuan guides</a> '
        '<a href="./">Qingchuan guides</a> <a href="../home/">Qingchuan guides</a></nav>'
        "<p>Guides for the city's services.</p>",
        title="Qingchuan guides",
    ),
    # mkdocs-material's search, empty: its clear button is drawn and pressed only once something is
    # typed (transparent, no pointer events, out of the Tab order); its overlay, transparent until
    # the search opens, lies over the header's logo link
    "invisible-until-used.html": page(
        '<header><a class="logo" href="#results">Qingchuan guides</a>'
        '<label class="overlay" for="query"></label></header>'
        '<form role="search" action="#"><label for="query">Search</label> '
        '<input id="query" type="search" name="query">'
        '<button type="reset" class="clear" tabindex="-1" aria-label="Clear">×</button> '
        '<button type="submit">Search</button></form><p id="results">No results yet.</p>',
        css="header { position: relative; padding: 8px; } .logo { display: inline-block; }"
        ".overlay { position: absolute; inset: 0; opacity: 0; }"
        ".clear { opacity: 0; pointer-events: none; width: 18px; height: 18px; padding: 0;"
        " border: 0; background: none; }"
        "input, button { font: inherit; padding: 0.4rem; }",
    ),
    # a focus-visible polyfill (mkdocs-material has one) marks what the keyboard focuses
    "marked-as-focused.html": page(
        '<p><a class="quiet" href="#end">Opening hours</a></p><p id="end">Weekdays.</p>',
        css=".quiet:focus-visible { outline: none; }",
        script="<script>document.addEventListener('focusin', (event) =>"
        " event.target.classList.add('focus-visible'));</script>",
    ),
    # the same missing alt on a page built from Markdown, where the fix is in the Markdown
    "from-markdown.html": page(
        '<meta name="guidekit-source" content="en/office.md">'
        '<p data-line="3"><img src="picture.svg"></p>'
    ),
}


# Older Chinese sites: pages in GBK, said so by their own <meta charset>, and pages named .htm
GBK_PAGE = page(
    '<p>请带身份证到市民中心办理。办理时间见<a href="old/notice.htm">办理须知</a>，'
    '<a href="old/notice.htm#hours">办理时间</a>。</p>',
    lang="zh-CN",
    title="旧版办事指南",
).replace('<meta charset="utf-8">', '<meta charset="gbk">')
HTM_PAGE = page('<p>Our office.</p><p><img src="../picture.svg"></p>', title="Notice")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("foreign"), {**PAGES, "old/notice.htm": HTM_PAGE})
    (site / "gbk.html").write_bytes(GBK_PAGE.encode("gbk"))
    return run_gate(site, jobs=2)


@pytest.fixture(scope="module")
def findings(report):
    return {(f.page, f.rule): f for f in report.findings}


# where the fixture's page writes its <style> and the body it is given
STYLE_LINE = next(n for n, line in enumerate(page("").splitlines(), 1) if "<style>" in line)
BODY_LINE = page("BODY").splitlines().index("BODY") + 1


@pytest.mark.parametrize(
    ("page", "rule", "says", "not_said"),
    [
        ("no-alt.html", "guidekit:image-alt", 'alt="', "![ ]"),
        ("vague-link.html", "guidekit:link-purpose", "<a>", "[ ]"),
        ("empty-link.html", "guidekit:link-name", "<a>", "[ ]"),
        ("heading-skip.html", "guidekit:heading-order", "<h2>", "##"),
        ("page-language.html", "guidekit:page-language", '<html lang="zh-Hans">', "front matter"),
        ("material-404.html", "guidekit:page-language", "mkdocs.yml", "<html"),
        ("part-language.html", "guidekit:language-of-parts", 'lang="en"', "{lang=en}"),
    ],
)
def test_the_fix_is_said_in_html_on_a_page_not_made_from_markdown(
    findings, page, rule, says, not_said
):
    finding = findings[page, rule]
    assert says in finding.message and not_said not in finding.message
    # the line of the page's HTML where the element is written; the page itself, for its language
    assert finding.line == (None if rule == "guidekit:page-language" else BODY_LINE)


def test_the_text_report_names_the_element_at_a_line_of_html(report):
    """A line of a page's HTML is not a Markdown line: the text report left out the selector a
    waiver's ``element`` names, which only the JSON report gave (a developer's walkthrough)."""
    import io

    from rich.console import Console

    from guidekit.gate.formats import print_text
    from guidekit.gate.report import judge

    printed = io.StringIO()
    print_text(judge(report.findings, []), Console(file=printed, width=2000), "en")
    lines = printed.getvalue().splitlines()
    [no_alt] = [
        line for line in lines if line.startswith("no-alt.html:") and "guidekit:image-alt" in line
    ]
    assert "element main" in no_alt, no_alt
    [markdown] = [line for line in lines if line.startswith("en/office.md:3: ")]
    assert "element " not in markdown, markdown


def test_a_page_made_from_markdown_keeps_the_markdown_advice(findings):
    finding = findings["from-markdown.html", "guidekit:image-alt"]
    assert (finding.file, finding.line) == ("en/office.md", 3) and "![ ]" in finding.message


def test_a_form_with_a_field_named_id_is_named_by_its_own_id(findings):
    reflow = findings["form-field-named-id.html", "guidekit:reflow"]
    assert reflow.element == "main > form#apply > div"


def test_what_the_pages_policy_refuses_is_named_by_its_element(findings, report):
    refused = sorted(
        (f.file, f.line, f.element)
        for f in report.findings
        if f.page == "inline-style.html" and f.rule == "guidekit:policy-violation"
    )
    # the fixture's own <style> element is refused too
    assert refused == [
        ("en/office.md", 5, "p"),
        ("inline-style.html", STYLE_LINE, "head > style"),
        ("inline-style.html", BODY_LINE, "main > p.note"),
    ]


def test_links_to_a_folder_and_to_its_index_page_are_links_to_one_page(report):
    said = [(f.rule, f.element) for f in report.findings if f.page == "home/index.html"]
    assert said == []


def test_a_broken_link_on_a_page_guidekit_did_not_write_names_its_line(findings):
    """Links are judged over the whole site, after every page: their findings named the page
    alone, where every other finding on such a page names its line."""
    broken = findings["broken-link.html", "guidekit:broken-link"]
    assert (broken.file, broken.line) == ("broken-link.html", BODY_LINE)
    assert findings["gbk.html", "guidekit:broken-anchor"].line == BODY_LINE


def test_a_page_in_gbk_is_read_as_its_meta_charset_says(report):
    """The gate had served every page as UTF-8, so a GBK page was garbled text: a run of
    mojibake without a break wider than a phone (guidekit:reflow)."""
    found = [f.rule for f in report.findings if f.page == "gbk.html"]
    assert found == ["guidekit:broken-anchor"]  # its link to old/notice.htm#hours, which has none


def test_pages_named_htm_are_checked_too(report):
    assert "old/notice.htm" in report.pages
    found = {(f.page, f.rule) for f in report.findings}
    assert ("old/notice.htm", "guidekit:image-alt") in found
    # and a link to one of their #anchors is followed as into an .html page
    assert ("gbk.html", "guidekit:broken-anchor") in found


def test_a_message_quotes_an_element_written_over_several_lines_on_one_line(findings):
    """Each finding is one paragraph of the text report: axe's snippet of the element had kept
    the page's line breaks."""
    message = findings["multi-line.html", "axe:color-contrast"].message
    assert "\n" not in message and "The office is open on weekdays." in message


def test_a_file_the_page_asks_for_in_vain_is_named(findings):
    """Chromium says only "Failed to load resource: … 404": which file was not said, and a MkDocs
    page's missing image was looked for in the theme."""
    message = findings["missing-file.html", "guidekit:console-error"].message
    assert "404" in message and "photos/office.png" in message

    # an image written in Markdown: its line, where the editor wrote the wrong file name
    missing = findings["missing-file-from-markdown.html", "guidekit:console-error"]
    assert (missing.file, missing.line) == ("en/office.md", 4)
    assert "photos/counter.png" in missing.message


def test_what_is_drawn_and_pressed_only_once_used_is_not_a_barrier_before(report):
    """An outside developer's mkdocs-material site with its search on was refused on every page: the
    empty search's clear button (transparent, no pointer events, tabindex -1) was "never reached by
    Tab" and "18×18 px", and the logo was "wholly hidden" by the search's transparent overlay. No
    reader can see or press the one, and the other hides nothing."""
    assert {
        (f.rule, f.severity) for f in report.findings if f.page == "invisible-until-used.html"
    } == set()


def test_an_element_is_named_by_the_classes_it_had_before_the_check_pressed_keys(findings):
    """The page's scripts mark what the gate's keys touch: an outside developer's waiver, written
    for the element as the page has it, would not have matched ``a.quiet.focus-visible``."""
    finding = findings["marked-as-focused.html", "guidekit:focus-visible"]
    assert finding.element == "main > p:nth-of-type(1) > a.quiet"
