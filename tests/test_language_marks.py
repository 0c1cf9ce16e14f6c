"""Text a page takes from front-matter fields in another language than the page is marked with its
own lang (WCAG 3.1.2): YAML has no {lang=…}, and an English guide's Chinese place name was refused
by the gate at themes/base/guide.html.j2, which no editor can change."""

from __future__ import annotations

from guidekit.build import build
from guidekit.guide.language_marks import marked

from .conftest import guide, write_site

PLACE = 'places:\n  - {name: 青川市社保服务中心, address: 人民路 100 号, phone: "0571-88216300"}\n'


def test_an_english_guide_naming_a_chinese_place_is_published_through_the_gate(tmp_path):
    text = guide(
        "Go to the centre and ask for help.\n",
        title="Apply for a social security card",
        summary="Bring your ID card to a service centre.",
        lang="en",
        fields=PLACE,
    )
    result = build(write_site(tmp_path / "guides", {"en/card.md": text}), tmp_path / "site")
    assert result.published, [f.message for f in result.findings if f.blocking]
    for page in ("en/card.html", "silver/en/card.html", "en/card.short.html"):
        html = (tmp_path / "site" / page).read_text("utf-8")
        assert '<span lang="zh-Hans">青川市社保服务中心</span>' in html, page
        assert '<span lang="zh-Hans">人民路 100 号</span>' in html, page


def test_only_text_in_another_language_outside_the_editors_markdown_is_marked():
    page = (
        '<html lang="en"><head><title>青川 card</title></head><body><main>'
        '<p data-line="9">Go to 青川市社保服务中心.</p>'
        "<dd>人民路 100 号, call <a href='tel:1'>0571</a> 或 12345</dd>"
        '<a lang="zh-Hant" href="x">繁體中文</a><code>社保</code></main></body></html>'
    )
    assert marked(page) == page.replace(
        "<dd>人民路 100 号", '<dd><span lang="zh-Hans">人民路 100 号</span>'
    )
    chinese = '<html lang="zh-Hans"><body><p>材料：Application Form for Residence Permit</p></body>'
    assert marked(chinese) == chinese.replace(
        "Application Form for Residence Permit",
        '<span lang="en">Application Form for Residence Permit</span>',
    )


def test_a_component_title_in_another_language_is_marked_for_the_editor(tmp_path):
    """The title on a component's fence line cannot carry {lang=…}: lint said nothing, the gate
    refused the guide after a whole build and advised a mark that titles do not take. Its foreign
    phrases are marked as a field's are, in the text and not in the note's name."""
    chinese = guide(
        "带上身份证去窗口办。\n\n::: warning Beware of phone scams\n办理不收费。\n:::\n\n"
        "::: details 社保卡 Service Hall Opening Hours\n周一到周五。\n:::\n",
        title="申领社会保障卡",
        summary="带身份证去窗口办。",
    )
    english = guide(
        "Go to the centre.\n\n::: information About 社会保障卡\nBring your ID card.\n:::\n",
        title="Apply for a social security card",
        summary="Bring your ID card to a service centre.",
        lang="en",
    )
    result = build(
        write_site(tmp_path / "guides", {"zh-Hans/card.md": chinese, "en/card.md": english}),
        tmp_path / "site",
    )
    assert result.published, [f.message for f in result.findings if f.blocking]
    page = (tmp_path / "site" / "zh-Hans/card.html").read_text("utf-8")
    assert '<strong><span lang="en">Beware of phone scams</span></strong>' in page
    assert 'aria-label="Beware of phone scams"' not in page  # the note is read by its text
    assert '社保卡 <span lang="en">Service Hall Opening Hours</span></summary>' in page
    page = (tmp_path / "site" / "en/card.html").read_text("utf-8")
    assert '<strong>About <span lang="zh-Hans">社会保障卡</span></strong>' in page


def test_a_summary_in_two_languages_is_marked_where_the_site_lists_it(tmp_path):
    """The front page and the A–Z list show each guide's summary: an English summary naming 补办
    was marked on the guide's own page only, and the gate refused the A–Z list at
    themes/base/way-in.html.j2, which no editor can change (found by a developer whose MkDocs page
    marked the word in its Markdown)."""
    text = guide(
        "Go to the centre and ask for help.\n",
        title="Replace your card",
        summary="Ask for 补办 at the counter.",
        lang="en",
    )
    result = build(
        write_site(tmp_path / "guides", {"en/card.md": text}), tmp_path / "site", check=False
    )
    assert result.published, [f.message for f in result.findings if f.blocking]
    site = tmp_path / "site"
    listing = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*.html"))
        if "Ask for" in path.read_text("utf-8") and not path.name.startswith("card.")
    ]
    assert {"index.html", "silver/index.html"} <= set(listing)
    for page in listing:
        html = (site / page).read_text("utf-8")
        assert "Ask for 补办" not in html and '<span lang="zh-Hans">补办</span>' in html, page
