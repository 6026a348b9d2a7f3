"""Sensors: a run when new files land, keyed so the same file never triggers two runs."""
import dagster as dg

from opendata.batches import BatchRegistry, scan_landing

from .jobs import build_job
from .partitions import landing_batches
from .resources import PipelineSettings


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Records the files that are new or changed in the landing directory as a batch (a partition) "
        "and requests one build for it. The run key is the batch key, a hash of the files' versions."
    ),
)
def landing_directory_sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings):
    cfg = settings.settings()
    if not cfg.landing_dir.is_dir():
        return dg.SkipReason(f"landing directory {cfg.landing_dir} does not exist")
    batch = BatchRegistry(cfg.output_dir).plan(scan_landing(cfg.landing_dir))
    if batch is None:
        return dg.SkipReason("no new or changed files")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=batch.key, partition_key=batch.key, tags={"opendata/files": str(len(batch.files))})],
        dynamic_partitions_requests=[landing_batches.build_add_request([batch.key])],
    )
