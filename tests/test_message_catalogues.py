"""The message catalogues: each key once (YAML would silently keep the last of two), in every
language."""

from __future__ import annotations

import errno
import os
import re
import string
from importlib import resources

import pytest
import yaml

from guidekit.cli import say
from guidekit.component_registry import Problem as ParamProblem
from guidekit.component_registry import registry
from guidekit.exchange.report import exchange_text
from guidekit.findings import Finding
from guidekit.gate.formats import pages_line
from guidekit.gate.report import Problem as ReportProblem
from guidekit.lint.report import lint_text
from guidekit.messages import LANGUAGES, catalogue, error_text, fill, os_reason

CATALOGUES = sorted(
    entry.name
    for entry in resources.files("guidekit").joinpath("messages").iterdir()
    if entry.name.endswith(".yml")
)


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_key_is_written_once_in_every_language(name):
    root = yaml.compose(resources.files("guidekit").joinpath("messages", name).read_text("utf-8"))
    keys = [key.value for key, _ in root.value]
    assert sorted({key for key in keys if keys.count(key) > 1}) == []
    for key, value in root.value:
        languages = (
            [language.value for language, _ in value.value]
            if isinstance(value, yaml.MappingNode)
            else []
        )
        assert sorted(languages) == sorted(LANGUAGES), (name, key.value)


def test_a_system_reason_guidekit_has_no_words_for_keeps_the_systems():
    broken = OSError(errno.EPIPE, os.strerror(errno.EPIPE))
    assert os_reason(broken, "zh-Hans") == os.strerror(errno.EPIPE)
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "a.md")
    assert [os_reason(denied, lang) for lang in LANGUAGES] == [
        "没有权限",
        "沒有權限",
        "permission denied",
    ]


@pytest.mark.parametrize(("redone", "guides"), [(0, 1), (1, 2), (1, 1), (2, 5)])
def test_what_a_build_kept_reads_right_for_one_guide(redone, guides):
    """Not "None of the 1 guide changed; they…" nor "the 1 changed guides"."""
    said = say(
        "guides-redone" if redone else "guides-unchanged", "en", redone=redone, guides=guides
    )
    assert "1 guides" not in said and "of the 1 guide" not in said, said
    assert "1 changed guides" not in said, said


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("serve", "overlay-more"),
        ("ui", "short-materials-left-out"),
        ("ui", "short-places-left-out"),
    ],
)
def test_one_more_left_out_is_said_in_the_singular(name, key):
    text = catalogue(name)[key]["en"]
    said = fill(text, {"count": 1, "n": 1})
    assert said.startswith("1 more ") and not said.split(":")[0].endswith("s"), said


def test_lint_counts_one_piece_of_advice():
    said = lint_text("lint-failed", "en", guides=1, errors=1, warnings=1, advice=1)
    assert said == "Checked 1 guide: 1 problem to fix, 1 warning, 1 piece of advice.", said
    assert lint_text("lint-passed", "en", guides=2, warnings=0, advice=2).endswith(
        "0 warnings, 2 pieces of advice."
    )


def test_english_says_one_problem_and_two_problems():
    assert error_text("a11y-failed", "en", target="a.html", blocking=1).endswith(
        "1 problem to fix."
    )
    assert error_text("a11y-failed", "en", target="a.html", blocking=2).endswith(
        "2 problems to fix."
    )
    assert error_text("a11y-failed", "zh-Hans", target="a.html", blocking=1).endswith(
        "1 个必须修改的问题。"
    )


@pytest.mark.parametrize("name", [name.removesuffix(".yml") for name in CATALOGUES])
def test_a_counted_word_has_its_two_forms_and_names_a_field_every_language_has(name):
    for key, texts in catalogue(name).items():
        fields = {
            lang: {field for _, field, _, _ in string.Formatter().parse(text) if field}
            for lang, text in texts.items()
        }
        for _, field, spec, _ in string.Formatter().parse(texts["en"]):
            if spec and spec.startswith("|"):
                assert spec.count("|") == 2, (name, key, spec)
                assert all(field in named for named in fields.values()), (name, key, field)


@pytest.mark.parametrize(
    ("lang", "separator"), [("zh-Hans", "、"), ("zh-Hant", "、"), ("en", ", ")]
)
def test_a_list_inside_a_message_is_separated_the_way_its_language_separates(lang, separator):
    """A Chinese sentence lists with 、, an English one with a comma and a space."""
    seen = ReportProblem(Finding("axe:x", "m"), [("a.html", None), ("b.html", None)])
    assert f"a.html{separator}b.html" in str(pages_line(seen, lang))
    banner = registry()["notification-banner"]
    assert f"important{separator}success" in banner.describe(ParamProblem("choice", "type"), lang)
    unknown = banner.describe(ParamProblem("unknown", "colour"), lang)
    assert f"content{separator}title{separator}type" in unknown, unknown


# a counted word, then in the same clause a verb that agrees with it only in the plural (or the
# singular): "the {rows:|row|rows} below it belong", "none of the {rows:|row|rows} … was"
_VERB_AFTER_COUNT = re.compile(
    r"\{\w+:\|[^}]*\}[^.;:,()]*?\b(were|are|have|hold|belong|show|was|is|has|holds|belongs)\b"
)


@pytest.mark.parametrize("name", [name.removesuffix(".yml") for name in CATALOGUES])
def test_a_verb_after_a_counted_word_is_one_of_its_forms(name):
    """English said "none of the 1 row below it was imported" and "the 1 row below it belong to
    no item": a verb agreeing with a count goes into the count's forms ({rows:|row was|rows
    were}), and a form follows its number ("2 none of the records" is not English)."""
    for key, texts in catalogue(name).items():
        text = texts["en"]
        assert not _VERB_AFTER_COUNT.search(text), (name, key, text)
        assert not re.search(r"\b(none|all|every one|each) of the \{\w+:\|", text), (name, key)
        # the count is written before its form: "2 none of the records were"
        for _, _, spec, _ in string.Formatter().parse(text):
            for form in (spec or "").split("|")[1:]:
                assert not re.match(r"(the|none|all|every|each|a|an)\b", form), (name, key, form)


@pytest.mark.parametrize(
    ("key", "args"),
    [
        ("column-missing", {"element": "事项名称"}),
        ("table-column-missing", {"element": "实施编码"}),
        ("table-no-header", {"first": "实施编码", "second": "材料名称", "search": 5}),
    ],
)
def test_an_import_tells_one_row_in_the_singular(key, args):
    one = exchange_text(key, "en", rows=1, **args)
    two = exchange_text(key, "en", rows=2, **args)
    for said in (one, two):
        assert "of the 1 row" not in said and "1 rows" not in said, said
    assert re.search(r"\b1 row\b[^.]* was not imported", one), one
    assert re.search(r"\b2 rows\b[^.]* were not imported", two), two


def test_a_grid_page_tried_once_is_said_so():
    said = error_text("page-unchecked-grid", "en", reason="x", tries=1)
    assert "after 1 try." in said, said
