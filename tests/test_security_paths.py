"""Paths: nothing outside the guides folder reaches the site, odd file names work, and no two
guides (nor a guide and a page guidekit makes) can end up at one address."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from click.testing import CliRunner

from guidekit.build import BuildResult, build
from guidekit.cli import main
from guidekit.output.publish import UnsafeOutput
from guidekit.output.stage import MANIFEST, OutsideTheSite, stage_site
from guidekit.pages import Page
from guidekit.site_paths import file_named_by

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def guide(title: str, body: str = "", lang: str = "en") -> str:
    return f"---\ntitle: {title}\nsummary: A guide for testing.\nlang: {lang}\n---\n{body}\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def located(result: BuildResult) -> list[tuple[str, str | None, int | None]]:
    return sorted(
        (finding.rule, finding.file, finding.line)
        for finding in result.findings
        if finding.blocking
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    (tmp_path / "guides").mkdir()
    write(
        tmp_path,
        {"secret.pdf": b"%PDF top secret", "secret.png": PNG, "outside.md": guide("Outside")},
    )
    return tmp_path / "guides"


def assert_nothing_published(tmp_path: Path) -> None:
    assert not (tmp_path / "site").exists()
    assert not any(tmp_path.glob(".site.staging*"))


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("![door](../../secret.png)", "link-path-outside"),
        ("![door](../../../../../../../etc/passwd)", "link-path-outside"),
        ("[form](../../secret.pdf)", "link-path-outside"),
        ("[form](%2e%2e/%2E%2E/secret.pdf)", "link-path-outside"),
        ("[form](images/../../../secret.pdf)", "link-path-outside"),
        ("![door](/etc/passwd)", "link-path-outside"),
        ("[form](</tmp/secret.pdf>)", "link-path-outside"),
        ("[form](file:///etc/passwd)", "markdown-unsafe-link"),
        ("![door](https://example.gov.cn/door.png)", "link-image-not-local"),
        ("![door](//tracker.example/pixel.png)", "link-image-not-local"),
    ],
)
def test_a_path_leaving_the_guides_folder_is_refused_with_its_line(
    source: Path, tmp_path: Path, body: str, rule: str
) -> None:
    write(source, {"en/guide.md": guide("Guide", f"Intro.\n\n{body}")})
    result = build(source, tmp_path / "site", check=False)
    assert located(result) == [(rule, "en/guide.md", 8)]
    assert_nothing_published(tmp_path)


def test_symbolic_links_out_of_the_guides_folder_are_refused(source: Path, tmp_path: Path) -> None:
    (source / "images").mkdir()
    (source / "images" / "door.png").symlink_to(tmp_path / "secret.png")
    (source / "borrowed").symlink_to(tmp_path, target_is_directory=True)
    (source / "linked.md").symlink_to(tmp_path / "outside.md")
    write(
        source,
        {"guide.md": guide("Guide", "![door](images/door.png)\n\n[form](borrowed/secret.pdf)")},
    )
    result = build(source, tmp_path / "site", check=False)
    assert located(result) == [
        ("content-guide-outside", "linked.md", 1),
        ("link-path-outside", "guide.md", 6),
        ("link-path-outside", "guide.md", 8),
    ]
    assert_nothing_published(tmp_path)


def test_a_guide_that_is_no_file_to_read_is_refused_not_left_out(
    source: Path, tmp_path: Path
) -> None:
    """An outside fuzzing run: a link to a guide that was deleted, and a named pipe, were left out
    of the site without a word."""
    write(source, {"guide.md": guide("Guide", "Intro.")})
    (source / "gone.md").symlink_to(source / "deleted.md")
    os.mkfifo(source / "pipe.md")
    result = build(source, tmp_path / "site", check=False)
    assert located(result) == [
        ("content-guide-not-a-file", "gone.md", 1),
        ("content-guide-not-a-file", "pipe.md", 1),
    ]
    assert_nothing_published(tmp_path)


def test_a_symbolic_link_inside_the_guides_folder_is_published_as_a_plain_file(
    source: Path, tmp_path: Path
) -> None:
    write(
        source, {"images/door.png": PNG, "guide.md": guide("Guide", "![door](pictures/door.png)")}
    )
    (source / "pictures").mkdir()
    (source / "pictures" / "door.png").symlink_to(source / "images" / "door.png")
    result = build(source, tmp_path / "site", check=False)
    assert result.published, result.findings
    published = tmp_path / "site" / "pictures" / "door.png"
    assert not published.is_symlink() and published.read_bytes() == PNG


@pytest.mark.parametrize(
    ("body", "files"),
    [
        ("[the form](form.html)", {"form.html": "<script>alert(1)</script>"}),
        (
            "![logo](logo.svg)",
            {"logo.svg": "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"},
        ),
        ("[script](tool.js)", {"tool.js": "alert(1)"}),
        ("[settings](guidekit.toml)", {}),
    ],
)
def test_only_harmless_file_types_are_published_beside_pages(
    source: Path, tmp_path: Path, body: str, files: dict[str, str]
) -> None:
    write(source, {**files, "guide.md": guide("Guide", body)})
    result = build(source, tmp_path / "site", check=False)
    assert located(result) == [("link-file-type", "guide.md", 6)]
    assert_nothing_published(tmp_path)


def site_links(site: Path) -> dict[str, list[str]]:
    """Every relative href and src of every page, as the browser would resolve it against the
    site."""
    links: dict[str, list[str]] = {}
    for page in site.rglob("*.html"):
        document = html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False)
        for element in document.iter():
            for name in ("href", "src"):
                url = urlsplit(element.get(name) or "")
                if element.get(name) and not url.scheme and url.path:
                    # a path from the root (the 404 page's, shown at any address) starts from the
                    # site's root
                    folder = site if url.path.startswith("/") else page.parent
                    target = (
                        (folder / unquote(url.path).lstrip("/"))
                        .resolve()
                        .relative_to(site.resolve())
                        .as_posix()
                    )
                    links.setdefault(page.relative_to(site).as_posix(), []).append(target)
    return links


def test_file_names_with_spaces_chinese_characters_and_mixed_case_work(
    source: Path, tmp_path: Path
) -> None:
    write(
        source,
        {
            "zh-Hans/办理 社保卡.md": guide(
                "办理社保卡",
                "看[英文版](<../en/Mixed Case Guide.md#fees>)。\n\n![门口](<图片/社保 中心.PNG>)",
                "zh-Hans",
            ),
            "zh-Hans/图片/社保 中心.PNG": PNG,
            "en/Mixed Case Guide.md": guide(
                "Mixed",
                "## Fees\n\nSee [the Chinese "
                "guide](../zh-Hans/%E5%8A%9E%E7%90%86%20%E7%A4%BE%E4%BF%9D%E5%8D%A1.md).",
            ),
            "en/#hash?.md": guide("Odd name", "[back](%23hash%3F.md)"),
        },
    )
    result = build(source, tmp_path / "site", check=False)
    assert result.published, result.findings
    site = tmp_path / "site"
    for page in (
        "zh-Hans/办理 社保卡.html",
        "silver/zh-Hans/办理 社保卡.html",
        "en/Mixed Case Guide.html",
        "en/#hash?.html",
        "zh-Hans/图片/社保 中心.PNG",
    ):
        assert (site / page).is_file(), page
    links = site_links(site)
    assert {"en/Mixed Case Guide.html", "zh-Hans/图片/社保 中心.PNG"} <= set(
        links["zh-Hans/办理 社保卡.html"]
    )
    assert "silver/zh-Hans/办理 社保卡.html" in links["silver/en/Mixed Case Guide.html"]
    assert "en/#hash?.html" in links["index.html"]
    broken = {
        page: target
        for page, targets in links.items()
        for target in targets
        if not (site / target).is_file()
    }
    assert broken == {}


@pytest.mark.parametrize(
    ("names", "rule", "mentions"),
    [
        (["en/pension.md", "en/Pension.md"], "content-duplicate-page", "en/Pension.md"),
        (
            [
                unicodedata.normalize("NFC", "en/café.md"),
                unicodedata.normalize("NFD", "en/café.md"),
            ],
            "content-duplicate-page",
            None,
        ),
        (["pension.md", "silver/pension.md"], "content-duplicate-page", "pension.md"),
        (["index.md"], "content-reserved-page", "index.html"),
        (["Silver/INDEX.md"], "content-reserved-page", "Silver/INDEX.html"),
    ],
)
def test_two_guides_for_one_address_are_an_error_naming_both(
    source: Path, tmp_path: Path, names: list[str], rule: str, mentions: str | None
) -> None:
    write(source, {name: guide(f"Guide {index}") for index, name in enumerate(names)})
    result = build(source, tmp_path / "site", check=False)
    blocking = [finding for finding in result.findings if finding.blocking]
    assert [(finding.rule, finding.line) for finding in blocking] == [(rule, 1)]
    named = {blocking[0].file} | {name for name in names if name in blocking[0].message}
    assert named == set(names) or rule == "content-reserved-page"
    assert mentions is None or mentions in blocking[0].message
    assert_nothing_published(tmp_path)


def test_invisible_control_characters_are_located_to_the_column(
    source: Path, tmp_path: Path
) -> None:
    write(source, {"guide.md": guide("Guide", "First line.\n\nSecond\x0bline.")})
    result = build(source, tmp_path / "site", check=False)
    assert located(result) == [("content-invisible-character", "guide.md", 8)]
    assert "7" in result.findings[0].message and "U+000B" in result.findings[0].message


def test_publishing_never_replaces_a_folder_guidekit_did_not_build(
    source: Path, tmp_path: Path
) -> None:
    write(source, {"guide.md": guide("Guide")})
    documents = write(tmp_path / "documents", {"thesis.txt": "years of work"})
    with pytest.raises(UnsafeOutput):
        build(source, documents, check=False)
    with pytest.raises(UnsafeOutput):
        build(source, tmp_path, check=False)  # the folder that holds the guides
    assert (documents / "thesis.txt").read_text() == "years of work" and (
        source / "guide.md"
    ).is_file()

    runner = CliRunner()
    refused = runner.invoke(main, ["build", str(source), "--out", str(documents), "--no-check"])
    assert (
        refused.exit_code == 1
        and "documents" in refused.output
        and "Traceback" not in refused.output
    )

    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(source, empty, check=False).published
    assert build(source, empty, check=False).published  # now a guidekit site: it may be replaced
    assert (empty / MANIFEST).is_file()


def test_the_files_a_site_folder_should_not_hold_are_listed_in_the_sites_language(
    source: Path, tmp_path: Path
) -> None:
    write(source, {"guide.md": guide("Guide"), "guidekit.toml": 'default_lang = "en"\n'})
    site = tmp_path / "site"
    assert build(source, site, check=False).published
    write(site, {"a-notes.txt": "mine", "b-notes.txt": "mine too"})
    refused = CliRunner().invoke(main, ["build", str(source), "--out", str(site), "--no-check"])
    assert refused.exit_code == 1 and "2 files" in refused.output, refused.output
    assert "a-notes.txt, b-notes.txt" in refused.output, refused.output


def test_a_file_where_the_site_goes_is_never_replaced(source: Path, tmp_path: Path) -> None:
    write(source, {"guide.md": guide("Guide")})
    notes = tmp_path / "site"
    notes.write_text("my notes", "utf-8")
    with pytest.raises(UnsafeOutput):
        build(source, notes, check=False)
    # the default site/ beside the guides, which --out's own check never sees
    refused = CliRunner().invoke(main, ["build", str(source), "--no-check"])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "是一个文件" in refused.output, refused.output
    assert notes.read_text("utf-8") == "my notes"


def test_an_output_folder_given_as_a_symbolic_link_is_published_through_the_link(
    source: Path, tmp_path: Path
) -> None:
    write(source, {"guide.md": guide("Guide")})
    real = tmp_path / "www" / "html"
    real.mkdir(parents=True)
    link = tmp_path / "site-link"
    link.symlink_to(real, target_is_directory=True)
    for _ in range(2):
        assert build(source, link, check=False).published
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert (real / "guide.html").is_file()


@pytest.mark.parametrize(
    "site_path",
    ["../evil.html", "zh-Hans/../../evil.html", "/tmp/evil.html", "a//b.html", "a\\b.html"],
)
def test_staging_writes_no_file_whose_path_leaves_the_site(tmp_path, site_path):
    """Every path a build writes was checked where it came from (guides, redirects, assets); a
    [redirects] key was once missed and wrote above --out. Staging refuses such a path itself, so
    the next input that is missed writes nothing either."""
    out = tmp_path / "deep" / "site"
    out.parent.mkdir()
    page = Page(site_path, "<!doctype html><title>x</title>", "standard", "en", None)
    with pytest.raises(OutsideTheSite, match=re.escape(repr(site_path))):
        stage_site(out, [page], [], {}, checked=False, token="t")
    assert [path.name for path in tmp_path.rglob("evil.html")] == []
    assert not Path("/tmp/evil.html").exists()


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("", "index.html"),
        (".", "index.html"),
        ("apply/", "apply/index.html"),
        ("apply", "apply/index.html"),  # a server sends the browser on to "apply/"
        ("apply.html", "apply.html"),
        ("apply/index.html", "apply/index.html"),
        ("gone", "gone"),
        ("gone/", "gone/index.html"),
    ],
)
def test_an_address_names_the_file_a_web_server_answers_with(path, named):
    site = {"index.html", "apply.html", "apply/index.html"}
    assert file_named_by(path, site.__contains__) == named
