"""Property-based fuzzing of ingestion: bytes of any kind become documents or rejects, never errors."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from opendata.ingest import INPUT_SUFFIXES, ingest_directory, read_file
from opendata.ingest.decode import IngestError, decode_bytes
from opendata.ingest.feeds import parse_feed
from opendata.ingest.html import html_to_text, parse_datetime, parse_html
from opendata.ingest.jsonl import parse_jsonl

from .conftest import any_text, awkward_text, notice_text

def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes


TAGS = ["div", "p", "article", "aside", "section", "main", "nav", "header", "footer", "h1", "h2", "h3",
        "ul", "li", "a", "b", "br", "table", "tr", "td", "script", "time", "figure", "form", "span"]
ATTRS = ["", ' class="sidebar"', ' class="entry-meta"', ' class="cookie-banner"', ' id="content"',
         ' class="article-body"', ' href="/x"', ' datetime="2025-03-01T10:00"', ' data-od-main="1"',
         ' itemprop="articleBody"', ' class="widget side"', ' role="main"']


@st.composite
def html_soup(draw) -> str:
    """Tag soup: random open/close tags, attributes and text, often unbalanced."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            parts.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(any_text))
    head = draw(st.sampled_from(["", "<!doctype html><html><head><title>Obvestilo - Občina</title>"
                                 '<meta property="article:published_time" content="2025-02-30">'
                                 "</head><body>", "<html><body>", "<?xml version='1.0'?>"]))
    return head + "".join(parts) + draw(st.sampled_from(["", "</body></html>", "<div", "<!--"]))


FEED_ITEM = st.builds(
    lambda title, body, date: f"<item><title>{title}</title><description><![CDATA[{body}]]></description>"
                              f"<pubDate>{date}</pubDate><link>https://x.si/{abs(hash(title))}</link></item>",
    st.text(alphabet=st.characters(blacklist_characters="<&]"), max_size=40), notice_text,
    st.sampled_from(["Mon, 03 Mar 2025 10:00:00 +0100", "32. 13. 2025", "", "garbage", "2025-02-29"]),
)
feeds = st.one_of(
    st.lists(FEED_ITEM, max_size=5).map(
        lambda items: '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + "".join(items) + "</channel></rss>"),
    html_soup(),
)


@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00")
@example(b"<meta charset=utf-7>+AGEAYgBj-")
@example(b'<?xml version="1.0" encoding="bogus-42"?><a/>')
@example("Šoštanj".encode("iso8859-2") + b"\x9a")
def test_any_bytes_decode_to_clean_text_or_a_reasoned_error(data):
    try:
        text, encoding = decode_bytes(data)
    except IngestError as exc:
        assert exc.reason in ("empty", "binary", "undecodable")
        return
    assert text.strip() and isinstance(encoding, str)
    assert "\r" not in text and "\u2028" not in text


@given(st.one_of(html_soup(), any_text))
def test_any_html_parses_to_a_page(html):
    page = parse_html(html)
    assert isinstance(page.text, str)
    for teaser in page.teasers:
        assert teaser.title and teaser.text
    assert isinstance(html_to_text(html), str)


@given(st.one_of(awkward_text, st.sampled_from(["2025-02-29", "9999-12-31T23:59:59+14:00", "0001-01-01",
                                                 "32. 13. 2025", "29. februarja 2025", "Tue, 99 Foo 2025"])))
def test_any_date_string_parses_to_an_aware_datetime_or_none(value):
    parsed = parse_datetime(value)
    assert parsed is None or parsed.tzinfo is not None


@given(st.one_of(feeds.map(_utf8), st.binary(max_size=500)))
def test_any_feed_bytes_give_items_or_a_reasoned_error(data):
    try:
        items = parse_feed(data)
    except IngestError as exc:
        assert exc.reason in ("empty", "bad_feed", "too_many_items")
        return
    for item in items:
        assert isinstance(item.text, str)
        assert item.published_at is None or item.published_at.tzinfo is not None


JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), awkward_text),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(awkward_text, inner, max_size=3),
                           max_leaves=8)
JSON_LINE = st.one_of(
    st.fixed_dictionaries({}, optional={"text": st.one_of(any_text, JSON_VALUES), "html": st.one_of(html_soup(), JSON_VALUES),
                                        "title": JSON_VALUES, "url": JSON_VALUES, "published_at": JSON_VALUES,
                                        "fetched_at": JSON_VALUES, "source": JSON_VALUES}).map(json.dumps),
    JSON_VALUES.map(json.dumps), awkward_text,
)


@given(st.lists(JSON_LINE, max_size=6).map("\n".join))
@example("[" * 100_000)
@example('{"text": "a"}\n\n{"text": ' + "[" * 5000 + "}")
def test_any_jsonl_gives_records_and_numbered_bad_lines(text):
    records, bad = parse_jsonl(text)
    lines = text.split("\n")
    for number, error in bad:
        assert 1 <= number <= len(lines) and error.reason in ("bad_json_line", "text_too_long")
    for record in records:
        assert record.text.strip()


SUFFIXES = [*INPUT_SUFFIXES, ".md", ".json", ".pdf", ""]
FILE_BODIES = st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                        html_soup().map(lambda t: t.encode("utf-8", "surrogatepass")), feeds.map(_utf8),
                        st.lists(JSON_LINE, max_size=3).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")))
LANDING = st.dictionaries(
    st.tuples(st.sampled_from(["a", "b", "sub/c", "sub/deep/d", "Šola", "x.y"]), st.sampled_from(SUFFIXES)),
    FILE_BODIES, max_size=6,
)


@given(LANDING, st.lists(st.sampled_from(["a.html", "b.txt", "sub/c.jsonl"]), max_size=2),
       st.sampled_from([b'{"url": "https://x.si/1", "published_at": "2025-02-30"}', b"{not json", b"[]",
                        b'{"title": "Naslov", "fetched_at": "32. 13. 2025"}', b"\xff\xfe"]))
def test_every_landing_file_is_accounted_for_exactly_once(files, sidecars, sidecar_body):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for (stem, suffix), body in files.items():
            path = root / f"{stem}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        for name in sidecars:
            path = root / f"{name}.meta.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(sidecar_body)
        result = ingest_directory(root)
        report = result.report()
        paths = sorted(o.path for o in result.files)
        written = {f"{stem}{suffix}" for stem, suffix in files}
        orphans = {f"{name}.meta.json" for name in sidecars if name not in written}
        assert len(paths) == len(set(paths)) == len(files) + len(orphans)
        assert report["files"] == report["accepted"] + report["duplicates"] + report["rejected"] + report["ignored"]
        for outcome in result.files:
            if outcome.status == "rejected":
                assert outcome.reason and outcome.reason != "parse_error", outcome
        origins = {o.path for o in result.files if o.status == "accepted"}
        assert {d.origin for d in result.documents} == origins
        for doc in result.documents:
            assert doc.text.strip()


@given(notice_text)
def test_a_text_dump_of_any_notice_reads_without_parse_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "n.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        docs, rejects, _ = read_file(root / "n.txt", root)
        assert docs or rejects
        assert all(r.reason != "parse_error" for r in rejects), rejects


def _nested(tag: str, depth: int, attrs: str = "") -> str:
    return ("<html><body>" + f"<{tag}{attrs}>x " * depth + "Prekinitev dobave vode v Velenju."
            + f"</{tag}>" * depth + "</body></html>")


def test_a_page_nested_ten_thousand_deep_in_any_block_parses_in_seconds():
    started = time.perf_counter()
    for tag, attrs in [("div", ""), ("article", ""), ("aside", ""), ("section", ' class="sidebar"'),
                       ("div", ' class="entry-meta"'), ("header", ""), ("li", ""), ("span", "")]:
        parse_html(_nested(tag, 10_000, attrs))
    assert time.perf_counter() - started < 10


def test_a_sidebar_nested_ten_thousand_deep_is_read_not_a_recursion_error():
    # Regression: the teaser walk recursed once per level and raised RecursionError at ~1000.
    page = parse_html("<html><body><main><p>" + "Glavna novica o prekinitvi dobave vode. " * 5 + "</p></main>"
                      + "<aside>" * 10_000 + "<h3><a href='/n'>Zapora ceste</a></h3><p>Cesta bo zaprta.</p>"
                      + "</aside>" * 10_000 + "</body></html>")
    assert [t.title for t in page.teasers] == ["Zapora ceste"]


def test_nested_articles_pick_the_outermost_story_in_linear_time():
    # Regression: every <article> walked all its ancestors and measured its whole text (quadratic).
    started = time.perf_counter()
    page = parse_html(_nested("article", 20_000))
    assert page.text.endswith("Prekinitev dobave vode v Velenju.")
    assert time.perf_counter() - started < 5


def test_a_sidecar_with_non_string_fields_costs_a_warning_not_the_page(tmp_path):
    (tmp_path / "a.html").write_text("<p>Prekinitev dobave vode v Velenju v ponedeljek.</p>", encoding="utf-8")
    (tmp_path / "a.html.meta.json").write_text('{"title": 5, "url": ["x"]}', encoding="utf-8")
    docs, rejects, warnings = read_file(tmp_path / "a.html", tmp_path)
    assert docs and not rejects and [w.reason for w in warnings] == ["bad_sidecar"]


def test_an_orphan_sidecar_is_reported_as_ignored(tmp_path):
    (tmp_path / "gone.html.meta.json").write_text('{"url": "https://x.si/1"}', encoding="utf-8")
    result = ingest_directory(tmp_path)
    assert [(o.path, o.status) for o in result.files] == [("gone.html.meta.json", "ignored")]


def test_a_json_escaped_lone_surrogate_becomes_a_replacement_character():
    # Regression: json.loads turns "\udcff" into a lone surrogate, which lemmagen3 and every
    # UTF-8 writer reject; the extractors failed on such a document.
    [record], bad = parse_jsonl('{"text": "Zapora ceste \\udcff v Kranju", "title": "Zapora \\ud800"}')
    assert bad == [] and record.text == "Zapora ceste \ufffd v Kranju" and record.title == "Zapora \ufffd"
    record.text.encode("utf-8")
