"""Outage extraction from one document, and the merge of many documents into rows."""
from __future__ import annotations

import random
from datetime import date, datetime, time

import pytest

from opendata.extract.outages import extract_outages, merge_outages
from opendata.language.gazetteer import Gazetteer
from opendata.model import LJUBLJANA, Document

from ..conftest import GAZETTEER_DIR


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(GAZETTEER_DIR)


def _doc(text: str, *, title: str | None = None, kind: str = "notice", day: date = date(2025, 3, 3),
         source: str = "velenjcan.si", doc_id: str = "doc-a", url: str | None = None) -> Document:
    body = f"{title}\n\n{text}" if title else text
    published = datetime(day.year, day.month, day.day, 9, 0, tzinfo=LJUBLJANA)
    return Document(doc_id, kind, body, title=title, url=url or f"https://{source}/{doc_id}",
                    source=source, published_at=published)


HEATING = _doc(
    "Komunalno podjetje Velenje obvešča uporabnike na Cankarjevi cesti 3 in 5 v Velenju, da bo v "
    "četrtek, 6. marca, od 8. do 13. ure zaradi vzdrževalnih del prekinjena dobava toplotne energije.",
    title="Prekinitev dobave toplote – Cankarjeva cesta",
)


def _one(doc: Document, gazetteer: Gazetteer):
    found = extract_outages(doc, gazetteer)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- one document

def test_notice_gives_service_effect_and_cause_from_its_words(gazetteer):
    c = _one(HEATING, gazetteer)
    assert (c.service, c.effect, c.cause) == ("heating", "no_service", "maintenance")


def test_notice_window_has_weekday_date_and_clock_times(gazetteer):
    w = _one(HEATING, gazetteer).window
    assert (w.start_date, w.start_time, w.end_date, w.end_time) == (
        date(2025, 3, 6), time(8, 0), date(2025, 3, 6), time(13, 0))


def test_notice_street_is_nominative_with_its_house_numbers(gazetteer):
    areas = _one(HEATING, gazetteer).areas
    assert [(a.municipality, a.street) for a in areas] == [("Velenje", "Cankarjeva cesta")]


def test_evidence_is_the_exact_slice_of_the_document_text(gazetteer):
    ev = _one(HEATING, gazetteer).evidence
    assert HEATING.text[ev.char_start:ev.char_end] == ev.text and "prekinjena dobava" in ev.text


def test_evidence_of_a_long_sentence_is_cut_to_300_characters(gazetteer):
    filler = ", ".join(f"naročniki v bloku številka {n}" for n in range(1, 15))
    doc = _doc(f"Elektro Celje obvešča, da bo v sredo, 5. marca, od 8. do 12. ure prekinjena dobava "
               f"električne energije za {filler} v Šoštanju.", title="Izklop elektrike")
    ev = _one(doc, gazetteer).evidence
    assert len(ev.text) <= 300 and doc.text[ev.char_start:ev.char_end] == ev.text


def test_operator_alias_is_normalised_to_the_full_name(gazetteer):
    doc = _doc("KP Velenje obvešča, da bo v petek, 7. marca, od 9. do 11. ure motena dobava plina v Pesju.",
               title="Motnje pri dobavi plina v Pesju")
    assert _one(doc, gazetteer).operator == "Komunalno podjetje Velenje"


def test_closure_today_starts_on_the_reference_date_in_the_site_municipality(gazetteer):
    doc = _doc("Mestno kopališče je danes zaradi okvare črpalke zaprto.", title="Kopališče danes zaprto",
               kind="teaser", day=date(2025, 7, 14))
    c = _one(doc, gazetteer)
    assert (c.window.start_date, [a.municipality for a in c.areas]) == (date(2025, 7, 14), ["Velenje"])


def test_news_portal_notice_without_announcer_has_no_operator(gazetteer):
    doc = _doc("Mestno kopališče bo v ponedeljek, 10. marca, zaprto.", title="Kopališče zaprto")
    assert _one(doc, gazetteer).operator is None


def test_operator_site_stands_in_when_the_notice_names_nobody(gazetteer):
    doc = _doc("Zbirni center bo v soboto, 8. marca, zaprt.", title="Zbirni center zaprt",
               source="komunala-kranj.si")
    assert _one(doc, gazetteer).operator == "Komunala Kranj"


def test_cause_is_unknown_when_the_words_do_not_say(gazetteer):
    doc = _doc("V torek, 4. marca, bo od 8. do 10. ure prekinjena dobava pitne vode v Gaberkah.",
               title="Brez vode v Gaberkah")
    assert _one(doc, gazetteer).cause == "unknown"


def test_past_disruptions_mentioned_in_passing_are_not_outages(gazetteer):
    doc = _doc("Odjemalci so se v preteklih letih že večkrat soočili z motnjami pri ogrevanju. Podjetje "
               "bo o morebitnih prekinitvah dobave sproti obveščalo.", title="Obnova vročevoda se nadaljuje",
               kind="article")
    assert extract_outages(doc, gazetteer) == []


def test_call_for_proposals_with_a_deadline_is_not_an_outage(gazetteer):
    doc = _doc("Občina do 15. decembra zbira pobude za priznanja; predlogi morajo biti zaprti v kuverti.",
               title="Zbiramo pobude za občinska priznanja", kind="teaser")
    assert extract_outages(doc, gazetteer) == []


def test_road_closure_in_a_festival_article_takes_its_end_from_the_next_sentence(gazetteer):
    doc = _doc("Poletni festival bo na Glavnem trgu potekal tri dni. V petek, 18. julija, od 10. ure dalje "
               "bo za ves promet zaprta Maistrova ulica. Zapora bo veljala do nedelje, 20. julija.",
               title="Poletni festival v Kranju", kind="article", source="kranj.si", day=date(2025, 7, 10))
    c = _one(doc, gazetteer)
    assert (c.service, c.window.start_date, c.window.start_time, c.window.end_date) == (
        "road", date(2025, 7, 18), time(10, 0), date(2025, 7, 20))


def test_detour_street_is_not_an_area_of_the_closure(gazetteer):
    doc = _doc("Občina Šoštanj obvešča, da bo v sredo, 5. marca, od 7. do 15. ure popolna zapora Kajuhove "
               "ceste v Šoštanju, obvoz bo po Levstikovi cesti.", title="Zapora Kajuhove ceste",
               source="sostanj.si")
    assert [a.street for a in _one(doc, gazetteer).areas] == ["Kajuhova cesta"]


def test_bus_changes_at_the_same_time_inherit_the_closure_window(gazetteer):
    doc = _doc("V nedeljo, 9. marca, bodo med 8. in 14. uro za ves promet zaprte Slovenska cesta in "
               "Tivolska cesta v Ljubljani. Avtobusi LPP bodo v tem času vozili po spremenjenih trasah.",
               title="Zapore cest ob teku", kind="article", source="ljubljana.si")
    bus = [c for c in extract_outages(doc, gazetteer) if c.service == "public_transport"]
    assert [(c.window.start_date, c.window.start_time) for c in bus] == [(date(2025, 3, 9), time(8, 0))]


def test_restoration_sentence_gives_an_estimated_end_time(gazetteer):
    doc = _doc("Zaradi okvare je danes od 9. ure dalje brez vode Bleiweisova cesta v Kranju. Dobava bo "
               "predvidoma vzpostavljena do 13. ure.", title="Okvara vodovoda", source="komunala-kranj.si")
    w = _one(doc, gazetteer).window
    assert (w.start_time, w.end_time, w.end_estimated) == (time(9, 0), time(13, 0), True)


def test_date_stated_only_in_the_headline_is_used(gazetteer):
    doc = _doc("KP Velenje obvešča o popolni zapori ceste.", title="Do konca aprila zapora ceste LC 490011",
               kind="teaser")
    c = _one(doc, gazetteer)
    assert (c.service, c.window.end_date) == ("road", date(2025, 4, 30))


def test_postponed_notice_takes_the_new_date(gazetteer):
    doc = _doc("Komunalno podjetje Velenje obvešča, da je prekinitev dobave toplote na Kidričevi cesti 2–8, "
               "napovedana za torek, 4. marca, prestavljena na četrtek, 13. marca. Dela bodo potekala od 8. "
               "do 12. ure.", title="Prekinitev na Kidričevi cesti prestavljena", day=date(2025, 3, 3))
    c = _one(doc, gazetteer)
    assert (c.postponed, c.window.start_date, c.window.start_time) == (True, date(2025, 3, 13), time(8, 0))


def test_switch_off_table_gives_one_outage_per_row(gazetteer):
    doc = _doc("Zaradi del na omrežju bo prekinjena dobava električne energije.\n\n"
               "Sreda, 12. 3. 2025\n"
               "08:00–10:30 | TP Zgornje Gameljne 2 | Zgornje Gameljne | zamenjava stikala\n"
               "11:00–14:00 | TP Podgrad 1 | Podgrad | vzdrževalna dela\n",
               title="Načrtovani izklopi", source="elektro-ljubljana.si", kind="article")
    found = extract_outages(doc, gazetteer)
    assert [(c.areas[0].locality, c.window.start_time) for c in found] == [
        ("Zgornje Gameljne", time(8, 0)), ("Podgrad", time(11, 0))]


def test_list_page_gives_one_outage_per_headline(gazetteer):
    doc = _doc("Obvestila\n\nZapora Koroške ceste\n"
               "Občina Šoštanj obvešča, da bo v sredo, 5. marca, od 8. do 16. ure popolna zapora Koroške "
               "ceste v Šoštanju zaradi asfaltiranja.\n\nPrekinitev dobave vode v Topolšici\n"
               "Komunalno podjetje Velenje obvešča, da bo v četrtek, 6. marca, od 9. do 12. ure prekinjena "
               "dobava pitne vode v naselju Topolšica.", title="Obvestila občine", kind="article",
               source="sostanj.si")
    found = extract_outages(doc, gazetteer)
    assert [(c.service, c.operator) for c in found] == [
        ("road", "Občina Šoštanj"), ("water", "Komunalno podjetje Velenje")]


def test_whole_municipality_notice_has_one_municipality_row(gazetteer):
    doc = _doc("Komunalno podjetje Velenje obvešča, da bo jutri od 22. ure do 4. ure na celotnem območju "
               "Občine Šoštanj znižan tlak v vodovodnem omrežju.", title="Znižan tlak v Šoštanju")
    areas = _one(doc, gazetteer).areas
    assert [(a.municipality, a.locality, a.street) for a in areas] == [("Šoštanj", None, None)]


# ---------------------------------------------------------------- merge

def _teaser_and_notice(gazetteer):
    teaser = _doc(HEATING.text.split("\n\n", 1)[1][:150] + "...", title=HEATING.title, kind="teaser",
                  doc_id="doc-t", day=date(2025, 3, 2))
    return extract_outages(teaser, gazetteer) + extract_outages(HEATING, gazetteer)


def test_teaser_and_full_notice_merge_into_one_row(gazetteer):
    outages, _areas, mentions = merge_outages(_teaser_and_notice(gazetteer), gazetteer)
    assert (len(outages), len(mentions), outages[0]["mention_count"]) == (1, 2, 2)


def test_merged_row_keeps_the_first_announcing_document(gazetteer):
    outages, _areas, _mentions = merge_outages(_teaser_and_notice(gazetteer), gazetteer)
    assert outages[0]["document_id"] == "doc-t"


def test_merged_row_takes_the_full_notice_end_time_missing_from_the_cut_teaser(gazetteer):
    outages, _areas, _mentions = merge_outages(_teaser_and_notice(gazetteer), gazetteer)
    assert outages[0]["end_time"] == time(13, 0)


def test_same_notice_twice_in_one_document_is_one_mention(gazetteer):
    twice = extract_outages(HEATING, gazetteer) * 2
    _outages, _areas, mentions = merge_outages(twice, gazetteer)
    assert len(mentions) == 1


def test_merge_result_does_not_depend_on_input_order(gazetteer):
    candidates = _teaser_and_notice(gazetteer) + extract_outages(_doc(
        "V petek, 7. marca, bo zaprt mestni bazen.", title="Bazen zaprt", doc_id="doc-b"), gazetteer)
    shuffled = list(candidates)
    random.Random(4).shuffle(shuffled)
    assert merge_outages(candidates, gazetteer) == merge_outages(shuffled, gazetteer)


def test_postponement_moves_the_window_and_keeps_the_id(gazetteer):
    first = _doc("Komunalno podjetje Velenje obvešča, da bo v torek, 4. marca, od 8. do 12. ure prekinjena "
                 "dobava toplote na Kidričevi cesti 2–8 v Velenju.", title="Prekinitev na Kidričevi cesti",
                 doc_id="doc-1", day=date(2025, 3, 1))
    moved = _doc("Komunalno podjetje Velenje obvešča, da je prekinitev dobave toplote na Kidričevi cesti 2–8, "
                 "napovedana za torek, 4. marca, prestavljena na četrtek, 13. marca. Dela bodo potekala od 8. "
                 "do 12. ure.", title="Prekinitev prestavljena", doc_id="doc-2", day=date(2025, 3, 3))
    alone, _a, _m = merge_outages(extract_outages(first, gazetteer), gazetteer)
    both, _a, _m = merge_outages(extract_outages(first, gazetteer) + extract_outages(moved, gazetteer), gazetteer)
    assert (len(both), both[0]["outage_id"], both[0]["start_date"]) == (
        1, alone[0]["outage_id"], date(2025, 3, 13))


def test_two_streets_on_the_same_day_stay_two_outages(gazetteer):
    other = _doc("Komunalno podjetje Velenje obvešča uporabnike na Šaleški cesti 10 v Velenju, da bo v četrtek, "
                 "6. marca, od 8. do 13. ure prekinjena dobava toplotne energije.", title="Prekinitev – Šaleška",
                 doc_id="doc-c")
    outages, _a, _m = merge_outages(extract_outages(HEATING, gazetteer) + extract_outages(other, gazetteer),
                                    gazetteer)
    assert len(outages) == 2


def test_area_rows_carry_the_iso_code_of_the_municipality(gazetteer):
    _outages, areas, _m = merge_outages(extract_outages(HEATING, gazetteer), gazetteer)
    assert areas[0]["municipality_code"] == "SI-133"


def test_mention_rows_point_back_into_the_document(gazetteer):
    _outages, _areas, mentions = merge_outages(extract_outages(HEATING, gazetteer), gazetteer)
    m = mentions[0]
    assert (m["record_type"], HEATING.text[m["char_start"]:m["char_end"]]) == ("outage", m["evidence"])


# ---------------------------------------------------------------- list pages and context

SCHEDULE = _doc(
    "Zaradi menjave drogov bodo brez električne energije odjemalci na naslednjih območjih:\n\n"
    "torek, 11.3.2025, 8.00–11.00\n"
    "Občina Ribnica\n"
    "– Hrovača: Gorenjska cesta od hišne številke 2 do 14\n\n"
    "sreda, 12.3.2025, 12.00–15.00\n"
    "Občina Sodražica\n"
    "– Zamostec: del naselja\n\n"
    "Dela lahko prestavimo, če bo slabo vreme.",
    title="Obvestilo o izklopih", source="Elektro Ljubljana", url="https://www.elektro-ljubljana.si/izklopi/x",
)


def test_schedule_page_gives_one_outage_per_dated_entry(gazetteer):
    found = extract_outages(SCHEDULE, gazetteer)
    assert [c.window.start_date for c in found] == [date(2025, 3, 11), date(2025, 3, 12)]


def test_schedule_entry_takes_the_places_listed_under_its_date(gazetteer):
    found = extract_outages(SCHEDULE, gazetteer)
    assert [(a.municipality, a.locality) for a in found[1].areas] == [("Sodražica", "Zamostec")]


def test_schedule_entry_keeps_the_reason_of_the_introducing_statement(gazetteer):
    assert {c.cause for c in extract_outages(SCHEDULE, gazetteer)} == {"maintenance"}


def test_streets_listed_under_a_statement_are_its_places(gazetteer):
    doc = _doc("V četrtek, 6. marca, bo od 8. do 12. ure prekinjena dobava vode na naslednjih ulicah v Kočevju:\n"
               "– na Ljubljanski cesti,\n– v Tomšičevi ulici.",
               title="Prekinitev dobave vode v Kočevju", source="Komunala Kočevje",
               url="https://www.komunala-kocevje.si/obvestila/x")
    assert {a.street for a in _one(doc, gazetteer).areas} == {"Ljubljanska cesta", "Tomšičeva ulica"}


def test_utility_publisher_is_the_operator_when_the_text_names_none(gazetteer):
    doc = _doc("Obveščamo uporabnike, da bo v petek, 7. marca, od 9. do 11. ure prekinjena dobava vode "
               "na Kolodvorski ulici.", title="Prekinitev dobave vode", source="Komunala Kočevje",
               url="https://www.komunala-kocevje.si/obvestila/y")
    assert _one(doc, gazetteer).operator == "Komunala Kočevje"


def test_street_only_notice_takes_the_town_of_the_publisher(gazetteer):
    doc = _doc("V petek, 7. marca, bo od 9. do 11. ure prekinjena dobava toplote na Kidričevi cesti.",
               title="Prekinitev dobave toplote", source="Energetika Ptuj", url="https://www.energetika-ptuj.si/x")
    assert [(a.municipality, a.locality) for a in _one(doc, gazetteer).areas] == [("Ptuj", "Ptuj")]


def test_municipality_own_site_makes_its_office_the_operator(gazetteer):
    doc = _doc("V ponedeljek, 10. marca, bo od 7. do 15. ure zaradi asfaltiranja zaprta Trubarjeva ulica.",
               title="Zapora Trubarjeve ulice", source="Občinske novice", url="https://www.kocevje.si/novice/z")
    assert _one(doc, gazetteer).operator == "Občina Kočevje"


def test_bus_detour_under_its_own_headline_takes_the_closure_window(gazetteer):
    doc = _doc("Mestna občina Celje obvešča, da bo od 3. do 7. marca zaradi obnove zaprta Stanetova ulica.\n\n"
               "Spremembe mestnih avtobusov\n"
               "V času zapore bodo avtobusi linije 2 vozili po obvozu po Ljubljanski cesti.",
               title="Zapora Stanetove ulice", kind="notice", day=date(2025, 2, 26))
    bus = [c for c in extract_outages(doc, gazetteer) if c.service == "public_transport"]
    assert [(c.window.start_date, c.window.end_date) for c in bus] == [(date(2025, 3, 3), date(2025, 3, 7))]


def test_sentence_that_moves_the_works_makes_the_next_date_a_postponement(gazetteer):
    doc = _doc("Zaradi napovedanega dežja smo dela na vodohranu prestavili.\n\n"
               "Dobava vode bo v naselju Dolenja vas prekinjena v četrtek, 13. marca, od 8. do 12. ure.",
               title="Nov termin prekinitve dobave vode", source="Komunala Ribnica",
               url="https://www.komunala-ribnica.si/x")
    assert _one(doc, gazetteer).postponed


def test_closed_collection_yard_is_not_the_cancelled_collection_round(gazetteer):
    doc = _doc("V ponedeljek, 21. aprila, odvoza odpadkov v občini Ribnica ne bo. "
               "Zbirni center Goriča vas bo v ponedeljek, 21. aprila, zaprt.",
               title="Odvoz odpadkov ob prazniku", source="Komunala Ribnica", url="https://www.komunala-ribnica.si/z",
               day=date(2025, 4, 16))
    assert len(extract_outages(doc, gazetteer)) == 2


def test_closed_library_headline_names_its_operator(gazetteer):
    doc = _doc("Zaradi prenove bo knjižnica na Trgu svobode zaprta.",
               title="Knjižnica Ivana Potrča Ptuj zaprta od 10. do 14. marca", kind="teaser",
               source="Ribniške novice", url="https://www.ribniske-novice.si/x")
    assert _one(doc, gazetteer).operator == "Knjižnica Ivana Potrča Ptuj"


# ---------------------------------------------------------------- lists, schedules, reports

def test_schedule_with_plain_place_lines_under_dated_lines_gives_one_outage_per_date(gazetteer):
    doc = _doc(
        "Obveščamo odjemalce, da bo zaradi vzdrževalnih del prekinjena dobava električne energije, in sicer:\n\n"
        "sreda, 5. 3. 2025, od 8.00 do 12.00\nŠebrelje in del naselja Zakriž\n\n"
        "petek, 7. 3. 2025, od 9.00 do 11.00\nSpodnja Idrija – odjemalci ob glavni cesti\n",
        title="Načrtovane prekinitve dobave električne energije", source="Elektro Primorska")
    found = extract_outages(doc, gazetteer)
    assert [(c.window.start_date, sorted(p.locality for p in c.areas)) for c in found] == [
        (date(2025, 3, 5), ["Zakriž", "Šebrelje"]), (date(2025, 3, 7), ["Spodnja Idrija"])]


def test_address_lines_after_a_colon_are_the_streets_of_the_statement(gazetteer):
    doc = _doc(
        "V torek, 4. marca, bo od 8. do 12. ure prekinjena dobava toplote na naslednjih naslovih:\n\n"
        "Kersnikova ulica 1–9\nTavčarjeva ulica 2–6\n\nZa razumevanje se zahvaljujemo.",
        title="Prekinitev dobave toplote", source="Energetika Ljubljana")
    assert sorted(p.street for p in _one(doc, gazetteer).areas) == ["Kersnikova ulica", "Tavčarjeva ulica"]


def test_second_statement_on_another_day_is_an_outage_of_its_own(gazetteer):
    doc = _doc(
        "Zaradi del bo dne 10.03.2025 od 8:00 do 10:00 brez napetosti:\n- Rigonce 1–9.\n\n"
        "Zaradi del bo dne 11.03.2025 od 9:00 do 12:00 brez napetosti:\n- Mostec 3–7.",
        title="Obvestilo o prekinitvi dobave električne energije", source="Elektro Celje")
    assert [c.window.start_date for c in extract_outages(doc, gazetteer)] == [date(2025, 3, 10), date(2025, 3, 11)]


def test_navigation_line_with_a_closures_menu_item_is_no_outage(gazetteer):
    doc = _doc("Občina   Novice   Zapore cest   Razpisi   Kontakt\n\nObčina je objavila nov razpis za društva.",
               title="Razpis za društva", kind="article", source="kranj.si")
    assert extract_outages(doc, gazetteer) == []


def test_hours_of_what_still_works_do_not_become_the_closure_window(gazetteer):
    doc = _doc("Od ponedeljka, 10. marca, do petka, 14. marca, bo delno zaprta Cankarjeva cesta v Velenju. "
               "Dostava bo med 6. in 9. uro potekala nemoteno.", title="Delna zapora Cankarjeve ceste")
    w = _one(doc, gazetteer).window
    assert (w.start_time, w.end_time) == (None, None)


def test_denied_interruption_does_not_turn_lower_pressure_into_no_service(gazetteer):
    doc = _doc("V sredo, 5. marca, bo med 9. in 12. uro znižan tlak zemeljskega plina na Koroški cesti v Velenju. "
               "Dobava plina ne bo prekinjena.", title="Znižan tlak plina")
    assert _one(doc, gazetteer).effect == "reduced_service"


def test_reopening_date_is_not_the_closure_and_both_days_inherit_the_window(gazetteer):
    doc = _doc("V četrtek, 1. maja, in v petek, 2. maja, odvoza odpadkov ne bo. "
               "Zbirni center bo oba dneva zaprt, v soboto, 3. maja, pa bo odprt kot običajno.",
               title="Odvoz odpadkov med prazniki", source="Komunala Kranj")
    assert {c.window.start_date for c in extract_outages(doc, gazetteer)} == {date(2025, 5, 1)}


def test_news_report_takes_its_quoted_source_as_operator(gazetteer):
    doc = _doc("Zaradi okvare je danes brez vode del Hrastnika. Kot so sporočili iz Javnega podjetja "
               "Komunala Hrastnik, bo dobava prekinjena do preklica.", title="Del Hrastnika brez vode",
               source="Zasavske novice")
    assert _one(doc, gazetteer).operator == "Javno podjetje Komunala Hrastnik"


def test_an_undated_introduction_to_a_dated_list_is_not_an_outage_of_its_own():
    text = ("Načrtovane prekinitve dobave električne energije\n\nElektro Primorska d.d.\n"
            "Distribucijska enota Nova Gorica – nadzorništvo Idrija\n\n"
            "Obveščamo odjemalce, da bo zaradi vzdrževalnih del prekinjena dobava električne energije, in sicer:\n\n"
            "sreda, 4. 3. 2026, od 8.00 do 12.00\nČrni Vrh – odjemalci ob glavni cesti\n\n"
            "petek, 6. 3. 2026, od 9.00 do 11.00\nLedine in del naselja Vojsko\n\n"
            "V primeru slabega vremena se dela lahko prestavijo.")
    doc = Document(document_id="d-intro", kind="notice", text=text, title="Načrtovane prekinitve dobave električne energije",
                   source="elektro-primorska.si", fetched_at=datetime(2026, 2, 20, 9, tzinfo=LJUBLJANA))
    starts = sorted(c.window.start_date.isoformat() for c in extract_outages(doc, Gazetteer.load(GAZETTEER_DIR)))
    assert starts == ["2026-03-04", "2026-03-06"]


# ---------------------------------------------------------------- round 3 structures

def test_table_row_dated_in_its_own_first_cell_is_one_outage_in_the_named_municipality(gazetteer):
    doc = _doc("Zaradi vzdrževalnih del bo prekinjena dobava električne energije.\n\n"
               "Datum | Ura | Območje | Občina\n"
               "12.3.2025 | 8:00–11:00 | Pesnica: Ulica heroja Šlandra 3–9; Ranca | Pesnica\n"
               "13.3.2025 | 9:00–12:00 | Zgornja Kungota, Spodnja Kungota | Kungota\n",
               title="Izklopi elektrike", source="elektro-maribor.si", kind="notice")
    found = extract_outages(doc, gazetteer)
    assert [(c.window.start_date, c.window.start_time) for c in found] == [
        (date(2025, 3, 12), time(8, 0)), (date(2025, 3, 13), time(9, 0))]
    assert {a.municipality for a in found[1].areas} == {"Kungota"}


def test_table_row_town_label_sets_the_locality_of_its_streets(gazetteer):
    doc = _doc("Zaradi vzdrževalnih del bo prekinjena dobava električne energije.\n\n"
               "Datum | Ura | Območje | Občina\n"
               "12.3.2025 | 8:00–11:00 | Kamnica: Bresterniška ulica 2–10 | Maribor\n",
               title="Izklopi elektrike", source="elektro-maribor.si", kind="notice")
    (c,) = extract_outages(doc, gazetteer)
    assert [(a.locality, a.street) for a in c.areas] == [("Kamnica", "Bresterniška ulica")]


def test_flattened_table_row_starting_with_date_and_hours_is_one_outage(gazetteer):
    doc = _doc("Obveščamo vas, da bo prekinjena dobava električne energije, kot sledi:\n\n"
               "sreda, 12. 3. 2025 8.00–10.00 Pristava, Lokarje zamenjava izolatorjev\n\n"
               "četrtek, 13. 3. 2025 9.00–13.00 Vrtovin priklop nove transformatorske postaje",
               title="Izklopi na območju Ajdovščine", source="elektro-primorska.si")
    found = extract_outages(doc, gazetteer)
    assert [(c.window.start_date, c.cause) for c in found] == [
        (date(2025, 3, 12), "maintenance"), (date(2025, 3, 13), "construction")]


def test_rescheduled_notice_takes_the_date_of_the_works_sentence_not_the_called_off_one(gazetteer):
    doc = _doc("Prekinitev dobave vode, ki bi morala biti v torek, 4. marca, zaradi okvare stroja odpade. "
               "Dela bomo izvedli v petek, 7. marca 2025, med 9. in 13. uro. Brez vode bodo uporabniki "
               "na Šaleški cesti 2–14 v Velenju.",
               title="Sprememba termina: prekinitev dobave vode na Šaleški cesti")
    c = _one(doc, gazetteer)
    assert (c.window.start_date, c.window.start_time, c.postponed) == (date(2025, 3, 7), time(9, 0), True)


def test_statement_with_hours_only_takes_the_day_named_earlier_in_the_article(gazetteer):
    doc = _doc("Planinsko društvo bo v nedeljo, 9. marca, pripravilo pohod okoli jezera. "
               "Zaradi prireditve bo med 10. in 13. uro za ves promet zaprta Koroška cesta v Velenju.",
               title="Pohod okoli jezera", kind="article")
    c = _one(doc, gazetteer)
    assert (c.window.start_date, c.window.start_time) == (date(2025, 3, 9), time(10, 0))


def test_how_long_a_closure_lasts_joins_the_rail_closure_above_it(gazetteer):
    doc = _doc("Zaradi del na progi bo med postajama Velenje in Šoštanj železniški promet zaprt. "
               "Zapora bo trajala od ponedeljka, 10. marca 2025, do vključno petka, 21. marca 2025.",
               title="Nadomestni prevoz med Velenjem in Šoštanjem", kind="article")
    c = _one(doc, gazetteer)
    assert (c.service, c.window.start_date, c.window.end_date) == (
        "public_transport", date(2025, 3, 10), date(2025, 3, 21))


def test_estimated_end_in_a_later_sentence_ends_the_closure(gazetteer):
    doc = _doc("Od ponedeljka, 10. marca, bo Koroška cesta v Velenju delno zaprta. "
               "Dela bodo predvidoma končana v petek, 4. aprila 2025.",
               title="Delna zapora Koroške ceste", kind="article")
    c = _one(doc, gazetteer)
    assert (c.window.end_date, c.window.end_estimated) == (date(2025, 4, 4), True)


def test_telecom_outage_from_lost_internet_ends_when_services_are_back(gazetteer):
    doc = _doc("Uporabniki v Pesju so od danes, približno od 8. ure, brez interneta in televizije. "
               "Storitve naj bi bile predvidoma znova na voljo do 16. ure.",
               title="Pesje brez interneta", kind="article")
    c = _one(doc, gazetteer)
    assert (c.service, c.window.end_time, c.window.end_estimated) == ("telecom", time(16, 0), True)


def test_second_road_notice_of_a_traffic_roundup_stays_its_own_outage(gazetteer):
    doc = _doc("► VELENJE – Cesta med Velenjem in Pakom je od danes, 6.00, zaprta zaradi plazu.\n\n"
               "► ŠOŠTANJ – Na regionalni cesti med Topolšico in Lokovico do petka, 14. marca, poteka "
               "izmenični enosmerni promet.", title="Plaz zaprl cesto pri Velenju", kind="article")
    found = merge_outages(extract_outages(doc, gazetteer), gazetteer)
    assert len(found[0]) == 2


def test_announcing_company_places_a_street_before_a_regional_portal_does(gazetteer):
    doc = _doc("Komunalno podjetje Velenje obvešča, da bo v sredo, 5. marca, med 8. in 12. uro prekinjena "
               "dobava pitne vode na Goriški cesti od hišne številke 2 do 20.",
               title="Brez vode na Goriški cesti", source="Šoštanjski glas",
               url="https://www.sostanjski-glas.si/novice/brez-vode")
    c = _one(doc, gazetteer)
    assert [(a.municipality, a.street) for a in c.areas] == [("Velenje", "Goriška cesta")]


def test_detour_starts_at_the_comma_and_spaces_before_its_word():
    from opendata.extract.outages import _DETOUR, _detour_start
    sentence = "Kidričeva cesta bo zaprta,  obvoz bo urejen po Šaleški cesti."
    assert _detour_start(sentence) == _DETOUR.search(sentence).start() == sentence.index(",")


def test_sentence_without_a_detour_word_has_no_detour():
    from opendata.extract.outages import _detour_start
    assert _detour_start("Kidričeva cesta bo zaprta za ves promet.") is None


def test_table_rows_led_by_an_abbreviated_weekday_are_outages(gazetteer):
    text = ("Elektro Celje obvešča, da bo v spodaj navedenih terminih prekinjena dobava električne energije.\n\n"
            "Datum Čas Območje\n\n"
            "pon., 9. 3. 2026 8.00–12.00 Celje: Kersnikova ulica 1–17\n\n"
            "sre., 11. 3. 2026 8.30–11.30 Rimske Toplice: Aškerčeva cesta 2–20")
    found = extract_outages(_doc(text, title="Načrtovani izklopi", day=date(2026, 3, 6)), gazetteer)
    assert sorted((c.window.start_date, c.window.start_time) for c in found) == [
        (date(2026, 3, 9), time(8, 0)), (date(2026, 3, 11), time(8, 30))]


def test_a_closure_stated_only_until_a_day_starts_on_the_day_said_before(gazetteer):
    text = ("Občina obvešča, da se bo v ponedeljek, 9. marca, začela gradnja kolesarske povezave. "
            "Zaradi del bo Lendavska ulica v Murski Soboti zaprta za ves promet predvidoma do petka, 27. marca 2026.")
    candidate = _one(_doc(text, title="Zapora Lendavske ulice", day=date(2026, 3, 4)), gazetteer)
    assert (candidate.window.start_date, candidate.window.end_date) == (date(2026, 3, 9), date(2026, 3, 27))


def test_one_notices_closures_of_two_streets_stay_two_outages(gazetteer):
    text = ("Od ponedeljka, 9. marca, do petka, 27. marca, bo Lendavska ulica v Murski Soboti zaprta.\n\n"
            "Od ponedeljka, 9. marca, do petka, 13. marca, bo zaprta tudi Ulica Štefana Kovača v Murski Soboti.")
    candidates = extract_outages(_doc(text, title="Zapore cest", day=date(2026, 3, 4)), gazetteer)
    rows, _areas, _mentions = merge_outages(candidates, gazetteer)
    assert len(rows) == 2
