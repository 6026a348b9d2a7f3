"""Slovenian word lists behind outage extraction: disruption words → ``service``/``effect``/
``cause`` enums (DATA_MODEL.md), who announces a notice, and which municipalities they serve.

Every list is a rule over ordinary Slovenian vocabulary (stems, so that case endings do not
matter), never a list of answers. Patterns are compiled once at import.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from opendata.language.patterns import Alternatives, split_alternation

_F = regex.IGNORECASE | regex.VERSION1

# ---------------------------------------------------------------- disruption triggers
# A sentence announces a disruption when one of these occurs. Each maps to an effect; the
# service is decided separately from the nouns around it. Order inside the alternation does
# not matter; the effect is looked up from the named group.
_TRIGGER = regex.compile(
    r"(?P<partial>delna\s+zapor\w*|delno\s+zaprt\w*|polovičn\w*\s+zapor\w*"
    r"|izmenično\s+enosmern\w*|izmenično\s+vozi\w*|izmenični\s+(?:enosmern\w*\s+)?promet\w*|zožitev\w*|zožen\w*\s+vozišč\w*"
    r"|oviran\w*\s+promet\w*|promet\w*\s+(?:bo\s+)?oviran\w*)"
    r"|(?P<closure>popoln\w*\s+zapor\w*|\bzapor(?:a|e|i|o|ah|ami)\b|\bzaprt(?:a|o|i|e|ih|ega|em)?\b"
    r"|\bzaprl[aoi]?\b|\bzapirajo\b|\bzapiranj\w*|\bzaprtj\w*|ne\s+bo(?:sta|do)?\s+(?:odprt|obratoval|prevozn)\w*)"
    r"|(?P<reduced>moten\w*\s+(?:\w+\s+){0,2}?(?:dobav\w*|oskrb\w*)|\bmotnj\w*|znižan\w*\s+(?:\w+\s+){0,2}?tlak\w*"
    r"|nižj\w*\s+tlak\w*"
    r"|zmanjšan\w*\s+tlak\w*|nizek\s+tlak|nizk\w*\s+tlak\w*|omejen\w*\s+(?:dobav\w*|oskrb\w*)|omejitev\s+(?:dobav|oskrb|porab)\w*"
    r"|\bprekuhav\w*|prepoved\w*\s+(?:uporab\w*|zalivanj\w*|porab\w*)"
    r"|spremenjen\w*\s+(?:tras\w*|vozn\w*\s+red\w*|odvoz\w*)|po\s+spremenjen\w*\s+tras\w*"
    r"|\bpo\s+obvozu\b|preusmerjen\w*)"
    r"|(?P<none>prekinit\w*|prekinjen\w*|prekinil\w*\s+(?:\w+\s+)?(?:dobav|oskrb)\w*|\bizklop\w*|\bizklopljen\w*|\bbrez\s+(?:pitne\s+|sanitarne\s+|tople\s+)?"
    r"(?:vod[eo]\b|elektrik\w*|električn\w*|ogrevanj\w*|toplot\w*|plin\w*|tople\s+vode|napetost\w*)"
    r"|ne\s+bo\s+(?:dobav\w*|vod[eo]|elektrik\w*|ogrevanj\w*)|\bukinjen\w*|ne\s+bo\s+vozil\w*"
    r"|ne\s+bo(?:do|sta)?\s+delova\w*"
    r"|\bizpad\w*\s+(?:dobav|elektrik|električn|napajanj|telefon|internet|signal)\w*"
    # "odvoz ... ne bo": possessive runs, because a word can only end where a space begins; the
    # backtracking they save cost more (with full case folding) than all other triggers together
    r"|odvoz\w*+\s++(?:[\w,.]++\s++){0,12}?ne\s+bo\b"
    # "brez stacionarne telefonije, interneta in televizije": a telecom outage
    r"|\bbrez\s+(?:stacionarn\w*\s+|mobiln\w*\s+|optičn\w*\s+)?(?:telefonij\w*|telefonsk\w*|interneta\b|signala\b|televizij\w*))",
    _F,
)



def _effect_alternatives(pattern: regex.Pattern) -> Alternatives:
    """``_TRIGGER`` as Alternatives labelled by effect group, in the pattern's order."""
    groups = []
    for group in split_alternation(pattern.pattern):
        name, body = _NAMED_GROUP.fullmatch(group).groups()
        groups.append((name, regex.compile(body, pattern.flags)))
    if "|".join(f"(?P<{name}>{body.pattern})" for name, body in groups) != pattern.pattern:
        raise ValueError("the trigger pattern is not one named group per effect")
    return Alternatives(*groups)


_NAMED_GROUP = regex.compile(r"\(\?P<(\w+)>(.*)\)", regex.DOTALL)
_TRIGGER_ALTERNATIVES = _effect_alternatives(_TRIGGER)

EFFECT_OF_GROUP = {"partial": "partial_closure", "closure": "closure", "reduced": "reduced_service",
                   "none": "no_service"}

# ---------------------------------------------------------------- services
# Supplies carried by a network: the noun after "dobava", "brez", "tlak" decides.
_SUPPLY = (
    ("heating", regex.compile(r"toplot\w*|ogrevan\w*|ogreval\w*|vročevod\w*|toplovod\w*"
                              r"|\btopl\w*\s+(?:sanitarn\w*\s+)?vod\w*"
                              r"|sanitarn\w*\s+tople|radiator\w*|daljinsk\w*\s+ogrev\w*", _F)),
    ("gas", regex.compile(r"\bplin(?:a|u|om|ovod\w*|sk\w*\s+omrežj\w*)?\b|zemeljsk\w*\s+plin\w*", _F)),
    ("electricity", regex.compile(r"električn\w*|elektrik\w*|elektroenerget\w*|transformator\w*"
                                  r"|\bTP\s+\p{Lu}|napetost\w*"
                                  # "knjigomat bo izklopljen": a device switched off, not the supply
                                  r"|\bizklop(?<!\b(?:knjigomat|avtomat|semafor|dvigal|fontan|vodnjak|razsvetljav|naprav"
                                  r"|klimat)\w*\s+(?:\w+\s+){0,3}izklop)\w*", _F)),
    ("water", regex.compile(r"\bvod[aeoi]\b|\bvodo\w*|vodovod\w*|pitn\w*|prekuhav\w*|zalivanj\w*"
                            r"|vodohran\w*|vodooskrb\w*|hidrant\w*", _F)),
    ("telecom", regex.compile(r"telekomunikac\w*|internet\w*|telefon\w*|optičn\w*|\bTV\b|televizij\w*"
                              r"|mobiln\w*\s+omrežj\w*", _F)),
)
_TRANSPORT = regex.compile(r"avtobus\w*|\blinij[aeio]?\b|\blinij\w*\s+\d|\bLPP\b|postajališč\w*"
                           r"|javn\w*\s+prevoz\w*|potniš\w*\s+promet\w*|\bvlak\w*|železnišk\w*"
                           r"|vozn\w*\s+red\w*", _F)
_OTHER_UTILITY = regex.compile(r"javn\w*\s+razsvetljav\w*|ulične\s+razsvetljav\w*", _F)
_RAIL = regex.compile(r"železnišk\w*\s+promet\w*|\bvlak\w*|\bna\s+progi\b", _F)
_WASTE = regex.compile(r"odpad\w*|zbirn\w*\s+cent\w*|zbiraln\w*|smeti|\bodvoz\w*|ekološk\w*\s+otok\w*", _F)
# Long lists asked about every closure sentence: searched an alternative at a time.
_FACILITY = Alternatives.of(regex.compile(
    r"bazen\w*|kopališč\w*|drsališč\w*|\bpark\b|\bparka\b|knjižnic\w*|dvoran\w*|muzej\w*|galerij\w*"
    r"|telovadnic\w*|igrišč\w*|smučišč\w*|vrt(?:ec|ca)\b|\bšol[aeio]\b|upravn\w*\s+enot\w*|\burad\w*"
    r"|blagajn\w*|pokopališč\w*|tržnic\w*|savn\w*|fitnes\w*|stadion\w*|grad\b|gradu\b|dom\s+kulture"
    r"|zdravstven\w*\s+dom\w*|ambulant\w*|lekarn\w*|center\b|centra\b|\bplaž\w*|wellness|terme\b|term\b",
    _F,
))
_ROAD = Alternatives.of(regex.compile(
    r"\bcest\w*|\bulic\w*|\btrg\w*|promet\w*|vozišč\w*|\bmost\w*|\bpot\b|\bpoti\b|križišč\w*"
    r"|pločnik\w*|parkirišč\w*|\b[LRG][CTZ]?\s?\d{3,6}\b|\bodsek\w*|nadvoz\w*|podvoz\w*|predor\w*"
    r"|avtocest\w*|vozil\w*|voznik\w*|obvoz\w*|semafor\w*|\bAC\b|\bHC\b|kolesars\w*|pešc\w*",
    _F,
))


def supply_service(text: str, start: int = 0) -> str | None:
    """The network service (heating/gas/electricity/water/telecom) named first at or after ``start``.

    Looks after the trigger first because the supply that stops follows its verb
    ("prekinjena dobava toplotne energije") while earlier nouns often name the works
    ("zaradi obnove vodovoda bo prekinjena dobava toplote").
    """
    best: tuple[int, str] | None = None
    for service, pattern in _SUPPLY:
        match = pattern.search(text, start)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), service)
    return best[1] if best else None


def service_of(sentence: str, trigger_start: int, trigger_group: str) -> str | None:
    """The service a disruption sentence is about, or None when its words do not say."""
    trigger = sentence[trigger_start:trigger_start + 40].casefold()
    if trigger_group in ("partial",) or trigger.startswith(("zapor", "popoln", "delna", "izmeni")):
        if _TRANSPORT.search(sentence) and not _ROAD_CLOSURE_NOUN.search(sentence):
            return "public_transport"
        return "road"
    if trigger_group == "closure":
        if trigger.startswith("ne bo") and "obratoval" in trigger and _TRANSPORT.search(sentence):
            return "public_transport"  # "postajališče ne bo obratovalo": a stop out of service
        if _RAIL.search(sentence) and not _ROAD_CLOSURE_NOUN.search(sentence):
            return "public_transport"  # "železniški promet bo zaprt": trains, not a road
        # "zaprt": a building, a collection yard or a road
        if _WASTE.search(sentence):
            return "waste"
        facility = _FACILITY.search(sentence)
        if facility and not _STREET_WORD.search(sentence):
            return "facility"
        if facility and _facility_address(sentence, facility.end()):
            return "facility"  # "knjižnica na Ljubljanski cesti bo zaprta": the street is its address
        if _ROAD.found_in(sentence):
            return "road"
        return "facility" if _FACILITY.found_in(sentence) else None
    if _TRANSPORT.search(sentence) and _ROUTE_CHANGE.search(sentence) and not supply_service(sentence, 0):
        return "public_transport"
    if _WASTE.search(sentence) and _COLLECTION.search(sentence):
        return "waste"
    service = supply_service(sentence, trigger_start) or supply_service(sentence, 0)
    if service is None and trigger.startswith(("obvoz", "po obvozu", "preusmer")):
        return "road"
    if service is None and _OTHER_UTILITY.search(sentence):
        return "other"  # "ne bo delovala javna razsvetljava": a public utility outside the enum
    return service


# Compiled once here rather than passed as strings per call (the pattern cache lookup alone
# cost more than the search on a short sentence).
_STREET_WORD = regex.compile(r"promet\w*|\bcest\w*|\bulic\w*", _F)
_ROUTE_CHANGE = regex.compile(r"tras\w*|obvoz\w*|ukinjen\w*|vozil\w*|vozn\w*\s+red\w*|preusmer\w*|spremenjen\w*", _F)
_COLLECTION = regex.compile(r"odvoz\w*|zbirn\w*", _F)
_CLOSED = regex.compile(r"\bzaprt\w*|zapor\w*", _F)
# No regular service: buses that will not run, lines cut, or trains replaced by buses
# ("nadomestni avtobusni prevoz", "železniški promet bo zaprt").
_NO_BUSES = regex.compile(r"ne\s+bo\s+vozil\w*|ukinjen\w*\s+vs\w*\s+linij|nadomestn\w*\s+(?:avtobusn\w*\s+)?prevoz\w*"
                          r"|nadomešča\w*\s+(?:\w+\s+){0,2}?prevoz\w*|železnišk\w*\s+promet\w*\s+(?:\w+\s+){0,2}?zaprt\w*", _F)
_ANNOUNCED_FOR = regex.compile(r"napovedan\w*\s+za", _F)
_CLAUSE_WORD = regex.compile(r"\b(?:da|je|so|bo|bodo|smo|ki)\b")
_COMPANY_NOUN = regex.compile(r"(?:podjetj|družb|zavod)\w*$")
_ADJECTIVE_CASE_END = regex.compile(r"(?:ega|em)$")
_PODJETJE_CASE = regex.compile(r"^podjetj[au]\b")

_ADDRESS_AFTER = regex.compile(r"\s+(?:\w+\s+){0,2}?(?:na|v|ob|pri)\s+\p{Lu}\w*\s+(?:cest|ulic|trg|poti)\w*", _F)
_TRAFFIC = regex.compile(r"promet\w*|vozišč\w*|vozil\w*|voznik\w*|\bzapor\w*|obvoz\w*|pešc\w*", _F)


def _facility_address(sentence: str, facility_end: int) -> bool:
    """A facility noun followed by the street it stands on, and no word about traffic."""
    return bool(_ADDRESS_AFTER.match(sentence, facility_end)) and not _TRAFFIC.search(sentence)


_ROAD_CLOSURE_NOUN = regex.compile(r"\bcest\w*|\bulic\w*|vozišč\w*|\bmost\w*|za\s+ves\s+promet", _F)


# "Dobava plina ne bo prekinjena", "cesta ni zaprta": a denied disruption is no trigger.
_NEGATION_BEFORE = regex.compile(r"\b(?:ne\s+bo(?:do|sta)?|ni|niso|nista|ne)\s+(?:\w+\s+)?$", _F)


@lru_cache(maxsize=2048)  # a notice's sentences are asked about again (titles, list items, causes)
def find_trigger(sentence: str) -> tuple[int, int, str] | None:
    """``(start, end, group)`` of the first disruption word in ``sentence``, or None.

    A disruption word the sentence denies (``ne bo prekinjena``) does not count.
    """
    first = _TRIGGER_ALTERNATIVES.first(sentence)  # = _TRIGGER.search, with the group's name
    if first is None:
        return None
    match, group = first
    if not _NEGATION_BEFORE.search(sentence, max(0, match.start() - 24), match.start()):
        return match.start(), match.end(), group
    for match in _TRIGGER.finditer(sentence):  # the first one is denied: read on the slow way
        if _NEGATION_BEFORE.search(sentence, max(0, match.start() - 24), match.start()):
            continue
        # the four effect groups are the only capturing groups and exclude each other, so the
        # last group that matched is the one (``groupdict`` built a dict per trigger)
        return match.start(), match.end(), match.lastgroup
    return None


def effect_of(text: str, group: str, service: str | None) -> str:
    """The effect enum: the strongest wording in the text wins over the first trigger's group."""
    if service in ("road",):
        if _PARTIAL.search(text):
            return "partial_closure"
        return "closure"
    if service in ("facility", "waste") and _CLOSED.search(text):
        return "closure"
    if service == "public_transport":
        return "no_service" if _NO_BUSES.search(text) else "other"
    if group in ("partial", "closure"):
        return EFFECT_OF_GROUP[group]
    if _NO_SERVICE.found_in(text):
        return "no_service"
    if _REDUCED.search(text):
        return "reduced_service"
    return EFFECT_OF_GROUP.get(group, "other")


_PARTIAL = regex.compile(r"delna\s+zapor\w*|oviran\w*|delno\s+zaprt\w*|polovičn\w*\s+zapor\w*|izmenično|izmenični"
                         r"|enosmern\w*|zožitev|zožen\w*|en\s+vozni\s+pas", _F)
_NO_SERVICE = Alternatives.of(regex.compile(r"(?<!občasn\w{0,4}\s+)(?:prekinit|prekinjen)\w*|\bizklop\w*|\bbrez\s+(?:pitne\s+|tople\s+)?"
                            r"(?:vod|elektrik|električn|ogrevanj|toplot|plin|napetost)\w*", _F))
_REDUCED = regex.compile(r"moten\w*|motnj\w*|znižan\w*|nižj\w*\s+tlak|omejen\w*|omejitev\w*|prekuhav\w*", _F)

# ---------------------------------------------------------------- causes
# (cause, pattern): the cause whose word comes first in the statement wins.
_CAUSES = (
    ("fault", regex.compile(r"okvar\w*|\bizpad\w*|defekt\w*|počen\w*|havarij\w*|puščanj\w*|poškodb\w*"
                            r"|interventn\w*|nujn\w*\s+popravil\w*", _F)),
    ("weather", regex.compile(r"\bdež\w*|deževj\w*|padavin\w*|neurj\w*|naliv\w*|\bsneg\w*|snežn\w*"
                              r"|poledic\w*|\bveter\w*|vetrov\w*|burj\w*|\bplaz\w*|poplav\w*|\bsuš\w*|vročin\w*"
                              r"|toč[aei]\b|vremen\w*|zmanjšan\w*\s+izdatnost\w*|visok\w*\s+vod\w*"
                              # repairing what the weather did: the landslide is the reason
                              r"|sanacij\w*\s+(?:\w+\s+)?(?:plaz|usad|posledic\s+neurj|poplav)\w*", _F)),
    ("planned_event", regex.compile(r"prireditv\w*|festival\w*|maraton\w*|\btek(?:a|u|om|i|e)?\b|tekm\w*|kolesarsk\w*\s+dirk\w*"
                                    r"|koncert\w*|sejm\w*|\bsejem\b|\bsemenj\w*|\bsemnj\w*|proslav\w*|slovesnost\w*|praznovanj\w*"
                                    # "Lentfest", "Rockfestom": a literal start keeps the scan fast
                                    r"|fest(?:a|om)?\b|karneval\w*|pustn\w*\s+povork\w*"
                                    # folk festivities named "-ovanje": martinovanje, kurentovanje
                                    r"|martinovanj\w*|kurentovanj\w*|pustovanj\w*"
                                    # setting up the venue, stage or tents is for the event, not building
                                    r"|postavit\w*\s+(?:\w+\s+){0,2}?(?:prireditv|odr[auo]\b|šotor|stojnic)\w*"
                                    r"|prazničn\w*|praznik\w*|dogodk\w*|obisk\w*\s+(?:predsednik|delegac)\w*"
                                    # genitive plural "prireditev", parades, carnival, finals and championships
                                    r"|\bprireditev\b|povork\w*|\bpust(?:a|u|om|n\w*|ovanj\w*)?\b"
                                    r"|\bfinal(?:e|a|u|om)?\b|svetovn\w*\s+pokal\w*|tekmovanj\w*|prvenstv\w*", _F)),
    ("maintenance", regex.compile(r"vzdrževal\w*|vzdrževanj\w*|čiščenj\w*|\bmenjav\w*|zamenjav\w*|servis\w*"
                                  r"|pregled\w*|popravil\w*|(?<!lahko\s)priključ\w*+(?!\s+(?:\w+\s+)?nov)|priklop\w*+(?!\s+(?:\w+\s+)?nov)|vezav\w*|vgradnj\w*"
                                  r"|preizkus\w*|testiranj\w*|meritv\w*|odprav\w*\s+okvar\w*|košnj\w*"
                                  r"|izpiranj\w*|dezinfekcij\w*|investicijsk\w*\s+(?:in\s+)?vzdrž\w*"
                                  r"|dela\s+na\s+\w*\s*omrežj\w*|del\s+na\s+\w*\s*omrežj\w*", _F)),
    ("construction", regex.compile(r"gradnj\w*|gradben\w*|obnov\w*|obnavlja\w*|rekonstrukc\w*|prenov\w*|asfaltir\w*"
                                   r"|preplastit\w*|sanacij\w*|ureditv\w*|urejanj\w*|izgradnj\w*|polaganj\w*|\bpolaga(?:l[aio]?|jo|mo)?\b"
                                   r"|izkop\w*|postavitv\w*|investicij\w*|modernizac\w*|razširit\w*|\bširit\w*|vgradit\w*"
                                   # connecting a new (newly built) line is part of building it
                                   r"|(?:priključ|priklop)\w*\s+(?:\w+\s+)?nov\w*"
                                   # "začetek del", "dela se bodo začela": works that begin are building works
                                   r"|začet\w*\s+del\b|\bdela\s+(?:se\s+)?(?:bodo\s+|so\s+)?začel\w*"
                                   # works on a railway line: its renewal, not a repair
                                   r"|\bdel[a]?\s+na\s+(?:železnišk\w*\s+)?prog\w*"
                                   # moving a line or a pipe is building work, not a new date
                                   r"|prestavit\w*\s+(?:\w+\s+){0,2}?(?:vod|daljnovod|kabl|cevovod|omrežj|drog|stebr)\w*", _F)),
)


# Every cause's alternatives, for the search of the earliest cause word in cause_of.
_CAUSE_ALTERNATIVES = Alternatives(*_CAUSES)


def _earliest_cause(text: str) -> tuple[int, str] | None:
    """``(start, cause)`` of the leftmost cause word; on a tie the cause listed first."""
    found = _CAUSE_ALTERNATIVES.first(text)
    return (found[0].start(), found[1]) if found else None


# "zaradi X" / "vzrok je X": a stated reason the vocabulary does not know is ``other``.
_REASON = regex.compile(r"\bzaradi\b|\bvzrok\w*\s+(?:je|so|bo|bodo)\b", _F)
# A reason given for postponing, not for the outage itself.
POSTPONE = regex.compile(r"prestavljen\w*\s+na|preložen\w*\s+na|prestavlja\w*\s+na|prelaga\w*\s+na"
                         r"|\bnov\w*\s+termin\w*|\bprestavil\w*\s+na|\bpreložil\w*\s+na", _F)


def cause_of(text: str) -> str | None:
    """The cause enum stated in ``text``: the earliest known cause word wins; a ``zaradi`` reason
    with unknown words is ``other``; no stated reason at all is None (the caller says ``unknown``).

    A reason that explains a postponement ("zaradi zamude ... prestavljena na") is skipped.
    """
    first = _earliest_cause(text)
    if first is not None and not _is_postponement_reason(text, first[0]):
        # The leftmost cause word is its cause's first match, and no other cause has one
        # before it: exactly what the loop below would find, without scanning for the rest.
        return first[1]
    best: tuple[int, str] | None = None
    for cause, pattern in _CAUSES if first is not None else ():
        for match in pattern.finditer(text):
            if _is_postponement_reason(text, match.start()):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), cause)
            break
    if best:
        # "odprava okvare" is maintenance of a fault: gold-style reading keeps fault first
        # only when it is the leading word; "zaradi odprave okvare" names the fault.
        return best[1]
    for match in _REASON.finditer(text):
        if not _is_postponement_reason(text, match.start()) and not _WORKS_NAMED_ELSEWHERE.match(text, match.end()):
            return "other"
    return None


# "Zaradi del bo ulica zaprta": the works are named elsewhere (the headline, the sentence
# before), so no reason is stated here.
_WORKS_NAMED_ELSEWHERE = regex.compile(r"\s+(?:teh\s+|omenjenih\s+|izvajanja\s+|navedenih\s+)?del\b", _F)


def _is_postponement_reason(text: str, position: int) -> bool:
    """True when the clause around ``position`` is about moving the date, not the outage."""
    window = text[max(0, position - 60): position + 90]
    return bool(POSTPONE.search(window)) and not _ANNOUNCED_FOR.search(text[position:position + 40])


# "smo dela ... prestavili": a sentence that moves the notice without saying to when.
MOVED = regex.compile(r"\b(?:prestavil|preložil|premaknil|prestavljen|preložen|premaknjen|prestavitev"
                      r"|preložitev)\w*", _F)


def is_postponement(text: str) -> bool:
    """The text moves an announced disruption to a new date (``prestavljeno na``, ``nov termin``)."""
    return bool(POSTPONE.search(text))


# Statements that look like disruptions but are not announcements of one.
_NOT_ANNOUNCEMENT = Alternatives.of(regex.compile(
    r"javn\w*\s+(?:razpis|poziv|naročil)\w*|zbira(?:jo|mo)\s+(?:pobud|predlog|vlog|prijav)\w*"
    r"|delovn\w*\s+mest\w*|kandidat\w*|zaposlit\w*|\bcenik\w*|\bcen[ae]\s+oskrb\w*"
    r"|ob\s+(?:nedeljah|sobotah|praznikih)\s+(?:je\s+)?zaprt\w*|uradn\w*\s+ur\w*"
    # sign-up forms for alerts: "Prijava na obveščanje o izklopih", "naročite se na obvestila o motnjah"
    r"|(?:prijav|naroč)\w*\s+(?:se\s+)?na\s+(?:\w+\s+)?obv[eo]\w*|obveščanj\w*\s+o\s+",
    _F,
))


def is_not_announcement(text: str) -> bool:
    """Job ads, calls for applications, price lists, opening hours, alert sign-ups: never an outage."""
    return _NOT_ANNOUNCEMENT.found_in(text)


ESTIMATE = regex.compile(r"predvidoma|do\s+preklica|okvirn\w*|približno\s+do|ocenjujejo", _F)

# ---------------------------------------------------------------- operators
# Alias (as written, any case) → the operator's full name. Abbreviations and short forms
# used by municipal sites and local portals.
_OPERATOR_ALIASES = (
    (r"Komunaln\w+\s+podjetj\w+\s+Velenje|\bKP\s+Velenje\b|\bKPV\b", "Komunalno podjetje Velenje"),
    (r"Komunal[aei]\s+Kranj|Komunalo\s+Kranj", "Komunala Kranj"),
    (r"(?:JP\s+)?VOKA\s+SNAGA|(?:JP\s+)?VOKA\b|Vodovod\s*-\s*Kanalizacija\s+Ljubljana", "JP VOKA SNAGA"),
    
    (r"Energetik\w+\s+Ljubljana", "Energetika Ljubljana"),
    (r"Elektr(?:o|a|u|om)\s+(Celje|Ljubljana|Gorenjska|Maribor|Primorska)", "Elektro {0}"),
    (r"Ljubljansk\w+\s+potniš\w+\s+promet\w*|\bLPP\b", "Ljubljanski potniški promet"),
    (r"Rižansk\w+\s+vodovod\w*\s+Koper", "Rižanski vodovod Koper"),
    (r"Vodovod\w*\s*[–-]\s*Kanalizacij\w+\s+Celje|\bVO-KA\s+Celje", "Vodovod – Kanalizacija Celje"),
    (r"Mariborsk\w+\s+vodovod\w*", "Mariborski vodovod"),
    (r"\bNigrad\w*", "Nigrad"),
    (r"\bDomplan\w*", "Domplan"),
    (r"\bPetrol\b", "Petrol"),
    (r"\bPlinovodi\b", "Plinovodi"),
    (r"Komunal\w+\s+Celje", "Javne naprave Celje"),
    (r"\bDARS\b", "DARS"),
    (r"Direkcij\w+\s+(?:Republike\s+Slovenije\s+|RS\s+)?za\s+infrastrukturo|\bDRSI\b",
     "Direkcija RS za infrastrukturo"),
    (r"\bTelekom\w*\s+Slovenij\w*", "Telekom Slovenije"),
    (r"Marjetic\w+\s+Koper", "Marjetica Koper"),
)
ALIAS_PATTERNS = tuple((regex.compile(p, _F if "VOKA" not in p else regex.VERSION1), name)
                        for p, name in _OPERATOR_ALIASES)

# Operator → municipalities served (short names as in the register); the first is home.
OPERATOR_AREAS: dict[str, tuple[str, ...]] = {
    "Komunalno podjetje Velenje": ("Velenje", "Šoštanj", "Šmartno ob Paki"),
    "Komunala Kranj": ("Kranj", "Naklo", "Šenčur", "Cerklje na Gorenjskem", "Jezersko", "Preddvor"),
    "JP VOKA SNAGA": ("Ljubljana", "Brezovica", "Dol pri Ljubljani", "Ig", "Medvode", "Škofljica"),
    "Snaga": ("Ljubljana",),
    "Energetika Ljubljana": ("Ljubljana",),
    "Elektro Ljubljana": ("Ljubljana", "Medvode", "Brezovica", "Ig", "Škofljica", "Grosuplje",
                          "Dol pri Ljubljani", "Vodice", "Domžale", "Kamnik", "Vrhnika", "Litija"),
    "Elektro Celje": ("Celje", "Velenje", "Šoštanj", "Šmartno ob Paki", "Žalec", "Slovenske Konjice"),
    "Elektro Gorenjska": ("Kranj", "Škofja Loka", "Jesenice", "Radovljica", "Tržič", "Naklo", "Šenčur"),
    "Elektro Maribor": ("Maribor", "Ptuj", "Murska Sobota"),
    "Elektro Primorska": ("Koper", "Nova Gorica", "Izola", "Piran", "Ankaran"),
    "Ljubljanski potniški promet": ("Ljubljana",),
    "Rižanski vodovod Koper": ("Koper", "Ankaran", "Izola", "Piran"),
    "Vodovod – Kanalizacija Celje": ("Celje", "Štore", "Vojnik", "Dobrna"),
    "Mariborski vodovod": ("Maribor",),
    "Nigrad": ("Maribor",),
    "Domplan": ("Kranj",),
    "Marjetica Koper": ("Koper",),
    "Javne naprave Celje": ("Celje",),
}

# Web site (registered domain) → (operator that runs it or None for a news portal, home municipality).
SITE_OWNERS: dict[str, tuple[str | None, str]] = {
    "velenje.si": ("Mestna občina Velenje", "Velenje"),
    "velenjcan.si": (None, "Velenje"),
    "nascas.si": (None, "Velenje"),
    "kp-velenje.si": ("Komunalno podjetje Velenje", "Velenje"),
    "sostanj.si": ("Občina Šoštanj", "Šoštanj"),
    "smartnoobpaki.si": ("Občina Šmartno ob Paki", "Šmartno ob Paki"),
    "kranj.si": ("Mestna občina Kranj", "Kranj"),
    "komunala-kranj.si": ("Komunala Kranj", "Kranj"),
    "domplan.si": ("Domplan", "Kranj"),
    "ljubljana.si": ("Mestna občina Ljubljana", "Ljubljana"),
    "vokasnaga.si": ("JP VOKA SNAGA", "Ljubljana"),
    "energetika.si": ("Energetika Ljubljana", "Ljubljana"),
    "energetika-lj.si": ("Energetika Ljubljana", "Ljubljana"),
    "lpp.si": ("Ljubljanski potniški promet", "Ljubljana"),
    "elektro-ljubljana.si": ("Elektro Ljubljana", "Ljubljana"),
    "elektro-celje.si": ("Elektro Celje", "Celje"),
    "elektro-gorenjska.si": ("Elektro Gorenjska", "Kranj"),
    "elektro-maribor.si": ("Elektro Maribor", "Maribor"),
    "elektro-primorska.si": ("Elektro Primorska", "Koper"),
    "rvk.si": ("Rižanski vodovod Koper", "Koper"),
    "vo-ka-celje.si": ("Vodovod – Kanalizacija Celje", "Celje"),
    "celje.si": ("Mestna občina Celje", "Celje"),
    "maribor.si": ("Mestna občina Maribor", "Maribor"),
    "maribor24.si": (None, "Maribor"),
    "nigrad.si": ("Nigrad", "Maribor"),
    "koper.si": ("Mestna občina Koper", "Koper"),
}


@lru_cache(maxsize=4096)  # a pure function of the name; the same few names recur in every notice
def canonical_operator(name: str) -> str:
    """The full name of an operator written as an alias (``KP Velenje``) or in another case."""
    for pattern, full in ALIAS_PATTERNS:
        match = pattern.search(name)
        if match:
            if "{0}" in full:
                return full.format(match.group(1).capitalize())
            return full
    return _nominative_municipality_body(name)


def known_operator_in(text: str) -> str | None:
    """The first known operator alias named anywhere in ``text``, as its full name."""
    best: tuple[int, str] | None = None
    for pattern, full in ALIAS_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            name = full.format(match.group(1).capitalize()) if "{0}" in full else full
            best = (match.start(), name)
    return best[1] if best else None


# "Komunalno podjetje Velenje obvešča", "Občina Šoštanj obvešča", "Rdeča dvorana, Zavod X, obvešča".
ANNOUNCE_VERB = regex.compile(r",?\s+(?:obvešča|obveščajo|sporoča|sporočajo|opozarja|opozarjajo|naznanja)\b",
                               regex.VERSION1)
_LEADING_DATELINE = regex.compile(r"^\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)*,?\s+[–-]\s+")
_NOT_A_NAME_START = frozenset({
    "v", "na", "ob", "po", "za", "pri", "danes", "jutri", "zaradi", "kot", "tudi", "ker", "že", "ta",
    "to", "vse", "obveščamo", "uporabnike", "spoštovani", "kot", "iz", "s", "z", "in", "pa",
})


@lru_cache(maxsize=4096)  # asked for the same sentence by several steps of one notice
def announcer_in(sentence: str) -> tuple[str, int, int] | None:
    """``(operator, start, end)`` of the organisation that announces in ``sentence``
    (``X obvešča, da ...``), normalised to its full name; None when nobody is named.

    The name is everything between the sentence start (after a dateline such as
    ``Maribor – ``) and the verb, because names contain lower-case words
    (``Športno rekreacijski zavod Velenje``); a known alias inside a longer lead wins.
    """
    verb = ANNOUNCE_VERB.search(sentence)
    if not verb:
        return None
    head = sentence[:verb.start()]
    for pattern, _name in ALIAS_PATTERNS:
        match = pattern.search(head)
        if match and not head[match.end():].strip(" ,–-"):
            # the known name ends right before the verb (any dateline before it is dropped)
            return canonical_operator(match.group(0)), match.start(), match.end()
    start = 0
    dateline = _LEADING_DATELINE.match(head)
    if dateline and dateline.end() < len(head):
        start = dateline.end()
    lead = head[start:]
    words = lead.split()
    if (words and len(lead) <= 90 and len(words) <= 10 and lead[:1].isupper()
            and words[0].casefold().strip(",") not in _NOT_A_NAME_START
            and not _CLAUSE_WORD.search(lead)):
        trimmed = lead.strip(" ,–-")
        offset = start + lead.index(trimmed)
        return canonical_operator(trimmed), offset, offset + len(trimmed)
    known = known_operator_in(head)
    if known:
        match = next(m for m in (p.search(head) for p, _n in ALIAS_PATTERNS) if m)
        return known, match.start(), match.end()
    return None


# ---------------------------------------------------------------- reported sources
# A news item says who spoke: "Kot so sporočili iz Javnega podjetja Komunala Trbovlje",
# "Na Občini Dravograd pravijo", "V podjetju Petrol Energetika, ki ..., so pojasnili",
# "V Elektru Gorenjska bodo ... prekinili", or the organisation is the subject of the
# statement: "Kraški vodovod Sežana bo v sredo ... prekinil dobavo", or it apologises.
_ORG_LOWER = (r"(?:podjetj\w*|družb\w*|zavod\w*|komunaln\w*|javn\w*|občin\w*|vodovod\w*|energetik\w*"
              r"|kanalizacij\w*|služb\w*|uprav\w*|enot\w*|direkcij\w*|za|d\.\s?o\.\s?o\.|d\.\s?d\.)")
_ORG_NAME = (r"(?P<org>(?:(?:podjetj|družb|zavod)\w*\s+)?\p{Lu}[\p{L}.-]*"
             rf"(?:\s+(?:\p{{Lu}}[\p{{L}}.-]*|{_ORG_LOWER})){{0,6}})")
_SPEECH = (r"(?:pravijo|povedo|sporočajo|pojasnjujejo|opozarjajo|napovedujejo|zagotavljajo|dodajajo"
           r"|(?:so|bodo|je)\s+(?:\w+\s+){0,3}?(?:sporočil|pojasnil|povedal|zapisal|dodal|potrdil|napovedal"
           r"|prekinil|izklopil|zaprl|izvajal|obvestil)\w*|bodo\b|so\b)")
_REPORTED = (
    regex.compile(r"(?:sporočil|pojasnil|povedal|zapisal|dodal|potrdil|navedl)\w*\s+(?:iz|v|na|pri)\s+"
                  + _ORG_NAME, regex.VERSION1),
    regex.compile(r"(?:^|(?<=[.!?»\n]\s*)|(?<=\bkot\s+))(?:Iz|V|Na|Pri|iz|v|na|pri)\s+" + _ORG_NAME
                  + r"(?:,[^,.]{1,90},)?\s+" + _SPEECH, regex.VERSION1),
    regex.compile(r"(?:^|(?<=[.!?\n]\s*))" + _ORG_NAME + r"\s+(?:bo|bodo|je|so)\s+(?:[\w.]+[\s,]+){0,16}?"
                  r"(?:prekinil|izklopil|zaprl|zapiral|ustavil|omejil)\w*", regex.VERSION1),
    # "Javno komunalno podjetje Žalec se za nevšečnosti opravičuje": who apologises runs it
    regex.compile(r"(?:^|(?<=[.!?\n]\s*))" + _ORG_NAME + r"\s+se\s+(?:\w+\s+){0,4}?"
                  r"(?:opravičuje|opravičujejo|zahvaljuje|zahvaljujejo)\b", regex.VERSION1),
)
# An organisation, not a place: its name has a word for one ("V Ljubljani bodo" is no source).
_ORG_WORD = regex.compile(
    r"podjetj|družb|zavod|komunal|občin|elektr|vodovod|energetik|plin|toplarn|direkcij|\bDARS\b"
    r"|\bd\.\s?[od]\.|uprav[aei]\b|služb|\bJ[KP]P\b|\bKP\b|snaga|kanalizacij", _F)


def reported_operator(text: str) -> str | None:
    """The organisation a report quotes or makes the subject of a switch-off, in the nominative."""
    best: tuple[int, str] | None = None
    for pattern in _REPORTED:
        for match in pattern.finditer(text):
            name = _trim_org(match.group("org"))
            if name and _ORG_WORD.search(name):
                if best is None or match.start() < best[0]:
                    best = (match.start(), _full_operator(_nominative_org(name)))
                break
    return best[1] if best else None


def _full_operator(name: str) -> str:
    """A known alias's full name when the alias is the whole name (``Elektru Gorenjska``);
    a longer name that only contains one (``Petrol Energetika``) is another company."""
    for pattern, _full in ALIAS_PATTERNS:
        match = pattern.fullmatch(name)
        if match:
            return canonical_operator(name)
    return _nominative_municipality_body(name)


def _trim_org(name: str) -> str:
    """The name without a leading ``podjetju`` and trailing lower-case words."""
    words = name.split()
    if words and _COMPANY_NOUN.match(words[0]) and len(words) > 1:
        words = words[1:]
    while words and words[-1][:1].islower():
        words.pop()
    if words and not _COMPANY_FORM.search(words[-1]):
        words[-1] = words[-1].rstrip(".,;:»«")  # "... so zapisali v Energetiki Maribor."
    return " ".join(w for w in words if w)


_ORG_CASES = (
    # adjective + neuter head: "Javnega (komunalnega) podjetja" / "Javnem podjetju"
    (regex.compile(r"^((?:\p{L}+(?:ega|em)\s+)+)podjetj[aue]\b", regex.VERSION1), "o", "podjetje"),
    # adjective + masculine head: "Javnega zavoda", "Športnem zavodu"
    (regex.compile(r"^((?:\p{L}+(?:ega|em)\s+)+)zavod[au]?\b", regex.VERSION1), "i", "zavod"),
)


_COMPANY_FORM = regex.compile(r"d\.\s?[od]\.(?:\s?o\.)?$|s\.\s?p\.$")
_FEMININE_HEAD = regex.compile(r"^(Komunal|Energetik|Toplarn|Snag|Direkcij)(?:e|i|o)\b")


def _nominative_org(name: str) -> str:
    """``Javnega podjetja Komunala Trbovlje`` → ``Javno podjetje Komunala Trbovlje``;
    ``Občini Dravograd`` → ``Občina Dravograd``; other names as written."""
    for pattern, ending, head in _ORG_CASES:
        match = pattern.match(name)
        if match:
            adjectives = [_ADJECTIVE_CASE_END.sub(ending, w) for w in match.group(1).split()]
            return " ".join(adjectives + [head]) + name[match.end():]
    name = _PODJETJE_CASE.sub("podjetje", name)
    # "iz Komunale Škofja Loka", "v Energetiki Maribor": a feminine head noun in its case form
    return _FEMININE_HEAD.sub(r"\1a", name)


_MESTNE_OBCINE = regex.compile(r"^(Mestn)(?:e|i)\s+(občin)(?:e|i)\b")
_OBCINE = regex.compile(r"^(Občin)(?:e|i)\b")
_MUNICIPALITY_OPERATOR = regex.compile(r"(?:Mestna\s+)?[Oo]bčina\s+(.+)$")
_SCHEME = regex.compile(r"^[a-z]+://")


def _nominative_municipality_body(name: str) -> str:
    """``Občine Šoštanj`` → ``Občina Šoštanj``; other names unchanged."""
    return _MESTNE_OBCINE.sub(r"\1a \2a", _OBCINE.sub(r"\1a", name.strip()))


def operator_areas(operator: str | None) -> tuple[str, ...]:
    """Municipalities the operator serves, its home first; ``Občina X`` serves X."""
    if not operator:
        return ()
    if operator in OPERATOR_AREAS:
        return OPERATOR_AREAS[operator]
    match = _MUNICIPALITY_OPERATOR.match(operator)
    if match:
        return (match.group(1).strip(),)
    return ()


_DOMAIN = regex.compile(r"^(?:[a-z]+://)?(?:[\w-]+\.)+[a-z]{2,}(?:/.*)?$", regex.IGNORECASE)


def site_of(source: str | None, url: str | None = None) -> str | None:
    """The registered domain of a document's source or URL (``www.kranj.si`` → ``kranj.si``).

    A source that is a publisher's name (``Komunala Novo mesto``) is no domain: the URL's is used.
    """
    value = source if source and _DOMAIN.match(source.strip()) else url or ""
    value = _SCHEME.sub("", value.strip().casefold()).split("/")[0]
    value = value.removeprefix("www.")
    if value.count(".") > 1:
        # keep the registered domain: moc.celje.si -> celje.si
        parts = value.split(".")
        value = ".".join(parts[-2:])
    return value or None


# A publisher whose name says it is a news outlet does not run any service.
_PORTAL = regex.compile(
    r"novic|novice|info|news|portal|časopis|časnik|tednik|\bglas\b|glasnik|radio|\btv\b|televizij"
    r"|\.com\b|\.net\b|\.si\b|\d|press|medij|dnevnik|\bvečer\b|\bdelo\b|vestnik|kurir|magazin"
    r"|revij|online|\blist\b|poroč\w*|utrip|odmev", _F)
_MUNICIPAL_BODY = regex.compile(r"^(?:Mestn\w+\s+)?[Oo]bčin\w*\s+\p{Lu}")


def publisher_operator(source: str | None) -> str | None:
    """The publisher named as ``source`` when it is an organisation, not a news portal or a domain.

    ``Komunala Slovenj Gradec`` or ``JEKO`` runs what its notices announce; ``Koroške novice``
    only reports. A municipality's name is put in the nominative (``Občine Kamnik`` → ``Občina Kamnik``).
    """
    name = " ".join((source or "").split())
    if not name or _DOMAIN.match(name) or _PORTAL.search(name) or len(name.split()) > 6:
        return None
    if _MUNICIPAL_BODY.match(name):
        return _nominative_municipality_body(name)
    return name


def municipal_body(municipality: str, gazetteer) -> str:
    """``Mestna občina X`` for an urban municipality, else ``Občina X``."""
    urban = gazetteer is not None and gazetteer.is_urban(municipality)
    return f"{'Mestna občina' if urban else 'Občina'} {municipality}"


def site_owner(source: str | None, url: str | None = None, gazetteer=None) -> tuple[str | None, str | None]:
    """``(operator, municipality)`` of the site a document came from; ``(None, None)`` if unknown.

    With a gazetteer the answer is read from the publisher's name (``Energetika Celje`` runs
    heating in Celje; ``Kamnik novice`` is a portal about Kamnik) and from the domain
    (``novomesto.si`` is the municipality's own site, so its office publishes there;
    ``komunala-nm.si`` names Novo mesto by its plate code); the small table of known sites
    only fills what those leave open.
    """
    site = site_of(source, url)
    known_operator, known_municipality = SITE_OWNERS.get(site, (None, None)) if site else (None, None)
    if gazetteer is None:
        return known_operator, known_municipality
    operator = publisher_operator(source)
    municipality = gazetteer.municipality_in_name(source) if source and not _DOMAIN.match(source.strip()) else None
    domain_municipality, own_site = gazetteer.municipality_in_domain(site)
    if operator is None and own_site and domain_municipality:
        operator = municipal_body(domain_municipality, gazetteer)
    if operator and municipality is None:
        municipality = operator_home(operator, gazetteer)
    return (operator or known_operator,
            municipality or domain_municipality or known_municipality)


def operator_home(operator: str | None, gazetteer=None) -> str | None:
    """The municipality an operator is based in: its served area's home, the municipality a
    ``Občina X`` is, or the town its name contains (``Energetika Celje``)."""
    areas = operator_areas(operator)
    if areas:
        return areas[0]
    if operator and gazetteer is not None:
        return gazetteer.municipality_in_name(operator)
    return None
