"""schema.org GovernmentService JSON-LD from a guide's content model, for search engines and
assistants."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .content_model import GuideMeta


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
                **({"telephone": place.phone} if place.phone else {}),
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
                "servicePhone": {"@type": "ContactPoint", "telephone": meta.consult.phone},
            }
        )
    if channels:
        data["availableChannel"] = channels
    return data


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<`` escaped so no text can end the
    element early."""
    return Markup(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    )
