"""``plugins: [guidekit]`` for MkDocs 1.6: components, silver copies and guidekit's gate in front
of site_dir.

MkDocs empties site_dir before it writes a page, so the plugin points MkDocs at a staging folder
beside site_dir (``.site.guidekit-staging``), runs the gate on what MkDocs wrote there, and swaps it
into site_dir atomically (guidekit.output.publish) only when nothing blocks. Otherwise the build
fails with the findings printed as ``guidekit check`` prints them, and site_dir stays as it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from html import unescape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, unquote, urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, Template
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.utils import CountHandler
from rich.console import Console

from ..component_registry import call_macro, registry
from ..findings import Finding
from ..guide.render import page_context
from ..jinja import install, stylesheet
from ..messages import LANGUAGES, best_language, catalogue, fill, user_language
from ..site_assets import SCRIPT, site_assets
from ..site_paths import public_url, root_of
from ..source.config import SiteConfig
from ..templates import environment
from ..theme import SILVER, STANDARD
from .components import GuidekitComponentsExtension

if TYPE_CHECKING:
    from ..source.load import SourceGuide

log = logging.getLogger("mkdocs.plugins.guidekit")

THEME_NAME = "guidekit"
COMPONENTS_STYLESHEET = (
    "assets/guidekit-components.css"  # on pages of other themes: components only, no layout
)
SERVE_REPORT = (
    "guidekit-report.html"  # mkdocs serve: the last check's verdict, beside the preview's pages
)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_URL_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")([^"]*)(")')
# main holds the page's Markdown, as in theme/main.html
_SILVER_PAGE = (
    '{% extends "base/layout.html.j2" %}{% set page_template = "" %}'
    "{% block title %}{{ title }} - {{ site_name }}{% endblock %}"
    "{% block main %}{{ content }}{% endblock %}"
)


def say(key: str, lang: str, **args: object) -> str:
    return fill(catalogue("mkdocs")[key][best_language(lang)], args)


class _PagesAtOnce(c.Optional[int]):
    """``jobs``: a whole number from 1, as ``guidekit build --jobs``. Said in the plugin's ``lang``
    (validated by now); the theme's language is not known while options are validated, so
    without ``lang`` it is the system's, as for the guidekit command's usage errors."""

    def __init__(self) -> None:
        super().__init__(c.Type(int))

    def post_validation(self, config: base.Config, key_name: str) -> None:
        super().post_validation(config, key_name)
        jobs = config[key_name]
        if jobs is not None and jobs < 1:
            lang = config["lang"] or user_language()
            raise base.ValidationError(say("jobs-too-few", lang, jobs=jobs))


class GuidekitConfig(base.Config):
    gate = c.Type(bool, default=True)  # check and block; false: components and silver pages only
    jobs = _PagesAtOnce()  # pages checked at once (default: CPU count)
    cache = c.Type(bool, default=True)  # unchanged pages are not checked again
    waivers = c.Optional(
        c.File(exists=True)
    )  # default: guidekit-waivers.toml beside mkdocs.yml, if it exists
    report_json = c.Optional(c.Type(str))
    report_junit = c.Optional(c.Type(str))
    report_html = c.Optional(c.Type(str))
    silver = c.Type(bool, default=False)  # large-text copies of every page under silver/
    lang = c.Optional(
        c.Choice(LANGUAGES)
    )  # default: from theme.language / theme.locale, else zh-Hans
    serve_check = c.Type(bool, default=True)  # mkdocs serve: check each rebuild in the background


@dataclass(frozen=True)
class _BuiltPage:
    source: str  # the Markdown file, relative to the folder of mkdocs.yml ("docs/index.md")
    template: str  # the theme's template that made the page ("main.html")
    lang: str
    title: str
    content: str  # the page's body HTML
    url: str  # its address in the site as MkDocs names it ("shebaoka/", not "shebaoka/index.html")
    summary: str = ""  # front matter summary or description: shown in search results


@dataclass(frozen=True)
class _SearchMeta:
    """What guidekit's search page reads of a guide's front matter, for an MkDocs page."""

    title: str
    summary: str
    topics: tuple[str, ...] = ()
    life_events: tuple[str, ...] = ()
    owner: str | None = None


@dataclass(frozen=True)
class _SearchEntry:
    # as a guide's file: page_url(rel) is the page ("shebaoka/index.md" -> "shebaoka/index.html")
    rel: str
    lang: str
    meta: _SearchMeta


# how long a failed background check waits to learn whether mkdocs serve is shutting down
SHUTDOWN_NOTICE_S = 2.0


class _Stopped(Exception):
    """mkdocs serve stopped while the preview was being checked."""


@dataclass(frozen=True)
class _ServeCheck:
    """One rebuild of mkdocs serve to check: a copy of it, and what the build knew of its pages."""

    snapshot: Path
    report: Path  # the verdict as an HTML page of the preview
    report_url: str
    pages: dict[str, _BuiltPage]
    problems: list[Finding]
    root_path: str  # where site_url puts the preview (mkdocs serve serves it there)


class GuidekitPlugin(BasePlugin[GuidekitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        # mkdocs build --dirty: staging starts as a copy of site_dir, which MkDocs then updates
        self.dirty = False
        self.project = Path.cwd()
        self.lang = "zh-Hans"
        self.extension: GuidekitComponentsExtension | None = None
        self.site_dir: Path | None = None  # the real site_dir, while MkDocs writes into staging
        self.staging: Path | None = None
        self.pages: dict[str, _BuiltPage] = {}
        self.templates: dict[str, str] = {}  # a template name -> the file findings name
        self.warnings: CountHandler | None = None
        self.env: Environment | None = None
        self.background: threading.Thread | None = None  # mkdocs serve: the check running now
        self.pending: _ServeCheck | None = None  # and the latest rebuild, waiting for it
        self.lock = threading.Lock()
        self.stopping = threading.Event()  # mkdocs serve is shutting down: no check is wanted now

    # ---- MkDocs events, in the order MkDocs calls them

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_config(self, config: Any) -> Any:
        self.project = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.lang = self.config.lang or _language_of(config.theme)
        self.extension = GuidekitComponentsExtension(
            lang=self.lang, log=False, admonitions=self.guidekit_theme(config)
        )
        config.markdown_extensions.append(self.extension)
        if not self.guidekit_theme(config):
            config.extra_css.append(COMPONENTS_STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        if self.config.gate and self.command != "serve":
            self.site_dir = Path(config.site_dir).resolve()
            self.staging = self.site_dir.parent / f".{self.site_dir.name}.guidekit-staging"
            shutil.rmtree(self.staging, ignore_errors=True)
            if self.dirty and self.site_dir.is_dir():
                shutil.copytree(
                    self.site_dir, self.staging, symlinks=True
                )  # copies: the published files stay untouched
            config.site_dir = str(self.staging)
        return config

    def on_pre_build(self, *, config: Any) -> None:
        self.pages, self.templates = {}, {}
        if self.extension is not None:
            self._components.problems.clear()
        if config.strict and self.staging is not None:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def on_env(self, env: Environment, *, config: Any, files: Any) -> Environment:
        if self.guidekit_theme(config):
            assert env.loader is not None  # MkDocs' own theme loader
            env.loader = ChoiceLoader(
                [env.loader, FileSystemLoader(str(resources.files("guidekit.themes")))]
            )
            install(env)
        self.env = env
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        source = Path(page.file.abs_src_path)
        lang = best_language(str(page.meta.get("lang") or self.lang))
        self._components.for_page(
            source=self._shown(source),
            line_offset=_lines_before(source, markdown),
            folder=str(source.parent),
            lang=lang,
        )
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        lang = best_language(str(page.meta.get("lang") or self.lang))
        template = str(page.meta.get("template") or "main.html")
        summary = str(
            page.meta.get("summary") or page.meta.get("description") or _first_paragraph(html)
        )
        self.pages[page.file.dest_uri] = _BuiltPage(
            self._shown(Path(page.file.abs_src_path)),
            template,
            lang,
            page.title or "",
            html,
            unquote(page.url),
            summary,
        )
        if self.silver_copies(config) and not self.guidekit_theme(config):
            switch = self._component(
                "silver-switch",
                {"href": self._silver_url(page.file.dest_uri), "to": SILVER.name, "lang": lang},
            )
            html = switch + html
        return html

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.guidekit_theme(config):
            built = self.pages[page.file.dest_uri]
            context.update(self._layout_context(config, STANDARD, page.file.dest_uri, built))
            context["other_theme_url"] = self._silver_url(page.file.dest_uri)
            context["navigation_label"] = say("navigation", built.lang)
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        built = self.pages.get(page.file.dest_uri)
        if built is None or 'name="guidekit-source"' in output:
            return output
        meta = f'<meta name="guidekit-source" content="{Markup.escape(built.source)}">'
        return _HEAD.sub(lambda match: match.group(0) + meta, output, count=1)

    def on_post_build(self, *, config: Any) -> None:
        site = Path(config.site_dir)
        self._write_assets(site, config)
        if self.silver_copies(config):
            self._write_silver_pages(site, config)
        if self.guidekit_theme(config):
            self._write_guidekit_pages(site, config)
        if self.command == "serve":
            if self.config.gate and self.config.serve_check:
                self._check_in_background(
                    site,
                    f"{str(config.site_url or '/').rstrip('/')}/{SERVE_REPORT}",
                    self._root_path(config),
                )
            return
        if (
            self.staging is None
        ):  # gate: false: component mistakes are MkDocs warnings (--strict refuses them)
            for problem in self._components.problems:
                log.warning(f"{problem.location()}: {problem.message}")
            return
        out = self.site_dir
        assert out is not None  # set with staging, in on_config
        config.site_dir = str(out)
        try:
            if self.warnings is not None and self.warnings.get_counts():
                log.error(say("strict-refused", self.lang, out=self._shown(out)))
                return  # MkDocs aborts right after this event
            verdict = self._gate(
                site, dict(self.pages), list(self._components.problems), self._root_path(config)
            )
            if verdict.ok:
                from ..output.publish import build_lock, publish

                with build_lock(out):
                    publish(site, out)
                log.info(
                    say(
                        "gate-passed",
                        self.lang,
                        pages=verdict.details.get("pages"),
                        axe=verdict.details.get("axe_version"),
                        out=self._shown(out),
                    )
                )
                return
            errors, _, _ = verdict.counts()
            affected = len(
                {
                    page
                    for problem in verdict.problems
                    if problem.blocking
                    for page, _ in problem.occurrences
                    if page
                }
            )
            # problems in the docs files alone (a component written wrong) are on no built page
            raise Abort(
                say(
                    "gate-refused" if affected else "gate-refused-in-sources",
                    self.lang,
                    errors=errors,
                    affected=affected,
                    pages=verdict.details.get("pages"),
                    out=self._shown(out),
                )
            )
        except Abort:
            raise
        except Exception as error:
            from ..cli import failure_text

            reason = failure_text(error, self.lang, out) or f"{type(error).__name__}: {error}"
            if os.environ.get("GUIDEKIT_DEBUG"):
                raise
            # the message ends the sentence it is put in
            said = reason.rstrip("。.")
            raise Abort(say("gate-failed", self.lang, problem=said, out=self._shown(out))) from None
        finally:
            self._end_staging()

    def on_build_error(self, *, error: Exception) -> None:
        self._end_staging()

    def on_shutdown(self) -> None:
        """The check running now stops after its current page and says nothing: the editor
        stopped the preview, and a verdict cut short would only be noise."""
        self.stopping.set()
        with self.lock:
            if self.pending is not None:
                shutil.rmtree(self.pending.snapshot.parent, ignore_errors=True)
                self.pending = None
        if self.background is not None:
            self.background.join()

    # ---- the gate

    def _gate(
        self,
        site: Path,
        pages: dict[str, _BuiltPage],
        problems: list[Finding],
        root_path: str,
        on_page: Callable[[str], None] | None = None,
    ):
        """Check ``site`` with guidekit's gate and print the verdict; findings point at docs/ files
        and theme templates.

        ``pages`` and ``problems`` are the build's (copies: in mkdocs serve the next build may
        already be running); ``root_path`` the path site_url puts the site under (``/qingchuan/``),
        where the gate serves it too, as its 404 page's links start there."""
        from ..gate.cache import cache_file
        from ..gate.formats import print_text, write_html, write_junit
        from ..gate.report import judge
        from ..gate.runner import run_gate
        from ..gate.waivers import DEFAULT_FILE, load_waivers

        report = run_gate(
            site,
            jobs=self.config.jobs,
            cache=cache_file(self.site_dir or site) if self.config.cache else None,
            on_page=on_page,
            root_path=root_path,
        )
        findings = [self._located(finding, pages) for finding in report.findings] + problems
        waivers_file = (
            Path(self.config.waivers) if self.config.waivers else self.project / DEFAULT_FILE
        )
        waivers = load_waivers(waivers_file, self.lang) if waivers_file.is_file() else []
        verdict = judge(findings, waivers, details=report.details())
        if self.config.report_json:
            import json

            self._output(self.config.report_json).write_text(
                json.dumps(verdict.to_json(), ensure_ascii=False, indent=2), "utf-8"
            )
        if self.config.report_junit:
            write_junit(verdict, self._output(self.config.report_junit), self.lang)
        if self.config.report_html:
            write_html(verdict, self._output(self.config.report_html), self.lang)
        print_text(verdict, Console(stderr=True, highlight=False, soft_wrap=True), self.lang)
        return verdict

    def _located(self, finding: Finding, pages: dict[str, _BuiltPage]) -> Finding:
        """A finding on an element the page's Markdown did not make names the theme's template that
        did, with no line: the line of the built page is no line of the template (main.html:282 of
        a 4-line file), and one defect of the theme on every page is one problem."""
        page = finding.page or ""
        if finding.file != page:
            return finding
        if page.startswith(SILVER.prefix) and page[len(SILVER.prefix) :] in pages:
            # silver copies are guidekit's layout
            return replace(finding, file="themes/base/layout.html.j2", line=None)
        built = pages.get(page)
        template = built.template if built is not None else page
        return replace(finding, file=self._template_file(template), line=None)

    def _template_file(self, name: str) -> str:
        if name not in self.templates:
            shown = name
            try:
                filename = self.env.get_template(name).filename if self.env is not None else None
            except (
                Exception
            ):  # a page MkDocs made from no template of the theme (a file copied from docs/)
                filename = None
            if filename:
                path = Path(filename).resolve()
                shown = (
                    self._shown(path) if path.is_relative_to(self.project) else _package_path(path)
                )
            self.templates[name] = shown
        return self.templates[name]

    def _check_in_background(self, site: Path, report_url: str, root_path: str) -> None:
        """mkdocs serve: check a copy of the preview in a thread, so the preview is never held up. A
        rebuild while a check runs is checked next (only the latest one); the verdict is also an
        HTML page of the preview."""
        swept_snapshots(Path(tempfile.gettempdir()))
        snapshot = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-")) / "site"
        shutil.copytree(site, snapshot)
        job = _ServeCheck(
            snapshot,
            site / SERVE_REPORT,
            report_url,
            dict(self.pages),
            list(self._components.problems),
            root_path,
        )
        with self.lock:
            if self.background is not None and self.background.is_alive():
                if self.pending is not None:
                    shutil.rmtree(self.pending.snapshot.parent, ignore_errors=True)
                self.pending = job
                return
            self._start(job)

    def _start(self, job: _ServeCheck) -> None:
        log.info(say("serve-checking", self.lang, pages=len(list(job.snapshot.rglob("*.html")))))
        self.background = threading.Thread(
            target=self._serve_check, args=(job,), name="guidekit-gate", daemon=True
        )
        self.background.start()

    def _serve_check(self, job: _ServeCheck) -> None:
        from ..gate.formats import write_html

        try:
            verdict = self._gate(
                job.snapshot, job.pages, job.problems, job.root_path, self._unless_stopping
            )
            errors, warnings, _ = verdict.counts()
            if (
                job.report.parent.is_dir()
            ):  # the preview may have been rebuilt (and emptied) meanwhile
                write_html(verdict, job.report, self.lang)
            log.info(
                say(
                    "serve-checked",
                    self.lang,
                    errors=errors,
                    warnings=warnings,
                    report=job.report_url,
                )
            )
        except _Stopped:
            pass
        except Exception as error:
            # the Ctrl+C that stops mkdocs serve reaches the browser and its driver too, which may
            # end the check before serve's shutdown says it is stopping
            if self.stopping.wait(SHUTDOWN_NOTICE_S):
                return
            from ..cli import failure_text

            log.warning(
                failure_text(error, self.lang, job.snapshot)
                or f"guidekit: {type(error).__name__}: {error}"
            )
        finally:
            shutil.rmtree(job.snapshot.parent, ignore_errors=True)
            with self.lock:
                following, self.pending = self.pending, None
                if following is not None:
                    self._start(following)

    def _unless_stopping(self, page: str) -> None:
        if self.stopping.is_set():
            raise _Stopped

    def _end_staging(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    # ---- pages and files the plugin adds

    def _write_assets(self, site: Path, config: Any) -> None:
        files = {SCRIPT: site_assets()[SCRIPT]}
        if self.silver_copies(config):
            files.update(site_assets())
        if not self.guidekit_theme(config):
            files[COMPONENTS_STYLESHEET] = stylesheet(STANDARD.name)
        _write_files(site, files)

    def _write_silver_pages(self, site: Path, config: Any) -> None:
        template = self._silver_template
        for dest, built in self.pages.items():
            silver_path = SILVER.prefix + dest
            context = self._layout_context(config, SILVER, silver_path, built)
            context["other_theme_url"] = root_of(silver_path) + quote(dest)
            content = Markup(_from_silver(built.content, dest, silver_path))
            _write_files(
                site, {silver_path: template.render(context, title=built.title, content=content)}
            )

    def _write_guidekit_pages(self, site: Path, config: Any) -> None:
        """theme: guidekit: guidekit's search page and index for each language of the site
        (find/<lang>/search.html) and its 404 page (404.html, silver/404.html), which point at
        them."""
        from ..site.assemble import search_script
        from ..site.extras import render_not_found
        from ..site.search_index import (
            Readings,
            SynonymGroups,
            build_index,
            chunked_index,
            weighted_words,
        )
        from ..site.ways_in import SEARCH_SCRIPT, WAYS_IN, render_ways_in

        entries = {
            dest: _SearchEntry(
                dest[: -len(".html")] + ".md", built.lang, _SearchMeta(built.title, built.summary)
            )
            for dest, built in self.pages.items()
            if dest.endswith(".html")
        }
        langs = sorted({entry.lang for entry in entries.values()})
        # an MkDocs page stands in for a guide: the search and ways-in pages read only its rel,
        # lang and the front matter fields _SearchMeta holds
        listed = cast("dict[str, SourceGuide]", entries)
        files = {SEARCH_SCRIPT: search_script()}
        for lang in langs:
            guides = [
                (
                    entry,
                    dest,
                    weighted_words(_search_texts(self.pages[dest]), SynonymGroups(), lang),
                )
                for dest, entry in listed.items()
                if entry.lang == lang
            ]
            files.update(
                chunked_index(lang, build_index(guides, SynonymGroups(), Readings({}, lang=lang)))
            )
        site_config = self._site_config(config)
        search = next(way for way in WAYS_IN if way.name == "search")
        pages = render_ways_in(
            list(listed.values()), langs, site_config, checked=True, ways=(search,)
        )
        for page in pages + render_not_found(site_config, langs, checked=True):
            files[page.site_path] = page.html
        _write_files(site, files)

    @property
    def _components(self) -> GuidekitComponentsExtension:
        """The Markdown extension on_config added; every later event runs after it."""
        assert self.extension is not None
        return self.extension

    @cached_property
    def _silver_template(self) -> Template:
        return environment().from_string(_SILVER_PAGE)

    def _layout_context(
        self, config: Any, theme: Any, site_path: str, built: _BuiltPage
    ) -> dict[str, Any]:
        context = page_context(self._site_config(config), theme, site_path, built.lang, True)
        base_url = _base_url(config)
        context.update(
            # the address MkDocs' sitemap names (shebaoka/, not shebaoka/index.html), and its
            # silver copy's alike
            canonical=public_url(base_url, theme.prefix + built.url) if base_url else None,
            site_lang=self.lang,
            source=built.source,
            home=context["root"] + theme.prefix + "index.html",
            gallery=None,
            find=context["find"] if self.guidekit_theme(config) else None,
        )
        return context

    def _site_config(self, config: Any) -> SiteConfig:
        """What guidekit's page templates read of a site's settings, from mkdocs.yml."""
        return SiteConfig.model_validate(
            {
                "site_name": {self.lang: config.site_name},
                "default_lang": self.lang,
                "base_url": _base_url(config),
                "gallery": False,
                "statement": False,
            }
        )

    def _root_path(self, config: Any) -> str:
        """The path site_url puts the site under (``/qingchuan/``), else ``/``."""
        from ..site.extras import site_root_path

        return site_root_path(self._site_config(config))

    def _silver_url(self, dest: str) -> str:
        return root_of(dest) + SILVER.prefix + quote(dest)

    def _component(self, name: str, params: dict[str, Any]) -> str:
        component = registry()[name]
        return str(
            call_macro(environment().get_template(component.template).module, component, params)
        )

    # ---- small helpers

    def guidekit_theme(self, config: Any) -> bool:
        return config.theme.name == THEME_NAME

    def silver_copies(self, config: Any) -> bool:
        """silver: true, and always with theme: guidekit, whose layout links every page to its
        silver copy."""
        return self.config.silver or self.guidekit_theme(config)

    def _shown(self, path: Path) -> str:
        """A path as findings and messages show it: relative to the folder of mkdocs.yml when
        inside it."""
        path = Path(path).resolve()
        return (
            path.relative_to(self.project).as_posix()
            if path.is_relative_to(self.project)
            else str(path)
        )

    def _output(self, name: str) -> Path:
        path = self.project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


def _base_url(config: Any) -> str | None:
    """guidekit's base_url is MkDocs' site_url: a site published below a path (a portal's
    /qingchuan/) has its 404 page's stylesheet and links start there, and its canonical links name
    its public address. MkDocs accepts any scheme; guidekit only a web address without ? or #
    (anything else is no address a reader opens, and pages then link relatively, as without
    it)."""
    site_url = str(config.site_url or "")
    parts = urlsplit(site_url)
    web = parts.scheme.lower() in {"http", "https"} and parts.netloc
    return site_url if web and "?" not in site_url and "#" not in site_url else None


def _write_files(site: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, "utf-8")


def _language_of(theme: Any) -> str:
    """The language the site's theme is set to (theme.language in material, theme.locale in
    MkDocs')."""
    value = theme.get("language") or theme.get("locale") or "zh"
    code = str(value).replace("_", "-").lower()
    if code.startswith("zh-hant") or code in ("zh-tw", "zh-hk", "zh-mo"):
        return "zh-Hant"
    return best_language(code)


def _first_paragraph(html: str, limit: int = 80) -> str:
    """The text of a page's first paragraph, shortened: its summary in search results when it has
    none of its own."""
    match = re.search(r"<p[ >].*?</p>", html, re.DOTALL)
    text = " ".join(unescape(_TAG.sub("", match.group(0))).split()) if match else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _search_texts(built: _BuiltPage) -> list[tuple[str, int]]:
    """A page's texts for the search index, each with the weight of its field (as a guide's are)."""
    from ..site.search_index import FIELD_WEIGHTS

    body = unescape(_TAG.sub(" ", built.content))
    return [
        (built.title, FIELD_WEIGHTS["title"]),
        (built.summary, FIELD_WEIGHTS["summary"]),
        (body, FIELD_WEIGHTS["body"]),
    ]


def _lines_before(source: Path, markdown: str) -> int:
    """Lines of the file before the Markdown MkDocs hands to plugins (the front matter it took
    off)."""
    try:
        text = source.read_text("utf-8-sig").replace("\r\n", "\n")
    except OSError:
        return 0
    start = markdown.lstrip("\n")[:200]
    found = text.find(start) if start else -1
    return text[:found].count("\n") if found > 0 else 0


def _package_path(path: Path) -> str:
    """A template of an installed theme, from its package on: ``material/templates/base.html``."""
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1 :])
    return path.as_posix()


def _from_silver(html: str, dest: str, silver_path: str) -> str:
    """A page's body for its silver copy one folder deeper: pages link to their silver copies,
    files stay where they are."""
    root = root_of(silver_path)

    def moved(match: re.Match[str]) -> str:
        url = match.group(2)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not parts.path:
            return match.group(0)
        target = os.path.normpath(os.path.join(os.path.dirname(dest), unquote(parts.path))).replace(
            os.sep, "/"
        )
        if parts.path.endswith(("/", ".html")) or target == ".":
            return match.group(0)  # a page: its silver copy sits at the same relative place
        rebuilt = (
            root
            + quote(target)
            + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
        return match.group(1) + rebuilt + match.group(3)

    return _URL_ATTRIBUTE.sub(moved, html)


# the copies mkdocs serve checks: named by the process that made them, so that one stopped by a
# signal (no shutdown hook runs) has its copies removed by the next
SNAPSHOT_PREFIX = "guidekit-serve-"


def swept_snapshots(folder: Path) -> list[Path]:
    """Remove the check copies in ``folder`` whose process has ended; the ones removed."""
    swept = []
    for copy in folder.glob(f"{SNAPSHOT_PREFIX}*-*"):
        pid = copy.name[len(SNAPSHOT_PREFIX) :].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(copy, ignore_errors=True)
            swept.append(copy)
    return swept


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
