"""Small pages that break exactly one rule of the gate each, and pages that keep every rule.

Each page is a complete, otherwise accessible document, so a page meant to pass must pass the
whole gate, and a page meant to fail must fail for its own reason.
"""

from __future__ import annotations

import re
from pathlib import Path

BASE_CSS = """
body { margin: 0; font: 1rem/1.5 system-ui, "Noto Sans CJK SC", sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 40em; margin: 0 auto; padding: 16px; }
a { color: #0b4fa3; }
:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 2px; }
"""


# Silver pages keep silver's own numbers (large text, loose lines, short lines), which the gate
# also measures.
SILVER_CSS = """
body { font-size: 1.5rem; line-height: 1.7; }
main { max-width: 36em; }
h1 { font-size: 2rem; }
p, ul { margin-block: 0 2.6em; }
button { font: inherit; }
"""


# Two radio buttons of no size, each followed by the label that switches to the other scheme; only
# the checked one's label is drawn
SCHEME_SWITCH = (
    "<form><fieldset><legend>Colours</legend>"
    '<input class="scheme" type="radio" name="scheme" id="light" aria-label="Light colours" checked>'
    '<label for="dark">Dark colours</label>'
    '<input class="scheme" type="radio" name="scheme" id="dark" aria-label="Dark colours">'
    '<label for="light">Light colours</label></fieldset></form><p>Text.</p>'
)
SCHEME_SWITCH_CSS = (
    ".scheme { position: absolute; width: 0; height: 0; opacity: 0; }"
    ".scheme + label { display: none; padding: 12px; }"
    ".scheme:checked + label { display: inline-block; }"
)


# A date asked in three fields of one group; {described}: what the group points at, {said}: text
# shown before the fields
DATE_GROUP = (
    '<form><fieldset role="group" aria-describedby="{described}"><legend>Date of birth</legend>'
    '<p id="dob-hint">For example, 31 3 1980</p>{said}'
    '<label for="day">Day</label><input class="date wrong" id="day" inputmode="numeric">'
    '<label for="month">Month</label><input class="date" id="month" inputmode="numeric">'
    '<label for="year">Year</label><input class="date" id="year" inputmode="numeric">'
    "</fieldset></form>"
)
DATE_GROUP_CSS = (
    "label { display: block; } .date { font: inherit; border: 2px solid #0b0c0c; }"
    " .wrong { border-color: #c4302b; } .error { color: #c4302b; font-weight: bold; }"
)


def page(
    body: str,
    *,
    lang: str = "en",
    css: str = "",
    theme: str | None = None,
    title: str = "Test page",
    script: str = "",
    head: str = '<meta name="viewport" content="width=device-width, initial-scale=1">',
) -> str:
    theme_class = f' class="theme-{theme}"' if theme else ""
    generator = (
        '<meta name="generator" content="guidekit">' if theme else ""
    )  # a theme's numbers hold on guidekit's pages
    css = (SILVER_CSS if theme == "silver" else "") + css
    return f"""<!doctype html>
<html lang="{lang}"{theme_class}>
<head><meta charset="utf-8">{head}{generator}
<title>{title}</title><style>{BASE_CSS}{css}</style></head>
<body><main><h1>{title}</h1>
{body}
</main>{script}</body>
</html>
"""


# An "on this page" list showing only the entries of the part (data-part) the focus is in (data-in)
FOCUS_FOLLOWING_LIST = (
    "<script>document.addEventListener('focusin', (event) => { const part = event.target.dataset.in;"
    " if (part) document.querySelectorAll('[data-part]')"
    ".forEach((list) => { list.hidden = list.dataset.part !== part; }); });</script>"
)

# the standard theme's paragraph gap of 1.5 line heights, in a measure of at most 40 CJK characters
STANDARD_GAPS = "main { max-width: 34em; } p { margin-block: 0 2.25em; }"

# a grey picture as a data: address, so a page shows an image without a file beside it
PICTURE = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='120' "
    "height='80'%3E%3Crect width='120' height='80' fill='%23d9d9d9'/%3E%3C/svg%3E"
)

LOREM = (
    "The office is open on weekdays. Bring your card and a copy of it. Staff will help you "
    "fill in the form."
)
SHORT_TEXT = "Bring your card."
READ_ALOUD_BODY = (
    '<div data-gk-read-aloud><button type="button">Read aloud</button></div>'
    '<p>Also in Chinese: <a href="https://example.gov.cn/zh-hant" lang="zh-Hant">查詢個人信用報告</a>. '
    "Bring your card.</p>"
)

READ_ALOUD_TABLE = (
    '<div data-gk-read-aloud><button type="button">Read aloud</button></div>'
    '<table aria-label="Ways to apply"><thead><tr><th>Way</th><th>How long</th></tr></thead>'
    "<tbody><tr><td>Counter</td><td>Same day</td></tr>"
    "<tr><td>Online</td><td>Within a day</td></tr></tbody></table>"
)

SQUEEZED_LABEL = '<p class="pair"><span class="icon"></span><span>Read this page aloud</span></p>'
SQUEEZED_CSS = (
    "body { overflow-wrap: anywhere; } .pair { display: flex; flex-wrap: wrap; gap: 0.5em; } "
    ".icon { flex: none; width: 7em; height: 1em; background: #1b1b1b; }"
)

# Read-aloud's hook highlights each sentence as reading does and says where its text is then; in the
# gate's 400 % zoom window (320 x 256) a reader following the highlight must see it
READ_ALONG_BODY = (
    '<div data-gk-read-aloud><button type="button">Read aloud</button></div>'
    + "".join(f"<p>{n}. {LOREM}</p>" for n in range(1, 7))
)
READ_ALONG_SCRIPT = (
    "<script>const read = () => [...document.querySelectorAll('main h1, main p')];"
    "window.__guidekitReadingList = () => read().map((block) => block.textContent);"
    "window.__guidekitReadAlong = () => read().map((block) => { %s"
    "return {block, text: block.textContent, box: block.getBoundingClientRect()}; });</script>"
)

TICK_BOX_CSS = ".ticks { list-style: none; padding: 0; } label { display: block; padding: 12px 0; }"
TICK_BOX_FACTS = (
    '<ul class="ticks"><li><label><input type="checkbox"> Resident ID card</label></li>'
    '<li><label><input type="checkbox"{described}> The helper\'s ID card</label>'
    "<p{id}>Only if someone applies for you.</p></li></ul>"
)

# a stop read, not seen, where one fact ends and the next begins (VISUALLY_HIDDEN)
SILVER_FACTS = (
    '<p class="hint">准备好一样，就勾一样。</p><ul class="ticks"><li><label>'
    '<input type="checkbox" aria-describedby="source help"> 申请表</label>'
    '<p class="fact" id="source">从哪里拿：窗口免费领取<span class="hidden">。</span></p>'
    '<p class="fact" id="help">不会填可以请工作人员帮忙</p></li></ul>'
)
SILVER_FACTS_CSS = (
    ".hint { margin-block-end: 0.5em; } .ticks { list-style: none; padding: 0; } "
    "label { display: flex; align-items: center; gap: 0.5em; } "
    "input { width: 60px; height: 60px; margin: 0; } .fact { margin: 0; }"
)
VISUALLY_HIDDEN = (
    ".hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; "
    "clip-path: inset(50%); white-space: nowrap; }"
)
SILVER_FACTS_CSS += VISUALLY_HIDDEN
# A tick box's facts, each a line of its own, are its description, which the browser joins with a
# space: in Chinese, where no space parts words, a voice read the sample site's 居民身份证 as
# "从哪里拿：自己带16岁以下的孩子可以带户口本" (bring the child under 16 yourself), a run-on
# that changes what the page says (an audit of the accessibility tree)
TICK_BOX_FACTS_ZH = (
    '<ul class="ticks"><li><label><input type="checkbox" aria-describedby="kind source note"> '
    '居民身份证</label><p id="kind">原件、1 份{stop}</p><p id="source">从哪里拿：自己带{stop}</p>'
    '<p id="note">16 岁以下的孩子可以带户口本</p></li></ul>'
)

# A silver page's table of ways to apply (an outside audit: at 390 px silver's 4 columns were 577 px
# in a 351 px box, the cost column out of sight and nothing on a phone showing that it scrolls)
SILVER_TABLE = (
    '<div class="region" role="region" tabindex="0" aria-label="三种查询方法"><table>'
    "<thead><tr><th>方式</th><th>在哪里</th><th>多久拿到</th><th>费用</th></tr></thead><tbody>"
    '<tr><td data-label="方式">窗口</td><td data-label="在哪里">征信服务大厅</td>'
    '<td data-label="多久拿到">当场</td><td data-label="费用">每年前两次免费</td></tr>'
    '<tr><td data-label="方式">网上</td><td data-label="在哪里">手机或电脑</td>'
    '<td data-label="多久拿到">1 个工作日</td><td data-label="费用">免费</td></tr>'
    "</tbody></table></div>"
)
SILVER_TABLE_CSS = (
    ".region { overflow-x: auto; margin-block-end: 2.6em; } table { border-collapse: collapse; } "
    "th, td { border: 1px solid; padding: 0.4em 0.6em; min-width: 6em; text-align: start; }"
)
# ... the same table a row at a time, each cell under its column's name
SILVER_TABLE_STACKED_CSS = (
    "table, tbody, tr, td { display: block; } td { min-width: 0; } tr + tr { margin-block-start: 1em; } "
    "thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); } "
    'td::before { content: attr(data-label) / ""; display: block; font-weight: bold; }'
)


def silver_table(css: str) -> str:
    return page(
        SILVER_TABLE,
        lang="zh-Hans",
        title="查询个人信用报告",
        theme="silver",
        css=SILVER_TABLE_CSS + css,
    )


RING_COVER_CSS = (
    "a { display: inline-block; margin: 24px; color: #0b0c0c; outline: none; }"
    " a:focus { outline: 3px solid #0b0c0c; outline-offset: 2px; } .spot { position: relative;"
    " display: inline-block; margin: 24px; } .spot a { margin: 0; } .cover { position: absolute;"
    " inset: -8px; border: 6px solid #fff; pointer-events: none; }"
)


_MAIN = re.compile(r"(<main><h1>[^<]*</h1>\n)(.*)(\n</main>)", re.DOTALL)
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def in_a_component(html: str) -> str:
    """A page of ``page()``'s with what its main part holds, under its heading, drawn by a web
    component in a shadow root the page's HTML declares, the page's styles copied in (the
    document's do not reach inside)."""
    style = _STYLE.search(html)
    assert style is not None
    return _MAIN.sub(
        lambda part: (
            f'{part[1]}<page-part><template shadowrootmode="open"><style>{style[1]}'
            f"</style>{part[2]}</template></page-part>{part[3]}"
        ),
        html,
    )


def web_component(name: str, shadow_html: str, *, mode: str = "open", script: str = "") -> str:
    """A custom element that draws ``shadow_html`` in a shadow root of its own (as the GC Design
    System's components do), then runs ``script`` with that ``root``; ``shadow_html`` quotes its
    attributes with double quotes."""
    return (
        f"<script>customElements.define('{name}', class extends HTMLElement {{ constructor() {{"
        f" super(); const root = this.attachShadow({{ mode: '{mode}' }});"
        f" root.innerHTML = '{shadow_html}'; {script} }} }});</script>"
    )


# a component's field and button, the button with no focus ring
LOOKUP_FORM = (
    "<style>button { outline: none; border: 1px solid #505a5f; background: #fff;"
    " color: #0b0c0c; font: inherit; padding: 8px 16px; }</style>"
    "<label>Reference number <input></label> <button>Look up</button>"
)
# two 16 px buttons side by side
SIZE_SWITCH = (
    "<style>button { width: 16px; height: 16px; padding: 0; margin: 0; font-size: 10px; }"
    '</style><button aria-label="Smaller">-</button><button aria-label="Larger">+</button>'
)
HOTLINE = '<span class="phone">service line <a href="tel:057188095500">0571-8809 5500</a></span>'

# guidekit's own layout of a reading: word and reading one column, aligned to the line's bottom
RUBY_CSS = (
    "ruby { display: inline-flex; flex-direction: column-reverse; align-items: center;"
    " vertical-align: bottom; } rt { font-size: 0.6em; line-height: 1.2; }"
)
RUBY_IN_LIST = (
    '<ul><li>参加了医保的人，包括在青川<a href="#word"><ruby>暂住<rp>（</rp>'
    '<rt aria-hidden="true">zàn zhù</rt><rp>）</rp></ruby></a>、在这里上班交医保的人。</li></ul>'
    '<p id="word">暂住：在外地住一段时间。</p>'
)
# an editor's list item (data-line: the guide's line it was written on)
LINK_IN_SENTENCE = (
    '<ul><li data-line="12">可以登录<a href="https://www.gov.cn/">国家政务服务平台的网上办事大厅</a>'
    "申请，办好后卡会寄到家里。</li></ul>"
)
NARROW_LIST = "ul { max-width: 12em; } "  # a phone's column: the link's words wrap
PAGES: dict[str, str] = {
    # Reflow (1.4.10)
    "reflow/bad.html": page(
        '<div class="wide">A box wider than a phone.</div>',
        css=".wide { width: 600px; border: 1px solid; }",
    ),
    "reflow/good.html": page(
        '<div class="region" role="region" aria-label="Opening hours" '
        'tabindex="0"><table><tr><th>Day</th><th>Hours</th>'
        "<th>Place</th><th>Phone</th></tr><tr><td>Monday</td><td>9:00 to 17:00</td><td>Service "
        "centre, People Road</td>"
        "<td>0571-8821 6300</td></tr></table></div>",
        css=".region { overflow-x: auto; } table { min-width: 500px; border-collapse: collapse; } "
        "td, th { border: 1px solid; }",
    ),
    # Tables in their own scrolling regions as NHS.UK frontend's are at 320 px: narrow columns that
    # wrap only between words ("2013 / to / 2014"), every line a whole word, and a "Change" link
    # whose words for screen readers alone are clipped to nothing. The old gate refused both as
    # squeezed: it counted the clipped words as the cell's text, and a column a word wide as one
    # squeezed to two or three characters a line, which it is in Chinese
    "reflow/table-wrapping-between-words.html": page(
        '<div class="region" role="region" aria-label="Vaccination coverage" tabindex="0"><table>'
        "<tr><th>Nation</th><th>2013 to 2014</th><th>2014 to 2015</th><th>2015 to 2016</th></tr>"
        "<tr><td>England</td><td>94.34%</td><td>94.23%</td><td>94.11%</td></tr></table></div>"
        '<div class="region" role="region" aria-label="Appointments" tabindex="0"><table>'
        "<tr><th>Name</th><th>Last visit</th><th><span class='hidden'>Action</span></th></tr>"
        "<tr><td>Zadie Munroe</td><td>7 May 2026</td><td class='action'><a href='#change'>Change"
        '<span class="hidden"> the appointment of Zadie Munroe</span></a></td></tr></table></div>'
        '<h2 id="change">Change a figure</h2>',
        css=".region { overflow-x: auto; position: relative; } td, th { padding: 4px 8px; font-size: 16px; } "
        "th, .action { width: 1%; } .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; "
        "clip: rect(0 0 0 0); white-space: nowrap; }",
    ),
    # ... and a table whose Chinese cells are squeezed to two or three characters a line
    "reflow/table-squeezed-chinese.html": page(
        "<table><tr><th>事项</th><th>办理地点</th><th>办理时间</th><th>所需材料</th><th>电话</th></tr>"
        "<tr><td>领取养老金</td><td>区社会保险服务中心一楼大厅</td><td>周一至周五上午九点到下午五点</td>"
        "<td>身份证和户口本原件</td><td>0571-88216300</td></tr></table>",
        lang="zh-Hans",
        title="表格",
        css="table { width: 100%; table-layout: fixed; } td, th { font-size: 16px; overflow-wrap: anywhere; }",
    ),
    # a box its script fits to a phone when a media query says the window is narrow, as GOV.UK
    # Frontend shows its menu button: the browser runs the script at its next frame after the
    # resize, and the gate measured before it (refused in 8 of 12 pages so measured)
    "reflow/fitted-by-its-script-at-a-phone-width.html": page(
        '<div class="panel"><p>Opening hours: weekdays 9 to 5.</p></div>',
        css=".panel { width: 900px; } .narrow .panel { width: auto; }",
        script="<script>const narrow = matchMedia('(max-width: 40em)');"
        " const fit = () => document.body.classList.toggle('narrow', narrow.matches); fit();"
        " narrow.addEventListener('change', fit);</script>",
    ),
    # guidekit's pages promise more than 1.4.10: with the phone's text set twice as large (Android's
    # largest font scale), a 320 px screen still does not scroll sideways. A label that may not wrap
    # fits at the usual text size and not at twice it; on a page guidekit did not make, WCAG asks
    # only the usual size
    "reflow/large-text.html": page(
        f"<p>Call the {HOTLINE} on weekdays.</p><p>{LOREM}</p>",
        theme="standard",
        css=f"{STANDARD_GAPS} .phone {{ white-space: nowrap; }}",
    ),
    "reflow/large-text-wraps.html": page(
        f"<p>Call the {HOTLINE} on weekdays.</p><p>{LOREM}</p>",
        theme="standard",
        css=STANDARD_GAPS,
    ),
    "reflow/large-text-not-guidekit.html": page(
        f"<p>Call the {HOTLINE} on weekdays.</p><p>{LOREM}</p>",
        css=".phone { white-space: nowrap; }",
    ),
    # A notice fixed to the foot of the window does not make the page scroll: what reaches past
    # the screen's edge is cut off, out of reach of any scrolling
    "reflow/fixed-notice.html": page(
        '<div class="notice">The service centre is closed on Monday for repairs to the lifts.</div>',
        css=".notice { position: fixed; bottom: 0; left: 0; width: 400px; background: #fff; }",
    ),
    # fixed boxes that lose nothing: a bar as wide as the window, holding a skip link kept off the
    # screen until it is focused and a logo's words moved off it; a drawer kept off the screen
    # until it is opened; a back-to-top link in the corner
    "reflow/fixed-fits.html": page(
        '<div class="bar" id="closed"><a class="skip" href="#closed">Skip to the notice</a>'
        '<span class="logo">City services</span>Closed on Monday.</div>'
        '<nav class="drawer" aria-label="Menu"><a href="#closed">Opening days</a></nav>'
        '<a class="top" href="#closed">Back to the top</a>',
        css=".bar { position: fixed; top: 0; left: 0; right: 0; background: #fff; } "
        ".skip { position: absolute; left: -9999px; } .skip:focus { left: 0; } "
        ".logo { display: inline-block; text-indent: -9999px; } "
        ".drawer { position: fixed; top: 0; left: 0; width: 300px; visibility: hidden; "
        "transform: translateX(-100%); } "
        ".top { position: fixed; bottom: 8px; right: 8px; padding: 12px; background: #fff; }",
    ),
    # a side menu that slides off the screen on a phone, as VitePress's does: fixed, beside the text
    # in a wide window, it moves out once the window narrows (here half way at once, the rest 0.4 s
    # later, so no machine is fast enough to miss it on its way); the old gate measured it half on
    # the screen and refused its words as cut off
    "reflow/drawer-sliding-out.html": page(
        '<nav class="drawer" aria-label="Guides"><a href="#end">Residence permit</a> '
        '<a href="#end">Social security card</a></nav><p id="end">End.</p>',
        css=".drawer { position: fixed; top: 0; bottom: 0; left: 0; width: 240px; padding: 4px;"
        " background: #fff; border-right: 1px solid #1b1b1b;"
        " transition: transform 0.8s steps(2, jump-start); } main { margin-left: 280px; }"
        " @media (max-width: 959px) { .drawer { transform: translateX(-100%); }"
        " main { margin-left: auto; } }",
    ),
    "reflow/unlabelled-region.html": page(
        '<div class="region"><p class="wide">A row of text that is far too wide.</p></div>',
        css=".region { overflow-x: auto; } .wide { width: 600px; }",
    ),
    "reflow/unlabelled-region-guidekit.html": page(
        '<div class="region"><p class="wide">A row of text that is far too wide.</p></div>',
        theme="standard",
        css=STANDARD_GAPS + ".region { overflow-x: auto; } .wide { width: 600px; }",
    ),
    # ... on a page guidekit did not make, a wide region the keyboard reaches through its links
    # (a Sphinx page's content) passes, as axe's scrollable-region-focusable has it; a region that
    # is a Tab stop itself and has no name is asked about
    "reflow/region-reached-by-its-links.html": page(
        '<div class="region"><p class="wide"><a href="../reflow/good.html">A good page</a>'
        " in a row of text that is far too wide.</p></div>",
        css=".region { overflow-x: auto; } .wide { width: 600px; }",
    ),
    "reflow/region-tab-stop-unnamed.html": page(
        '<div class="region" tabindex="0"><p class="wide">A row of text that is far too wide.</p>'
        "</div>",
        css=".region { overflow-x: auto; } .wide { width: 600px; }",
    ),
    # A drawer fixed outside the window until it is opened (a Sphinx/Furo page's contents at
    # 1280 px): text it meets there, doubled, is out of the window too, and nobody sees the two
    # meet, since the drawer does not scroll with the page
    "resize/text-under-a-closed-drawer.html": page(
        '<nav class="drawer" aria-label="On this page"><ul>'
        + "".join(f'<li><a href="#part-{n}">Part {n}</a></li>' for n in range(1, 16))
        + "</ul></nav>"
        + "".join(f'<p class="wide" id="part-{n}">{LOREM}</p>' for n in range(1, 16)),
        css="main { max-width: none; } .wide { width: 78em; margin: 0; }"
        " .drawer { position: fixed; top: 0; right: -15em; width: 15em; }",
    ),
    # A contents list that scrolls inside its own box (a Sphinx/Furo page's sidebar): each Tab
    # scrolls the box, and where each link was must be read in the box's whole length, not where
    # the box's scrolling had put it at that moment
    "keyboard/contents-scrolling-in-its-box.html": page(
        '<nav class="contents" aria-label="Contents"><ul>'
        + "".join(f'<li><a href="#part-{n}">Part {n}</a></li>' for n in range(1, 31))
        + "</ul></nav>"
        + "".join(f'<h2 id="part-{n}">Part {n}</h2><p>{SHORT_TEXT}</p>' for n in range(1, 31)),
        css=".contents { position: fixed; top: 0; left: 0; width: 10em; max-height: 300px;"
        " overflow-y: auto; } .contents a { display: block; min-height: 44px; }",
    ),
    # A link with no box of its own around a floated span (a Sphinx page's "[source]" beside a
    # function's name): the browser draws its focus ring round the span
    "keyboard/link-around-a-float.html": page(
        '<p>exception ConfigError<a href="#source"><span class="float">[source]</span></a></p>'
        f'<h2 id="source">Source</h2><p>{SHORT_TEXT}</p>',
        css=".float { float: right; padding: 12px 0; }",
    ),
    # A side menu's toggle: a summary whose only content, its chevron, is placed at the item's
    # right edge, so the summary has no height of its own; a finger presses the chevron, 30 px
    # square (the PyData Sphinx theme's every section was refused as a 0 px high target)
    "targets/summary-drawn-by-its-toggle.html": page(
        '<nav aria-label="Guides"><ul class="menu"><li><a href="#reflow">Reflow</a><details>'
        '<summary aria-label="More on reflow"><span class="toggle" aria-hidden="true">+</span>'
        '</summary><ul><li><a href="#reflow">Reflow at 320 px</a></li></ul></details></li></ul>'
        f'</nav><h2 id="reflow">Reflow</h2><p>{SHORT_TEXT}</p>',
        css=".menu li { position: relative; padding-right: 40px; } .menu a { display: block;"
        " min-height: 44px; } summary { list-style: none; } summary::-webkit-details-marker"
        " { display: none; } .toggle { position: absolute; top: 0; right: 0; width: 30px;"
        " height: 30px; text-align: center; } summary:focus-visible .toggle { outline: 3px solid"
        " #0b0c0c; }",
    ),
    # Resize text (1.4.4)
    # (a box 30 px high holds one line of 16 px text, not of 32 px text; em-sized boxes grow with
    # the text)
    # A label beside a fixed-width icon, on a page of guidekit's: at 320 px with the text doubled
    # the icon takes the line and the label wraps a letter or a character a line ("朗/讀/本/頁")
    "reflow/squeezed-label.html": page(
        SQUEEZED_LABEL,
        theme="standard",
        css=STANDARD_GAPS + SQUEEZED_CSS + ".pair { flex-wrap: nowrap; }",
    ),
    # ... which a label that wraps under the icon instead keeps readable
    "reflow/label-wraps-under-icon.html": page(
        SQUEEZED_LABEL, theme="standard", css=STANDARD_GAPS + SQUEEZED_CSS
    ),
    "resize/bad.html": page(
        f'<p class="fixed">{SHORT_TEXT}</p><p>{LOREM}</p>',
        css=".fixed { height: 30px; overflow: hidden; }",
    ),
    "resize/overlap.html": page(
        f'<div class="fixed">{SHORT_TEXT}</div><p class="next">{LOREM}</p>',
        css=".fixed { height: 20px; } .next { margin: 0; }",
    ),
    "resize/good.html": page(
        f'<p class="fixed">{SHORT_TEXT}</p><p>{LOREM}</p>', css=".fixed { min-height: 30px; }"
    ),
    # A cookie notice fixed to the foot of the window, on a page longer than the window: the text
    # it comes to cover as the text grows scrolls out from under it, so nothing is lost (a
    # province's hand-written pages, checked by an outside audit, were refused for it)
    "resize/fixed-notice-over-text.html": page(
        "".join(f"<p>{LOREM}</p>" for _ in range(12))
        + '<div class="notice"><p>This site keeps your language in a cookie. '
        '<button type="button">Got it</button></p></div>',
        css=".notice { position: fixed; bottom: 0; left: 0; right: 0; background: #fff; "
        "border-top: 2px solid; } .notice p { margin: 8px 16px; }",
    ),
    # ... while a bar fixed to the top, whose room is kept in px, covers the heading for good once
    # its text wraps: no scrolling brings the top of the page out from under it
    "resize/fixed-bar-over-heading.html": page(
        f'<div class="bar">City services: open on weekdays</div><p>{LOREM}</p>',
        css=".bar { position: fixed; top: 0; left: 0; width: 300px; padding: 4px 16px; "
        "background: #fff; } body { padding-top: 32px; } main { padding-top: 0; } "
        "h1 { margin-top: 0; }",
    ),
    # Text spacing (1.4.12): a line fits a box 1.3 em high at line-height 1.2, not at 1.5
    "spacing/bad.html": page(
        f'<p class="box">{SHORT_TEXT}</p>',
        css=".box { line-height: 1.2; height: 1.3em; overflow: hidden; }",
    ),
    # the same box inside a web component's shadow DOM, which the document's styles do not reach:
    # the old gate widened the spacing of the page's text alone, and measured only that
    "spacing/box-inside-a-web-component.html": page(
        "<short-note></short-note>",
        script=web_component(
            "short-note",
            "<style>.box { line-height: 1.2; height: 1.3em; overflow: hidden; }</style>"
            f'<p class="box">{SHORT_TEXT}</p><button>Hide</button>',
        ),
    ),
    # ... and text inside a component that doubled text size draws over the page's next line
    "resize/overlap-inside-a-web-component.html": page(
        f'<short-note></short-note><p class="next">{LOREM}</p>',
        css=".next { margin: 0; }",
        script=web_component(
            "short-note",
            f'<style>.fixed {{ height: 20px; }}</style><div class="fixed">{SHORT_TEXT}</div>'
            "<button>Hide</button>",
        ),
    ),
    "spacing/good.html": page(
        f'<p class="box">{SHORT_TEXT}</p>', css=".box { line-height: 1.2; min-height: 1.3em; }"
    ),
    # A side column that scrolls its own list: with wider spacing or larger text the list grows
    # past the column's foot, where the column cuts it off and the reader scrolls it, so it is not
    # drawn over the text below the column (the PyData Sphinx theme's side menu over its footer)
    "spacing/column-scrolls-its-list.html": page(
        '<div class="columns"><div class="side"><p>Parts of this guide:</p><ul>'
        + "".join(f"<li>Part {n}</li>" for n in range(1, 14))
        + f'</ul></div><div class="text"><p>{SHORT_TEXT}</p></div></div><p>Made by the office.</p>',
        css=".columns { display: flex; gap: 2em; } .side { flex: 0 0 12em; height: 320px;"
        " overflow-y: auto; } .side p, .side ul { margin: 0; } .side li { line-height: 1.2; }"
        " .text { flex: 1; } @media (max-width: 40em) { .columns { display: block; }"
        " .side { height: auto; } }",
    ),
    # Keyboard (2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11)
    "keyboard/good.html": page(
        '<p><a href="#one">First link</a></p><p><a href="#two">Second link</a></p><p><button '
        'type="button">Send</button></p>'
        '<p id="one">One.</p><p id="two">Two.</p>'
    ),
    "keyboard/unreachable.html": page(
        '<p><a href="#end" tabindex="-1">A link the keyboard cannot reach</a></p><p '
        'id="end">End.</p>'
    ),
    # The focus back on the first link before the next press is heard, as a busy machine's browser
    # hands it back after Tab left the page: a lap, not a trap
    "keyboard/unreachable-focus-returned.html": page(
        '<p><a href="#end">First link</a></p><p><a href="#end">Second link</a></p><p><a '
        'href="#end" tabindex="-1">A link the keyboard cannot reach</a></p><p id="end">End.</p>',
        script="<script>window.addEventListener('blur', () => "
        "document.querySelector('a').focus());</script>",
    ),
    # its only link, focused again when the focus leaves the page: Tab still leaves it for the
    # browser's own controls
    "keyboard/one-link-focused-on-leaving.html": page(
        '<p><a href="#end">The only link</a></p><p id="end">End.</p>',
        script="<script>window.addEventListener('blur', () => "
        "document.querySelector('a').focus());</script>",
    ),
    # A menu open as the page loads that shuts as the focus leaves its button, before Tab comes to
    # its links: the page took them away as Tab came, which is no more reaching them than a link
    # out of the Tab order (a list shut long before Tab came was not there to reach)
    "keyboard/menu-shut-as-tab-leaves-its-button.html": page(
        '<p><button type="button" id="services" aria-expanded="true" aria-controls="menu">'
        'Services</button></p><ul id="menu"><li><a href="#end">Apply</a></li><li><a href="#end">'
        'Renew</a></li></ul><p id="end">End. <a href="#services">Back to the menu</a></p>',
        script="<script>document.getElementById('services').addEventListener('blur', () => {"
        " document.getElementById('menu').hidden = true; });</script>",
    ),
    "keyboard/trap.html": page(
        '<p><label for="name">Name</label> <input id="name"></p><p><a href="#end">After the '
        'field</a></p><p id="end">End.</p>',
        script="<script>document.getElementById('name').addEventListener('keydown', (e) => { if "
        "(e.key === 'Tab') e.preventDefault(); });</script>",
    ),
    "keyboard/tabindex.html": page(
        '<p><a href="#a">First</a></p><p><a href="#b" tabindex="2">Jumps the queue</a></p><p '
        'id="a">A.</p><p id="b">B.</p>'
    ),
    "keyboard/order.html": page(
        '<div class="column"><p><a href="#a">Shown second</a></p><p><a href="#b">Shown '
        'first</a></p></div><p id="a">A.</p><p id="b">B.</p>',
        css=".column { display: flex; flex-direction: column-reverse; }",
    ),
    "keyboard/obscured.html": page(
        '<div class="banner">A notice fixed to the top of the window</div><p><a href="#end">Hidden '
        'under the notice</a></p><p id="end">End.</p>',
        css=".banner { position: fixed; top: 0; left: 0; right: 0; height: 300px; background: "
        "#fff; border-bottom: 2px solid; }",
    ),
    "keyboard/offscreen.html": page(
        '<p><a class="skip" href="#end">Skip to the end</a></p><p id="end">End.</p>',
        css=".skip { position: absolute; left: -9999px; }",
    ),
    # an empty link: on the screen, with nothing to see (an outside developer was told it was
    # off the screen)
    "keyboard/sizeless.html": page('<p>Opening hours <a href="#end"></a></p><p id="end">End.</p>'),
    "keyboard/invisible-focus.html": page(
        '<p><a href="#end">A link with no focus style</a></p><p id="end">End.</p>',
        css="a:focus, a:focus-visible { outline: none; }",
    ),
    # a switch as Material for MkDocs draws its colour schemes: radio buttons of no size, each drawn by
    # the label after it (which presses the other one); the ring is on that label
    "keyboard/hidden-radio-drawn-by-next-label.html": page(
        SCHEME_SWITCH,
        css=SCHEME_SWITCH_CSS + ".scheme:focus-visible + label { outline: 3px solid #0b0c0c; }",
    ),
    # tick boxes as GOV.UK Frontend draws them: each box a clear control laid over the square its
    # label's ::before draws, which takes the ring when the box is focused; the label is the
    # control's own picture, not something covering it (the old gate refused both boxes as hidden)
    "keyboard/clear-tick-box-over-its-label.html": page(
        "<form><fieldset><legend>Which documents do you have?</legend>"
        '<div class="item"><input class="box" type="checkbox" id="id-card" name="docs">'
        '<label class="choice" for="id-card">Identity card</label></div>'
        '<div class="item"><input class="box" type="checkbox" id="household" name="docs">'
        '<label class="choice" for="household">Household register</label></div>'
        "</fieldset></form><p>Text.</p>",
        css=".item { position: relative; min-height: 40px; padding-left: 40px; margin-bottom: 8px; }"
        ".box { position: absolute; z-index: 1; top: -2px; left: -2px; width: 44px; height: 44px;"
        " margin: 0; opacity: 0; cursor: pointer; }"
        ".choice { display: inline-block; padding: 8px 12px; }"
        '.choice::before { content: ""; position: absolute; top: 2px; left: 2px; width: 40px;'
        " height: 40px; box-sizing: border-box; border: 2px solid #1b1b1b; }"
        ".box:focus + .choice::before { box-shadow: 0 0 0 4px #0b0c0c; }",
    ),
    # tabs made of radio buttons, the ring drawn round the ticked one's label: the arrow keys tick a
    # tab as they reach it, so no reader sees one focused unticked
    "keyboard/tabs-ringed-when-ticked.html": page(
        "<form><fieldset><legend>How to apply</legend>"
        '<input class="tab" type="radio" name="how" id="online" checked><label for="online">Online</label>'
        '<input class="tab" type="radio" name="how" id="office"><label for="office">In person</label>'
        "</fieldset></form><p>Text.</p>",
        css=".tab { position: absolute; width: 0; height: 0; opacity: 0; }"
        ".tab + label { display: inline-block; padding: 12px; }"
        ".tab:checked:focus-visible + label { outline: 3px solid #0b0c0c; }",
    ),
    # A search that shades the page behind it while it is in use, as Material for MkDocs' does: its
    # script lays the shade a moment after the focus comes and lifts it a moment after the focus
    # goes, held while it fades (a stepped fade, so that no machine is fast enough to miss it). The
    # link after it, told focused by its inverted colours, is seen by a reader without the shade. Both
    # focus looks need pictures: the field's, taken, sets the shade off again.
    "keyboard/search-shades-the-page-while-used.html": page(
        '<form role="search"><label for="q">Search</label> <input id="q" type="search"></form>'
        '<p><a class="more" href="#end">Opening hours</a></p><p id="end">End.</p>'
        '<div class="shade"></div>',
        css=".shade { position: fixed; inset: 0; background: rgb(0 0 0 / 80%); opacity: 0;"
        " pointer-events: none; transition: opacity 0.6s steps(1, end); }"
        " .searching .shade { opacity: 1; transition: none; }"
        " form { position: relative; z-index: 1; background: #fff; }"
        " #q { border: 2px solid #767676; } #q:focus-visible { outline: none; border-color: #0b0c0c; }"
        " .more:focus-visible { outline: none; background: #0b0c0c; color: #fff; }",
        script="<script>const field = document.getElementById('q');"
        " const follow = () => setTimeout(() => document.body.classList"
        ".toggle('searching', document.activeElement === field));"
        " field.addEventListener('focus', follow); field.addEventListener('blur', follow);</script>",
    ),
    # ... whose labels hold links to their own tabs, out of the Tab order (Material for MkDocs' linked
    # content tabs): the keyboard reaches what each link does by the tab it names
    "keyboard/tab-label-links-to-its-tab.html": page(
        "<form><fieldset><legend>How to apply</legend>"
        '<input class="tab" type="radio" name="how" id="online" checked>'
        '<label for="online"><a href="#online" tabindex="-1">Online</a></label>'
        '<input class="tab" type="radio" name="how" id="office">'
        '<label for="office"><a href="#office" tabindex="-1">In person</a></label>'
        "</fieldset></form><p>Text.</p>",
        css=".tab { position: absolute; width: 0; height: 0; opacity: 0; }"
        ".tab + label { display: inline-block; }"
        ".tab + label a { display: block; padding: 12px; color: inherit; text-decoration: none; }"
        ".tab:checked:focus-visible + label { outline: 3px solid #0b0c0c; }",
    ),
    # a link out of the Tab order inside a tick box's label that leads elsewhere: the tick box does
    # not open the terms
    "keyboard/terms-link-in-a-label-unreachable.html": page(
        '<form><p><input type="checkbox" id="agree"> <label for="agree">I agree to the <a '
        'href="#terms" tabindex="-1">terms</a></label></p></form><p id="terms">Terms.</p>'
    ),
    # a search field whose only sign of focus is the browser's blinking caret (Furo's, a Sphinx theme):
    # WCAG 2.4.7's understanding names the caret as a focus indicator, so a page held to WCAG alone
    # passes ...
    "keyboard/search-field-shown-by-its-caret.html": page(
        '<form role="search"><label for="q">Search</label> <input id="q" type="search"></form>'
        "<p>Text.</p>",
        css="#q { border: 1px solid #8a8a8a; background: #f8f9fb; }"
        " #q:focus { outline: none; background: #fff; }",
    ),
    # ... unless the caret is drawn in no colour
    "keyboard/search-field-caret-hidden.html": page(
        '<form role="search"><label for="q">Search</label> <input id="q" type="search"></form>'
        "<p>Text.</p>",
        css="#q { border: 1px solid #8a8a8a; background: #f8f9fb; caret-color: transparent; }"
        " #q:focus { outline: none; background: #fff; }",
    ),
    # ... and the same with no ring anywhere
    "keyboard/hidden-radio-next-label-no-ring.html": page(
        SCHEME_SWITCH, css=SCHEME_SWITCH_CSS + ".scheme:focus { outline: none; }"
    ),
    # a ring in a colour too close to the page's (1.7:1): its styles prove nothing, its pictures fail it
    "keyboard/faint-focus.html": page(
        '<p><a href="#end">A link with a faint focus ring</a></p><p id="end">End.</p>',
        css="a:focus-visible { outline: 3px solid #c8c8c8; outline-offset: 2px; }",
    ),
    # a ring drawn by a spread-only shadow, which the styles alone prove
    "keyboard/shadow-focus.html": page(
        '<p><a href="#end">A link with a shadow ring</a></p><p id="end">End.</p>',
        css="a:focus-visible { outline: none; box-shadow: 0 0 0 3px #0b0c0c; }",
    ),
    # focus drawn round each line of a wrapped link (its bounding box is two lines wide)
    "keyboard/wrapped-link.html": page(
        '<p class="narrow">办理前请带上身份证和户口簿原件，阅读<a '
        'href="#end">办理须知全文</a>。</p><p id="end">须知。</p>',
        lang="zh-Hans",
        title="办理须知",
        css=".narrow { max-width: 20em; font-size: 1rem; }",
    ),
    # a region taller than the window shows its indicator only on the edges that are on screen
    "keyboard/tall-region.html": page(
        f'<div class="region" role="region" aria-label="Opening hours" '
        f'tabindex="0"><p>{LOREM}</p></div>',
        css=".region { height: 2000px; overflow: auto; }",
    ),
    # a skip link that appears only when focused, far down the page inside a positioned box
    "keyboard/appearing-link.html": page(
        f'<p class="spacer">{LOREM}</p><div class="box"><a class="skip" href="#end">Skip to the '
        f'end</a><p>{LOREM}</p></div><p id="end">End.</p>',
        css=".spacer { margin-block-end: 1500px; } .box { position: relative; } .skip { position: "
        "absolute; top: -100em; background: #fff; }"
        " .skip:focus { top: 0; }",
    ),
    # An "on this page" list that opens a part's entries once the focus is in that part: Tab stops
    # that were not there when the walk began took its presses, and the links after them were
    # refused as never reached (the PyData Sphinx theme, whose list opens as the page scrolls)
    "keyboard/stops-shown-on-the-way.html": page(
        '<nav aria-label="On this page"><ul class="toc"><li><a href="#a">Part A</a><ul>'
        '<li><a href="#a1">A.1</a></li><li><a href="#a2">A.2</a></li><li><a href="#a3">A.3</a>'
        f'</li></ul></li></ul></nav><h2 id="a">Part A</h2><h3 id="a1">A.1</h3><p>{SHORT_TEXT}</p>'
        f'<h3 id="a2">A.2</h3><p>{SHORT_TEXT}</p><h3 id="a3">A.3</h3><p>{SHORT_TEXT}</p>'
        '<p><a href="#a">Back to Part A</a></p><p><a href="../reflow/good.html">Reflow</a></p>',
        css=".toc ul { display: none; } .toc li:focus-within > ul { display: block; }"
        " a { display: inline-block; min-height: 24px; }",
    ),
    # A modal dialog that Escape closes, heard on the dialog (the browser's own closing is held
    # back, as a page that animates it does): Tab past its last control goes to the browser's own
    # controls, where no key reaches the page, and the gate, pressing Escape there, refused the
    # dialog as not closing (the PyData Sphinx theme's search, on every page)
    "keyboard/native-modal-dialog.html": page(
        '<p><button type="button" id="open">Show the fees</button></p><dialog id="fees" '
        'aria-labelledby="fees-title"><h2 id="fees-title">Fees</h2><p>Free of charge.</p>'
        '<button type="button" id="close">Close</button></dialog>',
        css="button { min-height: 44px; min-width: 44px; }",
        script="<script>const fees = document.getElementById('fees');"
        " document.getElementById('open').addEventListener('click', () => fees.showModal());"
        " document.getElementById('close').addEventListener('click', () => fees.close());"
        " fees.addEventListener('cancel', (event) => event.preventDefault());"
        " fees.addEventListener('keydown', (event) => { if (event.key === 'Escape') fees.close(); });"
        "</script>",
    ),
    # An "on this page" list that shows only the entries of the part the focus is in: the entry
    # photographed for its look had been shut by the focus moving on to the other part since the
    # page was read, and its pictures, of nothing, failed every link of that look (the PyData
    # Sphinx theme's list, shut as the pictures scroll the page, on a loaded machine)
    "keyboard/entry-shut-before-its-picture.html": page(
        '<nav aria-label="On this page"><ul><li><a href="#a">Part A</a><ul data-part="a"><li>'
        '<a class="entry" href="#a1">A.1</a></li></ul></li><li><a href="#b">Part B</a><ul '
        'data-part="b" hidden><li><a class="entry" href="#b1">B.1</a></li></ul></li></ul></nav>'
        f'<h2 id="a">Part A</h2><p id="a1">{SHORT_TEXT} <a class="on" data-in="a" href="#b">To part B</a>'
        f'</p><h2 id="b">Part B</h2><p id="b1">{SHORT_TEXT} <a class="on" data-in="b" href="#a">To part A'
        "</a></p>",
        css="a { display: inline-block; min-height: 24px; } a:focus-visible { outline-style: dashed; }",
        script=FOCUS_FOLLOWING_LIST,
    ),
    # An "on this page" list that shuts a part's entries a moment after Tab reached one (the PyData
    # Sphinx theme's, whose scroll watcher caught up late with the walk's scrolling on a loaded
    # machine; here it shuts them as the next key goes down): the focus, left on nothing, was taken
    # for the end of the walk, and the entry and the links after it for never reached
    "keyboard/entry-shut-after-it-was-reached.html": page(
        '<nav aria-label="On this page"><ul><li><a href="#a">Part A</a><ul id="entries"><li><a '
        'id="a1" href="#a1-text">A.1</a></li></ul></li><li><a href="#b">Part B</a></li></ul></nav>'
        f'<h2 id="a">Part A</h2><p id="a1-text">{SHORT_TEXT}</p><h2 id="b">Part B</h2><p>'
        f'{SHORT_TEXT} <a href="#a">Back to part A</a></p>',
        css="a { display: inline-block; min-height: 24px; }",
        script="<script>addEventListener('keydown', () => { if (document.activeElement.id === 'a1')"
        " document.getElementById('entries').hidden = true; }, true);</script>",
    ),
    # An "on this page" list after the text it lists, showing the entries of the part the focus is
    # in: the walk, through part B's text first, shut part A's entries before Tab came to them, and
    # they were refused as never reached (the PyData Sphinx theme's list, which follows the scrolling,
    # on a loaded machine only: elsewhere the walk outran it)
    "keyboard/entry-shut-before-tab-came.html": page(
        f'<h2 id="a">Part A</h2><p id="a1">{SHORT_TEXT} <a data-in="a" href="#b">To part B</a></p>'
        f'<h2 id="b">Part B</h2><p id="b1">{SHORT_TEXT} <a data-in="b" href="#a">To part A</a></p>'
        '<nav aria-label="On this page"><ul><li><a href="#a">Part A</a><ul data-part="a"><li><a '
        'href="#a1">A.1</a></li></ul></li><li><a href="#b">Part B</a><ul data-part="b" hidden><li>'
        '<a href="#b1">B.1</a></li></ul></li></ul></nav>',
        css="a { display: inline-block; min-height: 24px; }",
        script=FOCUS_FOLLOWING_LIST,
    ),
    # a box that listens for clicks only to act for the links inside it (GOV.UK Frontend's error
    # summary, focused on load): with a description and no links, a click on it does nothing, so
    # there is nothing the keyboard misses
    "keyboard/clicks-handed-on-to-links-inside.html": page(
        '<div class="summary" id="summary" tabindex="-1" role="alert"><h2>There is a problem</h2>'
        "<p>The date you gave is in the future.</p></div><p>Text.</p>",
        css=".summary { border: 5px solid #d4351c; padding: 15px; }"
        " .summary:focus { outline: 3px solid #ffdd00; }",
        script="<script>const summary = document.getElementById('summary'); summary.focus();"
        " summary.addEventListener('click', (event) => { const link = event.target.closest('a');"
        " if (link) { event.preventDefault(); document.querySelector(link.hash).focus(); } });"
        "</script>",
    ),
    # ... but a box that looks like text and shows more when clicked keeps that from the keyboard
    # A web component (a custom element drawing its field and button in its own shadow DOM, as the
    # GC Design System's do) whose button shows no focus: axe looks inside shadow roots, guidekit's
    # keyboard walk and focus pictures did not, and the old gate passed it with a warning
    "keyboard/button-inside-a-web-component.html": page(
        "<ref-lookup></ref-lookup>",
        script=web_component("ref-lookup", LOOKUP_FORM),
    ),
    # ... and one whose shadow root is closed, which axe does not look into by itself
    "keyboard/button-inside-a-closed-web-component.html": page(
        "<ref-lookup></ref-lookup>",
        script=web_component("ref-lookup", "<button>Look up</button>", mode="closed"),
    ),
    # ... and the same drawn by the page's HTML itself (declarative shadow DOM, as Lit's server
    # rendering writes it): no script attaches the root, and the old gate saw nothing inside, not
    # even that it was there
    "keyboard/button-inside-a-declarative-shadow-root.html": page(
        f'<ref-lookup><template shadowrootmode="open">{LOOKUP_FORM}</template></ref-lookup>'
    ),
    # ... and a closed one, which no script of the page's can reach
    "keyboard/button-inside-a-closed-declarative-shadow-root.html": page(
        f'<ref-lookup><template shadowrootmode="closed">{LOOKUP_FORM}</template></ref-lookup>'
    ),
    # a cookie notice a web component opens as a modal dialog in its shadow DOM: the browser makes
    # the page behind it inert, and the old gate, looking for open modals in the document alone,
    # refused the page's link as never reached by Tab and as showing no focus
    "keyboard/modal-dialog-opened-inside-a-web-component.html": page(
        '<p><a href="#x">Opening hours</a></p><cookie-consent></cookie-consent><p id="x">X.</p>',
        css="a:focus { outline: 3px solid #0b0c0c; outline-offset: 2px; }",
        script=web_component(
            "cookie-consent",
            "<style>button { font: inherit; padding: 8px 16px; border: 2px solid #0b0c0c;"
            " background: #fff; color: #0b0c0c; } button:focus { outline: 3px solid #0b0c0c;"
            ' outline-offset: 2px; }</style><dialog aria-label="Cookies"><p>We use cookies.</p>'
            "<button>Accept</button></dialog>",
            script="queueMicrotask(() => root.querySelector('dialog').showModal());",
        ),
    ),
    # a component's own box that only a mouse can press (out of the Tab order)
    "keyboard/control-out-of-reach-inside-a-web-component.html": page(
        '<p><a href="#end">Fees</a></p><fee-picker></fee-picker><p id="end">End.</p>',
        script=web_component(
            "fee-picker",
            "<style>.pick { display: inline-block; padding: 12px; border: 1px solid #505a5f; }"
            '</style><div class="pick" role="button" tabindex="-1">Pay the fee</div>',
            script="root.querySelector('.pick').addEventListener('click', () => {});",
        ),
    ),
    # a field in a closed shadow root that keeps the focus when Tab is pressed: axe cannot look
    # inside, and the old gate's keyboard walk never went in
    "keyboard/trap-inside-a-closed-web-component.html": page(
        '<name-field></name-field><p><a href="#end">After the field</a></p><p id="end">End.</p>',
        script=web_component(
            "name-field",
            "<label>Name <input></label>",
            mode="closed",
            script="root.querySelector('input').addEventListener('keydown', (e) => {"
            " if (e.key === 'Tab') e.preventDefault(); });",
        ),
    ),
    # two 16 px buttons side by side inside a component's shadow DOM
    "targets/crowded-inside-a-web-component.html": page(
        "<size-switch></size-switch>", script=web_component("size-switch", SIZE_SWITCH)
    ),
    # ... and inside one the page's HTML declares
    "targets/crowded-inside-a-declarative-shadow-root.html": page(
        f'<size-switch><template shadowrootmode="open">{SIZE_SWITCH}</template></size-switch>'
    ),
    # a component whose own button comes before the link the page puts in its slot, both with a
    # clear focus ring: Tab meets the button, then the link, where the slot stands
    "keyboard/web-component-with-a-slot.html": page(
        '<p><a href="#a">Before</a></p><help-box><a href="#b">Opening hours</a></help-box>'
        '<p id="a">A.</p><p id="b">B.</p>',
        css="a:focus { outline: 3px solid #0b0c0c; outline-offset: 2px; }",
        script=web_component(
            "help-box",
            "<style>button { border: 1px solid #505a5f; background: #fff; color: #0b0c0c;"
            " font: inherit; padding: 8px 16px; } button:focus { outline: 3px solid #0b0c0c;"
            " outline-offset: 2px; }</style><button>Call us</button> <slot></slot>",
        ),
    ),
    # a button inside a web component that disables itself when pressed: the focus falls to the
    # page's body, and a keyboard user has lost their place
    "keyboard/button-inside-a-web-component-drops-the-focus.html": page(
        "<send-once></send-once>",
        script=web_component(
            "send-once",
            '<button type="button">Send the form</button>',
            script="root.querySelector('button').addEventListener('click', (event) => {"
            " event.target.disabled = true; });",
        ),
    ),
    # links inside a web component: one that says nothing of where it goes, one to a part the
    # page does not have, and a heading that skips a level
    "content/links-inside-a-web-component.html": page(
        '<h1>Opening hours</h1><help-links></help-links><p id="hours">Weekdays.</p>',
        script=web_component(
            "help-links",
            '<h3>Help</h3><p>For the hours, <a href="#hours">click here</a>. See also'
            ' <a href="#fees">the fees</a>.</p>',
        ),
    ),
    # a link a web component draws around the text the page puts in its slot (GC's gcds-link):
    # its text is the slotted text, which the link's own text content leaves out
    "content/link-text-through-a-slot.html": page(
        '<p>See <page-link href="#hours">the opening hours</page-link>.</p><p id="hours">9 to 5.</p>',
        script=web_component(
            "page-link",
            '<a href="#hours"><slot></slot></a>',
        ),
    ),
    # a white frame over a link's focus ring that the pointer passes through (pointer-events: none,
    # as fades and badges are made): the old gate's proof that the styles alone draw the ring hit-
    # tested the ring for other elements, which does not meet such a box, and passed the hidden ring
    "keyboard/ring-covered-by-a-box-the-pointer-passes-through.html": page(
        '<p><a href="#a">Fees</a><span class="spot"><a href="#b">Hours</a><span class="cover">'
        '</span></span></p><p id="a">A.</p><p id="b">B.</p>',
        css=RING_COVER_CSS,
    ),
    # ... and the same inside a web component
    "keyboard/ring-covered-inside-a-web-component.html": page(
        '<quick-links></quick-links><p id="a">A.</p><p id="b">B.</p>',
        script=web_component(
            "quick-links",
            f"<style>{RING_COVER_CSS}</style>"
            '<a href="#a">Fees</a><span class="spot"><a href="#b">Hours</a>'
            '<span class="cover"></span></span>',
        ),
    ),
    # a box inside a web component that shows more when clicked, and the keyboard cannot reach
    "keyboard/plain-box-inside-a-web-component-opens-when-clicked.html": page(
        "<opening-hours></opening-hours>",
        script=web_component(
            "opening-hours",
            '<div class="more">More about opening hours</div><p hidden>Weekdays 9 to 5.</p>',
            script="root.querySelector('.more').addEventListener('click', () => {"
            " root.querySelector('p').hidden = false; });",
        ),
    ),
    "keyboard/plain-box-opens-when-clicked.html": page(
        '<div id="more">More about opening hours</div><p id="hours" hidden>Weekdays 9 to 5.</p>',
        script="<script>document.getElementById('more').addEventListener('click', () => {"
        " document.getElementById('hours').hidden = false; });</script>",
    ),
    # a page that scrolls smoothly (Bootstrap's root does): each focus picture's own scroll to its
    # element glided on while the pictures were taken, and the pair, of two places, differed
    # everywhere: a link at the top whose focus shows nothing was passed after one far down
    "keyboard/smooth-scrolling-faint-focus.html": page(
        '<div class="spacer"></div><p><a class="far" href="#end">Opening hours</a></p>'
        '<p id="end">End.</p><a class="top" href="#end">Fees</a>',
        css="html { scroll-behavior: smooth; } .spacer { height: 3000px; }"
        " .far:focus { outline: none; background: #0b0c0c; color: #fff; }"
        " .top { position: absolute; top: 8px; right: 16px; color: #6c757d; }"
        " .top:focus { outline: none; color: #333; }",
    ),
    # an ARIA combobox as the WAI-ARIA practices and USWDS make one: its button, out of the Tab
    # order, does what the Down key does in the field, so the keyboard reaches it there and never
    # focuses the button; the select it stands for is moved off the page, where no pointer reaches
    "keyboard/combobox-button-out-of-the-tab-order.html": page(
        '<form><label for="fruit">Fruit</label><div class="combo"><select class="moved-away" '
        'aria-hidden="true" tabindex="-1"><option>Apple</option><option>Pear</option></select>'
        '<input id="fruit" role="combobox" aria-controls="fruits" aria-expanded="false" '
        'aria-autocomplete="list"><button type="button" class="show" tabindex="-1" '
        'aria-label="Show the fruits">v</button><ul id="fruits" role="listbox" hidden><li '
        'role="option">Apple</li><li role="option">Pear</li></ul></div></form><p>Text.</p>',
        css=".moved-away { position: absolute; left: -999em; }"
        " .combo { position: relative; } .show { min-width: 44px; min-height: 44px; }"
        " .show:focus { outline: none; }",
        script="<script>const field = document.getElementById('fruit');"
        " const list = document.getElementById('fruits');"
        " const show = (open) => { list.hidden = !open;"
        " field.setAttribute('aria-expanded', String(open)); };"
        " document.querySelector('.show').addEventListener('click', () => show(list.hidden));"
        " field.addEventListener('keydown', (event) => {"
        " if (event.key === 'ArrowDown') show(true); if (event.key === 'Escape') show(false); });"
        "</script>",
    ),
    # ... but a button out of the Tab order beside a plain field is out of the keyboard's reach
    "keyboard/button-out-of-the-tab-order-beside-a-field.html": page(
        '<form><label for="name">Name</label> <input id="name"><button type="button" '
        'class="clear" tabindex="-1">Clear</button></form><p>Text.</p>',
        script="<script>document.querySelector('.clear').addEventListener('click', () => {"
        " document.getElementById('name').value = ''; });</script>",
    ),
    # Target size (2.5.8 standard; 60 / 44 in silver)
    "targets/crowded.html": page(
        '<p><button type="button" class="tiny" aria-label="Smaller">-</button><button '
        'type="button" class="tiny" aria-label="Larger">+</button></p>',
        css=".tiny { width: 16px; height: 16px; padding: 0; margin: 0; font-size: 10px; }",
    ),
    "targets/spaced.html": page(
        '<p><button type="button" class="tiny" aria-label="Smaller">-</button><button '
        'type="button" class="tiny" aria-label="Larger">+</button></p>',
        css=".tiny { width: 16px; height: 16px; padding: 0; margin: 0 12px; font-size: 10px; }",
    ),
    # a skip link hidden as VitePress hides it: clipped to nothing, its padding kept, so its box is
    # 32 x 16 px beside the next link; nobody can press what is clipped away, and once focused it
    # is shown at full size (the old gate measured the clipped box and refused its spacing)
    "targets/clipped-skip-link.html": page(
        '<a class="skip" href="#end">Skip to the end</a><a class="notes" href="#notes">Notes</a>'
        '<p id="notes">Notes.</p><p id="end">End.</p>',
        css=".skip { position: absolute; top: 8px; left: 8px; width: 1px; height: 1px;"
        " padding: 8px 16px; overflow: hidden; white-space: nowrap; clip: rect(0 0 0 0);"
        " clip-path: inset(50%); font-size: 0.75rem; background: #fff; }"
        " .skip:focus { width: auto; height: auto; clip: auto; clip-path: none; }"
        " .notes { position: absolute; top: 8px; left: 34px; }",
    ),
    "targets/silver-small.html": page(
        '<p><button type="button" class="control">Send</button></p><ul><li><a class="alone" '
        'href="#end">Opening hours</a></li></ul><p id="end">End.</p>',
        css=".control { min-width: 60px; min-height: 60px; } .alone { font-size: 1.5rem; }",
        theme="silver",
    ),
    "targets/silver-good.html": page(
        '<p><button type="button" class="control">Send</button></p><ul><li><a class="alone" '
        'href="#end">Opening hours</a></li></ul>'
        f'<p id="end">{LOREM} <a href="#end">A link in a sentence</a> is exempt.</p>',
        css=".control { min-width: 60px; min-height: 60px; } .alone { display: inline-flex; "
        "align-items: center; min-height: 60px; }",
        theme="silver",
    ),
    # 60 px at the gate's 1280 px window, and less on a phone, where silver's readers are: padding
    # in vw (the second outside audit's skip link, 57 px high at 320 px)
    "targets/silver-small-on-phones.html": page(
        '<p><button type="button" class="control">Send</button></p>',
        css=".control { min-width: 60px; padding: 2vw 1em; }",
        theme="silver",
    ),
    # "label: link" on a line of its own is a labelled action, not a link in a sentence: the
    # theme's size holds (a short page's online entry was 28 px high in silver)
    "targets/silver-labelled-link.html": page(
        '<p>网上办理：<a href="#end">青川健康码申领页面</a></p><p id="end">完。</p>',
        lang="zh-Hans",
        title="办理须知",
        theme="silver",
    ),
    # wrapped over two lines its box is two lines high; each line is one text line high
    "targets/silver-labelled-link-wrapped.html": page(
        '<p>网上办理：<a href="#end">' + "青川市政务服务网退休待遇申领页面" * 3 + "</a></p>"
        '<p id="end">完。</p>',
        lang="zh-Hans",
        title="办理须知",
        theme="silver",
    ),
    # in an editor's own paragraph (traced to a guide line) the same line is running text
    "targets/silver-labelled-link-by-editor.html": page(
        '<p data-line="7">另见：<a href="#end">办理居住证</a></p><p id="end">完。</p>',
        lang="zh-Hans",
        title="办理须知",
        theme="silver",
    ),
    "targets/silver-labelled-link-large.html": page(
        '<p>网上办理：<a class="alone" href="#end">青川健康码申领页面</a></p>'
        '<p id="end">办理前请先阅读<a href="#end">须知</a>：带好身份证。</p>',
        lang="zh-Hans",
        title="办理须知",
        css=".alone { display: inline-flex; align-items: center; min-height: 60px; }",
        theme="silver",
    ),
    # The standard theme's own numbers on guidekit's pages (16 px, lines 1.5, paragraph gap 1.5 x
    # the line height): its gap had been one line height, and only silver's numbers were measured
    "theme/standard-paragraph-gap.html": page(
        f"<p>{LOREM}</p><p>{LOREM}</p>",
        theme="standard",
        css="main { max-width: 34em; } p { margin-block: 0 1em; }",
    ),
    "theme/standard-good.html": page(
        f"<p>{LOREM}</p><p>{LOREM}</p>", theme="standard", css=STANDARD_GAPS
    ),
    # a page with a dark scheme that eases its background into it while its text changes at once, as
    # Django's admin does for its buttons (a stepped ease, so that no machine is fast enough to miss
    # it): a reader sees the colours it ends in
    "theme/dark-background-eased-in.html": page(
        f'<p>{LOREM}</p><p><a href="#end">Opening hours</a></p><p id="end">End.</p>',
        css="body { transition: background-color 0.6s steps(1, end); }"
        " @media (prefers-color-scheme: dark) { body { background: #121212; color: #e8e8e8; }"
        " a { color: #8ab4f8; } :focus-visible { outline-color: #fff; } }",
    ),
    # Silver's paragraph gap between the facts under a tick box (where to get it, who helps): an
    # outside audit found guidekit's 材料 list's facts 0 px apart, read as one sentence, while the
    # gate measured only paragraphs without a class; a lead-in to its own list is not a paragraph gap
    "theme/silver-facts-no-gap.html": page(
        SILVER_FACTS, lang="zh-Hans", title="要带的材料", theme="silver", css=SILVER_FACTS_CSS
    ),
    "theme/silver-facts-spaced.html": page(
        SILVER_FACTS,
        lang="zh-Hans",
        title="要带的材料",
        theme="silver",
        css=SILVER_FACTS_CSS + ".fact + .fact { margin-block-start: 2.6em; }",
    ),
    # Silver is one column always: a table wider than its box at 320 px hides its last columns,
    # which WCAG's 1.4.10 allows a data table and the gate had let through; a row at a time it fits
    "theme/silver-table-cut.html": silver_table(""),
    "theme/silver-table-stacked.html": silver_table(SILVER_TABLE_STACKED_CSS),
    # Read-aloud speaks a phrase marked in another language in that language (its reading list
    # says in which: a bare string is the page's language); the full stop after the phrase may go
    # with it
    "reading/read-aloud-one-language.html": page(
        READ_ALOUD_BODY,
        script="<script>window.__guidekitReadingList = () => "
        '["Test page", "Also in Chinese: 查詢個人信用報告.", "Bring your card."];</script>',
    ),
    "reading/read-aloud-languages.html": page(
        READ_ALOUD_BODY,
        script='<script>window.__guidekitReadingList = () => ["Test page", '
        '{text: "Also in Chinese:", lang: "en"}, {text: "查詢個人信用報告.", lang: "zh-Hant"}, '
        '{text: "Bring your card.", lang: "en"}];'
        "</script>",
    ),
    # Read-aloud reads a data cell with its column header ("How long: Same day"), as a screen
    # reader announces it: a run of bare cells ("Counter, Same day, Online, Same day") tells a
    # listener nothing (the reading list's ``spoken`` is what the voice says; without it, ``text``)
    "reading/read-aloud-bare-cells.html": page(
        READ_ALOUD_TABLE,
        script='<script>window.__guidekitReadingList = () => ["Test page", "Way", "How long", '
        '"Counter", "Same day", "Online", "Within a day"];</script>',
    ),
    "reading/read-aloud-cells-with-headers.html": page(
        READ_ALOUD_TABLE,
        script='<script>window.__guidekitReadingList = () => ["Test page", "Way", "How long", '
        '{text: "Counter", spoken: "Way: Counter", lang: "en"}, {text: "Same day", spoken: "How long: Same day", lang: "en"}, '
        '{text: "Online", spoken: "Way: Online", lang: "en"}, '
        '{text: "Within a day", spoken: "How long: Within a day", lang: "en"}];</script>',
    ),
    # ... and the sentence it reads is in the window at 400 % zoom, not left below it
    "reading/read-along-hidden.html": page(READ_ALONG_BODY, script=READ_ALONG_SCRIPT % ""),
    "reading/read-along-followed.html": page(
        READ_ALONG_BODY, script=READ_ALONG_SCRIPT % "block.scrollIntoView({block: 'nearest'});"
    ),
    # A reading over a word inside a box that lays its content out as a flex row (a list's link
    # made a tap target): the reading stood on the text line and its word dropped below it
    "reading/ruby-pushed-down.html": page(
        RUBY_IN_LIST,
        css=RUBY_CSS + "li > a { display: inline-flex; align-items: center; min-height: 44px; }",
        lang="zh-Hans",
        title="办理居住证",
    ),
    "reading/ruby-over-its-word.html": page(
        RUBY_IN_LIST, css=RUBY_CSS, lang="zh-Hans", title="办理居住证"
    ),
    # A link in the middle of a list item's sentence laid out as a tap target's box: its words wrap
    # inside the box, which stands between the sentence's halves on lines of its own
    "reading/link-out-of-its-sentence.html": page(
        LINK_IN_SENTENCE,
        css=NARROW_LIST
        + "li > a:only-child { display: inline-flex; align-items: center; min-height: 44px; }",
        lang="zh-Hans",
        title="申领社会保障卡",
        theme="standard",
    ),
    # ... where the sentence fits the gate's 1280 px window on one line, and wraps on a phone
    "reading/link-out-of-its-sentence-on-a-phone.html": page(
        LINK_IN_SENTENCE,
        css="li > a:only-child { display: inline-flex; align-items: center; min-height: 44px; }",
        lang="zh-Hans",
        title="申领社会保障卡",
        theme="standard",
    ),
    "reading/link-in-its-sentence.html": page(
        LINK_IN_SENTENCE, css=NARROW_LIST, lang="zh-Hans", title="申领社会保障卡", theme="standard"
    ),
    # Language (3.1.1, 3.1.2)
    "language/latin-in-chinese-page.html": page(
        f"<p>{LOREM} {LOREM}</p>", lang="zh-Hans", title="办理指南"
    ),
    "language/traditional-in-simplified-page.html": page(
        "<p>這個頁面說明怎樣申請個人信用報告。請帶身份證到櫃檯辦理，第一次查詢不收費。</p>",
        lang="zh-Hans",
        title="查詢個人信用報告",
    ),
    "language/unmarked-phrase.html": page(
        "<p>The Chinese name of this office is 社会保障服务中心.</p>"
    ),
    # ... and one a web component draws in its shadow DOM, which the old gate's language check did
    # not read
    "language/unmarked-phrase-inside-a-web-component.html": page(
        "<office-name></office-name>",
        script=web_component(
            "office-name", "<p>The Chinese name of this office is 社会保障服务中心.</p>"
        ),
    ),
    "language/marked-phrase.html": page(
        '<p>The Chinese name of this office is <span lang="zh-Hans">社会保障服务中心</span>.</p>'
    ),
    # Privacy and robustness
    "robustness/external.html": page(
        '<p><img src="https://tracker.example.com/pixel.png" alt="Office front door"></p>'
    ),
    "robustness/script-error.html": page(
        "<p>A page whose script fails.</p>", script="<script>throw new Error('boom');</script>"
    ),
    # Content rules
    "content/vague-link.html": page(
        '<p>办理前请阅读须知，<a href="#end">点击这里</a>。</p><p id="end">须知。</p>',
        lang="zh-Hans",
        title="办理须知",
    ),
    # Two sibling sections of one name (a body's 常见问题 beside the one made from the front matter):
    # a reader moving by headings cannot tell them apart
    "content/repeated-heading.html": page(
        f"<h2>Common questions</h2><p>{LOREM}</p><h2>Common questions</h2><p>{LOREM}</p>",
        theme="standard",
        css=STANDARD_GAPS,
    ),
    # ... while one name under different sections is told apart by its section
    "content/same-heading-in-two-sections.html": page(
        f"<h2>At the office</h2><h3>What to bring</h3><p>{LOREM}</p>"
        f"<h2>Online</h2><h3>What to bring</h3><p>{LOREM}</p>",
        theme="standard",
        css=STANDARD_GAPS,
    ),
    # An index: one link text under each entry of a nested list, its purpose said by the list item
    # it is nested under (WCAG's H81; a Sphinx site's index was refused for its "configuration
    # value" links)
    "content/same-text-in-nested-lists.html": page(
        '<ul><li>reflow<ul><li><a href="../reflow/good.html">good page</a></li></ul></li>'
        '<li>spacing<ul><li><a href="../spacing/good.html">good page</a></li></ul></li></ul>',
        css="li a { display: inline-block; min-height: 24px; }",
    ),
    # An API reference: each method's "[source]" in its term, beside the method's name, all inside
    # the class's description (a Sphinx site's pages were refused: the class's description, the
    # same for every method, was taken as each link's context)
    "content/same-text-in-description-terms.html": page(
        "<dl><dt>class Index</dt><dd><p>Entries of an index.</p><dl>"
        '<dt>generate() <a href="../reflow/good.html">[source]</a></dt><dd>Makes the entries.</dd>'
        '<dt>refresh() <a href="../spacing/good.html">[source]</a></dt><dd>Reads them again.</dd>'
        "</dl></dd></dl>",
        css="dt a { display: inline-block; min-height: 24px; }",
    ),
    # Text alternatives that are none (WCAG's failure F30): a screen reader says "IMG_0012.jpg",
    # "图片" or "1" where a sighted reader sees the office's door (an outside developer's audit:
    # neither axe nor the linter caught them)
    "content/alt-file-name.html": page(
        f'<p>Our office.</p><p><img src="{PICTURE}" alt="IMG_0012.jpg"></p>'
    ),
    "content/alt-placeholder.html": page(
        f'<p>办事大厅在一楼。</p><p><img src="{PICTURE}" alt="图片："></p>',
        lang="zh-Hans",
        title="办事大厅",
    ),
    "content/alt-digits.html": page(
        f'<p>{LOREM}</p><p><img src="{PICTURE}" alt="1"></p>', theme="standard", css=STANDARD_GAPS
    ),
    # ... where a page guidekit did not write may mean it: an image of a key, a step's number
    "content/alt-digits-foreign.html": page(
        f'<p>Press <img src="{PICTURE}" alt="1" width="24" height="16"> to hear the menu again.</p>'
    ),
    # ... and alternatives that say what the picture shows, or nothing for a decorative one
    "content/alt-described.html": page(
        f'<p><img src="{PICTURE}" alt="The front door of the office, with a ramp"></p>'
        f'<p><img src="{PICTURE}" alt=""> {LOREM}</p>'
        f'<p><img src="{PICTURE}" alt="Photo of form 2 filled in"></p>'
        f'<p><img src="{PICTURE}" alt="2024 年社保缴费基数表"></p>'
    ),
    # a note's marker whose part the page's script drew at load and moved into the tooltip the marker
    # opens, its id gone (Material for MkDocs' code annotations): the script answers the link, and
    # whether the part was still there when the gate looked was a matter of timing
    "links/note-marker-answered-by-its-script.html": page(
        '<p>Bring your card.<a href="#note-1" class="marker" aria-label="Note 1">1</a></p>'
        '<div id="tip" role="tooltip" hidden>A copy will do.</div>',
        css=".marker { display: inline-block; min-width: 24px; min-height: 24px; }",
        script="<script>document.querySelector('.marker').addEventListener('click', (event) => {"
        " event.preventDefault(); document.getElementById('tip').hidden = false; });</script>",
    ),
    # A link to "#" goes to the page's top: a Sphinx theme's logo on its home page is one, and
    # is a link; the same link that a script of the page acts on, on itself or around it, is a
    # button dressed as a link
    "links/logo-to-top.html": page(
        '<header><a href="#" class="brand">Service guides</a></header>'
        "<p>Find the guide for what you need to do.</p>"
    ),
    "links/hash-toggled-from-afar.html": page(
        '<p><a href="#" data-bs-toggle="modal" data-bs-target="#search">Search</a></p>'
    ),
    "links/hash-toggled-around.html": page(
        '<div id="more"><p><a href="#">Show the fees</a></p></div><p id="fees" hidden>Free.</p>',
        script="<script>document.getElementById('more').addEventListener('click', (e) => "
        "{ e.preventDefault(); document.getElementById('fees').hidden = false; });</script>",
    ),
    # links that show only an icon, named as the accessible name computation names them: by their
    # title (Material for MkDocs' social links), the icon's own <title>, or another element's text
    "links/icon-links-named-in-other-ways.html": page(
        '<p><a href="#end" title="Write to us"><svg width="24" height="24" viewBox="0 0 24 24"'
        ' aria-hidden="true"><path d="M2 4h20v16H2z"/></svg></a>'
        ' <a href="#end"><svg role="img" width="24" height="24" viewBox="0 0 24 24"><title>Call us'
        '</title><path d="M2 4h20v16H2z"/></svg></a>'
        ' <a href="#end" aria-labelledby="visit"><svg width="24" height="24" viewBox="0 0 24 24"'
        ' aria-hidden="true"><path d="M2 4h20v16H2z"/></svg></a></p>'
        '<p id="visit">Visit an office</p><p id="end">End.</p>',
        css="p a { display: inline-block; padding: 10px; }",
    ),
    # a page its script draws (VitePress's 404 page: the file holds an empty #app): the skip link
    # and the part it skips to are both made at load, so the part is on the page the reader gets;
    # the old gate looked for it in the file and refused the link as broken
    "links/skip-to-a-part-made-at-load.html": page(
        '<div id="app"></div>',
        script="<script>document.getElementById('app').innerHTML = '<p><a href=\"#content\">"
        'Skip to the content</a></p><div id="content"><p>The office is open on weekdays.'
        "</p></div>';</script>",
    ),
    # a link to a folder without its last slash (Astro's Starlight links its site title to "/zh"),
    # which every web server answers by sending the browser on to "office/"; a script asks for it
    # too, as a page prefetching its links does (the old gate refused the link as broken and
    # answered the script with a 404)
    "links/folder-without-its-slash.html": page(
        '<p>Where to go: <a href="office">the office</a>.</p>',
        script="<script>fetch('office');</script>",
    ),
    "links/office/index.html": page("<p>The office is open on weekdays.</p>", title="The office"),
    # a page drawn again by a client-side router (Docusaurus, VitePress) from the address it was
    # opened at: readers reach a folder's page at the folder's address, and the old gate, opening
    # it at ".../index.html", met a router that knew no such page (Docusaurus: React's hydration
    # error #418 on every page)
    "spa/index.html": page(
        '<div id="app"><p>The office is open on weekdays.</p></div>',
        script="<script>const routes = { '/spa/': 'The office is open on weekdays.' };"
        " const text = routes[location.pathname];"
        " if (text === undefined) console.error('No route matches ' + location.pathname);"
        " else document.querySelector('#app p').textContent = text;</script>",
    ),
    # Forms (1.3.1): a checklist's tick box wraps its label, and what each item needs sits under it
    # ("only if someone applies for you"); a reader pressing Tab from box to box hears the labels
    # alone unless each box points at its facts (an outside audit found guidekit's 材料 list so)
    # A form a module script shows once what it loads after the page has loaded has come (the GC
    # Design System's components, like other Stencil ones, import their code after the load event
    # and stay hidden until then): the old gate checked the page before the form was shown, and
    # passed its unlabelled field
    # a field with no label inside a web component, after a labelled one of the page's own: axe
    # names the field by a path of selectors through the component's shadow root, and the old gate
    # looked its last selector up in the page, which found the page's own field
    "forms/unlabelled-field-inside-a-web-component.html": page(
        '<p><label for="name">Name</label> <input id="name"></p>\n<ref-lookup></ref-lookup>',
        script=web_component("ref-lookup", "<input>"),
    ),
    # ... and one a module script draws a part a frame, nothing left to load after the first (as
    # Stencil's components draw themselves): the old gate took two frames with nothing loading for
    # the page drawn, and checked it before the field came
    "forms/unlabelled-field-drawn-over-many-frames.html": page(
        '<div id="app"></div>',
        script="<script type='module'>const parts = [...Array(11).keys()]"
        ".map((n) => `<p>Part ${n + 1}.</p>`).concat(['<p><input type=\"text\"></p>']);"
        " const draw = () => { document.querySelector('#app').insertAdjacentHTML('beforeend',"
        " parts.shift()); if (parts.length) requestAnimationFrame(draw); };"
        " requestAnimationFrame(draw);</script>",
    ),
    # ... and in a closed shadow root, where axe does not go through the component (its
    # shadowRoot is null): the old gate only warned that axe had not looked
    "forms/unlabelled-field-inside-a-closed-web-component.html": page(
        "<ref-lookup></ref-lookup>", script=web_component("ref-lookup", "<input>", mode="closed")
    ),
    "forms/unlabelled-field-shown-once-its-scripts-load.html": page(
        '<div id="app" class="waiting"><p>Your reference number</p><input type="text"></div>',
        css=".waiting { visibility: hidden; }",
        script="<script type='module'>let loads = fetch(location.href);"
        " for (let step = 0; step < 4; step++) loads = loads.then(() => fetch(location.href));"
        " loads.then(() => requestAnimationFrame(() => document.querySelector('#app').classList.remove('waiting')));"
        "</script>",
    ),
    "forms/tick-box-facts-unlinked.html": page(
        TICK_BOX_FACTS.format(described="", id=""), css=TICK_BOX_CSS
    ),
    "forms/tick-box-facts-linked.html": page(
        TICK_BOX_FACTS.format(described=' aria-describedby="helper-id"', id=' id="helper-id"'),
        css=TICK_BOX_CSS,
    ),
    "forms/tick-box-facts-run-on.html": page(
        TICK_BOX_FACTS_ZH.format(stop=""),
        lang="zh-Hans",
        title="要带的材料",
        theme="standard",
        css=TICK_BOX_CSS + STANDARD_GAPS,
    ),
    "forms/tick-box-facts-stopped.html": page(
        TICK_BOX_FACTS_ZH.format(stop='<span class="hidden">。</span>'),
        lang="zh-Hans",
        title="要带的材料",
        css=TICK_BOX_CSS + VISUALLY_HIDDEN,
    ),
    # ... a box whose label says it all, and boxes sharing a group's legend, have no facts to link
    "forms/tick-boxes-labelled-alone.html": page(
        '<ul class="ticks"><li><label><input type="checkbox"> Resident ID card</label></li>'
        '<li><label><input type="checkbox"> Letter of authorisation</label></li></ul>'
        '<fieldset><legend>How should we contact you?</legend><label><input type="radio" '
        'name="how" value="e"> Email</label> <label><input type="radio" name="how" value="p"> '
        "Phone</label></fieldset>",
        css=TICK_BOX_CSS,
    ),
    # Colour as the only signal (1.4.1): GOV.UK Frontend's date of birth, the day field in red and
    # the group's error message, which its fieldset points at, saying the day is wrong; the old
    # gate refused the day field as told apart by colour alone
    "forms/date-error-told-by-its-group.html": page(
        DATE_GROUP.format(
            described="dob-error", said='<p id="dob-error" class="error">Error: enter a day</p>'
        ),
        css=DATE_GROUP_CSS,
    ),
    # ... and the same group pointing at its hint alone: nothing but the red says which field
    "forms/date-field-red-group-hinted.html": page(
        DATE_GROUP.format(described="dob-hint", said=""), css=DATE_GROUP_CSS
    ),
    # a heading over a field and its linked hint (USWDS's input mask examples): it names the part of
    # the page, which a screen reader's heading keys reach; no hint left unheard
    "forms/heading-over-a-hinted-field.html": page(
        '<div class="masked"><h2>Telephone number</h2><label for="tel">Your telephone number'
        '</label><div id="tel-hint">For example, 0123 456 7890</div><input id="tel" type="tel" '
        'aria-describedby="tel-hint"></div><p>Text.</p>'
    ),
    # a web component whose button opens its map in a dialog and leaves the focus on the button
    # (the old gate tried only the page's own openers)
    "popups/dialog-inside-a-web-component-takes-no-focus.html": page(
        "<office-map></office-map>",
        script=web_component(
            "office-map",
            "<style>.box { position: fixed; inset: 10%; background: #fff; border: 2px solid;"
            ' padding: 1rem; }</style><p><button type="button">Show the map</button></p>'
            '<div class="box" role="dialog" aria-modal="true" aria-label="Map of the office"'
            " hidden><p>The office is next to the station.</p></div>",
            script="root.querySelector('button').addEventListener('click', () => {"
            " root.querySelector('.box').hidden = false; });",
        ),
    ),
    # axe in the page's language
    "axe/zh-hans.html": page(
        '<p><button type="button"></button></p>', lang="zh-Hans", title="按钮"
    ),
    "axe/zh-hant.html": page(
        '<p><button type="button"></button></p>', lang="zh-Hant", title="按鈕"
    ),
}

# One link's look on several pages, checked in this order in one run: the focus pictures judge each
# look once, and the old gate's look did not say that the second page's box clips the ring away,
# nor that the third page's part is faded, nor that only the fourth page's part draws a bar under
# the link (its ::after), nor that only the sixth page's box draws a ring round the link it holds
# while it has the focus (:focus-within), so the second, third, fifth and seventh took a passing
# verdict from a page before them (each alone was refused)
TWIN_LOOK_CSS = (
    "a.card { display: block; color: #0b0c0c; } a.card:focus { outline: 3px solid #0b0c0c;"
    " outline-offset: 0; } .tight { overflow: hidden; } .faded { opacity: 0.25; }"
    " a.bare { color: #0b0c0c; } a.bare:focus { outline: none; } .barred a.bare:focus::after {"
    " content: ''; display: inline-block; width: 8em; height: 6px; background: #0b0c0c;"
    " margin-left: -8em; vertical-align: bottom; } .ringed { display: inline-block; padding: 4px; }"
    " .ringed:focus-within { outline: 3px solid #0b0c0c; }"
)
TWIN_LOOKS = {
    f"looks/{name}.html": page(
        f'<div{around}><a class="{kind}" href="#x">Opening hours</a></div><p id="x">X.</p>',
        css=TWIN_LOOK_CSS,
    )
    for name, kind, around in (
        ("a-ring-shown", "card", ""),
        ("b-ring-clipped-by-its-box", "card", ' class="tight"'),
        ("c-ring-in-a-faded-part", "card", ' class="faded"'),
        ("d-bar-drawn-in-its-part", "bare", ' class="barred"'),
        ("e-no-bar-in-another-part", "bare", ""),
        ("f-ring-drawn-by-its-box", "bare", ' class="ringed"'),
        ("g-no-box-around", "bare", ""),
    )
}

# Pages whose main part is also drawn by a web component (in_a_component), where the gate must find
# what it finds in the page: the old gate's reflow check named the component's whole place for a
# box too wide inside it, and found no fixed box cut off, scrolling region or squeezed table there
for _name in (
    "reflow/bad.html",
    "reflow/fixed-notice.html",
    "reflow/table-squeezed-chinese.html",
    "reflow/region-tab-stop-unnamed.html",
):
    PAGES[_name.replace(".html", "-inside-a-web-component.html")] = in_a_component(PAGES[_name])

GOOD_PAGES = (
    # a component's own button and the page's link in its slot, each with its ring; a link whose
    # text a component puts through a slot
    "keyboard/web-component-with-a-slot.html",
    "content/link-text-through-a-slot.html",
    # a named button with the browser's own ring, in a closed shadow root
    "keyboard/button-inside-a-closed-web-component.html",
    "keyboard/modal-dialog-opened-inside-a-web-component.html",
    "reading/ruby-over-its-word.html",
    "reading/link-in-its-sentence.html",
    "reflow/good.html",
    "reflow/fitted-by-its-script-at-a-phone-width.html",
    "reflow/region-reached-by-its-links.html",
    "reflow/fixed-fits.html",
    "reflow/drawer-sliding-out.html",
    "reflow/large-text-wraps.html",
    "reflow/large-text-not-guidekit.html",
    "reflow/label-wraps-under-icon.html",
    "resize/good.html",
    "resize/fixed-notice-over-text.html",
    "spacing/good.html",
    "spacing/column-scrolls-its-list.html",
    "keyboard/good.html",
    "keyboard/link-around-a-float.html",
    "keyboard/wrapped-link.html",
    "keyboard/shadow-focus.html",
    "keyboard/tall-region.html",
    "keyboard/appearing-link.html",
    "keyboard/stops-shown-on-the-way.html",
    "keyboard/native-modal-dialog.html",
    "keyboard/entry-shut-before-its-picture.html",
    "keyboard/entry-shut-after-it-was-reached.html",
    "keyboard/entry-shut-before-tab-came.html",
    "keyboard/one-link-focused-on-leaving.html",
    "keyboard/hidden-radio-drawn-by-next-label.html",
    "keyboard/tabs-ringed-when-ticked.html",
    "keyboard/search-shades-the-page-while-used.html",
    "keyboard/tab-label-links-to-its-tab.html",
    "keyboard/search-field-shown-by-its-caret.html",
    "keyboard/clear-tick-box-over-its-label.html",
    "keyboard/clicks-handed-on-to-links-inside.html",
    "keyboard/combobox-button-out-of-the-tab-order.html",
    "targets/spaced.html",
    "targets/summary-drawn-by-its-toggle.html",
    "targets/silver-good.html",
    "targets/silver-labelled-link-large.html",
    "targets/silver-labelled-link-by-editor.html",
    "theme/standard-good.html",
    "theme/dark-background-eased-in.html",
    "theme/silver-facts-spaced.html",
    "theme/silver-table-stacked.html",
    "content/same-heading-in-two-sections.html",
    "content/same-text-in-nested-lists.html",
    "content/same-text-in-description-terms.html",
    "content/alt-described.html",
    "reading/read-aloud-languages.html",
    "reading/read-aloud-cells-with-headers.html",
    "language/marked-phrase.html",
    "reading/read-along-followed.html",
    "forms/tick-box-facts-linked.html",
    "forms/tick-boxes-labelled-alone.html",
    "forms/tick-box-facts-stopped.html",
    "forms/date-error-told-by-its-group.html",
    "forms/heading-over-a-hinted-field.html",
    "links/skip-to-a-part-made-at-load.html",
    "links/icon-links-named-in-other-ways.html",
    "links/note-marker-answered-by-its-script.html",
    "targets/clipped-skip-link.html",
    "links/folder-without-its-slash.html",
    "links/office/index.html",
    "spa/index.html",
)


def write_site(folder: Path, pages: dict[str, str] = PAGES) -> Path:
    for relative, html in pages.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return folder
