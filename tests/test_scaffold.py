"""``guidekit new`` and ``guidekit init``: safe file names, every field stubbed and explained, and a
new project that builds as it is."""

from __future__ import annotations

import datetime as dt
import re
import shlex

import pytest
import yaml

from guidekit import scaffold
from guidekit.messages import LANGUAGES
from guidekit.source.config import load_config
from guidekit.source.content_model import GuideMeta
from guidekit.source.load import load_guides

from .conftest import run_guidekit

TODAY = dt.date(2026, 6, 1)
# an example item in a field's note, as an editor would uncomment it
_COMMENTED_ITEM = re.compile(r"#\s+(?P<item>- .*)$")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("申领社会保障卡", "shenling-shehuibaozhang-ka"),
        ("Apply for a card!", "apply-for-a-card"),
        ("办理 ID 卡（2026）", "banli-id-ka-2026"),
        ("？！", "guide"),
        # jieba's dictionary is Simplified: a 繁體 title is cut into words as its Simplified
        # form is (it ran together as banlihuzhao)
        ("辦理護照", "banli-huzhao"),
        ("申領社會保障卡", "shenling-shehuibaozhang-ka"),
        # ... and spelled as it is: 銀行 a character at a time was yinxing (an outside tester)
        ("辦理銀行卡", "banli-yinhangka"),
        ("办理银行卡", "banli-yinhangka"),
    ],
)
def test_file_names_are_ascii_slugs(title, expected):
    assert scaffold.slug(title) == expected


def test_traditional_titles_get_pinyin_too():
    assert re.fullmatch(r"[a-z0-9-]+", scaffold.slug("申領社會保障卡"))
    assert scaffold.slug("申領社會保障卡").startswith("shen")


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_a_new_guide_has_every_field_explained_and_loads_cleanly(tmp_path, lang):
    path = scaffold.new_guide(tmp_path, "申领社会保障卡", lang, today=TODAY)
    assert path.parent == tmp_path / lang
    text = path.read_text("utf-8")
    front_matter = yaml.safe_load(text.split("---\n")[1])
    assert list(front_matter) == list(GuideMeta.model_fields)
    for name in GuideMeta.model_fields:
        note = scaffold.scaffold_text(f"field-{name}", lang).splitlines()[0]
        assert f"#   {note}" in text
    loaded = load_guides(tmp_path, "zh-Hans")
    assert loaded.findings == [] and len(loaded.guides) == 1
    assert loaded.guides[0].meta.title == "申领社会保障卡" and loaded.guides[0].meta.lang == lang
    assert loaded.guides[0].meta.review_by > loaded.guides[0].meta.last_reviewed == TODAY


@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_example_item_in_a_new_guide_loads_once_uncommented(tmp_path, lang, indent):
    """An editor who took the ``#`` off ``#     - {name: 居民身份证, …}`` (indented 4, 2 or 0
    spaces) under ``materials: []`` was told only that the front matter was written wrongly (an
    outside editor's audit)."""
    path = scaffold.new_guide(tmp_path, "申领社会保障卡", lang, today=TODAY)
    lines = path.read_text("utf-8").split("\n")
    examples = [number for number, line in enumerate(lines) if _COMMENTED_ITEM.match(line)]
    assert len(examples) >= 5
    for number in examples:
        field = next(line for line in reversed(lines[:number]) if not line.startswith("#"))
        uncommented = lines.copy()
        uncommented[number] = " " * indent + _COMMENTED_ITEM.match(lines[number])["item"]
        path.write_text("\n".join(uncommented), "utf-8")
        loaded = load_guides(tmp_path, lang)
        assert loaded.findings == [], (uncommented[number], loaded.findings)
        assert len(getattr(loaded.guides[0].meta, field.split(":")[0])) == 1


def test_guidance_is_in_the_language_of_the_guide(tmp_path):
    assert "辦理對象" in scaffold.new_guide(tmp_path, "申領", "zh-Hant").read_text("utf-8")
    assert "Who it is for" in scaffold.new_guide(tmp_path, "Apply", "en").read_text("utf-8")


def test_titles_that_need_quoting_stay_intact(tmp_path):
    title = 'Card: "new" # 1'
    path = scaffold.new_guide(tmp_path, title, "en")
    assert load_guides(tmp_path, "en").guides[0].meta.title == title
    assert path.name == "card-new-1.md"


def test_new_never_overwrites_a_guide(tmp_path):
    source = tmp_path / "guides"
    first = run_guidekit("new", "申领社会保障卡", "--source", source)
    second = run_guidekit("new", "申领社会保障卡", "--source", source)
    assert first.exit_code == second.exit_code == 0
    assert sorted(path.name for path in (source / "zh-Hans").iterdir()) == [
        "shenling-shehuibaozhang-ka-2.md",
        "shenling-shehuibaozhang-ka.md",
    ]
    assert "shenling-shehuibaozhang-ka-2.md" in second.stderr


@pytest.mark.parametrize(
    ("title", "lang", "said"), [("", "zh-Hans", "请写出"), ("  ", "en", "Give")]
)
def test_new_without_a_title_writes_nothing_and_says_what_to_write(tmp_path, title, lang, said):
    source = tmp_path / "guides"
    outcome = run_guidekit("new", title, "--source", source, "--lang", lang)
    assert outcome.exit_code == 2 and said in outcome.stderr, outcome.stderr
    assert not source.exists()


@pytest.mark.parametrize(
    ("typed", "lang", "title", "said"),
    [
        ("办理护照", "zh-Hant", "辦理護照", "標題寫成了繁體字：辦理護照。"),
        ("辦理護照", "zh-Hans", "办理护照", "标题写成了简体字：办理护照。"),
        ("办理护照", "zh-Hans", "办理护照", None),
    ],
)
def test_a_new_guides_title_is_written_in_its_languages_characters(
    tmp_path, typed, lang, title, said
):
    """A zh-Hant guide kept the Simplified title the editor's input method typed (an outside
    editor's walkthrough)."""
    source = tmp_path / "guides"
    outcome = run_guidekit("new", typed, "--source", source, "--lang", lang)
    [path] = (source / lang).iterdir()
    assert f'title: "{title}"' in path.read_text("utf-8")
    assert (said in outcome.stderr) if said else ("字：" not in outcome.stderr), outcome.stderr


def test_new_uses_the_sites_default_language(tmp_path):
    source = tmp_path / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text('default_lang = "en"\n')
    assert run_guidekit("new", "Renew a permit", "--source", source).exit_code == 0
    assert (source / "en" / "renew-a-permit.md").is_file()


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_an_initialised_project_refuses_its_placeholder_until_edited_and_publishes_no_gallery(
    tmp_path, lang
):
    project = tmp_path / "project"
    outcome = run_guidekit("init", project, "--lang", lang)
    assert outcome.exit_code == 0, outcome.stderr
    source = project / "guides"
    assert {path.name for path in source.iterdir()} == {"guidekit.toml", "glossary.yml", lang}
    assert (project / ".gitignore").read_text("utf-8").splitlines() == [
        "/site/",
        "/.site.*",
        "/.guidekit-preview/",
        ".guidekit-cache/",
    ]
    config, findings = load_config(source)
    assert findings == [] and config.default_lang == lang and config.gallery is False
    assert "\ngallery = false\n" in (source / "guidekit.toml").read_text("utf-8")
    assert yaml.safe_load((source / "glossary.yml").read_text("utf-8"))  # two example terms
    # the untouched placeholder is refused before any browser starts, naming the summary's line
    refused = run_guidekit("build", source, "--out", project / "site", "--format", "json")
    assert refused.exit_code == 1, refused.stdout
    (guide,) = (source / lang).iterdir()
    summary_line = (
        guide.read_text("utf-8")
        .split("\n")
        .index(
            next(
                line for line in guide.read_text("utf-8").split("\n") if line.startswith("summary:")
            )
        )
        + 1
    )
    blocking = [
        (f["rule"], f["line"]) for f in refused.report["findings"] if f["severity"] == "error"
    ]
    assert blocking == [("content-unfinished", summary_line)]
    assert not (project / "site").exists()
    # a preview shows it as a warning
    preview = run_guidekit(
        "build", source, "--out", project / "preview", "--no-check", "--format", "json"
    )
    assert preview.exit_code == 0 and {
        f["rule"] for f in preview.report["findings"] if f["severity"] == "warning"
    } == {"content-unfinished"}
    # once the summary and title are written, it builds, and the developers' gallery is not
    # published
    text = guide.read_text("utf-8")
    summary = (
        "带身份证到窗口办理，不收费。"
        if lang == "zh-Hans"
        else "Bring your ID card to the counter; it is free."
    )
    text = re.sub(r"(?m)^summary: .*$", f"summary: {summary}", text)
    guide.write_text(
        re.sub(
            r"(?m)^title: .*$",
            "title: 申领居住证" if lang == "zh-Hans" else "title: Apply for a permit",
            text,
        ),
        "utf-8",
    )
    built = run_guidekit(
        "build", source, "--out", project / "site", "--no-check", "--format", "json"
    )
    assert built.exit_code == 0, built.stdout
    assert [
        finding for finding in built.report["findings"] if finding["severity"] != "advice"
    ] == []
    assert not (project / "site" / "components").exists()
    assert "components/" not in (project / "site" / "index.html").read_text("utf-8")


def test_init_refuses_to_overwrite_a_project(tmp_path):
    assert run_guidekit("init", tmp_path).exit_code == 0
    before = (tmp_path / "guides" / "guidekit.toml").read_text("utf-8")
    again = run_guidekit("init", tmp_path)
    assert again.exit_code == 1 and "guidekit.toml" in again.stderr and "已经存在" in again.stderr
    assert (tmp_path / "guides" / "guidekit.toml").read_text("utf-8") == before


def test_the_commands_init_and_build_suggest_can_be_pasted_into_a_shell(tmp_path):
    project = tmp_path / "我的 站点"
    created = run_guidekit("init", project)
    assert created.exit_code == 0
    said = " ".join(created.stderr.split())  # rich may wrap a long line
    quoted = shlex.quote(str(project / "guides"))
    assert f"guidekit serve {quoted}；" in said, said
    assert f"guidekit build {quoted} --out {shlex.quote(str(project / 'site'))}" in said
    guide = next((project / "guides" / "zh-Hans").glob("*.md"))
    text = guide.read_text("utf-8").replace("第一篇办事指南", "办理居住证")
    guide.write_text(re.sub(r"(?m)^summary: .*$", "summary: 带身份证到网点办理。", text), "utf-8")
    built = run_guidekit("build", project / "guides", "--out", project / "out dir")
    assert built.exit_code == 0, built.stderr
    assert f"http.server -d {shlex.quote(str(project / 'out dir'))} 8000" in " ".join(
        built.stderr.split()
    ), built.stderr
    plain = run_guidekit("init", tmp_path / "站点")
    assert f"guidekit serve {tmp_path / '站点' / 'guides'}；" in " ".join(plain.stderr.split())


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        ("guides/zh-Hans", "shenling-jumin-zheng.md"),
        ("guides", "zh-Hans/shenling-jumin-zheng.md"),
        (".", "guides/zh-Hans/shenling-jumin-zheng.md"),
        ("guides/en", "../zh-Hans/shenling-jumin-zheng.md"),
    ],
)
def test_new_names_the_guide_from_where_the_editor_stands(tmp_path, monkeypatch, where, shown):
    (tmp_path / "guides" / "zh-Hans").mkdir(parents=True)
    (tmp_path / "guides" / "en").mkdir()
    (tmp_path / "guides" / "guidekit.toml").write_text('default_lang = "zh-Hans"\n')
    monkeypatch.chdir(tmp_path / where)
    created = run_guidekit("new", "申领居民证")
    assert created.exit_code == 0, created.stderr
    assert (tmp_path / "guides" / "zh-Hans" / "shenling-jumin-zheng.md").is_file()
    assert f"已新建指南：{shown}。" in "".join(created.stderr.split()), created.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_before_or_after_the_command_picks_the_site_and_guide_language(tmp_path, where):
    """``guidekit --lang en init demo`` made a Chinese site and said so in Chinese: --lang before
    the command's name counted for its help only."""
    order = ["--lang", "en", "init", tmp_path / "demo"]
    outcome = run_guidekit(*(order if where == "before" else [*order[2:], *order[:2]]))
    assert outcome.exit_code == 0 and "Created the site" in outcome.stderr, outcome.stderr
    assert (tmp_path / "demo/guides/en").is_dir() and not (
        tmp_path / "demo/guides/zh-Hans"
    ).exists()
    new = ["--lang", "en", "new", "Renew a card", "--source", tmp_path / "demo/guides"]
    assert run_guidekit(*new).exit_code == 0
    assert len(list((tmp_path / "demo/guides/en").glob("*.md"))) == 2
