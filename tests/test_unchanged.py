"""A build that would make again the site it published last reports what that build reported and
leaves the site as it is (``output/unchanged.py``); anything the site depends on that changed, and
the build runs as usual, which repairs the site.

Each replayed result is compared with the result of the same build run as usual (a build given a
``Session`` never replays), and each site byte for byte with a clean ``--no-cache`` build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from guidekit.build import BuildResult, build
from guidekit.output.build_cache import cache_path
from guidekit.output.caches import cache_folder
from guidekit.output.session import Session

from .conftest import REPO, picture, snapshot

EDITED = "zh-Hans/social-security-card.md"
DAY = dt.date(2026, 11, 28)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "guides"
    shutil.copytree(REPO / "guides", copy)
    # a guide the linter finds problems in: a replayed build reports them too
    (copy / "zh-Hans" / "short.md").write_text(
        "---\ntitle: 办理一项服务\nsummary: 办理一项服务。\nlang: zh-Hans\n---\n\n## 怎么办\n\n去办。\n",
        "utf-8",
    )
    return copy


def replayed(source: Path, out: Path, monkeypatch: pytest.MonkeyPatch, **options) -> BuildResult:
    """A build that must not read a guide."""
    with monkeypatch.context() as patched:
        patched.setattr(
            "guidekit.build.load_guides", lambda *args: pytest.fail("the guides were read")
        )
        return build(source, out, check=False, today=DAY, **options)


def as_usual(source: Path, out: Path, **options) -> BuildResult:
    """A build that reads what it needs (with a session, a build never replays)."""
    return build(source, out, check=False, today=DAY, session=Session(), **options)


def reported(result: BuildResult) -> dict[str, object]:
    shown = dataclasses.asdict(result)
    shown["heaviest"] = [(weight.page.site_path, weight.total_gzip) for weight in result.heaviest]
    return shown


def clean_build(source: Path, out: Path) -> dict[str, bytes | None]:
    assert build(source, out, check=False, cache=False, today=DAY).published
    return snapshot(out)


def test_a_build_without_change_reports_what_the_build_run_as_usual_reports(
    source, tmp_path, monkeypatch
):
    out = tmp_path / "site"
    first = build(source, out, check=False, today=DAY)
    assert first.published and first.findings and first.heaviest
    site = snapshot(out)
    again = replayed(source, out, monkeypatch)
    assert again.published and again.redone == 0 and again.guides == first.guides
    assert reported(again) == reported(as_usual(source, out))
    assert snapshot(out) == site == clean_build(source, tmp_path / "clean")
    # an edit recorded too: the build after it replays what that build published
    guide = source / EDITED
    guide.write_text(guide.read_text("utf-8").replace("当场", "当天"), "utf-8")
    assert build(source, out, check=False, today=DAY).redone == 1
    assert reported(replayed(source, out, monkeypatch)) == reported(as_usual(source, out))
    assert snapshot(out) == clean_build(source, tmp_path / "clean-after-edit")


def tamper_page(out: Path) -> None:
    page = out / EDITED.replace(".md", ".html")
    page.write_text("<p>changed by hand</p>", "utf-8")


def add_folder(out: Path) -> None:
    (out / "extra").mkdir()


def remove_page(out: Path) -> None:
    (out / EDITED.replace(".md", ".html")).unlink()


def touch_page(out: Path) -> None:
    page = out / EDITED.replace(".md", ".html")
    os.utime(page, ns=(0, 0))


@pytest.mark.parametrize("change", [tamper_page, add_folder, remove_page, touch_page])
def test_a_site_changed_by_hand_is_built_again_as_usual(source, tmp_path, change):
    """(A file added by hand is refused before: publishing would remove it.)"""
    out = tmp_path / "site"
    build(source, out, check=False, today=DAY)
    build(source, out, check=False, today=DAY)
    change(out)
    result = build(source, out, check=False, today=DAY)
    assert result.published
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def touch_guide(source: Path) -> None:
    os.utime(source / EDITED)


def add_image(source: Path) -> None:
    (source / "zh-Hans" / "map.png").write_bytes(picture())


def rewrite_settings(source: Path) -> None:
    settings = source / "guidekit.toml"
    settings.write_text(settings.read_text("utf-8") if settings.exists() else "", "utf-8")


def edit_guide(source: Path) -> None:
    guide = source / EDITED
    guide.write_text(guide.read_text("utf-8") + "\n再说一句。\n", "utf-8")


@pytest.mark.parametrize("change", [touch_guide, add_image, rewrite_settings, edit_guide])
def test_a_file_in_source_touched_or_changed_runs_the_build_as_usual(
    source, tmp_path, monkeypatch, change
):
    out = tmp_path / "site"
    build(source, out, check=False, today=DAY)
    change(source)
    read = []
    with monkeypatch.context() as patched:
        from guidekit import build as build_module

        load = build_module.load_guides
        patched.setattr("guidekit.build.load_guides", lambda *args: read.append(1) or load(*args))
        result = build(source, out, check=False, today=DAY)
    assert result.published and read == [1]
    assert {**reported(result), "redone": 0} == reported(as_usual(source, out))
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def test_another_day_or_other_waivers_run_the_build_as_usual(source, tmp_path, monkeypatch):
    """Review dates are judged against the day, and waivers go into the statement."""
    out = tmp_path / "site"
    build(source, out, check=False, today=DAY)
    later = DAY + dt.timedelta(days=400)
    read = []
    with monkeypatch.context() as patched:
        from guidekit import build as build_module

        load = build_module.load_guides
        patched.setattr("guidekit.build.load_guides", lambda *args: read.append(1) or load(*args))
        result = build(source, out, check=False, today=later)
    assert read == [1]
    assert reported(result) == reported(
        build(source, out, check=False, today=later, session=Session())
    )


def test_a_damaged_record_or_build_cache_runs_the_build_as_usual(source, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(source, out, check=False, today=DAY)
    record = cache_folder(out.resolve()) / f"unchanged-{out.name}.json"
    assert record.is_file()
    for damage in ("{", "[]", '{"key": 1}', record.read_text("utf-8")[:-40]):
        record.write_text(damage, "utf-8")
        result = build(source, out, check=False, today=DAY)
        assert result.published and result.redone == 0
        # the build as usual recorded again
        assert reported(replayed(source, out, monkeypatch)) == reported(result)
    entries = cache_path(out.resolve()) / "guides.jsonl"
    entries.write_text("damaged\n", "utf-8")
    result = build(source, out, check=False, today=DAY)
    assert [finding.file for finding in result.findings if finding.rule == "cache-damaged"] == [
        str(entries)
    ]
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def test_a_build_without_the_cache_neither_replays_nor_records(source, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(source, out, check=False, today=DAY, cache=False)
    record = cache_folder(out.resolve()) / f"unchanged-{out.name}.json"
    assert not record.exists()
    build(source, out, check=False, today=DAY)
    assert record.is_file()
    read = []
    with monkeypatch.context() as patched:
        from guidekit import build as build_module

        load = build_module.load_guides
        patched.setattr("guidekit.build.load_guides", lambda *args: read.append(1) or load(*args))
        build(source, out, check=False, today=DAY, cache=False)
    assert read == [1]


def test_a_file_name_that_is_not_utf8_is_reported_as_by_the_build_as_usual(source, tmp_path):
    """Python keeps such a name's bytes as lone surrogates: the record's key hashes them as they
    are, and the build goes on to name the file as it always has."""
    (source / "zh-Hans" / os.fsdecode(b"caf\xe9.png")).write_bytes(picture())
    out = tmp_path / "site"
    once = build(source, out, check=False, today=DAY)
    assert not once.published and once.findings
    assert reported(once) == reported(as_usual(source, out))
