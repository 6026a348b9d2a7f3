"""Slovenian disruption vocabulary: words → service, effect, cause; who announces."""
from __future__ import annotations

import pytest
import regex

from opendata.extract import vocabulary as vocab
from opendata.language import patterns


def _service(sentence: str) -> str | None:
    start, _end, group = vocab.find_trigger(sentence)
    return vocab.service_of(sentence, start, group)


def test_interrupted_supply_is_a_no_service_trigger():
    assert vocab.find_trigger("Jutri bo prekinjena dobava pitne vode.")[2] == "none"


def test_sentence_without_disruption_word_has_no_trigger():
    assert vocab.find_trigger("Knjižnica vabi na pravljično uro za otroke.") is None


def test_supply_after_the_verb_beats_the_works_named_before_it():
    sentence = "Zaradi obnove vodovoda bo v petek prekinjena dobava toplote v Šaleku."
    assert _service(sentence) == "heating"


def test_hot_tap_water_from_district_heating_is_heating_not_water():
    sentence = "Motena bo dobava toplotne energije za pripravo sanitarne tople vode."
    assert _service(sentence) == "heating"


def test_closed_swimming_pool_is_a_facility():
    assert _service("Mestni bazen bo v ponedeljek zaprt zaradi čiščenja.") == "facility"


def test_closed_collection_yard_is_waste():
    assert _service("Zbirni center na Bukovžlaku bo v soboto zaprt.") == "waste"


def test_street_closed_to_traffic_is_road():
    assert _service("V nedeljo bo za ves promet zaprta Ljubljanska cesta.") == "road"


def test_buses_on_changed_routes_are_public_transport():
    sentence = "Mestni avtobusi bodo ta dan vozili po spremenjenih trasah."
    assert _service(sentence) == "public_transport"


def test_alternating_one_way_traffic_is_a_partial_closure():
    text = "Promet bo potekal izmenično enosmerno ob zapori ceste."
    assert vocab.effect_of(text, "closure", "road") == "partial_closure"


def test_lowered_pressure_is_reduced_service():
    text = "V četrtek bo znižan tlak v vodovodnem omrežju."
    assert vocab.effect_of(text, "reduced", "water") == "reduced_service"


def test_fault_word_gives_fault_cause():
    assert vocab.cause_of("zaradi okvare na cevovodu bo brez vode del Gaberja") == "fault"


def test_maintenance_works_give_maintenance_cause():
    assert vocab.cause_of("zaradi rednih vzdrževalnih del na omrežju") == "maintenance"


def test_renovation_gives_construction_cause():
    assert vocab.cause_of("zaradi obnove pločnika bo delna zapora") == "construction"


def test_heavy_rain_gives_weather_cause():
    assert vocab.cause_of("zaradi močnih nalivov je voda motna") == "weather"


def test_unknown_stated_reason_is_other():
    assert vocab.cause_of("Zaradi letnega popisa bo skladišče zaprto.") == "other"


def test_no_stated_reason_is_none_so_the_caller_says_unknown():
    assert vocab.cause_of("V torek bo zaprt mestni bazen.") is None


def test_reason_for_postponing_is_not_the_outage_cause():
    text = "Zapora, napovedana za torek, je zaradi zamude pri dobavi prestavljena na petek."
    assert vocab.cause_of(text) is None


def test_announcer_is_normalised_and_its_offsets_point_at_the_name():
    sentence = "KP Velenje obvešča, da bo jutri zaprta Efenkova cesta."
    name, start, end = vocab.announcer_in(sentence)
    assert (name, sentence[start:end]) == ("Komunalno podjetje Velenje", "KP Velenje")


def test_announcer_after_a_dateline_drops_the_town():
    sentence = "Celje – Elektro Celje obvešča odjemalce, da bo v sredo izklop."
    assert vocab.announcer_in(sentence)[0] == "Elektro Celje"


def test_announcer_name_may_contain_lower_case_words():
    sentence = "Zavod za šport Kranj obvešča, da bo bazen zaprt."
    assert vocab.announcer_in(sentence)[0] == "Zavod za šport Kranj"


def test_we_inform_users_names_no_announcer():
    assert vocab.announcer_in("Obveščamo uporabnike, da bo v petek brez vode.") is None


def test_genitive_municipality_name_becomes_nominative():
    assert vocab.canonical_operator("Občine Šoštanj") == "Občina Šoštanj"


def test_site_owner_reads_the_registered_domain_of_a_subdomain():
    assert vocab.site_of(None, "https://moc.celje.si/obvestila/x") == "celje.si"


def test_municipality_serves_itself():
    assert vocab.operator_areas("Občina Šmartno ob Paki") == ("Šmartno ob Paki",)


def test_job_advert_is_not_an_announcement():
    assert vocab.is_not_announcement("Prosto delovno mesto: vodja vzdrževanja, zaposlitev za nedoločen čas.")


def test_alert_sign_up_heading_is_not_an_outage():
    assert vocab.is_not_announcement("Naročite se na obvestila o načrtovanih izklopih elektrike")


def test_outage_announcement_is_not_mistaken_for_a_sign_up():
    assert not vocab.is_not_announcement("V četrtek bo med 8. in 12. uro izklop elektrike v Podgradu.")


# ---------------------------------------------------------------- generalisation rules

def test_publisher_that_is_a_utility_is_the_operator():
    assert vocab.publisher_operator("Komunala Trebnje") == "Komunala Trebnje"


def test_news_portal_publisher_is_no_operator():
    assert vocab.publisher_operator("Gorenjske novice") is None


def test_publisher_given_as_a_domain_is_no_operator_name():
    assert vocab.publisher_operator("komunala-trebnje.si") is None


def test_source_name_is_not_mistaken_for_a_domain():
    assert vocab.site_of("Komunala Trebnje", "https://www.komunala-trebnje.si/obvestila/x") == "komunala-trebnje.si"


def test_genitive_plural_of_event_word_is_a_planned_event():
    assert vocab.cause_of("Cesta bo zaprta zaradi poletnih prireditev na trgu.") == "planned_event"


def test_carnival_parade_is_a_planned_event():
    assert vocab.cause_of("Zaradi pustne povorke bo središče Cerknice zaprto.") == "planned_event"


def test_championship_final_is_a_planned_event():
    assert vocab.cause_of("Zapora bo veljala v času finala državnega prvenstva v motokrosu.") == "planned_event"


def test_start_of_works_is_construction():
    assert vocab.cause_of("Začetek del in delna zapora Partizanske ceste") == "construction"


def test_moving_a_power_line_is_construction_not_a_postponement():
    assert vocab.cause_of("zaradi prestavitve nizkonapetostnega voda bo izklop") == "construction"


def test_occasional_interruptions_are_still_reduced_service():
    text = "Ogrevanje bo moteno, topla voda pa bo na voljo z občasnimi prekinitvami."
    assert vocab.effect_of(text, "reduced", "heating") == "reduced_service"


def test_warm_sanitary_water_is_heating():
    assert _service("Topla sanitarna voda bo na voljo z občasnimi prekinitvami.") == "heating"


def test_cancelled_collection_with_words_between_is_a_trigger():
    assert vocab.find_trigger("V petek odvoza odpadkov v celotni občini Ribnica ne bo.") is not None


def test_dual_stopped_as_a_bus_stop_is_public_transport():
    assert _service("Postajališči ob Kolodvorski ulici ne bosta obratovali.") == "public_transport"


def test_library_on_a_street_is_a_facility_closure():
    assert _service("Mestna knjižnica na Prešernovi ulici bo v ponedeljek zaprta.") == "facility"


def test_we_interrupted_supply_is_a_trigger():
    assert vocab.find_trigger("V torek bomo prekinili dobavo električne energije v Zagradcu.") is not None


def test_supply_without_voltage_is_a_no_service_electricity_trigger():
    sentence = "Jutri bodo od 9. do 11. ure brez napetosti odjemalci v Zgornji vasi."
    assert vocab.find_trigger(sentence)[2] == "none"
    assert _service(sentence) == "electricity"


def test_denied_interruption_is_no_trigger():
    assert vocab.find_trigger("Dobava vode med deli ne bo prekinjena.") is None


def test_cancelled_collection_with_dates_between_is_a_trigger():
    assert vocab.find_trigger("Odvoza smeti v sredo, 1. 1., in v četrtek, 2. 1., ne bo.") is not None


def test_village_fair_is_a_planned_event():
    assert vocab.cause_of("Zaradi semnja bo trg zaprt.") == "planned_event"


def test_repairing_a_landslide_is_a_weather_cause():
    assert vocab.cause_of("Zapora bo veljala do sanacije plazu.") == "weather"


def test_connecting_a_new_pipe_is_construction():
    assert vocab.cause_of("Zaradi priključitve novega vodovoda bo dobava prekinjena.") == "construction"


def test_connecting_users_is_still_maintenance():
    assert vocab.cause_of("Zaradi priključitve odjemalcev bo dobava prekinjena.") == "maintenance"


def test_quoted_source_of_a_report_is_the_operator_in_the_nominative():
    text = "Kot so sporočili iz Javnega podjetja Komunala Hrastnik, vode ne bo do večera."
    assert vocab.reported_operator(text) == "Javno podjetje Komunala Hrastnik"


def test_municipality_that_says_is_the_operator():
    text = "Na Občini Kanal pravijo, da bo cesta zaprta do pomladi."
    assert vocab.reported_operator(text) == "Občina Kanal"


def test_utility_that_is_the_subject_of_a_switch_off_is_the_operator():
    text = "Komunala Idrija bo v petek, 3. aprila, zaradi del prekinila dobavo vode."
    assert vocab.reported_operator(text) == "Komunala Idrija"


def test_place_where_people_speak_is_no_operator():
    assert vocab.reported_operator("V Kobaridu so povedali, da bo cesta zaprta.") is None


def test_company_whose_name_contains_a_shorter_alias_keeps_its_full_name():
    text = "V podjetju Petrol Energetika so pojasnili, da je počila cev."
    assert vocab.reported_operator(text) == "Petrol Energetika"


def test_organisation_that_apologises_for_the_inconvenience_is_the_operator():
    text = "Dobava bo prekinjena. Komunalno podjetje Ptuj se za nevšečnosti opravičuje."
    assert vocab.reported_operator(text) == "Komunalno podjetje Ptuj"


def test_connecting_a_new_substation_is_construction():
    assert vocab.cause_of("priklop nove razdelilne postaje v naselju") == "construction"


def test_plain_reconnection_is_maintenance():
    assert vocab.cause_of("priklop odjemalcev po menjavi števca") == "maintenance"


def test_device_switched_off_is_not_an_electricity_outage():
    assert vocab.supply_service("parkirni avtomat ob vhodu bo izklopljen") is None


def test_rail_traffic_closed_is_public_transport():
    assert _service("Med postajama Celje in Laško bo železniški promet zaprt.") == "public_transport"


def test_no_internet_and_phone_is_a_telecom_outage():
    assert _service("Krajani Bistrice so od jutra brez stacionarne telefonije in interneta.") == "telecom"


def test_street_lighting_that_will_not_work_is_service_other():
    assert _service("V noči na petek ne bo delovala javna razsvetljava v Zagorju.") == "other"


def test_alternating_one_way_traffic_is_a_partial_closure():
    assert vocab.find_trigger("Na cesti poteka izmenični enosmerni promet.")[2] == "partial"


def test_contractor_renewing_walls_is_construction():
    assert vocab.cause_of("Izvajalec obnavlja oporne zidove.") == "construction"


def test_quoted_company_in_locative_is_named_in_the_nominative_without_the_stop():
    assert vocab.reported_operator("Dela bodo hitra, so zapisali v Energetiki Ljubljana.") == "Energetika Ljubljana"


def test_quoted_utility_in_genitive_is_named_in_the_nominative():
    assert vocab.reported_operator("Brez vode bodo do 12. ure, so sporočili iz Komunale Trebnje.") == "Komunala Trebnje"


def test_setting_up_an_event_venue_is_a_planned_event():
    assert vocab.cause_of("zaradi postavitve prireditvenega šotora bo trg zaprt") == "planned_event"


def test_setting_up_a_new_pylon_is_still_construction():
    assert vocab.cause_of("zaradi postavitve novega droga bo cesta zaprta") == "construction"


def test_folk_festivity_named_with_ovanje_is_a_planned_event():
    assert vocab.cause_of("v času kurentovanja bo središče mesta zaprto") == "planned_event"


# ---------------------------------------------------------------- searching alternations
_FI = regex.IGNORECASE | regex.VERSION1


def test_split_alternation_keeps_groups_and_classes_whole():
    assert patterns.split_alternation(r"zapor\w*|brez\s+(?:vode|elektrike)|[|x]") == [
        r"zapor\w*", r"brez\s+(?:vode|elektrike)", "[|x]"]


def test_split_alternation_refuses_a_class_inside_a_class():
    with pytest.raises(ValueError):
        patterns.split_alternation(r"[[a-z]--[aeiou]]|x")


def test_leading_words_look_past_word_boundaries_look_behinds_and_groups():
    assert patterns.leading_words(r"\bokvar\w*|(?<!\p{L})(?:zapor|zaprt)\w*") == {"okvar", "zapor", "zaprt"}


def test_leading_word_without_its_optional_last_letter():
    assert patterns.leading_words(r"veljal?\w*") == {"velja"}


def test_leading_words_are_unknown_when_a_match_may_begin_with_a_class():
    assert patterns.leading_words(r"cesta|\b[LRG]\s?\d{3,6}") is None


def test_leading_words_are_unknown_when_an_optional_group_comes_first():
    assert patterns.leading_words(r"(?:do\s+)?konca\s+marca") is None


def test_word_gate_rules_out_a_text_without_any_leading_word():
    assert not patterns.WordGate(regex.compile(r"\bizklop\w*|prekinjen\w*", _FI)).may_match("Cesta bo zaprta.")


def test_word_gate_finds_a_leading_word_in_another_case():
    assert patterns.WordGate(regex.compile(r"\bizklop\w*", _FI)).may_match("IZKLOP ELEKTRIKE V PETEK")


def test_word_gate_does_not_rule_out_a_text_with_a_ligature():
    # "ﬁ" is one character that full case folding matches to "fi"
    assert patterns.WordGate(regex.compile(r"final\w*", _FI)).may_match("ﬁnale bo v soboto")


@pytest.mark.parametrize("flags", [regex.IGNORECASE | regex.VERSION1, regex.IGNORECASE | regex.VERSION0])
def test_a_plain_character_matches_a_lead_letter_exactly_when_its_lower_case_is_that_letter(flags):
    letters = {x: regex.compile(x, flags) for x in patterns.LEAD_LETTERS}
    wrong = [(c, x) for c in patterns.PLAIN_CHARS for x, p in letters.items()
             if bool(p.fullmatch(c)) != (c.lower() == x)]
    assert wrong == []


def test_no_plain_character_matches_two_lead_letters_or_lowers_to_two():
    pairs = [regex.compile(x + y, _FI) for x in patterns.LEAD_LETTERS for y in patterns.LEAD_LETTERS]
    assert [c for c in patterns.PLAIN_CHARS if len(c.lower()) != 1 or any(p.fullmatch(c) for p in pairs)] == []


_SENTENCES = (
    "Zaradi okvare na vodovodu bo v Topolšici prekinjena dobava vode.",
    "V petek bo zaprta Kidričeva cesta, obvoz bo urejen po Šaleški cesti.",
    "ZAPORA CESTE ZARADI DEL NA MOSTU",
    "Knjižnica bo zaradi inventure zaprta do ponedeljka.",
    "Občane obveščamo o novem urniku.",
)


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_alternatives_find_the_match_the_alternation_finds(sentence):
    pattern = regex.compile(r"\bzapor\w*|zaprt\w*|okvar\w*|\bcest\w*|obvoz\w*|prekinjen\w*|knjižnic\w*", _FI)
    found = patterns.Alternatives.of(pattern).search(sentence)
    expected = pattern.search(sentence)
    assert (found and found.span()) == (expected and expected.span())


def test_alternatives_break_a_tie_for_the_earlier_alternative():
    assert patterns.Alternatives.of(regex.compile(r"zapor|zapora\w*", _FI)).search("zapora ceste").group() == "zapor"


def test_alternatives_name_the_pattern_their_match_comes_from():
    alternatives = patterns.Alternatives(("fault", regex.compile(r"okvar\w*", _FI)),
                                      ("works", regex.compile(r"vzdrževal\w*|obnov\w*", _FI)))
    assert alternatives.first("Zaradi obnove in okvare bo cesta zaprta.")[1] == "works"


def test_alternatives_refuse_a_pattern_with_groups():
    with pytest.raises(ValueError):
        patterns.Alternatives.of(regex.compile(r"(?P<a>zapor)|zaprt", _FI))


def test_denied_first_disruption_word_gives_the_next_one():
    sentence = "Dobava vode ne bo prekinjena, Cankarjeva cesta pa bo zaprta za ves promet."
    assert vocab.find_trigger(sentence) == (53, 59, "closure")


def test_cause_after_a_postponement_reason_is_still_found():
    text = ("Zaradi dežja je bil odvoz kosovnih odpadkov prestavljen na torek, 14. maja. Občane prosimo, "
            "naj zabojnike pripravijo do sedme ure zjutraj. V sredo bo zaradi vzdrževalnih del zaprt zbirni center.")
    assert vocab.cause_of(text) == "maintenance"


def test_trains_replaced_by_buses_is_no_regular_service():
    text = "Med Mariborom in Ptujem bodo vlake nadomeščali avtobusi: vozil bo nadomestni avtobusni prevoz."
    assert vocab.effect_of(text, "closure", "public_transport") == "no_service"


def test_rail_traffic_closed_between_stations_is_no_regular_service():
    assert vocab.effect_of("Med postajama Celje in Laško bo železniški promet zaprt.", "closure", "public_transport") == "no_service"


def test_buses_on_a_detour_are_not_a_service_stop():
    assert vocab.effect_of("Avtobusi linije 6 bodo vozili po obvozu.", "closure", "public_transport") == "other"


def test_works_on_a_railway_line_are_construction():
    assert vocab.cause_of("zaradi del na progi Zidani Most–Celje") == "construction"


def test_maintenance_stated_before_works_on_the_line_stays_maintenance():
    assert vocab.cause_of("zaradi vzdrževalnih del na progi") == "maintenance"


def test_extending_a_network_is_construction():
    assert vocab.cause_of("Gre za del širitve vročevodnega omrežja v Mariboru.") == "construction"


def test_households_that_can_connect_later_are_no_cause():
    assert vocab.cause_of("Ko bo omrežje dokončano, se bo nanj lahko priključilo 1.500 gospodinjstev.") is None


def test_works_named_elsewhere_are_no_stated_reason():
    assert vocab.cause_of("Zaradi del bo Lendavska ulica zaprta za ves promet.") is None
