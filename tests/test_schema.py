"""schemas/ is the single source of every table's types, and its checks catch bad rows."""
import json
from datetime import date, time

import pyarrow as pa
import pytest

from opendata.schema import (
    SCHEMA_DIR,
    TABLES,
    check_columns,
    check_foreign_keys,
    check_primary_key,
    table_spec,
    to_arrow,
)

DATA_MODEL_ENUMS = {
    ("outages", "service"): {"heating", "water", "gas", "electricity", "road", "public_transport", "waste", "facility", "telecom", "other"},
    ("outages", "effect"): {"no_service", "reduced_service", "closure", "partial_closure", "other"},
    ("outages", "cause"): {"maintenance", "construction", "fault", "weather", "planned_event", "other", "unknown"},
    ("documents", "kind"): {"article", "notice", "teaser", "feed_item"},
    ("mentions", "record_type"): {"outage", "event", "project"},
}


def outage(**overrides) -> dict:
    row = {
        "outage_id": "outage-1", "service": "water", "effect": "no_service", "cause": "maintenance",
        "operator": "Komunala", "title": "Brez vode", "start_date": date(2025, 3, 1), "start_time": time(8, 0),
        "end_date": date(2025, 3, 1), "end_time": time(12, 0), "end_estimated": False,
        "document_id": "doc-1", "source_url": "https://primer.si/a", "mention_count": 1,
    }
    return row | overrides


def test_every_table_has_a_schema_file():
    assert sorted(p.stem for p in SCHEMA_DIR.glob("*.json")) == sorted(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_every_field_is_described_in_english_and_slovenian(name):
    for field in json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))["fields"]:
        assert field["title"] and field["description"] and field["title_sl"] and field["description_sl"], field["name"]


@pytest.mark.parametrize(("table", "field"), sorted(DATA_MODEL_ENUMS))
def test_enums_are_those_of_the_data_model(table, field):
    column = next(c for c in table_spec(table).columns if c.name == field)
    assert set(column.enum) == DATA_MODEL_ENUMS[(table, field)]


def test_arrow_types_follow_the_schema():
    schema = table_spec("outages").arrow_schema
    assert schema.field("start_date").type == pa.date32()
    assert schema.field("end_estimated").type == pa.bool_()
    assert not schema.field("outage_id").nullable


def test_rows_with_a_field_the_schema_lacks_are_refused():
    with pytest.raises(ValueError, match="not in schemas"):
        to_arrow("outages", [outage(colour="blue")])


def test_valid_rows_pass_the_column_checks():
    assert check_columns("outages", to_arrow("outages", [outage()])) == []


def test_value_outside_the_enum_is_a_violation_with_the_row():
    violations = check_columns("outages", to_arrow("outages", [outage(service="sewage")]))
    assert [v.check for v in violations] == ["service not in enum"]
    assert violations[0].sample[0]["service"] == "sewage"


def test_missing_required_value_is_a_violation():
    violations = check_columns("outages", to_arrow("outages", [outage(cause=None)]))
    assert violations[0].check == "cause is required"


def test_duplicate_primary_key_is_a_violation():
    table = to_arrow("outages", [outage(), outage()])
    assert check_primary_key("outages", table)[0].count == 1


def test_dangling_foreign_key_is_a_violation():
    outages = to_arrow("outages", [outage()])
    areas = to_arrow("outage_areas", [{"outage_id": "outage-2", "municipality": "Kranj"}])
    violations = check_foreign_keys({"outages": outages, "outage_areas": areas})
    assert [v.table for v in violations] == ["outage_areas"]


def test_municipality_code_must_look_like_iso_3166_2():
    areas = to_arrow("outage_areas", [{"outage_id": "o", "municipality": "Kranj", "municipality_code": "52"}])
    assert check_columns("outage_areas", areas)[0].check.startswith("municipality_code")


def test_relative_source_url_is_a_violation():
    violations = check_columns("outages", to_arrow("outages", [outage(source_url="/obvestila/x")]))
    assert [v.check for v in violations] == ["source_url is not an absolute URI"]


@pytest.mark.parametrize("name", TABLES)
def test_every_table_is_described_in_english_and_slovenian(name):
    body = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert body["title"] and body["description"] and body["title_sl"] and body["description_sl"]


def test_zoned_datetimes_are_stored_as_the_same_instant_in_utc():
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    local = datetime(2025, 3, 30, 3, 30, 15, 987654, tzinfo=ZoneInfo("Europe/Ljubljana"))  # just after the DST change
    table = to_arrow("documents", [{"document_id": "d1", "kind": "page", "char_count": 1, "text": "x", "fetched_at": local}])
    assert table.column("fetched_at")[0].as_py() == datetime(2025, 3, 30, 1, 30, 15, 987000, tzinfo=timezone.utc)


def test_a_naive_datetime_is_refused_with_its_column():
    from datetime import datetime

    with pytest.raises(ValueError, match="fetched_at"):
        to_arrow("documents", [{"document_id": "d1", "kind": "page", "char_count": 1, "text": "x", "fetched_at": datetime(2025, 3, 1)}])
