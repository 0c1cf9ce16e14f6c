"""Property-based fuzzing of the whole pipeline, in-process and without a browser.

Random and adversarial guides (front matter and Markdown) go through load -> parse -> enrich ->
render -> stage -> publish. Whatever goes in, the build must either refuse with findings that name
a file and a line, or publish pages that parse as HTML5 without a single parse error and carry no
script, event handler, inline style or unsafe URL that guidekit's own templates did not put there.

The "ci" profile keeps this under a minute; ``HYPOTHESIS_PROFILE=long`` runs far more examples.
Any failing example hypothesis finds is added below as an ``@example`` so it is checked forever.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from pathlib import Path

import html5lib
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from guidekit.build import build
from guidekit.findings import Finding
from guidekit.site_paths import CONTENT_SECURITY_POLICY

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

# --- what goes in -------------------------------------------------------------------------------

ADVERSARIAL_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "jav&#x41;script:alert(1)",
    "javascript&colon;alert(1)",
    " javascript:alert(1)",
    "javascript%3Aalert(1)",
    "vbscript:msgbox(1)",
    "livescript:x",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgo=",
    "file:///etc/passwd",
    "../../etc/passwd",
    "/etc/passwd",
    "//evil.example/x.png",
    "https://example.gov.cn/a?b=1&c=<2>",
    'http://example.gov.cn/"onmouseover=alert(1)',
    "mailto:help@example.gov.cn",
    "tel:12345",
    "#办理流程",
    "#",
    "other.md",
    "other.md#x",
    "missing.md",
    "images/door.png",
    "images/door.png#x",
    "images/../images/door.png",
    "%2e%2e/%2e%2e/etc/passwd",
    "..\\..\\etc\\passwd",
    "images/missing.png",
    "page.html",
    "x.svg",
    "a b.png",
    "x:y",
    "ht\ntp://x",
    "\x00javascript:alert(1)",
    "javas\x00cript:alert(1)",
    "&#0;",
    "<javascript:alert(1)>",
]
RAW_HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<!-- note -->",
    "<iframe src=//evil.example>",
    "<style>*{color:red}</style>",
    "</div>",
    "<br>",
    "<?php echo 1 ?>",
    "<![CDATA[x]]>",
    "<!DOCTYPE html>",
    "<x onclick=1>",
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<form action=//evil.example>",
]
TEMPLATE_INJECTION = [
    "{{ 7*7 }}",
    "{% raw %}",
    "{{ config }}",
    "${7*7}",
    "{#",
    "</title><script>x</script>",
    '"><b>',
    "'",
    "&amp;",
    "\\",
]
COMPONENT_NAMES = [
    "warning",
    "information",
    "example",
    "steps",
    "details",
    "help",
    "Warning",
    "unknown",
    "script",
    "x-y",
    "1bad",
    "",
]
SPECIAL = "*_`[]()!<>&#:;\\|-=~\"' \t.0123456789{}%$@^"
CJK = "办理社保卡身份证材料步骤费用地址电话青川市長輩版办事指南中文"

plain_text = st.text(alphabet=st.sampled_from(SPECIAL + CJK + "abcXYZ"), max_size=30)
any_text = st.text(
    max_size=20
)  # any Unicode, including controls, surrogates excluded by hypothesis
words = st.one_of(plain_text, any_text, st.sampled_from(TEMPLATE_INJECTION))
urls = st.one_of(
    st.sampled_from(ADVERSARIAL_URLS),
    st.text(alphabet=st.sampled_from(SPECIAL + "ajvscript/.:" + CJK), max_size=25),
)


def _link(text: str, url: str, image: bool, title: str | None) -> str:
    suffix = f' "{title}"' if title is not None else ""
    return f"{'!' if image else ''}[{text}]({url}{suffix})"


inline = st.one_of(
    words,
    words.map(lambda t: f"*{t}*"),
    words.map(lambda t: f"**{t}**"),
    words.map(lambda t: f"`{t}`"),
    st.builds(_link, words, urls, st.booleans(), st.none() | words),
    st.builds(lambda text, url: f"[{text}](<{url}>)", words, urls),
    urls.map(lambda url: f"<{url}>"),
    st.sampled_from(RAW_HTML),
    st.sampled_from(
        ["&lt;", "&#0;", "&#x110000;", "&#xD800;", "&nbsp;", "&bogus;", "\\<", "  \n", "\\\n"]
    ),
)
paragraph = st.lists(inline, min_size=1, max_size=6).map("".join)


def _table(cells: list[str], alignments: list[str], rows: int) -> str:
    clean = [cell.replace("\n", " ") or "x" for cell in cells]
    header = "| " + " | ".join(clean) + " |"
    rule = "|" + "|".join(alignments[: len(clean)] + ["---"] * (len(clean) - len(alignments))) + "|"
    return "\n".join([header, rule] + [header] * rows)


leaf_block = st.one_of(
    paragraph,
    st.builds(
        lambda level, text: "#" * level + " " + text.replace("\n", " "),
        st.integers(1, 7),
        paragraph,
    ),
    st.builds(
        lambda text, under: f"{text.splitlines()[0] if text.strip() else 'x'}\n{under}",
        paragraph,
        st.sampled_from(["===", "---"]),
    ),
    st.builds(
        lambda info, body: f"```{info}\n{body}\n```",
        st.sampled_from(["", "js", "html onload=x", "<script>"]),
        paragraph,
    ),
    paragraph.map(lambda text: "    " + text.replace("\n", "\n    ")),
    st.builds(
        _table,
        st.lists(paragraph, min_size=1, max_size=5),
        st.lists(st.sampled_from([":--", ":-:", "--:", "---"]), max_size=5),
        st.integers(0, 3),
    ),
    st.builds(lambda label, url: f"[{label}]: {url}", plain_text, urls),
    st.just("***"),
    st.sampled_from(RAW_HTML),
)


def _indent(text: str, by: str) -> str:
    return "\n".join(by + line for line in text.split("\n"))


def _container(name: str, params: str, body: list[str], colons: int, closed: bool) -> str:
    fence = ":" * colons
    return (
        f"{fence} {name} {params}".rstrip()
        + "\n"
        + "\n\n".join(body)
        + ("\n" + fence if closed else "")
    )


blocks = st.recursive(
    leaf_block,
    lambda children: st.one_of(
        st.builds(
            lambda items, marker: "\n".join(marker + _indent(item, "   ")[3:] for item in items),
            st.lists(children, min_size=1, max_size=4),
            st.sampled_from(["-  ", "1. ", "*  "]),
        ),
        children.map(lambda text: _indent(text, "> ")),
        st.builds(
            _container,
            st.sampled_from(COMPONENT_NAMES),
            words.map(lambda t: t.replace("\n", " ")),
            st.lists(children, max_size=3),
            st.integers(3, 6),
            st.booleans(),
        ),
    ),
    max_leaves=12,
)
markdown_body = st.lists(blocks, max_size=8).map("\n\n".join)

field_values = st.one_of(
    words,
    st.integers(-5, 10**6),
    st.booleans(),
    st.none(),
    st.lists(words, max_size=3),
    st.dictionaries(
        st.sampled_from(["name", "phone", "url", "title", "item", "amount", "x"]), words, max_size=3
    ),
)
front_matter = st.fixed_dictionaries(
    {
        "title": words,
        "summary": words,
        "lang": st.sampled_from(["zh-Hans", "zh-Hant", "en", "fr", ""]),
    },
    optional={
        "materials": st.lists(
            st.fixed_dictionaries(
                {"name": words},
                optional={
                    "form": st.sampled_from(["original", "copy", "bad"]),
                    "copies": st.integers(-1, 3),
                    "required": st.sampled_from(["必要", "视情况", "bad"]),
                    "blank_form": st.one_of(words, st.sampled_from(ADVERSARIAL_URLS)),
                },
            ),
            max_size=3,
        ),
        "steps": st.lists(
            st.fixed_dictionaries({"title": words}, optional={"detail": words}), max_size=3
        ),
        "places": st.lists(
            st.fixed_dictionaries(
                {"name": words},
                optional={"phone": st.one_of(words, st.sampled_from(ADVERSARIAL_URLS))},
            ),
            max_size=2,
        ),
        "consult": st.fixed_dictionaries(
            {}, optional={"phone": words, "hours": words, "name": words}
        ),
        "online": st.fixed_dictionaries({"url": urls}),
        "fees": st.one_of(
            words, st.lists(st.fixed_dictionaries({"item": words, "amount": words}), max_size=2)
        ),
        "visits": field_values,
        "last_reviewed": st.one_of(st.dates(), words),
        "owner": field_values,
        "unknown_field": field_values,
        "item_kind": field_values,
        "promised_time_limit": field_values,
        "delivery": field_values,
        "faq": field_values,
        "result": st.fixed_dictionaries(
            {"name": words},
            optional={"sample": st.one_of(words, st.sampled_from(ADVERSARIAL_URLS))},
        ),
    },
)


def _front_matter_text(fields: dict) -> str:
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)


guide_text = st.one_of(
    st.builds(
        lambda fields, body: f"---\n{_front_matter_text(fields)}---\n{body}\n",
        front_matter,
        markdown_body,
    ),
    st.builds(
        lambda yaml_text, body: f"---\n{yaml_text}\n---\n{body}",
        st.text(alphabet=st.sampled_from(SPECIAL + ":\n -[]{}&*!|>" + CJK), max_size=60),
        markdown_body,
    ),
    markdown_body,
)
guide_bytes = st.one_of(
    guide_text.map(lambda text: text.encode("utf-8")),
    st.binary(max_size=200),
    guide_text.map(lambda text: text.replace("\n", "\r\n").encode("utf-8")),
)
guide_names = st.sampled_from(
    [
        "guide.md",
        "zh-Hans/guide.md",
        "a b.md",
        "中文 指南.md",
        "Mixed/Case.md",
        "#.md",
        "%41.md",
        "silver/guide.md",
        "index.md",
        "Other.md",
        "q?.md",
        "images/x.md",
    ]
)

# --- what must come out -------------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "cite",
    "background",
    "ping",
    "manifest",
    "codebase",
    "longdesc",
    "content",
}
# Elements that embed another document, rewrite every link, or style the page inline (the policy
# forbids it).
FORBIDDEN_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "portal",
    "base",
    "style",
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|gif|jpeg|webp)[;,]", re.IGNORECASE)
# What browsers ignore inside a URL before they read its scheme.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def html5_parse(html: str) -> tuple[list[str], object]:
    """The page's HTML5 parse errors, and its tree as a browser builds it."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    document = parser.parse(html)
    return [
        f"line {line}:{column} {code} {data}" for (line, column), code, data in parser.errors
    ], document


def _structured_data(element) -> bool:
    """schema.org JSON-LD: data the browser never runs, as long as it is whole JSON."""
    if element.get("type") != "application/ld+json" or element.get("src"):
        return False
    try:
        json.loads(element.text or "")
    except ValueError:
        return False
    return True


def unsafe_in_page(document) -> list[str]:
    """Everything in the page that could run script or reach another origin unasked."""
    problems = []
    for element in document.iter():
        tag = str(element.tag).rpartition("}")[2].lower()
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{tag}> element")
        if (
            tag == "script"
            and not _structured_data(element)
            and ((element.text or "").strip() or not element.get("src", "").endswith(".js"))
        ):
            problems.append("inline script")
        if (
            tag == "meta"
            and element.get("http-equiv") is not None
            and (
                element.get("http-equiv", "").lower() != "content-security-policy"
                or element.get("content") != CONTENT_SECURITY_POLICY
            )
        ):
            problems.append(f"meta http-equiv={element.get('http-equiv')}")
        for name, value in element.attrib.items():
            name = (
                str(name).rpartition("}")[2].lower()
            )  # SVG's {xlink namespace}href is an href too
            if name.startswith("on") or name in {"style", "srcdoc"}:
                problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and not (tag == "meta" and name == "content"):
                scheme = SCHEME.match(URL_NOISE.sub("", value))
                if (
                    scheme
                    and scheme.group(1).lower() not in SAFE_SCHEMES
                    and not (tag == "img" and SAFE_DATA_IMAGE.match(value.strip()))
                ):
                    problems.append(f"{name}={value!r} on <{tag}>")
    return problems


@functools.lru_cache(
    maxsize=256
)  # pages of the unchanging support guide come back in every example
def page_problems(html: str) -> tuple[str, ...]:
    errors, document = html5_parse(html)
    return tuple(errors + unsafe_in_page(document))


def build_in(folder: Path, files: dict[str, bytes]) -> tuple[list[Finding], dict[str, str]]:
    source, out = folder / "guides", folder / "site"
    for rel, data in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_bytes(data)
    result = build(source, out, check=False)
    pages = (
        {path.relative_to(out).as_posix(): path.read_text("utf-8") for path in out.rglob("*.html")}
        if result.published
        else {}
    )
    return result.findings, pages


def assert_safe_outcome(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        findings, pages = build_in(Path(folder), files)
    unlocated = [finding for finding in findings if not (finding.file and finding.line)]
    assert not unlocated, unlocated
    assert pages or any(finding.blocking for finding in findings)
    for page, html in pages.items():
        assert page_problems(html) == (), page


SUPPORT_FILES = {
    "other.md": b"---\ntitle: Other\nsummary: Another guide.\nlang: en\n---\n## Fees\n",
    "images/door.png": PNG,
}


@given(name=guide_names, content=guide_bytes)
@example(
    name="guide.md",
    content=b"---\ntitle: t\nsummary: s\nlang: en\n---\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n",
)
@example(
    name="a b.md",
    content="---\ntitle: <script>\nsummary: '{{ 7*7 }}'\nlang: "
    "zh-Hans\n---\n![门](images/door.png)\n".encode(),
)
@example(
    name="guide.md",
    content=b"---\ntitle: t\nsummary: s\nlang: en\n---\n"
    + "".join("  " * i + "- x\n" for i in range(50)).encode(),
)
@example(
    name="guide.md",
    content=b"---\ntitle: t\nsummary: s\nlang: en\nplaces: [{name: p, phone: "
    b"'javascript:alert(1)'}]\n---\n",
)
@example(
    name="guide.md", content=b"---\ntitle: '0'\nsummary: \"\\x1F\"\nlang: zh-Hans\n---\n\n"
)  # found by the long run
def test_any_guide_is_refused_with_a_location_or_published_safe(name: str, content: bytes) -> None:
    assert_safe_outcome({**SUPPORT_FILES, name: content})


@given(body=markdown_body)
def test_any_markdown_body_is_refused_with_a_location_or_published_safe(body: str) -> None:
    guide = f"---\ntitle: 指南\nsummary: 一句话。\nlang: zh-Hans\n---\n{body}\n"
    assert_safe_outcome({**SUPPORT_FILES, "zh-Hans/guide.md": guide.encode("utf-8")})


def test_the_oracle_sees_what_it_must_refuse() -> None:
    """The checks above are only worth something if they catch the real thing."""
    page = (
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<a href="java&#x09;script:alert(1)">a</a><img src="x.png" onerror="alert(1)" alt="">'
        '<script>alert(1)</script><p style="color:red">p</p><iframe '
        'src="https://evil.example"></iframe>'
        '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg></body></html>'
    )
    _errors, document = html5_parse(page)
    problems = unsafe_in_page(document)
    assert any("href='java\\tscript:alert(1)' on <a>" in problem for problem in problems)
    assert "href='javascript:alert(1)' on <a>" in problems  # inside <svg>, as xlink:href
    assert {
        "attribute onerror on <img>",
        "inline script",
        "attribute style on <p>",
        "<iframe> element",
    } <= set(problems)
    assert html5_parse("<!doctype html><p>unclosed <b><i>mis</b>nested</i>")[0]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVA\tSCRIPT:x",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc/passwd",
    ],
)
def test_every_unsafe_link_is_refused_with_its_line(url: str) -> None:
    guide = (
        f"---\ntitle: t\nsummary: s\nlang: en\n---\n\ntext [the "
        f"form]({url.replace(chr(9), '&#x09;')})\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        findings, pages = build_in(Path(folder), {"guide.md": guide.encode()})
    assert pages == {}
    assert [
        (finding.rule, finding.file, finding.line) for finding in findings if finding.blocking
    ] == [("markdown-unsafe-link", "guide.md", 7)]


def test_front_matter_and_markdown_are_data_never_template_code() -> None:
    guide = (
        "---\ntitle: '{{ 7*7 }}'\nsummary: '{% for x in range(3) %}x{% endfor %}'\nlang: "
        "en\n---\nSee {{ 6*6 }}.\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        _findings, pages = build_in(Path(folder), {"guide.md": guide.encode()})
    html = pages["guide.html"]
    assert "<h1>{{ 7*7 }}</h1>" in html and "See {{ 6*6 }}." in html
    assert "{% for x in range(3) %}x{% endfor %}" in html and "xxx" not in html
