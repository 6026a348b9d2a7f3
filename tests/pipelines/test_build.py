"""The whole graph, materialized on the bundled sample, publishes a package frictionless accepts."""
import json
import shutil

import frictionless
import pytest

from opendata.config import SAMPLE_LANDING
from pipelines.build import run_build
from tests.conftest import GAZETTEER_DIR


GAZETTEER = GAZETTEER_DIR if GAZETTEER_DIR.exists() else None


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("package")
    return run_build(SAMPLE_LANDING, output, GAZETTEER), output


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


def test_release_carries_its_catalogue_calendars_and_zip(sample_build):
    _, output = sample_build
    release = (output / "latest").resolve()
    assert (release / "catalog.jsonld").exists() and (release / "catalog.ttl").exists()
    assert (release / "calendars" / "outages.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert list(release.glob("*.zip"))


def test_rebuild_of_unchanged_input_reads_nothing_and_publishes_no_new_release(sample_build):
    _, output = sample_build
    again = run_build(SAMPLE_LANDING, output, GAZETTEER)
    assert again.ok and again.report["batches_read"] == 0
    assert len(list((output / "releases").iterdir())) == 1


def test_new_file_is_read_alone_and_adds_a_release_beside_the_first(tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    output = tmp_path / "out"
    assert run_build(landing, output, GAZETTEER).ok
    (landing / "extra.txt").write_text(EXTRA_NOTICE, encoding="utf-8")
    second = run_build(landing, output, GAZETTEER)
    assert second.ok and second.report["batches_read"] == 1
    assert len(list((output / "releases").iterdir())) == 2


def test_incremental_build_equals_a_full_rebuild(tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    assert run_build(landing, tmp_path / "incremental", GAZETTEER).ok
    (landing / "extra.txt").write_text(EXTRA_NOTICE, encoding="utf-8")
    assert run_build(landing, tmp_path / "incremental", GAZETTEER).ok
    assert run_build(landing, tmp_path / "full", GAZETTEER).ok
    for name in ("outages", "outage_areas", "events", "projects", "documents", "mentions"):
        assert _data(tmp_path / "incremental", name) == _data(tmp_path / "full", name), name


def test_batches_stored_as_plain_lists_by_an_older_release_are_still_combined(tmp_path):
    import pickle

    landing = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    output = tmp_path / "out"
    assert run_build(landing, output, GAZETTEER).ok
    for stored in (output / ".state" / "store" / "landing_files").iterdir():
        stored.write_bytes(pickle.dumps(pickle.loads(stored.read_bytes()).reads()))
    (landing / "extra.txt").write_text(EXTRA_NOTICE, encoding="utf-8")
    assert run_build(landing, output, GAZETTEER).ok
    assert run_build(landing, tmp_path / "full", GAZETTEER).ok
    assert _data(output, "documents") == _data(tmp_path / "full", "documents")


EXTRA_NOTICE = """Zapora Prešernove ulice

Mestna občina Kranj obvešča, da bo v ponedeljek, 19. maja 2025, od 8. do 14. ure zaradi popravila vodovoda popolna zapora Prešernove ulice v Kranju.
"""


def _data(output, name: str) -> bytes:
    body = json.loads((output / "datapackage.json").read_text(encoding="utf-8"))
    path = next(r["path"] for r in body["resources"] if r["name"] == name)
    return (output / path).read_bytes()


def _corrupting(monkeypatch, corrupt):
    import opendata.extract.outages as outages

    original = outages.merge_outages

    def merged(candidates, gazetteer):
        rows, areas, mentions = original(candidates, gazetteer)
        return corrupt(rows), areas, mentions

    monkeypatch.setattr(outages, "merge_outages", merged)


@pytest.mark.parametrize("corruption", ["duplicate_key", "ends_before_start"])
def test_corrupted_outages_fail_a_blocking_check_and_nothing_is_published(corruption, monkeypatch, tmp_path):
    from datetime import date

    landing = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    output = tmp_path / "out"
    assert run_build(landing, output, GAZETTEER).ok
    before = (output / "datapackage.json").read_bytes()
    (landing / "extra.txt").write_text(EXTRA_NOTICE, encoding="utf-8")

    def corrupt(rows):
        if corruption == "duplicate_key":
            return rows + [dict(rows[0])]
        return [{**rows[0], "start_date": date(2025, 6, 1), "end_date": date(2025, 5, 1)}] + rows[1:]

    _corrupting(monkeypatch, corrupt)
    outcome = run_build(landing, output, GAZETTEER)
    expected = "outages_primary_key_unique" if corruption == "duplicate_key" else "outages_end_not_before_start"
    assert not outcome.ok and any(expected in problem for problem in outcome.problems), outcome.problems
    assert (output / "datapackage.json").read_bytes() == before


def test_rejected_files_stay_in_the_landing_directory(sample_build):
    assert (SAMPLE_LANDING / "2025-06-03_empty.txt").exists()
