"""sources.yaml: the shipped example loads, and a broken file is refused with the reason."""
from __future__ import annotations

import pytest

from opendata.config import PROJECT_ROOT
from opendata.fetch import SourcesError, load_sources, parse_sources

MINIMAL = {"contact": "https://example.org/kontakt", "sources": [{"name": "a", "kind": "feed", "url": "https://example.org/feed"}]}


def _with_source(**fields) -> dict:
    return {**MINIMAL, "sources": [{**MINIMAL["sources"][0], **fields}]}


def test_shipped_example_covers_velenje_kranj_and_ljubljana():
    config = load_sources(PROJECT_ROOT / "sources.yaml")
    hosts = {s.url.split("/")[2] for s in config.sources}
    assert hosts == {"www.velenje.si", "www.kranj.si", "www.ljubljana.si"}


def test_shipped_example_keeps_at_least_one_second_between_requests():
    assert load_sources(PROJECT_ROOT / "sources.yaml").politeness.min_interval >= 1.0


def test_source_label_defaults_to_the_source_name():
    assert parse_sources(MINIMAL).sources[0].source == "a"


def test_user_agent_carries_the_contact():
    assert parse_sources(MINIMAL).user_agent.endswith("(+https://example.org/kontakt)")


def test_missing_contact_is_refused():
    with pytest.raises(SourcesError, match="contact"):
        parse_sources({"sources": MINIMAL["sources"]})


def test_listing_without_link_pattern_is_refused():
    with pytest.raises(SourcesError, match="link_pattern"):
        parse_sources(_with_source(kind="listing"))


def test_invalid_link_pattern_is_refused():
    with pytest.raises(SourcesError, match="not a valid regex"):
        parse_sources(_with_source(kind="listing", link_pattern="(["))


def test_misspelt_key_is_refused_rather_than_ignored():
    with pytest.raises(SourcesError, match="linkpattern"):
        parse_sources(_with_source(linkpattern="x"))


def test_non_http_url_is_refused():
    with pytest.raises(SourcesError, match="url"):
        parse_sources(_with_source(url="file:///etc/passwd"))


def test_duplicate_source_names_are_refused():
    with pytest.raises(SourcesError, match="duplicate"):
        parse_sources({**MINIMAL, "sources": MINIMAL["sources"] * 2})


def test_negative_politeness_value_is_refused():
    with pytest.raises(SourcesError, match="min_interval"):
        parse_sources({**MINIMAL, "politeness": {"min_interval": -1}})


def test_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="not valid YAML"):
        load_sources(path)
