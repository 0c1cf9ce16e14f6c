"""Conformance evidence: the standards map, honest verdicts, the statement pages, openacr.yaml and
earl.jsonld.

These tests need no browser; the gate's own run on the statement pages is in
test_conformance_gate.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup

from guidekit.build import build
from guidekit.conformance import (
    EARL_FILE,
    OPENACR_FILE,
    Evidence,
    SitePage,
    evidence,
    load_reviews,
    render_statements,
    report_files,
    standards_map,
    verdicts,
)
from guidekit.conformance.reviews import Review
from guidekit.findings import Finding
from guidekit.gate import color_schemes, reading, silver
from guidekit.gate.axe import axe_directory
from guidekit.gate.waivers import Waiver
from guidekit.source.config import SiteConfig
from guidekit.theme import SILVER

from .conftest import REPO, guide, run_guidekit, write_site

# WCAG 2.2 Level A and AA, as GSA's OpenACR catalogue 2.5-edition-wcag-2.2-en lists them (4.1.1
# included)
LEVEL_A = [
    "1.1.1",
    "1.2.1",
    "1.2.2",
    "1.2.3",
    "1.3.1",
    "1.3.2",
    "1.3.3",
    "1.4.1",
    "1.4.2",
    "2.1.1",
    "2.1.2",
    "2.1.4",
    "2.2.1",
    "2.2.2",
    "2.3.1",
    "2.4.1",
    "2.4.2",
    "2.4.3",
    "2.4.4",
    "2.5.1",
    "2.5.2",
    "2.5.3",
    "2.5.4",
    "3.1.1",
    "3.2.1",
    "3.2.2",
    "3.2.6",
    "3.3.1",
    "3.3.2",
    "3.3.7",
    "4.1.1",
    "4.1.2",
]
LEVEL_AA = [
    "1.2.4",
    "1.2.5",
    "1.3.4",
    "1.3.5",
    "1.4.3",
    "1.4.4",
    "1.4.5",
    "1.4.10",
    "1.4.11",
    "1.4.12",
    "1.4.13",
    "2.4.5",
    "2.4.6",
    "2.4.7",
    "2.4.11",
    "2.5.7",
    "2.5.8",
    "3.1.2",
    "3.2.3",
    "3.2.4",
    "3.3.3",
    "3.3.4",
    "3.3.8",
    "4.1.3",
]
# OpenACR's terms (catalog/data/terms.yaml)
OPENACR_LEVELS = {
    "supports",
    "partially-supports",
    "does-not-support",
    "not-applicable",
    "not-evaluated",
}
EARL_MODES = {"earl:automatic", "earl:manual", "earl:semiAuto"}
EARL_OUTCOMES = {
    "earl:passed",
    "earl:failed",
    "earl:cantTell",
    "earl:inapplicable",
    "earl:untested",
}
DAY = dt.date(2026, 11, 28)
PAGES = [
    SitePage("zh-Hans/a.html", "standard", "zh-Hans"),
    SitePage("silver/zh-Hans/a.html", "silver", "zh-Hans"),
]
WAIVER = Waiver(
    rule="axe:color-contrast",
    page="silver/*",
    owner="王芳",
    reason="等设计组换新配色",
    expires=dt.date(2027, 1, 31),
)


def make(
    *, checked: bool = True, waivers=(), reviews=(), config: SiteConfig | None = None
) -> Evidence:
    return evidence(
        config or SiteConfig(), PAGES, date=DAY, checked=checked, waivers=waivers, reviews=reviews
    )


def review(criterion: str, result: str, **more) -> Review:
    return Review(
        criterion=criterion, result=result, reviewer="李明", date=dt.date(2026, 11, 20), **more
    )


def levels(found: Evidence) -> dict[str, str]:
    return {verdict.criterion.number: verdict.level for verdict in verdicts(found)}


# --- the standards map ---


def test_the_map_covers_every_wcag_22_a_and_aa_criterion_with_its_level_titles_and_standards():
    known = standards_map()
    numbers = {criterion.number: criterion for criterion in known.criteria}
    assert {n for n, c in numbers.items() if c.level == "A"} == set(LEVEL_A)
    assert {n for n, c in numbers.items() if c.level == "AA"} == set(LEVEL_AA)
    assert {n for n, c in numbers.items() if c.level == "AAA"} >= {
        "1.4.6",
        "1.4.8",
        "2.5.5",
    }  # silver's targets (the README's "Silver pages" table)
    for criterion in known.criteria:
        assert set(criterion.titles) == {"zh-Hans", "zh-Hant", "en"} and all(
            criterion.titles.values()
        ), criterion.number
        assert set(criterion.miit) <= set(known.miit), criterion.number
        if (
            criterion.gbt_37668 is not None
        ):  # named by topic; no clause number is claimed without checking it
            assert criterion.gbt_37668["topic"] and criterion.gbt_37668["uncertain"] is True
        else:
            assert criterion.since in {"2.1", "2.2"}  # GB/T 37668-2019 follows WCAG 2.0
    assert all(topic["uncertain"] is True for topic in known.miit.values())


def _axe_rules_the_gate_runs() -> dict[str, list[str]]:
    """axe-core's own metadata (axe.getRules) for the silver tags, a superset of the standard ones:
    rule -> criteria."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed to read axe-core's rule metadata")
    script = """
const axe = require(process.argv[1] + '/axe.js');
const rules = axe.getRules(JSON.parse(process.argv[2])).filter(r => !r.tags.includes('experimental'));
console.log(JSON.stringify(Object.fromEntries(rules.map(r => [r.ruleId,
  r.tags.filter(t => /^wcag\\d{3,}$/.test(t)).map(t => t[4] + '.' + t[5] + '.' + t.slice(6))]))));
"""
    result = subprocess.run(
        [node, "-e", script, str(axe_directory()), json.dumps(list(SILVER.axe_tags))],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _guidekit_rules() -> set[str]:
    """guidekit's own rules, from the gate's code (and the page budget's, which the build
    applies)."""
    files = [
        *(REPO / "builder" / "gate").glob("*.py"),
        REPO / "builder" / "site" / "page_weight.py",
    ]
    code = "\n".join(path.read_text("utf-8") for path in files)
    return (
        # a name ending in "-" is the prefix of rules named below (guidekit:dark-, axe.violations)
        {rule for rule in re.findall(r'"(guidekit:[a-z-]+)"', code) if not rule.endswith("-")}
        | {f"guidekit:silver-{check}" for check in silver.CRITERIA}
        | {f"guidekit:standard-{check}" for check in silver.STANDARD_CHECKS}
        | {f"guidekit:{check}" for check in reading.CRITERIA}
        | {
            f"guidekit:dark-{rule}"
            for theme in ("standard", "silver")
            for rule in color_schemes.contrast_rules(theme)
        }
        | {f"guidekit:{scheme}-focus-visible" for scheme in color_schemes.SCHEMES}
    )


def test_every_rule_the_gate_runs_is_mapped_and_axe_rules_sit_under_the_criteria_axe_tags_them_with():
    known = standards_map()
    axe_rules = _axe_rules_the_gate_runs()
    assert len(axe_rules) > 80
    ran = {f"axe:{rule}" for rule in axe_rules} | _guidekit_rules()
    assert ran - known.mapped_rules() == set()
    for rule, tagged in axe_rules.items():
        mapped = {criterion.number for criterion in known.criteria_of_rule(f"axe:{rule}")}
        assert mapped == set(tagged), rule
        assert tagged or f"axe:{rule}" in known.other_rules, rule
    assert known.mapped_rules() - ran == set()  # nothing mapped that the gate no longer runs


def test_the_criteria_the_gate_decides_fully_are_few_have_reasons_and_rules_that_test_them():
    known = standards_map()
    assert 0 < len(known.decided) <= 8
    for number, decision in known.decided.items():
        criterion = known.criterion(number)
        assert criterion is not None and len(decision.reason) > 60
        assert set(decision.rules) <= set(criterion.rules) and set(decision.themes) <= set(
            criterion.themes
        )


# --- honest verdicts ---


def test_a_criterion_without_a_deciding_check_or_a_review_is_not_evaluated_never_supports():
    found = levels(make())
    known = standards_map()
    for criterion in known.criteria:
        if criterion.number not in known.decided:
            assert found[criterion.number] == "not-evaluated", criterion.number
    assert (
        found["1.2.1"] == "not-evaluated" and found["3.3.7"] == "not-evaluated"
    )  # no check covers them at all
    assert found["1.4.3"] == "not-evaluated"  # axe checks contrast, but cannot decide it alone
    assert found["3.1.1"] == "supports"  # the gate decides it
    assert set(levels(make(checked=False)).values()) == {
        "not-evaluated"
    }  # no gate, no automated evidence


def test_reviews_and_waivers_decide_what_the_gate_cannot():
    found = levels(
        make(
            reviews=[
                review("1.3.1", "supports"),
                review("1.2.1", "not-applicable"),
                review("1.4.3", "supports"),
            ],
            waivers=[WAIVER],
        )
    )
    assert found["1.3.1"] == "supports" and found["1.2.1"] == "not-applicable"
    assert (
        found["1.4.3"] == "partially-supports"
    )  # a known problem outweighs a review that says supports
    assert (
        levels(make(waivers=[WAIVER], reviews=[review("1.4.3", "does-not-support")]))["1.4.3"]
        == "does-not-support"
    )
    # a review of one theme leaves the other not evaluated
    assert (
        levels(make(reviews=[review("1.3.1", "supports", theme="silver")]))["1.3.1"]
        == "not-evaluated"
    )
    # the newest review counts
    newer = Review(
        criterion="1.3.1", result="partially-supports", reviewer="王芳", date=dt.date(2026, 11, 25)
    )
    assert (
        levels(make(reviews=[newer, review("1.3.1", "supports")]))["1.3.1"] == "partially-supports"
    )
    expired = WAIVER.model_copy(update={"expires": DAY})
    assert (
        levels(make(waivers=[expired]))["1.4.3"] == "not-evaluated"
    )  # no longer accepted: not a known problem


# --- the three outputs ---


def test_openacr_has_the_fields_catalogue_and_levels_the_format_requires():
    report = yaml.safe_load(report_files(make(reviews=[review("1.3.1", "supports")]))[OPENACR_FILE])
    for field in (
        "title",
        "product",
        "author",
        "report_date",
        "catalog",
        "chapters",
        "notes",
        "evaluation_methods_used",
    ):
        assert report[field], field
    assert report["product"]["name"] and report["author"]["name"]
    assert report["catalog"] == "2.5-edition-wcag-2.2-en" and report["report_date"] == "2026-11-28"
    chapters = report["chapters"]
    assert set(chapters) == {
        "success_criteria_level_a",
        "success_criteria_level_aa",
        "success_criteria_level_aaa",
    }
    listed = {
        chapter: [entry["num"] for entry in chapters[chapter]["criteria"]] for chapter in chapters
    }
    assert (
        listed["success_criteria_level_a"] == LEVEL_A
        and listed["success_criteria_level_aa"] == LEVEL_AA
    )
    by_number = {}
    for chapter in chapters.values():
        for entry in chapter["criteria"]:
            assert [component["name"] for component in entry["components"]] == ["web"]
            adherence = entry["components"][0]["adherence"]
            assert adherence["level"] in OPENACR_LEVELS and adherence["notes"]
            by_number[entry["num"]] = adherence
    assert (
        "Reviewed by 李明 on 2026-11-20" in by_number["1.3.1"]["notes"]
        and by_number["1.3.1"]["level"] == "supports"
    )
    assert "Decided by the gate" in by_number["3.1.1"]["notes"]
    assert "GB/T 37668-2019: 可感知性 — 可辨别 (uncertain)" in by_number["1.4.3"]["notes"]


def test_earl_is_json_ld_with_a_mode_on_every_assertion_one_per_criterion_per_page():
    found = make(reviews=[review("1.3.1", "supports")])
    findings = [
        Finding(
            rule="guidekit:link-purpose",
            message="…",
            wcag="2.4.4",
            page="zh-Hans/a.html",
            theme="standard",
            severity="warning",
        )
    ]
    document = json.loads(report_files(found, findings)[EARL_FILE])
    assert (
        set(document["@context"]) >= {"earl", "dct"}
        and document["@context"]["earl"] == "http://www.w3.org/ns/earl#"
    )
    assertions = [node for node in document["@graph"] if node.get("@type") == "earl:Assertion"]
    ids = {node["@id"] for node in document["@graph"] if "@id" in node}
    for node in assertions:
        assert node["earl:mode"]["@id"] in EARL_MODES
        assert (
            node["earl:result"]["earl:outcome"]["@id"] in EARL_OUTCOMES
            and node["earl:result"]["dct:date"] == "2026-11-28"
        )
        assert {
            node["earl:subject"]["@id"],
            node["earl:test"]["@id"],
            node["earl:assertedBy"]["@id"],
        } <= ids
    per_page = {}
    for node in assertions:
        per_page.setdefault(node["earl:subject"]["@id"], {})[node["earl:test"]["@id"]] = node
    pages = {page.site_path for page in found.pages}
    assert {subject.removeprefix("../") for subject in per_page} == pages
    aaa = sum(1 for criterion in standards_map().criteria if criterion.level == "AAA")
    assert (
        len(per_page["../zh-Hans/a.html"]) == len(standards_map().criteria) - aaa
    )  # AAA: silver pages only
    assert len(per_page["../silver/zh-Hans/a.html"]) == len(standards_map().criteria)
    page = per_page["../zh-Hans/a.html"]
    outcome = {
        key: (node["earl:result"]["earl:outcome"]["@id"], node["earl:mode"]["@id"])
        for key, node in page.items()
    }
    assert outcome["WCAG22:language-of-page"] == ("earl:passed", "earl:automatic")
    assert outcome["WCAG22:info-and-relationships"] == ("earl:passed", "earl:manual")
    assert outcome["WCAG22:contrast-minimum"] == (
        "earl:cantTell",
        "earl:automatic",
    )  # checked, not decided
    assert outcome["WCAG22:redundant-entry"] == (
        "earl:cantTell",
        "earl:manual",
    )  # no check covers it
    assert outcome["WCAG22:link-purpose-in-context"] == (
        "earl:cantTell",
        "earl:automatic",
    )  # a warning


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        (
            "https://example.gov.cn/qc/",
            "https://example.gov.cn/qc/zh-Hans/%E5%B1%85%E4%BD%8F%20%E8%AF%81.html",
        ),
        (None, "../zh-Hans/%E5%B1%85%E4%BD%8F%20%E8%AF%81.html"),
    ],
)
def test_earl_names_a_page_with_a_space_or_chinese_in_its_file_name_by_a_valid_iri(
    base_url, expected
):
    """A guide file named 居住 证.md: the page's @id in earl.jsonld was written as it stands
    (".../zh-Hans/居住 证.html"), and an IRI has no spaces, so a JSON-LD processor took the page for
    another or refused it; the canonical link and the sitemap already percent-encoded the same
    address. Now the @id is the address they give."""
    page = SitePage("zh-Hans/居住 证.html", "standard", "zh-Hans")
    found = evidence(
        SiteConfig(base_url=base_url), [page], date=DAY, checked=True, waivers=(), reviews=()
    )
    document = json.loads(report_files(found)[EARL_FILE])
    subjects = {
        node["@id"]
        for node in document["@graph"]
        if "earl:TestSubject" in node.get("@type", []) and "sch:WebPage" in node["@type"]
    }
    # (the statement pages are subjects too)
    assert expected in subjects and all(" " not in s and s.isascii() for s in subjects)
    assertions = [node for node in document["@graph"] if node.get("@type") == "earl:Assertion"]
    assert expected in {node["earl:subject"]["@id"] for node in assertions}


def test_a_waived_criterion_says_its_verdict_not_only_a_review_that_it_supports():
    """Under 有已知问题 the statement gave the criterion's review alone, "王芳，…：符合。": a
    reader saw a known problem listed as conforming."""
    found = make(waivers=[WAIVER], reviews=[review("1.4.3", "supports")])
    page = next(
        page for page in render_statements(found) if page.site_path == "accessibility/zh-Hans.html"
    )
    items = BeautifulSoup(page.html, "html.parser").find_all("li")
    (item,) = [
        item.get_text()
        for item in items
        if item.get_text().startswith("1.4.3 对比度（最低）（AA）")
    ]
    assert item.startswith("1.4.3 对比度（最低）（AA）：部分符合，有上面列出的已知问题。"), item
    assert "李明，2026-11-20 评审：符合" in item


def test_a_review_of_one_theme_says_the_sites_verdict_and_the_pages_it_covers():
    """A review of the silver pages alone was listed as "李明，2026-11-20：符合。" under 人工评审,
    while the standard pages, and so the site, are not evaluated (as OpenACR said)."""
    found = make(reviews=[review("1.3.1", "supports", theme="silver")])
    assert levels(found)["1.3.1"] == "not-evaluated"
    page = next(
        page for page in render_statements(found) if page.site_path == "accessibility/zh-Hans.html"
    )
    items = BeautifulSoup(page.html, "html.parser").find_all("li")
    (item,) = [item.get_text() for item in items if item.get_text().startswith("1.3.1 ")]
    assert item == "1.3.1 信息和关系（A）：尚未评估。李明，2026-11-20 评审（长辈版页面）：符合。"


def test_a_waiver_is_a_dated_non_conformity_in_the_statement_openacr_and_earl():
    found = make(waivers=[WAIVER])
    statement = next(
        page for page in render_statements(found) if page.site_path == "accessibility/zh-Hans.html"
    ).html
    assert (
        "等设计组换新配色" in statement
        and "2027-01-31" in statement
        and "2026-11-28 记录" in statement
    )
    assert "1.4.3 对比度（最低）" in statement and "axe:color-contrast" in statement
    english = next(
        page for page in render_statements(found) if page.site_path == "accessibility/en.html"
    ).html
    assert (
        '<span lang="zh-Hans">等设计组换新配色</span>' in english
    )  # the owner's own words keep their language
    files = report_files(
        found,
        [
            Finding(
                rule="axe:color-contrast",
                message="…",
                wcag="1.4.3",
                page="silver/zh-Hans/a.html",
                theme="silver",
            )
        ],
    )
    notes = yaml.safe_load(files[OPENACR_FILE])["chapters"]["success_criteria_level_aa"]["criteria"]
    contrast = next(entry for entry in notes if entry["num"] == "1.4.3")["components"][0][
        "adherence"
    ]
    assert contrast["level"] == "partially-supports"
    assert (
        "Known non-conformity (as of 2026-11-28): axe:color-contrast on silver/*"
        in contrast["notes"]
    )
    assert "王芳 until 2027-01-31: 等设计组换新配色" in contrast["notes"]
    graph = json.loads(files[EARL_FILE])["@graph"]
    failed = [
        node
        for node in graph
        if node.get("@type") == "earl:Assertion"
        and node["earl:result"]["earl:outcome"]["@id"] == "earl:failed"
    ]
    site_level = [node for node in failed if node["earl:subject"]["@id"] == "../"]
    assert len(site_level) == 1 and site_level[0]["earl:mode"]["@id"] == "earl:manual"
    assert (
        "2026-11-28" in site_level[0]["earl:result"]["dct:description"]
        and "2027-01-31" in site_level[0]["earl:result"]["dct:description"]
    )
    on_page = [node for node in failed if node["earl:subject"]["@id"] == "../silver/zh-Hans/a.html"]
    assert [node["earl:mode"]["@id"] for node in on_page] == ["earl:automatic"]


def test_the_statement_says_what_is_targeted_how_it_was_tested_and_whom_to_tell(tmp_path):
    config = SiteConfig.model_validate(
        {
            "contact": {
                "office": {"zh-Hant": "市政務服務中心"},
                "email": "wza@example.gov.cn",
                "phone": "12345",
            }
        }
    )
    pages = {
        page.site_path: page
        for page in render_statements(make(config=config, reviews=[review("1.3.1", "supports")]))
    }
    assert sorted(pages) == sorted(
        f"{theme}accessibility/{lang}.html"
        for theme in ("", "silver/")
        for lang in ("zh-Hans", "zh-Hant", "en")
    )
    page = pages["silver/accessibility/zh-Hant.html"]
    assert page.theme == "silver" and page.lang == "zh-Hant" and '<html lang="zh-Hant"' in page.html
    for text in (
        "WCAG 2.2 AA",
        "GB/T 37668-2019",
        "適老化",
        "axe-core",
        "2026-11-28",
        "市政務服務中心",
        'href="mailto:wza@example.gov.cn"',
        'href="tel:12345"',
        "尚未評估",
        "李明，2026-11-20：符合。",
        'href="../../accessibility/openacr.yaml"',
    ):
        assert text in page.html, text
    assert 'href="../../silver/accessibility/zh-Hans.html"' in page.html  # the language switch
    unchecked = render_statements(make(checked=False))[0].html
    assert (
        "openacr.yaml" not in unchecked
        and "预览版" in unchecked
        and "没有经过无障碍检查：只能用来预览" in unchecked
    )


def test_the_statement_says_when_the_pages_were_checked_not_that_it_was_before_publishing():
    """The same words whether a build checks the site before it publishes it or ``report
    conformance`` checks a site published long ago (an outside audit: a report made afterwards
    said 网站发布前): the day of the check, and that only a site that passes has this statement."""
    pages = {page.site_path: page.html for page in render_statements(make())}
    for site_path, sentence in (
        (
            "accessibility/zh-Hans.html",
            "2026-11-28，在 Chromium 浏览器里检查了这个网站的全部 8 个页面（标准版 4 个，长辈版 4 个）",
        ),
        (
            "silver/accessibility/en.html",
            "On 2026-11-28, every one of the site's 8 pages (4 standard, 4 large-text) was checked",
        ),
    ):
        method = BeautifulSoup(pages[site_path], "html.parser").find(
            "h2", string=re.compile("检查|tested")
        )
        text = method.find_next("p").get_text()
        assert text.startswith(sentence), text
        assert not re.search("发布|before the site was published|not published", text), text


def test_the_same_site_and_reviews_give_the_same_bytes_dated_by_source_date_epoch(monkeypatch):
    first = make(waivers=[WAIVER], reviews=[review("1.3.1", "supports")])
    again = make(waivers=[WAIVER], reviews=[review("1.3.1", "supports")])
    assert report_files(first) == report_files(again)
    assert [page.html for page in render_statements(first)] == [
        page.html for page in render_statements(again)
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert yaml.safe_load(report_files(make())[OPENACR_FILE])["report_date"] == "2026-01-01"


# --- conformance.toml ---


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[review]]\ncriterion = "1.3.1"\nresult = supports\n', 3, "TOML"),
        (
            '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\nreviewer = "李明"\ndate = '
            "2026-11-20\n\n"
            '[[review]]\ncriterion = "9.9.9"\nresult = "supports"\nreviewer = "李明"\ndate = '
            "2026-11-20\n",
            8,
            "9.9.9",
        ),
        (
            '[[review]]\ncriterion = "1.3.1"\nresult = "fine"\nreviewer = "李明"\ndate = '
            "2026-11-20\n",
            3,
            "只能是 supports、partially-supports、does-not-support、not-applicable 中的一个",
        ),
        (
            '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\ndate = 2026-11-20\n',
            1,
            "reviewer",
        ),
        (
            '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\nreviewer = "李明"\ndate = '
            '2026-11-20\nreviwer = "x"\n',
            6,
            "reviwer",
        ),
        ('# reviews\n[review]\ncriterion = "1.3.1"\n', 2, "[[review]]"),
        # a review cannot come after the report that counts it
        (
            '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\nreviewer = "李明"\ndate = '
            "2999-11-20\n",
            5,
            "评审日期 2999-11-20 在报告日期",
        ),
        ('title = "x"\n', 1, "[[review]]"),
    ],
)
def test_a_mistake_in_conformance_toml_is_located_and_refuses_the_build(
    tmp_path, text, line, words
):
    source = write_site(tmp_path / "guides", {"zh-Hans/a.md": guide(), "conformance.toml": text})
    reviews, problems = load_reviews(source, "zh-Hans", dt.date(2026, 11, 29))
    assert reviews == [] and [(p.file, p.line, p.rule) for p in problems] == [
        ("conformance.toml", line, "conformance-invalid")
    ]
    assert words in problems[0].message
    result = build(source, tmp_path / "site", check=False)
    assert not result.published and any(
        f.file == "conformance.toml" and f.line == line for f in result.findings
    )


def test_a_review_date_is_read_as_editors_write_dates_and_wrong_values_are_said_in_words(tmp_path):
    """date = "2026/11/20" was refused, and a wrong value was explained by pydantic in English
    inside the Chinese sentence ("Input should be a valid date or datetime, invalid date
    separator")."""
    text = (
        '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\nreviewer = "李明"\n'
        'date = "2026年11月20日"\n'
    )
    source = write_site(tmp_path / "guides", {"conformance.toml": text})
    (review,), problems = load_reviews(source, "zh-Hans", dt.date(2026, 11, 29))
    assert problems == [] and review.date == dt.date(2026, 11, 20)
    (source / "conformance.toml").write_text(text.replace("2026年11月20日", "上周五"), "utf-8")
    _, (problem,) = load_reviews(source, "zh-Hans", dt.date(2026, 11, 29))
    assert problem.line == 5 and "应该是日期，例如 2026-10-15" in problem.message
    assert "Input should" not in problem.message


def test_reviews_in_conformance_toml_reach_the_statement_of_a_build(tmp_path):
    reviews = (
        '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\nreviewer = "李明"\ndate = '
        '2026-11-20\nnotes = "读屏软件检查过。"\n'
    )
    source = write_site(tmp_path / "guides", {"zh-Hans/a.md": guide(), "conformance.toml": reviews})
    result = build(source, tmp_path / "site", check=False)
    assert result.published
    statement = (tmp_path / "site" / "accessibility" / "zh-Hans.html").read_text("utf-8")
    assert "1.3.1 信息和关系（A）：李明，2026-11-20：符合。读屏软件检查过。" in statement
    assert 'href="../accessibility/zh-Hans.html"' in (
        tmp_path / "site" / "zh-Hans" / "a.html"
    ).read_text("utf-8")  # every footer
    assert not (
        tmp_path / "site" / OPENACR_FILE
    ).exists()  # the reports come from checked builds only


def test_report_conformance_refuses_a_wrong_conformance_toml_with_its_line_before_checking_anything(
    tmp_path,
):
    source = write_site(
        tmp_path / "guides",
        {"zh-Hans/a.md": guide(), "conformance.toml": '[[review]]\ncriterion = "7.7.7"\n'},
    )
    (tmp_path / "site").mkdir()
    outcome = run_guidekit(
        "report", "conformance", tmp_path / "site", "--source", source, "--out", tmp_path / "report"
    )
    assert (
        outcome.exit_code == 1
        and "conformance.toml:1" in outcome.stdout
        and "Traceback" not in outcome.stdout + outcome.stderr
    )
    assert not (tmp_path / "report").exists()


def test_earl_expands_as_json_ld_when_a_json_ld_processor_is_installed():
    from pyld import jsonld

    document = json.loads(report_files(make(waivers=[WAIVER]))[EARL_FILE])
    expanded = jsonld.expand(document, {"base": "https://example.gov.cn/accessibility/earl.jsonld"})
    earl = "http://www.w3.org/ns/earl#"
    assertions = [node for node in expanded if earl + "Assertion" in node.get("@type", [])]
    assert assertions and all(node[earl + "mode"][0]["@id"].startswith(earl) for node in assertions)
    assert {node[earl + "subject"][0]["@id"] for node in assertions} >= {
        "https://example.gov.cn/zh-Hans/a.html",
        "https://example.gov.cn/",
    }
