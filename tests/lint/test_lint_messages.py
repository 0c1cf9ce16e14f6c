"""The linter's messages: every key in every language, with the same placeholders."""

from __future__ import annotations

import string

from guidekit.lint.rules import DEFAULT_LEVELS
from guidekit.messages import LANGUAGES, catalogue


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_in_every_language_with_the_same_placeholders():
    for key, texts in catalogue("lint").items():
        assert set(texts) == set(LANGUAGES), key
        assert len({frozenset(placeholders(texts[lang])) for lang in LANGUAGES}) == 1, key


def test_every_rule_has_a_message():
    assert set(DEFAULT_LEVELS) <= set(catalogue("lint"))
