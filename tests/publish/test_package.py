"""Publishing: CSV and Parquet per table, hashed, validated by frictionless, promoted atomically."""
import csv
import hashlib
import json
from datetime import date, datetime, time, timezone

import pyarrow.parquet as pq
import pytest

from opendata.publish.package import discard_staging, promote_release, stage_release, validate_package, write_zip
from opendata.schema import TABLES, to_arrow

NOW = datetime(2025, 3, 1, 6, 0, tzinfo=timezone.utc)


def tables(**rows):
    document = {"document_id": "doc-1", "kind": "notice", "text": "Brez vode na Lipovi ulici.", "char_count": 26,
                "title": "Brez vode", "fetched_at": datetime(2025, 3, 1, 8, tzinfo=timezone.utc)}
    outage = {"outage_id": "outage-1", "service": "water", "effect": "no_service", "cause": "unknown",
              "title": "Brez vode", "start_date": date(2025, 3, 1), "start_time": time(8, 0), "end_date": date(2025, 3, 1),
              "end_time": time(12, 30), "end_estimated": True, "document_id": "doc-1", "mention_count": 1}
    defaults = {"documents": [document], "outages": [outage],
                "outage_areas": [{"outage_id": "outage-1", "municipality": "Kranj", "municipality_code": "SI-052"}],
                "mentions": [{"record_type": "outage", "record_id": "outage-1", "document_id": "doc-1",
                              "evidence": "Brez vode na Lipovi ulici.", "char_start": 0, "char_end": 26}]}
    return {name: to_arrow(name, rows.get(name, defaults.get(name, []))) for name in TABLES}


@pytest.fixture
def published(tmp_path):
    staged = stage_release(tables(), tmp_path, now=NOW)
    promote_release(staged)
    return tmp_path


def test_staged_package_validates(tmp_path):
    staged = stage_release(tables(), tmp_path, now=NOW)
    assert validate_package(staged.descriptor_path) == []


def test_every_table_is_published_as_csv_and_parquet(published):
    body = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in body["resources"]}
    assert names == set(TABLES) | {f"{t}_parquet" for t in TABLES}


def test_resource_hash_is_the_sha256_of_its_file(published):
    body = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    for resource in body["resources"]:
        content = (published / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        assert resource["bytes"] == len(content)


def test_times_are_written_as_hours_and_minutes(published):
    body = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    path = next(r["path"] for r in body["resources"] if r["name"] == "outages")
    row = next(csv.DictReader((published / path).open(encoding="utf-8")))
    assert (row["start_time"], row["end_time"], row["end_estimated"]) == ("08:00", "12:30", "true")


def test_parquet_keeps_the_schema_types(published):
    body = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    path = next(r["path"] for r in body["resources"] if r["name"] == "outages_parquet")
    assert pq.read_table(published / path).column("start_date").to_pylist() == [date(2025, 3, 1)]


def test_package_metadata_names_licence_and_version(published):
    body = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    assert body["licenses"][0]["name"] == "CC-BY-4.0"
    assert body["version"].startswith("2025.03.01")
    assert body["$schema"].endswith("/2.0/datapackage.json")


def test_invalid_rows_make_the_package_invalid(tmp_path):
    bad = tables(mentions=[{"record_type": "outage", "record_id": "outage-1", "document_id": "doc-404",
                            "evidence": "x", "char_start": 0, "char_end": 1}])
    staged = stage_release(bad, tmp_path, now=NOW)
    assert validate_package(staged.descriptor_path)


def test_a_new_release_keeps_the_previous_one(published):
    later = datetime(2025, 3, 2, 6, 0, tzinfo=timezone.utc)
    promote_release(stage_release(tables(), published, now=later))
    assert len(list((published / "releases").iterdir())) == 2
    assert json.loads((published / "datapackage.json").read_text())["version"].startswith("2025.03.02")


def test_same_tables_give_byte_identical_data_files(tmp_path):
    first = stage_release(tables(), tmp_path / "a", now=NOW)
    second = stage_release(tables(), tmp_path / "b", now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    for name in ("outages.csv", "outages.parquet", "documents.parquet"):
        assert (first.root / "data" / name).read_bytes() == (second.root / "data" / name).read_bytes()


def test_leftover_staging_folders_are_discarded(tmp_path):
    stage_release(tables(), tmp_path, now=NOW)
    assert discard_staging(tmp_path) == 1
    assert not any(p.name.startswith(".staging-") for p in tmp_path.iterdir())


def test_release_files_are_read_only_once_published(published):
    release = next((published / "releases").iterdir())
    assert all(not (p.stat().st_mode & 0o222) for p in release.rglob("*") if p.is_file())


def test_latest_points_at_the_newest_release(published):
    later = datetime(2025, 3, 2, 6, 0, tzinfo=timezone.utc)
    final = promote_release(stage_release(tables(), published, now=later))
    assert (published / "latest").resolve() == final.resolve()


def test_release_zip_holds_the_descriptor_and_data(tmp_path):
    import zipfile

    staged = stage_release(tables(), tmp_path, now=NOW)
    archive = write_zip(staged.root, "release.zip")
    names = zipfile.ZipFile(archive).namelist()
    assert "datapackage.json" in names and "data/outages.parquet" in names


def test_release_zip_stores_parquet_as_is_and_deflates_text(tmp_path):
    import zipfile

    staged = stage_release(tables(), tmp_path, now=NOW)
    members = {i.filename: i.compress_type for i in zipfile.ZipFile(write_zip(staged.root, "release.zip")).infolist()}
    assert members["data/outages.parquet"] == zipfile.ZIP_STORED
    assert members["data/outages.csv"] == zipfile.ZIP_DEFLATED


def test_release_zip_bytes_do_not_depend_on_when_it_is_written(tmp_path):
    staged = stage_release(tables(), tmp_path, now=NOW)
    first = write_zip(staged.root, "a.zip").read_bytes()
    (staged.root / "a.zip").unlink()
    assert write_zip(staged.root, "a.zip").read_bytes() == first


def test_first_release_changelog_lists_every_row_as_added(published):
    changelog = json.loads((published / "changelog.json").read_text(encoding="utf-8"))
    assert changelog["previous_version"] is None
    assert changelog["tables"]["outages"]["added_keys"] == ["outage-1"]


def test_changelog_names_changed_and_removed_rows(published):
    changed = tables(outages=[{**_outage_row(), "end_time": time(14, 0)}], outage_areas=[], mentions=[])
    promote_release(stage_release(changed, published, now=datetime(2025, 3, 2, tzinfo=timezone.utc)))
    diff = json.loads((published / "changelog.json").read_text(encoding="utf-8"))["tables"]
    assert diff["outages"]["changed_keys"] == ["outage-1"]
    assert diff["mentions"]["removed"] == 1


def test_human_changelog_sums_up_each_table(published):
    release = next((published / "releases").iterdir())
    text = (release / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "`outages`: 1 rows; 1 added, 0 changed, 0 removed" in text


def _outage_row():
    return tables()["outages"].to_pylist()[0]


def test_parquet_copy_that_lost_a_row_is_invalid_even_with_a_matching_hash(tmp_path):
    staged = stage_release(tables(mentions=[]), tmp_path, now=NOW)
    path = staged.root / "data" / "outage_areas.parquet"
    pq.write_table(pq.read_table(path).slice(0, 0), path)
    body = json.loads(staged.descriptor_path.read_text(encoding="utf-8"))
    for resource in body["resources"]:
        if resource["name"] == "outage_areas_parquet":
            resource["bytes"] = path.stat().st_size
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    staged.descriptor_path.write_text(json.dumps(body), encoding="utf-8")
    assert "outage_areas: the CSV and Parquet copies hold different rows" in validate_package(staged.descriptor_path)


def test_a_csv_cell_out_of_format_is_caught_past_the_frictionless_row_limit(tmp_path):
    staged = stage_release(tables(), tmp_path, now=NOW)
    path = staged.root / "data" / "outages.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("08:00", "8h"), encoding="utf-8")
    body = json.loads(staged.descriptor_path.read_text(encoding="utf-8"))
    for resource in body["resources"]:
        if resource["name"] == "outages":
            resource["bytes"] = path.stat().st_size
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    staged.descriptor_path.write_text(json.dumps(body), encoding="utf-8")
    errors = validate_package(staged.descriptor_path, frictionless_rows=0)
    assert any(e.startswith("outages: a CSV cell is not in its field's format") for e in errors), errors


def test_a_wrong_hash_is_caught_past_the_frictionless_row_limit(tmp_path):
    staged = stage_release(tables(), tmp_path, now=NOW)
    body = json.loads(staged.descriptor_path.read_text(encoding="utf-8"))
    body["resources"][1]["hash"] = "sha256:" + "0" * 64
    staged.descriptor_path.write_text(json.dumps(body), encoding="utf-8")
    errors = validate_package(staged.descriptor_path, frictionless_rows=0)
    assert any("sha256 differs" in e for e in errors), errors


def test_two_releases_of_the_same_tables_differ_only_in_their_version_and_creation_time(tmp_path):
    """Everything but the version (and the id and paths derived from it) and the creation time
    is byte-identical; the ZIP is left out only because it holds these same files."""
    from opendata.publish.release import PublishSettings, stage_full_release

    settings = PublishSettings(base_url="https://data.example.si/opendata/")
    report = {"files": 1}
    first = stage_full_release(tables(), tmp_path / "a", report=report, settings=settings, now=NOW)
    second = stage_full_release(tables(), tmp_path / "b", report=report, settings=settings,
                                now=datetime(2025, 4, 2, 7, 30, tzinfo=timezone.utc))
    ids = [json.loads(r.descriptor_path.read_text(encoding="utf-8"))["id"] for r in (first, second)]
    stamps = [(first.version, "VERSION"), (second.version, "VERSION"), (ids[0], "ID"), (ids[1], "ID")]
    for created in ("2025-03-01T06:00:00", "2025-04-02T07:30:00"):
        stamps += [(created + "Z", "CREATED"), (created + "+00:00", "CREATED")]

    def normalised(root):
        files = {}
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".zip"):
            text = path.read_bytes().decode("utf-8", errors="replace")
            for stamp, placeholder in stamps:
                text = text.replace(stamp, placeholder)
            files[path.relative_to(root).as_posix().replace(first.version, "V").replace(second.version, "V")] = text
        return files

    a, b = normalised(first.root), normalised(second.root)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
