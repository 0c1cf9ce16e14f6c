"""What a focus or a key sets off (a skip link that slides into view, a dialog that fades out) is
judged where it ends, however slowly the machine runs the page: on a loaded machine the page's frames
come late, and a gate that waited on the clock once saw a correct page's skip link mid-slide and
called it hidden (WCAG 2.4.11); a dialog still fading out would have been called one Escape does not
close (2.1.2).

The page's clock is slowed fifty times through the DevTools protocol, as late frames slow it, in the
real Chromium with the gate's own scripts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.async_api import Page, async_playwright

from guidekit.gate.browser import launch
from guidekit.gate.popups import SETTLE_MS, TRIGGERS
from guidekit.gate.session import fresh_context
from tests.gate_fixtures import LOREM, page

SLOWER = 0.02  # the page's animations at a fiftieth of their speed
T = TypeVar("T")


def _sliding_link(shown_at: str) -> str:
    return page(
        f'<a class="skip" href="#end">Skip to the end</a><p>{LOREM}</p><p id="end">End.</p>',
        css=".skip { position: absolute; left: 0; top: -4rem; background: #fff; "
        f"transition: top 0.15s ease-in-out; }} .skip:focus {{ top: {shown_at}; }}",
    )


async def _on_a_slow_machine(html: Path, steps: Callable[[Page], Awaitable[T]]) -> T:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await fresh_context(browser)
            tab = await context.new_page()
            cdp = await context.new_cdp_session(tab)
            await cdp.send("Animation.enable")
            await cdp.send("Animation.setPlaybackRate", {"playbackRate": SLOWER})
            await tab.goto(html.as_uri())
            return await steps(tab)
        finally:
            await browser.close()


async def _hidden_after_focus(tab: Page) -> list:
    return await tab.evaluate(
        "() => { const walk = window.__guidekit.keyboard; walk.collect(); "
        "return walk.hiddenAfterAll([0]); }"
    )


@pytest.mark.parametrize(
    ("shown_at", "hidden"),
    [("0", [None]), ("-3rem", [{"offscreen": True}])],
    ids=["slides into view", "slides but stays off the screen"],
)
def test_a_sliding_skip_link_is_judged_where_its_slide_ends_on_a_slow_machine(
    tmp_path, shown_at, hidden
):
    html = tmp_path / "index.html"
    html.write_text(_sliding_link(shown_at), encoding="utf-8")
    assert asyncio.run(_on_a_slow_machine(html, _hidden_after_focus)) == hidden


# a dialog that fades out on Escape and is hidden once it has: closed, however late its fade ends
FADING_DIALOG = page(
    '<p><button type="button" aria-haspopup="dialog" aria-controls="help">Help</button></p>'
    '<div id="help" role="dialog" aria-modal="true" aria-label="Help" hidden><p>Call 12345.</p>'
    '<button type="button">Close</button></div>',
    css="#help { transition: opacity 0.3s; } #help.out { opacity: 0; }",
    script="""<script>
const opener = document.querySelector("[aria-controls]"), help = document.getElementById("help");
opener.addEventListener("click", () => { help.hidden = false; help.querySelector("button").focus(); });
help.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  help.classList.add("out");
  help.addEventListener("transitionend", () => {
    help.hidden = true; help.classList.remove("out"); opener.focus();
  }, { once: true });
});
</script>""",
)


async def _escape_closes(tab: Page) -> tuple[bool, bool]:
    popups = "window.__guidekit.popups"
    assert await tab.evaluate(f"() => {popups}.triggers({TRIGGERS})") == 1
    await tab.evaluate(f"() => {popups}.open(0)")
    await tab.keyboard.press("Enter")
    await tab.evaluate(f"() => {popups}.settle({SETTLE_MS})")
    opened = await tab.evaluate(f"() => {popups}.opened(0)") is not None
    await tab.keyboard.press("Escape")
    await tab.evaluate(f"() => {popups}.settle({SETTLE_MS})")
    return opened, await tab.evaluate(f"() => {popups}.closed()")


def test_a_dialog_that_fades_out_on_escape_is_closed_on_a_slow_machine(tmp_path):
    html = tmp_path / "index.html"
    html.write_text(FADING_DIALOG, encoding="utf-8")
    assert asyncio.run(_on_a_slow_machine(html, _escape_closes)) == (True, True)
