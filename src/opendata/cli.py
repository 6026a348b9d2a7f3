"""The ``opendata`` command: ``build``, ``fetch``, ``serve``, ``validate``, ``gazetteer download``.

``build`` runs the Dagster jobs in process (``pipelines/build.py``; recorded in
``DAGSTER_HOME`` when that is set, so ``dagster dev`` shows the runs) and exits non-zero with
the reason when it cannot publish a valid package.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from opendata.config import find_gazetteer

if TYPE_CHECKING:
    from pipelines.build import BuildOutcome


SUMMARY_PROBLEMS = 20


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
    problems = [f"rejected: {r['path']}: {r['reason']} {r.get('detail', '')}".rstrip() for r in report.get("rejects", [])]
    problems += [f"extraction error: {e['path']}: {e['reason']} {e.get('detail', '')}" for e in report.get("extraction_errors", [])]
    lines += problems[:SUMMARY_PROBLEMS]
    if len(problems) > SUMMARY_PROBLEMS:
        lines.append(f"... and {len(problems) - SUMMARY_PROBLEMS} more in ingest_report.json")
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
    from opendata.runtime import tune_gc_for_batch
    from pipelines.build import run_build

    tune_gc_for_batch()

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


def run() -> None:
    """The console script: :func:`main`, then a quick exit (a build leaves millions of objects
    that the interpreter would otherwise free one by one)."""
    from opendata.runtime import exit_now

    exit_now(main())


if __name__ == "__main__":
    run()
