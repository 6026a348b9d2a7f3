"""Names of people and organisations in Slovenian news text, found by the words around them.

No list of names: a person is recognised by an office or title right before the name
(``župan Peter Dermol``, ``direktor občinske uprave mag. Iztok Mori``) and by the other
names coordinated with such a name (``Peter Dermol, Zoran Janković in Matjaž Rakovec``).
An organisation is recognised by its head noun (``Pihalni orkester Zarja Šoštanj``,
``Turistično društvo Šmartno ob Paki``, ``Mestna občina Kranj``).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

_F = regex.VERSION1

# Offices and roles that introduce a person's name (any case form, singular or plural).
_ROLE = (
    r"(?:pod)?župan\w*|direktor\w*|predsednik\w*|predsednic\w*|minist(?:er|r)\w*|poslan(?:ec|ca|ci|ka)\w*"
    r"|ravnatelj\w*|vodj\w*|sekretar\w*|dirigent\w*|predstojni\w*|svetni(?:k|c)\w*|načelni(?:k|c)\w*"
    r"|rektor\w*|dekan\w*|prof\.|dr\.|mag\.|generaln\w*\s+direktor\w*|ambasador\w*|veleposlani\w*"
    r"|premier\w*|komisar\w*|trener\w*|kapetan\w*|avtor\w*|umetni(?:k|c)\w*|pevk\w*|pevec|pevc\w*"
)
# Lower-case or genitive words that may stand between the role and the name
# (``župan Mestne občine Velenje Peter Dermol``, ``direktor občinske uprave mag. Iztok Mori``).
_FILLER = r"(?:(?:\p{Lu}\p{Ll}+|\p{Ll}+|RS|EU),?\s+){0,8}?"
_ACADEMIC = r"(?:(?:dr|mag|prof|doc|izr|red)\.\s*){0,3}"
_WORD = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
# First name and surname, not followed by a further capitalised word (that would make the
# pair the tail of a longer proper name: "Velenje Peter" in "Velenje Peter Dermol").
_NAME = rf"{_WORD}\s+{_WORD}(?!\s+\p{{Lu}})(?!\p{{L}})"

_ROLE_NAME = regex.compile(
    rf"(?<!\p{{L}})(?i:{_ROLE})\s+{_FILLER}{_ACADEMIC}(?P<name>{_NAME})", _F
)
_ACADEMIC_NAME = regex.compile(rf"(?<!\p{{L}})(?:dr|mag|prof)\.\s*(?P<name>{_NAME})", _F)
# A name coordinated after another: ", Zoran Janković" / " in Matjaž Rakovec".
_NEXT_NAME = regex.compile(rf"\s*(?:,|\s+in|\s+ter)\s+{_ACADEMIC}(?P<name>{_NAME})", _F)

# Words that look like a capitalised pair but are no person (offices, places, months).
_NOT_NAME_WORDS = frozenset(
    {
        "mestne", "mestna", "mestni", "občine", "občina", "občini", "republike", "slovenije",
        "sveta", "svet", "uprave", "zavoda", "zavod", "društva", "agencije", "urada", "oddelka",
        "komisije", "ministrstva", "vlade", "evropske", "evropska", "unije", "regije", "zbornice",
    }
)

_ORG_HEAD = (
    r"Mestn\w+\s+občin\w+|Občin\w+|Turističn\w+\s+društv\w+|Kulturn\w+\s+društv\w+|Športn\w+\s+društv\w+"
    r"|Društv\w+|Pihaln\w+\s+orkest\w+|Orkest\w+|Pevsk\w+\s+zbor\w*|Mešan\w+\s+pevsk\w+\s+zbor\w*"
    r"|Knjižnic\w+|Zavod\w*|Javn\w+\s+zavod\w*|Komunaln\w+\s+podjetj\w+|Regionaln\w+\s+razvojn\w+\s+agencij\w+"
    r"|Agencij\w+|Zvez\w+|Klub\w*|Športn\w+\s+zvez\w+|Festival\w*(?=\s+\p{Lu})|Energetik\w+|Fakultet\w+"
    r"|Univerz\w+|Gasilsk\w+\s+\w+|Ministrst\w+|Urad\w*|Center\w*|Centr\w+|Glasben\w+\s+šol\w+|Osnovn\w+\s+šol\w+"
    r"|Gledališč\w+|Muzej\w*|Galerij\w+|Galerij\w+|Krajevn\w+\s+skupnost\w*"
)
# Words that end an organisation's name: verbs and clause words that follow a subject.
_ORG_STOP = (
    r"(?:je|so|bo|bodo|bi|sta|bosta|ki|pa|tudi|že|še|vabi\w*|obvešča\w*|organizira\w*|pripravlja\w*"
    r"|praznuje\w*|sporoča\w*|prireja\w*|gosti|nastop\w*|skupaj|kot|ter|med|na|v|z|s|od|do)"
)
_ORG = regex.compile(
    rf"(?<!\p{{L}})(?P<org>(?:{_ORG_HEAD})(?:[ \t]+(?!(?:in\s+)?(?:{_ORG_HEAD}))(?!{_ORG_STOP}(?!\p{{L}}))(?:{_WORD}|\p{{Ll}}+|\p{{Lu}}+)){{0,8}})",
    _F,
)


_TRAILING_LOWER = regex.compile(r"(?:\s+\p{Ll}+)+$")
# A place name ending in a lower-case noun after a capitalised word ("Novo mesto", "Vojna vas",
# "Bela cerkev"): that noun is still the organisation's name ("Mestna občina Novo mesto").
# "vas" is also the pronoun ("Društvo Lipa vas vabi"): only after an adjective of place names.
_PLACE_TAIL = regex.compile(
    r"\s+(?:\p{Lu}\p{Ll}+\s+(?:mesto|gora|selo|polje|cerkev|grad|trg|dol|hrib|breg|log|brdo|jezero|toplice|loka|reka)"
    r"|(?:Stara|Nova|Dolenja|Gorenja|Spodnja|Zgornja|Srednja|Velika|Mala|Vojna|Bela|Črna|Dolnja|Gornja)\s+vas)$"
)


_AND_NEXT = regex.compile(r"(?<=\p{Lu}\p{Ll}+)\s+in\s+(?=\p{Lu}\p{Ll}+\s+\p{Ll})")


def _strip_trailing_lower(raw: str) -> str:
    """``raw`` without the lower-case words at its end, except a place name's noun."""
    cut = _TRAILING_LOWER.search(raw)
    if not cut:
        return raw
    tail = raw[cut.start():].split()
    head = raw[: cut.start()]
    keep = head + " " + tail[0]
    if _PLACE_TAIL.search(keep):
        return keep
    return head


# Words of organisation names ("Festivala Velenje" after "direktorica" is no person).
_ORG_WORD = regex.compile(
    r"(?i:festival|orkest|društv|zavod|klub|zvez|knjižnic|agencij|podjetj|šol|fakultet|univerz|občin"
    r"|center|centr|urad|muzej|galerij|gledališč|ministrst|skupnost)",
    _F,
)


@dataclass(frozen=True)
class NameSpan:
    """A name found in a text: ``text[start:end]`` is its surface form, ``name`` its nominative."""

    start: int
    end: int
    name: str


def _plausible_person(name: str) -> bool:
    """A two- or three-word capitalised name none of whose words is an office or place word."""
    words = name.split()
    return 2 <= len(words) <= 3 and not any(
        w.casefold() in _NOT_NAME_WORDS or _ORG_WORD.match(w) for w in words
    )


def find_people(text: str, start: int = 0, end: int | None = None) -> list[NameSpan]:
    """Names of people in ``text[start:end]`` introduced by an office or academic title.

    Names coordinated right after such a name are included (``Peter Dermol, Zoran Janković
    in Matjaž Rakovec``). Only the nominative surface form is reported as found.
    """
    end = len(text) if end is None else end
    found: dict[int, NameSpan] = {}
    for pattern in (_ROLE_NAME, _ACADEMIC_NAME):
        for m in pattern.finditer(text, start, end):
            name = m.group("name")
            if not _plausible_person(name):
                continue
            s = m.start("name")
            found.setdefault(s, NameSpan(s, m.end("name"), name))
            pos = m.end("name")
            while True:
                nxt = _NEXT_NAME.match(text, pos, end)
                if not nxt or not _plausible_person(nxt.group("name")):
                    break
                s = nxt.start("name")
                found.setdefault(s, NameSpan(s, nxt.end("name"), nxt.group("name")))
                pos = nxt.end("name")
    return [found[k] for k in sorted(found)]


def person_names(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The distinct person names of :func:`find_people`, in text order."""
    out: list[str] = []
    for span in find_people(text, start, end):
        if span.name not in out:
            out.append(span.name)
    return out


def find_organisations(text: str, start: int = 0, end: int | None = None) -> list[NameSpan]:
    """Organisation names in ``text[start:end]`` recognised by their head noun.

    The name runs over capitalised words and the lower-case words inside a name
    (``Zavod za turizem in kulturo Kranj``) and stops at the first other word.
    """
    end = len(text) if end is None else end
    out = []
    for m in _ORG.finditer(text, start, end):
        raw = m.group("org")
        # A trailing lower-case word or conjunction is not part of the name.
        raw = _strip_trailing_lower(raw)
        base = m.start("org")
        # "Občina Ribnica in Rokodelski center Ribnica": after a complete name (ending in a
        # capitalised word) "in" and a capitalised word begin a second organisation.
        pos = 0
        for part in _AND_NEXT.split(raw):
            at = raw.index(part, pos)
            pos = at + len(part)
            part = _strip_trailing_lower(part)
            if len(part.split()) >= 2:
                out.append(NameSpan(base + at, base + at + len(part), part))
    return out
