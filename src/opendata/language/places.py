"""Places an outage notice names: streets, settlements, roads and whole municipalities.

Every name is turned back into its nominative and checked against the register (RPE):
the text supplies inflected forms (``na Kidričevi cesti``, ``v Topolšici``), the register
says which nominative exists and where. Names the register does not know are kept only
when their shape is unmistakable (an adjective plus a street noun, a ``TP`` station name).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import regex

from opendata.language.gazetteer import Gazetteer, Settlement, fold
from opendata.language.gazetteer import name_tokens as _name_tokens
from opendata.language.lemma import looks_adjectival, nominative_candidates, ordered_nominatives
from opendata.model import Place

# Register names are split into tokens again for every mention of them: once per name here.
name_tokens = lru_cache(maxsize=16384)(_name_tokens)

_TOKEN = regex.compile(r"\p{L}+|\d+\p{Ll}?|[–—-]|[^\s\p{L}\d]")

# Inflected forms of the street nouns → (nominative, grammatical gender).
_STREET_NOUNS: dict[str, tuple[str, str]] = {}
for _nom, _gender, _forms in (
    ("ulica", "f", "ulica ulice ulici ulico ulic"),
    ("cesta", "f", "cesta ceste cesti cesto"),
    ("pot", "f", "pot poti potjo"),
    ("steza", "f", "steza steze stezi stezo"),
    ("trg", "m", "trg trga trgu trgom"),
    ("breg", "m", "breg brega bregu bregom"),
    ("drevored", "m", "drevored drevoreda drevoredu drevoredom"),
    ("nabrežje", "n", "nabrežje nabrežja nabrežju nabrežjem"),
    ("naselje", "n", "naselje naselja naselju naseljem"),
    ("sprehajališče", "n", "sprehajališče sprehajališča sprehajališču"),
):
    for _form in _forms.split():
        _STREET_NOUNS[_form] = (_nom, _gender)

# Words after which a bare capitalised name is a place (``v Škalah``, ``naselji Topolšica``).
_PLACE_INTRO = frozenset(
    "v na pri iz do od proti skozi mimo čez med pod nad okolici naselje naselju naselja "
    "naselji naseljih naselij naseljema vasi vas zaselku območju območja delu del dela "
    "tp ks cesta ceste cesti cesto odsek odseku relaciji smeri".split()
)
_LIST_JOIN = frozenset({"in", "ter", "ali", ",", "–", "-", "—"})
_BULLETS = frozenset({"–", "-", "—", "•", "*", "·", "▪", "►"})
# Words that make the following town name part of an organisation, not an area.
_ORG_WORDS = frozenset(
    "podjetje podjetja podjetju komunala komunale komunali komunalno javno elektro energetika "
    "energetike vodovod vodovoda kanalizacija kanalizacije zavod zavoda zavodu društvo "
    "društva klub kluba občina občine občini občino mestna mestne mestni mestno svet sveta "
    "uprava uprave festival festivala knjižnica knjižnice muzej muzeja šola šole gimnazija "
    "dom doma center centra skupnost skupnosti upravna enota enote policijska postaja "
    "radio tv časopis d.o.o nigrad snaga voka".split()
)
_FACILITY_NOUNS = frozenset(
    "knjižnica knjižnice knjižnici knjižnico center centra centru kopališče kopališča bazen bazena "
    "dvorana dvorane dvorani muzej muzeja drsališče drsališča".split()
)
_ORG_VERBS = frozenset("obvešča obveščajo obvestila sporoča sporočajo vabi vabijo opozarja".split())
_HOUSE_NUMBER = regex.compile(
    r"\s*(?:(?:na\s+odseku\s+)?(?:od|med)\s+(?:hišn\p{L}*\s+)?(?:številk\p{L}*|št\.)\s*"
    r"(?P<a>\d{1,4}\p{Ll}?)\s+(?:do|in)\s+(?:(?:hišn\p{L}*\s+)?(?:številk\p{L}*|št\.)\s*)?"
    r"(?P<b>\d{1,4}\p{Ll}?)\b"
    r"|(?:št\.\s*)?(?P<list>\d{1,4}+\p{Ll}?(?:\s*[–-]\s*(?:\d{1,4}+\p{Ll}?|\p{Ll}))?"
    r"(?:\s*(?:,|in|ter)\s*\d{1,4}+\p{Ll}?(?:\s*[–-]\s*(?:\d{1,4}+\p{Ll}?|\p{Ll}))?)*)"
    # a stop right after the number ends the sentence or list line ("Cesta bratov Cerjakov
    # 1–33."), unlike an ordinal ("12. uri", "3. 5."), which a word or a digit follows
    r"(?![.:,]\d)(?!\.\s+\p{Ll})(?!\s*(?:\.(?![ \t]*(?:\n|$|\p{Lu}))|h\b|ur|min|%|m\b|km|let|dni|eur)))"
)
# "Regionalna cesta R1-203", "lokalna cesta": the class of a road, not a street's name.
_ROAD_CLASS = regex.compile(r"(?:regionaln|lokaln|glavn|državn|magistraln|gozdn|občinsk|krajevn|javn|makadamsk"
                            r"|poljsk|dostopn|servisn|obvozn|vaš|hitr)\p{L}*$")
_ROAD = regex.compile(r"\b(LC|JP|LK|LZ|LG|LN|R[123]|G[12])\s*[-–]?\s*(\d{3,6})\b")
_WHOLE = regex.compile(r"(?:celotn|cel|vs)\p{L}*", regex.IGNORECASE)
_WHOLE_MUNI = regex.compile(
    r"\bv\s+(?:celotn|cel|vs)\p{L}*\s+(?:mestni\s+)?občini\b(?!\s+\p{Lu})", regex.IGNORECASE
)


class _Tok:
    """One token of a text: a word, a number, a dash or another sign, with its offsets.

    ``initial`` marks the first token of a sentence or line (its capital tells nothing);
    the other attributes are derived once because the matchers ask for them hundreds of
    thousands of times per batch. A plain class with slots: ~300,000 are made per
    10,000 notices, and a dataclass with ``__post_init__`` cost twice as much.
    """

    __slots__ = ("text", "start", "end", "initial", "is_word", "is_cap", "low")

    def __init__(self, text: str, start: int, end: int, initial: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.initial = initial
        self.is_word = text[:1].isalpha()
        self.is_cap = text[:1].isupper()
        self.low = fold(text)

    def __repr__(self) -> str:
        return f"_Tok({self.text!r}, {self.start}, {self.end}, {self.initial})"


@dataclass
class _Mention:
    kind: str  # settlement | street | muni | road | tp
    start: int  # token index
    end: int
    name: str
    house_numbers: str | None = None
    road_id: str | None = None
    strong: bool = False  # explicitly marked as a settlement (naselje, TP, multi-word)
    resolved: Settlement | None = None
    extra: dict = field(default_factory=dict)


# A token after one of these starts a new sentence or list line.
_SENTENCE_STOPS = frozenset((".", "!", "?", ":", "|", "•"))


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    previous = ""
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        # a line break in the gap since the last token (searched in place, not sliced out)
        initial = not toks or text.find("\n", prev_end, start) >= 0 or previous in _SENTENCE_STOPS
        toks.append(_Tok(word, start, end, initial))
        prev_end, previous = end, word
    return toks


# ---------------------------------------------------------------------- nominatives
def _adjective_nominative(word: str, gender: str) -> str:
    """Nominative of an adjective agreeing with a street noun of ``gender``."""
    low = word.lower()
    stem = low
    for ending in ("ega", "emu", "em", "im", "ih", "o", "a", "e", "i", "u"):
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            stem = low[: -len(ending)]
            break
    if gender == "f":
        nom = stem + "a"
    elif gender == "n":
        nom = stem + "o"
    else:  # possessives (Titov, Prešernov) take no ending; other adjectives take -i
        nom = stem if stem.endswith(("ov", "ev", "in")) else stem + "i"
    return word[:1] + nom[1:] if word[:1].isupper() else nom


def street_nominative(phrase: str, gazetteer: Gazetteer | None = None) -> str:
    """Nominative of a street name in any case: ``Kosovelovi ulici`` → ``Kosovelova ulica``.

    With a gazetteer, a nominative that exists in the register wins; otherwise the head
    noun and the adjectives before it are put in the nominative and any genitive or
    prepositional tail (``talcev``, ``k sejmišču``) is kept as written.
    """
    words = [t for t in _TOKEN.findall(phrase) if t[:1].isalpha()]
    if not words:
        return phrase.strip()
    if gazetteer is not None and gazetteer.has_register:
        for end, name in gazetteer.street_index.match(words, 0):
            if end == len(words):
                return name
    head = next((k for k, w in enumerate(words) if fold(w) in _STREET_NOUNS), None)
    if head is None:
        return " ".join(words)
    nom, gender = _STREET_NOUNS[fold(words[head])]
    head_word = nom.capitalize() if words[head][:1].isupper() else nom
    out = [_adjective_nominative(w, gender) for w in words[:head]]
    out.append(head_word)
    out.extend(words[head + 1 :])
    return " ".join(out)


def settlement_nominatives(
    phrase: str, gazetteer: Gazetteer, prefer: Sequence[str] = ()
) -> list[str]:
    """Every settlement a phrase names, in the nominative, checked against the register.

    ``Zgornje in Spodnje Besnice`` → ``['Zgornja Besnica', 'Spodnja Besnica']``.
    """
    toks = _tokenize(phrase)
    mentions = _settlement_mentions(toks, gazetteer)
    return [m.name for m in sorted(mentions, key=lambda m: m.start)]


def settlement_nominative(
    phrase: str, gazetteer: Gazetteer, prefer: Sequence[str] = ()
) -> str | None:
    """The nominative of the (first) settlement a phrase names: ``Škal`` → ``Škale``.

    ``prefer`` breaks ties between candidate names that exist in several municipalities.
    """
    toks = _tokenize(phrase)
    words = [t.text for t in toks]
    if not words:
        return None
    best: str | None = None
    for end, name in gazetteer.settlement_index.match(words, 0):
        if prefer and any(s.municipality in prefer for s in gazetteer.settlements(name)):
            return name
        best = best or name
    if best:
        return best
    found = settlement_nominatives(phrase, gazetteer, prefer)
    return found[0] if found else None


# ---------------------------------------------------------------------- mentions
def _words(toks: list[_Tok]) -> list[str]:
    return [t.text for t in toks]


def _coordinated(
    toks: list[_Tok], words: list[str], index, start: int, name: str
) -> list[tuple[int, str]]:
    """Names sharing the head of ``name``: ``Jenkova in Prešernova cesta`` → Jenkova cesta."""
    out: list[tuple[int, str]] = []
    tail = name_tokens(name)[1:]
    j = start
    while j >= 2 and toks[j - 1].text in ("in", "ter", "ali", ",") and toks[j - 2].is_cap:
        found = None
        for cand in ordered_nominatives(words[j - 2]):  # the first hit wins: a fixed order
            hit = index.get((cand,) + tail)
            if hit:
                found = hit
                break
        if not found:
            break
        out.append((j - 2, found))
        j -= 2
    return out


def _settlement_mentions(toks: list[_Tok], gaz: Gazetteer) -> list[_Mention]:
    words = _words(toks)
    out: list[_Mention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not (t.is_word and t.is_cap):
            i += 1
            continue
        hits = gaz.settlement_index.match(words, i)
        kind = "settlement"
        if not hits and gaz.district_index:
            hits = gaz.district_index.match(words, i)
            kind = "district"
        if not hits:
            i += 1
            continue
        end, name = hits[0]
        m = _Mention(kind, i, end, name, strong=end - i > 1)
        near = _near_town(toks, words, gaz, end) if kind == "settlement" and " pri " not in name else None
        if near is not None and gaz.municipality(name) != name:
            # "v Rečici pri Laškem": the settlement by that town, named as the text names it
            # (such names keep the town in the locative) and placed in the town's municipality.
            town_end, municipality = near
            written = " ".join(t.text for t in toks[end + 1 : town_end])
            m = _Mention(kind, i, town_end, f"{name} pri {written}", strong=True,
                         extra={"base": name, "near": municipality})
            end = town_end
        out.append(m)
        for start, other in _coordinated(toks, words, gaz.settlement_index, i, name):
            out.append(_Mention("settlement", start, start + 1, other, strong=True))
        i = end
    return out


def _near_town(toks: list[_Tok], words: list[str], gaz: Gazetteer, at: int) -> tuple[int, str] | None:
    """``pri <municipality>`` at token ``at``: (end of the town's words, the municipality)."""
    if not (at + 1 < len(toks) and toks[at].low == "pri" and toks[at + 1].is_word and toks[at + 1].is_cap):
        return None
    for end, name in gaz.municipality_index.match(words, at + 1):
        municipality = gaz.municipality(name)
        if municipality:
            return end, municipality
    return None


def _without_road_ends_of_a_stated_section(toks: list[_Tok], accepted: list[_Mention]) -> list[_Mention]:
    """``cesta R1-203 Bovec–Predel ... med Logom pod Mangartom in Strmcem``: the road's end
    points only name the road; the section between the two places is what the notice is about."""
    ends: set[int] = set()
    for m in accepted:
        if m.extra.get("after_road"):
            ends.add(id(m))
            follower = next((o for o in accepted if o.start == m.end + 1), None)
            if follower is not None and toks[m.end].text in ("–", "-", "—"):
                ends.add(id(follower))
    if not ends:
        return accepted
    last_end = max(m.end for m in accepted if id(m) in ends)
    by_start = {m.start: m for m in accepted}
    section = [  # "med A in B" after the end points
        m for m in accepted
        if m.start > last_end and toks[m.start - 1].low == "med"
        and m.end < len(toks) and toks[m.end].low in ("in", "ter") and m.end + 1 in by_start
    ]
    if not section:
        return accepted
    road_at = min(m.start for m in accepted if id(m) in ends)
    for m in section:
        m.extra["road_at"] = road_at  # the section is on that road
        partner = by_start.get(m.end + 1)
        if partner is not None:
            partner.extra["road_at"] = road_at
    return [m for m in accepted if id(m) not in ends]


def _accept_place(toks: list[_Tok], m: _Mention, accepted_ends: set[int], is_town: bool) -> bool:
    """Whether a capitalised settlement-like name is used as a place here."""
    prev = toks[m.start - 1] if m.start > 0 else None
    nxt = toks[m.end] if m.end < len(toks) else None
    # A facility named by its town ("Knjižnica Sevnica", "zbirni center Kamnik"): the town
    # is where the facility is, not part of a sender's name.
    if is_town and prev is not None and prev.low in _FACILITY_NOUNS:
        return True
    # Part of an organisation's name or the subject announcing the notice.
    k = m.start - 1
    steps = 0
    while k >= 0 and steps < 4 and toks[k].text not in (".", ",", ";", ":", "(", ")"):
        if toks[k].low in _PLACE_INTRO and toks[k].low not in ("tp", "ks"):
            break
        if toks[k].low.rstrip(".") in _ORG_WORDS:
            return False
        k -= 1
        steps += 1
    k = m.end
    while k < len(toks) and k < m.end + 5:
        low = toks[k].low
        if low in _ORG_VERBS:
            return False
        if not (toks[k].is_cap or low in ("–", "-", "in")):
            break
        k += 1
    if prev is not None and prev.low in _PLACE_INTRO:
        return True
    if nxt is not None and nxt.text == ":" and (prev is None or prev.initial or prev.text in _BULLETS):
        return True  # a list line labelled by its place: "– Solkan: Cesta IX. korpusa ..."
    if prev is not None and prev.text in _LIST_JOIN and (m.start - 2) in accepted_ends:
        return True
    if prev is not None and prev.text in ("–", "—", "-") and not prev.initial:
        return True
    if prev is not None and prev.text in _BULLETS and prev.initial:
        return True  # a bulleted list line starts with its place: "- Mostec 1–42,"
    if prev is not None and prev.text.isdigit() and m.extra.get("after_road"):
        return True
    # A capitalised word glued to the name makes a longer proper name (``Peter Dermol``).
    if nxt is not None and nxt.is_word and nxt.is_cap:
        return False
    if prev is not None and prev.is_word and prev.is_cap and not prev.initial:
        return False
    return is_town or m.strong


def _letters_view(toks: list[_Tok]) -> tuple[list[str], list[int], dict[int, int]]:
    """The word tokens alone, for register names written with ordinals (``Cesta IX. korpusa``,
    ``Cesta 25. junija``): the register's name tokens keep letters only."""
    index = [k for k, t in enumerate(toks) if t.is_word or t.text.isdigit() or t.text in ("-", "–")]
    return [toks[k].text for k in index], index, {k: j for j, k in enumerate(index)}


def _street_hits(gaz: Gazetteer, toks: list[_Tok], words: list[str], view: list, i: int) -> list[tuple[int, str]]:
    """Register streets starting at token ``i``, longest first; numbers and stops inside a
    name (``XIV. divizije``, ``25. junija``) are skipped over.

    ``view`` holds the letters-only view of ``toks`` once a name needs it (built on demand:
    most texts have no ordinal inside a street name)."""
    hits = gaz.street_index.match(words, i)
    # only a name with an ordinal inside needs the letters-only view
    if not any(t.text == "." or t.text.isdigit() for t in toks[i + 1:i + 4]):
        return hits
    if not view:
        view.append(_letters_view(toks))
    letters, index, position = view[0]
    if i not in position:
        return hits
    for end, name in gaz.street_index.match(letters, position[i]):
        end_tok = index[end - 1] + 1
        between = toks[i:end_tok]
        if end_tok > i + (end - position[i]) and all(
                t.is_word or t.text in ("-", "–", ".") or t.text.isdigit() for t in between):
            hits.append((end_tok, name))
    hits.sort(key=lambda item: -item[0])
    return hits


def _street_mentions(toks: list[_Tok], text: str, gaz: Gazetteer) -> list[_Mention]:
    words = _words(toks)
    view: list = []  # the letters-only view, once _street_hits needs it
    out: list[_Mention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not (t.is_word and t.is_cap):
            i += 1
            continue
        hits = _street_hits(gaz, toks, words, view, i) if gaz.has_register else []
        # A register street without a street noun (``Rožna dolina``) reads as a street only
        # with house numbers; otherwise it is likelier a district or a landscape name.
        hits = [
            (e, n) for e, n in hits
            if (e - i >= 2 and any(tok in _STREET_NOUNS for tok in name_tokens(n)))
            or _house_numbers(text, toks[e - 1].end)
        ]
        if hits:
            end, name = hits[0]
            out.append(_Mention("street", i, end, name, strong=True))
            for start, other in _coordinated(toks, words, gaz.street_index, i, name):
                out.append(_Mention("street", start, start + 1, other, strong=True))
            i = end
            continue
        # Shapes the register may not know: adjective + street noun (``Foitove ceste``).
        if (i + 1 < len(toks) and toks[i + 1].low in _STREET_NOUNS and looks_adjectival(t.text, strict=t.initial)
                and not _ROAD_CLASS.match(t.low)):
            name = street_nominative(f"{t.text} {toks[i + 1].text}")
            out.append(_Mention("street", i, i + 2, name, extra={"unregistered": True}))
            for start, other in _coordinated_unregistered(toks, i, toks[i + 1].low):
                out.append(_Mention("street", start, start + 1, other, extra={"unregistered": True}))
            i += 2
            continue
        # An adjective alone before house numbers (``Kosovelove 2a–d``): the street noun
        # is implied; the register says which street of that name the town has.
        if (
            i + 1 < len(toks)
            and toks[i + 1].text[:1].isdigit()
            and not t.initial
            and looks_adjectival(t.text, strict=True)
            and (i == 0 or toks[i - 1].low in _PLACE_INTRO)
        ):
            names: set[str] = set()
            for cand in nominative_candidates(t.text):
                for street in gaz.streets_starting(cand):
                    if len(name_tokens(street)) == 2 and name_tokens(street)[1] in _STREET_NOUNS:
                        names.add(street)
            if names:
                out.append(_Mention("street", i, i + 1, "", extra={"elliptic": sorted(names)}))
        i += 1
    for m in out:
        m.house_numbers = _house_numbers(text, toks[m.end - 1].end)
    return out


def _coordinated_unregistered(toks: list[_Tok], start: int, noun: str) -> list[tuple[int, str]]:
    out = []
    j = start
    while j >= 2 and toks[j - 1].text in ("in", "ter", ",") and toks[j - 2].is_cap and looks_adjectival(toks[j - 2].text):
        out.append((j - 2, street_nominative(f"{toks[j - 2].text} {noun}")))
        j -= 2
    return out


def _house_numbers(text: str, pos: int) -> str | None:
    m = _HOUSE_NUMBER.match(text, pos)
    if not m:
        return None
    if m.group("a"):
        return f"{m.group('a')}–{m.group('b')}"
    value = m.group("list")
    if not value:
        return None
    value = regex.sub(r"\s*[–-]\s*", "–", value.strip())
    return regex.sub(r"\s*,\s*", ", ", value)


def _whole_municipalities(toks: list[_Tok], gaz: Gazetteer, prefer: Sequence[str]) -> list[tuple[int, int, str]]:
    """``na celotnem območju Mestne občine Velenje in Občine Šoštanj`` → both municipalities."""
    out: list[tuple[int, int, str]] = []
    words = _words(toks)
    for i, t in enumerate(toks):
        if not t.low.startswith("območj"):
            continue
        whole = i > 0 and _WHOLE.fullmatch(toks[i - 1].text) is not None
        j = i + 1
        explicit = j < len(toks) and (toks[j].low.startswith("občin") or toks[j].low.startswith("mestn"))
        if not (whole or explicit):
            continue
        while j < len(toks):
            while j < len(toks) and (toks[j].low.startswith("mestn") or toks[j].low.startswith("občin")):
                j += 1
            if j >= len(toks) or not toks[j].is_cap:
                break
            hits = gaz.municipality_index.match(words, j)
            if not hits:
                break
            end, name = hits[0]
            out.append((j, end, name))
            j = end
            if j < len(toks) and toks[j].text in ("in", "ter", ","):
                j += 1
            else:
                break
    return out


# ---------------------------------------------------------------------- resolution
def _resolve_settlement(
    gaz: Gazetteer, m: _Mention, ctx: Sequence[str], prefer: Sequence[str]
) -> Settlement | None:
    if "near" in m.extra:  # "Rečica pri Laškem": the town's municipality decides
        muni = m.extra["near"]
        same = [s for s in gaz.settlements(m.extra["base"]) if s.municipality == muni]
        return same[0] if same else Settlement(m.name, muni)
    found = gaz.settlements(m.name) if m.kind == "settlement" else []
    for muni in ctx:
        for s in found:
            if s.municipality == muni:
                return s
    districts = gaz.district_municipalities(m.name)
    for muni in ctx:
        if muni in districts:
            seat = gaz.seat(muni)
            if seat:
                return Settlement(seat, muni)
    # "med Ormožem in Središčem": a municipality's short form names its seat, a town, rather
    # than a same-named village elsewhere (unless the context is that village's municipality).
    short = gaz.short_forms().get(fold(m.name)) if m.kind == "settlement" else None
    if short and (seat := gaz.seat(short)):
        return Settlement(seat, short)
    # Outside the context, only an unambiguous name that is clearly a settlement (a
    # utility also serves the neighbouring municipalities: "v Spodnjih Hočah").
    if len(found) == 1 and (not prefer or m.extra.get("naselje") or (m.strong and gaz.near(found[0], prefer))):
        return found[0]
    if not found and len(districts) == 1 and not prefer:
        seat = gaz.seat(districts[0])
        return Settlement(seat, districts[0]) if seat else None
    return None


def _resolve_street(
    gaz: Gazetteer,
    name: str,
    stated: Sequence[Settlement],
    ctx: Sequence[str],
    prefer: Sequence[str],
    anywhere: bool = True,
) -> tuple[str | None, str | None] | None:
    """``(locality, municipality)`` of a street, or ``None`` when it cannot be placed."""
    pairs = gaz.street_municipalities(name)
    for s in stated:
        if (s.name, s.municipality) in pairs:
            return s.name, s.municipality
    for muni in ctx:
        in_muni = [p for p in pairs if p[1] == muni]
        if in_muni:
            seat = gaz.seat(muni)
            for p in in_muni:
                if p[0] == seat:
                    return p
            return in_muni[0]
    if anywhere and len(pairs) == 1 and not prefer:
        return pairs[0]
    return None


def _town_of(gaz: Gazetteer, muni: str) -> str | None:
    return gaz.seat(muni) if gaz.has_register else None


def find_places(
    text: str, gazetteer: Gazetteer, *, prefer: Sequence[str] = (), fallback: bool = True
) -> list[Place]:
    """Places an outage notice (title + body) applies to, as ``Place`` rows.

    Streets come in the nominative with their town, house numbers as stated (ranges as
    ``3–15``); settlements with their municipality; districts of a town as the town; road
    numbers with the settlements they connect; whole-municipality phrases as rows with only
    the municipality. ``prefer`` lists municipalities the context suggests (the operator's
    area, the site) and chooses among same-named places; with ``fallback`` a notice that
    names no place gets one row for ``prefer[0]``.
    """
    prefer = [p.strip() for p in prefer if p and p.strip()]  # a blank hint is no municipality
    rows = list(_places_in(text, gazetteer, tuple(prefer)))
    if not rows and fallback and prefer:
        muni = gazetteer.municipality(prefer[0]) or prefer[0]
        rows = [Place(municipality=muni)]
    return rows


@lru_cache(maxsize=1024)  # a notice's headline is read again for each of its statements
def _places_in(text: str, gazetteer: Gazetteer, prefer: tuple[str, ...]) -> tuple[Place, ...]:
    """The places of ``_find_places``, remembered (they depend on nothing else; Place is frozen)."""
    return tuple(_find_places(text, gazetteer, list(prefer)))


def _find_places(text: str, gazetteer: Gazetteer, prefer: Sequence[str]) -> list[Place]:
    gaz = gazetteer
    toks = _tokenize(text)
    if not toks:
        return []
    prefer = [p for p in (gaz.municipality(x) or x for x in prefer) if p]
    covered: set[int] = set()
    rows: list[tuple[int, Place, str]] = []  # (token position, place, origin)

    # Token loops that look for one word are skipped when the text lacks it: a token's folded
    # form is a piece of the folded text, so a word no token starts with is not in it.
    folded = text.casefold()
    wholes = _whole_municipalities(toks, gaz, prefer) if "območj" in folded else []
    for start, end, muni in wholes:
        rows.append((start, Place(municipality=muni), "whole"))
        covered.update(range(start, end))
    if prefer and _WHOLE_MUNI.search(text):
        rows.append((0, Place(municipality=prefer[0]), "whole"))

    # Roads: ``LC 450061 Gorica-Bevče``.
    road_after: dict[int, str] = {}
    for m in _ROAD.finditer(text):
        road_id = f"{m.group(1)} {m.group(2)}"
        idx = next((k for k, t in enumerate(toks) if t.start >= m.end()), len(toks))
        road_after[idx] = road_id
        rows.append((idx, Place(road_id=road_id), "road"))

    detours = _detour_spans(toks) if "obvoz" in folded or "preusmerjen" in folded else []
    streets = [
        s for s in _street_mentions(toks, text, gaz)
        if not any(lo <= s.start < hi for lo, hi in detours)
    ]
    # The settlement names are read once: they both cut streets and become places below
    # (nothing changes them before the places are chosen from them).
    settlement_mentions = _settlement_mentions(toks, gaz) if gaz.has_register else []
    # A longer settlement name wins over a street inside it (``Šmartno v Rožni dolini``).
    if gaz.has_register:
        long_places = [m for m in settlement_mentions if m.end - m.start > 1]
        streets = [
            s for s in streets
            if not any(p.start <= s.start and s.end <= p.end and p.end - p.start > s.end - s.start
                       for p in long_places)
        ]
    for s in streets:
        covered.update(range(s.start, s.end))

    # Settlements, districts and towns not inside a street name.
    places = [
        m for m in settlement_mentions if not any(k in covered for k in range(m.start, m.end))
    ] if gaz.has_register else []
    munis_named: list[tuple[int, int, str]] = []
    if not gaz.has_register:
        words = _words(toks)
        for i, t in enumerate(toks):
            if t.is_word and t.is_cap and i not in covered:
                hits = gaz.municipality_index.match(words, i)
                if hits:
                    munis_named.append((i, hits[0][0], hits[0][1]))
    tps = _tp_names(toks) if "TP" in text else []

    accepted_ends: set[int] = set(k - 1 for s in streets for k in (s.end,))
    accepted_ends.update(idx - 1 for idx in road_after)  # road number precedes its endpoints
    hints: list[str] = []
    accepted: list[_Mention] = []
    rejected: list[_Mention] = []
    for m in sorted(places, key=lambda x: x.start):
        if m.start in road_after:
            m.extra["after_road"] = True
        prev = toks[m.start - 1].low if m.start else ""
        bullet = m.start > 0 and toks[m.start - 1].text in _BULLETS and toks[m.start - 1].initial
        if prev.startswith("naselj") or prev in ("tp", "vasi") or bullet:
            # "- Mostec 1–42": a bulleted line of a notice names its settlement outright
            m.extra["naselje"] = True
            m.strong = True
        is_town = m.kind == "settlement" and gaz.municipality(m.name) == m.name
        if is_town:
            hints.append(m.name)
        if any(a.start < m.end and m.start < a.end for a in tps):
            continue
        # The same words elsewhere name the station's place: ``– Slatine`` = ``TP Slatine``.
        surface = " ".join(t.text for t in toks[m.start : m.end])
        if any(a.name == surface for a in tps):
            continue
        if any(lo <= m.start < hi for lo, hi in detours):
            continue
        if _accept_place(toks, m, accepted_ends, is_town):
            accepted.append(m)
            accepted_ends.add(m.end - 1)
        else:
            rejected.append(m)
    accepted += _coordinated_before(toks, rejected, accepted)
    accepted.sort(key=lambda x: x.start)
    accepted = _without_road_ends_of_a_stated_section(toks, accepted)
    ctx = list(dict.fromkeys(prefer + hints))

    # Unambiguous settlements give their municipality to the context of ambiguous ones.
    for m in accepted:
        found = gaz.settlements(m.name) if m.kind == "settlement" and fold(m.name) not in gaz.short_forms() else []
        if len(found) == 1 and (not prefer or found[0].municipality in prefer or m.extra.get("naselje")
                                or (m.strong and gaz.near(found[0], prefer))):
            if found[0].municipality not in ctx:
                ctx.append(found[0].municipality)
    for m in accepted:
        m.resolved = _resolve_settlement(gaz, m, ctx, prefer)
    stated = [m.resolved for m in accepted if m.resolved]

    for m in accepted:
        if not m.resolved:
            continue
        s = m.resolved
        road = None
        for idx, rid in road_after.items():
            if idx <= m.start <= idx + 4 or m.extra.get("road_at") == idx:
                road = rid
        rows.append((m.start, Place(municipality=s.municipality, locality=s.name, road_id=road),
                     "district" if m.kind == "district" else "settlement"))
    unlisted = _unlisted_settlements(toks, accepted, streets) if "naselj" in folded else []
    for start, name, muni in unlisted:
        rows.append((start, Place(municipality=muni, locality=name), "settlement"))
    for m in tps:
        rows.append((m.start, *_resolve_tp(gaz, m, ctx, prefer)))

    for s in streets:
        near = [m.resolved for m in accepted if m.resolved and abs(m.start - s.end) < 12]
        names = s.extra.get("elliptic") or [s.name]
        placed = None
        chosen = None
        for name in names:
            # An implied street type is only trusted where the text places the street.
            where = (
                _resolve_street(gaz, name, near + stated, ctx, prefer, anywhere=len(names) == 1)
                if gaz.has_register else None
            )
            if where:
                if placed and placed != (name, where):
                    placed = None
                    chosen = None
                    break
                placed, chosen = (name, where), name
        stated_after = _town_right_after(toks, s, accepted) or _town_label_before(text, toks, s, accepted)
        if stated_after is not None and not s.extra.get("elliptic") and gaz.has_register and (
                placed is None or placed[1][1] != stated_after.municipality):
            # "na Kerenčičevi ulici v Ormožu": the text places the street; a same-named street
            # elsewhere in the register (or none at all) does not move it
            placed = (s.name, (stated_after.name, stated_after.municipality))
        if s.extra.get("elliptic"):
            if not placed:
                continue
            rows.append((s.start, Place(municipality=placed[1][1], locality=placed[1][0] or None,
                                        street=chosen, house_numbers=s.house_numbers), "street"))
            continue
        if placed:
            loc, muni = placed[1]
            # "v Kamnici na Bresterniški ulici", "– Rožna Dolina: Cesta 25. junija": the text
            # names the street's settlement right before it; streets cross settlement borders
            # and residents name the part they live in, so the stated one wins in that municipality
            before = [m for m in accepted if m.resolved and m.end <= s.start and s.start - m.end <= 2
                      and m.resolved.municipality == muni and m.kind == "settlement"]
            if before and not s.extra.get("elliptic"):
                loc = before[-1].resolved.name
        else:
            # Unplaced: a register street elsewhere or a street the register lacks; put it in
            # the stated or context town, never in a guessed far-away one.
            if gaz.has_register and not s.extra.get("unregistered") and not prefer and not near:
                rows.append((s.start, Place(street=s.name, house_numbers=s.house_numbers), "street"))
                continue
            town = near[0] if near else None
            muni = town.municipality if town else (ctx[0] if ctx else None)
            loc = town.name if town else (_town_of(gaz, muni) if muni else None)
        rows.append((s.start, Place(municipality=muni, locality=loc or None, street=s.name,
                                    house_numbers=s.house_numbers), "street"))

    if not gaz.has_register:
        for start, end, muni in munis_named:
            if any(k in covered for k in range(start, end)):
                continue
            fake = _Mention("settlement", start, end, muni)
            if _accept_place(toks, fake, set(), True):
                rows.append((start, Place(municipality=muni), "town"))
    return _finish(rows, gaz)


# Words between "in" and the next listed place: "Godovič in del naselja Zadlog".
_LIST_FILLER = frozenset({"del", "dela", "delu", "naselje", "naselja", "naselju", "naselji", "vas", "vasi", "v", "na"})


def _coordinated_before(toks: list[_Tok], rejected: list[_Mention], accepted: list[_Mention]
                        ) -> list[_Mention]:
    """Line-initial names joined by ``in``/``ter``/a comma to a place that was accepted:
    the first item of a list (``Godovič in del naselja Zadlog``), whose capital tells nothing."""
    starts = {m.start for m in accepted}
    out: list[_Mention] = []
    for m in sorted(rejected, key=lambda x: -x.start):
        prev = toks[m.start - 1] if m.start > 0 else None
        if not (prev is None or prev.text in _BULLETS or prev.text == ":"):
            continue  # only the first name of a line or a list
        k = m.end
        if k >= len(toks) or toks[k].text not in ("in", "ter", ","):
            continue
        k += 1
        while k < len(toks) and k <= m.end + 4 and toks[k].low in _LIST_FILLER:
            k += 1
        if k in starts:
            out.append(m)
            starts.add(m.start)
    return out


def _town_right_after(toks: list[_Tok], street: _Mention, accepted: list[_Mention]) -> Settlement | None:
    """The settlement named right after a street (``ulici v Ormožu``, ``cesti na Ravnah``)."""
    k = street.end
    if street.house_numbers:
        while k < len(toks) and (toks[k].text[:1].isdigit() or toks[k].text in ("–", "-", ",", "in")
                                 and k + 1 < len(toks) and toks[k + 1].text[:1].isdigit()):
            k += 1
    if k >= len(toks) or toks[k].low not in ("v", "na", "pri"):
        return None
    for m in accepted:
        if m.start == k + 1 and m.resolved is not None and m.kind == "settlement":
            return m.resolved
    return None


def _town_label_before(text: str, toks: list[_Tok], street: _Mention, accepted: list[_Mention]
                       ) -> Settlement | None:
    """The town that labels a list line before its streets: ``– v Ormožu: Ptujska cesta 1–25
    in Kerenčičeva ulica`` (same line, the label ends with a colon)."""
    for m in reversed(accepted):
        if m.end >= street.start or m.resolved is None or m.kind != "settlement":
            continue
        if m.end < len(toks) and toks[m.end].text == ":" and "\n" not in text[toks[m.end].end:toks[street.start].start]:
            return m.resolved
        return None
    return None


def _unlisted_settlements(toks: list[_Tok], accepted: list[_Mention], streets: list[_Mention]
                          ) -> list[tuple[int, str, str]]:
    """Names in a settlement list (``v naseljih Šmarje, Pomjan in Sergaši``) that the register
    does not know, placed in the municipality of the listed names it does know.

    After ``naselja``/``naseljih`` the names stand in the nominative, so they are kept as written.
    """
    known = {m.start: m for m in accepted}
    taken = {k for m in list(accepted) + list(streets) for k in range(m.start, m.end)}
    out = []
    for i, t in enumerate(toks):
        if not t.low.startswith("naselj") or i + 1 >= len(toks):
            continue
        items: list[tuple[int, int]] = []  # token spans of the list's names
        j = i + 1
        while j < len(toks) and toks[j].is_word and toks[j].is_cap:
            k = j
            while k < len(toks) and toks[k].is_word and (toks[k].is_cap or toks[k].low in ("vas", "pri", "na", "ob", "v")):
                if toks[k].low in ("in", "ter"):
                    break
                k += 1
            items.append((j, k))
            if k < len(toks) and toks[k].text in (",", "in", "ter"):
                j = k + 1
            else:
                break
        resolved = [known[a].resolved for a, _b in items if a in known and known[a].resolved]
        if len(items) < 2 or not resolved:
            continue
        muni = resolved[0].municipality
        for a, b in items:
            if a not in taken and b - a <= 3:
                out.append((a, " ".join(x.text for x in toks[a:b]), muni))
    return out


def _detour_spans(toks: list[_Tok]) -> list[tuple[int, int]]:
    """Token spans describing a detour (``Obvoz je mogoč prek Besnice``): not affected places."""
    spans = []
    for i, t in enumerate(toks):
        if t.low.startswith("obvoz") or t.low in ("preusmerjen", "preusmerjeni", "preusmerjena"):
            j = i + 1
            while j < len(toks) and toks[j].text not in (".", "!", "?", ";") and not toks[j].initial:
                j += 1
            spans.append((i, j))
    return spans


_TP_NAME_WORDS = 6


def _tp_names(toks: list[_Tok]) -> list[_Mention]:
    """Transformer stations (``TP Mali Vrh``) are named after the place they supply."""
    out = []
    for i, t in enumerate(toks):
        if t.text != "TP":
            continue
        j = i + 1
        # A station name is a few words and ends at the next "TP": a run of 50 000
        # capitalised words must not become one name per station (quadratic).
        while j < len(toks) and j <= i + _TP_NAME_WORDS and toks[j].is_word and toks[j].is_cap and toks[j].text != "TP":
            j += 1
        if j > i + 1:
            out.append(_Mention("tp", i + 1, j, " ".join(x.text for x in toks[i + 1 : j]), strong=True))
    return out


def _resolve_tp(gaz: Gazetteer, m: _Mention, ctx: Sequence[str], prefer: Sequence[str]) -> tuple[Place, str]:
    for s in gaz.settlements(m.name):
        if s.municipality in ctx:
            return Place(municipality=s.municipality, locality=s.name), "settlement"
    # "TP Vrtojba Center", "TP Dobrova šola": a settlement's name and which station of it
    words = m.name.split()
    for size in range(len(words) - 1, 0, -1):
        for s in gaz.settlements(" ".join(words[:size])):
            if s.municipality in ctx:
                return Place(municipality=s.municipality, locality=s.name), "settlement"
    # A station named after a settlement the register knows once (``TP Rigonce``, ``TP
    # Spodnja Idrija Center``) is in that settlement, even outside the operator's usual area.
    for size in range(len(words), 0, -1):
        found = gaz.settlements(" ".join(words[:size]))
        if len(found) == 1 and (size > 1 or not prefer or size == len(words)):
            return Place(municipality=found[0].municipality, locality=found[0].name), "settlement"
    muni = prefer[0] if prefer else None
    return Place(municipality=muni, locality=m.name), "settlement"


def _finish(rows: list[tuple[int, Place, str]], gaz: Gazetteer) -> list[Place]:
    """Drop places that a more specific row already covers, then de-duplicate."""
    street_towns = {(p.municipality, p.locality) for _, p, o in rows if o == "street"}
    specific = {p.municipality for _, p, o in rows if o in ("street", "settlement", "road") and p.municipality}
    roads_placed = any(o == "settlement" and p.road_id for _, p, o in rows)
    out: list[Place] = []
    for _, p, origin in sorted(rows, key=lambda r: r[0]):
        if origin in ("settlement", "district") and not p.road_id and (p.municipality, p.locality) in street_towns:
            continue
        is_seat = p.locality is not None and p.locality == gaz.seat(p.municipality or "")
        if origin in ("settlement", "district", "town") and is_seat and not p.road_id:
            others = [q for _, q, o in rows if q.municipality == p.municipality and q is not p
                      and o in ("street", "settlement", "road") and q.locality != p.locality]
            if others:
                continue
        if origin == "road" and roads_placed:
            continue
        if origin == "settlement" and gaz.settlement_count(p.municipality or "") == 1:
            # Naming a municipality's only settlement names the whole municipality.
            p = Place(municipality=p.municipality, road_id=p.road_id)
        if origin == "town" and p.municipality in specific:
            continue
        if p not in out:
            out.append(p)
    # The same street once with and once without house numbers (title and body): keep the
    # numbered row.
    numbered = {(p.municipality, p.locality, p.street) for p in out if p.street and p.house_numbers}
    return [p for p in out if p.house_numbers or (p.municipality, p.locality, p.street) not in numbered]
