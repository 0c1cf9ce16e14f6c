"""guidekit's two themes, and everything that differs between them: where their pages live, their
stylesheet, the WCAG level their pages aim at and what the gate holds them to.

Always chosen by name (``theme_named``) or as ``STANDARD`` / ``SILVER``; the theme folders of the
package (``guidekit.themes``) hold their design tokens under the same names.
"""

from __future__ import annotations

from dataclasses import dataclass

# axe-core's tags for WCAG 2.0–2.2 levels A and AA, and its best practices
_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


@dataclass(frozen=True)
class Theme:
    name: str  # also the theme's folder below guidekit.themes
    prefix: str  # where the theme's pages live below the site root
    stylesheet: str  # the site's file name below assets/
    levels: tuple[str, ...]  # the WCAG levels its pages aim at
    axe_tags: tuple[str, ...]  # the axe-core rules the gate runs on its pages
    contrast_rules: tuple[str, ...]  # the axe-core rules that measure its colour contrast
    target_size: int  # CSS pixels, both ways, its pages give every target outside a sentence
    reading_aids: bool  # readings over rare characters and glossary words, soft hyphens in English
    # a table's data cells carry their column's name (data-label), for a phone's one column
    column_labels: bool

    def aims_at(self, level: str) -> bool:
        return level in self.levels


STANDARD = Theme(
    name="standard",
    prefix="",
    stylesheet="guidekit.css",
    levels=("A", "AA"),
    axe_tags=_AA_TAGS,
    contrast_rules=("color-contrast",),
    target_size=44,
    reading_aids=False,
    column_labels=False,
)
SILVER = Theme(
    name="silver",
    prefix="silver/",
    stylesheet="guidekit-silver.css",
    levels=("A", "AA", "AAA"),
    axe_tags=_AA_TAGS + ("wcag2aaa",),  # adds color-contrast-enhanced (7:1)
    contrast_rules=("color-contrast", "color-contrast-enhanced"),
    target_size=60,
    reading_aids=True,
    column_labels=True,
)
THEMES = (STANDARD, SILVER)  # every page is made in each, in this order
THEME_NAMES = tuple(theme.name for theme in THEMES)


def theme_named(name: str) -> Theme:
    """The theme called ``name``; a ValueError naming the themes there are for any other name."""
    theme = find_theme(name)
    if theme is None:
        raise ValueError(f"unknown theme '{name}': use one of {', '.join(THEME_NAMES)}")
    return theme


def find_theme(name: str | None) -> Theme | None:
    """The theme called ``name``, None for any other name (a page's markup names its theme)."""
    return next((theme for theme in THEMES if theme.name == name), None)


def other_theme(theme: Theme) -> Theme:
    """The theme a page's theme switch leads to."""
    return SILVER if theme is STANDARD else STANDARD


def theme_of_page(site_path: str) -> Theme:
    """The theme of a page below the site root, told by the folder it sits in."""
    return max(
        (theme for theme in THEMES if site_path.startswith(theme.prefix)),
        key=lambda theme: len(theme.prefix),
    )
