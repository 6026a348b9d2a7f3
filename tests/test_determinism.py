"""The same input gives byte-identical data files, whatever the file order or hash seed."""
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from opendata.config import PROJECT_ROOT
from tests.conftest import GAZETTEER_DIR

CORPUS = PROJECT_ROOT / "tests" / "corpus" / "holdout"


def _copy_in_order(files: list[Path], target: Path) -> None:
    target.mkdir()
    for path in files:
        shutil.copy2(path, target / path.name)  # keeps the modification time, part of a file's version


def _build(landing: Path, output: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "OPENDATA_GAZETTEER_DIR": str(GAZETTEER_DIR)}
    env.pop("DAGSTER_HOME", None)
    done = subprocess.run([sys.executable, "-m", "opendata.cli", "build", "--input", str(landing), "--output", str(output)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


def _data_files(output: Path) -> dict[str, bytes]:
    body = json.loads((output / "datapackage.json").read_text(encoding="utf-8"))
    return {Path(r["path"]).name: (output / r["path"]).read_bytes() for r in body["resources"]}


def test_shuffled_files_and_another_hash_seed_give_byte_identical_data(tmp_path):
    files = sorted(CORPUS.iterdir())
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    _copy_in_order(files, tmp_path / "a")
    _copy_in_order(shuffled, tmp_path / "b")
    _build(tmp_path / "a", tmp_path / "out-a", seed="1")
    _build(tmp_path / "b", tmp_path / "out-b", seed="4242")
    first, second = _data_files(tmp_path / "out-a"), _data_files(tmp_path / "out-b")
    assert first.keys() == second.keys() and len(first) == 12
    assert [name for name in first if first[name] != second[name]] == []
