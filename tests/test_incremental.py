"""The build cache: a rebuild does again only what an edit changed, and its output is byte for byte
what a clean build of the same input gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.build_cache import cache_path

from .conftest import REPO, snapshot

EDITED = "zh-Hans/social-security-card.md"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "guides"
    shutil.copytree(REPO / "guides", copy)
    return copy


def clean_build(source: Path, out: Path) -> dict[str, bytes]:
    result = build(source, out, check=False, cache=False)
    assert result.published and result.redone == result.guides
    return snapshot(out)


def test_a_rebuild_without_changes_redoes_no_guide_and_writes_the_same_site(source, tmp_path, monkeypatch):
    out = tmp_path / "site"
    first = build(source, out, check=False)
    assert first.redone == first.guides > 5 and cache_path(out).is_file()
    before = snapshot(out)
    monkeypatch.setattr("guidekit.build.render_gallery", lambda *args, **kwargs: pytest.fail("the gallery was made again"))
    again = build(source, out, check=False)
    assert again.published and again.redone == 0
    assert snapshot(out) == before


def test_editing_one_guide_redoes_that_guide_only_and_matches_a_clean_build(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    guide = source / EDITED
    guide.write_text(guide.read_text("utf-8").replace("当场", "当天"), "utf-8")
    result = build(source, out, check=False)
    assert result.published and result.redone == 1
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


@pytest.mark.parametrize("change", ["new guide", "removed guide", "settings", "glossary", "synonyms", "front matter"])
def test_a_change_other_guides_read_redoes_them_and_matches_a_clean_build(source, tmp_path, change):
    out = tmp_path / "site"
    build(source, out, check=False)
    guide = source / EDITED
    if change == "new guide":
        shutil.copy(guide, source / "zh-Hans" / "copy-of-card.md")
    elif change == "removed guide":
        (source / "zh-Hans" / "residence-permit.md").unlink()
    elif change == "settings":
        (source / "guidekit.toml").write_text('site_name = { "zh-Hans" = "青川市办事指南" }\n', "utf-8")
    elif change == "glossary":
        glossary = source / "glossary.yml"
        glossary.write_text(glossary.read_text("utf-8").replace("看病、住院时帮你付", "看病和住院时帮你付"), "utf-8")
    elif change == "synonyms":  # they decide how the search index cuts every guide's words
        (source / "synonyms.txt").write_text((source / "synonyms.txt").read_text("utf-8") + "\n看病 = 就医\n", "utf-8")
    else:  # a translation key joins two guides: the language switch of both changes
        guide.write_text(guide.read_text("utf-8").replace("lang: zh-Hans", "lang: zh-Hans\ntranslation_key: personal-credit-report", 1), "utf-8")
    result = build(source, out, check=False)
    assert result.published and result.redone >= 2
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def test_a_damaged_cache_is_ignored(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    cache_path(out).write_text("{not json", "utf-8")
    result = build(source, out, check=False)
    assert result.published and result.redone == result.guides


def test_a_refused_guide_is_refused_again_from_the_cache(source, tmp_path):
    out = tmp_path / "site"
    guide = source / EDITED
    guide.write_text(guide.read_text("utf-8") + "\n[坏链接](javascript:alert(1))\n", "utf-8")
    first = build(source, out, check=False)
    again = build(source, out, check=False)
    assert not first.published and not again.published and again.redone == 0
    assert [f.to_json() for f in again.findings] == [f.to_json() for f in first.findings]


def test_a_file_a_guide_links_to_is_looked_at_again_when_it_changes(source, tmp_path):
    out = tmp_path / "site"
    guide = source / EDITED
    (source / "zh-Hans" / "form.pdf").write_bytes(b"%PDF-1.4 " + b"0" * 2000)
    guide.write_text(guide.read_text("utf-8") + "\n[社保卡申领表](form.pdf)\n", "utf-8")
    assert build(source, out, check=False).published
    (source / "zh-Hans" / "form.pdf").write_bytes(b"%PDF-1.4 " + b"0" * 200_000)  # the page shows its size
    assert build(source, out, check=False).published
    assert snapshot(out) == clean_build(source, tmp_path / "clean")
    (source / "zh-Hans" / "form.pdf").unlink()  # refused with the guide's line, never a crash in staging
    missing = build(source, out, check=False)
    assert not missing.published and any(f.file == EDITED and f.blocking for f in missing.findings)
