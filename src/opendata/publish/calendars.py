"""Outages and events → iCalendar (RFC 5545) feeds that residents can subscribe to.

One VEVENT per outage or event, UID ``<record id>@opendata`` so a calendar app updates an entry
instead of duplicating it when the feed is refreshed. Times are Europe/Ljubljana wall-clock
times, so every timed entry carries ``TZID=Europe/Ljubljana`` and the feed its VTIMEZONE.

How a record's dates become an entry:

* start and end times known → a timed entry (an end time earlier than the start on the same
  day is read as the next morning: "od 22. do 4. ure");
* otherwise → an all-day entry from the start date to the end date, DTEND exclusive (the day
  after, RFC 5545 §3.6.1); a time that is known is still said in the description;
* no end at all → an outage is all-day on its start date with "Konec ni znan." in the
  description (a zero-length or guessed-length entry would mislead); an event with a start time
  is a timed entry without DTEND (it happens at that time, RFC 5545 §3.6.1 allows it), one with
  only a date an all-day entry on that day.

The output is deterministic: entries are ordered by start and UID, and DTSTAMP is a parameter
(default: the entry's own start, midnight UTC), never the wall clock, so reruns are
byte-identical.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pyarrow as pa
import regex
from icalendar import Calendar, Event, Timezone

TZID = "Europe/Ljubljana"
ZONE = ZoneInfo(TZID)
UID_DOMAIN = "opendata"
PRODID = "-//opendata//Slovenian municipal notices//SL"

SERVICE_SL = {
    "heating": "ogrevanje", "water": "voda", "gas": "plin", "electricity": "elektrika",
    "road": "cesta", "public_transport": "javni prevoz", "waste": "odpadki",
    "facility": "objekt", "telecom": "telekomunikacije", "other": "drugo",
}
EFFECT_SL = {
    "no_service": "prekinitev", "reduced_service": "motena dobava", "closure": "zapora",
    "partial_closure": "delna zapora", "other": "drugo",
}
CAUSE_SL = {
    "maintenance": "vzdrževalna dela", "construction": "gradbena dela", "fault": "okvara",
    "weather": "vreme", "planned_event": "prireditev", "other": "drugo", "unknown": "neznan",
}
CATEGORY_SL = {
    "signing": "podpis", "meeting": "srečanje", "conference": "konferenca", "workshop": "delavnica",
    "session": "seja", "fair": "sejem", "exhibition": "razstava", "sports": "šport",
    "culture": "kultura", "festival": "festival", "ceremony": "slovesnost", "other": "drugo",
}

_NON_ALNUM = regex.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """ASCII file-name slug of a place name.

    ``Šoštanj`` → ``sostanj``, ``Slovenj Gradec`` → ``slovenj-gradec``.
    """
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_.lower()).strip("-") or "unknown"


def _label(code: str | None, labels: Mapping[str, str]) -> str | None:
    if not code:
        return None
    return f"{labels.get(code, code)} ({code})"


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)


def area_text(area: Mapping) -> str:
    """One outage area as an address: ``Cankarjeva cesta 5–11, Velenje``; the municipality is
    added only when it says more than the locality."""
    street = " ".join(_unique([area.get("street"), area.get("house_numbers")]))
    place = _unique([street, area.get("road_id"), area.get("locality"), area.get("municipality")])
    return ", ".join(place)


def schedule(row: Mapping, *, is_event: bool) -> tuple[dict, list[str]]:
    """The DTSTART/DTEND values of a record and the notes that say what the dates cannot.

    Returns ``({"dtstart": ..., "dtend": ...?}, notes)``; values are zoned datetimes for a
    timed entry, dates for an all-day one (``dtend`` exclusive). ``is_event``: a public event
    with a start time and no end is a timed entry without DTEND, and a one-day event without
    an end needs no note; an outage without an end is open-ended and says so.
    """
    start_date: date = row["start_date"]
    start_time: time | None = row.get("start_time")
    end_date: date | None = row.get("end_date")
    end_time: time | None = row.get("end_time")
    notes: list[str] = []
    if start_time is not None and end_time is not None:
        start = datetime.combine(start_date, start_time, ZONE)
        last = end_date or start_date
        if end_date is None and end_time <= start_time:
            last = start_date + timedelta(days=1)  # overnight work on one stated day
        end = datetime.combine(last, end_time, ZONE)
        if end > start:
            return {"dtstart": start, "dtend": end}, notes
    if start_time is not None and end_date is None and end_time is None and is_event:
        return {"dtstart": datetime.combine(start_date, start_time, ZONE)}, []
    if start_time is not None:
        notes.append(f"Začetek ob {_hhmm(start_time)}.")
    if end_date is None and end_time is None and not is_event:
        notes.append("Konec ni znan.")
    elif end_time is not None:
        notes.append(f"Konec ob {_hhmm(end_time)}.")
    last = end_date if end_date is not None and end_date >= start_date else start_date
    return {"dtstart": start_date, "dtend": last + timedelta(days=1)}, notes


def _stamp(stamp: datetime | None, start: date) -> datetime:
    if stamp is None:
        return datetime.combine(start, time(0), timezone.utc)
    if stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    return stamp.astimezone(timezone.utc)


def _vevent(uid: str, row: Mapping, summary: str, location: str, description: list[str],
            *, stamp: datetime | None, is_event: bool, categories: list[str]) -> Event:
    times, notes = schedule(row, is_event=is_event)
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(stamp, row["start_date"]))
    for name, value in times.items():
        event.add(name, value)  # icalendar writes VALUE=DATE for dates, TZID for zoned datetimes
    event.add("summary", summary)
    if location:
        event.add("location", location)
    lines = [*description, *notes]
    if row.get("source_url"):
        lines.append(f"Vir: {row['source_url']}")
        event.add("url", row["source_url"])
    if lines:
        event.add("description", "\n".join(lines))
    if categories:
        event.add("categories", categories)
    event.add("transp", "TRANSPARENT")  # a notice, not a meeting: it must not block free/busy
    return event


def _calendar(name: str, description: str, events: list[bytes], days: list[date]) -> bytes:
    """A VCALENDAR around VEVENTs already serialised (each outage is serialised once, however
    many feeds it appears in: icalendar's serialiser is the slow part of publishing)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", TZID)
    # The transitions of the years the entries span (and a year either side), not 1970–2038:
    # the zone stays correct for every entry and the file small.
    years = [d.year for d in days] or [2000]
    calendar.add_component(Timezone.from_tzid(
        TZID, first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)))
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    # Subcomponents follow the calendar's properties in order: the events go after the zone.
    return head[: -len(end)] + b"".join(events) + end


def _rows(table: pa.Table) -> list[dict]:
    return [row for row in table.to_pylist() if row.get("start_date") is not None]


def _order(row: Mapping, key: str) -> tuple:
    return (row["start_date"], row.get("start_time") or time(0), row[key])


def outage_event(outage: Mapping, areas: list[Mapping], *, stamp: datetime | None = None) -> Event:
    """The VEVENT of one outage with its areas."""
    description = _unique([
        f"Storitev: {_label(outage.get('service'), SERVICE_SL)}" if outage.get("service") else None,
        f"Učinek: {_label(outage.get('effect'), EFFECT_SL)}" if outage.get("effect") else None,
        f"Vzrok: {_label(outage.get('cause'), CAUSE_SL)}" if outage.get("cause") else None,
        f"Izvajalec: {outage['operator']}" if outage.get("operator") else None,
        "Konec je ocenjen." if outage.get("end_estimated") and outage.get("end_date") else None,
    ])
    location = "; ".join(_unique(area_text(a) for a in areas))
    summary = outage.get("title") or " – ".join(_unique([
        _label(outage.get("service"), SERVICE_SL), _label(outage.get("effect"), EFFECT_SL)]))
    return _vevent(outage["outage_id"], outage, summary, location, description, stamp=stamp,
                   is_event=False, categories=_unique([outage.get("service")]))


@dataclass
class _Outages:
    """Outages ready for calendars: sorted rows, their areas and their serialised VEVENTs."""

    rows: list[dict]
    areas: dict[str, list[dict]]
    events: dict[str, bytes]


def _prepare_outages(outages: pa.Table, areas: pa.Table, stamp: datetime | None) -> _Outages:
    by_outage: dict[str, list[dict]] = defaultdict(list)
    for area in areas.to_pylist():
        by_outage[area["outage_id"]].append(area)
    rows = sorted(_rows(outages), key=lambda r: _order(r, "outage_id"))
    events = {r["outage_id"]: outage_event(r, by_outage[r["outage_id"]], stamp=stamp).to_ical() for r in rows}
    return _Outages(rows, by_outage, events)


def _outages_ics(prepared: _Outages, municipality: str | None) -> bytes:
    rows = prepared.rows
    if municipality is not None:
        rows = [r for r in rows if any(a.get("municipality") == municipality for a in prepared.areas[r["outage_id"]])]
    name = f"Motnje in zapore – {municipality}" if municipality else "Motnje in zapore"
    return _calendar(name, "Prekinitve oskrbe in zapore, napovedane na spletnih straneh občin in "
                     "komunalnih podjetij.", [prepared.events[r["outage_id"]] for r in rows], _days(rows))


def outages_calendar(
    outages: pa.Table,
    areas: pa.Table,
    *,
    municipality: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """An .ics of the outages, all of them or those with an area in ``municipality``.

    Outages without a start date cannot be placed in a calendar and are left out.
    """
    return _outages_ics(_prepare_outages(outages, areas, stamp), municipality)


def _days(rows: list[Mapping]) -> list[date]:
    return [d for r in rows for d in (r["start_date"], r.get("end_date")) if d is not None]


def event_event(row: Mapping, *, stamp: datetime | None = None) -> Event:
    """The VEVENT of one public event."""
    description = _unique([
        f"Vrsta: {_label(row.get('category'), CATEGORY_SL)}" if row.get("category") else None,
        f"Organizator: {row['organizer']}" if row.get("organizer") else None,
        f"Sodelujejo: {row['participants']}" if row.get("participants") else None,
    ])
    location = ", ".join(_unique([row.get("venue"), row.get("locality"), row.get("municipality")]))
    return _vevent(row["event_id"], row, row.get("title") or "Dogodek", location, description,
                   stamp=stamp, is_event=True, categories=_unique([row.get("category")]))


def events_calendar(
    events: pa.Table, *, municipality: str | None = None, stamp: datetime | None = None
) -> bytes:
    """An .ics of the public events, all of them or those in ``municipality``."""
    rows = _rows(events)
    if municipality is not None:
        rows = [r for r in rows if r.get("municipality") == municipality]
    rows.sort(key=lambda r: _order(r, "event_id"))
    name = f"Dogodki – {municipality}" if municipality else "Dogodki"
    return _calendar(name, "Javni dogodki, napovedani na spletnih straneh občin.",
                     [event_event(r, stamp=stamp).to_ical() for r in rows], _days(rows))


def municipality_calendars(
    outages: pa.Table, areas: pa.Table, *, stamp: datetime | None = None
) -> dict[str, bytes]:
    """One outage calendar per municipality named in ``areas``: ``outages-<slug>.ics`` → bytes."""
    names = sorted({m for m in areas.column("municipality").to_pylist() if m}, key=slug)
    prepared = _prepare_outages(outages, areas, stamp)
    files: dict[str, bytes] = {}
    for name in names:
        key = f"outages-{slug(name)}.ics"
        if key in files:  # two names with one slug: keep both, apart
            key = f"outages-{slug(name)}-{len(files)}.ics"
        files[key] = _outages_ics(prepared, name)
    return files
