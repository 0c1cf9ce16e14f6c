"""Keyboard: Tab reaches every link and control (WCAG 2.1.1), never gets stuck (2.1.2), moves in
reading order (2.4.3), and never lands on an element hidden under other content such as a sticky
header (2.4.11).

Real key presses in the loaded page, as a keyboard user walks it: Tab between the stops, and the
arrow keys inside a composite widget (a radio group, a listbox, a menu), which is one Tab stop by
design; keyboard.js notes where each press left the focus.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from playwright.async_api import CDPSession, Page

from ..findings import Finding
from .origin import PageContext, finding_at
from .probes import evaluate

EXTRA_PRESSES = 2  # past the last element, to see the focus leave the page and not stay stuck
MORE_ROUNDS = 10  # of presses past the count, while Tab stops keep showing on the way
WATCHED_STOPS = 8  # Tab stops with a blur handler pressed away from one by one, nearest first
TRAP_RULE = "guidekit:keyboard-trap"
TAB = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9}
# down or right moves to the next item, whichever way the widget is laid out
_ARROWS = (
    {
        "key": "ArrowDown",
        "code": "ArrowDown",
        "windowsVirtualKeyCode": 40,
        "nativeVirtualKeyCode": 40,
    },
    {
        "key": "ArrowRight",
        "code": "ArrowRight",
        "windowsVirtualKeyCode": 39,
        "nativeVirtualKeyCode": 39,
    },
)

Step = Mapping[str, Any] | None


async def check(
    page: Page, context: PageContext, cdp: CDPSession, progress: Callable[[], None]
) -> list[Finding]:
    """``progress`` is told as each Tab press is answered: a walk of thousands of stops is one
    step that goes on, not a page that stopped answering. A long page's presses each lay it out
    again after its scroll (about 10 ms on a Sphinx index of 2,400 links; more under load), so no
    count of presses is sure to end within a step's GUIDEKIT_PAGE_TIMEOUT_MS."""
    presses = await page.evaluate("() => window.__guidekit.keyboard.start()") + EXTRA_PRESSES
    # Tab stops that show only once the walk is near them (an "on this page" list opening the
    # entries of the part in view) take presses the count did not foresee: the walk goes on while
    # the focus is in the page and each round stops somewhere new (a trap goes round the same)
    stops = 0
    for _ in range(MORE_ROUNDS + 1):
        await press(cdp, [TAB] * presses, answered=progress)
        walked = await page.evaluate("() => window.__guidekit.keyboard.progress()")
        if not walked["unreached"] or walked["stops"] == stops:
            break
        stops, presses = walked["stops"], walked["unreached"] + EXTRA_PRESSES
    walk = await evaluate(
        page,
        "() => { const walk = window.__guidekit.keyboard.finish(); "
        "document.activeElement && document.activeElement.blur(); return walk; }",
    )
    # the first note is taken before any focus moved
    steps: list[Step] = await _hidden_once_settled(page, walk["log"][1:])
    # reached without a Tab of this page's own: in a composite widget by the arrow keys, or inside
    # a frame
    otherwise = await _walk_widgets(page, cdp, walk["expected"], steps) | set(walk["framed"])
    findings = walk_findings(context, walk["expected"], steps, otherwise)
    if not any(finding.rule == TRAP_RULE for finding in findings):
        taken = await _taken_back(page, cdp)
        if taken is not None:
            findings.append(_trap_finding(context, taken))
    return findings


async def _hidden_once_settled(page: Page, steps: Sequence[Step]) -> list[Step]:
    """The walk, where it found the focus off screen or covered, looked at again once what the
    focus set off has run: a skip link that slides into view is not hidden."""
    hidden = [
        (position, step)
        for position, step in enumerate(steps)
        if step is not None and step["hiddenBy"] is not None and step["index"] >= 0
    ]
    if not hidden:
        return list(steps)
    again = await page.evaluate(
        "indexes => window.__guidekit.keyboard.hiddenAfterAll(indexes)",
        [step["index"] for _, step in hidden],
    )
    settled = list(steps)
    for (position, step), now in zip(hidden, again, strict=True):
        settled[position] = {**step, "hiddenBy": now}
    return settled


async def _taken_back(page: Page, cdp: CDPSession) -> Mapping[str, Any] | None:
    """The first watched Tab stop that takes the focus back after Tab moved it away."""
    for index in await page.evaluate(
        "limit => window.__guidekit.keyboard.watchedStops(limit)", WATCHED_STOPS
    ):
        await page.evaluate("index => window.__guidekit.keyboard.focusFrom(index)", index)
        await press(cdp, [TAB])
        taken = await page.evaluate("index => window.__guidekit.keyboard.tookBack(index)", index)
        if taken is not None:
            return taken
    return None


async def press(
    cdp: CDPSession, keys: Sequence[Mapping[str, Any]], answered: Callable[[], None] = lambda: None
) -> None:
    """``answered`` is told as the browser answers each key's release."""

    # Sent at once and handled in order, as a fast typist's presses are: one round trip, not one per
    # press. A key that types a character (Enter's "\r") goes down as keyDown, which also sends the
    # keypress that activates.
    async def pressed(key: Mapping[str, Any]) -> None:
        await cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})
        answered()

    await asyncio.gather(
        *(
            sent
            for key in keys
            for sent in (
                cdp.send(
                    "Input.dispatchKeyEvent",
                    {"type": "keyDown" if "text" in key else "rawKeyDown", **key},
                ),
                pressed(key),
            )
        )
    )


async def _walk_widgets(
    page: Page, cdp: CDPSession, expected: Sequence[Mapping[str, Any]], steps: Sequence[Step]
) -> set[int]:
    """The members of composite widgets the arrow keys reach from the member Tab stopped on."""
    tabbed = {step["index"] for step in steps if step}
    members: dict[int, list[int]] = {}
    for index, element in enumerate(expected):
        if element["group"] >= 0:
            members.setdefault(element["group"], []).append(index)
    reached: set[int] = set()
    for group in members.values():
        entry = next((index for index in group if index in tabbed), None)
        if entry is None:
            continue  # Tab never reaches the widget at all: each member is reported
        await page.evaluate("index => window.__guidekit.keyboard.arrowStart(index)", entry)
        await press(cdp, [arrow for arrow in _ARROWS for _ in range(len(group) - 1)])
        reached.update(await page.evaluate("() => window.__guidekit.keyboard.arrowFinish()"))
    return reached


def walk_findings(
    context: PageContext,
    expected: Sequence[Mapping[str, Any]],
    steps: Sequence[Step],
    arrowed: Collection[int] = (),
) -> list[Finding]:
    findings = []
    for element in expected:
        if element["tabindex"] > 0:
            findings.append(
                finding_at(
                    context,
                    "guidekit:focus-order",
                    "2.4.3",
                    element,
                    "focus-positive-tabindex",
                    element=element["element"],
                    tabindex=element["tabindex"],
                )
            )
    # a composite widget is one Tab stop, however many members it has; what the page took away
    # during the walk is not there to stop on
    there = [element for element in expected if not element.get("gone")]
    stops = len({element["group"] for element in there if element.get("group", -1) >= 0})
    stops += sum(1 for element in there if element.get("group", -1) < 0)
    # frames leave the Tab order for the walk (reached otherwise): Tab's lap is the other stops. A
    # lap seen without the moment it left the page (the focus comes back from the browser late on a
    # busy machine) was a trap on a page with a frame
    framed = sum(1 for index in arrowed if expected[index].get("group", -1) < 0)
    trap = _trap(steps, stops - framed)
    if trap is not None:
        findings.append(_trap_finding(context, trap))
    reached = {step["index"] for step in steps if step} | set(arrowed)
    reached |= {
        index for index, element in enumerate(expected) if element.get("leadsTo", -1) in reached
    }
    if trap is None:
        findings += [
            finding_at(
                context,
                "guidekit:keyboard-reach",
                "2.1.1",
                element,
                "keyboard-unreached",
                element=element["element"],
            )
            for index, element in enumerate(expected)
            if index not in reached and not element.get("gone")
        ]
    seen = set()
    previous = None
    for step in steps:
        if step is not None and step["index"] in seen:
            break  # Tab went round to the start again: a second lap says nothing new
        if step is None:
            previous = None
            continue
        seen.add(step["index"])
        hidden = step["hiddenBy"]
        if hidden is not None and hidden.get("sizeless"):
            # nothing to see, so no focus to see (2.4.7): not hidden by anything (2.4.11)
            findings.append(
                finding_at(
                    context,
                    "guidekit:focus-visible",
                    "2.4.7",
                    step,
                    "focus-sizeless",
                    element=step["element"],
                )
            )
        elif hidden is not None:
            key = "focus-offscreen" if hidden.get("offscreen") else "focus-obscured"
            findings.append(
                finding_at(
                    context,
                    "guidekit:focus-obscured",
                    "2.4.11",
                    step,
                    key,
                    element=step["element"],
                    cover=hidden.get("element", ""),
                )
            )
        if (
            previous is not None
            and previous["box"] is not None
            and step["box"] is not None
            and _jumps_back(previous["box"], step["box"])
        ):
            findings.append(
                finding_at(
                    context,
                    "guidekit:focus-order",
                    "2.4.3",
                    step,
                    "focus-order-back",
                    element=step["element"],
                    before=previous["element"],
                )
            )
        previous = step
    return findings


def _trap_finding(context: PageContext, trap: Mapping[str, Any]) -> Finding:
    return finding_at(context, TRAP_RULE, "2.1.2", trap, "keyboard-trap", element=trap["element"])


def _trap(steps: Sequence[Step], expected: int) -> Mapping[str, Any] | None:
    """The element Tab cannot leave: focus came back to it before leaving the page or reaching
    everything."""
    visited: list[tuple[int, str]] = []
    for step in steps:
        if step is None:
            return None
        place = (step["index"], step["element"])
        if place in visited:
            return step if len({index for index, _ in visited}) < expected else None
        visited.append(place)
    return None


def _jumps_back(before: Mapping[str, float], after: Mapping[str, float]) -> bool:
    """Focus moved to something wholly above the previous element, in the same column."""
    same_column = (
        min(before["left"] + before["width"], after["left"] + after["width"])
        - max(before["left"], after["left"])
        > 0
    )
    return same_column and after["top"] + after["height"] <= before["top"] - 1
