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
