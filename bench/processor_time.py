"""Processor time of this process and of every process it starts (Playwright's driver, Chromium's
browser, renderers and GPU process) while a measured block runs, read from /proc a few times a
second.

Wall time on a shared two-core machine moves with whatever else runs; processor time much less.
Chromium's renderers have exited by the time a run ends, and their time reaches no parent Python can
ask (``getrusage``'s children sees well under half of the gate's), so each process is read while it
lives and its last reading kept. A process that lives less than one interval is missed. Linux only:
elsewhere ``seconds`` stays None.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")


Process = tuple[int, str]  # pid and start time: a pid the system gives again is another process


def _processes() -> dict[Process, tuple[int, float]]:
    """Every process: its parent's pid and the processor seconds it has used (user and system)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # exited while read
        found[(int(entry.name), fields[19])] = (
            int(fields[1]),
            (int(fields[11]) + int(fields[12])) / ticks,
        )
    return found


def _family(processes: dict[Process, tuple[int, float]]) -> dict[Process, float]:
    """This process and its descendants, each with its processor seconds."""
    children: dict[int, list[Process]] = {}
    for process, (parent, _) in processes.items():
        children.setdefault(parent, []).append(process)
    family = [process for process in processes if process[0] == os.getpid()]
    waiting = list(family)
    while waiting:
        for child in children.get(waiting.pop()[0], []):
            family.append(child)
            waiting.append(child)
    return {process: processes[process][1] for process in family}


class ProcessorTime:
    """``with ProcessorTime() as spent: ...``, then ``spent.seconds``."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.seconds: float | None = None
        self._before: dict[Process, float] = {}
        self._last: dict[Process, float] = {}
        self._done = threading.Event()
        self._reader = threading.Thread(target=self._read_until_done, daemon=True)

    def __enter__(self) -> ProcessorTime:
        if PROC.is_dir():
            self._before = _family(_processes())
            self._reader.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._reader.is_alive():
            return
        self._done.set()
        self._reader.join()
        self._read()
        self.seconds = sum(
            seconds - self._before.get(process, 0.0) for process, seconds in self._last.items()
        )

    def _read_until_done(self) -> None:
        while not self._done.wait(self.interval):
            self._read()

    def _read(self) -> None:
        self._last.update(_family(_processes()))
