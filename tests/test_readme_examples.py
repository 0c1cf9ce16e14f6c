"""The README's code, run as a reader would run it: each ``<!-- example: NAME -->`` block is
written to NAME."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

from .conftest import REPO, run_guidekit

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


def test_the_import_example_runs_where_only_the_installed_package_is(tmp_path, monkeypatch):
    """In an empty folder with the README's example files, as a user of the wheel has it: this
    repository's samples/ is not there."""
    readme = (REPO / "README.md").read_text("utf-8")
    for name, text in EXAMPLE.findall(readme):
        (tmp_path / name).write_text(text, "utf-8")
    block = re.search(r"```sh\n(guidekit import .*?)```", readme, re.S)
    assert block is not None
    imported, built = [
        shlex.split(line.partition("#")[0])[1:] for line in block.group(1).splitlines()[:2]
    ]
    monkeypatch.chdir(tmp_path)
    outcome = run_guidekit(*imported)
    assert outcome.exit_code == 0, outcome.stderr
    assert "表格里没有出错的地方" in outcome.stderr
    # as the README says of the build: warnings, no errors
    outcome = run_guidekit(*built, "--format", "json")
    assert outcome.exit_code == 0, outcome.report["findings"]
    assert outcome.report["published"] and outcome.report["checked"]
