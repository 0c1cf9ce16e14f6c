"""The whole pipeline: load -> parse -> enrich -> render -> stage -> check -> publish."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .build_cache import BuildCache, cache_path, files_key, site_key
from .config import load_config
from .enrich import page_path
from .findings import Finding, sort_key
from .gallery import render_gallery
from .gate import run_gate
from .gate.cache import cache_file
from .gate.report import judge
from .gate.waivers import Waiver
from .glossary import load_glossary
from .guide_steps import SiteInputs, run_guide_steps
from .load import load_guides
from .messages import error_text
from .page_weight import PageWeight, over_budget, weigh
from .pause import pause_point
from .publish import build_lock, check_output, discard, publish, recover
from .render import THEMES, site_assets
from .search_index import load_synonyms
from .site import render_site_around
from .site_files import guide_context
from .stage import stage_site


HEAVIEST_REPORTED = 5


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    published: bool = False
    pages: int = 0
    guides: int = 0
    redone: int = 0  # guides whose own steps ran this time; the build cache had the others
    checked: bool = False
    axe_version: str | None = None
    heaviest: list[PageWeight] = field(default_factory=list)
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
    today: dt.date | None = None,
) -> BuildResult:
    """Build SOURCE into OUT. Input errors refuse before anything is written; OUT changes only on success.

    ``today`` decides which guides are past their review date (default: the real today)."""
    out = out.resolve()  # a symbolic link as OUT: publish into the folder it points at
    check_output(out, source)
    result = BuildResult(checked=check, waivers=waivers)
    config, result.findings = load_config(source)
    build_cache = BuildCache(cache_path(out) if cache else None)
    loaded = load_guides(source, config.default_lang, build_cache.load_guide)
    result.findings += loaded.findings
    if not loaded.guides and not loaded.findings:
        result.findings.append(Finding(rule="content-no-guides", message=error_text("no-guides", config.default_lang, source=source)))
    result.findings += _colliding_pages([guide.rel for guide in loaded.guides], config.default_lang)
    glossary, findings = load_glossary(source, config.default_lang)
    result.findings += findings
    synonyms, findings = load_synonyms(source, config.default_lang)
    result.findings += findings

    today = today or dt.date.today()
    inputs = SiteInputs(source, config, glossary, frozenset(guide.rel for guide in loaded.guides), guide_context(loaded.guides, config),
                        synonyms, check, today)
    key = site_key(loaded.guides, config.model_dump_json(), glossary, synonyms, check, today, source.resolve(), files_key(source))
    outcomes = {guide.rel: build_cache.outcome(guide, key) for guide in loaded.guides}
    to_do = [guide for guide in loaded.guides if outcomes[guide.rel] is None]
    result.guides, result.redone = len(loaded.guides), len(to_do)
    pause_point("render")
    for guide, outcome in zip(to_do, run_guide_steps(to_do, inputs, jobs or os.cpu_count() or 1)):
        build_cache.remember(guide, key, outcome)
        outcomes[guide.rel] = outcome
    pages = [page for outcome in outcomes.values() for page in outcome.pages]
    result.findings += [finding for outcome in outcomes.values() for finding in outcome.findings]
    around = render_site_around(loaded.guides, {rel: outcome.search_words for rel, outcome in outcomes.items()}, config, synonyms,
                                checked=check)
    pages += build_cache.pages("gallery", f"{config.model_dump_json()}{check}", lambda: render_gallery(config, checked=check)) + around.pages
    build_cache.save()  # whatever the verdict: the outcomes hold their findings, and the next build redoes less
    result.findings += around.findings
    result.pages = len(pages)
    files = site_assets() | around.files(pages)
    weights = weigh(pages, files, {path: size for outcome in outcomes.values() for path, size in outcome.html_gzip.items()})
    result.heaviest = weights[:HEAVIEST_REPORTED]
    result.findings += over_budget(weights, config.budgets.page_kb)
    if result.refused:
        return _sorted(result)

    assets = {asset.site_path: asset for outcome in outcomes.values() for asset in outcome.assets}.values()
    with build_lock(out):
        recover(out)
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
    """Two guides must not become one page, even where file systems ignore case (USB sticks) or spell
    a character two ways (macOS); nor may a guide take the place of a page guidekit makes itself."""
    generated = {_page_key(theme.prefix + "index.html") for theme in THEMES}
    seen: dict[str, str] = {}
    findings = []
    for rel in rels:
        keys = [_page_key(theme.prefix + page_path(rel)) for theme in THEMES]
        other = next((seen[key] for key in keys if key in seen), None)
        if generated.intersection(keys):
            findings.append(Finding(rule="content-reserved-page", file=rel, line=1,
                                    message=error_text("reserved-page", lang, page=page_path(rel))))
        elif other is not None:
            findings.append(Finding(rule="content-duplicate-page", file=rel, line=1,
                                    message=error_text("duplicate-page", lang, other=other, page=page_path(rel))))
        else:
            seen.update(dict.fromkeys(keys, rel))
    return findings


def _page_key(site_path: str) -> str:
    return unicodedata.normalize("NFC", site_path).casefold()


def _sorted(result: BuildResult) -> BuildResult:
    result.findings.sort(key=sort_key)
    return result


