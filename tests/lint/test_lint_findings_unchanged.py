"""Making the linter faster must not change a single finding: every finding of three corpora (the
sample site, 50 plain and 50 officialese guides from bench/corpus.py) is compared with a digest
recorded from the linter before it was sped up (findings_digest.json).

A change that means to alter findings records the digests again, and says why in its commit:

    .venv/bin/python tests/lint/test_lint_findings_unchanged.py --record
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from guidekit.guide.checks import check_site
from guidekit.source.config import load_config
from guidekit.source.load import load_guides

REPO_ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("findings_digest.json")
TODAY_OF_RECORD = "2026-11-28"  # review dates are judged against a fixed day
CORPORA = ("sample-site", "plain-50", "officialese-50")


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO_ROOT / "bench/corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _source(name: str, folder: Path) -> Path:
    if name == "sample-site":
        shutil.copytree(REPO_ROOT / "guides", folder / "guides")
        return folder / "guides"
    kind, count = name.rsplit("-", 1)
    return _corpus_module().generate(folder, int(count), kind=kind).guidekit_source


def findings_record(name: str, folder: Path) -> dict[str, object]:
    """How many findings each rule gave, and a digest of every finding's rule, place, level,
    message and suggestion."""
    source = _source(name, folder)
    config, _ = load_config(source)
    loaded = load_guides(source, config.default_lang)
    report = check_site(
        source, loaded, config.lint, config.default_lang, dt.date.fromisoformat(TODAY_OF_RECORD)
    )
    rows = sorted(
        json.dumps(
            [f.rule, f.file, f.line, f.severity.value, f.message, f.suggestion], ensure_ascii=False
        )
        for f in report.findings
    )
    digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
    summaries = json.dumps([summary.to_json() for summary in report.summaries], sort_keys=True)
    return {
        "findings": len(rows),
        "by_rule": dict(sorted(Counter(f.rule for f in report.findings).items())),
        "sha256": digest,
        "summaries_sha256": hashlib.sha256(summaries.encode("utf-8")).hexdigest(),
    }


@pytest.mark.parametrize("name", CORPORA)
def test_findings_are_those_recorded(name: str, tmp_path: Path) -> None:
    recorded = json.loads(DIGESTS.read_text("utf-8"))[name]
    found = findings_record(name, tmp_path)
    # counts first: when they differ, the failure shows which rule moved
    assert found["by_rule"] == recorded["by_rule"]
    assert found == recorded


def test_the_officialese_corpus_gives_the_linter_work(tmp_path: Path) -> None:
    """The corpus is worth guarding only if most rules fire on it, many times."""
    by_rule = json.loads(DIGESTS.read_text("utf-8"))["officialese-50"]["by_rule"]
    assert sum(by_rule.values()) > 5000
    assert len(by_rule) >= 15


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        records = {name: findings_record(name, Path(work, name)) for name in CORPORA}
    DIGESTS.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", "utf-8")
