"""What counts as a Han character, for every part of guidekit that looks for Chinese text: the
linter, the search index, reading aids, the gallery's language marks and the gate's.

Character-class pieces, to compose into a pattern (``f"[{BASIC_HAN}]+"``), the one-character
pattern most callers need, and which of the two scripts writes a character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from zhon import cedict

# CJK Unified Ideographs and their Extension A: the characters Chinese text is written in, and
# all that jieba's dictionary, pypinyin's readings and the linter's word lists know
BASIC_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# ...and CJK Compatibility Ideographs and Extensions B to G: rare, but a text holding them is
# Chinese all the same (which language a text is in, not how to read or segment it)
EVERY_HAN = BASIC_HAN + "\uf900-\ufaff\U00020000-\U0003134f"
# CJK symbols and punctuation, and full-width forms: what sits between Han characters in a phrase
CHINESE_PUNCTUATION = "\u3000-\u303f\uff01-\uff5e"

HAN = re.compile(f"[{BASIC_HAN}]")
# pinyin's four tone marks (ā á ǎ à) as NFD writes them apart from their vowel; ü's dots are no tone
_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")


def tone_marked(pinyin: str) -> bool:
    """Whether ``pinyin`` carries a tone mark (the neutral tone has none: zi in èr zi)."""
    return not _TONE_MARKS.isdisjoint(unicodedata.normalize("NFD", pinyin))


@cache
def script_only_in(char: str) -> str | None:
    """ "Hans" or "Hant" for a character only one of the scripts writes (CC-CEDICT's lists, as
    zhon keeps them), None for one both write or neither. Asked of each character a site's text
    draws on, a few thousand."""
    simplified, traditional = _script_characters()
    if (char in simplified) != (char in traditional):
        return "Hans" if char in simplified else "Hant"
    return None


@cache
def _script_characters() -> tuple[frozenset[str], frozenset[str]]:
    # hanzidentifier answers from the same lists, but compiles a pattern of all 13,000 characters
    # first: 8 ms of every build's start, for one character at a time
    return frozenset(cedict.simplified), frozenset(cedict.traditional)
