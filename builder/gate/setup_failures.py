"""The sentences for a gate that cannot start: no browser, a browser that will not run, no axe-core,
no Grid. The command line and the pytest plugin say them the same way."""

from __future__ import annotations

from ..messages import error_text
from .axe import AxeMissing
from .browser import BrowserFailed, BrowserMissing, install_hint_key
from .grid_status import GridUnavailable

SETUP_FAILURES = (BrowserMissing, BrowserFailed, AxeMissing, GridUnavailable)


def setup_failure_text(error: Exception, lang: str | None) -> str | None:
    """The editor's sentence for a gate that could not start, None for any other error."""
    if isinstance(error, BrowserMissing):
        if error.configured:
            return error_text("browser-missing-configured", lang, path=error.configured)
        return error_text(
            "browser-missing", lang, install=error_text(install_hint_key(error.system), lang)
        )
    if isinstance(error, BrowserFailed):
        return error_text("browser-failed", lang, path=error.path, reason=error.reason)
    if isinstance(error, AxeMissing | GridUnavailable):
        return error_text(error.key, lang, **error.details)
    return None
