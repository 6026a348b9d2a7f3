"""The fetcher against a real HTTP server on 127.0.0.1: what lands, what is asked, what is never asked twice."""
from __future__ import annotations

import json
from pathlib import Path

from opendata.fetch import STATE_FILE, run_fetch
from opendata.ingest import ingest_directory
from tests.fetch.fixture_site import config, feed, listing, sidecars, single


def _pages(landing: Path) -> list[Path]:
    return sorted(p for p in landing.rglob("*") if p.is_file() and not p.name.endswith(".meta.json") and not p.name.startswith("."))


# -- what lands -------------------------------------------------------------------------------

def test_listing_writes_each_matching_page_with_url_source_and_fetched_at(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    metas = sidecars(tmp_path)
    assert sorted(m["url"] for m in metas) == [site.base + "/novice/brez-vode.html", site.base + "/novice/zapora-ceste.html"]
    assert all(m["source"] == "Testna občina" and m["fetched_at"] for m in metas)


def test_listing_follows_only_links_matching_the_pattern(site, tmp_path):
    run_fetch(config(listing(site, pattern="^" + site.base + r"/novice/zapora")), tmp_path)
    assert site.hits["/novice/zapora-ceste.html"] == 1 and site.hits["/novice/brez-vode.html"] == 0


def test_fetched_pages_are_ingested_with_their_sidecar_urls(site, tmp_path):
    run_fetch(config(listing(site), feed(site)), tmp_path)
    urls = {d.url for d in ingest_directory(tmp_path).documents}
    assert {site.base + "/novice/zapora-ceste.html", site.base + "/clanki/ogrevanje.html"} <= urls


def test_state_file_is_a_dot_file_that_ingest_does_not_read(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    outcomes = ingest_directory(tmp_path).files
    assert (tmp_path / STATE_FILE).exists() and all(STATE_FILE not in o.path for o in outcomes)


def test_feed_item_pages_carry_the_feed_title_and_published_at(site, tmp_path):
    run_fetch(config(feed(site)), tmp_path)
    meta = next(m for m in sidecars(tmp_path) if m["url"].endswith("/clanki/zapora.html"))
    assert (meta["title"], meta["published_at"]) == ("Popolna zapora Tržaške ceste", "2026-03-02T09:30:00+01:00")


def test_feed_without_follow_links_stores_the_feed_itself(site, tmp_path):
    run_fetch(config(feed(site, follow_links=False)), tmp_path)
    assert [p.suffix for p in _pages(tmp_path)] == [".xml"] and site.hits["/clanki/zapora.html"] == 0


def test_gzip_response_is_stored_decompressed(site, tmp_path):
    run_fetch(config(single(site, "/stisnjeno.html")), tmp_path)
    assert "Zapora mostu čez Savo" in _pages(tmp_path)[0].read_text(encoding="utf-8")


def test_plain_text_page_lands_as_txt(site, tmp_path):
    run_fetch(config(single(site, "/besedilo.txt")), tmp_path)
    assert [p.suffix for p in _pages(tmp_path)] == [".txt"]


def test_pdf_link_is_skipped_without_writing_anything(site, tmp_path):
    summary = run_fetch(config(single(site, "/novice/priloga.pdf")), tmp_path)
    assert summary.skip_reasons == {"unsupported_content_type": 1} and not _pages(tmp_path)


# -- never the same unchanged URL twice -------------------------------------------------------

def test_second_run_asks_the_listing_conditionally_and_gets_304(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    summary = run_fetch(config(listing(site)), tmp_path)
    assert site.headers_of("/novice.html")[1].get("If-None-Match") == '"seznam-1"' and summary.not_modified == 1


def test_stored_pages_are_not_requested_again(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    run_fetch(config(listing(site)), tmp_path)
    assert site.hits["/novice/zapora-ceste.html"] == 1 and site.hits["/novice/brez-vode.html"] == 1


def test_unchanged_feed_items_are_not_requested_again_when_the_feed_changes(site, tmp_path):
    run_fetch(config(feed(site)), tmp_path)
    site.feed_pubdate = "Tue, 03 Mar 2026 07:00:00 +0100"  # only the first item changed
    run_fetch(config(feed(site)), tmp_path)
    assert site.hits["/clanki/zapora.html"] == 1


def test_item_changed_in_the_feed_is_asked_again_conditionally(site, tmp_path):
    run_fetch(config(feed(site)), tmp_path)
    site.feed_pubdate = "Tue, 03 Mar 2026 07:00:00 +0100"
    summary = run_fetch(config(feed(site)), tmp_path)
    assert site.headers_of("/clanki/ogrevanje.html")[-1].get("If-None-Match") == '"ogrevanje-1"'
    assert summary.not_modified == 1


def test_listing_served_again_in_full_counts_as_unchanged(site, tmp_path):
    run_fetch(config(single(site, "/novice/brez-vode.html")), tmp_path)
    summary = run_fetch(config(single(site, "/novice/brez-vode.html")), tmp_path)
    assert (summary.fetched, summary.unchanged) == (0, 1)


def test_the_same_link_in_two_sources_is_fetched_once(site, tmp_path):
    run_fetch(config(listing(site), listing(site, "/kazalo/novice/zapora-ceste.html", name="drugi")), tmp_path)
    assert site.hits["/novice/zapora-ceste.html"] == 1


def test_page_that_failed_is_retried_next_run_although_the_listing_is_not_modified(site, tmp_path):
    site.broken = {"/novice/brez-vode.html"}
    run_fetch(config(listing(site), retries=0), tmp_path)
    site.broken = set()
    summary = run_fetch(config(listing(site), retries=0), tmp_path)
    assert (summary.not_modified, summary.written) == (1, 1) and site.hits["/novice/brez-vode.html"] == 2


def test_page_deleted_from_the_landing_directory_is_fetched_again(site, tmp_path):
    run_fetch(config(single(site, "/novice/brez-vode.html")), tmp_path)
    next(tmp_path.rglob("*.html")).unlink()
    summary = run_fetch(config(single(site, "/novice/brez-vode.html")), tmp_path)
    assert summary.written == 1 and site.hits["/novice/brez-vode.html"] == 2


def test_recheck_after_hours_asks_a_stored_page_again_conditionally(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    state_path = tmp_path / STATE_FILE
    state = json.loads(state_path.read_text())
    for entry in state["urls"].values():
        entry["checked_at"] = "2000-01-01T00:00:00+00:00"
    state_path.write_text(json.dumps(state))
    run_fetch(config(listing(site, recheck_after_hours=1)), tmp_path)
    assert site.headers_of("/novice/zapora-ceste.html")[-1].get("If-None-Match") == '"zapora-1"'


# -- robots.txt --------------------------------------------------------------------------------

def test_page_disallowed_by_robots_txt_is_never_requested(site, tmp_path):
    summary = run_fetch(config(listing(site)), tmp_path)
    assert site.hits["/zasebno/interno.html"] == 0 and summary.skip_reasons["robots_disallowed"] == 1


def test_redirect_into_a_disallowed_path_is_not_followed(site, tmp_path):
    summary = run_fetch(config(single(site, "/v-zasebno.html")), tmp_path)
    assert site.hits["/zasebno/interno.html"] == 0 and summary.failures[0].reason == "bad_redirect"


def test_robots_txt_is_fetched_once_across_runs(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    run_fetch(config(listing(site)), tmp_path)
    assert site.hits["/robots.txt"] == 1


def test_missing_robots_txt_allows_every_page(site, tmp_path):
    site.robots = None
    run_fetch(config(listing(site)), tmp_path)
    assert site.hits["/zasebno/interno.html"] == 1


def test_crawl_delay_in_robots_txt_spaces_requests(site, tmp_path):
    site.robots = "User-agent: *\nCrawl-delay: 1\n"  # whole seconds: urllib.robotparser ignores fractions
    run_fetch(config(single(site, "/novice/brez-vode.html")), tmp_path)
    times = sorted(when for _, _, when in site.seen)
    assert len(times) == 3 and min(b - a for a, b in zip(times, times[1:])) >= 0.95


# -- errors ------------------------------------------------------------------------------------

def test_not_found_page_is_a_failure_and_writes_nothing(site, tmp_path):
    summary = run_fetch(config(single(site, "/manjka.html")), tmp_path)
    assert [f.reason for f in summary.failures] == ["http_404"] and not _pages(tmp_path)


def test_server_error_is_retried_until_the_page_arrives(site, tmp_path):
    summary = run_fetch(config(single(site, "/nestabilno.html")), tmp_path)
    assert site.hits["/nestabilno.html"] == 2 and summary.written == 1


def test_persistent_server_error_gives_up_after_the_configured_retries(site, tmp_path):
    summary = run_fetch(config(single(site, "/vedno-napaka.html"), retries=2), tmp_path)
    assert site.hits["/vedno-napaka.html"] == 3 and summary.failures[0].reason == "http_503"


def test_client_errors_are_not_retried(site, tmp_path):
    run_fetch(config(single(site, "/manjka.html"), retries=3), tmp_path)
    assert site.hits["/manjka.html"] == 1


def test_permanent_redirect_is_followed_and_the_final_url_recorded(site, tmp_path):
    run_fetch(config(single(site, "/preseljeno.html")), tmp_path)
    (meta,) = sidecars(tmp_path)
    assert (meta["url"], meta["requested_url"]) == (site.base + "/novice/zapora-ceste.html", site.base + "/preseljeno.html")


def test_temporary_redirect_with_absolute_location_is_followed(site, tmp_path):
    run_fetch(config(single(site, "/zacasno.html")), tmp_path)
    assert [m["url"] for m in sidecars(tmp_path)] == [site.base + "/novice/brez-vode.html"]


def test_redirect_loop_stops_at_the_redirect_limit(site, tmp_path):
    summary = run_fetch(config(single(site, "/zanka-a.html"), max_redirects=5), tmp_path)
    assert summary.failures[0].reason == "too_many_redirects"
    assert site.hits["/zanka-a.html"] + site.hits["/zanka-b.html"] == 6


def test_slow_response_times_out_as_a_failure(site, tmp_path):
    summary = run_fetch(config(single(site, "/pocasi.html"), timeout=0.2, retries=0), tmp_path)
    assert [f.reason for f in summary.failures] == ["timeout"] and not _pages(tmp_path)


def test_body_over_the_declared_cap_is_refused_and_nothing_written(site, tmp_path):
    summary = run_fetch(config(single(site, "/veliko.html")), tmp_path)
    assert [f.reason for f in summary.failures] == ["too_large"] and not _pages(tmp_path)


def test_body_without_length_is_abandoned_at_the_cap(site, tmp_path):
    summary = run_fetch(config(single(site, "/veliko-brez-dolzine.html")), tmp_path)
    assert [f.reason for f in summary.failures] == ["too_large"] and not _pages(tmp_path)


def test_one_failing_source_does_not_stop_the_others(site, tmp_path):
    summary = run_fetch(config(single(site, "/manjka.html"), listing(site)), tmp_path)
    assert summary.failed == 1 and summary.written == 2


def test_unreachable_host_is_a_failure_and_never_crashes_the_run(tmp_path):
    from opendata.fetch import Source
    import regex

    dead = Source(name="mrtev", kind="listing", url="http://127.0.0.1:9/novice.html", source="x", link_pattern=regex.compile("."))
    summary = run_fetch(config(dead, retries=0), tmp_path)
    assert [f.reason for f in summary.failures] == ["robots_unavailable"] and "connection_error" in summary.failures[0].detail


def test_robots_txt_server_error_blocks_the_host_for_this_run_only(site, tmp_path):
    site.broken = {"/robots.txt"}
    first = run_fetch(config(listing(site), retries=0), tmp_path)
    site.broken = set()
    second = run_fetch(config(listing(site), retries=0), tmp_path)
    assert (first.written, second.written) == (0, 2)


# -- politeness ----------------------------------------------------------------------------------

def test_user_agent_names_the_fetcher_its_version_and_the_contact(site, tmp_path):
    run_fetch(config(listing(site)), tmp_path)
    agents = {headers["User-Agent"] for _, headers, _ in site.seen}
    assert agents == {"opendata-fetch/0.1.0 (+https://example.org/opendata-test)"}


def test_requests_to_one_host_are_spaced_by_min_interval(site, tmp_path):
    run_fetch(config(listing(site), min_interval=0.15), tmp_path)
    times = sorted(when for _, _, when in site.seen)
    assert len(times) >= 4 and min(b - a for a, b in zip(times, times[1:])) >= 0.14
