"""Turn what a check saw on a page into a finding the editor can act on, in their own file and
language.

Every check script describes an element with ``__guidekit.where(element)`` (probe.js): the
Markdown line it was rendered from (``data-line``) or, for HTML written among the Markdown of a
MkDocs page, written on (``data-html-line``), or the component example
(``data-guidekit-example``) or template (``data-template``) that made it, plus a selector.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Severity
from ..messages import best_language, catalogue, error_text
from .source_lines import SourceLines

Where = Mapping[str, Any]
# where an element of a page guidekit did not write stands in its HTML, found while the page's
# bytes were at hand (a link, judged later with the whole site)
PAGE_LINE = "page_line"


@dataclass(frozen=True)
class PageContext:
    page: str  # below the site root
    lang: str  # the page's lang attribute: messages are written in it
    source: str | None = None  # the guide the page was built from, relative to SOURCE
    theme: str | None = None
    guidekit: bool = (
        False  # made by guidekit (its generator tag): held to its theme's promises, not only WCAG's
    )
    lines: SourceLines | None = (
        None  # a page guidekit did not write: where its elements are written
    )
    mkdocs: bool = False  # made by a MkDocs theme that says so in its generator tag

    @classmethod
    def of(
        cls,
        page: str,
        facts: Mapping[str, Any],
        *,
        theme: str | None = None,
        lang: str | None = None,
        markup: bytes | None = None,
    ) -> PageContext:
        """The page as its markup describes it; ``theme`` and ``lang`` (of the messages), when
        given, win. ``markup``: the page's HTML as it was served, when known."""
        guidekit = bool(facts.get("guidekit"))
        return cls(
            page,
            lang or facts.get("lang") or "",
            facts.get("source"),
            theme or facts.get("theme"),
            guidekit,
            SourceLines(markup) if markup is not None and not guidekit else None,
            bool(facts.get("mkdocs")),
        )


def locate(context: PageContext, where: Where) -> tuple[str, int | None]:
    if where.get("line") and context.source:
        return context.source, int(where["line"])
    if where.get("example"):
        component = str(where["example"]).split("/")[0]
        return f"components/{component}/component.yml", None
    if where.get("template"):
        return f"themes/{where['template']}", None
    if where.get("markdown") and context.source:
        return context.source, None
    return context.page, context.lines.line_of(where) if context.lines else where.get(PAGE_LINE)


def finding_at(
    context: PageContext,
    rule: str,
    wcag: str | None,
    where: Where,
    key: str,
    *,
    severity: Severity = Severity.ERROR,
    **args: object,
) -> Finding:
    """A finding located at ``where``, with the message ``key`` of errors.yml in the page's
    language."""
    file, line = locate(context, where)
    markdown = line is not None and file != context.page and not where.get("html")
    if not markdown:
        key = html_form(key)
    if "element" in args and markdown and where.get("snippet"):
        # an editor knows their own words, not CSS selectors
        args["element"] = _quoted(str(where["snippet"])[:30], context.lang)
    element = where.get("element") or None
    if where.get("example"):
        element = f"{where['example']}: {element}" if element else str(where["example"])
    return Finding(
        rule=rule,
        message=error_text(key, context.lang, **args),
        severity=severity,
        file=file,
        line=line,
        wcag=wcag,
        page=context.page,
        theme=context.theme,
        element=element,
        lang=best_language(context.lang),
    )


def html_form(key: str) -> str:
    """The message said for HTML where it has such a form: with no Markdown line to point at, the
    fix is in a template or a page guidekit did not write, where ``![ ]`` and front matter mean
    nothing."""
    html_key = f"{key}-in-html"
    return html_key if html_key in catalogue("errors") else key


def _quoted(text: str, lang: str) -> str:
    opening, closing = {"en": ("'", "'"), "zh-Hant": ("「", "」")}.get(
        best_language(lang), ("“", "”")
    )
    return f"{opening}{text}{closing}"
