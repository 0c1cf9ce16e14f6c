"""The whole pipeline: load -> parse -> enrich -> render -> stage -> check -> publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .component_registry import markdown_components
from .config import load_config
from .enrich import EnrichedGuide, enrich_guide, page_path
from .findings import Finding, sort_key
from .gallery import render_gallery
from .gate import run_gate
from .glossary import load_glossary, mark_first_uses
from .lint import lint_guides
from .load import load_guides
from .messages import error_text
from .parse import parse_guide
from .publish import build_lock, discard, publish
from .render import render_site, site_assets
from .stage import stage_site


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    published: bool = False
    pages: int = 0
    checked: bool = False
    axe_version: str | None = None

    @property
    def refused(self) -> bool:
        return any(finding.blocking for finding in self.findings)


def build(
    source: Path,
    out: Path,
    *,
    check: bool = True,
    jobs: int | None = None,
    on_stage: Callable[[str, int], None] = lambda stage, total: None,
    on_page: Callable[[str], None] = lambda page: None,
    today: dt.date | None = None,
) -> BuildResult:
    """Build SOURCE into OUT. Input errors refuse before anything is written; OUT changes only on success.

    ``today`` decides which guides are past their review date (default: the real today)."""
    result = BuildResult(checked=check)
    config, result.findings = load_config(source)
    loaded = load_guides(source, config.default_lang)
    result.findings += loaded.findings
    result.findings += lint_guides(loaded.guides, config.lint, today=today).findings
    if not loaded.guides and not loaded.findings:
        result.findings.append(Finding(rule="content-no-guides", message=error_text("no-guides", config.default_lang, source=source)))
    result.findings += _colliding_pages([guide.rel for guide in loaded.guides], config.default_lang)

    glossary, findings = load_glossary(source, config.default_lang)
    result.findings += findings
    components = markdown_components()
    rels = {guide.rel for guide in loaded.guides}
    enriched: list[EnrichedGuide] = []
    for guide in loaded.guides:
        parsed, findings = parse_guide(guide, components)
        result.findings += findings
        if not any(finding.blocking for finding in findings):
            guide_enriched, findings = enrich_guide(parsed, source, rels)
            mark_first_uses(parsed, glossary)
            result.findings += findings
            enriched.append(guide_enriched)
    if result.refused:
        return _sorted(result)

    pages, findings = render_site(enriched, config, checked=check, glossary=glossary)
    pages += render_gallery(config, checked=check)
    result.findings += findings
    result.pages = len(pages)
    if result.refused:
        return _sorted(result)

    files = site_assets()
    assets = {asset.site_path: asset for guide in enriched for asset in guide.assets}.values()
    with build_lock(out):
        staging = stage_site(out, pages, assets, files, checked=check)
        try:
            if check:
                on_stage("check", len(pages))
                report = run_gate(staging, jobs=jobs, on_page=on_page)
                result.findings += report.findings
                result.axe_version = report.axe_version
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


