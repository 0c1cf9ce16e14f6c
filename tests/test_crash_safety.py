"""Crash safety: a build killed with SIGKILL at any point leaves the published site exactly as it
was (or, once the atomic swap has happened, exactly the new one), and the next build succeeds
without anyone cleaning up. Two builds of one folder at once never corrupt it.

Builds run as real ``guidekit build`` processes. The test hook ``GUIDEKIT_TEST_PAUSE_AT`` (see
builder/pause.py) stops a build at a named point so the kill lands there deterministically; other
kills land at times spread over a whole build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.output.caches import CACHE_FOLDER
from guidekit.output.publish import recover

GUIDEKIT = str(Path(sys.executable).parent / "guidekit")
TIMEOUT = 120


def guide(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nsummary: {title}，用于测试。\nlang: zh-Hans\n---\n{body}\n"


def make_source(folder: Path, edition: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guidekit.toml").write_text(
        "gallery = false\n", "utf-8"
    )  # fewer pages, quicker builds to kill
    for name in ("社保卡", "养老金", "居住证"):
        path = folder / "zh-Hans" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            guide(
                f"{name}（{edition}）",
                f"## 办理流程\n\n{edition}版本的正文。\n\n::: warning\n小心诈骗。\n:::",
            ),
            "utf-8",
        )
    return folder


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, bytes]]]:
    """Two versions of a small site, and the exact bytes each one publishes."""
    found = {}
    for edition in ("old", "new"):
        root = tmp_path_factory.mktemp(edition)
        source = make_source(root / "guides", edition)
        assert build(source, root / "site", check=False).published
        found[edition] = (source, snapshot(root / "site"))
    assert found["old"][1] != found["new"][1]
    return found


@pytest.fixture
def published(tmp_path: Path, editions) -> Path:
    """A folder where the old edition is published."""
    site = tmp_path / "site"
    assert build(editions["old"][0], site, check=False).published
    return site


def start(
    source: Path, out: Path, pause_at: str | None = None, marker: Path | None = None
) -> subprocess.Popen:
    env = {
        **os.environ,
        "GUIDEKIT_TEST_PAUSE_AT": pause_at or "",
        "GUIDEKIT_TEST_PAUSE_MARKER": str(marker or ""),
    }
    return subprocess.Popen(
        [GUIDEKIT, "build", str(source), "--out", str(out), "--no-check"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(source: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [GUIDEKIT, "build", str(source), "--out", str(out), "--no-check"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def paused_at(source: Path, out: Path, point: str) -> subprocess.Popen:
    """A build process, waiting at ``point`` of the pipeline."""
    marker = out.parent / f"paused-at-{point}"
    process = start(source, out, point, marker)
    deadline = time.monotonic() + TIMEOUT
    while not marker.exists():
        assert process.poll() is None, (
            f"the build ended before reaching {point}: {process.communicate()}"
        )
        assert time.monotonic() < deadline, f"the build never reached {point}"
        time.sleep(0.05)
    marker.unlink()
    return process


def kill(process: subprocess.Popen) -> None:
    process.kill()
    process.wait(timeout=TIMEOUT)


def leftovers(out: Path) -> list[str]:
    """What a build leaves beside the site: only its lock file and its caches may stay."""
    return sorted(
        path.name
        for path in out.parent.iterdir()
        if path.name not in {out.name, f".{out.name}.lock", CACHE_FOLDER}
    )


@pytest.mark.parametrize(
    ("point", "left"), [("render", "old"), ("stage", "old"), ("publish", "old"), ("swapped", "new")]
)
def test_a_killed_build_leaves_the_old_site_or_after_the_swap_the_whole_new_one(
    published: Path, editions, point: str, left: str
) -> None:
    kill(paused_at(editions["new"][0], published, point))
    assert snapshot(published) == editions[left][1]

    finished = run(editions["new"][0], published)
    assert finished.returncode == 0, finished.stderr
    assert snapshot(published) == editions["new"][1]
    assert leftovers(published) == []


def test_a_build_killed_at_any_moment_leaves_either_the_old_or_the_new_site(
    published: Path, editions
) -> None:
    began = time.monotonic()
    assert run(editions["new"][0], published).returncode == 0
    assert run(editions["old"][0], published).returncode == 0
    duration = (time.monotonic() - began) / 2
    for step in range(6):
        process = start(editions["new"][0], published)
        time.sleep(duration * step / 5)
        kill(process)
        assert snapshot(published) in (editions["old"][1], editions["new"][1]), (
            f"killed after {duration * step / 5:.2f}s"
        )
        finished = run(editions["old"][0], published)
        assert finished.returncode == 0, finished.stderr
        assert snapshot(published) == editions["old"][1]
    assert leftovers(published) == []


def test_a_second_build_of_the_same_folder_is_refused_while_the_first_publishes(
    published: Path, editions
) -> None:
    first = paused_at(editions["new"][0], published, "publish")
    try:
        second = run(editions["new"][0], published)
        assert second.returncode == 1
        assert "另一个构建正在写入" in second.stderr and "Traceback" not in second.stderr
        assert snapshot(published) == editions["old"][1]
    finally:
        kill(first)
    assert run(editions["new"][0], published).returncode == 0
    assert snapshot(published) == editions["new"][1]


def test_two_builds_started_at_once_leave_one_whole_site(published: Path, editions) -> None:
    processes = {edition: start(editions[edition][0], published) for edition in ("new", "old")}
    outcomes = {
        edition: (process.wait(timeout=TIMEOUT), process.stderr.read())
        for edition, process in processes.items()
    }
    for code, stderr in outcomes.values():
        assert code == 0 or (code == 1 and "另一个构建正在写入" in stderr), stderr
    assert any(code == 0 for code, _ in outcomes.values())
    assert snapshot(published) in (editions["old"][1], editions["new"][1])
    assert leftovers(published) == []


def test_the_next_build_repairs_a_publish_killed_between_its_two_renames(
    published: Path, editions
) -> None:
    """Where renameat2 cannot swap, publish renames the old site away, then the new one in; a kill
    between the two leaves no site but the old one beside it. The next build brings it back."""
    previous = published.parent / f".{published.name}.previous"
    published.rename(previous)
    recover(published)
    assert snapshot(published) == editions["old"][1] and not previous.exists()

    previous.mkdir()  # killed while removing the old site after both renames
    (previous / "half-deleted.html").write_text("x")
    assert build(editions["new"][0], published, check=False).published
    assert snapshot(published) == editions["new"][1]
    assert leftovers(published) == []
