"""The gallery goes through the accessibility gate like any page: a site with it is published."""

from __future__ import annotations

import json

from guidekit.build import build
from guidekit.component_registry import registry
from guidekit.output.stage import MANIFEST


def test_the_gallery_passes_the_gate_in_both_themes(tmp_path):
    source = tmp_path / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text("gallery = true\n", "utf-8")
    (source / "card.md").write_text(
        "---\ntitle: 申领社保卡\nsummary: 带身份证去办。\nlang: zh-Hans\n---\n\n正文。\n", "utf-8"
    )
    result = build(source, tmp_path / "site", jobs=2)
    # The linter's advice on this tiny guide (no review dates, 社保) is not the gallery's business.
    assert [
        f"{finding.location()}: {finding.message}"
        for finding in result.findings
        if finding.blocking
    ] == []
    assert result.published and result.checked
    manifest = json.loads((tmp_path / "site" / MANIFEST).read_text("utf-8"))
    gallery = [
        page["page"]
        for page in manifest["pages"]
        if page["page"].removeprefix("silver/").startswith("components/")
    ]
    assert len(gallery) == 2 * (
        1 + len(registry())
    )  # per theme: the gallery index and a page per component
