"""One build, phase by phase (``_build``): source -> each guide's steps (lint, parse, enrich,
render) -> pages around the guides -> stage -> gate -> publish. ARCHITECTURE.md names each phase's
modules."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .conformance import (
    evidence,
    load_reviews,
    render_statements,
    report_date,
    report_files,
    write_reports,
)
from .conformance.reviews import Review
from .conformance.verdicts import Evidence
from .environment import environment_finding
from .findings import Finding, Severity, sort_key
from .gate.report import judge
from .gate.waivers import Waiver
from .guide.checks import check_guide, salvaged_guides, site_guides
from .guide.enrich import Asset, heavy_images_once, page_path
from .guide.steps import GuideOutcome, SiteInputs, run_guide_steps
from .lint.shared_names import shared_names
from .messages import DEFAULT_LANGUAGE, error_text, sentences_text
from .output.build_cache import BuildCache, cache_path, forget
from .output.cache_keys import SiteKey, files_key, site_key
from .output.cache_store import CacheDamaged
from .output.publish import build_lock, check_output, discard, publish, recover
from .output.session import Session
from .output.stage import (
    MANIFEST,
    FileRecord,
    KeptFileChanged,
    Spare,
    Staged,
    published_token,
    stage_site,
    staging_dir,
)
from .output.unchanged import Record, Reported
from .pages import KeptFile, KeptPage, Page, PageGroup
from .pause import pause_point
from .site.assemble import render_around, render_search_index, search_languages, site_files
from .site.extras import guide_context, site_root_path
from .site.page_weight import PageWeight, gzip_size, over_budget, weigh
from .site.search_index import Spellings, SynonymGroups, load_synonyms
from .site_assets import site_assets
from .source.config import SiteConfig, load_config
from .source.glossary import Entry, load_glossary
from .source.load import Loaded, SourceGuide, load_guides
from .theme import THEMES

if TYPE_CHECKING:
    from .gate.runner import GateReport

HEAVIEST_REPORTED = 5
T = TypeVar("T")


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    published: bool = False
    pages: int = 0
    guides: int = 0
    redone: int = 0  # guides whose own steps ran this time; the build cache had the others
    checked: bool = False  # the gate ran on this build's pages
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


@dataclass(frozen=True)
class BuildOptions:
    """What the caller of ``build`` chose, besides SOURCE and OUT."""

    check: bool = True  # run the gate on the staged site
    jobs: int | None = None  # worker processes (default: one per core)
    cache: bool = True  # keep what the last build made (the build cache, the gate's cache)
    waivers: Sequence[Waiver] = ()
    on_stage: Callable[[str, int], None] = lambda stage, total: None
    on_page: Callable[[str], None] = lambda page: None
    today: dt.date = field(default_factory=dt.date.today)  # review dates are judged against it
    grid: str | None = None  # a Selenium Grid the gate also checks on


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
    session: Session | None = None,
) -> BuildResult:
    """Build SOURCE into OUT. Input errors refuse before anything is written; OUT changes only on
    success.

    ``today`` decides which guides are past their review date (default: the real today).
    ``session``: what this process kept from its last builds (``guidekit serve`` passes the same one
    to each); None for a process that builds once."""
    options = BuildOptions(
        check, jobs, cache, waivers, on_stage, on_page, today or dt.date.today(), grid
    )
    # a process that builds once may find its result recorded; one that builds again keeps what it
    # needs in its session
    once = session is None
    session = session or Session()
    out = out.resolve()  # a symbolic link as OUT: publish into the folder it points at
    try:
        check_output(out, source)
        if out.is_dir() and not os.access(out, os.W_OK):
            # made read-only (by its owner, or another user's): publishing would replace it all the
            # same, since only its parent folder is written
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(out))
        # one build of OUT at a time: each keeps pages of the site the last one published
        with build_lock(out):
            try:
                recover(out)
                record = _record(source, out, options) if once else None
                if record is not None:
                    reported = record.replay(out)
                    if reported is not None:
                        return _replayed(reported, options)
                    record.forget()
                try:
                    return _build(source, out, options, session, record)
                # a published file was removed or changed by hand, or a part of the cache read
                # only when needed is damaged: nothing of that site is kept
                except (KeptFileChanged, CacheDamaged):
                    forget(cache_path(out), session.build_caches)
                    return _build(source, out, options, session, record)
            except (OSError, UnicodeError):
                discard(staging_dir(out))  # under the lock: the staging folder is this build's
                raise
    except (OSError, UnicodeError) as error:
        # the machine's problem (a full disk, a name too long…), not the guides'
        return BuildResult(findings=[environment_finding(error, _language(source), out)])


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


@dataclass
class BuildState:
    """One build as its phases go: what it was asked, the settings, the build cache's view of the
    last build, and the one list every phase adds its findings to (``result.findings``)."""

    source: Path
    out: Path
    options: BuildOptions
    config: SiteConfig
    cache: BuildCache
    published: str | None  # the token of the site now in OUT
    result: BuildResult

    @property
    def lang(self) -> str:
        return self.config.default_lang

    def report(self, findings: Iterable[Finding]) -> None:
        self.result.findings.extend(findings)


@dataclass(frozen=True)
class Source:
    """Phase 1, source: what SOURCE holds, read and validated."""

    guides: list[SourceGuide]
    inputs: SiteInputs  # what every guide's steps read besides the guide
    reviews: list[Review]
    key: SiteKey  # what every guide's pages read from the rest of the site


@dataclass(frozen=True)
class BuiltSite:
    """Phases 2 and 3: every page and file of the site, before staging."""

    outcomes: dict[str, GuideOutcome]  # each guide's steps, by its path in SOURCE
    pages: list[Page | KeptPage]
    files: dict[str, str | KeptFile]
    conformance: Evidence

    @property
    def assets(self) -> Iterable[Asset]:
        return {
            asset.site_path: asset for outcome in self.outcomes.values() for asset in outcome.assets
        }.values()


def _record(source: Path, out: Path, options: BuildOptions) -> Record | None:
    """The record of the last build of ``out``, for a build that may make the same site again
    (with the build cache, without the gate)."""
    if options.check or not options.cache:
        return None
    return Record.of(source, out, today=options.today, waivers=options.waivers)


def _replayed(reported: Reported, options: BuildOptions) -> BuildResult:
    """The result of a build that makes again the site published in OUT."""
    return BuildResult(
        findings=reported.findings,
        published=True,
        pages=reported.pages,
        guides=reported.guides,
        heaviest=reported.heaviest,
        site_files=reported.site_files,
        waivers=options.waivers,
    )


def _build(
    source: Path, out: Path, options: BuildOptions, session: Session, record: Record | None
) -> BuildResult:
    """Source -> each guide's steps -> pages around the guides -> stage -> gate -> publish;
    ``record``: where to record the result of a build that publishes."""
    state = _start(source, out, options, session)
    read = _read_source(state)
    made = _pages_around_the_guides(state, read, *_guide_steps(state, read))
    if state.result.refused:
        state.cache.save(None)  # the outcomes hold their findings, and the next build redoes less
        return _sorted(state.result)
    token = state.cache.token()
    spare = Spare.of(out) if options.cache else None
    staged = _stage(state, made, token, spare, session)
    conformance, assets = made.conformance, {asset.site_path for asset in made.assets}
    # the pages are in the staging folder now: their HTML (over a gigabyte at 20,000 guides) is
    # not held through the gate and the cache's save
    del made
    state.cache.pages_staged()
    try:
        report = _gate(state, staged.folder)
        if not state.result.refused:
            _publish(state, conformance, assets, staged, report, token, spare)
    finally:
        # a refused site; after a publish the previous site was set aside and nothing is left here
        discard(staged.folder)
    state.cache.save(token if state.result.published else None, staged.records)
    result = _sorted(state.result)
    # a warning about a damaged cache is this build's alone
    if record is not None and result.published and not state.cache.damaged:
        record.save(
            out,
            Reported(
                result.findings, result.pages, result.guides, result.heaviest, result.site_files
            ),
            staged.records,
        )
    return result


def _start(source: Path, out: Path, options: BuildOptions, session: Session) -> BuildState:
    """The settings and the build cache: nothing is read of the guides yet."""
    result = BuildResult(waivers=options.waivers)
    config, result.findings = load_config(source)
    published = published_token(out, session.manifest_tokens)
    path = cache_path(out) if options.cache else None
    state = BuildState(
        source,
        out,
        options,
        config,
        BuildCache(path, published, session.build_caches),
        published,
        result,
    )
    state.report(
        Finding(
            rule="cache-damaged",
            severity=Severity.WARNING,
            file=str(damaged),
            message=error_text("cache-damaged", state.lang, path=damaged),
        )
        for damaged in state.cache.damaged
    )
    if path is not None:
        _writable(path)  # a cache folder that is a file or cannot be written refuses before all
    return state


def _read_source(state: BuildState) -> Source:
    """Phase 1: the guides (those the build cache knows unchanged are not read again), the
    glossary, synonyms and reviews, and the key of what every guide's pages read from the site."""
    source, config, lang = state.source, state.config, state.lang
    loaded = load_guides(source, lang, state.cache, _workers(state.options))
    state.report(loaded.findings)
    if not loaded.guides and not loaded.findings:
        said = [error_text("no-guides", lang, source=source)]
        if _holds_web_pages(source):  # a built site given where guides were meant
            said.append(error_text("no-guides-but-pages", lang, source=source))
        state.report([Finding(rule="content-no-guides", message=sentences_text(said, lang))])
    state.report(shared_names(loaded.guides))
    site_files = _reported(state, read_site_files(source, loaded, lang, state.options.today))
    glossary, synonyms, reviews = site_files.glossary, site_files.synonyms, site_files.reviews
    guides = site_guides(loaded)
    inputs = SiteInputs(
        source,
        config,
        glossary,
        guides,
        guide_context(loaded.guides, config),
        synonyms,
        state.options.check,
        state.options.today,
        known_spellings=state.cache.known_spellings(),
    )
    key = site_key(
        loaded.guides,
        settings=config.model_dump_json(),
        glossary=glossary,
        synonyms=synonyms,
        checked=state.options.check,
        today=state.options.today,
        source=source.resolve(),
        files=files_key(source),
        broken=guides.broken,
    )
    for salvaged in salvaged_guides(source, loaded, lang):  # every problem of their bodies too
        state.report(
            check_guide(salvaged, source, guides, config.lint, state.options.today).findings
        )
    return Source(loaded.guides, inputs, reviews, key)


@dataclass(frozen=True)
class SiteFiles:
    """What SOURCE holds beside the guides, as read."""

    glossary: list[Entry]
    synonyms: SynonymGroups
    reviews: list[Review]


def read_site_files(
    source: Path, loaded: Loaded, lang: str, today: dt.date
) -> tuple[SiteFiles, list[Finding]]:
    """The site's glossary, synonyms and conformance reviews, and the problems a build refuses in
    them and in the guides' names; ``guidekit lint`` reports the same problems."""
    glossary, glossary_problems = load_glossary(source, lang)
    synonyms, synonym_problems = load_synonyms(source, lang)
    reviews, review_problems = load_reviews(source, lang, report_date(today))
    names = _colliding_pages([guide.rel for guide in loaded.guides], lang)
    return (
        SiteFiles(glossary, synonyms, reviews),
        names + glossary_problems + synonym_problems + review_problems,
    )


def _reported(state: BuildState, loaded: tuple[T, list[Finding]]) -> T:
    """A user file's content, its findings reported."""
    value, findings = loaded
    state.report(findings)
    return value


def _guide_steps(
    state: BuildState, read: Source
) -> tuple[dict[str, GuideOutcome], list[PageGroup]]:
    """Phase 2: each guide's own steps (lint, parse, enrich, render), for the guides the build
    cache has no outcome of; the pages that read only the guides' front matter are made by this
    process meanwhile."""
    cache, guides = state.cache, read.guides
    known = {guide.rel: cache.outcome(guide, read.key) for guide in guides}
    to_do = [guide for guide in guides if known[guide.rel] is None]
    state.result.guides, state.result.redone = len(guides), len(to_do)
    pause_point("render")
    made, around = run_guide_steps(
        to_do,
        read.inputs,
        _workers(state.options),
        meanwhile=lambda: _made_from_front_matter(cache, guides, state.config, state.options.check),
    )
    for guide, outcome in zip(to_do, made, strict=True):
        cache.remember(guide, read.key, outcome)
        known[guide.rel] = outcome
    return {rel: outcome for rel, outcome in known.items() if outcome is not None}, around


def _pages_around_the_guides(
    state: BuildState, read: Source, outcomes: dict[str, GuideOutcome], around: list[PageGroup]
) -> BuiltSite:
    """Phase 3: the search indexes, the accessibility statement and the site's own files, with the
    guides' pages; pages over the page budget are reported."""
    config, options = state.config, state.options
    around = around + _search_indexes(
        state.cache, read.guides, outcomes, config, read.inputs.synonyms, read.key
    )
    pages = [page for outcome in outcomes.values() for page in outcome.pages]
    state.report(finding for outcome in outcomes.values() for finding in outcome.findings)
    pages += [page for made in around for page in made.pages]
    state.report(finding for made in around for finding in made.findings)
    conformance = evidence(
        config,
        pages,
        date=options.today,
        checked=options.check,
        waivers=options.waivers,
        reviews=read.reviews,
    )
    # the evidence is a frozen record of the settings, pages, waivers, reviews and the day: the
    # same evidence gives the same statement
    pages += state.cache.group(
        "statement", [repr(conformance)], lambda: PageGroup(list(render_statements(conformance)))
    ).pages
    state.result.pages = len(pages)
    files = (
        site_assets()
        | {path: file for made in around for path, file in made.files.items()}
        | site_files(config, pages)
    )
    if options.check:
        files |= report_files(conformance)  # written again with the gate's findings once it passes
    weights = weigh(
        pages,
        files,
        {path: size for outcome in outcomes.values() for path, size in outcome.html_gzip.items()},
    )
    state.result.heaviest = weights[:HEAVIEST_REPORTED]
    state.report(over_budget(weights, config.budgets.page_kb))
    return BuiltSite(outcomes, pages, files, conformance)


def _stage(
    state: BuildState, site: BuiltSite, token: str, spare: Spare | None, session: Session
) -> Staged:
    """Phase 4: the whole site in a staging folder beside OUT."""
    staged = stage_site(
        state.out,
        site.pages,
        site.assets,
        site.files,
        checked=state.options.check,
        token=token,
        root_path=site_root_path(state.config),
        spare=spare,
        published=state.published,
        records=state.cache.published_files(),
    )
    if staged.manifest is not None:  # only the newest is of use
        session.manifest_tokens = {staged.manifest: token}
    return staged


def _gate(state: BuildState, staging: Path) -> GateReport | None:
    """Phase 5: the accessibility gate on the staged site, when the build checks."""
    options = state.options
    if not options.check:
        return None
    options.on_stage("check", state.result.pages)
    from .gate import run_gate  # Playwright is imported by builds that check pages
    from .gate.cache import cache_file

    # the cache is keyed by content, so it may serve the staging folder of every build of OUT
    report = run_gate(
        staging,
        jobs=options.jobs,
        cache=cache_file(state.out) if options.cache else None,
        on_page=options.on_page,
        grid=options.grid,
    )
    state.report(report.findings)
    state.result.checked, state.result.axe_version = True, report.axe_version
    state.result.gate = report.details()
    return report


def _publish(
    state: BuildState,
    conformance: Evidence,
    assets: set[str],
    staged: Staged,
    report: GateReport | None,
    token: str,
    spare: Spare | None,
) -> None:
    """Phase 6: the staged site swapped in for the one in OUT."""
    if report is not None:
        write_reports(staged.folder, conformance, report.findings)
    if publish(staged.folder, state.out, keep_previous=spare.folder if spare else None) and spare:
        spare.keep(staged.written, token)
    state.result.published = True
    state.result.site_files = frozenset(staged.records) | assets | {MANIFEST}


def _workers(options: BuildOptions) -> int:
    return options.jobs or os.cpu_count() or 1


def _made_from_front_matter(
    build_cache: BuildCache, guides: Sequence[SourceGuide], config: SiteConfig, check: bool
) -> list[PageGroup]:
    """The gallery and the pages around the guides, each made again only when what it reads changed:
    the settings, the guides' front matter."""
    settings = [config.model_dump_json(), str(check)]
    return [
        build_cache.group("gallery", settings, lambda: PageGroup(list(_gallery(config, check)))),
        build_cache.group(
            "around",
            settings + [f"{guide.rel}\0{build_cache.meta_json(guide)}" for guide in guides],
            lambda: render_around(
                guides,
                config,
                checked=check,
                readings={
                    lang: build_cache.known_readings(lang)
                    for lang in search_languages(guides, config)
                },
            ),
        ),
    ]


def _gallery(config: SiteConfig, check: bool) -> list[Page]:
    from .site.gallery import (
        render_gallery,  # what only the gallery reads is imported when it is made
    )

    return list(render_gallery(config, checked=check))


def _search_indexes(
    build_cache: BuildCache,
    guides: Sequence[SourceGuide],
    outcomes: Mapping[str, GuideOutcome],
    config: SiteConfig,
    synonyms: SynonymGroups,
    key: SiteKey,
) -> list[PageGroup]:
    """Each language's search index, made again only when one of its guides (or what they read)
    changed."""
    words = {rel: outcome.search_words for rel, outcome in outcomes.items()}
    published = build_cache.published_files()
    indexes = []
    for lang in search_languages(guides, config):
        name = f"search-{lang}"
        before = build_cache.kept_files(name)
        # a word may be spelled otherwise in the other language (台 is 臺 in zh-Hans' Traditional)
        spelled = {
            word: spellings
            for guide in guides
            if guide.lang == lang and guide.rel in outcomes
            for word, spellings in outcomes[guide.rel].search_spellings.items()
        }
        made = build_cache.group(
            name,
            [key.digest]
            + [
                f"{guide.rel}\0{build_cache.file_key(guide)}"
                for guide in guides
                if guide.lang == lang
            ],
            functools.partial(_search_index, build_cache, lang, guides, words, synonyms, spelled),
        )
        indexes.append(_published_kept(published, before, made))
    return indexes


def _search_index(
    build_cache: BuildCache,
    lang: str,
    guides: Sequence[SourceGuide],
    words: Mapping[str, Mapping[str, int]],
    synonyms: SynonymGroups,
    spelled: Mapping[str, Spellings],
) -> PageGroup:
    """The search index of ``lang`` made again: only words the last one did not spell are spelled
    in pinyin; ``spelled``: the other-script spellings this build's guide steps made."""
    readings = build_cache.known_readings(lang, spelled)
    made = render_search_index(lang, guides, words, synonyms, readings)
    build_cache.keep_readings(lang, readings)
    return made


def _published_kept(
    published: Mapping[str, FileRecord], before: Mapping[str, str | KeptFile], made: PageGroup
) -> PageGroup:
    """``made`` with the files the published site holds byte for byte kept, not written again: of
    an index made again after an edit, only the chunks of the words and guides that changed.
    ``before``: the files of the group the published site was made with, whose kept files are
    weighed already."""
    files: dict[str, str | KeptFile] = {}
    for path, text in made.files.items():
        record = published.get(path)
        if (
            isinstance(text, str)
            and record is not None
            and hashlib.sha256(text.encode()).hexdigest() == record[0]
        ):
            # the published file is this text: the group that made it weighed it
            kept = before.get(path)
            files[path] = kept if isinstance(kept, KeptFile) else KeptFile(gzip_size(text))
        else:
            files[path] = text
    return PageGroup(made.pages, files, made.findings)


def _colliding_pages(rels: list[str], lang: str) -> list[Finding]:
    """Two guides must not become one page, even where file systems ignore case (USB sticks) or
    spell a character two ways (macOS); nor may a guide take the place of a page guidekit makes
    itself."""
    generated = {_page_key(theme.prefix + "index.html") for theme in THEMES}
    seen: dict[str, str] = {}
    findings = []
    for rel in rels:
        keys = _page_keys(rel)
        other = next((seen[key] for key in keys if key in seen), None)
        args: dict[str, str] = {}
        # a guide named like a short version (简版) would take its page
        if rel.casefold().endswith(".short.md"):
            rule, key = "content-reserved-page", "short-page-name"
        elif generated.intersection(keys):
            rule, key = "content-reserved-page", "reserved-page"
        elif other is not None:
            rule, key, args = "content-duplicate-page", "duplicate-page", {"other": other}
        else:
            seen.update(dict.fromkeys(keys, rel))
            continue
        message = error_text(key, lang, page=page_path(rel), **args)
        findings.append(Finding(rule=rule, file=rel, line=1, message=message, lang=lang))
    return findings


@cache  # a process that builds again (serve) sees the same guides each time
def _page_keys(rel: str) -> tuple[str, ...]:
    return tuple(_page_key(theme.prefix + page_path(rel)) for theme in THEMES)


def _page_key(site_path: str) -> str:
    return unicodedata.normalize("NFC", site_path).casefold()


def _holds_web_pages(source: Path) -> bool:
    return any(
        path.suffix.lower() in {".html", ".htm"} for path in source.rglob("*") if path.is_file()
    )


def _sorted(result: BuildResult) -> BuildResult:
    """The result with its findings in the order of the report, a heavy image told once."""
    result.findings = sorted(heavy_images_once(result.findings), key=sort_key)
    return result
