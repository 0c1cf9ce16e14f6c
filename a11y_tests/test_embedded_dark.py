"""Components embedded in someone else's page (guidekit.jinja's stylesheet only, no page layout), in
Chromium with the reader's system set to dark: axe's colour contrast must pass whether the page is
light only or declares dark support itself (color-scheme: light dark and its own dark colours)."""

from __future__ import annotations

import asyncio

import jinja2
import pytest
from playwright.async_api import async_playwright

import guidekit.jinja
from guidekit.gate.axe import axe_source
from guidekit.gate.browser import launch

LIGHT_ONLY = "body { color: #111; background: #fff; }"
DARK_TOO = (
    ":root { color-scheme: light dark; } body { color: #111; background: #fff; } @media "
    "(prefers-color-scheme: dark) { body { color: #eee; background: #121212; } }"
)
COMPONENTS = """
{{ component("warning", {"content": "不要把密码告诉别人。", "lang": "zh-Hans"}) }}
{{ component("information", {"content": "可以请家人陪您一起去。", "lang": "zh-Hans"}) }}
{{ component("example", {"content": "例如：李大伯带着身份证去办。", "lang": "zh-Hans"}) }}
{{ component("key-facts", {"time_limit": "当场", "fees": [], "visits": 1, "lang": "zh-Hans"}) }}
{{ component("notification-banner", {"content": "系统维护。", "title": "通知", "lang": "zh-Hans"}) }}
"""


def _page(app_css: str, theme: str) -> str:
    env = guidekit.jinja.install(jinja2.Environment(autoescape=True))
    body = env.from_string(COMPONENTS).render()
    return (
        f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>嵌入</title>'
        f"<style>{guidekit.jinja.stylesheet(theme)}</style><style>{app_css}</style></head>"
        f"<body><main><h1>嵌入的组件</h1>{body}</main></body></html>"
    )


async def _contrast(html: str) -> list[str]:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await browser.new_context(color_scheme="dark")
            await context.add_init_script(axe_source())
            page = await context.new_page()
            await page.set_content(html)
            result = await page.evaluate("() => axe.run(document, {runOnly: ['color-contrast']})")
            return [node["html"][:80] for rule in result["violations"] for node in rule["nodes"]]
        finally:
            await browser.close()


@pytest.mark.parametrize(
    "app_css", [LIGHT_ONLY, DARK_TOO], ids=["light-only page", "page with its own dark mode"]
)
@pytest.mark.parametrize("theme", ["standard", "silver"])
def test_embedded_components_keep_their_contrast_when_the_system_is_dark(app_css, theme):
    violations = asyncio.run(_contrast(_page(app_css, theme)))
    assert violations == [], violations
