"""The code location loads, and its schedule, sensor and metadata behave as users expect."""
import dagster as dg
import pytest

from opendata.schema import TABLES
from pipelines.definitions import build_defs, defs
from pipelines.resources import PipelineSettings
from pipelines.schedules import daily_build, daily_fetch
from pipelines.sensors import landing_directory_sensor


def test_code_location_loads():
    dg.Definitions.validate_loadable(defs)


def test_asset_graph_runs_from_raw_files_to_the_package():
    graph = defs.resolve_asset_graph()
    upstream = graph.get(dg.AssetKey("data_package")).parent_keys
    assert dg.AssetKey("release_staging") in upstream
    assert dg.AssetKey("landing_documents") in graph.get(dg.AssetKey("documents")).parent_keys


@pytest.mark.parametrize("table", TABLES)
def test_every_table_asset_shows_its_column_schema(table):
    spec = defs.resolve_asset_graph().get(dg.AssetKey(table))
    schema = spec.metadata["dagster/column_schema"]
    assert [c.name for c in schema.columns][0] == {
        "documents": "document_id", "outages": "outage_id", "outage_areas": "outage_id",
        "events": "event_id", "projects": "project_id", "mentions": "record_type"}[table]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_has_a_blocking_schema_check(table):
    keys = {key.name for key in defs.resolve_asset_graph().asset_check_keys if key.asset_key == dg.AssetKey(table)}
    assert f"{table}_matches_schema" in keys


def test_groups_read_as_the_data_flow():
    groups = {spec.key.to_user_string(): spec.group_name for spec in defs.resolve_all_asset_specs()}
    assert groups["landing_documents"] == "ingest"
    assert groups["outages"] == "extract"
    assert groups["data_package"] == "publish"


def test_morning_fetch_runs_at_six_in_ljubljana():
    assert (daily_fetch.cron_schedule, daily_fetch.execution_timezone) == ("0 6 * * *", "Europe/Ljubljana")


def test_daily_build_publishes_after_the_morning_fetch():
    assert (daily_build.cron_schedule, daily_build.execution_timezone, daily_build.job_name) == (
        "30 6 * * *", "Europe/Ljubljana", "publish")
    context = dg.build_schedule_context(scheduled_execution_time=None)
    assert len(daily_build.evaluate_tick(context).run_requests) == 1


def _sensor_tick(landing):
    settings = PipelineSettings(landing_dir=str(landing), output_dir=str(landing.parent / "out"))
    context = dg.build_sensor_context(resources={"settings": settings})
    result = landing_directory_sensor(context)
    return result if isinstance(result, dg.SensorResult) else dg.SensorResult(skip_reason=result)


def test_sensor_requests_one_partitioned_run_for_new_files(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "notice.txt").write_text("Zapora ceste.", encoding="utf-8")
    result = _sensor_tick(landing)
    (request,) = result.run_requests
    assert request.partition_key == request.run_key


def test_sensor_adds_the_batch_as_a_partition(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "notice.txt").write_text("Zapora ceste.", encoding="utf-8")
    result = _sensor_tick(landing)
    assert result.dynamic_partitions_requests[0].partition_keys == [result.run_requests[0].partition_key]


def test_sensor_does_not_request_twice_for_the_same_file(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "notice.txt").write_text("Zapora ceste.", encoding="utf-8")
    _sensor_tick(landing)
    assert not _sensor_tick(landing).run_requests


def test_sensor_requests_a_new_run_when_another_file_lands(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.txt").write_text("Zapora ceste.", encoding="utf-8")
    first = _sensor_tick(landing)
    (landing / "b.txt").write_text("Brez vode.", encoding="utf-8")
    second = _sensor_tick(landing)
    assert second.run_requests[0].run_key != first.run_requests[0].run_key


def test_tests_can_build_definitions_with_their_own_resources(tmp_path):
    settings = PipelineSettings(landing_dir=str(tmp_path), output_dir=str(tmp_path / "out"))
    local = build_defs({"settings": settings})
    assert local.resolve_job_def("build").name == "build"


def test_inverted_window_fails_the_blocking_sanity_check():
    from datetime import date

    from opendata.schema import to_arrow
    from pipelines.checks import RULES, evaluate

    rule = next(r for r in RULES["outages"] if r.name == "outages_end_not_before_start")
    table = to_arrow("outages", [{
        "outage_id": "o1", "service": "road", "effect": "closure", "cause": "unknown", "end_estimated": False,
        "start_date": date(2025, 3, 5), "end_date": date(2025, 3, 1), "document_id": "d1", "mention_count": 1}])
    result = evaluate(rule, table, {})
    assert not result.passed and result.metadata["violations"].value == 1


def test_package_asset_warns_when_older_than_26_hours():
    from datetime import timedelta

    window = defs.resolve_asset_graph().get(dg.AssetKey("data_package")).freshness_policy.warn_window
    assert timedelta(days=window.days, seconds=window.seconds) == timedelta(hours=26)
