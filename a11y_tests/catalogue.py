"""The seeded-defect catalogue: one small page per barrier kind, each carrying that one barrier, and
beside it the same page done right. The rules that name a kind are listed with it (guidekit's and
axe's), so recall is "kinds whose page drew a finding that names the kind", for the gate and for
bare axe alike.

A kind no tool here catches is kept in the catalogue (``caught=False``): the README lists them, and
recall is counted over every kind, not only those the gate was built for. ``write_catalogue`` writes
``<kind>/bad.html`` and ``<kind>/good.html`` (and the files they link to) into a folder checked as
one site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.gate_fixtures import LOREM, PICTURE, page

LONG = " ".join([LOREM] * 3)
FORM_CSS = (
    "label { display: block; } input { font: inherit; margin-bottom: 1rem; border: 2px "
    "solid #505a5f; }"
)


@dataclass(frozen=True)
class Kind:
    name: str
    rules: tuple[str, ...]  # findings that name this kind, guidekit's and axe's
    bad: str
    good: str
    group: str  # the heading: where the kind comes from
    caught: bool = (
        True  # whether the gate is expected to catch it (False: listed in the README as missed)
    )


def _script(code: str) -> str:
    return f"<script>{code}</script>"


_DIALOG_PAGE = (
    '<p><button type="button" id="open">Show the map</button></p>'
    '<div id="box" class="box" role="dialog" aria-modal="true" aria-label="Map of the office" '
    "hidden>"
    '<p>The office is next to the station.</p><p><button type="button" '
    'id="close">Close</button></p></div>'
)
_DIALOG_CSS = (
    ".box { position: fixed; inset: 10%; background: #fff; border: 2px solid; padding: 1rem; }"
)
_OPEN_NO_FOCUS = (
    "const box = document.getElementById('box'); "
    "document.getElementById('open').addEventListener('click', () => { box.hidden = false; });"
    "document.getElementById('close').addEventListener('click', () => { box.hidden = true; });"
)
_OPEN_WELL = (
    "const box = document.getElementById('box'); const opener = document.getElementById('open'); "
    "const close = document.getElementById('close');"
    "const shut = () => { box.hidden = true; opener.focus(); };"
    "opener.addEventListener('click', () => { box.hidden = false; close.focus(); });"
    "close.addEventListener('click', shut);"
    "box.addEventListener('keydown', (event) => { if (event.key === 'Escape') shut(); if "
    "(event.key === 'Tab') { event.preventDefault(); close.focus(); } });"
)
_MENU_PAGE = (
    '<nav aria-label="Services"><button type="button" id="menu-button" aria-haspopup="menu" '
    'aria-expanded="false" aria-controls="menu">Services</button>'
    '<ul id="menu" role="menu" hidden><li role="none"><a role="menuitem" href="good.html">Opening '
    "hours</a></li>"
    '<li role="none"><a role="menuitem" href="bad.html">Fees</a></li></ul></nav>'
)
_MENU_OPEN = (
    "const button = document.getElementById('menu-button'); const menu = "
    "document.getElementById('menu');"
    "const items = [...menu.querySelectorAll('[role=menuitem]')];"
    "button.addEventListener('click', () => { menu.hidden = false; "
    "button.setAttribute('aria-expanded', 'true'); items[0].focus(); });"
    "menu.addEventListener('keydown', (event) => { const at = "
    "items.indexOf(document.activeElement);"
    " if (event.key === 'ArrowDown') { event.preventDefault(); items[(at + 1) % "
    "items.length].focus(); }"
    " if (event.key === 'ArrowUp') { event.preventDefault(); items[(at + items.length - 1) % "
    "items.length].focus(); }"
)
_MENU_ESCAPE = (
    " if (event.key === 'Escape') { menu.hidden = true; "
    "button.setAttribute('aria-expanded', 'false'); button.focus(); }"
)


def _fields(first_label: str = "Full name", first_css: str = "", first_extra: str = "") -> str:
    return (
        f'<form action="good.html"><label for="name"{first_css}>{first_label}</label><input '
        f'id="name" name="name"{first_extra}>'
        '<label for="street">Street</label><input id="street" name="street">'
        '<label for="town">Town</label><input id="town" name="town"><p><button '
        'type="submit">Send</button></p></form>'
    )


KINDS: tuple[Kind, ...] = (
    # What axe catches with its default tags
    Kind(
        "image-alt",
        ("axe:image-alt", "guidekit:image-alt"),
        page(f'<p><img src="{PICTURE}"></p>'),
        page(f'<p><img src="{PICTURE}" alt="The front door of the office"></p>'),
        "axe",
    ),
    Kind(
        "low-contrast",
        ("axe:color-contrast",),
        page(f'<p class="pale">{LOREM}</p>', css=".pale { color: #aaa; }"),
        page(f'<p class="pale">{LOREM}</p>', css=".pale { color: #595959; }"),
        "axe",
    ),
    Kind(
        "field-without-label",
        ("axe:label", "guidekit:placeholder-label"),
        page('<form action="good.html"><p>Name</p><p><input name="name"></p></form>'),
        page(
            '<form action="good.html"><p><label for="n">Name</label> <input id="n" '
            'name="name"></p></form>'
        ),
        "axe",
    ),
    Kind(
        "empty-button",
        ("axe:button-name",),
        page('<p><button type="button"></button></p>'),
        page('<p><button type="button">Print</button></p>'),
        "axe",
    ),
    Kind(
        "page-without-lang",
        ("axe:html-has-lang",),
        page(f"<p>{LOREM}</p>").replace('<html lang="en">', "<html>"),
        page(f"<p>{LOREM}</p>"),
        "axe",
    ),
    Kind(
        "empty-link",
        ("axe:link-name", "guidekit:link-name"),
        page('<p><a href="good.html"></a></p>'),
        page('<p><a href="good.html">Opening hours</a></p>'),
        "axe",
    ),
    Kind(
        "page-without-title",
        ("axe:document-title",),
        page(f"<p>{LOREM}</p>").replace("<title>Test page</title>", ""),
        page(f"<p>{LOREM}</p>"),
        "axe",
    ),
    Kind(
        "zoom-disabled",
        ("axe:meta-viewport",),
        page(
            f"<p>{LOREM}</p>",
            head='<meta name="viewport" content="width=device-width, initial-scale=1, '
            'maximum-scale=1, user-scalable=no">',
        ),
        page(f"<p>{LOREM}</p>"),
        "axe",
    ),
    Kind(
        "skipped-heading",
        ("axe:heading-order", "guidekit:heading-order"),
        page(f"<h3>Fees</h3><p>{LOREM}</p>"),
        page(f"<h2>Fees</h2><p>{LOREM}</p>"),
        "axe",
    ),
    Kind(
        "positive-tabindex",
        ("axe:tabindex", "guidekit:focus-order"),
        page('<p><a href="good.html">Hours</a></p><p><a href="bad.html" tabindex="3">Fees</a></p>'),
        page('<p><a href="good.html">Hours</a></p><p><a href="bad.html">Fees</a></p>'),
        "axe",
    ),
    Kind(
        "link-colour-only",
        ("axe:link-in-text-block",),
        page(
            f'<p>{LOREM} Read the <a href="good.html">opening hours</a> first. {LOREM}</p>',
            css="p a { color: #3d3d3d; text-decoration: none; }",
        ),
        page(f'<p>{LOREM} Read the <a href="good.html">opening hours</a> first. {LOREM}</p>'),
        "colour",
    ),
    # The gate's browser checks from before
    Kind(
        "focus-invisible",
        ("guidekit:focus-visible",),
        page(
            '<p><a href="good.html">Opening hours</a></p>',
            css="a:focus, a:focus-visible { outline: none; }",
        ),
        # a ring that fades in, as many sites draw it: judged when it has shown, not as it starts
        page(
            '<p><a href="good.html">Opening hours</a></p>',
            css="a { transition: box-shadow 0.3s ease-in-out; } "
            "a:focus-visible { outline: none; box-shadow: 0 0 0 4px #0b0c0c; }",
        ),
        "keyboard",
    ),
    Kind(
        "keyboard-trap",
        ("guidekit:keyboard-trap",),
        page(
            '<p><label for="n">Name</label> <input id="n"></p><p><a href="good.html">Next</a></p>',
            script=_script(
                "document.getElementById('n').addEventListener('keydown', (e) => { if (e.key === "
                "'Tab') e.preventDefault(); });"
            ),
        ),
        page(
            '<p><label for="n">Name</label> <input id="n"></p><p><a href="good.html">Next</a></p>'
        ),
        "keyboard",
    ),
    Kind(
        "no-reflow",
        ("guidekit:reflow",),
        page(f'<div class="wide"><p>{LOREM}</p></div>', css=".wide { width: 600px; }"),
        page(f'<div class="wide"><p>{LOREM}</p></div>', css=".wide { max-width: 600px; }"),
        "typography",
    ),
    Kind(
        "clipped-when-enlarged",
        ("guidekit:resize-text",),
        page(
            f'<p class="fixed">Bring your card.</p><p>{LOREM}</p>',
            css=".fixed { height: 30px; overflow: hidden; }",
        ),
        page(
            f'<p class="fixed">Bring your card.</p><p>{LOREM}</p>',
            css=".fixed { min-height: 30px; }",
        ),
        "typography",
    ),
    Kind(
        "small-targets",
        ("guidekit:target-size", "axe:target-size"),
        page(
            '<p><button type="button" class="tiny" aria-label="Smaller">-</button><button '
            'type="button" class="tiny" aria-label="Larger">+</button></p>',
            css=".tiny { width: 16px; height: 16px; padding: 0; margin: 0; font-size: 10px; }",
        ),
        page(
            '<p><button type="button" class="tiny" aria-label="Smaller">-</button><button '
            'type="button" class="tiny" aria-label="Larger">+</button></p>',
            css=".tiny { width: 24px; height: 24px; padding: 0; margin: 0; font-size: 10px; }",
        ),
        "keyboard",
    ),
    # Keyboard-dead widgets
    Kind(
        "click-only-div",
        ("guidekit:keyboard-dead",),
        page(
            '<div class="card" id="card">Apply for a library card</div><p id="form" hidden>The '
            "form.</p>",
            css=".card { border: 2px solid; padding: 1rem; cursor: pointer; }",
            script=_script(
                "document.getElementById('card').addEventListener('click', () => { "
                "document.getElementById('form').hidden = false; });"
            ),
        ),
        page(
            '<p><button type="button" id="card">Apply for a library card</button></p><p id="form" '
            "hidden>The form.</p>",
            script=_script(
                "document.getElementById('card').addEventListener('click', () => { "
                "document.getElementById('form').hidden = false; });"
            ),
        ),
        "keyboard",
    ),
    Kind(
        "dialog-without-focus",
        ("guidekit:popup-focus",),
        page(_DIALOG_PAGE, css=_DIALOG_CSS, script=_script(_OPEN_NO_FOCUS)),
        page(_DIALOG_PAGE, css=_DIALOG_CSS, script=_script(_OPEN_WELL)),
        "keyboard",
    ),
    Kind(
        "menu-without-escape",
        ("guidekit:popup-escape",),
        page(_MENU_PAGE, script=_script(_MENU_OPEN + "});")),
        page(_MENU_PAGE, script=_script(_MENU_OPEN + _MENU_ESCAPE + "});")),
        "keyboard",
    ),
    # Vague and broken link patterns
    Kind(
        "link-to-hash",
        ("guidekit:link-nowhere",),
        page(
            '<p><a href="#" id="more">Show the fees</a></p><p id="fees" hidden>Free.</p>',
            script=_script(
                "document.getElementById('more').addEventListener('click', (e) => { "
                "e.preventDefault(); document.getElementById('fees').hidden = false; });"
            ),
        ),
        page(
            '<p><button type="button" id="more">Show the fees</button></p><p id="fees" '
            "hidden>Free.</p>",
            script=_script(
                "document.getElementById('more').addEventListener('click', () => { "
                "document.getElementById('fees').hidden = false; });"
            ),
        ),
        "links",
    ),
    Kind(
        "javascript-link",
        ("guidekit:link-nowhere",),
        page('<p><a href="javascript:window.print()">Print this page</a></p>'),
        page('<p><button type="button" onclick="window.print()">Print this page</button></p>'),
        "links",
    ),
    Kind(
        "same-text-different-places",
        ("guidekit:link-same-text", "axe:identical-links-same-purpose"),
        page(
            '<ul><li><a href="good.html">Application form</a></li><li><a '
            'href="bad.html">Application form</a></li></ul>'
        ),
        page(
            '<ul><li><a href="good.html">Application form for adults</a></li><li><a '
            'href="bad.html">Application form for children</a></li></ul>'
        ),
        "links",
    ),
    Kind(
        "new-window-unannounced",
        ("guidekit:link-new-window",),
        page('<p><a href="good.html" target="_blank">Opening hours</a></p>'),
        page(
            '<p><a href="good.html" target="_blank">Opening hours (opens in a new window)</a></p>'
        ),
        "links",
    ),
    Kind(
        "download-unannounced",
        ("guidekit:link-download",),
        page('<p><a href="form.pdf">Application form</a></p>'),
        page('<p><a href="form.pdf">Application form (PDF, 1 KB)</a></p>'),
        "links",
    ),
    # Typography
    Kind(
        "justified-text",
        ("guidekit:text-justified",),
        page(
            f'<p class="narrow">{LONG}</p>', css=".narrow { max-width: 30em; text-align: justify; }"
        ),
        page(f'<p class="narrow">{LONG}</p>', css=".narrow { max-width: 30em; }"),
        "typography",
    ),
    Kind(
        "tight-lines",
        ("guidekit:line-height",),
        page(f'<p class="tight">{LONG}</p>', css=".tight { line-height: 1; }"),
        page(f'<p class="tight">{LONG}</p>', css=".tight { line-height: 1.5; }"),
        "typography",
    ),
    Kind(
        "long-lines",
        ("guidekit:line-length",),
        page(
            f'<p class="wide">{LONG}</p>', css="main { max-width: none; } .wide { width: 1100px; }"
        ),
        page(
            f'<p class="wide">{LONG}</p>',
            css="main { max-width: none; } .wide { max-width: 35em; }",
        ),
        "typography",
    ),
    Kind(
        "text-in-px",
        ("guidekit:text-fixed-size",),
        page(f'<p class="small">{LOREM}</p>', css=".small { font-size: 15px; }"),
        page(f'<p class="small">{LOREM}</p>', css=".small { font-size: 0.9375rem; }"),
        "typography",
    ),
    Kind(
        "long-italic",
        ("guidekit:long-italic",),
        page(f'<p class="slanted">{LONG}</p>', css=".slanted { font-style: italic; }"),
        page(f"<p>{LONG} <em>Bring it.</em></p>"),
        "typography",
    ),
    Kind(
        "long-capitals",
        ("guidekit:long-capitals",),
        page(f'<p class="loud">{LOREM}</p>', css=".loud { text-transform: uppercase; }"),
        page(f"<p>{LOREM} <strong>Bring it.</strong></p>"),
        "typography",
    ),
    # Colour as the only signal
    Kind(
        "required-by-colour",
        ("guidekit:colour-only",),
        page(
            _fields(first_css=' class="required"'), css=FORM_CSS + " .required { color: #d4351c; }"
        ),
        page(
            _fields(first_label="Full name (required)", first_css=' class="required"'),
            css=FORM_CSS + " .required { color: #d4351c; }",
        ),
        "colour",
    ),
    Kind(
        "error-by-colour",
        ("guidekit:colour-only",),
        page(
            _fields(first_extra=' class="wrong"'),
            css=FORM_CSS + " .wrong { border-color: #d4351c; }",
        ),
        page(
            '<p id="name-error" class="error">Enter your full name</p>'
            + _fields(
                first_extra=' class="wrong" aria-describedby="name-error" aria-invalid="true"'
            ),
            css=FORM_CSS
            + " .wrong { border-color: #d4351c; } .error { color: #d4351c; font-weight: bold; }",
        ),
        "colour",
    ),
    # Forms
    Kind(
        "radios-without-fieldset",
        ("guidekit:group-legend",),
        page(
            '<form action="good.html"><p>How should we contact you?</p><p><input type="radio" '
            'id="e" name="how" value="e"> <label for="e">Email</label></p>'
            '<p><input type="radio" id="p" name="how" value="p"> <label '
            'for="p">Phone</label></p></form>'
        ),
        page(
            '<form action="good.html"><fieldset><legend>How should we contact '
            'you?</legend><p><input type="radio" id="e" name="how" value="e"> <label '
            'for="e">Email</label></p>'
            '<p><input type="radio" id="p" name="how" value="p"> <label '
            'for="p">Phone</label></p></fieldset></form>'
        ),
        "forms",
    ),
    Kind(
        "placeholder-as-label",
        ("guidekit:placeholder-label",),
        page(
            '<form action="good.html"><p><input name="q" placeholder="Your phone '
            'number"></p></form>'
        ),
        page(
            '<form action="good.html"><p><label for="q">Your phone number</label> <input id="q" '
            'name="q"></p></form>'
        ),
        "forms",
    ),
    Kind(
        "hint-not-linked",
        ("guidekit:hint-unlinked",),
        page(
            '<form action="good.html"><div><label for="d">Date of birth</label><p>For example, 27 '
            '3 2007</p><input id="d" name="d"></div></form>'
        ),
        page(
            '<form action="good.html"><div><label for="d">Date of birth</label><p id="d-hint">For '
            'example, 27 3 2007</p><input id="d" name="d" aria-describedby="d-hint"></div></form>'
        ),
        "forms",
    ),
    # Tables and the rest
    Kind(
        "table-without-headers",
        ("guidekit:table-headers", "axe:td-has-header"),
        page(
            "<table><tr><td>Day</td><td>Opens</td><td>Closes</td></tr><tr><td>Monday</td><td>9:00</td><td>17:00</td></tr>"
            "<tr><td>Tuesday</td><td>9:00</td><td>17:00</td></tr></table>"
        ),
        page(
            '<table><tr><th scope="col">Day</th><th scope="col">Opens</th><th '
            'scope="col">Closes</th></tr><tr><td>Monday</td><td>9:00</td><td>17:00</td></tr>'
            "<tr><td>Tuesday</td><td>9:00</td><td>17:00</td></tr></table>"
        ),
        "tables",
    ),
    Kind(
        "duplicate-ids",
        ("axe:duplicate-id", "axe:duplicate-id-active", "axe:duplicate-id-aria"),
        page(f'<p id="fees">{LOREM}</p><p id="fees">{LOREM}</p>'),
        page(f'<p id="fees">{LOREM}</p><p id="hours">{LOREM}</p>'),
        "misc",
    ),
    Kind(
        "obsolete-elements",
        ("guidekit:obsolete-element",),
        page(f'<center><font color="#1b1b1b">{LOREM}</font></center>'),
        page(f'<p class="centred">{LOREM}</p>', css=".centred { text-align: center; }"),
        "misc",
    ),
    Kind(
        "file-name-as-alt",
        ("guidekit:image-alt-meaningless",),
        page(f'<p><img src="{PICTURE}" alt="IMG_2041.png"></p>'),
        page(f'<p><img src="{PICTURE}" alt="The front door of the office"></p>'),
        "misc",
    ),
    Kind(
        "fake-heading",
        ("guidekit:fake-heading",),
        page(
            f'<p class="big">Opening hours</p><p>{LOREM}</p>',
            css=".big { font-size: 1.5rem; font-weight: bold; }",
        ),
        page(f"<h2>Opening hours</h2><p>{LOREM}</p>"),
        "misc",
    ),
    # Kinds nothing here catches yet: a line of bold text at the size of the text around it, set
    # alone as a heading is, reads as a heading to some and as a note's lead-in ("Note", a Sphinx
    # admonition's title) to others; axe's p-as-heading, which tells them apart by weight alone, is
    # experimental and noisy
    Kind(
        "bold-line-heading",
        ("axe:p-as-heading",),
        page(f"<p><strong>Opening hours</strong></p><p>{LOREM}</p>"),
        page(f"<h2>Opening hours</h2><p>{LOREM}</p>"),
        "misc",
        caught=False,
    ),
)

# Files the catalogue's pages link to besides each other
EXTRA_FILES = {"form.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"}


# The kinds that are not about the page as a whole and need no script of the page's, each also put
# inside a web component's shadow DOM (in_a_component): guidekit's checks must find there what they
# find in the page (the old gate's typography, form, table and heading checks passed every one)
PAGE_WIDE = ("page-without-lang", "page-without-title", "zoom-disabled")
IN_A_COMPONENT = tuple(
    kind
    for kind in KINDS
    if kind.caught and kind.name not in PAGE_WIDE and "<script" not in kind.bad + kind.good
)


def write_catalogue(
    folder: Path, kinds: tuple[Kind, ...] = KINDS, dress: Callable[[str], str] = str
) -> Path:
    """Each kind's pages in a folder of its own, ``dress`` making each page as it is written."""
    for kind in kinds:
        target = folder / kind.name
        target.mkdir(parents=True, exist_ok=True)
        (target / "bad.html").write_text(dress(kind.bad), encoding="utf-8")
        (target / "good.html").write_text(dress(kind.good), encoding="utf-8")
        for name, data in EXTRA_FILES.items():
            (target / name).write_bytes(data)
    return folder
