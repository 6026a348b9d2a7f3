"""Slovenian temporal expressions: the sentences are invented, the rules are DATA_MODEL.md §1."""
from datetime import date, time

import pytest

from opendata.language.dates import (
    find_temporals,
    find_years,
    parse_month,
    parse_weekday,
    resolve_window,
)
from opendata.model import Window

DEC_2025 = date(2025, 12, 2)  # a Tuesday


def only(text, ref=DEC_2025):
    mentions = find_temporals(text, ref)
    assert len(mentions) == 1, [text[m.start:m.end] for m in mentions]
    return mentions[0]


# --- month and weekday words ------------------------------------------------------------

@pytest.mark.parametrize("word", ["januar", "januarja", "januarju", "januarjem", "Januarja"])
def test_parse_month_accepts_every_case_form_of_january(word):
    assert parse_month(word) == 1


def test_parse_month_rejects_a_word_that_is_no_month():
    assert parse_month("marjetica") is None


@pytest.mark.parametrize("word,expected", [("sredo", 2), ("četrtka", 3), ("nedeljo", 6)])
def test_parse_weekday_reads_accusative_and_genitive(word, expected):
    assert parse_weekday(word) == expected


# --- year-less dates ---------------------------------------------------------------------

def test_weekday_picks_the_year_in_which_the_date_falls_on_it():
    m = only("Podpis bo v sredo, 9. novembra, v mestni hiši.")
    assert m.window.start_date == date(2022, 11, 9)


def test_weekday_date_after_new_year_goes_into_next_year():
    m = only("Dela bodo v torek, 6. januarja.", date(2025, 12, 15))
    assert m.window.start_date == date(2026, 1, 6)


def test_date_without_weekday_takes_year_closest_to_reference():
    m = only("Prijave sprejemamo do 5. januarja.", date(2025, 12, 20))
    assert m.window.end_date == date(2026, 1, 5)


def test_date_without_weekday_is_anchored_on_the_previous_date_in_the_text():
    text = "V sredo, 9. novembra, so podpisali listino. Že 4. oktobra je bila delavnica."
    mentions = find_temporals(text, DEC_2025)
    assert mentions[1].window.start_date == date(2022, 10, 4)


def test_find_temporals_with_start_offset_still_uses_anchors_before_it():
    text = "V sredo, 9. novembra, so podpisali listino. Že 4. oktobra je bila delavnica."
    cut = text.index("Že")
    assert find_temporals(text, DEC_2025, start=cut)[0].window.start_date == date(2022, 10, 4)


def test_offsets_cover_weekday_and_date():
    text = "Obveščamo, da bo v petek, 5. decembra, zaprto."
    m = only(text)
    assert text[m.start:m.end] == "v petek, 5. decembra"


# --- full and numeric dates ---------------------------------------------------------------

def test_spelled_date_with_year_is_taken_as_written():
    assert only("Srečanje je bilo 9. novembra 2022.").window.start_date == date(2022, 11, 9)


@pytest.mark.parametrize("text", ["v četrtek, 29. 1. 2026,", "dne 29.1.2026 zjutraj"])
def test_numeric_dates_with_and_without_spaces(text):
    assert only(text).window.start_date == date(2026, 1, 29)


def test_two_days_joined_by_in_span_from_first_to_last():
    w = only("Sejem bo 10. in 11. septembra 2025 na Celjskem sejmu.").window
    assert (w.start_date, w.end_date) == (date(2025, 9, 10), date(2025, 9, 11))


def test_numeric_day_range_shares_month_and_year():
    w = only("Zapora velja od 3. do 5. 3. 2025.").window
    assert (w.start_date, w.end_date) == (date(2025, 3, 3), date(2025, 3, 5))


def test_range_across_months_keeps_both_days():
    w = only("Kopališče bo zaprto od 30. novembra do 2. decembra.", date(2025, 11, 20)).window
    assert (w.start_date, w.end_date) == (date(2025, 11, 30), date(2025, 12, 2))


def test_predvidoma_before_the_end_day_marks_the_end_estimated():
    w = only("Zapora bo od 22. januarja do predvidoma 9. februarja.", date(2024, 1, 10)).window
    assert w.end_date == date(2024, 2, 9) and w.end_estimated


def test_days_and_times_on_both_sides_of_a_range_combine():
    text = "od torka, 10. junija, od 7. ure, do petka, 13. junija, predvidoma do 20. ure"
    assert only(text, date(2025, 6, 5)).window == Window(
        date(2025, 6, 10), time(7), date(2025, 6, 13), time(20), True)


# --- relative days ------------------------------------------------------------------------

@pytest.mark.parametrize("word,offset", [("danes", 0), ("jutri", 1), ("pojutrišnjem", 2),
                                         ("včeraj", -1)])
def test_relative_day_words_count_from_reference(word, offset):
    assert only(f"Trg bo {word} zaprt.").window.start_date.toordinal() == (
        DEC_2025.toordinal() + offset)


def test_tomorrow_followed_by_its_weekday_is_one_day():
    m = only("Jutri, v sredo, bo ob 9. uri seja.")
    assert m.window.start_date == date(2025, 12, 3) and m.window.start_time == time(9)


def test_bare_future_weekday_is_the_next_such_day():
    assert only("Cesta bo v ponedeljek zaprta.").window.start_date == date(2025, 12, 8)


def test_bare_past_weekday_is_the_previous_such_day():
    assert only("Župan je v ponedeljek sprejel gasilce.").window.start_date == date(2025, 12, 1)


def test_next_week_without_a_day_is_the_whole_week():
    w = only("Prihodnji teden bo cesta zaprta.").window
    assert (w.start_date, w.end_date) == (date(2025, 12, 8), date(2025, 12, 14))


def test_next_week_with_a_weekday_is_that_day():
    assert only("Prihodnji teden v četrtek bo zbor.").window.start_date == date(2025, 12, 11)


def test_office_hours_weekday_list_is_no_date():
    assert find_temporals("Ponedeljek, torek: 8.00–12.00", DEC_2025)[0].has_date is False


# --- months -------------------------------------------------------------------------------

def test_until_end_of_month_ends_on_its_last_day_ahead_of_reference():
    w = only("Do konca marca bo cesta zaprta.", date(2026, 1, 26)).window
    assert w.end_date == date(2026, 3, 31) and w.start_date is None


def test_whole_month_spans_first_to_last_day():
    w = only("Drsališče bo odprto ves december.").window
    assert (w.start_date, w.end_date) == (date(2025, 12, 1), date(2025, 12, 31))


def test_bare_month_is_reported_only_on_request():
    text = "Priznanja bodo podelili februarja."
    assert find_temporals(text, DEC_2025) == []
    assert find_temporals(text, DEC_2025, months=True)[0].granularity == "month"


# --- times --------------------------------------------------------------------------------

def test_single_start_time_leaves_the_end_empty():
    w = only("V petek, 5. decembra, ob 12. uri bo odprtje.").window
    assert (w.start_time, w.end_date, w.end_time) == (time(12), None, None)


@pytest.mark.parametrize("text,start,end", [
    ("od 8. do 14. ure", time(8), time(14)),
    ("med 8.00 in 12.00", time(8), time(12)),
    ("od 7.30 do 15.30", time(7, 30), time(15, 30)),
    ("8:30–11:30", time(8, 30), time(11, 30)),
    ("08:30 - 11:30", time(8, 30), time(11, 30)),
    ("med 8. in 13. uro", time(8), time(13)),
])
def test_time_ranges_in_their_usual_spellings(text, start, end):
    w = only(f"V petek, 5. decembra, {text}, ne bo vode.").window
    assert (w.start_time, w.end_time, w.end_date) == (start, end, date(2025, 12, 5))


def test_from_hour_onwards_is_open_ended():
    m = only("danes od 9. ure dalje")
    assert m.open_ended and m.window.end_date is None and m.window.start_time == time(9)


def test_until_revoked_is_open_ended_and_estimated():
    m = only("Cesta je od danes do preklica zaprta.")
    assert m.open_ended and m.window.end_estimated and m.window.start_date == DEC_2025


def test_only_an_estimated_end_time_keeps_the_day_on_both_sides():
    assert only("danes do predvidoma 14.00").window == Window(
        DEC_2025, None, DEC_2025, time(14), True)


def test_overnight_hours_end_on_the_next_day():
    w = only("V soboto, 6. decembra, med 22. in 4. uro ne bo vode.").window
    assert (w.end_date, w.end_time) == (date(2025, 12, 7), time(4))


def test_tonight_until_tomorrow_morning():
    w = only("danes od 21. ure do jutri do 5. ure").window
    assert (w.start_date, w.start_time, w.end_date, w.end_time) == (
        DEC_2025, time(21), date(2025, 12, 3), time(5))


def test_evening_word_moves_a_morning_hour_to_the_afternoon():
    assert only("danes ob 7. uri zvečer").window.start_time == time(19)


def test_daily_hours_inside_a_day_range_are_marked_recurring():
    m = only("od 8. do 12. decembra vsak dan med 7. in 17. uro")
    assert m.recurring and m.window.end_time == time(17)


# --- things that are not dates -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "12. Ljubljanski forum", "18. redna seja sveta", "Titov trg 1, 3320 Velenje",
    "Koroška cesta 2a–d", "cesta LC 450061", "2,4 milijona evrov", "do leta 2027",
    "800 m² površin", "stavba s 6.300 kvadratnimi metri", "Ulica 15. maja 13",
])
def test_numbers_that_are_not_dates_are_ignored(text):
    assert find_temporals(text, DEC_2025) == []


@pytest.mark.parametrize("text", ["31. februarja", "ob 25. uri", "ob 14.75"])
def test_impossible_dates_and_times_are_skipped(text):
    assert find_temporals(text, DEC_2025) == []


def test_sredi_meaning_middle_is_no_wednesday():
    assert find_temporals("Stavba stoji sredi mesta.", DEC_2025) == []


def test_find_years_reports_target_years():
    text = "Center naj bi odprli do leta 2028."
    assert find_years(text) == [(text.index("do leta"), len(text) - 1, 2028)]


def test_no_reference_leaves_relative_days_unresolved():
    assert find_temporals("Trg bo jutri zaprt.", None) == []


# --- resolve_window --------------------------------------------------------------------

def test_resolve_window_adds_times_from_a_later_sentence():
    text = "Vode ne bo v torek, 9. decembra. Dela bodo potekala od 8. do 12. ure."
    assert resolve_window(text, DEC_2025) == Window(
        date(2025, 12, 9), time(8), date(2025, 12, 9), time(12), False)


def test_resolve_window_closes_an_open_start_with_a_later_estimated_end():
    text = "Danes od 10. ure dalje ni vode. Dobava bo predvidoma vzpostavljena do 15. ure."
    assert resolve_window(text, DEC_2025) == Window(DEC_2025, time(10), DEC_2025, time(15), True)


def test_resolve_window_prefers_the_date_something_was_moved_to():
    text = ("Izklop, napovedan za četrtek, 4. decembra, je prestavljen na ponedeljek, "
            "8. decembra. Dela bodo od 9. do 13. ure.")
    assert resolve_window(text, DEC_2025).start_date == date(2025, 12, 8)


def test_resolve_window_ignores_a_later_reopening_day():
    text = ("Bazen bo zaprt od sobote, 6. decembra, do ponedeljka, 8. decembra. "
            "Ponovno odpremo v torek, 9. decembra, ob 7. uri.")
    w = resolve_window(text, DEC_2025)
    assert (w.start_date, w.end_date, w.start_time) == (date(2025, 12, 6), date(2025, 12, 8), None)


def test_resolve_window_of_a_table_row_under_its_date_heading():
    w = resolve_window("Sreda, 11. 2. 2026\n10:00–12:00 | TP Vrhovci", date(2026, 2, 9))
    assert w == Window(date(2026, 2, 11), time(10), date(2026, 2, 11), time(12), False)


def test_resolve_window_returns_none_without_any_date_or_time():
    assert resolve_window("Občina je objavila razpis za štipendije.", DEC_2025) is None


def test_hour_before_a_clock_time_is_the_start_hour():
    w = resolve_window("V sredo, 12. marca, od 9. do 12.30.", date(2025, 3, 6))
    assert (w.start_time, w.end_time) == (time(9, 0), time(12, 30))


def test_two_listed_days_in_a_row_are_one_stretch():
    w = resolve_window("v četrtek, 25., in v petek, 26. decembra, zbiranja ne bo", date(2025, 12, 19))
    assert (w.start_date, w.end_date) == (date(2025, 12, 25), date(2025, 12, 26))


# --- day adjectives and headline weekdays --------------------------------------------------

def test_adjective_before_the_end_weekday_still_makes_one_range():
    w = resolve_window("Drsališče bo odprto od sobote, 7. februarja, do pustnega torka, 17. februarja.",
                       date(2026, 1, 20))
    assert (w.start_date, w.end_date) == (date(2026, 2, 7), date(2026, 2, 17))


def test_weekday_with_a_holiday_adjective_after_its_preposition_is_a_day():
    w = resolve_window("Tržnica bo na velikonočni ponedeljek zaprta.", date(2025, 4, 16))
    assert w.start_date == date(2025, 4, 21)


def test_bare_headline_weekday_takes_the_body_date_for_that_weekday():
    from opendata.language.dates import resolve_headline_window

    w = resolve_headline_window("V nedeljo zaprto", "Zaradi sejma bo v nedeljo, 14. septembra, trg zaprt.",
                                date(2025, 9, 1))
    assert w.start_date == date(2025, 9, 14)


def test_bare_headline_weekday_without_a_body_date_is_the_next_such_day():
    from opendata.language.dates import resolve_headline_window

    w = resolve_headline_window("V nedeljo zaprto", "Trg bo zaprt ves dan.", date(2025, 9, 1))
    assert w.start_date == date(2025, 9, 7)


def test_every_saturday_after_a_preposition_is_not_one_day():
    assert resolve_window("Tržnica je na vsako soboto zaprta.", date(2025, 4, 16)) is None


def test_range_with_a_weekday_before_each_day_shares_the_month_of_the_last():
    window = resolve_window("od ponedeljka, 1., do petka, 12. decembra", date(2025, 11, 20))
    assert (window.start_date, window.end_date) == (date(2025, 12, 1), date(2025, 12, 12))


def test_inclusive_end_day_after_vkljucno_ends_the_range():
    window = resolve_window("od 3. marca do vključno nedelje, 16. marca", date(2025, 3, 1))
    assert window.end_date == date(2025, 3, 16)


def test_clock_time_right_after_danes_is_the_start_time():
    window = resolve_window("Cesta je od danes, 6.15, zaprta.", date(2025, 3, 3))
    assert (window.start_date, window.start_time) == (date(2025, 3, 3), time(6, 15))


@pytest.mark.parametrize("year", [1900, 2000, 2023, 2024, 2100])
def test_month_lengths_follow_the_calendar(year):
    import calendar

    from opendata.language.dates import _days_in
    assert [_days_in(year, m) for m in range(1, 13)] == [calendar.monthrange(year, m)[1] for m in range(1, 13)]


def test_weekday_before_a_date_without_year_picks_the_year_that_weekday_falls_in():
    # Thursday, 25 December is 2025 (reference in December 2025), not 2024 (a Wednesday)
    window = resolve_window("v četrtek, 25. decembra, bo zaprto", DEC_2025)
    assert window.start_date == date(2025, 12, 25)


def test_atom_groups_of_another_atom_pattern_read_as_none():
    from opendata.language.dates import _DIGIT_RE, _Groups
    groups = _Groups(_DIGIT_RE.match("5. maja"))
    assert (groups["txt_mon"], groups["wd"], groups.get("wd")) == ("maja", None, None)


def test_atom_groups_refuse_a_name_no_pattern_has():
    from opendata.language.dates import _DIGIT_RE, _Groups
    with pytest.raises(KeyError):
        _Groups(_DIGIT_RE.match("5. maja"))["no_such_group"]


def test_a_town_named_after_a_weekday_is_no_date():
    window = resolve_window("Lendavska ulica v Murski Soboti bo zaprta do petka, 27. marca 2026.", date(2026, 3, 4))
    assert (window.start_date, window.end_date) == (None, date(2026, 3, 27))


def test_a_day_and_month_after_od_is_a_date_without_a_weekday():
    window = resolve_window("Zapora bo od 9. 3. do 20. 3. 2026.", date(2026, 3, 4))
    assert (window.start_date, window.end_date) == (date(2026, 3, 9), date(2026, 3, 20))


def test_a_bare_day_and_month_is_still_no_date():
    assert resolve_window("Glej točko 1. 2. dnevnega reda.", date(2026, 3, 4)) is None


def test_an_abbreviated_weekday_dates_the_day_and_month_after_it():
    assert resolve_window("sob., 11. 4., ob 19.30", date(2026, 4, 1)).start_date == date(2026, 4, 11)


def test_a_weekday_abbreviation_alone_is_no_date():
    assert resolve_window("Čakali smo pet minut, v pet dneh pa bo konec.", date(2026, 4, 1)) is None
