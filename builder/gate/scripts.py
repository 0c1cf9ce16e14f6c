"""The JavaScript the gate installs in every browser context: axe-core, then guidekit's own check
scripts."""

from __future__ import annotations

from functools import cache
from importlib import resources

# staying.js before the page's own scripts can keep a reference to what it replaces; probe.js before
# the others: they build on the helpers it defines
CHECK_SCRIPTS = (
    "staying.js",
    "probe.js",
    "language.js",
    "targets.js",
    "silver.js",
    "text_fit.js",
    "reflow.js",
    "keyboard.js",
    "barriers.js",
    "reading.js",
)


@cache
def script(name: str) -> str:
    return resources.files("guidekit.gate").joinpath("js", name).read_text("utf-8")
