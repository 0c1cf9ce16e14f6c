"""The same input gives the same bytes: builds can be compared, cached and reviewed as diffs."""

from __future__ import annotations

import shutil

from guidekit.build import build
from guidekit.workers import PARALLEL_FROM

from .conftest import REPO, snapshot


def test_two_clean_builds_of_the_sample_site_are_byte_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(REPO / "guides", first, check=False).published
    assert build(REPO / "guides", second, check=False).published
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) > 50


def test_worker_processes_make_the_same_site_as_one_process(tmp_path):
    """From PARALLEL_FROM guides on, worker processes make the guides while this one makes the
    pages around them."""
    source = tmp_path / "guides"
    shutil.copytree(REPO / "guides", source)
    standalone = (source / "zh-Hans" / "health-code-help.md").read_text(
        "utf-8"
    )  # it links to no other guide
    for number in range(PARALLEL_FROM):
        (source / "zh-Hans" / f"copy-{number:02}.md").write_text(
            standalone.replace("健康码", f"健康码{number}", 1), "utf-8"
        )
    parallel = build(source, tmp_path / "parallel", check=False, cache=False, jobs=2)
    single = build(source, tmp_path / "single", check=False, cache=False, jobs=1)
    assert parallel.published and single.published and parallel.guides > PARALLEL_FROM
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "single")
