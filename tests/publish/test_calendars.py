"""iCalendar feeds of outages and events: one VEVENT each, Ljubljana time, deterministic bytes."""
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, Timezone

from opendata.publish import calendars
from opendata.publish.calendars import (
    Entry,
    VeventMemo,
    calendar_feeds,
    escape_text,
    event_entry,
    events_calendar,
    fold,
    municipality_calendars,
    outage_entry,
    outages_calendar,
    slug,
    vevent,
)
from opendata.schema import to_arrow

real_vevent = vevent

STAMP = datetime(2025, 4, 1, 6, 0, tzinfo=UTC)


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
    assert _only(ics).decoded("DTSTAMP") == datetime(2025, 4, 8, tzinfo=UTC)


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


# --- The VEVENT writer: parse-back, escaping, folding, and bytes equal to icalendar's ---

def _reference_event(entry: Entry) -> Event:
    """The VEVENT icalendar builds from the same values (what the publisher wrote before)."""
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", entry.dtstamp)
    event.add("dtstart", entry.dtstart)
    if entry.dtend is not None:
        event.add("dtend", entry.dtend)
    event.add("summary", entry.summary)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    if entry.description:
        event.add("description", entry.description)
    if entry.categories:
        event.add("categories", list(entry.categories))
    event.add("transp", "TRANSPARENT")
    return event


def _physical_lines(ics: bytes) -> list[bytes]:
    assert ics.endswith(b"\r\n")
    return ics[:-2].split(b"\r\n")


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


LONG_SLOVENIAN = ("Zaradi obnove vodovoda na Čopovi, Šišenski in Žabjakovi ulici bo v Črnučah, Šentvidu "
                  "in Žalcu moten promet; ČŠŽ čšž ČŠŽ čšž ČŠŽ čšž ČŠŽ čšž ČŠŽ čšž ČŠŽ čšž ČŠŽ čšž.")


def test_timed_outage_vevent_is_byte_identical_to_icalendars():
    entry = outage_entry(_outage(), [_area(street="Ulica 1. junija", house_numbers="3–9", locality="Trbovlje")],
                         stamp=STAMP)
    assert vevent(entry) == _reference_event(entry).to_ical()


def test_open_ended_all_day_outage_vevent_is_byte_identical_to_icalendars():
    entry = outage_entry(_outage(end_date=None, end_time=None, source_url=None), [_area()])
    assert vevent(entry) == _reference_event(entry).to_ical()


def test_event_without_end_vevent_is_byte_identical_to_icalendars():
    entry = event_entry(_event(participants="Občina Zagorje ob Savi, Zavod Zgled"), stamp=STAMP)
    assert vevent(entry) == _reference_event(entry).to_ical()


@pytest.mark.parametrize("pad", range(8))
def test_long_slovenian_text_folds_byte_identically_to_icalendar_at_every_offset(pad):
    entry = outage_entry(_outage(title="x" * pad + LONG_SLOVENIAN, operator="y" * pad + LONG_SLOVENIAN),
                         [_area(locality="z" * pad + LONG_SLOVENIAN)], stamp=STAMP)
    assert vevent(entry) == _reference_event(entry).to_ical()


@pytest.mark.parametrize("pad", range(4))
def test_escapes_at_the_fold_are_byte_identical_to_icalendar(pad):
    text = "x" * (60 + pad) + "a;b,c\\d\ne;;,,\\\\\n\n" * 8
    entry = outage_entry(_outage(title=text), [_area()], stamp=STAMP)
    assert vevent(entry) == _reference_event(entry).to_ical()


def test_municipality_feed_is_byte_identical_to_one_built_wholly_with_icalendar():
    rows = [_outage("o-1"), _outage("o-2", start_time=None, end_date=date(2025, 4, 30), end_time=None)]
    areas = [_area("o-1", municipality="Šmarje pri Jelšah"), _area("o-2", municipality="Šmarje pri Jelšah")]
    calendar = Calendar()
    name, description = "Motnje in zapore – Šmarje pri Jelšah", (
        "Prekinitve oskrbe in zapore, napovedane na spletnih straneh občin in komunalnih podjetij.")
    for key, value in [("prodid", "-//opendata//Slovenian municipal notices//SL"), ("version", "2.0"),
                       ("calscale", "GREGORIAN"), ("method", "PUBLISH"), ("name", name), ("x-wr-calname", name),
                       ("x-wr-caldesc", description), ("x-wr-timezone", "Europe/Ljubljana")]:
        calendar.add(key, value)
    calendar.add_component(Timezone.from_tzid("Europe/Ljubljana", first_date=date(2024, 1, 1),
                                              last_date=date(2027, 1, 1)))
    for row in sorted(rows, key=lambda r: (r["start_date"], r["start_time"] or time(0), r["outage_id"])):
        calendar.add_component(_reference_event(outage_entry(row, [_area(row["outage_id"], municipality="Šmarje pri Jelšah")], stamp=STAMP)))
    assert _feed(rows, areas, municipality="Šmarje pri Jelšah") == calendar.to_ical()


def test_description_parses_back_as_one_line_per_fact():
    description = str(_only(_feed([_outage(end_estimated=True)]))["DESCRIPTION"])
    assert description.split("\n") == [
        "Storitev: voda (water)", "Učinek: prekinitev (no_service)", "Vzrok: vzdrževalna dela (maintenance)",
        "Izvajalec: Komunala Trbovlje", "Konec je ocenjen.", "Vir: https://www.example.si/obvestilo-1"]


def test_categories_parse_back_as_the_service_code():
    assert _only(_feed([_outage(service="electricity")]))["CATEGORIES"].cats == ["electricity"]


def test_transp_is_transparent_so_notices_do_not_block_free_time():
    assert str(_only(_feed([_outage()]))["TRANSP"]) == "TRANSPARENT"


def test_all_day_dates_are_written_with_value_date():
    ics = _feed([_outage(start_time=None, end_time=None)])
    assert (b"DTSTART;VALUE=DATE:20250408\r\n" in ics, b"DTEND;VALUE=DATE:20250409\r\n" in ics) == (True, True)


def test_timed_entry_is_written_as_ljubljana_wall_clock_with_tzid():
    assert b"\r\nDTSTART;TZID=Europe/Ljubljana:20250408T080000\r\n" in _feed([_outage()])


def test_dtstamp_is_written_in_utc_with_z():
    ics = _feed([_outage()]).replace(b"\r\n ", b"")
    assert b"\r\nDTSTAMP:20250401T060000Z\r\n" in ics


def test_dtstamp_given_in_another_zone_is_written_in_utc():
    entry = outage_entry(_outage(), [_area()], stamp=datetime(2025, 4, 1, 8, 0, tzinfo=ZoneInfo("Europe/Ljubljana")))
    assert b"\r\nDTSTAMP:20250401T060000Z\r\n" in vevent(entry)


def test_slovenian_letters_in_summary_and_location_parse_back_unchanged():
    event = _only(_feed([_outage(title="Zapora ceste Črnuče–Šiška v Žalcu")],
                        [_area(locality="Šoštanj", street="Čopova ulica")]))
    assert (str(event["SUMMARY"]), str(event["LOCATION"])) == ("Zapora ceste Črnuče–Šiška v Žalcu",
                                                              "Čopova ulica, Šoštanj, Trbovlje")


def test_long_slovenian_summary_parses_back_unchanged():
    assert str(_only(_feed([_outage(title=LONG_SLOVENIAN)]))["SUMMARY"]) == LONG_SLOVENIAN


@pytest.mark.parametrize("pad", range(4))
def test_folded_lines_stay_within_75_octets(pad):
    ics = _feed([_outage(title="x" * pad + LONG_SLOVENIAN * 3)])
    assert max(len(line) for line in _physical_lines(ics)) <= 75


@pytest.mark.parametrize("pad", range(4))
def test_a_fold_never_splits_a_utf8_sequence(pad):
    ics = _feed([_outage(title="x" * pad + LONG_SLOVENIAN * 3)])
    assert [line for line in _physical_lines(ics) if not _is_utf8(line)] == []


def test_every_line_ends_with_crlf():
    ics = _feed([_outage(title=LONG_SLOVENIAN, operator="Komunala\nTrbovlje")])
    assert b"\n" not in ics.replace(b"\r\n", b"") and b"\r" not in ics.replace(b"\r\n", b"")


def test_fold_keeps_a_backslash_with_the_character_it_escapes():
    assert fold("X" * 73 + "\\,") == b"X" * 73 + b"\r\n \\,"


def test_fold_cuts_a_long_ascii_line_into_74_octets_then_a_space_and_74():
    assert [len(line) for line in fold("X" * 200).split(b"\r\n")] == [74, 75, 53]


def test_escape_text_escapes_backslash_semicolon_comma_and_newline():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_escape_text_writes_crlf_and_lone_cr_as_one_newline_each():
    assert escape_text("a\r\nb\rc") == "a\\nb\\nc"


def test_backslash_before_capital_n_is_escaped_not_read_as_a_newline():
    # icalendar turns a literal "\N" into a line break; RFC 5545 TEXT escapes the backslash.
    assert escape_text("C:\\Novo") == "C:\\\\Novo"


def test_semicolons_commas_backslashes_and_newlines_parse_back_unchanged():
    title = "Zapora; Celje, Žalec \\ obvoz\nprek Levca"
    assert str(_only(_feed([_outage(title=title)]))["SUMMARY"]) == title


def test_url_is_written_without_text_escapes():
    ics = _feed([_outage(source_url="https://www.example.si/a,b;c")])
    assert b"\r\nURL:https://www.example.si/a,b;c\r\n" in ics


def test_naive_timed_entry_is_refused():
    entry = outage_entry(_outage(), [_area()], stamp=STAMP)._replace(dtstart=datetime(2025, 4, 8, 8, 0))
    with pytest.raises(ValueError):
        vevent(entry)


# --- All feeds of a release from one preparation ---

def _tables(outages, areas, events=()):
    return to_arrow("outages", outages), to_arrow("outage_areas", areas), to_arrow("events", list(events))


def test_one_outage_in_several_municipalities_is_serialised_once(monkeypatch):
    calls = []
    monkeypatch.setattr(calendars, "vevent", lambda entry: calls.append(entry.uid) or real_vevent(entry))
    areas = [_area(municipality=m) for m in ("Trbovlje", "Hrastnik", "Zagorje ob Savi")]
    calendar_feeds(*_tables([_outage()], areas), stamp=STAMP)
    assert calls == ["o-1@opendata"]


def test_calendar_feeds_names_the_full_feeds_then_one_per_municipality():
    areas = [_area(municipality="Hrastnik"), _area(municipality="Trbovlje")]
    files = calendar_feeds(*_tables([_outage()], areas, [_event()]), stamp=STAMP)
    assert list(files) == ["outages.ics", "events.ics", "outages-hrastnik.ics", "outages-trbovlje.ics"]


def test_calendar_feeds_bytes_equal_those_of_the_separate_feed_functions():
    outages, areas, events = _tables([_outage("o-1"), _outage("o-2", start_date=date(2025, 4, 2))],
                                     [_area("o-1"), _area("o-2", municipality="Hrastnik")], [_event()])
    separate = {"outages.ics": outages_calendar(outages, areas, stamp=STAMP),
                "events.ics": events_calendar(events, stamp=STAMP),
                **municipality_calendars(outages, areas, stamp=STAMP)}
    assert calendar_feeds(outages, areas, events, stamp=STAMP) == separate


def test_feeds_from_a_memo_of_the_previous_release_are_byte_identical(tmp_path):
    tables = _tables([_outage("o-1"), _outage("o-2", title="Zapora ceste")], [_area("o-1"), _area("o-2")], [_event()])
    first = VeventMemo()
    calendar_feeds(*tables, stamp=STAMP, memo=first)
    first.save(tmp_path / "memo", "v1")
    assert calendar_feeds(*tables, stamp=STAMP, memo=VeventMemo.load(tmp_path / "memo", "v1")) == calendar_feeds(*tables, stamp=STAMP)


def test_a_memo_writes_only_the_vevents_whose_rows_changed(monkeypatch):
    memo = VeventMemo()
    calendar_feeds(*_tables([_outage("o-1"), _outage("o-2")], [_area("o-1"), _area("o-2")]), stamp=STAMP, memo=memo)
    calls = []
    monkeypatch.setattr(calendars, "vevent", lambda entry: calls.append(entry.uid) or real_vevent(entry))
    changed = _tables([_outage("o-1"), _outage("o-2", end_time=time(16, 0))], [_area("o-1"), _area("o-2")])
    calendar_feeds(*changed, stamp=STAMP, memo=VeventMemo(memo.used))
    assert calls == ["o-2@opendata"]


def test_a_memo_of_other_code_is_not_used(tmp_path):
    memo = VeventMemo()
    memo.get("outage", lambda: b"old")
    memo.save(tmp_path / "memo", "v1")
    assert VeventMemo.load(tmp_path / "memo", "v2").known == {}


def test_a_missing_or_broken_memo_is_an_empty_one(tmp_path):
    (tmp_path / "broken").write_bytes(b"not a pickle")
    assert VeventMemo.load(tmp_path / "broken", "v1").known == {} and VeventMemo.load(tmp_path / "none", "v1").known == {}


def test_two_names_with_one_slug_get_apart_files_in_name_order():
    areas = [_area(municipality="Šmarje"), _area(municipality="Smarje")]
    files = municipality_calendars(*_tables([_outage()], areas)[:2], stamp=STAMP)
    names = {key: str(Calendar.from_ical(ics)["X-WR-CALNAME"]) for key, ics in files.items()}
    assert names == {"outages-smarje.ics": "Motnje in zapore – Smarje",
                     "outages-smarje-1.ics": "Motnje in zapore – Šmarje"}


def test_municipality_with_no_dated_outage_still_gets_an_empty_feed():
    files = municipality_calendars(*_tables([_outage(start_date=None, start_time=None, end_date=None, end_time=None)],
                                            [_area(municipality="Kostel")])[:2], stamp=STAMP)
    assert _events(files["outages-kostel.ics"]) == []
