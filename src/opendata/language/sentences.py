"""Sentence spans of Slovenian text, as character offsets into the original string.

Offsets, not copies, because every published mention points back into the document's
clean text and ``text[start:end]`` must equal its evidence exactly.
"""
from __future__ import annotations

import regex

# Abbreviations that end in a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    {
        "št", "ul", "c", "mag", "dr", "prof", "doc", "ga", "g", "gos", "npr", "oz", "itd",
        "ipd", "tj", "t", "i", "jan", "feb", "mar", "apr", "avg", "sep", "sept", "okt",
        "nov", "dec", "tel", "d", "o", "d.o.o", "d.d", "str", "inž", "univ", "dipl", "ing",
        "mio", "mrd", "ca", "cca", "pribl", "prim", "vol", "sv", "ter", "lit",
    }
)

# A stop is tried only where a run of stop marks begins, and the run is never given back:
# otherwise a line of 100 000 dots is retried from every dot (quadratic).
_BOUNDARY = regex.compile(r"(?<![.!?…])[.!?…]++[\"»«”’)]*+(?=\s+[\"«»„“(]*[\p{Lu}\d])|\n\s*\n|\n(?=\s*\S)")
# Searched backwards from the stop ("(?r)"): the same match (the run of letters, digits and
# dots that ends the window), found without trying every start position of the window first.
_WORD_BEFORE = regex.compile(r"(?r)([\p{L}\d.]+)$")
# How far back a stop looks for its word: abbreviations and ordinals are short, and a
# bounded look keeps one sentence split linear in the text (no rescan from offset 0).
_LOOKBACK = 32


def _is_false_stop(text: str, stop: int) -> bool:
    """A period after an ordinal (``12. Ljubljanski forum``) or an abbreviation is no stop."""
    lo = max(0, stop - _LOOKBACK)
    match = _WORD_BEFORE.search(text, lo, stop)
    if not match or (match.start() == lo and lo > 0):
        return False  # no word, or one longer than any abbreviation
    word = match.group(1).rstrip(".")
    if word.isdigit() and len(word) <= 2:
        return True
    return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text[start:end]``, trimmed of space.

    Paragraph and line breaks always end a sentence; ``.``, ``!``, ``?`` end one when an
    upper-case letter or a digit follows and the period does not close an ordinal number or
    a known abbreviation.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group(0)[0] == "." and _is_false_stop(text, match.start()):
            continue
        stop = match.end() if not match.group(0).isspace() else match.start()
        _append_trimmed(text, cursor, stop, spans)
        cursor = match.end()
    _append_trimmed(text, cursor, end, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (convenience over :func:`sentence_spans`)."""
    return [text[a:b] for a, b in sentence_spans(text)]
