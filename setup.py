"""The one packaging step pyproject.toml cannot say: axe-core rides inside the wheel and the sdist.

The gate's rule engine is the npm package axe-core at the version and integrity that
package-lock.json pins. Building a wheel or an sdist fetches that exact tarball with ``npm pack``
(from npm's cache when ``npm ci`` has run), checks its integrity hash against the lock file, and
copies the files the gate uses into the package as ``guidekit/axe_core/``. The repository keeps no
copy. An sdist carries the files it was made with, so a wheel built from it needs no npm.
An editable install reads ``node_modules/axe-core`` instead (see guidekit.gate.axe).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
BUNDLE = "axe_core"  # the folder inside the guidekit package
PACKAGED_FILES = (
    "axe.min.js",
    "locales/zh_CN.json",
    "locales/zh_TW.json",
    "LICENSE",
    "LICENSE-3RD-PARTY.txt",
    "package.json",
)


def packages() -> list[str]:
    """The guidekit package and every folder below its three roots: code, and folders of templates
    and data."""
    roots = {
        "guidekit": HERE / "builder",
        "guidekit.components": HERE / "components",
        "guidekit.themes": HERE / "themes",
    }
    found = set(roots)
    for name, root in roots.items():
        for folder in root.rglob("*"):
            parts = folder.relative_to(root).parts
            if folder.is_dir() and not any(part.startswith((".", "__")) for part in parts):
                found.add(".".join((name, *parts)))
    return sorted(found)


class AxeCoreUnavailable(SystemExit):
    pass


def pinned_axe_core() -> tuple[str, str]:
    lock = json.loads((HERE / "package-lock.json").read_text("utf-8"))
    entry = lock["packages"]["node_modules/axe-core"]
    return entry["version"], entry["integrity"]


def copy_pinned_axe_core(target: Path) -> None:
    """The pinned axe-core tarball, integrity checked, unpacked into ``target`` (only the files the
    gate uses)."""
    version, integrity = pinned_axe_core()
    npm = shutil.which("npm")
    if npm is None:
        raise AxeCoreUnavailable(
            f"Building guidekit needs npm to fetch axe-core {version} (Debian: apt-get install "
            f"npm)."
        )
    with tempfile.TemporaryDirectory() as scratch:
        packed = subprocess.run(
            [
                npm,
                "pack",
                f"axe-core@{version}",
                "--pack-destination",
                scratch,
                "--prefer-offline",
                "--silent",
            ],
            cwd=scratch,
            capture_output=True,
            text=True,
            check=False,
        )
        tarballs = list(Path(scratch).glob("axe-core-*.tgz"))
        if packed.returncode != 0 or len(tarballs) != 1:
            raise AxeCoreUnavailable(f"npm pack axe-core@{version} failed: {packed.stderr.strip()}")
        algorithm, expected = integrity.split("-", 1)
        actual = base64.b64encode(
            hashlib.new(algorithm, tarballs[0].read_bytes()).digest()
        ).decode()
        if actual != expected:
            raise AxeCoreUnavailable(
                f"axe-core {version}: the tarball's {algorithm} is not the one in package-lock.json"
            )
        with tarfile.open(tarballs[0]) as archive:
            for name in PACKAGED_FILES:
                source = archive.extractfile(f"package/{name}")
                if source is None:
                    raise AxeCoreUnavailable(f"axe-core {version} has no {name}")
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(source.read())


class BuildPyWithAxeCore(build_py):
    def run(self) -> None:
        if not self.editable_mode:
            # setuptools packs all of build/lib: what an earlier in-tree build (pip install .)
            # left there, a module removed since, would ride along
            shutil.rmtree(Path(self.build_lib, "guidekit"), ignore_errors=True)
        super().run()
        if self.editable_mode:
            return  # an editable checkout reads node_modules/axe-core
        target = Path(self.build_lib, "guidekit", BUNDLE)
        shipped = HERE / "builder" / BUNDLE  # present in an sdist only
        if (shipped / "axe.min.js").is_file():
            shutil.copytree(shipped, target, dirs_exist_ok=True)
        else:
            copy_pinned_axe_core(target)


class SdistWithAxeCore(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_pinned_axe_core(Path(base_dir, "builder", BUNDLE))


setup(packages=packages(), cmdclass={"build_py": BuildPyWithAxeCore, "sdist": SdistWithAxeCore})
