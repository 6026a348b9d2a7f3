"""Jobs.

- ``build``: one landing batch read and extracted, then every batch merged and published;
  the sensor runs it with the batch's partition key.
- ``read_batch``: only the per-batch assets, to re-read a batch after the code changed.
- ``publish``: only the combining assets: merge every batch and publish (the daily refresh).
- ``fetch``: fill the landing directory from the sources in ``sources.yaml``; the landing
  sensor turns what arrives into a batch and builds it.
"""
import dagster as dg

PER_BATCH_ASSETS = ("landing_files", "outage_candidates", "event_candidates", "project_candidates")
PER_BATCH = dg.AssetSelection.assets(*PER_BATCH_ASSETS)
FETCH = dg.AssetSelection.assets("fetched_pages")

build_job = dg.define_asset_job(
    "build",
    selection=dg.AssetSelection.all() - FETCH,
    description="Read and extract one landing batch, then merge all batches and publish the package.",
    tags={"opendata/job": "build", "opendata/publishes": "true"},
)

read_batch_job = dg.define_asset_job(
    "read_batch",
    selection=PER_BATCH,
    description="Read and extract one landing batch (backfill these after an extractor changes).",
    tags={"opendata/job": "read_batch"},
)

publish_job = dg.define_asset_job(
    "publish",
    selection=dg.AssetSelection.all() - PER_BATCH - FETCH,
    description="Merge every batch already read and publish the package.",
    tags={"opendata/job": "publish", "opendata/publishes": "true"},
)

fetch_job = dg.define_asset_job(
    "fetch",
    selection=FETCH,
    description="Fetch the configured sources into the landing directory.",
    tags={"opendata/job": "fetch"},
)
