"""Shadow roots the HTML parser attaches (declarative shadow DOM, ``<template shadowrootmode>``, as
Lit's and Enhance's server rendering write them): no script calls ``attachShadow`` for them, so
probe.js does not see them made. They are found through the DevTools protocol, which reaches
closed ones too, and handed to probe.js, whose checks then go inside them as they go inside those
a script attaches."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator, Mapping
from typing import Any

from playwright.async_api import CDPSession

# what a page's HTML says when the parser is to attach a shadow root
DECLARED = re.compile(rb"<template\b[^>]*\sshadowrootmode\s*=", re.IGNORECASE)
ADOPT = "function (...roots) { for (const root of roots) window.__guidekit.adoptShadowRoot(root); }"
GROUP = "guidekit-declared-shadow-roots"


def declares_shadow_roots(markup: bytes) -> bool:
    """Whether a page's HTML declares shadow roots (a test's tab copied by the pytest plugin
    writes its components' open ones so, snapshot.js)."""
    return DECLARED.search(markup) is not None


async def hand_to_probe(cdp: CDPSession) -> None:
    """Hands probe.js the shadow roots of the page loaded in the tab ``cdp`` is attached to; asked
    only of a page whose HTML declares some."""
    document = await cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
    try:
        resolved = await asyncio.gather(
            *(
                cdp.send("DOM.resolveNode", {"backendNodeId": node_id, "objectGroup": GROUP})
                for node_id in _author_shadow_roots(document["root"])
            )
        )
        if resolved:
            await cdp.send(
                "Runtime.callFunctionOn",
                {
                    "functionDeclaration": ADOPT,
                    "objectId": resolved[0]["object"]["objectId"],
                    "arguments": [{"objectId": root["object"]["objectId"]} for root in resolved],
                },
            )
    finally:
        await cdp.send("Runtime.releaseObjectGroup", {"objectGroup": GROUP})
        # the DOM domain, once asked, tells of every change to the nodes it sent: not for the checks
        await cdp.send("DOM.disable")


def _author_shadow_roots(node: Mapping[str, Any]) -> Iterator[int]:
    """The backend ids of the page's open and closed shadow roots, the browser's own (a field's,
    a video's controls) and those of the documents in its frames left out."""
    for root in node.get("shadowRoots", ()):
        if root.get("shadowRootType") in ("open", "closed"):
            yield root["backendNodeId"]
        yield from _author_shadow_roots(root)
    for child in node.get("children", ()):
        yield from _author_shadow_roots(child)
