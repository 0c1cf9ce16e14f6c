"""The whole pipeline: load -> parse -> enrich -> render -> stage -> check -> publish."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .build_cache import BuildCache, cache_path, files_key, forget, site_key
from .config import SiteConfig, load_config
from .conformance import evidence, load_reviews, render_statements, report_files, write_reports
from .enrich import page_path
from .environment import environment_finding
from .findings import Finding, Severity, sort_key
from .gallery import render_gallery
from .gate.report import judge
from .gate.waivers import Waiver
from .glossary import load_glossary
from .guide_checks import check_guide, salvaged_guides, site_guides
from .guide_steps import GuideOutcome, SiteInputs, run_guide_steps
from .load import SourceGuide, load_guides
from .messages import DEFAULT_LANGUAGE, error_text
from .page_weight import PageWeight, gzip_size, over_budget, weigh
from .pause import pause_point
from .publish import build_lock, check_output, discard, publish, recover
from .render import THEMES, KeptFile, Made, site_assets
from .search_index import SynonymGroups, load_synonyms
from .site import render_around, render_search_index, search_languages, site_files
from .site_files import guide_context
from .stage import (
    MANIFEST,
    FileRecord,
    KeptFileChanged,
    Spare,
    published_token,
    stage_site,
    staging_dir,
)

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
    site_files: frozenset[str] = (
        frozenset()
    )  # every file of the published site, when this build published one
    waivers: Sequence[Waiver] = ()
    gate: dict[str, object] = field(
        default_factory=dict
    )  # what the gate reports about its run (pages, cache, …)

    @property
    def refused(self) -> bool:
        blocking = [
            finding for finding in self.findings if finding.blocking
        ]  # grouping thousands of warnings would only cost time
        return bool(blocking) and not judge(blocking, self.waivers).ok


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
    grid: str | None = None,
) -> BuildResult:
    """Build SOURCE into OUT. Input errors refuse before anything is written; OUT changes only on
    success.

    ``today`` decides which guides are past their review date (default: the real today)."""
    out = out.resolve()  # a symbolic link as OUT: publish into the folder it points at
    try:
        check_output(out, source)
        with build_lock(
            out
        ):  # one build of OUT at a time: each keeps pages of the site the last one published
            try:
                recover(out)
                return _build_trusting_nothing_changed(
                    source,
                    out,
                    check,
                    jobs,
                    cache,
                    waivers,
                    on_stage,
                    on_page,
                    today or dt.date.today(),
                    grid,
                )
            except (OSError, UnicodeError):
                discard(staging_dir(out))  # under the lock: the staging folder is this build's
                raise
    except (
        OSError,
        UnicodeError,
    ) as error:  # the machine's problem (a full disk, a name too long…), not the guides'
        return BuildResult(
            checked=check, findings=[environment_finding(error, _language(source), out)]
        )


def _writable(folder: Path) -> None:
    """Raise the OSError that writing into ``folder`` (made if need be) would raise later."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


def _language(source: Path) -> str:
    """The language of messages about SOURCE, when even reading it may fail."""
    try:
        return load_config(source)[0].default_lang
    except (OSError, UnicodeError):
        return DEFAULT_LANGUAGE


def _build_trusting_nothing_changed(
    source: Path,
    out: Path,
    check: bool,
    jobs: int | None,
    cache: bool,
    waivers: Sequence[Waiver],
    on_stage: Callable[[str, int], None],
    on_page: Callable[[str], None],
    today: dt.date,
    grid: str | None,
) -> BuildResult:
    try:
        return _build(source, out, check, jobs, cache, waivers, on_stage, on_page, today, grid)
    except (
        KeptFileChanged
    ):  # a published file was removed or changed by hand: nothing of that site is kept
        forget(cache_path(out))
        return _build(source, out, check, jobs, cache, waivers, on_stage, on_page, today, grid)


def _build(
    source: Path,
    out: Path,
    check: bool,
    jobs: int | None,
    cache: bool,
    waivers: Sequence[Waiver],
    on_stage: Callable[[str, int], None],
    on_page: Callable[[str], None],
    today: dt.date,
    grid: str | None = None,
) -> BuildResult:
    result = BuildResult(checked=check, waivers=waivers)
    config, result.findings = load_config(source)
    published = published_token(out)
    build_cache = BuildCache(cache_path(out) if cache else None, published)
    result.findings += [
        Finding(
            rule="cache-damaged",
            severity=Severity.WARNING,
            file=str(path),
            message=error_text("cache-damaged", config.default_lang, path=path),
        )
        for path in build_cache.damaged
    ]
    if cache:
        _writable(
            cache_path(out)
        )  # a cache folder that is a file or cannot be written refuses before anything is made
    workers = jobs or os.cpu_count() or 1
    loaded = load_guides(source, config.default_lang, build_cache, workers)
    result.findings += loaded.findings
    if not loaded.guides and not loaded.findings:
        result.findings.append(
            Finding(
                rule="content-no-guides",
                message=error_text("no-guides", config.default_lang, source=source),
            )
        )
    result.findings += _colliding_pages([guide.rel for guide in loaded.guides], config.default_lang)
    glossary, findings = load_glossary(source, config.default_lang)
    result.findings += findings
    synonyms, findings = load_synonyms(source, config.default_lang)
    result.findings += findings
    reviews, findings = load_reviews(source, config.default_lang)
    result.findings += findings

    guides = site_guides(loaded)
    inputs = SiteInputs(
        source,
        config,
        glossary,
        guides,
        guide_context(loaded.guides, config),
        synonyms,
        check,
        today,
    )
    # the titles only name the file a broken link meant, in a message: keying on them would make
    # every guide again
    # whenever one title changes
    key = site_key(
        loaded.guides,
        config.model_dump_json(),
        glossary,
        synonyms,
        check,
        today,
        source.resolve(),
        files_key(source),
        sorted(guides.broken),
    )
    for salvaged in salvaged_guides(
        source, guides, config.default_lang
    ):  # every problem of their bodies too, in one pass
        result.findings += check_guide(salvaged, source, guides, config.lint, today).findings
    outcomes = {guide.rel: build_cache.outcome(guide, key) for guide in loaded.guides}
    to_do = [guide for guide in loaded.guides if outcomes[guide.rel] is None]
    result.guides, result.redone = len(loaded.guides), len(to_do)
    pause_point("render")
    around: list[
        Made
    ] = []  # the pages that read no guide's body, made while worker processes make the guides

    def make_around() -> None:
        around.extend(_made_from_front_matter(build_cache, loaded.guides, config, check))

    for guide, outcome in zip(
        to_do, run_guide_steps(to_do, inputs, workers, meanwhile=make_around)
    ):
        build_cache.remember(guide, key, outcome)
        outcomes[guide.rel] = outcome
    pages = [page for outcome in outcomes.values() for page in outcome.pages]
    result.findings += [finding for outcome in outcomes.values() for finding in outcome.findings]
    around += _search_indexes(build_cache, loaded.guides, outcomes, config, synonyms, key)
    pages += [page for made in around for page in made.pages]
    result.findings += [finding for made in around for finding in made.findings]
    # the accessibility statement is made every time (a few pages): it reads the waivers, reviews
    # and the day
    conformance = evidence(
        config, pages, date=today, checked=check, waivers=waivers, reviews=reviews
    )
    pages += render_statements(conformance)
    result.pages = len(pages)
    files = (
        site_assets()
        | {path: file for made in around for path, file in made.files.items()}
        | site_files(config, pages)
    )
    if check:
        files |= report_files(conformance)  # written again with the gate's findings once it passes
    weights = weigh(
        pages,
        files,
        {path: size for outcome in outcomes.values() for path, size in outcome.html_gzip.items()},
    )
    result.heaviest = weights[:HEAVIEST_REPORTED]
    result.findings += over_budget(weights, config.budgets.page_kb)
    if result.refused:
        build_cache.save(None)  # the outcomes hold their findings, and the next build redoes less
        return _sorted(result)

    assets = {
        asset.site_path: asset for outcome in outcomes.values() for asset in outcome.assets
    }.values()
    token = build_cache.token()
    spare = Spare.of(out) if cache else None
    staged = stage_site(
        out,
        pages,
        assets,
        files,
        checked=check,
        token=token,
        spare=spare,
        published=published,
        records=build_cache.published_files(),
    )
    staging = staged.folder
    try:
        if check:
            on_stage("check", len(pages))
            from .gate import run_gate  # Playwright is imported by builds that check pages
            from .gate.cache import cache_file

            # the cache is keyed by content, so it may serve the staging folder of every build of
            # OUT
            report = run_gate(
                staging,
                jobs=jobs,
                cache=cache_file(out) if cache else None,
                on_page=on_page,
                grid=grid,
            )
            result.findings += report.findings
            result.axe_version = report.axe_version
            result.gate = report.details()
        if not result.refused:
            if check:
                write_reports(staging, conformance, report.findings)
            if publish(staging, out, keep_previous=spare.folder if spare else None) and spare:
                spare.keep(staged.written, token)
            result.published = True
            result.site_files = (
                frozenset(staged.records) | {asset.site_path for asset in assets} | {MANIFEST}
            )
    finally:
        discard(
            staging
            # a refused site; after a publish the previous site was set aside and nothing is left
            # here
        )
    build_cache.save(token if result.published else None, staged.records)
    return _sorted(result)


def _made_from_front_matter(
    build_cache: BuildCache, guides: Sequence[SourceGuide], config: SiteConfig, check: bool
) -> list[Made]:
    """The gallery and the pages around the guides, each made again only when what it reads
    changed: the
    settings, the guides' front matter."""
    settings = [config.model_dump_json(), str(check)]
    return [
        build_cache.group(
            "gallery", settings, lambda: Made(list(render_gallery(config, checked=check)))
        ),
        build_cache.group(
            "around",
            settings + [f"{guide.rel}\0{build_cache.meta_json(guide)}" for guide in guides],
            lambda: render_around(guides, config, checked=check),
        ),
    ]


def _search_indexes(
    build_cache: BuildCache,
    guides: Sequence[SourceGuide],
    outcomes: Mapping[str, GuideOutcome],
    config: SiteConfig,
    synonyms: SynonymGroups,
    key: str,
) -> list[Made]:
    """Each language's search index, made again only when one of its guides (or what they read)
    changed."""
    words = {rel: outcome.search_words for rel, outcome in outcomes.items()}
    published = build_cache.published_files()
    return [
        _published_kept(published, made)
        for made in (
            build_cache.group(
                f"search-{lang}",
                [key]
                + [
                    f"{guide.rel}\0{build_cache.file_key(guide)}"
                    for guide in guides
                    if guide.lang == lang
                ],
                lambda lang=lang: render_search_index(lang, guides, words, synonyms),
            )
            for lang in search_languages(guides, config)
        )
    ]


def _published_kept(published: Mapping[str, FileRecord], made: Made) -> Made:
    """``made`` with the files the published site holds byte for byte kept, not written again: of
    an index made again after an edit, only the chunks of the words and guides that changed."""
    files: dict[str, str | KeptFile] = {}
    for path, text in made.files.items():
        record = published.get(path)
        if (
            isinstance(text, str)
            and record is not None
            and hashlib.sha256(text.encode()).hexdigest() == record[0]
        ):
            files[path] = KeptFile(gzip_size(text))
        else:
            files[path] = text
    return Made(made.pages, files, made.findings)


def _colliding_pages(rels: list[str], lang: str) -> list[Finding]:
    """Two guides must not become one page, even where file systems ignore case (USB sticks) or
    spell
    a character two ways (macOS); nor may a guide take the place of a page guidekit makes itself."""
    generated = {_page_key(theme.prefix + "index.html") for theme in THEMES}
    seen: dict[str, str] = {}
    findings = []
    for rel in rels:
        keys = _page_keys(rel)
        other = next((seen[key] for key in keys if key in seen), None)
        if generated.intersection(keys):
            findings.append(
                Finding(
                    rule="content-reserved-page",
                    file=rel,
                    line=1,
                    message=error_text("reserved-page", lang, page=page_path(rel)),
                )
            )
        elif other is not None:
            findings.append(
                Finding(
                    rule="content-duplicate-page",
                    file=rel,
                    line=1,
                    message=error_text("duplicate-page", lang, other=other, page=page_path(rel)),
                )
            )
        else:
            seen.update(dict.fromkeys(keys, rel))
    return findings


@cache  # a process that builds again (serve) sees the same guides each time
def _page_keys(rel: str) -> tuple[str, ...]:
    return tuple(_page_key(theme.prefix + page_path(rel)) for theme in THEMES)


def _page_key(site_path: str) -> str:
    return unicodedata.normalize("NFC", site_path).casefold()


def _sorted(result: BuildResult) -> BuildResult:
    result.findings.sort(key=sort_key)
    return result
