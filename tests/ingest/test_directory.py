"""A landing directory read as a whole: sidecars, duplicates, rejects, and the file account."""
import json
from pathlib import Path

from opendata.ingest import ingest_directory

PAGE = """Search

Zapora Lipove ulice

Občina obvešča, da bo v petek, 7. marca, od 8. do 16. ure zaprta Lipova ulica zaradi asfaltiranja.

Več novic

Obvestila

Odvoz kosovnih odpadkov v soboto

Komunalno podjetje bo v soboto, 8. marca, odvažalo kosovne odpadke iz vseh naselij....
"""

OTHER_PAGE = PAGE.replace("Zapora Lipove ulice", "Novi urnik knjižnice").replace(
    "Občina obvešča, da bo v petek, 7. marca, od 8. do 16. ure zaprta Lipova ulica zaradi asfaltiranja.",
    "Knjižnica bo od aprila odprta tudi ob sobotah dopoldne.",
)


def write(folder: Path, name: str, text: str | bytes, meta: dict | None = None) -> None:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if meta is not None:
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_sidecar_url_and_fetch_time_are_the_documents(tmp_path):
    write(tmp_path, "page.txt", PAGE, {"url": "https://primer.si/zapora", "fetched_at": "2025-03-05T09:00:00+01:00"})
    page = next(d for d in ingest_directory(tmp_path).documents if d.kind != "teaser")
    assert page.url == "https://primer.si/zapora"
    assert page.reference_date.isoformat() == "2025-03-05"


def test_sidecar_title_wins_over_the_page_headline(tmp_path):
    write(tmp_path, "page.txt", PAGE, {"title": "Naslov iz sidecarja"})
    page = next(d for d in ingest_directory(tmp_path).documents if d.kind != "teaser")
    assert page.title == "Naslov iz sidecarja"


def test_a_teaser_points_at_its_page(tmp_path):
    write(tmp_path, "page.txt", PAGE, {"url": "https://primer.si/zapora"})
    docs = ingest_directory(tmp_path).documents
    page = next(d for d in docs if d.kind != "teaser")
    teaser = next(d for d in docs if d.kind == "teaser")
    assert teaser.parent_document_id == page.document_id


def test_notice_headline_makes_a_notice_document(tmp_path):
    write(tmp_path, "page.txt", PAGE)
    page = next(d for d in ingest_directory(tmp_path).documents if d.kind != "teaser")
    assert page.kind == "notice"


def test_the_same_teaser_on_two_pages_is_one_document(tmp_path):
    write(tmp_path, "a.txt", PAGE, {"url": "https://primer.si/a"})
    write(tmp_path, "b.txt", OTHER_PAGE, {"url": "https://primer.si/b"})
    teasers = [d for d in ingest_directory(tmp_path).documents if d.kind == "teaser"]
    assert len(teasers) == 1


def test_the_same_page_fetched_twice_is_one_document_and_one_duplicate_file(tmp_path):
    write(tmp_path, "first.txt", PAGE, {"url": "https://primer.si/a", "fetched_at": "2025-03-05T09:00:00+01:00"})
    write(tmp_path, "second.txt", PAGE, {"url": "https://primer.si/a", "fetched_at": "2025-03-06T09:00:00+01:00"})
    result = ingest_directory(tmp_path)
    assert len([d for d in result.documents if d.kind != "teaser"]) == 1
    assert {o.path: o.status for o in result.files} == {"first.txt": "accepted", "second.txt": "duplicate"}


def test_document_ids_do_not_depend_on_file_names(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    write(one, "a.txt", PAGE, {"url": "https://primer.si/a"})
    write(two, "zzz.txt", PAGE, {"url": "https://primer.si/a"})
    ids = lambda folder: [d.document_id for d in ingest_directory(folder).documents]
    assert ids(one) == ids(two)


def test_empty_file_is_rejected_with_a_reason(tmp_path):
    write(tmp_path, "empty.txt", b"")
    result = ingest_directory(tmp_path)
    assert [(r.path, r.reason) for r in result.rejects] == [("empty.txt", "empty")]


def test_binary_junk_is_rejected(tmp_path):
    write(tmp_path, "junk.html", bytes(range(256)) * 8)
    assert ingest_directory(tmp_path).rejects[0].reason == "binary"


def test_file_over_the_size_cap_is_rejected(tmp_path):
    write(tmp_path, "big.txt", PAGE)
    result = ingest_directory(tmp_path, max_bytes=100)
    assert result.rejects[0].reason == "too_large"


def test_non_input_files_are_ignored_not_rejected(tmp_path):
    write(tmp_path, "README.md", "# notes")
    result = ingest_directory(tmp_path)
    assert result.files[0].status == "ignored" and not result.rejects


def test_every_file_is_accounted_for(tmp_path):
    write(tmp_path, "a.txt", PAGE, {"url": "https://primer.si/a"})
    write(tmp_path, "b.txt", PAGE, {"url": "https://primer.si/a"})
    write(tmp_path, "empty.txt", b"  \n")
    write(tmp_path, "notes.md", "x")
    report = ingest_directory(tmp_path).report()
    assert (report["files"], report["accepted"], report["duplicates"], report["rejected"], report["ignored"]) == (4, 1, 1, 1, 1)


def test_unreadable_sidecar_is_a_warning_and_the_page_is_still_read(tmp_path):
    write(tmp_path, "page.txt", PAGE)
    (tmp_path / "page.txt.meta.json").write_text("{not json", encoding="utf-8")
    result = ingest_directory(tmp_path)
    assert result.documents and result.warnings[0].reason == "bad_sidecar"


def test_bad_json_line_is_rejected_and_the_good_lines_are_kept(tmp_path):
    good = json.dumps({"url": "https://primer.si/x", "title": "Novica", "text": "Novica\n\nKratko besedilo."})
    write(tmp_path, "items.jsonl", f"{good}\n{{broken\n")
    result = ingest_directory(tmp_path)
    assert len(result.documents) == 1
    assert result.rejects[0].path == "items.jsonl:2"


def test_teaser_of_an_undated_fetch_reads_dates_against_its_pages_publication(tmp_path):
    html = """<html><head><meta property="article:published_time" content="2025-07-20T10:00:00+02:00"></head>
    <body><article><h1>Poletni festival</h1><p>Festival bo trajal tri dni in bo v starem mestnem jedru.</p></article>
    <aside><h2>Obvestila</h2><div class="notice"><h3><a href="/o">Brez elektrike v Besnici</a></h3>
    <p>V sredo bo med 8. in 12. uro brez elektrike del naselja.</p></div></aside></body></html>"""
    write(tmp_path, "page.html", html)
    teaser = next(d for d in ingest_directory(tmp_path).documents if d.kind == "teaser")
    assert teaser.reference_date.isoformat() == "2025-07-20"


def test_relative_teaser_link_is_resolved_against_the_page_url(tmp_path):
    html = """<html><body><article><h1>Novica</h1><p>Besedilo novice je dovolj dolgo za članek.</p></article>
    <aside><h2>Obvestila</h2><div class="notice"><h3><a href="/obvestila/zapora">Zapora mostu</a></h3>
    <p>Most bo v petek zaprt zaradi pregleda.</p></div></aside></body></html>"""
    write(tmp_path, "page.html", html, {"url": "https://primer.si/novice/a"})
    teaser = next(d for d in ingest_directory(tmp_path).documents if d.kind == "teaser")
    assert teaser.url == "https://primer.si/obvestila/zapora"


def test_relative_link_without_a_base_is_not_kept_as_a_url(tmp_path):
    html = """<html><body><article><h1>Novica</h1><p>Besedilo novice je dovolj dolgo za članek.</p></article>
    <aside><h2>Obvestila</h2><div class="notice"><h3><a href="/obvestila/zapora">Zapora mostu</a></h3>
    <p>Most bo v petek zaprt zaradi pregleda.</p></div></aside></body></html>"""
    write(tmp_path, "page.html", html)
    teaser = next(d for d in ingest_directory(tmp_path).documents if d.kind == "teaser")
    assert teaser.url is None
