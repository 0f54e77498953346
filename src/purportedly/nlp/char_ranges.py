"""Sorted, merged character ranges with O(log n) membership: keeps offset checks linear overall."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class CharRanges:
    """A set of [start, end) ranges, merged so that 'is offset inside any of them' is one bisect."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[1] > r[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [r[0] for r in merged]
        self.ends = [r[1] for r in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)
