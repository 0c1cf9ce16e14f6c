"""The accessibility gate: axe-core and guidekit's own rules, run in a real Chromium."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import GateReport, run_gate

__all__ = ["GateReport", "run_gate"]


def __getattr__(name: str) -> Any:
    """The runner (and Playwright) is imported when a build checks pages: ``--no-check`` and the
    modules that only need the gate's cache folder or its report formats start a quarter of a second
    sooner."""
    if name in __all__:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(name)
