"""Progress lines for long runs: at most one every few seconds, never one per item."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class ProgressLine:
    """Writes ``label: done/total ...`` to a stream at most every ``every`` seconds.

    Short runs print nothing: the first line comes only after ``every`` seconds.
    """

    def __init__(self, label: str, *, stream: TextIO = sys.stderr, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label = label
        self.stream = stream
        self.every = every
        self._clock = clock
        self._last = clock()

    def __call__(self, done: int, total: int, note: str = "") -> None:
        now = self._clock()
        if now - self._last < self.every:
            return
        self._last = now
        print(f"{self.label}: {done}/{total}{(' ' + note) if note else ''}", file=self.stream, flush=True)
