"""A catalogue of real accessibility failures, each seeded into a real page guidekit built from the
sample site, to measure what the gate catches (its recall) and to keep the list of what it does not.

Every defect names the built page it starts from, how it is injected (HTML edits, plus a stylesheet
or script file of its own: the pages' Content-Security-Policy refuses inline ones, as it should),
the gate rules that count as catching it, and whether the README claims the gate catches it. The
unchanged base pages are checked too: none of them may draw a rule that would count as a catch.

    from a11y_tests.seeded_defects.catalogue import seed_site, check_seeded
"""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from guidekit.build import build
from guidekit.gate.page_check import PageResult
from guidekit.gate.runner import _check_pages

SAMPLE = Path(__file__).resolve().parents[2] / "guides"
GUIDE = "zh-Hans/health-code-help.html"  # steps, materials, places, a table, a warning, FAQ
SILVER = "silver/" + GUIDE
ENGLISH = "en/personal-credit-report.html"
NOT_FOUND = "404.html"
BASE_PAGES = (GUIDE, SILVER, ENGLISH, "silver/" + ENGLISH, NOT_FOUND)
PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@dataclass(frozen=True)
class Defect:
    kind: str
    description: str
    base: str  # the built page it is seeded into
    caught_by: tuple[str, ...]  # gate rules (prefixes) that count as catching it
    automated: bool  # the README claims the gate catches it
    replace: tuple[
        tuple[str, str], ...
    ] = ()  # (old, new) edits of the page's HTML, each must apply
    add_to_main: str = ""  # HTML put at the end of the guide's article
    css: str = ""
    script: str = ""
    why_not: str = ""  # for kinds the gate misses: why

    @property
    def page(self) -> str:
        folder, name = self.base.rsplit("/", 1) if "/" in self.base else ("", self.base)
        if name == NOT_FOUND:
            return f"{folder + '/' if folder else ''}seeded/{self.kind}/{NOT_FOUND}"
        return f"{folder}/seeded-{self.kind}.html"


def _defects() -> list[Defect]:
    d = Defect
    return [
        # the audit's findings (issue 15)
        d(
            "silver-target-44",
            "silver breadcrumbs, phone links and list links at 44 px (MIIT asks 60 x 60)",
            SILVER,
            ("guidekit:target-size",),
            True,
            css=":where(li > a:only-child), .gk-breadcrumbs__link, .gk-place__phone, "
            ".gk-help__phone { min-height: 44px !important; min-width: 0 !important; }",
        ),
        # the second audit's findings
        d(
            "silver-labelled-link-small",
            "a labelled action on a line of its own (网上办理：<link>), one text line high in silver",
            SILVER,
            ("guidekit:target-size",),
            True,
            add_to_main='<p>网上办理：<a href="#main">青川健康码申领页面</a></p>',
        ),
        d(
            "standard-paragraph-gap-one-line",
            "standard paragraphs one line height apart (the design asks 1.5 x the line height)",
            GUIDE,
            ("guidekit:standard-paragraph-gap",),
            True,
            css="main p { margin-block: 0 1.6em !important; }",
        ),
        d(
            "read-aloud-one-language",
            "read-aloud speaks the Chinese link of an English guide with the English voice",
            ENGLISH,
            ("guidekit:read-aloud-language",),
            True,
            script="const list = window.__guidekitReadingList; "
            "window.__guidekitReadingList = () => list().map((item) => item.text);",
        ),
        d(
            "silver-skip-link-small-on-phones",
            "the silver skip link 60 px high in the gate's 1280 px window, under 60 px at 320 px "
            "(its padding in vw, as the third audit found it)",
            SILVER,
            ("guidekit:target-size",),
            True,
            css=".gk-skip-link { min-height: 0 !important; padding-block: 1.5vw !important; }",
        ),
        d(
            "read-aloud-label-squeezed",
            "the read-aloud label kept beside its icon in a padded button: a character a line at "
            "320 px with the text doubled (the third audit's 朗/读/本/页)",
            SILVER,
            ("guidekit:text-squeezed",),
            True,
            css=".gk-read-aloud__button { flex-wrap: nowrap !important; "
            "padding-inline: 1.5em !important; }",
        ),
        d(
            "read-aloud-bare-cells",
            "read-aloud speaks a table's cells without their column headers (the outside audit's "
            "third finding: 'text' for 'spoken', as its script said them)",
            GUIDE,
            ("guidekit:read-aloud-table-headers",),
            True,
            script="const list = window.__guidekitReadingList; "
            "window.__guidekitReadingList = () => list().map(({ text, lang }) => ({ text, lang }));",
        ),
        d(
            "read-aloud-skips-steps",
            "read-aloud never speaks the steps (they are aria-hidden, still on screen)",
            GUIDE,
            ("guidekit:read-aloud-skips",),
            True,
            replace=(('<ol class="gk-steps">', '<ol class="gk-steps" aria-hidden="true">'),),
        ),
        d(
            "read-aloud-skips-answers",
            "read-aloud speaks the questions and none of their answers, folded in closed <details> "
            "(the fourth audit's five questions and no answer)",
            GUIDE,
            ("guidekit:read-aloud-skips",),
            True,
            script="const list = window.__guidekitReadingList; "
            "const squeeze = (text) => text.replace(/\\s+/g, ''); "
            "window.__guidekitReadingList = () => { const answers = [...document.querySelectorAll("
            "'main details > :not(summary)')].map((e) => squeeze(e.textContent)); "
            "return list().filter((item) => !answers.some((a) => a.includes(squeeze(item.text)))); };",
        ),
        d(
            "read-aloud-unverifiable",
            "read-aloud controls whose script offers no reading list to check",
            GUIDE,
            ("guidekit:read-aloud-no-list",),
            True,
            replace=(("assets/guidekit-read-aloud.js", "assets/guidekit.js"),),
        ),
        d(
            "focus-lost",
            "a button that disables itself when pressed, dropping focus to the page body",
            GUIDE,
            ("guidekit:focus-lost",),
            True,
            add_to_main='<p><button type="button" class="seeded-button" '
            'id="seeded-once">只能按一次</button></p>',
            css=".seeded-button { font: inherit; min-height: 44px; padding: 0 1em; }",
            script='document.getElementById("seeded-once").addEventListener("click", (event) => { '
            "event.target.disabled = true; });",
        ),
        d(
            "404-relative",
            "a 404 page whose addresses are relative (dead at /a/b/missing)",
            NOT_FOUND,
            ("guidekit:not-found-relative",),
            True,
            replace=(('href="/', 'href="../../'), ('src="/', 'src="../../')),
        ),
        d(
            "ruby-without-rp",
            "pinyin <ruby> without <rp> fallback brackets",
            SILVER,
            ("guidekit:ruby-rp",),
            True,
            add_to_main='<p>查<ruby>征信<rt aria-hidden="true">zhēng xìn</rt></ruby>不收费。</p>',
        ),
        d(
            "ruby-rt-too-small",
            "pinyin at 40% of 24 px silver text",
            SILVER,
            ("guidekit:ruby-rt-size",),
            True,
            add_to_main='<p>查<ruby>征信<rp>（</rp><rt aria-hidden="true">zhēng '
            "xìn</rt><rp>）</rp></ruby>不收费。</p>",
            css="rt { font-size: 40% !important; }",
        ),
        d(
            "table-unnamed",
            "a data table with no caption and no name",
            GUIDE,
            ("guidekit:table-unnamed",),
            True,
            # the table's name and its scroll region's, wherever the guide's line numbers put them
            replace=((' aria-label="三种办法，选一种就行">', ">"),),
        ),
        d(
            "english-lines-97",
            "English lines of ~97 characters (80ch measure)",
            ENGLISH,
            ("guidekit:line-length",),
            True,
            css="main, main :is(p, li, dd) { max-width: 80ch !important; }",
        ),
        d(
            "silver-title-same",
            "a silver page titled exactly like its standard twin",
            SILVER,
            ("guidekit:title-same-as-other-theme",),
            True,
            replace=(("（长辈版）</title>", "</title>"),),
        ),
        d(
            "dark-contrast",
            "dark scheme declared, but dark text on the dark background",
            GUIDE,
            ("guidekit:dark-color-contrast",),
            True,
            css="@media (prefers-color-scheme: dark) { main p { color: #333 !important; } }",
        ),
        d(
            "fake-heading",
            "a line set larger and bold, as a heading is, but written as a paragraph",
            SILVER,
            ("guidekit:fake-heading",),
            True,
            add_to_main='<p class="seeded-heading">还有问题</p>'
            "<p>打电话问办事窗口，工作人员会告诉您要带什么。</p>",
            css=".seeded-heading { font-size: 1.8rem; font-weight: 700; }",
        ),
        d(
            "glossary-double-expansion",
            "glossary expansion repeated inside its own brackets: 医疗保险（医保（医疗保险））",
            GUIDE,
            (),
            False,
            add_to_main="<p>参加基本医疗保险（医保（医疗保险））的人都可以领。</p>",
            why_not="a sentence that reads wrongly is a content fault: no rendered-page rule can "
            "tell it from correct text",
        ),
        d(
            "table-squeezed-320",
            "a table squeezed to one character a line at 320 px",
            # silver lays a table out a row at a time on a phone: standard keeps its columns (four
            # on this page)
            ENGLISH,
            ("guidekit:table-squeezed",),
            True,
            css="th, td { min-width: 0 !important; }",
        ),
        # classic failures
        d(
            "image-without-alt",
            "a content image with no alt text",
            GUIDE,
            ("axe:image-alt", "guidekit:image-alt"),
            True,
            add_to_main=f'<p><img src="{PIXEL}" width="40" height="40"></p>',
        ),
        d(
            "empty-link",
            "a link with no text",
            GUIDE,
            ("axe:link-name", "guidekit:link-name"),
            True,
            add_to_main='<p>详情见 <a href="#main"></a></p>',
        ),
        d(
            "vague-link-text",
            "a link that says only 点这里",
            GUIDE,
            ("guidekit:link-purpose",),
            True,
            add_to_main='<p>想了解更多，<a href="../index.html">点这里</a>。</p>',
        ),
        d(
            "skipped-heading-level",
            "an h4 straight after an h2",
            GUIDE,
            ("guidekit:heading-order", "axe:heading-order"),
            True,
            add_to_main="<h4>补充说明</h4><p>带齐材料再去。</p>",
        ),
        d(
            "missing-form-label",
            "a text field with no label",
            GUIDE,
            ("axe:label",),
            True,
            add_to_main='<p><input type="text" class="seeded-field"></p>',
            css=".seeded-field { font: inherit; min-height: 44px; }",
        ),
        d(
            "low-contrast",
            "grey body text on white (2.8:1)",
            GUIDE,
            ("axe:color-contrast",),
            True,
            css="main p { color: #999 !important; }",
        ),
        d(
            "silver-contrast-aa-only",
            "silver text at 3.5:1: enough for AA large text, not AAA's 4.5:1",
            SILVER,
            ("axe:color-contrast-enhanced",),
            True,
            css="main p { color: #8a8a8a !important; }",
        ),
        d(
            "focus-hidden",
            "focus indicator removed everywhere",
            GUIDE,
            ("guidekit:focus-visible",),
            True,
            css="*:focus-visible, [class*='gk-'] :focus-visible, [class*='gk-']:focus-visible { "
            "outline: none !important; box-shadow: none !important; background: transparent "
            "!important; color: inherit !important; }",
        ),
        d(
            "dark-focus-hidden",
            "focus indicator removed in dark mode only",
            GUIDE,
            ("guidekit:dark-focus-visible",),
            True,
            css="@media (prefers-color-scheme: dark) { *:focus-visible, [class*='gk-'] "
            ":focus-visible, [class*='gk-']:focus-visible { outline: none !important; "
            "box-shadow: none !important; background: transparent !important; color: inherit "
            "!important; } }",
        ),
        d(
            "forced-colours-focus-hidden",
            "focus indicator removed in forced colours only",
            GUIDE,
            ("guidekit:forced-focus-visible",),
            True,
            css="@media (forced-colors: active) { *:focus-visible, [class*='gk-'] "
            ":focus-visible, [class*='gk-']:focus-visible { outline: none !important; } }",
        ),
        d(
            "keyboard-trap",
            "a link that takes focus back whenever it loses it",
            GUIDE,
            ("guidekit:keyboard-trap",),
            True,
            add_to_main='<p><a href="#main" id="seeded-trap">回到正文</a></p>',
            script='const trap = document.getElementById("seeded-trap"); '
            'trap.addEventListener("blur", () => setTimeout(() => trap.focus()));',
        ),
        d(
            "positive-tabindex",
            "a positive tabindex that reorders the keyboard path",
            GUIDE,
            ("axe:tabindex", "guidekit:focus-order"),
            True,
            add_to_main='<p><a href="#main" tabindex="3">回到正文</a></p>',
        ),
        d(
            "overflow-320",
            "a box 600 px wide: sideways scrolling at 320 px",
            GUIDE,
            ("guidekit:reflow",),
            True,
            css=".gk-lead { width: 600px; }",
        ),
        d(
            "fixed-past-320",
            "a notice fixed to the screen's foot, 400 px wide: its end cut off at 320 px",
            GUIDE,
            ("guidekit:reflow",),
            True,
            add_to_main='<p class="seeded-notice">周一电梯维修，服务中心暂停对外办理业务，请改天再来。</p>',
            css=".seeded-notice { position: fixed; bottom: 0; left: 0; width: 400px; margin: 0; "
            "background: #fff; }",
        ),
        d(
            "text-spacing-clipped",
            "a fixed-height box that clips text under WCAG text spacing",
            GUIDE,
            ("guidekit:text-spacing",),
            True,
            add_to_main='<p class="seeded-box">办理时间：周一至周五上午九点到下午五点</p>',
            css=".seeded-box { width: 20em; max-width: 100%; height: 1.6em; overflow: hidden; }",
        ),
        d(
            "text-resize-clipped",
            "a fixed-height box that clips text at 200% text size",
            GUIDE,
            ("guidekit:resize-text",),
            True,
            css=".gk-lead { height: 60px; overflow: hidden; line-height: 28px; }",
        ),
        d(
            "wrong-page-language",
            "a Chinese page marked lang=en",
            GUIDE,
            ("guidekit:page-language",),
            True,
            replace=(('<html lang="zh-Hans"', '<html lang="en"'),),
        ),
        d(
            "language-of-parts",
            "an English sentence in a Chinese page without lang",
            GUIDE,
            ("guidekit:language-of-parts",),
            True,
            add_to_main="<p>Please bring your identity card and a recent photo to the service "
            "centre.</p>",
        ),
        d(
            "motion-ignores-reduced-motion",
            "endless animation that ignores prefers-reduced-motion",
            GUIDE,
            ("guidekit:motion-endless",),
            True,
            css="@keyframes seeded-pulse { to { opacity: 0.2; } } .gk-lead { animation: "
            "seeded-pulse 1s infinite alternate !important; }",
        ),
        d(
            "autoplaying-media",
            "a video that plays by itself, with sound, looping",
            GUIDE,
            ("guidekit:media-autoplay",),
            True,
            add_to_main=f'<video autoplay loop src="{PIXEL}" width="40" height="40"></video>',
        ),
        d(
            "small-targets",
            "two 12 px buttons side by side",
            GUIDE,
            ("guidekit:target-size", "axe:target-size"),
            True,
            add_to_main='<p><button type="button" class="seeded-tiny">+</button><button '
            'type="button" class="seeded-tiny">-</button></p>',
            css=".seeded-tiny { width: 12px; height: 12px; padding: 0; font-size: 10px; "
            "line-height: 1; }",
        ),
        d(
            "small-breadcrumb-links",
            "breadcrumb links 10 px tall (links in a list)",
            GUIDE,
            ("guidekit:target-size", "axe:target-size"),
            True,
            css=".gk-breadcrumbs__link { min-height: 0 !important; min-width: 0 !important; "
            "font-size: 10px; line-height: 1; } .gk-breadcrumbs__list { padding: 0; } "
            ".gk-breadcrumbs__item + .gk-breadcrumbs__item::before { padding: 0 !important; }",
        ),
        d(
            "duplicate-ids",
            "two elements with the same id that a label points at",
            GUIDE,
            ("guidekit:id-reference-twice", "axe:duplicate-id-aria", "axe:duplicate-id"),
            True,
            add_to_main='<p id="seeded-twin">说明</p><p id="seeded-twin">说明</p><p><input '
            'type="text" '
            'aria-labelledby="seeded-twin" class="seeded-field"></p>',
            css=".seeded-field { font: inherit; min-height: 44px; }",
        ),
        d(
            "aria-hidden-focusable",
            "a focusable link inside aria-hidden",
            GUIDE,
            ("axe:aria-hidden-focus",),
            True,
            add_to_main='<div aria-hidden="true"><p><a href="#main">回到正文</a></p></div>',
        ),
        d(
            "missing-page-title", "a page with no <title>", GUIDE, ("axe:document-title",), True
        ),  # see _with_title_removed
        d(
            "button-without-name",
            "an icon button with no accessible name",
            GUIDE,
            ("axe:button-name",),
            True,
            add_to_main='<p><button type="button" class="seeded-button"><svg width="20" '
            'height="20" viewBox="0 0 20 20"><circle cx="10" cy="10" '
            'r="8"/></svg></button></p>',
            css=".seeded-button { min-height: 44px; min-width: 44px; }",
        ),
        d(
            "silver-small-text",
            "16 px body text on a silver page",
            SILVER,
            ("guidekit:silver-font-size",),
            True,
            css="main p { font-size: 16px !important; }",
        ),
        d(
            "silver-justified",
            "justified text on a silver page",
            SILVER,
            ("guidekit:silver-justified",),
            True,
            css="main p { text-align: justify !important; }",
        ),
        d(
            "external-request",
            "a script loaded from another host (tracking)",
            GUIDE,
            ("guidekit:external-request", "guidekit:policy-violation"),
            True,
            replace=(
                (
                    "</head>",
                    '<script src="https://tracker.example.com/t.js" defer></script>\n</head>',
                ),
            ),
        ),
    ]


def _with_title_removed(defects: list[Defect], site: Path) -> list[Defect]:
    """The missing-title defect removes whatever title its base page has."""
    title = re.search(r"<title>[^<]*</title>", (site / GUIDE).read_text("utf-8")).group(0)
    return [
        Defect(**{**d.__dict__, "replace": ((title, ""),)}) if d.kind == "missing-page-title" else d
        for d in defects
    ]


def _seeded_html(defect: Defect, html: str, root: str) -> str:
    for old, new in defect.replace:
        assert old in html, f"{defect.kind}: {old!r} is not in {defect.base}"
        html = html.replace(old, new)
    if defect.add_to_main:
        assert "</article>" in html, defect.kind
        html = html.replace("</article>", defect.add_to_main + "\n</article>", 1)
    if defect.css:
        html = html.replace(
            "</head>",
            f'<link rel="stylesheet" href="{root}assets/seeded/{defect.kind}.css">\n</head>',
            1,
        )
    if defect.script:
        html = html.replace(
            "</head>",
            f'<script src="{root}assets/seeded/{defect.kind}.js" defer></script>\n</head>',
            1,
        )
    return html


def seed_site(out: Path) -> tuple[Path, list[Defect]]:
    """Build the sample site into OUT (no gate) and seed every defect into a copy of its base
    page."""
    if out.exists():
        shutil.rmtree(out)
    assert build(SAMPLE, out, check=False).published
    defects = _with_title_removed(_defects(), out)
    (out / "assets" / "seeded").mkdir()
    for defect in defects:
        target = out / defect.page
        target.parent.mkdir(parents=True, exist_ok=True)
        root = "../" * defect.page.count("/")
        target.write_text(
            _seeded_html(defect, (out / defect.base).read_text("utf-8"), root), "utf-8"
        )
        if defect.css:
            (out / "assets" / "seeded" / f"{defect.kind}.css").write_text(defect.css, "utf-8")
        if defect.script:
            (out / "assets" / "seeded" / f"{defect.kind}.js").write_text(defect.script, "utf-8")
    return out, defects


@dataclass
class Outcome:
    defect: Defect
    rules: set[str] = field(default_factory=set)  # every rule the gate reported on the seeded page

    @property
    def caught(self) -> bool:
        return any(
            rule.startswith(prefix) for rule in self.rules for prefix in self.defect.caught_by
        )


def check_seeded(
    site: Path, defects: list[Defect], jobs: int = 2
) -> tuple[list[Outcome], dict[str, set[str]]]:
    """Run the gate's page checks on every seeded page and on the unchanged base pages."""
    pages = [defect.page for defect in defects] + list(BASE_PAGES)
    results: dict[str, PageResult] = asyncio.run(_check_pages(site, pages, jobs, lambda page: None))
    rules = {
        page: {finding.rule for finding in result.findings} for page, result in results.items()
    }
    return [Outcome(defect, rules[defect.page]) for defect in defects], {
        page: rules[page] for page in BASE_PAGES
    }


def recall_table(outcomes: list[Outcome]) -> str:
    caught = [outcome for outcome in outcomes if outcome.caught]
    lines = [f"{'kind':32} {'caught':7} rules that caught it / why not"]
    for outcome in outcomes:
        reason = (
            ", ".join(
                sorted(
                    rule
                    for rule in outcome.rules
                    if any(rule.startswith(p) for p in outcome.defect.caught_by)
                )
            )
            or outcome.defect.why_not
        )
        lines.append(f"{outcome.defect.kind:32} {'yes' if outcome.caught else 'NO':7} {reason}")
    claimed = [outcome for outcome in outcomes if outcome.defect.automated]
    lines.append(
        f"recall: {len(caught)}/{len(outcomes)} kinds ({100 * len(caught) / len(outcomes):.0f}%); "
        f"kinds the README claims: {sum(o.caught for o in claimed)}/{len(claimed)}"
    )
    return "\n".join(lines)
