"""English guides: sentence length in words, Flesch-Kincaid grade, words to avoid, passive voice,
acronyms."""

from __future__ import annotations

from lint_helpers import by_rule, line_of, lint_folder, located, write_guide

from guidekit.findings import Severity
from guidekit.lint.rules import LintSettings

BUREAUCRATIC = """
---
title: Application for a replacement residence permit
summary: Applicants are required to submit the application form in order to obtain a replacement permit.
lang: en
audience: [Foreign nationals residing in Qingchuan]
materials: [{name: Passport}]
time_limit: 10 working days
fees: Free
places: [{name: Exit-Entry Administration Office, hours: Monday to Friday 9:00–17:00, holidays: Closed on public holidays}]
consult: {phone: "12367"}
last_reviewed: 2026-10-01
review_by: 2027-04-01
---

In accordance with the relevant regulations, applicants whose residence permit has been lost or damaged are required
to submit an application to the Exit-Entry Administration Office within ten days of the discovery of the loss, together
with the supporting documentation specified below.

The application will be processed by the PSB upon receipt of all documentation.

Prior to the commencement of the appointment, applicants should ensure that sufficient identification is available.
"""

PLAIN = """
---
title: Replace a lost residence permit
summary: If you lose your residence permit, apply for a new one within 10 days. It is free.
lang: en
audience: [People from other countries who live in Qingchuan]
materials: [{name: Your passport}]
time_limit: 10 working days
item_kind: promised
fees: Free
places: [{name: Exit-Entry Office, hours: Monday to Friday 9:00–17:00, holidays: Closed on public holidays}]
consult: {phone: "12367"}
last_reviewed: 2026-10-01
review_by: 2027-04-01
---

Tell us within 10 days if you lose your permit or it gets damaged.

## What to do

1. Take your passport to the Exit-Entry Office.
2. Fill in the form at the desk. Staff can help you.
3. Come back after 10 working days to collect your new permit.

Call 12367 if you have a question.
"""


def test_bureaucratic_english_guide_draws_specific_findings(tmp_path):
    path = write_guide(tmp_path, "en/permit.md", BUREAUCRATIC)
    report = lint_folder(tmp_path)
    findings = report.findings
    first = line_of(path, "In accordance with")
    summary = line_of(path, "summary:")

    (long,) = by_rule(findings, "long-sentence")
    assert long.line == first and "(42 words, more than 25)" in long.message
    assert long.suggestion == "split it into two or three short sentences, one idea each."

    avoid = located(findings, "word-to-avoid")
    assert {
        (summary, "you"),
        (summary, "send / hand in"),
        (summary, "to"),
        (summary, "get"),
    } <= avoid
    assert {
        (first, "under / following"),
        (first + 1, "send / hand in"),
        (first + 2, "documents / papers"),
    } <= avoid
    assert {
        (line_of(path, "Prior to"), "before"),
        (line_of(path, "Prior to"), "start"),
        (line_of(path, "Prior to"), "make sure"),
        (line_of(path, "Prior to"), "enough"),
    } <= avoid

    passive_lines = {finding.line for finding in by_rule(findings, "passive-voice")}
    assert passive_lines == {summary, first, line_of(path, "will be processed")}

    (acronym,) = by_rule(findings, "undefined-acronym")
    assert acronym.line == line_of(path, "PSB") and "PSB" in acronym.message

    (grade,) = by_rule(findings, "reading-grade")
    assert grade.severity is Severity.WARNING and grade.line == first
    assert report.summaries[0].reading_grade > 12


def test_plain_english_guide_draws_nothing(tmp_path):
    write_guide(tmp_path, "en/permit.md", PLAIN)
    report = lint_folder(tmp_path)
    assert report.findings == []
    (summary,) = report.summaries
    assert (
        summary.unit == "words" and summary.reading_grade is not None and summary.reading_grade < 6
    )
    assert summary.uncommon_character_share is None


def test_explained_acronyms_and_site_known_ones_pass(tmp_path):
    write_guide(
        tmp_path,
        "en/pin.md",
        """
        ---
        title: Reset your card PIN
        summary: Go to a bank counter with your ID card to set a new PIN.
        lang: en
        last_reviewed: 2026-10-01
        review_by: 2027-04-01
        ---

        Your personal identification number (PIN) is the 6-digit code for your card.

        You can also reset it at a QCB machine.
        """,
    )
    assert [f.rule for f in lint_folder(tmp_path).findings] == ["lint:undefined-acronym"]
    assert lint_folder(tmp_path, LintSettings(known_abbreviations=["QCB"])).findings == []


def test_a_grade_below_the_first_is_said_as_zero(tmp_path):
    """Flesch-Kincaid goes below zero for a few short words; the summary said "reading grade -2.2"."""
    write_guide(
        tmp_path,
        "en/id.md",
        "---\ntitle: ID\nsummary: Get an ID.\nlang: en\nlast_reviewed: 2026-01-01\n"
        "review_by: 2099-01-01\n---\n\nGo to the desk. Bring a card.\n",
    )
    (summary,) = lint_folder(tmp_path).summaries
    assert summary.reading_grade == 0


def test_chinese_punctuation_in_english_text_is_found_with_the_english_form(tmp_path):
    """Typed with a Chinese input method still on: 。 does not end an English sentence for the
    reading grade, and English voices read the full-width marks oddly. Chinese words quoted in the
    guide keep theirs."""
    path = write_guide(
        tmp_path,
        "en/passport.md",
        """
        ---
        title: Apply for a passport
        summary: Bring your ID card，it costs 120 yuan。
        lang: en
        ---

        You must bring your ID card（the original）。The office is open on working days.

        Ask for [社会保障卡，原件]{lang=zh-Hans} at the counter.
        """,
    )
    findings = by_rule(lint_folder(tmp_path).findings, "chinese-punctuation")
    assert [(f.line, f.suggestion, f.severity) for f in findings] == [
        (line_of(path, "summary:"), "Bring your ID card, it costs 120 yuan.", Severity.WARNING),
        (
            line_of(path, "You must"),
            "You must bring your ID card (the original). The office is open on working days.",
            Severity.WARNING,
        ),
    ]
    assert findings[0].message.startswith('"Bring your ID card，it costs 120 yuan。" uses Chinese')
