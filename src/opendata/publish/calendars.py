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

Speed: a release writes thousands of VEVENTs into dozens of feeds, so each VEVENT is written by
the small RFC 5545 writer below (``vevent``) and only once per release, however many feeds it
appears in (``calendar_feeds``). Its bytes are those icalendar writes for the same values
(property order, 74-octet folds, escapes kept whole across a fold). icalendar still writes the
VCALENDAR head (cached per kind of feed; only the feed's name lines are written here) and the
VTIMEZONE (cached per span of years), and the tests parse every feed back with it.
"""
from __future__ import annotations

import os
import pickle
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pyarrow as pa
import regex
from icalendar import Calendar, Timezone

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
        return datetime.combine(start, time(0), UTC)
    if stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    return stamp.astimezone(UTC)


# --- The VEVENT writer: content lines (RFC 5545 §3.1), TEXT (§3.3.11), DATE and DATE-TIME ---


class Entry(NamedTuple):
    """The values of one VEVENT, as ``vevent`` writes them (a tuple: thousands are made per
    release, and a frozen dataclass takes three times as long to build).

    ``dtstart``/``dtend`` are dates (an all-day entry, ``dtend`` exclusive) or timezone-aware
    datetimes (written as Ljubljana wall-clock time); ``dtstamp`` is aware and written in UTC.
    An empty ``location``, ``description`` or ``url`` and a ``dtend`` of None leave the
    property out.
    """

    uid: str
    dtstamp: datetime
    dtstart: date | datetime
    dtend: date | datetime | None
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()


# icalendar folds before a line would reach 75 octets, so a physical line holds at most 74
# (a continuation line: the space and 74 more). Writing the same keeps the bytes identical.
_FOLD_AT = 74
# An escape ("\;", "\n", RFC 6868 "^'") is never split over a fold: some clients unfold badly.
_KEEP_WITH_NEXT = b"\\^"


def fold(line: str) -> bytes:
    """A content line as UTF-8, folded with CRLF + space (RFC 5545 §3.1).

    Physical lines stay within 75 octets, a fold never falls inside a UTF-8 sequence, and a
    backslash (or ``^``) goes to the next line with the character it escapes.
    """
    data = line.encode("utf-8")
    if len(data) <= _FOLD_AT:
        return data
    parts: list[bytes] = []
    start, size = 0, len(data)
    while size - start > _FOLD_AT:
        cut = start + _FOLD_AT
        while data[cut] & 0xC0 == 0x80:  # a continuation octet: fold before its sequence
            cut -= 1
        if data[cut - 1] in _KEEP_WITH_NEXT:
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def escape_text(value: str) -> str:
    r"""A TEXT value escaped (RFC 5545 §3.3.11): ``\`` ``;`` ``,`` get a backslash, and every
    line break (CRLF, LF or a lone CR) becomes ``\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n")


def _uri(value: str) -> str:
    # A URI is written as it is (no TEXT escapes, RFC 5545 §3.3.13), but a raw line break
    # would end the content line: percent-encode it, as a URI would have it anyway.
    if "\n" in value or "\r" in value:
        value = value.replace("\r", "%0D").replace("\n", "%0A")
    return value


# %-formatting: twice as fast as f-strings with format specs or strftime, and zero-pads any year.
def _date(value: date) -> str:
    return "%04d%02d%02d" % (value.year, value.month, value.day)  # noqa: UP031


def _clock(value: datetime) -> str:
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031
        value.year, value.month, value.day, value.hour, value.minute, value.second)


def _when(name: str, value: date | datetime) -> str:
    """DTSTART/DTEND: a date as ``VALUE=DATE``, a datetime as Ljubljana time with its TZID."""
    if isinstance(value, datetime):  # before date: a datetime is a date too
        if value.tzinfo is None:
            raise ValueError(f"{name} must be timezone-aware")
        if value.tzinfo is not ZONE:
            value = value.astimezone(ZONE)
        return f"{name};TZID={TZID}:{_clock(value)}"
    return f"{name};VALUE=DATE:{_date(value)}"


def vevent(entry: Entry) -> bytes:
    """One VEVENT, CRLF line ends, properties in icalendar's order (SUMMARY, DTSTART, DTEND,
    DTSTAMP, UID, then by name), TRANSP:TRANSPARENT (a notice must not block free/busy time)."""
    stamp = entry.dtstamp
    if stamp.tzinfo is None:
        raise ValueError("DTSTAMP must be timezone-aware")
    lines = [f"SUMMARY:{escape_text(entry.summary)}", _when("DTSTART", entry.dtstart)]
    if entry.dtend is not None:
        lines.append(_when("DTEND", entry.dtend))
    if stamp.tzinfo is not UTC:
        stamp = stamp.astimezone(UTC)
    lines.append(f"DTSTAMP:{_clock(stamp)}Z")
    lines.append(f"UID:{escape_text(entry.uid)}")
    if entry.categories:
        lines.append("CATEGORIES:" + ",".join(map(escape_text, entry.categories)))
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.location:
        lines.append(f"LOCATION:{escape_text(entry.location)}")
    lines.append("TRANSP:TRANSPARENT")
    if entry.url:
        lines.append(f"URL:{_uri(entry.url)}")
    return b"BEGIN:VEVENT\r\n" + b"\r\n".join(map(fold, lines)) + b"\r\nEND:VEVENT\r\n"


# --- Records → entries ---


def _entry(uid: str, row: Mapping, summary: str, location: str, description: list[str],
           *, stamp: datetime | None, is_event: bool, categories: list[str]) -> Entry:
    times, notes = schedule(row, is_event=is_event)
    lines = [*description, *notes]
    url = row.get("source_url") or ""
    if url:
        lines.append(f"Vir: {url}")
    return Entry(uid=f"{uid}@{UID_DOMAIN}", dtstamp=_stamp(stamp, row["start_date"]),
                 dtstart=times["dtstart"], dtend=times.get("dtend"), summary=summary,
                 location=location, description="\n".join(lines), url=url,
                 categories=tuple(categories))


def outage_entry(outage: Mapping, areas: list[Mapping], *, stamp: datetime | None = None) -> Entry:
    """The VEVENT values of one outage with its areas."""
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
    return _entry(outage["outage_id"], outage, summary, location, description, stamp=stamp,
                  is_event=False, categories=_unique([outage.get("service")]))


def event_entry(row: Mapping, *, stamp: datetime | None = None) -> Entry:
    """The VEVENT values of one public event."""
    description = _unique([
        f"Vrsta: {_label(row.get('category'), CATEGORY_SL)}" if row.get("category") else None,
        f"Organizator: {row['organizer']}" if row.get("organizer") else None,
        f"Sodelujejo: {row['participants']}" if row.get("participants") else None,
    ])
    location = ", ".join(_unique([row.get("venue"), row.get("locality"), row.get("municipality")]))
    return _entry(row["event_id"], row, row.get("title") or "Dogodek", location, description,
                  stamp=stamp, is_event=True, categories=_unique([row.get("category")]))


# --- Memo ---


class VeventMemo:
    """VEVENTs already written, by the values they were written from.

    A daily release holds the archive's outages and events again, nearly all unchanged; a
    memo kept from the previous release hands back their bytes instead of writing them anew
    (a VEVENT is a pure function of its row, its areas and the stamp). Keys are the ``repr``
    of those values: strings pickle and load many times faster than tuples of dates and
    times. :meth:`save` keeps only the entries this release used, so the memo never outgrows
    the data.
    """

    def __init__(self, known: Mapping[str, bytes] | None = None) -> None:
        self.known = dict(known or {})
        self.used: dict[str, bytes] = {}

    def get(self, key: str, render) -> bytes:
        """The bytes remembered for ``key``, else ``render()``'s."""
        value = self.known.get(key)
        if value is None:
            value = render()
        self.used[key] = value
        return value

    @classmethod
    def load(cls, path: Path, version: str) -> "VeventMemo":
        """The memo saved at ``path`` by the same code ``version``; empty when there is none."""
        try:
            with path.open("rb") as handle:
                saved_version, known = pickle.load(handle)
        except Exception:  # a cache: whatever is wrong with it, writing anew is correct
            return cls()
        return cls(known if saved_version == version else None)

    def save(self, path: Path, version: str) -> None:
        """Write the entries used since loading (atomically: a killed run leaves the old memo)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as handle:
            pickle.dump((version, self.used), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)


# --- Feeds ---


@lru_cache(maxsize=16)
def _vtimezone(first_year: int, last_year: int) -> bytes:
    # The transitions of the years the entries span (and a year either side), not 1970–2038:
    # the zone stays correct for every entry and the file small. Cached: the feeds of one
    # release nearly all span the same years, and building the zone is the slow part of a head.
    return Timezone.from_tzid(
        TZID, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)).to_ical()


_END = b"END:VCALENDAR\r\n"


@lru_cache(maxsize=8)
def _head(description: str) -> tuple[bytes, bytes]:
    """icalendar's VCALENDAR head of a kind of feed, split where the feed's own NAME and
    X-WR-CALNAME go (icalendar puts them after X-WR-CALDESC, before X-WR-TIMEZONE).

    Cached: a release writes a couple of hundred feeds of two kinds, and icalendar takes half
    a millisecond a head.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", TZID)
    head = calendar.to_ical()
    assert head.endswith(_END)
    cut = head.index(b"\r\nX-WR-TIMEZONE:") + 2
    return head[:cut], head[cut : -len(_END)]


def _calendar(name: str, description: str, events: Iterable[bytes], years: tuple[int, int]) -> bytes:
    """A VCALENDAR around VEVENTs already serialised; ``years``: the first and last year of
    their dates."""
    before, after = _head(description)
    names = fold(f"NAME:{escape_text(name)}") + b"\r\n" + fold(f"X-WR-CALNAME:{escape_text(name)}")
    # Subcomponents follow the calendar's properties in order: the zone, then the events.
    return b"".join([before, names, b"\r\n", after, _vtimezone(*years), *events, _END])


def _records(table: pa.Table) -> list[dict]:
    # Column by column, then zipped: markedly faster than Table.to_pylist for thousands of rows.
    names = table.column_names
    columns = [table.column(n).to_pylist() for n in names]
    return [dict(zip(names, values)) for values in zip(*columns)]


def _rows(table: pa.Table) -> list[dict]:
    return [row for row in _records(table) if row.get("start_date") is not None]


def _order(row: Mapping, key: str) -> tuple:
    return (row["start_date"], row.get("start_time") or time(0), row[key])


def _years(rows: Iterable[Mapping]) -> tuple[int, int]:
    years = [d.year for r in rows for d in (r["start_date"], r.get("end_date")) if d is not None]
    return (min(years), max(years)) if years else (2000, 2000)


@dataclass
class _Outages:
    """Outages ready for calendars: sorted rows, each one's VEVENT (written once), and for each
    municipality named in the areas the indices of its outages' rows."""

    rows: list[dict]
    events: list[bytes]
    by_municipality: dict[str, list[int]]


def _outage_vevent(row: dict, areas: list[dict], stamp: datetime | None, memo: VeventMemo) -> bytes:
    key = repr(("outage", tuple(row.values()), tuple(tuple(a.values()) for a in areas), stamp))
    return memo.get(key, lambda: vevent(outage_entry(row, areas, stamp=stamp)))


def _event_vevent(row: dict, stamp: datetime | None, memo: VeventMemo) -> bytes:
    return memo.get(repr(("event", tuple(row.values()), stamp)), lambda: vevent(event_entry(row, stamp=stamp)))


def _prepare_outages(outages: pa.Table, areas: pa.Table, stamp: datetime | None, memo: VeventMemo) -> _Outages:
    by_outage: dict[str, list[dict]] = defaultdict(list)
    for area in _records(areas):
        by_outage[area["outage_id"]].append(area)
    rows = sorted(_rows(outages), key=lambda r: _order(r, "outage_id"))
    events = [_outage_vevent(r, by_outage.get(r["outage_id"], []), stamp, memo) for r in rows]
    by_municipality: dict[str, list[int]] = {
        m: [] for area_list in by_outage.values() for a in area_list if (m := a.get("municipality"))}
    for index, row in enumerate(rows):
        for name in _unique(a.get("municipality") for a in by_outage.get(row["outage_id"], ())):
            by_municipality[name].append(index)
    return _Outages(rows, events, by_municipality)


def _outages_ics(prepared: _Outages, municipality: str | None) -> bytes:
    if municipality is None:
        rows, events = prepared.rows, prepared.events
    else:
        indices = prepared.by_municipality.get(municipality, [])
        rows = [prepared.rows[i] for i in indices]
        events = [prepared.events[i] for i in indices]
    name = f"Motnje in zapore – {municipality}" if municipality else "Motnje in zapore"
    return _calendar(name, "Prekinitve oskrbe in zapore, napovedane na spletnih straneh občin in "
                     "komunalnih podjetij.", events, _years(rows))


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
    return _outages_ics(_prepare_outages(outages, areas, stamp, VeventMemo()), municipality)


def events_calendar(
    events: pa.Table, *, municipality: str | None = None, stamp: datetime | None = None,
    memo: VeventMemo | None = None,
) -> bytes:
    """An .ics of the public events, all of them or those in ``municipality``."""
    memo = memo if memo is not None else VeventMemo()
    rows = _rows(events)
    if municipality is not None:
        rows = [r for r in rows if r.get("municipality") == municipality]
    rows.sort(key=lambda r: _order(r, "event_id"))
    name = f"Dogodki – {municipality}" if municipality else "Dogodki"
    return _calendar(name, "Javni dogodki, napovedani na spletnih straneh občin.",
                     [_event_vevent(r, stamp, memo) for r in rows], _years(rows))


def _municipality_files(prepared: _Outages) -> dict[str, bytes]:
    # By slug, then by name: two names with one slug get their keys in a fixed order.
    names = sorted(prepared.by_municipality, key=lambda m: (slug(m), m))
    files: dict[str, bytes] = {}
    for name in names:
        key = f"outages-{slug(name)}.ics"
        if key in files:  # two names with one slug: keep both, apart
            key = f"outages-{slug(name)}-{len(files)}.ics"
        files[key] = _outages_ics(prepared, name)
    return files


def municipality_calendars(
    outages: pa.Table, areas: pa.Table, *, stamp: datetime | None = None
) -> dict[str, bytes]:
    """One outage calendar per municipality named in ``areas``: ``outages-<slug>.ics`` → bytes."""
    return _municipality_files(_prepare_outages(outages, areas, stamp, VeventMemo()))


def calendar_feeds(
    outages: pa.Table, areas: pa.Table, events: pa.Table, *, stamp: datetime | None = None,
    memo: VeventMemo | None = None,
) -> dict[str, bytes]:
    """Every feed of a release, file name → bytes: ``outages.ics``, ``events.ics`` and one
    ``outages-<slug>.ics`` per municipality named in ``areas``.

    The outages are prepared once, so each outage's VEVENT is written once however many
    feeds hold it; the bytes equal those of ``outages_calendar``, ``events_calendar`` and
    ``municipality_calendars``. ``memo`` hands back VEVENTs an earlier release wrote.
    """
    memo = memo if memo is not None else VeventMemo()
    prepared = _prepare_outages(outages, areas, stamp, memo)
    return {
        "outages.ics": _outages_ics(prepared, None),
        "events.ics": events_calendar(events, stamp=stamp, memo=memo),
        **_municipality_files(prepared),
    }
