"""The linter's word lists (editable YAML in data/) and Simplified/Traditional conversion."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

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
    path = pyphen.LANGUAGES["en_US"]
    if path not in pyphen.hdcache:  # what Pyphen reads its patterns from once in a process
        pyphen.hdcache[path] = _hyphenation_patterns(path)
    return pyphen.Pyphen(lang="en_US")


def _hyphenation_patterns(path: Path) -> pyphen.HyphDict:
    """The patterns of the dictionary at ``path``, as an earlier process parsed them: parsing its
    eleven thousand patterns takes longer than an edited guide's other steps. Kept (with marshal)
    in a folder of the user's own, and parsed again when the kept copy is missing, unreadable or of
    another file."""
    found = path.stat()
    stamp = [str(path), found.st_size, found.st_mtime_ns, pyphen.__version__]
    kept = kept_file("hyph_en_US", stamp)
    if kept is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            kept_stamp, patterns = marshal.loads(kept.read_bytes())
            if kept_stamp == stamp and patterns:
                hyphenation = pyphen.HyphDict.__new__(pyphen.HyphDict)
                hyphenation.patterns, hyphenation.cache = patterns, {}
                hyphenation.maxlen = max(len(key) for key in patterns)
                kept_in_use(kept)
                return hyphenation
    hyphenation = pyphen.HyphDict(path)
    # plain offsets and values only: a nonstandard hyphen is an int carrying data marshal drops
    plain = all(
        type(value) is int for _, values in hyphenation.patterns.values() for value in values
    )
    if kept is not None and plain:
        write_kept(kept, [marshal.dumps([stamp, hyphenation.patterns])])
    return hyphenation


# Kept copies of one kind: one for each installation in use (a checkout's and an installed one's
# have dictionary files of their own), not one for every installation ever made
KEPT_COPIES = 3


def kept_file(kind: str, stamp: list) -> Path | None:
    """Where the copy of ``kind`` made from the file ``stamp`` describes is kept: named by the
    stamp, so installations used in turn keep a copy each rather than remake one shared copy on
    every run. None where the user has no folder of their own."""
    folder = private_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(repr(stamp).encode("utf-8")).hexdigest()[:16]
    return folder / f"{kind}.{digest}.marshal"


def kept_in_use(path: Path) -> None:
    """Mark a kept copy as read now: the copies read longest ago are the ones removed."""
    with contextlib.suppress(OSError):
        os.utime(path)


def write_kept(path: Path, chunks: Iterable[bytes]) -> None:
    """Write a kept copy whole or not at all (a reader never sees half of one), then remove the
    copies of its kind beyond the KEPT_COPIES read or written last."""
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.writelines(chunks)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        kind = path.name.split(".", 1)[0]
        copies = sorted(
            path.parent.glob(f"{kind}.*.marshal"), key=lambda copy: copy.stat().st_mtime_ns
        )
        for old in copies[:-KEPT_COPIES]:
            old.unlink(missing_ok=True)


def private_folder() -> Path | None:
    """guidekit's folder of the user in the temporary folder, which only they can write; None where
    there is none such."""
    if not hasattr(os, "getuid"):
        return None
    folder = Path(tempfile.gettempdir(), f"guidekit-{os.getuid()}")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        found = os.lstat(folder)
    except OSError:
        return None
    if (
        not stat.S_ISDIR(found.st_mode)
        or found.st_uid != os.getuid()
        or stat.S_IMODE(found.st_mode) & 0o077
    ):
        return None
    return folder


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


class TraditionalSpeller:
    """A word as Traditional Chinese is written: OpenCC's standard form, Taiwan's and Hong Kong's
    (台/臺, 着/著 differ between them). The regional forms are the standard one's variants (t2tw,
    t2hk; s2tw and s2hk would load the phrase dictionaries twice more). The dictionaries, 27 MB,
    are loaded on first use and let go with the speller, not kept by the process."""

    def __init__(self) -> None:
        self._converters: list | None = None

    def __call__(self, word: str) -> set[str]:
        if self._converters is None:
            import opencc

            self._converters = [opencc.OpenCC(config) for config in ("s2t", "t2tw", "t2hk")]
        standard, *regional = self._converters
        spelled = standard.convert(word)
        return {spelled, *(converter.convert(spelled) for converter in regional)}
