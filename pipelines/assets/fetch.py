"""Fetch assets: the landing directory filled from the web (feeds and listing pages).

Kept out of the build jobs on purpose: ``opendata build`` and the tests never reach the
network. The ``fetch`` job runs this asset; the landing sensor then records the new files as
a batch and builds it.
"""
import os
from pathlib import Path

import dagster as dg

from opendata.config import PROJECT_ROOT
from opendata.fetch import SourcesError, load_sources, run_fetch

from opendata.versions import code_version

from ..resources import PipelineSettings

GROUP = "ingest"
OWNERS = ["team:open-data"]
ENV_SOURCES = "OPENDATA_SOURCES"
FETCH_ASSET_KEY = dg.AssetKey("fetched_pages")


def _default_sources() -> str:
    return os.environ.get(ENV_SOURCES) or str(PROJECT_ROOT / "sources.yaml")


class FetchRunConfig(dg.Config):
    """Run config of ``fetched_pages``."""

    sources_path: str = _default_sources()  # evaluated once, at import: $OPENDATA_SOURCES or ./sources.yaml
    fail_on_errors: bool = False  # a failed URL is retried next run; set true to make it a failed step


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version=code_version("fetch"),
    kinds={"python"},
    description=(
        "Pages of the configured feeds and listing pages (sources.yaml) written into the landing "
        "directory with their sidecars; robots.txt obeyed, conditional GETs, never the same unchanged "
        "URL twice. Metadata: fetched, not modified, skipped and failed URLs."
    ),
)
def fetched_pages(context: dg.AssetExecutionContext, config: FetchRunConfig, settings: PipelineSettings) -> dg.MaterializeResult:
    try:
        fetch_config = load_sources(Path(config.sources_path))
    except SourcesError as exc:
        raise dg.Failure(description=f"invalid sources file: {exc}") from exc
    landing = settings.settings().landing_dir
    last_logged = {"requests": 0}

    def progress(summary) -> None:
        # A line every 25 requests: enough to see a long fetch moving without flooding the log.
        if summary.requests - last_logged["requests"] >= 25:
            last_logged["requests"] = summary.requests
            context.log.info(
                f"[{summary.current}] {summary.requests} requests, {summary.fetched} fetched, "
                f"{summary.not_modified} not modified, {summary.failed} failed"
            )

    summary = run_fetch(fetch_config, landing, progress=progress)
    for failure in summary.failures:
        context.log.warning(f"[{failure.source}] {failure.url}: {failure.reason} {failure.detail}")
    if config.fail_on_errors and summary.failures:
        raise dg.Failure(description=summary.format())
    return dg.MaterializeResult(
        metadata={
            "landing_dir": dg.MetadataValue.path(str(landing)),
            "sources": len(fetch_config.sources),
            "fetched": summary.fetched,
            "not_modified": summary.not_modified,
            "unchanged": summary.unchanged,
            "skipped": summary.skipped,
            "failed": summary.failed,
            "written": summary.written,
            "requests": summary.requests,
            "summary": dg.MetadataValue.md(f"```\n{summary.format()}\n```"),
        }
    )
