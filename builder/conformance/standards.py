"""The standards map (``standards_map.yml``) and the list of criteria the gate decides fully
(``gate_decides.yml``), read once into frozen objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..messages import best_language
from ..source.yaml_loader import load_yaml
from ..theme import THEMES

# The chapters of GSA's OpenACR WCAG catalogue, by level
CHAPTERS = MappingProxyType(
    {
        "A": "success_criteria_level_a",
        "AA": "success_criteria_level_aa",
        "AAA": "success_criteria_level_aaa",
    }
)
WCAG_URL = "https://www.w3.org/TR/WCAG22/"


@dataclass(frozen=True)
class Criterion:
    number: str  # "1.4.3"
    level: str  # A, AA or AAA
    since: str  # the WCAG version that added it
    slug: str  # its anchor in WCAG 2.2
    titles: Mapping[str, str]  # by language
    gbt_37668: Mapping[str, Any] | None  # {topic, uncertain}; None: no counterpart
    miit: tuple[str, ...]  # keys of StandardsMap.miit
    rules: tuple[str, ...]  # "axe:color-contrast", "guidekit:reflow"

    @property
    def themes(self) -> tuple[str, ...]:
        """The themes whose pages aim at this criterion: AAA is the silver theme's own target."""
        return tuple(theme.name for theme in THEMES if theme.aims_at(self.level))

    @property
    def url(self) -> str:
        return WCAG_URL + "#" + self.slug

    def title(self, lang: str) -> str:
        return self.titles[best_language(lang)]


@dataclass(frozen=True)
class GateDecision:
    """Why the gate's rules alone decide a criterion on the pages of ``themes``."""

    themes: tuple[str, ...]
    rules: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class StandardsMap:
    criteria: tuple[Criterion, ...]  # in WCAG order
    miit: Mapping[str, Mapping[str, Any]]  # topic key -> {zh-Hans, zh-Hant, uncertain}
    other_rules: Mapping[str, str]  # rules that test no criterion -> why they run
    decided: Mapping[str, GateDecision]  # criterion number -> decision
    sources: Mapping[str, Mapping[str, str]]

    def criterion(self, number: str) -> Criterion | None:
        return next((criterion for criterion in self.criteria if criterion.number == number), None)

    def criteria_of_rule(self, pattern: str) -> tuple[Criterion, ...]:
        """The criteria a rule tests; ``pattern`` may hold * and ? as a waiver's rule does."""
        return tuple(
            criterion
            for criterion in self.criteria
            if any(fnmatchcase(rule, pattern) for rule in criterion.rules)
        )

    def mapped_rules(self) -> frozenset[str]:
        return frozenset(
            rule for criterion in self.criteria for rule in criterion.rules
        ) | frozenset(self.other_rules)

    def gate_decides(self, criterion: Criterion, theme: str) -> bool:
        decision = self.decided.get(criterion.number)
        return decision is not None and theme in decision.themes


def _data(name: str) -> Any:
    return load_yaml(resources.files("guidekit.conformance").joinpath(name).read_text("utf-8"))


@cache
def standards_map() -> StandardsMap:
    data = _data("standards_map.yml")
    criteria = tuple(
        Criterion(
            number=str(number),
            level=entry["level"],
            since=str(entry["since"]),
            slug=entry["slug"],
            titles=MappingProxyType(dict(entry["title"])),
            gbt_37668=MappingProxyType(dict(entry["gbt_37668"])) if entry["gbt_37668"] else None,
            miit=tuple(entry["miit"]),
            rules=tuple(entry["rules"]),
        )
        for number, entry in data["criteria"].items()
    )
    decided = {
        str(number): GateDecision(
            tuple(entry["themes"]), tuple(entry["rules"]), " ".join(entry["reason"].split())
        )
        for number, entry in _data("gate_decides.yml").items()
    }
    return StandardsMap(
        criteria,
        MappingProxyType({key: MappingProxyType(value) for key, value in data["miit"].items()}),
        MappingProxyType(dict(data["other_rules"])),
        MappingProxyType(decided),
        MappingProxyType(data["sources"]),
    )
