"""The Dagster UI on workspace.yaml: a real dagster-webserver, queried over its GraphQL API."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from opendata.config import PROJECT_ROOT

QUERY = """{ workspaceOrError { ... on Workspace { locationEntries { name locationOrLoadError {
  __typename ... on PythonError { message }
  ... on RepositoryLocation { repositories {
     assetNodes { assetKey { path } groupName dependencyKeys { path } assetChecksOrError { ... on AssetChecks { checks { name } } } }
     schedules { name } sensors { name } } } } } } } }"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "OPENDATA_OUTPUT_DIR": str(home / "out")}
    webserver = Path(sys.executable).with_name("dagster-webserver")
    server = subprocess.Popen([str(webserver), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
                              cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": QUERY}).encode(),
                                                 headers={"Content-Type": "application/json"})
                body = json.load(urllib.request.urlopen(request, timeout=10))
                entry = body["data"]["workspaceOrError"]["locationEntries"][0]["locationOrLoadError"]
                if entry["__typename"] != "RepositoryLocation" and time.monotonic() < deadline:
                    raise OSError("code location still loading")
                yield entry
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _assets(graph) -> dict:
    return {node["assetKey"]["path"][-1]: node for node in graph["repositories"][0]["assetNodes"]}


def test_code_location_loads_without_errors(graph):
    assert graph["__typename"] == "RepositoryLocation", graph.get("message")


def test_every_asset_is_in_the_graph(graph):
    assert set(_assets(graph)) >= {"fetched_pages", "landing_files", "landing_documents", "documents", "outage_candidates",
                                   "event_candidates", "project_candidates", "outages", "outage_areas", "events",
                                   "projects", "mentions", "release_staging", "data_package"}


def test_lineage_runs_from_raw_files_to_the_package(graph):
    assets = _assets(graph)
    parents = {name: {dep["path"][-1] for dep in node["dependencyKeys"]} for name, node in assets.items()}

    def upstream(name: str) -> set[str]:
        seen, todo = set(), [name]
        while todo:
            for parent in parents[todo.pop()] - seen:
                seen.add(parent)
                todo.append(parent)
        return seen

    assert "landing_files" in upstream("data_package")


def test_checks_are_attached_to_the_tables(graph):
    checks = {c["name"] for c in _assets(graph)["outages"]["assetChecksOrError"]["checks"]}
    assert {"outages_matches_schema", "outages_primary_key_unique", "outages_end_not_before_start"} <= checks


def test_schedules_and_sensor_are_present(graph):
    repository = graph["repositories"][0]
    assert {s["name"] for s in repository["schedules"]} == {"daily_fetch", "daily_build"}
    assert "landing_directory_sensor" in {s["name"] for s in repository["sensors"]}
