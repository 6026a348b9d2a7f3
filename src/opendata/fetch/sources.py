"""``sources.yaml`` → a validated fetch configuration: who we are, how politely we ask, what to fetch.

The file has three top-level keys::

    contact: https://example.org/opendata      # required: goes into the User-Agent
    politeness: {min_interval: 1.0, timeout: 20, ...}   # optional overrides
    sources:
      - name: ljubljana-novice                  # unique; used in logs and state
        kind: feed | listing
        url: https://...
        source: Mestna občina Ljubljana          # the sidecar's ``source`` (default: name)
        follow_links: true                      # feeds only: fetch each item's page
        link_pattern: '^https://…/novice/[^?#]+$'   # listings only (required): regex on absolute URLs
        max_links: 50
        recheck_after_hours: 168                # optional: re-ask (conditionally) for stored pages

Unknown keys are errors, so a typo (``linkpattern``) fails loudly instead of fetching nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

import regex
import yaml

from opendata import __version__

__all__ = ["FetchConfig", "Politeness", "Source", "SourcesError", "load_sources", "parse_sources"]

KINDS = ("feed", "listing")


class SourcesError(ValueError):
    """The sources file cannot be used (unreadable, not YAML, or a field is missing or invalid)."""


@dataclass(frozen=True)
class Politeness:
    """How hard the fetcher may lean on a site. Seconds and bytes; tests shrink them to ~0."""

    min_interval: float = 1.0  # between two requests to the same host
    timeout: float = 20.0  # per socket operation (connect, each read)
    total_timeout: float = 120.0  # whole response, so a trickling server cannot hold us forever
    max_bytes: int = 5 * 1024 * 1024  # per response body, after decompression
    retries: int = 3  # extra attempts on 5xx, 429, timeouts and connection errors
    backoff: float = 2.0  # first retry delay; doubles each attempt
    max_backoff: float = 120.0
    max_redirects: int = 5
    robots_max_age_hours: float = 24.0


@dataclass(frozen=True)
class Source:
    """One thing to watch: an RSS/Atom feed or a listing page whose links match a pattern."""

    name: str
    kind: str
    url: str
    source: str
    follow_links: bool = True
    link_pattern: regex.Pattern[str] | None = None
    max_links: int = 100
    recheck_after_hours: float | None = None


@dataclass(frozen=True)
class FetchConfig:
    """Everything ``opendata fetch`` needs besides the landing directory."""

    contact: str
    sources: tuple[Source, ...]
    politeness: Politeness = field(default_factory=Politeness)

    @property
    def user_agent(self) -> str:
        """An honest User-Agent: product, version and where a webmaster can reach us."""
        return f"opendata-fetch/{__version__} (+{self.contact})"


_SOURCE_KEYS = {"name", "kind", "url", "source", "follow_links", "link_pattern", "max_links", "recheck_after_hours"}
_POLITENESS_TYPES = {f.name: (int if f.type in ("int", int) else float) for f in fields(Politeness)}


def _is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _politeness(raw: object) -> Politeness:
    if raw is None:
        return Politeness()
    if not isinstance(raw, dict):
        raise SourcesError("politeness: must be a mapping")
    unknown = set(raw) - set(_POLITENESS_TYPES)
    if unknown:
        raise SourcesError(f"politeness: unknown keys {sorted(unknown)}")
    values = {}
    for key, value in raw.items():
        kind = _POLITENESS_TYPES[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise SourcesError(f"politeness.{key}: must be a non-negative number")
        values[key] = kind(value)
    return Politeness(**values)


def _source(raw: object, index: int) -> Source:
    where = f"sources[{index}]"
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: must be a mapping")
    unknown = set(raw) - _SOURCE_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown keys {sorted(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: 'name' is required")
    where = f"source {name!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise SourcesError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
    url = raw.get("url")
    if not _is_http_url(url):
        raise SourcesError(f"{where}: 'url' must be an absolute http(s) URL")
    pattern = raw.get("link_pattern")
    compiled = None
    if pattern is not None:
        if not isinstance(pattern, str):
            raise SourcesError(f"{where}: 'link_pattern' must be a string")
        try:
            compiled = regex.compile(pattern)
        except regex.error as exc:
            raise SourcesError(f"{where}: 'link_pattern' is not a valid regex: {exc}") from exc
    elif kind == "listing":
        raise SourcesError(f"{where}: a listing needs 'link_pattern'")
    follow = raw.get("follow_links", True)
    if not isinstance(follow, bool):
        raise SourcesError(f"{where}: 'follow_links' must be true or false")
    max_links = raw.get("max_links", 100)
    if isinstance(max_links, bool) or not isinstance(max_links, int) or max_links < 1:
        raise SourcesError(f"{where}: 'max_links' must be a positive integer")
    recheck = raw.get("recheck_after_hours")
    if recheck is not None and (isinstance(recheck, bool) or not isinstance(recheck, (int, float)) or recheck <= 0):
        raise SourcesError(f"{where}: 'recheck_after_hours' must be a positive number")
    label = raw.get("source", name)
    if not isinstance(label, str) or not label.strip():
        raise SourcesError(f"{where}: 'source' must be a non-empty string")
    return Source(
        name=name.strip(),
        kind=kind,
        url=url,
        source=label.strip(),
        follow_links=follow,
        link_pattern=compiled,
        max_links=max_links,
        recheck_after_hours=float(recheck) if recheck is not None else None,
    )


def parse_sources(data: object) -> FetchConfig:
    """Validate the parsed YAML of a sources file; raises :class:`SourcesError` with the first problem."""
    if not isinstance(data, dict):
        raise SourcesError("the sources file must be a mapping with 'contact' and 'sources'")
    unknown = set(data) - {"contact", "politeness", "sources"}
    if unknown:
        raise SourcesError(f"unknown top-level keys {sorted(unknown)}")
    contact = data.get("contact")
    if not isinstance(contact, str) or not contact.strip() or any(c.isspace() for c in contact.strip()):
        # Without a way to reach us the User-Agent would not be honest; webmasters need it.
        raise SourcesError("'contact' is required: a URL or e-mail address for the User-Agent")
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise SourcesError("'sources' must be a non-empty list")
    sources = tuple(_source(raw, i) for i, raw in enumerate(raw_sources))
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SourcesError(f"duplicate source names {duplicates}")
    return FetchConfig(contact=contact.strip(), sources=sources, politeness=_politeness(data.get("politeness")))


def load_sources(path: Path | str) -> FetchConfig:
    """Read and validate a ``sources.yaml``; raises :class:`SourcesError` when it cannot be used."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read {path}: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path} is not valid YAML: {exc}") from exc
    return parse_sources(data)
