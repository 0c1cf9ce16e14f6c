"""Reshaping the code changes no byte of what it builds: the sample site and a 200-guide generated
corpus, built with ``--no-check`` on a fixed day, hash to the digests committed beside this test.

When a change to the output is meant, write the digests again and commit them with it:

    GUIDEKIT_WRITE_DIGESTS=1 .venv/bin/python -m pytest tests/test_output_identical.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from bench.corpus import generate
from guidekit.build import build
from guidekit.output.stage import MANIFEST

from .conftest import REPO

DIGESTS = Path(__file__).parent / "data" / "output_digests.json"
TODAY = dt.date(2026, 3, 1)  # review dates are judged against it, and the statement shows it
CORPUS_GUIDES = 200


def _digests(out: Path) -> dict[str, str]:
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(_compared(path, out)).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def _compared(path: Path, out: Path) -> bytes:
    """The file's bytes; the manifest's without its token, which names the build's inputs by a
    hash of the cache keys (SOURCE's absolute path among them), not the site's content. The
    manifest has no timestamp field."""
    if path != out / MANIFEST:
        return path.read_bytes()
    manifest = json.loads(path.read_bytes())
    del manifest["token"]
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()


def _built(source: Path, out: Path) -> dict[str, str]:
    result = build(source, out, check=False, cache=False, today=TODAY)
    assert result.published, [finding.message for finding in result.findings if finding.blocking]
    return _digests(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, str]]:
    root = tmp_path_factory.mktemp("identical")
    corpus = generate(root / "corpus", CORPUS_GUIDES)
    found = {
        "sample": _built(REPO / "guides", root / "sample-site"),
        f"corpus-{CORPUS_GUIDES}": _built(corpus.guidekit_source, root / "corpus-site"),
    }
    if os.environ.get("GUIDEKIT_WRITE_DIGESTS"):
        DIGESTS.parent.mkdir(exist_ok=True)
        DIGESTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", "utf-8")
    return found


@pytest.mark.parametrize("site", ["sample", f"corpus-{CORPUS_GUIDES}"])
def test_the_build_makes_the_same_bytes_as_when_the_digests_were_written(built, site):
    expected = json.loads(DIGESTS.read_text("utf-8"))[site]
    found = built[site]
    assert sorted(found.keys() - expected.keys()) == [], "files the digests do not know"
    assert sorted(expected.keys() - found.keys()) == [], "files no longer made"
    changed = sorted(path for path in found if found[path] != expected[path])
    assert changed == [], "files whose bytes changed (see this test's docstring if meant)"
    assert len(found) > 50
