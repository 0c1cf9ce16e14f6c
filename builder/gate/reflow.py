"""WCAG 1.4.10 Reflow: at 320 CSS px wide the page does not scroll sideways; wide tables scroll in a
region. Content that needs two dimensions (data tables, maps, images, video) is exempt, as WCAG
exempts it.

The page already loaded for the other checks is narrowed in place and widened back afterwards.
"""

from __future__ import annotations

from playwright.async_api import Page, ViewportSize

from ..findings import Finding
from .origin import PageContext, finding_at
from .probes import evaluate

NARROW: ViewportSize = {"width": 320, "height": 640}  # 1280 px at 400 % zoom


async def check(page: Page, context: PageContext) -> list[Finding]:
    wide = page.viewport_size
    await page.set_viewport_size(NARROW)
    try:
        result = await evaluate(page, "() => window.__guidekit.reflow()")
    finally:
        if wide:
            await page.set_viewport_size(wide)
    findings = [
        finding_at(
            context,
            "guidekit:reflow",
            "1.4.10",
            offender,
            "reflow-offender",
            element=offender["element"],
            right=offender["right"],
            width=NARROW["width"],
        )
        for offender in result["offenders"]
    ]
    if result["scrolls"] and not findings and not result["exempt"]:
        findings.append(
            finding_at(
                context,
                "guidekit:reflow",
                "1.4.10",
                {},
                "reflow-page",
                scroll=result["scrollWidth"],
                width=NARROW["width"],
            )
        )
    findings += [
        finding_at(
            context,
            "guidekit:table-squeezed",
            "1.4.10",
            cell,
            "table-squeezed",
            element=cell["element"],
            width=NARROW["width"],
        )
        for cell in result["squeezed"]
    ]
    for region in result["regions"]:
        if not (region["focusable"] and region["named"]):
            findings.append(
                finding_at(
                    context,
                    "guidekit:scroll-region",
                    "2.1.1",
                    region,
                    "scroll-region",
                    element=region["element"],
                )
            )
    return findings
