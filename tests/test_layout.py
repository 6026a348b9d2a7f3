"""The domain library stands on its own: importing all of it never imports Dagster."""
import subprocess
import sys

from opendata.config import PROJECT_ROOT

PROBE = """
import importlib, pkgutil, sys
import opendata
for module in pkgutil.walk_packages(opendata.__path__, "opendata."):
    if module.name != "opendata.cli":
        importlib.import_module(module.name)
print("dagster" in sys.modules)
"""


def test_importing_every_opendata_module_leaves_dagster_unimported():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(PROJECT_ROOT / "src")}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"
