"""What the fetcher remembers between runs, in ``LANDING/.fetch-state.json``.

Kept inside the landing directory (ingest skips dot-files) so that the pages and the memory of
having fetched them travel together: copy or wipe the directory and both go. Written
atomically (temporary file, then rename), so a crash leaves the previous state, never half.

Layout::

    {"version": 1,
     "urls":    {URL: {"etag", "last_modified", "sha256", "path", "fetched_at", "checked_at",
                       "final_url", "fingerprint", "status", "error"}},
     "robots":  {"https://host": {"status", "body", "fetched_at"}},
     "sources": {NAME: {"url", "items": [{"url", "fingerprint", "title", "published_at"}], "checked_at"}}}
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

__all__ = ["STATE_FILE", "FetchState"]

STATE_FILE = ".fetch-state.json"
VERSION = 1


class FetchState:
    """The fetch memory of one landing directory (see the module docstring for its layout)."""

    def __init__(self, path: Path, data: dict | None = None) -> None:
        self.path = path
        data = data or {}
        self.urls: dict[str, dict] = dict(data.get("urls") or {})
        self.robots: dict[str, dict] = dict(data.get("robots") or {})
        self.sources: dict[str, dict] = dict(data.get("sources") or {})

    @classmethod
    def load(cls, landing: Path) -> FetchState:
        """The state of ``landing``; empty when absent. An unreadable file is set aside, not fatal."""
        path = landing / STATE_FILE
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != VERSION:
                raise ValueError("unknown state version")
        except (OSError, UnicodeDecodeError, ValueError):
            # Keep the evidence for a human; start afresh (worst case: one conditional GET per URL).
            os.replace(path, path.with_name(path.name + ".corrupt"))
            return cls(path)
        return cls(path, data)

    def as_dict(self) -> dict:
        """The JSON body."""
        return {"version": VERSION, "urls": self.urls, "robots": self.robots, "sources": self.sources}

    def save(self) -> None:
        """Write the state atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(self.as_dict(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary dot-file in the same directory and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
