"""Slovenian temporal expressions: find dates and times in text and resolve them to windows.

A small grammar of our own over precompiled ``regex`` patterns. The text is scanned once
for *atoms* (a date or list of days with its month, a numeric date, a weekday, a relative
word such as ``jutri``, a clock time, ``do preklica`` ...). Atoms that follow each other
with only connective words between them (``od``, ``do``, ``med``, ``in``, commas, dashes,
``predvidoma`` ...) form one :class:`TemporalMention`, whose connectors decide which atom
is the start and which the end.

Year-less dates follow DATA_MODEL.md §1: with a weekday, the year near the reference in
which the weekday matches; without one, the year that puts the date closest to its anchor
(the nearest resolved date before it in the same text, else the reference).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from functools import lru_cache

import regex

from opendata.model import Window

# --------------------------------------------------------------------------- vocabulary

_MONTH_STEMS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("januar", "januarja", "januarju", "januarjem")),
    (2, ("februar", "februarja", "februarju", "februarjem")),
    (3, ("marec", "marca", "marcu", "marcem")),
    (4, ("april", "aprila", "aprilu", "aprilom")),
    (5, ("maj", "maja", "maju", "majem")),
    (6, ("junij", "junija", "juniju", "junijem")),
    (7, ("julij", "julija", "juliju", "julijem")),
    (8, ("avgust", "avgusta", "avgustu", "avgustom")),
    (9, ("september", "septembra", "septembru", "septembrom")),
    (10, ("oktober", "oktobra", "oktobru", "oktobrom")),
    (11, ("november", "novembra", "novembru", "novembrom")),
    (12, ("december", "decembra", "decembru", "decembrom")),
)
# Abbreviations are only accepted right after a day number ("5. jan. 2025").
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "avg": 8, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTHS: dict[str, int] = {form: num for num, forms in _MONTH_STEMS for form in forms}

_WEEKDAY_FORMS: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = (
    # (weekday, singular case forms, plural forms = recurring "ob ponedeljkih")
    (0, ("ponedeljek", "ponedeljka", "ponedeljku", "ponedeljkom"),
     ("ponedeljki", "ponedeljkih", "ponedeljkov")),
    (1, ("torek", "torka", "torku", "torkom"), ("torki", "torkih", "torkov")),
    (2, ("sreda", "sredo", "srede", "sredi"), ("sredah", "sredam")),
    (3, ("četrtek", "četrtka", "četrtku", "četrtkom"), ("četrtki", "četrtkih", "četrtkov")),
    (4, ("petek", "petka", "petku", "petkom"), ("petki", "petkih", "petkov")),
    (5, ("sobota", "soboto", "sobote", "soboti"), ("sobotah", "sobotam")),
    (6, ("nedelja", "nedeljo", "nedelje", "nedelji"), ("nedeljah", "nedeljam")),
)
_WEEKDAYS: dict[str, int] = {f: wd for wd, sing, _ in _WEEKDAY_FORMS for f in sing}
# "sob., 11. 4.": abbreviations, read only right before a date (see _WORD_SOURCE)
_WEEKDAY_ABBREVIATIONS = {"pon": 0, "tor": 1, "sre": 2, "čet": 3, "pet": 4, "sob": 5, "ned": 6}
_WEEKDAYS_PLURAL: dict[str, int] = {f: wd for wd, _, plur in _WEEKDAY_FORMS for f in plur}

_RELATIVE_OFFSETS = {
    "danes": 0, "nocoj": 0, "drevi": 0, "jutri": 1, "pojutrišnjem": 2,
    "včeraj": -1, "sinoči": -1, "predvčerajšnjim": -2,
}
_RELATIVE_STEMS = (("današnj", 0), ("nocojšnj", 0), ("jutrišnj", 1), ("včerajšnj", -1))


def _alternation(words: list[str]) -> str:
    # Longest first, so that "januarja" is not cut to "januar".
    return "|".join(sorted(set(words), key=len, reverse=True))


_MONTH_ALT = _alternation(list(_MONTHS))
_MONTH_ABBR_ALT = _alternation(list(_MONTH_ABBREVIATIONS))
# "sredi" also means "in the middle of": as a bare word it is never a weekday (see _scan).
_WD_ALT = _alternation(list(_WEEKDAYS))
_WD_PLURAL_ALT = _alternation(list(_WEEKDAYS_PLURAL))

_YEAR = r"(?:19|20)\d\d(?!\d)"
_L = r"(?!\p{L})"  # end of a word (\b misfires after a trailing period)

# --------------------------------------------------------------------------- patterns

# Two passes, because one big alternation defeats the engine's literal-prefix scan (4x
# slower): atoms that start with a digit, and atoms that start with a word. A weekday
# directly before a date ("v sredo, 9. novembra") is joined to it afterwards.
_DIGIT_SOURCE = rf"""
(?<![\d.,])(?:
  (?P<iso>(?P<iso_y>20\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?!\d))
| (?P<num>(?P<num_days>\d{{1,2}}\.(?:\s*(?:in|do|–|-|—)\s*\d{{1,2}}\.)*)
    \s?(?P<num_m>1[0-2]|0?[1-9])\.\s?(?P<num_y>{_YEAR}))
| (?P<dm>(?P<dm_d>[0-3]?\d)\.\s?(?P<dm_m>1[0-2]|0?[1-9])\.(?!\s?\d))
| (?P<txt>(?P<txt_days>\d{{1,2}}\.(?:\s*(?:,|,?\s*(?:in|ter|do|–|-|—))\s*
    (?:(?:{_WD_ALT}){_L},?\s*)?\d{{1,2}}\.)*)
    \s*(?:(?P<txt_mon>{_MONTH_ALT}){_L}|(?P<txt_abbr>{_MONTH_ABBR_ALT})(?:\.|{_L}))
    (?:,?\s*(?P<txt_y>{_YEAR}))?)
| (?P<tob>(?P<tob_h>[01]?\d|2[0-4])\.
    (?=\s*(?:do|in|–|-|—)\s*(?:predvidoma\s+)?(?:(?:[01]?\d|2[0-4])\.\s*(?:ur[aeoi]){_L}
        |(?:[01]?\d|2[0-4])[.:][0-5]\d(?![.,]?\d))))
| (?P<ttr>(?P<ttr_h>[01]?\d|2[0-4])\.(?=\.\.|…))
| (?P<tor>(?P<tor_h>[01]?\d|2[0-4])\.\s*(?:ur[aeoi]){_L})
| (?P<thm>(?P<thm_h>[01]?\d|2[0-4])(?P<thm_sep>[.:])(?P<thm_m>[0-5]\d)
    (?!\d|[.,]\d)(?:\s*(?:ur[aeoi]|h){_L})?)
)"""
_WORD_SOURCE = rf"""
\m(?:
  (?P<wd>(?P<wd_w>{_WD_ALT}|{_WD_PLURAL_ALT}|(?:pon|tor|sre|čet|pet|sob|ned)(?=\.[ \t\xa0]*,?[ \t\xa0]*\d)){_L})
| (?P<tword>(?:opolnoči|opoldne){_L})
| (?P<rel>(?P<rel_w>danes|jutri|pojutrišnjem|včeraj|predvčerajšnjim|nocoj|drevi|sinoči
    |(?:današnj|jutrišnj|včerajšnj|nocojšnj)\p{{L}}*){_L})
| (?P<week>(?:(?P<week_a>ta|to|prihodnji|naslednji|prejšnji|pretekli|minuli)\s+teden
    |v\s+(?P<week_b>tem|prihodnjem|naslednjem|prejšnjem|preteklem|minulem)\s+tednu){_L})
| (?P<eom>(?P<eom_do>do\s+)?(?:konca|konec)\s+(?:(?P<eom_mon>{_MONTH_ALT})|(?P<eom_leta>leta))
    {_L}(?:\s+(?P<eom_y>{_YEAR}))?)
| (?P<wm>(?:ves|vse|cel|celi|celoten|celotni)\s+(?P<wm_mon>{_MONTH_ALT}){_L}
    (?:\s+(?P<wm_y>{_YEAR}))?)
| (?P<open>do\s+(?:preklica|nadaljnjega|nadaljnega|odpoklica){_L})
)"""
_DIGIT_RE = regex.compile(_DIGIT_SOURCE, regex.IGNORECASE | regex.VERBOSE | regex.V0)
_WORD_RE = regex.compile(_WORD_SOURCE, regex.IGNORECASE | regex.VERBOSE | regex.V0)
# Case-sensitive matching over a lower-cased copy is twice as fast as IGNORECASE.
_WORD_RE_LOWER = regex.compile(_WORD_SOURCE, regex.VERBOSE | regex.V0)
_DIGIT_RUN_RE = regex.compile(r"\d+")
_NO_GROUPS: dict[str, None] = dict.fromkeys(
    [*_DIGIT_RE.groupindex, *_WORD_RE.groupindex, "bm_mon", "bm_y"])

_WEEKDAY_JOIN_RE = regex.compile(r"\.?[ \t\xa0]*,?\s*")  # "sob., 11. 4."
_DM_PREP_RE = regex.compile(r"(?<!\p{L})(?:od|do|dne|med)[ \t\xa0]+$", regex.IGNORECASE)
_NAME_WORD_BEFORE = regex.compile(r"\p{Lu}\p{Ll}+[ \t\xa0]+$")
_BARE_WEEKDAY_PREP_RE = regex.compile(
    r"\m(?:v|na|od|do|za|ta|to|prihodnji|prihodnjo|naslednji|naslednjo|prejšnji|prejšnjo"
    r"|pretekli|preteklo|minuli|minulo|vsak|vsako|s|z)[ \t\xa0]+"
    # a day's adjective between: "na velikonočni ponedeljek", "na pustni torek", "v veliko soboto"
    r"(?:(?!vsak)\p{Ll}{3,}[io][ \t\xa0]+)?$", regex.IGNORECASE)
_TRUNCATED_TIME_PREP_RE = regex.compile(r"\m(?:med|od|ob)[ \t\xa0]+$", regex.IGNORECASE)

# A month on its own ("februarja", "v decembru", "junij 2026"); only on request. Lower
# case unless a year follows, because "Maja" is also a name.
_BARE_MONTH_RE = regex.compile(
    rf"(?<![\d.]\s?)\m(?:(?P<bm_mon>{_MONTH_ALT})(?:\s+(?P<bm_y>{_YEAR}))?{_L})",
    regex.IGNORECASE,
)

# The group names of each atom pattern, for _Groups (``Pattern.groupindex`` builds a new dict).
_GROUP_NAMES = {pattern: frozenset(pattern.groupindex)
                for pattern in (_DIGIT_RE, _WORD_RE, _WORD_RE_LOWER, _BARE_MONTH_RE)}


class _Groups:
    """The named groups of an atom match, looked up one at a time.

    Reads like ``{**_NO_GROUPS, **m.groupdict()}`` (a group of another atom pattern is None)
    without building a dict of every group per match, which cost more than the match.
    """

    __slots__ = ("_match", "_names")

    def __init__(self, match: regex.Match) -> None:
        self._match = match
        self._names = _GROUP_NAMES[match.re]

    def __getitem__(self, name: str) -> str | None:
        if name in self._names:
            return self._match.group(name)
        if name in _NO_GROUPS:
            return None
        raise KeyError(name)

    def get(self, name: str, default: str | None = None) -> str | None:
        if name in self._names:
            return self._match.group(name)
        return None if name in _NO_GROUPS else default


_YEARS_RE = regex.compile(
    rf"\m(?:(?:do|od|v|iz|za|po|pred|konec|konca|do\s+konca)\s+)?(?:leta|letu|letom)\s+(?P<y>{_YEAR})",
    regex.IGNORECASE,
)

# What may stand between two atoms of one expression. No newline: table rows and list
# lines are separate statements.
_GLUE_RE = regex.compile(
    r"(?:[ \t\xa0,;()–—\-]+|\m(?:od|do|med|in|ter|na|v|ob|s|z|predvidoma|približno|okoli"
    r"|dalje|naprej|zjutraj|zvečer|dopoldne|dopoldan|popoldne|popoldan|ponoči|ure|uri|uro"
    r"|vsak|vsako|vsakič|dan|dnem|dne|delavnik|noči|pa|vse|sicer|bo|bodo|bosta|oz\.?|oziroma"
    # "do vključno nedelje, 18. januarja": the last day counts
    r"|vključno|vkljucno|do\s+konca\s+\p{L}+)(?!\p{L}))*",
    regex.IGNORECASE,
)
_MAX_GLUE = 48
_CONNECTOR_RE = regex.compile(r"\m(od|do|med|in|ter|na|s|z)(?!\p{L})|([–—\-])", regex.IGNORECASE)
# Connectors just before the first atom belong to the expression ("od ponedeljka, ...").
_LEAD_RE = regex.compile(
    r"(?:\m(?:v\s+noči\s+s|od|do|med|s|z|v|na|predvidoma|do\s+konca\s+\p{L}+\s+v|do\s+predvidoma)"
    r"[ \t\xa0]+(?:v[ \t\xa0]+)?)+$",
    regex.IGNORECASE,
)
_OPEN_TAIL_RE = regex.compile(r"[ \t\xa0,]*(?:dalje|naprej)(?!\p{L})", regex.IGNORECASE)
_EVENING_RE = regex.compile(r"[ \t\xa0]*(?:zvečer|popoldne|popoldan)(?!\p{L})", regex.IGNORECASE)
_ESTIMATE_BEFORE_RE = regex.compile(
    r"predvidoma(?:[^\p{L}\d.!?\n]+\p{L}+){0,3}[^\p{L}\d.!?\n]*$", regex.IGNORECASE
)
_RECURRING_RE = regex.compile(r"\mvsak(?:o|ič)?\s+(?:dan|delavnik)|\mob\s+delavnikih", regex.I)
# A day number that names a street or square ("Ulica 15. maja", "Cesta 24. junija").
_STREET_BEFORE_RE = regex.compile(
    r"\m(?:ulic[aeio]|cest[aeio]|trg[au]?|nabrežj[eu]|park[u]?|naselj[eu]|brigad[aeio]"
    r"|divizij[aeo])[ \t\xa0]*$",
    regex.IGNORECASE,
)
_DOT_TIME_CONTEXT_BEFORE = regex.compile(
    # "od danes, 5.30": a clock time right after the day it belongs to
    r"(?:\m(?:ob|od|do|med|in|ter|okoli|približno|predvidoma|ura|uri|časa)|[–—\-]"
    r"|\m(?:danes|jutri|nocoj|zjutraj),)[ \t\xa0]*$",
    regex.IGNORECASE,
)
_DOT_TIME_CONTEXT_AFTER = regex.compile(r"[ \t\xa0]*(?:ur|h(?!\p{L})|[–—\-]|do(?!\p{L}))", regex.I)
_RESCHEDULED_BEFORE_RE = regex.compile(
    r"\m(?:prestavljen|preložen|premaknjen|zamaknjen)\p{L}*[ \t\xa0]+(?:na|za)[ \t\xa0]+(?:v[ \t\xa0]+)?$", regex.I)
_FUTURE_RE = regex.compile(r"\m(?:bo|bodo|bosta|bomo|boste|bom|bi|vabi|vabimo|vabljeni)(?!\p{L})", regex.I)
_PAST_RE = regex.compile(r"\m(?:je|so|sta|smo|ste|sem)(?!\p{L})", regex.I)


# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class TemporalMention:
    """One date/time expression in a text, resolved to a :class:`Window`.

    ``start``/``end`` are offsets into the text given to :func:`find_temporals`.
    ``granularity`` is ``"day"``, ``"week"`` (``prihodnji teden``), ``"month"`` (``ves
    december``, ``do konca marca``, bare months on request) or ``None`` (times only).
    """

    start: int
    end: int
    window: Window
    open_ended: bool = False
    has_date: bool = False
    has_time: bool = False
    weekday_only: bool = False  # the day comes from a bare weekday ("v ponedeljek")
    relative: bool = False  # a relative word (danes, jutri, včeraj ...) took part
    recurring: bool = False  # "vsak dan", "ob sredah": the times repeat on every day
    granularity: str | None = None
    dates: tuple[date, ...] = ()  # every day the expression names, in text order
    rescheduled: bool = False  # introduced by "prestavljen(a) na", "preložen(o) na" ...


@dataclass
class _Atom:
    kind: str  # "date" | "time" | "open" | "recurring"
    start: int
    end: int
    d_start: date | None = None
    d_end: date | None = None
    granularity: str | None = None
    weekday_only: bool = False
    relative: bool = False
    specificity: int = 0  # 3 explicit, 2 relative, 1 weekday: which wins when merged
    time_value: time | None = None
    next_day: bool = False  # "24.00"
    open_after: bool = False  # "... dalje"
    estimated: bool = False
    week_monday: date | None = None
    bare_weekday: int | None = None
    days: tuple[date, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- helpers

def parse_month(word: str) -> int | None:
    """The month number of a Slovenian month name in any case form (``januarju`` → 1)."""
    key = word.strip().rstrip(".").casefold()
    return _MONTHS.get(key) or _MONTH_ABBREVIATIONS.get(key)


def parse_weekday(word: str) -> int | None:
    """Monday=0 … Sunday=6 for a Slovenian weekday in any singular case form."""
    word = word.strip().casefold()
    return _WEEKDAYS.get(word, _WEEKDAY_ABBREVIATIONS.get(word))


def find_years(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of year phrases (``do leta 2027``, ``v letu 2024``).

    These are target or context years, never calendar dates, so :func:`find_temporals`
    does not report them.
    """
    return [(m.start(), m.end(), int(m.group("y"))) for m in _YEARS_RE.finditer(text)]


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` (same rule), without the weekday it also computes."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= _days_in(year, month):
        return None
    return date(year, month, day)


def _possible_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _days_in(2024, month)


def _year_for(days: list[int], month: int, weekday: int | None,
              anchor: date | None, reference: date | None) -> int | None:
    """The year for a year-less day/month (DATA_MODEL.md §1)."""
    return _year_for_days(tuple(days), month, weekday, anchor, reference)


# A pure function of a few small values, asked again for every sentence, title and group text
# that repeats a date; with a weekday it tries seventeen years.
@lru_cache(maxsize=8192)
def _year_for_days(days: tuple[int, ...], month: int, weekday: int | None,
                   anchor: date | None, reference: date | None) -> int | None:
    if weekday is not None and reference is not None:
        best: tuple[int, int] | None = None
        for year in range(reference.year - 8, reference.year + 9):
            for day in days:
                d = _safe_date(year, month, day)
                if d is not None and d.weekday() == weekday:
                    dist = abs((d - reference).days)
                    if best is None or dist < best[0]:
                        best = (dist, year)
        if best is not None:
            return best[1]
    base = anchor or reference
    if base is None:
        return None
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        d = _safe_date(year, month, days[0])
        if d is not None:
            options.append((abs((d - base).days), -year, year))
    return min(options)[2] if options else None


def _month_year_ahead(month: int, anchor: date | None) -> int | None:
    """The year in which ``month`` is next reached from ``anchor`` (this month counts)."""
    if anchor is None:
        return None
    return anchor.year if month >= anchor.month else anchor.year + 1


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _days_in(year, month))


def _is_future(text: str, start: int, end: int) -> bool:
    """Tense around an expression: that of the nearest auxiliary in its sentence.

    Future when no auxiliary shows (notices announce what is coming).
    """
    lo, hi = max(0, start - 80), min(len(text), end + 80)
    before, after = text[lo:start], text[end:hi]
    for cut in (". ", "\n"):
        before = before.rsplit(cut, 1)[-1]
        after = after.split(cut, 1)[0]
    best: tuple[int, bool] | None = None
    for pattern, future in ((_FUTURE_RE, True), (_PAST_RE, False)):
        for m in pattern.finditer(before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, future)
        m = pattern.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), future)
    return True if best is None else best[1]


_DAY_NUMBER = regex.compile(r"\d{1,2}")


def _days_list(spec: str) -> list[int]:
    return [int(x) for x in _DAY_NUMBER.findall(spec)]


# --------------------------------------------------------------------------- atoms

def _scan(text: str, start: int, end: int, reference: date | None, months: bool,
          anchor: date | None = None) -> list[_Atom]:
    matches = _digit_matches(text, start, end)
    lowered = text.lower()
    if len(lowered) == len(text):
        matches += _WORD_RE_LOWER.finditer(lowered, start, end)
    else:  # a character whose lower case is longer would shift every offset
        matches += _WORD_RE.finditer(text, start, end)
    if months:
        for m in _BARE_MONTH_RE.finditer(text, start, end):
            word = m.group("bm_mon")
            if word[0].isupper() and not m.group("bm_y") and word.casefold().startswith("maj"):
                continue
            matches.append(m)
    matches.sort(key=lambda m: (m.start(), -m.end()))
    atoms: list[_Atom] = []
    last_end = -1
    i = 0
    while i < len(matches):
        m = matches[i]
        i += 1
        if m.start() < last_end:
            continue  # inside an atom already taken ("marca" of "do konca marca")
        weekday_word = None
        if _Groups(m).get("wd") and i < len(matches):
            nxt = _Groups(matches[i])
            if (nxt.get("num") or nxt.get("txt") or nxt.get("dm")) and _WEEKDAY_JOIN_RE.fullmatch(
                    text, m.end(), matches[i].start()):
                weekday_word, m = m.group("wd_w"), matches[i]
                start_at = matches[i - 1].start()
                i += 1
        atom = _atom_from_match(text, m, reference, anchor, weekday_word)
        if atom is None:
            continue
        if weekday_word is not None:
            atom.start = start_at
        last_end = atom.end
        if atom.kind == "date" and atom.d_end is not None and atom.granularity == "day":
            anchor = atom.d_end
        atoms.append(atom)
    return atoms


def _digit_matches(text: str, start: int, end: int) -> list[regex.Match]:
    """Digit-led atoms, tried only where a run of digits begins (far faster than a scan)."""
    found = []
    taken = start
    for run in _DIGIT_RUN_RE.finditer(text, start, end):
        pos = run.start()
        if pos < taken:
            continue
        m = _DIGIT_RE.match(text, pos, end)
        if m is not None:
            found.append(m)
            taken = m.end()
    return found


def _atom_from_match(text: str, m: regex.Match, ref: date | None, anchor: date | None,
                     weekday_word: str | None = None) -> _Atom | None:
    g = _Groups(m)
    s, e = m.start(), m.end()
    if g.get("bm_mon"):
        month = _MONTHS[g["bm_mon"].casefold()]
        year = int(g["bm_y"]) if g["bm_y"] else _closest_month_year(month, anchor or ref)
        if year is None:
            return None
        a, b = _month_span(year, month)
        return _Atom("date", s, e, a, b, "month", specificity=1)
    if g["iso"]:
        d = _safe_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        return _day_atom(s, e, [d]) if d else None
    if g["num"] or g["txt"]:
        pre = "num" if g["num"] else "txt"
        if _STREET_BEFORE_RE.search(text, max(0, s - 20), s):
            return None
        weekday = parse_weekday(weekday_word) if weekday_word else None
        if pre == "num":
            month = int(g["num_m"])
        else:
            month = parse_month(g["txt_mon"] or g["txt_abbr"])  # type: ignore[assignment]
        days = _days_list(g[f"{pre}_days"])
        if not all(_possible_day(month, d) for d in days):
            return None
        year_text = g[f"{pre}_y"]
        year = int(year_text) if year_text else _year_for(days, month, weekday, anchor, ref)
        if year is None:
            return _Atom("date", s, e, None, None, "day", specificity=3)
        resolved = [_safe_date(year, month, d) for d in days]
        if any(d is None for d in resolved):
            return None
        return _day_atom(s, e, resolved)  # type: ignore[arg-type]
    if g["dm"]:
        # "torek, 30. 9." without a year counts only after a weekday, or a preposition that
        # dates it ("od 9. 3. do 20. 3. 2026", "dne 9. 3.").
        if weekday_word is None and not _DM_PREP_RE.search(text, max(0, s - 5), s):
            return None
        weekday = parse_weekday(weekday_word) if weekday_word else None
        month, day = int(g["dm_m"]), int(g["dm_d"])
        if not _possible_day(month, day):
            return None
        year = _year_for([day], month, weekday, anchor, ref)
        d = _safe_date(year, month, day) if year else None
        return _day_atom(s, e, [d]) if d else None
    if g["ttr"] and not _TRUNCATED_TIME_PREP_RE.search(text, max(0, s - 6), s):
        return None
    if g["tob"] or g["tor"] or g["ttr"] or g["thm"] or g["tword"]:
        return _time_atom(text, m, g)
    if g["rel"]:
        word = g["rel_w"].casefold()
        offset = _RELATIVE_OFFSETS.get(word)
        if offset is None:
            offset = next(off for stem, off in _RELATIVE_STEMS if word.startswith(stem))
        d = ref + timedelta(days=offset) if ref else None
        atom = _Atom("date", s, e, d, d, "day", relative=True, specificity=2,
                     days=(d,) if d else ())
        return atom
    if g["week"]:
        if ref is None:
            return None
        which = (g["week_a"] or g["week_b"]).casefold()
        shift = {"ta": 0, "to": 0, "tem": 0, "prihodnji": 1, "prihodnjem": 1, "naslednji": 1,
                 "naslednjem": 1}.get(which, -1)
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        # "so ta teden začeli": some day of the week, not the whole week.
        sunday = monday + timedelta(days=6) if _is_future(text, s, e) else None
        return _Atom("date", s, e, monday, sunday, "week", relative=True,
                     specificity=1, week_monday=monday)
    if g["eom"]:
        base = anchor or ref
        if g["eom_leta"]:
            year = int(g["eom_y"]) if g["eom_y"] else (base.year if base else None)
            if year is None:
                return None
            d = date(year, 12, 31)
        else:
            month = _MONTHS[g["eom_mon"].casefold()]
            if g["eom_y"]:
                year = int(g["eom_y"])
            elif g["eom_do"]:
                year = _month_year_ahead(month, base)  # a deadline lies ahead
            else:
                year = _closest_month_year(month, base)  # "konec marca" may be past
            if year is None:
                return None
            d = _month_span(year, month)[1]
        # "do konca marca" ends on the month's last day; the start is not stated.
        return _Atom("date", s, e, None, d, "month", specificity=3, estimated=False)
    if g["wm"]:
        month = _MONTHS[g["wm_mon"].casefold()]
        year = int(g["wm_y"]) if g["wm_y"] else _closest_month_year(month, anchor or ref)
        if year is None:
            return None
        a, b = _month_span(year, month)
        return _Atom("date", s, e, a, b, "month", specificity=3)
    if g["open"]:
        return _Atom("open", s, e, estimated=True)
    if g["wd"]:
        word = g["wd_w"].casefold()
        if word in _WEEKDAY_ABBREVIATIONS:
            return None  # an abbreviation counts only as the weekday of the date after it
        if word in _WEEKDAYS_PLURAL:
            return _Atom("recurring", s, e)  # "ob petkih"
        prep = _BARE_WEEKDAY_PREP_RE.search(text, max(0, s - 32), s)
        if prep is None or word == "sredi":
            return None  # "Ponedeljek, torek: 8.00–12.00" (office hours), "sredi mesta"
        if text[s].isupper() and _NAME_WORD_BEFORE.search(text, max(0, s - 40), s):
            return None  # "v Murski Soboti": the second word of a town's name
        weekday = _WEEKDAYS[word]
        if prep.group(0).casefold().startswith("vsak"):
            return _Atom("recurring", s, e)
        d = None
        if ref is not None:
            if _is_future(text, s, e):
                d = ref + timedelta(days=(weekday - ref.weekday()) % 7)
            else:
                d = ref - timedelta(days=(ref.weekday() - weekday) % 7)
        return _Atom("date", s, e, d, d, "day", weekday_only=True, specificity=1,
                     bare_weekday=weekday, days=(d,) if d else ())
    return None


def _closest_month_year(month: int, base: date | None) -> int | None:
    if base is None:
        return None
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        a, b = _month_span(year, month)
        dist = 0 if a <= base <= b else min(abs((a - base).days), abs((b - base).days))
        options.append((dist, -year, year))
    return min(options)[2]


def _day_atom(s: int, e: int, days: list[date]) -> _Atom:
    return _Atom("date", s, e, days[0], days[-1], "day", specificity=3, days=tuple(days))


def _time_atom(text: str, m: regex.Match, g: _Groups) -> _Atom | None:
    s, e = m.start(), m.end()
    if g["tword"]:
        word = g["tword"].casefold()
        return _Atom("time", s, e, time_value=time(0, 0) if word == "opolnoči" else time(12, 0))
    if g["thm"]:
        hour, minute = int(g["thm_h"]), int(g["thm_m"])
        if g["thm_sep"] == "." and not (
            _DOT_TIME_CONTEXT_BEFORE.search(text, max(0, s - 14), s)
            or _DOT_TIME_CONTEXT_AFTER.match(text, e)
            or _HOUR_WORD_RE.search(m.group(0))
        ):
            return None
    else:
        hour, minute = int(g["tob_h"] or g["tor_h"] or g["ttr_h"]), 0
    if hour == 24 and minute:
        return None
    evening = _EVENING_RE.match(text, e)
    if evening and hour < 12:
        hour += 12
    atom = _Atom("time", s, e, time_value=time(hour % 24, minute), next_day=hour == 24)
    tail = _OPEN_TAIL_RE.match(text, e)
    if tail:
        atom.open_after = True
        atom.end = tail.end()
    return atom


# --------------------------------------------------------------------------- grouping

# An adjective naming the day ("do pustnega torka", "do velikonočne nedelje"): the weekday
# after it still belongs to the expression before it.
_HOUR_WORD_RE = regex.compile(r"\mur[aeio](?!\p{L})")  # "12.30 ure": compiled once, not per atom
_SAME_DAY_GLUE_RE = regex.compile(r"[ \t\xa0,]*(?:v[ \t\xa0]+)?[ \t\xa0,]*")
_DAY_ADJECTIVE_RE = regex.compile(r"\p{Ll}{3,}(?:ega|ne|je|ke)[ \t\xa0]+$")
_WEEKDAY_START_RE = regex.compile(rf"(?:{_WD_ALT}){_L}", regex.IGNORECASE)


def _group(text: str, atoms: list[_Atom]) -> list[list[_Atom]]:
    groups: list[list[_Atom]] = []
    for atom in atoms:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end:atom.start]
            if prev.end <= atom.start and len(gap) <= _MAX_GLUE and _glue(gap, text, atom):
                groups[-1].append(atom)
                continue
        groups.append([atom])
    return groups


def _glue(gap: str, text: str, atom: _Atom) -> bool:
    """Only connective words between two atoms, or an adjective before a weekday atom."""
    if _GLUE_RE.fullmatch(gap):
        return True
    adjective = _DAY_ADJECTIVE_RE.search(gap)
    return (adjective is not None and atom.kind == "date"
            and _WEEKDAY_START_RE.match(text, atom.start) is not None
            and _GLUE_RE.fullmatch(gap, 0, adjective.start()) is not None)


def _connector(glue: str) -> str | None:
    found = None
    for m in _CONNECTOR_RE.finditer(glue):
        found = (m.group(1) or "-").casefold()
    return found


def _mention(text: str, atoms: list[_Atom], lo: int) -> TemporalMention | None:
    first = atoms[0]
    lead = _LEAD_RE.search(text, max(lo, first.start - 40), first.start)
    span_start = lead.start() if lead else first.start
    span_end = atoms[-1].end
    recurring = any(a.kind == "recurring" for a in atoms) or bool(
        _RECURRING_RE.search(text, span_start, span_end))
    dated = [a for a in atoms if a.kind == "date"]
    # A bare weekday beside a real date only repeats it ("Jutri, v torek,"); inside a
    # stated week it picks the day ("prihodnji teden v sredo").
    week = next((a for a in dated if a.granularity == "week"), None)
    bare = [a for a in dated if a.bare_weekday is not None]
    if week and bare:
        day = week.week_monday + timedelta(days=bare[0].bare_weekday)  # type: ignore[operator]
        bare[0].d_start = bare[0].d_end = day
        bare[0].days = (day,)
        dated = [a for a in dated if a is not week]
    if any(a.bare_weekday is None and a.granularity == "day" for a in dated):
        dated = [a for a in dated if a.bare_weekday is None]
    if any(a.granularity == "day" for a in dated):
        dated = [a for a in dated if a.granularity != "week"]

    open_ended = any(a.kind == "open" for a in atoms)
    estimated = open_ended
    start_date = end_date = None
    start_time = end_time = None
    time_next_day = False
    prev_end = span_start
    prev_date: _Atom | None = None
    med_open = False
    date_atoms_in_order = []
    # By identity: ``atom in dated`` compared dataclasses field by field, quadratic in a
    # mention of thousands of dates.
    dated_ids = {id(a) for a in dated}
    for atom in atoms:
        glue = text[prev_end:atom.start] if atom is not first else text[span_start:atom.start]
        prev_end = atom.end
        conn = _connector(glue)
        if atom.kind == "date" and id(atom) in dated_ids:
            if prev_date is not None and conn in (None,) and _same_day_glue(glue):
                # "danes, 2. decembra" / "jutri, v torek, 16. januarja": one day.
                if atom.specificity >= prev_date.specificity:
                    if start_date == prev_date.d_start:
                        start_date = atom.d_start
                    if end_date is not None and end_date == prev_date.d_end:
                        end_date = atom.d_end if atom.d_end != atom.d_start else end_date
                    if atom.d_end != atom.d_start:
                        end_date = atom.d_end
                    date_atoms_in_order[-1] = atom
                prev_date = atom
                continue
            is_end = conn in ("do", "-", "in", "ter") or (conn == "na" and prev_date is not None)
            if atom.d_start is None and atom.d_end is not None:
                is_end = True  # "do konca marca"
            if is_end:
                end_date = atom.d_end
                if prev_date is None and conn != "do":
                    start_date = atom.d_start
                if _estimated_before(text, atom.start, glue):
                    estimated = True
            else:
                if start_date is None:
                    start_date = atom.d_start
                if atom.d_end != atom.d_start:
                    end_date = atom.d_end
            date_atoms_in_order.append(atom)
            prev_date = atom
        elif atom.kind == "time":
            t = atom.time_value
            if conn == "do" or conn == "-" or (conn in ("in", "ter") and med_open):
                if end_time is None and (start_time is not None or conn != "-"):
                    end_time = t
                    time_next_day = atom.next_day
                    if _estimated_before(text, atom.start, glue):
                        estimated = True
                med_open = False
            elif conn in ("in", "ter"):
                pass  # a second time span ("8.00–12.00 in 13.00–15.00"): keep the first
            else:
                if start_time is None:
                    start_time = t
                    med_open = conn == "med"
                if atom.open_after and end_time is None:
                    open_ended = True

    days = tuple(d for a in date_atoms_in_order for d in (a.days or ()) if d is not None)
    granularity = None
    if date_atoms_in_order:
        granularity = "day"
        if all(a.granularity == "month" for a in date_atoms_in_order):
            granularity = "month"
        elif all(a.granularity == "week" for a in date_atoms_in_order):
            granularity = "week"
    has_date = bool(date_atoms_in_order) and (start_date is not None or end_date is not None)
    has_time = start_time is not None or end_time is not None
    if not has_date and not has_time and not open_ended:
        return None
    if end_time is not None and end_date is None and start_date is not None:
        end_date = start_date
    if end_date is not None and time_next_day:
        end_date += timedelta(days=1)
    elif (end_date is not None and end_date == start_date and start_time and end_time
          and end_time < start_time):
        end_date += timedelta(days=1)  # "med 22. in 4. uro": past midnight
    if open_ended:
        end_date = end_time = None
    if start_date is not None and end_date is not None and end_date < start_date:
        # "od torka, 4. marca, do ponedeljka, 3. marca": a range that ends before it starts
        # is a typo we cannot repair; the start is still stated, the end is not.
        end_date = end_time = None
    if end_date is None and end_time is None and not open_ended:
        estimated = False
    window = Window(start_date, start_time, end_date, end_time, estimated)
    return TemporalMention(
        start=span_start, end=span_end, window=window, open_ended=open_ended,
        has_date=has_date, has_time=has_time,
        weekday_only=has_date and all(a.weekday_only for a in date_atoms_in_order),
        relative=any(a.relative for a in date_atoms_in_order), recurring=recurring,
        granularity=granularity, dates=days,
        rescheduled=_RESCHEDULED_BEFORE_RE.search(text, max(lo, span_start - 40), first.start)
        is not None,
    )


def _same_day_glue(glue: str) -> bool:
    return _SAME_DAY_GLUE_RE.fullmatch(glue) is not None


def _estimated_before(text: str, pos: int, glue: str) -> bool:
    if "predvidoma" in glue.casefold():
        return True
    return _ESTIMATE_BEFORE_RE.search(text, max(0, pos - 60), pos) is not None


# --------------------------------------------------------------------------- public API

def find_temporals(text: str, reference: date | None, *, start: int = 0, end: int | None = None,
                   months: bool = False, anchor: date | None = None) -> list[TemporalMention]:
    """Every date/time expression in ``text[start:end]``, in order, resolved against ``reference``.

    Offsets are into ``text``. Year-less dates are anchored on the dates before them, so
    when ``start > 0`` the text before ``start`` is read for anchors too (unless
    ``anchor`` gives the anchor date directly). ``months=True`` also reports bare month
    names (``februarja``, ``v decembru``) as month-level mentions spanning the whole
    month; by default they are left out because they rarely state when something happens.
    """
    end = len(text) if end is None else end
    if start > 0 and anchor is None:
        anchor = _last_anchor(text, start, reference)
    atoms = _scan(text, start, end, reference, months, anchor)
    mentions = []
    for group in _group(text, atoms):
        mention = _mention(text, group, start)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _last_anchor(text: str, stop: int, reference: date | None) -> date | None:
    """The last day-level date resolved in ``text[:stop]`` (the anchor for what follows)."""
    days = [a.d_end for a in _scan(text, 0, stop, reference, False)
            if a.kind == "date" and a.granularity == "day" and a.d_end is not None]
    return days[-1] if days else None


# Between two listed days: "v četrtek, 25., in v petek, 26. decembra".
_NEXT_DAY_GLUE = regex.compile(r"[\s,]*(?:\d{1,2}\.)?[\s,]*(?:in|ter)\s+", regex.IGNORECASE)


@lru_cache(maxsize=4096)  # extractors ask about the same sentence more than once; Window is frozen
def resolve_window(text: str, reference: date | None, *, start: int = 0,
                   end: int | None = None) -> Window | None:
    """The single window a short notice (or one sentence) states.

    The first dated expression gives the days; later time-only expressions fill in
    missing times (``V petek, 3. maja. Dela bodo od 8. do 12. ure.``) and a later
    end-only expression closes an open start (``... od 9. ure dalje ... do 14. ure``).
    Week-level expressions count only when no day is given. ``None`` if the text states
    no date or time. A date the text moves something to (``prestavljena na torek,
    22. aprila``) is preferred over the one it was first announced for. Pass the whole
    document with ``start``/``end`` to resolve one part of it with the document's anchors.
    """
    mentions = find_temporals(text, reference, start=start, end=end)
    if any(m.granularity == "day" for m in mentions):
        mentions = [m for m in mentions if m.granularity != "week"]
    mentions = [m for m in mentions if m.has_date or m.has_time or m.open_ended]
    if not mentions:
        return None
    if any(not m.recurring for m in mentions):
        # A repeating time ("dostava vsak dan med 6. in 8. uro") is no window of its own
        # unless it is attached to a date range.
        mentions = [m for m in mentions if not m.recurring or m.has_date]
    base = next((m for m in mentions if m.has_date and m.rescheduled), None)
    base = base or next((m for m in mentions if m.has_date), mentions[0])
    w = base.window
    open_ended = base.open_ended
    for m in mentions:
        if m is base:
            continue
        o = m.window
        if (m.has_date and w.start_date is not None and w.end_date is None and w.end_time is None
                and o.start_date is not None and o.start_date == w.start_date + timedelta(days=1)
                and _NEXT_DAY_GLUE.fullmatch(text, base.end, m.start)):
            # "v četrtek, 25., in v petek, 26. decembra": two days in a row are one stretch
            w = replace(w, end_date=o.end_date or o.start_date, end_time=o.end_time)
            continue
        if m.has_date and w.start_date is not None:
            end_only = o.start_date is None and o.end_date is not None
            if (w.end_date is None and w.end_time is None and o.start_date is not None
                    and o.end_date is not None and o.start_date <= w.start_date < o.end_date
                    and not open_ended):
                # "Včeraj je zaživela ploščad, ki bo ves december ...": runs to the range end
                w = replace(w, end_date=o.end_date, end_time=o.end_time,
                            end_estimated=o.end_estimated)
            elif w.end_date is None and end_only and (o.end_date >= w.start_date):
                w = replace(w, end_date=o.end_date, end_time=o.end_time,
                            end_estimated=o.end_estimated)
                open_ended = False
            elif (w.end_date is None and open_ended and o.start_date is not None
                  and o.start_date > w.start_date and m.start > base.start and not m.has_time):
                # "od petka, 25. julija, od 9. ure dalje ... v nedeljo, 27. julija"
                w = replace(w, end_date=o.start_date, end_time=None)
                open_ended = False
            continue
        if m.has_date and w.start_date is None and not base.has_date:
            w = replace(o, start_time=w.start_time or o.start_time,
                        end_time=w.end_time or o.end_time)
            continue
        if m.has_date:
            continue
        if m.open_ended and not m.has_time and w.end_date is None and w.end_time is None:
            open_ended = True
            w = replace(w, end_estimated=True)
            continue
        if w.start_time is None and w.end_time is None and m.has_time:
            w = replace(w, start_time=o.start_time, end_time=o.end_time,
                        end_estimated=w.end_estimated or o.end_estimated)
            if m.open_ended:
                open_ended = True
            elif o.end_time is not None and w.end_date is None and w.start_date is not None:
                w = replace(w, end_date=w.start_date)
        elif (w.start_time is not None and w.end_time is None and o.start_time is None
              and o.end_time is not None):
            end_date = w.end_date or w.start_date
            if end_date is not None and w.end_date is None and o.end_time < w.start_time:
                end_date += timedelta(days=1)
            w = replace(w, end_time=o.end_time, end_date=end_date,
                        end_estimated=w.end_estimated or o.end_estimated)
            open_ended = False
    if open_ended:
        w = replace(w, end_date=None, end_time=None)
    return w


def resolve_headline_window(title: str, body: str, reference: date | None) -> Window | None:
    """The window a headline states, with a bare weekday (``V nedeljo zaprto``) read as the
    day the body names explicitly for that weekday (``v nedeljo, 7. septembra``).

    A headline is written for readers who also see the body, so its "nedelja" is the body's
    Sunday even when that is not the Sunday nearest to the reference date.
    """
    window = resolve_window(title, reference)
    if window is None or window.start_date is None:
        return window
    mentions = [m for m in find_temporals(title, reference) if m.has_date]
    if not mentions or not all(m.weekday_only for m in mentions):
        return window
    weekday = window.start_date.weekday()
    for mention in find_temporals(body, reference):
        if not mention.has_date or mention.weekday_only or mention.window.start_date is None:
            continue
        day = mention.window.start_date
        if day.weekday() == weekday and day != window.start_date:
            shift = day - window.start_date
            end = window.end_date + shift if window.end_date else None
            return replace(window, start_date=day, end_date=end)
        if day.weekday() == weekday:
            return window
    return window
