"""The JavaScript the gate installs in every browser context: axe-core, then guidekit's own check scripts."""

from __future__ import annotations

from functools import cache
from importlib import resources

# probe.js first: the others build on the helpers it defines
CHECK_SCRIPTS = ("probe.js", "language.js", "targets.js", "silver.js", "text_fit.js", "reflow.js", "keyboard.js", "reading.js")


@cache
def script(name: str) -> str:
    return resources.files("guidekit.gate").joinpath("js", name).read_text("utf-8")
