"""Fault injection for the crash-safety tests.

``OPENDATA_CRASH_AT=<point>`` makes the process kill itself with SIGKILL when it reaches
that point of publishing, so a test can prove the previous release survives a crash there.
Unset (always, outside those tests), :func:`crash_point` is a dictionary lookup.
"""
from __future__ import annotations

import os
import signal

ENV = "OPENDATA_CRASH_AT"
POINTS = ("staged", "before_rename", "after_rename", "after_descriptor")


def crash_point(name: str) -> None:
    """Die here, as a power cut would, if the environment asks for it."""
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
