"""Slovenian word forms: the lemmagen3 lemmatizer and rule-based nominative candidates.

Place names are mostly unknown to a statistical lemmatizer, so besides lemmagen3 we invert
the regular Slovenian case endings (``Topolšici`` → ``Topolšica``, ``Škalah`` → ``Škale``,
``Kopru`` → ``Koper``) and let the register decide which candidate is a real name.
"""
from __future__ import annotations

from functools import lru_cache

import regex

_LEMMATIZER = None

# (inflected ending, nominative ending) pairs, every case of the regular declensions that
# occur in place and street names. Longer endings first only for readability: all are tried.
_ENDINGS: tuple[tuple[str, str], ...] = (
    # feminine a-stems and feminine adjectives: Topolšice/-i/-o, Paške/-i/-o
    ("e", "a"), ("i", "a"), ("o", "a"),
    # feminine i-stems: vasi/vasjo → vas, poti → pot
    ("i", ""), ("jo", ""),
    # masculine nouns: Kranja/-u/-om, Šoštanjem
    ("a", ""), ("u", ""), ("om", ""), ("em", ""),
    # masculine adjectives: Malega/-em/-emu/-im → Mali; possessives Titovega/-em → Titov
    ("ega", "i"), ("em", "i"), ("emu", "i"), ("im", "i"), ("ega", ""), ("emu", ""),
    # neuter nouns and adjectives: Velenja/-u/-em, Šmartnega/-em → Šmartno
    ("a", "o"), ("a", "e"), ("u", "o"), ("u", "e"), ("om", "o"), ("em", "e"),
    ("ega", "o"), ("em", "o"), ("emu", "o"), ("im", "o"),  # ... z Novim mestom → Novo mesto
    # plurals: Škal/Škalah/Škalam/Škalami → Škale, Hrvatinov/-ih/-om/-e → Hrvatini
    ("", "e"), ("ah", "e"), ("am", "e"), ("ami", "e"), ("ih", "e"), ("ih", "i"),
    ("ov", "i"), ("ev", "i"), ("om", "i"), ("e", "i"), ("ih", "a"),
)

_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_CONSONANTS = frozenset("bcčdfghjklmnprsštvzž")


def _lemmatizer():
    """The Slovenian lemmagen3 model, loaded once (loading takes ~50 ms)."""
    global _LEMMATIZER
    if _LEMMATIZER is None:
        import lemmagen3

        _LEMMATIZER = lemmagen3.Lemmatizer("sl")
    return _LEMMATIZER


def _match_case(lemma: str, word: str) -> str:
    """Give ``lemma`` the capitalisation pattern of ``word`` (title, upper or lower)."""
    if word.isupper() and len(word) > 1:
        return lemma.upper()
    if word[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    return lemma


@lru_cache(maxsize=65536)
def lemmatize(word: str) -> str:
    """Return the lemmagen3 lemma of one Slovenian word, capitalised like the input."""
    if not word:
        return word
    if not word.isascii() and _SURROGATE.search(word):
        return word  # lemmagen3 cannot take a lone surrogate (a bad "\\udcff" escape in JSON)
    lemma = _lemmatizer().lemmatize(word.lower()) or word.lower()
    return _match_case(lemma, word)


@lru_cache(maxsize=131072)
def nominative_candidates(word: str) -> frozenset[str]:
    """Lower-case nominative forms ``word`` may be an inflection of (itself included).

    Over-generates on purpose: callers keep only candidates found in the register.
    A fleeting ``e`` is restored (``Kopra`` → ``koper``) because the masculine endings
    drop it from the stem.
    """
    low = word.lower()
    out = {low, lemmatize(word).lower()}
    for ending, repl in _ENDINGS:
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        if len(stem) < 2:
            continue
        out.add(stem + repl)
        if repl == "" and len(stem) >= 3 and stem[-1] in "rlnmv" and stem[-2] in _CONSONANTS:
            out.add(stem[:-1] + "e" + stem[-1])
    return frozenset(out)


@lru_cache(maxsize=131072)
def ordered_nominatives(word: str) -> tuple[str, ...]:
    """:func:`nominative_candidates` in a fixed order: the word's own form first, then
    alphabetical. For callers that take the first candidate the register knows: a set's
    order changes with PYTHONHASHSEED from process to process."""
    own = word.lower()
    return tuple(sorted(nominative_candidates(word), key=lambda c: (c != own, c)))


_ADJECTIVE_END = regex.compile(r"(?:ov|ev|in|sk|šk|čk|ck|n|j)(?:a|e|i|o|em|ega|emu|im)$")
# Possessive and relational adjectives: the shapes street names are made of.
_STRICT_ADJECTIVE_END = regex.compile(r"(?:ov|ev|sk|šk|čk|ck)(?:a|e|i|o|em|ega|emu|im)$")


def looks_adjectival(word: str, strict: bool = False) -> bool:
    """True when ``word`` ends like an inflected adjective (``Jenkove``, ``Paški``, ``Glavnem``).

    ``strict`` admits only possessive and relational endings (``-ova``, ``-eva``, ``-ska``),
    for words whose capital letter may just start a sentence.
    """
    pattern = _STRICT_ADJECTIVE_END if strict else _ADJECTIVE_END
    return bool(pattern.search(word.lower()))
