"""``opendata fetch``: fill a landing directory from the sources file, print what happened.

Exit codes: 0 when the run completed (even with failed URLs: they are listed and retried next
run), 2 when the sources file is missing or invalid, so a scheduler notices a broken config
but not a municipal server having a bad hour.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .fetcher import ProgressLine, run_fetch
from .sources import SourcesError, load_sources

__all__ = ["add_fetch_parser", "cmd_fetch"]


def add_fetch_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``fetch`` sub-command to an ``argparse`` sub-parsers object."""
    fetch = subparsers.add_parser("fetch", help="fetch feeds and listing pages into a landing directory")
    fetch.add_argument("--sources", default="sources.yaml", help="the sources file (default: ./sources.yaml)")
    fetch.add_argument("--into", required=True, help="landing directory to fill (created when missing)")
    fetch.add_argument("--progress-every", type=float, default=5.0, metavar="SECONDS",
                       help="print a progress line at most this often (default 5; 0 = after every request)")
    fetch.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    fetch.add_argument("--json", action="store_true", help="print the summary as JSON")
    fetch.set_defaults(func=cmd_fetch)
    return fetch


def cmd_fetch(args: argparse.Namespace) -> int:
    """Run ``opendata fetch``; returns the exit code."""
    try:
        config = load_sources(Path(args.sources))
    except SourcesError as exc:
        print(f"opendata fetch: invalid sources file: {exc}", file=sys.stderr)
        return 2
    progress = None if args.quiet else ProgressLine(sys.stderr, every=args.progress_every)
    summary = run_fetch(config, Path(args.into), progress=progress)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(summary.format())
    return 0
