"""Shared helpers: tiny guide sites written into tmp_path, byte snapshots of folders, and the
guidekit command.

The a11y suite imports the plain functions from here (``from tests.conftest import ...``), so both
suites build sites and compare outputs the same way.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from PIL import Image

from guidekit.cli import main
from guidekit.findings import Finding

REPO = Path(__file__).resolve().parent.parent


def guide(
    body: str | None = None,
    *,
    title: str = "申领社会保障卡",
    summary: str = "带身份证到网点办理，不收费。",
    lang: str = "zh-Hans",
    fields: str = "",
) -> str:
    """The text of a guide file: front matter on lines 1–4 (plus ``fields``), a blank line, then
    ``body`` (by default a line in the guide's language: Chinese in an English guide is refused)."""
    if body is None:
        body = "Body text.\n" if lang == "en" else "正文。\n"
    return f"---\ntitle: {title}\nsummary: {summary}\nlang: {lang}\n{fields}---\n\n{body}"


def body_line(text: str, needle: str) -> int:
    """The 1-based line of ``text`` that holds ``needle``, so expected lines are read, not counted
    by hand."""
    lines = [number for number, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(lines) == 1, f"{needle!r} must occur on exactly one line, found {lines}"
    return lines[0]


def write_site(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` below ``root`` and return ``root``.

    Without a guidekit.toml of its own, the site leaves out the component gallery and the ways in
    (search, topic pages): these tests are about guides, and those have their own.
    """
    files = {"guidekit.toml": "gallery = false\nways_in = false\n", **files}
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (as None) below ``folder``, hidden ones included."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def leftovers(out: Path) -> list[str]:
    """Staging or previous-site folders a build left beside ``out`` (lock files are expected
    there)."""
    return sorted(path.name for path in out.parent.glob(f".{out.name}.*") if path.is_dir())


@dataclass(frozen=True)
class CliOutcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict:
        """The one JSON document of ``--format json``."""
        return json.loads(self.stdout)


def picture(kind: str = "PNG", side: int = 1) -> bytes:
    """A real image file of ``kind`` (a Pillow format name), ``side`` pixels square, of random
    colours, which no format compresses: its weight grows as the square of ``side``."""
    noise = random.Random(side).randbytes(side * side * 3)
    written = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(written, kind)
    return written.getvalue()


def run_guidekit(*args: str | Path, env: Mapping[str, str] | None = None) -> CliOutcome:
    """Run the ``guidekit`` command in this process; an exception escaping it fails the test."""
    result = CliRunner(env=dict(env or {})).invoke(main, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    # rich may have picked colours when the test run owns a terminal
    return CliOutcome(result.exit_code, click.unstyle(result.stdout), click.unstyle(result.stderr))


def located(findings: list[Finding] | list[dict], file: str, line: int, rule: str) -> list:
    """The findings (objects or JSON dicts) at ``file``:``line`` with ``rule``."""

    def get(finding, name):
        return finding[name] if isinstance(finding, dict) else getattr(finding, name)

    return [
        f
        for f in findings
        if (get(f, "file"), get(f, "line"), get(f, "rule")) == (file, line, rule)
    ]


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture
def site(tmp_path: Path):
    """``site({rel: text})`` writes a guide site into ``tmp_path/guides`` and returns that
    folder."""
    return lambda files: write_site(tmp_path / "guides", files)
