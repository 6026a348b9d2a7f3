"""The domain objects that flow through the pipeline: raw files → documents → candidates → rows.

Everything here is plain data. Ingest produces :class:`Document` and :class:`Reject`;
extractors read one document and return candidates (``*Candidate``), each carrying the
:class:`Evidence` that states it; the merge step of each record type turns candidates from
many documents into published rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LJUBLJANA = ZoneInfo("Europe/Ljubljana")

DOCUMENT_KINDS = ("article", "notice", "teaser", "feed_item")


@dataclass(frozen=True)
class Document:
    """One accepted document: a page's main article, a teaser block, or a feed item.

    ``text`` is the clean text every character offset in ``mentions`` refers to.
    """

    document_id: str
    kind: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    parent_document_id: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    page_time: datetime | None = None  # a teaser's page: its publication time, when it has no fetch time
    modified_at: datetime | None = None  # the landing file's mtime, last resort for dates
    language: str = "sl"
    origin: str = ""  # landing-directory path of the file it came from

    @property
    def reference_time(self) -> datetime | None:
        """The instant relative and year-less dates are read against (DATA_MODEL.md §1)."""
        return self.published_at or self.fetched_at or self.page_time or self.modified_at

    @property
    def reference_date(self) -> date | None:
        """The reference time as a Europe/Ljubljana calendar date."""
        ref = self.reference_time
        if ref is None:
            return None
        if ref.tzinfo is not None:
            ref = ref.astimezone(LJUBLJANA)
        return ref.date()


@dataclass(frozen=True)
class Reject:
    """A landing file (or one line/item of it) that could not be used, and why."""

    path: str
    reason: str  # a short machine-readable code, e.g. ``empty``, ``binary``, ``bad_json``
    detail: str = ""


@dataclass(frozen=True)
class Evidence:
    """The clause of a document that states a record; ``text == doc.text[char_start:char_end]``."""

    document_id: str
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Place:
    """One place an outage applies to (a row of ``outage_areas`` without its outage)."""

    municipality: str | None = None
    locality: str | None = None
    street: str | None = None
    house_numbers: str | None = None
    road_id: str | None = None


@dataclass(frozen=True)
class Window:
    """When something happens: dates and Europe/Ljubljana wall-clock times, any may be unknown."""

    start_date: date | None = None
    start_time: time | None = None
    end_date: date | None = None
    end_time: time | None = None
    end_estimated: bool = False


@dataclass
class OutageCandidate:
    """An outage as one document states it."""

    service: str
    effect: str
    cause: str
    title: str
    window: Window
    areas: list[Place]
    evidence: Evidence
    operator: str | None = None
    source_url: str | None = None
    reference_date: date | None = None
    postponed: bool = False  # the document moves an earlier announcement to this window


@dataclass
class EventCandidate:
    """A dated event as one document states it."""

    title: str
    category: str
    window: Window
    evidence: Evidence
    venue: str | None = None
    locality: str | None = None
    municipality: str | None = None
    organizer: str | None = None
    participants: list[str] = field(default_factory=list)
    source_url: str | None = None
    reference_date: date | None = None


@dataclass
class ProjectCandidate:
    """A municipal project or programme as one document names it."""

    name: str  # canonical nominative name
    alias: str  # the surface form seen in this document
    sector: str
    status: str
    evidence: Evidence
    municipality: str | None = None
    description: str | None = None
    budget_eur: float | None = None
    eu_funding_eur: float | None = None
    funding: list[str] = field(default_factory=list)
    area_m2: float | None = None
    target_year: int | None = None
    start_year: int | None = None
    source_url: str | None = None
    reference_date: date | None = None
