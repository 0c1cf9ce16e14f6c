"""The pytest plugin (guidekit.pytest_plugin), used here as any developer's suite uses it: the
``a11y`` fixture."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from markupsafe import Markup

ACCESSIBLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Apply for a card</title></head>
<body><main><h1>Apply for a card</h1><p>Bring your ID card to any service point. It is free.</p></main></body></html>"""
BROKEN = ACCESSIBLE.replace(
    "<p>Bring",
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><div style="width: 900px">Bring',
).replace("free.</p>", "free.</div>")


def rules(findings) -> set[str]:
    return {finding.rule for finding in findings}


def test_an_accessible_page_passes(a11y):
    assert a11y.check(ACCESSIBLE) == []


def test_a_broken_page_fails_the_test_naming_each_finding(pytester, tmp_path, monkeypatch):
    pytester.makepyfile(
        test_page=f"""
PAGE = {BROKEN!r}
def test_page(a11y):
    a11y.check(PAGE)
"""
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert list(scratch.glob("guidekit-a11y-*")) == [], "the pages written for a check are removed"
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert (
        "image-alt" in text
        and "guidekit:reflow" in text
        and "WCAG 1.1.1" in text
        and "WCAG 1.4.10" in text
    )
    # located at what the test gave, not at the file the plugin wrote it to, and at the line of
    # the string where the image is
    assert "\nHTML:3: error: " in text and "index.html" not in text
    assert "Traceback" not in text


def test_a_missing_browser_fails_the_test_in_one_sentence(pytester, tmp_path, monkeypatch):
    pytester.makepyfile(test_page="def test_page(a11y):\n    a11y.check('<p>Hi</p>')\n")
    monkeypatch.setenv("GUIDEKIT_CHROMIUM", str(tmp_path / "no-such-chromium"))
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert str(tmp_path / "no-such-chromium") in text and "GUIDEKIT_CHROMIUM" in text
    assert "Traceback" not in text and "BrowserMissing" not in text
    assert "another exception occurred" not in text and "direct cause" not in text
    # a program that is not a browser: the sentence alone, not Playwright's launch log; the
    # language named as a tag with its region, as components take it (en-GB was refused)
    monkeypatch.setenv("GUIDEKIT_CHROMIUM", "/bin/false")
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en-GB")
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert "/bin/false" in text and "GUIDEKIT_CHROMIUM can name another" in text, text
    assert "Browser logs" not in text and "another exception occurred" not in text
    assert "direct cause" not in text and "Call log" not in text
    # a language guidekit does not speak is refused in the developer's own
    for locale, said in (
        ("zh_CN.UTF-8", "guidekit 只会说简体中文、繁体中文和英文。请写 zh-Hans、zh-Hant 或 en"),
        ("en_GB.UTF-8", "guidekit speaks Simplified Chinese, Traditional Chinese and English"),
    ):
        monkeypatch.setenv("LANG", locale)
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        refused = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "fr")
        assert refused.ret == pytest.ExitCode.USAGE_ERROR
        assert "--a11y-lang fr" in refused.stderr.str() and said in refused.stderr.str()


def test_findings_are_returned_when_the_test_asks_for_them(a11y, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(BROKEN, "utf-8")
    found = rules(a11y.check(page, fail=False))
    assert "guidekit:reflow" in found and found & {"axe:image-alt", "guidekit:image-alt"}


@pytest.mark.a11y(skip_rules=["axe:image-alt", "guidekit:image-alt", "guidekit:reflow", "axe:*"])
def test_the_marker_skips_rules(a11y):
    assert a11y.check(BROKEN) == []


@pytest.mark.a11y(theme="silver")
def test_the_silver_theme_adds_the_silver_numbers(a11y):
    assert any(
        rule.startswith("guidekit:silver-") for rule in rules(a11y.check(ACCESSIBLE, fail=False))
    )
    assert a11y.check(ACCESSIBLE, theme="standard") == []


def test_the_standard_theme_asks_no_aaa_of_a_page_guidekit_did_not_make(a11y):
    """A long Chinese paragraph, no stylesheet: lines of 79 characters break 1.4.8, which is AAA and
    guidekit's themes' promise, not WCAG 2.2 AA's; the fixture refused the page where ``guidekit
    check`` passed it (found by a developer trying the plugin)."""
    long_lines = (
        ACCESSIBLE.replace('lang="en"', 'lang="zh-Hans"')
        .replace("Apply for a card", "申领社会保障卡")
        .replace(
            "Bring your ID card to any service point. It is free.",
            "请带上居民身份证到任何一个社保服务网点办理，工作人员会当场为您办好，不收任何费用。"
            * 4,
        )
    )
    assert a11y.check(long_lines) == []
    assert "guidekit:line-length" in rules(a11y.check(long_lines, theme="silver", fail=False))


def test_a_table_wider_than_a_phone_is_a_silver_finding_on_any_page(a11y):
    """Silver is one column always, on a developer's page checked in silver as on guidekit's own:
    a table scrolled out of its box at 320 px hides its last columns."""
    wide = ACCESSIBLE.replace(
        "</main>",
        "<table><caption>Fees</caption><tr>"
        + "".join(f'<th scope="col" style="min-width: 8em">Way {n}</th>' for n in range(4))
        + "</tr><tr>"
        + "".join("<td>Free of charge</td>" for _ in range(4))
        + "</tr></table></main>",
    )
    assert "guidekit:silver-table-cut" in rules(a11y.check(wide, theme="silver", fail=False))
    assert "guidekit:silver-table-cut" not in rules(a11y.check(wide, fail=False))


def test_a_component_with_its_parameters(a11y):
    assert a11y.component("warning", {"content": "不要把密码告诉别人。"}) == []
    assert (
        a11y.component(
            "steps", {"steps": ["Bring your ID.", "Take a number."], "lang": "en"}, theme="silver"
        )
        == []
    )


def test_a_url_of_a_live_server_and_a_report(pytester, tmp_path):
    (tmp_path / "index.html").write_text(ACCESSIBLE, "utf-8")
    (tmp_path / "broken.html").write_text(BROKEN, "utf-8")
    handler = lambda *args: SimpleHTTPRequestHandler(*args, directory=str(tmp_path))  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        pytester.makepyfile(
            test_live=f"""
def test_home(a11y):
    a11y.check({base + "/"!r})
def test_broken(a11y):
    assert "guidekit:image-alt" in {{f.rule for f in a11y.check({base + "/broken.html"!r}, fail=False)}}
def test_a_query_in_chinese(a11y):
    a11y.check({base + "/?q=社保卡"!r})
"""
        )
        report = tmp_path / "报告 reports" / "report.json"  # a folder not made yet
        outcome = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", f"--a11y-report={report}", "--a11y-lang=zh-Hans"
        )
    finally:
        server.shutdown()
        server.server_close()
    # the query was "page-unchecked": the browser spelled it percent-encoded, and the gate took
    # that for the tab leaving the page
    outcome.assert_outcomes(passed=3)
    checks = json.loads(report.read_text("utf-8"))["checks"]
    assert [check["ok"] for check in checks] == [True, False, True]
    assert {finding["lang"] for finding in checks[1]["findings"]} == {"zh-Hans"}  # --a11y-lang


def test_a_report_that_cannot_be_written_is_said_before_the_tests_run(pytester, tmp_path):
    """A folder given as the report, or a file where its folder should be, ended a whole run with
    a traceback after every test had run."""
    pytester.makepyfile(test_one="def test_one():\n    pass\n")
    (tmp_path / "a-file").write_text("", "utf-8")
    # the second was said as "a file or folder of that name already exists" (an outside developer)
    for report, reason in (
        (tmp_path, "folder"),
        (tmp_path / "a-file" / "report.json", "part of the path is a file, not a folder"),
    ):
        outcome = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", f"--a11y-report={report}", "--a11y-lang=en"
        )
        said = outcome.stdout.str() + outcome.stderr.str()
        assert outcome.ret == pytest.ExitCode.USAGE_ERROR, said
        assert f"--a11y-report {report}: the report cannot be written there" in said, said
        assert reason in said and "Traceback" not in said and "passed" not in said, said


def test_the_report_holds_every_check_of_a_parallel_run(pytester, tmp_path):
    """With pytest-xdist each worker checks its own tests; the report is written once, by the
    run, with every worker's checks (each worker used to write the file over the others')."""
    pytester.makepyfile(
        test_many="\n".join(
            f"def test_{number}(a11y):\n    a11y.check({ACCESSIBLE!r})\n" for number in range(4)
        )
    )
    report = tmp_path / "report.json"
    outcome = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", f"--a11y-report={report}"
    )
    outcome.assert_outcomes(passed=4)
    checks = json.loads(report.read_text("utf-8"))["checks"]
    assert sorted(check["test"] for check in checks) == [
        f"test_many.py::test_{number}" for number in range(4)
    ]


def test_a_playwright_page_is_checked_as_it_stands(a11y, tmp_path):
    """pytest-playwright's ``page`` fixture is a sync-API Page: its DOM now, after the test's own
    clicks, is checked."""
    from playwright.sync_api import sync_playwright

    from guidekit.gate.browser import chromium_path

    (tmp_path / "index.html").write_text(ACCESSIBLE, "utf-8")
    handler = lambda *args: SimpleHTTPRequestHandler(*args, directory=str(tmp_path))  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            assert a11y.check(page) == []
            page.evaluate(
                "document.querySelector('main').insertAdjacentHTML('beforeend', '<img "
                'src="x.png">\')'
            )
            added = [f for f in a11y.check(page, fail=False) if f.rule == "guidekit:image-alt"]
            # the tab's DOM as it stands is no file the developer opens: no line of it is named
            assert [finding.line for finding in added] == [None]
            # a tab showing a file: its DOM, served beside the file's own folder's neighbours
            page.goto(site_page(tmp_path).as_uri())
            assert a11y.check(page) == []
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


DIALOG_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Send the form</title>
<style>button, input { font: inherit; padding: 0.5rem 1rem; }</style></head>
<body><main><h1>Send the form</h1>
<form action="#"><p><label for="name">Name</label> <input id="name" name="name"></p>
<p><button type="button" id="open">Send</button></p></form>
<dialog id="confirm" aria-labelledby="confirm-title"><h2 id="confirm-title">Send it now?</h2>
<p>You cannot change it afterwards.</p>
<p><button type="button" id="cancel">Cancel</button> <button type="button" id="ok">Send</button></p>
</dialog></main><script src="dialog.js"></script></body></html>"""
DIALOG_SCRIPT = """const confirm = document.getElementById("confirm");
document.getElementById("open").addEventListener("click", () => confirm.showModal());
for (const id of ["cancel", "ok"]) {
  document.getElementById(id).addEventListener("click", () => confirm.close());
}"""


def test_a_playwright_page_with_a_modal_dialog_open_is_checked_with_it_open(a11y, tmp_path):
    """An outside developer's test opened a confirmation dialog (showModal) and checked the page:
    the DOM was checked as text, so the dialog came back open but not modal, and the gate's own
    presses then made three errors (the page's script failing to open it again, focus lost when
    it closed, a Tab order running out of it) on a page that has none."""
    from playwright.sync_api import sync_playwright

    from guidekit.gate.browser import chromium_path
    from guidekit.gate.scripts import script

    (tmp_path / "index.html").write_text(DIALOG_PAGE, "utf-8")
    (tmp_path / "dialog.js").write_text(DIALOG_SCRIPT, "utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        page.fill("#name", "Wang Fang")
        page.click("#open")
        assert a11y.check(page, fail=False) == []
        # still the test's page as it was: the dialog open and modal, the name as typed
        assert page.evaluate("document.getElementById('confirm').matches(':modal')")
        assert page.input_value("#name") == "Wang Fang"
        assert 'value="Wang Fang"' in page.evaluate(script("snapshot.js"))
        # what is wrong inside the open dialog is still found, and nothing behind it is asked for
        page.evaluate("document.getElementById('ok').textContent = ''")
        found = a11y.check(page, fail=False)
        assert [(f.rule, f.element.split(" > ")[-1]) for f in found if f.blocking] == [
            ("axe:button-name", "button#ok:nth-of-type(2)")
        ]
        browser.close()


SERVER_RENDERED = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pay the fee</title></head>
<body><main><h1>Pay the fee</h1><fee-box><template shadowrootmode="open"><style>button { font: inherit;
padding: 0.5rem 1rem; border: 2px solid #0b0c0c; background: #fff; color: #0b0c0c; }
button:focus { outline: none; }</style><p>The fee is 20 yuan.</p><button type="button">Pay</button>
</template></fee-box></main></body></html>"""


def test_a_playwright_page_with_components_its_server_drew_is_checked_with_them(a11y, tmp_path):
    """A page whose server sends its components drawn, in shadow roots its HTML declares (Lit's
    server rendering): the tab's DOM was copied as text without them, and the copy checked empty."""
    from playwright.sync_api import sync_playwright

    from guidekit.gate.browser import chromium_path

    (tmp_path / "index.html").write_text(SERVER_RENDERED, "utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        found = a11y.check(page, fail=False)
        assert [(f.rule, f.element) for f in found] == [
            ("guidekit:focus-visible", "main > fee-box >>> button")
        ]
        browser.close()


def site_page(folder: Path) -> Path:
    """A page of a small site, in a subfolder: it loads ``../assets/site.css``."""
    site = folder / "site"
    (site / "assets").mkdir(parents=True)
    (site / "guides").mkdir()
    (site / "assets" / "site.css").write_text("main { color: #1a1a1a; }", "utf-8")
    (site / "index.html").write_text(ACCESSIBLE, "utf-8")
    page = ACCESSIBLE.replace(
        "</head>", '<link rel="stylesheet" href="../assets/site.css"></head>'
    ).replace("It is free.", 'It is free. <a href="../index.html">All guides</a>')
    (site / "guides" / "card.html").write_text(page, "utf-8")
    return site / "guides" / "card.html"


def test_a_page_in_a_subfolder_loads_what_it_shares_with_its_site(a11y, tmp_path):
    """A page of a built site loads ``../assets/…`` and links ``../index.html``; one of a web
    app's template folders loads ``/static/…``. Served from its own folder alone, the page met
    "not found" for its stylesheet (a console error), and its links counted as broken."""
    assert a11y.check(site_page(tmp_path)) == []

    app = tmp_path / "app"
    (app / "static").mkdir(parents=True)
    (app / "templates" / "out").mkdir(parents=True)
    (app / "static" / "app.css").write_text("main { color: #1a1a1a; }", "utf-8")
    rooted = ACCESSIBLE.replace("</head>", '<link rel="stylesheet" href="/static/app.css"></head>')
    (app / "templates" / "out" / "card.html").write_text(rooted, "utf-8")
    assert a11y.check(str(app / "templates" / "out" / "card.html")) == []


def test_a_page_that_links_outside_its_folder_finds_its_neighbours(a11y, tmp_path):
    """A hand-written page that loads nothing but links ``../help/faq.html``: the file is there,
    so the link is not broken (served from its own folder alone, it was)."""
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "faq.html").write_text(ACCESSIBLE, "utf-8")
    (tmp_path / "apply").mkdir()
    linking = ACCESSIBLE.replace(
        "It is free.", 'It is free. <a href="../help/faq.html">Questions and answers</a>.'
    )
    (tmp_path / "apply" / "index.html").write_text(linking, "utf-8")
    assert a11y.check(tmp_path / "apply" / "index.html") == []
    (tmp_path / "help" / "faq.html").unlink()
    assert "guidekit:broken-link" in rules(
        a11y.check(tmp_path / "apply" / "index.html", fail=False)
    )


def test_a_server_that_is_not_running_fails_at_once_in_one_sentence(pytester):
    """The check waited for two page timeouts (a minute) and then said the page could not be
    checked "so the build is not published", in Chinese whatever --a11y-lang said."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pytester.makepyfile(
        test_down=f"def test_down(a11y):\n    a11y.check('http://127.0.0.1:{port}/apply')\n"
    )
    started = time.monotonic()
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    assert time.monotonic() - started < 20
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert f"http://127.0.0.1:{port}/apply" in text and "Start the server" in text
    assert "Traceback" not in text and "page-unchecked" not in text


def test_a_server_that_never_answers_fails_in_one_sentence(pytester, monkeypatch):
    """A socket that takes connections and never answers ended, after two page timeouts, as
    "could not be checked (Route.fetch: Request context disposed.)", the build's wording, and two
    logged tracebacks (a new user's walkthrough)."""
    import socket

    monkeypatch.setenv("GUIDEKIT_PAGE_TIMEOUT_MS", "2000")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the system completes connections; nobody reads them
        port = silent.getsockname()[1]
        pytester.makepyfile(
            test_silent=f"def test_silent(a11y):\n    a11y.check('http://127.0.0.1:{port}/')\n"
        )
        outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert f"The server at http://127.0.0.1:{port}/ took the connection" in text, text
    assert "within 2 s" in text and "Traceback" not in text and "Route.fetch" not in text


def test_a_page_that_cannot_be_checked_is_said_in_the_a11y_lang(pytester, monkeypatch):
    monkeypatch.setenv("GUIDEKIT_PAGE_TIMEOUT_MS", "2000")
    pytester.makepyfile(
        test_hang=f"""
def test_hang(a11y):
    a11y.check({ACCESSIBLE.replace("</main>", "</main><script>while (true) {}</script>")!r})
"""
    )
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert "guidekit:page-unchecked" in text and "could not be checked" in text, text


def test_a_markers_waivers_accept_a_finding_until_they_expire(pytester):
    pytester.makefile(
        ".toml",
        waivers="""
[[waiver]]
rule = "guidekit:image-alt"
owner = "王芳"
reason = "the photo gets its description next week"
expires = 2999-01-31

[[waiver]]
rule = "guidekit:reflow"
owner = "李雷"
reason = "the wide box is being redesigned"
expires = 2020-01-31

[[waiver]]
rule = "guidekit:image-alt"
page = "guide/sub/index.html"
owner = "韩梅梅"
reason = "named as a folder's check names it"
expires = 2999-01-31
""",
    )
    pytester.makepyfile(
        test_waived=f"""
import pytest
@pytest.mark.a11y(waivers="waivers.toml")
def test_page(a11y):
    a11y.check({BROKEN!r})
"""
    )
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    # the waived finding does not fail the test; the one whose waiver expired does, and says why
    assert "(guidekit:reflow," in text and "(guidekit:image-alt," not in text
    assert "The waiver expired on 2020-01-31 (owner 李雷)" in text
    # a waiver that matched nothing is listed: its page may be named as another check names it;
    # another test may need it, so it is not said to be for removing
    assert "guide/sub/index.html" in text and "韩梅梅" in text
    assert "matches nothing in this check" in text and "remove it" not in text


def test_markers_on_the_module_class_and_test_add_up(pytester):
    """A module's silver marker was dropped, silently, for a test with a marker of its own (pytest
    gives the closest marker): the test skipping one rule was checked in the standard theme."""
    pytester.makepyfile(
        test_layers="""
import pytest
pytestmark = pytest.mark.a11y(theme="silver", skip_rules=["axe:region"])
@pytest.mark.a11y(skip_rules=["axe:label"])
class TestForms:
    def test_class(self, a11y):
        assert (a11y.theme, a11y.skip_rules) == ("silver", ("axe:label", "axe:region"))
    @pytest.mark.a11y(theme="standard", skip_rules=["axe:region"])
    def test_own(self, a11y):
        assert (a11y.theme, a11y.skip_rules) == ("standard", ("axe:region", "axe:label"))
def test_module(a11y):
    assert (a11y.theme, a11y.skip_rules) == ("silver", ("axe:region",))
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_a_marker_with_a_wrong_waivers_file_or_theme_fails_in_one_sentence(pytester):
    pytester.makefile(".toml", broken='[[waiver]]\nrule = "axe:*"\n')
    pytester.makepyfile(
        test_marker="""
import pytest
@pytest.mark.a11y(waivers="no-such-waivers.toml")
def test_missing(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y(waivers="broken.toml")
def test_broken(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y(theme="gold")
def test_marker_theme(a11y):
    a11y.check("<p>Hi</p>")
def test_check_theme(a11y):
    a11y.check("<p>Hi</p>", theme="golden")
@pytest.mark.a11y(them="silver")
def test_misspelt(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y("silver")
def test_positional(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y(skip_rules="axe:label")
def test_one_rule_as_a_string(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y(skip_rules=[1])
def test_a_rule_that_is_no_name(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y(skip_rules=["guidekit:*", "axe:colour-contrast"])
def test_a_misspelt_rule(a11y):
    a11y.check("<p>Hi</p>")
@pytest.mark.a11y(skip_rules=["image-alt"])
def test_a_rule_without_its_tool(a11y):
    a11y.check("<p>Hi</p>")
"""
    )
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    # an option without its name or one rule as a string passed the test unasked-for; a rule the
    # gate does not have skipped nothing, unsaid
    outcome.assert_outcomes(errors=9, failed=1)
    assert "'axe:colour-contrast' names no rule" in outcome.stdout.str()
    assert "Did you mean 'axe:color-contrast'?" in outcome.stdout.str()
    assert "'image-alt' names no rule" in outcome.stdout.str()
    assert "Did you mean 'axe:image-alt' or 'guidekit:image-alt'?" in outcome.stdout.str()
    assert "takes its options by name" in outcome.stdout.str()
    assert "it was given str 'axe:label'" in outcome.stdout.str()
    assert "it was given list [1]" in outcome.stdout.str()
    text = outcome.stdout.str()
    assert "no-such-waivers.toml" in text and "owner" in text
    assert "'gold'" in text and "'golden'" in text and "standard, silver" in text
    # a misspelt option was ignored: the test ran in the standard theme and passed
    assert "'them'" in text and "theme, waivers, skip_rules" in text
    assert "Traceback" not in text and "WaiverError" not in text and "ValueError" not in text
    assert "another exception occurred" not in text
    assert "pytest_plugin.py" not in text


def test_a_missing_file_or_component_fails_in_one_sentence(pytester, tmp_path):
    pytester.makepyfile(
        test_mistakes=f"""
def test_file(a11y):
    a11y.check({str(tmp_path / "no-such-page.html")!r})
def test_path(a11y):
    from pathlib import Path
    a11y.check(Path({str(tmp_path / "gone")!r}))
def test_component(a11y):
    a11y.component("warnign", {{"content": "x"}})
def test_params(a11y):
    a11y.component("warning", {{"contnt": "x", "lang": "en"}})
def test_params_not_a_dict(a11y):
    a11y.component("help", "311")
"""
    )
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "zh-Hans")
    outcome.assert_outcomes(failed=5)
    assert "a11y.component 的第二个参数要是组件参数的字典" in outcome.stdout.str()
    assert "收到的是 str '311'" in outcome.stdout.str()
    text = outcome.stdout.str()
    assert "no-such-page.html" in text and "gone" in text and "warnign" in text
    assert text.count("不存在") >= 2 and "没有名为" in text and "warning" in text
    assert "Traceback" not in text and "FileNotFoundError" not in text
    assert "LookupError" not in text
    # params that do not fit: one failure in --a11y-lang's words, no traceback through guidekit
    assert "没有参数“contnt”" in text and "ComponentParamsError" not in text
    assert "component_registry.py" not in text
    assert "another exception occurred" not in text


def test_a_folder_without_pages_fails_as_guidekit_check_refuses_it(pytester, tmp_path):
    """A folder with nothing to check passed, where ``guidekit check`` refuses it: no verdict."""
    (tmp_path / "empty").mkdir()
    pytester.makepyfile(
        test_empty=f"def test_empty(a11y):\n    a11y.check({str(tmp_path / 'empty')!r})\n"
    )
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y-lang", "en")
    outcome.assert_outcomes(failed=1)
    text = outcome.stdout.str()
    assert f"{tmp_path / 'empty'} holds no web pages" in text and "Traceback" not in text


def test_the_plugins_own_messages_are_in_the_users_language(pytester, monkeypatch):
    """Without --a11y-lang, what the plugin says of the test itself (not of a page, whose findings
    are in the page's own language) is in the language of the person running it, as guidekit's
    commands speak."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    pytester.makepyfile(
        test_words="""
import pytest
def test_missing(a11y):
    a11y.check("nope/missing.html")
@pytest.mark.a11y(them="silver")
def test_misspelt(a11y):
    a11y.check("<p>Hi</p>")
"""
    )
    outcome = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    outcome.assert_outcomes(failed=1, errors=1)
    text = outcome.stdout.str()
    assert "nope/missing.html, the page to check, does not exist" in text, text
    assert "@pytest.mark.a11y has no option 'them'" in text


RING_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Opening hours</title>
<style>a.nav{display:inline-block;padding:12px 8px;color:#0b0c7c}
a.nav:focus{outline:3px solid #d4351c;outline-offset:2px}
.wrap{position:relative;display:inline-block;padding:8px;margin:0}
.frame{position:absolute;inset:0;border:10px solid #fff;pointer-events:none}</style></head>
<body><main><h1>Opening hours</h1><p class="wrap"><a class="nav" href="#x" id="x">Opening hours</a>
FRAME</p></main></body></html>"""


def test_a_focus_ring_is_judged_on_its_own_page_whatever_was_checked_before(a11y):
    """Two links alike, one under a white frame drawn over its ring: the frame's page failed or
    passed by which page the session checked first, as the verdict on the first was kept for the
    other (found by a developer trying the plugin)."""
    plain, framed = (
        RING_PAGE.replace("FRAME", ""),
        RING_PAGE.replace("FRAME", '<span class="frame"></span>'),
    )
    verdicts = [
        "guidekit:focus-visible" in rules(a11y.check(page, fail=False))
        for page in (plain, framed, plain, framed)
    ]
    assert verdicts == [False, True, False, True]


SYSTEM_COLOURS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Fees</title>
<style>:root{color-scheme:light dark} STYLE</style></head><body><main><h1>Fees</h1>
<nav aria-label="On this page"><a href="#fees" style="display:inline-block;padding:12px 4px">Fees</a>
</nav><h2 id="fees">Fees</h2><p class="note">The first card is free.</p></main></body></html>"""


def test_dark_contrast_is_judged_on_the_dark_canvas_the_reader_sees(a11y):
    """``color-scheme: light dark`` with the system's colours: dark, the canvas is near black and the
    link light blue, yet axe judged the link against white (2.38:1) and the gate refused a correct
    page (found by a developer trying the plugin). Text made dark on that dark canvas still fails."""
    assert a11y.check(SYSTEM_COLOURS.replace("STYLE", "")) == []
    dark_text = SYSTEM_COLOURS.replace("STYLE", ".note{color:#333}")
    (found,) = a11y.check(dark_text, fail=False)
    assert found.rule == "guidekit:dark-color-contrast"
    # what to change, as axe says it of the light page: the colours and the ratio they make
    assert "foreground color: #333333" in found.message and "4.5:1" in found.message
    chinese = a11y.check(dark_text.replace('lang="en"', 'lang="zh-Hans"'), fail=False)
    assert "axe 查到：" in chinese[0].message and "前景色：#333333" in chinese[0].message


def test_a_component_or_a_string_links_to_pages_the_check_cannot_see(a11y):
    """A component checked alone, or a string of HTML, has no site around it: its links to the app's
    own pages (/zh-Hans/pension.html) were refused as pages that do not exist, and the failure named
    guidekit's own component.yml (found by a developer trying the plugin). A #fragment on the page
    itself is still checked."""
    links = {"links": [{"href": "/zh-Hans/pension.html", "text": "申请领取养老金"}]}
    assert a11y.component("related-links", links | {"lang": "zh-Hans"}) == []
    assert a11y.check(ACCESSIBLE.replace("It is free.", 'See <a href="/fees">fees</a>.')) == []
    broken = ACCESSIBLE.replace("It is free.", 'See <a href="#fees">fees</a>.')
    assert "guidekit:broken-anchor" in rules(a11y.check(broken, fail=False))


def test_an_address_the_server_has_no_page_for_fails_in_one_sentence(a11y, tmp_path):
    """A mistyped address (/nope.html): the server's own 404 page was judged, six findings on a page
    the developer never wrote, "404" only in the last (found by a developer trying the plugin)."""
    handler = lambda *args: SimpleHTTPRequestHandler(*args, directory=str(tmp_path))  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/nope.html"
        with pytest.raises(pytest.fail.Exception) as failed:
            a11y.check(url)
    finally:
        server.shutdown()
    assert str(failed.value).startswith(f"{url} 回答 404") or str(failed.value).startswith(
        f"{url} answered 404"
    ), str(failed.value)
    assert "\n" not in str(failed.value)


def test_what_is_not_a_page_to_check_is_said_for_what_it_is(a11y, tmp_path):
    """Found by a developer trying the plugin: a file:// URL of a page that exists was "does not
    exist", None was "None does not exist", a Markdown file was judged as a web page, and a host
    that no name server knows was told to start the server."""
    page = tmp_path / "page.htm"
    page.write_text(ACCESSIBLE, "utf-8")
    assert a11y.check(page.as_uri()) == []
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", "utf-8")
    said = []
    for target in (None, notes, "http://no-such-host.invalid/apply"):
        with pytest.raises(pytest.fail.Exception) as failed:
            a11y.check(target)
        said.append(str(failed.value))
    assert "None" in said[0] and "Playwright" in said[0] and "不存在" not in said[0], said[0]
    assert "notes.md" in said[1] and ".html" in said[1] and "不存在" not in said[1], said[1]
    assert "no-such-host.invalid" in said[2] and "启动" not in said[2], said[2]


def test_a_page_that_declares_no_language_is_told_in_the_developers(a11y, monkeypatch):
    """With no --a11y-lang and no lang on the page, findings were said in guidekit's default
    Chinese around axe's English help, to a developer whose LANG is English (found by a developer
    trying the plugin)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    found = a11y.check(ACCESSIBLE.replace(' lang="en"', ""), fail=False)
    assert found and all(finding.lang == "en" for finding in found), [f.message for f in found]
    assert not any("请" in finding.message for finding in found)


def test_a_short_line_in_a_wide_column_is_not_a_long_line_in_silver(a11y):
    """Silver's line length was the column's width whatever the text: a two-character label
    ("注意") in a developer's wide column was "约 50.6 个字，最多 40 个" (found by a developer trying
    the plugin). A paragraph long enough to fill the column still is one."""
    page = (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>注意事项</title><style>'
        "body{font-size:24px;line-height:1.8}</style></head><body><main><h1>注意事项</h1>"
        '<p id="label">注意</p><p id="long">'
        + "请带上居民身份证到任何一个社保服务网点办理，工作人员会当场为您办好，不收任何费用。" * 3
        + "</p></main></body></html>"
    )
    found = a11y.check(page, theme="silver", fail=False)
    long_lines = [finding for finding in found if finding.rule == "guidekit:silver-line-length"]
    assert [finding.element for finding in long_lines] == ["main > p#long:nth-of-type(2)"]
    # the fix is in the developer's stylesheet: the page has no silver theme to change
    assert "长辈版主题" not in long_lines[0].message and "max-width" in long_lines[0].message


def test_a_finding_on_a_developers_page_names_the_line_of_its_html(a11y, tmp_path):
    """A developer opens their file at a line, as an editor opens their guide: the browser keeps no
    lines, so the element is found again in the page's own HTML, and only when the page's scripts
    leave no doubt which element it is."""
    page = tmp_path / "apply.html"
    page.write_text(
        ACCESSIBLE.replace(
            "<p>Bring",
            '<p>\n<img id="card" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\nBring',
        ),
        "utf-8",
    )
    (found,) = a11y.check(page, fail=False)
    assert (found.rule, found.file, found.line) == ("guidekit:image-alt", "apply.html", 4)
    # the HTML form of the message: a developer's page has no Markdown to write ![…] in
    assert "alt" in found.message and "![" not in found.message
    # a script adds an image before it: which written image is which is no longer sure
    added = page.read_text("utf-8").replace(
        "</main>", "</main><script>document.body.prepend(document.createElement('img'))</script>"
    )
    page.write_text(added, "utf-8")
    assert {
        (f.file, f.line) for f in a11y.check(page, fail=False) if f.rule.endswith("image-alt")
    } == {("apply.html", None)}


def test_a_component_is_judged_and_explained_in_its_own_language(a11y, monkeypatch):
    """Without --a11y-lang, a component's findings and mistakes are said in the language it was
    given (params["lang"]), as README says: they came in Chinese, the example page's own language,
    to a developer rendering it in English."""
    monkeypatch.setattr(a11y, "lang", None)
    image = Markup('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="> Bring your ID.')
    findings = a11y.component("warning", {"content": image, "lang": "en"}, fail=False)
    assert [f.rule for f in findings] == ["guidekit:image-alt"]
    assert findings[0].lang == "en" and "alt" in findings[0].message, findings[0].message
    # named by the test's call, not by a file inside the installed package, and by a selector
    # without the gallery's wrapper around the example
    assert (findings[0].file, findings[0].line) == ("component warning", None)
    assert "gallery" not in (findings[0].element or ""), findings[0].element
    with pytest.raises(pytest.fail.Exception) as failed:
        a11y.component("carousel", {"lang": "en"})
    assert str(failed.value).startswith("guidekit has no component"), str(failed.value)


class _Answers(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, kind, body = {
            "/boom": (500, "text/html", b"<p>Internal Server Error</p>"),
            "/api": (200, "application/json", b'{"open": true}'),
            "/to-boom": (302, "text/html", b""),
            "/staff": (403, "text/html", b"<p>Forbidden</p>"),
        }[self.path]
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/boom")
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_server_that_fails_or_gives_no_page_is_said_for_what_it_is(a11y):
    """Found by a developer trying the plugin: a 500 was told to check the address for a typo, and
    a JSON endpoint was judged as Chromium's viewer of it (five findings on a page nobody wrote)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    said = []
    try:
        for path in ("/boom", "/api", "/to-boom", "/staff"):
            with pytest.raises(pytest.fail.Exception) as failed:
                a11y.check(origin + path)
            said.append(str(failed.value))
    finally:
        server.shutdown()
    assert "500" in said[0] and ("日志" in said[0] or "log" in said[0]), said[0]
    assert "请检查地址有没有写错" not in said[0] and "for a typo" not in said[0], said[0]
    assert "application/json" in said[1] and ("不是网页" in said[1] or "not a web page" in said[1])
    # followed as the browser follows it: the page it leads to failed (its error page was judged)
    assert said[2].startswith(f"{origin}/boom ") and "500" in said[2], said[2]
    # a page behind a login is not a typo
    assert "403" in said[3] and ("登录" in said[3] or "log in" in said[3].lower()), said[3]


def test_a_url_is_asked_of_its_server_once(a11y, tmp_path):
    """The plugin asked for the page itself before the browser did: a page that does something
    when it is asked (a counter, a form's result, a slow report) did it twice for one check."""
    (tmp_path / "index.html").write_text(ACCESSIBLE, "utf-8")
    asked: list[str] = []

    class Counting(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

        def log_message(self, *args: object) -> None:
            pass

    handler = lambda *args: Counting(*args, directory=str(tmp_path))  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        a11y.check(f"http://127.0.0.1:{server.server_address[1]}/index.html")
    finally:
        server.shutdown()
        server.server_close()
    assert asked.count("/index.html") == 1, asked


def test_a_folders_failure_names_every_page_a_problem_is_on(a11y, tmp_path):
    """The failure named the first page of a defect seen on three: the developer fixed one page and
    met the next on the next run (``guidekit check`` names three as examples; a test names all)."""
    for name in ("a.html", "b.html", "c.html", "d.html"):
        (tmp_path / name).write_text(BROKEN.replace("<title>", f"<title>{name} "), "utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        a11y.check(tmp_path)
    text = str(failed.value)
    assert "a.html、b.html、c.html、d.html" in text or "a.html, b.html, c.html, d.html" in text, (
        text
    )


def test_a_string_is_named_html_in_the_findings_and_the_report_alike(a11y):
    """The failure named a string's findings ``HTML`` while the report's page was the scratch file
    the plugin wrote for it, ``index.html``."""
    findings = a11y.check(BROKEN, fail=False)
    assert findings and {(f.file, f.page) for f in findings} == {("HTML", "HTML")}


def test_a_context_made_ahead_finds_what_a_new_one_finds_and_serves_one_check(tmp_path):
    """The plugin makes each check's context, its tab open on a blank page of the site's origin,
    once the check before is closed: the check in it finds what a check in a new context finds (the
    page's script error included, heard on the tab made ahead), the gate's scripts never ran on the
    blank page, and no context serves two checks."""
    import asyncio

    from playwright.async_api import async_playwright

    from guidekit.gate.browser import launch
    from guidekit.gate.runner import check_pages
    from guidekit.gate.session import WARM_UP, ContextsMadeAhead, fresh_context

    (tmp_path / "index.html").write_text(
        BROKEN.replace("</main>", "</main><script>notDefined();</script>"), encoding="utf-8"
    )

    async def checked() -> tuple[list[list[str]], list[tuple[str, str]], int]:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            made_ahead = ContextsMadeAhead()
            found = []
            for contexts in (fresh_context, made_ahead, made_ahead):
                results = await check_pages(
                    browser, tmp_path, ["index.html"], 1, lambda page: None, contexts=contexts
                )
                found.append(sorted(finding.rule for finding in results["index.html"].findings))
                await made_ahead.ready()
            blank = [
                (tab.url, await tab.evaluate("typeof window.__guidekit"))
                for context in browser.contexts
                for tab in context.pages
            ]
            await made_ahead.close()
            left = len(browser.contexts)
            await browser.close()
            return found, blank, left

    found, blank, left = asyncio.run(checked())
    assert found[0] == found[1] == found[2] and {
        "guidekit:image-alt",
        "guidekit:console-error",
    } <= set(found[0]), found
    assert blank == [(WARM_UP, "undefined")] and left == 0
