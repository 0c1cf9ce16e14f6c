"""The message catalogues: each key once (YAML would silently keep the last of two), in every
language."""

from __future__ import annotations

import errno
import os
from importlib import resources

import pytest
import yaml

from guidekit.messages import LANGUAGES, os_reason

CATALOGUES = sorted(
    entry.name
    for entry in resources.files("guidekit").joinpath("messages").iterdir()
    if entry.name.endswith(".yml")
)


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_key_is_written_once_in_every_language(name):
    root = yaml.compose(resources.files("guidekit").joinpath("messages", name).read_text("utf-8"))
    keys = [key.value for key, _ in root.value]
    assert sorted({key for key in keys if keys.count(key) > 1}) == []
    for key, value in root.value:
        languages = (
            [language.value for language, _ in value.value]
            if isinstance(value, yaml.MappingNode)
            else []
        )
        assert sorted(languages) == sorted(LANGUAGES), (name, key.value)


def test_a_system_reason_guidekit_has_no_words_for_keeps_the_systems():
    broken = OSError(errno.EPIPE, os.strerror(errno.EPIPE))
    assert os_reason(broken, "zh-Hans") == os.strerror(errno.EPIPE)
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "a.md")
    assert [os_reason(denied, lang) for lang in LANGUAGES] == [
        "没有权限",
        "沒有權限",
        "permission denied",
    ]
