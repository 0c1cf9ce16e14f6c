"""The accessibility gate: axe-core and guidekit's own rules, run in a real Chromium."""

from .runner import GateReport, run_gate

__all__ = ["GateReport", "run_gate"]
