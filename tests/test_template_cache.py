"""Templates compiled by one process are read back by the next (Jinja's bytecode cache), and a
folder the cache cannot use costs a compile, never a build."""

from __future__ import annotations

import os
import tempfile

from guidekit.build import build
from guidekit.package_files import forget_package_files
from guidekit.templates import environment

from .conftest import REPO


def test_a_compiled_template_is_kept_for_the_next_process(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    forget_package_files()
    try:
        cache = environment().bytecode_cache
        assert cache is not None
        environment().get_template("base/accessibility.html.j2")
        kept = [name for folder, _, names in os.walk(tmp_path) for name in names]
        assert kept and all(name.startswith("guidekit-") for name in kept)
    finally:
        monkeypatch.undo()
        forget_package_files()


def test_a_template_cache_folder_that_cannot_be_made_is_no_failed_build(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    forget_package_files()
    try:
        assert environment().bytecode_cache is None
        assert build(REPO / "guides", tmp_path / "site", check=False, cache=False).published
    finally:
        monkeypatch.undo()
        forget_package_files()
