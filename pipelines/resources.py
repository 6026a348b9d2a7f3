"""Resources: where the pipeline reads from and writes to, configurable per deployment.

Every setting defaults to an environment variable when it is set (shown as such in the
Dagster UI), else to the project's bundled sample, so `dagster dev` works on a fresh clone.
Intermediate values (each batch's documents and candidates) are stored in the output
directory's ``.state/store``, beside the batch manifests, so incremental state travels with
the package it belongs to.
"""
import os
import pickle
from pathlib import Path

import dagster as dg
from upath import UPath

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


class _RunMemo(dg.UPathIOManager):
    """Pickles each value to disk, and hands every later step of the same run the same object.

    A combining step reads every batch's documents and candidates, and each table feeds
    several checks: without the memo a 10k-document build unpickled the same values 73 times
    (2 s of an incremental build). Values are shared, never copied, so steps must not mutate
    their inputs (none does: candidates and tables are read-only downstream). The memo lives as
    long as the run's resources, so nothing outlives the run.
    """

    extension = ""  # the file layout of Dagster's FilesystemIOManager: <base>/<asset>/<partition>

    def __init__(self, base_dir: str) -> None:
        super().__init__(base_path=UPath(base_dir))
        self._memo: dict[str, object] = {}

    def dump_to_path(self, context, obj, path) -> None:
        # Written aside and renamed, so a killed build never leaves half a value to load later.
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as file:
            pickle.dump(obj, file, pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        self._memo[str(path)] = obj

    def load_from_path(self, context, path):
        key = str(path)
        if key not in self._memo:
            with path.open("rb") as file:
                self._memo[key] = pickle.load(file)
        return self._memo[key]


class BatchStore(dg.ConfigurableIOManagerFactory):
    """The filesystem store of intermediate values (documents, candidates, tables) of a deployment."""

    base_dir: str

    def create_io_manager(self, context) -> _RunMemo:
        return _RunMemo(self.base_dir)


def store_for(output_dir: str | Path) -> BatchStore:
    """The IO manager keeping intermediate values under ``OUTPUT/.state/store``."""
    return BatchStore(base_dir=str(state_dir(Path(output_dir)) / "store"))


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
