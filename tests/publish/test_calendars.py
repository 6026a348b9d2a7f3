"""iCalendar feeds of outages and events: one VEVENT each, Ljubljana time, deterministic bytes."""
from datetime import date, datetime, time, timezone

from icalendar import Calendar

from opendata.publish.calendars import events_calendar, municipality_calendars, outages_calendar, slug
from opendata.schema import to_arrow

STAMP = datetime(2025, 4, 1, 6, 0, tzinfo=timezone.utc)


def _outage(outage_id="o-1", **fields):
    row = {"outage_id": outage_id, "service": "water", "effect": "no_service", "cause": "maintenance",
           "operator": "Komunala Trbovlje", "title": "Brez pitne vode", "start_date": date(2025, 4, 8),
           "start_time": time(8, 0), "end_date": date(2025, 4, 8), "end_time": time(14, 30),
           "end_estimated": False, "document_id": "doc-1", "source_url": "https://www.example.si/obvestilo-1",
           "mention_count": 1}
    return {**row, **fields}


def _area(outage_id="o-1", **fields):
    return {"outage_id": outage_id, "municipality": "Trbovlje", **fields}


def _feed(outages, areas=None, **kwargs):
    areas = [_area(o["outage_id"]) for o in outages] if areas is None else areas
    return outages_calendar(to_arrow("outages", outages), to_arrow("outage_areas", areas), stamp=STAMP, **kwargs)


def _events(ics: bytes):
    return Calendar.from_ical(ics).walk("VEVENT")


def _only(ics: bytes):
    (event,) = _events(ics)
    return event


def test_outage_with_start_and_end_times_is_timed_in_ljubljana_time():
    event = _only(_feed([_outage()]))
    assert (event["DTSTART"].params["TZID"], event.decoded("DTSTART").isoformat(), event.decoded("DTEND").isoformat()) == (
        "Europe/Ljubljana", "2025-04-08T08:00:00+02:00", "2025-04-08T14:30:00+02:00")


def test_feed_carries_the_europe_ljubljana_vtimezone():
    timezones = Calendar.from_ical(_feed([_outage()])).walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Ljubljana"]


def test_outage_known_only_by_date_is_all_day_ending_the_next_day():
    event = _only(_feed([_outage(start_time=None, end_time=None)]))
    assert (event["DTSTART"].params.get("VALUE"), event.decoded("DTSTART"), event.decoded("DTEND")) == (
        "DATE", date(2025, 4, 8), date(2025, 4, 9))


def test_multi_day_outage_by_dates_ends_the_day_after_its_last_day():
    event = _only(_feed([_outage(start_time=None, end_date=date(2025, 4, 11), end_time=None)]))
    assert event.decoded("DTEND") == date(2025, 4, 12)


def test_open_ended_outage_is_all_day_on_its_start_and_says_the_end_is_unknown():
    event = _only(_feed([_outage(end_date=None, end_time=None)]))
    assert (event.decoded("DTSTART"), event.decoded("DTEND"), "Konec ni znan." in str(event["DESCRIPTION"])) == (
        date(2025, 4, 8), date(2025, 4, 9), True)


def test_all_day_outage_still_states_its_known_start_time():
    event = _only(_feed([_outage(end_date=None, end_time=None)]))
    assert "Začetek ob 08:00." in str(event["DESCRIPTION"])


def test_end_time_before_start_without_end_date_ends_the_next_morning():
    event = _only(_feed([_outage(start_time=time(22), end_date=None, end_time=time(4))]))
    assert event.decoded("DTEND").isoformat() == "2025-04-09T04:00:00+02:00"


def test_uid_is_the_outage_id_at_opendata():
    assert str(_only(_feed([_outage("outage-7f3a")]))["UID"]) == "outage-7f3a@opendata"


def test_location_joins_street_numbers_locality_and_municipality():
    areas = [_area(street="Ulica 1. junija", house_numbers="3–9", locality="Trbovlje"),
             _area(locality="Klek", municipality="Trbovlje")]
    event = _only(_feed([_outage()], areas))
    assert str(event["LOCATION"]) == "Ulica 1. junija 3–9, Trbovlje; Klek, Trbovlje"


def test_description_names_service_effect_cause_operator_and_source():
    text = str(_only(_feed([_outage()]))["DESCRIPTION"])
    assert [part in text for part in ("voda (water)", "prekinitev (no_service)", "vzdrževalna dela",
                                      "Komunala Trbovlje", "https://www.example.si/obvestilo-1")] == [True] * 5


def test_summary_is_the_title_and_url_the_source():
    event = _only(_feed([_outage()]))
    assert (str(event["SUMMARY"]), str(event["URL"])) == ("Brez pitne vode", "https://www.example.si/obvestilo-1")


def test_dtstamp_is_the_stamp_passed_in():
    assert _only(_feed([_outage()])).decoded("DTSTAMP") == STAMP


def test_dtstamp_defaults_to_the_start_date_not_the_clock():
    ics = outages_calendar(to_arrow("outages", [_outage()]), to_arrow("outage_areas", [_area()]))
    assert _only(ics).decoded("DTSTAMP") == datetime(2025, 4, 8, tzinfo=timezone.utc)


def test_rerun_with_rows_in_another_order_is_byte_identical():
    rows = [_outage("o-1"), _outage("o-2", start_date=date(2025, 4, 2), end_date=date(2025, 4, 2))]
    assert _feed(rows) == _feed(rows[::-1])


def test_municipality_feed_holds_only_outages_with_an_area_there():
    rows = [_outage("o-1"), _outage("o-2")]
    areas = [_area("o-1"), _area("o-2", municipality="Hrastnik")]
    assert [str(e["UID"]) for e in _events(_feed(rows, areas, municipality="Hrastnik"))] == ["o-2@opendata"]


def test_one_calendar_per_municipality_named_by_ascii_slug():
    areas = [_area("o-1", municipality="Šmarje pri Jelšah"), _area("o-1", municipality="Rogaška Slatina")]
    files = municipality_calendars(to_arrow("outages", [_outage()]), to_arrow("outage_areas", areas), stamp=STAMP)
    assert sorted(files) == ["outages-rogaska-slatina.ics", "outages-smarje-pri-jelsah.ics"]


def test_slug_folds_slovenian_letters_to_ascii():
    assert slug("Črna na Koroškem") == "crna-na-koroskem"


def test_outage_without_a_start_date_is_left_out():
    assert _events(_feed([_outage(start_date=None, start_time=None, end_date=None, end_time=None)])) == []


def _event(**fields):
    row = {"event_id": "e-1", "title": "Dan odprtih vrat", "category": "culture", "start_date": date(2025, 5, 9),
           "start_time": time(17, 0), "venue": "Delavski dom", "locality": "Zagorje ob Savi",
           "municipality": "Zagorje ob Savi", "organizer": "Zavod Zgled", "document_id": "doc-1", "mention_count": 1}
    return {**row, **fields}


def test_event_with_start_time_and_no_end_is_timed_without_dtend():
    event = _only(events_calendar(to_arrow("events", [_event()]), stamp=STAMP))
    assert (event.decoded("DTSTART").isoformat(), "DTEND" in event) == ("2025-05-09T17:00:00+02:00", False)


def test_event_location_drops_a_locality_repeated_as_municipality():
    event = _only(events_calendar(to_arrow("events", [_event()]), stamp=STAMP))
    assert str(event["LOCATION"]) == "Delavski dom, Zagorje ob Savi"


def test_one_day_event_without_time_is_all_day_without_an_unknown_end_note():
    event = _only(events_calendar(to_arrow("events", [_event(start_time=None)]), stamp=STAMP))
    assert (event.decoded("DTEND"), "Konec" in str(event.get("DESCRIPTION", ""))) == (date(2025, 5, 10), False)
