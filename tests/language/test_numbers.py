"""Money, areas and due years in Slovenian municipal prose."""
from opendata.language.numbers import parse_amount_eur, parse_area_m2, parse_start_year, parse_target_year


def values(found):
    return [v for _, _, v in found]


def test_million_with_decimal_comma_is_euros():
    assert values(parse_amount_eur("Ureditev bo stala 3,6 milijona evrov.")) == [3_600_000]


def test_dot_grouped_thousands_are_one_amount():
    assert values(parse_amount_eur("Pogodba je vredna 412.500 evrov.")) == [412_500]


def test_tisoc_multiplies_by_a_thousand():
    assert values(parse_amount_eur("Za igrišče bodo namenili 640 tisoč evrov.")) == [640_000]


def test_mio_eur_abbreviation_is_millions():
    assert values(parse_amount_eur("Proračun znaša 18,2 mio EUR.")) == [18_200_000]


def test_billion_needs_no_currency_word():
    assert values(parse_amount_eur("Država bo vložila 1,2 milijarde.")) == [1_200_000_000]


def test_count_in_thousands_without_currency_is_not_money():
    assert parse_amount_eur("Omrežje oskrbuje okoli 30 tisoč prebivalcev.") == []


def test_amount_offsets_cover_number_and_currency():
    text = "Naložba v vrtec Mojca znaša 900.000 evrov z DDV."
    (start, end, _), = parse_amount_eur(text)
    assert text[start:end] == "900.000 evrov"


def test_hectares_become_square_metres():
    assert values(parse_area_m2("Uredili bodo 3,25 ha zemljišč.")) == [32_500]


def test_m2_with_superscript_two():
    assert values(parse_area_m2("Dvorana meri 1.200 m² in ima tribuno.")) == [1_200]


def test_spelled_out_square_metres_in_instrumental():
    assert values(parse_area_m2("stavba s 4.100 kvadratnimi metri površin")) == [4_100]


def test_length_in_kilometres_is_not_an_area():
    assert parse_area_m2("Kolesarska pot bo dolga 2,7 kilometra.") == []


def test_do_leta_is_a_target_year():
    assert values(parse_target_year("Dom bo zgrajen do leta 2027.")) == [2027]


def test_do_konca_leta_is_a_target_year():
    assert values(parse_target_year("Dela morajo končati do konca leta 2029.")) == [2029]


def test_year_before_a_completion_word_is_a_target_year():
    assert values(parse_target_year("Most naj bi bil leta 2026 končan.")) == [2026]


def test_month_and_year_deadline_gives_its_year():
    assert values(parse_target_year("Cesta bo urejena do septembra 2025.")) == [2025]


def test_next_year_deadline_reads_against_reference_year():
    assert values(parse_target_year("dokončati jih mora do konca prihodnjega leta", reference_year=2024)) == [2025]


def test_past_construction_year_is_not_a_target():
    assert parse_target_year("Šola, zgrajena leta 1968, je dotrajana.") == []


def test_start_year_from_a_starting_verb():
    assert values(parse_start_year("Gradnja se bo začela jeseni 2025, ko bo izbran izvajalec.")) == [2025]


def test_end_of_year_is_a_target_year():
    assert values(parse_target_year("Dela bodo končana konec leta 2026.", reference_year=2025)) == [2026]


def test_end_of_year_after_a_start_verb_is_not_a_target():
    assert parse_target_year("Gradnja se bo začela konec leta 2026.", reference_year=2025) == []


def test_end_of_year_already_past_is_not_a_target():
    assert parse_target_year("Vrtec so odprli ob koncu leta 2023.", reference_year=2025) == []


def test_predvidoma_year_is_a_target_year():
    assert values(parse_target_year("Most bo odprt predvidoma 2027.", reference_year=2025)) == [2027]


def test_future_passive_then_year_is_a_target_year():
    assert values(parse_target_year("Vrtec bo zaključen v letu 2026.")) == [2026]


def test_participle_first_future_with_year_is_a_target_year():
    assert values(parse_target_year("Končana bo leta 2027, so povedali.")) == [2027]


def test_predicted_completion_is_a_target_year():
    assert values(parse_target_year("Zaključek del je predviden v letu 2028.")) == [2028]


def test_mio_with_a_point_before_eur_is_millions():
    assert values(parse_amount_eur("Vrednost del je 1,9 mio. EUR.")) == [1_900_000]


def test_completion_in_a_season_gives_its_year():
    assert values(parse_target_year("Obnova naj bi bila končana jeseni 2027.")) == [2027]


def test_facility_taking_its_first_users_gives_the_target_year():
    assert values(parse_target_year("Novi vrtec naj bi prve otroke sprejel septembra 2026.")) == [2026]


def test_facility_ready_in_a_season_gives_the_target_year():
    assert values(parse_target_year("Dvorana bo nared spomladi 2028.")) == [2028]


def test_passing_a_budget_for_a_year_is_not_a_target_year():
    assert parse_target_year("Svet bo sprejel proračun za leto 2026.") == []


def test_future_span_of_years_ends_in_its_last_year():
    assert values(parse_target_year("Gradnja je predvidena v letih 2026 in 2028.", 2025)) == [2028]


def test_span_of_years_already_past_is_not_a_target():
    assert parse_target_year("Most so obnovili v letih 2018 in 2019.", 2025) == []


def test_eu_funding_period_is_not_a_target_year():
    assert parse_target_year("Sredstva kohezijske politike v obdobju 2021–2027 so razdeljena.", 2025) == []


def test_start_of_the_school_year_is_not_when_works_start():
    assert parse_start_year("Prizidek bo nared za začetek šolskega leta 2027/28.", 2026) == []


def test_three_adverbs_between_future_auxiliary_and_participle_still_give_the_deadline():
    text = "Obnova, ki bo predvidoma v celoti zaključena leta 2027, bo zmanjšala izgube."
    assert values(parse_target_year(text, 2025)) == [2027]


def test_facility_taking_its_users_in_a_season_gives_the_target_year():
    text = "Prenovljena telovadnica naj bi učence sprejela v zimski sezoni 2026."
    assert values(parse_target_year(text, 2025)) == [2026]


def test_particle_pa_between_participle_and_auxiliary_keeps_the_deadline():
    text = "Dela bodo stekla aprila, dokončana pa naj bi bila oktobra 2028."
    assert values(parse_target_year(text, 2025)) == [2028]
