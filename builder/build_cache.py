"""The build cache: what each guide's own steps produced in the last build of an output folder, keyed by
everything those steps read, so a rebuild does again only what an edit changed.

A guide's key is the hash of its file and of the site inputs its pages depend on: guidekit's code, the
guide page templates and component macros, the messages, guidekit.toml, the glossary and synonyms, the
day (review dates), the list of guides with their languages and translation keys, and the other files
in SOURCE (images, attachments). Editing one guide's text
redoes that guide; editing a guide page template or guidekit.toml redoes every guide; a stylesheet or
an index template redoes no guide at all (the pages around the guides are made on every build). The
cache lives beside the output folder (``.guidekit-cache/``), is JSON, and is replaced atomically; a
damaged or foreign cache is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from . import __version__
from .content_model import GuideMeta
from .enrich import Asset
from .findings import Finding, finding_from_json
from .gate.cache import CACHE_FOLDER
from .guide_steps import GuideOutcome
from .load import SourceGuide, load_guide
from .render import Page
from .translations import translation_key

FORMAT = 1
# Templates a guide page is made from; the others make the pages around the guides, made on every build.
GUIDE_TEMPLATES = ("guide.html.j2", "layout.html.j2")


def cache_path(out: Path) -> Path:
    out = out.resolve()
    return out.parent / CACHE_FOLDER / f"build-{out.name}.json"


@cache
def code_key() -> str:
    """guidekit's own part of every guide's key: its version, code, messages, component macros and guide templates."""
    package, components = resources.files("guidekit"), resources.files("guidekit.components")
    base = resources.files("guidekit.themes").joinpath("base")
    return _digest(_files(package, ".py") + _files(package.joinpath("messages"), ".yml") + _files(components, ".j2")
                   + _files(components, ".yml") + [base.joinpath(name) for name in GUIDE_TEMPLATES])


@cache
def package_key() -> str:
    """Every file guidekit is made of: what pages that read no guide (the gallery) are made from."""
    return _digest([file for name in ("guidekit", "guidekit.components", "guidekit.themes") for file in _files(resources.files(name), "")])


def _digest(files: list[Traversable]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _files(folder: Traversable, suffix: str) -> list[Traversable]:
    """``folder``'s files ending in ``suffix``, and those of its sub-folders, in a stable order."""
    found = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.is_dir() and entry.name != "__pycache__":
            found += _files(entry, suffix)
        elif entry.name.endswith(suffix):
            found.append(entry)
    return found


class BuildCache:
    def __init__(self, path: Path | None) -> None:
        """``path`` None: a cache that remembers nothing (``--no-cache``)."""
        self.path = path
        self.stored: dict[str, dict] = {}
        self.kept: dict[str, dict] = {}  # what this build saves: only guides the site still has
        self.changed = False  # whether ``kept`` holds anything ``stored`` does not
        self.stored_pages: dict[str, dict] = {}  # pages that read no guide, by what makes them
        self.kept_pages: dict[str, dict] = {}
        if path is None:
            return
        try:
            stored = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("code") == code_key() and isinstance(stored.get("guides"), dict):
            self.stored, self.stored_pages = stored["guides"], stored["pages"]

    def load_guide(self, path: Path, rel: str, default_lang: str) -> tuple[SourceGuide | None, list[Finding]]:
        """``load.load_guide``, skipped when the file is byte for byte the one loaded last time."""
        try:
            data = path.read_bytes()
        except OSError:
            return load_guide(path, rel, default_lang)  # load names the problem
        file_key = _hash(default_lang, data)
        entry = self.stored.get(rel)
        if entry and entry["file"] == file_key:
            guide = _guide_from_json(entry["guide"], path) if entry["guide"] else None
            findings = [finding_from_json(finding) for finding in entry["load_findings"]]
            self.kept[rel] = entry  # its outcome, if any, is judged by ``outcome``
        else:
            guide, findings = load_guide(path, rel, default_lang)
            self.kept[rel] = {"file": file_key, "guide": _guide_to_json(guide) if guide else None,
                              "load_findings": [finding.to_json() for finding in findings]}
            self.changed = True
        return guide, findings

    def outcome(self, guide: SourceGuide, site_key: str) -> GuideOutcome | None:
        entry = self.stored.get(guide.rel)
        if not entry or entry.get("key") != _hash(site_key, self.kept[guide.rel]["file"]) or "outcome" not in entry:
            return None
        stored = entry["outcome"]
        return GuideOutcome(
            [finding_from_json(finding) for finding in stored["findings"]],
            [Page(**page) for page in stored["pages"]],
            [Asset(Path(source), site_path) for source, site_path in stored["assets"]],
            stored["html_gzip"],
            stored["search_words"],
        )

    def remember(self, guide: SourceGuide, site_key: str, outcome: GuideOutcome) -> None:
        self.changed = True
        self.kept[guide.rel]["key"] = _hash(site_key, self.kept[guide.rel]["file"])
        self.kept[guide.rel]["outcome"] = {
            "findings": [finding.to_json() for finding in outcome.findings],
            "pages": [vars(page) for page in outcome.pages],
            "assets": [(str(asset.source), asset.site_path) for asset in outcome.assets],
            "html_gzip": outcome.html_gzip,
            "search_words": outcome.search_words,
        }

    def pages(self, name: str, inputs: str, make: Callable[[], list[Page]]) -> list[Page]:
        """Pages that read no guide (``name``: the gallery), made again only when guidekit or ``inputs`` changed."""
        key = _hash(package_key(), inputs)
        entry = self.stored_pages.get(name)
        if entry and entry["key"] == key:
            self.kept_pages[name] = entry
            return [Page(**page) for page in entry["pages"]]
        made = make()
        self.kept_pages[name] = {"key": key, "pages": [vars(page) for page in made]}
        self.changed = True
        return made

    def save(self) -> None:
        if self.path is None or not (self.changed or self.kept.keys() != self.stored.keys() or self.kept_pages.keys() != self.stored_pages.keys()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".build-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            # one string from the C encoder: json.dump to a file encodes piece by piece in Python, ten times slower
            file.write(json.dumps({"code": code_key(), "guides": self.kept, "pages": self.kept_pages}, ensure_ascii=False))
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it holds nothing secret
        os.replace(temporary, self.path)


def files_key(source: Path) -> str:
    """Every file beside the guides in SOURCE (images, attachments), by name, size and time: a guide's page
    shows an attachment's size, and a file that appears or goes away changes what a guide's links find."""
    stamps = []
    for folder, folders, names in os.walk(source):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            # hidden files are an editor's (swap files change on every keystroke), never a page's
            if not name.endswith(".md") and not name.startswith("."):
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:  # a broken link: enrich names it if a guide uses it
                    stamps.append(f"{os.path.relpath(path, source)}\0missing")
                    continue
                stamps.append(f"{os.path.relpath(path, source)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return _hash(*sorted(stamps))


def site_key(guides: Iterable[SourceGuide], *inputs: object) -> str:
    """What every guide's pages read from the rest of the site: the guides there are (links, translations)
    and ``inputs`` (settings, glossary, the day…)."""
    site = sorted((guide.rel, guide.lang, translation_key(guide)) for guide in guides)
    return _hash(code_key(), json.dumps([site, [str(value) for value in inputs]], ensure_ascii=False).encode())


def _hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _guide_to_json(guide: SourceGuide) -> dict:
    return {"rel": guide.rel, "meta": guide.meta.model_dump(mode="json"), "body": guide.body, "body_line": guide.body_line}


def _guide_from_json(stored: dict, path: Path) -> SourceGuide:
    return SourceGuide(path, stored["rel"], GuideMeta.model_validate(stored["meta"]), stored["body"], stored["body_line"])
