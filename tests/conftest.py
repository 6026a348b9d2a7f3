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
