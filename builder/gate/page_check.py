"""Every check on one page, in one load: read-only checks first, then those that change the page in
place
(text spacing, text size, width, focus), each of which puts the page back as it found it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from . import (
    axe,
    barriers,
    color_schemes,
    focus_kept,
    focus_visible,
    keyboard,
    language,
    popups,
    reading,
    reflow,
    resize_text,
    silver,
    targets,
    text_spacing,
)
from .content_rules import page_findings, without_axe_duplicates
from .origin import PageContext, finding_at
from .session import ORIGIN, Session, Traffic
from .staying import departure_findings, page_notes

# Each takes (page, context) and returns findings; the read-only ones first
PAGE_CHECKS = (
    silver.check,
    language.check,
    targets.check,
    reading.check,
    color_schemes.check,
    text_spacing.check,
    resize_text.check,
    reflow.check,
)


@dataclass
class PageResult:
    facts: dict[str, Any] | None = None  # what the site-wide link check needs from the page
    findings: list[Finding] = field(default_factory=list)
    served: dict[str, str] = field(
        default_factory=dict
    )  # what the page loaded: the key of its cache entry


async def check_page(session: Session, page_path: str) -> PageResult:
    page, cdp = await session.open(page_path)
    try:
        facts = await page.evaluate("() => window.__guidekit.facts()")
        refused = await page.evaluate("() => window.__guidekit.policyViolations")
        context = PageContext.of(
            page_path, facts, theme=session.overrides.theme, lang=session.overrides.lang
        )
        facts = {
            **facts,
            "lang": context.lang,
            "theme": context.theme,
        }  # as the caller judges the page
        findings = page_findings(page_path, facts) + await axe.check(page, context, session.run_axe)
        for check in PAGE_CHECKS:
            findings += await check(page, context)
        findings += await barriers.check(page, context, cdp)
        # the Tab walk before anything moves the focus: it starts where a reader starts
        findings += await keyboard.check(page, context, cdp)
        findings += await focus_visible.check(page, context, session.focus_verdicts, cdp)
        if await color_schemes.declares_dark(page):
            async with color_schemes.dark(page):
                findings += await focus_visible.check(
                    page, context, session.focus_verdicts, cdp, dark=True
                )
        stay = await page_notes(page)
        departures, requests = len(session.traffic.departures), len(session.traffic.external)
        openers = await popups.openers(page)
        # these two press the page's buttons, so they come last, and each starts from the page as
        # it loaded
        findings += await focus_kept.check(page, context)
        if openers:
            page, cdp = await session.reopen()
            findings += await popups.check(page, context, cdp)
        # what the gate's own presses set off is not the page leaving, or loading from other hosts,
        # by itself
        del session.traffic.departures[departures:], session.traffic.external[requests:]
    finally:
        traffic = session.traffic
    traffic.departures += [(key, url) for key, url in stay["notes"]]
    findings += departure_findings(context, traffic.departures, stay["refresh"], session.address)
    traffic.external += [
        entry["blocked"]
        for entry in refused
        if entry["blocked"].startswith(("http:", "https:"))
        and not entry["blocked"].startswith(ORIGIN)
    ]
    findings = without_axe_duplicates(findings) + traffic_findings(context, traffic)
    findings += [
        finding_at(
            context,
            "guidekit:policy-violation",
            None,
            {},
            "policy-violation",
            directive=entry["directive"],
            blocked=entry["blocked"] or "inline",
        )
        for entry in refused
        if not entry["blocked"].startswith(("http:", "https:"))
    ]
    link_facts = {key: facts[key] for key in ("lang", "source", "theme", "guidekit", "links")}
    return PageResult(link_facts, findings, traffic.served)


def traffic_findings(context: PageContext, traffic: Traffic) -> list[Finding]:
    """Privacy and robustness: nothing from other hosts, no script errors."""
    findings = [
        finding_at(context, "guidekit:external-request", None, {}, "external-request", url=url)
        for url in dict.fromkeys(traffic.external)
    ]
    findings += [
        finding_at(context, "guidekit:console-error", None, {}, "console-error", error=error[:200])
        for error in dict.fromkeys(traffic.console_errors)
        # the policy's refusals are read at load, before the gate's own checks restyle the page
        if "Content Security Policy" not in error
    ]
    return findings
