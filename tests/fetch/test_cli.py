"""``opendata fetch``: exit codes, summary and progress lines."""
from __future__ import annotations

import argparse
import io

import yaml

from opendata.fetch import FetchSummary, ProgressLine
from opendata.fetch.cli import add_fetch_parser
from tests.fetch.fixture_site import FAST


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="opendata")
    add_fetch_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def _sources_file(tmp_path, site, *paths: str):
    sources = [
        {"name": f"s{i}", "kind": "listing", "url": site.base + "/kazalo" + p, "link_pattern": "^" + site.base + p + "$"}
        for i, p in enumerate(paths)
    ]
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"contact": "https://example.org/t", "politeness": FAST, "sources": sources}), encoding="utf-8")
    return path


def test_invalid_sources_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources: []\n", encoding="utf-8")
    assert _main(["fetch", "--sources", str(bad), "--into", str(tmp_path / "landing")]) == 2


def test_failed_urls_still_exit_0_and_are_listed(site, tmp_path, capsys):
    sources = _sources_file(tmp_path, site, "/manjka.html", "/novice/brez-vode.html")
    code = _main(["fetch", "--sources", str(sources), "--into", str(tmp_path / "landing"), "--quiet"])
    out = capsys.readouterr().out
    assert code == 0 and "failed 1" in out and "http_404" in out


def test_progress_lines_go_to_stderr_while_fetching(site, tmp_path, capsys):
    sources = _sources_file(tmp_path, site, "/novice/brez-vode.html")
    _main(["fetch", "--sources", str(sources), "--into", str(tmp_path / "landing"), "--progress-every", "0"])
    assert "fetch [s0]:" in capsys.readouterr().err


def test_progress_line_is_printed_at_most_once_per_interval():
    stream, now = io.StringIO(), [0.0]
    progress = ProgressLine(stream, every=5.0, clock=lambda: now[0])
    for now[0] in (1.0, 2.0, 6.0, 7.0, 12.0):
        progress(FetchSummary(requests=1))
    assert len(stream.getvalue().splitlines()) == 2
