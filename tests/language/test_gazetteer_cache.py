"""The parsed register is cached between processes, and the cache never serves stale data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opendata.language import gazetteer as gaz_module
from opendata.language.gazetteer import Gazetteer

from ..conftest import GAZETTEER_DIR

pytestmark = pytest.mark.skipif(not (GAZETTEER_DIR / "OB.csv").is_file(), reason="register not available")


@pytest.fixture
def register(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "rpe"
    folder.mkdir()
    for name in ("OB.csv", "NA.csv", "UL.csv"):
        shutil.copy(GAZETTEER_DIR / name, folder / name)
    monkeypatch.setenv("OPENDATA_CACHE_DIR", str(tmp_path / "cache"))
    gaz_module._load_cached.cache_clear()
    yield folder
    gaz_module._load_cached.cache_clear()


def _fresh(folder: Path) -> Gazetteer:
    gaz_module._load_cached.cache_clear()  # as a new process would
    return Gazetteer.load(folder)


def test_a_second_process_reads_the_parsed_register_from_the_cache(register, monkeypatch):
    first = _fresh(register)
    monkeypatch.setattr(Gazetteer, "_load_register", lambda self, folder: pytest.fail("parsed again"))
    second = _fresh(register)
    assert second.has_register and second.municipalities == first.municipalities


def test_a_cached_register_answers_like_a_parsed_one(register):
    parsed = _fresh(register)
    cached = _fresh(register)
    assert cached.municipality("Velenje") == parsed.municipality("Velenje")
    assert cached.iso_code("Kranj") == parsed.iso_code("Kranj")


def test_a_changed_register_file_is_parsed_again(register):
    _fresh(register)
    (register / "OB.csv").write_text((register / "OB.csv").read_text(encoding="utf-8-sig").splitlines()[0] + "\n", encoding="utf-8")
    assert _fresh(register).municipalities == []


def test_an_unwritable_cache_still_loads_the_register(register, monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("OPENDATA_CACHE_DIR", str(blocked))
    assert _fresh(register).has_register


def test_only_the_newest_cache_file_of_a_folder_is_kept(register, tmp_path):
    _fresh(register)
    (register / "NA.csv").touch()
    _fresh(register)
    assert len(list((tmp_path / "cache" / "gazetteer").glob("*.pickle"))) == 1
