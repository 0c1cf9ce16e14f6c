"""Read-only questions to a loaded page, asked in one ``page.evaluate``: a round trip to the browser
costs more than most of the questions themselves, and none of them changes the page.

Answers cross from the page as one JSON text (``evaluate``): Playwright's own value transfer walks
every object of an answer in the page and again in Python, which costs more than the questions for
the large answers (the text runs of a page, axe's violations, the Tab walk's log)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Page


@dataclass(frozen=True)
class Probe:
    """One question: ``function`` is JavaScript of one argument, run in the page with
    ``argument``; its answer comes back under ``name``."""

    name: str
    function: str
    argument: Any = None


async def ask(page: Page, probes: Sequence[Probe]) -> dict[str, Any]:
    """Each probe's answer by name, in the order given (an answer that is a promise is awaited)."""
    steps = "".join(
        f"answers[{json.dumps(probe.name)}] = await ({probe.function})(given[{index}]);\n"
        for index, probe in enumerate(probes)
    )
    return await evaluate(
        page,
        f"async (given) => {{ const answers = {{}};\n{steps}return answers; }}",
        [probe.argument for probe in probes],
    )


async def evaluate(page: Page, function: str, argument: Any = None) -> Any:
    """``page.evaluate(function, argument)`` for an answer made of JSON values (undefined comes
    back as None)."""
    text = await page.evaluate(
        f"async (argument) => window.__guidekit.stringify(await ({function})(argument)) ?? 'null'",
        argument,
    )
    return json.loads(text)
