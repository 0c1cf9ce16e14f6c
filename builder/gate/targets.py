"""Target size per theme. Every page: WCAG 2.5.8 (24 x 24 CSS px, or enough space around). Pages
guidekit made are held to their theme's promise besides, in the gate's window and on a 320 px
phone: 44 x 44 in the standard theme (2.5.5) and 60 x 60 in silver (the MIIT 适老化 size), for
every target outside a sentence: breadcrumbs, list links, phone numbers and a labelled action a
template or component draws on a line of its own ("网上办理：<link>") count as much as buttons.
Links inside a sentence are exempt, as WCAG exempts them. WCAG 2.5.8's other exceptions hold on
pages guidekit did not make: a native control the page left at the browser's own size (user
agent), and a target whose purpose another target on the page serves at a size that is enough
(equivalent)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..theme import find_theme
from .origin import PageContext, finding_at
from .probes import Probe, evaluate

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Page

MINIMUM = 24  # 2.5.8

Target = Mapping[str, Any]


PROBE = Probe("targets", "() => window.__guidekit.targets()")


def findings(context: PageContext, targets: Sequence[Target]) -> list[Finding]:
    """A page of a theme that aims at AAA (2.5.5), or made by guidekit, is held to its theme's
    promised size; any other page to WCAG 2.5.8's minimum and its exceptions."""
    theme = find_theme(context.theme)
    if theme and (theme.aims_at("AAA") or context.guidekit):
        return _promised(context, targets, theme.target_size)
    return _wcag(context, targets)


async def on_a_phone(page: Page, context: PageContext, found: Sequence[Finding]) -> list[Finding]:
    """A theme's promised sizes measured again at a phone's width, in reflow's 320 px window
    (``reflow.phone_width``), where silver's readers are: a size that holds in the gate's 1280 px
    window may not there (padding in vw, a media query). Targets already reported at 1280 px
    (``found``) are not reported twice."""
    theme = find_theme(context.theme)
    if not (theme and (theme.aims_at("AAA") or context.guidekit)):
        return []
    targets = await evaluate(page, PROBE.function)
    reported = {finding.element for finding in found}
    return [
        finding
        for finding in _promised(context, targets, theme.target_size)
        if finding.element not in reported
    ]


def _promised(context: PageContext, targets: Sequence[Target], need: int) -> list[Finding]:
    return [
        _finding(context, target, "2.5.5", need)
        for target in targets
        if (target["labelled"] or not target["inline"]) and _below(target, need)
    ]


def _wcag(context: PageContext, targets: Sequence[Target]) -> list[Finding]:
    small = [t for t in targets if not t["inline"] and _below(t, MINIMUM)]
    served = {
        t["purpose"] for t in targets if not _below(t, MINIMUM)
    }  # purposes a target of enough size serves
    # the spacing exception: a 24 px circle on the target's centre touches no other target or
    # small target's circle; only what lies within reach of the centre's height is compared (a
    # Sphinx index of 2,400 links took 17 s comparing every pair)
    boxes = _by_band(
        (t["top"] - MINIMUM / 2, t["top"] + t["height"] + MINIMUM / 2, t) for t in targets
    )
    circles = _by_band((_centre(t)[1] - MINIMUM, _centre(t)[1] + MINIMUM, t) for t in small)
    findings = []
    for target in (t for t in small if not t["agentSized"] and t["purpose"] not in served):
        centre = _centre(target)
        band = _band(centre[1])
        crowded = any(
            other is not target and _distance_to_box(centre, other) < MINIMUM / 2
            for other in boxes[band]
        ) or any(
            other is not target and math.dist(centre, _centre(other)) < MINIMUM
            for other in circles[band]
        )
        if crowded:
            findings.append(_finding(context, target, "2.5.8", MINIMUM))
    return findings


def _band(y: float) -> int:
    return math.floor(y / MINIMUM)


def _by_band(spans: Iterable[tuple[float, float, Target]]) -> defaultdict[int, list[Target]]:
    """Each target under every band of the page's height (MINIMUM px each) that its span from
    ``low`` to ``high`` touches."""
    bands: defaultdict[int, list[Target]] = defaultdict(list)
    for low, high, target in spans:
        for band in range(_band(low), _band(high) + 1):
            bands[band].append(target)
    return bands


def _below(target: Target, size: int) -> bool:
    return target["width"] < size - 0.5 or target["height"] < size - 0.5


def _finding(context: PageContext, target: Target, wcag: str, need: int) -> Finding:
    return finding_at(
        context,
        "guidekit:target-size",
        wcag,
        target,
        "target-size",
        element=target["element"],
        width=round(target["width"]),
        height=round(target["height"]),
        need=need,
    )


def _centre(target: Target) -> tuple[float, float]:
    return target["left"] + target["width"] / 2, target["top"] + target["height"] / 2


def _distance_to_box(point: tuple[float, float], box: Target) -> float:
    x = min(max(point[0], box["left"]), box["left"] + box["width"])
    y = min(max(point[1], box["top"]), box["top"] + box["height"])
    return math.dist(point, (x, y))
