"""Work shared out to worker processes: the guides are independent, and a machine has several
cores."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_FROM = 48


def shared_out(
    task: Callable[[int], T], count: int, jobs: int, meanwhile: Callable[[], None] = lambda: None
) -> list[T]:
    """``[task(0), …, task(count - 1)]``, in ``jobs`` forked worker processes when there is enough
    to do. ``meanwhile``: work of this process's own, done while the workers do the tasks."""
    # forking a process that runs other threads (the preview server) can copy a lock some thread
    # holds
    if jobs <= 1 or count < PARALLEL_FROM or threading.active_count() > 1:
        meanwhile()
        return [task(index) for index in range(count)]
    global _task
    _task = task  # forked workers inherit it: a closure cannot be pickled
    try:
        # what the workers hand back lives as long as the build: left to the collector, its young
        # and middle collections after the pause walked it again (a second of the main process on
        # 2,000 guides in officialese, whose findings are hundreds of thousands of objects)
        with (
            kept_for_the_build(),
            multiprocessing.get_context("fork").Pool(
                jobs, initializer=_quiet_worker, initargs=(os.getpid(),)
            ) as pool,
        ):
            results = pool.map_async(_run, range(count), chunksize=max(1, count // (jobs * 8)))
            meanwhile()
            return results.get()
    finally:
        _task = None


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while this process gathers many small objects that form no
    cycles (the workers' findings and pages, grouping them into problems, printing them).

    Each time the heap grows by a quarter, the collector scans all of it: on a site whose guides
    carry hundreds of thousands of findings, that was a third of the main process's time. Forked
    workers turn it back on for themselves (``_quiet_worker``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept_for_the_build() -> Iterator[None]:
    """The cycle collector paused while this process makes many objects that live as long as its
    build and form no cycles (the build cache as read, a recorded result); in a process that builds
    once, which froze what it imported (the build command), they are frozen too, before the
    collector is back: otherwise its first collection walks them all, and every full one again."""
    with cycle_collector_paused():
        yield
        if gc.get_freeze_count():
            gc.freeze()


def settled_between_rebuilds() -> None:
    """Between the rebuilds of a process that keeps running (guidekit serve): what this rebuild left
    is collected, then everything alive (the session's build cache: hundreds of thousands of
    objects at 2,000 guides) is frozen. Left in the collector's oldest generation, every full
    collection walked it all again, and one fell in every other rebuild: 0.2 s on top of a 0.3 s
    one (bench/HISTORY.md). What a later rebuild lets go of is still freed as its last reference
    goes; only a cycle among frozen objects would outlive its use, and memory stayed flat over a
    dozen rebuilds of 2,000 guides."""
    gc.collect()
    gc.freeze()


_task: Callable[[int], Any] | None = None
_PR_SET_PDEATHSIG = 1


def _quiet_worker(parent: int) -> None:
    """A worker ends without a word when its parent does. Ctrl+C reaches the whole process group:
    the parent ends the pool, so a worker ignores it (else each prints a KeyboardInterrupt
    traceback). A parent ended by a signal cannot end the pool: the kernel then sends the worker
    SIGTERM (Linux), rather than let it print a BrokenPipeError traceback when it hands in its
    result."""
    gc.enable()  # the parent paused it while it gathers results (cycle_collector_paused)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(0)


def _run(index: int) -> Any:
    assert _task is not None
    return _task(index)
