"""The gate against the seeded-defect catalogue (a11y_tests/seeded_defects/): every kind of failure
the README says the gate catches must be caught on the real built page it was seeded into, the
unchanged pages must draw none of those rules, and the README must list every kind the gate
misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_tests.seeded_defects.catalogue import check_seeded, recall_table, seed_site

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    site, defects = seed_site(tmp_path_factory.mktemp("seeded") / "site")
    outcomes, clean = check_seeded(site, defects)
    print(recall_table(outcomes))
    return outcomes, clean


def test_the_catalogue_holds_at_least_30_kinds_each_on_a_built_page(outcomes):
    found, _ = outcomes
    assert len({outcome.defect.kind for outcome in found}) == len(found) >= 30


def test_every_kind_the_readme_claims_is_caught(outcomes):
    found, _ = outcomes
    missed = {
        outcome.defect.kind: sorted(outcome.rules)
        for outcome in found
        if outcome.defect.automated and not outcome.caught
    }
    assert missed == {}


def test_the_unchanged_pages_draw_none_of_the_rules_that_count_as_a_catch(outcomes):
    found, clean = outcomes
    prefixes = {prefix for outcome in found for prefix in outcome.defect.caught_by}
    assert {
        page: sorted(rule for rule in rules if rule.startswith(tuple(prefixes)))
        for page, rules in clean.items()
        if rules
    } == {}


def test_the_readme_lists_every_kind_not_caught_and_the_recall(outcomes):
    found, _ = outcomes
    text = README.read_text("utf-8")
    assert [
        outcome.defect.kind
        for outcome in found
        if not outcome.caught and f"`{outcome.defect.kind}`" not in text
    ] == []
    assert not [
        outcome.defect.kind for outcome in found if not outcome.defect.automated and outcome.caught
    ], "caught now: claim it"
    caught = sum(outcome.caught for outcome in found)
    assert f"{caught} of {len(found)} kinds" in text
