"""Where a fetched page lands: a stable, safe name per URL, written with its sidecar atomically.

``LANDING/<host>/<sha256(url)[:16]>.<ext>`` plus ``….meta.json``. The name depends only on the
URL the source pointed at, so a page that changes replaces its own earlier version and
nothing else; a different URL that happens to share the 16-character prefix gets the full
hash instead (checked against the existing sidecar's URL).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import regex

from .state import atomic_write

__all__ = ["extension_for", "page_path", "write_page", "SIDECAR_SUFFIX"]

SIDECAR_SUFFIX = ".meta.json"
_UNSAFE = regex.compile(r"[^a-z0-9.-]+")
_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
}
_SNIFF_FEED = regex.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", regex.S)
_SNIFF_HTML = regex.compile(rb"^\s*(?:<!doctype html|<html|<head|<body)", regex.I)


def accepts_content_type(content_type: str) -> bool:
    """Whether a response of this media type can become a landing file (decided before reading)."""
    return not content_type or content_type in _TYPES or content_type in ("application/octet-stream", "text/x-rss")


def extension_for(content_type: str, body: bytes) -> str | None:
    """The landing suffix for a body: from its media type, else sniffed; None when unusable."""
    if content_type in _TYPES:
        if _TYPES[content_type] == ".xml" and not _SNIFF_FEED.match(body[:2048]):
            # "application/xml" is also used for sitemaps and other XML; only feeds are inputs.
            return ".html" if _SNIFF_HTML.match(body[:2048]) else None
        return _TYPES[content_type]
    head = body[:2048]
    if _SNIFF_FEED.match(head):
        return ".xml"
    if _SNIFF_HTML.match(head):
        return ".html"
    return None


def _host_dir(url: str) -> str:
    netloc = urlsplit(url).netloc.lower().replace(":", "_")
    return _UNSAFE.sub("_", netloc).strip("._") or "unknown-host"


def page_path(landing: Path, url: str, extension: str) -> Path:
    """The file a page from ``url`` is stored as; never a file that holds a different URL."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    folder = landing / _host_dir(url)
    short = folder / f"{digest[:16]}{extension}"
    sidecar = short.with_name(short.name + SIDECAR_SUFFIX)
    if sidecar.exists():
        try:
            owner = json.loads(sidecar.read_text(encoding="utf-8")).get("requested_url")
        except (OSError, ValueError, AttributeError):
            owner = url
        if owner and owner != url:
            return folder / f"{digest}{extension}"
    return short


def write_page(path: Path, body: bytes, meta: dict) -> None:
    """Write the page, then its sidecar, each atomically.

    The sidecar goes second so that a page never sits beside a sidecar describing another
    version; a crash in between leaves the new page with the old sidecar of the same URL.
    """
    atomic_write(path, body)
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    atomic_write(sidecar, json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
