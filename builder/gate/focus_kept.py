"""Focus is kept, or moved on purpose, when a control disables or hides itself (WCAG 2.4.3): each
button
of type button is focused and pressed with Enter; if focus then falls to the page body while the
button is disabled, hidden or gone, a keyboard or screen-reader user has lost their place. Runs
after
every other check: pressing buttons changes the page."""

from __future__ import annotations

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext, finding_at

MOST_BUTTONS = 12

MARK = """limit => [...document.querySelectorAll("button[type=button]")]
  .filter((button) => !button.disabled && window.__guidekit.isRendered(button))
  .slice(0, limit)
  .map((button, index) => { button.dataset.gkPress = String(index); return index; })"""

AFTER = """index => {
  const button = document.querySelector(`[data-gk-press="${index}"]`);
  const lost = !document.activeElement || document.activeElement === document.body;
  const gone = !button || !button.isConnected || button.disabled
    || !window.__guidekit.isRendered(button);
  if (!(lost && gone)) return null;
  const snippet = button ? window.__guidekit.text(button) : "";
  return { ...window.__guidekit.where(button || document.body), snippet };
}"""


async def check(page: Page, context: PageContext) -> list[Finding]:
    findings = []
    for index in await page.evaluate(MARK, MOST_BUTTONS):
        button = page.locator(f'[data-gk-press="{index}"]')
        if not await button.is_visible() or await button.is_disabled():
            continue
        await button.focus()
        await page.keyboard.press("Enter")
        await page.evaluate(
            "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
        lost = await page.evaluate(AFTER, index)
        if lost:
            findings.append(
                finding_at(
                    context,
                    "guidekit:focus-lost",
                    "2.4.3",
                    lost,
                    "focus-lost",
                    element=lost.get("snippet") or lost.get("element", ""),
                )
            )
    return findings
