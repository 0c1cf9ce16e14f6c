"""jieba's dictionary kept split by first character (lint/segmenter.py): a segmenter that reads it a
character at a time segments every text, and counts every word, exactly as the whole dictionary
does, site synonyms added or not; a kept copy that is damaged or of another dictionary file is never
used, and is made again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba
import pytest

from guidekit.lint.segmenter import Segmenter, kept_segmenter

ROOT = Path(__file__).parents[2]
# Chinese and English prose, Markdown, code and tables: every kind of character jieba meets
LINES = [
    line
    for path in [ROOT / "README.md", *sorted((ROOT / "guides").rglob("*.md"))]
    for line in path.read_text("utf-8").splitlines()
    if line.strip()
]
SYNONYMS = ("社会保障卡", "居住证明", "ＡＢ测试", "e社保")
STAMP = [1, 2, 3, "jieba"]


def whole_segmenter(words: tuple[str, ...] = ()) -> Segmenter:
    """The whole dictionary, as jieba loads it."""
    return kept_segmenter(None, jieba.Tokenizer()).with_words(words)


def segmented(segmenter: Segmenter, line: str) -> tuple[list[str], list[tuple], int | None]:
    tokenizer = segmenter.for_text(line)
    words = list(tokenizer.cut_for_search(line))
    return words, list(tokenizer.tokenize(line, HMM=False)), segmenter.frequency(line[:2])


def held(segmenter: Segmenter) -> int:
    """How many dictionary entries the segmenter holds now."""
    return len(segmenter.for_text("").FREQ)


@pytest.fixture(scope="module")
def whole() -> list[tuple]:
    segmenter = whole_segmenter()
    return [segmented(segmenter, line) for line in LINES]


def test_the_kept_copy_segments_every_line_as_the_whole_dictionary(tmp_path, whole):
    kept = (tmp_path / "dictionary.marshal", STAMP)
    first = kept_segmenter(kept, jieba.Tokenizer())
    assert held(first) > 400_000, "no copy yet: the whole dictionary, and the copy made"
    assert kept[0].is_file()
    shelved = kept_segmenter(kept, jieba.Tokenizer())
    assert held(shelved) == 0, "nothing read before a text needs it"
    assert len(LINES) > 1000
    assert [segmented(shelved, line) for line in LINES] == whole
    assert 0 < held(shelved) < held(first)


def test_site_words_are_added_as_to_the_whole_dictionary(tmp_path):
    kept = (tmp_path / "dictionary.marshal", STAMP)
    kept_segmenter(kept, jieba.Tokenizer())
    shelved = kept_segmenter(kept, jieba.Tokenizer())
    with_synonyms = shelved.with_words(SYNONYMS)
    whole = whole_segmenter(SYNONYMS)
    lines = LINES[:3000] + ["申领社会保障卡要带居住证明", "用e社保办理"]
    assert [segmented(with_synonyms, line) for line in lines] == [
        segmented(whole, line) for line in lines
    ]
    assert "社会保障卡" in with_synonyms.for_text("申领社会保障卡").lcut("申领社会保障卡")
    assert "社会保障卡" not in shelved.for_text("申领社会保障卡").lcut("申领社会保障卡")


def damaged(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [b"", b"\x00garbage", data[:-1], data[:8] + b"\xff" * 64 + data[72:]]


def test_a_damaged_copy_is_not_used_and_is_made_again(tmp_path):
    kept = (tmp_path / "dictionary.marshal", STAMP)
    kept_segmenter(kept, jieba.Tokenizer())
    for damage in damaged(kept[0]):
        kept[0].write_bytes(damage)
        assert held(kept_segmenter(kept, jieba.Tokenizer())) > 400_000
        assert held(kept_segmenter(kept, jieba.Tokenizer())) == 0, "made again"


def test_a_copy_of_another_dictionary_file_is_not_used(tmp_path):
    path = tmp_path / "dictionary.marshal"
    kept_segmenter((path, STAMP), jieba.Tokenizer())
    assert held(kept_segmenter((path, [*STAMP[:-1], "other"]), jieba.Tokenizer())) > 400_000


def test_a_copy_damaged_while_in_use_gives_the_whole_dictionary_with_the_added_words(tmp_path):
    kept = (tmp_path / "dictionary.marshal", STAMP)
    kept_segmenter(kept, jieba.Tokenizer())
    shelved = kept_segmenter(kept, jieba.Tokenizer()).with_words(SYNONYMS)
    segmented(shelved, "申领社会保障卡要带居住证明")
    with open(kept[0], "r+b") as file:  # the shelves after the header, overwritten in place
        file.seek(-200_000, 2)
        file.write(b"\xff" * 200_000)
    whole = whole_segmenter(SYNONYMS)
    lines = LINES[:3000] + ["申领社会保障卡要带居住证明", "用e社保办理"]
    assert [segmented(shelved, line) for line in lines] == [
        segmented(whole, line) for line in lines
    ]
    assert held(shelved) > 400_000


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="lints as another user (root only)"
)
def test_a_second_user_of_a_shared_machine_lints_without_jiebas_traceback():
    """jieba keeps its dictionary's cache in the temporary folder as jieba.cache; another user's
    there (root's, on a shared CI machine) cannot be replaced in that sticky folder, and jieba
    printed "Dump cache file failed" with a traceback on the second user's first build (found by an
    operator trying guidekit)."""
    shared = Path(tempfile.mkdtemp(dir="/tmp", prefix="guidekit-shared-tmp-"))
    try:
        shared.chmod(0o1777)
        (shared / "jieba.cache").write_bytes(b"root's, unreadable to others")
        (shared / "jieba.cache").chmod(0o600)
        guides = shared / "guides"
        (guides / "zh-Hans").mkdir(parents=True)
        (guides / "zh-Hans" / "card.md").write_text(
            "---\ntitle: 申领社会保障卡\nsummary: 带身份证到网点办理，不收费。\nlang: zh-Hans\n---\n\n"
            "请带上居民身份证到社保服务网点办理。\n",
            "utf-8",
        )
        subprocess.run(["chown", "-R", "daemon", guides], check=True)
        linted = subprocess.run(
            ["setpriv", "--reuid=daemon", "--regid=daemon", "--clear-groups"]
            + [Path(sys.executable).with_name("guidekit"), "lint", guides],
            capture_output=True,
            text=True,
            env={**os.environ, "TMPDIR": str(shared), "HOME": str(shared)},
        )
        assert linted.returncode == 0, linted.stdout + linted.stderr
        assert "Traceback" not in linted.stderr and "Dump cache file failed" not in linted.stderr
    finally:
        shutil.rmtree(shared)
