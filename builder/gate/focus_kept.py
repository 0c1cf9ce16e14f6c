"""Focus is kept, or moved on purpose, when a control disables or hides itself (WCAG 2.4.3): each
button of type button is focused and pressed with Enter; if focus then falls to the page body while
the button is disabled, hidden or gone, a keyboard or screen-reader user has lost their place. Runs
after the other checks (only the dialogs check, which loads the page again, comes later): pressing
buttons changes the page."""

from __future__ import annotations

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext, finding_at

MOST_BUTTONS = 12

# a web component's buttons too, in its shadow DOM
MARK = """limit => window.__guidekit.deepQuery("button[type=button]")
  .filter((button) => !button.disabled && window.__guidekit.isRendered(button))
  .slice(0, limit)
  .map((button, index) => { button.dataset.gkPress = String(index); return index; })"""

PRESSED = """window.__guidekit.deepQuery(`[data-gk-press="${index}"]`)[0]"""

# focused the way a keyboard user reaches it, if it still shows and takes presses
FOCUS = f"""index => {{
  const button = {PRESSED};
  if (!button || button.disabled || !window.__guidekit.isRendered(button)) return false;
  button.focus();
  return window.__guidekit.focused() === button;
}}"""

# two frames after the press: where the focus went, if it fell to the body while the button went
AFTER = f"""async (index) => {{
  const g = window.__guidekit;
  await g.frames(2);
  const button = {PRESSED};
  const lost = !document.activeElement || document.activeElement === document.body;
  const gone = !button || !button.isConnected || button.disabled || !g.isRendered(button);
  // a dialog a test opened, reopened in the copy of its tab: the browser gives the focus back to
  // what opened it, which the copy does not know
  const reopened = button && g.reopenedModals.has(g.drawnInside(button, "dialog"));
  if (!(lost && gone) || reopened) return null;
  return {{ ...g.where(button || document.body), snippet: button ? g.text(button) : "" }};
}}"""


async def check(page: Page, context: PageContext) -> list[Finding]:
    findings = []
    for index in await page.evaluate(MARK, MOST_BUTTONS):
        if not await page.evaluate(FOCUS, index):
            continue
        await page.keyboard.press("Enter")
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
