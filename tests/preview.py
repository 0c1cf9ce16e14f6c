"""guidekit serve's whole loop in a thread, for the tests that watch a preview (here and in
``a11y_tests``): a helper module, not a test module, so another suite imports no tests."""

from __future__ import annotations

import gc
import http.client
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from guidekit import serve

TIMEOUT = 30.0  # seconds any single wait may take before the test fails


def poll(condition: Callable[[], object], what: str) -> object:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def raw_get(url: str, target: str, host: str | None = None) -> tuple[int, bytes]:
    """A request with the target exactly as written (urllib would normalise ``..`` away)."""
    address = url.removeprefix("http://").rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=TIMEOUT)
    connection.putrequest("GET", target, skip_host=True)
    connection.putheader("Host", host or address)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.read().decode()


class Preview:
    """guidekit serve's whole loop in a thread, on a free port; stopped by the fixture."""

    def __init__(self, source: Path, out: Path) -> None:
        self.source, self.out = source, out
        self.builds: list[bool] = []
        self.redone: list[int] = []  # guides made again by each build
        self.url = ""
        self.stop = threading.Event()
        ready = threading.Event()

        def on_ready(url: str) -> None:
            self.url = url
            ready.set()

        self.thread = threading.Thread(
            target=serve.preview_site,
            args=(source,),
            daemon=True,
            kwargs=dict(out=out, on_ready=on_ready, on_build=self.built, stop=self.stop),
        )
        self.thread.start()
        assert ready.wait(TIMEOUT), "the preview server did not start"

    def close(self) -> None:
        """Stop the loop and wait for it. What its rebuilds froze for the collector's sake
        (serve.rebuild) goes back to the collector: nothing of this preview outlives the test in
        the test process."""
        self.stop.set()
        self.thread.join(TIMEOUT)
        gc.unfreeze()

    def built(self, result, seconds: float) -> None:
        self.redone.append(result.redone)
        self.builds.append(result.published)

    def page(self, path: str) -> str:
        return fetch(self.url + path)

    def saved(self, rel: str, text: str) -> None:
        """Write a file and wait until the rebuild it causes has finished."""
        before = len(self.builds)
        (self.source / rel).write_text(text, encoding="utf-8")
        poll(lambda: len(self.builds) > before, f"a rebuild after saving {rel}")
