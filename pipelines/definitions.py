"""The code location: every asset, check, job, schedule and sensor, with their resources."""
from __future__ import annotations

from collections.abc import Mapping

import dagster as dg

from opendata.runtime import tune_gc_for_batch

from .assets import extract, fetch, ingest, publish
from .checks import all_checks
from .jobs import build_job, fetch_job, publish_job, read_batch_job
from .resources import default_resources
from .schedules import daily_build, daily_fetch
from .sensors import landing_directory_sensor


def build_defs(resource_overrides: Mapping[str, object] | None = None) -> dg.Definitions:
    """Fresh Definitions; tests and the CLI pass their own resources instead of the environment's."""
    resources = {**default_resources(), **(resource_overrides or {})}
    return dg.Definitions(
        assets=dg.load_assets_from_modules([fetch, ingest, extract, publish]),
        asset_checks=all_checks,
        jobs=[build_job, read_batch_job, publish_job, fetch_job],
        schedules=[daily_fetch, daily_build],
        sensors=[landing_directory_sensor],
        resources=resources,
    )


# The code location's run workers are batch processes: see opendata.runtime.
tune_gc_for_batch()
defs = build_defs()
