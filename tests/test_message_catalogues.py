"""The message catalogues: each key once (YAML would silently keep the last of two), in every
language."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from guidekit.messages import LANGUAGES

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
