"""The Dagster pieces: ``fetched_pages`` fills the landing directory; the jobs and schedule are offline-safe."""
from __future__ import annotations

import dagster as dg
import yaml

from pipelines.assets.fetch import fetched_pages
from pipelines.definitions import defs
from pipelines.resources import PipelineSettings
from pipelines.schedules import daily_fetch
from tests.fetch.fixture_site import FAST


def test_fetched_pages_asset_writes_into_the_configured_landing_dir(site, tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({
        "contact": "https://example.org/t", "politeness": FAST,
        "sources": [{"name": "s", "kind": "listing", "url": site.base + "/novice.html", "link_pattern": "/novice/"}],
    }), encoding="utf-8")
    landing = tmp_path / "landing"
    result = dg.materialize(
        [fetched_pages],
        resources={"settings": PipelineSettings(landing_dir=str(landing), output_dir=str(tmp_path / "out"))},
        run_config={"ops": {"fetched_pages": {"config": {"sources_path": str(sources)}}}},
    )
    metadata = result.asset_materializations_for_node("fetched_pages")[0].metadata
    assert metadata["written"].value == 2 and len(list(landing.rglob("*.html"))) == 2


def test_fetch_schedule_is_stopped_until_someone_starts_it():
    assert daily_fetch.default_status == dg.DefaultScheduleStatus.STOPPED and daily_fetch.job_name == "fetch"


def test_build_jobs_never_fetch():
    for name in ("build", "read_batch", "publish"):
        keys = defs.resolve_job_def(name).asset_layer.executable_asset_keys
        assert dg.AssetKey("fetched_pages") not in keys, name
