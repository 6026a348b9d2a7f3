"""Event extraction and merge: sentences written for these tests, real Slovenian places."""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from opendata.extract.events import adjective_nominative, extract_events, merge_events
from opendata.language.gazetteer import Gazetteer
from opendata.model import LJUBLJANA, Document

GAZETTEER_DIR = Path(__file__).resolve().parents[3] / "shared" / "gazetteer" / "rpe"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(GAZETTEER_DIR if GAZETTEER_DIR.exists() else None)


def doc(text: str, published: date = date(2025, 3, 3), doc_id: str = "doc-1", title: str | None = None,
        url: str | None = None, source: str | None = None) -> Document:
    title = title if title is not None else text.split("\n", 1)[0]
    return Document(
        document_id=doc_id, kind="article", text=text, title=title, url=url, source=source,
        published_at=datetime(published.year, published.month, published.day, 9, 0, tzinfo=LJUBLJANA),
    )


def one(events):
    assert len(events) == 1, [e.title for e in events]
    return events[0]


SESSION = (
    "Seja občinskega sveta\n\n"
    "Župan Občine Šoštanj Boris Goličnik je sklical 12. redno sejo Sveta Občine Šoštanj, ki bo v četrtek, "
    "13. marca, ob 17. uri v sejni dvorani Občine Šoštanj."
)


# ---------------------------------------------------------------- what is an event
def test_council_session_announcement_is_a_session_titled_with_its_ordinal(gaz):
    ev = one(extract_events(doc(SESSION), gaz))
    assert (ev.category, ev.title) == ("session", "12. redna seja Sveta Občine Šoštanj")


def test_weekday_date_and_hour_give_start_day_and_time(gaz):
    ev = one(extract_events(doc(SESSION), gaz))
    assert (ev.window.start_date, ev.window.start_time) == (date(2025, 3, 13), time(17, 0))


def test_session_hall_is_the_venue_in_the_nominative(gaz):
    ev = one(extract_events(doc(SESSION), gaz))
    assert ev.venue == "sejna dvorana Občine Šoštanj"


def test_session_convener_after_office_is_a_participant(gaz):
    ev = one(extract_events(doc(SESSION), gaz))
    assert ev.participants == ["Boris Goličnik"]


def test_funeral_announcement_is_no_event(gaz):
    text = "Zadnje slovo\n\nPogreb pokojnega bo v petek, 7. marca, ob 15. uri na pokopališču v Šoštanju."
    assert extract_events(doc(text), gaz) == []


def test_deadline_for_proposals_is_no_event(gaz):
    text = "Priznanja občine\n\nPredloge za priznanja, ki jih bodo podelili na slovesnosti, zbirajo do 20. marca."
    assert extract_events(doc(text), gaz) == []


def test_month_only_date_is_no_event(gaz):
    text = "Novice\n\nNaslednja seja občinskega sveta bo predvidoma aprila."
    assert extract_events(doc(text), gaz) == []


def test_undated_report_of_a_past_signing_is_no_event(gaz):
    text = "Novice\n\nŽupan je z izvajalcem podpisal pogodbo za obnovo vrtca v Topolšici."
    assert extract_events(doc(text), gaz) == []


def test_generic_prireditev_without_a_name_is_no_event(gaz):
    text = "Zapora\n\nZaradi prireditve bo v soboto, 8. marca, zaprta Kajuhova cesta."
    assert extract_events(doc(text), gaz) == []


def test_adopting_a_decision_is_no_reception(gaz):
    text = "Seja\n\nSvetniki so včeraj sprejeli sklep o ustanovitvi javnega zavoda."
    assert all(e.category != "ceremony" for e in extract_events(doc(text), gaz))


# ---------------------------------------------------------------- titles and categories
def test_z_naslovom_title_names_the_workshop(gaz):
    text = "Delavnica\n\nV torek, 11. marca, bo v Mladinskem centru Velenje delavnica z naslovom Zeleni koraki doma."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.category, ev.title) == ("workshop", "Delavnica Zeleni koraki doma")


def test_signing_verb_titles_the_signing_with_its_object_in_the_genitive(gaz):
    text = "Novice\n\nŽupan je danes v Vili Bianci podpisal pogodbo za obnovo vrtca Lučka."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.category, ev.title) == ("signing", "Podpis pogodbe za obnovo vrtca Lučka")


def test_inflected_adjectives_before_the_event_noun_return_to_the_nominative(gaz):
    text = "Vabilo\n\nObčina vabi na osrednjo občinsko proslavo ob dnevu državnosti, ki bo v torek, 24. junija, ob 20. uri."
    ev = one(extract_events(doc(text, published=date(2025, 6, 20)), gaz))
    assert ev.title == "Osrednja občinska proslava ob dnevu državnosti"


def test_organiser_named_festival_is_not_taken_for_the_event(gaz):
    text = "Silvestrovanje\n\nFestival Velenje vabi na silvestrovanje, ki bo v sredo, 31. decembra, od 21. ure dalje na Titovem trgu."
    ev = one(extract_events(doc(text, published=date(2025, 12, 29)), gaz))
    assert (ev.title, ev.organizer) == ("Silvestrovanje", "Festival Velenje")


def test_document_title_headed_by_the_event_noun_names_the_event(gaz):
    text = ("Jutri spomladanski koncert Mešanega pevskega zbora Šoštanj\n\n"
            "Zbor vabi na koncert, ki bo jutri, v petek, 21. marca, ob 19. uri v Kulturnem domu Šoštanj.")
    ev = one(extract_events(doc(text, published=date(2025, 3, 20)), gaz))
    assert ev.title == "Spomladanski koncert Mešanega pevskega zbora Šoštanj"


# ---------------------------------------------------------------- places
def test_feminine_locative_adjective_returns_to_nominative():
    assert adjective_nominative("Rdeči", "f") == "Rdeča"


def test_possessive_adjective_in_masculine_takes_no_ending():
    assert adjective_nominative("Prešernovem", "m") == "Prešernov"


def test_venue_name_ending_in_a_town_gives_locality_and_municipality(gaz):
    text = "Koncert\n\nKoncert bo v soboto, 15. marca, ob 19. uri v Kulturnem domu Šoštanj."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.venue, ev.locality, ev.municipality) == ("Kulturni dom Šoštanj", "Šoštanj", "Šoštanj")


def test_town_named_after_the_venue_gives_locality(gaz):
    text = "Forum\n\nV sredo, 12. marca, bo v Cukrarni v Ljubljani forum o podnebni nevtralnosti."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.venue, ev.locality) == ("Cukrarna", "Ljubljana")


def test_site_name_supplies_locality_when_the_text_names_none(gaz):
    text = "Razstava\n\nV ponedeljek, 10. marca, ob 18. uri bodo v Galeriji Prešernovih nagrajencev odprli razstavo grafik."
    ev = one(extract_events(doc(text, source="kranj.si"), gaz))
    assert (ev.locality, ev.municipality) == ("Kranj", "Kranj")


# ---------------------------------------------------------------- windows
def test_single_day_event_with_end_time_ends_the_same_day(gaz):
    text = "Delavnica\n\nDelavnica bo v sredo, 12. marca, od 17. do 19. ure v Layerjevi hiši."
    w = one(extract_events(doc(text), gaz)).window
    assert (w.end_date, w.end_time) == (date(2025, 3, 12), time(19, 0))


def test_festival_over_several_days_gets_an_end_date(gaz):
    text = "Festival\n\nFestival Lent bo od petka, 20. junija, do sobote, 28. junija, potekal na Lentu."
    w = one(extract_events(doc(text, published=date(2025, 6, 1)), gaz)).window
    assert (w.start_date, w.end_date) == (date(2025, 6, 20), date(2025, 6, 28))


def test_yesterday_dates_a_reported_event_to_the_day_before_publication(gaz):
    text = "Poročilo\n\nVčeraj je v Rdeči dvorani potekal turnir mladih odbojkaric."
    ev = one(extract_events(doc(text, published=date(2025, 3, 9)), gaz))
    assert (ev.window.start_date, ev.category) == (date(2025, 3, 8), "sports")


def test_date_line_of_a_listing_dates_its_headline(gaz):
    text = "Prireditve\n\nPohod na Goro Oljko\n\nNedelja, 16. marca, ob 9. uri\nPlaninsko društvo vabi na pohod."
    ev = one(extract_events(doc(text), gaz))
    assert ev.window.start_date == date(2025, 3, 16)


def test_headline_and_body_of_one_document_give_one_event(gaz):
    text = ("Jutri seja Sveta Občine Šoštanj\n\n"
            "Jutri, v četrtek, bo ob 17. uri v sejni dvorani Občine Šoštanj 12. redna seja Sveta Občine Šoštanj.")
    assert len(extract_events(doc(text, published=date(2025, 3, 12)), gaz)) == 1


def test_evidence_is_the_exact_text_at_its_offsets(gaz):
    d = doc(SESSION)
    ev = one(extract_events(d, gaz))
    assert d.text[ev.evidence.char_start:ev.evidence.char_end] == ev.evidence.text


# ---------------------------------------------------------------- merge
ANNOUNCED = ("Seja sveta\n\nV četrtek, 13. marca, bo ob 17. uri v sejni dvorani Občine Šoštanj 12. redna seja "
             "Sveta Občine Šoštanj.")
REPORTED = "Svetniki sprejeli proračun\n\nVčeraj je v sejni dvorani Občine Šoštanj potekala 12. seja Sveta Občine Šoštanj."
UNRELATED = "Razstava\n\nV četrtek, 13. marca, bodo v Galeriji Mestne hiše odprli razstavo fotografij Šaleške doline."


def candidates(gaz, *docs_):
    out = []
    for d in docs_:
        out += extract_events(d, gaz)
    return out


def test_announcement_and_report_merge_into_one_event_with_a_mention_each(gaz):
    rows, mentions = merge_events(candidates(
        gaz, doc(ANNOUNCED, date(2025, 3, 10), "doc-a"), doc(REPORTED, date(2025, 3, 14), "doc-b")))
    assert (len(rows), rows[0]["mention_count"], len(mentions)) == (1, 2, 2)


def test_document_id_is_the_first_reporting_document(gaz):
    rows, _ = merge_events(candidates(
        gaz, doc(REPORTED, date(2025, 3, 14), "doc-b"), doc(ANNOUNCED, date(2025, 3, 10), "doc-a")))
    assert rows[0]["document_id"] == "doc-a"


def test_sessions_of_one_council_on_different_days_stay_apart(gaz):
    later = ANNOUNCED.replace("13. marca", "10. aprila").replace("12. redna", "13. redna")
    rows, _ = merge_events(candidates(gaz, doc(ANNOUNCED, doc_id="doc-a"), doc(later, doc_id="doc-b")))
    assert len(rows) == 2


def test_unrelated_events_at_one_venue_on_one_day_stay_apart(gaz):
    concert = "Koncert\n\nV soboto, 15. marca, ob 19. uri bo v Kulturnem domu Šoštanj koncert Pihalnega orkestra Zarja."
    show = "Razstava\n\nV soboto, 15. marca, ob 10. uri bodo v Kulturnem domu Šoštanj odprli razstavo otroških risb."
    rows, _ = merge_events(candidates(gaz, doc(concert, doc_id="doc-a"), doc(show, doc_id="doc-b")))
    assert len(rows) == 2


def test_event_id_does_not_depend_on_input_order(gaz):
    docs_ = [doc(ANNOUNCED, date(2025, 3, 10), "doc-a"), doc(REPORTED, date(2025, 3, 14), "doc-b")]
    ids1 = {r["event_id"] for r in merge_events(candidates(gaz, *docs_))[0]}
    ids2 = {r["event_id"] for r in merge_events(candidates(gaz, *reversed(docs_)))[0]}
    assert ids1 == ids2


def test_event_id_survives_an_unrelated_document_being_added(gaz):
    a = doc(ANNOUNCED, date(2025, 3, 10), "doc-a")
    before = merge_events(candidates(gaz, a))[0][0]["event_id"]
    after = {r["event_id"] for r in merge_events(candidates(gaz, doc(UNRELATED, doc_id="doc-z"), a))[0]}
    assert before in after


def test_rows_carry_exactly_the_published_fields(gaz):
    rows, mentions = merge_events(candidates(gaz, doc(SESSION)))
    assert set(rows[0]) == {
        "event_id", "title", "category", "start_date", "start_time", "end_date", "end_time", "venue",
        "locality", "municipality", "organizer", "participants", "document_id", "source_url", "mention_count",
    } and set(mentions[0]) == {"record_type", "record_id", "document_id", "evidence", "char_start", "char_end"}


# ---------------------------------------------------------------- generalisation: event vocabulary
def test_carnival_named_by_ordinal_takes_the_days_of_the_sentence_before(gaz):
    text = ("Pust v Cerknici\n\n"
            "Cerknica bo od sobote, 14. februarja, do torka, 17. februarja, znova polna mask. "
            "45. Cerkniški karneval bo letos zaznamoval ves trg.")
    ev = one(extract_events(doc(text, published=date(2026, 2, 2)), gaz))
    assert (ev.title, ev.category, ev.window.start_date, ev.window.end_date) == (
        "45. Cerkniški karneval", "festival", date(2026, 2, 14), date(2026, 2, 17))


def test_range_ending_on_a_weekday_with_an_adjective_ends_on_that_day(gaz):
    text = "Pustovanje\n\nPustovanje bo od sobote, 14. februarja, do pustnega torka, 17. februarja, na Ptuju."
    w = one(extract_events(doc(text, published=date(2026, 2, 2)), gaz)).window
    assert w.end_date == date(2026, 2, 17)


def test_bare_weekday_in_the_headline_yields_to_the_dates_of_the_body(gaz):
    text = ("Kurentovanje: v nedeljo zaprto mestno jedro\n\n"
            "Kurentovanje bo od sobote, 7. februarja, do torka, 17. februarja, potekalo na Ptuju.")
    ev = one(extract_events(doc(text, published=date(2026, 2, 3)), gaz))
    assert ev.window.start_date == date(2026, 2, 7)


def test_proper_name_as_subject_of_potekati_is_a_festival_over_several_days(gaz):
    text = "Poletje\n\nDnevi Poezije in Vina bodo potekali od 20. do 24. avgusta na Ptuju."
    ev = one(extract_events(doc(text, published=date(2025, 8, 1)), gaz))
    assert (ev.title, ev.category, ev.locality) == ("Dnevi Poezije in Vina", "festival", "Ptuj")


def test_traffic_as_subject_of_potekati_is_no_event(gaz):
    text = "Zapora\n\nPromet bo potekal izmenično enosmerno v ponedeljek, 10. marca."
    assert extract_events(doc(text), gaz) == []


def test_place_phrase_before_potekati_is_no_event_name(gaz):
    text = "Obvestilo\n\nNa Ptuju bodo potekala vzdrževalna dela v ponedeljek, 10. marca."
    assert extract_events(doc(text), gaz) == []


def test_ensemble_after_nastopiti_is_a_performance_titled_in_the_genitive(gaz):
    text = "Glasba\n\nV soboto, 15. marca, ob 20. uri bo v Kulturnem domu Šoštanj nastopil Pihalni orkester Zarja."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category, ev.venue) == ("Nastop Pihalnega orkestra Zarja", "culture", "Kulturni dom Šoštanj")


def test_performing_ensemble_is_a_participant(gaz):
    text = "Glasba\n\nV soboto, 15. marca, ob 20. uri bo v Kulturnem domu Šoštanj nastopil Pihalni orkester Zarja."
    assert one(extract_events(doc(text), gaz)).participants == ["Pihalni orkester Zarja"]


def test_bare_koncert_shortly_after_a_performance_names_it(gaz):
    text = ("Glasba\n\nV soboto, 15. marca, ob 20. uri bo v Kulturnem domu Šoštanj nastopil Mešani pevski zbor Lipa. "
            "Vstopnice so v prodaji. Koncert bo zadnji v sezoni.")
    assert one(extract_events(doc(text), gaz)).title == "Koncert Mešanega pevskega zbora Lipa"


def test_passive_presentation_of_a_plan_is_a_public_presentation(gaz):
    text = "Prostor\n\nNačrt bo javnosti predstavljen v sredo, 12. marca, ob 18. uri v sejni dvorani Občine Šoštanj."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category) == ("Javna predstavitev načrta", "meeting")


def test_public_presentation_noun_is_a_meeting(gaz):
    text = "Prostor\n\nRešitve bodo pokazali na javni predstavitvi, ki bo v sredo, 12. marca, ob 18. uri."
    assert one(extract_events(doc(text), gaz)).category == "meeting"


def test_citizens_assembly_is_a_meeting_titled_with_its_genitive(gaz):
    text = "Krajevna skupnost\n\nZbor krajanov bo v četrtek, 13. marca, ob 19. uri v Topolšici."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category) == ("Zbor krajanov", "meeting")


def test_second_reading_of_a_bill_is_no_public_hearing(gaz):
    text = "Svet\n\nOdlok so v drugi obravnavi potrdili v četrtek, 6. marca."
    assert extract_events(doc(text), gaz) == []


def test_world_cup_final_keeps_the_genitive_noun_that_looks_like_a_participle(gaz):
    text = "Skoki\n\nFinale svetovnega pokala bo od četrtka, 20. marca, do nedelje, 23. marca, v Planici."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category) == ("Finale svetovnega pokala", "sports")


def test_sports_result_with_a_score_is_no_event(gaz):
    text = "Odbojka\n\nOdbojkarji so v nedeljo v finalu pokala premagali goste s 3:1."
    assert extract_events(doc(text), gaz) == []


# ---------------------------------------------------------------- generalisation: titles
def test_time_adjective_before_the_event_noun_is_no_part_of_the_title(gaz):
    text = "Svet\n\nSvetniki so na včerajšnji seji soglasno sprejeli proračun."
    assert one(extract_events(doc(text), gaz)).title == "Seja"


def test_capitalised_preposition_after_an_exhibition_opens_its_title(gaz):
    text = "Galerija\n\nV petek, 7. marca, bodo v Galeriji Velenje odprli razstavo Med Savinjo in Pako."
    assert one(extract_events(doc(text), gaz)).title == "Razstava Med Savinjo in Pako"


def test_abbreviation_in_parentheses_stays_in_the_title(gaz):
    text = "Sejem\n\nOd srede, 10. septembra, bo na razstavišču potekal 20. sejem gradbeništva (SEG)."
    assert one(extract_events(doc(text, published=date(2025, 9, 1)), gaz)).title == "20. sejem gradbeništva (SEG)"


def test_event_noun_inside_a_named_venue_yields_to_the_event(gaz):
    text = ("Sejem\n\nNa Pomurskem sejmu bo od srede, 20. avgusta, do nedelje, 24. avgusta, "
            "potekal 63. mednarodni kmetijski sejem.")
    ev = one(extract_events(doc(text, published=date(2025, 8, 1)), gaz))
    assert (ev.title, ev.venue) == ("63. mednarodni kmetijski sejem", "Pomurski sejem")


def test_capitalised_adjective_opening_a_chain_of_adjectives_stays_in_the_title(gaz):
    text = "Pust\n\nVrhunec bo Velika pustna povorka v nedeljo, 2. marca, ob 14. uri."
    assert one(extract_events(doc(text), gaz)).title == "Velika pustna povorka"


def test_times_of_a_closure_caused_by_the_event_do_not_time_the_event(gaz):
    text = ("Pust\n\nVelika pustna povorka bo v nedeljo, 2. marca, ob 14. uri.\n\n"
            "Zaradi povorke bo v nedeljo, 2. marca, od 10. do 18. ure zaprta Titova cesta.")
    assert one(extract_events(doc(text), gaz)).window.start_time == time(14, 0)


# ---------------------------------------------------------------- generalisation: dates and places
def test_byline_date_does_not_date_the_headline_event(gaz):
    text = ("Sklic 12. seje Sveta Občine Šoštanj\n\nObjavljeno: 3. 3. 2025\n\n"
            "Sklicujem 12. sejo Sveta Občine Šoštanj, ki bo v četrtek, 13. marca, ob 17. uri.")
    assert [e.window.start_date for e in extract_events(doc(text), gaz)] == [date(2025, 3, 13)]


def test_generic_venue_followed_by_a_settlement_names_both(gaz):
    text = "Odprtje\n\nSlovesno odprtje bo v petek, 7. marca, ob 11. uri pri vodohranu v Topolšici."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.venue, ev.locality) == ("vodohran v Topolšici", "Topolšica")


def test_hyphenated_site_name_gives_a_two_word_municipality(gaz):
    text = "Novice\n\nDelavnica peke kruha bo v sredo, 12. marca, ob 17. uri."
    ev = one(extract_events(doc(text, url="https://www.kranjska-gora.si/novice/kruh"), gaz))
    assert ev.municipality == "Kranjska Gora"


def test_settlement_known_only_elsewhere_takes_the_pages_municipality(gaz):
    if not gaz.has_register:
        pytest.skip("needs the register")
    text = "Skoki\n\nTekma bo v soboto, 22. marca, ob 10. uri v Planici."
    ev = one(extract_events(doc(text, url="https://www.kranjska-gora.si/novice/skoki"), gaz))
    assert (ev.locality, ev.municipality) == ("Planica", "Kranjska Gora")


def test_report_named_only_by_its_noun_merges_with_the_announcement(gaz):
    report = "Proračun sprejet\n\nSvetniki Občine Šoštanj so na včerajšnji seji soglasno sprejeli proračun."
    rows, _ = merge_events(candidates(
        gaz, doc(ANNOUNCED, date(2025, 3, 10), "doc-a"), doc(report, date(2025, 3, 14), "doc-b")))
    assert [(r["title"], r["mention_count"]) for r in rows] == [("12. redna seja Sveta Občine Šoštanj", 2)]


def test_bare_report_stays_apart_when_two_events_of_its_kind_share_the_day(gaz):
    committee = ANNOUNCED.replace("12. redna seja Sveta", "3. seja Odbora za finance").replace("17. uri", "15. uri")
    report = "Proračun sprejet\n\nSvetniki so na včerajšnji seji soglasno sprejeli proračun."
    rows, _ = merge_events(candidates(gaz, doc(ANNOUNCED, date(2025, 3, 10), "doc-a"),
                                      doc(committee, date(2025, 3, 10), "doc-c"), doc(report, date(2025, 3, 14), "doc-b")))
    assert len(rows) == 3


def test_town_name_closing_a_venue_phrase_is_no_modifier_of_the_event(gaz):
    text = "Šola\n\nV torek, 11. marca, ob 17. uri bo v Glasbeni šoli Krško razstava otroških risb."
    assert one(extract_events(doc(text), gaz)).title == "Razstava otroških risb"


def test_genitive_noun_of_a_venue_is_no_modifier_of_the_event(gaz):
    text = "Energija\n\nV torek, 11. marca, ob 17. uri bo v Sejni dvorani občine posvet o energetski prenovi."
    assert one(extract_events(doc(text), gaz)).title == "Posvet o energetski prenovi"


# ---------------------------------------------------------------- round 2: vocabulary and listings
def test_semenj_is_a_fair(gaz):
    text = "Semenj\n\nLoški semenj domače obrti bo v nedeljo, 16. marca, od 9. do 18. ure na Mestnem trgu."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category) == ("Loški semenj domače obrti", "fair")


def test_traditional_is_no_part_of_an_events_name(gaz):
    text = "Sejem\n\nTradicionalni Gorjanski sejem bo v nedeljo, 16. marca, na Mestnem trgu."
    assert one(extract_events(doc(text), gaz)).title == "Gorjanski sejem"


def test_running_race_is_a_sports_event(gaz):
    text = "Tek\n\nDruštvo vabi na tek po Šmarni gori, ki bo v soboto, 15. marca, ob 9. uri."
    assert one(extract_events(doc(text), gaz)).category == "sports"


def test_work_in_progress_is_no_race(gaz):
    text = "Obnova\n\nDela na Prešernovi cesti so v teku, v soboto, 15. marca, bo cesta zaprta."
    assert extract_events(doc(text), gaz) == []


def test_laying_a_foundation_stone_is_a_ceremony_with_its_accusative_phrase(gaz):
    text = "Vrtec\n\nPoložitev temeljnega kamna za novo enoto vrtca bo v petek, 14. marca, ob 10. uri."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category) == ("Položitev temeljnega kamna za novo enoto vrtca", "ceremony")


def test_laying_a_cable_is_no_ceremony(gaz):
    text = "Zapora\n\nV petek, 14. marca, bo zaradi položitve novega kabla zaprta Cankarjeva ulica."
    assert extract_events(doc(text), gaz) == []


def test_plan_presented_in_the_active_voice_is_a_public_meeting(gaz):
    text = "Načrt\n\nOsnutek prostorskega načrta bodo občanom predstavili v sredo, 12. marca, ob 18. uri."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category, ev.window.start_time) == (
        "Javna predstavitev osnutka prostorskega načrta", "meeting", time(18, 0))


def test_presenting_something_that_is_no_plan_is_no_event(gaz):
    text = "Obrtniki\n\nSvoje izdelke bodo predstavili v sredo, 12. marca, ob 18. uri."
    assert extract_events(doc(text), gaz) == []


def test_opening_hours_of_an_exhibition_are_no_end_time(gaz):
    text = ("Razstava\n\nGalerija bo v petek, 7. marca, ob 19. uri odprla razstavo Stari mlini. "
            "Razstava bo na ogled do 30. aprila, od torka do sobote med 10. in 18. uro.")
    w = one(extract_events(doc(text), gaz)).window
    assert (w.start_time, w.end_date, w.end_time) == (time(19, 0), date(2025, 4, 30), None)


def test_abbreviated_weekday_date_line_dates_the_listing_below(gaz):
    text = "NAPOVEDNIK\n\nned, 16. 3. | 9.30\n3. Pomladni tek ob Savi\nStart pri Kulturnem domu Litija."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.window.start_date, ev.window.start_time, ev.venue) == (
        "3. Pomladni tek ob Savi", date(2025, 3, 16), time(9, 30), "Kulturni dom Litija")


def test_abbreviated_weekday_that_does_not_fit_the_date_gives_no_day(gaz):
    text = "NAPOVEDNIK\n\npon, 16. 3. | 9.30\n3. Pomladni tek ob Savi"  # 16 March 2025 is a Sunday
    assert extract_events(doc(text), gaz) == []


def test_festival_heading_a_listing_beats_a_performance_in_its_programme(gaz):
    text = ("DOGODKI\n\nJurjevanje v Beli krajini\nSobota, 26. aprila, od 16. ure, grajsko dvorišče. "
            "Kresovanje, nastop Folklorne skupine Metlika in ples.")
    ev = one(extract_events(doc(text, published=date(2025, 4, 10)), gaz))
    assert (ev.title, ev.category) == ("Jurjevanje", "festival")


def test_sport_after_v_is_part_of_a_sports_title(gaz):
    text = "Šport\n\nTurnir v malem nogometu bo v soboto, 8. marca, ob 10. uri v Športni dvorani Kranj."
    assert one(extract_events(doc(text), gaz)).title == "Turnir v malem nogometu"


def test_venue_after_v_is_no_part_of_a_sports_title(gaz):
    text = "Šport\n\nTurnir v športni dvorani bo v soboto, 8. marca, ob 10. uri."
    assert one(extract_events(doc(text), gaz)).title == "Turnir"


def test_evening_of_poetry_is_a_cultural_event(gaz):
    text = "Poezija\n\nKnjižnica vabi na večer slovenske poezije, ki bo v petek, 7. marca, ob 19. uri."
    ev = one(extract_events(doc(text), gaz))
    assert (ev.title, ev.category) == ("Večer slovenske poezije", "culture")


def test_until_the_evening_is_no_event(gaz):
    text = "Zapora\n\nV petek, 7. marca, bo Mestni trg zaprt do večera."
    assert extract_events(doc(text), gaz) == []


def test_closed_market_place_is_no_market_day(gaz):
    text = "Tržnica\n\nTržnica lokalnih pridelovalcev bo v ponedeljek, 10. marca, zaprta."
    assert extract_events(doc(text), gaz) == []


def test_square_after_the_town_centre_is_the_venue(gaz):
    text = ("Sejem\n\nSejem bo v nedeljo, 16. marca, v središču Kamnika – na Glavnem trgu in v parku.")
    assert one(extract_events(doc(text), gaz)).venue == "Glavni trg"


def test_castle_venue_is_masculine_in_the_nominative(gaz):
    text = "Koncert\n\nKoncert bo v soboto, 15. marca, ob 20. uri na Ptujskem gradu."
    assert one(extract_events(doc(text), gaz)).venue == "Ptujski grad"


def test_organisers_named_by_a_leading_verb_in_a_listing(gaz):
    text = ("DOGODKI\n\nMartinovanje v Ljutomeru\nTorek, 11. novembra, od 17. ure, Glavni trg. "
            "Pripravljata Turistično društvo Ljutomer in Občina Ljutomer.")
    ev = one(extract_events(doc(text, published=date(2025, 11, 3)), gaz))
    assert ev.organizer == "Turistično društvo Ljutomer; Občina Ljutomer"


TOURNAMENT = "Turnir\n\nV soboto, 15. marca, ob 10. uri bo v Športni dvorani {town} turnir v malem nogometu."


def test_one_title_on_one_day_in_two_towns_is_two_events_with_distinct_ids(gaz):
    rows, _ = merge_events(candidates(gaz, doc(TOURNAMENT.format(town="Kranj"), doc_id="doc-a"),
                                      doc(TOURNAMENT.format(town="Celje"), doc_id="doc-b")))
    assert len({r["event_id"] for r in rows}) == 2


def test_event_ids_stay_unique_for_two_bare_titles_at_two_venues_of_one_town(gaz):
    hall = "Turnir\n\nV soboto, 15. marca, ob 10. uri bo v Športni dvorani Kranj turnir."
    school = "Turnir\n\nV soboto, 15. marca, ob 16. uri bo v Osnovni šoli Simona Jenka Kranj turnir."
    rows, _ = merge_events(candidates(gaz, doc(hall, doc_id="doc-a"), doc(school, doc_id="doc-b")))
    assert len(rows) == 2 and len({r["event_id"] for r in rows}) == 2


def test_museum_opening_its_own_exhibition_is_the_venue(gaz):
    text = "Razstava\n\nPokrajinski muzej bo v petek, 7. marca, ob 18. uri odprl razstavo Mlini na Koroškem."
    assert one(extract_events(doc(text), gaz)).venue == "Pokrajinski muzej"


def test_region_in_the_locative_is_no_venue(gaz):
    text = "Pohod\n\nPohod po Pohorju bo v soboto, 8. marca, na Štajerskem."
    assert one(extract_events(doc(text), gaz)).venue is None


def test_event_invited_to_is_no_venue(gaz):
    text = "Vabilo\n\nDruštvo vabi na razstavo Stari mlini, ki bo v petek, 7. marca, ob 18. uri."
    assert one(extract_events(doc(text), gaz)).venue is None


# ---------------------------------------------------------------- round 3 rules

FESTIVAL_REPORT = (
    "Kurentovanje v Bistrici\n\n"
    "Bistrica, 3. 2. 2026 – Turistično društvo tudi letos pripravlja Kurentovanje v starem trškem jedru. "
    "Prireditev se bo začela v petek, 13. februarja, ob 16. uri na Glavnem trgu in se sklenila v torek, "
    "17. februarja, s pokopom pusta."
)


def test_dateline_day_is_not_the_event_day_and_the_next_sentence_dates_it(gaz):
    event = one(extract_events(doc(FESTIVAL_REPORT, date(2026, 2, 3)), gaz))
    assert (event.window.start_date, event.window.start_time) == (date(2026, 2, 13), time(16, 0))


def test_end_verb_before_a_later_day_closes_the_range(gaz):
    event = one(extract_events(doc(FESTIVAL_REPORT, date(2026, 2, 3)), gaz))
    assert event.window.end_date == date(2026, 2, 17)


def test_ceremonial_opening_stated_by_a_verb_is_a_ceremony(gaz):
    text = ("Selitev vrtca\n\nNove igralnice bomo slovesno odprli v petek, 9. januarja, ob 17. uri "
            "s kratkim programom otrok.")
    event = one(extract_events(doc(text, date(2026, 1, 2)), gaz))
    assert (event.category, event.window.start_date) == ("ceremony", date(2026, 1, 9))


def test_opening_of_an_exhibition_is_the_exhibition_until_its_last_day(gaz):
    text = ("Galerija vabi na odprtje razstave Stari mlini ob Krki, ki bo v sredo, 4. marca, ob 19. uri "
            "v Galeriji Krka. Razstava bo na ogled do 30. aprila.")
    event = one(extract_events(doc(text, date(2026, 2, 20)), gaz))
    assert (event.category, event.window.end_date) == ("exhibition", date(2026, 4, 30))


def test_hour_in_the_next_sentence_about_the_same_race_is_its_start(gaz):
    text = ("Tekaški klub bo v nedeljo, 12. aprila, pripravil tradicionalni Velikonočni tek po Žalcu. "
            "Start teka bo ob 9. uri pred občinsko stavbo.")
    event = one(extract_events(doc(text, date(2026, 4, 1)), gaz))
    assert event.window.start_time == time(9, 0)


def test_event_noun_counts_only_as_a_whole_word():
    from opendata.extract.events import _triggers
    text = "V soboto bo koncert, koncertna dvorana pa bo zaprta."
    assert [(t.lemma, t.start) for t in _triggers(text, 0, len(text))] == [("koncert", 12)]


def test_compound_fest_name_is_a_festival_trigger():
    from opendata.extract.events import _triggers
    text = "Letošnji Lentfest bo trajal deset dni."
    assert [(t.lemma, t.kind) for t in _triggers(text, 0, len(text))] == [("Lentfest", "named")]


def test_organizer_named_before_the_inviting_verb():
    from opendata.extract.events import _organizer_in_sentence
    text = "Turistično društvo Šoštanj vabi na pohod na Goro Oljko."
    assert _organizer_in_sentence(text, 0, len(text), "Pohod na Goro Oljko") == "Turistično društvo Šoštanj"


LISTING = (
    "Napovednik\n\n"
    "KONCERT | Mešani pevski zbor Idrija – pomladni koncert\n"
    "petek, 11. 4. 2025, ob 19.00, Dvorana Centra za kulturo, Idrija\n"
    "Vstopnice so na voljo v Turistično-informacijskem centru."
)


def test_a_listing_line_gives_the_venue_and_town_after_the_time(gaz):
    if not gaz.has_register:
        pytest.skip("no RPE register")
    ev = one(extract_events(doc(LISTING, title="Napovednik"), gaz))
    assert (ev.venue, ev.locality) == ("Dvorana Centra za kulturo", "Idrija")
