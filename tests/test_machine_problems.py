"""Issue 24, items 4 and 7: a folder is replaced only when it is exactly a site guidekit built, and
the machine's own problems (names, links, disks, folders) are refused with a located message and
leave no staging folder."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.output.caches import CACHE_FOLDER
from guidekit.output.stage import MANIFEST

from .conftest import body_line, guide, leftovers, run_guidekit, snapshot, write_site


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})


def refused(source: Path, out: Path, *more: str) -> str:
    """Build through the command; it must refuse with a sentence, never an internal error."""
    outcome = run_guidekit("build", source, "--out", out, "--no-check", *more)
    assert outcome.exit_code == 1, outcome.stderr
    assert "内部出错" not in outcome.stderr and "Traceback" not in outcome.stderr, outcome.stderr
    return outcome.stdout + outcome.stderr


# Item 4: a manifest makes a folder replaceable only when it is valid and lists every file there.


@pytest.mark.parametrize(
    "manifest",
    [
        "",
        "{}",
        '{"checked": true}',
        "[" * 100_000,
        '{"generator": "x", "checked": true, "token": "t"}',
    ],
)
def test_a_folder_with_a_manifest_that_is_not_valid_is_never_replaced(source, tmp_path, manifest):
    out = tmp_path / "documents"
    out.mkdir()
    (out / MANIFEST).write_text(manifest)
    (out / "precious.txt").write_text("years of work")
    for _ in range(3):
        said = refused(source, out)
        # what would have been lost is named, as for a file a site's manifest does not list
        assert "不是 guidekit 生成的网站" in said and "precious.txt" in said, said
    assert (out / "precious.txt").read_text() == "years of work"


def test_a_file_the_manifest_does_not_list_keeps_the_folder_from_being_replaced(source, tmp_path):
    out = tmp_path / "site"
    assert build(source, out, check=False).published
    (out / "precious.txt").write_text("years of work")
    (out / ".hidden").mkdir()
    (out / ".hidden" / "notes.md").write_text("mine")
    for _ in range(3):
        message = refused(source, out)
        assert "2 个文件" in message and "precious.txt" in message and ".hidden/notes.md" in message
    assert (out / "precious.txt").read_text() == "years of work" and (
        out / ".hidden" / "notes.md"
    ).read_text() == "mine"


def test_a_site_missing_some_of_its_files_may_still_be_replaced(source, tmp_path):
    out = tmp_path / "site"
    assert build(source, out, check=False).published
    (out / "zh-Hans" / "card.html").unlink()
    assert build(source, out, check=False).published and (out / "zh-Hans" / "card.html").is_file()


# Item 7: names, links, disks and folders.


def test_a_guide_name_too_long_for_its_page_is_refused_with_the_file(source, tmp_path):
    name = "a" * 249 + ".md"  # 252 bytes: its page's name, with ".html", is near the 255-byte limit
    (source / "zh-Hans" / name).write_text(guide())
    out = tmp_path / "site"
    message = refused(source, out)
    assert f"zh-Hans/{name}:1" in message and "文件名太长" in message
    assert leftovers(out) == []


@pytest.mark.parametrize(
    "name", ["two\nlines.md", "tab\there.md", "bell\x07.md", "escape\x1b[31m.md"]
)
def test_control_characters_in_a_guide_name_are_refused(source, tmp_path, name):
    (source / "zh-Hans" / name).write_text(guide())
    message = refused(source, tmp_path / "site")
    assert "换行、控制字符" in message and "\\" in message  # the character is shown as an escape


def test_a_guide_name_that_is_not_utf8_is_refused(source, tmp_path):
    (source / "zh-Hans").joinpath(os.fsdecode(b"caf\xe9.md")).write_text(guide())
    message = refused(source, tmp_path / "site")
    assert "zh-Hans/caf\\xe9.md:1" in message and "不是 UTF-8" in message


def test_a_symbolic_link_loop_is_refused_with_its_path(source, tmp_path):
    (source / "zh-Hans" / "loop.md").symlink_to("loop.md")
    out = tmp_path / "site"
    message = refused(source, out)
    assert "loop.md" in message and "绕回自己的符号链接" in message
    assert leftovers(out) == []


@pytest.mark.parametrize("fix", [(), ("--fix", "--yes")])
def test_lint_says_of_a_symbolic_link_loop_what_build_says(source, tmp_path, fix):
    (source / "zh-Hans" / "loop.md").symlink_to("loop.md")
    built = refused(source, tmp_path / "site")
    outcome = run_guidekit("lint", source, *fix)
    said = outcome.stdout + outcome.stderr
    assert outcome.exit_code == 1 and "内部出错" not in said, said
    line = next(line for line in said.splitlines() if "绕回自己的符号链接" in line)
    # the same finding, but for the folder that stays unchanged: lint writes no site
    assert line.replace(f"{source}/ 没有改动", "OUT") in built.replace(
        f"{tmp_path / 'site'}/ 没有改动", "OUT"
    )


def test_a_cache_folder_that_is_a_file_is_refused_and_nothing_is_staged(source, tmp_path):
    out = tmp_path / "site"
    (tmp_path / CACHE_FOLDER).write_text("not a folder")
    message = refused(source, out)
    assert CACHE_FOLDER in message and "同名的文件" in message
    # the system's reason in the editor's language too
    assert "（路径中有一段是文件，不是文件夹）" in message and "Not a directory" not in message
    assert leftovers(out) == [] and not out.exists()
    assert (
        run_guidekit("build", source, "--out", out, "--no-check", "--no-cache").exit_code == 0
    )  # without the cache it builds


def test_a_full_disk_is_refused_with_a_message_and_leaves_the_site_and_no_staging(source, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("a small file system needs mount permission")
    try:
        out = disk / "site"
        assert build(source, out, check=False, cache=False).published
        before = snapshot(out)
        (source / "zh-Hans" / "big.md").write_text(
            guide("很长的一段话。" * 6000, title="一篇很长的指南"), "utf-8"
        )
        message = refused(source, out, "--no-cache")
        assert "磁盘已满" in message
        assert snapshot(out) == before and leftovers(out) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_front_matter_key_given_twice_names_both_lines(source, tmp_path):
    text = guide(fields="owner: 第一个部门\nowner: 第二个部门\n")
    (source / "zh-Hans" / "card.md").write_text(text)
    outcome = run_guidekit(
        "build", source, "--out", tmp_path / "site", "--no-check", "--format", "json"
    )
    assert outcome.exit_code == 1
    [finding] = [f for f in outcome.report["findings"] if f["rule"] == "content-yaml-duplicate-key"]
    first, second = body_line(text, "第一个部门"), body_line(text, "第二个部门")
    assert (finding["file"], finding["line"]) == ("zh-Hans/card.md", second)
    assert (
        f"第 {first} 行" in finding["message"]
        and f"第 {second} 行" in finding["message"]
        and "owner" in finding["message"]
    )


def test_keys_repeated_in_separate_mappings_are_not_duplicates(source, tmp_path):
    fields = "materials:\n  - name: 身份证\n    copies: 1\n  - name: 户口簿\n    copies: 1\n"
    (source / "zh-Hans" / "card.md").write_text(guide(fields=fields))
    assert build(source, tmp_path / "site", check=False).published


def test_the_token_after_a_settings_change_with_its_time_put_back_is_a_clean_builds(
    source, tmp_path
):
    out = tmp_path / "site"
    build(source, out, check=False)
    build(source, out, check=False)
    settings = source / "guidekit.toml"
    before = os.stat(settings)
    text = settings.read_text()
    settings.write_text(text.replace("gallery = false", "gallery = true "))  # the same size
    os.utime(settings, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert build(source, out, check=False).published
    assert build(source, tmp_path / "clean", check=False, cache=False).published
    token = json.loads((out / MANIFEST).read_text())["token"]
    assert token == json.loads((tmp_path / "clean" / MANIFEST).read_text())["token"]
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_cache_folder_that_cannot_be_written_is_refused_before_anything_is_published(
    source, tmp_path
):
    cache = tmp_path / CACHE_FOLDER
    cache.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(cache)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("a read-only file system needs mount permission")
    try:
        out = tmp_path / "site"
        message = refused(source, out)
        assert CACHE_FOLDER in message and "没有权限写入" in message
        assert not out.exists() and leftovers(out) == []
    finally:
        subprocess.run(["umount", str(cache)], check=True)
