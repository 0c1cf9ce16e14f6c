"""A test hook for the crash-safety tests, inert unless its environment variable is set.

``GUIDEKIT_TEST_PAUSE_AT=<point>`` makes the build stop at that named point of the pipeline,
create the file ``GUIDEKIT_TEST_PAUSE_MARKER`` (so a test knows it got there) and wait, so the
test can kill it there with SIGKILL. The wait is bounded: a forgotten build goes on by itself.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINT_VARIABLE = "GUIDEKIT_TEST_PAUSE_AT"
MARKER_VARIABLE = "GUIDEKIT_TEST_PAUSE_MARKER"
_LONGEST_PAUSE_SECONDS = 120


def pause_point(name: str) -> None:
    if os.environ.get(POINT_VARIABLE) != name:
        return
    Path(os.environ[MARKER_VARIABLE]).write_text(f"{os.getpid()}\n", encoding="utf-8")
    time.sleep(_LONGEST_PAUSE_SECONDS)
