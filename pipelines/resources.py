"""Resources: where the pipeline reads from and writes to, configurable per deployment.

Every setting defaults to an environment variable when it is set (shown as such in the
Dagster UI), else to the project's bundled sample, so `dagster dev` works on a fresh clone.
Intermediate values (each batch's documents and candidates) are stored in the output
directory's ``.state/store``, beside the batch manifests, so incremental state travels with
the package it belongs to.
"""
import os
from pathlib import Path

import dagster as dg

from opendata.batches import state_dir
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


def store_for(output_dir: str | Path) -> dg.FilesystemIOManager:
    """The IO manager keeping intermediate values under ``OUTPUT/.state/store``."""
    return dg.FilesystemIOManager(base_dir=str(state_dir(Path(output_dir)) / "store"))


def resources_for(settings: PipelineSettings) -> dict[str, object]:
    """The resources of one deployment: its settings and the store beside its output."""
    # An EnvVar (a str subclass that refuses to be read before run time) names the variable.
    output = os.environ[ENV_OUTPUT] if isinstance(settings.output_dir, dg.EnvVar) else settings.output_dir
    return {"settings": settings, "io_manager": store_for(output)}


def default_resources() -> dict[str, object]:
    """Resources bound to the environment (or to the bundled sample when it says nothing)."""
    base = default_settings()
    return resources_for(
        PipelineSettings(
            landing_dir=_env_or(ENV_LANDING, str(base.landing_dir)),
            output_dir=_env_or(ENV_OUTPUT, str(base.output_dir)),
            gazetteer_dir=_env_or(ENV_GAZETTEER, str(base.gazetteer_dir or "")),
        )
    )
