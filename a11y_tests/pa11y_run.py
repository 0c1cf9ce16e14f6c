"""pa11y (HTML_CodeSniffer), run independently of the gate over pages of a built site served as a
static host serves it: pa11y-ci from node_modules (package-lock.json pins it, ``npm ci`` installs
it), Chromium found as guidekit finds it, the settings in ``a11y_tests/pa11y.json``."""

from __future__ import annotations

import json
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from guidekit.gate.browser import chromium_path

REPOSITORY = Path(__file__).resolve().parents[1]
SETTINGS = REPOSITORY / "a11y_tests" / "pa11y.json"
PA11Y_CI = REPOSITORY / "node_modules" / ".bin" / "pa11y-ci"


class _SiteHandler(SimpleHTTPRequestHandler):
    """The site's files; a missing address gets the site's own 404 page (silver's below /silver/),
    with status 404, as a static host configured for the site answers."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / (
            "silver/404.html" if self.path.startswith("/silver/") else "404.html"
        )
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test's output is pa11y's findings, not the requests


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` over http on a free port of 127.0.0.1; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def pa11y_errors(urls: Sequence[str], timeout: float = 600) -> dict[str, list[dict[str, Any]]]:
    """pa11y's errors (not warnings or notices) per URL at WCAG2AAA; a page pa11y could not test
    comes back with one entry that says why. One page at a time: with two at once pa11y-ci 4 loses
    pages to "Target.closeTarget: No target with given id found" on this Chromium."""
    if not PA11Y_CI.is_file():
        raise FileNotFoundError(f"{PA11Y_CI} is missing: run `npm ci` in {REPOSITORY}")
    defaults = json.loads(SETTINGS.read_text("utf-8"))
    defaults["chromeLaunchConfig"]["executablePath"] = chromium_path()
    defaults["concurrency"] = 1
    with tempfile.TemporaryDirectory(prefix="guidekit-pa11y-") as scratch:
        config = Path(scratch) / "pa11y-ci.json"
        config.write_text(json.dumps({"defaults": defaults, "urls": list(urls)}), "utf-8")
        run = subprocess.run(
            [str(PA11Y_CI), "--config", str(config), "--json"],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPOSITORY,
        )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"pa11y-ci failed ({run.returncode}): {run.stderr[-2000:]}") from None
    return {url: list(issues) for url, issues in report["results"].items()}
