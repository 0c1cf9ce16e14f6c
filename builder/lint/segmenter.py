"""jieba, for the linter and the search words, with its dictionary read a first character at a time.

jieba's prefix dictionary (every word with its count, every prefix of a word with 0) is half a
million entries: loading it whole takes longer than the rest of a rebuild after one edit. To segment
a text jieba only ever looks up strings that start at one of the text's characters, so a tokenizer
that holds every word starting with those characters segments it exactly as the whole dictionary
does. The dictionary is kept split by first character in a folder of the user's own
(``dictionary.<stamp>.marshal``, one per dictionary file, written by the first process that loads
it whole); a kept copy that is missing, damaged or of another dictionary file is made again, and
that process uses the whole dictionary.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import struct
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .data import kept_file, kept_in_use, write_kept

if TYPE_CHECKING:
    import jieba

_FORMAT = 1
_LENGTH = struct.Struct("<Q")  # the header's length, before it
# what reading a kept copy raises when it is not what was written
_NOT_KEPT = (OSError, EOFError, ValueError, TypeError)


class _Shelves:
    """The kept dictionary: its words by first character, each character's words read only when a
    text holds it."""

    def __init__(
        self, handle: int, total: int, start: int, size: int, places: dict[str, tuple[int, int]]
    ) -> None:
        self.handle, self.total, self.places = handle, total, places
        self.start, self.size = start, size  # where the shelves start in the file, their size

    def words(self, character: str) -> dict[str, int]:
        place = self.places.get(character)
        if place is None:
            return {}
        at, length = place
        if not 0 <= at <= at + length <= self.size:
            raise ValueError(f"not a shelf's place: {character}")
        # pread, not a file position: forked workers share the descriptor
        words = marshal.loads(os.pread(self.handle, length, self.start + at))
        if type(words) is not dict:
            raise ValueError(f"not a shelf of words: {character}")
        return words


class Segmenter:
    """A jieba tokenizer and, when its dictionary is read a first character at a time, what it
    holds of it."""

    def __init__(
        self, tokenizer: jieba.Tokenizer, shelves: _Shelves | None, held: Iterable[str] = ()
    ) -> None:
        self._tokenizer = tokenizer
        self._shelves = shelves
        self._held = set(held)  # the first characters whose words the tokenizer holds

    def for_text(self, text: str) -> jieba.Tokenizer:
        """The tokenizer, holding every word of the dictionary that ``text`` could hold: all that
        segmenting it looks up."""
        if self._shelves is not None and not self._held.issuperset(text):
            missing = set(text) - self._held
            try:
                for character in missing:
                    self._tokenizer.FREQ.update(self._shelves.words(character))
            except _NOT_KEPT:  # a kept copy damaged after it was opened: the whole dictionary,
                # with the words added to this one (whose characters' words it holds already)
                whole, _ = _whole_dictionary(_jieba())
                whole.update(self._tokenizer.FREQ)
                self._tokenizer.FREQ, self._shelves = whole, None
            self._held |= missing
        return self._tokenizer

    def frequency(self, word: str) -> int | None:
        """How often jieba's dictionary saw ``word`` (0: only as the start of a longer word)."""
        return self.for_text(word).FREQ.get(word)

    def with_words(self, words: Iterable[str]) -> Segmenter:
        """Another segmenter whose dictionary also has ``words`` as whole words (jieba's
        ``add_word``); this one is left as it is."""
        tokenizer = _jieba().Tokenizer()
        tokenizer.FREQ, tokenizer.total = dict(self._tokenizer.FREQ), self._tokenizer.total
        tokenizer.initialized = True
        other = Segmenter(tokenizer, self._shelves, self._held)
        for word in words:
            # the word's own characters first: every entry add_word reads or writes starts with one
            other.for_text(word).add_word(word)
        return other


@cache
def segmenter() -> Segmenter:
    """jieba's default dictionary: read a first character at a time from the kept copy, else whole
    (jieba's own tokenizer, shared with any other user of jieba in the process) and kept for the
    processes that follow."""
    jieba = _jieba()
    tokenizer = jieba.dt
    if (
        tokenizer.initialized
        or tokenizer.dictionary != jieba.DEFAULT_DICT
        or tokenizer.cache_file is not None
        or tokenizer.tmp_dir is not None
    ):  # loaded already, or set up by someone else: as jieba has it
        tokenizer.initialize()
        return Segmenter(tokenizer, None)
    return kept_segmenter(_kept_copy(jieba), tokenizer)


def kept_segmenter(kept: tuple[Path, list] | None, whole: jieba.Tokenizer) -> Segmenter:
    """A segmenter reading the copy ``kept`` (its path, the stamp of the dictionary it must be
    made from) a first character at a time; when that is not a whole copy of this dictionary, the
    tokenizer ``whole`` with the whole dictionary loaded, and the copy made again."""
    shelves = _shelves(kept) if kept is not None else None
    if shelves is not None:
        # a tokenizer of our own: jieba's, holding only part of its dictionary, would mislead
        # anyone else who segments with jieba in this process
        own = _jieba().Tokenizer()
        own.FREQ, own.total, own.initialized = {}, shelves.total, True
        return Segmenter(own, shelves)
    whole.FREQ, whole.total = _whole_dictionary(_jieba())
    whole.initialized = True
    if kept is not None:
        _keep(kept, whole.FREQ, whole.total)
    return Segmenter(whole, None)


def _whole_dictionary(jieba: ModuleType) -> tuple[dict[str, int], int]:
    """jieba's default dictionary, from jieba's cache of it when it has one."""
    # jieba reads its cache with marshal.load from the open file, item by item: five times slower
    # (1.5 s here) than decoding the file's bytes at once. A missing or unreadable cache is left to
    # jieba, which then builds and writes it.
    cache = _jieba_cache()
    with contextlib.suppress(*_NOT_KEPT):
        frequencies, total = marshal.loads(cache.read_bytes())
        if type(frequencies) is dict and type(total) is int:
            return frequencies, total
    tokenizer = jieba.Tokenizer()
    tokenizer.cache_file = cache.name
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def _jieba_cache() -> Path:
    """Where jieba keeps its cache of the dictionary: its own file in the temporary folder, unless
    another user's is there, which that folder (sticky) refuses to let this user replace: jieba
    then printed a traceback on every build of a second user of a shared CI machine."""
    shared = Path(tempfile.gettempdir(), "jieba.cache")
    try:
        theirs = shared.stat().st_uid != os.getuid()
    except OSError:
        theirs = False
    return shared.with_name(f"jieba.{os.getuid()}.cache") if theirs else shared


def _kept_copy(jieba: ModuleType) -> tuple[Path, list] | None:
    """Where the split dictionary is kept, and the stamp of the dictionary file it is made from;
    None where the user has no folder of their own."""
    if jieba.__file__ is None:
        return None
    try:
        found = os.stat(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
    except OSError:
        return None
    stamp = [_FORMAT, found.st_size, found.st_mtime_ns, jieba.__version__]
    path = kept_file("dictionary", stamp)
    return None if path is None else (path, stamp)


def _shelves(kept: tuple[Path, list]) -> _Shelves | None:
    """The kept copy, when it is one of this dictionary file, whole; else None."""
    path, stamp = kept
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        file_size = os.fstat(handle).st_size
        (length,) = _LENGTH.unpack(os.pread(handle, _LENGTH.size, 0))
        if length > file_size:
            raise ValueError("not a header's length")
        kept_stamp, total, size, places = marshal.loads(os.pread(handle, length, _LENGTH.size))
        start = _LENGTH.size + length
        if kept_stamp == stamp and file_size == start + size:
            kept_in_use(path)
            return _Shelves(handle, total, start, size, places)
    except (struct.error, *_NOT_KEPT):
        pass
    os.close(handle)
    return None


def _keep(kept: tuple[Path, list], frequencies: dict[str, int], total: int) -> None:
    """Write the dictionary split by first character, for the processes that follow: the header's
    length, the header (the stamp, the total count, the shelves' size, where each character's
    shelf is after the header), the shelves."""
    path, stamp = kept
    shelves: dict[str, dict[str, int]] = {}
    for word, count in frequencies.items():
        shelves.setdefault(word[:1], {})[word] = count  # [:1]: an empty word, never looked up
    places, blobs, size = {}, [], 0
    for character, words in shelves.items():
        blob = marshal.dumps(words)
        places[character] = (size, len(blob))
        blobs.append(blob)
        size += len(blob)
    header = marshal.dumps([stamp, total, size, places])
    write_kept(path, [_LENGTH.pack(len(header)) + header, *blobs])


def _jieba() -> ModuleType:
    """jieba, imported without ``pkg_resources`` when nothing imported that yet: jieba imports it
    only to open its own files, and opens them by path without it, while importing it takes twice
    as long as jieba itself (a ``None`` in ``sys.modules`` makes its import fail, as Python
    documents). Quiet: it reports building its cache on stderr otherwise."""
    if "pkg_resources" in sys.modules or "jieba" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba
