"""No module-level state passes data from one stage to another or from one build to the next: what
a build's stages hand on is in their signatures, and what a process keeps between builds is in
``guidekit.output.session.Session``. Read from the syntax trees of ``builder/``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BUILDER = Path(__file__).resolve().parent.parent / "builder"

# Module-level containers a function may fill, and why that passes nothing between stages or builds.
FILLED_BY_FUNCTIONS = {
    # the ``package_cache`` decorator lists each cache at import, so ``forget_package_files`` can
    # drop them all
    ("package_files.py", "_READ_FROM_PACKAGE"),
}
# ``global`` statements, and why.
GLOBALS = {
    # forked workers inherit the task (a closure cannot be pickled); set and cleared by shared_out
    ("workers.py", "_task"),
}
_CACHES = {"cache", "lru_cache"}
# Functions cached for the life of the process (functools.cache or lru_cache). Each is a pure
# function of its arguments, or reads a data file guidekit ships that no build changes. What is
# made from templates and component specs, which change while ``guidekit serve`` watches guidekit
# itself, is cached with ``package_files.package_cache`` instead (the test does not list those).
PURE_CACHES = {
    # of the arguments only
    ("build.py", "_page_keys"),
    ("site/page_weight.py", "gzip_size"),
    ("site/ways_in.py", "sort_key"),
    ("guide/reading_aids.py", "_reading"),
    ("guide/reading_aids.py", "_zhuyin_syllable"),
    ("lint/english.py", "_syllables"),
    ("lint/text.py", "_body_passages"),
    ("site/search_index.py", "_segmenter"),
    ("site/search_index.py", "_piece_words"),
    ("site/search_index.py", "_segmented"),
    ("site/search_index.py", "_with_traditional"),
    ("lint/data.py", "_converter"),
    ("component_registry.py", "_rendered"),
    ("lint/chinese.py", "_unfamiliar_in_run"),
    ("lint/report.py", "_said"),  # and of the linter's message catalogue
    ("han.py", "script_only_in"),
    # of a file as its path, size and modification time name it: a changed image is read again
    ("guide/images.py", "image_format"),
    ("gate/formats.py", "severity_label"),
    # compiled from constants or guidekit's data files (word lists, message catalogues, axe-core)
    ("messages.py", "catalogue"),
    ("messages.py", "ui_strings"),
    ("lint/report.py", "lint_texts"),
    ("lint/chinese.py", "_known_words"),
    ("guide/reading_aids.py", "_uncommon_character"),
    ("lint/abbreviations.py", "_abbreviation_pattern"),
    ("lint/english.py", "_avoid_pattern"),
    ("lint/chinese.py", "_officialese_pattern"),
    ("gate/language.py", "_pinyin_syllables"),
    ("han.py", "_script_characters"),
    ("gate/held_to.py", "_aaa_criteria"),
    ("lint/chinese.py", "_uncommon_pattern"),
    ("lint/segmenter.py", "segmenter"),
    ("lint/unfinished.py", "_hints"),
    ("lint/data.py", "officialese"),
    ("lint/data.py", "words_to_avoid"),
    ("lint/data.py", "abbreviations"),
    ("lint/data.py", "everyday_words"),
    ("lint/data.py", "well_known_acronyms"),
    ("lint/data.py", "_characters_by_frequency"),
    ("lint/data.py", "common_characters"),
    ("lint/data.py", "everyday_characters"),
    ("lint/data.py", "english_hyphenator"),
    ("gate/axe.py", "axe_directory"),
    ("gate/axe.py", "axe_source"),
    ("gate/axe.py", "axe_version"),
    ("gate/axe.py", "axe_locales"),
    ("gate/scripts.py", "script"),
    ("gate/session.py", "gate_script"),
    ("gate/content_rules.py", "vague_link_texts"),
    ("gate/content_rules.py", "placeholder_alt_texts"),
    ("gate/content_rules.py", "_file_words"),
    ("gate/cache.py", "ruleset"),
    ("gate/formats.py", "_templates"),
    ("gate/focus_visible.py", "_linear_luminance_table"),
    ("gate/focus_visible.py", "_contrasting"),
    ("conformance/standards.py", "standards_map"),
}
_MUTATORS = {
    "append",
    "extend",
    "insert",
    "update",
    "add",
    "setdefault",
    "pop",
    "popitem",
    "remove",
    "discard",
    "clear",
}
_CONTAINER_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(BUILDER).as_posix(), ast.parse(path.read_text("utf-8")))
        for path in sorted(BUILDER.rglob("*.py"))
    ]


def _mutable_globals(module: ast.Module) -> set[str]:
    names = set()
    for statement in module.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        mutable = isinstance(
            value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp
        ) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in _CONTAINER_CALLS
        )
        if mutable:
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def _changed_in_functions(module: ast.Module, names: set[str]) -> set[str]:
    """The module-level ``names`` some function's body changes in place."""
    changed = set()
    for function in ast.walk(module):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _MUTATORS
                and isinstance(node.func.value, ast.Name)
            ):
                changed.add(node.func.value.id)
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign | ast.Delete):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    changed.add(target.value.id)
                elif isinstance(node, ast.AugAssign) and isinstance(target, ast.Name):
                    changed.add(target.id)
    return changed & names


def _decorator_name(decorator: ast.expr) -> str:
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    return decorator.id if isinstance(decorator, ast.Name) else ""


def test_no_function_fills_a_module_level_container():
    found = {
        (name, container)
        for name, module in _modules()
        for container in _changed_in_functions(module, _mutable_globals(module))
    }
    assert found == FILLED_BY_FUNCTIONS


def test_no_global_statements_but_the_listed_ones():
    found = {
        (name, variable)
        for name, module in _modules()
        for node in ast.walk(module)
        if isinstance(node, ast.Global)
        for variable in node.names
    }
    assert found == GLOBALS


def _process_wide(module: ast.Module) -> list[ast.FunctionDef]:
    """Module-level functions and methods: a function defined inside another one (a lazy value
    of one call) lives only as long as what that call returned."""
    classes = [node for node in module.body if isinstance(node, ast.ClassDef)]
    return [
        node
        for node in [*module.body, *(member for cls in classes for member in cls.body)]
        if isinstance(node, ast.FunctionDef)
    ]


def test_every_process_wide_cache_is_listed_with_its_reason():
    found = {
        (name, node.name)
        for name, module in _modules()
        for node in _process_wide(module)
        if any(_decorator_name(decorator) in _CACHES for decorator in node.decorator_list)
    }
    assert sorted(found - PURE_CACHES) == [], "cached: a pure function, or use package_cache?"
    assert sorted(PURE_CACHES - found) == [], "listed but no longer cached"


@pytest.mark.parametrize(
    "source",
    [
        "_seen = {}\ndef f(x):\n    _seen[x] = 1\n",
        "_seen: list[int] = []\ndef f(x):\n    _seen.append(x)\n",
        "_seen = set()\ndef f(x):\n    _seen.add(x)\n",
    ],
)
def test_the_scan_finds_a_function_that_fills_a_module_level_container(source):
    module = ast.parse(source)
    assert _changed_in_functions(module, _mutable_globals(module)) == {"_seen"}
