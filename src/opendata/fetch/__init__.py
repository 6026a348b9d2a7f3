"""Fetch pages from the web into a landing directory, politely and never twice unchanged.

``opendata fetch --sources sources.yaml --into LANDING`` reads the sources (RSS/Atom feeds and
listing pages, :mod:`opendata.fetch.sources`), fetches with a polite client
(:mod:`opendata.fetch.http`: robots.txt, per-host spacing, retries, timeouts, size caps) and
writes each page with a ``NAME.meta.json`` sidecar (``url``, ``source``, ``fetched_at``) that
``opendata build`` ingests. What was fetched is remembered in ``LANDING/.fetch-state.json``.
"""
from .fetcher import Failure, Fetcher, FetchSummary, ProgressLine, extract_links, run_fetch
from .http import PoliteClient, Response
from .sources import FetchConfig, Politeness, Source, SourcesError, load_sources, parse_sources
from .state import STATE_FILE, FetchState

__all__ = [
    "Failure",
    "FetchConfig",
    "FetchState",
    "FetchSummary",
    "Fetcher",
    "Politeness",
    "PoliteClient",
    "ProgressLine",
    "Response",
    "STATE_FILE",
    "Source",
    "SourcesError",
    "extract_links",
    "load_sources",
    "parse_sources",
    "run_fetch",
]
