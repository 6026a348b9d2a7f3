"""Download the official register of spatial units (GURS RPE) into a gazetteer folder.

Deployments call ``opendata gazetteer download``; tests and CI use a checked-in folder
instead. The files come from a mirror of GURS's open data (CC BY 4.0, attribute
"Geodetska uprava Republike Slovenije, Register prostorskih enot").
"""
from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
from pathlib import Path

DEFAULT_BASE_URL = "https://raw.githubusercontent.com/stefanb/gurs-rpe/master/data"
# Local file name → path under the mirror's base URL.
REGISTER_FILES = {
    "OB.csv": "OB.csv",
    "NA.csv": "NA.csv",
    "UL.csv": "UL.csv",
    "PT.csv": "PT.csv",
    "ODO_CK.csv": "ODO/ODO_CK.csv",
    "ODO_CM.csv": "ODO/ODO_CM.csv",
}
USER_AGENT = "opendata-pipeline (+https://github.com/; gazetteer download)"
MAX_BYTES = 50 * 1024 * 1024


class DownloadError(RuntimeError):
    """The register could not be downloaded completely; nothing was replaced."""


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - https URL from settings
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DownloadError(f"{url}: larger than {MAX_BYTES} bytes")
    return data


def download_register(into: Path, base_url: str = DEFAULT_BASE_URL, *, timeout: float = 60.0) -> list[Path]:
    """Download every register file into ``into``, replacing it only when all files arrived.

    Raises :class:`DownloadError` on any HTTP or network failure, leaving an existing
    gazetteer folder as it was.
    """
    into = Path(into)
    into.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=into.parent))
    try:
        for name, remote in REGISTER_FILES.items():
            url = f"{base_url.rstrip('/')}/{remote}"
            try:
                data = _fetch(url, timeout)
            except (OSError, ValueError) as exc:
                raise DownloadError(f"{url}: {exc}") from exc
            if not data.lstrip(b"\xef\xbb\xbf").strip():
                raise DownloadError(f"{url}: empty response")
            (staging / name).write_bytes(data)
        if into.exists():
            backup = into.with_name(f".{into.name}.old")
            shutil.rmtree(backup, ignore_errors=True)
            os.replace(into, backup)
            os.replace(staging, into)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.replace(staging, into)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(into.iterdir())
