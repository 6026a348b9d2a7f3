"""What changed between two releases, table by table and key by key.

Rows are matched by the table's primary key; a table without one (``outage_areas``) is
compared as a set of whole rows, so a changed row shows as one removed and one added.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from opendata.schema import TABLES, table_spec

MAX_KEYS_LISTED = 1000


def _row_digest(row: dict) -> str:
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _keyed(name: str, table: pa.Table) -> dict[str, str]:
    """Primary key (joined) → digest of the whole row; whole-row digests when there is no key."""
    key = table_spec(name).primary_key
    out: dict[str, str] = {}
    for row in table.to_pylist():
        digest = _row_digest(row)
        out["|".join(str(row[k]) for k in key) if key else digest] = digest
    return out


def diff_tables(name: str, old: pa.Table | None, new: pa.Table) -> dict:
    """Keys added, removed and changed in one table."""
    before = _keyed(name, old) if old is not None else {}
    after = _keyed(name, new)
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = sorted(k for k in after.keys() & before.keys() if after[k] != before[k])
    return {
        "rows": new.num_rows,
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "added_keys": added[:MAX_KEYS_LISTED],
        "removed_keys": removed[:MAX_KEYS_LISTED],
        "changed_keys": changed[:MAX_KEYS_LISTED],
    }


def read_release_tables(release_dir: Path) -> dict[str, pa.Table]:
    """The Parquet tables of a published release (empty when there is none)."""
    tables = {}
    for name in TABLES:
        path = release_dir / "data" / f"{name}.parquet"
        if path.exists():
            tables[name] = pq.read_table(path)
    return tables


def build_changelog(previous: Mapping[str, pa.Table], current: Mapping[str, pa.Table], *, previous_version: str | None, version: str) -> dict:
    """The machine-readable changelog of a release against the one before it."""
    return {
        "version": version,
        "previous_version": previous_version,
        "tables": {name: diff_tables(name, previous.get(name), current[name]) for name in TABLES},
    }


def changelog_markdown(changelog: dict) -> str:
    """A short human changelog: one line per table with what changed."""
    since = changelog["previous_version"] or "nothing (first release)"
    lines = [f"# Release {changelog['version']}", "", f"Compared with {since}.", ""]
    for name, diff in changelog["tables"].items():
        lines.append(f"- `{name}`: {diff['rows']} rows; {diff['added']} added, {diff['changed']} changed, {diff['removed']} removed")
    return "\n".join(lines) + "\n"
