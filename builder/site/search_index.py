"""Build-time search index: every guide's words (jieba), their pinyin and initials, and the site's
synonyms.

The browser ranks on its own (themes/base/search.js), so search needs no server. Each language's
index is split into chunks, of which a query loads only those of its words and of the guides it
shows; every file is a script that files its data in a global (``window.guidekitSearch``,
``window.guidekitSearchChunks``), because Chromium will not ``fetch`` a file:// JSON and search
also works opened from disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding
from ..han import BASIC_HAN, HAN
from ..messages import error_text
from ..source.load import SourceGuide

if TYPE_CHECKING:
    from ..lint.segmenter import Segmenter
    from ..lint.text import Passage

SYNONYMS_FILE = "synonyms.txt"

# How much a word counts, by where in the guide it stands: a title match ranks above a body match.
FIELD_WEIGHTS = {"title": 8, "summary": 4, "facets": 3, "facts": 2, "body": 1}
_REMEMBERED_TEXTS = (
    50_000  # segmented texts kept for the guides that follow (and the next build in serve)
)
_REMEMBERED_PIECES = 200_000  # and the pieces jieba segments them in
_WORD = re.compile(f"[{BASIC_HAN}]+|[A-Za-z0-9]+")
_HAN_RUN = re.compile(f"[{BASIC_HAN}]+")
# A title phrase of several words (社会保障 + 卡) stands in a guide's words as its words joined by
# this, which no word holds: only its initials are indexed ("shbzk"), spelling the phrase's words.
PHRASE_JOINER = " "
_PHRASE_WORDS = (2, 3)  # how many adjacent words of a title make a phrase
_LONGEST_PHRASE = 8  # characters: search.js's LONGEST_WORD
# Short function words that would match nearly every guide and only grow the index.
_STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "是",
        "在",
        "有",
        "也",
        "就",
        "都",
        "要",
        "把",
        "被",
        "或",
        "及",
        "与",
        "等",
        "个",
        "这",
        "那",
        "您",
        "你",
        "我",
        "他",
        "她",
        "它",
        "们",
        "可以",
        "如果",
        "没有",
        "需要",
        "一",
        "不",
        "到",
        "去",
        "上",
        "下",
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "if",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "you",
        "your",
        "this",
        "that",
        "can",
    ]
)


@dataclass(frozen=True)
class SynonymGroups:
    groups: tuple[tuple[str, ...], ...] = ()

    def words(self) -> set[str]:
        return {word for group in self.groups for word in group}

    def of(self, word: str) -> list[str]:
        return list(
            dict.fromkeys(
                other for group in self.groups if word in group for other in group if other != word
            )
        )

    def written_in(self, lang: str) -> SynonymGroups:
        """The groups as a text in ``lang`` spells them: a zh-Hant guide writes 社會保險 where the
        linter's list and most synonyms.txt files write 社会保险."""
        return _with_traditional(self) if lang == "zh-Hant" else self


@cache
def _with_traditional(synonyms: SynonymGroups) -> SynonymGroups:
    # opencc is loaded only by a build that indexes zh-Hant text, as the linter loads it for that text
    from ..lint.data import to_traditional

    return SynonymGroups(
        tuple(
            tuple(dict.fromkeys(spelt for word in group for spelt in (word, to_traditional(word))))
            for group in synonyms.groups
        )
    )


def everyday_synonyms() -> tuple[tuple[str, ...], ...]:
    """The 简称 the linter knows, each with its full forms (社保 = 社会保险, 公积金 = 住房公积金):
    readers search by the short form, guides spell out the full one (the linter asks them to)."""
    from ..lint.data import abbreviations

    return tuple(
        (short, *full_forms)
        for short, full_forms in abbreviations().items()
        if all(_WORD.fullmatch(full) for full in full_forms)  # not a list (五险一金)
    )


def load_synonyms(source: Path, lang: str) -> tuple[SynonymGroups, list[Finding]]:
    """``everyday_synonyms``, and ``synonyms.txt`` beside the guides: one group per line, words
    joined by ``=``; ``#`` starts a comment."""
    path = source / SYNONYMS_FILE
    if not path.is_file():
        return SynonymGroups(everyday_synonyms()), []
    groups: list[tuple[str, ...]] = list(everyday_synonyms())
    findings: list[Finding] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        words = tuple(
            dict.fromkeys(word.strip().lower() for word in text.split("=") if word.strip())
        )
        if "=" not in text or len(words) < 2:
            findings.append(
                Finding(
                    rule="search-synonyms-invalid",
                    file=SYNONYMS_FILE,
                    line=number,
                    message=error_text("synonyms-invalid", lang, text=text),
                )
            )
            continue
        groups.append(words)
    return SynonymGroups(tuple(groups)), findings


@cache
def _segmenter(extra_words: frozenset[str]) -> Segmenter:
    """The linter's segmenter; with site synonyms, a segmenter of our own so they become whole
    words without changing jieba for the linter."""
    from ..lint.segmenter import segmenter  # the linter's modules: imported when a guide is indexed

    shared = segmenter()
    return shared.with_words(extra_words) if extra_words else shared


def _segmenter_of(synonyms: SynonymGroups) -> Segmenter:
    return _segmenter(frozenset(word for word in synonyms.words() if HAN.search(word)))


def segment(
    text: str, synonyms: SynonymGroups = SynonymGroups(), lang: str | None = None
) -> list[str]:
    """Search words of ``text``: jieba's words and the shorter words inside long ones, lower-case,
    no stopwords; a ``zh-Hant`` text keeps its own characters, cut where its Simplified reading
    is."""
    segmenter = _segmenter_of(synonyms)
    # _segmenter has imported it: no cost here, and commands that build no index still never load it
    import jieba

    # jieba segments each run of its word characters, and each piece between them, on its own:
    # pieces recur far more often than whole texts do (a clause, a name, a date), so each is
    # segmented once
    read, start = _read_as(text, lang), 0
    words: list[str] = []
    for piece in jieba.re_han_default.split(read):
        if piece:
            words += _piece_words(text[start : start + len(piece)], piece, segmenter)
        start += len(piece)
    return words


def _read_as(text: str, lang: str | None) -> str:
    """``text`` as jieba reads it, character for character: its dictionary is Simplified, and cut
    Traditional text apart (徵信 was 徵 and 信, so a reader typing 徵信 found nothing)."""
    if lang != "zh-Hant" or not HAN.search(text):
        return text
    from ..lint.data import to_simplified  # as the linter reads zh-Hant text

    return to_simplified(text)


def _other_script(word: str, lang: str | None, traditional: Callable[[str], set[str]]) -> set[str]:
    """What a reader who writes the other Chinese script types for ``word``: 征信 for a zh-Hant
    site's 徵信 (most keyboards type Simplified), 醫保 for a zh-Hans site's 医保 (as Taiwan and
    Hong Kong write it, ``traditional``'s spellings)."""
    if lang not in ("zh-Hans", "zh-Hant") or not HAN.search(word):
        return set()
    spellings = {_read_as(word, lang)} if lang == "zh-Hant" else traditional(word)
    return spellings - {word}


@lru_cache(maxsize=_REMEMBERED_PIECES)
def _piece_words(piece: str, read: str, segmenter: Segmenter) -> tuple[str, ...]:
    """``piece``'s words, cut where jieba cuts ``read``, its reading of the same length."""
    words = []
    for _, start, end in segmenter.for_text(read).tokenize(read, mode="search"):
        word = piece[start:end].strip().lower()
        if (
            word
            and _WORD.fullmatch(word)
            and word not in _STOPWORDS
            and not (len(word) == 1 and not HAN.match(word) and not word.isdigit())
        ):
            words.append(word)
    return tuple(words)


def title_phrases(
    text: str, synonyms: SynonymGroups = SynonymGroups(), lang: str | None = None
) -> list[str]:
    """Runs of two or three adjacent Chinese words of a title, each joined by ``PHRASE_JOINER``:
    readers type the initials of 社会保障卡 as one ("shbzk"), though jieba keeps 社会保障 and 卡
    apart. A run may start at the end of its first word and stop at the start of its last, as
    readers shorten them: 信用报告 ("xybg") of 个人信用 and 报告, 就医记录 ("jyjl") of 就医 and
    记录册. Cut as ``segment`` cuts, so each word is a search word."""
    read = _read_as(text, lang)
    tokenizer = _segmenter_of(synonyms).for_text(read)
    phrases = []
    for run in _HAN_RUN.finditer(read):
        written = text[run.start() : run.end()]
        inside = [(start, end) for _, start, end in tokenizer.tokenize(run.group(), mode="search")]
        words = [(start, end) for _, start, end in tokenizer.tokenize(run.group())]
        for size in _PHRASE_WORDS:
            for first in range(len(words) - size + 1):
                (start, first_end), *between, (last_start, end) = words[first : first + size]
                # the whole first word or a word inside it that ends where it ends; the whole last
                # word or one inside it that starts where it starts
                starts = [start] + [a for a, b in inside if b == first_end and start < a]
                ends = [end] + [b for a, b in inside if a == last_start and b < end]
                for opening in starts:
                    for closing in ends:
                        cut = [(opening, first_end), *between, (last_start, closing)]
                        phrase = [written[a:b] for a, b in cut]
                        if len("".join(phrase)) <= _LONGEST_PHRASE and _STOPWORDS.isdisjoint(
                            phrase
                        ):
                            phrases.append(PHRASE_JOINER.join(phrase))
    return phrases


def pinyin_keys(word: str) -> tuple[str, str] | None:
    """Toneless pinyin and initials of a Chinese word (居住证 -> juzhuzheng, jzz); None for other
    words."""
    if not HAN.search(word):
        return None
    from pypinyin import (
        Style,
        lazy_pinyin,
    )  # imported on first use: a third of a second, and a rebuild often indexes nothing

    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
    if not syllables:
        return None
    return "".join(syllables), "".join(syllable[0] for syllable in syllables)


PinyinKeys = tuple[str, str]  # toneless pinyin and initials: ("juzhuzheng", "jzz")


Spellings = tuple[str, ...]  # a word as the other Chinese script writes it (_other_script)


def traditional_speller() -> Callable[[str], set[str]]:
    """A new ``lint.data.TraditionalSpeller``: its dictionaries live as long as it does."""
    from ..lint.data import TraditionalSpeller

    return TraditionalSpeller()


@dataclass
class Readings:
    """The pinyin keys of Chinese words: ``known``, as an earlier build spelled them (a build that
    finds every word it spells there never imports pypinyin, a third of a second); ``spelled``,
    the words an index spelled, with their keys, to be kept for the next build. The same for the
    words' spellings in the other Chinese script: ``known_spellings`` and ``respelled`` (OpenCC's
    dictionaries take tens of milliseconds and megabytes to load)."""

    known: Mapping[str, PinyinKeys | None]
    spelled: dict[str, PinyinKeys | None] = field(default_factory=dict)
    lang: str | None = None  # of the words: zh-Hant words are spelled as their Simplified reading
    known_spellings: Mapping[str, Spellings] = field(default_factory=dict)
    respelled: dict[str, Spellings] = field(default_factory=dict)
    traditional: Callable[[str], set[str]] = field(
        default_factory=traditional_speller, compare=False, repr=False
    )

    def keys(self, word: str) -> PinyinKeys | None:
        """``pinyin_keys(word)``; pypinyin's words are Simplified, and a Traditional word it does
        not know is spelled a character at a time (銀行 was yinxing)."""
        if not HAN.search(word):
            return None
        keys = self.known[word] if word in self.known else pinyin_keys(_read_as(word, self.lang))
        self.spelled[word] = keys
        return keys

    def other_script(self, word: str) -> Spellings:
        """``_other_script(word)``, sorted."""
        if not HAN.search(word):
            return ()
        spellings = self.known_spellings.get(word)
        if spellings is None:
            spellings = _spelled_in_other_script(word, self.lang, self.traditional)
        self.respelled[word] = spellings
        return spellings


def _spelled_in_other_script(
    word: str, lang: str | None, traditional: Callable[[str], set[str]]
) -> Spellings:
    return tuple(sorted(_other_script(word, lang, traditional)))


def title_side_spellings(
    words: Mapping[str, int],
    lang: str | None,
    traditional: Callable[[str], set[str]],
    known: Mapping[str, Spellings],
) -> dict[str, Spellings]:
    """The spellings in the other Chinese script of a guide's words that stand outside its body
    (``guide_words``), which the index maps to them (``build_index``: its words, not the title
    phrases); ``known``: as an earlier build spelled them (a guide whose edit left its title-side
    words as they were starts no OpenCC speller, fifty milliseconds of a rebuild)."""
    return {
        word: known[word] if word in known else _spelled_in_other_script(word, lang, traditional)
        for word, weight in words.items()
        if weight > FIELD_WEIGHTS["body"] and PHRASE_JOINER not in word and HAN.search(word)
    }


def example_query(
    titles: Iterable[str], lang: str, readings: Readings
) -> tuple[str, PinyinKeys | None] | None:
    """Words a reader of these guides can type and find, for the search page's hint, with their
    pinyin keys: a Chinese title's longest word (the last of equals: a title ends with what it is
    about, 办理居住证 -> 居住证), an English title's last two words (credit report). None where no
    title has one."""
    for title in titles:
        if lang == "en":
            words = title.split()
            if len(words) >= 2:
                return " ".join(words[-2:]).lower(), None
            continue
        han = [word for word in segment(title, lang=lang) if len(word) >= 2 and HAN.match(word)]
        if han:
            word = max(reversed(han), key=len)
            return word, readings.keys(word)
    return None


@dataclass(frozen=True)
class IndexedGuide:
    title: str
    summary: str
    href: str  # the guide's page below the theme's root, e.g. "zh-Hans/social-security-card.html"


def _weighted_texts(
    guide: SourceGuide, body: tuple[Passage, ...] | None
) -> Iterable[tuple[str, int]]:
    meta = guide.meta
    yield meta.title, FIELD_WEIGHTS["title"]
    yield meta.summary, FIELD_WEIGHTS["summary"]
    for facet in [*meta.topics, *meta.life_events, meta.owner or ""]:
        yield facet, FIELD_WEIGHTS["facets"]
    for material in meta.materials:
        yield material.name, FIELD_WEIGHTS["facts"]
    for step in meta.steps:
        yield step.title, FIELD_WEIGHTS["facts"]
    if body is None:
        from ..lint.text import body_passages  # as in _tokenizer

        body = body_passages(guide)
    for passage in body:
        yield passage.text, FIELD_WEIGHTS["body"]


def guide_words(
    guide: SourceGuide, synonyms: SynonymGroups, body: tuple[Passage, ...] | None = None
) -> dict[str, int]:
    """Each search word of a guide, with the weight of the best place it stands in the guide.
    ``body``: the body's passages, when the caller has read them (``lint.text.body_passages``)."""
    texts = _weighted_texts(guide, body)
    return weighted_words(texts, synonyms.written_in(guide.lang), guide.lang)


def weighted_words(
    texts: Iterable[tuple[str, int]], synonyms: SynonymGroups, lang: str | None = None
) -> dict[str, int]:
    """Each search word of ``texts`` (text, weight of its field) in ``lang``, with the best weight
    it stands at (MkDocs pages too)."""
    best: dict[str, int] = {}
    for text, weight in texts:
        for word in _segmented(text, synonyms, weight == FIELD_WEIGHTS["title"], lang):
            best[word] = max(best.get(word, 0), weight)
    return best


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _segmented(
    text: str, synonyms: SynonymGroups, title: bool, lang: str | None
) -> tuple[str, ...]:
    # topics, owners, material names and steps recur from guide to guide
    words = segment(text, synonyms, lang)
    if title:
        single = set(words)
        words += [
            phrase
            for phrase in title_phrases(text, synonyms, lang)
            if phrase.replace(PHRASE_JOINER, "") not in single
            and single.issuperset(phrase.split(PHRASE_JOINER))
        ]
    return tuple(words)


def build_index(
    guides: Sequence[tuple[SourceGuide, str, Mapping[str, int]]],
    synonyms: SynonymGroups,
    readings: Readings | None = None,
) -> dict:
    """The index of one language's guides (each with its page path and its ``guide_words``), as
    JSON-ready data; ``readings``: the pinyin keys known already, and where those it spells go.

    ``words`` maps each word to ``[guide number, weight, ...]`` pairs (the weight is the best field
    the word appears in); ``pinyin`` and ``initials`` map keys to the words they spell (words
    outside the body only); ``phrases`` maps the initials of title phrases (``title_phrases``) to
    the words of each phrase; ``synonyms`` maps a word to the other words of its groups;
    ``spellings`` maps a word's spelling in the other Chinese script (Simplified on a zh-Hant
    site, Traditional on a zh-Hans one) to the words it spells.
    """
    docs = []
    postings: dict[str, list[int]] = {}  # guide numbers ascend, so each word's pairs come in order
    phrases: set[str] = set()
    for number, (guide, href, words) in enumerate(guides):
        docs.append([guide.meta.title, guide.meta.summary, href])
        for word, weight in words.items():
            if PHRASE_JOINER in word:
                phrases.add(word)
                continue
            # a third faster than setdefault and extend: 125,000 words at 2,000 guides
            posting = postings.get(word)
            if posting is None:
                postings[word] = [number, weight]
            else:
                posting.append(number)
                posting.append(weight)
    words_in_order = sorted(postings)
    readings = readings or Readings({})
    pinyin: dict[str, list[str]] = {}
    initials: dict[str, list[str]] = {}
    spellings: dict[str, list[str]] = {}
    for word in words_in_order:
        # Pinyin is typed for what a guide is about; body-only words would double the index for
        # little.
        if max(postings[word][1::2]) <= FIELD_WEIGHTS["body"]:
            continue
        keys = readings.keys(word)
        if keys:
            pinyin.setdefault(keys[0], []).append(word)
            initials.setdefault(keys[1], []).append(word)
        for spelling in readings.other_script(word):
            spellings.setdefault(spelling, []).append(word)
    # only the words this index holds: a Simplified group on a Traditional or English site would
    # be bytes every query loads for nothing
    present = {
        word: [other for other in synonyms.of(word) if other in postings]
        for word in synonyms.words()
    }
    # A synonym no guide uses (社保卡 beside 社会保障卡) is typed in pinyin and initials as often as
    # in characters ("sbk"): its keys spell the words of its group the guides hold.
    for word, others in sorted(present.items()):
        keys = readings.keys(word) if others and word not in postings else None
        if keys:
            for key, spelled in zip(keys, (pinyin, initials), strict=True):
                known = spelled.setdefault(key, [])
                known += [other for other in others if other not in known]
    phrase_initials: dict[str, list[list[str]]] = {}
    for phrase in sorted(phrases):
        keys = readings.keys(phrase.replace(PHRASE_JOINER, ""))
        # a key that spells a word of its own reaches that word, as search.js looks there first
        if keys and keys[1] not in initials:
            phrase_initials.setdefault(keys[1], []).append(phrase.split(PHRASE_JOINER))
    return {
        "docs": docs,
        "words": {word: postings[word] for word in words_in_order},
        "pinyin": pinyin,
        "initials": {key: words for key, words in initials.items() if len(key) > 1},
        "phrases": phrase_initials,
        "synonyms": {word: others for word, others in sorted(present.items()) if others},
        "spellings": spellings,
    }


# A query fetches the entry file, then only the chunks of its words: each word, pinyin and
# initials key lives in the chunk its hash picks, each guide's title and summary in the chunk of
# its number. About this many guides per word chunk keeps the chunks a query loads small at any
# size (at 20,000 guides: 2,048 word chunks, median 265 bytes gzipped; bench/scale_benchmark.py).
_GUIDES_PER_WORD_CHUNK = 8
DOCS_PER_CHUNK = 16
# Title phrases (``title_phrases``) are looked up only for initials that spell no word, so their
# chunks are fewer and larger, and a query for a word never loads them.
_WORD_CHUNKS_PER_PHRASE_CHUNK = 8


def word_chunk_count(guides: int) -> int:
    """A power of two, so a site that grows by a few guides keeps its chunks (and their files)."""
    count = 1
    while count * _GUIDES_PER_WORD_CHUNK < guides:
        count *= 2
    return count


def chunk_of(key: str, chunks: int) -> int:
    """FNV-1a over the key's UTF-16 code units: themes/base/search.js computes the same number."""
    data = key.encode("utf-16-le")
    value = 0x811C9DC5
    for low, high in zip(data[0::2], data[1::2], strict=True):
        value = ((value ^ (low | high << 8)) * 0x01000193) & 0xFFFFFFFF
    return value % chunks


def chunk_folder(lang: str) -> str:
    """Where a language's chunks live, below the site root."""
    return f"assets/search-{lang}/"


def chunked_index(lang: str, index: dict) -> dict[str, str]:
    """``build_index``'s index as script files, by path below the site root: the entry file
    (``assets/search-<lang>.js``: counts and synonyms), the word chunks (``w<n>.js``: postings with
    guide numbers as gaps from the previous one, and the words each pinyin, initials and
    other-script key spells),
    the phrase chunks (``q<n>.js``: the title phrases each initials key spells)
    and the guide chunks (``d<n>.js``: title, summary and page of ``DOCS_PER_CHUNK`` guides)."""
    docs = index["docs"]
    chunks = word_chunk_count(len(docs))
    words: list[dict[str, dict[str, list]]] = [{} for _ in range(chunks)]
    for kind, entries in (
        ("p", index["pinyin"]),
        ("i", index["initials"]),
        ("s", index["spellings"]),
    ):
        for key, spelled in entries.items():
            words[chunk_of(key, chunks)].setdefault(kind, {})[key] = spelled
    for word, postings in index["words"].items():
        gaps = list(postings)
        gaps[2::2] = [
            now - before for now, before in zip(postings[2::2], postings[0:-2:2], strict=True)
        ]
        words[chunk_of(word, chunks)].setdefault("w", {})[word] = gaps
    phrase_chunks = max(1, chunks // _WORD_CHUNKS_PER_PHRASE_CHUNK)
    phrases: list[dict[str, list[list[str]]]] = [{} for _ in range(phrase_chunks)]
    for key, spelled_phrases in index["phrases"].items():
        phrases[chunk_of(key, phrase_chunks)][key] = spelled_phrases
    folder = chunk_folder(lang)
    files = {
        search_index_path(lang): index_script(
            lang,
            {
                "docs": len(docs),
                "docChunk": DOCS_PER_CHUNK,
                "wordChunks": chunks,
                "phraseChunks": phrase_chunks,
                "synonyms": index["synonyms"],
            },
        )
    }
    for number, chunk in enumerate(words):
        files[f"{folder}w{number}.js"] = chunk_script(lang, f"w{number}", chunk)
    for number, phrase_chunk in enumerate(phrases):
        files[f"{folder}q{number}.js"] = chunk_script(lang, f"q{number}", phrase_chunk)
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        number = start // DOCS_PER_CHUNK
        files[f"{folder}d{number}.js"] = chunk_script(
            lang, f"d{number}", docs[start : start + DOCS_PER_CHUNK]
        )
    return files


def search_index_path(lang: str) -> str:
    return f"assets/search-{lang}.js"


def _script_data(data: object) -> str:
    """JSON that can never close a script element: ``</`` is escaped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def index_script(lang: str, index: dict) -> str:
    """The entry file: a script, because Chromium will not ``fetch`` a file:// JSON."""
    return (
        f"(window.guidekitSearch=window.guidekitSearch||{{}})[{json.dumps(lang)}]="
        f"{_script_data(index)};\n"
    )


def chunk_script(lang: str, name: str, data: object) -> str:
    """A chunk as a script that files its data where search.js looks once the script has run."""
    return (
        f"(window.guidekitSearchChunks=window.guidekitSearchChunks||{{}})"
        f"[{json.dumps(lang + '/' + name)}]={_script_data(data)};\n"
    )
