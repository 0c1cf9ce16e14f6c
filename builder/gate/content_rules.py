"""guidekit's own content rules, on the facts the probe read from each page.

They overlap a few axe rules on purpose: these speak the editor's language and point at the
Markdown line, so where both fire on the same line, the axe finding is dropped.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from ..findings import Finding
from ..messages import error_text

# guidekit rule -> the axe rule that reports the same defect
AXE_EQUIVALENTS = {"guidekit:image-alt": "axe:image-alt", "guidekit:link-name": "axe:link-name", "guidekit:heading-order": "axe:heading-order"}

Facts = Mapping[str, Any]


def _finding(facts: Facts, page: str, rule: str, key: str, line: int | None, wcag: str, **args: object) -> Finding:
    source = facts.get("source")
    traced = bool(source and line)
    return Finding(
        rule=rule,
        message=error_text(key, facts.get("lang"), **args),
        file=source if traced else page,
        line=line if traced else None,
        wcag=wcag,
        page=page,
        theme=facts.get("theme"),
    )


def page_findings(page: str, facts: Facts) -> list[Finding]:
    findings = []
    for image in facts["images"]:
        content_image = image["line"] is not None  # written by an editor, so it carries meaning
        if not image["hidden"] and (image["alt"] is None or (content_image and not image["alt"].strip())):
            findings.append(_finding(facts, page, "guidekit:image-alt", "img-alt", image["line"], "1.1.1"))
    for link in facts["links"]:
        if not link["text"]:
            findings.append(_finding(facts, page, "guidekit:link-name", "link-text", link["line"], "2.4.4"))
    previous = 1
    for heading in facts["headings"]:
        if heading["level"] > previous + 1:
            expected = previous + 1
            findings.append(
                _finding(
                    facts, page, "guidekit:heading-order", "heading-skip", heading["line"], "1.3.1",
                    previous=previous, level=heading["level"], expected=expected, hashes="#" * expected,
                )
            )
        previous = heading["level"]
    return findings


def link_findings(origin: str, all_facts: Mapping[str, Facts], site_files: Collection[str]) -> list[Finding]:
    """Links inside the site must reach a file, and a #fragment must reach an id on that page."""
    findings = []
    for page, facts in all_facts.items():
        for link in facts["links"]:
            target = urlsplit(link["href"])
            if f"{target.scheme}://{target.netloc}" != origin:
                continue
            path = posixpath.normpath(unquote(target.path)).lstrip("/")
            if target.path.endswith("/") or path in ("", "."):
                path = posixpath.join("" if path == "." else path, "index.html")
            if path not in site_files:
                findings.append(_finding(facts, page, "guidekit:broken-link", "broken-link", link["line"], "2.4.4", target=link["raw"]))
            elif target.fragment and path in all_facts and unquote(target.fragment) not in all_facts[path]["ids"]:
                findings.append(
                    _finding(
                        facts, page, "guidekit:broken-anchor", "broken-anchor", link["line"], "2.4.4",
                        anchor=unquote(target.fragment), target=path,
                    )
                )
    return findings


def without_axe_duplicates(findings: list[Finding]) -> list[Finding]:
    ours = {(AXE_EQUIVALENTS[f.rule], f.page, f.line) for f in findings if f.rule in AXE_EQUIVALENTS}
    return [f for f in findings if (f.rule, f.page, f.line) not in ours]
