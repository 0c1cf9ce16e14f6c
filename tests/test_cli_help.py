"""`--help` of every command in the system's language or --lang's: Chinese by default."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from guidekit.cli import main
from guidekit.cli_help import help_language
from guidekit.messages import LANGUAGES, catalogue

from .conftest import run_guidekit

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        ([], {}, "zh-Hans"),
        ([], {"LANG": "C.UTF-8"}, "zh-Hans"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "zh_TW.UTF-8"}, "zh-Hant"),
        ([], {"LANGUAGE": "en:zh", "LANG": "zh_CN.UTF-8"}, "en"),
        (["build", "--lang", "zh-Hant"], {"LANG": "en_US.UTF-8"}, "zh-Hant"),
        (["--lang=en", "lint"], {}, "en"),
    ],
)
def test_the_help_language_follows_lang_then_the_system(args, environ, expected):
    assert help_language(args, environ) == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_and_option_has_help_in_every_language(command):
    texts = catalogue("help")
    assert set(texts[command]) == set(LANGUAGES)
    for param in main.commands[command].params:
        if param.param_type_name == "option":
            key = f"{command}.{param.name}" if f"{command}.{param.name}" in texts else param.name
            assert set(texts[key]) == set(LANGUAGES), (command, param.name)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_chinese_by_default_and_english_on_request(command):
    chinese = run_guidekit(
        command, "--help", env={"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    )
    assert chinese.exit_code == 0
    assert (
        chinese.stdout.startswith("用法：")
        and "选项" in chinese.stdout
        and "显示这段说明" in chinese.stdout
    )
    assert "Show this message" not in chinese.stdout and "[default:" not in chinese.stdout
    english = run_guidekit(command, "--help", "--lang", "en")
    assert english.stdout.startswith("Usage: ") and "Show this message and exit." in english.stdout


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("zh-Hans", ["选项：", "命令："]),
        ("zh-Hant", ["選項：", "命令："]),
        ("en", ["Options:", "Commands:"]),
    ],
)
def test_help_headings_end_in_the_languages_colon(lang, headings):
    listing = run_guidekit("--help", "--lang", lang).stdout
    assert [line for line in listing.splitlines() if line.endswith((":", "："))] == headings
    build = run_guidekit("build", "--help", "--lang", lang).stdout
    assert headings[0] in build.splitlines(), build


def test_the_command_list_is_in_the_editors_language():
    listing = run_guidekit("--help", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "命令" in listing and "在浏览器里预览 SOURCE" in listing


def every_command_path() -> list[list[str]]:
    return [
        [name, *([sub] if sub else [])]
        for name, command in sorted(main.commands.items())
        for sub in (sorted(getattr(command, "commands", {})) or [None])
    ]


@pytest.mark.parametrize("path", every_command_path(), ids=" ".join)
def test_option_values_are_named_as_the_readme_names_them_not_by_clicks_type(path):
    """An editor reads --port N, --out DIR, --source SOURCE, never click's INTEGER RANGE or
    DIRECTORY."""
    shown = run_guidekit(*path, "--help").stdout
    assert not re.search(r"\b(TEXT|INTEGER|DIRECTORY|PATH|FLOAT|BOOLEAN|FILENAME)\b", shown), shown


CHINESE = {"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["nosuch"], "没有“nosuch”这个命令"),
        (["biuld"], "是不是想用：build"),
        (["build", "--bogus"], "没有 --bogus 这个选项"),
        (["build", "--jobs", "0"], "--jobs 的值不对：要写不小于 1 的整数"),
        (["build", "--jobs", "two"], "--jobs 的值不对：要写不小于 1 的整数"),
        (["serve", "--port", "99999"], "--port 的值不对：要写 0 到 65535 之间的整数"),
        (["build", "--format", "xml"], "--format 的值不对：只能是 text、json"),
        (["lint", "--as-of", "2030-13-01"], "--as-of 的值不对：日期要写成 YYYY-MM-DD"),
        (["new"], "缺少 TITLE"),
        # a folder added after the title: it was click's English sentence
        (["new", "办理护照", "."], "多写了“.”，这个命令用不上。能写什么，见"),
        (["check"], "请给出一个要检查的文件夹，例如 guidekit check site"),
    ],
)
def test_wrong_usage_is_said_in_the_editors_language(args, said):
    outcome = run_guidekit(*args, env=CHINESE)
    assert outcome.exit_code == 2
    assert said in outcome.stderr, outcome.stderr
    assert outcome.stderr.startswith("用法：") and "--help" in outcome.stderr
    assert "Error" not in outcome.stderr and "Try " not in outcome.stderr, outcome.stderr
    english = run_guidekit(*args, "--lang", "en")
    assert english.exit_code == 2 and "Error: " in english.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["biuld"], "Error: No such command 'biuld'. Did you mean build?"),
        (["build", "--format", "xml"], "it must be one of text, json."),
        # a word, or a number past the range, was told it "must be 0 or more"
        (["serve", "--port", "abc"], "it must be a whole number from 0 to 65535."),
        (["build", "--jobs", "two"], "it must be a whole number, 1 or more."),
    ],
)
def test_english_usage_errors_are_written_as_english(args, said):
    """Sentences are spaced and lists separated the English way, not with Chinese punctuation."""
    outcome = run_guidekit(*args, "--lang", "en")
    assert outcome.exit_code == 2 and said in outcome.stderr, outcome.stderr
    assert "、" not in outcome.stderr, outcome.stderr


def test_a_path_of_the_wrong_kind_is_named_in_the_editors_language(tmp_path):
    (tmp_path / "site").write_text("x", "utf-8")
    outcome = run_guidekit("build", tmp_path, "--out", tmp_path / "site", env=CHINESE)
    assert outcome.exit_code == 2
    assert f"--out 的值不对：{tmp_path / 'site'} 是一个文件，这里要的是文件夹" in outcome.stderr
    assert "Error" not in outcome.stderr and "Directory" not in outcome.stderr, outcome.stderr
    missing = run_guidekit("check", tmp_path / "nothere", env=CHINESE)
    assert f"DIR 的值不对：没有 {tmp_path / 'nothere'}" in missing.stderr, missing.stderr


def test_ctrl_c_is_said_in_the_editors_language(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("guidekit.cli.lint_text", interrupted)
    (tmp_path / "zh-Hans").mkdir()
    outcome = run_guidekit("lint", tmp_path, env=CHINESE)
    assert outcome.exit_code == 1
    assert "已停止" in outcome.stderr and "Aborted" not in outcome.stderr, outcome.stderr


@pytest.mark.parametrize(
    "command",
    [["build"], ["lint"], ["import"], ["export"], ["serve"], ["report"], ["report", "conformance"]],
)
def test_lang_says_that_a_sites_commands_say_the_rest_in_the_sites_language(command):
    """``guidekit import FILE --lang en`` speaks the site's language, as build and lint do (README);
    --lang's help said only "Language of the help text", which editors read as all output (an
    outside audit). Each language's text says what --lang changes and what it leaves."""
    for lang, words in (
        ("zh-Hans", "其他提示都用站点的语言"),
        ("zh-Hant", "其他提示都用站點的語言"),
        ("en", "The rest is said in the site's language"),
    ):
        shown = run_guidekit(*command, "--help", "--lang", lang).stdout
        # the help is wrapped: Chinese at any character, English at spaces
        assert words in ("".join if lang != "en" else " ".join)(shown.split()), shown


def test_import_with_lang_en_says_the_rest_in_the_sites_language(tmp_path):
    """As the help now says: --lang changes the help and usage errors, not what import reports."""
    records = tmp_path / "清单.json"
    records.write_text('[{"事项名称": "居住证申领", "实施编码": "A1"}]', "utf-8")
    outcome = run_guidekit("import", records, "--source", tmp_path / "guides", "--lang", "en")
    assert "新建" in outcome.stderr and "created" not in outcome.stderr, outcome.stderr
    # wrong usage is said in --lang's language, by import and export as by every command
    wrong = run_guidekit("import", tmp_path / "none.json", "--lang", "en")
    assert wrong.exit_code == 2 and "there is no file" in wrong.stderr, wrong.stderr
    wrong = run_guidekit("export", tmp_path / "guides", "--out", tmp_path / "a.txt", "--lang", "en")
    assert wrong.exit_code == 2 and "--out must end in .json" in wrong.stderr, wrong.stderr


def test_lang_on_guidekit_itself_says_which_commands_say_everything_in_it():
    shown = " ".join(run_guidekit("--help", "--lang", "en").stdout.split())
    assert (
        "check and assets also report in it, new and init also write the guide or site in it; "
        "the other commands say the rest in the site's language" in shown
    ), shown


def test_guidekit_alone_shows_the_command_list():
    outcome = run_guidekit(env=CHINESE)
    assert "在浏览器里预览 SOURCE" in outcome.stdout + outcome.stderr
    assert "错误" not in outcome.stderr


def test_every_click_the_package_allows_says_an_unknown_command_in_the_editors_language():
    """The command's name comes from click.NoSuchCommand, new in click 8.4: an older click said
    "No such command" in English."""
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
    (click,) = [
        Requirement(text)
        for text in project["project"]["dependencies"]
        if Requirement(text).name == "click"
    ]
    lowest = [Version(spec.version) for spec in click.specifier if spec.operator == ">="]
    assert lowest and min(lowest) >= Version("8.4"), click
