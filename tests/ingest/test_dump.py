"""Page dumps: the article is separated from chrome, and every sidebar item is a teaser."""
from opendata.ingest.dump import split_dump

NEWS_PORTAL = """Search

Nova igrala v parku ob jezeru

Občina je v parku ob jezeru postavila nova igrala za otroke. Igrala so...
NULL
FOTO: Arhiv

Občina je v parku ob jezeru postavila nova igrala za otroke. Igrala so izdelana iz lesa.

Park bo odprt vsak dan od 7. do 21. ure.

Dodaj odgovor

Več novic

Šport

Plavalci osvojili tri medalje

Mladi plavalci so na državnem prvenstvu osvojili tri medalje....
Družba

Krvodajalska akcija v zdravstvenem domu

Rdeči križ vabi na krvodajalsko akcijo, ki bo v torek....

OBVESTILA

Obvestila

Prekinitev dobave vode na Lipovi ulici

Komunalno podjetje obvešča, da bo v sredo med 8. in 12. uro prekinjena dobava vode....

Zadnje osmrtnice

Janez Primer

Marija Vzorec
"""

MUNICIPAL_LIST = """Občina Primer
Preskoči na vsebino
Domov
Občina
Obvestila
Kontakt

Aktualno

Obnova ceste skozi vas

Objavljeno: 3. 3. 2025

Občina obvešča, da se bo v ponedeljek začela obnova ceste skozi vas, ki bo trajala dva tedna.

Obvestila

Zapora mostu čez potok
Objavljeno: 28. 2. 2025
Most bo v petek zaprt zaradi pregleda nosilnosti.

Prireditve

Pustni karneval
Sobota, 1. marca, ob 10. uri, pred šolo
Turistično društvo vabi na pustni karneval.

Občina Primer, 1000 Primer
© Občina Primer | Piškotki
"""


def test_headline_of_a_news_dump_is_its_title():
    assert split_dump(NEWS_PORTAL).title == "Nova igrala v parku ob jezeru"


def test_truncated_lead_under_the_headline_is_dropped():
    text = split_dump(NEWS_PORTAL).text
    assert text.count("Občina je v parku ob jezeru postavila nova igrala") == 1


def test_chrome_lines_are_not_article_text():
    text = split_dump(NEWS_PORTAL).text
    for chrome in ("Search", "NULL", "FOTO", "Dodaj odgovor", "Več novic"):
        assert chrome not in text


def test_obituary_names_are_dropped():
    dump = split_dump(NEWS_PORTAL)
    assert all("Primer" not in t.title and "Vzorec" not in t.title for t in dump.teasers)
    assert "Janez Primer" not in dump.text


def test_every_sidebar_item_becomes_a_teaser_with_its_lead():
    teasers = split_dump(NEWS_PORTAL).teasers
    assert [t.title for t in teasers] == [
        "Plavalci osvojili tri medalje",
        "Krvodajalska akcija v zdravstvenem domu",
        "Prekinitev dobave vode na Lipovi ulici",
    ]
    assert teasers[2].text.startswith("Komunalno podjetje obvešča")


def test_category_label_is_kept_apart_from_the_lead():
    teasers = split_dump(NEWS_PORTAL).teasers
    assert teasers[0].label == "Šport"
    assert "Družba" not in teasers[0].text


def test_site_menu_is_not_the_title():
    assert split_dump(MUNICIPAL_LIST).title == "Obnova ceste skozi vas"


def test_page_publication_line_is_read():
    assert split_dump(MUNICIPAL_LIST).published == "3. 3. 2025"


def test_dated_list_items_become_teasers_with_their_own_dates():
    teasers = split_dump(MUNICIPAL_LIST).teasers
    assert teasers[0].title == "Zapora mostu čez potok"
    assert teasers[0].published == "28. 2. 2025"


def test_date_line_under_an_event_headline_stays_in_its_lead():
    event = split_dump(MUNICIPAL_LIST).teasers[-1]
    assert event.title == "Pustni karneval"
    assert event.text.startswith("Sobota, 1. marca, ob 10. uri")


def test_footer_address_is_not_a_teaser():
    assert all("1000 Primer" not in t.title for t in split_dump(MUNICIPAL_LIST).teasers)


def test_dump_without_chrome_keeps_all_paragraphs():
    dump = split_dump("Naslov članka\n\nPrvi odstavek.\n\nDrugi odstavek.")
    assert dump.text == "Naslov članka\n\nPrvi odstavek.\n\nDrugi odstavek."


BREADCRUMBED = """Občina Primer
Domov
Novice
Kontakt

Domov > Novice > Promet

Zapora mostu čez potok

Občina obvešča, da bo most v petek zaprt zaradi pregleda nosilnosti.

Več novic

KULTURA
Razstava v galeriji
Galerija bo od ponedeljka gostila razstavo fotografij.
Preberi več

ŠPORT | Domači rokometaši zmagali (31:29)
"""


def test_breadcrumb_trail_is_not_the_title():
    assert split_dump(BREADCRUMBED).title == "Zapora mostu čez potok"


def test_read_more_links_do_not_become_teasers():
    titles = [t.title for t in split_dump(BREADCRUMBED).teasers]
    assert titles == ["Razstava v galeriji"]


def test_section_heading_above_the_headline_is_skipped():
    dump = split_dump("Obvestila uporabnikom\n\nMotena dobava vode v Lipi\n\nV petek bo motena dobava vode.")
    assert dump.title == "Motena dobava vode v Lipi"


def test_short_lines_of_a_dated_schedule_are_content_not_a_menu():
    text = "Načrtovani izklopi\n\nZaradi del bo prekinjena dobava elektrike.\n\nsreda, 5.3.2025, 9.00–12.00\nObčina Primer\n– Lipa: del naselja"
    assert "– Lipa: del naselja" in split_dump(text).text


def test_headline_under_the_publishers_company_name_is_the_title():
    dump = split_dump("Elektro Primer d.d.\nNačrtovani izklopi elektrike\nNadzorništvo Lipa\n\nObveščamo odjemalce, da bo v sredo brez elektrike.")
    assert dump.title == "Načrtovani izklopi elektrike"
    assert "Nadzorništvo Lipa" in dump.text


def test_the_sites_name_above_the_headline_is_not_the_title():
    dump = split_dump("Mestna občina Primer\nObčina   Novice   Zapore cest   Kontakt\n\nZapora Lipove ulice\n\nUlica bo zaprta v petek.")
    assert dump.title == "Zapora Lipove ulice"


def test_a_menu_laid_out_with_wide_gaps_is_chrome():
    dump = split_dump("Zapora Lipove ulice\n\nObčina   Novice   Zapore cest   Kontakt\n\nUlica bo zaprta v petek.")
    assert "Kontakt" not in dump.text


def test_a_pipe_table_with_a_header_row_is_content_not_a_menu():
    text = ("Načrtovani izklopi\n\nV naslednjih dneh bo brez elektrike več naselij.\n\n"
            "Datum | Čas | Območje | Občina\n12.3.2026 | 8:00–11:00 | Lipa | Primer")
    assert "12.3.2026 | 8:00–11:00 | Lipa" in split_dump(text).text


def test_a_single_labelled_heading_over_a_date_line_stays_in_the_text():
    text = "Novice občine\n\nObčina vabi na prireditve.\n\nNAPOVEDNIK\n\nKONCERT | Godba Primer – pomladni koncert\nsobota, 4. 4. 2026, ob 19.30, Kulturni dom"
    assert "KONCERT | Godba Primer – pomladni koncert" in split_dump(text).text
