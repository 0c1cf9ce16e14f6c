"""The English hyphenation patterns a process parsed are kept for the next one (lint/data.py): the
kept copy gives the very same break points, and a copy that is damaged, of another file or in a
folder others can write is never used."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pyphen
import pytest

from guidekit.lint.data import KEPT_COPIES, english_hyphenator

README = Path(__file__).parents[2] / "README.md"
WORDS = sorted(set(re.findall(r"[A-Za-z]{3,}", README.read_text("utf-8"))))


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    english_hyphenator.cache_clear()
    yield tmp_path
    english_hyphenator.cache_clear()


def kept_copies(temporary: Path) -> list[Path]:
    return sorted((temporary / f"guidekit-{os.getuid()}").glob("hyph_en_US.*.marshal"))


def hyphenator_of_a_new_process() -> pyphen.Pyphen:
    pyphen.hdcache.clear()
    english_hyphenator.cache_clear()
    return english_hyphenator()


def test_the_kept_patterns_break_every_word_where_the_parsed_ones_do(temporary):
    parsed = hyphenator_of_a_new_process()
    assert len(kept_copies(temporary)) == 1
    kept = hyphenator_of_a_new_process()
    assert kept.hd is not parsed.hd
    assert kept.hd.patterns == parsed.hd.patterns and kept.hd.maxlen == parsed.hd.maxlen
    assert len(WORDS) > 500
    assert [kept.positions(word) for word in WORDS] == [parsed.positions(word) for word in WORDS]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9"])
def test_a_damaged_kept_copy_is_parsed_again(temporary, damage, monkeypatch):
    fresh = pyphen.HyphDict(pyphen.LANGUAGES["en_US"]).patterns
    hyphenator_of_a_new_process()
    [kept_file] = kept_copies(temporary)
    kept_file.write_bytes(damage)
    assert hyphenator_of_a_new_process().hd.patterns == fresh
    assert hyphenator_of_a_new_process().hd.patterns == fresh, "written again"


def test_a_copy_of_another_dictionary_is_not_used(temporary, monkeypatch):
    hyphenator_of_a_new_process()
    parsed = []
    parse = pyphen.HyphDict
    monkeypatch.setattr(pyphen, "HyphDict", lambda path: parsed.append(path) or parse(path))
    other = temporary / "hyph_other.dic"
    other.write_bytes(pyphen.LANGUAGES["en_US"].read_bytes() + b"\n")
    monkeypatch.setitem(pyphen.LANGUAGES, "en_US", other)
    hyphenator_of_a_new_process()
    assert parsed == [other]


def test_a_folder_others_may_write_is_not_used(temporary):
    folder = temporary / f"guidekit-{os.getuid()}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    hyphenator_of_a_new_process()
    assert not any(folder.iterdir())


def test_installations_used_in_turn_keep_a_copy_each(temporary, monkeypatch):
    """A checkout and an installed wheel have dictionary files of their own: used one after the
    other, each reads its own kept copy instead of parsing again and overwriting the other's."""
    dictionaries = [pyphen.LANGUAGES["en_US"]]
    for number in range(KEPT_COPIES):
        other = temporary / f"hyph_other_{number}.dic"
        other.write_bytes(pyphen.LANGUAGES["en_US"].read_bytes() + b"\n" * (number + 1))
        dictionaries.append(other)
    parsed: list[Path] = []
    parse = pyphen.HyphDict.__init__

    def parsing(hyphenation: pyphen.HyphDict, path: Path) -> None:
        parsed.append(path)
        parse(hyphenation, path)

    monkeypatch.setattr(pyphen.HyphDict, "__init__", parsing)
    for dictionary in dictionaries[:2] * 2:
        monkeypatch.setitem(pyphen.LANGUAGES, "en_US", dictionary)
        hyphenator_of_a_new_process()
    assert parsed == dictionaries[:2], "each parsed once, then read from its own copy"
    assert len(kept_copies(temporary)) == 2
    for dictionary in dictionaries[2:]:
        monkeypatch.setitem(pyphen.LANGUAGES, "en_US", dictionary)
        hyphenator_of_a_new_process()
    assert len(kept_copies(temporary)) == KEPT_COPIES, "the copies read longest ago are removed"
