"""The whole graph, materialized on the bundled sample, publishes a package frictionless accepts."""
import json

import frictionless
import pytest

from opendata.config import SAMPLE_LANDING, PROJECT_ROOT
from opendata.cli import run_build
from tests.conftest import GAZETTEER_DIR


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("package")
    gazetteer = GAZETTEER_DIR if GAZETTEER_DIR.exists() else None
    return run_build(SAMPLE_LANDING, output, gazetteer), output


def test_build_on_the_sample_publishes(sample_build):
    outcome, _ = sample_build
    assert outcome.ok, outcome.problems


def test_published_package_is_valid_for_frictionless(sample_build):
    _, output = sample_build
    assert frictionless.validate(str(output / "datapackage.json")).valid


def test_ingest_report_accounts_for_every_sample_file(sample_build):
    _, output = sample_build
    report = json.loads((output / "ingest_report.json").read_text(encoding="utf-8"))
    inputs = [p for p in SAMPLE_LANDING.iterdir() if not p.name.endswith(".meta.json")]
    assert report["files"] == len(inputs) and report["balanced"]


def test_sample_rejects_are_reported_with_reasons(sample_build):
    _, output = sample_build
    report = json.loads((output / "ingest_report.json").read_text(encoding="utf-8"))
    assert {r["reason"] for r in report["rejects"]} >= {"empty", "bad_json_line"}


def test_sample_yields_rows_in_every_record_table(sample_build):
    outcome, _ = sample_build
    rows = outcome.report["rows"]
    assert all(rows[t] > 0 for t in ("outages", "outage_areas", "events", "projects", "mentions")), rows


def test_a_second_build_keeps_the_first_release(sample_build, tmp_path):
    outcome, output = sample_build
    again = run_build(SAMPLE_LANDING, output, GAZETTEER_DIR if GAZETTEER_DIR.exists() else None)
    assert again.ok
    assert len(list((output / "releases").iterdir())) >= 2
