"""The themes are defined once (guidekit.theme) and found by name, never by position."""

from __future__ import annotations

from importlib import resources

import pytest

from guidekit import jinja
from guidekit.theme import SILVER, STANDARD, THEMES, find_theme, theme_named, theme_of_page


def test_every_theme_has_its_design_tokens_under_its_name():
    folders = resources.files("guidekit.themes")
    assert all(folders.joinpath(theme.name, "tokens.css").is_file() for theme in THEMES)


def test_a_theme_is_found_by_name_and_an_unknown_one_is_named_with_the_choices():
    assert theme_named("silver") is SILVER and find_theme(None) is None
    with pytest.raises(ValueError, match="unknown theme 'gold': use one of standard, silver"):
        theme_named("gold")
    with pytest.raises(ValueError, match="unknown theme 'gold'"):
        jinja.stylesheet("gold")


def test_a_page_belongs_to_the_theme_of_its_folder():
    assert theme_of_page("silver/zh-Hans/a.html") is SILVER
    assert theme_of_page("zh-Hans/silver.html") is STANDARD
    assert theme_of_page("index.html") is STANDARD


def test_only_the_silver_theme_aims_at_aaa_and_promises_larger_targets():
    assert [theme.aims_at("AAA") for theme in THEMES] == [False, True]
    assert STANDARD.target_size < SILVER.target_size
    assert set(STANDARD.axe_tags) < set(SILVER.axe_tags)
