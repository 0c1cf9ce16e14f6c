"""Results of the gate, cached by the content hash of each page and of everything it loaded.

An entry is reused only when the page, every file it loaded (stylesheets, images, …) and the rule
set are byte for byte what they were: the rule set is axe's version and options plus the gate's own
code and messages, so upgrading either re-checks everything. The cache lives outside the published
site (``.guidekit-cache/`` beside it) and is replaced atomically. It is validated against its schema
as it is read (nesting depth included): a damaged one is ignored, with a warning, and everything is
checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ConfigDict, ValidationError

from .. import __version__
from ..findings import Finding, finding_from_json
from ..output.caches import cache_folder
from ..output.stored_json import StrictJson
from ..package_files import shipped_files
from ..theme import THEMES
from .axe import axe_version
from .page_check import PageResult
from .session import MISSING

FORMAT = 1


def cache_file(site: Path) -> Path:
    """Beside the site, never inside it: ``site/`` -> ``.guidekit-cache/gate-site.json``."""
    site = site.resolve()
    return cache_folder(site) / f"gate-{site.name}.json"


@cache
def ruleset() -> str:
    digest = hashlib.sha256(
        json.dumps(
            [FORMAT, __version__, axe_version(), *(theme.axe_tags for theme in THEMES)]
        ).encode()
    )
    files = shipped_files(resources.files("guidekit.gate"), (".py", ".js", ".yml"))
    files.append(resources.files("guidekit").joinpath("messages", "errors.yml"))
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


class _LinkJson(StrictJson):
    """A link as ``content_rules.link_findings`` reads it (``origin.finding_at`` reads where it
    is)."""

    model_config = ConfigDict(strict=True, extra="allow")

    href: str
    raw: str
    line: int | None = None
    element: str | None = None
    snippet: str | None = None
    example: str | None = None
    template: str | None = None


class _FactsJson(StrictJson):
    lang: str | None = None
    source: str | None = None
    theme: str | None = None
    links: list[_LinkJson]


class _EntryJson(StrictJson):
    served: dict[str, str]
    facts: _FactsJson
    findings: list[Finding]
    # the page declares no language: its findings are in the run's default_lang, this one
    undeclared_lang: bool = False
    default_lang: str | None = None


class _CacheJson(StrictJson):
    ruleset: str
    root_path: str | None = None  # a cache written before the gate recorded it matches nothing
    pages: dict[str, _EntryJson]


class GateCache:
    """``root_path``: the path the site is served under (``/qc/``). A page's results hold for that
    path only: a file it asks for at ``/qc/logo.png`` is the site's ``logo.png`` there and missing
    at ``/``. ``default_lang``: the language of the findings on a page that declares none
    (run_gate's); such a page's entry written in another one is not reused."""

    def __init__(self, path: Path, site: Path, root_path: str, default_lang: str | None) -> None:
        self.path, self.site, self.root_path = path, site, root_path
        self.default_lang = default_lang
        self.entries: dict[str, dict] = {}
        self._hashes: dict[str, str] = {}
        self.damaged = False  # the file was there but not of its shape: ignored
        try:
            data = path.read_bytes()
        except OSError:
            return  # no cache yet: check everything
        try:
            stored = _CacheJson.model_validate_json(data)
        except ValidationError:
            self.damaged = True
            return
        if stored.ruleset == ruleset() and stored.root_path == root_path:
            self.entries = {
                page: entry.model_dump(exclude_none=True) for page, entry in stored.pages.items()
            }

    def _hash(self, relative: str) -> str:
        if relative not in self._hashes:
            target = self.site / relative
            self._hashes[relative] = (
                hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else MISSING
            )
        return self._hashes[relative]

    def lookup(self, page: str) -> PageResult | None:
        entry = self.entries.get(page)
        if not entry or page not in entry["served"]:
            return None
        if entry.get("undeclared_lang") and entry.get("default_lang") != self.default_lang:
            return None
        if any(self._hash(relative) != digest for relative, digest in entry["served"].items()):
            return None
        return PageResult(
            entry["facts"], [finding_from_json(f) for f in entry["findings"]], entry["served"]
        )

    def store(self, page: str, result: PageResult) -> None:
        if result.facts is None or page not in result.served:
            return  # a page that could not be checked is never cached
        self.entries[page] = {
            "served": result.served,
            "facts": result.facts,
            "findings": [finding.to_json() for finding in result.findings],
        }
        if result.undeclared_lang:
            self.entries[page] |= {"undeclared_lang": True, "default_lang": self.default_lang}

    def save(self, site_pages: Iterable[str]) -> None:
        """Keep the results for the next run; where they cannot be kept (a folder beside the site
        this user may not write), the next run checks every page again, as a first run does."""
        pages = set(site_pages)
        entries = {page: entry for page, entry in sorted(self.entries.items()) if page in pages}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=".gate-", suffix=".json"
            )
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(
                    {"ruleset": ruleset(), "root_path": self.root_path, "pages": entries},
                    file,
                    ensure_ascii=False,
                )
            os.chmod(temporary, 0o644)  # mkstemp makes it private; it holds nothing secret
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
