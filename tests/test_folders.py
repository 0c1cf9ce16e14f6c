"""Commands run inside the project folder, the guides folder or a language folder find SOURCE
themselves."""

from __future__ import annotations

import pytest

from guidekit.source.folders import find_source

from .conftest import guide, run_guidekit, write_site


@pytest.fixture
def project(tmp_path):
    write_site(tmp_path / "guides", {"zh-Hans/card.md": guide()})
    return tmp_path


@pytest.mark.parametrize(
    ("where", "expected"), [("", "guides"), ("guides", "."), ("guides/zh-Hans", "..")]
)
def test_source_is_found_from_the_project_the_guides_or_a_language_folder(project, where, expected):
    assert str(find_source(project / where)) == expected


def test_nothing_is_found_outside_a_project(tmp_path):
    assert find_source(tmp_path) is None


def test_new_inside_the_guides_folder_writes_into_it(project, monkeypatch):
    monkeypatch.chdir(project / "guides" / "zh-Hans")
    assert run_guidekit("new", "办理居住证").exit_code == 0
    assert (project / "guides" / "zh-Hans" / "banli-juzhuzheng.md").is_file()
    assert not (project / "guides" / "zh-Hans" / "guides").exists()


def test_build_inside_the_guides_folder_publishes_next_to_it(project, monkeypatch):
    monkeypatch.chdir(project / "guides")
    outcome = run_guidekit("build", "--no-check")
    assert outcome.exit_code == 0, outcome.stderr
    assert (project / "site" / "zh-Hans" / "card.html").is_file()


def test_no_source_is_said_in_chinese(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outcome = run_guidekit("lint")
    assert (
        outcome.exit_code == 2
        and "找不到指南文件夹" in outcome.stderr
        and "Error" not in outcome.stderr
    )
    # the example is the command the editor ran (it named build for lint too)
    assert "例如 guidekit lint 项目/guides" in outcome.stderr
    missing = run_guidekit("build", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "找不到指南文件夹“" in missing.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh-Hant", "找不到指南資料夾「"), ("en", "The guides folder '")],
)
def test_a_missing_guides_folder_is_said_in_the_language_asked_for(
    tmp_path, monkeypatch, lang, said
):
    missing = run_guidekit("build", tmp_path / "nowhere", "--lang", lang)
    assert missing.exit_code == 2 and said in missing.stderr, missing.stderr
    monkeypatch.chdir(tmp_path)
    nowhere = run_guidekit("lint", "--lang", lang)
    assert nowhere.exit_code == 2 and "文件夹" not in nowhere.stderr, nowhere.stderr


def test_a_folder_of_web_pages_given_to_build_or_serve_points_to_check(tmp_path):
    """A developer ran guidekit serve on their own portal's HTML: told only that no guides (.md)
    were found, with no word of the command that checks built pages (an outside audit)."""
    pages = write_site(tmp_path / "portal", {"index.html": "<!doctype html><title>门户</title>"})
    built = run_guidekit("build", pages, "--out", tmp_path / "site", "--no-check")
    assert built.exit_code == 1
    assert "没有找到任何指南" in built.stdout and f"guidekit check {pages}" in built.stdout
    empty = write_site(tmp_path / "empty", {"notes.txt": "草稿"})
    built = run_guidekit("build", empty, "--out", tmp_path / "site", "--no-check")
    assert "没有找到任何指南" in built.stdout and "guidekit check" not in built.stdout
