"""``ingest_report.json``: what happened to every input file, and what could not be extracted."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from opendata.ingest import CombinedBatches, IngestResult
from opendata.model import Reject


def build_report(ingest: IngestResult | CombinedBatches, extraction_errors: Iterable[Reject], rows: Mapping[str, int]) -> dict:
    """The run's account: file counts by outcome, rejects with reasons, rows per table."""
    body = ingest.report()
    errors = list(extraction_errors)
    body["extraction_errors"] = [e.__dict__ for e in errors]
    body["rows"] = dict(rows)
    body["balanced"] = body["files"] == body["accepted"] + body["duplicates"] + body["rejected"] + body["ignored"]
    return body
