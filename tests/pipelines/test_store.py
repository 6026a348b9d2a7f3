"""The store of intermediate values: on disk between runs, read from disk at most once per run."""
from __future__ import annotations

import pickle

import dagster as dg

from pipelines.resources import BatchStore

seen: dict[str, int] = {}


@dg.asset
def numbers() -> list[int]:
    return [1, 2, 3]


@dg.asset
def total(numbers: list[int]) -> int:
    seen["total"] = id(numbers)
    return sum(numbers)


@dg.asset
def largest(numbers: list[int]) -> int:
    seen["largest"] = id(numbers)
    return max(numbers)


def _count_unpickles(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = pickle.load

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pickle, "load", counting)
    return calls


def test_values_are_written_to_the_store_folder(tmp_path):
    dg.materialize([numbers], resources={"io_manager": BatchStore(base_dir=str(tmp_path))})
    assert pickle.loads((tmp_path / "numbers").read_bytes()) == [1, 2, 3]


def test_a_value_made_in_the_run_reaches_its_consumers_without_a_read_back(tmp_path, monkeypatch):
    calls = _count_unpickles(monkeypatch)
    dg.materialize([numbers, total, largest], resources={"io_manager": BatchStore(base_dir=str(tmp_path))})
    assert calls == []


def test_a_stored_value_is_unpickled_once_for_every_step_that_reads_it(tmp_path, monkeypatch):
    store = BatchStore(base_dir=str(tmp_path))
    dg.materialize([numbers], resources={"io_manager": store})
    calls = _count_unpickles(monkeypatch)
    result = dg.materialize([numbers, total, largest], selection=["total", "largest"], resources={"io_manager": store})
    assert result.success and len(calls) == 1 and seen["total"] == seen["largest"]


def test_a_new_run_reads_what_an_earlier_run_wrote(tmp_path):
    store = BatchStore(base_dir=str(tmp_path))
    dg.materialize([numbers], resources={"io_manager": store})
    result = dg.materialize([numbers, total], selection=["total"], resources={"io_manager": store})
    assert result.output_for_node("total") == 6


def test_no_partial_file_is_left_after_a_write(tmp_path):
    dg.materialize([numbers], resources={"io_manager": BatchStore(base_dir=str(tmp_path))})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["numbers"]
