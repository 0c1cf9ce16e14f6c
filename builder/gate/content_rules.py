"""guidekit's own content rules, on the facts the probe read from each page.

They overlap a few axe rules on purpose: these speak the editor's language and point at the
Markdown line, so where both fire on the same element, the axe finding is dropped.

The rules themselves (``image_lacks_alt``, ``alt_says_nothing``, ``link_text_problem``,
``heading_skips``) are small functions the linter applies to the Markdown too
(``guidekit.lint.markup``), with the same rule ids and messages: an editor sees these problems at
``guidekit lint`` already, and the gate finds them again only as a safety net for pages the Markdown
does not show (templates, other builders' HTML).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ..findings import Finding, Severity
from ..messages import error_text, sentences_text
from ..site_paths import file_named_by, in_site, names_the_top
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
    return _word_list("vague_link_text.yml")


@cache
def placeholder_alt_texts() -> frozenset[str]:
    return _word_list("placeholder_alt_text.yml")


def _word_list(name: str) -> frozenset[str]:
    """The phrases of a list an editor may change, in every language, as ``bare_link_text``."""
    lists = yaml.safe_load(resources.files("guidekit.gate").joinpath(name).read_text("utf-8"))
    return frozenset(bare_link_text(text) for texts in lists.values() for text in texts)


def bare_link_text(text: str) -> str:
    """Link text without case, spaces and the punctuation or arrows around it: "  Read more »" ->
    "readmore"."""
    kept = [
        ch
        for ch in text.casefold()
        if unicodedata.category(ch)[0] not in "PSZ" and not ch.isspace()
    ]
    return "".join(kept)


@dataclass(frozen=True)
class Rule:
    """One content rule: its id, WCAG criterion and the key of its message in errors.yml."""

    id: str
    wcag: str
    message: str


IMAGE_ALT = Rule("guidekit:image-alt", "1.1.1", "img-alt")
# its message is said by what the text is instead: img-alt-file-name, img-alt-placeholder, …
IMAGE_ALT_MEANINGLESS = Rule("guidekit:image-alt-meaningless", "1.1.1", "img-alt")
LINK_NAME = Rule("guidekit:link-name", "2.4.4", "link-text")
LINK_PURPOSE = Rule("guidekit:link-purpose", "2.4.4", "link-vague")
HEADING_ORDER = Rule("guidekit:heading-order", "1.3.1", "heading-skip")
HEADING_REPEATED = Rule("guidekit:heading-repeated", "2.4.6", "heading-repeated")
BROKEN_LINK = Rule("guidekit:broken-link", "2.4.4", "broken-link")
BROKEN_ANCHOR = Rule("guidekit:broken-anchor", "2.4.4", "broken-anchor")


def image_lacks_alt(alt: str | None, *, content_image: bool) -> bool:
    """An image needs a text alternative; one an editor placed (it carries meaning) needs a
    non-empty one."""
    return alt is None or (content_image and not alt.strip())


# A picture's file name: ending in an image type, or as a camera, phone or chat app names what it
# saves (IMG_0012, DSC0001, PXL_20230101_123456, 微信图片_20230101…, mmexport1690…, Screenshot_…,
# 屏幕截图 2023-…, named by a date or a count); "Screenshot of the form" is a description, and
# "截图1" a placeholder
_FILE_NAME = re.compile(
    r".*\S\.(?:png|jpe?g|jfif|gif|webp|avif|svg|bmp|tiff?|heic|heif|ico)"
    r"|(?:img|dsc[nf]?|dji|gopr|pxl|mvimg)[_-]?\d[\w-]*"
    r"|(?:微信图片|微信圖片|qq图片|qq圖片|mmexport|wx_camera|screen ?shot|截屏|截图|截圖"
    r"|屏幕截图|螢幕截圖|螢幕擷取畫面)(?:_|\s*-?\d{4}).*",
    re.IGNORECASE,
)
# around a placeholder word: "a"/"the" before it, "of" after it, and a number ("图片1", "image 2")
_PLACEHOLDER_ARTICLE = re.compile(r"^(?:an?|the|this)\s+|\s+of$", re.IGNORECASE)
_PLACEHOLDER_NUMBER = re.compile(r"[\s\d#()（）_.-]+$")


def alt_says_nothing(alt: str | None) -> str | None:
    """What an image's text alternative is instead of one (WCAG's failure F30), as its message
    key's ending: ``file-name`` (IMG_0012.jpg), ``placeholder`` (a word for any picture: 图片,
    image) or ``digits`` (digits, punctuation and signs alone: "1", "--"); None for a text that
    says something, and for none at all (a decorative image, or one ``image_lacks_alt`` tells)."""
    text = " ".join((alt or "").split())
    if not text:
        return None
    if _FILE_NAME.fullmatch(text):
        return "file-name"
    if not any(unicodedata.category(ch)[0] == "L" for ch in text):
        return "digits"
    words = _PLACEHOLDER_ARTICLE.sub("", _trimmed(text.casefold()))
    if bare_link_text(_PLACEHOLDER_NUMBER.sub("", words)) in placeholder_alt_texts():
        return "placeholder"
    return None


def _trimmed(text: str) -> str:
    """``text`` without the punctuation, signs and spaces around it ("【图片】" -> "图片")."""
    ends = [index for index, ch in enumerate(text) if unicodedata.category(ch)[0] not in "PSZ"]
    return text[ends[0] : ends[-1] + 1] if ends else ""


# A link downloads a file when its address's path ends in one of these; its text must then say the
# file's type and size, which FILE_WORDS tells. The gate reads both in the page (barriers.js, given
# them as data) and the linter in the Markdown (``downloaded_type``, ``says_file_facts``).
DOWNLOAD_TYPES = (
    *("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "csv"),
    *("zip", "rar", "7z", "gz", "epub", "mp3", "mp4", "wav", "avi", "mov"),
)
# Read alike by JavaScript and Python (ignoring case): no \b or \d, whose meanings differ
FILE_WORDS = (
    "pdf|docx?|word|xlsx?|excel|pptx?|powerpoint|odt|ods|rtf|csv|zip|rar|7z|epub|mp3|mp4"
    "|[0-9]\\s*(kb|mb|gb|k|m)(?![a-z0-9_])|download|下载|下載|文件|檔案|附件"
)


def downloaded_type(href: str) -> str | None:
    """The type of file a link to ``href`` downloads (``pdf``), judged as the gate judges it: by
    the ending of its path; None for a link to no file."""
    path = urlsplit(href).path
    ending = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return ending if ending in DOWNLOAD_TYPES else None


def says_file_facts(text: str) -> bool:
    """Whether a link's text says that it downloads a file, or the file's type or size."""
    return _file_words().search(text) is not None


@cache
def _file_words() -> re.Pattern[str]:
    return re.compile(FILE_WORDS, re.IGNORECASE)


def link_text_problem(text: str) -> Rule | None:
    """The rule a link's text breaks: none at all, or words that say nothing about where it goes."""
    if not text.strip():
        return LINK_NAME
    if bare_link_text(text) in vague_link_texts():
        return LINK_PURPOSE
    return None


@dataclass(frozen=True)
class HeadingSkip:
    previous: int
    level: int

    @property
    def arguments(self) -> dict[str, Any]:
        expected = self.previous + 1
        return {
            "previous": self.previous,
            "level": self.level,
            "expected": expected,
            "hashes": "#" * expected,
        }


def heading_skips(levels: Iterable[int], start: int = 1) -> Iterator[tuple[int, HeadingSkip]]:
    """(index, skip) of each heading that comes more than one level below the one before it;
    ``start`` is the level of the page's title."""
    previous = start
    for index, level in enumerate(levels):
        if level > previous + 1:
            yield index, HeadingSkip(previous, level)
        previous = level


def repeated_headings(headings: Sequence[Mapping[str, Any]]) -> Iterator[int]:
    """For each name that two headings of one level share within one section (under the same
    heading above them), the one to report: the first repeat an editor wrote (it has a line in the
    guide: the heading to rename), else the first the editor wrote (the page made the other), else
    the second. Under different sections a name is told apart by its section."""
    sharing: dict[tuple[int, int, str], list[int]] = {}
    for index, heading in enumerate(headings):
        level = heading["level"]
        section = next(
            (above for above in range(index - 1, -1, -1) if headings[above]["level"] < level), -1
        )
        sharing.setdefault((section, level, heading["text"].strip()), []).append(index)
    for indexes in sharing.values():
        if len(indexes) > 1:
            written = [index for index in indexes if headings[index].get("line") is not None]
            repeats = [index for index in written if index != indexes[0]]
            yield (repeats or written or indexes[1:])[0]


def page_findings(context: PageContext, facts: Facts) -> list[Finding]:
    """The findings in a page's facts (images, links, headings), located as ``context`` says."""
    findings = []
    for image in facts["images"]:
        # written in Markdown by an editor, so it carries meaning (an <img> written as HTML may say
        # it is decorative with alt="", as the advice for HTML says)
        content_image = image.get("line") is not None and not image.get("html")
        if image["hidden"]:
            continue
        if image_lacks_alt(image["alt"], content_image=content_image):
            findings.append(_finding(context, IMAGE_ALT, image))
        # an image named by aria-label or aria-labelledby is not heard by its alt
        elif not image.get("labelled") and (kind := alt_says_nothing(image["alt"])):
            findings.append(_meaningless_alt(context, kind, image))
    for link in facts["links"]:
        rule = link_text_problem(link["text"] or "")
        if rule is not None:
            findings.append(_finding(context, rule, link, text=link["text"]))
    headings = facts["headings"]
    for index, skip in heading_skips(heading["level"] for heading in headings):
        findings.append(_finding(context, HEADING_ORDER, headings[index], **skip.arguments))
    if facts.get("guidekit"):  # a theme's pages, where one outline is the editor's and the layout's
        findings += [
            _finding(context, HEADING_REPEATED, headings[index], text=headings[index]["text"])
            for index in repeated_headings(headings)
        ]
    return findings


def _meaningless_alt(context: PageContext, kind: str, image: Mapping[str, Any]) -> Finding:
    """Digits alone may be right on a page guidekit did not write (the image of a key, a step's
    number), which the gate cannot see: there it asks; an editor's image in a guide is a photo or
    a scan, which a number does not describe."""
    unsure = kind == "digits" and not context.guidekit
    return finding_at(
        context,
        IMAGE_ALT_MEANINGLESS.id,
        IMAGE_ALT_MEANINGLESS.wcag,
        image,
        f"img-alt-{kind}-maybe" if unsure else f"img-alt-{kind}",
        severity=Severity.WARNING if unsure else Severity.ERROR,
        alt=" ".join(image["alt"].split()),  # one paragraph of the report
    )


def _finding(context: PageContext, rule: Rule, where: Mapping[str, Any], **args: Any) -> Finding:
    return finding_at(context, rule.id, rule.wcag, where, rule.message, **args)


def link_findings(
    origin: str,
    all_facts: Mapping[str, Facts],
    site_files: Container[str],
    ids_of: Callable[[str], Collection[str]],
    root_path: str = "/",
) -> list[Finding]:
    """Links inside the site must reach a file, and a #fragment must reach an id on that page, in
    its file or, for a link into its own page, on that page as its scripts drew it (or the page's
    script acts on the link itself: probe.js answeredHere);
    ``root_path`` is where the site is also served (``served_root``).

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
            path = posixpath.normpath(in_site(unquote(target.path), root_path)).lstrip("/")
            if target.path.endswith("/") and path not in ("", "."):
                path += "/"  # a folder's address, whose last slash normpath left out
            path = file_named_by(path, site_files.__contains__)
            if path not in site_files:
                broken = _finding(context, BROKEN_LINK, link, target=link["raw"])
                findings.append(_with_base_url_hint(broken, link["raw"], root_path, context))
            elif (
                target.fragment
                and path.lower().endswith((".html", ".htm"))
                and not names_the_top(unquote(target.fragment))
                and not link.get("answeredHere")
                and unquote(target.fragment) not in ids_of(path)
            ):
                findings.append(
                    _finding(
                        context, BROKEN_ANCHOR, link, anchor=unquote(target.fragment), target=path
                    )
                )
    return findings


def _with_base_url_hint(
    broken: Finding, href: str, root_path: str, context: PageContext
) -> Finding:
    """A page guidekit did not make, checked at the host's root, whose broken link is written from
    the root through a folder (/portal/fees/) may be a site published below that folder: the
    finding says how to check it there (guidekit check --base-url). A link written from its own
    page (changes/index.html) says nothing of where the site is published."""
    written = urlsplit(href.strip())
    folders = written.path.strip("/").split("/")
    from_the_root = written.path.startswith("/") and not written.scheme and not written.netloc
    if context.guidekit or root_path != "/" or len(folders) < 2 or not from_the_root:
        return broken
    hint = error_text("broken-link-base-url", broken.lang, base=f"/{folders[0]}/")
    return replace(broken, message=sentences_text((broken.message, hint), broken.lang))


def without_axe_duplicates(findings: list[Finding]) -> list[Finding]:
    ours = {
        (AXE_EQUIVALENTS[f.rule], f.page, f.file, f.line, f.element)
        for f in findings
        if f.rule in AXE_EQUIVALENTS
    }
    return [f for f in findings if (f.rule, f.page, f.file, f.line, f.element) not in ours]
