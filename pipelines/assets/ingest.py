"""Ingest assets: the landing directory read into documents, every file accounted for."""

import dagster as dg
import pyarrow as pa

from opendata.ingest import IngestResult, document_row, ingest_directory
from opendata.schema import to_arrow

from ..metadata import definition_metadata, materialization_metadata
from ..resources import PipelineSettings

GROUP = "ingest"
OWNERS = ["team:open-data"]


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version="1",
    kinds={"python"},
    description=(
        "Every file of the landing directory read, split into documents (page, teasers, feed items), "
        "deduplicated, or rejected with a reason. Its value is the full ingest result."
    ),
)
def landing_documents(context: dg.AssetExecutionContext, settings: PipelineSettings) -> IngestResult:
    cfg = settings.settings()
    result = ingest_directory(cfg.landing_dir, max_bytes=cfg.max_file_bytes)
    report = result.report()
    for reject in result.rejects:
        context.log.warning(f"rejected {reject.path}: {reject.reason} {reject.detail}")
    context.add_output_metadata(
        {
            "landing_dir": dg.MetadataValue.path(str(cfg.landing_dir)),
            "files": report["files"],
            "accepted": report["accepted"],
            "duplicates": report["duplicates"],
            "rejected": report["rejected"],
            "ignored": report["ignored"],
            "documents": report["documents"],
        }
    )
    return result


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version="1",
    kinds={"pyarrow"},
    metadata=definition_metadata("documents"),
    description="The published `documents` table: every accepted document with its clean text.",
)
def documents(context: dg.AssetExecutionContext, landing_documents: IngestResult) -> pa.Table:
    table = to_arrow("documents", (document_row(d) for d in landing_documents.documents))
    context.add_output_metadata(materialization_metadata(table))
    return table
