"""The linter's word lists (editable YAML in data/) and Simplified/Traditional conversion."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyphen

from ..source.yaml_loader import load_yaml


@dataclass(frozen=True)
class PlainWord:
    word: str
    plain: str
    kind: str = "officialese"  # officialese | jargon | vague (Chinese list only)


def _data(name: str) -> str:
    return resources.files("guidekit.lint").joinpath("data", name).read_text("utf-8")


@cache
def officialese() -> tuple[PlainWord, ...]:
    return tuple(PlainWord(**entry) for entry in load_yaml(_data("officialese.yml")))


@cache
def words_to_avoid() -> tuple[PlainWord, ...]:
    return tuple(PlainWord(**entry) for entry in load_yaml(_data("words_to_avoid.yml")))


@cache
def abbreviations() -> dict[str, list[str]]:
    return load_yaml(_data("abbreviations.yml"))["chinese"]


@cache
def everyday_words() -> frozenset[str]:
    """Words of public services every reader knows: not rare, and no abbreviation to explain."""
    return frozenset(load_yaml(_data("abbreviations.yml"))["everyday"])


@cache
def well_known_acronyms() -> frozenset[str]:
    return frozenset(load_yaml(_data("abbreviations.yml"))["well_known_acronyms"])


EVERYDAY_CHARACTERS = 2500  # the head of the common list: characters nearly every reader knows


@cache
def _characters_by_frequency() -> str:
    """The 3,500 most frequent characters, most frequent first (tools/make_common_chars.py made the
    list)."""
    return "".join(
        line.strip() for line in _data("common_chars.txt").splitlines() if not line.startswith("#")
    )


@cache
def common_characters() -> frozenset[str]:
    return frozenset(_characters_by_frequency())


@cache
def everyday_characters() -> frozenset[str]:
    return frozenset(_characters_by_frequency()[:EVERYDAY_CHARACTERS])


@cache
def english_hyphenator() -> pyphen.Pyphen:
    """Where English words may break (the silver pages' soft hyphens), and so roughly their
    syllables."""
    return pyphen.Pyphen(lang="en_US")


@cache
def _converter(config: str):
    import opencc  # imported on first use: English-only sites never pay for it

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Same length as ``text``, so offsets found in the result point into the original."""
    converted = _converter("t2s").convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_converter("t2s").convert(char) or char for char in text)


_TRADITIONAL_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text).translate(_TRADITIONAL_QUOTES)
