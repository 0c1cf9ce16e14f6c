"""Worker processes: the parent pauses its cycle collector while it gathers their results, and the
workers collect their own garbage."""

from __future__ import annotations

import gc
import os

from guidekit.workers import PARALLEL_FROM, cycle_collector_paused, shared_out


def test_the_parent_pauses_the_collector_and_the_workers_keep_theirs() -> None:
    parent_during: list[bool] = []
    results = shared_out(
        lambda index: (os.getpid(), gc.isenabled()),
        PARALLEL_FROM,
        2,
        meanwhile=lambda: parent_during.append(gc.isenabled()),
    )
    assert {pid for pid, _ in results} - {os.getpid()}, "the tasks ran in worker processes"
    assert all(enabled for _, enabled in results)
    assert parent_during == [False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
