"""``opendata serve``: a published folder over real HTTP on 127.0.0.1, read-only, no way out of it."""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import threading
from pathlib import Path

import pytest

from opendata.serve import add_serve_parser, cmd_serve, make_server
from tests.publish.test_page import local_targets, parse, publish_sample_release

SECRET = "root:x:0:0:not-a-real-passwd"


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """A published output folder, plus a secret outside it and symlinks that point at the secret."""
    base = tmp_path_factory.mktemp("serve")
    out = base / "out"
    release = publish_sample_release(out)
    (base / "secret.txt").write_text(SECRET, encoding="utf-8")
    (out / "leak.txt").symlink_to(base / "secret.txt")
    (out / "outside").symlink_to(base)
    (out / "notes").mkdir()
    (out / "notes" / "readme.txt").write_text("listed folder", encoding="utf-8")
    (out / "notes" / ".draft.txt").write_text("hidden", encoding="utf-8")
    assert release.is_dir()
    return out


def _serve(root: Path):
    server = make_server(root, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="module")
def server(output):
    server, thread = _serve(output)
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def request(server, method: str, path: str, body: bytes | None = None) -> tuple[int, dict, bytes]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw_request(server, line: bytes) -> bytes:
    """Send a request line verbatim (no client-side normalisation of ``..``) and read the reply."""
    with socket.create_connection(server.server_address[:2], timeout=5) as sock:
        sock.sendall(line + b"\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def release_path(output: Path) -> str:
    return "/" + os.readlink(output / "latest") + "/"


def test_root_redirects_to_the_newest_release_page(server, output):
    status, headers, _ = request(server, "GET", "/")
    assert status == 302 and headers["location"] == release_path(output)


def test_release_folder_serves_its_index_page(server, output):
    status, headers, body = request(server, "GET", release_path(output))
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8" and b"<!DOCTYPE html>" in body


def test_every_link_of_the_served_page_answers_200(server, output):
    base = release_path(output)
    _, _, body = request(server, "GET", base)
    targets = local_targets(parse(body.decode("utf-8")).hrefs)
    assert targets and [t for t in targets if request(server, "HEAD", base + t)[0] != 200] == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("data/outages.csv", "text/csv; charset=utf-8"),
        ("data/outages.parquet", "application/vnd.apache.parquet"),
        ("catalog.jsonld", "application/ld+json"),
        ("catalog.ttl", "text/turtle"),
        ("calendars/outages.ics", "text/calendar"),
        ("slovenian-municipal-notices-2025.03.01-060000.zip", "application/zip"),
        ("datapackage.json", "application/json"),
        ("index.html", "text/html; charset=utf-8"),
    ],
)
def test_files_are_served_with_their_content_type(server, output, name, expected):
    status, headers, _ = request(server, "HEAD", release_path(output) + name)
    assert (status, headers["content-type"]) == (200, expected)


def test_file_bytes_are_served_unchanged(server, output):
    status, _, body = request(server, "GET", "/latest/data/outages.parquet")
    assert status == 200 and body == (output / "latest" / "data" / "outages.parquet").read_bytes()


def test_head_sends_the_length_but_no_body(server, output):
    status, headers, body = request(server, "HEAD", "/datapackage.json")
    assert (status, int(headers["content-length"]), body) == (200, (output / "datapackage.json").stat().st_size, b"")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "MKCOL"])
def test_methods_other_than_get_and_head_are_refused(server, method):
    status, headers, _ = request(server, method, "/datapackage.json", body=b"x")
    assert (status, headers.get("allow")) == (405, "GET, HEAD")


def test_refused_write_leaves_the_file_unchanged(server, output):
    before = (output / "datapackage.json").read_bytes()
    request(server, "PUT", "/datapackage.json", body=b"{}")
    assert (output / "datapackage.json").read_bytes() == before


@pytest.mark.parametrize(
    "target",
    [
        b"/../../etc/passwd",
        b"/releases/../../../etc/passwd",
        b"/%2e%2e/%2e%2e/etc/passwd",
        b"/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        b"/latest/..%2f..%2f..%2fetc/passwd",
        b"//etc/passwd",
        b"/%2fetc/passwd",
        b"/etc/passwd",
        b"/.%2e/secret.txt",
        b"/..\\secret.txt",
        b"/leak.txt",
        b"/outside/secret.txt",
        b"/.lock",
        b"/.state/",
        b"/%ff%fe",
        b"/%00",
        b"http://127.0.0.1/../secret.txt",
    ],
)
def test_paths_outside_the_folder_or_hidden_are_not_found(server, target):
    reply = raw_request(server, b"GET " + target + b" HTTP/1.1")
    assert reply.startswith(b"HTTP/1.1 404 ") and SECRET.encode() not in reply


def test_symlink_inside_the_folder_is_followed(server):
    status, _, body = request(server, "GET", "/latest/datapackage.json")
    assert status == 200 and body.startswith(b"{")


def test_folder_without_trailing_slash_redirects_to_it(server, output):
    status, headers, _ = request(server, "GET", release_path(output).rstrip("/"))
    assert (status, headers["location"]) == (301, release_path(output))


def test_folder_without_index_is_listed_without_hidden_entries(server):
    status, _, body = request(server, "GET", "/notes/")
    assert status == 200 and b'href="/notes/readme.txt"' in body and b".draft" not in body


def test_refused_request_closes_the_connection(server):
    status, headers, _ = request(server, "POST", "/datapackage.json", body=b"GET /leak.txt HTTP/1.1\r\n\r\n")
    assert (status, headers.get("connection")) == (405, "close")


def test_root_lists_releases_when_there_is_no_latest(tmp_path):
    publish_sample_release(tmp_path)
    (tmp_path / "latest").unlink()
    server, thread = _serve(tmp_path)
    try:
        status, headers, body = request(server, "GET", "/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert status == 200 and b'href="/releases/2025.03.01-060000/"' in body


def test_server_binds_to_loopback_by_default(output):
    parser = argparse.ArgumentParser()
    add_serve_parser(parser.add_subparsers())
    args = parser.parse_args(["serve", str(output)])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_serving_a_missing_folder_exits_with_2(tmp_path):
    args = argparse.Namespace(output=str(tmp_path / "nope"), host="127.0.0.1", port=0, quiet=True)
    assert cmd_serve(args) == 2


def test_unknown_files_are_not_found(server):
    assert request(server, "GET", "/releases/no-such-version/index.html")[0] == 404
