"""The ``opendata`` command: ``build`` a package from a landing directory, ``validate`` one.

``build`` runs the Dagster job in process (recorded in ``DAGSTER_HOME`` when that is set, so
``dagster dev`` shows the run), and exits non-zero with the reason when it cannot publish a
valid package. The domain library never imports Dagster; this command is the one place
outside ``pipelines/`` that does, and only inside :func:`run_build`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from opendata.config import find_gazetteer


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
    import dagster as dg

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
    from opendata.batches import BatchRegistry, prune_batches, scan_landing
    from opendata.publish.package import discard_staging
    from opendata.versions import code_version
    from pipelines.definitions import build_defs
    from pipelines.jobs import PER_BATCH_ASSETS
    from pipelines.partitions import landing_batches
    from pipelines.resources import PipelineSettings, resources_for

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


def _summary(outcome: BuildOutcome) -> str:
    report = outcome.report
    rows = report.get("rows", {})
    lines = [
        f"batches read: {report.get('batches_read', 0)} (files new or changed since the last build)",
        f"documents: {report.get('documents', 0)} from {report.get('files', 0)} files "
        f"({report.get('accepted', 0)} accepted, {report.get('duplicates', 0)} duplicates, "
        f"{report.get('rejected', 0)} rejected, {report.get('ignored', 0)} ignored)",
        "rows: " + ", ".join(f"{name} {count}" for name, count in rows.items()),
    ]
    for reject in report.get("rejects", []):
        lines.append(f"rejected: {reject['path']}: {reject['reason']} {reject.get('detail', '')}".rstrip())
    for error in report.get("extraction_errors", []):
        lines.append(f"extraction error: {error['path']}: {error['reason']} {error.get('detail', '')}")
    lines.append(f"package: {outcome.descriptor}")
    return "\n".join(lines)


def _cmd_build(args: argparse.Namespace) -> int:
    landing = Path(args.input)
    if not landing.is_dir():
        print(f"opendata build: input directory {landing} does not exist", file=sys.stderr)
        return 2
    gazetteer = find_gazetteer(args.gazetteer)
    if gazetteer is None:
        print("opendata build: no gazetteer found; places are matched less precisely "
              "(set OPENDATA_GAZETTEER_DIR or run `opendata gazetteer download`)", file=sys.stderr)
    from opendata.publish.lock import OutputLocked, output_lock

    try:
        with output_lock(Path(args.output), wait=args.wait):
            outcome = run_build(landing, Path(args.output), gazetteer)
    except OutputLocked as exc:
        print(f"opendata build: {exc}; try again later or pass --wait SECONDS", file=sys.stderr)
        return 3
    if not outcome.ok:
        print("opendata build: no valid package could be published; the previous package is untouched.", file=sys.stderr)
        for problem in outcome.problems[:20]:
            print(f"  - {problem[:500]}", file=sys.stderr)
        return 1
    try:
        print(_summary(outcome))
    except BrokenPipeError:  # the reader (e.g. `| head`) left; the build itself succeeded
        pass
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from opendata.publish.package import validate_package

    errors = validate_package(Path(args.package))
    for error in errors:
        print(error)
    print("valid" if not errors else f"invalid: {len(errors)} errors")
    return 0 if not errors else 1


def _cmd_gazetteer_download(args: argparse.Namespace) -> int:
    from opendata.config import data_home
    from opendata.language.gazetteer_download import DownloadError, download_register

    into = Path(args.into) if args.into else data_home() / "gazetteer"
    try:
        files = download_register(into, args.base_url)
    except DownloadError as exc:
        print(f"opendata gazetteer download: {exc}; the existing gazetteer (if any) is unchanged", file=sys.stderr)
        return 1
    print(f"gazetteer: {len(files)} files in {into}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``opendata`` console script."""
    parser = argparse.ArgumentParser(prog="opendata", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="run the pipeline over a landing directory and publish a package")
    build.add_argument("--input", required=True, help="landing directory of raw pages, feeds and dumps")
    build.add_argument("--output", required=True, help="output directory; OUTPUT/datapackage.json is the newest release")
    build.add_argument("--gazetteer", default=None, help="folder of the RPE register CSVs (default: $OPENDATA_GAZETTEER_DIR)")
    build.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another build on the same output")
    build.set_defaults(func=_cmd_build)

    validate = commands.add_parser("validate", help="validate a published package with frictionless")
    validate.add_argument("package", help="path to datapackage.json")
    validate.set_defaults(func=_cmd_validate)

    from opendata.fetch.cli import add_fetch_parser

    add_fetch_parser(commands)

    from opendata.serve import add_serve_parser

    add_serve_parser(commands)

    gazetteer = commands.add_parser("gazetteer", help="manage the register of places (GURS RPE)")
    gazetteer_commands = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    download = gazetteer_commands.add_parser("download", help="download the register into a folder")
    download.add_argument("--into", default=None, help="target folder (default: $XDG_DATA_HOME/opendata/gazetteer)")
    from opendata.language.gazetteer_download import DEFAULT_BASE_URL

    download.add_argument("--base-url", default=DEFAULT_BASE_URL, help="mirror to download from")
    download.set_defaults(func=_cmd_gazetteer_download)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
