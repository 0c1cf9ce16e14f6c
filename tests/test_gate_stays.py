"""The gate judges the page it was given (issue 24, item 3): a page that navigates away, closes
itself, opens a window or rewrites its address while it is checked gets a blocking finding, and the
tab stays on it, so its own defects are still found. Real gate, real Chromium."""

from __future__ import annotations

import pytest

from guidekit.gate import run_gate
from guidekit.gate.origin import PageContext
from guidekit.gate.staying import RULE, departure_findings, immediate_redirect

from .gate_fixtures import page, write_site

# No alt text, an empty link and low contrast: the defects the gate must still see on the page
# itself.
DEFECTS = (
    '<p><img src="photo.png"></p><p><a href="ok.html"></a></p>'
    '<p style="color:#bbb;background:#fff">Bring your card.</p>'
)
DEFECT_RULES = {"image-alt", "link-name", "color-contrast"}
LEAVING = {
    "replace.html": ("<script>location.replace('ok.html')</script>", "ok.html"),
    "assign.html": (
        "<script>setTimeout(() => { location.href = 'ok.html'; }, 50)</script>",
        "ok.html",
    ),
    "reload.html": ("<script>setTimeout(() => location.reload(), 50)</script>", "reload.html"),
    "refresh-later.html": ("", "ok.html"),  # a meta refresh with a delay: see below
    "close.html": ("<script>window.close()</script>", ""),
    "open.html": ("<script>window.open('ok.html')</script>", "ok.html"),
    "push.html": ("<script>history.pushState({}, '', 'elsewhere.html')</script>", "elsewhere.html"),
    "back.html": ("<script>history.back()</script>", "history.back()"),
}
SITE = {name: page(DEFECTS, script=script) for name, (script, _) in LEAVING.items()}
SITE["refresh-later.html"] = page(DEFECTS).replace(
    "<head>", '<head><meta http-equiv="refresh" content="1; url=ok.html">'
)
SITE["refresh-now.html"] = page(DEFECTS).replace(
    "<head>", '<head><meta http-equiv="refresh" content="0; url=ok.html">'
)
SITE["ok.html"] = page("<p>Here.</p>")
SITE["anchor.html"] = page(
    '<p id="x">Here.</p>',
    script="<script>history.replaceState({}, '', '#x'); location.hash = 'x'</script>",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = write_site(tmp_path_factory.mktemp("stays"), SITE)
    (folder / "photo.png").write_bytes(b"")
    return run_gate(folder, jobs=2)


def findings_on(report, name: str, rule: str | None = None) -> list:
    return [
        finding
        for finding in report.findings
        if finding.page == name and (rule is None or finding.rule == rule)
    ]


@pytest.mark.parametrize("name", sorted(LEAVING))
def test_a_page_that_leaves_is_refused_and_still_judged_itself(report, name):
    left = findings_on(report, name, RULE)
    if (
        name == "refresh-later.html"
    ):  # axe judges a delayed refresh; the page may be checked before it fires
        assert findings_on(report, name, "axe:meta-refresh")
    else:
        assert left and all(finding.blocking for finding in left), [
            f.rule for f in findings_on(report, name)
        ]
        assert LEAVING[name][1] in left[0].message
    rules = {finding.rule for finding in findings_on(report, name)}
    assert {rule.partition(":")[2] for rule in rules} >= DEFECT_RULES, (
        rules
    )  # axe's or guidekit's own rule
    assert "guidekit:page-unchecked" not in rules


def test_a_redirect_with_no_delay_is_no_departure_and_the_redirect_page_is_judged(report):
    rules = {finding.rule for finding in findings_on(report, "refresh-now.html")}
    assert RULE not in rules and {rule.partition(":")[2] for rule in rules} >= DEFECT_RULES, rules


def test_staying_on_the_page_draws_nothing(report):
    assert findings_on(report, "ok.html") == [] and findings_on(report, "anchor.html") == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("0; url=new.html", "http://guidekit.test/a/new.html"),
        ("0;URL='new.html'", "http://guidekit.test/a/new.html"),
        ("5; url=new.html", None),
        ("0", None),
        ("nonsense", None),
        (None, None),
    ],
)
def test_an_immediate_redirect_is_read_from_the_refresh_instruction(content, expected):
    assert immediate_redirect(content, "http://guidekit.test/a/old.html") == expected


def test_a_page_is_not_blamed_for_what_the_page_checked_before_it_still_does(tmp_path):
    """One tab visits page after page: a page that keeps trying to leave, and keeps failing, still
    does while the tab is opening the next page, and that next page did nothing."""
    restless = (
        "<script>setInterval(() => { location.href = 'ok.html'; }, 4);"
        "setInterval(() => { console.error('Still here'); throw new Error('Still failing'); }, 10)"
        "</script>"
    )
    site = {"ok.html": page("<p>Here.</p>")}
    for number in range(4):
        site[f"{number}-restless.html"] = page("<p>Here.</p>", script=restless)
        site[f"{number}-still.html"] = page("<p>Here.</p>")
    report = run_gate(write_site(tmp_path, site), jobs=1)
    blamed = {
        (finding.page, finding.rule)
        for finding in report.findings
        if finding.rule in {RULE, "guidekit:console-error"}
    }
    assert blamed == {
        (f"{number}-restless.html", rule)
        for number in range(4)
        for rule in (RULE, "guidekit:console-error")
    }


def test_a_page_that_keeps_leaving_is_told_once_for_each_way_it_tried():
    tries = [("page-history-changed", f"http://guidekit.test/step-{n}.html") for n in range(50)]
    tries += [("page-navigated", "http://guidekit.test/new.html")] * 2
    tries.append(("page-navigated", "http://guidekit.test/other.html"))
    found = departure_findings(
        PageContext("a.html", "en"), tries, None, "http://guidekit.test/a.html"
    )
    assert [finding.message for finding in found] == [
        departure_findings(PageContext("a.html", "en"), [one], None, "")[0].message
        for one in (tries[0], tries[50])
    ]
