"""The ``opendata`` console script as a user runs it: output printed, exit codes kept."""
from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _opendata(*args: str) -> subprocess.CompletedProcess:
    # The console script's own entry (``opendata.cli:run``), which ends with a quick exit.
    code = "import sys; from opendata.cli import run; sys.argv[0] = 'opendata'; run()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=False)


def test_a_build_of_a_missing_folder_exits_2_and_says_why(tmp_path):
    done = _opendata("build", "--input", str(tmp_path / "nowhere"), "--output", str(tmp_path / "out"))
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_a_build_prints_its_summary_before_the_quick_exit(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "obvestilo.txt").write_text("Zaradi del na vodovodu v četrtek, 5. 6. 2025, ne bo vode.", encoding="utf-8")
    done = _opendata("build", "--input", str(landing), "--output", str(tmp_path / "out"))
    assert done.returncode == 0 and done.stdout.rstrip().endswith(str(tmp_path / "out" / "datapackage.json"))
