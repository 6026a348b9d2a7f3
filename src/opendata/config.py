"""Settings of a deployment: where raw files land, where packages go, where the gazetteer is.

Each setting comes from, in order: an explicit argument (CLI option or Dagster resource
config), an environment variable, then a default that works in a fresh clone.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_LANDING = "OPENDATA_LANDING_DIR"
ENV_OUTPUT = "OPENDATA_OUTPUT_DIR"
ENV_GAZETTEER = "OPENDATA_GAZETTEER_DIR"
ENV_CACHE = "OPENDATA_CACHE_DIR"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_LANDING = PROJECT_ROOT / "sample" / "landing"
DEFAULT_OUTPUT = PROJECT_ROOT / "out"


def data_home() -> Path:
    """Where downloaded reference data lives (``$XDG_DATA_HOME/opendata``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "opendata"


def cache_home() -> Path:
    """Where derived, rebuildable data is kept between runs: ``OPENDATA_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/opendata``. Deleting it only costs time."""
    explicit = os.environ.get(ENV_CACHE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "opendata"


def find_gazetteer(explicit: Path | str | None = None) -> Path | None:
    """The gazetteer folder to use, or None to run without it (less precisely).

    Looks at the explicit value, ``OPENDATA_GAZETTEER_DIR``, the folder ``opendata gazetteer
    download`` writes to, and a development checkout's ``../shared/gazetteer/rpe``.
    """
    candidates = [explicit, os.environ.get(ENV_GAZETTEER)]
    if not any(candidates):
        candidates += [data_home() / "gazetteer", PROJECT_ROOT.parent / "shared" / "gazetteer" / "rpe"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "OB.csv").is_file():
            return Path(candidate)
    return None


@dataclass(frozen=True)
class Settings:
    """One deployment's paths and limits."""

    landing_dir: Path
    output_dir: Path
    gazetteer_dir: Path | None = None
    max_file_bytes: int = 20 * 1024 * 1024


def default_settings() -> Settings:
    """Settings from the environment, falling back to the bundled sample."""
    return Settings(
        landing_dir=Path(os.environ.get(ENV_LANDING) or SAMPLE_LANDING),
        output_dir=Path(os.environ.get(ENV_OUTPUT) or DEFAULT_OUTPUT),
        gazetteer_dir=find_gazetteer(),
    )
