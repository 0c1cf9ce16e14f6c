"""An independent check of guidekit's own pages: pa11y (HTML_CodeSniffer) at WCAG2AAA, the audit
tool of issue 15, reports no error on a representative page of each kind in both themes, served
over http at their real addresses (the 404 page at a nested missing address). The whole site's run
(every page, 0 errors) is in the README; this subset keeps the test under a minute."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.build import build

from .pa11y_run import pa11y_errors, served

SAMPLE = Path(__file__).parent.parent / "guides"

# each kind of page guidekit makes, in both themes (other languages in the other theme)
PAGES = {
    "front page": ("index.html", "silver/index.html"),
    "guide": ("zh-Hans/health-code-help.html", "silver/zh-Hant/personal-credit-report.html"),
    "English guide": ("en/personal-credit-report.html", "silver/en/personal-credit-report.html"),
    "search": ("find/zh-Hans/search.html", "silver/find/en/search.html"),
    "A-Z / topics list": ("find/zh-Hant/topics.html", "silver/find/zh-Hans/departments.html"),
    "accessibility statement": ("accessibility/zh-Hans.html", "silver/accessibility/en.html"),
    "component gallery": ("components/materials.html", "silver/components/index.html"),
    "404 at a nested address": ("a/b/missing", "silver/a/b/missing"),
}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("pa11y") / "site"
    assert build(SAMPLE, out, check=False).published
    return out


# a copy of a guide with an image that has no text alternative: the run must report it (H37)
DEFECT = "zh-Hans/pa11y-seeded-image.html"


def test_pa11y_finds_no_wcag2aaa_error_on_each_kind_of_page(sample_site):
    addresses = [address for pair in PAGES.values() for address in pair]
    for address in addresses:
        assert address.endswith("missing") or (sample_site / address).is_file(), address
    guide = (sample_site / PAGES["guide"][0]).read_text("utf-8")
    (sample_site / DEFECT).write_text(
        guide.replace("</h1>", '</h1><img src="../assets/none.png">', 1), "utf-8"
    )
    with served(sample_site) as origin:
        found = pa11y_errors([f"{origin}/{address}" for address in [*addresses, DEFECT]])
    seeded = found.pop(f"{origin}/{DEFECT}")
    assert any(issue.get("code", "").endswith("H37") for issue in seeded), seeded
    assert len(found) == len(addresses)
    errors = {
        url: [f"{issue.get('code', 'pa11y')}: {issue['message']}" for issue in issues]
        for url, issues in found.items()
        if issues
    }
    assert not errors, errors
