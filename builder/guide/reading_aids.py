"""Reading aids of silver pages: readings over rare characters and glossary words (<ruby>): pinyin
on zh-Hans pages, 注音 (bopomofo) or pinyin on zh-Hant pages (``zh_hant_reading`` in guidekit.toml);
and soft hyphens in long English words so large text wraps at 320 px without overflowing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from markupsafe import Markup, escape

from ..han import HAN
from ..lint.data import common_characters, english_hyphenator, to_simplified
from ..source.glossary import erhua_base, syllables

_LONG_WORD = re.compile(r"[A-Za-z]{7,}")


READING_SYSTEMS = ("zhuyin", "pinyin")


@cache
def _reading(character: str, system: str = "pinyin") -> str:
    from pypinyin import (
        Style,
        pinyin,
    )  # imported on first use: sites without silver Chinese pages never pay for it

    style = Style.BOPOMOFO if system == "zhuyin" else Style.TONE
    return pinyin(character, style=style, errors="ignore")[0][0] if HAN.match(character) else ""


@cache
def _zhuyin_syllable(syllable: str) -> str:
    from pypinyin.style.bopomofo import BopomofoConverter

    base = erhua_base(syllable)
    if base is not None:
        # 注音 writes erhua with ㄦ after the syllable; pypinyin made the r ㄖ, the initial of rì
        return _zhuyin_syllable(base) + "ㄦ"
    return BopomofoConverter().to_bopomofo(syllable) or syllable


@cache
def _uncommon_character() -> re.Pattern[str]:
    return re.compile(f"(?![{''.join(sorted(common_characters()))}]){HAN.pattern}")


def ruby(word: str, reading: str) -> Markup:
    """The reading over a whole word, in one <ruby> whose base is one text: screen readers say the
    word once, never character by character ("徵 信"). The reading and its brackets (<rp>, shown by
    browsers without ruby and in copied text) are hidden from them."""
    return Markup(
        '<ruby>{}<rp aria-hidden="true">（</rp><rt aria-hidden="true">{}</rt><rp '
        'aria-hidden="true">）</rp></ruby>'
    ).format(word, reading)


def with_reading(term: str, reading: str, system: str = "pinyin") -> Markup:
    """A glossary term with its reading (written in pinyin), in the page's reading system."""
    if system == "zhuyin":
        reading = " ".join(_zhuyin_syllable(syllable) for syllable in syllables(reading))
    return ruby(term, reading)


def annotated(text: str, lang: str, readings: Mapping[str, str], system: str = "pinyin") -> Markup:
    """``text`` as HTML for a silver page: readings over glossary words and rare characters, or
    soft hyphens in English."""
    if lang == "en":
        return Markup(_LONG_WORD.sub(lambda match: _hyphenated(match.group()), str(escape(text))))
    common = common_characters()
    simplified = to_simplified(text) if lang == "zh-Hant" else text
    if not _uncommon_character().search(simplified) and not any(word in text for word in readings):
        return escape(text)  # most text: one scan instead of a step for every character
    words = sorted(readings, key=len, reverse=True)
    pattern = re.compile("|".join([re.escape(word) for word in words] + [HAN.pattern]))
    html, position = [], 0
    for match in pattern.finditer(text):
        found = match.group()
        if found in readings:
            html += [
                escape(text[position : match.start()]),
                with_reading(found, readings[found], system),
            ]
        elif simplified[match.start()] not in common and (
            reading := _reading(found if system == "zhuyin" else simplified[match.start()], system)
        ):
            html += [escape(text[position : match.start()]), ruby(found, reading)]
        else:
            continue
        position = match.end()
    html.append(escape(text[position:]))
    return Markup("").join(html)


def _hyphenated(word: str) -> str:
    return english_hyphenator().inserted(word, hyphen="\u00ad")
