"""Resources: where the pipeline reads from and writes to, configurable per deployment.

Every setting defaults to an environment variable when it is set (shown as such in the
Dagster UI), else to the project's bundled sample, so `dagster dev` works on a fresh clone.
"""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from opendata.config import ENV_GAZETTEER, ENV_LANDING, ENV_OUTPUT, Settings, default_settings
from opendata.language.gazetteer import Gazetteer


class PipelineSettings(dg.ConfigurableResource):
    """Landing directory, output directory and gazetteer folder of one deployment."""

    landing_dir: str
    output_dir: str
    gazetteer_dir: str = ""
    max_file_bytes: int = 20 * 1024 * 1024

    def settings(self) -> Settings:
        """The plain-Python settings object the domain library takes."""
        return Settings(
            landing_dir=Path(self.landing_dir),
            output_dir=Path(self.output_dir),
            gazetteer_dir=Path(self.gazetteer_dir) if self.gazetteer_dir else None,
            max_file_bytes=self.max_file_bytes,
        )

    def gazetteer(self) -> Gazetteer:
        """The register of places, degraded (municipalities only) when no folder is configured."""
        return Gazetteer.load(Path(self.gazetteer_dir) if self.gazetteer_dir else None)


def _env_or(name: str, default: str) -> str | dg.EnvVar:
    return dg.EnvVar(name) if os.environ.get(name) else default


def default_resources() -> dict[str, object]:
    """Resources bound to the environment (or to the bundled sample when it says nothing)."""
    base = default_settings()
    return {
        "settings": PipelineSettings(
            landing_dir=_env_or(ENV_LANDING, str(base.landing_dir)),
            output_dir=_env_or(ENV_OUTPUT, str(base.output_dir)),
            gazetteer_dir=_env_or(ENV_GAZETTEER, str(base.gazetteer_dir or "")),
        )
    }
