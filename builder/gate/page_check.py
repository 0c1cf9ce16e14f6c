"""Every check on one page, in one load: read-only checks first (their questions to the page asked
together), then those that change the page in place (text spacing, text size, width, focus), each
of which puts the page back as it found it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

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
    read_along,
    reading,
    reflow,
    resize_text,
    silver,
    targets,
    text_fit,
    text_spacing,
)
from .content_rules import page_findings, without_axe_duplicates
from .held_to import as_held
from .origin import PAGE_LINE, PageContext, finding_at
from .probes import Probe, ask
from .session import ORIGIN, Session, Traffic
from .staying import departure_findings, page_notes

# the text changes, measured against one measure of the page as it loaded
TEXT_CHANGES = (text_spacing.CHANGE, resize_text.CHANGE)
T = TypeVar("T")
FACTS = Probe("facts", "() => window.__guidekit.facts()")
REFUSED = Probe("refused", "() => window.__guidekit.policyViolations")


@dataclass
class PageResult:
    facts: dict[str, Any] | None = None  # what the site-wide link check needs from the page
    findings: list[Finding] = field(default_factory=list)
    served: dict[str, str] = field(
        default_factory=dict
    )  # what the page loaded: the key of its cache entry
    timings: dict[str, float] = field(default_factory=dict)  # seconds each check took (benchmarks)
    # the page declares no language: its findings are in the session's default_lang
    undeclared_lang: bool = False


class Stopwatch:
    """Seconds spent per step of one page's check, each step timed from the end of the one
    before."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.last_lap = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.spent[step] = self.spent.get(step, 0.0) + now - self.last_lap
        self.last_lap = now


class StepTimedOut(TimeoutError):
    """A step of a page's check that ran ``seconds`` without ending."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"one step ran {seconds:g} s without an end")
        self.seconds = seconds


async def check_page_in_time(session: Session, page_path: str, seconds: float) -> PageResult:
    """``check_page``, stopped with StepTimedOut when one of its steps has run ``seconds``
    without ending: a script that blocks after load would hang the check forever, and the browser's
    own timeouts do not cover page.evaluate. A bound on the whole check refused long honest pages
    instead: the A–Z list of a 2,000-guide site (756 links) took 25 s to check at idle, more than
    the whole 30 s under load."""
    return await while_progressing(lambda watch: check_page(session, page_path, watch), seconds)


async def while_progressing(work: Callable[[Stopwatch], Awaitable[T]], seconds: float) -> T:
    """What ``work`` returns; StepTimedOut once ``seconds`` pass without a lap of its watch."""
    watch = Stopwatch()
    task = asyncio.ensure_future(work(watch))
    try:
        while not task.done():
            quiet = time.perf_counter() - watch.last_lap
            if quiet >= seconds:
                raise StepTimedOut(seconds)
            await asyncio.wait({task}, timeout=seconds - quiet)
        return task.result()
    finally:
        if not task.done():
            task.cancel()
            # a step that changed the page puts it back as it ends (the light scheme, the window's
            # width), and that waits on the page too: a page that stopped answering is left to
            # the caller, who closes its session, rather than waited for for good
            await asyncio.wait({task}, timeout=seconds)
            task.add_done_callback(_outcome_read)


def _outcome_read(task: asyncio.Future) -> None:
    """Reads a check's outcome once it is left to end on its own, so asyncio does not report an
    error nobody retrieved."""
    if not task.cancelled():
        task.exception()


async def check_page(session: Session, page_path: str, watch: Stopwatch) -> PageResult:
    page, cdp = await session.open(page_path)
    watch.lap("load")
    try:
        # every read-only question in two round trips: the page's theme (from its facts) decides
        # what the second asks
        answers = await ask(
            page,
            [FACTS, REFUSED, language.PROBE, targets.PROBE, color_schemes.PROBE, barriers.PROBE],
        )
        facts, refused = answers["facts"], answers["refused"]
        undeclared_lang = not facts.get("lang")
        context = PageContext.of(
            page_path,
            facts,
            theme=session.overrides.theme,
            lang=session.overrides.lang
            or (session.overrides.default_lang if undeclared_lang else None),
            markup=session.traffic.document,
        )
        facts = {
            **facts,
            "lang": context.lang,
            "theme": context.theme,
        }  # as the caller judges the page
        themed = [probe for probe in (silver.probe(context), reading.probe(context)) if probe]
        answers |= await ask(page, themed)
        findings = page_findings(context, facts)
        findings += language.findings(context, answers["language"])
        small = targets.findings(context, answers["targets"])
        findings += small
        in_the_text = reading.findings(context, answers["reading"])
        findings += in_the_text
        if "theme-numbers" in answers:
            findings += silver.findings(context, answers["theme-numbers"])
        watch.lap("page questions")
        findings += await axe.check(page, context, session.run_axe)
        watch.lap("axe")
        # these change the page in place and put it back
        findings += await text_fit.check(page, context, TEXT_CHANGES)
        watch.lap("text size and spacing")
        # one narrowing for both: each resize lays the page out again
        async with reflow.phone_width(page):
            findings += await targets.on_a_phone(page, context, small)
            findings += await reading.on_a_phone(page, context, in_the_text)
            findings += await reflow.check(page, context, cdp)
        watch.lap("reflow and targets on a phone")
        findings += await read_along.check(page, context)
        watch.lap("read-along at 400 % zoom")
        findings += await barriers.check(page, context, cdp, answers["barriers"])
        watch.lap("barriers")
        # the Tab walk before anything moves the focus: it starts where a reader starts
        findings += await keyboard.check(page, context, cdp, lambda: watch.lap("keyboard"))
        watch.lap("keyboard")
        findings += await focus_visible.check(page, context, session.focus_verdicts, cdp)
        watch.lap("focus_visible")
        # each declared scheme emulated once: its contrast (dark) and its focus pictures
        for scheme in answers["schemes"]:
            async with color_schemes.emulated(page, scheme):
                if scheme == "dark":
                    findings += await color_schemes.check(page, context)
                    watch.lap("dark scheme")
                findings += await focus_visible.check(
                    page, context, session.focus_verdicts, cdp, scheme
                )
            watch.lap(f"focus_visible, {scheme}")
        stay = await page_notes(page)
        departures, requests = len(session.traffic.departures), len(session.traffic.external)
        openers = await popups.openers(page)
        # these press the page's buttons and click its mouse-only boxes, so they come last; the
        # dialogs' check starts from the page as it loaded
        findings += await focus_kept.check(page, context)
        findings += await barriers.clicked(
            page, context, answers["barriers"], lambda: len(session.traffic.departures)
        )
        watch.lap("focus_kept")
        if openers:
            page, cdp = await session.reopen()
            findings += await popups.check(page, context, cdp)
            watch.lap("popups")
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
    findings = without_axe_duplicates(findings) + traffic_findings(
        context, traffic, facts["images"]
    )
    findings += [
        finding_at(
            context,
            "guidekit:policy-violation",
            None,
            entry["where"],
            "policy-violation-element" if entry["where"] else "policy-violation",
            directive=entry["directive"],
            blocked=entry["blocked"] or "inline",
            element=entry["where"].get("element"),
        )
        for entry in refused
        if not entry["blocked"].startswith(("http:", "https:"))
    ]
    link_facts = {key: facts[key] for key in ("lang", "source", "theme", "guidekit", "links")}
    if context.lines is not None:
        # the links are judged over the whole site, without this page's bytes: each keeps its line
        link_facts["links"] = [
            {**link, PAGE_LINE: context.lines.line_of(link)} for link in facts["links"]
        ]
    return PageResult(
        link_facts, as_held(context, findings), traffic.served, watch.spent, undeclared_lang
    )


def traffic_findings(
    context: PageContext, traffic: Traffic, images: Sequence[Mapping[str, Any]] = ()
) -> list[Finding]:
    """Privacy and robustness: nothing from other hosts, no script errors. A missing file is
    reported at the image that asked for it (its Markdown line, in a guide or a MkDocs page)."""
    findings = [
        finding_at(context, "guidekit:external-request", None, {}, "external-request", url=url)
        for url in dict.fromkeys(traffic.external)
    ]
    findings += [
        finding_at(
            context,
            "guidekit:console-error",
            None,
            next((image for image in images if failed and image.get("url") == failed), {}),
            "console-error",
            error=error[:200],
        )
        for error, failed in dict.fromkeys(traffic.console_errors)
        # the policy's refusals are read at load, before the gate's own checks restyle the page
        if "Content Security Policy" not in error
    ]
    return findings
