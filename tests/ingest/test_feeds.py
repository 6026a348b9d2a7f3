"""RSS/Atom bytes → one item per entry."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from opendata.ingest.decode import IngestError
from opendata.ingest.feeds import parse_feed

FIXTURES = Path(__file__).parent / "fixtures"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Novice</title><link>https://kraj.example/</link>
<description>Obvestila krajevne skupnosti</description>
<item><title>Zapora ceste na Paški Kozjak</title><link>https://kraj.example/zapora</link>
<guid isPermaLink="false">kraj-zapora-1</guid><pubDate>Tue, 14 Oct 2025 07:15:00 +0200</pubDate>
<description><![CDATA[<p>Cesta bo zaprta dva dni.</p><p>Obvoz vodi čez Gavce.</p>]]></description></item>
<item><title>Popravilo javne razsvetljave</title><link>https://kraj.example/luc</link>
<pubDate>Wed, 15 Oct 2025 12:00:00 +0200</pubDate><description>Svetilke bodo zamenjali do petka.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Napovednik</title><id>urn:kraj:napovednik</id>
<updated>2025-02-01T10:00:00+01:00</updated>
<entry><title>Pustno rajanje v Šmartnem</title><id>urn:kraj:pust</id>
<link href="https://kraj.example/pust"/><published>2025-02-01T10:00:00+01:00</published>
<updated>2025-02-02T10:00:00+01:00</updated>
<content type="html">&lt;p&gt;Maske se zberejo ob 14. uri.&lt;/p&gt;&lt;p&gt;Za krofe bo poskrbljeno.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_item_text_is_title_blank_line_then_description_paragraphs():
    item = parse_feed(RSS.encode())[0]
    assert item.text == "Zapora ceste na Paški Kozjak\n\nCesta bo zaprta dva dni.\n\nObvoz vodi čez Gavce."


def test_rss_item_keeps_link_guid_and_pubdate_offset():
    item = parse_feed(RSS.encode())[0]
    assert (item.url, item.guid) == ("https://kraj.example/zapora", "kraj-zapora-1")
    assert item.published_at == datetime.fromisoformat("2025-10-14T07:15:00+02:00")
    assert item.published_at.utcoffset() == timedelta(hours=2)


def test_every_rss_item_becomes_one_feed_item():
    assert [i.title for i in parse_feed(RSS.encode())] == [
        "Zapora ceste na Paški Kozjak", "Popravilo javne razsvetljave",
    ]


def test_atom_entry_uses_html_content_and_published_date():
    item = parse_feed(ATOM.encode())[0]
    assert item.text == "Pustno rajanje v Šmartnem\n\nMaske se zberejo ob 14. uri.\n\nZa krofe bo poskrbljeno."
    assert item.published_at == datetime.fromisoformat("2025-02-01T10:00:00+01:00")


def test_windows_1250_feed_keeps_slovenian_letters():
    item = parse_feed((FIXTURES / "feed_cp1250.xml").read_bytes())[0]
    assert item.title == "Zapora Šaleške ceste" and "č š ž Č Š Ž" in item.text


def test_html_page_is_rejected_as_not_a_feed():
    with pytest.raises(IngestError) as err:
        parse_feed((FIXTURES / "article_page.html").read_bytes())
    assert err.value.reason == "bad_feed"


def test_feed_over_the_item_limit_is_rejected():
    with pytest.raises(IngestError) as err:
        parse_feed(RSS.encode(), max_items=1)
    assert err.value.reason == "too_many_items"


def test_feed_with_channel_but_no_items_gives_no_items():
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Prazno</title></channel></rss>'
    assert parse_feed(empty) == []
