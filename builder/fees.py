"""A fee as written: words saying nothing is charged (不收费, 免费, Free), or what is charged."""

from __future__ import annotations

import re
import unicodedata

# how fee fields say nothing is charged, in words or as an amount of nothing with its currency
# (0元, 0.00 元, ¥0, 零元: county exports write 是否收费 否 so; a bare 0 may be a blank left
# unfilled, and lint asks); the page says it in the site's one way (不收费)
_ZERO = r"(?:0+(?:\.0+)?|零)"
_CURRENCY, _UNIT = r"(?:[¥$]|rmb|cny)", r"(?:元|圆|圓|yuan|rmb|cny)"
_FREE = re.compile(
    r"^\s*(?:不收费|不收費|免费|免費|免收费用|免收費用|free|free of charge|no charge"
    rf"|{_CURRENCY}\s*{_ZERO}\s*{_UNIT}?|{_ZERO}\s*{_UNIT})\s*[。.]?\s*$",
    re.IGNORECASE,
)


def says_free(text: str) -> bool:
    # full-width digits and ￥, as Chinese input methods type them, are the same amount
    return bool(_FREE.match(unicodedata.normalize("NFKC", text)))
