"""HTML page → article text, metadata and sidebar teasers."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from opendata.ingest.decode import decode_bytes
from opendata.ingest.html import html_to_text, parse_html

FIXTURES = Path(__file__).parent / "fixtures"


def _page(name: str):
    text, _ = decode_bytes((FIXTURES / name).read_bytes())
    return parse_html(text)


def test_main_text_starts_with_the_headline():
    page = _page("article_page.html")
    assert page.text.startswith("Nova kolesarska steza ob Paki\n\n")


def test_cookie_banner_navigation_and_footer_are_not_in_main_text():
    text = _page("article_page.html").text
    assert not any(s in text for s in ("piškotke", "Domov", "Novice", "©", "Trg 1"))


def test_breadcrumbs_share_bar_byline_and_category_labels_are_dropped():
    text = _page("article_page.html").text
    assert not any(s in text for s in ("›", "Deli na", "Piše:", "Kategorije"))


def test_script_and_style_content_never_reaches_text():
    text = _page("article_page.html").text
    assert "dataLayer" not in text and "color" not in text


def test_paragraphs_are_separated_by_blank_lines_and_br_is_a_newline():
    paragraphs = _page("article_page.html").text.split("\n\n")
    assert paragraphs[2] == (
        "Steza je osvetljena in ima tri počivališča.\nPrva klopca stoji pri mostu,\n"
        "zadnja pri gasilskem domu."
    )


def test_sidebar_notices_become_teasers_with_title_lead_and_absolute_link():
    first = _page("article_page.html").teasers[0]
    assert first.title == "Izklop elektrike v Gorenju"
    assert first.text.startswith("V petek, 11. aprila, med 9. in 12. uro")
    assert first.url == "https://www.obcina-primer.si/obvestila/izklop-elektrike-gorenje"


def test_teaser_text_stays_out_of_the_main_text():
    text = _page("article_page.html").text
    assert "transformatorja" not in text and "Cesti talcev" not in text


def test_link_only_lists_and_obituaries_yield_no_teasers():
    titles = [t.title for t in _page("article_page.html").teasers]
    assert titles == ["Izklop elektrike v Gorenju", "Motnja pri oskrbi z vodo na Cesti talcev"]


def test_obituary_block_is_not_in_main_text():
    assert "pogreb" not in _page("article_page.html").text


def test_canonical_link_is_the_page_url():
    assert _page("article_page.html").url == (
        "https://www.obcina-primer.si/novice/nova-kolesarska-steza-ob-paki"
    )


def test_og_url_is_used_when_there_is_no_canonical_link():
    assert _page("plain_div_page.html").url == "https://ks-primer.si/obvestila/ciscenje-hudournika"


def test_article_published_time_keeps_its_offset():
    published = _page("article_page.html").published_at
    assert published == datetime.fromisoformat("2025-04-08T09:45:00+02:00")
    assert published.utcoffset() == timedelta(hours=2)


def test_visible_objavljeno_line_dates_a_page_without_metadata():
    published = _page("plain_div_page.html").published_at
    assert (published.date().isoformat(), published.utcoffset()) == ("2025-05-14", timedelta(hours=2))


def test_json_ld_date_published_is_read():
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-11-03T08:00:00+01:00"}</script></head><body><article><h1>Naslov</h1>'
        "<p>Besedilo novice o novem igrišču v Lokovici, ki je dovolj dolgo za članek.</p></article></body></html>"
    )
    assert parse_html(html).published_at == datetime.fromisoformat("2024-11-03T08:00:00+01:00")


def test_time_element_without_offset_is_read_as_ljubljana_time():
    html = (
        '<article><h1>Naslov</h1><time datetime="2025-01-20T10:00">20. 1.</time>'
        "<p>Pozimi bo knjižnica v Mozirju odprta tudi ob sobotah dopoldne, so sporočili.</p></article>"
    )
    assert parse_html(html).published_at.utcoffset() == timedelta(hours=1)


def test_page_without_article_element_reads_the_content_div():
    page = _page("plain_div_page.html")
    assert page.text == (
        "Čiščenje hudournika pod Graško goro\n\nKrajevna skupnost vabi prostovoljce, da se v soboto "
        "pridružijo čiščenju struge hudournika pod Graško goro. Zbor bo ob 8. uri pri gasilskem domu."
    )


def test_bold_lead_in_under_napovednik_is_a_teaser_and_office_hours_are_not():
    teasers = _page("plain_div_page.html").teasers
    assert [(t.title, t.text) for t in teasers] == [
        ("Srečanje starejših krajanov", "nedelja, 25. 5. 2025, ob 15.00\nDom krajanov Primer")
    ]


def test_page_cut_mid_tag_keeps_text_before_the_cut_and_is_flagged_truncated():
    page = _page("truncated_page.html")
    assert page.truncated
    assert page.text.endswith("natančen načrt obvozov je na voljo na")


def test_complete_page_is_not_flagged_truncated():
    assert not _page("article_page.html").truncated


def test_windows_1250_page_keeps_slovenian_letters_through_parsing():
    page = _page("cp1250_meta.html")
    assert "č š ž Č Š Ž" in page.text and page.title == "Zapora Šaleške ceste"


def test_html_fragment_becomes_paragraphs_with_collapsed_spaces():
    fragment = "<p>Prva  vrstica\n z\u00a0presledki.</p><ul><li>ena</li><li>dve</li></ul>"
    assert html_to_text(fragment) == "Prva vrstica z presledki.\n\nena\n\ndve"


def test_more_news_section_after_the_story_becomes_teasers_not_text():
    html = (
        "<main><article><h1>Nov vrtec v Pesju</h1><p>Otroci so se v nove igralnice preselili že v "
        "ponedeljek, uradno odprtje bo jeseni.</p></article><h2>Več novic</h2><div class='item'>"
        "<a href='/n/7'><h3>Zapora Koroške ceste</h3></a><p>Koroška cesta bo v sredo zaprta.</p></div></main>"
    )
    page = parse_html(html)
    assert [(t.title, t.url) for t in page.teasers] == [("Zapora Koroške ceste", "/n/7")]
    assert "Koroška" not in page.text


def test_subsection_heading_inside_the_article_stays_in_the_text():
    html = (
        "<article><h1>Občinski praznik</h1><p>Občina bo praznovala ves teden, program je pripravljen "
        "za vse generacije.</p><h2>Dogodki</h2><p>V soboto bo koncert na trgu.</p></article>"
    )
    assert parse_html(html).text.endswith("Dogodki\n\nV soboto bo koncert na trgu.")


_BOXED = """<html><body><main><article><h1>Razpis za štipendije</h1><p>Občina objavlja razpis.</p></article>
<aside>
  <div class="box"><h3>Obvestilo komunale</h3>
    <p><strong>Zapora Cankarjeve ulice</strong></p>
    <p>V sredo, 4. marca, bo med 8. in 15. uro Cankarjeva ulica zaprta zaradi asfaltiranja.</p></div>
  <div class="box"><h3>Dežurna služba</h3>
    <p>Okvare in prekinitve prijavite dežurni službi, ki je dosegljiva vse dni.</p></div>
  <div class="box"><h3>Uradne ure</h3><p>Sprejemna pisarna je odprta od ponedeljka do petka.</p></div>
</aside></main></body></html>"""


def test_an_unlinked_sidebar_box_announcing_a_dated_disruption_is_a_teaser():
    assert [t.title for t in parse_html(_BOXED).teasers] == ["Zapora Cankarjeve ulice"]


def test_a_bold_line_under_a_label_heading_is_the_teasers_title():
    (teaser,) = parse_html(_BOXED).teasers
    assert teaser.text.startswith("V sredo, 4. marca")


_LISTED = """<html><body><main><article><h1>Sklic seje</h1><p>Seja bo v četrtek.</p></article>
<aside><h3>Napovednik</h3><ul>
  <li><span class="datum">20. 3. 2026 | 18.00</span><a href="/d/1">Odprtje razstave</a><p>Galerija v mestu.</p></li>
  <li><span class="datum">28. 3. 2026 | 8.00–13.00</span><a href="/d/2">Pomladni sejem</a><p>Na glavnem trgu.</p></li>
</ul></aside></main></body></html>"""


def test_a_listed_items_date_before_its_title_is_kept_in_its_text():
    assert [t.text.split("\n\n")[0] for t in parse_html(_LISTED).teasers] == ["20. 3. 2026 | 18.00", "28. 3. 2026 | 8.00–13.00"]


_CARDS = """<html><body><main><article><h1>Festival</h1><p>Vabljeni.</p></article>
<aside><h3>Napovednik</h3>
  <div class="event"><div class="when">sob., 11. 4. · 19.30</div><div class="what">Pomladni koncert</div>
    <div class="where">Minoritski samostan</div></div>
  <div class="links"><div>Kontakt</div><div>Piškotki</div></div>
</aside></main></body></html>"""


def test_an_event_card_of_plain_lines_under_a_listing_heading_is_a_teaser():
    assert [(t.title, t.text) for t in parse_html(_CARDS).teasers] == [
        ("Pomladni koncert", "sob., 11. 4. · 19.30\n\nMinoritski samostan")]
