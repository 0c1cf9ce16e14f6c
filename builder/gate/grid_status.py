"""What guidekit asks a Selenium Grid before using it, and the one error that stops a run on a Grid.

Kept apart from grid.py so the command line can name the error without importing Selenium.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any


class GridUnavailable(RuntimeError):
    """The Grid cannot check anything: ``key`` names the message (errors.yml), ``details`` fill it
    in."""

    def __init__(self, key: str, **details: str) -> None:
        super().__init__(key)
        self.key, self.details = key, details


def grid_status(url: str) -> dict[str, Any]:
    """The Grid's /status, or GridUnavailable saying it cannot be reached or has no node up. (Its
    own "ready" is false while every slot is busy too; then new sessions wait in its queue.)"""
    try:
        with urllib.request.urlopen(f"{url}/status", timeout=10) as response:
            value = json.load(response)["value"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GridUnavailable("grid-unreachable", url=url, reason=str(error)[:160]) from None
    if not value.get("ready") and not any(
        node.get("availability") == "UP" for node in value.get("nodes", [])
    ):
        raise GridUnavailable("grid-not-ready", url=url, reason=str(value.get("message", ""))[:160])
    return value
