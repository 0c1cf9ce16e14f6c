"""A guide's steps (phase 2), enrich: resolve links and images against the site, and place
components in the outline.

Links to other guides are written as their Markdown file (``pension.md#fees``) and become page
links; images and attachments must live inside SOURCE and are copied with the site.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from ..findings import Finding, Problems, Severity, sort_key
from ..gate.content_rules import BROKEN_ANCHOR
from ..messages import LANGUAGES, error_text, sentences_text, ui_text
from ..near_names import nearest
from ..site_paths import names_the_top
from ..source.content_model import GuideMeta
from .images import IMAGE_HEAVY, image_problem
from .parse import CONTAINER, ParsedGuide, is_unsafe_url

if TYPE_CHECKING:
    from markdown_it.token import Token

SITE_PATH = "site_path"  # token.meta key: a path from the site root, prefixed per page at render
HEADING_LEVEL = "heading_level"  # token.meta key on a component: the level its own headings take
REGION_LABEL = "region_label"  # token.meta key on a table: the name of its scrolling region
FILE_SIZE = "file_size"  # token.meta key on a link to a file inside SOURCE: its size in bytes
_LINK_RULES = "link-"  # the rules of what links, images and files name
_HEAVY_IMAGE_RULE = _LINK_RULES + IMAGE_HEAVY
# Files a guide may publish beside its pages. Never HTML, SVG or script: the site would serve
# them from its own origin, outside every check that pages go through.
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
ATTACHMENT_TYPES = IMAGE_TYPES | {
    ".pdf",
    ".ofd",
    ".txt",
    ".csv",
    ".zip",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".wps",
    ".et",
    ".rtf",
}


def page_path(guide_rel: str) -> str:
    """The page a guide becomes, relative to the site root: ``zh-Hans/pension.md`` ->
    ``zh-Hans/pension.html``."""
    return guide_rel[: -len(".md")] + ".html"


def page_url(guide_rel: str) -> str:
    """``page_path`` as a relative URL: a space, ``#`` or ``?`` in a file name must not end the
    path."""
    return quote(page_path(guide_rel))


# The 简版 (short guide) of every guide is a page of its own beside it: no guide may take the name
SHORT_SUFFIX = ".short.html"


def short_page_path(guide_rel: str) -> str:
    """The guide's short page, relative to the site root: ``zh-Hans/pension.md`` ->
    ``zh-Hans/pension.short.html``."""
    return guide_rel[: -len(".md")] + SHORT_SUFFIX


def short_page_url(guide_rel: str) -> str:
    return quote(short_page_path(guide_rel))


@dataclass(frozen=True)
class Asset:
    source: Path
    site_path: str


@dataclass(frozen=True)
class SiteGuides:
    """What a guide's links are checked against: the guides of the site, and the files that are
    guides but could not be loaded (their own findings say why)."""

    rels: Collection[str]
    broken: Collection[str] = frozenset()
    titles: Mapping[str, str] = field(
        default_factory=dict
    )  # a guide's title -> its file, to name the file a link meant
    anchors: Callable[[str], Collection[str] | None] | None = (
        None  # the heading ids of another guide, when the caller knows them
    )
    metas: Mapping[str, GuideMeta] = field(
        default_factory=dict
    )  # each guide's fields: the sections its page makes from them

    def guide_for(self, target: str) -> str | None:
        """The guide a link's path means: ``a.md``, and as editors also write it ``a`` or
        ``a.html``."""
        stem, extension = posixpath.splitext(target)
        candidate = stem + ".md" if extension.lower() in {"", ".html", ".htm"} else target
        return candidate if candidate in self.rels else None

    @cached_property
    def in_order(self) -> tuple[str, ...]:
        """The guides' files sorted, for the file a broken link most likely meant: the same
        suggestion in every run, whichever order the guides were read in."""
        return tuple(sorted(self.rels))

    @cached_property
    def by_file_name(self) -> Mapping[str, list[str]]:
        """The guides' files by their name without folders (``a.md`` -> ``zh-Hans/a.md``, ...)."""
        found: dict[str, list[str]] = {}
        for rel in self.in_order:
            found.setdefault(posixpath.basename(rel), []).append(rel)
        return found


# The ids every guide page has besides its headings' (the main region and the sections of its
# fields)
PAGE_ID_PREFIXES = ("main", "section-", "gk-")
# boxes beside the body, not sections a link can name
_BOXES = frozenset({"help", "complaints"})


# the sections guide.html.j2 draws after the body's own; the others come before them
AFTER_BODY = frozenset({"faq", "legal-basis", "help", "complaints"})


def field_sections(meta: GuideMeta, *, opening: bool = False) -> list[str]:
    """The ui keys of the sections a guide's page makes from its fields, each under an h2 beside the
    body's own (themes/base/guide.html.j2 draws them on the same conditions). ``opening``: the
    body has text before its first section (markdown_html.body_parts), which gets a heading when
    the key facts or the online button come before it. The glossary's section, made from the
    words the text uses, is left to the gate."""
    key_facts = bool(
        meta.time_limit
        or meta.promised_time_limit
        or meta.legal_time_limit
        or meta.item_kind
        or meta.fees is not None
        or meta.visits is not None
    )
    drawn = {
        "key-facts": key_facts,
        "about": opening and (key_facts or meta.online is not None),
        "audience": meta.audience or meta.eligibility,
        "materials": meta.materials,
        "steps": meta.steps,
        "special-procedures": meta.special_procedures,
        "result": meta.result or meta.delivery,
        "places": meta.places,
        "fee-details": meta.fee_basis or meta.fee_reductions,
        "faq": meta.faq,
        "legal-basis": meta.legal_basis,
        "help": meta.consult or meta.places,
        "complaints": meta.complaints,
    }
    return [key for key, shown in drawn.items() if shown]


def _heading_key(text: str) -> str:
    return "-".join(text.lower().split())


def shown_section(anchor: str, meta: GuideMeta) -> str | None:
    """The id of the section that the page of ``meta`` makes from its fields and whose heading, in
    any language, ``anchor`` writes: #要带的材料 is section-materials, which no editor sees. The
    glossary's section, drawn when the text uses its words, is left to the gate."""
    key = _heading_key(anchor)
    return next(
        (
            f"section-{section}"
            for section in [*field_sections(meta), "glossary"]
            if section not in _BOXES
            for lang in LANGUAGES
            if _heading_key(ui_text(lang, section)) == key
        ),
        None,
    )


@dataclass(frozen=True)
class FrontMatterFile:
    """A file a front-matter field names (a blank form, a sample) as it is published."""

    site_path: str | None  # from the site root, URL-quoted; None: a web address on another site
    size: int | None  # bytes; None when on another site


@dataclass
class EnrichedGuide:
    parsed: ParsedGuide
    assets: list[Asset] = field(default_factory=list)
    # the files front-matter fields name, by the value the editor wrote
    files: dict[str, FrontMatterFile] = field(default_factory=dict)


def front_matter_files(meta: GuideMeta) -> list[tuple[tuple[str | int, ...], str]]:
    """Where the front matter names a file (blank forms, samples), and what it wrote."""
    named: list[tuple[tuple[str | int, ...], str | None]] = [
        (("result", "sample"), meta.result.sample if meta.result else None)
    ]
    for index, material in enumerate(meta.materials):
        named += [
            (("materials", index, "blank_form"), material.blank_form),
            (("materials", index, "sample"), material.sample),
        ]
    return [(loc, value) for loc, value in named if value]


def enrich_guide(
    parsed: ParsedGuide, source_root: Path, site: SiteGuides
) -> tuple[EnrichedGuide, list[Finding]]:
    guide = parsed.guide
    enriched = EnrichedGuide(parsed)
    findings: list[Finding] = []
    root = source_root.resolve()
    problems = Problems(guide.rel, guide.lang, prefix=_LINK_RULES)
    weighed = replace(problems, severity=Severity.WARNING)

    def missing_anchor(token: Token, anchor: str, target: str) -> None:
        """The gate's own rule and message: the gate finds it again on the page only as a safety
        net."""
        findings.append(
            Finding(
                rule=BROKEN_ANCHOR.id,
                message=error_text(BROKEN_ANCHOR.message, guide.lang, anchor=anchor, target=target),
                file=guide.rel,
                line=token_line(token),
                wcag=BROKEN_ANCHOR.wcag,
                lang=guide.lang,
            )
        )

    def local_file(
        where: Token | tuple[str | int, ...], url: str, missing: str, allowed: frozenset[str]
    ) -> str | None:
        """The site URL of a file inside SOURCE that ``url`` names, or None after reporting why
        not at ``where``: a token of the body or the path of a front-matter field."""
        line = guide.front_matter.line(where) if isinstance(where, tuple) else token_line(where)

        def refuse(key: str, **args: object) -> None:
            findings.append(problems.at(line, key, **args))

        target = unquote(urlsplit(url).path)
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(guide.rel), target))
        resolved = (root / joined).resolve()
        if target.startswith("/") or joined.startswith("..") or not resolved.is_relative_to(root):
            refuse("path-outside", path=unquote(url))
            return None
        if posixpath.splitext(joined)[1].lower() not in allowed:
            refuse("file-type", path=unquote(url), allowed=" ".join(sorted(allowed)))
            return None
        if not resolved.is_file():
            meant = _path_that_works(root, posixpath.join(posixpath.dirname(guide.rel), target))
            if meant is not None:
                refuse(
                    "path-backslash" if "\\" in target else "path-case",
                    path=unquote(url),
                    name=posixpath.relpath(meant, posixpath.dirname(guide.rel) or "."),
                )
                return None
            from_root = posixpath.normpath(target)
            if (root / from_root).is_file() and not from_root.startswith(".."):
                # written from the guides folder rather than from the guide's own folder
                shown = posixpath.relpath(from_root, posixpath.dirname(guide.rel) or ".")
                refuse(f"{missing}-folder", path=unquote(url), file=from_root, name=shown)
            elif near := _near_name(resolved.parent, resolved.name, allowed):
                shown = posixpath.join(posixpath.dirname(target), near)
                refuse(f"{missing}-near", path=unquote(url), name=shown)
            else:
                refuse(missing, path=unquote(url))
            return None
        enriched.assets.append(Asset(resolved, joined))
        return quote(joined)

    def check_if_image(line: int | None, written: str) -> None:
        """Reports the file just found (the last asset), if it is an image, when readers would get
        it broken or only after a long wait; ``written``: its address as the editor wrote it."""
        asset = enriched.assets[-1]
        if posixpath.splitext(asset.site_path)[1].lower() not in IMAGE_TYPES:
            return  # a document a link or a field names (a PDF form) is not read as a picture
        shown = image_problem(asset.source)
        if shown is None:
            return
        key, args = shown
        if key != IMAGE_HEAVY:
            findings.append(problems.at(line, key, path=unquote(written), **args))
            return
        # named by its file, which heavy_images_once tells once for all the places showing it
        told = weighed.at(line, key, path=unquote(written), **args)
        findings.append(replace(told, element=asset.site_path))

    for loc, written in front_matter_files(guide.meta):
        if not is_local_url(written):  # the model let only https addresses through
            enriched.files[written] = FrontMatterFile(None, None)
        elif (site_path := local_file(loc, written, "missing-file", ATTACHMENT_TYPES)) is not None:
            enriched.files[written] = FrontMatterFile(
                site_path, enriched.assets[-1].source.stat().st_size
            )
            # a photo of a filled-in form opens as a broken picture, or slowly, as one shown would
            check_if_image(guide.front_matter.line(loc), written)

    for token in _all_tokens(parsed.tokens):
        if token.type == "image":
            src = str(token.attrGet("src"))
            if is_unsafe_url(src, image=True):  # parse refused it already
                continue
            if is_local_url(src):
                site_path = local_file(token, src, "missing-image", IMAGE_TYPES)
                if site_path is not None:
                    token.meta[SITE_PATH] = site_path
                    check_if_image(token_line(token), src)
            elif not src.lower().startswith("data:"):  # parse let only images through as data: URLs
                findings.append(
                    problems.at(token_line(token), "image-not-local", path=unquote(src))
                )
        elif token.type == "link_open":
            href = str(token.attrGet("href"))
            # a link without an address is the linter's finding, an unsafe one parse's
            if not href or not is_local_url(href) or is_unsafe_url(href):
                continue
            parts = urlsplit(href)
            if not parts.path:  # #anchor on this page
                anchor = _missing_anchor(heading_ids(parsed.tokens), parts.fragment)
                section = shown_section(anchor, guide.meta) if anchor else None
                if section:
                    token.attrSet("href", f"#{section}")
                elif anchor:
                    missing_anchor(token, anchor, posixpath.basename(guide.rel))
                continue
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(guide.rel), unquote(parts.path))
            )
            meant = site.guide_for(target)
            inside = not parts.path.startswith("/") and not target.startswith("..")
            if (
                meant is None
                and inside
                and (target.endswith(".md") or posixpath.splitext(target)[1] == "")
            ):
                findings.append(
                    _missing_guide(
                        site,
                        target,
                        unquote(href),
                        problems,
                        token_line(token),
                        posixpath.dirname(guide.rel),
                    )
                )
                continue
            if meant is not None:
                # another guide's headings are read only for a link to one of them: reading them
                # for every link between guides read most of a site twice in guidekit lint
                fragment = parts.fragment
                if fragment:
                    ids: Collection[str] | None
                    if meant == guide.rel:
                        ids = heading_ids(parsed.tokens)
                    else:
                        ids = site.anchors(meant) if site.anchors else None
                    written = unquote(fragment)
                    meta = guide.meta if meant == guide.rel else site.metas.get(meant)
                    section = shown_section(written, meta) if meta else None
                    if section and (ids is None or written not in ids):
                        fragment = section
                    elif anchor := _missing_anchor(ids, fragment):
                        missing_anchor(token, anchor, unquote(parts.path))
                token.meta[SITE_PATH] = page_url(meant) + (f"#{fragment}" if fragment else "")
            else:
                site_path = local_file(token, href, "missing-file", ATTACHMENT_TYPES)
                if site_path is not None:
                    token.meta[SITE_PATH] = site_path + (
                        f"#{parts.fragment}" if parts.fragment else ""
                    )
                    token.meta[FILE_SIZE] = enriched.assets[-1].source.stat().st_size
                    check_if_image(token_line(token), parts.path)

    _place_in_outline(parsed.tokens, guide.meta.title, guide.lang)
    return enriched, findings


def heavy_images_once(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` with each heavy image file told once, at the first place showing it, with how
    many other places do: one file to shrink, however many lines and guides show it. A broken image
    stays at each line, each a place where a page breaks."""
    told: list[Finding] = []
    places: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.rule == _HEAVY_IMAGE_RULE and finding.element:
            places.setdefault(finding.element, []).append(finding)
        else:
            told.append(finding)
    for shown in places.values():
        first = min(shown, key=sort_key)
        others = len({(finding.file, finding.line) for finding in shown}) - 1
        if others:
            more = error_text("image-heavy-elsewhere", first.lang, count=others)
            first = replace(first, message=sentences_text((first.message, more), first.lang))
        told.append(first)
    return told


def _missing_guide(
    site: SiteGuides, target: str, written: str, problems: Problems, line: int | None, folder: str
) -> Finding:
    """Why a link to a guide finds none, naming the guide file the editor most likely meant and
    how to write it from ``folder``, the linking guide's own."""
    md = posixpath.splitext(target)[0] + ".md"
    if md in site.broken:
        return problems.at(line, "linked-guide-broken", path=written, file=md)
    title = posixpath.splitext(posixpath.basename(target))[0]
    named = site.by_file_name.get(posixpath.basename(md), [])
    if title in site.titles:
        key, meant = "missing-guide-link-title", site.titles[title]
    elif len(named) == 1:  # the right file name in another folder, such as another language's
        key, meant = "missing-guide-link-folder", named[0]
    # a letter off (chaxun-gongjijing.md beside chaxun-gongjijin.md): compared with every guide's
    # name, so only when nothing closer answers
    elif near := nearest(md, site.in_order, _NEAR):
        key, meant = "missing-guide-link-near", near[0]
    else:
        return problems.at(line, "missing-guide-link", path=written)
    name = posixpath.relpath(meant, folder or ".")
    return problems.at(line, key, path=written, file=meant, name=name, title=title)


_NEAR = 0.85  # how alike two file names must be for one to be suggested for the other


def _near_name(folder: Path, name: str, allowed: Collection[str]) -> str | None:
    """The file of ``folder`` a missing ``name`` most likely meant: the same name with another of
    the ``allowed`` extensions (damen.png for damen.jpg), else a name a letter or two off."""
    stem = posixpath.splitext(name)[0].casefold()
    names, same = [], []
    # os.scandir: a folder's entries know whether they are files without a stat each (a province's
    # images folder holds thousands)
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                entry_stem, extension = posixpath.splitext(entry.name)
                if extension.lower() in allowed and entry.is_file():
                    names.append(entry.name)
                    if entry_stem.casefold() == stem:
                        same.append(entry.name)
    except OSError:
        return None
    names.sort()
    same.sort()
    near = same or nearest(name, names, _NEAR)
    return near[0] if near else None


def _path_that_works(root: Path, written: str) -> str | None:
    """The file below ``root`` that ``written`` finds on Windows, where a backslash separates
    folders and letters match in either case; None when there is none, or only ``written``."""
    steps = posixpath.normpath(written.replace("\\", "/")).split("/")
    if steps[0] == "..":
        return None
    found: list[str] = []
    for step in steps:
        folder = root.joinpath(*found)
        if (folder / step).exists():
            found.append(step)
            continue
        try:
            alike = [name for name in os.listdir(folder) if name.casefold() == step.casefold()]
        except OSError:
            return None
        if len(alike) != 1:
            return None
        found.append(alike[0])
    path = "/".join(found)
    return path if (root / path).is_file() and path != posixpath.normpath(written) else None


def token_line(token: Token) -> int | None:
    return int(token.attrGet("data-line") or 0) or None


def heading_ids(tokens: list[Token]) -> set[str]:
    """The ids the headings of a parsed body get."""
    return {str(token.attrGet("id")) for token in tokens if token.type == "heading_open"}


def _missing_anchor(ids: Collection[str] | None, fragment: str) -> str | None:
    """The #fragment of a link when it names none of ``ids`` (None: the target's headings are not
    known here)."""
    anchor = unquote(fragment)
    if not anchor or ids is None or anchor.startswith(PAGE_ID_PREFIXES) or names_the_top(anchor):
        return None
    return None if anchor in ids else anchor


def is_local_url(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def _all_tokens(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _all_tokens(token.children)


def _place_in_outline(tokens: list[Token], title: str, lang: str) -> None:
    """Components take their heading level, and tables their name, from the heading they sit
    under; several tables under one heading are numbered, as two regions of one name are one
    landmark twice to a screen reader."""
    level, heading = 1, title  # the page's h1 is the guide's title
    tables: dict[int, list[Token]] = {}  # the tables under each heading, by its token's index
    under = -1
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level, heading, under = int(token.tag[1]), tokens[index + 1].content, index
        elif token.type == f"container_{CONTAINER}_open":
            token.meta[HEADING_LEVEL] = min(level + 1, 6)
        elif token.type == "table_open":
            token.meta[REGION_LABEL] = heading
            tables.setdefault(under, []).append(token)
    for same_heading in tables.values():
        if len(same_heading) > 1:
            for number, table in enumerate(same_heading, start=1):
                table.meta[REGION_LABEL] = ui_text(
                    lang, "numbered-table", heading=table.meta[REGION_LABEL], n=number
                )
