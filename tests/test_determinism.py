"""The same input gives the same bytes: builds can be compared, cached and reviewed as diffs."""

from __future__ import annotations

from guidekit.build import build

from .conftest import REPO, snapshot


def test_two_clean_builds_of_the_sample_site_are_byte_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(REPO / "guides", first, check=False).published
    assert build(REPO / "guides", second, check=False).published
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) > 50
