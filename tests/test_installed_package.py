"""guidekit as its users have it: a wheel built from this checkout, installed into a new virtual
environment with bytecode writing on, and run in an empty folder that no repository or
node_modules sits above. Nothing here imports the checkout's guidekit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from guidekit.gate.cache import ruleset
from guidekit.output import cache_keys

from .conftest import REPO

TIMEOUT = 600
GUIDE = (
    "---\ntitle: Get a card\nsummary: Bring your ID.\nlang: en\n---\n\nTake your ID card to "
    "the office.\n"
)
# What the wheel must never carry: the project's tests and fixtures, npm's folder, caches, bytecode.
NOT_SHIPPED = re.compile(
    r"(^|/)(tests|a11y_tests|fixtures|node_modules|\.guidekit-cache|__pycache__)/|\.pyc$"
)
# Warnings setuptools prints about a project's own packaging (license tables, unlisted packages,
# ...).
PACKAGING_WARNING = re.compile(
    r"SetuptoolsDeprecationWarning|SetuptoolsWarning|absent from the `packages`|"
    r"_DeprecatedConfig|deprecated",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    sdist: Path
    build_log: str
    install_log: str
    bin: Path  # the new environment's scripts folder
    home: Path  # an empty folder to work in

    def run(
        self,
        *arguments: str | Path,
        cwd: Path | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        program = arguments[0] if Path(arguments[0]).is_absolute() else self.bin / str(arguments[0])
        return subprocess.run(
            [str(program), *map(str, arguments[1:])],
            cwd=cwd or self.home,
            env=user_env(extra_env),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )


def user_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a user who installed guidekit: bytecode on, no checkout overrides."""
    unset = {"PYTHONDONTWRITEBYTECODE", "GUIDEKIT_AXE_CORE", "PYTHONPATH", "VIRTUAL_ENV"}
    return {
        **{key: value for key, value in os.environ.items() if key not in unset},
        "COLUMNS": "300",
        **(extra or {}),
    }


def as_user(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` run as a user of guidekit runs it; it must succeed."""
    done = subprocess.run(
        command,
        cwd=cwd,
        env=user_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def tracked_copy(target: Path) -> Path:
    """The checkout as git would hand it over: tracked files and new ones git does not ignore."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    root = tmp_path_factory.mktemp("installed")
    assert not any((folder / "node_modules").exists() for folder in (root, *root.parents))
    source, dist = tracked_copy(root / "source"), root / "dist"
    built = as_user(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(dist), str(source)]
    )
    environment = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True, timeout=TIMEOUT)
    wheel = next(dist.glob("guidekit-*.whl"))
    install = as_user(
        [
            str(environment / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-c",
            str(REPO / "constraints.txt"),
            str(wheel),
        ]
    )
    home = root / "work"
    home.mkdir()
    return Installed(
        wheel,
        next(dist.glob("guidekit-*.tar.gz")),
        built.stdout + built.stderr,
        install.stdout + install.stderr,
        environment / "bin",
        home,
    )


def test_the_wheel_carries_axe_core_and_nothing_of_the_repository(installed):
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert not [name for name in names if NOT_SHIPPED.search(name)]
    packaged = {
        "builder": "guidekit",
        "components": "guidekit/components",
        "themes": "guidekit/themes",
    }
    tracked = subprocess.run(
        ["git", "ls-files", *packaged], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    missing = [
        name
        for name in tracked
        if "{}/{}".format(packaged[name.split("/")[0]], name.split("/", 1)[1]) not in names
    ]
    assert (
        tracked and not missing
    )  # every script, template, catalogue and data file the package reads
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))["packages"][
        "node_modules/axe-core"
    ]
    with zipfile.ZipFile(installed.wheel) as wheel:
        shipped = json.loads(wheel.read("guidekit/axe_core/package.json"))
        assert shipped["version"] == lock["version"]
        assert "Mozilla Public License" in wheel.read("guidekit/axe_core/LICENSE").decode()
        for name in ("axe.min.js", "locales/zh_CN.json", "locales/zh_TW.json"):
            assert wheel.getinfo(f"guidekit/axe_core/{name}").file_size > 0
    with tarfile.open(installed.sdist) as sdist:
        assert any(name.endswith("builder/axe_core/axe.min.js") for name in sdist.getnames())
    print(
        f"\nwheel {installed.wheel.name}: {installed.wheel.stat().st_size / 1024:.0f} KB, "
        f"sdist: {installed.sdist.stat().st_size / 1024:.0f} KB"
    )


def test_building_and_installing_print_no_packaging_warning(installed):
    warnings = [
        line
        for line in (installed.build_log + installed.install_log).splitlines()
        if PACKAGING_WARNING.search(line)
    ]
    assert not warnings


def test_the_installed_package_runs_from_the_environment_with_bytecode(installed):
    where = installed.run(
        "python",
        "-c",
        "import guidekit, guidekit.gate.axe as axe; print(guidekit.__file__); "
        "print(axe.axe_directory())",
    )
    package_file, axe_folder = where.stdout.split()
    assert Path(package_file).is_relative_to(installed.bin.parent) and Path(
        axe_folder
    ).is_relative_to(installed.bin.parent)
    assert (
        Path(package_file).parent / "__pycache__"
    ).is_dir()  # what a normal install has, and what once crashed builds


def test_an_install_keys_its_caches_as_the_checkout_does(installed):
    """Bytecode and the files an installer adds change no key: results cached by one install hold
    for another."""
    keys = installed.run(
        "python",
        "-c",
        "from guidekit.output import cache_keys; from guidekit.gate import cache; "
        "print(cache_keys.code_key(), cache.ruleset())",
    )
    assert keys.stdout.split() == [cache_keys.code_key(), ruleset()], keys.stderr


def test_build_with_the_gate_then_rebuild_after_an_edit(installed):
    # two of the sample's languages, one guide each, without the gallery: every stage and the
    # whole gate in a third of the sample's pages (a11y_tests/test_gate.py checks them all)
    guides = installed.home / "my-guides"
    shutil.copytree(REPO / "guides", guides, ignore=shutil.ignore_patterns(".guidekit-cache"))
    shutil.rmtree(guides / "zh-Hans")
    settings = guides / "guidekit.toml"
    settings.write_text(
        settings.read_text("utf-8").replace("gallery = true", "gallery = false"), "utf-8"
    )
    site = installed.home / "public"
    first = installed.run("guidekit", "build", guides, "--out", site, "--jobs", "2")
    assert first.returncode == 0, first.stderr[-3000:]
    manifest = json.loads((site / "guidekit-manifest.json").read_text("utf-8"))
    assert manifest["checked"] is True
    assert {page["source"] for page in manifest["pages"] if page["source"]} == {
        "en/personal-credit-report.md",
        "zh-Hant/personal-credit-report.md",
    }
    guide = next(guides.glob("en/*.md"))
    guide.write_text(
        guide.read_text("utf-8").replace("\n\n", "\n\nUpdated for this test.\n\n", 1), "utf-8"
    )
    second = installed.run(
        "guidekit", "build", guides, "--out", site, "--jobs", "2", "--format", "json"
    )
    assert second.returncode == 0, second.stderr[-3000:]
    report = json.loads(second.stdout)
    assert report["ok"] and report["checked"] and 0 < report["browser_pages"] < report["pages"]
    assert "Updated for this test." in (site / "en" / guide.with_suffix(".html").name).read_text(
        "utf-8"
    )


def test_init_new_lint_and_check_in_an_empty_folder(installed):
    created = installed.run("guidekit", "init", "demo")
    assert created.returncode == 0, created.stderr
    added = installed.run("guidekit", "new", "申领居住证", "--source", "demo/guides")
    assert added.returncode == 0, added.stderr
    assert any(
        "申领居住证" in path.read_text("utf-8")
        for path in (installed.home / "demo" / "guides").rglob("*.md")
    )
    linted = installed.run("guidekit", "lint", "demo/guides")
    assert "Traceback" not in linted.stderr + linted.stdout
    pages = installed.home / "pages"
    shutil.copytree(REPO / "a11y_tests" / "fixtures" / "plain-site" / "clean", pages)
    checked = installed.run("guidekit", "check", pages, "--no-cache")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_serve_answers_on_loopback(installed):
    guides = installed.home / "served-guides"
    (guides / "en").mkdir(parents=True)
    (guides / "en" / "card.md").write_text(GUIDE, "utf-8")
    process = subprocess.Popen(
        [str(installed.bin / "guidekit"), "serve", str(guides), "--port", "0"],
        cwd=installed.home,
        env=user_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = (process.stdout.readline() for _ in range(2000))
        url = next(
            match.group(0)
            for line in lines
            if (match := re.search(r"http://127\.0\.0\.1:\d+/", line))
        )
        with urllib.request.urlopen(url + "en/card.html", timeout=30) as response:
            assert response.status == 200 and b"Take your ID card" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors


def test_components_and_their_assets_from_the_installed_package(installed):
    program = """
import jinja2, guidekit.jinja
env = guidekit.jinja.install(jinja2.Environment())
page = env.from_string(
    '<head>{{ guidekit_assets("/static/guidekit", "silver") }}</head>'
    '{{ component("warning", {"content": "不要把密码告诉别人。", "lang": "zh-Hans"}) }}'
    '{{ component("steps", {"steps": ["填表", "交材料"], "lang": "zh-Hans"}) }}')
print(page.render())
print(*[path.name for path in guidekit.jinja.write_assets("static/guidekit")])
"""
    rendered = installed.run("python", "-c", program)
    assert rendered.returncode == 0, rendered.stderr
    assert "不要把密码告诉别人。" in rendered.stdout and "交材料" in rendered.stdout
    assert 'href="/static/guidekit/guidekit-silver.css"' in rendered.stdout
    assets = installed.home / "static" / "guidekit"
    assert "guidekit-silver.css guidekit-standard.css guidekit.js" in " ".join(
        sorted(rendered.stdout.split())
    )
    assert (assets / "guidekit-silver.css").stat().st_size > 1000 and (
        assets / "guidekit.js"
    ).is_file()


def test_a_missing_browser_is_one_clear_sentence(installed):
    guides = installed.home / "small"
    (guides / "en").mkdir(parents=True)
    (guides / "en" / "card.md").write_text(GUIDE, "utf-8")
    missing = installed.home / "no-such-browser"
    outcome = installed.run(
        "guidekit",
        "build",
        guides,
        "--out",
        installed.home / "small-site",
        extra_env={"GUIDEKIT_CHROMIUM": str(missing)},
    )
    assert outcome.returncode == 1
    assert (
        "Traceback" not in outcome.stderr
        and "GUIDEKIT_CHROMIUM" in outcome.stderr
        and str(missing) in outcome.stderr
    )
    assert not (installed.home / "small-site").exists()


def test_the_pytest_plugin_in_a_project_of_its_own(installed):
    """A developer's own suite: guidekit installed as a package gives it the a11y fixture, nothing
    else to set up."""
    added = installed.run(
        "python",
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
        "-c",
        REPO / "constraints.txt",
        "pytest",
    )
    assert added.returncode == 0, added.stderr
    project = installed.home / "my-app"
    project.mkdir()
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
        "content='width=device-width'>"
        "<title>Card</title></head><body><main><h1>Card</h1><p>Bring your ID "
        "card.</p>{}</main></body></html>"
    )
    broken = page.format(
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><div style='width:900px'>Wide</div>"
    )
    (project / "test_pages.py").write_text(
        f"def test_broken_page(a11y):\n    a11y.check({broken!r})\n\n"
        f"def test_accessible_page(a11y):\n    a11y.check({page.format('')!r})\n",
        "utf-8",
    )
    outcome = installed.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert "1 failed, 1 passed" in outcome.stdout, outcome.stdout[-3000:]
    assert (
        "image-alt" in outcome.stdout
        and "guidekit:reflow" in outcome.stdout
        and "Traceback" not in outcome.stdout
    )


def test_a_wheel_built_in_the_checkout_carries_no_file_of_an_earlier_build(tmp_path):
    """``pip install .`` builds in the checkout's ``build/``, and setuptools packs whatever an
    earlier build left in ``build/lib``: a module since removed rode along in the next wheel."""
    source = tracked_copy(tmp_path / "source")
    left_behind = source / "build" / "lib" / "guidekit" / "left_behind.py"
    left_behind.parent.mkdir(parents=True)
    left_behind.write_text("REMOVED_LONG_AGO = True\n", "utf-8")
    as_user(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), "."],
        cwd=source,
    )
    names = zipfile.ZipFile(next(tmp_path.glob("guidekit-*.whl"))).namelist()
    assert "guidekit/build.py" in names and "guidekit/axe_core/axe.min.js" in names
    assert "guidekit/left_behind.py" not in names
