"""One writer per output directory: an advisory lock on ``OUTPUT/.lock``.

Two builds publishing into the same folder at once would race on the top descriptor; with
the lock the second one waits (up to ``wait`` seconds) or fails with a clear message. The
lock is re-entrant within a process, so the CLI can hold it around a whole build while the
publishing step takes it again.
"""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"
_held: dict[str, int] = {}


class OutputLocked(RuntimeError):
    """Another process is publishing into the same output directory."""


@contextmanager
def output_lock(output: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the output directory's lock for the duration of the block."""
    output.mkdir(parents=True, exist_ok=True)
    path = str((output / LOCK_NAME).resolve())
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OutputLocked(f"{output} is being published by another process (lock {path})") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held[path] = 1
        try:
            yield
        finally:
            del _held[path]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
