"""Stages 5 and 7, stage and publish: the site appears in one atomic step, or OUT stays exactly as
it was."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.gate.browser import BrowserFailed
from guidekit.output import publish as publish_module
from guidekit.output.publish import BuildLocked, build_lock, publish
from guidekit.output.stage import MANIFEST, staging_dir

from .conftest import guide, leftovers, snapshot, write_site

GOOD = {
    "zh-Hans/card.md": guide("## 办理流程\n\n带上身份证。\n"),
    "en/card.md": guide(title="Card", summary="Apply.", lang="en"),
}


@pytest.fixture
def published(tmp_path):
    """A good site already published to ``tmp_path/site``; returns (source folder, OUT, snapshot of
    OUT)."""
    source, out = write_site(tmp_path / "guides", GOOD), tmp_path / "site"
    result = build(source, out, check=False)
    assert result.published, result.findings
    return source, out, snapshot(out)


def make_folder(path, files: dict[str, str]):
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text)
    return path


def test_publishing_into_a_new_folder_moves_staging_there(tmp_path):
    staging = make_folder(tmp_path / ".site.staging", {"index.html": "new"})
    publish(staging, tmp_path / "site")
    assert snapshot(tmp_path / "site") == {"index.html": b"new"}
    assert not staging.exists()


def test_publishing_swaps_the_whole_folder_in_one_rename(tmp_path):
    out = make_folder(tmp_path / "site", {"index.html": "old", "gone.html": "old"})
    staging = make_folder(
        tmp_path / ".site.staging", {"index.html": "new", "zh-Hans/a.html": "new"}
    )
    staged_inode = os.stat(staging).st_ino
    publish(staging, out)
    assert (
        os.stat(out).st_ino == staged_inode
    )  # the staged folder itself, not a copy into the old one
    assert snapshot(out) == {"index.html": b"new", "zh-Hans": None, "zh-Hans/a.html": b"new"}
    assert not staging.exists() and leftovers(out) == []


def test_publishing_without_an_atomic_exchange_still_leaves_one_clean_site(tmp_path, monkeypatch):
    # Some file systems lack renameat2(RENAME_EXCHANGE); publish then falls back to two renames.
    monkeypatch.setattr(publish_module, "_exchange", lambda first, second: False)
    out = make_folder(tmp_path / "site", {"index.html": "old"})
    publish(make_folder(tmp_path / ".site.staging", {"index.html": "new"}), out)
    assert snapshot(out) == {"index.html": b"new"}
    assert leftovers(out) == []


def test_a_build_stages_beside_out_then_publishes_and_cleans_up(tmp_path, published):
    _, out, before = published
    assert staging_dir(out) == tmp_path / ".site.staging"
    assert leftovers(out) == []
    manifest = json.loads(before[MANIFEST])
    assert manifest["checked"] is False
    statements = [
        f"{theme}accessibility/{lang}.html"
        for theme in ("", "silver/")
        for lang in ("zh-Hans", "zh-Hant", "en")
    ]
    assert sorted(p["page"] for p in manifest["pages"]) == sorted(
        [
            "index.html",
            "zh-Hans/card.html",
            "zh-Hans/card.short.html",
            "en/card.html",
            "en/card.short.html",
            "silver/index.html",
            "silver/zh-Hans/card.html",
            "silver/zh-Hans/card.short.html",
            "silver/en/card.html",
            "silver/en/card.short.html",
        ]
        + statements
    )


def test_a_stale_staging_folder_from_a_killed_build_is_cleared(tmp_path, published):
    source, out, _ = published
    stale = make_folder(staging_dir(out), {"half-written.html": "x"})
    assert build(source, out, check=False).published
    assert not stale.exists() and "half-written.html" not in snapshot(out)


@pytest.mark.parametrize(
    "bad",
    [
        {"zh-Hans/card.md": "---\ntitle: [unclosed\n---\n"},  # refused while loading
        {"zh-Hans/card.md": guide("<script>alert(1)</script>\n")},  # refused while parsing
        {"zh-Hans/card.md": guide("[养老金](pension.md)\n")},  # refused while enriching
        {"zh-Hans/card.md": guide("::: steps\n没有列表。\n:::\n")},  # refused while rendering
    ],
    ids=["load", "parse", "enrich", "render"],
)
def test_a_refused_build_leaves_out_byte_for_byte_unchanged(published, bad):
    source, out, before = published
    write_site(source, bad)
    result = build(source, out, check=False)
    assert result.refused and not result.published
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_crashed_build_leaves_out_unchanged_and_no_staging(published, monkeypatch):
    source, out, before = published
    write_site(source, {"zh-Hans/new.md": guide(title="新指南")})
    monkeypatch.setenv(
        "GUIDEKIT_CHROMIUM", "/bin/false"
    )  # a "browser" that dies at once: the gate crashes
    with pytest.raises(BrowserFailed):
        build(source, out, check=True)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_second_build_while_the_lock_is_held_is_refused(published):
    source, out, before = published
    write_site(source, {"zh-Hans/new.md": guide(title="新指南")})
    with build_lock(out):
        with pytest.raises(BuildLocked):
            build(source, out, check=False)
        assert snapshot(out) == before
    assert build(
        source, out, check=False
    ).published  # the lock is released when the first build ends
    assert "zh-Hans/new.html" in snapshot(out)


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="builds as another user (root only)"
)
def test_a_read_only_out_of_another_user_is_refused_and_left_as_it_was(tmp_path):
    """The operator made the published site read-only; the build user owns the folder around it, so
    a swap of folders would replace it all the same (found by an operator trying guidekit)."""
    project = Path(tempfile.mkdtemp(dir="/tmp", prefix="guidekit-read-only-"))
    try:
        source, out = write_site(project / "guides", GOOD), project / "site"
        assert build(source, out, check=False).published
        write_site(source, {"zh-Hans/card.md": guide("## 办理流程\n\n带上居民身份证。\n")})
        subprocess.run(["chmod", "-R", "a-w", out], check=True)
        before = snapshot(out)
        # the build user's: the project folder, its guides and what earlier builds kept
        subprocess.run(["chown", "nobody", project], check=True)
        for kept in project.iterdir():
            if kept != out:
                subprocess.run(["chown", "-R", "nobody", kept], check=True)
        built = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            + [Path(sys.executable).with_name("guidekit"), "build", source, "--out", out]
            + ["--no-check"],
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": str(project)},
        )
        assert built.returncode == 1, built.stderr
        said = built.stdout + built.stderr
        assert f"没有权限写入 {out}" in said and "Traceback" not in said
        assert snapshot(out) == before and out.stat().st_uid == 0
        assert not (project / ".site.staging").exists()
    finally:
        subprocess.run(["chmod", "-R", "u+w", project], check=True)
        shutil.rmtree(project)


def test_the_new_site_keeps_the_folders_permissions_and_group(published):
    """An operator gives the published folder to the web server's group, setgid; a publish swaps in
    a new folder, which had the build user's (found by an operator trying guidekit)."""
    source, out, _ = published
    os.chmod(out, 0o2775)
    if os.geteuid() == 0:  # root may give it group 1 (daemon)
        os.chown(out, -1, 1)
    group = out.stat().st_gid
    write_site(source, {"zh-Hans/card.md": guide("## 办理流程\n\n带上居民身份证。\n")})
    assert build(source, out, check=False).published
    assert "居民身份证" in (out / "zh-Hans" / "card.html").read_text("utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o2775 and out.stat().st_gid == group
