"""`--help` of every command in the system's language or --lang's: Chinese by default."""

from __future__ import annotations

import pytest

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


def test_the_command_list_is_in_the_editors_language():
    listing = run_guidekit("--help", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "命令" in listing and "在浏览器里预览 SOURCE" in listing
