"""Chinese guides: bureaucratic text must draw specific findings, plain text none."""

from __future__ import annotations

from lint_helpers import by_rule, line_of, lint_folder, located, write_guide

from guidekit.findings import Severity

# Written the way many real 办事指南 are: officialese, one-sentence paragraphs of 80+ characters.
BUREAUCRATIC = """
---
title: 住房公积金提取
summary: 申请人应当携带有效身份证件前往受理窗口提交申请，经审核符合条件的，予以办理。
lang: zh-Hans
owner: 青川市住房公积金管理中心
audience: [在青川市缴存住房公积金的职工]
materials:
  - name: 居民身份证
    form: original
time_limit: １５个工作日
fees: 不收费
places:
  - name: 青川市住房公积金管理中心
    address: 青川市人民路 8 号
    hours: 周一至周五 9:00—17:00
    holidays: 法定节假日不办公
consult: {phone: "12329"}
last_reviewed: 2026-10-01
review_by: 2027-04-01
---

## 办理依据

根据《住房公积金管理条例》及相关规定，缴存职工因购买、建造、翻建、大修自住住房，或者离休、退休，或者完全丧失劳动能力并与单位终止劳动关系的，可以向住房公积金管理中心申请提取职工住房公积金账户内的存储余额。

受理机关应当自受理申请之日起１５个工作日内作出准予提取或者不准提取的决定，并书面通知申请人，准予提取的，由受委托银行办理支付手续。

申请人逾期未补正材料的，视为撤回申请，不予受理。

款项收讫后出具回执。使用 CA 证书在网上提交的，无需到窗口办理。

欠缴的，按日加收万分之五的滞纳金，三十日内补缴。

本指南自2026年6月30日起施行，2026-07-01 以前的申请按原规定办理。

提取后可以用于支付医保费用。
"""

PLAIN = """
---
title: 申领老年人优待证
summary: 年满 60 岁的青川市居民，带身份证到社区服务中心申领优待证，不收费。
lang: zh-Hans
audience: [年满 60 岁、住在青川市的老人]
materials:
  - name: 居民身份证
    form: original
time_limit: 当场办好
item_kind: 即办件
fees: 不收费
places:
  - name: 各社区服务中心
    hours: 周一至周五 9:00—17:00
    holidays: 法定节假日不办公
consult: {phone: "12345"}
last_reviewed: 2026-10-01
review_by: 2027-04-01
---

优待证是给老人用的证件。有了它，坐公交车、进公园可以免费或少花钱。

## 怎么办

1. 带上身份证，到住处附近的社区服务中心。
2. 把身份证交给工作人员。
3. 当场拿到优待证。

家人也可以帮忙代办。代办的人要带上自己的身份证。

有问题可以打 12345。
"""


def test_bureaucratic_simplified_guide_draws_specific_findings(tmp_path):
    path = write_guide(tmp_path, "zh-Hans/gjj.md", BUREAUCRATIC)
    findings = lint_folder(tmp_path).findings

    long, very_long = by_rule(findings, "long-sentence"), by_rule(findings, "very-long-sentence")
    assert {finding.line for finding in long + very_long} == {
        line_of(path, "根据《住房公积金管理条例》"),
        line_of(path, "受理机关"),
    }
    assert all(
        finding.severity is Severity.ADVICE
        and finding.suggestion == "拆成两三个短句，每句只说一件事。"
        for finding in long
    )
    assert all(
        finding.severity is Severity.WARNING and "是上限 40 个字的两倍多" in finding.message
        for finding in very_long
    )
    assert long and very_long and "个字，超过 40 个字" in long[0].message
    assert by_rule(findings, "long-sentence-share")[0].severity is Severity.WARNING

    officialese = located(findings, "officialese")
    summary_line = line_of(path, "summary:")
    assert {
        (summary_line, "给"),
        (summary_line, "要"),
        (summary_line, "带"),
        (summary_line, "去"),
        (summary_line, "接收申请"),
        (summary_line, "交"),
    } <= officialese
    assert (summary_line, "写明是哪种证件，例如“居民身份证”") in officialese
    assert (line_of(path, "受理机关"), "从……那天起") in officialese
    assert (line_of(path, "受理机关"), "可以") in officialese
    assert {
        (line_of(path, "逾期"), "过期"),
        (line_of(path, "逾期"), "算作"),
        (line_of(path, "逾期"), "不"),
    } <= officialese
    assert (line_of(path, "收讫"), "开（证明）") in officialese
    assert (line_of(path, "相关规定"), "写明是什么规定") in officialese
    message = next(f.message for f in by_rule(findings, "officialese") if f.suggestion == "给")
    assert message == "“予以”是公文用语，读起来生硬，很多读者看不懂。 建议：给"

    assert located(findings, "uncommon-character") >= {
        (line_of(path, "收讫"), "换成用常用字写的说法；实在要用，就在后面用括号解释。")
    }
    assert "“讫”不在 3500 个常用字里" in by_rule(findings, "uncommon-character")[0].message
    assert {"欠缴", "补缴"} <= {
        finding.message.split("”")[0].lstrip("“") for finding in by_rule(findings, "rare-word")
    }

    assert located(findings, "undefined-abbreviation") == {
        (line_of(path, "医保费用"), "写一次全称，例如“医疗保险（医保）”或“医保就是医疗保险”。")
    }
    assert [(f.line, "CA" in f.message) for f in by_rule(findings, "undefined-acronym")] == [
        (line_of(path, "CA 证书"), True)
    ]

    assert located(findings, "number-width") == {
        (line_of(path, "time_limit:"), "15"),
        (line_of(path, "受理机关"), "15"),
    }
    assert located(findings, "date-style") == {(line_of(path, "2026-07-01"), "2026年7月1日")}
    assert [(f.line, "三十日" in f.message) for f in by_rule(findings, "number-style")] == [
        (line_of(path, "三十日内"), True)
    ]


def test_plain_simplified_guide_draws_nothing(tmp_path):
    write_guide(tmp_path, "zh-Hans/card.md", PLAIN)
    report = lint_folder(tmp_path)
    assert report.findings == []
    (summary,) = report.summaries
    assert (
        summary.lang == "zh-Hans"
        and summary.long_sentence_share == 0
        and summary.uncommon_character_share == 0
    )
    assert (
        summary.sentences == 9 and round(summary.average_sentence_length, 1) == 10.6
    )  # 95 characters in 9 sentences


TRADITIONAL = """
---
title: 申請低收入戶資格
summary: 申請人應當攜帶相關材料前往戶籍地鄉鎮公所提出申請，經審核符合資格者，予以核定。
lang: zh-Hant
audience: [家庭收入低於最低生活費的人]
materials: [{name: 身份證}]
time_limit: 30 個工作日
fees: 不收費
online: {url: "https://example.gov.tw/apply"}
consult: {phone: "1957"}
last_reviewed: 2026-10-01
review_by: 2027-04-01
---

申請人如對審核結果有異議，應當自收到通知之日起三十日內，以書面方式向原處分機關提出申復，逾期不予受理。
"""


def test_bureaucratic_traditional_guide_is_checked_after_conversion(tmp_path):
    path = write_guide(tmp_path, "zh-Hant/low-income.md", TRADITIONAL)
    findings = lint_folder(tmp_path).findings
    body_line = line_of(path, "如對審核結果")
    officialese = located(findings, "officialese")
    assert {
        (line_of(path, "summary:"), "給"),
        (line_of(path, "summary:"), "帶"),
        (line_of(path, "summary:"), "去"),
        (line_of(path, "summary:"), "戶口所在地"),
        (line_of(path, "summary:"), "寫明是哪些材料"),
    } <= officialese
    assert {(body_line, "過期"), (body_line, "接收申請"), (body_line, "從……那天起")} <= officialese
    words = {f.message.split("」")[0].lstrip("「") for f in by_rule(findings, "officialese")}
    assert {"予以", "攜帶", "戶籍地", "逾期", "受理"} <= words  # quoted as the editor wrote them
    (long,) = by_rule(findings, "long-sentence")
    assert long.line == body_line and long.suggestion == "拆成兩三個短句，每句只說一件事。"
    assert [f.line for f in by_rule(findings, "number-style")] == [body_line]


def test_plain_traditional_guide_draws_nothing(tmp_path):
    write_guide(
        tmp_path,
        "zh-Hant/card.md",
        """
        ---
        title: 申請敬老卡
        summary: 滿 65 歲的市民，帶身分證到區公所申請敬老卡，不收費。
        lang: zh-Hant
        audience: [滿 65 歲的市民]
        materials: [{name: 身分證}]
        time_limit: 當場辦好
        item_kind: 即辦件
        fees: 不收費
        places: [{name: 各區公所, hours: 週一至週五 8:30—17:30, holidays: 國定假日不開放}]
        consult: {phone: "1999"}
        last_reviewed: 2026-10-01
        review_by: 2027-04-01
        ---

        敬老卡可以用來坐公車和捷運，每個月有免費的點數。

        帶著身分證到住家附近的區公所，當場就能拿到卡。家人也可以幫忙代辦。
        """,
    )
    report = lint_folder(tmp_path)
    assert report.findings == []
    assert report.summaries[0].uncommon_character_share == 0


def test_everyday_words_of_public_services_are_neither_rare_nor_abbreviations(tmp_path):
    write_guide(
        tmp_path,
        "zh-Hans/a.md",
        "---\ntitle: 甲\nsummary: 乙。\nlang: zh-Hans\n---\n\n带上户口簿和社保卡。\n",
    )
    findings = lint_folder(tmp_path).findings
    assert (
        by_rule(findings, "rare-word") == [] and by_rule(findings, "undefined-abbreviation") == []
    )


def _written(tmp_path, rel: str, title: str, summary: str, body: str):
    """A guide in the language its folder names."""
    lang = rel.split("/")[0]
    return write_guide(
        tmp_path, rel, f"---\ntitle: {title}\nsummary: {summary}\nlang: {lang}\n---\n\n{body}\n"
    )


def test_a_guide_in_the_other_script_is_told_so_once_not_as_rare_characters(tmp_path):
    """A 繁體 guide saved as zh-Hans (or the reverse) is read aloud in the wrong voice and its
    silver page gets readings for every character: one warning says what to change, instead of a
    rare-character advice for each character."""
    traditional = _written(
        tmp_path,
        "zh-Hans/passport.md",
        "辦理護照",
        "帶身份證到出入境管理處辦理護照。",
        "請帶好身份證，到出入境管理處辦理護照。辦理時間是工作日。",
    )
    simplified = _written(
        tmp_path,
        "zh-Hant/card.md",
        "申领社会保障卡",
        "带身份证到社保服务网点办理，不收费。",
        "请带好身份证，到社保服务网点办理。",
    )
    findings = lint_folder(tmp_path).findings
    mismatches = by_rule(findings, "script-mismatch")
    assert [(f.file, f.line, f.severity) for f in mismatches] == [
        ("zh-Hans/passport.md", line_of(traditional, "title:"), Severity.WARNING),
        ("zh-Hant/card.md", line_of(simplified, "title:"), Severity.WARNING),
    ]
    assert mismatches[0].message.startswith("这篇指南标明是简体（lang: zh-Hans），但是用繁体字写的")
    assert "zh-Hant" in mismatches[0].message
    assert mismatches[1].message.startswith("這篇指南標明是繁體（lang: zh-Hant），但是用簡體字寫的")
    assert not by_rule(findings, "uncommon-character")
    assert not by_rule(findings, "uncommon-character-share")


def test_a_few_characters_of_the_other_script_are_not_a_wrong_script(tmp_path):
    """Names keep their own characters (a 繁體 shop sign quoted in a zh-Hans guide)."""
    _written(
        tmp_path,
        "zh-Hans/a.md",
        "申领社会保障卡",
        "带身份证到社保服务网点办理，不收费。",
        "网点在“國泰大廈”一楼，带好身份证，到窗口交给工作人员。工作人员会告诉您什么时候来拿卡。",
    )
    assert not by_rule(lint_folder(tmp_path).findings, "script-mismatch")


def test_english_punctuation_in_chinese_text_is_found_with_the_chinese_form(tmp_path):
    """An outside editor typed with the Chinese input method off and nothing was said: screen
    readers pause wrongly at half-width marks, and a sentence ended with . is not seen to end, so a
    paragraph of them counts as one long sentence. Numbers, times, addresses, English words and an
    ellipsis keep theirs."""
    path = write_guide(
        tmp_path,
        "zh-Hans/card.md",
        """
        ---
        title: 申领社会保障卡
        summary: 测试一下.
        lang: zh-Hans
        ---

        带身份证, 到窗口办理.办理时间:周一至周五(节假日除外)!

        请带居住证(Residence Permit).

        工本费 1,000 元，上午 9:00 开门，网址是 www.gov.cn，英文叫 Social Security Card, 可以代办……等等...
        """,
    )
    findings = by_rule(lint_folder(tmp_path).findings, "english-punctuation")
    assert [(f.line, f.suggestion, f.severity) for f in findings] == [
        (line_of(path, "summary:"), "测试一下。", Severity.WARNING),
        (
            line_of(path, "带身份证"),
            "带身份证，到窗口办理。办理时间：周一至周五（节假日除外）！",
            Severity.WARNING,
        ),
        (line_of(path, "请带居住证"), "请带居住证（Residence Permit）。", Severity.WARNING),
    ]
    assert findings[1].message.startswith(
        "“带身份证, 到窗口办理.办理时间:周一至周五(节假日除外)!”是中文"
    )
