"""Publish assets: the tables staged as a release, validated, then made the newest package."""

from datetime import timedelta

import dagster as dg
import pyarrow as pa

from opendata.extract import kept_errors
from opendata.ingest import CombinedBatches
from opendata.publish.package import StagedRelease, discard_staging, keep_report, promote_release, same_data, sync_top_level
from opendata.publish.release import stage_full_release
from opendata.publish.report import build_report
from opendata.schema import TABLES, sorted_table
from opendata.versions import code_version

from ..inputs import by_partition
from ..resources import PipelineSettings

GROUP = "publish"
OWNERS = ["team:open-data"]


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version=code_version("publish"),
    kinds={"csv", "parquet"},
    description=(
        "A new release written to a staging folder of the output directory: CSV and Parquet per table, "
        "`datapackage.json` with bytes and sha256 hashes, the Table Schemas, `ingest_report.json`, a DCAT-AP "
        "catalogue (`catalog.jsonld`, `catalog.ttl`), iCalendar feeds and a ZIP of it all. Not visible to "
        "users until `data_package` promotes it, which happens only if the package validates."
    ),
)
def release_staging(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    landing_documents: CombinedBatches,
    outage_candidates,
    event_candidates,
    project_candidates,
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
    errors = kept_errors(
        {
            kind: by_partition(context, name, candidates)
            for kind, name, candidates in (
                ("outages", "outage_candidates", outage_candidates),
                ("events", "event_candidates", event_candidates),
                ("projects", "project_candidates", project_candidates),
            )
        },
        landing_documents.kept(),
        landing_documents.batch_of,
    )
    report = build_report(landing_documents, errors, {n: t.num_rows for n, t in tables.items()})
    staged = stage_full_release(tables, output, report=report)
    context.add_output_metadata(
        {"staging_dir": dg.MetadataValue.path(str(staged.root)), "version": staged.version}
        | {f"rows/{name}": table.num_rows for name, table in tables.items()}
    )
    return staged


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version=code_version("publish"),
    kinds={"frictionless"},
    # Rebuilt every morning: 26 hours without a new materialization means the daily chain broke.
    freshness_policy=dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=50), warn_window=timedelta(hours=26)),
    description=(
        "The published data package: the validated release moved into `releases/<version>/` and "
        "`datapackage.json` at the top of the output directory pointing at it. Earlier releases are kept."
    ),
)
def data_package(context: dg.AssetExecutionContext, release_staging: StagedRelease) -> str:
    descriptor = release_staging.output / "datapackage.json"
    if same_data(release_staging):
        sync_top_level(release_staging.output)  # finish what a killed build may have left undone
        keep_report(release_staging)  # this run's file account, even though the data is unchanged
        discard_staging(release_staging.output)
        context.log.info("the data did not change; the current release stays the newest")
        context.add_output_metadata({"dagster/uri": dg.MetadataValue.path(str(descriptor)), "changed": False})
        return str(descriptor)
    final = promote_release(release_staging)
    context.add_output_metadata(
        {
            "dagster/uri": dg.MetadataValue.path(str(descriptor)),
            "release_dir": dg.MetadataValue.path(str(final)),
            "version": release_staging.version,
            "changed": True,
        }
    )
    return str(descriptor)
