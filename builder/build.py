"""The whole pipeline: load -> parse -> enrich -> render -> stage -> check -> publish."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .component_registry import markdown_components
from .config import load_config
from .enrich import EnrichedGuide, enrich_guide, page_path
from .findings import Finding, sort_key
from .gate import run_gate
from .gate.cache import cache_file
from .gate.report import judge
from .gate.waivers import Waiver
from .load import load_guides
from .messages import error_text
from .parse import parse_guide
from .publish import build_lock, discard, publish
from .render import THEMES, render_site, stylesheet
from .stage import stage_site


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    published: bool = False
    pages: int = 0
    checked: bool = False
    axe_version: str | None = None
    waivers: Sequence[Waiver] = ()
    gate: dict[str, object] = field(default_factory=dict)  # what the gate reports about its run (pages, cache, …)

    @property
    def refused(self) -> bool:
        return not judge(self.findings, self.waivers).ok


def build(
    source: Path,
    out: Path,
    *,
    check: bool = True,
    jobs: int | None = None,
    cache: bool = True,
    waivers: Sequence[Waiver] = (),
    on_stage: Callable[[str, int], None] = lambda stage, total: None,
    on_page: Callable[[str], None] = lambda page: None,
) -> BuildResult:
    """Build SOURCE into OUT. Input errors refuse before anything is written; OUT changes only on success."""
    result = BuildResult(checked=check, waivers=waivers)
    config, result.findings = load_config(source)
    loaded = load_guides(source, config.default_lang)
    result.findings += loaded.findings
    if not loaded.guides and not loaded.findings:
        result.findings.append(Finding(rule="content-no-guides", message=error_text("no-guides", config.default_lang, source=source)))
    result.findings += _colliding_pages([guide.rel for guide in loaded.guides], config.default_lang)

    components = markdown_components()
    rels = {guide.rel for guide in loaded.guides}
    enriched: list[EnrichedGuide] = []
    for guide in loaded.guides:
        parsed, findings = parse_guide(guide, components)
        result.findings += findings
        if not any(finding.blocking for finding in findings):
            guide_enriched, findings = enrich_guide(parsed, source, rels)
            result.findings += findings
            enriched.append(guide_enriched)
    if result.refused:
        return _sorted(result)

    pages, findings = render_site(enriched, config, checked=check)
    result.findings += findings
    result.pages = len(pages)
    if result.refused:
        return _sorted(result)

    files = {f"assets/{theme.stylesheet}": stylesheet(theme) for theme in THEMES}
    assets = {asset.site_path: asset for guide in enriched for asset in guide.assets}.values()
    with build_lock(out):
        staging = stage_site(out, pages, assets, files, checked=check)
        try:
            if check:
                on_stage("check", len(pages))
                # the cache is keyed by content, so it may serve the staging folder of every build of OUT
                report = run_gate(staging, jobs=jobs, cache=cache_file(out) if cache else None, on_page=on_page)
                result.findings += report.findings
                result.axe_version = report.axe_version
                result.gate = report.details()
            if not result.refused:
                publish(staging, out)
                result.published = True
        finally:
            discard(staging)  # after a successful publish this holds the previous site, or nothing
    return _sorted(result)


def _colliding_pages(rels: list[str], lang: str) -> list[Finding]:
    """Two guides must not become one page, even on file systems that ignore case (USB sticks)."""
    seen: dict[str, str] = {}
    findings = []
    for rel in rels:
        key = page_path(rel).casefold()
        if key in seen:
            findings.append(Finding(rule="content-duplicate-page", file=rel, line=1,
                                    message=error_text("duplicate-page", lang, other=seen[key], page=page_path(rel))))
        else:
            seen[key] = rel
    return findings


def _sorted(result: BuildResult) -> BuildResult:
    result.findings.sort(key=sort_key)
    return result


