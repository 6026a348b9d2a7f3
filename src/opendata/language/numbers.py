"""Money, areas and years as Slovenian municipal prose writes them, with character offsets.

Every parser returns ``(start, end, value)`` triples so a caller can tell *where* a number
sits and attach it only to the project the surrounding sentence talks about.
"""
from __future__ import annotations

import regex

# A number as written in Slovenian: thousands grouped by '.', NBSP or a space ("850.000",
# "40 000"), decimals after ',' ("2,4"); a plain decimal point is accepted for "2.4 mio".
# It starts where a digit run starts and never gives digits back (possessive): a number is
# never followed by its unit mid-digits, and retrying each shorter split of a 20 000-digit
# run is quadratic.
_NUMBER = r"(?<!\d)(?<!\d[.,])(?P<num>\d{1,3}(?:[.\u00a0\u202f ]\d{3})++(?:,\d+)?+|\d++(?:[,.]\d++)?+)"

_MULTIPLIERS = (
    ("milijard", 1e9), ("mrd", 1e9), ("milijon", 1e6), ("mio", 1e6), ("tisoč", 1e3), ("tis", 1e3),
)

_AMOUNT = regex.compile(
    _NUMBER
    + r"\s*(?P<mult>milijard\w*|mrd\.?|milijon\w*|mio\.?|tisoč|tis\.)?"
    + r"\s*(?P<cur>evr(?:ov|a|i|u|om|ih)?\b|EUR\b|€)?",
    regex.IGNORECASE,
)
# "€ 850.000", "EUR 2,4 milijona"
_AMOUNT_PREFIXED = regex.compile(
    r"(?:€|EUR)\s*" + _NUMBER + r"(?:\s*(?P<mult>milijard\w*|mrd\.?|milijon\w*|mio\.?|tisoč|tis\.))?",
    regex.IGNORECASE,
)

_AREA = regex.compile(
    _NUMBER
    + r"\s*(?P<unit>ha\b|hektar\w*|m2\b|m²|km2\b|km²|kvadratn\w+\s+metr\w*|kvadratn\w+\s+kilometr\w*"
    + r"|kv\.\s*m\b)",
    regex.IGNORECASE,
)

_MONTHS = (
    r"(?:januar|februar|marec|marc|april|maj|junij|julij|avgust|september|septembr|oktober|oktobr"
    r"|november|novembr|december|decembr)\w*"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# When in a year a thing is due: "leta", "v letu", a season ("poleti", "jeseni") or a month.
_WHEN = (r"(?:(?:v\s+)?(?:leta|letu)\s+|v\s+(?:\p{L}+\s+)?sezoni\s+|(?:spomladi|poleti|jeseni|pozimi|sredi|konec|(?:ob\s+)?koncu)\s+(?:leta\s+)?"
         r"|(?:v\s+)?" + _MONTHS + r"\s+)")

# Phrases that state when something is due: "do leta 2027", "do konca leta 2026",
# "do junija 2026", "do 2030", "rok ... je junij 2026", "leta 2028 končan", "v letu 2026 zaključen".
_TARGET = regex.compile(
    r"\bdo\s+(?:konca\s+|sredine\s+|začetka\s+|jeseni\s+|pomladi\s+|poletja\s+|zime\s+)?"
    r"(?:(?:leta|letu|l\.)\s+|" + _MONTHS + r"\s+)?" + _YEAR + r"\b"
    r"|\brok\w*\s+(?:\w+\s+){0,4}?(?:je|bo|bil)\s+(?:" + _MONTHS + r"\s+|leto\s+)?" + _YEAR + r"\b"
    r"|\b(?:leta|letu)\s+" + _YEAR + r"\s+(?:\w+\s+){0,2}?(?:konča|zaključ|dokonča|zgrajen|odprt|urejen|predan)\w*"
    # "končana bo leta 2027", "zaključena bo v letu 2026", "dokončan bo do septembra 2026" is above
    r"|\b(?:konča|zaključ|dokonča|zgrajen|odprt|urejen|predan)\w*\s+(?:pa\s+|tudi\s+)?(?:bo|bodo|bosta|naj\s+bi\s+bil\w*)\s+"
    r"(?:predvidoma\s+|že\s+)?" + _WHEN + _YEAR + r"\b"
    # "bo zaključena v letu 2026", "bodo končana predvidoma leta 2027", "naj bi bila končana poleti 2027"
    r"|\b(?:bo|bodo|bosta|naj\s+bi\s+bil\w*)\s+(?:\w+\s+){0,3}?(?:konča|zaključ|dokonča|zgrajen|odprt|urejen|predan)\w*\s+"
    r"(?:predvidoma\s+|že\s+)?" + _WHEN + _YEAR + r"\b"
    # A facility that will be ready or take its first users then: "bo nared leta 2027",
    # "naj bi prve kopalce sprejelo poleti 2027", "bo na voljo jeseni 2026".
    r"|\b(?:bo|bodo|bosta|naj\s+bi)\s+(?:\w+\s+){0,2}?(?:nared|na\s+voljo|v\s+uporabi|sprejel\w*\s+prv\w*\s+\w+|prv\w*\s+\w+\s+sprejel\w*"
    # "naj bi obiskovalce sprejelo v poletni sezoni 2027": its users, named before the verb
    r"|(?:obiskovalc|kopalc|uporabnik|učenc|otrok|stanovalc|potnik)\w*\s+sprejel\w*"
    r"|odprl\w*\s+(?:svoja\s+)?vrata|začel\w*\s+obratovati)\s+(?:predvidoma\s+|že\s+)?" + _WHEN + _YEAR + r"\b"
    # "zaključek del je predviden v letu 2027", "dokončanje je načrtovano leta 2026"
    r"|\b(?:zaključ|dokonča|konec\s+(?:del|gradnj|projekt)|odprtj|predaj)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:je|bo)\s+(?:predviden|načrtovan)\w*\s+(?:za\s+|v\s+)?(?:(?:leto|leta|letu)\s+|" + _MONTHS + r"\s+)?"
    + _YEAR + r"\b",
    regex.IGNORECASE,
)
# An end-of-year date is a deadline unless the clause starts something then: "konec leta
# 2026", "ob koncu leta 2026", "koncem leta 2026", "predvidoma leta 2027", "predvidoma 2027".
_TARGET_SOFT = regex.compile(
    r"\b(?:(?:ob\s+)?konc(?:u|em)|konec)\s+(?:leta\s+|l\.\s+)?" + _YEAR + r"\b"
    r"|\bpredvidoma\s+(?:v\s+)?(?:(?:leta|letu)\s+)?" + _YEAR + r"\b",
    regex.IGNORECASE,
)
# A span of years the works run over ends in its last year: "izvedba je predvidena v letih
# 2026 in 2027", "med letoma 2026 in 2028" (not "v obdobju 2021–2027": a funding period).
_SPAN = regex.compile(
    r"\b(?:v\s+letih|med\s+letoma)\s+(?:19|20)\d{2}\s*(?:in|[–—-])\s*(?P<year>(?:19|20)\d{2})\b",
    regex.IGNORECASE,
)
_STARTS_BEFORE = regex.compile(r"(?i)(?:začel|začet|začn|pričel|pričet|pričn|start|zagon)\w*\s+(?:\w+\s+){0,4}$")
_PAST_BEFORE = regex.compile(
    r"(?i)\b(?:je|so|sta|smo)\s+$"
    r"|(?:\b(?:je|so|sta|smo)\s+(?:\w+\s+){0,3}?\w+(?:l|la|lo|li|le)|\blani|\bže)\s+(?:\w+\s+){0,2}$"
)
# The same, relative to the reference year: "do konca prihodnjega leta", "do konca letošnjega leta".
_TARGET_RELATIVE = regex.compile(
    r"\bdo\s+(?:konca\s+)?(?P<rel>prihodnjega|naslednjega|letošnjega|tega)\s+leta\b"
    r"|\bdo\s+konca\s+(?P<rel>leta)\b(?!\s+\d)",
    regex.IGNORECASE,
)
_START = regex.compile(
    # not "za začetek šolskega leta 2027/28": the school calendar, not the works
    r"\b(?:začel\w*|začet\w*(?!\s+šolsk)|pričel\w*|začni\w*|začne\w*|začeli|z\s+deli)\s+(?:\w+\s+){0,8}?"
    r"(?:(?:spomladi|jeseni|poleti|pozimi|konec|konca|sredi|v\s+začetku|v\s+letu|leta|" + _MONTHS + r")\s+)?"
    r"(?:(?P<year>(?:19|20)\d{2})\b|(?P<rel>prihodnje|naslednje|letos)\b)",
    regex.IGNORECASE,
)


def _to_float(raw: str) -> float:
    """'850.000' → 850000, '2,4' → 2.4, '2.4' → 2.4 (a lone point with one or two decimals)."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if regex.fullmatch(r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(" ", "")
    return float(raw.replace(",", "."))


def _multiplier(word: str | None) -> float:
    if not word:
        return 1.0
    word = word.casefold()
    for prefix, factor in _MULTIPLIERS:
        if word.startswith(prefix):
            return factor
    return 1.0


def parse_amount_eur(text: str) -> list[tuple[int, int, float]]:
    """Amounts of money in euros: '2,4 milijona evrov' → 2400000, '850.000 evrov', '850 tisoč
    evrov', '24,8 mio EUR', '€ 1,5 milijona', '1,2 milijarde' (billions need no currency word).

    A bare number or a million without a currency word is not money ('40 tisoč prebivalcev').
    """
    found: list[tuple[int, int, float]] = []
    for m in _AMOUNT.finditer(text):
        mult, cur = m.group("mult"), m.group("cur")
        if not cur and not (mult and mult.casefold().startswith(("milijard", "mrd"))):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ",."):
            continue
        value = _to_float(m.group("num")) * _multiplier(mult)
        found.append((m.start(), m.end(), value))
    taken = [(a, b) for a, b, _ in found]
    for m in _AMOUNT_PREFIXED.finditer(text):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        found.append((m.start(), m.end(), _to_float(m.group("num")) * _multiplier(m.group("mult"))))
    found.sort()
    return [(a, b, round(v, 2)) for a, b, v in found]


def parse_area_m2(text: str) -> list[tuple[int, int, float]]:
    """Areas in square metres: '2,15 ha' → 21500, '5.000 m2', '6.300 kvadratnih metrov',
    '800 m²', '1,8 hektarja', '2 km²' → 2000000."""
    found = []
    for m in _AREA.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ",."):
            continue
        unit = m.group("unit").casefold()
        value = _to_float(m.group("num"))
        if unit == "ha" or unit.startswith("hektar"):
            value *= 10_000
        elif unit.startswith("km") or "kilometr" in unit:
            value *= 1_000_000
        found.append((m.start(), m.end(), round(value, 2)))
    return found


def _relative_year(word: str, reference_year: int | None) -> int | None:
    if reference_year is None:
        return None
    word = word.casefold()
    if word in ("prihodnjega", "naslednjega", "prihodnje", "naslednje"):
        return reference_year + 1
    return reference_year


def parse_target_year(text: str, reference_year: int | None = None) -> list[tuple[int, int, int]]:
    """Years a thing is due by: 'do leta 2027', 'do konca leta 2026', 'do junija 2026',
    'leta 2028 končan', 'končana bo leta 2027', 'rok za dokončanje del je junij 2026',
    'konec leta 2026' and 'predvidoma 2027' (unless a start verb or a past tense precedes), the
    last year of a future span ('v letih 2026 in 2027'), a facility ready or taking its first
    users ('naj bi prve kopalce sprejelo poleti 2027'); with ``reference_year`` also
    'do konca prihodnjega leta' (reference + 1) and 'do konca letošnjega leta'."""
    found = [(m.start(), m.end(), int(m.group("year"))) for m in _TARGET.finditer(text)]
    taken = [(a, b) for a, b, _ in found]
    for m in _TARGET_SOFT.finditer(text):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            continue
        before = text[max(0, m.start() - 60): m.start()]
        if _STARTS_BEFORE.search(before) or _PAST_BEFORE.search(before):
            continue  # "dela se bodo začela konec leta 2026", "so konec leta 2024 odprli"
        if reference_year is not None and int(m.group("year")) < reference_year:
            continue  # an end-of-year date already past is history, not a deadline
        found.append((m.start(), m.end(), int(m.group("year"))))
    for m in _SPAN.finditer(text):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b, _ in found):
            continue
        if _PAST_BEFORE.search(text[max(0, m.start() - 60): m.start()]):
            continue  # "so v letih 2019 in 2020 obnovili": history
        if reference_year is not None and int(m.group("year")) < reference_year:
            continue
        found.append((m.start(), m.end(), int(m.group("year"))))
    for m in _TARGET_RELATIVE.finditer(text):
        year = _relative_year(m.group("rel"), reference_year)
        if year is not None:
            found.append((m.start(), m.end(), year))
    found.sort()
    return found


def parse_start_year(text: str, reference_year: int | None = None) -> list[tuple[int, int, int]]:
    """Years work starts: 'dela naj bi se začela spomladi 2026', 'z deli bo začel spomladi
    prihodnje leto' (reference + 1 with ``reference_year``)."""
    found = []
    for m in _START.finditer(text):
        if m.group("year"):
            found.append((m.start(), m.end(), int(m.group("year"))))
        else:
            year = _relative_year(m.group("rel"), reference_year)
            if year is not None:
                found.append((m.start(), m.end(), year))
    return found
