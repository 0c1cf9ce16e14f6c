"""The README's code, run as a reader would run it: each ``<!-- example: NAME -->`` block is
written to NAME."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import REPO

EXAMPLE = re.compile(r"<!-- example: (\S+) -->\n```\w*\n(.*?)```", re.S)


def test_the_flask_app_and_its_pytest_plugin_tests_pass(tmp_path):
    examples = dict(EXAMPLE.findall((REPO / "README.md").read_text("utf-8")))
    assert {"app.py", "test_app.py"} <= set(examples)
    for name, code in examples.items():
        (tmp_path / name).write_text(code, "utf-8")
    outcome = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert outcome.returncode == 0, outcome.stdout[-4000:] + outcome.stderr[-2000:]
    assert "2 passed" in outcome.stdout
