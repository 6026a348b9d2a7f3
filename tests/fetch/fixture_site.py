"""The fixture site: a real HTTP server on 127.0.0.1 serving fixture pages, and helpers to point the fetcher at it."""
from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import regex

from opendata.fetch import FetchConfig, Politeness, Source

FIXTURES = Path(__file__).parent / "fixtures"
ROBOTS = "User-agent: *\nDisallow: /zasebno/\n"
LAST_MODIFIED = "Mon, 02 Mar 2026 08:00:00 GMT"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


class Site:
    """What the test server serves and what it saw; tests change the attributes between runs."""

    def __init__(self) -> None:
        self.base = ""
        self.hits: Counter[str] = Counter()
        self.seen: list[tuple[str, dict[str, str], float]] = []  # (path, headers, arrival time)
        self.robots: str | None = ROBOTS
        self.feed_pubdate = "Mon, 02 Mar 2026 07:00:00 +0100"
        self.slow_seconds = 1.0
        self.broken: set[str] = set()  # paths that answer 500 until removed
        self.big_size = 200_000
        self.lock = threading.Lock()

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for seen_path, headers, _ in self.seen if seen_path == path]

    def times_of(self, path: str) -> list[float]:
        return [when for seen_path, _, when in self.seen if seen_path == path]


def _article(title: str, body: str) -> bytes:
    return fixture_text("clanek.html").format(title=title, body=body).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "FixtureSite/1.0"

    def log_message(self, format, *args):  # noqa: A002 - keep pytest output clean
        pass

    @property
    def site(self) -> Site:
        return self.server.site  # type: ignore[attr-defined]

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        if body or status == 200:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up on purpose (size cap, timeout)

    def _conditional(self, body: bytes, etag: str, content_type: str = "text/html; charset=utf-8") -> None:
        if self.headers.get("If-None-Match") == etag:
            self._send(304, headers={"ETag": etag})
        else:
            self._send(200, body, content_type, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, headers={"Location": location})

    def do_GET(self) -> None:  # noqa: C901 - a route table is clearest as one dispatch
        path = urlsplit(self.path).path
        site = self.site
        with site.lock:
            site.hits[path] += 1
            site.seen.append((path, dict(self.headers.items()), time.monotonic()))
            count = site.hits[path]
        if path in site.broken:
            self._send(500, b"napaka")
        elif path == "/robots.txt":
            if site.robots is None:
                self._send(404, b"ni najdeno", "text/plain")
            else:
                self._send(200, site.robots.encode(), "text/plain")
        elif path == "/novice.html":
            self._conditional(fixture_text("novice.html").replace("{base}", site.base).encode(), '"seznam-1"')
        elif path.startswith("/kazalo/"):  # a listing that links to exactly one target path
            target = "/" + path[len("/kazalo/"):]
            self._send(200, f'<html><body><a href="{target}">cilj</a></body></html>'.encode())
        elif path == "/novice/zapora-ceste.html":
            self._conditional((FIXTURES / "zapora_ceste.html").read_bytes(), '"zapora-1"')
        elif path == "/novice/brez-vode.html":
            self._send(200, (FIXTURES / "brez_vode.html").read_bytes())
        elif path == "/zasebno/interno.html":
            self._send(200, (FIXTURES / "interno.html").read_bytes())
        elif path == "/novice/priloga.pdf":
            self._send(200, b"%PDF-1.4 " + b"x" * 5000, "application/pdf")
        elif path == "/besedilo.txt":
            self._send(200, "Obvestilo o odvozu odpadkov v petek.".encode(), "text/plain; charset=utf-8")
        elif path == "/nestabilno.html":
            if count == 1:
                self._send(500, b"napaka")
            else:
                self._send(200, _article("Motena dobava plina", "Na Gorenjski cesti bo dobava plina motena do petka."))
        elif path == "/vedno-napaka.html":
            self._send(503, b"vzdrzevanje")
        elif path == "/preseljeno.html":
            self._redirect(301, "/novice/zapora-ceste.html")
        elif path == "/zacasno.html":
            self._redirect(302, f"{site.base}/novice/brez-vode.html")
        elif path == "/v-zasebno.html":
            self._redirect(302, "/zasebno/interno.html")
        elif path in ("/zanka-a.html", "/zanka-b.html"):
            self._redirect(302, "/zanka-b.html" if path == "/zanka-a.html" else "/zanka-a.html")
        elif path == "/pocasi.html":
            time.sleep(site.slow_seconds)
            self._send(200, _article("Počasna stran", "Ta odgovor pride prepozno."))
        elif path == "/veliko.html":
            self._send(200, b"<html><body>" + b"a" * site.big_size + b"</body></html>")
        elif path == "/veliko-brez-dolzine.html":
            self._send(200, b"<html><body>" + b"b" * site.big_size + b"</body></html>", length=False)
        elif path == "/stisnjeno.html":
            body = gzip.compress(_article("Stisnjena stran", "Zapora mostu čez Savo v Kranju."))
            self._send(200, body, headers={"Content-Encoding": "gzip"})
        elif path == "/feed.xml":
            body = fixture_text("feed.xml").format(base=site.base, pubdate=site.feed_pubdate).encode()
            self._conditional(body, '"' + hashlib.sha256(body).hexdigest()[:12] + '"', "application/rss+xml")
        elif path == "/clanki/ogrevanje.html":
            self._conditional(_article("Prekinitev ogrevanja v Ljubljani",
                                       "V četrtek med 9. in 15. uro ne bo ogrevanja na Celovški cesti."), '"ogrevanje-1"')
        elif path == "/clanki/zapora.html":
            self._send(200, _article("Popolna zapora Tržaške ceste", "Tržaška cesta bo v soboto zaprta zaradi asfaltiranja."))
        else:
            self._send(404, b"ni najdeno")


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.site = Site()  # type: ignore[attr-defined]
    server.site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()


FAST = dict(min_interval=0.0, timeout=0.3, total_timeout=5.0, max_bytes=50_000, retries=1, backoff=0.001, max_backoff=0.01)


def config(*sources: Source, **politeness) -> FetchConfig:
    """A fetch config with test-speed politeness."""
    return FetchConfig(contact="https://example.org/opendata-test", sources=tuple(sources),
                       politeness=Politeness(**{**FAST, **politeness}))


def listing(site: Site, path: str = "/novice.html", pattern: str | None = None, **kw) -> Source:
    """A listing source on the fixture site (default: the news listing, news and private links)."""
    pattern = pattern or "^" + regex.escape(site.base) + r"/(?:novice|zasebno)/"
    return Source(name=kw.pop("name", "seznam"), kind="listing", url=site.base + path, source=kw.pop("source", "Testna občina"),
                  link_pattern=regex.compile(pattern), **kw)


def single(site: Site, target: str) -> Source:
    """A listing whose only followed link is ``target`` (a path on the fixture site)."""
    return listing(site, "/kazalo" + target, "^" + regex.escape(site.base + target) + "$", name="en")


def feed(site: Site, **kw) -> Source:
    """The fixture RSS feed as a source."""
    return Source(name=kw.pop("name", "vir"), kind="feed", url=site.base + "/feed.xml", source="Testna občina", **kw)


def sidecars(landing: Path) -> list[dict]:
    """Every sidecar the fetcher wrote, parsed."""
    import json

    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(landing.rglob("*.meta.json"))]
