"""A phone number as written for readers (0571-8821 6300 转 8001, 12345（工作日）) and as a
``tel:`` link dials it: the number, then the extension after a pause."""

from __future__ import annotations

import re
import unicodedata

# the number as written, then an extension after 转 / 分机 / ext; a note after it is not dialled
_WRITTEN = re.compile(
    r"\s*(?P<number>\+?[\d\s\-()（）]*\d)(?:\s*(?:转|轉|分机|分機|ext\.?|x)\s*(?P<extension>\d+))?",
    re.IGNORECASE,
)


_DATE_AFTER = re.compile(r"\s*[年月日号號]")
# An input method left on full width types ０２８－１２３４５６７８, and dashes typed between the
# digits (0571—8888 1100) stopped the link at the dash: dialers take ASCII digits and hyphens
_DIALLING = str.maketrans(
    "０１２３４５６７８９＋－\u3000\u2014\u2013\u2012\u2212", "0123456789+- ----"
)


def for_dialling(phone: str) -> str:
    """The number typed as a dialer takes it; the note after it as the editor wrote it (工作日
    9:00—17:00 keeps its dash)."""
    translated = phone.translate(_DIALLING)  # one character for one: the places stay
    found = _WRITTEN.match(translated)
    end = found.end() if found else len(phone)
    return translated[:end] + phone[end:]


def dialable(phone: str) -> bool:
    """Whether the text starts with a number a phone can dial (three digits at least): a tap on
    见窗口公告 or 请拨打 12345 as a link would call nothing, and on 2024 年起改为 12345 would
    call 2024."""
    found = _WRITTEN.match(phone)
    return (
        found is not None
        and sum(char.isdigit() for char in found["number"]) >= 3
        and not _DATE_AFTER.match(phone, found.end())
    )


def written_parts(phone: str) -> tuple[str, str]:
    """The number as written (with its extension), and the note after it: a link holds the first,
    the note stands beside it as the editor wrote it."""
    found = _WRITTEN.match(phone)
    if found is None:
        return phone, ""
    return phone[: found.end()].strip(), phone[found.end() :]


def tel_address(phone: str) -> str:
    """``tel:`` and the digits to dial, with the separators a dialer shows kept (-); a comma
    pauses before an extension."""
    found = _WRITTEN.match(phone)
    if found is None:
        return "tel:" + "".join(phone.split())
    # an area code in brackets typed full width, （028）, dials as (028)
    number = "".join(unicodedata.normalize("NFKC", found["number"]).split())
    return "tel:" + number + ("," + found["extension"] if found["extension"] else "")
