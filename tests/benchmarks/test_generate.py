"""The synthetic corpus generator: deterministic, every format, broken files, duplicates, sizes, manifest."""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import generate as gen
from opendata.ingest import ingest_directory

BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root``: relative path → (sha256, mtime in ns)."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    return out, gen.generate(out, 1000, seed=7)


@pytest.fixture(scope="module")
def ingested(corpus):
    return ingest_directory(corpus[0]).report()


def test_same_seed_writes_byte_identical_files_with_identical_mtimes(tmp_path):
    gen.generate(tmp_path / "a", 300, seed=3)
    gen.generate(tmp_path / "b", 300, seed=3)
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")


def test_another_seed_writes_another_corpus(tmp_path):
    gen.generate(tmp_path / "a", 300, seed=3)
    gen.generate(tmp_path / "b", 300, seed=4)
    assert _snapshot(tmp_path / "a") != _snapshot(tmp_path / "b")


@pytest.mark.parametrize("docs", [100, 257, 1000])
def test_manifest_items_add_up_to_the_requested_size(tmp_path, docs):
    manifest = gen.generate(tmp_path, docs, seed=1)
    assert manifest["items_total"] == docs


def test_every_input_format_and_sidecars_are_written(corpus):
    root, _ = corpus
    names = [p.name for p in root.rglob("*") if p.is_file()]
    suffixes = {n.rsplit(".", 1)[-1] for n in names if not n.endswith(".meta.json")}
    assert {"html", "htm", "txt", "xml", "jsonl"} <= suffixes
    assert any(n.endswith(".meta.json") for n in names)


def test_manifest_file_counts_match_the_files_on_disk(corpus):
    root, manifest = corpus
    on_disk = Counter()
    for p in root.rglob("*"):
        if p.is_file() and p.name != "manifest.json":
            on_disk["sidecar" if p.name.endswith(".meta.json") else p.suffix.lstrip(".")] += 1
    assert {k: v for k, v in manifest["files"].items() if k not in ("total", "shards", "bytes")} == dict(on_disk)


def test_notices_of_every_service_are_written(corpus):
    _, manifest = corpus
    assert set(manifest["outage_services"]) == {"heating", "water", "gas", "electricity", "road",
                                                "public_transport", "waste", "facility"}


def test_expected_outages_are_the_sum_over_services(corpus):
    _, manifest = corpus
    assert manifest["expected"]["outages"] == sum(manifest["outage_services"].values())


# A truncated page may keep readable text (and be accepted); these never do.
UNUSABLE = ("empty", "whitespace_html", "binary", "bad_jsonl_file")


def test_broken_files_are_written_and_ingest_rejects_them(corpus, ingested):
    _, manifest = corpus
    unusable = sum(manifest["broken"].get(k, 0) for k in UNUSABLE)
    assert unusable > 0
    assert ingested["rejected"] >= unusable


def test_bad_json_lines_are_rejected_line_by_line(corpus, ingested):
    _, manifest = corpus
    line_rejects = [r for r in ingested["rejects"] if r["path"].rsplit(":", 1)[-1].isdigit()]
    assert manifest["broken"]["bad_json_line"] > 0
    assert len(line_rejects) >= manifest["broken"]["bad_json_line"]


def test_refetched_pages_come_out_as_duplicate_files(corpus, ingested):
    _, manifest = corpus
    assert manifest["duplicates"]["refetched_pages"] > 0
    assert ingested["duplicates"] >= manifest["duplicates"]["refetched_pages"] * 0.9


def test_the_same_teaser_is_placed_on_many_pages(corpus):
    _, manifest = corpus
    assert manifest["teasers"]["placements"] > 2 * manifest["teasers"]["sidebar_only_notices"]


def test_windows_1250_pages_are_written_as_counted(corpus):
    root, manifest = corpus
    legacy = 0
    for p in root.rglob("*"):
        data = p.read_bytes() if p.is_file() else b""
        if not data or data.startswith(BINARY_MAGIC):
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            legacy += "š" in data.decode("cp1250", "replace") or "č" in data.decode("cp1250", "replace")
    assert legacy == manifest["encodings"]["windows-1250"] > 0


def test_shards_never_hold_more_files_than_the_limit_and_keep_sidecars_beside(tmp_path, monkeypatch):
    monkeypatch.setattr(gen, "FILES_PER_SHARD", 40)
    gen.generate(tmp_path, 400, seed=2)
    shards = [d for d in tmp_path.iterdir() if d.is_dir()]
    assert len(shards) > 1
    assert all(len(list(d.iterdir())) <= 40 for d in shards)
    for sidecar in tmp_path.rglob("*.meta.json"):
        assert sidecar.with_name(sidecar.name.removesuffix(".meta.json")).exists()


def test_file_mtimes_follow_the_fetch_times_not_the_clock(corpus):
    root, _ = corpus
    years = {int(os.path.basename(p)[:4]) for p in root.rglob("shard-*/*") if p.is_file()}
    mtimes = [p.stat().st_mtime for p in root.rglob("shard-*/*") if p.is_file()]
    from datetime import datetime

    assert {datetime.fromtimestamp(m).year for m in mtimes} <= years | {max(years) + 1}


def test_a_continuation_is_newer_and_shares_no_file_name(tmp_path):
    gen.generate(tmp_path / "base", 200, seed=5)
    extra = gen.generate(tmp_path / "base" / "increment", 20, seed=5, start=200, scale=200)
    base_names = {p.name for p in (tmp_path / "base").glob("shard-*/*")}
    new_names = {p.name for p in (tmp_path / "base" / "increment").glob("shard-*/*")}
    assert extra["items_total"] == 20
    assert not base_names & new_names
    assert min(n[:10] for n in new_names) >= max(n[:10] for n in base_names)


def test_manifest_json_on_disk_is_the_returned_manifest(tmp_path):
    manifest = gen.generate(tmp_path, 150, seed=9)
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8")) == manifest


def test_street_forms_inflect_regular_shapes_and_skip_others():
    assert gen.T.street_forms("Cankarjeva ulica") == ("Cankarjevi ulici", "Cankarjeve ulice")
    assert gen.T.street_forms("Trg svobode") == ("Trgu svobode", "Trga svobode")
    assert gen.T.street_forms("Na jasi") is None
