"""Every page with what it loads fits the site's budget (14 KB gzipped by default), or the build is
refused."""

from __future__ import annotations

import random

from guidekit.build import build

from .conftest import REPO, guide, write_site


def test_every_sample_page_fits_in_the_first_round_trip(tmp_path):
    result = build(REPO / "guides", tmp_path / "site", check=False)
    assert result.published and result.heaviest
    assert max(weight.kilobytes for weight in result.heaviest) <= 14
    assert all(
        weight.total_gzip > weight.html_gzip for weight in result.heaviest
    )  # the CSS counts too


def test_a_page_over_the_budget_is_refused_naming_its_guide(tmp_path):
    rng = random.Random(7)
    # text that gzip cannot shrink much: random common characters, in short sentences
    sentences = [
        "".join(
            rng.choice(
                "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
            )
            for _ in range(15)
        )
        + "。"
        for _ in range(1500)
    ]
    source = write_site(
        tmp_path / "guides",
        {"zh-Hans/long.md": guide("\n\n".join(sentences) + "\n"), "zh-Hans/short.md": guide()},
    )
    result = build(source, tmp_path / "site", check=False)
    over = [f for f in result.findings if f.rule == "guidekit:page-weight"]
    assert {(f.file, f.theme) for f in over} == {
        ("zh-Hans/long.md", "standard"),
        ("zh-Hans/long.md", "silver"),
    }
    assert all(f.blocking and "14 KB" in f.message for f in over)
    assert not result.published and not (tmp_path / "site").exists()


def test_the_budget_is_set_per_site(tmp_path):
    source = write_site(
        tmp_path / "guides",
        {"guidekit.toml": "gallery = false\n[budgets]\npage_kb = 1\n", "zh-Hans/a.md": guide()},
    )
    result = build(source, tmp_path / "site", check=False)
    assert {f.page for f in result.findings if f.rule == "guidekit:page-weight"} >= {
        "zh-Hans/a.html",
        "silver/zh-Hans/a.html",
    }
    assert not result.published
