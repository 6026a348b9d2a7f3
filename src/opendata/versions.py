"""Code versions derived from the source itself, so they change exactly when the logic does.

Dagster skips work whose ``code_version`` is unchanged; a hand-bumped number is easy to
forget, so each stage's version is a hash of the modules (and schemas) it runs.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
STAGE_SOURCES = {
    "ingest": ("ingest", "model.py", "ids.py"),
    "extract": ("extract", "language", "model.py", "ids.py"),
    "publish": ("publish", "schema.py", "../../schemas"),
    "fetch": ("fetch",),
    "gazetteer": ("language",),
}


@lru_cache(maxsize=None)
def code_version(stage: str) -> str:
    """``<stage>-<hash>`` over every source file the stage runs."""
    digest = hashlib.sha256()
    for relative in STAGE_SOURCES[stage]:
        base = (_PACKAGE / relative).resolve()
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".json"):
                digest.update(path.relative_to(base.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{stage}-{digest.hexdigest()[:12]}"
