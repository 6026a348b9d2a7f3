"""The release page in a real headless Chromium, opened from ``file://`` with the network cut off."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from opendata.publish.page import INDEX
from opendata.schema import TABLES
from tests.publish.test_page import local_targets, parse, publish_sample_release

WIDTH, HEIGHT = 1280, 2000


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing on CI: install the Debian package `chromium`")
    pytest.skip("chromium is not installed (apt-get install chromium); required when CI is set")


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless run; no network at all (every host resolves to nothing), so only file:// can load."""
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=60, check=False)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The staged release, its DOM as Chromium built it, and a screenshot of the first 2000 px."""
    chromium = _chromium()
    release = publish_sample_release(tmp_path_factory.mktemp("out"))
    work = tmp_path_factory.mktemp("chromium")
    url = (release / INDEX).as_uri()
    dom = _run(chromium, work / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    shot = work / "page.png"
    run = _run(chromium, work / "profile-shot", f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", url)
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    return release, dom.stdout.decode("utf-8"), shot


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the inflated image data (filter byte + row, per row) of a PNG, stdlib only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, width, height = 8, [], 0, 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunk = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat.append(chunk)
        offset += 12 + length
    return width, height, zlib.decompress(b"".join(idat))


def test_rendered_page_has_a_heading_for_every_dataset(rendered):
    _, dom, _ = rendered
    ids = parse(dom).ids
    assert {f"heading-{name}" for name in TABLES} <= ids


def test_rendered_page_shows_dataset_titles(rendered):
    _, dom, _ = rendered
    assert all(title in dom for title in ("Outages and closures", "Motnje in zapore", "Dogodki", "Mentions"))


def test_every_link_in_the_rendered_page_resolves_to_a_file(rendered):
    release, dom, _ = rendered
    targets = local_targets(parse(dom).hrefs)
    assert len(targets) > 20 and [t for t in targets if not (release / t).is_file()] == []


def test_rendered_page_keeps_escaped_markup_as_text(rendered):
    _, dom, _ = rendered
    assert "<script>" not in dom and "&lt;script&gt;" in dom


def test_screenshot_is_a_full_size_png(rendered):
    _, _, shot = rendered
    width, height, _ = png_pixels(shot)
    assert (width, height) == (WIDTH, HEIGHT) and shot.stat().st_size > 10_000


def test_screenshot_is_not_a_blank_page(rendered):
    _, _, shot = rendered
    _, _, pixels = png_pixels(shot)
    # A single-colour image inflates to a handful of distinct byte values whatever the row
    # filters; anti-aliased text, the accent rule and the table bands give far more.
    assert len(set(pixels)) > 64
