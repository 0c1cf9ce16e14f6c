"""WCAG 1.4.12 Text spacing: with the reader's own spacing (line 1.5, paragraphs 2, letters 0.12,
words 0.16 em), no text is clipped or drawn over other text (text_fit.py measures it)."""

from __future__ import annotations

from .text_fit import TextChange

CHANGE = TextChange("spacing", "guidekit:text-spacing", "1.4.12", "text-spacing")
