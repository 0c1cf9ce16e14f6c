"""Front matter written the way editors write it: YAML mistakes named for their real cause at the
line to change, with the fix, in the guide's language; Chinese values and plain-text lists
accepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidekit.messages import LANGUAGES, catalogue
from guidekit.source.load import load_guide

from .conftest import body_line, write_site

ASCII_WORDS = re.compile(r"\b(could|found|expected|mapping|scanning|while|block)\b")


def load(tmp_path: Path, fields: str, rel: str = "zh-Hans/card.md"):
    text = f"---\ntitle: 申领社会保障卡\n{fields}\nlang: zh-Hans\n---\n\n正文。\n"
    write_site(tmp_path, {rel: text})
    return text, load_guide(tmp_path / rel, rel, "zh-Hans")


@pytest.mark.parametrize(
    ("fields", "at", "says"),
    [
        (
            "summary: 带身份证办理。\nowner：青川市人社局",
            "owner：",
            "“owner”后面是中文冒号“：”。字段名后面要用英文冒号“:”再加一个空格，请改成：owner: "
            "青川市人社局",
        ),
        (
            "summary: 办理时间: 工作日",
            "summary:",
            '请给整个值加上英文双引号：summary: "办理时间: 工作日"',
        ),
        (
            "summary: 带身份证。\nsteps:\n  - title: 到网点\n\t  detail: 取号",
            "\t",
            "制表符（Tab 键）",
        ),
        ("summary: 带身份证。\nsteps: [到网点", "steps:", "“steps”的值以“[”开头"),
        ("summary: [草稿] 带身份证办理", "summary:", 'summary: "[草稿] 带身份证办理"'),
        ('summary: "带身份证办理', "summary:", '否则请补上配对的“"”'),
        # found by an editor following the README: told at the later line that held a quote
        (
            'summary: "带身份证去办”\nowner: 青川市人社局\nconsult: {phone: "12333"}',
            "summary:",
            '却用中文引号“””结尾。请把结尾也改成英文引号：summary: "带身份证去办"',
        ),
        (
            'summary: "带身份证去办\nowner: 青川市人社局\nconsult: {phone: "12333"}',
            "summary:",
            '否则请补上配对的“"”',
        ),
        (
            "summary: 带身份证。\nmaterials:\n  - name: 身份证\n - name: 户口簿",
            " - name: 户口簿",
            "列表的这一项缩进了 1 个空格，和上面的项（2 个空格）没有对齐",
        ),
        (
            "summary: 带身份证。\nmaterials:\n  - name: 身份证\n    form: 原件\n   copies: 1",
            "   copies",
            "这一行缩进了 3 个空格，和上面一行（4 个空格）没有对齐",
        ),
        (
            "summary 带身份证办理",
            "summary 带",
            "这一行（“summary 带身份证办理”）不是“字段: 值”的写法",
        ),
        ("summary:带身份证办理", "summary:带", "请改成：summary: 带身份证办理"),
        ("summary: 带身份证。\nowner:\u3000青川市公安局", "owner:", "全角空格"),
        (
            "summary: 带身份证。\nmaterials:\n\u3000\u3000- name: 身份证",
            "\u3000\u3000-",
            "全角空格",
        ),
        # an outside fuzzing run: a date that does not exist was "a number that is too long", at
        # the front matter's first line
        ("summary: 带身份证。\nlast_reviewed: 2026-02-30", "last_reviewed:", "日期不存在"),
        ("summary: 带身份证。\nowner: 甲\ncopies: " + "9" * 5000, "copies:", "太长的数字"),
        # an outside editor's audit: the items of guidekit new's example uncommented under the
        # empty list it wrote, at 4, 2 and 0 spaces
        (
            "summary: 带身份证。\nmaterials: []\n#   要带的材料，例如：\n    - {name: 居民身份证}",
            "materials:",
            "“materials”的冒号后面写了“[]”，下面又有“- ”开头的项",
        ),
        (
            "summary: 带身份证。\nmaterials: 无\n  - 居民身份证",
            "materials:",
            "请删掉冒号后面的“无”",
        ),
        ("summary: 带身份证。\nsteps: 无\n- 到网点取号\nowner: 甲", "steps:", "只留下 steps:"),
    ],
    ids=[
        "full-width-colon",
        "colon-in-value",
        "tab",
        "unclosed-bracket",
        "bracket-then-text",
        "unclosed-quote",
        "quote-closed-chinese",
        "quote-closed-lines-later",
        "list-item-indent",
        "field-indent",
        "no-colon",
        "no-space",
        "full-width-space-after-colon",
        "full-width-space-indent",
        "impossible-date",
        "number-too-long",
        "value-before-items-4",
        "value-before-items-2",
        "value-before-items-0",
    ],
)
def test_a_yaml_mistake_is_named_at_the_line_to_change_with_the_fix(tmp_path, fields, at, says):
    text, (guide, findings) = load(tmp_path, fields)
    assert guide is None
    # the fields around an unreadable value are still checked: copies is no field of a guide's own
    findings = [finding for finding in findings if finding.rule != "content-field-unknown"]
    assert [(f.rule, f.line) for f in findings] == [("content-yaml-syntax", body_line(text, at))]
    assert says in findings[0].message
    assert not ASCII_WORDS.search(findings[0].message)


def test_a_date_that_does_not_exist_hides_none_of_the_other_mistakes(tmp_path):
    """An outside editor mended one line a run: the date was said alone, and "visits: 很多次" only
    once it was right. Each value Python cannot hold is said at its line, and the other fields are
    still checked."""
    text, (guide, findings) = load(
        tmp_path,
        "summary: 带身份证。\nreview_by: 2027-13-01\nvisits: 很多次\n"
        "last_reviewed: 2026-02-30\ncopies: " + "9" * 5000,
    )
    assert guide is None
    assert sorted((f.line, f.message[:8]) for f in findings if f.blocking) == [
        (body_line(text, "review_by:"), "这一行的日期不存"),
        (body_line(text, "visits:"), "字段“visit"),
        (body_line(text, "last_reviewed:"), "这一行的日期不存"),
        (body_line(text, "copies:"), "信息块里有一个太"),
    ]


def test_every_front_matter_message_is_in_every_language():
    for key, texts in catalogue("errors").items():
        if key.startswith(("yaml-", "expect-")):
            assert set(texts) == set(LANGUAGES), key


def test_choices_are_listed_in_the_guide_language(tmp_path):
    write_site(tmp_path, {"zh-Hans/a.md": "---\ntitle: 甲\nsummary: 乙。\nlang: fr\n---\n"})
    _, findings = load_guide(tmp_path / "zh-Hans/a.md", "zh-Hans/a.md", "zh-Hans")
    assert findings[0].message == "字段“lang”的值不对：只能是 zh-Hans、zh-Hant、en 中的一个。"


def test_chinese_values_and_plain_text_items_are_understood(tmp_path):
    fields = (
        "summary: 带身份证。\nmaterials:\n  - 居民身份证\n  - name: 户口簿\n    form: 原件\n    "
        "copies: 一份\n"
        "  - name: 照片\n    form: 原件和复印件\n    copies: 2份\nsteps:\n  - "
        "到网点取号\nlegal_basis: 《社会保险法》"
    )
    _, (guide, findings) = load(tmp_path, fields)
    assert findings == []
    assert [(m.name, m.form, m.copies) for m in guide.meta.materials] == [
        ("居民身份证", None, None),
        ("户口簿", "original", 1),
        ("照片", "original-and-copy", 2),
    ]
    assert (
        guide.meta.steps[0].title == "到网点取号"
        and guide.meta.legal_basis[0].title == "《社会保险法》"
    )


def test_a_value_not_understood_gets_an_example(tmp_path):
    fields = "summary: 带身份证。\nmaterials:\n  - name: 户口簿\n    form: 正副本\n    copies: 若干"
    _, (_, findings) = load(tmp_path, fields)
    assert [f.message for f in findings] == [
        "字段“materials → 第 1 项 → form”的值不对：应该是 原件、复印件 或 原件和复印件（也可以写 "
        "original、copy、original-and-copy），例如 form: 原件。",
        "字段“materials → 第 1 项 → copies”的值不对：应该是份数，例如 copies: 1 或 copies: 一份。",
    ]


def test_a_misspelt_field_is_told_the_field_it_is_close_to(tmp_path):
    fields = "summary: 带身份证。\nmaterials:\n  - name: 租房合同\n    from: 复印件"
    text, (guide, findings) = load(tmp_path, fields)
    assert guide is not None
    assert [(f.rule, f.line, f.message) for f in findings] == [
        (
            "content-field-unknown",
            body_line(text, "from:"),
            "不认识字段“materials → 第 1 项 → from”，它不会显示在页面上。是不是想写“form”？",
        )
    ]


def test_a_misspelt_required_field_is_told_on_the_line_that_misspells_it(tmp_path):
    """``summery`` for ``summary``: the guide fails for the missing summary, told on the line the
    editor has to mend (not the title's), once; the same run names the other fields it does not
    know."""
    text, (guide, findings) = load(tmp_path, "summery: 带身份证办理。\nmatrials: [身份证]")
    assert guide is None
    assert sorted((f.rule, f.line, f.message) for f in findings) == [
        (
            "content-field-missing",
            body_line(text, "summery:"),
            "缺少必填字段“summary”：这一行写成了“summery”。请把“summery”改成“summary”。",
        ),
        (
            "content-field-unknown",
            body_line(text, "matrials:"),
            "不认识字段“matrials”，它不会显示在页面上。是不是想写“materials”？",
        ),
    ]


def test_a_misspelt_field_inside_an_item_is_told_where_it_is_written(tmp_path):
    text, (guide, findings) = load(
        tmp_path, "summary: 带身份证。\nmaterials:\n  - nmae: 户口簿\n    form: 原件"
    )
    assert guide is None
    assert [(f.rule, f.line, f.message) for f in findings] == [
        (
            "content-field-missing",
            body_line(text, "nmae:"),
            "缺少必填字段“materials → 第 1 项 → name”：这一行写成了“nmae”。请把“nmae”改成“name”。",
        )
    ]


def test_a_field_close_to_no_other_is_only_told_to_check_its_spelling(tmp_path):
    _, (_, findings) = load(tmp_path, "summary: 带身份证。\nremark: 备注")
    assert [f.message for f in findings] == ["不认识字段“remark”，它不会显示在页面上。请检查拼写。"]


def test_a_part_missing_a_field_is_told_to_add_it_there(tmp_path):
    """A fee written as a list, one with its amount misspelt and one without: one message for each
    missing amount, said for that item (not "every guide needs title, summary and lang"), none
    saying that fees should be text, and the misspelling named once."""
    text, (guide, findings) = load(
        tmp_path, "summary: 带身份证。\nfees: [{item: 护照费, amout: 120 元}, {item: 照片费}]"
    )
    assert guide is None
    line = body_line(text, "fees:")
    assert sorted((f.rule, f.line, f.message) for f in findings) == [
        (
            "content-field-missing",
            line,
            "缺少必填字段“fees → 第 1 项 → amount”：这一行写成了“amout”。请把“amout”改成“amount”。",
        ),
        (
            "content-field-missing",
            line,
            "缺少必填字段“fees → 第 2 项 → amount”。请在这一项里写上 amount。",
        ),
    ]


def test_yes_no_visits_and_dates_as_editors_write_them(tmp_path):
    fields = (
        "summary: 带身份证。\nbooking: 可以\npostal_delivery: 不能\nvisits: 跑一次\n"
        "steps:\n  - {title: 请家人陪同, optional: 是}\nlast_reviewed: 2026年10月15号"
    )
    _, (guide, findings) = load(tmp_path, fields)
    assert findings == []
    meta = guide.meta
    assert (meta.booking, meta.postal_delivery, meta.visits, meta.steps[0].optional) == (
        True,
        False,
        1,
        True,
    )
    assert meta.last_reviewed.isoformat() == "2026-10-15"
    _, (_, findings) = load(tmp_path, "summary: 带身份证。\nvisits: 2次\nbooking: 看情况")
    assert [f.message for f in findings] == [
        "字段“booking”的值不对：应该是 是 或 否（也可以写 true、false）。"
    ]


def test_a_yes_or_no_not_understood_is_told_in_the_guide_words(tmp_path):
    """A Chinese guide is told 是 or 否, as the README shows, not YAML's true or false."""
    write_site(
        tmp_path,
        {"zh-Hant/a.md": "---\ntitle: 甲\nsummary: 乙。\nlang: zh-Hant\nbooking: 看情況\n---\n"},
    )
    _, findings = load_guide(tmp_path / "zh-Hant/a.md", "zh-Hant/a.md", "zh-Hans")
    assert [f.message for f in findings] == [
        "欄位「booking」的值不對：應該是 是 或 否（也可以寫 true、false）。"
    ]


@pytest.mark.parametrize("dashes", ["———", "－－－", "——-", "—— —"])
@pytest.mark.parametrize("where", ["opening", "closing"])
def test_a_fence_typed_with_a_chinese_input_method_is_named_at_its_line(tmp_path, dashes, where):
    """Shift+- in a Chinese input method types ——, full width types －: the line the editor
    wrote as the fence is named, with what to type instead."""
    opening, closing = (dashes, "---") if where == "opening" else ("---", dashes)
    text = f"{opening}\ntitle: 甲\nsummary: 乙。\nlang: zh-Hans\n{closing}\n\n正文。\n"
    write_site(tmp_path, {"zh-Hans/a.md": text})
    guide, findings = load_guide(tmp_path / "zh-Hans/a.md", "zh-Hans/a.md", "zh-Hans")
    assert guide is None
    assert [(f.rule, f.line, f.message) for f in findings] == [
        (
            "content-fence-lookalike",
            1 if where == "opening" else 5,
            f"这一行“{dashes}”要当作信息块的分隔线，却是用中文输入法打的横线。分隔线要写三个英文减号："
            "---（先切换到英文输入法）。",
        )
    ]


def test_both_fences_typed_wrong_are_named_in_one_run_and_a_dash_value_is_yaml(tmp_path):
    write_site(
        tmp_path,
        {
            "zh-Hans/a.md": "———\ntitle: 甲\nsummary: 乙。\nlang: zh-Hans\n———\n\n正文。\n",
            "zh-Hans/b.md": "---\ntitle: 甲\nsummary: 乙。\nlang: zh-Hans\nfee_basis:\n- ——\n---\n",
        },
    )
    _, findings = load_guide(tmp_path / "zh-Hans/a.md", "zh-Hans/a.md", "zh-Hans")
    assert [(f.rule, f.line) for f in findings] == [
        ("content-fence-lookalike", 1),
        ("content-fence-lookalike", 5),
    ]
    guide, findings = load_guide(tmp_path / "zh-Hans/b.md", "zh-Hans/b.md", "zh-Hans")
    assert guide is not None and guide.meta.fee_basis == ["——"] and findings == []


def test_an_online_address_alone_is_the_online_entry_and_a_contact_list_is_told_its_shape(
    tmp_path,
):
    """``online: https://…`` is the address of the online entry; ``consult: [12333, 12345]`` is
    told how to write a contact, with an example, instead of 'write its sub-fields on the lines
    below'."""
    _, (guide, findings) = load(
        tmp_path, "summary: 带身份证。\nonline: https://example.gov.cn/shebao"
    )
    assert findings == [] and guide.meta.online.url == "https://example.gov.cn/shebao"
    _, (_, findings) = load(tmp_path, "summary: 带身份证。\nconsult: [12333, 12345]")
    assert [f.message for f in findings] == [
        '字段“consult”的值不对：应该写成 {phone: "12333", hours: 工作日 9:00—17:00}，'
        "电话号码加英文引号。"
    ]


def test_a_heading_written_above_the_closing_fence_is_not_lost_silently(tmp_path):
    """YAML takes '## 办理流程' for a comment: the section would vanish without a word."""
    text, (guide, findings) = load(tmp_path, "summary: 带身份证。\n## 办理流程\n# 这是说明")
    assert guide is not None
    assert [(f.rule, f.line, f.severity.value, f.message) for f in findings] == [
        (
            "content-front-matter-heading",
            body_line(text, "## 办理流程"),
            "warning",
            "“## 办理流程”写在了信息块里，会被当作注释，不会显示在页面上。正文和小标题要写在"
            "第 7 行的 --- 下面。",
        )
    ]


def test_a_contact_written_as_a_number_or_a_name_alone_is_understood(tmp_path):
    """``consult: 12333`` and ``complaints: 12345`` are phones, ``complaints: 市人社局监察科`` a
    name: both were refused with an example of consult's shape, said for complaints too (found
    by an editor following the README)."""
    _, (guide, findings) = load(
        tmp_path, "summary: 带身份证。\nconsult: 12333\ncomplaints: 12345（工作日）"
    )
    assert findings == [] and guide is not None
    assert (guide.meta.consult.phone, guide.meta.complaints.phone) == ("12333", "12345（工作日）")
    _, (guide, findings) = load(tmp_path, "summary: 带身份证。\ncomplaints: 市人社局监察科")
    assert findings == [] and guide is not None
    assert (guide.meta.complaints.name, guide.meta.complaints.phone) == ("市人社局监察科", None)
    _, (_, findings) = load(tmp_path, "summary: 带身份证。\ncomplaints: [12345]")
    assert [f.message for f in findings] == [
        '字段“complaints”的值不对：应该写成 {name: 青川市民服务热线, phone: "12345"}（受理投诉的'
        "单位和电话），电话号码加英文引号。"
    ]
