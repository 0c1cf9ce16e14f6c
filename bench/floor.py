"""The floor: bare markdown-it-py parse + Jinja2 render + write, two pages per guide, nothing else.

Usage: python bench/floor.py SOURCE OUT
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment
from markdown_it import MarkdownIt
from markupsafe import Markup

PAGE = Environment(autoescape=True).from_string(
    '<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>'
    '<link rel="stylesheet" href="{{ css }}"></head><body><main>{{ body }}</main></body></html>'
)


def main(source: Path, out: Path) -> None:
    md = MarkdownIt("commonmark").enable("table")
    for path in sorted(source.rglob("*.md")):
        text = path.read_text("utf-8")
        _, front, body = text.split("---\n", 2)
        title = front.split("title: ", 1)[1].split("\n", 1)[0]
        html = md.render(body)
        relative = path.relative_to(source).with_suffix(".html")
        for prefix, css in (("", "standard.css"), ("silver/", "silver.css")):
            target = out / prefix / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                PAGE.render(lang="zh-Hans", title=title, css=css, body=Markup(html)),
                encoding="utf-8",
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
