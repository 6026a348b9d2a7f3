"""Jobs: ``build`` materializes the whole graph, landing files to published package."""
from __future__ import annotations

import dagster as dg

build_job = dg.define_asset_job(
    "build",
    selection=dg.AssetSelection.all(),
    description="Ingest the landing directory, extract every table, validate and publish the package.",
    tags={"opendata/job": "build"},
)
