"""Municipal projects: recognition in prose, their numbers, and the merge across documents."""
from datetime import datetime, timezone

import pytest

from opendata.extract.projects import compatible, extract_projects, merge_projects
from opendata.language.gazetteer import Gazetteer
from opendata.model import Document


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load(None)


def doc(text, *, doc_id="doc-1", source="kranj.si", day=1, month=3, year=2025, kind="article"):
    return Document(document_id=doc_id, kind=kind, text=text, source=source,
                    url=f"https://{source}/{doc_id}",
                    published_at=datetime(year, month, day, 9, tzinfo=timezone.utc))


def names(candidates):
    return sorted({c.name for c in candidates})


def one(candidates):
    found = {c.name: c for c in candidates}
    assert len(found) == 1, names(candidates)
    return next(iter(found.values()))


# ---------------------------------------------------------------- recognition and names

def test_capitalised_name_after_projekt_is_the_project_name(gaz):
    text = "Občina je predstavila projekt Zeleni Pungert, ki bo oživil staro mestno jedro."
    assert names(extract_projects(doc(text), gaz)) == ["Zeleni Pungert"]


def test_building_a_zone_names_the_project_after_the_zone_in_nominative(gaz):
    text = "Občina bo začela z izgradnjo Obrtne cone Lesce ob regionalni cesti."
    assert names(extract_projects(doc(text, source="radovljica.si"), gaz)) == ["Obrtna cona Lesce"]


def test_plural_object_of_installation_becomes_nominative_plural(gaz):
    text = "V načrtu je postavitev polnilnih postaj za električna vozila."
    assert names(extract_projects(doc(text), gaz)) == ["Polnilne postaje za električna vozila"]


def test_renovation_keeps_the_action_in_the_name(gaz):
    text = "Letos se bo začela energetska prenova Osnovne šole Staneta Žagarja."
    assert names(extract_projects(doc(text), gaz)) == ["Energetska prenova Osnovne šole Staneta Žagarja"]


def test_revitalisation_into_a_named_centre_takes_the_centre_as_name(gaz):
    text = "Predstavili so revitalizacijo stare predilnice v Center kreativnosti."
    assert names(extract_projects(doc(text), gaz)) == ["Center kreativnosti"]


def test_facility_with_a_brand_name_is_named_by_the_brand(gaz):
    text = "Občina načrtuje tudi podjetniški center StartUp Gorenjska za mlada podjetja."
    assert names(extract_projects(doc(text), gaz)) == ["StartUp Gorenjska"]


def test_eu_mission_is_recognised_with_its_number(gaz):
    text = "Mesto je bilo izbrano v Misijo 100 podnebno nevtralnih in pametnih mest."
    assert names(extract_projects(doc(text), gaz)) == ["Misija 100 podnebno nevtralnih in pametnih mest"]


def test_works_that_cause_an_outage_are_not_a_project(gaz):
    text = "Zaradi obnove vodovoda bo v sredo prekinjena dobava pitne vode na Koroški cesti."
    assert extract_projects(doc(text), gaz) == []


def test_outage_notice_describing_works_yields_no_project(gaz):
    text = "Po končani zamenjavi cevi bo sledila še ureditev pločnika na Gregorčičevi ulici."
    assert extract_projects(doc(text, kind="notice"), gaz) == []


def test_generic_plural_projects_are_not_a_project(gaz):
    text = "Občina bo prijavila projekte, ki bodo prispevali k razvoju podeželja."
    assert extract_projects(doc(text), gaz) == []


def test_institution_named_for_construction_is_not_a_project(gaz):
    text = "Pogodbo je podpisal direktor Direkcije za gradnjo mesta Novi Sad."
    assert extract_projects(doc(text), gaz) == []


def test_renovation_of_the_city_in_general_is_not_a_project(gaz):
    text = "Župan je predstavil vizijo in zeleno preobrazbo mesta."
    assert extract_projects(doc(text), gaz) == []


# ---------------------------------------------------------------- numbers attach to the right project

def test_budget_in_a_following_sentence_about_the_investment_attaches(gaz):
    text = ("Občina je podpisala pogodbo za gradnjo kanalizacije v Britofu. "
            "Naložba je vredna 1,6 milijona evrov.")
    assert one(extract_projects(doc(text), gaz)).budget_eur == 1_600_000


def test_money_in_an_unrelated_paragraph_does_not_attach(gaz):
    text = ("Občina je predstavila izgradnjo Športnega parka Zarica.\n\n"
            "Vlada je sprejela strategijo za regijo.\n\n"
            "Regija bo lahko črpala sredstva v višini 90 milijonov evrov.")
    assert one(extract_projects(doc(text), gaz)).budget_eur is None


def test_funding_share_is_not_taken_as_the_budget(gaz):
    text = ("Občina bo zgradila dom. Projekt Dom Lipa bo stal 4 milijone evrov, "
            "od tega bo 3 milijone evrov prispeval Kohezijski sklad.")
    project = one(extract_projects(doc(text), gaz))
    assert (project.budget_eur, project.eu_funding_eur) == (4_000_000, 3_000_000)


def test_funding_source_is_named_in_nominative(gaz):
    text = "Gradnja vrtca Čebelica bo sofinancirana iz Evropskega sklada za regionalni razvoj."
    assert one(extract_projects(doc(text), gaz)).funding == ["Evropski sklad za regionalni razvoj"]


def test_area_in_hectares_attaches_to_the_zone(gaz):
    text = "Posebna točka bo projekt Poslovna cona Hrastje. Občina bo uredila 2,4 ha zemljišč."
    assert one(extract_projects(doc(text), gaz)).area_m2 == 24_000


def test_target_year_in_a_list_sentence_goes_to_the_nearest_project(gaz):
    text = ("Načrtujejo izgradnjo Poslovne cone Hrastje do leta 2026 in "
            "ureditev Glavnega trga do leta 2028.")
    years = {c.name: c.target_year for c in extract_projects(doc(text), gaz)}
    assert years == {"Poslovna cona Hrastje": 2026, "Ureditev Glavnega trga": 2028}


# ---------------------------------------------------------------- status, sector, municipality, evidence

def test_started_construction_is_in_progress(gaz):
    text = "Ta teden se je začela gradnja kolesarske povezave med Kranjem in Naklim."
    assert one(extract_projects(doc(text), gaz)).status == "in_progress"


def test_built_in_the_past_is_completed(gaz):
    text = "V okviru projekta Čista Sava sta bila zgrajena nov kanal in čistilna naprava."
    assert one(extract_projects(doc(text), gaz)).status == "completed"


def test_intention_is_planned(gaz):
    text = "Občina namerava izvesti projekt Mestni vrt Savski otok."
    assert one(extract_projects(doc(text), gaz)).status == "planned"


def test_old_building_history_does_not_complete_its_renovation(gaz):
    text = ("Občina se pripravlja na prenovo Doma krajanov Bitnje, ki je bil zgrajen "
            "pred petdesetimi leti.")
    assert one(extract_projects(doc(text), gaz)).status == "planned"


def test_sewerage_project_is_in_the_water_sector(gaz):
    text = "Podpisali so pogodbo za gradnjo kanalizacijskega omrežja v Mlaki."
    assert one(extract_projects(doc(text), gaz)).sector == "water"


def test_solar_plants_on_public_roofs_are_energy_not_buildings(gaz):
    text = "Začela se bo postavitev sončnih elektrarn na strehah javnih stavb."
    assert one(extract_projects(doc(text), gaz)).sector == "energy"


def test_municipality_comes_from_the_site_when_the_text_names_none(gaz):
    text = "Začela se je gradnja nadhoda čez železnico."
    assert one(extract_projects(doc(text, source="www.kranj.si"), gaz)).municipality == "Kranj"


def test_municipality_named_in_the_sentence_wins_over_the_site(gaz):
    text = "Občina Šoštanj je začela z obnovo Kulturnega doma Šoštanj."
    assert one(extract_projects(doc(text, source="nascas.si"), gaz)).municipality == "Šoštanj"


def test_evidence_offsets_point_into_the_document_text(gaz):
    text = "Uvod.\n\nObčina bo začela z izgradnjo Obrtne cone Lesce ob regionalni cesti."
    d = doc(text)
    ev = extract_projects(d, gaz)[0].evidence
    assert d.text[ev.char_start:ev.char_end] == ev.text


# ---------------------------------------------------------------- merge across documents

def test_same_project_in_two_wordings_is_one_row(gaz):
    a = extract_projects(doc("Predstavili so projekt Poslovna cona Hrastje.", doc_id="a"), gaz)
    b = extract_projects(doc("Začela se je komunalna ureditev Poslovne cone Hrastje.", doc_id="b", day=9), gaz)
    rows, _ = merge_projects(a + b)
    assert [r["mention_count"] for r in rows] == [2]


def test_business_zones_with_different_place_names_stay_apart():
    assert not compatible("Poslovna cona Hrastje", "Poslovna cona Stara vas")


def test_energy_renovations_of_different_buildings_stay_apart():
    assert not compatible("Energetska prenova Osnovne šole Jakoba Aljaža",
                          "Energetska prenova vrtca Janina")


def test_shorter_wording_of_the_same_zone_is_compatible():
    assert compatible("Poslovna cona Hrastje – vzhod", "nova poslovna cona v Hrastju")


def test_same_name_in_two_municipalities_is_two_rows(gaz):
    a = extract_projects(doc("Občina Kranj je začela energetsko sanacijo javnih stavb.", doc_id="a"), gaz)
    b = extract_projects(doc("Občina Koper je začela energetsko sanacijo javnih stavb.", doc_id="b",
                             source="koper.si"), gaz)
    rows, _ = merge_projects(a + b)
    assert len(rows) == 2


def test_eu_mission_merges_across_municipalities(gaz):
    a = extract_projects(doc("Kranj je v Misiji 100 podnebno nevtralnih in pametnih mest.", doc_id="a"), gaz)
    b = extract_projects(doc("Koper sodeluje v Misiji EU z drugimi mesti.", doc_id="b", source="koper.si"), gaz)
    rows, _ = merge_projects(a + b)
    assert len(rows) == 1


def test_latest_document_decides_the_status(gaz):
    a = extract_projects(doc("Občina namerava izvesti projekt Park Sava.", doc_id="a", month=1), gaz)
    b = extract_projects(doc("Projekt Park Sava so zaključili z odprtjem.", doc_id="b", month=6), gaz)
    rows, _ = merge_projects(b + a)
    assert rows[0]["status"] == "completed"


def test_stated_budget_wins_over_a_document_without_one(gaz):
    a = extract_projects(doc("Projekt Park Sava je vreden 2 milijona evrov.", doc_id="a", month=1), gaz)
    b = extract_projects(doc("O projektu Park Sava so govorili svetniki.", doc_id="b", month=6), gaz)
    rows, _ = merge_projects(a + b)
    assert rows[0]["budget_eur"] == 2_000_000


def test_project_id_is_unchanged_when_an_unrelated_document_is_added(gaz):
    a = extract_projects(doc("Predstavili so projekt Park Sava.", doc_id="a"), gaz)
    other = extract_projects(doc("Začela se je gradnja vrtca Ciciban v Naklem.", doc_id="z", day=2), gaz)
    before = {r["name"]: r["project_id"] for r in merge_projects(a)[0]}
    after = {r["name"]: r["project_id"] for r in merge_projects(other + a)[0]}
    assert after["Park Sava"] == before["Park Sava"]


def test_first_and_last_seen_are_the_reference_dates_of_its_documents(gaz):
    a = extract_projects(doc("Predstavili so projekt Park Sava.", doc_id="a", month=2), gaz)
    b = extract_projects(doc("Projekt Park Sava napreduje.", doc_id="b", month=8), gaz)
    row = merge_projects(b + a)[0][0]
    assert (row["first_seen"].month, row["last_seen"].month, row["document_id"]) == (2, 8, "a")


def test_mention_rows_quote_the_document_text(gaz):
    d = doc("Uvod.\n\nPredstavili so projekt Park Sava.")
    _, mentions = merge_projects(extract_projects(d, gaz))
    m = mentions[0]
    assert d.text[m["char_start"]:m["char_end"]] == m["evidence"]


def test_predicate_adjective_is_not_part_of_the_name(gaz):
    text = "Župan meni, da je izgradnja obvoznice nujna za razvoj kraja."
    assert names(extract_projects(doc(text), gaz)) == ["Obvoznica"]


def test_capitalised_slovene_adjective_keeps_the_name_going(gaz):
    text = "Začel se je projekt LIFE Podnebne poti, ki ga vodi občina."
    assert names(extract_projects(doc(text), gaz)) == ["LIFE Podnebne poti"]


def test_two_names_of_one_project_in_one_sentence_give_one_mention():
    doc = Document(
        document_id="doc-two-names",
        kind="article",
        text="Mestna občina Velenje je naročila prenovo Stare tovarne, ki jo bodo preuredili v Center znanja.",
        source="velenje.si",
    )
    candidates = extract_projects(doc, Gazetteer.load(None))
    assert len(candidates) == 2
    rows, mentions = merge_projects(candidates)
    keys = [(m["record_id"], m["document_id"], m["char_start"]) for m in mentions]
    assert len(keys) == len(set(keys))


# ---------------------------------------------------------------- evidence that works are a project

def test_works_coordinated_after_zaradi_are_a_cause_not_a_project(gaz):
    text = "Zaradi menjave oken in obnove telovadnice bo šola v petek zaprta."
    assert extract_projects(doc(text), gaz) == []


def test_renovating_furniture_is_not_a_project(gaz):
    text = "Občina je predstavila prenovo sprejemnega pulta v upravni stavbi."
    assert extract_projects(doc(text), gaz) == []


def test_works_mentioned_in_passing_without_evidence_are_not_a_project(gaz):
    text = "Po ureditvi pločnika ob Cankarjevi cesti je ulica lepša."
    assert extract_projects(doc(text), gaz) == []


def test_verb_read_as_renovated_object_gives_its_funding_to_the_named_project(gaz):
    text = ("Prenova tržnice v Kočevju bo stala 1,2 milijona evrov. "
            "Za prenovo občina računa na sredstva Eko sklada.")
    project = one(extract_projects(doc(text, source="kocevje.si"), gaz))
    assert (project.name, project.funding) == ("Prenova tržnice v Kočevju", ["Eko sklad"])


def test_notice_works_that_are_part_of_a_costed_renovation_are_a_project(gaz):
    text = ("V torek bo zaradi menjave ventilov prekinjena dobava toplote. Dela so del obnove "
            "toplovodnega omrežja v središču mesta, ki je vredna 900 tisoč evrov.")
    project = one(extract_projects(doc(text, kind="notice"), gaz))
    assert (project.name, project.budget_eur) == ("Obnova toplovodnega omrežja v središču mesta", 900_000)


def test_notice_naming_an_investment_without_money_yields_no_project(gaz):
    text = "Naložbo v obnovo dotrajanega vodovoda financira občina, dela izvaja Komunala Trebnje."
    assert extract_projects(doc(text, kind="notice"), gaz) == []


def test_quoted_name_after_investicijskega_projekta_is_the_project(gaz):
    text = "Svetniki bodo obravnavali dokument identifikacije investicijskega projekta »Dom krajanov Podgorje«."
    assert names(extract_projects(doc(text), gaz)) == ["Dom krajanov Podgorje"]


def test_description_of_a_new_facility_joins_the_named_project_beside_it(gaz):
    text = ("Za ureditev Lokarjevega parka je bil izbran izvajalec, gradnja novega parka ob Savinji "
            "se bo začela maja. Vrednost projekta znaša 800.000 evrov.")
    assert names(extract_projects(doc(text), gaz)) == ["Ureditev Lokarjevega parka"]


def test_facility_named_in_a_headline_lets_a_later_description_join_it(gaz):
    text = ("Za športni park Brod izbran izvajalec\n\nNa razpisu za ureditev Broda je bil izbran izvajalec, "
            "gradnja novega parka ob Savi se bo začela aprila.")
    assert len(names(extract_projects(doc(text), gaz))) == 1


def test_facility_named_without_a_project_cue_is_no_project(gaz):
    text = "Tekmovanje bo v nedeljo v športnem parku Brod."
    assert extract_projects(doc(text), gaz) == []


# ---------------------------------------------------------------- status, money, sector, municipality

def test_finished_part_of_a_project_still_being_completed_is_in_progress(gaz):
    text = ("Na Vrhu so končali gradnjo vodohrana, ki je del projekta Oskrba s pitno vodo Pohorje. "
            "Projekt bo v celoti končan konec leta 2026.")
    project = one(extract_projects(doc(text), gaz))
    assert (project.status, project.target_year) == ("in_progress", 2026)


def test_ongoing_renovation_is_in_progress(gaz):
    text = "Prenova Vodnikovega trga poteka po načrtu, naložba bo stala 2 milijona evrov."
    assert one(extract_projects(doc(text), gaz)).status == "in_progress"


def test_future_renovation_verb_is_planned(gaz):
    text = "Prenova tržnice v Brežicah bo stala 2 milijona evrov\n\nObčina bo do leta 2027 prenovila tržnico."
    assert one(extract_projects(doc(text), gaz)).status == "planned"


def test_amount_the_municipality_will_invest_is_the_budget(gaz):
    text = "Občina bo v obnovo Doma kulture Kamnica vložila 1,4 milijona evrov."
    assert one(extract_projects(doc(text), gaz)).budget_eur == 1_400_000


def test_end_of_year_after_an_anaphor_is_the_target_year(gaz):
    text = "Občina je začela prenovo Glavnega trga v Sevnici. Dela naj bi bila končana konec leta 2026."
    assert one(extract_projects(doc(text), gaz)).target_year == 2026


def test_market_hall_renovation_is_a_public_building(gaz):
    text = "Občina je predstavila prenovo mestne tržnice."
    assert one(extract_projects(doc(text), gaz)).sector == "public_buildings"


def test_new_sports_hall_keeps_new_as_an_adjective_and_is_sport(gaz):
    text = "Občina je začela gradnjo nove telovadnice."
    project = one(extract_projects(doc(text), gaz))
    assert (project.name, project.sector) == ("Nova telovadnica", "culture_sport")


def test_genitive_dom_becomes_dom_in_the_name(gaz):
    text = "Svetniki so potrdili gradnjo doma starejših v Ribnici."
    assert names(extract_projects(doc(text), gaz)) == ["Dom starejših v Ribnici"]


def test_municipality_comes_from_the_publisher_name(gaz):
    text = "Začela se je gradnja nadhoda čez železnico."
    assert one(extract_projects(doc(text, source="Kočevje danes"), gaz)).municipality == "Kočevje"


def test_municipality_comes_from_a_hyphenated_news_domain(gaz):
    text = "Začela se je gradnja nadhoda čez železnico."
    assert one(extract_projects(doc(text, source="ribnica-novice.si"), gaz)).municipality == "Ribnica"


def test_municipality_comes_from_a_domain_that_extends_its_name(gaz):
    text = "Začela se je gradnja nadhoda čez železnico."
    assert one(extract_projects(doc(text, source="bledinfo.si"), gaz)).municipality == "Bled"


def test_acronym_matches_the_words_it_abbreviates():
    assert compatible("Energetska prenova OŠ Toneta Čufarja", "Energetska prenova Osnovne šole Toneta Čufarja")


def test_acronym_and_full_name_of_a_school_merge_in_one_document(gaz):
    text = ("Energetska prenova OŠ Toneta Čufarja se začne poleti\n\n"
            "Občina bo v energetsko prenovo Osnovne šole Toneta Čufarja vložila 2 milijona evrov.")
    assert len(names(extract_projects(doc(text), gaz))) == 1


def test_town_in_the_project_name_gives_the_municipality_before_the_site(gaz):
    text = "Občina je začela celovito obnovo vodovoda v Šentjurju."
    assert one(extract_projects(doc(text, source="litija.si"), gaz)).municipality == "Šentjur"


def test_plural_worth_after_the_works_is_the_budget(gaz):
    text = ("V sredo bo prekinjena dobava toplote. Dela so del energetske prenove toplovoda, "
            "vredne 600 tisoč evrov.")
    assert one(extract_projects(doc(text, kind="notice"), gaz)).budget_eur == 600_000


# ---------------------------------------------------------------- round 2: names, evidence, status

def test_settlement_named_vas_stays_whole_in_the_zone_name(gaz):
    text = ("Občina je podpisala pogodbo za komunalno ureditev poslovne cone Gorenja vas. "
            "Naložba je vredna 2 milijona evrov.")
    assert names(extract_projects(doc(text), gaz)) == ["Gorenja vas"]


def test_amount_after_a_headline_name_is_not_part_of_the_name(gaz):
    text = ("Za obnovo mestnega bazena 3,2 milijona evrov\n\n"
            "Občina je pridobila gradbeno dovoljenje za obnovo mestnega bazena.")
    assert names(extract_projects(doc(text), gaz)) == ["Obnova mestnega bazena"]


def test_headline_for_the_works_with_an_amount_gives_the_budget(gaz):
    text = ("Za obnovo mestnega bazena 3,2 milijona evrov\n\n"
            "Občina je pridobila gradbeno dovoljenje za obnovo mestnega bazena.")
    assert one(extract_projects(doc(text), gaz)).budget_eur == 3_200_000


def test_annex_to_a_school_is_a_project(gaz):
    text = ("Občina je objavila javno naročilo za gradnjo prizidka k Osnovni šoli Trnovo. "
            "Naložba je ocenjena na 3,1 milijona evrov.")
    assert names(extract_projects(doc(text), gaz)) == ["Prizidek k Osnovni šoli Trnovo"]


def test_tender_for_the_works_means_planned(gaz):
    text = ("Občina je objavila javno naročilo za gradnjo prizidka k Osnovni šoli Trnovo. "
            "Naložba je ocenjena na 3,1 milijona evrov.")
    assert one(extract_projects(doc(text), gaz)).status == "planned"


def test_extending_district_heating_is_a_project_under_way(gaz):
    text = ("Občina je začela razširitev daljinskega ogrevanja na levem bregu. "
            "Naložba je vredna 4 milijone evrov.")
    assert one(extract_projects(doc(text), gaz)).status == "in_progress"


def test_completion_without_a_subject_gives_the_project_its_year(gaz):
    text = ("Občina je začela razširitev daljinskega ogrevanja na levem bregu. Naložba je vredna "
            "4 milijone evrov. Ko bo omrežje v celoti zgrajeno, predvidoma leta 2029, mesto ne bo več kurilo premoga.")
    assert one(extract_projects(doc(text), gaz)).target_year == 2029


def test_fund_share_in_the_sentence_after_the_value_is_eu_funding(gaz):
    text = ("Občina je pridobila gradbeno dovoljenje za prenovo mestne knjižnice. Vrednost naložbe je "
            "ocenjena na 3 milijone evrov. Od tega bo 1,2 milijona evrov prispeval Evropski sklad za "
            "regionalni razvoj, preostanek občina.")
    assert one(extract_projects(doc(text), gaz)).eu_funding_eur == 1_200_000


def test_finished_works_with_a_time_adverbial_are_completed(gaz):
    text = "Komunala je ta teden končala obnovo kanalizacije na Glavni ulici. Dela so stala 200.000 evrov."
    assert one(extract_projects(doc(text), gaz)).status == "completed"


def test_headline_participle_marks_the_works_completed(gaz):
    text = "Končana obnova pločnika ob Šolski ulici\n\nDela so stala 90.000 evrov in jih je plačala občina."
    assert one(extract_projects(doc(text), gaz)).status == "completed"


def test_finishing_the_choice_of_a_contractor_does_not_complete_the_works(gaz):
    text = "Občina je zaključila izbor izvajalca za prenovo tržnice. Prenova bo stala 800.000 evrov."
    assert one(extract_projects(doc(text), gaz)).status == "planned"


def test_works_a_project_comprises_are_part_of_it(gaz):
    text = ("Občina je predstavila prenovo Glavnega trga. Prenova bo zajela nov tlak, obnovo fontane "
            "in novo razsvetljavo. Ocenjena vrednost prenove je 900.000 evrov.")
    assert names(extract_projects(doc(text), gaz)) == ["Prenova Glavnega trga"]


def test_works_a_budget_foresees_are_a_project_of_their_own(gaz):
    text = ("Občina je predstavila prenovo Glavnega trga, ki bo stala 900.000 evrov. Proračun za prihodnje "
            "leto predvideva tudi gradnjo novega vrtca v Zgornji vasi, ki bo stal 2 milijona evrov.")
    assert len(names(extract_projects(doc(text), gaz))) == 2


def test_repair_a_closure_lasts_until_is_not_a_project(gaz):
    text = "Cesta bo zaprta do sanacije plazu, so sporočili z občine."
    assert extract_projects(doc(text), gaz) == []


def test_works_only_talked_about_are_not_a_project(gaz):
    text = "O obnovi gradu se govori že leta, načrtov je bilo veliko, a grad še vedno propada."
    assert extract_projects(doc(text), gaz) == []


AGENDA = ("Dnevni red:\n1. Potrditev zapisnika\n2. Dokument identifikacije investicijskega projekta "
          "»Obnova Gasilskega doma Brezje«\n3. Vprašanja svetnikov\n4. Razno\n5. Pobude\n\n"
          "Obrazložitev k 2. točki: Gasilski dom Brezje je star 60 let. Projekt predvideva novo streho "
          "in fasado. Ocenjena vrednost projekta je 900.000 evrov. Izvedba je predvidena v letih 2026 in 2027.")


def test_project_named_again_far_below_its_agenda_item_gets_its_budget(gaz):
    assert one(extract_projects(doc(AGENDA), gaz)).budget_eur == 900_000


def test_execution_foreseen_over_two_years_ends_in_the_second(gaz):
    assert one(extract_projects(doc(AGENDA), gaz)).target_year == 2027


def test_project_identification_document_means_planned(gaz):
    assert one(extract_projects(doc(AGENDA), gaz)).status == "planned"


def test_paying_ministry_is_a_funding_source(gaz):
    text = ("Občina je objavila razpis za gradnjo prizidka k vrtcu Sonček. Naložba je ocenjena na 2 milijona "
            "evrov. Del sredstev bo prispevalo Ministrstvo za vzgojo in izobraževanje, preostanek občina.")
    assert one(extract_projects(doc(text), gaz)).funding == ["Ministrstvo za vzgojo in izobraževanje"]


# ---------------------------------------------------------------- round 3 rules

def test_investment_programme_for_a_facility_names_the_facility(gaz):
    text = ("Svetniki bodo odločali o investicijskem programu za novo zbiralnico odpadkov Dobrava, "
            "ki bo stala 900.000 evrov.")
    assert one(extract_projects(doc(text), gaz)).name == "Nova zbiralnica odpadkov Dobrava"


def test_finishing_the_foundations_is_not_finishing_the_works(gaz):
    text = ("Gradnja nove telovadnice v Podgorju poteka po načrtu. Izvajalec je končal temeljenje, "
            "naložba pa je vredna 3,1 milijona evrov.")
    assert one(extract_projects(doc(text), gaz)).status == "in_progress"


def test_a_programme_only_framing_a_workshop_is_not_a_project(gaz):
    text = ("Knjižnica v okviru programa Aktivna starost vabi na delavnico o rabi tablic, "
            "ki bo v torek ob 10. uri.")
    assert names(extract_projects(doc(text), gaz)) == []


def test_two_works_nouns_share_their_object(gaz):
    text = "Občina je v obnovo in dozidavo vrtca Mavrica vložila 1,8 milijona evrov."
    assert one(extract_projects(doc(text), gaz)).budget_eur == 1_800_000


def test_expansion_of_a_network_is_a_project(gaz):
    text = "Gre za del širitve plinovodnega omrežja v Lescah, vredne 1,2 milijona evrov."
    project = one(extract_projects(doc(text, kind="notice"), gaz))
    assert (project.name, project.status) == ("Širitev plinovodnega omrežja v Lescah", "in_progress")


def test_only_project_takes_its_status_from_the_same_works_named_elsewhere(gaz):
    text = ("Obnova in dozidava stare šolske stavbe sta končani, zato se glasbena šola seli. "
            "Občina je v obnovo glasbene šole vložila 1,6 milijona evrov.")
    assert one(extract_projects(doc(text), gaz)).status == "completed"


@pytest.mark.parametrize("text", [
    "Občina bo začela prenovo Prešernovega gledališča.",
    "Obnovili so streho in fasado.",
    "Za ureditve trga bodo potrebovali dve leti.",
    "Dela na vodovodu bodo končana v petek.",
    "Program prireditev je na spletni strani.",
])
def test_project_prefilter_agrees_with_its_single_pattern(text):
    from opendata.extract.projects import _PREFILTER, _may_hold_project
    assert _may_hold_project(text) == bool(_PREFILTER.search(text))


def test_deadline_without_digits_is_read_relative_to_the_publication_year(gaz):
    text = ("Občina bo začela prenovo Prešernovega gledališča. Prenova Prešernovega gledališča bo končana "
            "do konca prihodnjega leta.")
    assert {c.target_year for c in extract_projects(doc(text), gaz)} == {2026}


def test_ministry_named_after_the_project_is_its_funding(gaz):
    text = "Projekt Mestna knjižnica financira Ministrstvo za kulturo."
    assert one(extract_projects(doc(text), gaz)).funding == ["Ministrstvo za kulturo"]


def test_portal_host_name_gives_the_project_its_municipality(gaz):
    text = "Projekt Zeleni trg bo stal 2,4 milijona evrov."
    assert one(extract_projects(doc(text, source="kamnik-novice.si"), gaz)).municipality == "Kamnik"
