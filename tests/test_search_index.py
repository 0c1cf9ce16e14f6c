"""The build-time search index: segmentation, pinyin, initials, synonyms, weights and the data
file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guidekit.han import HAN
from guidekit.site.search_index import (
    FIELD_WEIGHTS,
    Readings,
    SynonymGroups,
    build_index,
    guide_words,
    index_script,
    load_synonyms,
    pinyin_keys,
    segment,
)
from guidekit.source.load import load_guide

from .conftest import guide


def _index(tmp_path, files: dict[str, str], synonyms: SynonymGroups | None = None) -> dict:
    synonyms = synonyms or SynonymGroups()
    guides = []
    for rel, text in files.items():
        (tmp_path / rel).write_text(text, "utf-8")
        loaded, _ = load_guide(tmp_path / rel, rel, "zh-Hans")
        guides.append((loaded, rel.replace(".md", ".html"), guide_words(loaded, synonyms)))
    return build_index(guides, synonyms)


def test_segmentation_gives_whole_words_and_the_words_inside_them():
    words = segment("带上居民身份证到派出所")
    assert {"居民", "身份证", "派出所"} <= set(words)
    assert "的" not in segment("我的身份证")


def test_site_synonyms_become_whole_words():
    synonyms = SynonymGroups((("社保卡", "社会保障卡"),))
    assert "社会保障卡" not in segment("申领社会保障卡")
    assert "社会保障卡" in segment("申领社会保障卡", synonyms)


def test_pinyin_and_initials_of_chinese_words_only():
    assert pinyin_keys("居住证") == ("juzhuzheng", "jzz")
    assert pinyin_keys("credit") is None


def test_index_ranks_fields_and_maps_pinyin_initials_and_synonyms(tmp_path):
    synonyms = SynonymGroups((("身份证", "居民身份证"),))
    index = _index(
        tmp_path,
        {
            "permit.md": guide(
                title="办理居住证", summary="到派出所申领。", body="带上居民身份证。\n"
            ),
            "card.md": guide(title="申领社保卡", summary="不收费。", body="带上身份证。\n"),
        },
        synonyms,
    )
    assert index["docs"][0] == ["办理居住证", "到派出所申领。", "permit.html"]
    assert index["words"]["居住证"] == [0, FIELD_WEIGHTS["title"]]
    assert index["words"]["身份证"] == [0, FIELD_WEIGHTS["body"], 1, FIELD_WEIGHTS["body"]]
    assert "居住证" in index["pinyin"]["juzhuzheng"] and "居住证" in index["initials"]["jzz"]
    assert index["synonyms"]["身份证"] == ["居民身份证"]
    # body-only words are searchable as words, but get no pinyin keys (keeps the index small)
    assert "shenfenzheng" not in index["pinyin"]


def test_title_phrases_of_several_words_are_spelled_by_their_initials(tmp_path):
    index = _index(
        tmp_path,
        {
            "code.md": guide(title="使用健康码和申领社会保障卡", summary="不收费。", body="码。\n"),
            "permit.md": guide(title="办理居住证", summary="到派出所申领。", body="健康。\n"),
            "record.md": guide(title="查询个人信用报告和就医记录册", summary="不收费。"),
        },
    )
    assert index["phrases"]["jkm"] == [["健康", "码"]]
    assert index["phrases"]["shbzk"] == [["社会保障", "卡"]]
    # readers shorten a phrase to the words they think of: the end of its first word, the start
    # of its last (xybg, jyjl found nothing: an outside audit)
    assert index["phrases"]["xybg"] == [["信用", "报告"]]
    assert index["phrases"]["jyjl"] == [["就医", "记录"]]
    assert index["phrases"]["bzk"] == [["保障", "卡"]]
    # a stopword never stands in a phrase; a phrase is not a word of its own in the postings
    assert not any("和" in words for phrases in index["phrases"].values() for words in phrases)
    assert not any(" " in word for word in index["words"])
    # every word of a phrase is a search word, so the words it stands for find the guide
    assert all(
        word in index["words"]
        for phrases in index["phrases"].values()
        for phrase in phrases
        for word in phrase
    )
    # initials that spell a word reach the word, not a phrase
    assert "jzz" in index["initials"] and "jzz" not in index["phrases"]
    # phrases come from titles only: the summary's 派出所 + 申领 makes none
    assert "pcssl" not in index["phrases"] and "sqlq" not in index["phrases"]


def test_index_script_is_data_that_cannot_close_a_script_element():
    script = index_script("zh-Hans", {"docs": [["</script><script>alert(1)", "", "a.html"]]})
    assert "</script" not in script
    payload = script.split('"]=', 1)[1].rstrip(";\n")
    assert json.loads(payload)["docs"][0][0] == "</script><script>alert(1)"


def test_synonyms_file_lines_are_groups_and_a_bad_line_is_located(tmp_path):
    (tmp_path / "synonyms.txt").write_text("# 注释\n身份证 = 居民身份证\n\n社保卡\n", "utf-8")
    groups, findings = load_synonyms(tmp_path, "zh-Hans")
    assert groups.groups[-1:] == (("身份证", "居民身份证"),)
    assert [(f.file, f.line, f.rule) for f in findings] == [
        ("synonyms.txt", 4, "search-synonyms-invalid")
    ]
    assert "等号" in findings[0].message


def test_everyday_abbreviations_are_synonyms_of_their_full_forms_without_a_file(tmp_path):
    """A reader types 社保 or 公积金; the guide says 社会保险 or 住房公积金, as the linter asks."""
    groups, findings = load_synonyms(tmp_path, "zh-Hans")
    assert findings == [] and groups.of("社保") == ["社会保险"]
    assert groups.of("住房公积金") == ["公积金"]
    assert groups.of("五险一金") == []  # its full form is a list of five, no word to search for
    index = _index(
        tmp_path,
        {"fund.md": guide(title="提取住房公积金", summary="买房可以提取。", body="带上身份证。\n")},
        groups,
    )
    # the groups of words this index holds reach the browser, the others do not
    assert index["synonyms"]["公积金"] == ["住房公积金"] and "社保" not in index["synonyms"]


def test_a_traditional_guide_is_found_by_the_everyday_short_form_in_traditional(tmp_path):
    """The linter's list spells 公积金 = 住房公积金; a zh-Hant guide writes 住房公積金 and its
    readers type 公積金."""
    groups, _ = load_synonyms(tmp_path, "zh-Hant")
    (tmp_path / "fund.md").write_text(
        guide(
            title="提取住房公積金", summary="買房可以提取。", body="帶上身分證。\n", lang="zh-Hant"
        ),
        "utf-8",
    )
    loaded, _ = load_guide(tmp_path / "fund.md", "fund.md", "zh-Hant")
    assert loaded is not None
    words = guide_words(loaded, groups)
    index = build_index([(loaded, "fund.html", words)], groups.written_in("zh-Hant"))
    assert "住房公積金" in words
    assert index["synonyms"]["公積金"] == ["住房公積金"]
    # a query in either script reaches the words this index holds, and only those
    assert index["synonyms"]["公积金"] == ["公積金", "住房公積金"]
    assert {word for others in index["synonyms"].values() for word in others} <= set(index["words"])


def test_a_traditional_guide_is_found_by_its_own_words_and_their_pinyin(tmp_path):
    """jieba's dictionary is Simplified: it cut 徵信 into 徵 and 信, so a zh-Hant reader who typed
    徵信, zhengxin or zx found nothing (found by an outside audit of the sample site)."""
    (tmp_path / "credit.md").write_text(
        guide(
            title="查詢個人信用報告",
            summary="帶身份證到徵信查詢櫃檯或銀行自助機查信用報告。",
            body="到徵信查詢大廳的櫃檯辦理。\n",
            lang="zh-Hant",
        ),
        "utf-8",
    )
    loaded, _ = load_guide(tmp_path / "credit.md", "credit.md", "zh-Hant")
    assert loaded is not None
    words = guide_words(loaded, SynonymGroups())
    assert {"徵信", "信用", "報告", "查詢", "櫃檯"} <= set(words), sorted(words)
    assert "徵信查" not in words
    index = build_index(
        [(loaded, "credit.html", words)], SynonymGroups(), Readings({}, lang="zh-Hant")
    )
    assert "徵信" in index["pinyin"].get("zhengxin", []), index["pinyin"]
    # spelled as the word, not a character at a time: pypinyin's words are Simplified (銀行 was
    # yinxing, so yinhang and yh found nothing: an outside audit)
    assert index["pinyin"].get("yinhang") == ["銀行"] and "yinxing" not in index["pinyin"]
    assert "銀行" in index["initials"]["yh"]
    # Simplified text is cut as before
    assert {"征信", "报告"} <= set(segment("查询征信报告"))


def test_a_rebuild_after_one_edit_rewrites_only_the_chunks_it_changed(tmp_path):
    from guidekit.build import build

    from .conftest import write_site

    files = {"guidekit.toml": "gallery = false\nstatement = false\n"}
    for number in range(80):
        files[f"zh-Hans/guide-{number:02d}.md"] = guide(
            title=f"办理事项{number}", body=f"到第{number}号窗口办理。\n"
        )
    source = write_site(tmp_path / "guides", files)
    out = tmp_path / "site"
    assert build(source, out, check=False).published

    def chunks() -> dict[str, tuple[int, int, str]]:
        return {
            path.name: (path.stat().st_ino, path.stat().st_mtime_ns, path.read_text("utf-8"))
            for path in (out / "assets" / "search-zh-Hans").glob("*.js")
        }

    before = chunks()
    edited = source / "zh-Hans/guide-07.md"
    edited.write_text(edited.read_text("utf-8").replace("窗口办理", "窗口申请公租房"), "utf-8")
    result = build(source, out, check=False)
    assert result.published and result.redone == 1
    after = chunks()
    assert after.keys() == before.keys()
    changed = {name for name in after if after[name][2] != before[name][2]}
    untouched = {name for name in after if after[name][:2] == before[name][:2]}
    # the words the edit added and removed live in a few chunks; the guide's title is unchanged
    assert changed and all(name.startswith("w") for name in changed)
    assert len(changed) <= len([name for name in after if name.startswith("w")]) / 4
    assert '"申请":[7,1]' in "".join(after[name][2] for name in changed)
    assert untouched == after.keys() - changed, "an unchanged chunk was written again"


def test_known_readings_are_used_and_only_new_words_are_spelled(tmp_path):
    guides = []
    for rel, title in (("a.md", "办理居住证"), ("b.md", "申领护照")):
        (tmp_path / rel).write_text(guide(title=title, body="正文。\n"), "utf-8")
        loaded, _ = load_guide(tmp_path / rel, rel, "zh-Hans")
        guides.append((loaded, rel, guide_words(loaded, SynonymGroups())))
    # what a build kept: a reading no pinyin library gives, so the index shows it was looked up
    readings = Readings({"居住证": ("kept", "kp")})
    index = build_index(guides, SynonymGroups(), readings)
    assert index["pinyin"]["kept"] == ["居住证"] and "juzhuzheng" not in index["pinyin"]
    assert "护照" in index["pinyin"]["huzhao"], "a word not kept is spelled"
    assert readings.spelled["居住证"] == ("kept", "kp")
    assert readings.spelled["护照"] == ("huzhao", "hz")
    assert all(HAN.search(word) for word in readings.spelled), "only Chinese words are spelled"
    assert build_index(guides, SynonymGroups()) != index


def test_known_spellings_in_the_other_script_are_used_and_only_new_words_converted(tmp_path):
    """A rebuild finds each indexed word's Traditional spellings in the cache: OpenCC's three
    converters took 50 ms to start, in a rebuild after one edit that must take under a second."""
    guides = []
    for rel, title in (("a.md", "办理居住证"), ("b.md", "申领护照")):
        (tmp_path / rel).write_text(guide(title=title, body="正文。\n"), "utf-8")
        loaded, _ = load_guide(tmp_path / rel, rel, "zh-Hans")
        guides.append((loaded, rel, guide_words(loaded, SynonymGroups())))
    # kept spellings no converter gives, so the index shows they were looked up
    readings = Readings({}, lang="zh-Hans", known_spellings={"居住证": ("居住卡",)})
    index = build_index(guides, SynonymGroups(), readings)
    assert index["spellings"]["居住卡"] == ["居住证"] and "居住證" not in index["spellings"]
    assert index["spellings"]["護照"] == ["护照"], "a word not kept is converted"
    assert readings.respelled["居住证"] == ("居住卡",) and readings.respelled["护照"] == ("護照",)
    assert all(HAN.search(word) for word in readings.respelled), "only Chinese words are converted"


def _readings_site(tmp_path: Path) -> tuple[Path, Path]:
    from .conftest import write_site

    files = {"guidekit.toml": "gallery = false\nstatement = false\n"}
    for number in range(12):
        files[f"zh-Hans/guide-{number:02d}.md"] = guide(
            title=f"办理居住证{number}", body=f"到第{number}号窗口办理。\n"
        )
    return write_site(tmp_path / "guides", files), tmp_path / "site"


def _index_files(out: Path) -> dict[str, str]:
    folder = out / "assets"
    return {
        path.relative_to(folder).as_posix(): path.read_text("utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix().startswith("search-")
    }


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def test_a_title_word_an_edit_adds_is_found_by_its_pinyin(tmp_path):
    from guidekit.build import build

    source, out = _readings_site(tmp_path)
    assert build(source, out, check=False).published
    _edit(source / "zh-Hans/guide-03.md", "办理居住证3", "申领护照")
    assert build(source, out, check=False).redone == 1
    index = "".join(_index_files(out).values())
    assert '"huzhao":["护照"]' in index and '"hz":["护照"]' in index
    assert build(source, tmp_path / "uncached", check=False, cache=False).published
    assert _index_files(out) == _index_files(tmp_path / "uncached")


@pytest.mark.parametrize(
    "kept",
    [
        "\x00not json",
        '{"key": "another guidekit or pypinyin", "languages": {"zh-Hans": {"居住证": ["x", "x"]}}}',
        "KEY",  # this guidekit's key, entries of other shapes
    ],
)
def test_a_damaged_or_stale_readings_file_is_ignored_and_written_again(tmp_path, kept):
    from guidekit.build import build
    from guidekit.output.build_cache import cache_path
    from guidekit.output.cache_keys import readings_key
    from guidekit.output.cache_store import READINGS_FILE

    source, out = _readings_site(tmp_path)
    assert build(source, out, check=False).published
    readings = cache_path(out) / READINGS_FILE
    written = json.loads(readings.read_text("utf-8"))
    assert written["key"] == readings_key()
    assert written["languages"]["zh-Hans"]["居住证"] == ["juzhuzheng", "jzz"]
    assert written["spellings"]["zh-Hans"]["居住证"] == ["居住證"]
    if kept == "KEY":
        kept = json.dumps(
            {"key": readings_key(), "languages": {"zh-Hans": {"居住证": "juzhuzheng"}}}
        )
    readings.write_text(kept, "utf-8")
    _edit(source / "zh-Hans/guide-03.md", "号窗口办理", "号窗口申请")  # the body: the index again
    assert build(source, out, check=False).redone == 1
    assert build(source, tmp_path / "uncached", check=False, cache=False).published
    assert _index_files(out) == _index_files(tmp_path / "uncached")
    assert json.loads(readings.read_text("utf-8")) == written


def _rebuilt(source: Path, out: Path, watch: str, seen: str) -> str:
    """The guides a new process redid building SOURCE into OUT, and what ``seen`` says after it:
    ``watch`` runs before the build."""
    rebuild = (
        f"import sys\nfrom pathlib import Path\nfrom guidekit.build import build\n{watch}\n"
        f"result = build(Path({str(source)!r}), Path({str(out)!r}), check=False)\n"
        f"print(result.redone, {seen})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", rebuild], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_an_edit_whose_words_are_all_spelled_does_not_import_pypinyin(tmp_path):
    source, out = _readings_site(tmp_path)

    def run() -> str:
        return _rebuilt(source, out, "", "'pypinyin' in sys.modules")

    assert run() == "12 True"
    _edit(source / "zh-Hans/guide-03.md", "号窗口办理", "号窗口申请")
    assert run() == "1 False", "an edit of a body spells no word"
    _edit(source / "zh-Hans/guide-03.md", "办理居住证3", "申领护照")
    assert run() == "1 True", "a new title word is spelled"


def test_an_index_made_again_weighs_every_chunk_as_a_new_build_does(tmp_path):
    from guidekit.build import build
    from guidekit.output.build_cache import cache_path
    from guidekit.output.cache_store import SITE_FILE
    from guidekit.site.page_weight import gzip_size

    source, out = _readings_site(tmp_path)
    assert build(source, out, check=False).published
    _edit(source / "zh-Hans/guide-03.md", "号窗口办理", "号窗口申请")
    edited = build(source, out, check=False)
    assert edited.redone == 1
    kept = json.loads((cache_path(out) / SITE_FILE).read_text("utf-8"))["groups"]
    weights = kept["search-zh-Hans"]["files"]
    assert len(weights) > 3
    assert weights == {path: gzip_size((out / path).read_text("utf-8")) for path in weights}
    fresh = build(source, tmp_path / "uncached", check=False, cache=False)
    assert [(w.page.site_path, w.html_gzip, w.total_gzip) for w in edited.heaviest] == [
        (w.page.site_path, w.html_gzip, w.total_gzip) for w in fresh.heaviest
    ]


def test_an_edit_that_keeps_the_title_words_starts_no_traditional_speller(tmp_path):
    """OpenCC's Simplified-to-Traditional dictionaries took fifty milliseconds of every rebuild
    after one edit (under a second in all): the title-side words' spellings are kept from the
    last build, and the title phrases, which the index does not spell, are not converted."""
    source, out = _readings_site(tmp_path)
    # each OpenCC converter the build starts, by its configuration
    watch = (
        "import opencc\nmade, start = [], opencc.OpenCC.__init__\n"
        "def noted(self, config='t2s', *rest):\n"
        "    made.append(config)\n"
        "    start(self, config, *rest)\n"
        "opencc.OpenCC.__init__ = noted"
    )

    def run() -> str:
        return _rebuilt(source, out, watch, "'s2t' in made")

    assert run() == "12 True"
    _edit(source / "zh-Hans/guide-03.md", "号窗口办理", "号窗口申请")
    assert run() == "1 False", "an edit of a body converts no word"
    _edit(source / "zh-Hans/guide-03.md", "办理居住证3", "申领护照")
    assert run() == "1 True", "a new title word is converted"
