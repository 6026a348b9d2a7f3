"""Landing batches: the files that arrived together, read and extracted once.

A batch is the set of landing files that were new or changed when a build (or the
sensor) looked. Its manifest lives in ``OUTPUT/.state/batches/<key>.json``; the key is a
hash of the files' versions, so looking twice at the same files finds the same batch.
Later stages combine every batch, each file taken from the newest batch that read it.
"""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from opendata.ids import stable_id
from opendata.ingest import landing_signatures

STATE_DIR = ".state"


@dataclass(frozen=True)
class Batch:
    """One batch's manifest."""

    key: str
    created: str  # ISO time it was planned; orders batches
    files: dict[str, str]  # landing-relative path → signature
    materialized: dict[str, str]  # stage → code version its outputs were made with


def state_dir(output: Path) -> Path:
    """Where a deployment keeps its incremental state, inside its output directory."""
    return Path(output) / STATE_DIR


def scan_landing(root: Path) -> dict[str, str]:
    """Every landing file's relative path → its version signature (size and mtime, with sidecar)."""
    return landing_signatures(Path(root))


class BatchRegistry:
    """The batches recorded for one output directory."""

    def __init__(self, output: Path) -> None:
        self.folder = state_dir(output) / "batches"

    def batches(self) -> list[Batch]:
        """All batches, oldest first."""
        if not self.folder.exists():
            return []
        found = []
        for path in self.folder.glob("*.json"):
            body = json.loads(path.read_text(encoding="utf-8"))
            found.append(Batch(body["key"], body["created"], body["files"], body.get("materialized", {})))
        return sorted(found, key=lambda b: (b.created, b.key))

    def get(self, key: str) -> Batch:
        """One batch by key."""
        body = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        return Batch(body["key"], body["created"], body["files"], body.get("materialized", {}))

    def known(self) -> dict[str, str]:
        """Path → the newest signature any batch has read."""
        latest: dict[str, str] = {}
        for batch in self.batches():
            latest.update(batch.files)
        return latest

    def new_files(self, scan: dict[str, str]) -> dict[str, str]:
        """Files in ``scan`` that no batch has read in this version."""
        known = self.known()
        return {path: sig for path, sig in sorted(scan.items()) if known.get(path) != sig}

    def plan(self, scan: dict[str, str], *, now: datetime | None = None) -> Batch | None:
        """Record a batch of the new or changed files (None when there are none)."""
        files = self.new_files(scan)
        if not files:
            return None
        key = stable_id("batch", *(f"{p}={s}" for p, s in files.items()), length=12)
        if (self.folder / f"{key}.json").exists():
            return self.get(key)
        created = (now or datetime.now(timezone.utc)).isoformat(timespec="microseconds")
        batch = Batch(key, created, files, {})
        self._write(batch)
        return batch

    def mark_materialized(self, key: str, stage: str, version: str) -> None:
        """Remember that the batch's ``stage`` outputs were made with code ``version``."""
        batch = self.get(key)
        self._write(Batch(batch.key, batch.created, batch.files, {**batch.materialized, stage: version}))

    def _write(self, batch: Batch) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        body = {"key": batch.key, "created": batch.created, "files": batch.files, "materialized": batch.materialized}
        tmp = self.folder / f".{batch.key}.{uuid.uuid4().hex[:6]}.tmp"
        tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.folder / f"{batch.key}.json")


def latest_sources(batches: list[Batch], present: dict[str, str]) -> dict[str, str]:
    """For each file still in the landing directory, the key of the newest batch that read it.

    Files removed from the landing directory drop out, so the combined result is what a full
    rebuild of today's landing directory would give.
    """
    source: dict[str, str] = {}
    for batch in batches:
        for path, signature in batch.files.items():
            if present.get(path) == signature:
                source[path] = batch.key
    return source


def prune_batches(registry: BatchRegistry, present: dict[str, str]) -> list[str]:
    """Forget batches none of whose files are still current; returns their keys.

    Their stored values are left for the store's owner to delete; they are no longer read.
    """
    contributing = set(latest_sources(registry.batches(), present).values())
    removed = [b.key for b in registry.batches() if b.key not in contributing]
    for key in removed:
        (registry.folder / f"{key}.json").unlink(missing_ok=True)
    return removed
