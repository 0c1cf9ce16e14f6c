"""The files every page of a site shares: one stylesheet per theme and the scripts."""

from __future__ import annotations

from .component_assets import script, stylesheet
from .theme import THEMES

SCRIPT = "assets/guidekit.js"
# read-aloud's script is loaded only by the pages that show the control (guides, its gallery page):
# every other page stays inside the page-weight budget without it
READ_ALOUD_SCRIPT = "assets/guidekit-read-aloud.js"


def site_assets() -> dict[str, str]:
    """The site's shared files, by path below the site root: one stylesheet per theme and the
    scripts."""
    files = {
        f"assets/{theme.stylesheet}": stylesheet(theme.name, page_layout=True) for theme in THEMES
    }
    files[SCRIPT] = script(without=("read-aloud",))
    files[READ_ALOUD_SCRIPT] = script(only=("read-aloud",))
    return files
