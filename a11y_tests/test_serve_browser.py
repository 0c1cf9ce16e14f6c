"""guidekit serve in Chromium: the open page reloads by itself after a save, a refused rebuild shows
the banner above the last good page, and the banner is reached first with Tab and dismissed with
Enter."""

from __future__ import annotations

import asyncio

from playwright.async_api import async_playwright

from guidekit.gate.browser import launch
from tests.conftest import guide, write_site
from tests.preview import TIMEOUT, Preview

WAIT_MS = TIMEOUT * 1000


def test_the_open_page_follows_saves_and_the_banner_is_keyboard_friendly(tmp_path):
    source = write_site(
        tmp_path / "guides", {"zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n")}
    )
    preview = Preview(source, tmp_path / "preview")
    try:
        facts = asyncio.run(_edit_while_watching(preview))
    finally:
        preview.close()
    assert facts["errors"] == []
    assert facts["banner_role"] == "alert" and "zh-Hans/card.md:" in facts["banner_text"]
    assert facts["kept_last_good"]
    assert facts["first_tab"] == "关闭这条提示"
    assert facts["after_dismiss"] == {"hidden": True, "focus": "main"}
    assert facts["fixed_text"] and not facts["banner_after_fix"]


async def _edit_while_watching(preview: Preview) -> dict:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            async with page.expect_request(
                "**/__guidekit/events", timeout=WAIT_MS
            ):  # the reload script is listening
                await page.goto(preview.url + "zh-Hans/card.html")
            preview.saved("zh-Hans/card.md", guide("## 办理流程\n\n带上户口簿。<br>\n"))
            banner = page.locator("#guidekit-overlay")
            await banner.wait_for(timeout=WAIT_MS)  # only a reload can bring it
            # the banner is there as the reloaded page is read; its button works once the deferred
            # live.js has run (Tab and Enter at once did nothing, about one run in ten)
            await page.wait_for_load_state("load")
            facts = {
                "errors": errors,
                "banner_role": await banner.get_attribute("role"),
                "banner_text": await banner.inner_text(),
                "kept_last_good": "带上身份证" in await page.locator("main").inner_text(),
            }
            await page.keyboard.press("Tab")
            facts["first_tab"] = await page.evaluate("() => document.activeElement.textContent")
            await page.keyboard.press("Enter")
            facts["after_dismiss"] = await page.evaluate(
                "() => ({hidden: document.getElementById('guidekit-overlay').hidden, focus: "
                "document.activeElement.id})"
            )
            preview.saved("zh-Hans/card.md", guide("## 办理流程\n\n带上户口簿。\n"))
            await page.get_by_text("带上户口簿").wait_for(timeout=WAIT_MS)
            facts["fixed_text"] = True
            facts["banner_after_fix"] = await banner.count() > 0
            return facts
        finally:
            await browser.close()
