"""JSON Lines → records: one document per line, given as plain ``text`` or raw ``html``."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from opendata.ingest.decode import IngestError, normalize_text
from opendata.limits import MAX_TEXT_CHARS
from opendata.ingest.html import Teaser, html_to_text, parse_datetime, parse_html

__all__ = ["JsonlRecord", "parse_jsonl", "html_to_text", "parse_datetime"]


@dataclass(frozen=True)
class JsonlRecord:
    """One JSONL document; ``teasers`` come from an ``html`` value's sidebars."""

    url: str | None
    title: str | None
    published_at: datetime | None
    fetched_at: datetime | None
    source: str | None
    text: str
    teasers: list[Teaser] = field(default_factory=list)
    line_number: int = 0


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return normalize_text(value).strip() or None  # titles and URLs too: no lone surrogates
    return None


def _date(value: object) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) else None


# One record's text cap (the landing reader's per-document cap): a giant line is rejected on
# its own instead of costing the whole file.
MAX_RECORD_CHARS = MAX_TEXT_CHARS


def _record(obj: dict, line_number: int, max_chars: int = MAX_RECORD_CHARS) -> JsonlRecord:
    text = _str(obj.get("text"))
    html = _str(obj.get("html"))
    if text is None and html is None:
        raise IngestError("bad_json_line", "neither a non-empty 'text' nor 'html'")
    title, url, published_at, teasers = _str(obj.get("title")), _str(obj.get("url")), None, []
    if html is not None:
        page = parse_html(normalize_text(html))
        teasers = page.teasers
        title = title or page.title
        url = url or page.url
        published_at = page.published_at
        if text is None:
            text = page.text
    body = normalize_text(text or "").strip()
    if not body:
        raise IngestError("bad_json_line", "the document has no readable text")
    if len(body) > max_chars:
        raise IngestError("text_too_long", f"{len(body)} characters > cap {max_chars}")
    return JsonlRecord(
        url=url,
        title=title,
        published_at=_date(obj.get("published_at")) or published_at,
        fetched_at=_date(obj.get("fetched_at")),
        source=_str(obj.get("source")),
        text=body,
        teasers=teasers,
        line_number=line_number,
    )


def parse_jsonl(text: str, max_chars: int = MAX_RECORD_CHARS) -> tuple[list[JsonlRecord], list[tuple[int, IngestError]]]:
    """Parse JSON Lines; returns the good records and ``(line_number, error)`` for bad lines.

    Line numbers are 1-based; blank lines are skipped silently. A record whose text is
    longer than ``max_chars`` is a bad line with reason ``text_too_long``.
    """
    records: list[JsonlRecord] = []
    errors: list[tuple[int, IngestError]] = []
    # split on \n only: str.splitlines() would also split at U+2028 inside JSON strings
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            errors.append((number, IngestError("bad_json_line", f"not JSON: {exc}")))
            continue
        if not isinstance(obj, dict):
            errors.append((number, IngestError("bad_json_line", f"not an object: {type(obj).__name__}")))
            continue
        try:
            records.append(_record(obj, number, max_chars))
        except IngestError as exc:
            errors.append((number, exc))
    return records, errors
