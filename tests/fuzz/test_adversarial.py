"""Long adversarial inputs: no pattern backtracks catastrophically, no step is quadratic.

Each regression test names the input that used to stall and the linear bound it now keeps.
Budgets are wall-clock seconds on a loaded CI machine, far above the measured times
(measured on one core: 200 000 characters of any pattern below take at most ~4 s per
extractor, most well under 1 s).
"""
from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from opendata.extract.events import extract_events
from opendata.extract.outages import extract_outages
from opendata.extract.projects import extract_projects
from opendata.language.dates import find_temporals, resolve_window
from opendata.language.numbers import parse_amount_eur, parse_area_m2
from opendata.language.places import find_places
from opendata.language.sentences import sentence_spans
from opendata.model import LJUBLJANA, Document

from .conftest import gazetteer


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _within(seconds: float, call, *args, **kwargs):
    started = time.perf_counter()
    result = call(*args, **kwargs)
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"{elapsed:.2f} s"
    return result


def test_a_line_of_100k_dots_splits_into_sentences_in_linear_time():
    # Regression: the stop-mark run was retried from every dot (19 s for 20 000 dots).
    assert _within(2, sentence_spans, "." * 100_000 + " A") == [(0, 100_000), (100_001, 100_002)]


def test_a_line_of_100k_ellipses_splits_into_sentences_in_linear_time():
    assert len(_within(2, sentence_spans, "…" * 100_000)) == 1


def test_a_long_run_on_sentence_looks_back_only_a_word_for_abbreviations():
    # Regression: every period rescanned the text from offset 0 for the word before it.
    text = _repeat("ulica cesta 3. marca od 8. do 12. ure Velenje ", 400_000)
    _within(3, sentence_spans, text)


def test_abbreviation_and_ordinal_periods_still_do_not_end_a_sentence():
    text = "Prišel je dr. Novak. Bil je 12. Ljubljanski maraton. Konec."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Prišel je dr. Novak.", "Bil je 12. Ljubljanski maraton.", "Konec."]


@pytest.mark.parametrize("text", ["1" * 100_000, _repeat("000.", 100_000), _repeat("1 000 ", 100_000)],
                         ids=["digits", "dotted-groups", "spaced-groups"])
def test_a_100k_digit_run_without_a_unit_parses_in_linear_time(text):
    # Regression: an area needs a unit, so every split of the digit run was retried (59 s / 20k digits).
    assert _within(2, parse_area_m2, text) == []
    _within(2, parse_amount_eur, text)


def test_grouped_and_decimal_numbers_still_parse_after_the_possessive_rewrite():
    assert [v for _, _, v in parse_area_m2("5.000 m2, 40 000 m2, 2,15 ha in 1.5 ha")] == [5000, 40000, 21500, 15000]
    assert [v for _, _, v in parse_amount_eur("850.000 evrov in 2,4 milijona evrov")] == [850000, 2400000]


def test_a_huge_amount_is_a_finite_number():
    [(start, end, value)] = parse_amount_eur("999999999999999999999 milijonov evrov")
    assert value == pytest.approx(1e27) and (start, end) == (0, 37)


def test_thousands_of_chained_dates_resolve_in_linear_time():
    # Regression: each atom was looked up in the mention's date list by dataclass equality.
    text = _repeat("1. marca ", 100_000)
    mentions = _within(10, find_temporals, text, date(2025, 3, 1))  # was ~30 s
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)


def test_a_range_that_ends_before_it_starts_keeps_only_its_start():
    w = resolve_window("od torka, 4. marca, do ponedeljka, 3. marca", date(2025, 3, 1))
    assert (w.start_date, w.end_date) == (date(2025, 3, 4), None)


def test_a_run_of_transformer_station_words_is_not_one_name_per_station():
    # Regression: every "TP" swallowed all capitalised words after it (21 s for 20 000 chars).
    _within(5, find_places, _repeat("TP ", 100_000), gazetteer(), prefer=["Velenje"])


def test_a_station_name_still_reads_up_to_the_next_station():
    places = find_places("Izklop elektrike na območju TP Mali Vrh in TP Slatine.", gazetteer(), prefer=["Velenje"])
    assert {p.locality for p in places} >= {"Mali Vrh", "Slatine"}


def test_a_run_of_a_common_street_first_word_matches_the_register_in_linear_time():
    # Regression: each "Ulica" tested ~160 register names word by word (2.4 s per 20 000 chars).
    _within(10, find_places, _repeat("Ulica ", 100_000), gazetteer(), prefer=["Velenje"])  # was ~30 s


def test_a_blank_municipality_hint_gives_no_empty_place():
    assert find_places("", gazetteer(), prefer=[""]) == []


ADVERSARIAL = {
    "spaces": " " * 50_000, "newlines": "\n" * 50_000, "dots": "." * 50_000, "digits": "1" * 50_000,
    "ordinals": "12. " * 12_500, "streets": "Cankarjeva cesta " * 3_000, "ulica": "ulica " * 8_000,
    "dashes": "– " * 25_000, "from-to": "od 8. do " * 6_000, "money": "1 milijonov evrov " * 3_000,
    "orgs": "Zavod za " * 6_000, "people": "župan Ana " * 5_000, "pipes": "| " * 25_000,
    "quotes": '"' * 50_000, "combining": "a\u0301" * 25_000, "rtl": "\u05d0 " * 25_000,
    "notice": "Prekinitev 3. marca od 8. do 12. ure na Cankarjevi cesti 3 v Velenju, " * 700,
    "projects": "projekt gradnje " * 3_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_every_extractor_reads_50k_adversarial_characters_within_seconds(name):
    doc = Document("adv", "notice", ADVERSARIAL[name], source="velenje.si", origin="adv.txt",
                   published_at=datetime(2025, 3, 1, 9, tzinfo=LJUBLJANA))
    started = time.perf_counter()
    for extractor in (extract_outages, extract_events, extract_projects):
        for candidate in extractor(doc, gazetteer()):
            ev = candidate.evidence
            assert doc.text[ev.char_start:ev.char_end] == ev.text
    resolve_window(doc.text, date(2025, 3, 1))
    assert time.perf_counter() - started < 10
