"""``opendata serve OUTPUT``: the published folder over HTTP, read-only, for a quick look or a LAN.

Standard library only (``http.server``). The handler is deliberately strict rather than
clever: GET and HEAD only, one way to name a file (no ``..``, ``.``, empty or hidden
segments, before or after percent-decoding), and the resolved path — symlinks followed — must
stay inside the served folder, so ``latest`` works but a link to ``/etc`` does not. Anything
else is a 404 that says nothing about the file system. ``/`` redirects to the newest
release's page (``OUTPUT/latest``), so the page's relative links resolve; without one it
lists the releases.
"""
from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

__all__ = ["CONTENT_TYPES", "ReleaseRequestHandler", "add_serve_parser", "cmd_serve", "content_type", "make_server", "resolve_request_path"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LATEST = "latest"
RELEASES = "releases"
INDEX = "index.html"

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
    ".jsonld": "application/ld+json",
    ".ttl": "text/turtle",
    ".ics": "text/calendar",
    ".zip": "application/zip",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
}
_ALLOWED = "GET, HEAD"
_CHUNK = 1 << 16


def content_type(path: Path) -> str:
    """The Content-Type of a published file, by suffix; unknown files are opaque bytes."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def _path_of(target: str) -> str:
    """The path of an origin-form request target, query and fragment cut off.

    Not ``urlsplit``: it reads ``//etc/passwd`` as host ``etc`` and path ``/passwd``.
    """
    return target.split("?", 1)[0].split("#", 1)[0]


def resolve_request_path(root: Path, target: str) -> Path | None:
    """The file or folder under ``root`` a request target names, or None when it must not be served.

    ``root`` must already be resolved. Refused: targets not starting with ``/`` (absolute-form
    URLs, ``*``), ``..``/``.``/empty/hidden segments (``//etc``, ``/.state``), backslashes and
    NULs — checked after percent-decoding, so ``%2e%2e`` and ``%2f`` are caught too — and any
    path whose real location (symlinks followed) is outside ``root`` or does not exist.
    """
    if not target.startswith("/"):
        return None
    decoded = unquote(_path_of(target), errors="strict")
    if "\\" in decoded or "\x00" in decoded:
        return None
    parts = decoded[1:].split("/")
    if parts and parts[-1] == "":  # a trailing slash names a folder; every other segment must be a name
        parts = parts[:-1]
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    try:
        real = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, or a name the OS rejects
        return None
    if real != root and root not in real.parents:
        return None
    return real


def newest_release(root: Path) -> Path | None:
    """The release folder ``root/latest`` points at, when it is a real folder inside ``root``."""
    try:
        real = (root / LATEST).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_dir() and root in real.parents else None


class ReleaseRequestHandler(BaseHTTPRequestHandler):
    """Serves files under ``directory``; nothing else, and never writes."""

    server_version = "opendata-serve"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, directory: Path, quiet: bool = False, **kwargs):
        self.root = Path(directory).resolve()
        self.quiet = quiet
        super().__init__(*args, **kwargs)

    def version_string(self) -> str:
        """``Server:`` names the tool only, not the Python version."""
        return self.server_version

    # -- methods -----------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Send a file, a folder's index or listing, or the redirect from ``/``."""
        self._respond(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        """As GET, headers only."""
        self._respond(body=False)

    def __getattr__(self, name: str):
        # http.server answers a method without a ``do_X`` with 501; every method other than
        # GET and HEAD (POST, PUT, DELETE, made-up ones) is a known-but-refused 405 here.
        if name.startswith("do_"):
            return self._method_not_allowed
        raise AttributeError(name)

    def _method_not_allowed(self) -> None:
        # The request body is never read, so the connection cannot carry another request.
        self.close_connection = True
        self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, "405 method not allowed: this server is read-only\n",
                        extra={"Allow": _ALLOWED}, body=True)

    # -- responses ---------------------------------------------------------------------

    def _respond(self, *, body: bool) -> None:
        url_path = _path_of(self.path)
        if url_path == "/":
            release = newest_release(self.root)
            if release is not None and (release / INDEX).is_file():
                location = "/" + quote(release.relative_to(self.root).as_posix()) + "/"
                self._send_text(HTTPStatus.FOUND, f"newest release: {location}\n", extra={"Location": location}, body=body)
            else:
                self._send_listing(self.root / RELEASES if (self.root / RELEASES).is_dir() else self.root, "/" + RELEASES + "/", body=body)
            return
        try:
            path = resolve_request_path(self.root, self.path)
        except UnicodeDecodeError:
            path = None
        if path is None:
            self._send_text(HTTPStatus.NOT_FOUND, "404 not found\n", body=body)
            return
        if path.is_dir():
            if not url_path.endswith("/"):  # so the page's relative links resolve inside the folder
                self._send_text(HTTPStatus.MOVED_PERMANENTLY, "moved\n", extra={"Location": url_path + "/"}, body=body)
            elif (path / INDEX).is_file():
                self._send_file(path / INDEX, body=body)
            else:
                self._send_listing(path, url_path, body=body)
            return
        self._send_file(path, body=body)

    def _send_file(self, path: Path, *, body: bool) -> None:
        try:
            handle = path.open("rb")
        except OSError:
            self._send_text(HTTPStatus.NOT_FOUND, "404 not found\n", body=body)
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type(path))
            self.send_header("Content-Length", str(size))
            self.send_header("Last-Modified", self.date_time_string(int(os.fstat(handle.fileno()).st_mtime)))
            self._common_headers()
            self.end_headers()
            if body:
                shutil.copyfileobj(handle, self.wfile, _CHUNK)

    def _send_listing(self, folder: Path, url_path: str, *, body: bool) -> None:
        """A plain HTML list of a folder's visible entries, newest name first (release versions sort by date)."""
        entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: p.name, reverse=True) if folder.is_dir() else []
        prefix = url_path if url_path.endswith("/") else url_path + "/"
        items = "".join(
            f'<li><a href="{html.escape(prefix + quote(p.name) + ("/" if p.is_dir() else ""), quote=True)}">'
            f"{html.escape(p.name)}{'/' if p.is_dir() else ''}</a></li>"
            for p in entries
        )
        text = (
            '<!DOCTYPE html>\n<html lang="sl"><head><meta charset="utf-8"><title>Izdaje · Releases</title></head>'
            f'<body><h1>Izdaje <span lang="en">· Releases</span></h1><p><code>{html.escape(prefix)}</code></p>'
            f"<ul>{items}</ul></body></html>\n"
        )
        self._send_text(HTTPStatus.OK, text, content="text/html; charset=utf-8", body=body)

    def _send_text(self, status: HTTPStatus, text: str, *, content: str = "text/plain; charset=utf-8",
                   extra: dict[str, str] | None = None, body: bool) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content)
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self._common_headers()
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _common_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")

    def send_error(self, code, message=None, explain=None) -> None:
        """Errors http.server raises itself (bad request lines, too-long headers) without its HTML page."""
        self.close_connection = True
        try:
            self._send_text(HTTPStatus(code), f"{int(code)} {message or HTTPStatus(code).phrase}\n",
                            body=getattr(self, "command", "") != "HEAD")
        except (OSError, ValueError):
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        """Access log to stderr unless quiet."""
        if not self.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


def make_server(root: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, quiet: bool = False) -> ThreadingHTTPServer:
    """A bound (not yet serving) threaded server for ``root``; port 0 picks a free one (see ``server_address``)."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder")
    handler = partial(ReleaseRequestHandler, directory=root, quiet=quiet)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def add_serve_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``serve`` sub-command to an ``argparse`` sub-parsers object."""
    serve = subparsers.add_parser("serve", help="serve a published output folder over HTTP (read-only)")
    serve.add_argument("output", help="the output folder of `opendata build` (holds latest/ and releases/)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--quiet", action="store_true", help="no access log")
    serve.set_defaults(func=cmd_serve)
    return serve


def cmd_serve(args: argparse.Namespace) -> int:
    """Run ``opendata serve`` until interrupted; returns the exit code."""
    try:
        server = make_server(Path(args.output), args.host, args.port, quiet=args.quiet)
    except FileNotFoundError as exc:
        print(f"opendata serve: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"opendata serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print(f"opendata serve: listening on {host}, reachable from other machines", file=sys.stderr)
    print(f"serving {Path(args.output).resolve()} at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
