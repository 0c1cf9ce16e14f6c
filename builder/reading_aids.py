"""Reading aids of silver pages: pinyin over rare characters and glossary readings (<ruby>), and
soft hyphens in long English words so large text wraps at 320 px without overflowing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from markupsafe import Markup, escape

from .lint.data import common_characters, english_hyphenator, to_simplified

_HAN = re.compile(r"[\u3400-\u9fff]")
_LONG_WORD = re.compile(r"[A-Za-z]{7,}")


@cache
def _pinyin(character: str) -> str:
    from pypinyin import Style, pinyin  # imported on first use: sites without silver Chinese pages never pay for it

    return pinyin(character, style=Style.TONE, errors="ignore")[0][0] if _HAN.match(character) else ""


@cache
def _uncommon_character() -> re.Pattern[str]:
    return re.compile(f"(?![{''.join(sorted(common_characters()))}]){_HAN.pattern}")


def ruby(pairs: list[tuple[str, str]]) -> Markup:
    """Pinyin over a word, in one <ruby> so the word stays one word; the readings are hidden from
    screen readers, which then say the word once."""
    return Markup("<ruby>{}</ruby>").format(Markup("").join(Markup('{}<rt aria-hidden="true">{}</rt>').format(*pair) for pair in pairs))


def with_reading(term: str, reading: str) -> Markup:
    """A glossary term with its reading: one syllable over each character where they line up."""
    syllables = reading.split()
    return ruby(list(zip(term, syllables)) if len(syllables) == len(term) else [(term, reading)])


def annotated(text: str, lang: str, readings: Mapping[str, str]) -> Markup:
    """``text`` as HTML for a silver page: readings over glossary words and rare characters, or soft hyphens in English."""
    if lang == "en":
        return Markup(_LONG_WORD.sub(lambda match: _hyphenated(match.group()), str(escape(text))))
    common = common_characters()
    simplified = to_simplified(text) if lang == "zh-Hant" else text
    if not _uncommon_character().search(simplified) and not any(word in text for word in readings):
        return escape(text)  # most text: one scan instead of a step for every character
    words = sorted(readings, key=len, reverse=True)
    pattern = re.compile("|".join([re.escape(word) for word in words] + [_HAN.pattern]))
    html, position = [], 0
    for match in pattern.finditer(text):
        found = match.group()
        if found in readings:
            html += [escape(text[position : match.start()]), with_reading(found, readings[found])]
        elif simplified[match.start()] not in common and (reading := _pinyin(simplified[match.start()])):
            html += [escape(text[position : match.start()]), ruby([(found, reading)])]
        else:
            continue
        position = match.end()
    html.append(escape(text[position:]))
    return Markup("").join(html)


def _hyphenated(word: str) -> str:
    return english_hyphenator().inserted(word, hyphen="\u00ad")
