"""The gate's verdict for people and machines: terminal text, JUnit XML for CI, and an HTML page.

JSON is ``Verdict.to_json()`` itself. The HTML report is an ordinary accessible page: the gate
checks it like any other (tests/test_gate_runs.py does).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .. import __version__
from ..findings import Finding, Severity
from ..messages import best_language, catalogue, fill, list_text
from .report import Problem, Verdict
from .waivers import WaiverUse

if TYPE_CHECKING:
    from jinja2 import Environment

EXAMPLES = 3  # pages named for a problem seen on many


def say(key: str, lang: str | None, **args: object) -> str:
    return fill(catalogue("report")[key][best_language(lang)], args)


def pages_line(problem: Problem, lang: str | None, *, every_page: bool = False) -> str | None:
    """The pages a problem seen on many was seen on: a few for a site's report, ``every_page`` for
    a test's failure, whose developer fixes them all before the next run."""
    if problem.pages < 2:
        return None
    pages = list(dict.fromkeys(page for page, _ in problem.occurrences if page))
    if every_page:
        return say("seen-on-pages", lang, count=problem.pages, pages=list_text(pages, lang))
    examples = list_text(pages[:EXAMPLES], lang)
    return say("seen-on-examples", lang, count=problem.pages, examples=examples)


def waiver_line(use: WaiverUse, lang: str | None, *, one_check: bool = False) -> str:
    """``one_check``: said under one test's check, whose waivers file other tests may share: a
    waiver it did not use is not for removing on that account."""
    waiver = use.waiver
    scope = " ".join(
        str(part) for part in (waiver.file, waiver.line, waiver.page, waiver.element) if part
    ) or say("whole-site", lang)
    if use.matched == 0:
        unused = "waiver-unused-here" if one_check else "waiver-unused"
        status = say("waiver-expired-unused" if use.expired else unused, lang)
    else:
        status = say(
            "waiver-expired" if use.expired else "waiver-active", lang, matched=use.matched
        )
    return say(
        "waiver-line",
        lang,
        rule=waiver.rule,
        scope=scope,
        owner=waiver.owner,
        reason=waiver.reason,
        expires=waiver.expires.isoformat(),
        status=status,
    )


def waiver_note(problem: Problem, lang: str | None) -> str | None:
    if problem.waiver is None:
        return None
    waiver = problem.waiver
    key = "waiver-expired-note" if problem.waiver_expired else "waived-by"
    return say(
        key, lang, owner=waiver.owner, reason=waiver.reason, expires=waiver.expires.isoformat()
    )


def print_text(verdict: Verdict, console: Console, lang: str | None) -> None:
    """One paragraph per problem; colour only when the console is a terminal (rich decides). A large
    site can have hundreds of thousands of warnings: they are written a few thousand lines at a
    time (all at once, their pieces took more memory than the findings themselves), and without
    colour as they are, not through rich."""
    lines = _text_lines(verdict, lang)
    while batch := list(islice(lines, _LINES_AT_ONCE)):
        if console.color_system is None:
            console.file.write(
                "".join(["".join([text for text, _ in line]) + "\n" for line in batch])
            )
        else:
            console.print(Text("\n").join(Text.assemble(*line) for line in batch))


_LINES_AT_ONCE = 5_000


def _markdown_line(finding: Finding) -> bool:
    """Whether the finding points at a line an editor wrote in Markdown (a line of a page's HTML
    is not one: its element is named as well)."""
    return finding.line is not None and (finding.file or "").lower().endswith(".md")


@cache
def severity_label(severity: Severity, lang: str | None, *, waived: bool = False) -> str:
    """The word before a finding's message (错误, 提醒, 建议, 已豁免), in its language: one of a
    dozen, asked for on each of a large site's hundreds of thousands of lines."""
    return say("waived-label" if waived else f"severity-{severity.value}", lang)


def details_text(
    finding: Finding, lang: str | None, *, element: bool = True, page: bool = True
) -> str:
    """What follows a finding's message: its rule, WCAG criterion, element and page (each unless
    told not to)."""
    return ", ".join(
        part
        for part in (
            finding.rule,
            finding.wcag and f"WCAG {finding.wcag}",
            element and finding.element and say("element-label", lang, element=finding.element),
            page and finding.page and _page_in_theme(finding),
        )
        if part
    )


def _page_in_theme(finding: Finding) -> str:
    """The page, after its theme where its path does not already say it (silver/zh-Hans/a.html)."""
    page, theme = finding.page or "", finding.theme or ""
    return page if not theme or page.startswith(f"{theme}/") else f"{theme} {page}"


def _text_lines(verdict: Verdict, lang: str | None) -> Iterator[tuple[tuple[str, str], ...]]:
    """The (text, style) pieces of each line of the text report; the words around a message are in
    the message's language."""
    for problem in verdict.problems:
        finding = problem.first
        waived = problem.waived
        said_in = finding.lang or lang
        colour = "dim" if waived else "red" if finding.severity is Severity.ERROR else "yellow"
        # without a Markdown line, the selector finds it (and a waiver names it)
        details = details_text(finding, said_in, element=not _markdown_line(finding))
        yield (
            (finding.location(), "bold"),
            (": ", ""),
            (severity_label(finding.severity, said_in, waived=waived), colour),
            (f": {finding.message} ", ""),
            (f"({details})", "dim"),
        )
        if problem.pages > 1 or problem.waiver is not None:
            for note in (pages_line(problem, lang), waiver_note(problem, lang)):
                if note:
                    yield ((f"    {note}", "dim"),)
    for use in verdict.waivers:
        yield ((waiver_line(use, lang), "red" if use.expired and use.matched else "cyan"),)


def write_junit(verdict: Verdict, path: Path, lang: str | None) -> None:
    """One test case per checked page (its blocking problems are its failure), plus one per
    waiver."""
    by_page: dict[str, list[Problem]] = defaultdict(list)
    themes: dict[str, str] = {}
    for problem in verdict.problems:
        for page, theme in problem.occurrences:
            by_page[page or problem.first.file or "guidekit"].append(problem)
            themes.setdefault(page or "", theme or "")
    pages = list(dict.fromkeys([*verdict.details.get("checked_pages", []), *by_page]))
    suite = ElementTree.Element("testsuite", name="guidekit accessibility gate")
    failures = 0
    for page in pages:
        case = ElementTree.SubElement(
            suite, "testcase", classname=f"guidekit.{themes.get(page) or 'site'}", name=page
        )
        blocking = [problem for problem in by_page.get(page, []) if problem.blocking]
        if blocking:
            failures += 1
            failure = ElementTree.SubElement(
                case, "failure", type="accessibility", message=blocking[0].first.message[:200]
            )
            failure.text = "\n".join(_problem_text(problem) for problem in blocking)
        others = [problem for problem in by_page.get(page, []) if not problem.blocking]
        if others:
            ElementTree.SubElement(case, "system-out").text = "\n".join(
                _problem_text(problem)
                + (f" [{note}]" if (note := waiver_note(problem, lang)) else "")
                for problem in others
            )
    for use in verdict.waivers:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname="guidekit.waivers",
            name=f"{use.waiver.rule} {use.waiver.file or ''}".strip(),
        )
        line = waiver_line(use, lang)
        if use.expired and use.matched:
            failures += 1
            ElementTree.SubElement(case, "failure", type="waiver-expired", message=line)
        else:
            ElementTree.SubElement(case, "system-out").text = line
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suites = ElementTree.Element(
        "testsuites", name="guidekit", tests=str(len(suite)), failures=str(failures)
    )
    suites.append(suite)
    ElementTree.indent(suites)
    path.write_bytes(ElementTree.tostring(suites, encoding="utf-8", xml_declaration=True))


def _problem_text(problem: Problem) -> str:
    finding = problem.first
    return f"{finding.location()}: {finding.rule} (WCAG {finding.wcag or '-'}): {finding.message}"


@cache
def _templates() -> Environment:
    # the HTML report only: a build, and a gate writing text, never import Jinja2
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    folder = resources.files("guidekit.gate").joinpath("templates")
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def write_html(verdict: Verdict, path: Path, lang: str | None) -> None:
    language = best_language(lang)
    blocking, warnings, waived = verdict.counts()
    sections = [
        ("blocking", [problem for problem in verdict.problems if problem.blocking]),
        (
            "warnings",
            [
                problem
                for problem in verdict.problems
                if not problem.blocking and not problem.waived
            ],
        ),
        ("waived", [problem for problem in verdict.problems if problem.waived]),
    ]
    html = (
        _templates()
        .get_template("report.html.j2")
        .render(
            lang=language,
            say=lambda key, **args: say(key, language, **args),
            verdict=verdict,
            counts={"blocking": blocking, "warnings": warnings, "waived": waived},
            sections=[(key, problems) for key, problems in sections if problems],
            pages_line=lambda problem: pages_line(problem, language),
            waiver_note=lambda problem: waiver_note(problem, language),
            waiver_lines=[waiver_line(use, language) for use in verdict.waivers],
            version=__version__,
        )
    )
    path.write_text(html, encoding="utf-8")
