"""guidekit's own content rules, on the facts the probe read from each page.

They overlap a few axe rules on purpose: these speak the editor's language and point at the
Markdown line, so where both fire on the same element, the axe finding is dropped.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable, Collection, Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ..findings import Finding
from .origin import PageContext, finding_at

# guidekit rule -> the axe rule that reports the same defect
AXE_EQUIVALENTS = {
    "guidekit:image-alt": "axe:image-alt",
    "guidekit:link-name": "axe:link-name",
    "guidekit:heading-order": "axe:heading-order",
    "guidekit:target-size": "axe:target-size",
    "guidekit:focus-order": "axe:tabindex",
}

Facts = Mapping[str, Any]


@cache
def vague_link_texts() -> frozenset[str]:
    lists = yaml.safe_load(resources.files("guidekit.gate").joinpath("vague_link_text.yml").read_text("utf-8"))
    return frozenset(_bare(text) for texts in lists.values() for text in texts)


def _bare(text: str) -> str:
    """Link text without case, spaces and the punctuation or arrows around it: "  Read more »" -> "readmore"."""
    kept = [ch for ch in text.casefold() if not unicodedata.category(ch)[0] in "PSZ" and not ch.isspace()]
    return "".join(kept)


def page_findings(page: str, facts: Facts) -> list[Finding]:
    context = PageContext.of(page, facts)
    findings = []
    for image in facts["images"]:
        content_image = image.get("line") is not None  # written by an editor, so it carries meaning
        if not image["hidden"] and (image["alt"] is None or (content_image and not image["alt"].strip())):
            findings.append(finding_at(context, "guidekit:image-alt", "1.1.1", image, "img-alt"))
    for link in facts["links"]:
        if not link["text"]:
            findings.append(finding_at(context, "guidekit:link-name", "2.4.4", link, "link-text"))
        elif _bare(link["text"]) in vague_link_texts():
            findings.append(finding_at(context, "guidekit:link-purpose", "2.4.4", link, "link-vague", text=link["text"]))
    previous = 1
    for heading in facts["headings"]:
        if heading["level"] > previous + 1:
            expected = previous + 1
            findings.append(
                finding_at(
                    context, "guidekit:heading-order", "1.3.1", heading, "heading-skip",
                    previous=previous, level=heading["level"], expected=expected, hashes="#" * expected,
                )
            )
        previous = heading["level"]
    return findings


def link_findings(
    origin: str, all_facts: Mapping[str, Facts], site_files: Collection[str], ids_of: Callable[[str], Collection[str]]
) -> list[Finding]:
    """Links inside the site must reach a file, and a #fragment must reach an id on that page.

    ``ids_of(path)`` reads the ids of any page of the site, checked in this run or not, so a
    shard or a cached run judges a link exactly as a full run does.
    """
    findings = []
    for page, facts in all_facts.items():
        context = PageContext.of(page, facts)
        for link in facts["links"]:
            target = urlsplit(link["href"])
            if f"{target.scheme}://{target.netloc}" != origin:
                continue
            path = posixpath.normpath(unquote(target.path)).lstrip("/")
            if target.path.endswith("/") or path in ("", "."):
                path = posixpath.join("" if path == "." else path, "index.html")
            if path not in site_files:
                findings.append(finding_at(context, "guidekit:broken-link", "2.4.4", link, "broken-link", target=link["raw"]))
            elif target.fragment and path.endswith(".html") and unquote(target.fragment) not in ids_of(path):
                findings.append(
                    finding_at(context, "guidekit:broken-anchor", "2.4.4", link, "broken-anchor", anchor=unquote(target.fragment), target=path)
                )
    return findings


def without_axe_duplicates(findings: list[Finding]) -> list[Finding]:
    ours = {(AXE_EQUIVALENTS[f.rule], f.page, f.file, f.line, f.element) for f in findings if f.rule in AXE_EQUIVALENTS}
    return [f for f in findings if (f.rule, f.page, f.file, f.line, f.element) not in ours]
