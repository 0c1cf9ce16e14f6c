"""Freshness: every guide says when it was last checked and when it must be checked again."""

from __future__ import annotations

import datetime as dt

from .report import Reporter
from .text import GuideText


def check_freshness(text: GuideText, report: Reporter, today: dt.date) -> None:
    meta = text.guide.meta
    for field in ("last_reviewed", "review_by"):
        if getattr(meta, field) is None:
            report.add(
                "review-date-missing",
                text.field_line(field),
                field=report.text(f"field-{field}"),
                suggestion=report.text("review-date-missing-fix"),
            )
    if meta.last_reviewed and meta.last_reviewed > today:
        report.add(
            "review-dates-invalid",
            text.field_line("last_reviewed"),
            suggestion=report.text("review-dates-invalid-fix"),
            problem=report.text("review-in-future", date=meta.last_reviewed.isoformat()),
        )
    if meta.last_reviewed and meta.review_by and meta.review_by < meta.last_reviewed:
        report.add(
            "review-dates-invalid",
            text.field_line("review_by"),
            suggestion=report.text("review-dates-invalid-fix"),
            problem=report.text(
                "review-before-last",
                review_by=meta.review_by.isoformat(),
                last_reviewed=meta.last_reviewed.isoformat(),
            ),
        )
    if meta.review_by is None or meta.review_by >= today:
        return
    late = (today - meta.review_by).days
    grace = report.settings.grace_days
    rule = "review-due" if late <= grace else "review-overdue"
    report.add(
        rule,
        text.field_line("review_by"),
        suggestion=report.text("review-fix"),
        review_by=meta.review_by.isoformat(),
        days=late,
        deadline=(meta.review_by + dt.timedelta(days=grace)).isoformat(),
    )
