"""``--shard K/N``: a deterministic 1/N of a site's pages, so CI machines can split the gate
between them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_FORM = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardError(ValueError):
    pass


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = _FORM.match(text)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise ShardError(text)
        return cls(int(match.group(1)), int(match.group(2)))

    def select(self, pages: Sequence[str]) -> list[str]:
        """Every N-th page of the sorted list, starting at the K-th: the shards are disjoint and
        cover the site."""
        return sorted(pages)[self.index - 1 :: self.count]

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"
