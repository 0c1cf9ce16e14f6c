"""The accessibility gate end to end: Debian's Chromium, real axe-core, guidekit's own rules.

One good site (the sample site in guides/) is published through the gate once for this module;
every known-bad guide in fixtures/bad/<case>/ then tries to replace it and must be refused with
its file, line and rule, leaving the published site byte for byte as it was. The cases only the
gate can catch share one build: each sits in a folder named after its case, so every finding
still names exactly one case's file.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.gate.session import PAGE_TIMEOUT_VARIABLE
from guidekit.stage import MANIFEST
from tests.conftest import REPO, html, leftovers, located, run_guidekit, snapshot

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"
PLAIN_SITES = FIXTURES / "plain-site"
AXE_VERSION = "4.14.1"  # the axe-core pinned in package-lock.json


@dataclass(frozen=True)
class BadCase:
    name: str  # its folder below fixtures/bad/
    rule: str
    needle: str | bytes  # text found only on the line the finding must name
    file: str = "guide.md"

    @property
    def line(self) -> int:
        needle = self.needle.encode("utf-8") if isinstance(self.needle, str) else self.needle
        lines = (BAD / self.name / self.file).read_bytes().split(b"\n")
        hits = [number for number, line in enumerate(lines, start=1) if needle in line]
        assert len(hits) == 1, f"{self.name}: the needle must be on exactly one line, found {hits}"
        return hits[0]


# Refused before any page is written.
INPUT_ERRORS = [
    BadCase("broken-yaml", "content-yaml-syntax", "   copies: 1"),
    BadCase("invalid-utf8", "content-not-utf8", "title: 申领社会保障卡".encode("gbk")),  # saved as GBK
    BadCase("raw-script", "markdown-raw-html", "<script>"),
    BadCase("javascript-link", "markdown-unsafe-link", "javascript:"),
    BadCase("broken-internal-link", "link-missing-guide-link", "social-security-cards.md"),
]
# Only the gate, looking at the rendered pages, can see these.
GATE_FINDINGS = [
    BadCase("empty-link", "guidekit:link-name", "[](https://"),
    BadCase("image-without-alt", "guidekit:image-alt", "![](door.png)"),
    BadCase("skipped-heading", "guidekit:heading-order", "#### "),
    BadCase("broken-anchor", "guidekit:broken-anchor", "(#收費標準)"),
]


@dataclass(frozen=True)
class Published:
    out: Path
    before: dict[str, bytes | None]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample site built through the gate, with the pages the gate reported as checked."""
    out = tmp_path_factory.mktemp("gate") / "site"
    checked: list[str] = []
    result = build(REPO / "guides", out, on_page=checked.append)
    return result, out, checked


@pytest.fixture(scope="module")
def published(sample) -> Published:
    result, out, _ = sample
    if not result.published:
        pytest.fail("the sample site was refused, so there is no published site to protect")
    return Published(out, snapshot(out))


def assert_unchanged(published: Published) -> None:
    assert snapshot(published.out) == published.before, "the published site changed"
    assert leftovers(published.out) == []


def test_the_sample_site_builds_through_the_gate(sample):
    result, out, checked = sample
    blocking = [f"{f.location()} {f.rule}: {f.message}" for f in result.findings if f.blocking]
    assert blocking == [] and result.published and result.checked
    assert result.axe_version == AXE_VERSION
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest["checked"] is True
    pages = sorted(page["page"] for page in manifest["pages"])
    assert sorted(checked) == pages == sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html"))
    guides = sorted(path.relative_to(REPO / "guides").as_posix() for path in (REPO / "guides").rglob("*.md"))
    for theme in ("standard", "silver"):
        sources = sorted(page["source"] for page in manifest["pages"] if page["theme"] == theme and page["source"])
        assert sources == guides, theme
    assert not any(html(out / page).find(class_="gk-unchecked") for page in pages)


@pytest.mark.parametrize("case", INPUT_ERRORS, ids=lambda case: case.name)
def test_a_known_bad_guide_is_refused_before_the_gate_and_the_site_is_unchanged(published, case):
    outcome = run_guidekit("build", BAD / case.name, "--out", published.out, "--format", "json")
    assert outcome.exit_code == 1
    findings = outcome.report["findings"]
    assert located(findings, case.file, case.line, case.rule), findings
    assert {(f["file"], f["line"], f["rule"]) for f in findings if f["severity"] == "error"} == {(case.file, case.line, case.rule)}
    assert_unchanged(published)


@pytest.fixture(scope="module")
def gate_refusal(published, tmp_path_factory):
    """One build of every gate-only bad case, each in a folder of its own, against the published site."""
    source = tmp_path_factory.mktemp("gate-cases")
    for case in GATE_FINDINGS:
        shutil.copytree(BAD / case.name, source / case.name)
    outcome = run_guidekit("build", source, "--out", published.out, "--format", "json")
    return outcome, snapshot(published.out)


@pytest.mark.parametrize("case", GATE_FINDINGS, ids=lambda case: case.name)
def test_a_known_bad_guide_is_refused_by_the_gate_with_its_file_line_and_rule(gate_refusal, case):
    outcome, _ = gate_refusal
    assert outcome.exit_code == 1
    findings = located(outcome.report["findings"], f"{case.name}/{case.file}", case.line, case.rule)
    # the report lists a problem once, with every page it is on
    occurrences = [(seen["page"], seen["theme"]) for f in findings for seen in f["occurrences"]]
    assert sorted(occurrences) == sorted([(f"{case.name}/guide.html", "standard"), (f"silver/{case.name}/guide.html", "silver")]), findings
    assert all(f["severity"] == "error" and f["wcag"] and f["message"] for f in findings)


def test_the_gate_refuses_exactly_the_known_bad_lines_and_keeps_the_published_site(gate_refusal, published):
    outcome, after = gate_refusal
    report = outcome.report
    assert report["ok"] is False and report["published"] is False
    blocking = {(f["file"], f["line"], f["rule"]) for f in report["findings"] if f["severity"] == "error"}
    # exactly the bad lines; a line may break more than its own rule (an empty link is also invisible when focused)
    assert {(file, line) for file, line, _ in blocking} == {(f"{case.name}/{case.file}", case.line) for case in GATE_FINDINGS}
    assert {(f"{case.name}/{case.file}", case.line, case.rule) for case in GATE_FINDINGS} <= blocking
    assert after == published.before
    assert_unchanged(published)


def test_check_finds_an_axe_violation_on_a_hand_written_site():
    outcome = run_guidekit("check", PLAIN_SITES / "low-contrast", "--format", "json", "--no-cache")
    assert outcome.exit_code == 1
    report = outcome.report
    assert report["ok"] is False and report["pages"] == 1 and report["axe_version"] == AXE_VERSION
    [contrast] = [f for f in report["findings"] if f["rule"] == "axe:color-contrast"]
    assert (contrast["file"], contrast["page"], contrast["wcag"]) == ("index.html", "index.html", "1.4.3")
    assert "Closed on public holidays." in contrast["message"]


def test_check_passes_a_clean_hand_written_site():
    outcome = run_guidekit("check", PLAIN_SITES / "clean", "--no-cache")
    assert outcome.exit_code == 0, outcome.stdout
    assert "检查通过：2 个页面" in outcome.stderr


def test_a_page_that_cannot_be_checked_blocks_and_is_never_skipped():
    outcome = run_guidekit("check", PLAIN_SITES / "unresponsive", "--format", "json", "--no-cache", env={PAGE_TIMEOUT_VARIABLE: "2000"})
    assert outcome.exit_code == 1
    report = outcome.report
    assert report["pages"] == 2
    unchecked = {f["file"]: f for f in report["findings"] if f["rule"] == "guidekit:page-unchecked"}
    assert set(unchecked) == {"blocks-while-loading.html", "blocks-after-loading.html"}
    assert all(f["severity"] == "error" and "已重试一次" in f["message"] for f in unchecked.values())
