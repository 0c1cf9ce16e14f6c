"""The build cache trusts content, not names (issue 24, items 2 and 5): a published or spare file
changed by hand is never published again, and a damaged cache file of any shape is ignored with a
warning.

Every build here is compared byte for byte with a clean ``--no-cache`` build of the same guides."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from guidekit.build import build
from guidekit.gate.cache import GateCache, ruleset
from guidekit.output.build_cache import cache_path
from guidekit.output.stage import Spare

from .conftest import guide, leftovers, snapshot, write_site

GUIDES = {
    f"zh-Hans/guide-{number}.md": guide(
        f"## 办理流程\n\n第 {number} 步，带上身份证。\n", title=f"申领第 {number} 种证件"
    )
    for number in range(6)
}
EDITED = "zh-Hans/guide-0.md"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_site(tmp_path / "guides", GUIDES)


def clean_build(source: Path, out: Path) -> dict[str, bytes | None]:
    assert build(source, out, check=False, cache=False).published
    return snapshot(out)


def edit_guide(source: Path, words: str) -> None:
    path = source / EDITED
    path.write_text(path.read_text("utf-8") + f"\n{words}\n", "utf-8")


def overwrite_in_place(path: Path, data: bytes) -> None:
    """Write into the file's own inode (as an editor saving in place does): every hard link to it
    sees the bytes."""
    with open(path, "r+b") as file:
        file.write(data)
        file.truncate()


def test_published_and_spare_files_changed_by_hand_never_survive_a_rebuild(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    edit_guide(source, "第一次修改。")
    build(source, out, check=False)
    spare = Spare.of(out).folder
    assert spare.is_dir(), "the third build stages into the spare"
    pages = sorted(f"zh-Hans/guide-{number}.html" for number in range(1, 6))

    same_size = out / pages[0]  # an edit of the same size, its modification time put back
    before = os.stat(same_size)
    data = same_size.read_bytes()
    overwrite_in_place(same_size, data.replace("身份证".encode(), "户口簿".encode(), 1))
    os.utime(same_size, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(same_size).st_size == before.st_size and same_size.read_bytes() != data
    truncated = out / pages[1]
    overwrite_in_place(truncated, truncated.read_bytes()[:100])
    replaced = out / pages[2]  # a new file in its place
    replaced.with_name("new.tmp").write_text("<p>replaced</p>", "utf-8")
    os.replace(replaced.with_name("new.tmp"), replaced)
    overwrite_in_place(
        spare / pages[3], b"garbage written into the spare"
    )  # the same inode as the published page
    (spare / pages[4]).unlink()
    (spare / pages[4]).write_bytes(b"garbage in a new file in the spare")
    (spare / "zh-Hans" / "extra.html").write_bytes(b"a file no build wrote")

    edit_guide(source, "第二次修改。")
    result = build(source, out, check=False)
    assert result.published and result.redone == result.guides, (
        "what was published is not trusted: all made again"
    )
    assert snapshot(out) == clean_build(source, tmp_path / "clean")
    assert leftovers(out) == []

    edit_guide(source, "第三次修改。")  # and the site and spare it left are sound to build on
    again = build(source, out, check=False)
    assert again.published and again.redone == 1
    assert snapshot(out) == clean_build(source, tmp_path / "clean-again")


def test_an_unchanged_site_is_trusted_without_making_anything_again(source, tmp_path):
    out = tmp_path / "site"
    build(source, out, check=False)
    os.utime(
        out / "zh-Hans" / "guide-1.html"
    )  # touched, not changed: its bytes still hash to the record
    edit_guide(source, "修改。")
    result = build(source, out, check=False)
    assert result.published and result.redone == 1
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def cache_files(out: Path) -> dict[str, Path]:
    folder = cache_path(out)
    return {
        "site.json": folder / "site.json",
        "guide entry": folder / "guides.jsonl",
        "spare note": Spare.of(out).note,
    }


@pytest.mark.parametrize(
    "damage",
    [
        lambda site: {**site, "groups": []},
        lambda site: {**site, "files": {"index.html": "not a record"}},
        lambda site: {**site, "token": 7},
        lambda site: "[" * 100_000 + "]" * 100_000,
        lambda site: {
            **site,
            "groups": {"around": {"key": "k", "pages": [[1, 2]], "files": {}, "findings": []}},
        },
    ],
    ids=["groups-a-list", "bad-file-record", "token-a-number", "nested-100000-deep", "bad-page"],
)
def test_a_damaged_site_json_is_ignored_with_a_warning(source, tmp_path, damage):
    out = tmp_path / "site"
    build(source, out, check=False)
    edit_guide(source, "修改。")
    build(source, out, check=False)
    site_file = cache_path(out) / "site.json"
    damaged = damage(json.loads(site_file.read_text("utf-8")))
    site_file.write_text(damaged if isinstance(damaged, str) else json.dumps(damaged), "utf-8")
    warned = []
    for number in range(2):  # every later build too
        result = build(source, out, check=False)
        assert result.published
        assert snapshot(out) == clean_build(source, tmp_path / f"clean-{number}")
        warned.append(
            [finding.file for finding in result.findings if finding.rule == "cache-damaged"]
        )
    assert warned == [[str(site_file)], []], (
        "reported once: the build after the damage rewrote the file"
    )


def test_a_damaged_guide_entry_is_ignored_with_a_warning_that_names_it(source, tmp_path):
    out = tmp_path / "site"  # no session: every build reads the cache from its files
    build(source, out, check=False)
    entry = cache_files(out)["guide entry"]
    lines = entry.read_text("utf-8").splitlines()
    lines[1] = '["zh-Hans/guide-1.md", "not a stamp"]'
    entry.write_text("\n".join(lines) + "\n", "utf-8")
    result = build(source, out, check=False)
    assert result.published
    assert [finding.file for finding in result.findings if finding.rule == "cache-damaged"] == [
        str(entry)
    ]
    assert "已损坏" in next(
        finding.message for finding in result.findings if finding.rule == "cache-damaged"
    )
    assert snapshot(out) == clean_build(source, tmp_path / "clean")
    assert not [
        finding
        for finding in build(source, out, check=False).findings
        if finding.rule == "cache-damaged"
    ]


def test_an_edit_appends_its_guide_and_a_line_cut_short_drops_the_lines_it_may_replace(
    source, tmp_path
):
    out = tmp_path / "site"  # no session: every build reads the cache from its files
    build(source, out, check=False)
    entries = cache_path(out) / "guides.jsonl"
    assert len(entries.read_text("utf-8").splitlines()) == len(GUIDES)
    for number in range(2):
        edit_guide(source, f"第 {number} 次修改。")
        assert build(source, out, check=False).redone == 1
    lines = entries.read_text("utf-8").splitlines()
    assert len(lines) == len(GUIDES) + 2, "each edit appended its guide's line"
    assert [json.loads(line)[0] for line in lines[-2:]] == [EDITED, EDITED]
    # a build killed while it appended: its line cut short, after a line it replaces
    edit_guide(source, "第三次修改。")
    entries.write_text("\n".join(lines) + "\n" + lines[-1][: len(lines[-1]) // 2], "utf-8")
    result = build(source, out, check=False)
    assert result.published and result.redone == len(GUIDES)
    assert [finding.file for finding in result.findings if finding.rule == "cache-damaged"] == [
        str(entries)
    ]
    assert snapshot(out) == clean_build(source, tmp_path / "clean")
    assert len(entries.read_text("utf-8").splitlines()) == len(GUIDES), "written anew"
    for number in range(2 * len(GUIDES)):
        edit_guide(source, f"再改第 {number} 次。")
        assert build(source, out, check=False).redone == 1
        assert len(entries.read_text("utf-8").splitlines()) <= 2 * len(GUIDES)
    assert snapshot(out) == clean_build(source, tmp_path / "clean-again")


# the fields of a line of guides.jsonl (cache_store._entry_to_json)
ENTRY_FIELDS = ["rel", "file", "stamp", "guide", "load findings", "key", "outcome", "search words"]


@pytest.mark.parametrize("words", ["{", '{"证件": true}', '{"证件": 1.5}', '{"证件": "1"}', "[]"])
def test_damaged_search_words_cost_a_rebuild_not_a_wrong_index(tmp_path, words):
    """A guide's search words are read only when its language's index is made again: found
    damaged then, the build starts again without the cache."""
    source = write_site(tmp_path / "guides", {**GUIDES, "guidekit.toml": "gallery = false\n"})
    out = tmp_path / "site"
    build(source, out, check=False)
    entries = cache_path(out) / "guides.jsonl"
    lines = entries.read_text("utf-8").splitlines()
    entry = json.loads(lines[1])  # a guide the edit below leaves alone
    assert entry[0] != EDITED and json.loads(entry[-1])
    lines[1] = json.dumps([*entry[:-1], words], ensure_ascii=False)
    entries.write_text("\n".join(lines) + "\n", "utf-8")
    edit_guide(source, "修改。")
    result = build(source, out, check=False)
    assert result.published and result.redone == len(GUIDES)  # every guide made again
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(
    which="guide entry", value=None, key="guide"
)  # a guide that "did not load", with no reason: it vanished
@example(which="guide entry", value=[[], [], []], key="outcome")  # steps that made no page
@given(
    which=st.sampled_from(["site.json", "guide entry", "spare note"]),
    value=json_values,
    key=st.sampled_from(
        [
            None,
            "groups",
            "files",
            "token",
            "outcome",
            "guide",
            "stamp",
            "written",
            "published",
            "format",
            "search words",
        ]
    ),
)
def test_random_json_in_any_cache_file_never_fails_a_build(tmp_path_factory, which, value, key):
    # no session: every build reads every cache file
    root = tmp_path_factory.mktemp("fuzz")
    source = write_site(root / "guides", GUIDES)
    out = root / "site"
    build(source, out, check=False)
    edit_guide(source, "修改。")
    build(source, out, check=False)
    target = cache_files(out)[which]
    if which == "guide entry":  # one line of it: an entry is a list of its fields
        lines = target.read_text("utf-8").splitlines()
        stored = json.loads(lines[1])  # a guide the edit below leaves alone
        if key is not None:
            stored[ENTRY_FIELDS.index(key) if key in ENTRY_FIELDS else -1] = value
        lines[1] = json.dumps(stored if key is not None else value)
        target.write_text("\n".join(lines) + "\n", "utf-8")
    else:
        stored = json.loads(target.read_text("utf-8"))
        damaged = value if key is None or not isinstance(stored, dict) else {**stored, key: value}
        target.write_text(json.dumps(damaged), "utf-8")
    edit_guide(source, "再修改。")
    result = build(source, out, check=False)
    assert result.published, [finding.message for finding in result.findings if finding.blocking]
    assert snapshot(out) == clean_build(source, root / "clean")
    shutil.rmtree(root)


@settings(max_examples=40, deadline=None)
@given(pages=json_values, page_entry=json_values)
def test_random_json_in_the_gate_cache_is_ignored(tmp_path_factory, pages, page_entry):
    root = tmp_path_factory.mktemp("gate")
    (root / "site").mkdir()
    (root / "site" / "a.html").write_text("<p>a</p>", "utf-8")
    path = root / "gate.json"
    for stored in (
        {"ruleset": ruleset(), "root_path": "/", "pages": pages},
        {"ruleset": ruleset(), "root_path": "/", "pages": {"a.html": page_entry}},
        pages,
    ):
        path.write_text(json.dumps(stored), "utf-8")
        cache = GateCache(path, root / "site", "/", None)
        assert cache.lookup("a.html") is None
    path.write_text("{" * 100_000, "utf-8")
    assert GateCache(path, root / "site", "/", None).damaged
