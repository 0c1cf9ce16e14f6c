"""Reading the files people write for a site (a guide's front matter, ``guidekit.toml``,
``glossary.yml``, ``conformance.toml``, ``guidekit-waivers.toml``, a component's
``component.yml``): parsed, checked against a pydantic model, every mistake a finding at the line
to change, in the editor's language, never a traceback.

YAML's nodes know their lines and tomllib keeps none, so each file is turned into the same
``LineMap`` (a path in the document, as pydantic reports it, -> the line it is written on), which
the messages and the later stages (enrich, the linter) look lines up in.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..findings import Finding, Problems
from ..messages import error_text
from .front_matter_errors import diagnose
from .yaml_loader import SAFE_LOADER

DocPath = tuple[str | int, ...]
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class LineMap:
    """Where each part of a file is written: a mapping's key, a list's item or a TOML table ->
    its 1-based line."""

    lines: Mapping[DocPath, int] = field(default_factory=dict)

    def line(self, loc: Sequence[str | int]) -> int | None:
        """The line of the deepest part of ``loc`` that the file writes (a field left out is
        reported where its parent is written)."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None

    def has(self, *path: str | int) -> bool:
        return path in self.lines


@dataclass(frozen=True)
class YamlDocument:
    """A YAML text read once: its values, where each is written, and its text values in document
    order with their lines (what the linter reads of a guide's front matter). ``refused``: each
    value YAML reads but Python cannot hold — a date that does not exist (2026-02-30), a number
    longer than Python converts (4,300 digits) — as (path, line, whether a date); it is read as
    the text it is written as, so that the rest of the file is still read and checked."""

    value: Any
    lines: LineMap
    texts: tuple[tuple[DocPath, int, str], ...]
    refused: tuple[tuple[DocPath, int, bool], ...] = ()


_TEXT_TAG = "tag:yaml.org,2002:str"


def read_yaml(text: str, first_line: int = 1, loader: type = SAFE_LOADER) -> YamlDocument:
    """``text`` parsed once into values and the node lines; ``first_line`` is the file's line of
    the text's first. Raises what the parser raises (``yaml.YAMLError``), and ``ValueError`` when
    a value cannot be read for another reason."""
    reader = loader(text)
    refused_nodes: dict[int, bool] = {}
    try:
        root = reader.get_single_node()
        try:
            value = reader.construct_document(root) if root is not None else None
        except ValueError:
            refused_nodes = _read_as_text(root)
            if not refused_nodes:
                raise
            again = loader("")
            try:
                value = again.construct_document(root)
            finally:
                again.dispose()
    finally:
        reader.dispose()
    lines: dict[DocPath, int] = {}
    texts: list[tuple[DocPath, int, str]] = []
    refused: list[tuple[DocPath, int, bool]] = []
    if root is not None:
        lines[()] = first_line + root.start_mark.line
    # depth first in document order, without recursion: the texts keep the order they are written
    pending: list[tuple[yaml.Node, DocPath]] = [(root, ())] if root is not None else []
    while pending:
        node, path = pending.pop()
        kind = type(node)
        if kind is yaml.MappingNode:
            for key, item in reversed(node.value):
                if type(key) is yaml.ScalarNode:
                    lines[path + (key.value,)] = first_line + key.start_mark.line
                    pending.append((item, path + (key.value,)))
        elif kind is yaml.SequenceNode:
            for index in range(len(node.value) - 1, -1, -1):
                item = node.value[index]
                lines[path + (index,)] = first_line + item.start_mark.line
                pending.append((item, path + (index,)))
        elif id(node) in refused_nodes:
            refused.append((path, first_line + node.start_mark.line, refused_nodes[id(node)]))
        elif node.tag.endswith(":str") and node.value.strip():
            texts.append((path, first_line + node.start_mark.line, node.value))
    return YamlDocument(value, LineMap(lines), tuple(texts), tuple(refused))


def _read_as_text(root: yaml.Node) -> dict[int, bool]:
    """Every date or number under ``root`` that Python cannot hold, retagged to be read as its
    text: its node's id -> whether it is a date."""
    constructor = yaml.SafeLoader("")
    refused: dict[int, bool] = {}
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith((":timestamp", ":int")):
            date = node.tag.endswith(":timestamp")
            try:
                (constructor.construct_yaml_timestamp if date else constructor.construct_yaml_int)(
                    node
                )
            except ValueError:
                refused[id(node)] = date
                node.tag = _TEXT_TAG
    return refused


def yaml_syntax_problem(
    error: yaml.YAMLError, text: str, first_line: int, problems: Problems, unknown_cause: str
) -> Finding:
    """Why ``text`` is not valid YAML, said the way editors make the mistake
    (``front_matter_errors``), at the line to change; ``unknown_cause`` is the message when the
    lines show none of the usual mistakes."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    # libyaml puts a problem at the end of the text on the line after it
    lines = text.split("\n")
    stumbled = min(mark.line if mark else 0, len(lines) - 1)
    cause = diagnose(lines, stumbled)
    if cause is None:
        return problems.at(first_line + stumbled, unknown_cause)
    return problems.at(first_line + cause.line, cause.key, **cause.args)


_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")


def toml_lines(text: str) -> LineMap:
    """Where the tables (``[name]``, the n-th ``[[name]]``) and keys of a TOML text are written.
    tomllib keeps no positions; this reads the lines the plain files sites write."""
    lines: dict[DocPath, int] = {}
    tables_seen: dict[DocPath, int] = {}
    table: DocPath = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            table = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            lines.setdefault(table, number)
            if header.group(1) == "[[":  # an array of tables: each table is an item
                index = tables_seen.get(table, 0)
                tables_seen[table] = index + 1
                table += (index,)
                lines[table] = number
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(table + (key.group(1),), number)
    return LineMap(lines)


def read_toml(text: str) -> tuple[dict[str, Any], LineMap]:
    """The values of a TOML text and where they are written; raises ``tomllib.TOMLDecodeError``."""
    return tomllib.loads(text), toml_lines(text)


def toml_error_line(error: tomllib.TOMLDecodeError) -> int | None:
    """The line tomllib names in its (English) message."""
    at_line = re.search(r"line (\d+)", str(error))
    return int(at_line.group(1)) if at_line else None


def validated(
    model: type[Model], data: object, describe: Callable[[ErrorDetails], Finding | None]
) -> tuple[Model | None, list[Finding]]:
    """``data`` as ``model``, or the finding ``describe`` makes of each of pydantic's errors (None:
    that error is said by another), located with the file's ``LineMap``."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        findings = [describe(detail) for detail in error.errors()]
        return None, [finding for finding in findings if finding is not None]


def _plain_number(number: object) -> object:
    """0.0 written as 0, as an editor writes it."""
    return int(number) if isinstance(number, float) and number.is_integer() else number


def value_expected(detail: Mapping[str, Any], lang: str) -> str:
    """What a value pydantic refused should be, in words for the people who write the file."""
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind in {"string_type", "str_type"}:
        return error_text("expect-text", lang)
    if kind == "string_too_short":
        return error_text("expect-nonempty", lang)
    if kind.startswith("int_"):
        return error_text("expect-integer", lang)
    if kind.startswith("float_") or kind == "finite_number":
        return error_text("expect-number", lang)
    if kind.startswith("bool_"):
        return error_text("expect-true-false", lang)
    if kind == "greater_than_equal":
        return error_text("expect-minimum", lang, minimum=context.get("ge"))
    if kind == "greater_than":
        return error_text("expect-above", lang, minimum=_plain_number(context.get("gt")))
    if kind == "less_than_equal":
        return error_text("expect-maximum", lang, maximum=_plain_number(context.get("le")))
    if kind in {"list_type", "tuple_type"}:
        return error_text("expect-list", lang)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return error_text("expect-fields", lang)
    if kind.startswith("date"):
        return error_text("expect-date", lang)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return error_text(
            "expect-choice", lang, choices=error_text("choice-separator", lang).join(choices)
        )
    return error_text("expect-other", lang, detail=detail["msg"])
