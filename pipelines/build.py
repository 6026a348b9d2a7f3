"""``opendata build`` as Dagster runs: which landing batches to read, then merge and publish.

The CLI calls :func:`run_build`; it plans the batches (``opendata.batches``), registers them
as partitions, runs ``read_batch``/``build``/``publish`` in process, and reports what
happened. Runs are recorded in ``DAGSTER_HOME`` when that is set.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from opendata.batches import BatchRegistry, prune_batches, scan_landing
from opendata.publish.package import discard_staging
from opendata.versions import code_version

from .definitions import build_defs
from .jobs import PER_BATCH_ASSETS
from .partitions import landing_batches
from .resources import PipelineSettings, resources_for


@dataclass
class BuildOutcome:
    """What a build did, for the summary and the exit code."""

    ok: bool
    descriptor: Path | None = None
    report: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _open_instance():
    """The Dagster instance of a build: ``DAGSTER_HOME``'s when set, else an in-memory one.

    Nothing the next build needs lives in the instance: batch manifests and stored values are
    in ``OUTPUT/.state``, and the batches' partitions are re-registered on every build. An
    in-memory instance spares a few hundred SQLite commits per build.
    """
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def _problems(result) -> list[str]:
    problems = [
        f"check {ev.check_name} on {ev.asset_key.to_user_string()} failed: "
        f"{dict((k, v.value) for k, v in ev.metadata.items() if not k.startswith('rows_'))}"
        for ev in result.get_asset_check_evaluations()
        if not ev.passed
    ]
    for event in result.all_events:
        if event.is_step_failure:
            problems.append(f"step {event.step_key} failed: {_root_cause(event.event_specific_data.error)}")
    return problems


def run_build(landing: Path, output: Path, gazetteer: Path | None) -> BuildOutcome:
    """Read and extract the landing files no earlier build has read, then merge all and publish.

    State lives in ``OUTPUT/.state``: batch manifests and each batch's stored documents and
    candidates; runs are recorded in ``DAGSTER_HOME`` when it is set. A batch whose code
    version is out of date is read again, so the package always equals a full rebuild.
    """
    output.mkdir(parents=True, exist_ok=True)
    settings = PipelineSettings(
        landing_dir=str(landing.resolve()),
        output_dir=str(output.resolve()),
        gazetteer_dir=str(gazetteer.resolve()) if gazetteer else "",
    )
    defs = build_defs(resources_for(settings))
    registry = BatchRegistry(output)
    scan = scan_landing(landing)
    registry.plan(scan)
    prune_batches(registry, scan)
    versions = {stage: code_version(stage) for stage in ("ingest", "extract")}
    batches = registry.batches()
    stale = [b for b in batches if any(b.materialized.get(k) != v for k, v in versions.items())]
    quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
    problems: list[str] = []
    with _open_instance() as instance:
        known = set(instance.get_dynamic_partitions(landing_batches.name))
        instance.add_dynamic_partitions(landing_batches.name, [b.key for b in batches if b.key not in known])
        # Every stale batch is read on its own run but the last, which is read in the same run
        # that merges and publishes (one run fewer: a run costs about a second of overhead).
        published = False
        for index, batch in enumerate(stale):
            last = index == len(stale) - 1
            job = defs.resolve_job_def("build" if last else "read_batch")
            result = job.execute_in_process(instance=instance, partition_key=batch.key, raise_on_error=False, run_config=quiet)
            if all(result.is_node_success(node) for node in PER_BATCH_ASSETS):
                for stage, version in versions.items():
                    registry.mark_materialized(batch.key, stage, version)
            if not result.success:
                problems += _problems(result) or [f"batch {batch.key} could not be read"]
                break
            published = last
        if not stale:
            result = defs.resolve_job_def("publish").execute_in_process(instance=instance, raise_on_error=False, run_config=quiet)
            problems += _problems(result)
            published = result.success
    report_path = output / "ingest_report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if published and report_path.exists() else {}
    if not published:
        discard_staging(output)
        if not problems:
            problems.append("the package was not published")
    report["batches_read"] = len(stale)
    return BuildOutcome(ok=published, descriptor=output / "datapackage.json" if published else None, report=report, problems=problems)


def _root_cause(error) -> str:
    """The innermost error message of a Dagster step failure (the user's exception, not the wrapper)."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


