"""Every browser check of the gate catches a small page that breaks it and passes one that keeps it.

The whole fixture site is checked once, by the real gate in the real Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter

import pytest

from guidekit.gate import run_gate
from guidekit.gate.axe import axe_directory, axe_locales, axe_version
from guidekit.gate.browser import ENVIRONMENT_VARIABLE, chromium_path

from .gate_fixtures import GOOD_PAGES, PAGES, TWIN_LOOKS, write_site


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return run_gate(write_site(tmp_path_factory.mktemp("checks")), jobs=2)


def rules_on(report, page: str) -> set[str]:
    return {finding.rule for finding in report.findings if finding.page == page}


def test_every_page_was_checked(report):
    assert sorted(report.pages) == sorted(PAGES) and not report.passed
    assert "guidekit:page-unchecked" not in {finding.rule for finding in report.findings}


@pytest.mark.parametrize("page", GOOD_PAGES)
def test_a_page_that_keeps_the_rules_passes_the_whole_gate(report, page):
    assert [f for f in report.findings if f.page == page] == []


@pytest.mark.parametrize(
    ("page", "rule", "criterion"),
    [
        ("reflow/bad.html", "guidekit:reflow", "1.4.10"),
        ("reflow/fixed-notice.html", "guidekit:reflow", "1.4.10"),
        ("reflow/unlabelled-region-guidekit.html", "guidekit:scroll-region", "2.1.1"),
        ("reflow/large-text.html", "guidekit:large-text-reflow", None),
        ("reflow/squeezed-label.html", "guidekit:text-squeezed", None),
        ("reflow/table-squeezed-chinese.html", "guidekit:table-squeezed", "1.4.10"),
        ("forms/unlabelled-field-shown-once-its-scripts-load.html", "axe:label", "4.1.2"),
        ("forms/unlabelled-field-inside-a-web-component.html", "axe:label", "4.1.2"),
        ("forms/unlabelled-field-inside-a-closed-web-component.html", "axe:label", "4.1.2"),
        ("forms/unlabelled-field-drawn-over-many-frames.html", "axe:label", "4.1.2"),
        ("reflow/bad-inside-a-web-component.html", "guidekit:reflow", "1.4.10"),
        ("reflow/fixed-notice-inside-a-web-component.html", "guidekit:reflow", "1.4.10"),
        (
            "reflow/table-squeezed-chinese-inside-a-web-component.html",
            "guidekit:table-squeezed",
            "1.4.10",
        ),
        ("resize/bad.html", "guidekit:resize-text", "1.4.4"),
        ("resize/overlap.html", "guidekit:resize-text", "1.4.4"),
        ("resize/fixed-bar-over-heading.html", "guidekit:resize-text", "1.4.4"),
        ("spacing/bad.html", "guidekit:text-spacing", "1.4.12"),
        ("spacing/box-inside-a-web-component.html", "guidekit:text-spacing", "1.4.12"),
        ("content/links-inside-a-web-component.html", "guidekit:link-purpose", "2.4.4"),
        ("content/links-inside-a-web-component.html", "guidekit:broken-anchor", "2.4.4"),
        (
            "keyboard/button-inside-a-web-component-drops-the-focus.html",
            "guidekit:focus-lost",
            "2.4.3",
        ),
        ("resize/overlap-inside-a-web-component.html", "guidekit:resize-text", "1.4.4"),
        ("keyboard/unreachable.html", "guidekit:keyboard-reach", "2.1.1"),
        ("keyboard/menu-shut-as-tab-leaves-its-button.html", "guidekit:keyboard-reach", "2.1.1"),
        ("keyboard/terms-link-in-a-label-unreachable.html", "guidekit:keyboard-reach", "2.1.1"),
        ("keyboard/plain-box-opens-when-clicked.html", "guidekit:keyboard-dead", "2.1.1"),
        (
            "keyboard/plain-box-inside-a-web-component-opens-when-clicked.html",
            "guidekit:keyboard-dead",
            "2.1.1",
        ),
        (
            "keyboard/button-out-of-the-tab-order-beside-a-field.html",
            "guidekit:keyboard-reach",
            "2.1.1",
        ),
        ("keyboard/trap.html", "guidekit:keyboard-trap", "2.1.2"),
        ("keyboard/trap-inside-a-closed-web-component.html", "guidekit:keyboard-trap", "2.1.2"),
        (
            "keyboard/control-out-of-reach-inside-a-web-component.html",
            "guidekit:keyboard-reach",
            "2.1.1",
        ),
        ("keyboard/button-inside-a-web-component.html", "guidekit:focus-visible", "2.4.7"),
        (
            "keyboard/button-inside-a-declarative-shadow-root.html",
            "guidekit:focus-visible",
            "2.4.7",
        ),
        (
            "keyboard/button-inside-a-closed-declarative-shadow-root.html",
            "guidekit:focus-visible",
            "2.4.7",
        ),
        (
            "keyboard/ring-covered-by-a-box-the-pointer-passes-through.html",
            "guidekit:focus-visible",
            "2.4.7",
        ),
        ("keyboard/ring-covered-inside-a-web-component.html", "guidekit:focus-visible", "2.4.7"),
        ("keyboard/tabindex.html", "guidekit:focus-order", "2.4.3"),
        ("keyboard/order.html", "guidekit:focus-order", "2.4.3"),
        ("keyboard/obscured.html", "guidekit:focus-obscured", "2.4.11"),
        ("keyboard/offscreen.html", "guidekit:focus-obscured", "2.4.11"),
        ("keyboard/sizeless.html", "guidekit:focus-visible", "2.4.7"),
        ("keyboard/invisible-focus.html", "guidekit:focus-visible", "2.4.7"),
        ("keyboard/faint-focus.html", "guidekit:focus-visible", "2.4.7"),
        ("keyboard/smooth-scrolling-faint-focus.html", "guidekit:focus-visible", "2.4.7"),
        ("keyboard/hidden-radio-next-label-no-ring.html", "guidekit:focus-visible", "2.4.7"),
        ("keyboard/search-field-caret-hidden.html", "guidekit:focus-visible", "2.4.7"),
        ("targets/crowded.html", "guidekit:target-size", "2.5.8"),
        ("targets/crowded-inside-a-web-component.html", "guidekit:target-size", "2.5.8"),
        ("targets/crowded-inside-a-declarative-shadow-root.html", "guidekit:target-size", "2.5.8"),
        ("targets/silver-small.html", "guidekit:target-size", "2.5.5"),
        ("targets/silver-labelled-link.html", "guidekit:target-size", "2.5.5"),
        ("targets/silver-small-on-phones.html", "guidekit:target-size", "2.5.5"),
        ("targets/silver-labelled-link-wrapped.html", "guidekit:target-size", "2.5.5"),
        ("theme/standard-paragraph-gap.html", "guidekit:standard-paragraph-gap", None),
        ("theme/silver-facts-no-gap.html", "guidekit:silver-paragraph-gap", "1.4.8"),
        ("theme/silver-table-cut.html", "guidekit:silver-table-cut", None),
        ("reading/read-aloud-one-language.html", "guidekit:read-aloud-language", None),
        ("reading/read-aloud-bare-cells.html", "guidekit:read-aloud-table-headers", None),
        ("reading/read-along-hidden.html", "guidekit:read-along-hidden", None),
        ("reading/ruby-pushed-down.html", "guidekit:ruby-misplaced", "1.3.2"),
        ("reading/link-out-of-its-sentence.html", "guidekit:link-out-of-sentence", "1.4.8"),
        (
            "reading/link-out-of-its-sentence-on-a-phone.html",
            "guidekit:link-out-of-sentence",
            "1.4.8",
        ),
        ("language/latin-in-chinese-page.html", "guidekit:page-language", "3.1.1"),
        ("language/traditional-in-simplified-page.html", "guidekit:page-language", "3.1.1"),
        ("language/unmarked-phrase.html", "guidekit:language-of-parts", "3.1.2"),
        (
            "language/unmarked-phrase-inside-a-web-component.html",
            "guidekit:language-of-parts",
            "3.1.2",
        ),
        (
            "popups/dialog-inside-a-web-component-takes-no-focus.html",
            "guidekit:popup-focus",
            "2.4.3",
        ),
        ("robustness/external.html", "guidekit:external-request", None),
        ("robustness/script-error.html", "guidekit:console-error", None),
        ("content/vague-link.html", "guidekit:link-purpose", "2.4.4"),
        ("content/repeated-heading.html", "guidekit:heading-repeated", "2.4.6"),
        ("content/alt-file-name.html", "guidekit:image-alt-meaningless", "1.1.1"),
        ("content/alt-placeholder.html", "guidekit:image-alt-meaningless", "1.1.1"),
        ("content/alt-digits.html", "guidekit:image-alt-meaningless", "1.1.1"),
        ("forms/tick-box-facts-unlinked.html", "guidekit:hint-unlinked", "1.3.1"),
        ("forms/tick-box-facts-run-on.html", "guidekit:description-run-on", "1.3.1"),
        ("forms/date-field-red-group-hinted.html", "guidekit:colour-only", "1.4.1"),
        ("axe/zh-hans.html", "axe:button-name", "4.1.2"),
    ],
)
def test_a_page_that_breaks_a_rule_is_caught(report, page, rule, criterion):
    found = [f for f in report.findings if f.page == page and f.rule == rule]
    assert found, f"{rule} not reported on {page}: {rules_on(report, page)}"
    assert all(f.wcag == criterion and f.blocking for f in found)


def test_each_check_fails_only_what_it_should(report):
    """Changing one property must not trip the neighbouring checks (the fixtures are built so)."""
    assert rules_on(report, "resize/bad.html") == {"guidekit:resize-text"}
    assert rules_on(report, "spacing/bad.html") == {"guidekit:text-spacing"}
    assert rules_on(report, "targets/spaced.html") == set()
    assert rules_on(report, "language/latin-in-chinese-page.html") == {"guidekit:page-language"}
    assert rules_on(report, "theme/silver-table-cut.html") == {"guidekit:silver-table-cut"}
    assert rules_on(report, "keyboard/unreachable-focus-returned.html") == {
        "guidekit:keyboard-reach"
    }
    for name in ("file-name", "placeholder", "digits", "digits-foreign"):
        assert rules_on(report, f"content/alt-{name}.html") == {"guidekit:image-alt-meaningless"}


def test_the_full_browser_finds_what_the_headless_shell_finds(
    report, tmp_path_factory, monkeypatch
):
    """guidekit prefers Chromium's headless shell (browser.py); where only the full browser is
    installed, every page gets the same findings, element by element and word by word."""
    shell, full = shutil.which("chromium-headless-shell"), shutil.which("chromium")
    if not (shell and full) or ENVIRONMENT_VARIABLE in os.environ:
        pytest.skip(
            "needs Debian's chromium and chromium-headless-shell (bootstrap.sh installs both), "
            f"and guidekit choosing between them ({ENVIRONMENT_VARIABLE} unset)"
        )
    assert chromium_path() == shell  # the report above is the shell's
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, full)
    in_full = run_gate(write_site(tmp_path_factory.mktemp("full")), jobs=2)
    assert sorted(in_full.pages) == sorted(report.pages)
    assert Counter(in_full.findings) == Counter(report.findings)


def test_a_focus_verdict_is_shared_only_by_elements_that_truly_look_alike(tmp_path):
    """The verdict of one look's picture stands for every element that looks alike: not for the
    same link clipped by its box, in a faded part, without the bar another part's styles draw
    under it, or without the box that draws a ring round it (pages checked in order, one at a
    time)."""
    found = run_gate(write_site(tmp_path, TWIN_LOOKS), jobs=1).findings
    assert {f.page for f in found if f.rule == "guidekit:focus-visible"} == {
        "looks/b-ring-clipped-by-its-box.html",
        "looks/c-ring-in-a-faded-part.html",
        "looks/e-no-bar-in-another-part.html",
        "looks/g-no-box-around.html",
    }


def test_findings_name_the_element(report):
    for page, element in (
        ("reflow/bad.html", "main > div.wide"),
        # the box itself, where the component draws it, not the whole of the component's place
        ("reflow/bad-inside-a-web-component.html", "main > page-part >>> div.wide"),
    ):
        (reflow,) = [f for f in report.findings if f.page == page]
        assert reflow.element == element and element in reflow.message
    silver = {
        f.element: f.message for f in report.findings if f.page == "targets/silver-small.html"
    }
    # a list link is held to silver's 60 px as much as a button is
    assert (
        list(silver) == ["main > ul > li > a.alone"]
        and "60×60" in silver["main > ul > li > a.alone"]
    )


def test_messages_speak_the_page_language(report):
    vague = next(
        f
        for f in report.findings
        if f.rule == "guidekit:link-purpose" and f.page == "content/vague-link.html"
    )
    assert "点击这里" in vague.message and vague.lang == "zh-Hans"
    traditional = next(
        f for f in report.findings if f.page == "language/traditional-in-simplified-page.html"
    )
    assert "zh-Hant" in traditional.message


@pytest.mark.parametrize(
    ("page", "lang"), [("axe/zh-hans.html", "zh-Hans"), ("axe/zh-hant.html", "zh-Hant")]
)
def test_axe_explains_in_chinese_with_its_own_translations(report, page, lang):
    finding = next(f for f in report.findings if f.page == page and f.rule == "axe:button-name")
    assert axe_locales()[lang]["rules"]["button-name"]["help"] in finding.message


def test_the_axe_version_is_pinned():
    lock = json.loads((axe_directory().parents[1] / "package-lock.json").read_text("utf-8"))
    assert axe_version() == lock["packages"]["node_modules/axe-core"]["version"] == "4.14.1"


def test_an_empty_link_is_not_said_to_be_off_the_screen(report):
    said = [f.message for f in report.findings if f.page == "keyboard/sizeless.html"]
    assert not [
        f
        for f in report.findings
        if f.page == "keyboard/sizeless.html" and f.rule == "guidekit:focus-obscured"
    ], said
    assert any("no size on the screen" in message for message in said), said


def test_an_alternative_that_is_only_a_number_is_a_warning_on_a_page_guidekit_did_not_write(report):
    """A developer's page may mean it (the image of a key, a step's number): the gate cannot see
    the picture, so it asks rather than refuses; on guidekit's pages an editor's image is a photo
    or a scan, and a number says nothing of it."""
    (foreign,) = [f for f in report.findings if f.page == "content/alt-digits-foreign.html"]
    assert not foreign.blocking and foreign.wcag == "1.1.1"
    assert "'1'" in foreign.message and "only this number" in foreign.message
    (own,) = [f for f in report.findings if f.page == "content/alt-digits.html"]
    assert own.blocking and "only this number" not in own.message


def test_a_table_a_word_a_line_is_a_warning_on_a_page_guidekit_did_not_make(report):
    """Whole words a line are readable, if slowly; clipped words for screen readers are not seen."""
    (said,) = [f for f in report.findings if f.page == "reflow/table-wrapping-between-words.html"]
    assert said.rule == "guidekit:table-squeezed" and not said.blocking
    assert "th:nth-of-type(2)" in (said.element or "") and "a word a line" in said.message


def test_what_a_web_component_draws_in_its_shadow_dom_is_walked_and_named_where_it_stands(report):
    """Tab reaches a component's own button and the page's link in its slot (that page passes:
    GOOD_PAGES); a finding inside names the component, then the element inside it, and points at
    the component's line; axe looks inside closed shadow roots too."""
    (ring,) = [
        f for f in report.findings if f.page == "keyboard/button-inside-a-web-component.html"
    ]
    assert ring.element == "main > ref-lookup >>> button" and ring.line == 11 and ring.blocking
    twins = {
        f.element
        for f in report.findings
        if f.page == "targets/crowded-inside-a-web-component.html"
    }
    assert "main > size-switch >>> button:nth-of-type(2)" in twins
    # axe's path through the shadow root, not its last selector looked up in the page
    (field,) = [
        f
        for f in report.findings
        if f.page == "forms/unlabelled-field-inside-a-web-component.html" and f.blocking
    ]
    assert (field.element, field.line) == ("main > ref-lookup >>> input", 12)
    (closed,) = [
        f
        for f in report.findings
        if f.page == "forms/unlabelled-field-inside-a-closed-web-component.html"
    ]
    assert (closed.rule, closed.element, closed.line) == (
        "axe:label",
        "main > ref-lookup >>> input",
        11,
    )
    # a shadow root the page's HTML declares, which no script attaches, closed too
    declared = "keyboard/button-inside-a-closed-declarative-shadow-root.html"
    said = {(f.rule, f.element, f.line) for f in report.findings if f.page == declared}
    assert said == {("guidekit:focus-visible", "main > ref-lookup >>> button", 11)}


def test_an_unnamed_region_that_is_a_tab_stop_is_asked_about_on_a_page_guidekit_did_not_make(
    report,
):
    (region,) = [f for f in report.findings if f.page == "reflow/region-tab-stop-unnamed.html"]
    assert region.rule == "guidekit:scroll-region" and not region.blocking
    # one with nothing in it to focus: Chromium and Firefox put it in the Tab order, Safari does not
    (bare,) = [f for f in report.findings if f.page == "reflow/unlabelled-region.html"]
    assert bare.rule == "guidekit:scroll-region" and not bare.blocking
    assert "Safari" in bare.message


def test_text_that_meets_a_drawer_closed_outside_the_window_is_not_drawn_over(report):
    """A Sphinx/Furo site's every page: its contents drawer, fixed outside the window at 1280 px,
    met the page's title once the text was doubled, and 1.4.4 was refused 242 times; nobody can
    see the two meet, outside the window, and the drawer does not scroll into it."""
    assert "guidekit:resize-text" not in rules_on(report, "resize/text-under-a-closed-drawer.html")


def test_links_in_a_box_that_scrolls_as_tab_moves_are_in_their_order(report):
    """A Sphinx/Furo site's sidebar scrolls inside its own box as Tab moves down it; each link's
    place was read where the box's scrolling had put it at that moment, so the next link seemed
    above the last, and 2.4.3 was refused 50 times."""
    page = "keyboard/contents-scrolling-in-its-box.html"
    assert "guidekit:focus-order" not in rules_on(report, page), [
        f.message for f in report.findings if f.page == page
    ]


def test_a_link_to_the_pages_top_is_a_warning_unless_the_page_acts_on_it(report):
    """A developer's Sphinx/Furo site: the logo on its home page links to "#", the top of the page,
    and was refused as a link that goes nowhere (an error of 4.1.2, a false alarm on correct
    HTML); a "#" link that a script of the page handles, on itself or around it, still is."""
    (logo,) = [f for f in report.findings if f.page == "links/logo-to-top.html"]
    assert logo.rule == "guidekit:link-nowhere" and not logo.blocking
    assert "top of this page" in logo.message and "a.brand" in logo.message
    (toggle,) = [f for f in report.findings if f.page == "links/hash-toggled-around.html"]
    assert toggle.rule == "guidekit:link-nowhere" and toggle.blocking
    assert "goes nowhere" in toggle.message
    # ... and one marked as a widget a script drives from the document (MkDocs' Search, Bootstrap)
    (search,) = [f for f in report.findings if f.page == "links/hash-toggled-from-afar.html"]
    assert search.rule == "guidekit:link-nowhere" and search.blocking


def test_an_alternative_that_is_no_alternative_says_what_to_write(report):
    said = {
        f.page: f.message for f in report.findings if f.rule == "guidekit:image-alt-meaningless"
    }
    assert "'IMG_0012.jpg'" in said["content/alt-file-name.html"]
    assert "alt=" in said["content/alt-file-name.html"]  # a page not made from Markdown
    assert "“图片：”" in said["content/alt-placeholder.html"]
