"""The build cache: a rebuild does again only what an edit changed, and its output is byte for byte
what a clean build of the same input gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.output.build_cache import cache_path
from guidekit.output.session import Session
from guidekit.site.assemble import render_around

from .conftest import REPO, leftovers, snapshot

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


def rebuild_makes_every_page_again(source: Path, out: Path, tmp_path: Path) -> None:
    result = build(source, out, check=False)
    assert result.published and result.redone == result.guides
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def test_a_rebuild_without_changes_redoes_no_guide_and_writes_the_same_site(
    source, tmp_path, monkeypatch
):
    out = tmp_path / "site"
    first = build(source, out, check=False)
    assert first.redone == first.guides > 5 and (cache_path(out) / "site.json").is_file()
    before = snapshot(out)
    monkeypatch.setattr(
        "guidekit.site.gallery.render_gallery",
        lambda *args, **kwargs: pytest.fail("the gallery was made again"),
    )
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


@pytest.mark.parametrize(
    "change", ["new guide", "removed guide", "settings", "glossary", "synonyms", "front matter"]
)
def test_a_change_other_guides_read_redoes_them_and_matches_a_clean_build(source, tmp_path, change):
    out = tmp_path / "site"
    build(source, out, check=False)
    guide = source / EDITED
    if change == "new guide":
        # a guide of its own title: two of one title are refused
        copy = guide.read_text("utf-8").replace("\ntitle: ", "\ntitle: 又一篇：", 1)
        (source / "zh-Hans" / "copy-of-card.md").write_text(copy, "utf-8")
    elif change == "removed guide":
        (source / "zh-Hans" / "residence-permit.md").unlink()
    elif change == "settings":
        (source / "guidekit.toml").write_text(
            'site_name = { "zh-Hans" = "青川市办事指南" }\n', "utf-8"
        )
    elif change == "glossary":
        glossary = source / "glossary.yml"
        glossary.write_text(
            glossary.read_text("utf-8").replace("看病、住院时帮你付", "看病和住院时帮你付"), "utf-8"
        )
    elif change == "synonyms":  # they decide how the search index cuts every guide's words
        (source / "synonyms.txt").write_text(
            (source / "synonyms.txt").read_text("utf-8") + "\n看病 = 就医\n", "utf-8"
        )
    else:  # a translation key joins two guides: the language switch of both changes
        guide.write_text(
            guide.read_text("utf-8").replace(
                "lang: zh-Hans", "lang: zh-Hans\ntranslation_key: personal-credit-report", 1
            ),
            "utf-8",
        )
    result = build(source, out, check=False)
    assert result.published and result.redone >= 2
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def test_a_damaged_cache_is_ignored(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    (cache_path(out) / "site.json").write_text("{not json", "utf-8")
    result = build(source, out, check=False)
    assert result.published and result.redone == result.guides


def test_a_refused_guide_is_refused_again_from_the_cache(source, tmp_path):
    out = tmp_path / "site"
    published = build(source, out, check=False)
    before = snapshot(out)
    guide = source / EDITED
    guide.write_text(guide.read_text("utf-8") + "\n[坏链接](javascript:alert(1))\n", "utf-8")
    first = build(source, out, check=False)
    again = build(source, out, check=False)
    assert published.published and not first.published and not again.published
    assert first.redone == 1 and again.redone == 0
    assert [f.to_json() for f in again.findings] == [f.to_json() for f in first.findings]
    assert snapshot(out) == before


def test_pages_a_refused_build_made_are_made_again_by_the_next(source, tmp_path):
    """They were never published, so there is nothing to keep them from."""
    out = tmp_path / "site"
    guide = source / EDITED
    original = guide.read_text("utf-8")
    guide.write_text(original + "\n[坏链接](javascript:alert(1))\n", "utf-8")
    assert not build(source, out, check=False).published
    guide.write_text(original, "utf-8")
    rebuild_makes_every_page_again(source, out, tmp_path)


def test_a_page_removed_from_the_published_site_by_hand_is_made_again(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    (out / "zh-Hans" / "social-security-card.html").unlink()
    (out / "find" / "zh-Hans" / "topics.html").unlink()
    rebuild_makes_every_page_again(source, out, tmp_path)


def test_a_site_published_without_the_cache_is_not_taken_for_the_cached_one(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    guide = source / EDITED
    guide.write_text(guide.read_text("utf-8").replace("当场", "当天"), "utf-8")
    build(
        source, out, check=False, cache=False
    )  # publishes the edit; the cache still describes the site before it
    guide.write_text(guide.read_text("utf-8").replace("当天", "当场"), "utf-8")
    rebuild_makes_every_page_again(source, out, tmp_path)


def test_a_file_a_guide_links_to_is_looked_at_again_when_it_changes(source, tmp_path):
    out = tmp_path / "site"
    guide = source / EDITED
    (source / "zh-Hans" / "form.pdf").write_bytes(b"%PDF-1.4 " + b"0" * 2000)
    guide.write_text(
        guide.read_text("utf-8") + "\n::: attachment\n[社保卡申领表](form.pdf)\n:::\n", "utf-8"
    )
    assert build(source, out, check=False).published
    (source / "zh-Hans" / "form.pdf").write_bytes(
        b"%PDF-1.4 " + b"0" * 200_000
    )  # the page shows its size
    assert build(source, out, check=False).published
    assert snapshot(out) == clean_build(source, tmp_path / "clean")
    (
        source / "zh-Hans" / "form.pdf"
    ).unlink()  # refused with the guide's line, never a crash in staging
    missing = build(source, out, check=False)
    assert not missing.published and any(f.file == EDITED and f.blocking for f in missing.findings)


@pytest.mark.parametrize("process", ["one process", "a process per build"])
def test_successive_rebuilds_stage_into_the_previous_site_and_each_matches_a_clean_build(
    source, tmp_path, monkeypatch, process
):
    """From the third build on, staging starts from the site before the published one (kept in the
    cache folder), which differs from the published site in what the last build wrote. A process
    that builds again (serve) keeps the cache in memory; a new process reads it from its files."""
    session = Session() if process == "one process" else None
    out = tmp_path / "site"
    build(source, out, check=False, session=session)
    guide = source / EDITED
    folder = source / "zh-Hans" / "new-folder"

    def add_guide_in_a_new_folder() -> None:
        folder.mkdir()
        shutil.copy(
            REPO / "guides" / "zh-Hans" / "health-code-help.md", folder / "health-code-copy.md"
        )  # it links to no other guide

    edits = [
        lambda: guide.write_text(guide.read_text("utf-8").replace("当场", "当天"), "utf-8"),
        lambda: guide.write_text(
            guide.read_text("utf-8") + "\n还有问题，请打电话问我们。\n", "utf-8"
        ),
        lambda: (source / "zh-Hans" / "health-code-help.md").unlink(),
        add_guide_in_a_new_folder,
        lambda: shutil.rmtree(folder),
        lambda: None,
    ]
    for number, edit in enumerate(edits):
        edit()
        assert build(source, out, check=False, session=session).published
        assert snapshot(out) == clean_build(source, tmp_path / f"clean-{number}"), (
            f"after edit {number}"
        )
    assert leftovers(out) == []


def test_what_guidekit_is_made_of_decides_what_is_made_again(source, tmp_path, monkeypatch):
    """A guide page template or component macro is in every guide's key; a stylesheet is in no
    guide's key (pages link to it) but in the key of the pages around the guides, which read every
    template."""
    import guidekit.output.cache_keys as cache_keys

    digested: dict[str, list[str]] = {}
    monkeypatch.setattr(
        cache_keys,
        "_digest",
        lambda files: digested.setdefault("code", [file.name for file in files]) and "key",
    )
    cache_keys.code_key.__wrapped__()
    # an editor may change the linter's word lists and the gate's lists of empty link texts and
    # of words for any picture
    assert {
        "guide.html.j2",
        "layout.html.j2",
        "macro.html.j2",
        "component.yml",
        "officialese.yml",
        "common_chars.txt",
        "vague_link_text.yml",
        "placeholder_alt_text.yml",
        "lint.yml",
    } <= set(digested["code"])
    assert not any(name.endswith(".css") for name in digested["code"])
    monkeypatch.undo()

    out = tmp_path / "site"
    build(source, out, check=False)
    made_around = []
    monkeypatch.setattr(
        "guidekit.build.render_around",
        lambda *args, **kwargs: made_around.append(1) or render_around(*args, **kwargs),
    )
    monkeypatch.setattr(cache_keys, "package_key", lambda: "a stylesheet changed")
    restyled = build(source, out, check=False)
    assert restyled.published and restyled.redone == 0 and made_around == [1]
    monkeypatch.setattr(cache_keys, "code_key", lambda: "a guide template changed")
    assert build(source, out, check=False).redone == restyled.guides
