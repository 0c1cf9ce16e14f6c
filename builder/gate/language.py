"""WCAG 3.1.1 and 3.1.2: the page's lang matches its text (Han or Latin script, Simplified or
Traditional characters), and a phrase in another language carries a lang of its own."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from ..findings import Finding, Severity
from ..han import EVERY_HAN, script_only_in, tone_marked
from .origin import PageContext, finding_at
from .probes import Probe

_HAN = re.compile(f"[{EVERY_HAN}]")
_HAN_RUN = re.compile(f"[{EVERY_HAN}]{{2,}}")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
# Three or more Latin words in a row: a phrase, not a name like "App" or "PDF"
_WORD = r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]*"
_LATIN_PHRASE = re.compile(rf"{_WORD}(?:[ ,;:!?\"“”()]+{_WORD}){{2,}}")
# URLs, e-mail and domain names are not language. Each is a whole run of non-spaces, so a match
# starts only where one starts: tried at every character, a Chinese paragraph (no spaces) took time
# that grew with the square of its length.
_ADDRESS = re.compile(r"(?<!\S)\S*?(?:://|@|www\.|(?<=\S)\.[A-Za-z]{2,})\S*")
# Chinese as a name or an address is written: Han characters with the digits, spaces and marks
# between them ("人民路 100 号", "青川市（人民路）")
_HAN_STRETCH = re.compile(f"[{EVERY_HAN}](?:[{EVERY_HAN}0-9０-９ ·、（）()-]*[{EVERY_HAN}])?")
_SIMPLIFIED_SUBTAGS = {"hans", "cn", "sg", "my"}
_TRADITIONAL_SUBTAGS = {"hant", "tw", "hk", "mo"}
_MINIMUM_TEXT = 10


def script_of(lang: str) -> str | None:
    """ "Hans", "Hant", "Latn" or None (a language guidekit does not judge) for a BCP 47 tag."""
    parts = lang.lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        if _SIMPLIFIED_SUBTAGS & set(parts[1:]):
            return "Hans"
        if _TRADITIONAL_SUBTAGS & set(parts[1:]):
            return "Hant"
        return "Hani"
    if parts[0] in {"en", "fr", "de", "es", "pt", "it", "nl", "id", "ms", "vi"}:
        return "Latn"
    return None


def chinese_variant(text: str) -> str | None:
    """ "Hans" or "Hant" when the text uses characters of only one of them, else None."""
    found = Counter(script_only_in(char) for char in set(text))
    simplified, traditional = found["Hans"], found["Hant"]
    if traditional >= 3 and traditional > 2 * simplified:
        return "Hant"
    if simplified >= 3 and simplified > 2 * traditional:
        return "Hans"
    return None


PROBE = Probe("language", "() => window.__guidekit.languageRuns()")


def findings(context: PageContext, text: Mapping[str, Any]) -> list[Finding]:
    # when the whole page is marked wrongly, every phrase would look foreign: the page finding says
    # it all
    return page_language(context, text) or parts_language(context, text["runs"])


def page_language(context: PageContext, text: Mapping[str, Any]) -> list[Finding]:
    # the guide's front matter holds the page language; line 1 is where that block starts. A
    # MkDocs theme other than guidekit's (a page the plugin names the source of, or one whose
    # generator tag says MkDocs, as its 404 page) takes every page's from mkdocs.yml instead
    stock = (context.source or context.mkdocs) and not context.guidekit
    runs = [run for run in text["runs"] if run["lang"].lower() == text["lang"].lower()]
    # such a theme draws its own words in the site's language whatever the page's (the default
    # theme's Chinese keyboard help outweighed an English page): the page's own are what its
    # Markdown wrote, when it has lines
    written = [run for run in runs if run.get("line")] if stock else []
    own = " ".join(
        [run["text"] for run in written] or [text["title"]] + [run["text"] for run in runs]
    )
    found = script_found(text["lang"], own)
    if found is None:
        return []
    in_mkdocs = "-in-mkdocs" if stock else ""
    return [
        finding_at(
            context,
            "guidekit:page-language",
            "3.1.1",
            {"line": 1},
            f"page-language-{found.lower()}{in_mkdocs}",
            declared=text["lang"],
        )
    ]


def script_found(lang: str, own: str) -> str | None:
    """The script ("Latn", "Hans", "Hant" or "Hani") of a page's own text, ``own``, when it is not
    the one its ``lang`` declares; None when they agree or guidekit does not judge ``lang``."""
    declared = script_of(lang)
    if declared is None:
        return None
    own = _ADDRESS.sub(" ", own)
    other = _other_script(declared, own)
    if other == "Hani":
        return chinese_variant(own) or "Hani"
    if other is not None:
        return other
    if declared in {"Hans", "Hant"} and (variant := chinese_variant(own)) and variant != declared:
        return variant
    return None


def other_script(lang: str, own: str) -> str | None:
    """ "Latn" or "Hani" when text marked as ``lang`` is mostly in the other script (Latin against
    Chinese): then every phrase of it would look foreign."""
    declared = script_of(lang)
    return None if declared is None else _other_script(declared, _ADDRESS.sub(" ", own))


def _other_script(declared: str, own: str) -> str | None:
    """ "Latn" or "Hani" when ``own`` is mostly in that script and ``declared`` is not it."""
    han, latin = len(_HAN.findall(own)), len(_LATIN_WORD.findall(own))
    if declared != "Latn" and latin > han and latin >= _MINIMUM_TEXT:
        return "Latn"
    if declared == "Latn" and han > latin and han >= _MINIMUM_TEXT:
        return "Hani"
    return None


def parts_language(context: PageContext, runs: list[Mapping[str, Any]]) -> list[Finding]:
    """A phrase in another language than its text's; on a page guidekit did not write, one that
    looks like a name (Adobe Acrobat Reader, Social Security Card; 王芳 in English) is a warning:
    WCAG 3.1.2 exempts proper names, and guidekit cannot tell them from phrases for sure."""
    findings = []
    for run in runs:
        if foreign := foreign_phrase(run["lang"], run["text"]):
            phrase, code = foreign
            named = not context.guidekit and _looks_like_a_name(phrase)
            findings.append(
                finding_at(
                    context,
                    "guidekit:language-of-parts",
                    "3.1.2",
                    run,
                    "part-language",
                    severity=Severity.WARNING if named else Severity.ERROR,
                    text=phrase,
                    code=code,
                )
            )
    return findings


_LONGEST_CHINESE_NAME = 4  # characters: 欧阳文华


# the short words a name in title case leaves in small letters: Bank of China, Material for MkDocs
_NAMES_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "de", "for", "in", "of", "on", "the", "to"}
)


def _looks_like_a_name(phrase: str) -> bool:
    """Every word capitalised (a product, an office, a document's title) but the short words title
    case leaves small between them, or a run of Han characters as short as a person's name."""
    if _HAN.search(phrase):
        return len(phrase) <= _LONGEST_CHINESE_NAME
    words = phrase.split()
    return all(
        word[0].isupper() or (0 < place < len(words) - 1 and word in _NAMES_SMALL_WORDS)
        for place, word in enumerate(words)
    )


def foreign_runs(lang: str, text: str) -> list[tuple[int, int, str]]:
    """Where ``text``, marked as ``lang``, holds another language, as (start, end, lang it should
    carry): each stretch of Chinese in English text, each English phrase in Chinese text, as
    ``foreign_phrase`` finds them."""
    masked = _foreign_text(lang, text)
    if masked is None:
        return []
    if script_of(lang) != "Latn":
        return [(match.start(), match.end(), "en") for match in _english_phrases(masked)]
    return [
        (match.start(), match.end(), _chinese_tag(match.group(), text))
        for match in _HAN_STRETCH.finditer(masked)
        if _HAN_RUN.search(match.group())
    ]


def foreign_phrase(lang: str, text: str) -> tuple[str, str] | None:
    """The first phrase of ``text``, marked as ``lang``, that is in another language (an English
    phrase of three words or more in Chinese text, two Chinese characters or more in English), with
    the lang it should carry; None when there is none."""
    masked = _foreign_text(lang, text)
    if masked is None:
        return None
    if script_of(lang) != "Latn":
        phrase = next(_english_phrases(masked), None)
        return (phrase.group(0), "en") if phrase else None
    phrase = _HAN_RUN.search(masked)
    return (phrase.group(0), _chinese_tag(text, text)) if phrase else None


def _foreign_text(lang: str, text: str) -> str | None:
    """``text`` with its addresses blanked out, when it may hold a phrase in another language than
    ``lang``; None when it cannot (most text: one scan, no blanking)."""
    script = script_of(lang)
    if script == "Latn":
        found = _HAN_RUN.search(text)
    elif script in {"Hans", "Hant", "Hani"}:
        found = _LATIN_PHRASE.search(text)
    else:
        return None
    # blanking an address only ever takes a phrase away
    return _ADDRESS.sub(lambda address: " " * len(address.group()), text) if found else None


def _english_phrases(chinese: str) -> Iterator[re.Match[str]]:
    """The phrases of Latin words in Chinese text that are not pinyin: a road sign or an office's
    plate (Jiefang Bei Lu) is Chinese in Latin letters, which an English voice reads no better."""
    return (match for match in _LATIN_PHRASE.finditer(chinese) if not _pinyin(match.group()))


_PINYIN_GAPS = re.compile(r"[^a-z]+")
_LONGEST_SYLLABLE = 6  # zhuang, shuang


def _pinyin(phrase: str) -> bool:
    """Whether every word of ``phrase`` is spelt in pinyin syllables, with or without tone marks,
    and one word at least in two or more of them or with a tone mark: English words that happen to
    be syllables (he, can, hang) make English phrases, but a reading is a syllable a word (社会保险,
    shè huì bǎo xiǎn)."""
    words = [
        _pinyin_word(word)
        for word in re.split(r"[\s,;:!?\"“”()'’-]+", unicodedata.normalize("NFD", phrase.lower()))
        if word
    ]
    spelt = [word for word in words if word is not None]
    return len(spelt) == len(words) and any(count >= 2 or toned for count, toned in spelt)


def _pinyin_word(word: str) -> tuple[int, bool] | None:
    """How few pinyin syllables spell ``word`` (NFD) and whether it carries a tone mark; None when
    no sequence of them does. A word with a tone mark may end in the r of erhua (diǎnr): English
    words ending in r would be pinyin too (her, banner)."""
    bare = "".join(char for char in word if not unicodedata.combining(char))
    toned = tone_marked(word)
    if _PINYIN_GAPS.search(bare):
        return None
    count = _fewest_syllables(bare)
    if count is None and toned and bare.endswith("r"):
        count = _fewest_syllables(bare[:-1])
    return None if count is None else (count, toned)


def _fewest_syllables(word: str) -> int | None:
    """How few pinyin syllables spell ``word``; None when no sequence of them does."""
    syllables = _pinyin_syllables()
    fewest: list[int | None] = [0] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST_SYLLABLE), end):
            before, now = fewest[start], fewest[end]
            if before is not None and word[start:end] in syllables:
                fewest[end] = before + 1 if now is None else min(now, before + 1)
    return fewest[-1]


@cache
def _pinyin_syllables() -> frozenset[str]:
    """Every syllable pypinyin reads a character as, without tones (lve also as lue, as ü is
    written without its dots), leaving out the vowelless interjections (m, n, ng, hm)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {reading for value in pinyin_dict.values() for reading in value.split(",")}
    toneless = {to_normal(reading) for reading in readings}
    return frozenset(
        spelling
        for syllable in toneless
        if re.search("[aeiouv]", syllable)
        for spelling in (syllable, syllable.replace("v", "u"))
    )


def _chinese_tag(part: str, text: str) -> str:
    variant = chinese_variant(part) or chinese_variant(text)
    return "zh-Hant" if variant == "Hant" else "zh-Hans"
