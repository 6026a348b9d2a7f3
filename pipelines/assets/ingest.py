"""Ingest assets: each landing batch read into documents; all batches combined and deduplicated."""
import dagster as dg
import pyarrow as pa

from opendata.batches import BatchRegistry, latest_sources, scan_landing
from opendata.ingest import BatchRead, CombinedBatches, combine_batches, read_files
from opendata.progress import ProgressLine
from opendata.versions import code_version

from ..inputs import by_partition
from ..metadata import definition_metadata, materialization_metadata
from ..partitions import landing_batches
from ..resources import PipelineSettings

GROUP = "ingest"
OWNERS = ["team:open-data"]


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    partitions_def=landing_batches,
    code_version=code_version("ingest"),
    kinds={"python"},
    tags={"stage": "ingest"},
    description=(
        "One landing batch's files, each read on its own: its documents (page, teasers, feed items) "
        "or its reject with a reason. Files are streamed one at a time. Stored with the batch's "
        "documents as a table too, so combining the archive's batches never unpickles them."
    ),
)
def landing_files(context: dg.AssetExecutionContext, settings: PipelineSettings) -> BatchRead:
    cfg = settings.settings()
    batch = BatchRegistry(cfg.output_dir).get(context.partition_key)
    paths = [cfg.landing_dir / p for p in batch.files if (cfg.landing_dir / p).exists()]
    progress = ProgressLine(f"reading batch {context.partition_key}")
    reads = read_files(cfg.landing_dir, paths, max_bytes=cfg.max_file_bytes, progress=progress)
    for read in reads:
        for reject in read.rejects:
            context.log.warning(f"rejected {reject.path}: {reject.reason} {reject.detail}")
    context.add_output_metadata(
        {
            "files": len(reads),
            "read": sum(r.status == "read" for r in reads),
            "rejected": sum(r.status == "rejected" for r in reads),
            "documents": sum(len(r.documents) for r in reads),
        }
    )
    return BatchRead(reads)


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version=code_version("ingest"),
    kinds={"python"},
    tags={"stage": "ingest"},
    description=(
        "Every file in today's landing directory, each taken from the newest batch that read it, "
        "with documents deduplicated across files (the same teaser on many pages is one document)."
    ),
)
def landing_documents(context: dg.AssetExecutionContext, settings: PipelineSettings, landing_files) -> CombinedBatches:
    landing_files = {key: BatchRead.stored(value) for key, value in by_partition(context, "landing_files", landing_files).items()}
    cfg = settings.settings()
    registry = BatchRegistry(cfg.output_dir)
    batch_of = latest_sources([b for b in registry.batches() if b.key in landing_files], scan_landing(cfg.landing_dir))
    result = combine_batches(landing_files, batch_of)
    report = result.report()
    context.add_output_metadata(
        {"landing_dir": dg.MetadataValue.path(str(cfg.landing_dir)), "batches": len(landing_files)}
        | {k: report[k] for k in ("files", "accepted", "duplicates", "rejected", "ignored", "documents")}
    )
    return result


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version=code_version("ingest"),
    kinds={"pyarrow"},
    tags={"stage": "ingest"},
    metadata=definition_metadata("documents"),
    description="The published `documents` table: every accepted document with its clean text.",
)
def documents(context: dg.AssetExecutionContext, landing_documents: CombinedBatches) -> pa.Table:
    table = landing_documents.table
    context.add_output_metadata(materialization_metadata(table, "documents"))
    return table
