"""Test setup shared by every test module."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Tests run from a checkout without requiring an editable install.
for path in (ROOT / "src", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

SHARED = ROOT.parent / "shared"
GAZETTEER_DIR = SHARED / "gazetteer" / "rpe"


def pytest_addoption(parser):
    """``--fuzz-long``: run the property-based fuzz tests with many more examples."""
    parser.addoption("--fuzz-long", action="store_true", default=False,
                     help="run the fuzz suite (tests/fuzz) with its long hypothesis profile")


def pytest_configure(config):
    import os
    import tempfile

    # Caches the tests build (the parsed register) go to a folder of this test session, not
    # to the user's home; subprocesses the tests start inherit it.
    os.environ.setdefault("OPENDATA_CACHE_DIR", tempfile.mkdtemp(prefix="opendata-test-cache-"))
    if config.getoption("--fuzz-long", default=False):
        os.environ["OPENDATA_FUZZ_LONG"] = "1"
