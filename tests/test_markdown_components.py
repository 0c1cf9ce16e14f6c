"""Components as editors use them: ::: containers in the body and fields of the front matter."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from guidekit.build import build

FRONT = "---\ntitle: {title}\nsummary: 带身份证到网点办理。\nlang: {lang}\n{extra}---\n"


def _build(
    tmp_path: Path,
    body: str,
    *,
    lang: str = "zh-Hans",
    extra: str = "",
    files: dict[str, bytes] | None = None,
):
    source = tmp_path / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text("gallery = false\n", "utf-8")
    for name, data in (files or {}).items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
    (source / "other.md").write_text(
        FRONT.format(title="补办社会保障卡", lang=lang, extra="") + "\n另一篇。\n", "utf-8"
    )
    (source / "guide.md").write_text(
        FRONT.format(title="申领社会保障卡", lang=lang, extra=extra) + textwrap.dedent(body),
        "utf-8",
    )
    result = build(source, tmp_path / "site", check=False)
    page = tmp_path / "site" / "guide.html"
    return result, page.read_text("utf-8") if page.exists() else ""


def _errors(result) -> list[str]:
    """What the components said; the linter's advice on these tiny guides is tested in
    tests/lint."""
    return [
        f"{finding.location()}: {finding.message}"
        for finding in result.findings
        if not finding.rule.startswith("lint:")
    ]


def test_a_missing_container_argument_is_file_line_in_the_guides_language(tmp_path):
    """It was 组件“details”缺少“summary”: editors took summary for the front matter's field (an
    outside editor's audit). The question and the answer are named as the README writes them."""
    result, _ = _build(
        tmp_path, "\n正文。\n\n::: details\n答案。\n:::\n\n::: details 要钱吗？\n:::\n"
    )
    assert _errors(result) == [
        "guide.md:9: ::: details 后面少了问题，请写在 ::: details 后面，同一行；回答写在下面几行，"
        "到结束的 ::: 为止。",
        "guide.md:13: ::: details 里面少了回答，请写在 ::: details 下面几行，到结束的 ::: 为止。",
    ]


def test_component_errors_speak_english_in_an_english_guide(tmp_path):
    result, _ = _build(
        tmp_path,
        "\nText.\n\n::: steps Do this\n1. One.\n:::\n\n::: call-to-action\n:::\n",
        lang="en",
    )
    assert _errors(result) == [
        "guide.md:9: Nothing goes after ::: steps ('Do this'). Move it inside the component, or "
        "delete it.",
        # said once: it named the two params the link fills, href and text
        "guide.md:13: ::: call-to-action lacks its link: write one between ::: call-to-action and "
        "the closing :::, such as [Apply online](https://example.gov.cn/).",
    ]


def test_a_start_button_holds_one_link_and_nothing_else(tmp_path):
    body = (
        "\n::: call-to-action\n[申请](https://example.gov.cn/a) 或 "
        "[查询](https://example.gov.cn/b)\n:::\n"
    )
    result, _ = _build(tmp_path, body, lang="zh-Hant")
    assert _errors(result) == [
        "guide.md:7: ::: call-to-action 裡面只能有一個連結，不能有別的內容。"
    ]


def test_start_button_from_markdown(tmp_path):
    result, html = _build(
        tmp_path, "\n::: call-to-action\n[在网上申请](https://example.gov.cn/apply)\n:::\n"
    )
    assert _errors(result) == []
    assert re.search(
        r'<a class="gk-call-to-action__button" href="https://example.gov.cn/apply">在网上申请<svg',
        html,
    )


def test_attachment_measures_a_file_in_the_guides_folder(tmp_path):
    body = "\n::: attachment\n[申领表](files/form.pdf)\n:::\n"
    result, html = _build(tmp_path, body, files={"files/form.pdf": b"%PDF" + b"0" * 4000})
    assert _errors(result) == []
    assert (
        'href="files/form.pdf"' in html
        and '申领表<span class="gk-attachment__meta">（PDF，4 KB）</span>' in html
    )
    assert (tmp_path / "site" / "files" / "form.pdf").is_file()


def test_attachment_elsewhere_cannot_be_measured(tmp_path):
    """Said once, at the link, in words an editor knows: it was two errors naming the macro's
    params (缺少“file_type”, 缺少“size”) at the ::: line (found by an editor following the
    README). The plain link it is told to write instead says the type and size the gate asks of
    it."""
    result, _ = _build(
        tmp_path, "\n::: attachment\n[申领表](https://example.gov.cn/form.pdf)\n:::\n"
    )
    assert _errors(result) == [
        "guide.md:8: 附件的链接指向别的网站（https://example.gov.cn/form.pdf），guidekit 量不出它的"
        "类型和大小。请把文件放进指南文件夹，链接写成文件夹里的路径，例如 [申请表](forms/申请表.pdf)；"
        "要链接到别的网站，请直接写链接，不用 ::: attachment，在链接文字里写明类型和大小，"
        "例如 [申请表（PDF，120 KB）](https://example.gov.cn/form.pdf)。"
    ]


def test_an_attachment_without_its_link_is_told_once_what_to_write(tmp_path):
    """Four errors named the params its link fills: href, text, file_type and size."""
    result, _ = _build(tmp_path, "\n::: attachment\n:::\n", lang="zh-Hant")
    assert _errors(result) == [
        "guide.md:7: ::: attachment 裡面少了連結，請在 ::: attachment 和結束的 ::: 之間寫一個連結，"
        "連到指南資料夾裡的檔案，例如 [申請表](forms/申請表.pdf)，guidekit 會寫出它的類型和大小。"
    ]


def test_an_attachment_whose_file_is_missing_is_told_that_only(tmp_path):
    result, _ = _build(tmp_path, "\n::: attachment\n[申领表](forms/nofile.pdf)\n:::\n")
    assert _errors(result) == [
        "guide.md:8: 找不到链接的文件“forms/nofile.pdf”。请检查文件名，并把文件放在指南文件夹里。"
    ]


def test_optional_steps_and_components_inside_steps(tmp_path):
    body = """
    ## 怎么办

    :::: steps
    1. 带上身份证。

       ::: warning
       不要借给别人。
       :::
    2. 可选：请家人陪同。
    3. 取号。
    ::::
    """
    result, html = _build(tmp_path, body)
    assert _errors(result) == []
    steps = html[
        html.index('<ol class="gk-steps"') : html.index("</ol>", html.index('<ol class="gk-steps"'))
    ]
    assert steps.count('<li class="gk-steps__step') == 3
    assert (
        '第 2 步<span class="gk-visually-hidden">，共 3 步</span><span '
        'class="gk-steps__optional">（可选）</span>' in steps
    )
    assert "请家人陪同" in steps and "可选：" not in steps
    assert '<div class="gk-warning" role="note" data-line="' in steps


def test_optional_marker_is_found_in_every_theme(tmp_path):
    _result, _ = _build(tmp_path, "\n::: steps\n1. 可选：请家人陪同。\n:::\n")
    silver = (tmp_path / "site" / "silver" / "guide.html").read_text("utf-8")
    assert "gk-steps__step--optional" in silver


def test_heading_levels_follow_the_outline(tmp_path):
    body = """
    ::: help
    打 12333。
    :::

    ## 怎么办

    ::: help
    打 12333。
    :::

    ### 代办

    ::: notification-banner
    放假。
    :::

    ::: related-links
    - [另一篇](other.md)
    :::
    """
    result, html = _build(tmp_path, body)
    assert _errors(result) == []
    assert re.findall(r'<h(\d) class="gk-(?:help|notification|related)__title"', html) == [
        "2",
        "3",
        "4",
        "4",
    ]
    assert '<a href="other.html"' in html


def test_front_matter_renders_through_components(tmp_path):
    extra = textwrap.dedent(
        """\
        time_limit: 当场办结
        visits: 1
        fees: []
        materials:
          - {name: 居民身份证, form: original, copies: 1, source: 自己带}
        steps:
          - {title: 带齐材料到网点, detail: 把材料交给窗口。}
          - {title: 请家人陪同, optional: true}
        places:
          - {name: 青川市社保服务中心, address: 人民路 100 号, holidays: 法定节假日不办公, phone: "0571-8821 6300"}
        online: {url: "https://example.gov.cn/apply", label: 政务服务网}
        consult: {phone: "12333", hours: 工作日, volunteers: 社区服务中心的志愿者}
        last_reviewed: 2026-10-15
        """
    )
    result, html = _build(tmp_path, "\n开头的话。\n\n## 常见问题\n\n问答。\n", extra=extra)
    assert _errors(result) == []
    order = [
        "gk-key-facts",
        "gk-call-to-action",
        "开头的话",
        "gk-materials",
        "gk-steps",
        "gk-place",
        "常见问题",
        "gk-help",
        "gk-last-reviewed",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions), "the page order of the fixed parts"
    assert '<p class="gk-fees gk-fees--free">不收费</p>' in html
    # the tick box is described by its facts, which a reader going from box to box with Tab hears
    described = re.search(
        r'<input class="gk-materials__tick" type="checkbox" '
        r'aria-describedby="(gk-materials-[0-9a-f]{8}-1-1) (gk-materials-[0-9a-f]{8}-1-2)">'
        r'<span class="gk-materials__name">居民身份证</span>',
        html,
    )
    assert described and f'<p class="gk-materials__fact" id="{described[1]}">' in html
    assert '<h3 class="gk-steps__title">' in html and "gk-steps__step--optional" in html
    assert '<h3 class="gk-place__name">青川市社保服务中心</h3>' in html
    assert 'href="tel:0571-88216300">0571-8821 6300</a>' in html
    assert (
        "社区服务中心的志愿者" in html and "<strong>到窗口问：</strong>青川市社保服务中心" in html
    )
    assert '<time datetime="2026-10-15">2026年10月15日</time>' in html


def test_layout_chrome_is_made_of_components(tmp_path):
    _, html = _build(tmp_path, "\n正文。\n")
    assert '<a class="gk-skip-link" href="#main">跳到正文</a>' in html
    assert '<nav class="gk-breadcrumbs" aria-label="当前位置">' in html
    assert '<a class="gk-silver-switch" href="silver/guide.html">' in html
    assert "gk-language-switch" not in html, "no language switch without other language versions"
