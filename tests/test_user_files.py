"""The files people write for a site, read one way (``user_files``): every mistake a finding at its
file and line in the editor's language, never a traceback; a guide's front matter read once."""

from __future__ import annotations

import datetime as dt

import pytest

from guidekit.component_registry import (
    ComponentSpecError,
    components_root,
    read_component,
    registry,
)
from guidekit.gate.waivers import WaiverError, load_waivers
from guidekit.lint.guides import lint_guide
from guidekit.lint.rules import LintSettings
from guidekit.source.glossary import GLOSSARY_FILE, load_glossary
from guidekit.source.load import load_guide
from guidekit.source.user_files import read_toml, read_yaml

from .conftest import body_line, guide, write_site

SPEC = """\
description:
  zh-Hans: 提示
  zh-Hant: 提示
  en: A hint
params:
  text: {type: string, required: true, description: The hint.}
examples:
  - name: default
    params: {text: 带上身份证。}
"""


def _component(tmp_path, text):
    folder = tmp_path / "hint"
    folder.mkdir()
    (folder / "component.yml").write_text(text, "utf-8")
    return read_component(folder)


def test_a_sound_component_spec_reads_as_its_component(tmp_path):
    component, findings = _component(tmp_path, SPEC)
    assert findings == []
    assert component is not None
    assert component.params["text"].required and component.description["en"] == "A hint"
    assert component.examples == [{"name": "default", "params": {"text": "带上身份证。"}}]


@pytest.mark.parametrize(
    ("change", "needle", "words"),
    [
        (("type: string", "type: text"), "type: text", "应该是 string、html、integer"),
        (("required: true", "requird: true"), "requird", "没有“params.text.requird”这一项"),
        (("required: true", "required: 是的"), "required: 是的", "true 或 false"),
        (("    params: {text", "    parms: {text"), "parms", "可以写：name, params"),
    ],
)
def test_a_wrong_component_spec_is_a_finding_at_its_line_in_chinese(
    tmp_path, change, needle, words
):
    text = SPEC.replace(*change)
    component, (finding,) = _component(tmp_path, text)
    assert component is None
    assert (finding.rule, finding.file) == ("component-spec", "components/hint/component.yml")
    assert finding.line == body_line(text, needle)
    assert words in finding.message


def test_a_component_spec_without_description_names_what_is_missing(tmp_path):
    _, (finding,) = _component(tmp_path, SPEC[SPEC.index("params:") :])
    assert finding.line == 1 and "缺少“description”" in finding.message


def test_a_component_spec_that_is_not_yaml_names_the_mistake(tmp_path):
    _, (finding,) = _component(tmp_path, SPEC.replace("zh-Hant: 提示", "zh-Hant：提示"))
    assert finding.line == 3 and "中文冒号" in finding.message


def test_the_registry_refuses_a_broken_spec_with_its_located_findings(tmp_path, monkeypatch):
    broken = tmp_path / "components"
    (broken / "hint").mkdir(parents=True)
    (broken / "hint" / "component.yml").write_text(SPEC.replace("type: string", "type: 文字"))
    monkeypatch.setattr("guidekit.component_registry.components_root", lambda: broken)
    registry.cache_clear()  # type: ignore[attr-defined]
    try:
        with pytest.raises(ComponentSpecError, match=r"components/hint/component.yml:6: "):
            registry()
    finally:
        monkeypatch.undo()
        registry.cache_clear()  # type: ignore[attr-defined]
    assert components_root().joinpath("steps").is_dir() and "steps" in registry()


def test_yaml_and_toml_give_the_same_path_to_line_map():
    yaml_doc = read_yaml("site_name:\n  en: Guides\nlint:\n  rules:\n    - a\n    - b\n")
    _, toml_places = read_toml('[site_name]\nen = "Guides"\n[lint]\nrules = ["a", "b"]\n')
    for places in (yaml_doc.lines, toml_places):
        assert places.line(("site_name", "en")) == 2
        assert places.line(("lint", "rules")) == 4
        assert places.line(("lint", "missing")) == 3  # where its parent is written
    assert yaml_doc.lines.line(("lint", "rules", 1)) == 6
    _, reviews = read_toml("[[review]]\na = 1\n[[review]]\nb = 2\n")
    assert (reviews.line(("review", 1, "b")), reviews.line(("review", 1, "c"))) == (4, 3)


def test_a_glossary_language_written_as_fields_is_a_finding_not_a_traceback(tmp_path):
    text = "- term: 社保\n  explanation: 保险。\n  lang: {zh-Hans: 1}\n"
    entries, (finding,) = load_glossary(write_site(tmp_path, {GLOSSARY_FILE: text}), "zh-Hans")
    assert entries == []
    assert (finding.rule, finding.line) == ("glossary-field-invalid", 3)
    assert "zh-Hans / zh-Hant / en" in finding.message


def test_the_linter_reads_the_front_matter_load_read_and_not_the_file_again(tmp_path):
    text = guide(fields="review_by: 2020-01-01\n")
    path = tmp_path / "card.md"
    path.write_text(text, "utf-8")
    loaded, _ = load_guide(path, "card.md", "zh-Hans")
    assert loaded is not None
    assert loaded.front_matter.line(("review_by",)) == body_line(text, "review_by")
    assert ("summary",) in {place for place, _, _ in loaded.front_matter.texts}
    path.unlink()  # what the linter says of the front matter comes from the loaded guide
    findings, _ = lint_guide(loaded, LintSettings(), dt.date(2026, 1, 1))
    overdue = [f for f in findings if f.line == body_line(text, "review_by")]
    assert overdue and all(f.file == "card.md" for f in overdue)


def test_a_wrong_waiver_names_each_field_and_its_line_in_chinese(tmp_path):
    text = '[[waiver]]\nrule = "axe:*"\nowner = "王芳"\nreason = "等新配色"\nexpires = "soon"\n'
    path = tmp_path / "guidekit-waivers.toml"
    path.write_text(text + '\n[[waiver]]\nrule = "axe:*"\ncolour = 1\n', "utf-8")
    with pytest.raises(WaiverError) as error:
        load_waivers(path, "zh-Hans")
    message = str(error.value)
    assert f"第 1 条豁免的 expires（第 {body_line(text, 'soon')} 行）：应该是日期" in message
    assert "第 2 条豁免的 colour（第 9 行）：不是豁免的字段" in message
    assert "第 2 条豁免的 owner（第 7 行）：没有写" in message
