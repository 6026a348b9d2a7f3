"""Property-based fuzzing of the language layer: no input raises, every offset is in range."""
from __future__ import annotations

import math
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from opendata.language.dates import find_temporals, find_years, parse_month, parse_weekday, resolve_window
from opendata.language.names import find_organisations, find_people, person_names
from opendata.language.numbers import parse_amount_eur, parse_area_m2, parse_start_year, parse_target_year
from opendata.language.places import find_places, settlement_nominative, street_nominative
from opendata.language.sentences import sentence_spans
from opendata.model import Place, Window

from .conftest import any_text, awkward_text, gazetteer, notice_text

REFERENCES = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2100, 12, 31)))


def _window_is_ordered(w: Window) -> bool:
    if w.start_date and w.end_date:
        if w.end_date < w.start_date:
            return False
        if w.end_date == w.start_date and w.start_time and w.end_time:
            return w.end_time >= w.start_time or w.end_estimated
    return True


@given(any_text)
@example("12. " * 2000)
@example("." * 5000 + "A")
def test_sentence_spans_are_trimmed_ordered_and_cover_only_text(text):
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@given(any_text, REFERENCES)
@example("31. februarja 2025 od 25. do 26. ure", date(2025, 1, 1))
@example("29. februarja 2025", date(2025, 1, 1))
@example("32. 13. 2025", date(2025, 1, 1))
@example("v ponedeljek, 31. februarja, od 24.00 do 25.99", None)
@example("od 5. do 3. marca", date(2025, 1, 1))
def test_temporal_mentions_lie_in_the_text_and_windows_are_valid(text, reference):
    for m in find_temporals(text, reference):
        assert 0 <= m.start < m.end <= len(text)
        w = m.window
        assert isinstance(w, Window)
        for day in m.dates:
            assert isinstance(day, date)
        if m.granularity is not None:
            assert m.granularity in ("day", "week", "month")


@given(any_text, REFERENCES, st.booleans())
def test_temporal_search_inside_a_slice_stays_inside_it(text, reference, months):
    lo, hi = len(text) // 3, 2 * len(text) // 3
    for m in find_temporals(text, reference, start=lo, end=hi, months=months):
        assert lo <= m.start < m.end <= hi


@given(notice_text, REFERENCES)
@example("od 8. do 12. ure", date(2025, 3, 3))
@example("od torka, 4. marca, do ponedeljka, 3. marca", date(2025, 3, 1))
@example("od 20. ure do 6. ure", date(2025, 3, 1))
def test_resolved_window_never_ends_before_it_starts(text, reference):
    w = resolve_window(text, reference)
    if w is not None:
        assert w.end_date is None or w.start_date is None or w.end_date >= w.start_date, (text, w)


@given(any_text)
def test_year_phrases_and_month_words_parse_without_error(text):
    for start, end, year in find_years(text):
        assert 0 <= start < end <= len(text) and 1900 <= year <= 2099
    parse_month(text)
    parse_weekday(text)


@given(any_text)
@example("999999999999999999999 milijonov evrov")
@example("9" * 400 + " milijard evrov")
@example("1" + ".000" * 300 + " evrov")
def test_amounts_and_areas_are_finite_and_located(text):
    for parse in (parse_amount_eur, parse_area_m2):
        for start, end, value in parse(text):
            assert 0 <= start < end <= len(text)
            assert isinstance(value, float) and not math.isnan(value)


@given(any_text, st.one_of(st.none(), st.integers(1900, 2100)))
def test_target_and_start_years_are_located(text, reference_year):
    for parse in (parse_target_year, parse_start_year):
        for start, end, year in parse(text, reference_year):
            assert 0 <= start < end <= len(text) and isinstance(year, int)


@given(any_text)
def test_people_and_organisations_are_their_own_surface_text(text):
    for span in find_people(text) + find_organisations(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.name
    person_names(text)


@given(any_text, st.lists(st.sampled_from(["Velenje", "Kranj", "Celje", "Nekje", ""]), max_size=2))
@example("ulica " * 2000, [])
@example("Cankarjeva cesta " * 500, ["Velenje"])
def test_places_are_place_rows_with_text_fields(text, prefer):
    for place in find_places(text, gazetteer(), prefer=prefer):
        assert isinstance(place, Place)
        for value in (place.municipality, place.locality, place.street, place.house_numbers, place.road_id):
            assert value is None or (isinstance(value, str) and value.strip() == value and value)


@given(awkward_text)
@example("")
@example("   ")
@example("ulici ulici")
def test_nominatives_of_any_phrase_are_strings(phrase):
    assert isinstance(street_nominative(phrase), str)
    assert isinstance(street_nominative(phrase, gazetteer()), str)
    found = settlement_nominative(phrase, gazetteer())
    assert found is None or isinstance(found, str)


def test_a_lone_surrogate_word_is_its_own_lemma():
    from opendata.language.lemma import lemmatize

    assert lemmatize("\udcffa") == "\udcffa"
