"""Worker processes: the parent pauses its cycle collector while it gathers their results, freezes
what they handed back in a process that builds once, and the workers collect their own garbage."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

from guidekit.workers import cycle_collector_paused


def in_a_process_of_its_own(code: str) -> None:
    """``code`` run by a new interpreter: shared_out forks only a process that runs no other thread,
    and a test run's process may run some (a browser the pytest plugin keeps for the session,
    pytest-xdist's channel)."""
    prelude = "import gc, os\nfrom guidekit.workers import PARALLEL_FROM, shared_out\n"
    ran = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True
    )
    assert ran.returncode == 0, ran.stderr


def test_the_parent_pauses_the_collector_and_the_workers_keep_theirs() -> None:
    in_a_process_of_its_own(
        """
        parent_during = []
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
        """
    )


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_process_that_builds_once_freezes_what_the_workers_handed_back() -> None:
    in_a_process_of_its_own(
        """
        gc.freeze()  # as the build command does with what it imported
        results = shared_out(lambda index: [index], PARALLEL_FROM, 2)
        # gc.get_objects lists what the collector's generations hold; frozen objects are in none
        collected = {id(tracked) for tracked in gc.get_objects()}
        assert results[0] == [0]
        assert id(results) not in collected
        assert not any(id(result) in collected for result in results)
        """
    )
