"""robots.txt: fetched once per host, cached in the fetch state, obeyed for every request.

Following RFC 9309: a 4xx robots.txt (usually 404) means everything is allowed; a 5xx or an
unreachable server means nothing is allowed *for this run* (not cached, so the next run asks
again). A ``Crawl-delay`` for our agent (or ``*``) widens the per-host spacing.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from urllib.robotparser import RobotFileParser

from .http import PoliteClient, host_key
from .state import FetchState

__all__ = ["ROBOTS_AGENT", "RobotsPolicy"]

ROBOTS_AGENT = "opendata-fetch"  # the product token robots.txt groups are matched against
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
MAX_CRAWL_DELAY = 60.0  # a robots.txt cannot make one run last for days


class RobotsPolicy:
    """Answers "may we fetch this URL?" per host, asking each host for robots.txt once."""

    def __init__(
        self,
        client: PoliteClient,
        state: FetchState,
        *,
        max_age: timedelta,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        on_request: Callable[[], None] = lambda: None,
    ) -> None:
        self._client = client
        self._state = state
        self._max_age = max_age
        self._now = now
        self._on_request = on_request
        self._parsers: dict[str, RobotFileParser | str] = {}  # str: why robots.txt is unavailable

    def verdict(self, url: str) -> str | None:
        """None when ``url`` may be fetched; else ``"disallowed"`` or ``"unavailable: <why>"``."""
        key = host_key(url)
        if key not in self._parsers:
            self._parsers[key] = self._load(key)
        parser = self._parsers[key]
        if isinstance(parser, str):
            return f"unavailable: {parser}"
        return None if parser.can_fetch(ROBOTS_AGENT, url) else "disallowed"

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our agent fetch it (unavailable counts as no)."""
        return self.verdict(url) is None

    def _cached(self, key: str) -> dict | None:
        entry = self._state.robots.get(key)
        if not entry:
            return None
        try:
            fetched = datetime.fromisoformat(entry["fetched_at"])
        except (KeyError, TypeError, ValueError):
            return None
        return entry if self._now() - fetched < self._max_age else None

    def _load(self, key: str) -> RobotFileParser | str:
        entry = self._cached(key)
        if entry is None:
            entry = self._fetch(key)
            if isinstance(entry, str):
                return entry
        parser = RobotFileParser()
        parser.parse(entry.get("body", "").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._client.set_host_interval(key, min(float(delay), MAX_CRAWL_DELAY))
        return parser

    def _fetch(self, key: str) -> dict | str:
        response = self._client.get(f"{key}/robots.txt", max_bytes=MAX_ROBOTS_BYTES)
        self._on_request()
        stamp = self._now().isoformat(timespec="seconds")
        if response.error is None and response.status == 200 and response.body is not None:
            body = response.body.decode("utf-8", errors="replace")
        elif response.error is None and response.status is not None and 400 <= response.status < 500:
            body = ""  # no robots.txt: everything is allowed
        else:
            # 5xx or unreachable: assume disallowed, ask again next run
            return f"{response.error} {response.detail}".strip() if response.error else f"robots.txt answered {response.status}"
        entry = {"status": response.status, "body": body, "fetched_at": stamp}
        self._state.robots[key] = entry
        return entry
