"""Only one process publishes into an output directory at a time."""
import subprocess
import sys
import time

import pytest

from opendata.publish.lock import OutputLocked, output_lock

HOLD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
from opendata.publish.lock import output_lock
with output_lock(Path({out!r})):
    print("locked", flush=True)
    time.sleep(30)
"""


@pytest.fixture
def held_by_another_process(tmp_path):
    from opendata.config import PROJECT_ROOT

    code = HOLD.format(src=str(PROJECT_ROOT / "src"), out=str(tmp_path))
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    yield tmp_path
    holder.kill()
    holder.wait()


def test_second_publisher_fails_clearly_while_the_first_holds_the_lock(held_by_another_process):
    with pytest.raises(OutputLocked, match="another process"):
        with output_lock(held_by_another_process):
            pass


def test_second_publisher_waits_for_the_lock_within_its_patience(held_by_another_process):
    started = time.monotonic()
    with pytest.raises(OutputLocked):
        with output_lock(held_by_another_process, wait=0.5):
            pass
    assert time.monotonic() - started >= 0.5


def test_lock_is_reentrant_within_one_process(tmp_path):
    with output_lock(tmp_path):
        with output_lock(tmp_path):
            pass


def test_lock_is_free_again_after_release(tmp_path):
    with output_lock(tmp_path):
        pass
    with output_lock(tmp_path):
        pass
