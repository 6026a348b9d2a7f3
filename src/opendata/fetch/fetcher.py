"""Sources → landing files: feeds and listing pages, each linked page fetched at most once.

**Feeds: store each linked page, not the feed (``follow_links: true``, the default).** A feed
item is usually a headline and a one-line teaser; the page it links to holds the full
notice (streets, times, the operator), which is what extraction needs. The feed still adds
what pages state badly: each page's sidecar takes the item's ``title`` and ``published_at``
(the reference date for "jutri" and year-less dates). Set ``follow_links: false`` for feeds
whose items already carry the full text (``content:encoded``): then the feed file itself is
stored and ingest turns every item into a document, at one request per run.

**Never the same unchanged URL twice.** Feed and listing URLs are asked conditionally
(``If-None-Match`` / ``If-Modified-Since``). A linked page already stored is not requested
again, unless the feed's item for it changed (title, date or text: its fingerprint) or the
source sets ``recheck_after_hours``; then it is asked conditionally. Pages that failed are
retried on the next run, even when the feed or listing answers 304 (its items are remembered).

Errors never stop the run; each is counted with its reason in the :class:`FetchSummary`.
"""
from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from opendata.ingest.decode import IngestError, decode_bytes
from opendata.ingest.feeds import parse_feed

from .http import PoliteClient, Response
from .robots import RobotsPolicy
from .sources import FetchConfig, Source
from .state import FetchState
from .store import accepts_content_type, extension_for, page_path, write_page

__all__ = ["FetchSummary", "Failure", "Fetcher", "ProgressLine", "extract_links", "run_fetch"]


@dataclass(frozen=True)
class Failure:
    """One URL that could not be fetched, and why (``http_404``, ``timeout``, ``too_large`` ...)."""

    source: str
    url: str
    reason: str
    detail: str = ""


@dataclass
class FetchSummary:
    """Counts of one run. Every URL considered ends in exactly one of the five outcomes."""

    fetched: int = 0  # 200 with new content (pages written, or a listing/feed read afresh)
    not_modified: int = 0  # 304 to a conditional GET
    unchanged: int = 0  # 200 whose body hashes the same as the stored one
    skipped: int = 0  # not requested: already stored, robots.txt, no link, unsupported type
    failed: int = 0
    written: int = 0  # landing files (page + sidecar) written
    requests: int = 0  # HTTP requests sent, robots.txt, retries and redirects included
    skip_reasons: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    current: str = ""  # the source being fetched, for progress lines

    def skip(self, reason: str) -> None:
        """Count a URL not requested, by reason."""
        self.skipped += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1

    def fail(self, failure: Failure) -> None:
        """Count a URL that could not be fetched."""
        self.failed += 1
        self.failures.append(failure)

    def as_dict(self) -> dict:
        """A JSON-ready body (for ``--json`` and Dagster metadata)."""
        body = asdict(self)
        body.pop("current")
        return body

    def format(self) -> str:
        """The human summary printed at the end of a run."""
        lines = [
            f"fetched {self.fetched}, not modified {self.not_modified}, unchanged {self.unchanged}, "
            f"skipped {self.skipped}, failed {self.failed}; {self.written} files written, {self.requests} requests"
        ]
        if self.skip_reasons:
            lines.append("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skip_reasons.items())))
        for failure in self.failures:
            lines.append(f"failed: [{failure.source}] {failure.url}: {failure.reason} {failure.detail}".rstrip())
        return "\n".join(lines)


class ProgressLine:
    """Prints a one-line progress report at most every ``every`` seconds (for long fetches)."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.every = every
        self._clock = clock
        self._last = clock()

    def __call__(self, summary: FetchSummary) -> None:
        now = self._clock()
        if now - self._last < self.every:
            return
        self._last = now
        print(
            f"fetch [{summary.current}]: {summary.requests} requests, {summary.fetched} fetched, "
            f"{summary.not_modified} not modified, {summary.skipped} skipped, {summary.failed} failed",
            file=self.stream,
            flush=True,
        )


@dataclass(frozen=True)
class _Item:
    url: str
    fingerprint: str | None = None
    title: str | None = None
    published_at: str | None = None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _clean_url(href: str, base: str) -> str | None:
    url, _ = urldefrag(urljoin(base, href.strip()))
    return url if urlsplit(url).scheme in ("http", "https") else None


def extract_links(html: bytes, base_url: str, pattern, limit: int) -> list[str]:
    """Absolute, fragment-free ``<a href>`` targets of a page matching ``pattern``, first ``limit``, in page order."""
    text, _ = decode_bytes(html)
    tree = LexborHTMLParser(text)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None and base_node.attributes.get("href"):
        base = urljoin(base_url, base_node.attributes["href"])
    seen: dict[str, None] = {}
    for node in tree.css("a[href]"):
        url = _clean_url(node.attributes.get("href") or "", base)
        if url and url not in seen and pattern.search(url):
            seen[url] = None
            if len(seen) >= limit:
                break
    return list(seen)


def _feed_items(body: bytes, base_url: str, limit: int) -> list[_Item]:
    items: dict[str, _Item] = {}
    for entry in parse_feed(body):
        if not entry.url:
            continue
        url = _clean_url(entry.url, base_url)
        if not url or url in items:
            continue
        published = entry.published_at.isoformat() if entry.published_at else None
        # The feed's own statement of the item: when it changes, the page probably changed too.
        fingerprint = _sha256("\x1f".join([entry.title or "", published or "", entry.text]).encode("utf-8"))[:16]
        items[url] = _Item(url, fingerprint, entry.title, published)
        if len(items) >= limit:
            break
    return list(items.values())


class Fetcher:
    """One fetch run over a config into a landing directory (see the module docstring)."""

    def __init__(
        self,
        config: FetchConfig,
        landing: Path,
        *,
        client: PoliteClient | None = None,
        progress: Callable[[FetchSummary], None] | None = None,
        now: Callable[[], datetime] = _now,
    ) -> None:
        self.config = config
        self.landing = Path(landing)
        self.client = client or PoliteClient(config.politeness, config.user_agent)
        self.progress = progress or (lambda summary: None)
        self.now = now
        self.state = FetchState.load(self.landing)
        self.summary = FetchSummary()
        self.robots = RobotsPolicy(
            self.client,
            self.state,
            max_age=timedelta(hours=config.politeness.robots_max_age_hours),
            now=now,
            on_request=self._count_requests,
        )

    def _count_requests(self) -> None:
        self.summary.requests = self.client.requests

    def run(self) -> FetchSummary:
        """Fetch every source in order; the state is saved after every stored page and at the end."""
        self.landing.mkdir(parents=True, exist_ok=True)
        for source in self.config.sources:
            self.summary.current = source.name
            try:
                self._run_source(source)
            finally:
                self.state.save()
        self.summary.current = ""
        return self.summary

    # -- one request, with robots.txt and bookkeeping ------------------------------------------

    def _request(self, source: Source, url: str, entry: dict | None, *, conditional: bool, accept=None) -> Response | None:
        """GET ``url`` (conditionally when we hold validators); None when robots.txt forbids it."""
        verdict = self.robots.verdict(url)
        if verdict == "disallowed":
            self.summary.skip("robots_disallowed")
            self.progress(self.summary)
            return None
        if verdict is not None:
            # The host is down or its robots.txt errs: a failure to see, retried next run.
            self.summary.fail(Failure(source.name, url, "robots_unavailable", verdict.removeprefix("unavailable: ")))
            self.progress(self.summary)
            return None
        etag = last_modified = None
        if conditional and entry:
            etag, last_modified = entry.get("etag"), entry.get("last_modified")
        response = self.client.get(url, etag=etag, last_modified=last_modified, accept=accept, allow=self.robots.allowed)
        self.summary.requests = self.client.requests
        self.progress(self.summary)
        return response

    def _record_failure(self, source: Source, url: str, response: Response) -> None:
        if response.error:
            reason, detail = response.error, response.detail
        else:
            reason, detail = f"http_{response.status}", ""
        self.summary.fail(Failure(source.name, url, reason, detail))
        entry = self.state.urls.setdefault(url, {})
        entry.update(error=reason, checked_at=self.now().isoformat(timespec="seconds"))

    def _stored(self, entry: dict | None) -> bool:
        return bool(entry and entry.get("path") and (self.landing / entry["path"]).exists())

    def _validators(self, entry: dict, response: Response, stamp: str) -> None:
        entry.update(
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            final_url=response.final_url,
            checked_at=stamp,
            error=None,
        )

    # -- sources -------------------------------------------------------------------------------

    def _run_source(self, source: Source) -> None:
        record = self.state.sources.get(source.name) or {}
        if record.get("url") != source.url:
            record = {}  # the source now points elsewhere: its remembered items no longer apply
        stores_itself = source.kind == "feed" and not source.follow_links
        entry = self.state.urls.get(source.url)
        # Ask conditionally only when a 304 leaves us able to go on: the stored feed, or the item list.
        can_use_304 = self._stored(entry) if stores_itself else "items" in record
        response = self._request(source, source.url, entry, conditional=can_use_304, accept=accepts_content_type)
        if response is None:
            return
        stamp = self.now().isoformat(timespec="seconds")
        if response.error is None and response.status == 304 and can_use_304:
            self.summary.not_modified += 1
            self.state.urls[source.url]["checked_at"] = stamp
            items = [] if stores_itself else [_Item(**i) for i in record["items"]]
        elif response.error is None and response.status == 200 and response.body is not None:
            if stores_itself:
                self._store(source, _Item(source.url), response, stamp)
                return
            items = self._items(source, response)
            if items is None:
                return
            url_entry = self.state.urls.setdefault(source.url, {})
            digest = _sha256(response.body)
            if url_entry.get("sha256") == digest:
                self.summary.unchanged += 1  # a server that ignores conditional GETs
            else:
                self.summary.fetched += 1
            self._validators(url_entry, response, stamp)
            url_entry["sha256"] = digest
            self.state.sources[source.name] = {
                "url": source.url,
                "checked_at": stamp,
                "items": [asdict(i) for i in items],
            }
        else:
            self._record_failure(source, source.url, response)
            return
        for item in items:
            self.summary.current = source.name
            self._fetch_item(source, item)

    def _items(self, source: Source, response: Response) -> list[_Item] | None:
        try:
            if source.kind == "feed":
                return _feed_items(response.body, response.final_url, source.max_links)
            return [_Item(u) for u in extract_links(response.body, response.final_url, source.link_pattern, source.max_links)]
        except IngestError as exc:
            self.summary.fail(Failure(source.name, source.url, exc.reason, exc.detail[:200]))
            return None

    def _due_for_recheck(self, source: Source, entry: dict) -> bool:
        if source.recheck_after_hours is None:
            return False
        try:
            checked = datetime.fromisoformat(entry.get("checked_at") or entry["fetched_at"])
        except (KeyError, TypeError, ValueError):
            return True
        return self.now() - checked >= timedelta(hours=source.recheck_after_hours)

    def _fetch_item(self, source: Source, item: _Item) -> None:
        entry = self.state.urls.get(item.url)
        stored = self._stored(entry)
        if entry and entry.get("status") == "unsupported":
            self.summary.skip("unsupported_content_type")
            return
        changed_in_feed = item.fingerprint is not None and entry is not None and entry.get("fingerprint") != item.fingerprint
        if stored and not changed_in_feed and not self._due_for_recheck(source, entry):
            self.summary.skip("already_fetched")
            return
        response = self._request(source, item.url, entry, conditional=stored, accept=accepts_content_type)
        if response is None:
            return
        stamp = self.now().isoformat(timespec="seconds")
        if response.error is None and response.status == 304 and stored:
            self.summary.not_modified += 1
            entry.update(checked_at=stamp, fingerprint=item.fingerprint, error=None)
            self.state.save()
        elif response.error == "unsupported_content_type":
            self.summary.skip("unsupported_content_type")
            self.state.urls[item.url] = {"status": "unsupported", "content_type": response.detail, "checked_at": stamp}
        elif response.error is None and response.status == 200 and response.body is not None:
            self._store(source, item, response, stamp)
        else:
            self._record_failure(source, item.url, response)

    def _store(self, source: Source, item: _Item, response: Response, stamp: str) -> None:
        """Write a 200 body as a landing file with its sidecar, unless it is what we already hold."""
        entry = self.state.urls.get(item.url) or {}
        digest = _sha256(response.body)
        if self._stored(entry) and entry.get("sha256") == digest:
            self.summary.unchanged += 1
            self._validators(entry, response, stamp)
            entry["fingerprint"] = item.fingerprint
            self.state.urls[item.url] = entry
            self.state.save()
            return
        extension = extension_for(response.content_type, response.body)
        if extension is None:
            self.summary.skip("unsupported_content_type")
            self.state.urls[item.url] = {"status": "unsupported", "content_type": response.content_type, "checked_at": stamp}
            return
        path = self.landing / entry["path"] if entry.get("path") and entry["path"].endswith(extension) else page_path(self.landing, item.url, extension)
        meta = {"url": response.final_url, "requested_url": item.url, "source": source.source, "fetched_at": stamp}
        if item.title:
            meta["title"] = item.title
        if item.published_at:
            meta["published_at"] = item.published_at
        if response.headers.get("content-type"):
            meta["content_type"] = response.headers["content-type"]
        write_page(path, response.body, meta)
        old_path = entry.get("path")
        if old_path and old_path != path.relative_to(self.landing).as_posix():
            # The page changed type (say .html → .txt): the old file would be a stale duplicate.
            for stale in (self.landing / old_path, self.landing / (old_path + ".meta.json")):
                stale.unlink(missing_ok=True)
        entry.update(path=path.relative_to(self.landing).as_posix(), sha256=digest, fetched_at=stamp, fingerprint=item.fingerprint, status="stored")
        self._validators(entry, response, stamp)
        self.state.urls[item.url] = entry
        self.summary.fetched += 1
        self.summary.written += 1
        self.state.save()  # a page on disk is always remembered, so a crash never causes a refetch


def run_fetch(
    config: FetchConfig,
    landing: Path,
    *,
    progress: Callable[[FetchSummary], None] | None = None,
    client: PoliteClient | None = None,
) -> FetchSummary:
    """Fetch every source of ``config`` into ``landing`` and return what happened."""
    return Fetcher(config, landing, progress=progress, client=client).run()
