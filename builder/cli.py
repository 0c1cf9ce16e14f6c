"""The ``guidekit`` command. Exit status: 0 done, 1 refused (input error or blocking finding), 2
wrong usage."""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import json
import os
import re
import shlex
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import unquote, urlsplit

import click
from rich.console import Console
from rich.markup import escape

from . import scaffold, serve
from .build import build, read_site_files
from .cli_help import HELP_LANG, LocalizedGroup, LocalizedPath, command_language, language_chosen
from .component_assets import write_assets
from .environment import environment_finding
from .findings import Finding, Severity, sort_key
from .gate.formats import print_text, write_html, write_junit
from .gate.report import MergeError, Verdict, judge, merge
from .gate.setup_failures import setup_failure_text
from .gate.shard import Shard, ShardError
from .gate.waivers import DEFAULT_FILE, Waiver, WaiverError, load_waivers
from .guide.checks import all_guides, check_site
from .guide.enrich import heavy_images_once
from .lint.report import lint_text
from .messages import (
    LANGUAGES,
    best_language,
    catalogue,
    error_text,
    fill,
    list_text,
    os_reason,
    sentences_text,
)
from .output.publish import BuildLocked, UnsafeOutput
from .source.config import SiteConfig, load_config
from .source.folders import GUIDES_FOLDER, find_source, site_beside
from .source.load import load_guides
from .workers import kept_for_the_build

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from .exchange.guides import Imported

REFUSED = 1

_stdout = Console(highlight=False, soft_wrap=True)
_stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def say(key: str, lang: str, **args: object) -> str:
    return fill(catalogue("cli")[key][best_language(lang)], args)


@click.group(cls=LocalizedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guidekit")
@HELP_LANG
def main() -> None:
    """guidekit: accessible 办事指南 from Markdown. Builds are published only through the
    accessibility gate."""


def _source(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """SOURCE as given, or found from the folder the command runs in (the project, the guides or a
    language folder)."""
    if value is None:
        value = find_source(Path.cwd())
        if value is None:
            command = f"guidekit {ctx.info_name}"  # lint, serve…: the one the editor ran
            _usage_error(say("no-source", command_language(), cwd=Path.cwd(), command=command))
    elif not value.is_dir():
        _usage_error(say("source-missing", command_language(), source=value))
    return value


def _shell_word(path: Path) -> str:
    """``path`` as a command the editor may paste takes it: quoted when it holds a space or a
    character the shell reads (Chinese needs no quotes)."""
    text = str(path)
    return shlex.quote(text) if re.search(r"[\s'\"\\$`!*?;&|<>()\[\]{}~#]", text) else text


def _usage_error(message: str) -> NoReturn:
    """Wrong usage, said in the editor's words (exit status 2, as click's own usage errors)."""
    _stderr.print(f"[bold red]{escape(message)}[/]")
    sys.exit(2)


SOURCE = click.argument(
    "source", type=LocalizedPath(file_okay=False, path_type=Path), required=False, callback=_source
)
FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
JOBS = click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N")
JUNIT = click.option("--junit", type=LocalizedPath(dir_okay=False, path_type=Path))
HTML = click.option("--html", type=LocalizedPath(dir_okay=False, path_type=Path))
WAIVERS = click.option(
    "--waivers", "waivers_file", type=LocalizedPath(dir_okay=False, path_type=Path), default=None
)
GRID = click.option("--grid", metavar="URL", default=None)
BASE_URL = click.option("--base-url", "base_url", metavar="URL")  # read with _root_path
NO_CACHE = click.option("--no-cache", is_flag=True)


def _collector_for_one_run() -> None:
    """For a command that builds or lints once and ends: what the imports made lives as long as
    the process, and what a run reads as long as the run, so the cycle collector need not walk them
    again and again (a fifth of a rebuild's time)."""
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


@main.command("build")
@HELP_LANG
@SOURCE
@click.option(
    "--out", type=LocalizedPath(file_okay=False, path_type=Path), default=None, metavar="DIR"
)
@FORMAT
@click.option("--no-check", is_flag=True)
@JOBS
@JUNIT
@HTML
@WAIVERS
@NO_CACHE
@GRID
def build_command(
    source: Path,
    out: Path,
    output_format: str,
    no_check: bool,
    jobs: int | None,
    junit: Path | None,
    html: Path | None,
    waivers_file: Path | None,
    no_cache: bool,
    grid: str | None,
) -> None:
    """Build the guides in SOURCE into OUT through the accessibility gate."""
    # the build cache freezes its entries too once it has read them (cache_store.read)
    _collector_for_one_run()
    lang = load_config(source)[0].default_lang
    out = out or site_beside(source)
    if no_check:
        _stderr.print(f"[bold yellow]{escape(say('no-check-warning', lang))}[/]")
    with _guarded(lang, out, output_format), _progress(lang, output_format) as progress:
        waivers = _waivers(waivers_file, lang)
        result = build(
            source,
            out,
            check=not no_check,
            jobs=jobs,
            cache=not no_cache,
            waivers=waivers,
            on_stage=progress.start,
            on_page=progress.advance,
            grid=grid,
        )
    with kept_for_the_build():  # the verdict lives to the end of the process
        verdict = judge(
            result.findings,
            waivers,
            details={**result.gate, "pages": result.pages, "axe_version": result.axe_version},
        )
        _report(
            verdict,
            output_format,
            lang,
            junit,
            html,
            extra={
                "ok": result.published,
                "published": result.published,
                "checked": result.checked,
                "heaviest_pages": [
                    {"page": w.page.site_path, "kb": round(w.kilobytes, 1)} for w in result.heaviest
                ],
                "guides": result.guides,
                "guides_redone": result.redone,
            },
        )
    if output_format == "text":
        errors, not_blocking, _ = verdict.counts()
        # the linter's advice is not blocking either, but it is not a warning: counted as lint does
        advice = sum(
            1
            for problem in verdict.problems
            if not problem.waived and problem.first.severity is Severity.ADVICE
        )
        warnings = not_blocking - advice
        if result.redone < result.guides:
            key = "guides-redone" if result.redone else "guides-unchanged"
            _stderr.print(
                f"[dim]{escape(say(key, lang, redone=result.redone, guides=result.guides))}[/]"
            )
        _say_grid_nodes(result.gate, lang)
        if result.published and result.heaviest:  # a refused build published no page to weigh
            heaviest = list_text(
                (f"{w.page.site_path} {w.kilobytes:.1f} KB" for w in result.heaviest[:3]), lang
            )
            _stderr.print(f"[dim]{escape(say('heaviest', lang, pages=heaviest))}[/]")
        if result.published and not_blocking:
            listed = say("published-with-warnings", lang, warnings=warnings, advice=advice)
            _stderr.print(f"[yellow]{escape(listed)}[/]")
        if result.published:
            key = "published" if result.checked else "published-unchecked"
            _stderr.print(
                ("[bold green]" if result.checked else "[bold yellow]")
                + escape(say(key, lang, pages=result.pages, out=out, out_arg=_shell_word(out)))
                + "[/]"
            )
        else:
            refused = say("refused", lang, errors=errors, warnings=warnings, advice=advice, out=out)
            _stderr.print(f"[bold red]{escape(refused)}[/]")
    sys.exit(0 if result.published else REFUSED)


@main.command("check")
@HELP_LANG
@click.argument(
    "targets",
    nargs=-1,
    metavar="DIR",  # as README's usage; --merge says its arguments are reports
    type=LocalizedPath(exists=True, path_type=Path),
)
@FORMAT
@JOBS
@JUNIT
@HTML
@WAIVERS
@NO_CACHE
@click.option("--shard", "shard_text", metavar="K/N")
@click.option("--merge", is_flag=True)
@BASE_URL
@GRID
def check_command(
    targets: tuple[Path, ...],
    output_format: str,
    jobs: int | None,
    junit: Path | None,
    html: Path | None,
    waivers_file: Path | None,
    no_cache: bool,
    shard_text: str | None,
    merge: bool,
    base_url: str | None,
    grid: str | None,
) -> None:
    """Run the accessibility gate on any folder of built HTML (DIR: one folder). Publishes
    nothing."""
    lang = command_language()
    # none given: click would say DIR is missing, though --merge wants reports
    if not targets or (not merge and (len(targets) != 1 or not targets[0].is_dir())):
        raise click.UsageError(say("check-one-folder", lang))
    shard = _shard(shard_text, lang)
    root_path = _root_path(base_url, lang)
    with _guarded(lang, targets[0], output_format):
        waivers = _waivers(waivers_file, lang)
        if merge:
            findings, details = _merged(targets, lang)
        else:
            from .gate.cache import cache_file
            from .gate.runner import (
                html_pages,
                run_gate,
            )  # Playwright is imported by commands that check pages

            with _progress(lang, output_format) as progress:
                pages = html_pages(targets[0])
                if not pages:  # the wrong folder: a pass would be no verdict at all
                    raise Refusal(say("check-no-pages", lang, folder=targets[0]))
                progress.start("check", len(shard.select(pages) if shard else pages))
                report = run_gate(
                    targets[0],
                    jobs=jobs,
                    shard=shard,
                    cache=None if no_cache else cache_file(targets[0]),
                    on_page=progress.advance,
                    grid=grid,
                    root_path=root_path,
                    default_lang=lang,
                )
            findings, details = report.findings, report.details()
    verdict = judge(findings, waivers, details=details)
    _report(verdict, output_format, lang, junit, html)
    if output_format == "text":
        errors, warnings, _ = verdict.counts()
        _say_grid_nodes(details, lang)
        key = "check-passed" if verdict.ok else "check-failed"
        colour = "green" if verdict.ok else "red"
        summary = say(
            key,
            lang,
            pages=details.get("pages"),
            errors=errors,
            warnings=warnings,
            axe=details.get("axe_version"),
        )
        _stderr.print(f"[bold {colour}]{escape(summary)}[/]")
    sys.exit(0 if verdict.ok else REFUSED)


def _say_grid_nodes(details: dict, lang: str) -> None:
    """How many pages each Grid node checked, when a Grid checked them."""
    nodes = details.get("grid_nodes") or {}
    if nodes:
        listed = ", ".join(f"{node} {pages}" for node, pages in nodes.items())
        _stderr.print(f"[dim]{escape(say('grid-nodes', lang, nodes=listed))}[/]")


def _waivers(path: Path | None, lang: str) -> list[Waiver]:
    if path is None:
        path = Path(DEFAULT_FILE)
        if not path.is_file():
            return []
    return load_waivers(path, lang)  # a WaiverError is said by _guarded, as other refusals are


def _shard(text: str | None, lang: str) -> Shard | None:
    if text is None:
        return None
    try:
        return Shard.parse(text)
    except ShardError:
        # the sentence names --shard itself; click's own words would be English around it
        raise click.UsageError(error_text("shard-invalid", lang, value=text)) from None


def _root_path(base_url: str | None, lang: str) -> str | None:
    """The path ``--base-url`` publishes the site under (``/portal/``), decoded as the gate serves
    it; None: the site's manifest says it, else ``/``. A site's own pages link to it from the
    host's root (``/portal/css/site.css``), so a path alone is enough to say it."""
    if base_url is None:
        return None
    parts = urlsplit(base_url)
    whole = parts.scheme.lower() in {"http", "https"} and parts.netloc
    if not (whole or base_url.startswith("/")) or "?" in base_url or "#" in base_url:
        raise click.UsageError(error_text("base-url-invalid", lang, value=base_url))
    return unquote(parts.path).rstrip("/") + "/"


def _merged(paths: tuple[Path, ...], lang: str) -> tuple[list, dict]:
    documents = {}
    for path in paths:
        try:
            documents[str(path)] = json.loads(path.read_text("utf-8"))
        except OSError as error:
            problem = os_reason(error, lang)
            raise Refusal(
                error_text("merge-unreadable", lang, file=path, problem=problem)
            ) from None
        except ValueError as error:
            raise Refusal(error_text("merge-unreadable", lang, file=path, problem=error)) from None
    try:
        return merge(documents)
    except MergeError as error:
        key, args = error.args
        raise Refusal(error_text(key, lang, **args)) from None


def _report(
    verdict: Verdict,
    output_format: str,
    lang: str,
    junit: Path | None,
    html: Path | None,
    extra: dict[str, object] | None = None,
) -> None:
    for path, write in ((junit, write_junit), (html, write_html)):
        if path is None:
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write(verdict, path, lang)
        except OSError as error:
            _fail(say("report-unwritable", lang, path=path, reason=os_reason(error, lang)))
    if output_format == "json":
        document = {**verdict.to_json(), **(extra or {})}
        _stdout.out(json.dumps(document, ensure_ascii=False, indent=2), highlight=False)
    else:
        print_text(verdict, _stdout, lang)


@main.command("lint")
@HELP_LANG
@SOURCE
@FORMAT
@click.option(
    "--as-of",
    "as_of",
    # as a guide's dates may be written (2026/12/1, 2026年12月1日)
    type=click.DateTime(
        formats=["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y年%m月%d号"]
    ),
    default=None,
    metavar="YYYY-MM-DD",
)
@click.option("--fix", is_flag=True)
@click.option("--yes", is_flag=True)
@JOBS
def lint_command(
    source: Path, output_format: str, as_of, fix: bool, yes: bool, jobs: int | None
) -> None:
    """Check the guides in SOURCE for plain language, completeness and review dates. Builds
    nothing."""
    _collector_for_one_run()
    config, findings = load_config(source)
    lang = config.default_lang
    today = as_of.date() if as_of else dt.date.today()
    with _guarded(lang, source):
        if fix:
            _fix_habits(source, config, yes)
    ok = _lint_report(source, config, findings, today, output_format, jobs=jobs)
    sys.exit(0 if ok else REFUSED)


def _lint_report(
    source: Path,
    config: SiteConfig,
    findings: list[Finding],
    today: dt.date,
    output_format: str,
    only: set[str] | None = None,
    jobs: int | None = None,
) -> bool:
    """Lint SOURCE and report it (``only``: the findings and figures of these guides); True when
    nothing blocks a build. ``jobs``: worker processes, by default one per core."""
    lang = config.default_lang
    jobs = jobs or os.cpu_count() or 1
    with _guarded(lang, source):
        try:
            loaded = load_guides(source, lang, jobs=jobs)
            report = check_site(source, loaded, config.lint, lang, today, jobs)
            _, site_files_problems = read_site_files(source, loaded, lang, today)
            found = loaded.findings + report.findings + site_files_problems
            summaries, guides = report.summaries, report.guides
        except (OSError, UnicodeError) as error:
            # the machine's problem (a loop of symbolic links…), said as a build says it
            found, summaries, guides = [environment_finding(error, lang, source)], [], 0
    findings = findings + found
    if only is not None:
        findings = [finding for finding in findings if finding.file in only]
        summaries = [summary for summary in summaries if summary.file in only]
    findings = sorted(heavy_images_once(findings), key=sort_key)
    ok = not any(finding.blocking for finding in findings)
    with kept_for_the_build():  # as a build's: the verdict lives to the end of the process
        verdict = judge(findings)
        _report(
            verdict,
            output_format,
            lang,
            None,
            None,
            extra={"summaries": [summary.to_json() for summary in summaries]},
        )
    if output_format == "text":
        for summary in summaries:
            _stdout.print(escape(summary.describe(summary.lang)))  # as its findings are
        # what the report printed: a word said twice in one line is one line of it
        by_level = Counter(problem.first.severity for problem in verdict.problems)
        key = "lint-passed" if ok else "lint-failed"
        _stderr.print(
            f"[bold {'green' if ok else 'red'}]"
            + escape(
                lint_text(
                    key,
                    lang,
                    guides=guides if only is None else len(summaries),
                    errors=by_level[Severity.ERROR],
                    warnings=by_level[Severity.WARNING],
                    advice=by_level[Severity.ADVICE],
                )
            )
            + "[/]"
        )
    return ok


def _fix_habits(source: Path, config: SiteConfig, yes: bool) -> None:
    """Show how ``lint --fix`` would rewrite each guide's Word habits, then (asked, or with --yes)
    write it."""
    from .lint.word_habits import fixed_text, word_habits  # the linter's modules: lint only

    lang = config.default_lang
    try:
        guides = all_guides(source, load_guides(source, lang), lang)
    except (OSError, UnicodeError):
        return  # nothing can be read to fix; the report that follows says why
    changes = {}
    for guide in guides:
        found = [
            habit for habit in word_habits(guide) if config.lint.severity(habit.rule) is not None
        ]
        if not found:
            continue
        path = guide.path
        original = path.read_bytes().decode("utf-8")
        changed = fixed_text(original, found)
        if changed != original:
            changes[path] = changed
            name = path.relative_to(source).as_posix()
            diff = difflib.unified_diff(
                original.splitlines(), changed.splitlines(), name, name, lineterm=""
            )
            _stderr.out("\n".join(diff), highlight=False)
    if not changes:
        _stderr.print(escape(lint_text("fix-nothing", lang)))
        return
    if not yes and not click.confirm(lint_text("fix-confirm", lang, files=len(changes)), err=True):
        _stderr.print(escape(lint_text("fix-skipped", lang)))
        return
    for path, changed in changes.items():
        path.write_bytes(changed.encode("utf-8"))
    _stderr.print(f"[green]{escape(lint_text('fix-written', lang, files=len(changes)))}[/]")


@main.command("import")
@HELP_LANG
@click.argument("file", type=LocalizedPath(dir_okay=False, path_type=Path))
@click.option(
    "--source",
    type=LocalizedPath(file_okay=False, path_type=Path),
    default=None,
    metavar="SOURCE",
)
@click.option("--mapping", type=LocalizedPath(dir_okay=False, path_type=Path))
@click.option("--update", is_flag=True)
def import_command(file: Path, source: Path | None, mapping: Path | None, update: bool) -> None:
    """Write one guide per 实施清单 record of FILE (JSON, CSV or XLSX) into SOURCE, then lint
    them."""
    from .exchange import guides as exchange_guides
    from .exchange.layout import MappingError, load_mapping
    from .exchange.read import UnreadableFile, read_records
    from .exchange.report import exchange_template, exchange_text, problem_text, where

    source = source or find_source(Path.cwd()) or Path(GUIDES_FOLDER)
    config, config_findings = load_config(source)
    lang = config.default_lang
    today = dt.date.today()
    if not file.is_file():
        _usage_error(exchange_text("file-missing", command_language(), file=file))
    with _guarded(lang, source):
        try:
            read = read_records(file, load_mapping(mapping))
        except (UnreadableFile, MappingError) as error:
            # a reason the system gave is said in the site's language
            details = {
                name: os_reason(value, lang) if isinstance(value, OSError) else value
                for name, value in error.details.items()
            }
            _fail(exchange_text(error.key, lang, **details))
            raise AssertionError("unreachable") from error
        wording = exchange_guides.Wording(
            lang=lang,
            summary=exchange_template("import-summary", exchange_guides.IMPORT_LANG),
            summary_no_owner=exchange_template(
                "import-summary-no-owner", exchange_guides.IMPORT_LANG
            ),
            comment=exchange_text(
                "import-comment", exchange_guides.IMPORT_LANG, file=file.name, date=today
            ),
        )
        done = exchange_guides.import_records(read, source, wording, update=update, today=today)
    for (at, kind), names in read.ignored.items():
        said = exchange_text(
            "located",
            lang,
            where=where(at, lang),
            problem=exchange_text(f"import-ignored-{kind}", lang, names=list_text(names, lang)),
        )
        _stderr.print(f"[yellow]{escape(said)}[/]")
    for path in done.written:
        _stderr.print(escape(exchange_text("import-written", lang, guide=path)))
    for path, changed in done.updated:
        fields = list_text(changed, lang)
        _stderr.print(escape(exchange_text("import-updated", lang, guide=path, fields=fields)))
    for path in done.unchanged:
        _stderr.print(escape(exchange_text("import-unchanged", lang, guide=path)))
    for code, path in done.skipped:
        _stderr.print(
            f"[yellow]{escape(exchange_text('import-skipped', lang, code=code, guide=path))}[/]"
        )
    for problem in done.problems:
        _stderr.print(f"[bold red]{escape(problem_text(problem, lang))}[/]")
    lint_ok = True
    touched = [*done.written, *(path for path, _ in done.updated)]
    if touched:
        _stderr.print(escape(exchange_text("import-lint", lang)))
        only = {path.relative_to(source).as_posix() for path in touched}
        lint_ok = _lint_report(source, config, config_findings, today, "text", only)
    ok = lint_ok and not done.problems
    colour = "green" if ok else "red"
    _stderr.print(f"[bold {colour}]{escape(_import_summary(done, lang))}[/]")
    sys.exit(0 if ok else REFUSED)


def _import_summary(done: Imported, lang: str) -> str:
    """What the import did, in one line: the guides it wrote, updated, found the same or skipped;
    how many of them it imported with something to check; what it left out for an error."""
    from .exchange.report import exchange_text

    counts = {
        "written": len(done.written),
        "updated": len(done.updated),
        "unchanged": len(done.unchanged),
        "skipped": len(done.skipped),
    }
    said = [exchange_text("import-done", lang, **counts)]
    if done.noted:
        said.append(exchange_text("import-done-noted", lang, noted=done.noted))
    left_out = [
        exchange_text(key, lang, count=count)
        for key, count in (
            ("import-left-out-items", done.items_left_out),
            ("import-left-out-rows", done.rows_left_out),
        )
        if count
    ]
    if left_out:
        said.append(exchange_text("import-done-left-out", lang, what=list_text(left_out, lang)))
    elif not done.noted:
        said.append(exchange_text("import-done-clean", lang))
    return sentences_text(said, lang)


@main.command("export")
@HELP_LANG
@SOURCE
@click.option("--out", type=LocalizedPath(dir_okay=False, path_type=Path), metavar="FILE")
def export_command(source: Path, out: Path | None) -> None:
    """Write the guides of SOURCE back out as 实施清单 records: JSON (standard output or
    --out FILE.json) or XLSX (--out FILE.xlsx)."""
    from .exchange.report import exchange_text
    from .exchange.write import export_records, write_json, write_xlsx

    lang = load_config(source)[0].default_lang
    if out is not None and out.suffix.lower() not in {".json", ".xlsx"}:
        _usage_error(exchange_text("export-out-kind", command_language()))
    with _guarded(lang, source):
        done = export_records(source, lang)
    if done.findings:
        _report(judge(done.findings), "text", lang, None, None)
        _fail(exchange_text("export-refused", lang))
    for rel in done.without_code:
        _stderr.print(f"[yellow]{escape(exchange_text('export-no-code', lang, guide=rel))}[/]")
    if out is None:
        _stdout.out(json.dumps(done.records, ensure_ascii=False, indent=2), highlight=False)
        return
    with _guarded(lang, out):
        (write_xlsx if out.suffix.lower() == ".xlsx" else write_json)(done.records, out)
    written = exchange_text("export-written", lang, records=len(done.records), out=out)
    _stderr.print(f"[green]{escape(written)}[/]")


@main.command("serve")
@HELP_LANG
@SOURCE
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="N")
@click.option("--host", default=serve.DEFAULT_HOST, show_default=True, metavar="ADDR")
@click.option(
    "--out", type=LocalizedPath(file_okay=False, path_type=Path), default=None, metavar="DIR"
)
@click.option("--check", is_flag=True)
def serve_command(source: Path, port: int, host: str, out: Path | None, check: bool) -> None:
    """Preview SOURCE in the browser; rebuild and reload on every saved change."""
    lang = load_config(source)[0].default_lang
    if out is not None and serve.holds_checked_site(out):
        _fail(serve.serve_text("out-is-published", lang, out=out))
    if host not in serve.LOOPBACK_NAMES:
        _stderr.print(
            f"[bold yellow]{escape(serve.serve_text('host-warning', lang, host=host))}[/]"
        )
    if not check:
        _stderr.print(f"[yellow]{escape(serve.serve_text('preview-unchecked', lang))}[/]")

    published = False  # by a build of this run: until then no last good page can be kept
    terminal = serve.TerminalReport()

    def built(result, seconds: float) -> None:
        nonlocal published
        news, repeated = terminal.news(judge(result.findings))
        _report(news, "text", lang, None, None)
        if repeated:
            _stderr.print(
                f"[dim]{escape(serve.serve_text('problems-as-before', lang, count=repeated))}[/]"
            )
        if result.published:
            published = True
            rebuilt = serve.serve_text(
                "rebuilt", lang, pages=result.pages, seconds=f"{seconds:.1f}"
            )
            _stderr.print(f"[green]{escape(rebuilt)}[/]")
        else:
            key = "rebuild-refused" if published else "first-build-refused"
            errors = _counts(result.findings)[0]
            _stderr.print(f"[bold red]{escape(serve.serve_text(key, lang, errors=errors))}[/]")

    def ready(url: str) -> None:
        _stdout.print(escape(serve.serve_text("serving", lang, url=url, source=source)))

    with _guarded(lang, out or source), serve.stopped_by_signals():
        try:
            serve.preview_site(
                source, host=host, port=port, out=out, check=check, on_ready=ready, on_build=built
            )
        except serve.CannotListen as error:
            reason = os_reason(error.reason, lang)
            _fail(serve.serve_text("cannot-listen", lang, host=host, port=port, error=reason))


LANG = click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None)


@main.command("new")
@click.argument("title")
@click.option(
    "--source",
    type=LocalizedPath(file_okay=False, path_type=Path),
    default=None,
    metavar="SOURCE",
)
@LANG
def new_command(title: str, source: Path | None, lang: str | None) -> None:
    """Create a guide titled TITLE in SOURCE/LANG/, with every field stubbed and explained."""
    if not title.strip():  # a guide with an empty title fails at once
        _usage_error(scaffold.scaffold_text("new-no-title", command_language()))
    source = source or find_source(Path.cwd()) or Path(GUIDES_FOLDER)
    lang = lang or language_chosen() or load_config(source)[0].default_lang
    written = scaffold.title_in_script(title, lang)
    path = scaffold.new_guide(source, written, lang)
    # a SOURCE found from a language folder is ``..``: name the file as seen from where they stand
    shown = path if path.is_absolute() else Path(os.path.relpath(path))
    _stderr.print(f"[green]{escape(scaffold.scaffold_text('new-created', lang, path=shown))}[/]")
    if written != title:
        _stderr.print(escape(scaffold.scaffold_text("new-title-converted", lang, title=written)))


@main.command("init")
@click.argument("folder", type=LocalizedPath(file_okay=False, path_type=Path))
@LANG
def init_command(folder: Path, lang: str | None) -> None:
    """Create a new site project in FOLDER: FOLDER/guides/ with guidekit.toml, a glossary and a
    first guide."""
    lang = lang or language_chosen() or "zh-Hans"
    taken = scaffold.existing_files(folder)
    if taken:
        _fail(scaffold.scaffold_text("init-exists", lang, path=taken[0]))
    guide_path = scaffold.init_project(folder, lang)
    created = scaffold.scaffold_text(
        "init-created",
        lang,
        folder=folder,
        source=folder / GUIDES_FOLDER,
        guide=guide_path,
        source_arg=_shell_word(folder / GUIDES_FOLDER),
        site_arg=_shell_word(folder / "site"),
    )
    _stderr.print(f"[green]{escape(created)}[/]")


@main.command("assets")
@click.argument("folder", type=LocalizedPath(file_okay=False, path_type=Path))
@click.option("--page-layout", is_flag=True)
@HELP_LANG
def assets_command(folder: Path, page_layout: bool) -> None:
    """Write the stylesheets (standard, silver) and script that pages embedding components need
    into FOLDER."""
    lang = command_language()
    with _guarded(lang, folder):
        written = write_assets(folder, page_layout=page_layout)
    _stderr.print(
        escape(
            say(
                "assets-written",
                lang,
                folder=folder,
                files=", ".join(path.name for path in written),
            )
        )
    )


@main.group("report", cls=LocalizedGroup)
@HELP_LANG
def report_group() -> None:
    """Evidence about a built site."""


@report_group.command("conformance")
@click.argument("site", type=LocalizedPath(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--source",
    type=LocalizedPath(exists=True, file_okay=False, path_type=Path),
    default=Path("guides"),
    show_default=True,
    metavar="SOURCE",
)
@click.option(
    "--out",
    type=LocalizedPath(file_okay=False, path_type=Path),
    default=Path("conformance-report"),
    show_default=True,
    metavar="DIR",
)
@HELP_LANG
@JOBS
@WAIVERS
@NO_CACHE
@BASE_URL
def report_conformance_command(
    site: Path,
    source: Path,
    out: Path,
    jobs: int | None,
    waivers_file: Path | None,
    no_cache: bool,
    base_url: str | None,
) -> None:
    """Check SITE with the gate, then write its accessibility statement and conformance reports
    (OpenACR, EARL) into OUT."""
    from .conformance.site_report import site_report
    from .gate.runner import html_pages  # Playwright is imported by commands that check pages

    root_path = _root_path(base_url, command_language())  # a usage error, said as the others are
    lang = load_config(source)[0].default_lang
    pages = html_pages(site)
    with _guarded(lang, site), _progress(lang, "text") as progress:
        waivers = _waivers(waivers_file, lang)
        progress.start("check", len(pages))
        report = site_report(
            site,
            source,
            waivers,
            jobs=jobs,
            cache=not no_cache,
            on_page=progress.advance,
            root_path=root_path,
        )
    if report.problems or (report.verdict is not None and not report.verdict.ok):
        _report(report.verdict or judge(report.problems), "text", lang, None, None)
        _fail(say("report-refused", lang, site=site))
    if not pages:  # nothing was checked: no statement can stand on that
        _fail(say("check-no-pages", lang, folder=site))
    for site_path, text in report.files.items():
        path = out / site_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8", newline="\n")
    _stderr.print(
        f"[green]{escape(say('report-written', lang, out=out, files=len(report.files)))}[/]"
    )


def _counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(1 for finding in findings if finding.blocking)
    return errors, len(findings) - errors


class _Progress:
    def __init__(self, lang: str, bar: Progress | None) -> None:
        self.lang, self.bar = lang, bar
        self.task: TaskID | None = None

    def start(self, stage: str, total: int) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task(say("checking", self.lang), total=total)

    def advance(self, page: str) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task)


@contextmanager
def _progress(lang: str, output_format: str) -> Iterator[_Progress]:
    if output_format != "text" or not _stderr.is_terminal:
        yield _Progress(lang, None)
        return
    # imported for a terminal only: scripts and CI runs draw no bar
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=_stderr, transient=True) as bar:
        yield _Progress(lang, bar)


@contextmanager
def _guarded(lang: str, out: Path, output_format: str = "text") -> Iterator[None]:
    """Editors get a sentence they can act on, never a traceback; with ``--format json``, a CI
    job's parser gets a document that says it too."""
    try:
        yield
    except KeyboardInterrupt:
        raise
    except Exception as error:
        known = failure_text(error, lang, out)
        if known is None and os.environ.get("GUIDEKIT_DEBUG"):
            raise
        message = known or say(
            "internal-error", lang, error=f"{type(error).__name__}: {error}", out=out
        )
        if output_format == "json":
            document = {"ok": False, "error": message, "findings": []}
            click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        _fail(message)


def failure_text(error: Exception, lang: str, out: Path) -> str | None:
    """The sentence for a failure guidekit knows (no browser, no axe-core, a locked output, a
    waivers file with a mistake), None for others."""
    if isinstance(error, BuildLocked):
        return error_text("build-locked", lang, out=out)
    if isinstance(error, UnsafeOutput):
        return error_text(error.key, lang, out=out, **error.details)
    if isinstance(error, WaiverError | Refusal):
        return str(error)
    return setup_failure_text(error, lang)


class Refusal(Exception):
    """A command refuses in the sentence it carries; ``_guarded`` says it (in JSON too)."""


def _fail(message: str) -> None:
    _stderr.print(f"[bold red]{escape(message)}[/]")
    sys.exit(REFUSED)
