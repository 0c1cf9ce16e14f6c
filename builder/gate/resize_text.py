"""WCAG 1.4.4 Resize text: with all text twice as large, nothing is clipped or drawn over other
text (text_fit.py measures it)."""

from __future__ import annotations

from .text_fit import TextChange

CHANGE = TextChange("zoom", "guidekit:resize-text", "1.4.4", "resize-text")
