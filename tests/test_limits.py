"""Hard limits: one hostile file ends as a reject with a reason, never as a stalled run.

Issue "Nothing lost, nothing corrupt", item 5: a 50 MB file, a 5-million-character line and a
million-item feed each end as rejects within the limits. Budgets are generous wall-clock
bounds for a loaded two-core CI machine; measured times are a tenth of them or less.
"""
from __future__ import annotations

import json
import time
from datetime import datetime

import pytest

import opendata.extract as extract
from opendata.extract import extract_kind
from opendata.ingest import DEFAULT_MAX_BYTES, ingest_directory, read_file
from opendata.ingest.decode import IngestError
from opendata.ingest.feeds import MAX_ITEMS, parse_feed
from opendata.language.gazetteer import Gazetteer
from opendata.model import LJUBLJANA, Document

from .conftest import GAZETTEER_DIR

FIVE_MILLION = 5_000_000
NOTICE_WORDS = "prekinitev dobave vode v ponedeljek 3. marca od 8. do 12. ure na Cankarjevi cesti v Velenju zaradi del "


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(GAZETTEER_DIR)


def _long_line() -> str:
    return (NOTICE_WORDS * (FIVE_MILLION // len(NOTICE_WORDS) + 1))[:FIVE_MILLION]


def _extract_all(docs: list[Document], gazetteer: Gazetteer) -> list:
    errors = []
    for kind in ("outages", "events", "projects"):
        found, kind_errors = extract_kind(kind, docs, gazetteer)
        assert found == []
        errors += kind_errors
    return errors


def test_a_50_megabyte_file_is_rejected_as_too_large_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: the cap is checked before any byte is read
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    result = ingest_directory(tmp_path)
    assert time.perf_counter() - started < 2
    assert [(o.status, o.reason) for o in result.files] == [("rejected", "too_large")]
    assert 50 * 1024 * 1024 > DEFAULT_MAX_BYTES


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_a_five_million_character_line_ends_as_text_too_long_within_seconds(tmp_path, gazetteer, suffix):
    line = _long_line()
    body = {".txt": line, ".html": f"<html><body><p>{line}</p></body></html>",
            ".jsonl": json.dumps({"text": line}, ensure_ascii=False)}[suffix]
    (tmp_path / f"line{suffix}").write_text(body, encoding="utf-8")
    started = time.perf_counter()
    docs, rejects, _ = read_file(tmp_path / f"line{suffix}", tmp_path)
    errors = _extract_all(docs, gazetteer) if docs else rejects
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert "text_too_long" in {e.reason for e in errors}  # a JSONL file adds bad_json_lines


def test_a_five_million_character_line_is_rejected_at_ingest_as_text_too_long(tmp_path):
    (tmp_path / "line.txt").write_text(_long_line(), encoding="utf-8")
    result = ingest_directory(tmp_path)
    assert [(o.status, o.reason) for o in result.files] == [("rejected", "text_too_long")]


def _feed(items: int) -> bytes:
    return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            + b"<item>x</item>" * items + b"</channel></rss>")


def test_a_million_item_feed_is_rejected_as_too_many_items_within_a_second(tmp_path):
    (tmp_path / "feed.xml").write_bytes(_feed(1_000_000))  # 14 MB: under the size cap
    started = time.perf_counter()
    result = ingest_directory(tmp_path)
    assert time.perf_counter() - started < 3
    assert [(o.status, o.reason) for o in result.files] == [("rejected", "too_many_items")]


def test_item_tags_are_counted_before_the_feed_is_parsed(monkeypatch):
    # Regression: feedparser built all million entries (8 s, 180 MB) before the count was checked.
    import opendata.ingest.feeds as feeds

    monkeypatch.setattr(feeds.feedparser, "parse", lambda data: pytest.fail("parsed a feed over the cap"))
    with pytest.raises(IngestError) as caught:
        parse_feed(_feed(MAX_ITEMS + 1))
    assert caught.value.reason == "too_many_items"


def test_a_feed_at_the_item_cap_is_still_read():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            + b"<entry><title>Obvestilo</title></entry>" * 3 + b"</feed>")
    assert len(parse_feed(atom, max_items=3)) == 3


def _doc(text: str) -> Document:
    return Document("doc-x", "notice", text, source="velenje.si", origin="x.txt",
                    published_at=datetime(2025, 3, 1, 9, tzinfo=LJUBLJANA))


def test_a_document_over_the_extraction_cap_is_reported_not_extracted(gazetteer, monkeypatch):
    monkeypatch.setattr(extract, "MAX_EXTRACT_CHARS", 50)
    found, errors = extract_kind("outages", [_doc("Prekinitev dobave vode v ponedeljek, 3. marca, od 8. do 12. ure.")],
                                 gazetteer)
    assert found == [] and [e.reason for e in errors] == ["text_too_long"]


def test_a_document_with_more_rows_than_the_cap_gives_none_and_says_why(gazetteer, monkeypatch):
    monkeypatch.setattr(extract, "_extractor", lambda kind: lambda doc, gaz: [object()] * 5)
    monkeypatch.setattr(extract, "MAX_ROWS_PER_DOCUMENT", 5)
    assert len(extract_kind("events", [_doc("Vabilo.")], gazetteer)[0]) == 5
    monkeypatch.setattr(extract, "MAX_ROWS_PER_DOCUMENT", 4)
    found, errors = extract_kind("events", [_doc("Vabilo.")], gazetteer)
    assert found == [] and [e.reason for e in errors] == ["too_many_rows"]


def test_a_notice_just_under_the_extraction_cap_extracts_within_seconds(gazetteer):
    text = ("Prekinitev dobave vode v ponedeljek, 3. marca, od 8. do 12. ure na Cankarjevi cesti 3 v Velenju. "
            * (extract.MAX_EXTRACT_CHARS // 100))[: extract.MAX_EXTRACT_CHARS]
    started = time.perf_counter()
    for kind in ("outages", "events", "projects"):
        extract_kind(kind, [_doc(text)], gazetteer)
    assert time.perf_counter() - started < 30


def test_one_giant_json_line_is_rejected_alone_and_the_other_lines_are_kept():
    from opendata.ingest.jsonl import parse_jsonl

    text = json.dumps({"text": "x" * 101}) + "\n" + json.dumps({"text": "Zapora ceste v Kranju."})
    records, bad = parse_jsonl(text, max_chars=100)
    assert [r.text for r in records] == ["Zapora ceste v Kranju."]
    assert [(n, e.reason) for n, e in bad] == [(1, "text_too_long")]
