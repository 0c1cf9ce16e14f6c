"""The accessibility statement: one page per site language and theme, made before the gate checks
the site (it passes the gate like every page) from what is known then: the standards map, the
reviews, the waivers, the pages and the tools."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from ..han import HAN, script_only_in
from ..messages import LANGUAGES, best_language, catalogue, list_text, ui_text
from ..pages import Page
from ..phone import tel_address
from ..site_paths import STATEMENT_FOLDER, root_of, statement_path
from ..theme import SILVER, STANDARD, THEMES
from .standards import Criterion
from .verdicts import (
    GATE,
    NOTHING,
    REVIEW,
    WAIVER,
    Evidence,
    KnownProblem,
    Verdict,
    status,
    verdicts,
)

OPENACR_FILE = f"{STATEMENT_FOLDER}/openacr.yaml"
EARL_FILE = f"{STATEMENT_FOLDER}/earl.jsonld"


def statement_strings(lang: str) -> dict[str, str]:
    language = best_language(lang)
    return {key: texts[language] for key, texts in catalogue("conformance").items()}


def render_statements(evidence: Evidence) -> list[Page]:
    """The statement in every language of guidekit, in every theme."""
    # rendering only: a build that keeps the statement never imports Jinja2
    from ..guide.render import page_context
    from ..templates import environment

    found = verdicts(evidence)
    env = environment()
    pages = []
    for theme in THEMES:
        for lang in LANGUAGES:
            site_path = theme.prefix + statement_path(lang)
            root = root_of(site_path)
            context = page_context(evidence.config, theme, site_path, lang, evidence.checked)
            context["alternates"] = [
                {
                    "lang": other,
                    "href": root + theme.prefix + statement_path(other),
                    "label": ui_text(other, "language-name"),
                }
                for other in LANGUAGES
                if other != lang
            ]
            html = env.get_template("base/accessibility.html.j2").render(
                context,
                source=None,
                **_statement_context(evidence, found, lang, root),
                page_template="base/accessibility.html.j2",
            )
            pages.append(Page(site_path, html, theme.name, lang, None))
    return pages


# the statement's lists of criteria, by what their verdict rests on
_LISTS = (
    (GATE, "list-gate"),
    (REVIEW, "list-review"),
    (WAIVER, "list-waiver"),
    (NOTHING, "list-none"),
)


def _statement_context(
    evidence: Evidence, found: list[Verdict], lang: str, root: str
) -> dict[str, Any]:
    c = statement_strings(lang)
    config = evidence.config
    contact = config.contact
    by_basis = {
        basis: [verdict for verdict in found if verdict.basis == basis] for basis, _ in _LISTS
    }
    title_lang = "zh-Hans" if lang == "en" else None  # the standards' own titles are Chinese
    topic_lang = "zh-Hant" if lang == "zh-Hant" else "zh-Hans"
    offices = {str(office_lang): name for office_lang, name in contact.office.items()}
    office = offices.get(best_language(lang))
    return {
        "c": c,
        "intro": c["intro"].format(site=config.site_name_for(lang)),
        "silver_criteria": list_text(
            (
                _criterion(verdict.criterion, lang)
                for verdict in found
                if verdict.criterion.level == "AAA"
            ),
            lang,
        ),
        "gbt": Markup(escape(c["target-gbt"])).format(title=_marked(c["gbt-title"], title_lang)),
        "miit": Markup(escape(c["target-miit"])).format(title=_marked(c["miit-title"], title_lang)),
        "miit_topics": [
            _marked(topic[topic_lang], title_lang) for topic in evidence.standards.miit.values()
        ],
        "status": c["status-" + status(found)] if evidence.checked else c["status-unchecked"],
        "counts": c["counts"].format(
            total=len(found), **{basis: len(verdicts) for basis, verdicts in by_basis.items()}
        ),
        "problems": [_problem(evidence, problem, lang, c) for problem in evidence.known_problems()],
        "method": c["method" if evidence.checked else "method-unchecked"].format(
            date=evidence.date.isoformat(),
            pages=len(evidence.pages),
            standard=evidence.pages_of(STANDARD.name),
            silver=evidence.pages_of(SILVER.name),
            tools=list_text((f"{name} {version}" for name, version in evidence.tools), lang)
            if evidence.checked
            else "axe-core",
        ),
        "reports": [
            (root + OPENACR_FILE, c["report-openacr"]),
            (root + EARL_FILE, c["report-earl"]),
        ]
        if evidence.checked
        else [],
        "lists": [
            (
                c[key].format(count=len(by_basis[basis])),
                [_item(verdict, lang, c) for verdict in by_basis[basis]],
            )
            for basis, key in _LISTS
        ],
        "contact_text": Markup(escape(c["contact"])).format(
            office=_marked(office, _text_lang(office, lang)) if office else c["contact-us"]
        ),
        "contact": [
            (c["label"].format(label=label), href, text)
            for label, href, text in (
                (c["contact-email"], f"mailto:{contact.email}", contact.email),
                (
                    c["contact-phone"],
                    tel_address(contact.phone),
                    contact.phone,
                ),
                (c["contact-url"], contact.url, contact.url),
            )
            if text
        ],
    }


def _criterion(criterion: Criterion, lang: str) -> str:
    return f"{criterion.number} {criterion.title(lang)}"


def _item(verdict: Verdict, lang: str, c: Mapping[str, str]) -> Markup:
    """One criterion in a list: number, title and level, and the reviews behind it."""
    criterion = verdict.criterion
    item = c["item-silver" if criterion.level == "AAA" else "item"].format(
        criterion=_criterion(criterion, lang), level=criterion.level
    )
    text = escape(item)
    # Where the reviews alone do not say the site's verdict (a known problem decides it whatever
    # they said; a review of one theme leaves the other's pages open), the verdict comes first and
    # the reviews follow as what people found, each with the pages it covers.
    waived = verdict.basis == WAIVER
    stated = waived or any(
        review.result != verdict.level or review.theme for review in verdict.reviews
    )
    if stated:
        text = Markup(escape(c["label"])).format(label=text) + c[
            "waived" if waived else "verdict"
        ].format(level=c[verdict.level])
    for review in verdict.reviews:
        said = Markup(escape(c["reviewed-after-verdict" if stated else "reviewed"])).format(
            reviewer=_marked(review.reviewer, _text_lang(review.reviewer, lang)),
            date=review.date.isoformat(),
            pages=c["pages-" + review.theme] if review.theme else "",
            result=c[review.result],
            notes=_marked(review.notes, _text_lang(review.notes, lang)) if review.notes else "",
        )
        text = text + said if stated else Markup(escape(c["label"])).format(label=text) + said
    return text


def _problem(evidence: Evidence, problem: KnownProblem, lang: str, c: Mapping[str, str]) -> Markup:
    """A known problem: the criteria, the rule and where, dated, with its owner, expiry and
    reason."""
    waiver = problem.waiver
    criteria = [
        _criterion(criterion, lang)
        for criterion in map(evidence.standards.criterion, problem.criteria)
        if criterion is not None
    ]
    return Markup(escape(c["problem"])).format(
        criteria=list_text(criteria, lang) or c["problem-outside-wcag"],
        rule=Markup("<code>{}</code>").format(waiver.rule),
        where=Markup(", <code>{}</code>").format(problem.where) if problem.where else "",
        date=evidence.date.isoformat(),
        expires=waiver.expires.isoformat(),
        owner=_marked(waiver.owner, _text_lang(waiver.owner, lang)),
        reason=_marked(waiver.reason, _text_lang(waiver.reason, lang)),
    )


def _text_lang(text: str, page_lang: str) -> str | None:
    """The language to mark a person's own words with, when it differs from the page's: the gate
    checks it."""
    if not HAN.search(text):
        return (
            "en"
            if page_lang != "en" and any(ch.isascii() and ch.isalpha() for ch in text)
            else None
        )
    scripts = {script_only_in(ch) for ch in text} - {None}
    if scripts == {"Hant"}:
        lang = "zh-Hant"
    elif scripts == {"Hans"} or page_lang == "en":
        lang = "zh-Hans"
    else:  # characters both scripts share ("李明"), or both scripts': the Chinese page's own
        return None
    return None if lang == page_lang else lang


def _marked(text: str, lang: str | None) -> Markup:
    return Markup('<span lang="{}">{}</span>').format(lang, text) if lang else escape(text)
