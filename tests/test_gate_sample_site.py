"""The sample site passes the full gate in both themes; rebuilding it re-checks only what
changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from guidekit.build import build

GUIDES = Path(__file__).resolve().parents[1] / "guides"


def test_the_sample_site_passes_and_the_cache_rechecks_only_the_edited_guide(tmp_path, monkeypatch):
    source = tmp_path / "guides"
    shutil.copytree(GUIDES, source)
    (source / "guidekit.toml").write_text(
        "gallery = false\n", "utf-8"
    )  # the gallery passes the gate in its own test
    out = tmp_path / "site"

    first = build(source, out, jobs=2)
    assert [finding for finding in first.findings if finding.blocking] == [] and first.published
    # 7 guides and their short versions, the front page, 4 ways in for each of 3 languages, the 404
    # page and the accessibility statement in 3 languages, in 2 themes
    assert first.gate["browser_pages"] == first.pages == 62
    assert (out / "accessibility" / "openacr.yaml").is_file() and (
        out / "accessibility" / "earl.jsonld"
    ).is_file()

    monkeypatch.setenv(
        "GUIDEKIT_CHROMIUM", str(tmp_path / "no-browser-here")
    )  # launching one would fail
    unchanged = build(source, out, jobs=2)
    assert (
        unchanged.published
        and unchanged.gate["browser_pages"] == 0
        and unchanged.gate["cached_pages"] == 62
    )
    monkeypatch.delenv("GUIDEKIT_CHROMIUM")

    guide = source / "zh-Hans" / "pension-collection.md"
    guide.write_text(
        guide.read_text("utf-8") + "\n退休手续办好后，记得告诉家人。\n", encoding="utf-8"
    )
    edited = build(source, out, jobs=2)
    # its standard and silver pages only: its short pages show no body text, and the search pages
    # load only the index's entry file, which an edit of the body leaves as it was
    assert edited.published and edited.redone == 1 and edited.gate["browser_pages"] == 2
    assert "退休手续办好后" in (out / "silver" / "zh-Hans" / "pension-collection.html").read_text(
        "utf-8"
    )
