"""Sanity checks catch records that are well-formed but implausible."""
from datetime import date, time

from opendata.quality import distance_violations, unplaced_outages, window_violations
from opendata.schema import to_arrow


def outage(outage_id="o1", **overrides) -> dict:
    row = {"outage_id": outage_id, "service": "water", "effect": "no_service", "cause": "unknown", "title": "Brez vode",
           "start_date": date(2025, 3, 1), "start_time": time(8), "end_date": date(2025, 3, 1), "end_time": time(12),
           "end_estimated": False, "document_id": "d1", "mention_count": 1}
    return row | overrides


def documents(reference=date(2025, 2, 27)):
    return to_arrow("documents", [{"document_id": "d1", "kind": "notice", "text": "x", "char_count": 1, "reference_date": reference}])


def test_a_proper_window_passes():
    assert window_violations("outages", to_arrow("outages", [outage()]), "outage_id") == []


def test_end_day_before_start_day_is_flagged():
    table = to_arrow("outages", [outage(end_date=date(2025, 2, 28))])
    assert window_violations("outages", table, "outage_id")[0].sample[0]["outage_id"] == "o1"


def test_same_day_end_time_before_start_time_is_flagged():
    table = to_arrow("outages", [outage(start_time=time(14), end_time=time(9))])
    assert window_violations("outages", table, "outage_id")


def test_overnight_window_across_two_days_passes():
    table = to_arrow("outages", [outage(start_time=time(22), end_date=date(2025, 3, 2), end_time=time(4))])
    assert window_violations("outages", table, "outage_id") == []


def test_start_two_years_from_the_document_date_is_flagged():
    table = to_arrow("outages", [outage(start_date=date(2027, 3, 1), end_date=None, end_time=None)])
    assert distance_violations("outages", table, documents(), "outage_id")


def test_start_days_after_the_document_date_passes():
    assert distance_violations("outages", to_arrow("outages", [outage()]), documents(), "outage_id") == []


def test_outage_without_any_area_is_unplaced():
    outages = to_arrow("outages", [outage("o1"), outage("o2")])
    areas = to_arrow("outage_areas", [{"outage_id": "o1", "municipality": "Kranj"}])
    assert [row["outage_id"] for row in unplaced_outages(outages, areas)[0].sample] == ["o2"]


def test_record_without_a_mention_is_unevidenced():
    from opendata.quality import unevidenced

    outages = to_arrow("outages", [outage("o1"), outage("o2")])
    mentions = to_arrow("mentions", [{"record_type": "outage", "record_id": "o1", "document_id": "d1",
                                      "evidence": "Brez vode.", "char_start": 0, "char_end": 10}])
    assert [r["outage_id"] for r in unevidenced("outages", outages, mentions, "outage", "outage_id")[0].sample] == ["o2"]
