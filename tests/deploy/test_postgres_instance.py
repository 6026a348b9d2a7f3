"""The production instance (deploy/dagster.yaml) on a real PostgreSQL server."""
import shutil
import subprocess

import dagster as dg
import pytest

from pipelines.build import run_build
from opendata.config import PROJECT_ROOT, SAMPLE_LANDING
from tests.conftest import GAZETTEER_DIR


@pytest.fixture
def production_home(postgres_server, tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv("DAGSTER_PG_HOST", postgres_server["host"])
    monkeypatch.setenv("DAGSTER_PG_PORT", str(postgres_server["port"]))
    monkeypatch.setenv("DAGSTER_PG_DB", postgres_server["db"])
    monkeypatch.setenv("DAGSTER_PG_USERNAME", postgres_server["user"])
    monkeypatch.setenv("DAGSTER_PG_PASSWORD", "")
    return home


def test_production_instance_stores_runs_in_postgres(production_home):
    with dg.DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"


def test_production_instance_queues_runs_with_a_publishing_limit(production_home):
    with dg.DagsterInstance.get() as instance:
        coordinator = instance.run_coordinator
        assert type(coordinator).__name__ == "QueuedRunCoordinator"
        limits = {(limit["key"], limit.get("value")): limit["limit"] for limit in coordinator.get_run_queue_config().tag_concurrency_limits}
        assert limits[("opendata/publishes", "true")] == 1


def test_build_records_its_runs_in_postgres(production_home, postgres_server, tmp_path):
    outcome = run_build(SAMPLE_LANDING, tmp_path / "out", GAZETTEER_DIR if GAZETTEER_DIR.exists() else None)
    assert outcome.ok, outcome.problems
    count = subprocess.run(
        ["psql", "-h", postgres_server["host"], "-p", str(postgres_server["port"]), "-U", postgres_server["user"],
         "-d", postgres_server["db"], "-tAc", "select count(*) from runs where status = 'SUCCESS' and pipeline_name = 'build'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert int(count) == 1  # one run read the new batch, merged and published
