"""What a focus sets off (a skip link that slides into view) is judged where it ends, however slowly
the machine runs the page: on a loaded machine the page's frames come late, and a gate that waited
on the clock once saw a correct page's skip link mid-slide and called it hidden (WCAG 2.4.11).

The page's clock is slowed fifty times through the DevTools protocol, as late frames slow it, in the
real Chromium with the gate's own scripts.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from guidekit.gate.browser import launch
from guidekit.gate.session import gate_script
from tests.gate_fixtures import LOREM, page

SLOWER = 0.02  # the page's animations at a fiftieth of their speed


def _sliding_link(shown_at: str) -> str:
    return page(
        f'<a class="skip" href="#end">Skip to the end</a><p>{LOREM}</p><p id="end">End.</p>',
        css=".skip { position: absolute; left: 0; top: -4rem; background: #fff; "
        f"transition: top 0.15s ease-in-out; }} .skip:focus {{ top: {shown_at}; }}",
    )


async def _hidden_after_focus(html: Path) -> list:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await browser.new_context()
            await context.add_init_script(gate_script())
            tab = await context.new_page()
            cdp = await context.new_cdp_session(tab)
            await cdp.send("Animation.enable")
            await cdp.send("Animation.setPlaybackRate", {"playbackRate": SLOWER})
            await tab.goto(html.as_uri())
            return await tab.evaluate(
                "() => { const walk = window.__guidekit.keyboard; walk.collect(); "
                "return walk.hiddenAfterAll([0]); }"
            )
        finally:
            await browser.close()


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
    assert asyncio.run(_hidden_after_focus(html)) == hidden
