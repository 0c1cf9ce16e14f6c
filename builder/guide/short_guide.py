"""The 简版 (short guide) of a guide, in render: what to bring as a checklist, where to go and when,
how long it takes, what it costs and whom to call, on a page of its own that prints on one A4 sheet
at large type (18 pt, the silver print size, in both themes).

The screen shows every fact. Paper is one sheet, so what prints is planned here, when the page is
made (the site is static: no script measures it). Each part's printed height is estimated from its
text at the sizes of the print stylesheet (``themes/base/base.css``, ``.gk-page--short``). When
the parts would not fit, the checklist first goes into two columns (still 18 pt), then places
after the first are left off the paper, then the materials' notes, then materials from the end of
the list (those needed only in some cases go first); the sheet says how many materials and places
it left off and that the full guide lists them.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

from ..fees import says_free
from ..messages import ui_text
from ..source.content_model import GuideMeta, Material, Place

# The print stylesheet's sizes in CSS px: an A4 sheet less 10 mm margins is 718 x 1,047; body text
# is 18 pt (24 px) with a line height of 1.35. Measured in Chromium: a heading with its margins,
# the header.
SHEET = 1047.0
TEXT = 24.0
LINE = TEXT * 1.35
WIDTH = 718.0 / TEXT  # the text width, in em of body text
COLUMN = (WIDTH - 1.5) / 2  # one of two checklist columns, less the gap between them
H1 = 1.3  # heading sizes, in em of body text, at a line height of 1.2
H2_BLOCK = 45.0  # an h2 with its margins, on one line
H3_BLOCK = 41.0
HEADER = 60.0  # the site's name above its rule, and the space before the title
GAP = 6.0  # between list items, after a section
SPARE = LINE  # the estimate counts characters, the browser breaks lines at words: one line to spare
# Widths in em, measured in Chromium with the Noto fonts: a Chinese character is 1, a Latin letter,
# digit or space 0.53 on average (0.63 in bold). Breaking lines between words (and keeping CJK
# punctuation off a line's start) wastes about WRAP of each line.
LATIN, LATIN_BOLD, WRAP = 0.53, 0.63, 1.5
TICK = 1.25  # the tick box and the space after it, in em
FACT_GAP = 1.25  # between facts running on in one line, and after a label, in em
NOTICE_TEXT = 1.1  # a notification banner's words, in em of body text


@dataclass(frozen=True)
class ChecklistItem:
    name: str
    necessity: str  # "always" or "conditional"
    facts: str  # original or copy, how many, when it is needed
    note: str | None  # the editor's note (``material.note``) with its separator in front
    printed: bool


@dataclass(frozen=True)
class ChecklistGroup:
    necessity: str  # "always" or "conditional"
    items: tuple[ChecklistItem, ...]

    @property
    def printed(self) -> bool:
        return any(item.printed for item in self.items)


@dataclass(frozen=True)
class Plan:
    """What the printed sheet holds."""

    places: int  # the first ones
    columns: bool  # the checklist in two columns
    notes: bool  # the materials' notes
    materials: int  # the first ones: those to bring always come first


@dataclass(frozen=True)
class ShortGuide:
    """What the short page shows, and what of it the printed sheet leaves out."""

    facts: dict[str, Any] | None  # the key-facts component's params
    groups: tuple[ChecklistGroup, ...]  # the materials to bring always, then those for some cases
    plan: Plan
    materials_left_out: int  # the page shows them; the sheet leaves them off and says so
    places_left_out: int


def short_guide(
    meta: GuideMeta,
    lang: str,
    facts: dict[str, Any] | None,
    *,
    full_guide_url: str | None = None,
    unchecked: bool = False,
    notices: Sequence[str] = (),
) -> ShortGuide:
    """The short page of ``meta``, showing ``facts`` (the key-facts component's params). The sheet
    also prints ``full_guide_url`` (when the site knows its address), the guide's ``notices`` (each
    one's heading and words) and, when ``unchecked``, the preview banner."""
    materials = sorted(meta.materials, key=lambda material: material.required != "always")
    items = [_item(material, lang) for material in materials]
    fixed = _fixed_height(meta, lang, facts, full_guide_url, unchecked)
    sheet = _Sheet(
        SHEET - SPARE - fixed - sum(_notice_height(notice) for notice in notices),
        [_place_height(place, lang) for place in meta.places],
        items,
        lang,
    )
    plan = next((plan for plan in sheet.plans() if sheet.fits(plan)), None)
    if plan is None:  # fewer materials (those needed only in some cases go first), then no place
        fewest = sheet.fewest()
        # the more materials, the taller the checklist: the most that fit, found by halving
        fitting = bisect_right(
            range(len(items) + 1),
            False,
            key=lambda count: not sheet.fits(replace(fewest, materials=count)),
        )
        plan = replace(fewest, materials=max(fitting - 1, 0))
        if not sheet.fits(plan):
            plan = replace(plan, places=0)
    printed = [replace(item, printed=index < plan.materials) for index, item in enumerate(items)]
    groups = [
        ChecklistGroup(necessity, tuple(item for item in printed if item.necessity == necessity))
        for necessity in ("always", "conditional")
        if any(item.necessity == necessity for item in printed)
    ]
    return ShortGuide(
        facts,
        tuple(groups),
        plan,
        len(items) - plan.materials,
        len(meta.places) - plan.places,
    )


class _Sheet:
    """The room a sheet leaves for places and the checklist, and what each plan takes of it."""

    def __init__(
        self, room: float, places: list[float], items: list[ChecklistItem], lang: str
    ) -> None:
        self.room, self.items, self.lang = room, items, lang
        self.place_count = len(places)
        self._places = list(accumulate(places, initial=0.0))  # the first n places' height
        # a checklist's height by (columns, notes, materials): a guide may have thousands of them
        self._checklists: dict[tuple[bool, bool, int], float] = {}

    def plans(self) -> Iterator[Plan]:
        """Whole checklists, best first: every place, the checklist in one column, then in two;
        then fewer places; then the materials without their notes."""
        layouts = (False, True) if len(self.items) > 1 else (False,)
        for places in range(self.place_count, 0, -1) if self.place_count else [0]:
            for columns in layouts:
                yield Plan(places, columns, True, len(self.items))
        for columns in layouts:
            yield Plan(min(1, self.place_count), columns, False, len(self.items))

    def fewest(self) -> Plan:
        """The plan that leaves most room for the checklist."""
        return min(self.plans(), key=lambda plan: (plan.notes, self._height(plan)))

    def fits(self, plan: Plan) -> bool:
        return self._height(plan) <= self.room

    def _height(self, plan: Plan) -> float:
        height = self._places[plan.places] + (H2_BLOCK if self.place_count else 0.0)
        height += _note_height(self.lang, "places", self.place_count - plan.places)
        height += _note_height(self.lang, "materials", len(self.items) - plan.materials)
        key = (plan.columns, plan.notes, plan.materials)
        if key not in self._checklists:
            self._checklists[key] = _checklist(self.items, plan)
        return height + self._checklists[key]


def _item(material: Material, lang: str) -> ChecklistItem:
    """What matters about a material on paper: original or copy, how many, when it is needed, the
    editor's note. Where to get it is in the full guide."""
    kept = [ui_text(lang, f"form-{material.form}")] if material.form else []
    if material.copies:
        kept.append(ui_text(lang, "copies", n=material.copies))
    parts = [ui_text(lang, "list-separator").join(kept)] if kept else []
    if material.required == "conditional" and material.condition:
        parts.append(ui_text(lang, "material-conditional", condition=material.condition))
    separator = ui_text(lang, "short-fact-separator")
    note = (separator if parts else "") + material.note if material.note else None
    return ChecklistItem(material.name, material.required, separator.join(parts), note, True)


def _width(text: str, *, bold: bool = False) -> float:
    """``text``'s printed width in em."""
    latin = LATIN_BOLD if bold else LATIN
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else latin for char in text)


def _lines(width: float, column: float = WIDTH) -> int:
    """Lines of body text that ``width`` em of text takes in ``column`` em."""
    return max(1, math.ceil(width / (column - WRAP)))


def _run_on(facts: Sequence[tuple[str, str | None]]) -> float:
    """The width of labelled facts running on in one paragraph: ``地址 人民路 1 号  电话 12333``."""
    return sum(
        _width(label, bold=True) + _width(value) + 2 * FACT_GAP for label, value in facts if value
    )


# The key-facts component's params a short page passes, and their labels
FACT_LABELS = {
    "time_limit": "time-limit",
    "promised_time_limit": "promised-time-limit",
    "legal_time_limit": "legal-time-limit",
    "item_kind": "item-kind",
    "fees": "fees",
    "visits": "visits",
    "last_reviewed": "last-reviewed",
}


def _fact_text(key: str, value: Any, lang: str) -> str | None:
    """A key fact as the key-facts component writes it (a list of fees: none, measured apart)."""
    if value is None or isinstance(value, list):
        return None
    if key == "item_kind":
        return ui_text(lang, f"item-kind-{value}")
    if key == "visits":
        return ui_text(lang, "visits-count" if value else "visits-none", n=value)
    if key == "fees" and (not value or says_free(value)):
        return ui_text(lang, "free")
    if key == "last_reviewed":
        year, month, day = value.split("-")
        return ui_text(lang, "date", year=year, month=int(month), day=int(day))
    return str(value)


def _fixed_height(
    meta: GuideMeta,
    lang: str,
    facts: dict[str, Any] | None,
    full_guide_url: str | None,
    unchecked: bool,
) -> float:
    """What always prints whole: the header, the title, the key facts, the address of the online
    service, whom to call, the full guide's address."""
    height = HEADER + _lines(
        _width(ui_text(lang, "short-title", title=meta.title), bold=True), WIDTH / H1
    ) * (TEXT * H1 * 1.2)
    if unchecked:
        height += _lines(_width(ui_text(lang, "unchecked"), bold=True)) * LINE + GAP * 2
    if facts or meta.online:
        height += H2_BLOCK + GAP
    if facts:
        items = facts["fees"] if isinstance(facts["fees"], list) else []
        fees = [ui_text(lang, "fee-item", item=fee["item"], amount=fee["amount"]) for fee in items]
        labelled = [
            (ui_text(lang, label), _fact_text(key, facts.get(key), lang))
            for key, label in FACT_LABELS.items()
        ]
        labelled.append((ui_text(lang, "fees"), fees[0] if len(fees) == 1 else None))
        height += _lines(_run_on(labelled)) * LINE
        if len(fees) > 1:  # a list of fees prints one to a line
            height += sum(_lines(_width(fee)) for fee in fees) * LINE
    if meta.online:
        online = f"{ui_text(lang, 'online')}：{meta.online.label or ''} ({meta.online.url})"
        height += _lines(_width(online)) * LINE
    if meta.consult and meta.consult.phone:
        call = [ui_text(lang, "help-phone"), meta.consult.name, meta.consult.phone]
        call.append(meta.consult.hours and ui_text(lang, "in-brackets", text=meta.consult.hours))
        height += H2_BLOCK + _lines(_width(" ".join(filter(None, call)))) * LINE + GAP
    if full_guide_url:
        height += _lines(_width(ui_text(lang, "full-guide-url") + full_guide_url)) * LINE
    return height


def _notice_height(text: str) -> float:
    """A notification banner on paper: its heading, its words at 1.1 times body text, the padding
    round them (about an em on each side) and the gap after it."""
    return (
        H2_BLOCK
        + _lines(_width(text) * NOTICE_TEXT, WIDTH - 2) * LINE * NOTICE_TEXT
        + 2 * TEXT
        + GAP
    )


def _checklist(items: Sequence[ChecklistItem], plan: Plan) -> float:
    """The printed height of the checklist: its heading, the materials to bring always, those for
    some cases under a heading of their own; each of the plan's items a tick box, the name, its
    facts and perhaps its note running on after it."""
    if not items:
        return 0.0
    column = COLUMN if plan.columns else WIDTH
    groups = [
        [
            _lines(
                TICK
                + _width(item.name, bold=True)
                + FACT_GAP
                + _width(item.facts + (item.note or "" if plan.notes else "")),
                column,
            )
            * LINE
            + GAP
            for item in items[: plan.materials]
            if item.necessity == necessity
        ]
        for necessity in ("always", "conditional")
    ]
    height = H2_BLOCK + (H3_BLOCK if groups[1] else 0.0)  # only the second group has one on paper
    return height + sum(_column_height(heights, plan.columns) for heights in groups)


def _column_height(heights: list[float], columns: bool) -> float:
    """A list's height; in two columns, the longer of two balanced columns of whole items."""
    if not columns:
        return sum(heights)
    first, total = 0.0, sum(heights)
    for height in heights:
        if first and first + height > total / 2:
            break
        first += height
    return max(first, total - first)


def _place_height(place: Place, lang: str) -> float:
    facts = [
        (ui_text(lang, key), getattr(place, key))
        for key in ("address", "hours", "holidays", "phone")
    ]
    name = (_lines(_width(place.name, bold=True)) - 1) * TEXT * 1.2  # lines after the first
    return H3_BLOCK + name + _lines(_run_on(facts)) * LINE


def _note_height(lang: str, what: str, left_out: int) -> float:
    """The note that says how many ``what`` (materials or places) the sheet left off."""
    if not left_out:
        return 0.0
    return (
        _lines(_width(ui_text(lang, f"short-{what}-left-out", n=left_out), bold=True)) * LINE + GAP
    )
