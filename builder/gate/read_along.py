"""Read-aloud's highlight stays where a reader following it can see it, at 400 % zoom (MIIT 适老化
语音阅读, which WCAG has no number for; the window is WCAG 1.4.10's 1280 px at 400 %, here of a
1280 × 1024 screen: 320 × 256 CSS px). Each sentence read is highlighted and scrolled to as reading
does, through read-aloud's own hook ``window.__guidekitReadAlong()`` (guidekit's read-aloud has it;
a page without it is not asked); a sentence left outside the window, or cut by its edge where it
would fit, is ``guidekit:read-along-hidden``. An outside audit found a sentence of a silver guide's
example box read while it was wholly below the window: the box was taller than the window, and
scrolling the box into view left it where it was."""

from __future__ import annotations

from playwright.async_api import Page, ViewportSize

from ..findings import Finding
from . import reading, window
from .origin import PageContext
from .probes import evaluate

LOW: ViewportSize = {"width": 320, "height": 256}
HAS_HOOK = "() => typeof window.__guidekitReadAlong === 'function'"
MEASURE = "() => window.__guidekit.reading.readAlongHidden()"


async def check(page: Page, context: PageContext) -> list[Finding]:
    if not await evaluate(page, HAS_HOOK):
        return []
    async with window.resized(page, LOW):
        problems = await evaluate(page, MEASURE)
    return reading.findings(context, problems)
