"""What is in a landing directory now, and what changed since it was last looked at."""
from __future__ import annotations

from pathlib import Path

from opendata.ids import stable_id
from opendata.ingest import landing_files


def scan_landing(root: Path) -> dict[str, str]:
    """Every input file's relative path → a signature of its size and modification time."""
    found: dict[str, str] = {}
    for path in landing_files(root):
        stat = path.stat()
        found[path.relative_to(root).as_posix()] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return found


def new_files(seen: dict[str, str], current: dict[str, str]) -> tuple[list[str], str | None]:
    """Files that are new or changed since ``seen``, and a run key naming exactly those versions.

    The key is a hash of the (path, signature) pairs, so the same file version can never
    request two runs, while an edited file requests a new one.
    """
    fresh = sorted(path for path, signature in current.items() if seen.get(path) != signature)
    if not fresh:
        return [], None
    return fresh, stable_id("landing", *(f"{path}={current[path]}" for path in fresh))
