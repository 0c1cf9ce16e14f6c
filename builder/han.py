"""What counts as a Han character, for every part of guidekit that looks for Chinese text: the
linter, the search index, reading aids, the gallery's language marks and the gate's.

Character-class pieces, to compose into a pattern (``f"[{BASIC_HAN}]+"``), and the one-character
pattern most callers need.
"""

from __future__ import annotations

import re

# CJK Unified Ideographs and their Extension A: the characters Chinese text is written in, and
# all that jieba's dictionary, pypinyin's readings and the linter's word lists know
BASIC_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# ...and CJK Compatibility Ideographs and Extensions B to G: rare, but a text holding them is
# Chinese all the same (which language a text is in, not how to read or segment it)
EVERY_HAN = BASIC_HAN + "\uf900-\ufaff\U00020000-\U0003134f"
# CJK symbols and punctuation, and full-width forms: what sits between Han characters in a phrase
CHINESE_PUNCTUATION = "\u3000-\u303f\uff01-\uff5e"

HAN = re.compile(f"[{BASIC_HAN}]")
