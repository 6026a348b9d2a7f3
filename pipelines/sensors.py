"""Sensors: a run when new files land, keyed so the same file never triggers two runs."""

import json

import dagster as dg

from opendata.landing import new_files, scan_landing

from .jobs import build_job
from .resources import PipelineSettings


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a build when files appear in (or change in) the landing directory.",
)
def landing_directory_sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings):
    landing = settings.settings().landing_dir
    if not landing.is_dir():
        return dg.SkipReason(f"landing directory {landing} does not exist")
    seen = json.loads(context.cursor) if context.cursor else {}
    current = scan_landing(landing)
    fresh, run_key = new_files(seen, current)
    if not fresh:
        return dg.SkipReason("no new or changed files")
    context.update_cursor(json.dumps(current, sort_keys=True))
    return dg.RunRequest(run_key=run_key, tags={"opendata/new_files": str(len(fresh))})
