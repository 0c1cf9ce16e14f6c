"""A fee as written: words saying nothing is charged (不收费, 免费, Free), or what is charged."""

from __future__ import annotations

import re

# how fee fields say nothing is charged; the page says it in the site's one way (不收费)
_FREE = re.compile(
    r"^\s*(?:不收费|不收費|免费|免費|免收费用|免收費用|free|free of charge|no charge)\s*[。.]?\s*$",
    re.IGNORECASE,
)


def says_free(text: str) -> bool:
    return bool(_FREE.match(text))
