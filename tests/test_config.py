"""guidekit.toml: every wrong option is named with its key and line, in the site's language."""

from __future__ import annotations

import re

import pytest

from guidekit.scaffold import config_text
from guidekit.source.config import load_config

from .conftest import guide, run_guidekit, write_site


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('site_nam = "x"\n', 1, ["site_nam", "site_name、default_lang"]),
        (
            'default_lang = "en"\n\n[lint]\nlong_sentence_chars = 40\nfoo = 1\n',
            5,
            ["lint.foo", "Options at this level: rules, grace_days"],
        ),
        ('gallery = "yes please"\n', 1, ["gallery", "true 或 false"]),
        # pydantic read "yes" and 0 as booleans; an outside fuzzing run found both accepted
        ('gallery = "yes"\n', 1, ["gallery", "true 或 false（不加引号）"]),
        ("ways_in = 0\n", 1, ["ways_in", "true 或 false"]),
        # said in pydantic's English ("Input should be a valid list"), a rule named at line 1
        ('[lint]\nknown_abbreviations = "QCB"\n', 2, ['known_abbreviations = ["QCB"']),
        ("lint = 5\n", 1, ["另起一行写 [lint]"]),
        ("site_name = 5\n", 1, ['site_name = "青川市办事指南"']),
        (
            '[lint.rules]\nofficialese = "off"\nnope = "off"\n',
            3,
            ["“lint.rules.nope”", "officialese"],
        ),
        ('[lint]\nlong_sentence_share = "a lot"\n', 2, ["lint.long_sentence_share", "应该是数字"]),
        ('default_lang = "fr"\n', 1, ["default_lang", "zh-Hans、zh-Hant、en"]),
        ("# notes\nsite_name = \n", 2, ["名称 = 值"]),
        # base_url is the site's public address: the 404 page's links start from its path and the
        # canonical links and sitemap are built on it. Without a host, "example.gov.cn/banshi/"
        # made the 404 page's stylesheet "example.gov.cn/banshi/assets/guidekit.css", relative to
        # the missing address (unstyled, every link broken), and canonical links relative ones.
        ('base_url = "example.gov.cn/banshi/"\n', 1, ["base_url", "https://"]),
        ('\nbase_url = "/banshi/"\n', 2, ["base_url", "https://"]),
        ('base_url = "ftp://example.gov.cn/banshi/"\n', 1, ["base_url", "https://"]),
        ('base_url = "https://example.gov.cn/banshi/?from=portal"\n', 1, ["base_url", "?"]),
        ('base_url = "https://example.gov.cn/banshi/#top"\n', 1, ["base_url", "#"]),
        # an outside fuzzing run: inf was an internal error (OverflowError) at the page weights,
        # and the limits were said in pydantic's English ("Input should be greater than 0")
        ("[budgets]\npage_kb = inf\n", 2, ["budgets.page_kb", "应该是数字"]),
        ("[budgets]\npage_kb = nan\n", 2, ["budgets.page_kb", "应该是数字"]),
        ("[budgets]\npage_kb = 0\n", 2, ["budgets.page_kb", "应该大于 0。"]),
        ("[lint]\nlong_sentence_share = 2\n", 2, ["lint.long_sentence_share", "应该不大于 1"]),
        ("[lint]\nreading_grade = -inf\n", 2, ["lint.reading_grade", "应该是数字"]),
    ],
)
def test_wrong_options_name_their_key_and_line(tmp_path, text, line, words):
    (tmp_path / "guidekit.toml").write_text(text, "utf-8")
    _, (problem,) = load_config(tmp_path)
    assert problem.rule == "config-invalid" and problem.blocking
    assert (problem.file, problem.line) == ("guidekit.toml", line)
    for word in words:
        assert word in problem.message


def test_a_wrong_option_refuses_the_build_with_file_and_line(tmp_path):
    source = write_site(
        tmp_path / "guides",
        {"guidekit.toml": "gallery = false\n[lint]\ngrace_dayz = 3\n", "zh-Hans/card.md": guide()},
    )
    outcome = run_guidekit("build", source, "--out", tmp_path / "site", "--no-check")
    assert (
        outcome.exit_code == 1
        and "guidekit.toml:3" in outcome.stdout
        and "lint.grace_dayz" in outcome.stdout
    )


def test_a_wrong_option_leaves_the_rest_of_the_report_in_the_sites_language(tmp_path):
    source = write_site(
        tmp_path / "guides",
        {
            "guidekit.toml": 'default_lang = "en"\nsite_nam = "x"\n',
            "en/card.md": guide(
                "Bring your ID card.\n", title="Get a card", summary="Bring your ID.", lang="en"
            ),
        },
    )
    outcome = run_guidekit("lint", source)
    assert outcome.exit_code == 1 and "There is no option 'site_nam'" in outcome.stdout
    assert "Checked 1 guide: 1 problem to fix" in outcome.stderr, outcome.stderr
    assert "检查" not in outcome.stdout + outcome.stderr


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_the_documented_configuration_of_init_is_valid_and_names_every_option(tmp_path, lang):
    text = config_text(lang)
    (tmp_path / "guidekit.toml").write_text(text, "utf-8")
    config, findings = load_config(tmp_path)
    assert findings == [] and config.default_lang == lang
    for option in [
        "site_name",
        "default_lang",
        "base_url",
        "gallery",
        "grace_days",
        "reading_grade",
        "known_abbreviations",
    ]:
        assert option in text
    switched_on = re.sub(r"^# (?=[a-z_]+ = )", "", text, flags=re.M)  # every commented-out option
    assert switched_on.count("\n# ") < text.count("\n# ")
    (tmp_path / "guidekit.toml").write_text(switched_on, "utf-8")
    assert load_config(tmp_path)[1] == []


def test_a_name_written_once_is_every_languages_and_a_full_width_phone_is_dialable(tmp_path):
    """site_name = "青川市办事指南" is what a newcomer writes: it was refused with pydantic's English
    'Input should be a valid dictionary' inside a Chinese sentence."""
    (tmp_path / "guidekit.toml").write_text(
        'site_name = "青川市办事指南"\n[contact]\noffice = "青川市政务服务中心"\n'
        'phone = "０２８－１２３４５"\n',
        "utf-8",
    )
    config, findings = load_config(tmp_path)
    assert findings == []
    assert config.site_name_for("en") == config.site_name_for("zh-Hans") == "青川市办事指南"
    assert config.contact.office["zh-Hant"] == "青川市政务服务中心"
    # the statement's tel: link kept the full-width digits a phone cannot dial
    assert config.contact.phone == "028-12345"
