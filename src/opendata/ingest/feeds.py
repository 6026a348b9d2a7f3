"""RSS 2.0 / Atom bytes → feed items, each a document of its own (feedparser)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice

import feedparser
import regex

from opendata.ingest.decode import IngestError
from opendata.limits import MAX_FEED_ITEMS
from opendata.ingest.html import html_to_text, parse_datetime

__all__ = ["FeedItem", "parse_feed"]

MAX_ITEMS = MAX_FEED_ITEMS
# An RSS ``<item>`` or Atom ``<entry>`` start tag, with or without a namespace prefix.
_ITEM_TAG = regex.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")


@dataclass(frozen=True)
class FeedItem:
    """One feed entry; ``text`` is the title, a blank line, then the body as plain text."""

    title: str | None
    url: str | None
    guid: str | None
    published_at: datetime | None
    text: str


def _entry_datetime(entry: feedparser.FeedParserDict) -> datetime | None:
    # The raw string keeps the publisher's offset; feedparser's *_parsed is UTC only.
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            parsed = parse_datetime(raw)
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed"):
        struct = entry.get(key)
        if struct:
            return datetime(*struct[:6], tzinfo=timezone.utc)
    return None


def _entry_body(entry: feedparser.FeedParserDict) -> str:
    """The fullest HTML the entry carries (``content:encoded`` beats a short description)."""
    summary = entry.get("summary") or ""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max([summary, *contents], key=len)
    return html_to_text(best)


def _entry_title(entry: feedparser.FeedParserDict) -> str | None:
    title = entry.get("title")
    if not title:
        return None
    detail = entry.get("title_detail") or {}
    if detail.get("type") == "text/html":
        # markup survives in type="html" titles; plain titles may hold a literal "<"
        title = html_to_text(title).replace("\n\n", " ")
    return " ".join(title.split()) or None


def parse_feed(data: bytes, max_items: int = MAX_ITEMS) -> list[FeedItem]:
    """Parse an RSS 2.0 or Atom document into items.

    Raises :class:`IngestError` ``bad_feed`` when the bytes are not a feed and
    ``too_many_items`` when it holds more than ``max_items`` entries. A feed with channel
    metadata but no items yields an empty list.
    """
    if not data or not data.strip():
        raise IngestError("empty", "no bytes")
    # Count start tags before parsing: feedparser builds every entry first (a million-item
    # feed costs seconds and gigabytes), while a byte scan rejects it in milliseconds.
    tags = sum(1 for _ in islice(_ITEM_TAG.finditer(data), max_items + 1))
    if tags > max_items:
        raise IngestError("too_many_items", f"more than {max_items} item tags")
    # Bytes, never str: given a str, feedparser treats it as a URL or path to fetch.
    parsed = feedparser.parse(bytes(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            exc = parsed.get("bozo_exception")
            raise IngestError("bad_feed", f"not an RSS/Atom feed: {exc or 'no feed elements'}")
        return []
    if len(entries) > max_items:
        raise IngestError("too_many_items", f"{len(entries)} items, limit {max_items}")

    items = []
    for entry in entries:
        title = _entry_title(entry)
        body = _entry_body(entry)
        if title and body and not body.startswith(title):
            text = f"{title}\n\n{body}"
        else:
            text = body or title or ""
        items.append(
            FeedItem(
                title=title,
                url=entry.get("link") or None,
                guid=entry.get("id") or None,
                published_at=_entry_datetime(entry),
                text=text,
            )
        )
    return items
