"""Sanity of the extracted records, beyond what a schema can say.

Schema checks (``schema.py``) prove the tables are well-formed; these prove they are
plausible: windows that end before they start, dates far from the document that states
them, outages nobody can place. Each returns :class:`Violation` with the offending rows.
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from opendata.schema import Violation

# A notice speaks of the next weeks or months; an archive page of the last year or so.
PLAUSIBLE_DAYS = 400


def _violation(table_name: str, check: str, table: pa.Table, mask: pa.Array, columns: list[str]) -> list[Violation]:
    bad = table.filter(pc.fill_null(mask, False))
    if not bad.num_rows:
        return []
    return [Violation(table_name, check, bad.num_rows, bad.select(columns).slice(0, 10).to_pylist())]


def window_violations(name: str, table: pa.Table, id_column: str) -> list[Violation]:
    """Rows whose end is before their start (same-day times compared too)."""
    start, end = table.column("start_date"), table.column("end_date")
    earlier_day = pc.less(end, start)
    same_day = pc.equal(end, start)
    earlier_time = pc.less(table.column("end_time"), table.column("start_time"))
    mask = pc.or_(pc.fill_null(earlier_day, False), pc.and_(pc.fill_null(same_day, False), pc.fill_null(earlier_time, False)))
    return _violation(name, "ends before it starts", table, mask, [id_column, "title", "start_date", "start_time", "end_date", "end_time"])


def distance_violations(name: str, table: pa.Table, documents: pa.Table, id_column: str, days: int = PLAUSIBLE_DAYS) -> list[Violation]:
    """Rows starting more than ``days`` from the reference date of the document that stated them."""
    refs = documents.select(["document_id", "reference_date"])
    joined = table.select([id_column, "title", "start_date", "document_id"]).join(refs, "document_id", join_type="left outer")
    start = joined.column("start_date")
    ref = joined.column("reference_date")
    delta = pc.abs(pc.days_between(ref, start))
    mask = pc.greater(delta, days)
    return _violation(name, f"starts more than {days} days from its document's date", joined, mask,
                      [id_column, "title", "start_date", "reference_date", "document_id"])


def unplaced_outages(outages: pa.Table, areas: pa.Table) -> list[Violation]:
    """Outages with no area that names at least a municipality."""
    placed = areas.filter(pc.is_valid(areas.column("municipality"))).column("outage_id")
    mask = pc.invert(pc.is_in(outages.column("outage_id"), placed))
    return _violation("outages", "has no place (not even a municipality)", outages, mask, ["outage_id", "title", "source_url"])




def unevidenced(name: str, table: pa.Table, mentions: pa.Table, record_type: str, id_column: str) -> list[Violation]:
    """Records no mention supports: published data must be traceable to the text that states it."""
    evidenced = mentions.filter(pc.equal(mentions.column("record_type"), record_type)).column("record_id")
    mask = pc.invert(pc.is_in(table.column(id_column), evidenced))
    return _violation(name, "has no mention (no evidence in any document)", table, mask, [id_column, "document_id"])


def without_source_url(name: str, table: pa.Table, id_column: str) -> list[Violation]:
    """Records whose first document had no URL (traceable by landing file only)."""
    return _violation(name, "has no source URL", table, pc.is_null(table.column("source_url")), [id_column, "document_id"])
