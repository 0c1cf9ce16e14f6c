"""The component gallery: one page per component — description, every example rendered with its
Jinja2 call, the README's usage from Markdown and Jinja2, the parameters — in every theme.

The pages go through the same layout and the same gate as the guides. ``examples_page`` renders
a component's examples on a tiny self-contained page, for the accessibility tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..component_registry import Component, registry
from ..source.config import SiteConfig
from ..han import CHINESE_PUNCTUATION, EVERY_HAN, script_only_in
from ..jinja import render_component, script, stylesheet
from ..guide.markdown_html import markdown_renderer
from ..messages import DEFAULT_LANGUAGE, ui_text
from ..pages import Page
from ..guide.parse import markdown_parser
from ..guide.render import page_context
from ..site_paths import GALLERY_INDEX, root_of
from ..templates import environment
from ..theme import THEMES

GALLERY_FOLDER = GALLERY_INDEX.rsplit("/", 1)[0]
# Examples sit under the gallery's h3 example names; on a page of their own, under the h1.
_GALLERY_HEADING_LEVEL = 4
_PAGE_HEADING_LEVEL = 2
# Han characters, with the Chinese punctuation between them: what the gate takes for Chinese
_CHINESE = re.compile(f"[{EVERY_HAN}](?:[{EVERY_HAN}{CHINESE_PUNCTUATION}]*[{EVERY_HAN}])?")


@dataclass(frozen=True)
class RenderedExample:
    name: str
    lang: str
    html: Markup
    jinja: str  # the call that renders it, to copy into a template


def render_gallery(config: SiteConfig, *, checked: bool) -> list[Page]:
    if not config.gallery:
        return []
    env = environment()
    lang = config.default_lang
    pages = []
    for theme in THEMES:
        site_path = theme.prefix + GALLERY_INDEX
        html = env.get_template("base/gallery-index.html.j2").render(
            **page_context(config, theme, site_path, lang, checked),
            source=None,
            components=registry().values(),
            english=english_text,
        )
        pages.append(Page(site_path, html, theme.name, lang, None))
        for component in registry().values():
            site_path = f"{theme.prefix}{GALLERY_FOLDER}/{component.name}.html"
            html = env.get_template("base/gallery.html.j2").render(
                **page_context(config, theme, site_path, lang, checked),
                source=None,
                subject=component,
                examples=[
                    render_example(component, example, _GALLERY_HEADING_LEVEL, landmark_suffix=True)
                    for example in component.examples
                ],
                usage=readme_html(component),
                gallery_index=root_of(site_path) + theme.prefix + GALLERY_INDEX,
                english=english_text,
            )
            pages.append(Page(site_path, html, theme.name, lang, None))
    return pages


def render_example(
    component: Component,
    example: dict[str, Any],
    heading_level: int,
    *,
    landmark_suffix: bool = False,
) -> RenderedExample:
    """An example as a page shows it: its headings at ``heading_level`` unless it sets its own.

    Several landmarks of one kind on a page need different names, so with ``landmark_suffix``
    an example that could name its landmark (a ``label`` param) is named after the example.
    """
    params = dict(example.get("params") or {})
    lang = params.get("lang", DEFAULT_LANGUAGE)
    shown = dict(params)
    if "heading_level" in component.params:
        shown.setdefault("heading_level", heading_level)
    if landmark_suffix and "label" in component.params:
        shown.setdefault(
            "label",
            ui_text(lang, "example-landmark", example=f"{component.name} {example['name']}"),
        )
    html = render_component(environment(), component.name, shown)
    call = json.dumps(params, ensure_ascii=False, indent=2)
    return RenderedExample(
        example["name"], lang, html, f'{{{{ component("{component.name}", {call}) }}}}'
    )


def english_text(text: str) -> Markup:
    """English written for developers, in which Chinese examples are marked with their own language
    (WCAG 3.1.2)."""
    html = []
    end = 0
    for run in _CHINESE.finditer(text):
        html += [
            escape(text[end : run.start()]),
            Markup('<span lang="{}">{}</span>').format(_chinese_variant(run.group()), run.group()),
        ]
        end = run.end()
    html.append(escape(text[end:]))
    return Markup("").join(html)


def _english_text_rule(renderer, tokens, index: int, options, env) -> str:
    return str(english_text(tokens[index].content))


def _chinese_variant(text: str) -> str:
    scripts = {script_only_in(c) for c in text}
    return "zh-Hant" if "Hant" in scripts and "Hans" not in scripts else "zh-Hans"


def readme_html(component: Component) -> Markup:
    """The component's README below its title, its headings moved down to sit under the gallery's
    h2."""
    tokens = markdown_parser().parse(component.folder.joinpath("README.md").read_text("utf-8"))
    if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        tokens = tokens[3:]
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    md = markdown_renderer(_english_text_rule)
    return Markup(md.renderer.render(tokens, md.options, {}))


def examples_page(
    components: Sequence[Component], theme: str, *, distinct_landmarks: bool = False
) -> str:
    """Every example of ``components`` on one self-contained page (styles and script inline), as
    the tests open it.

    Each example sits in its own ``.gk-gallery__example[data-component][data-example]``, its
    headings one level below the page's h1.
    """
    return example_page(
        [
            (
                component.name,
                render_example(
                    component, example, _PAGE_HEADING_LEVEL, landmark_suffix=distinct_landmarks
                ),
            )
            for component in components
            for example in component.examples
        ],
        theme,
    )


def component_page(component: Component, params: dict[str, Any], theme: str) -> str:
    """One component rendered with ``params`` on a page of its own (the pytest plugin's
    ``a11y.component``), in the component's language: what is said of it is said in that too."""
    rendered = render_example(component, {"name": "params", "params": params}, _PAGE_HEADING_LEVEL)
    # straight in main, as a developer's page holds it: findings name the test's call, not a
    # gallery example, and selectors no wrapper of the gallery's
    return example_page([(component.name, rendered)], theme, lang=rendered.lang, wrapped=False)


def example_page(
    shown: Sequence[tuple[str, RenderedExample]],
    theme: str,
    lang: str = DEFAULT_LANGUAGE,
    *,
    wrapped: bool = True,
) -> str:
    """Rendered examples on one self-contained page (styles and script inline), each in its own
    marked wrapper unless not ``wrapped``."""
    return (
        environment()
        .get_template("base/example.html.j2")
        .render(
            shown=shown,
            lang=lang,
            wrapped=wrapped,
            theme=theme,
            stylesheet=Markup(stylesheet(theme, page_layout=True)),
            script=Markup(script()),
        )
    )
