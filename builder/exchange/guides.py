"""Records into guides: a new guide per record, never over an existing one; with ``update``, only
the front-matter fields whose elements changed are rewritten, the editor's body and comments
kept."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..scaffold import REVIEW_INTERVAL, free_path, slug
from ..source.content_model import GuideMeta
from ..source.load import FENCE, discover, load_guide
from .convert import changed_fields, front_matter, front_matter_key, record_of
from .layout import KEY
from .read import Location, Problem, Read

IMPORT_LANG = "zh-Hans"  # the national platform's records are written in Simplified Chinese
_CODE = re.compile(r"\bimplementation\s*:\s*[\"']?([^\"'#\s,}]+)")
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass
class Imported:
    written: list[Path] = field(default_factory=list)
    updated: list[tuple[Path, list[str]]] = field(default_factory=list)  # guide, elements changed
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, Path]] = field(default_factory=list)  # 实施编码, existing guide
    problems: list[Problem] = field(default_factory=list)  # what was left out, and the notes
    noted: int = 0  # guides written, updated or unchanged with a note: something to check
    items_left_out: int = 0  # records not imported (or, for a broken guide, not updated)
    rows_left_out: int = 0  # rows of the tables not imported


@dataclass(frozen=True)
class Wording:
    """``lang``: the language the importer speaks to the editor in; the texts it writes into the
    guides are in the guides' language."""

    lang: str
    summary: str  # with {title} and {owner}
    summary_no_owner: str  # with {title}
    comment: str  # the first line of every imported guide's front matter


def _existing(source: Path) -> dict[str, Path]:
    """Guides already in SOURCE by their 实施编码 (read from the text: a guide whose front matter
    is broken still holds its code)."""
    found: dict[str, Path] = {}
    if source.is_dir():
        for file in discover(source):
            if not file.regular:
                continue
            for code in _CODE.findall(file.path.read_text("utf-8", errors="replace")):
                found.setdefault(code, file.path)
    return found


def _dump(fields: dict[str, Any]) -> str:
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)


def import_records(
    read: Read, source: Path, wording: Wording, *, update: bool, today: dt.date
) -> Imported:
    done = Imported(
        problems=list(read.problems),
        items_left_out=read.items_left_out,
        rows_left_out=read.rows_left_out,
    )
    existing = _existing(source)
    folder = source / IMPORT_LANG
    for record in read.records:
        has_owner = "实施主体" in record.main.cells  # the summary names the office
        fields, problems = front_matter(
            record,
            IMPORT_LANG,
            wording.summary if has_owner else wording.summary_no_owner,
            today,
            today + REVIEW_INTERVAL,
            wording.lang,
        )
        if fields is None:
            done.problems += problems
            done.items_left_out += 1
            continue
        notes = record.notes + problems
        path = existing.get(record.code)
        if path is None:
            folder.mkdir(parents=True, exist_ok=True)
            path = free_path(folder, slug(fields["title"]))
            text = f"{FENCE}\n# {wording.comment}\n{_dump(fields)}{FENCE}\n"
            path.write_text(text, encoding="utf-8", newline="\n")
            done.written.append(path)
        elif not update:  # not imported: the notes, which say it was, are not told
            done.skipped.append((record.code, path))
            continue
        elif not _update(path, source, fields, record.main.location(KEY), done):
            continue
        if notes:
            done.problems += notes
            done.noted += 1
    return done


def _update(
    path: Path, source: Path, fields: dict[str, Any], code_at: Location, done: Imported
) -> bool:
    """Whether the guide now holds the record (updated, or already the same)."""
    guide, _ = load_guide(path, path.relative_to(source).as_posix(), IMPORT_LANG)
    if guide is None:
        done.problems.append(Problem(code_at, "guide-broken", {"guide": path}))
        done.items_left_out += 1
        return False
    changed = changed_fields(record_of(guide.meta), record_of(GuideMeta.model_validate(fields)))
    if not changed:
        done.unchanged.append(path)
        return True
    keys = list(dict.fromkeys(front_matter_key(name) for name in changed))
    path.write_text(
        rewritten(path.read_text("utf-8"), {key: fields.get(key) for key in keys}),
        encoding="utf-8",
        newline="\n",
    )
    done.updated.append((path, changed))
    return True


def rewritten(text: str, values: dict[str, object]) -> str:
    """``text`` with these top-level front-matter fields replaced (None: removed) or added; every
    other line, comments and the body included, as it was."""
    lines = text.split("\n")
    closing = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    starts = [i for i in range(1, closing) if _TOP_KEY.match(lines[i])]
    replaced: dict[int, tuple[int, str]] = {}
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else closing
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # notes under a field and blank lines stay where they are
        key = _TOP_KEY.match(lines[start])[1]  # type: ignore[index]
        if key in values:
            replaced[start] = (end, key)
    out, line = [], 0
    while line < closing:
        if line in replaced:
            line, key = replaced[line]
            out += _dumped(key, values[key])
        else:
            out.append(lines[line])
            line += 1
    present = {key for _, key in replaced.values()}
    for key, value in values.items():
        if key not in present:
            out += _dumped(key, value)
    return "\n".join(out + lines[closing:])


def _dumped(key: str, value: object) -> list[str]:
    return [] if value is None else _dump({key: value}).rstrip("\n").split("\n")
