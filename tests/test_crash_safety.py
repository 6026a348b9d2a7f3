"""A killed build never damages the published package, and the next build recovers alone."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from opendata.config import SAMPLE_LANDING
from opendata.faults import POINTS
from tests.conftest import GAZETTEER_DIR

EXTRA = """Zapora Lipove ulice

Občina obvešča, da bo v ponedeljek, 12. maja 2025, od 7. do 15. ure popolna zapora Lipove ulice v Kranju.
"""


def build(landing: Path, output: Path, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENDATA_GAZETTEER_DIR": str(GAZETTEER_DIR)}
    env.pop("DAGSTER_HOME", None)
    if crash_at:
        env["OPENDATA_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "opendata.cli", "build", "--input", str(landing), "--output", str(output)],
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A landing directory with one published release in its output."""
    root = tmp_path_factory.mktemp("crash")
    landing = root / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    output = root / "out"
    assert build(landing, output).returncode == 0
    return landing, output


def _version(output: Path) -> str:
    return json.loads((output / "datapackage.json").read_text(encoding="utf-8"))["version"]


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_while_publishing_keeps_a_complete_valid_package_and_the_next_build_recovers(published, point, tmp_path):
    landing, original = published
    output = tmp_path / "out"
    shutil.copytree(original, output, symlinks=True)
    changed = tmp_path / "landing"
    shutil.copytree(landing, changed)
    (changed / "extra.txt").write_text(EXTRA, encoding="utf-8")
    before = _version(output)

    killed = build(changed, output, crash_at=point)
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert frictionless.validate(str(output / "datapackage.json")).valid
    assert _version(output) in (before, *[p.name for p in (output / "releases").iterdir()])

    again = build(changed, output)
    assert again.returncode == 0, again.stderr[-2000:]
    assert frictionless.validate(str(output / "datapackage.json")).valid
    assert not [p for p in output.iterdir() if p.name.startswith(".staging-")]
    assert (output / "latest").resolve().name == _version(output)


def test_two_builds_on_one_output_do_not_interleave(published, tmp_path):
    landing, original = published
    output = tmp_path / "out"
    shutil.copytree(original, output, symlinks=True)
    env = {**os.environ, "OPENDATA_GAZETTEER_DIR": str(GAZETTEER_DIR)}
    command = [sys.executable, "-m", "opendata.cli", "build", "--input", str(landing), "--output", str(output)]
    first, second = (subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2))
    codes = sorted(p.wait(timeout=300) for p in (first, second))
    assert codes in ([0, 0], [0, 3])  # the second either waited its turn or said the output is busy
    assert frictionless.validate(str(output / "datapackage.json")).valid
