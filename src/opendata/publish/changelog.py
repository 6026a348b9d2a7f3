"""What changed between two releases, table by table and key by key.

Rows are matched by the table's primary key; a table without one (``outage_areas``) is
compared as a set of whole rows, so a changed row shows as one removed and one added.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from opendata.schema import TABLES, table_spec

MAX_KEYS_LISTED = 1000


def _key_strings(table: pa.Table, key: tuple[str, ...]) -> list[str]:
    return ["|".join(map(str, parts)) for parts in zip(*(table.column(k).to_pylist() for k in key))]


def _whole_rows(table: pa.Table, columns: list[str]) -> set[str]:
    """Each row as JSON over ``columns`` (for a table without a primary key)."""
    values = [table.column(c).to_pylist() if c in table.column_names else [None] * table.num_rows for c in columns]
    return {json.dumps(row, ensure_ascii=False, default=str) for row in zip(*values)}


def _differs(old: pa.ChunkedArray, new: pa.ChunkedArray) -> list[bool]:
    """Per aligned row: does the value differ? Nulls equal nulls. Compared in Arrow when it can."""
    if old.type == new.type and not (pa.types.is_nested(new.type)):
        unequal = pc.fill_null(pc.not_equal(old, new), False)
        return pc.or_(unequal, pc.xor(pc.is_null(old), pc.is_null(new))).to_pylist()
    return [a != b for a, b in zip(old.to_pylist(), new.to_pylist())]


def _changed(old: pa.Table, new: pa.Table, common: list[str], old_at: dict[str, int], new_at: dict[str, int]) -> list[str]:
    """The common keys whose rows differ in any column of the new table."""
    if not common:
        return []
    old_rows = pa.array([old_at[k] for k in common], pa.int64())
    new_rows = pa.array([new_at[k] for k in common], pa.int64())
    changed = [False] * len(common)
    for column in new.column_names:  # a column at a time: a documents table is mostly text
        after = new.column(column).take(new_rows)
        if column not in old.column_names:  # a column the older release did not have yet
            differs = [v is not None for v in after.to_pylist()]
        else:
            differs = _differs(old.column(column).take(old_rows), after)
        changed = [c or d for c, d in zip(changed, differs)]
    return [k for k, c in zip(common, changed) if c]


def diff_tables(name: str, old: pa.Table | None, new: pa.Table) -> dict:
    """Keys added, removed and changed in one table.

    Rows are matched by primary key and compared column by column in Arrow; a table without
    a primary key is compared as a set of whole rows.
    """
    key = table_spec(name).primary_key
    if not key:
        before = _whole_rows(old, new.column_names) if old is not None else set()
        after = _whole_rows(new, new.column_names)
        added, removed, changed = sorted(after - before), sorted(before - after), []
    else:
        old_at = {k: i for i, k in enumerate(_key_strings(old, key))} if old is not None else {}
        new_at = {k: i for i, k in enumerate(_key_strings(new, key))}
        added = sorted(new_at.keys() - old_at.keys())
        removed = sorted(old_at.keys() - new_at.keys())
        common = sorted(new_at.keys() & old_at.keys())
        changed = _changed(old, new, common, old_at, new_at) if old is not None else []
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
