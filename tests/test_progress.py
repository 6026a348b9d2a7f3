"""Progress lines appear on long runs only, and at most every few seconds."""
import io

from opendata.progress import ProgressLine


def test_a_short_run_prints_nothing():
    stream = io.StringIO()
    progress = ProgressLine("reading", stream=stream, every=5.0, clock=lambda: 0.0)
    progress(1, 10)
    assert stream.getvalue() == ""


def test_a_long_run_prints_once_per_interval():
    now = [0.0]
    stream = io.StringIO()
    progress = ProgressLine("reading", stream=stream, every=5.0, clock=lambda: now[0])
    for step in range(1, 13):
        now[0] = step * 1.0
        progress(step, 12, "files")
    assert stream.getvalue().splitlines() == ["reading: 5/12 files", "reading: 10/12 files"]
