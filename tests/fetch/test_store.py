"""Landing file names: stable per URL, safe, and never shared by two URLs."""
from __future__ import annotations

import json

from opendata.fetch.state import FetchState
from opendata.fetch.store import extension_for, page_path, write_page


def test_same_url_always_lands_in_the_same_file(tmp_path):
    url = "https://www.kranj.si/novice/zapora"
    assert page_path(tmp_path, url, ".html") == page_path(tmp_path, url, ".html")


def test_file_lives_in_a_folder_named_after_the_host_and_port(tmp_path):
    path = page_path(tmp_path, "http://127.0.0.1:8080/a?b=c", ".html")
    assert path.parent.name == "127.0.0.1_8080" and path.name.endswith(".html") and "?" not in path.name


def test_colliding_short_name_of_another_url_gets_the_full_hash(tmp_path):
    url = "https://www.velenje.si/obvestilo"
    short = page_path(tmp_path, url, ".html")
    write_page(short, b"<p>drugo</p>", {"url": "x", "requested_url": "https://www.velenje.si/drugo"})
    assert page_path(tmp_path, url, ".html") != short


def test_write_leaves_no_temporary_files(tmp_path):
    write_page(tmp_path / "h" / "p.html", b"<p>Zapora</p>", {"url": "https://example.org/p"})
    assert sorted(p.name for p in (tmp_path / "h").iterdir()) == ["p.html", "p.html.meta.json"]


def test_xml_that_is_not_a_feed_is_not_an_input():
    assert extension_for("application/xml", b'<?xml version="1.0"?><urlset></urlset>') is None


def test_feed_served_as_octet_stream_is_recognised_by_its_content():
    assert extension_for("application/octet-stream", b'<?xml version="1.0"?>\n<rss version="2.0"></rss>') == ".xml"


def test_corrupt_state_file_is_set_aside_and_the_run_starts_afresh(tmp_path):
    (tmp_path / ".fetch-state.json").write_text("{nedokončano", encoding="utf-8")
    state = FetchState.load(tmp_path)
    assert state.urls == {} and (tmp_path / ".fetch-state.json.corrupt").exists()


def test_state_round_trips_through_its_file(tmp_path):
    state = FetchState.load(tmp_path)
    state.urls["https://example.org/a"] = {"etag": '"1"'}
    state.save()
    assert json.loads((tmp_path / ".fetch-state.json").read_text())["urls"] == {"https://example.org/a": {"etag": '"1"'}}
