"""Scanning the landing directory: which files count, and their version signatures."""
from __future__ import annotations

import os

from opendata.ingest import file_signature, landing_files, landing_signatures


def _tree(root):
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.html").write_text("<p>Zapora</p>", encoding="utf-8")
    (root / "a.html.meta.json").write_text('{"url": "https://www.velenje.si/a"}', encoding="utf-8")
    (root / "lost.txt.meta.json").write_text("{}", encoding="utf-8")
    (root / ".fetch-state.json").write_text("{}", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("x", encoding="utf-8")
    (root / "b" / "c.txt").write_text("Brez vode.", encoding="utf-8")
    (root / "b.meta.json").write_text("{}", encoding="utf-8")  # describes a folder, not a file


def test_the_scan_lists_what_ingest_reads_with_the_same_signatures(tmp_path):
    _tree(tmp_path)
    expected = {p.relative_to(tmp_path).as_posix(): file_signature(p) for p in landing_files(tmp_path)}
    assert landing_signatures(tmp_path) == expected


def test_the_scan_skips_hidden_files_and_sidecars_of_existing_files(tmp_path):
    _tree(tmp_path)
    assert sorted(landing_signatures(tmp_path)) == ["a.html", "b.meta.json", "b/c.txt", "lost.txt.meta.json"]


def test_a_changed_sidecar_changes_its_file_signature(tmp_path):
    _tree(tmp_path)
    before = landing_signatures(tmp_path)["a.html"]
    os.utime(tmp_path / "a.html.meta.json", ns=(1, 1))
    assert landing_signatures(tmp_path)["a.html"] != before
