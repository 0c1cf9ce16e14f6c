"""What guidekit finds on the machine it runs on: its own files beside what installers leave,
axe-core, a browser, the user's language. The whole install is tested in
test_installed_package.py."""

from __future__ import annotations

import json
import stat
from importlib import resources
from pathlib import Path

import pytest

from guidekit.gate import axe
from guidekit.gate.browser import BrowserMissing, browser_environment, chromium_path
from guidekit.gate.cache import ruleset
from guidekit.messages import user_language
from guidekit.output import cache_keys
from guidekit.package_files import shipped_files

from .conftest import REPO, run_guidekit, write_site


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_shipped_files_leave_out_what_installers_and_editors_leave(tmp_path):
    for name in (
        "a.py",
        "sub/b.py",
        "sub/c.yml",
        "__pycache__/a.cpython-311.pyc",
        "sub/__pycache__/b.cpython-311.pyc",
        "sub/.b.py.swp",
        "sub/b.py~",
        ".hidden/d.py",
        "sub/e.pyc",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [path.name for path in shipped_files(tmp_path)] == ["a.py", "b.py", "c.yml"]
    assert [path.name for path in shipped_files(tmp_path, (".py",))] == ["a.py", "b.py"]


def test_bytecode_and_editor_files_in_the_package_change_no_key(tmp_path):
    """A normal install has __pycache__ in every package folder; it once crashed every build."""
    package = Path(str(resources.files("guidekit")))
    keys = (
        cache_keys.code_key.__wrapped__,
        cache_keys.package_key.__wrapped__,
        ruleset.__wrapped__,
    )
    before = [key() for key in keys]
    leftovers = [
        package / "__pycache__" / "leftover.cpython-311.pyc",
        package / "gate" / "__pycache__" / "x.pyc",
        package / ".cli.py.swp",
        package / "gate" / "js" / "keyboard.js~",
    ]
    made = [path for path in leftovers if not path.exists()]
    try:
        for path in made:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(b"\0leftover")
        assert [key() for key in keys] == before
    finally:
        for path in made:
            path.unlink()


def test_axe_core_comes_from_the_pinned_package(monkeypatch):
    monkeypatch.delenv(axe.ENVIRONMENT_VARIABLE, raising=False)
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))["packages"][
        "node_modules/axe-core"
    ]
    assert lock["version"] == axe.REQUIRED_VERSION
    folder = axe.axe_directory.__wrapped__()
    assert (
        json.loads((folder / "package.json").read_text("utf-8"))["version"] == axe.REQUIRED_VERSION
    )


def test_an_override_one_folder_too_high_is_named_with_the_right_folder(monkeypatch, tmp_path):
    package = tmp_path / "node_modules" / "axe-core"
    package.mkdir(parents=True)
    (package / "axe.min.js").write_text("/* axe */")
    monkeypatch.setenv(axe.ENVIRONMENT_VARIABLE, str(tmp_path))
    with pytest.raises(axe.AxeMissing) as nearby:
        axe.axe_directory.__wrapped__()
    assert nearby.value.key == "axe-missing-override-nearby" and nearby.value.details[
        "found"
    ] == str(package)
    monkeypatch.setenv(axe.ENVIRONMENT_VARIABLE, str(tmp_path / "nothing-here"))
    with pytest.raises(axe.AxeMissing) as missing:
        axe.axe_directory.__wrapped__()
    assert (
        missing.value.key == "axe-missing-override"
        and missing.value.details["version"] == axe.REQUIRED_VERSION
    )


def test_a_configured_browser_that_is_not_there_is_named(tmp_path):
    with pytest.raises(BrowserMissing) as missing:
        chromium_path({"GUIDEKIT_CHROMIUM": str(tmp_path / "chrome")}, "Linux", tmp_path)
    assert missing.value.configured == str(tmp_path / "chrome")


def test_playwrights_own_chromium_is_found_when_nothing_else_is(tmp_path):
    """Newest build first; on macOS (no Chrome in /Applications here) and wherever
    PLAYWRIGHT_BROWSERS_PATH points."""
    caches = tmp_path / "Library" / "Caches" / "ms-playwright"
    app = "chrome-mac/Chromium.app/Contents/MacOS/Chromium"
    newer = executable(caches / "chromium-1200" / app)
    executable(caches / "chromium-1100" / app)
    assert chromium_path({"PATH": ""}, "Darwin", tmp_path) == str(newer)
    elsewhere = executable(tmp_path / "browsers" / "chromium-1000" / app)
    assert chromium_path(
        {"PATH": "", "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "browsers")}, "Darwin", tmp_path
    ) == str(elsewhere)


def test_a_headless_shell_comes_before_a_full_browser_in_each_place(tmp_path):
    """On the PATH, and among Playwright's builds (its newer and older layouts, newest first)."""
    executable(tmp_path / "bin" / "chromium")
    shell = executable(tmp_path / "bin" / "chromium-headless-shell")
    assert chromium_path({"PATH": str(tmp_path / "bin")}, "Linux", tmp_path) == str(shell)

    caches = tmp_path / "Library" / "Caches" / "ms-playwright"
    executable(caches / "chromium-1300" / "chrome-mac" / "Chromium.app/Contents/MacOS/Chromium")
    older = executable(caches / "chromium_headless_shell-1100" / "chrome-mac" / "headless_shell")
    assert chromium_path({"PATH": ""}, "Darwin", tmp_path) == str(older)
    newer = executable(
        caches
        / "chromium_headless_shell-1200"
        / "chrome-headless-shell-mac-arm64"
        / "chrome-headless-shell"
    )
    assert chromium_path({"PATH": ""}, "Darwin", tmp_path) == str(newer)


def test_a_home_that_cannot_be_read_is_passed_over(tmp_path):
    """HOME=/root for another user (sudo -u, a service): reading Playwright's folder there raised
    PermissionError, and guidekit stopped with an internal error though Chromium was on PATH
    (found by an operator trying guidekit). A name too long fails the same way for root too."""
    chromium = executable(tmp_path / "bin" / "chromium")
    unreadable = tmp_path / ("h" * 300)
    assert chromium_path({"PATH": str(tmp_path / "bin")}, "Linux", unreadable) == str(chromium)
    with pytest.raises(BrowserMissing):
        chromium_path({"PATH": ""}, "Darwin", unreadable)


def test_a_tmpdir_too_deep_for_chromiums_socket_is_shortened_for_the_browser_only():
    deep = "/tmp/pytest-of-someone/pytest-12/test_a_page_in_a_subfolder_loads_what_it0/tmp"
    assert browser_environment({"TMPDIR": deep, "HOME": "/h"}) == {"TMPDIR": "/tmp", "HOME": "/h"}
    assert browser_environment({"TMPDIR": "/tmp/pytest-of-someone/pytest-12/t0"}) is None
    assert browser_environment({"HOME": "/h"}) is None


def test_chrome_is_found_where_macos_and_windows_install_it(tmp_path):
    mac = executable(
        tmp_path / "Applications" / "Google Chrome.app" / "Contents" / "MacOS" / "Google Chrome"
    )
    assert chromium_path({"PATH": ""}, "Darwin", tmp_path) == str(mac)
    windows = executable(tmp_path / "Local" / "Google" / "Chrome" / "Application" / "chrome.exe")
    assert chromium_path(
        {"PATH": "", "LOCALAPPDATA": str(tmp_path / "Local")}, "Windows", tmp_path
    ) == str(windows)
    with pytest.raises(BrowserMissing) as missing:
        chromium_path({"PATH": ""}, "Windows", tmp_path / "empty")
    assert missing.value.system == "Windows" and missing.value.configured is None


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "zh-Hans"),
        ({"LANG": "C.UTF-8"}, "zh-Hans"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh-Hant"),
        ({"LC_MESSAGES": "zh_HK"}, "zh-Hant"),
        ({"LANG": "zh_CN.UTF-8"}, "zh-Hans"),
    ],
)
def test_the_users_language_comes_from_the_locale(environ, expected):
    assert user_language(environ) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh_CN.UTF-8", "不存在"), ("en_US.UTF-8", "does not exist")]
)
def test_a_missing_browser_is_one_sentence_and_exit_1(tmp_path, lang, expected):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "index.html").write_text(
        "<!doctype html><html lang=en><title>x</title><main><h1>x</h1></main></html>"
    )
    missing = tmp_path / "no-browser"
    outcome = run_guidekit(
        "check",
        pages,
        "--no-cache",
        env={"GUIDEKIT_CHROMIUM": str(missing), "LANG": lang, "LC_ALL": ""},
    )
    assert outcome.exit_code == 1
    assert (
        expected in outcome.stderr
        and str(missing) in outcome.stderr
        and len(outcome.stderr.strip().splitlines()) == 1
    )


def test_build_refuses_without_a_browser_and_publishes_nothing(tmp_path):
    source = write_site(
        tmp_path / "guides",
        {"en/card.md": "---\ntitle: Get a card\nsummary: Bring your ID.\nlang: en\n---\n\nText.\n"},
    )
    outcome = run_guidekit(
        "build",
        source,
        "--out",
        tmp_path / "site",
        env={"GUIDEKIT_CHROMIUM": str(tmp_path / "none")},
    )
    assert outcome.exit_code == 1 and "GUIDEKIT_CHROMIUM" in outcome.stderr
    assert not (tmp_path / "site").exists()
