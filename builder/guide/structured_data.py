"""schema.org GovernmentService JSON-LD from a guide's content model, for search engines and
assistants."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from markupsafe import Markup

from ..fees import says_free
from ..phone import written_parts
from ..source.content_model import GuideMeta, TimeLimit

_YUAN = re.compile(r"^\s*(?P<price>\d+(?:\.\d+)?)\s*(?:元|yuan|CNY|RMB)\s*$", re.IGNORECASE)
# The names the national 实施清单 gives the codes, as schema.org's propertyID
_CODE_NAMES = {"basic": "基本编码", "implementation": "实施编码"}
_PERMITS = {"certificate", "licence", "approval"}


def government_service(meta: GuideMeta, url: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": meta.title,
        "description": meta.summary,
    }
    if url:
        data["url"] = url
    if meta.owner:
        data["provider"] = {"@type": "GovernmentOrganization", "name": meta.owner}
    if meta.audience:
        data["audience"] = [
            {"@type": "Audience", "audienceType": person} for person in meta.audience
        ]
    if meta.topics:
        data["category"] = meta.topics
    channels = [
        {
            "@type": "ServiceChannel",
            "name": place.name,
            "serviceLocation": {
                "@type": "Place",
                "name": place.name,
                "address": place.address,
                **({"telephone": _phone_number(place.phone)} if place.phone else {}),
                **({"openingHours": place.hours} if place.hours else {}),
            },
        }
        for place in meta.places
    ]
    if meta.online:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": meta.online.label or meta.title,
                "serviceUrl": str(meta.online.url),
            }
        )
    if meta.consult and meta.consult.phone:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": meta.consult.name or meta.title,
                "servicePhone": {
                    "@type": "ContactPoint",
                    "telephone": _phone_number(meta.consult.phone),
                },
            }
        )
    limit = meta.promised_time_limit or meta.legal_time_limit
    if limit is not None:
        for channel in channels:
            channel["processingTime"] = iso_duration(limit)
    if channels:
        data["availableChannel"] = channels
    return data | _service_item(meta)


def _service_item(meta: GuideMeta) -> dict[str, Any]:
    """The national 实施清单 elements where schema.org has a place for them."""
    data: dict[str, Any] = {}
    if meta.item_codes:
        codes = [
            {"@type": "PropertyValue", "propertyID": _CODE_NAMES[name], "value": value}
            for name, value in meta.item_codes.model_dump(include=set(_CODE_NAMES)).items()
            if value
        ]
        if codes:
            data["identifier"] = codes
    if meta.result:
        data["serviceOutput"] = {
            "@type": "Permit" if meta.result.kind in _PERMITS else "Thing",
            "name": meta.result.name,
        }
    offers = _offers(meta)
    if offers:
        data["offers"] = offers
    if meta.faq:
        data["subjectOf"] = {
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": entry.question,
                    "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
                }
                for entry in meta.faq
            ],
        }
    return data


def _offers(meta: GuideMeta) -> list[dict[str, Any]]:
    """Fees with a price in yuan as Offers; text that gives no price is left to the page."""
    fees = meta.fees
    if isinstance(fees, str):
        priced = [("", 0.0)] if says_free(fees) else []
    else:
        priced = [
            (fee.item, float(found["price"]))
            for fee in fees or []
            if (found := _YUAN.match(fee.amount))
        ]
    terms = "; ".join(filter(None, [meta.fee_reductions, *meta.fee_basis]))
    return [
        {
            "@type": "Offer",
            **({"name": name} if name else {}),
            "price": int(price) if price.is_integer() else price,
            "priceCurrency": "CNY",
            **({"description": terms} if terms else {}),
        }
        for name, price in priced
    ]


def iso_duration(limit: TimeLimit) -> str:
    """A time limit as an ISO 8601 duration. Working days become the calendar days a reader waits
    (five working days to a week), since ISO 8601 has no working days."""
    if limit.unit == "hours":
        return f"PT{_number(limit.value)}H"
    if limit.unit == "months":
        return f"P{_number(limit.value)}M"
    days = limit.value if limit.unit == "calendar-days" else math.ceil(limit.value * 7 / 5)
    return f"P{_number(days)}D"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<`` escaped so no text can end the
    element early."""
    return Markup(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    )


def _phone_number(phone: str) -> str:
    """The number to call, without the note after it: 0571-8888 1100（工作日） is 0571-8888 1100."""
    return written_parts(phone)[0]
