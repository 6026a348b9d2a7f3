"""A polite HTTP client on the standard library: one host at a time, capped, retried, honest.

Politeness rules, each for a reason:

* **Per-host spacing** (``min_interval``, raised by a robots.txt ``Crawl-delay``): municipal
  sites are small servers; we never send two requests to one host closer than that.
* **Retries with exponential backoff** on 5xx, 429, timeouts and dropped connections only; a
  4xx is the server's answer and asking again would not change it. ``Retry-After`` is honoured
  up to ``max_backoff``.
* **Timeouts**: ``timeout`` per socket operation and ``total_timeout`` per response, so neither
  a silent nor a trickling server can stall the run.
* **Size cap**: a declared ``Content-Length`` over ``max_bytes`` is refused before reading; an
  undeclared one is read up to the cap and then abandoned. Nothing partial is ever returned.
* **Redirects** are followed by hand (at most ``max_redirects``), so every hop is spaced and
  only http(s) targets are allowed; the final URL is reported.
* **Honest User-Agent** with a contact address, and ``Accept-Encoding: gzip`` to save the
  server's bandwidth (decompressed under the same cap).
"""
from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from urllib.parse import urljoin, urlsplit

from .sources import Politeness

__all__ = ["PoliteClient", "Response", "host_key"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_ERRORS = frozenset({"timeout", "connection_error"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
_CHUNK = 64 * 1024


@dataclass
class Response:
    """The outcome of one logical GET: a status and body, or an ``error`` code and detail.

    ``error`` is ``None`` for any HTTP answer that arrived in full (200, 304, 404 ...);
    otherwise one of ``timeout``, ``connection_error``, ``too_large``, ``too_many_redirects``,
    ``bad_redirect``, ``unsupported_content_type``, ``bad_encoding``.
    """

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    detail: str = ""
    attempts: int = 0
    requests: int = 0

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ('' when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def host_key(url: str) -> str:
    """``scheme://host[:port]``, lower-cased: the unit of politeness and of robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # We follow redirects ourselves so that every hop is spaced and checked.
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


class _TooLarge(Exception):
    pass


class PoliteClient:
    """GETs with per-host spacing, retries, timeouts, size caps and hand-followed redirects.

    ``sleep`` and ``clock`` are injectable so tests can check spacing without waiting.
    """

    def __init__(
        self,
        politeness: Politeness,
        user_agent: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.politeness = politeness
        self.user_agent = user_agent
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirect)
        self.requests = 0

    def set_host_interval(self, url: str, seconds: float) -> None:
        """Space requests to ``url``'s host at least ``seconds`` apart (e.g. robots Crawl-delay)."""
        key = host_key(url)
        self._interval[key] = max(seconds, self._interval.get(key, 0.0))

    def _wait_turn(self, url: str) -> None:
        key = host_key(url)
        interval = max(self.politeness.min_interval, self._interval.get(key, 0.0))
        last = self._last.get(key)
        if last is not None:
            delay = last + interval - self._clock()
            if delay > 0:
                self._sleep(delay)
        self._last[key] = self._clock()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: Callable[[str], bool] | None = None,
        allow: Callable[[str], bool] | None = None,
    ) -> Response:
        """GET ``url`` following redirects; conditional when ``etag``/``last_modified`` are given.

        ``accept(content_type)`` may refuse a body before it is read (``unsupported_content_type``);
        ``allow(url)`` may refuse a redirect target (robots.txt), reported as ``bad_redirect``.
        """
        current = url
        total_requests = 0
        attempts = 0
        for hop in range(self.politeness.max_redirects + 1):
            response = self._get_with_retries(current, etag, last_modified, max_bytes, accept)
            attempts += response.attempts
            total_requests += response.requests
            response.url, response.attempts, response.requests = url, attempts, total_requests
            if response.error or response.status not in REDIRECT_STATUSES:
                return response
            location = response.headers.get("location")
            target = urljoin(current, location) if location else None
            if not target or urlsplit(target).scheme not in ("http", "https"):
                return self._failed(url, current, "bad_redirect", f"{response.status} to {location!r}", attempts, total_requests)
            if allow is not None and not allow(target):
                return self._failed(url, target, "bad_redirect", f"redirect to {target} is disallowed by robots.txt", attempts, total_requests)
            current = target
        return self._failed(url, current, "too_many_redirects", f"more than {self.politeness.max_redirects} redirects", attempts, total_requests)

    @staticmethod
    def _failed(url: str, final: str, error: str, detail: str, attempts: int, requests: int) -> Response:
        return Response(url=url, final_url=final, error=error, detail=detail, attempts=attempts, requests=requests)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        delay = self.politeness.backoff * (2**attempt)
        if retry_after:
            delay = max(delay, _retry_after_seconds(retry_after))
        return min(delay, self.politeness.max_backoff)

    def _get_with_retries(self, url, etag, last_modified, max_bytes, accept) -> Response:
        response = Response(url=url, final_url=url)
        for attempt in range(self.politeness.retries + 1):
            response = self._get_once(url, etag, last_modified, max_bytes, accept)
            response.attempts = response.requests = attempt + 1
            retryable = response.error in RETRY_ERRORS or (response.error is None and response.status in RETRY_STATUSES)
            if not retryable or attempt == self.politeness.retries:
                return response
            self._sleep(self._backoff(attempt, response.headers.get("retry-after")))
        return response

    def _get_once(self, url, etag, last_modified, max_bytes, accept) -> Response:
        headers = {"User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers, method="GET")
        self._wait_turn(url)
        self.requests += 1
        cap = self.politeness.max_bytes if max_bytes is None else max_bytes
        started = self._clock()
        try:
            raw = self._opener.open(request, timeout=self.politeness.timeout)
        except urllib.error.HTTPError as exc:
            raw = exc  # a 3xx/4xx/5xx answer: still a response with headers and maybe a body
        except (TimeoutError, socket.timeout) as exc:
            return Response(url=url, final_url=url, error="timeout", detail=f"no answer within {self.politeness.timeout:g}s ({exc})")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                return Response(url=url, final_url=url, error="timeout", detail=f"no answer within {self.politeness.timeout:g}s")
            return Response(url=url, final_url=url, error="connection_error", detail=str(reason)[:200])
        except (HTTPException, OSError) as exc:
            return Response(url=url, final_url=url, error="connection_error", detail=f"{type(exc).__name__}: {exc}"[:200])
        with raw:
            status = raw.status if hasattr(raw, "status") and raw.status else raw.getcode()
            response_headers = {k.lower(): v for k, v in raw.headers.items()}
            response = Response(url=url, final_url=url, status=status, headers=response_headers)
            if status != 200:
                return response  # bodies of errors, redirects and 304s are not worth reading
            if accept is not None and not accept(response.content_type):
                response.error, response.detail = "unsupported_content_type", response.content_type or "no Content-Type"
                return response
            declared = response_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap and "gzip" not in response_headers.get("content-encoding", ""):
                response.error, response.detail = "too_large", f"Content-Length {declared} > {cap} bytes"
                return response
            try:
                body = self._read_capped(raw, cap, started)
                if "gzip" in response_headers.get("content-encoding", "").lower():
                    body = _gunzip_capped(body, cap)
            except _TooLarge as exc:
                response.error, response.detail = "too_large", str(exc)
                return response
            except (TimeoutError, socket.timeout):
                response.error, response.detail = "timeout", "body not received in time"
                return response
            except zlib.error as exc:
                response.error, response.detail = "bad_encoding", f"gzip: {exc}"
                return response
            except (HTTPException, OSError) as exc:
                response.error, response.detail = "connection_error", f"{type(exc).__name__}: {exc}"[:200]
                return response
            response.body = body
            return response

    def _read_capped(self, raw, cap: int, started: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = raw.read(_CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > cap:
                raise _TooLarge(f"body exceeds {cap} bytes")
            if self._clock() - started > self.politeness.total_timeout:
                raise TimeoutError("total timeout")
            chunks.append(chunk)


def _gunzip_capped(data: bytes, cap: int) -> bytes:
    # max_length bounds the output, so a small "zip bomb" cannot blow up memory.
    inflater = zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib header, auto-detected
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap or inflater.unconsumed_tail:
        raise _TooLarge(f"decompressed body exceeds {cap} bytes")
    return out


def _retry_after_seconds(value: str) -> float:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())
