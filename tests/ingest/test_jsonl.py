"""JSON Lines → records, and the date helper shared by all parsers."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from opendata.ingest.jsonl import parse_datetime, parse_jsonl

TEXT_LINE = json.dumps({
    "url": "https://kraj.example/sejem", "title": "Jesenski sejem v Škalah",
    "published_at": "2025-09-20T08:00:00+02:00", "fetched_at": "2025-09-20T09:00:00+02:00",
    "source": "kraj.example", "text": "Jesenski sejem v Škalah\r\n\r\nStojnice bodo odprte do mraka.",
}, ensure_ascii=False)
HTML_LINE = json.dumps({
    "url": "https://kraj.example/koncert", "source": "kraj.example",
    "html": "<article><h1>Koncert na gradu</h1><p>Godbeniki bodo igrali na dvorišču gradu v petek zvečer, "
            "vstop bo prost za vse obiskovalce.</p></article><aside><h2>Obvestila</h2><div>"
            "<h3><a href='/voda'>Brez vode na Kozjaku</a></h3><p>V torek bo med 8. in 10. uro brez vode.</p>"
            "</div></aside>",
}, ensure_ascii=False)


def test_text_line_becomes_a_record_with_aware_dates_and_lf_newlines():
    (record,), errors = parse_jsonl(TEXT_LINE)
    assert errors == []
    assert record.text == "Jesenski sejem v Škalah\n\nStojnice bodo odprte do mraka."
    assert record.fetched_at == datetime.fromisoformat("2025-09-20T09:00:00+02:00")


def test_html_line_is_read_as_a_page_with_title_and_teasers():
    (record,), _ = parse_jsonl(HTML_LINE)
    assert record.title == "Koncert na gradu" and record.text.startswith("Koncert na gradu\n\nGodbeniki")
    assert [t.title for t in record.teasers] == ["Brez vode na Kozjaku"]


def test_bad_lines_are_reported_with_their_line_numbers_and_good_ones_kept():
    text = "\n".join([TEXT_LINE, "{ni json", "[1, 2]", '{"url": "https://kraj.example/x"}', HTML_LINE])
    records, errors = parse_jsonl(text)
    assert [r.line_number for r in records] == [1, 5]
    assert [(n, e.reason) for n, e in errors] == [(2, "bad_json_line"), (3, "bad_json_line"), (4, "bad_json_line")]


def test_blank_lines_are_skipped_without_errors():
    records, errors = parse_jsonl("\n\n" + TEXT_LINE + "\n\n")
    assert (len(records), errors) == (1, [])


def test_unicode_line_separator_inside_a_string_does_not_split_the_record():
    line = json.dumps({"text": "Prvi del\u2028drugi del"}, ensure_ascii=False)
    records, errors = parse_jsonl(line)
    assert (len(records), errors) == (1, [])


def test_rfc_822_date_keeps_its_offset():
    assert parse_datetime("Mon, 29 Dec 2025 10:00:00 +0100") == datetime.fromisoformat("2025-12-29T10:00:00+01:00")


def test_iso_date_without_offset_is_ljubljana_summer_time():
    assert parse_datetime("2025-07-01T12:00:00").utcoffset() == timedelta(hours=2)


def test_iso_date_with_z_is_utc():
    assert parse_datetime("2025-07-01T12:00:00Z").utcoffset() == timedelta(0)


def test_unparseable_date_gives_none():
    assert parse_datetime("včeraj popoldne") is None
