"""Sentence spans: where a Slovenian sentence ends, as offsets into the text."""
from __future__ import annotations

from opendata.language.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_academic_titles_before_names_do_not_end_the_sentence():
    assert _sentences("Govorila sta dr. Novak in mag. Kovač. Nato je sledil ogled.") == [
        "Govorila sta dr. Novak in mag. Kovač.", "Nato je sledil ogled."]


def test_ordinal_day_before_a_capital_does_not_end_the_sentence():
    assert _sentences("Sejem bo 3. Maja se ne bo udeležila.") == ["Sejem bo 3. Maja se ne bo udeležila."]


def test_period_after_a_long_word_ends_the_sentence():
    assert _sentences("Cesta bo zaprta do nedelje. Obvoz bo označen.") == [
        "Cesta bo zaprta do nedelje.", "Obvoz bo označen."]


def test_blank_line_ends_a_sentence_without_a_stop():
    assert _sentences("Zapora ceste\n\nCesta bo zaprta.") == ["Zapora ceste", "Cesta bo zaprta."]
