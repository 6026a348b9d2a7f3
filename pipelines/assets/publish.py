"""Publish assets: the tables staged as a release, validated, then made the newest package."""

import json

import dagster as dg
import pyarrow as pa

from opendata.ingest import IngestResult
from opendata.publish.package import StagedRelease, discard_staging, promote_release, stage_release
from opendata.publish.report import build_report
from opendata.schema import TABLES, sorted_table

from ..resources import PipelineSettings

GROUP = "publish"
OWNERS = ["team:open-data"]


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version="1",
    kinds={"csv", "parquet"},
    description=(
        "A new release written to a staging folder of the output directory: CSV and Parquet per table, "
        "`datapackage.json` with bytes and sha256 hashes, `ingest_report.json`. Not visible to users until "
        "`data_package` promotes it, which happens only if the package validates."
    ),
)
def release_staging(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    landing_documents: IngestResult,
    outage_candidates: dict,
    event_candidates: dict,
    project_candidates: dict,
    documents: pa.Table,
    outages: pa.Table,
    outage_areas: pa.Table,
    events: pa.Table,
    projects: pa.Table,
    mentions: pa.Table,
) -> StagedRelease:
    output = settings.settings().output_dir
    stale = discard_staging(output)
    if stale:
        context.log.warning(f"removed {stale} staging folder(s) left by an interrupted run")
    tables = dict(zip(TABLES, (documents, outages, outage_areas, events, projects, mentions)))
    tables = {name: sorted_table(name, table) for name, table in tables.items()}
    errors = [*outage_candidates["errors"], *event_candidates["errors"], *project_candidates["errors"]]
    report = build_report(landing_documents, errors, {n: t.num_rows for n, t in tables.items()})
    staged = stage_release(
        tables, output, extra_files={"ingest_report.json": (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode()}
    )
    context.add_output_metadata(
        {"staging_dir": dg.MetadataValue.path(str(staged.root)), "version": staged.version}
        | {f"rows/{name}": table.num_rows for name, table in tables.items()}
    )
    return staged


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version="1",
    kinds={"frictionless"},
    description=(
        "The published data package: the validated release moved into `releases/<version>/` and "
        "`datapackage.json` at the top of the output directory pointing at it. Earlier releases are kept."
    ),
)
def data_package(context: dg.AssetExecutionContext, release_staging: StagedRelease) -> str:
    final = promote_release(release_staging)
    descriptor = release_staging.output / "datapackage.json"
    context.add_output_metadata(
        {
            "dagster/uri": dg.MetadataValue.path(str(descriptor)),
            "release_dir": dg.MetadataValue.path(str(final)),
            "version": release_staging.version,
        }
    )
    return str(descriptor)
