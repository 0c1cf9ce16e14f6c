"""What guidekit's gate finds on MkDocs' stock themes and on theme: guidekit, measured by the
plugin itself.

Builds the test project tests/mkdocs_project/ (three pages with components, zh-Hans and en) once per
theme with ``mkdocs build`` and the plugin's JSON report, and prints, per theme: distinct problems,
how many of them the theme's templates make, and the pages affected. The README's table comes from
here.

Usage: python bench/mkdocs_themes.py [THEME ...]   (default: mkdocs material guidekit)
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent / "tests" / "mkdocs_project"


def measure(theme: str, folder: Path) -> dict[str, object]:
    project = folder / theme
    shutil.copytree(PROJECT, project)
    config = project / "mkdocs.yml"
    text = re.sub(r"^theme: .*$", f"theme: {theme}", config.read_text("utf-8"), flags=re.MULTILINE)
    # the site is Chinese whatever a stock theme's locale says
    options = (
        "  - guidekit:\n      lang: zh-Hans\n      report_json: report.json\n      cache: false\n"
    )
    config.write_text(text.replace("  - guidekit\n", options), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True
    )
    report = json.loads((project / "report.json").read_text("utf-8"))
    problems = report["findings"]
    affected = {
        occurrence["page"]
        for problem in problems
        for occurrence in problem["occurrences"]
        if occurrence["page"]
    }
    return {
        "theme": theme,
        "published": result.returncode == 0,
        "problems": len(problems),
        "from_theme": sum(
            1 for problem in problems if not str(problem["file"]).startswith("docs/")
        ),
        "pages_affected": len(affected),
        "pages": report["pages"],
        "rules": Counter(problem["rule"] for problem in problems).most_common(),
    }


def main() -> None:
    themes = sys.argv[1:] or ["mkdocs", "material", "guidekit"]
    with tempfile.TemporaryDirectory() as folder:
        for theme in themes:
            figures = measure(theme, Path(folder))
            print(
                f"{figures['theme']}: {figures['problems']} distinct problems "
                f"({figures['from_theme']} from the theme's templates), "
                f"{figures['pages_affected']} of {figures['pages']} pages affected, "
                f"{'published' if figures['published'] else 'refused'}; by rule: {figures['rules']}"
            )


if __name__ == "__main__":
    main()
