"""Why front matter is not valid YAML, said the way editors make the mistake: a full-width colon, a
colon inside a value, a tab, a bracket or quote left open, a list item out of line, a line without a
colon.

The parser's own words are English and point where it gave up, often a line after the mistake; these
point at the line the editor must change and show the fix. Run only when parsing failed, but for
``before_parsing``'s, which YAML may read without failing, as something the editor did not mean.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

_KEY = r"(?P<indent>\s*)(?P<item>-\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"\s*：\s*(?P<value>.*)$")
_NO_SPACE = re.compile(_KEY + r":(?P<value>[^\s].*)$")
_SPACE_AFTER_COLON = re.compile(_KEY + r":[ ]*\u3000")
_KEY_VALUE = re.compile(_KEY + r":\s+(?P<value>.*?)\s*$")
_COLON_IN_VALUE = re.compile(r":(\s|$)")
_LIST_ITEM = re.compile(r"(?P<indent> *)- ")
_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}
# what a Chinese input method types for the second of a pair of double quotes
_CHINESE_CLOSING_QUOTES = "”“」』"


@dataclass(frozen=True)
class Diagnosis:
    key: str  # the message in errors.yml
    line: int  # 0-based, within the YAML text
    args: dict[str, object] = field(default_factory=dict)


def diagnose(lines: Sequence[str], stumbled: int) -> Diagnosis | None:
    """The likely cause of a parse error the parser noticed on line ``stumbled`` (0-based); None
    when the lines up to there show none of the usual mistakes."""
    last = min(stumbled, len(lines) - 1)
    for number in range(last + 1):
        for check in _CHECKS:
            found = check(lines, number, last)
            if found is not None:
                return found
    return None


def before_parsing(lines: Sequence[str]) -> Diagnosis | None:
    """The mistakes looked for before parsing, in the order of their lines."""
    found = [found for check in (_full_width_space, _value_before_items) if (found := check(lines))]
    return min(found, key=lambda diagnosis: diagnosis.line, default=None)


def _full_width_space(lines: Sequence[str]) -> Diagnosis | None:
    """A full-width space (U+3000: a Chinese input method's, or Word's) where YAML needs an ordinary
    one, in a line's indent or after a field's colon. YAML may read such a line without failing
    (``　　- name: 身份证`` becomes a field of that name), so this runs before parsing; inside a
    value it is text, and left alone."""
    for number, text in enumerate(lines):
        indent = text[: len(text) - len(text.lstrip(" \u3000"))]
        if ("\u3000" in indent and text.strip(" \u3000")) or _SPACE_AFTER_COLON.match(text):
            return Diagnosis("yaml-fullwidth-space", number)
    return None


def _value_before_items(lines: Sequence[str]) -> Diagnosis | None:
    """A field with a value after its colon (``materials: []``, ``materials: 无``) and ``- item``
    lines under it, as when an example's items are uncommented below a field written empty. YAML
    refuses most of these at the item, naming no field, and reads the rest as one text
    (``无 - 居民身份证``)."""
    written = [
        (number, text)
        for number, text in enumerate(lines)
        if text.strip() and not text.lstrip().startswith("#")
    ]
    for (number, text), (_, below) in itertools.pairwise(written):
        found = _KEY_VALUE.match(text)
        item = _LIST_ITEM.match(below)
        if found is None or item is None:
            continue
        value = found["value"].split(" #")[0].strip()
        column = len(found["indent"]) + len(found["item"] or "")
        if value and value[0] not in "#|>" and len(item["indent"]) >= column:
            return Diagnosis(
                "yaml-value-before-items", number, {"field": found["key"], "value": value}
            )
    return None


def _tab(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    text = lines[number]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return Diagnosis("yaml-tab", number) if "\t" in indent and text.strip() else None


def _full_width_colon(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    found = _FULL_WIDTH_COLON.match(lines[number])
    if found is None or ":" in lines[number].split("：", 1)[0]:
        return None
    return Diagnosis(
        "yaml-fullwidth-colon", number, {"field": found["key"], "value": found["value"] or "…"}
    )


def _colon_without_space(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    found = _NO_SPACE.match(lines[number])
    if found is None or found["indent"] or found["item"] or found["value"].startswith(("//", ":")):
        return None
    return Diagnosis("yaml-colon-space", number, {"field": found["key"], "value": found["value"]})


def _colon_in_value(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    found = _KEY_VALUE.match(lines[number])
    if (
        found is None
        or found["value"][:1] in {'"', "'", "[", "{", "|", ">", "#"}
        or not _COLON_IN_VALUE.search(found["value"])
    ):
        return None
    quoted = found["value"].replace('"', "'")
    return Diagnosis("yaml-colon-in-value", number, {"field": found["key"], "value": f'"{quoted}"'})


def _opened_value(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    """A value that starts with a bracket or quote the parser reads as YAML's own, left open up to
    where it stumbled or followed by more text (``[草稿] 办理居住证``)."""
    found = _KEY_VALUE.match(lines[number])
    if found is None or found["value"][:1] not in _CLOSERS:
        return None
    opener, value = found["value"][0], found["value"]
    closer = _CLOSERS[opener]
    text = "\n".join(line.split(" #")[0] for line in lines[number : last + 1])
    if opener in "[{":
        still_open = text.count(opener) > text.count(closer)
        closed_early = not still_open and not value.rstrip().endswith(closer) and number == last
    else:
        # closed only by a quote on the line the parser stumbled on, a quote not meant to end it
        closed_there = value.split(" #")[0].count(opener) < 2 and opener in lines[last]
        still_open = text.count(opener) < 2 or (number < last and closed_there)
        closed_early = not still_open and not value.rstrip().endswith(closer) and number == last
    if not (still_open or closed_early):
        return None
    plain = value.replace('"', "")
    if opener == '"' and plain.rstrip()[-1:] in _CHINESE_CLOSING_QUOTES:
        return Diagnosis(
            "yaml-quote-closed-chinese",
            number,
            {
                "field": found["key"],
                "closer": plain.rstrip()[-1],
                "value": f'"{plain.rstrip()[:-1]}"',
            },
        )
    return Diagnosis(
        "yaml-opened-value",
        number,
        {"field": found["key"], "opener": opener, "closer": closer, "value": f'"{plain}"'},
    )


def _list_item_out_of_line(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    """A ``- item`` (or a field of one) that does not line up with the lines of the same list above
    it."""
    if number == 0 or number != last:
        return None
    text = lines[number]
    indent = len(text) - len(text.lstrip(" "))
    above = [line for line in lines[:number] if line.strip() and not line.lstrip().startswith("#")]
    if not above:
        return None
    item = _LIST_ITEM.match(text)
    if item is not None:
        siblings = [
            len(m["indent"])
            for line in above
            if (m := _LIST_ITEM.match(line)) and len(m["indent"]) != indent
        ]
        if siblings and indent not in {
            len(m["indent"]) for line in above if (m := _LIST_ITEM.match(line))
        }:
            return Diagnosis(
                "yaml-list-indent", number, {"found": indent, "expected": siblings[-1]}
            )
        return None
    previous = above[-1]
    previous_item = _LIST_ITEM.match(previous)
    expected = (
        len(previous_item["indent"]) + 2
        if previous_item
        else len(previous) - len(previous.lstrip(" "))
    )
    if indent != expected and indent > 0:
        return Diagnosis("yaml-field-indent", number, {"found": indent, "expected": expected})
    return None


def _no_colon(lines: Sequence[str], number: int, last: int) -> Diagnosis | None:
    """A line of its own at the left edge that is no ``field: value``; the parser notices only on
    the next line."""
    text = lines[number]
    if not text.strip() or text[0] in " \t#-" or ":" in text or "：" in text:
        return None
    return Diagnosis("yaml-no-colon", number, {"text": text.strip()[:20]})


_CHECKS: tuple[Callable[[Sequence[str], int, int], Diagnosis | None], ...] = (
    _tab,
    _full_width_colon,
    _colon_without_space,
    _colon_in_value,
    _opened_value,
    _no_colon,
    _list_item_out_of_line,
)
