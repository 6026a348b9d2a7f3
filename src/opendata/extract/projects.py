"""Municipal development projects and programmes: recognition, numbers, and cross-document merge.

A project is found from cues in the prose (``projekt X``, ``izgradnja/prenova/ureditev ... X``,
``zgraditi/vzpostaviti ... <named facility>``, EU missions, climate contracts). Mentions of
one document that name the same thing are grouped; budgets, areas and years are taken only
from the sentence that talks about the group (an explicit mention, or an anaphor such as
``Naložba``, ``projekta``, ``Dela`` or the project's own head noun shortly after it).
A group named only by works nouns must work on something substantial (a building, network,
road, space or a named place) and show evidence of being a development project (money, a
fund, ``projekt/naložba/investicija``, a contract, tender or plan, a start or presentation,
more than one sentence); in outage notices only stated money or a fund counts.
:func:`merge_projects` then joins groups across documents by lemmatised-name evidence.
"""
from __future__ import annotations

import heapq
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import SimpleNamespace

import regex

from opendata.ids import normalize_key, stable_id
from opendata.language.lemma import lemmatize
from opendata.language.numbers import parse_amount_eur, parse_area_m2, parse_start_year, parse_target_year
from opendata.language.sentences import sentence_spans
from opendata.model import Document, Evidence, ProjectCandidate

from opendata.language.patterns import WordGate, plain_lower

# ---------------------------------------------------------------- vocabularies

# Nominalised works and their nominative. "New thing" actions name the project after the
# thing built (izgradnja Urbanega parka → Urbani park); the others keep the action.
_ACTIONS: dict[str, tuple[str, bool]] = {
    "izgradnj": ("izgradnja", True), "gradnj": ("gradnja", True), "dograditv": ("dograditev", True),
    "dogradite": ("dograditev", True), "postavitv": ("postavitev", True), "postavite": ("postavitev", True),
    "ureditv": ("ureditev", False), "uredite": ("ureditev", False), "preureditv": ("preureditev", False),
    "preuredite": ("preureditev", False), "prenov": ("prenova", False), "obnov": ("obnova", False),
    "revitalizacij": ("revitalizacija", False), "sanacij": ("sanacija", False),
    "rekonstrukcij": ("rekonstrukcija", False), "preobrazb": ("preobrazba", False),
    "posodobitv": ("posodobitev", False), "posodobite": ("posodobitev", False),
    "nadgradnj": ("nadgradnja", False), "razširitv": ("razširitev", False), "razširite": ("razširitev", False),
    "širitv": ("širitev", False), "širite": ("širitev", False),
}
_A_STEMS = r"izgradnj|gradnj|prenov|obnov|revitalizacij|sanacij|rekonstrukcij|preobrazb|nadgradnj"
_TEV_STEMS = r"dograd|postav|preured|ured|posodob|razšir|šir"
# Noun forms only: "obnova/obnove/obnovo", "ureditev/ureditve" — not "obnovili", "obnovljivi".
_ACTION_RE = (
    r"(?:(?:" + _A_STEMS + r")(?:a|e|i|o|ah|am|ami)?|(?:" + _TEV_STEMS + r")it(?:ev|ve|vi|vijo|vah|vam|vami))\b"
)
_ACTION_WORD = regex.compile(r"(?i)" + _ACTION_RE)
# Adjectives that qualify the works, not the object ("energetska obnova", "komunalna ureditev").
_MODIFIERS = ("energetsk", "komunaln", "celovit", "zelen", "temeljit", "delno", "delna", "popoln", "nujn")

_WORD = r"[\p{L}\d]+(?:[-.][\p{L}\d]+)*"
_TOKEN = regex.compile(r"(?P<dash>\s*[–—-]\s*)?(?P<w>" + _WORD + r")|(?P<p>[^\s\p{L}\d])")

# Words that end a name: clause words, auxiliaries and frequent verbs.
_STOP = frozenset(
    """ki je so bo bodo sta bi ter pa tudi že še kot da ker saj se si ga jo jih jim mu ji bomo smo
    naj lahko ne ni niso bil bila bilo bili bile bodo pomeni gre ima imajo bosta bova morajo mora
    kjer kar ko ali oziroma oz ter ta to te tega vendar a zato zaradi letos lani danes
    jutri včeraj nato potem prav predvidoma približno okoli skoraj več manj čeprav izbran izbrana
    dobil dobila dobili znaša znašala vreden vredna vredno stane stal stala skupaj uspešno
    hkrati predvsem namreč""".split()
)
_PREPOSITIONS = frozenset("v na za med čez ob pri od do s z iz k h pod nad po proti".split())
_LOCATION_PREPS = frozenset("v na pri med čez ob pod nad".split())
_LOC_STOPWORDS = frozenset(
    """okviru sklopu času prihodnosti letu leta konca sredine začetka višini vrednosti skladu obdobju primeru imenu
    sodelovanju januarja februarja marca aprila maja junija julija avgusta septembra oktobra
    novembra decembra""".split()
)
# Tokens that say nothing about which project it is.
_GENERIC = frozenset(
    """nov novi nova novo zelen eu evropski prvi drugi tretji faza projekt program del vzhoden zahoden
    severen južen celoten mesten občinski lokalen celovit sodoben večji velik energetski komunalen
    mesto delu dela območje""".split()
)
_FUNCTION = _PREPOSITIONS | frozenset({"in", "ter", "oziroma", "ali"})
# Facility nouns that take a proper name in apposition: "tehnološki park TecHub".
_APPOSITION_HEADS = ("park", "platform", "center", "centr", "con", "aplikacij", "portal", "kompleks",
                     "inkubator", "program", "sistem")
# Locations that contain the project rather than identify it ("park v Poslovni coni X").
_CONTAINER_HEADS = frozenset({"cona", "park", "center", "kompleks", "območje"})
# Organisations, not project names: "program Evropske komisije", "in Občina Šoštanj".
_ORG_START = regex.compile(
    r"(?i)(?:evropsk\p{L}*\s+(?:komisij|unij|parlament)|mestn\p{L}*\s+občin|občin|vlad[aeio]\b|ministrst"
    r"|republik|agencij|zavod)"
)

# ---------------------------------------------------------------- cue patterns

# The name may be quoted: 'investicijskega projekta »Prizidek k Osnovni šoli«'.
_PROJECT_CUE = regex.compile(
    r"\b(?:[Pp]rojekt(?:a|u|om)?|[Pp]rogram(?:a|u|om)?)\s+(?:[»«\"„“”‚‘']\s*)?(?=[\p{L}\d])"
)
_ACTION_CUE = regex.compile(
    r"(?i)\b(?P<mod>(?:energetsk|komunaln|celovit|zelen|temeljit|delno|delna|popoln)\p{L}*\s+)?"
    r"(?P<act>" + _ACTION_RE + r")\s+"
    # two works on one object: "prenova in dozidava knjižnice", "obnova ter širitev ceste"
    r"(?:(?:in|ter)\s+(?:" + _ACTION_RE + r"|(?:do|pri|nad|raz|iz)\p{Ll}+(?:ava|avo|ave|itev|itve)\b)\s+)?"
)
# An investment document names its object after "za": "investicijski program za novo
# čistilno napravo", "dokument identifikacije investicijskega projekta za prizidek šole".
_INVESTMENT_FOR = regex.compile(
    r"(?i)\binvesticijsk\p{L}*\s+(?:program|projekt|dokumentacij|načrt)\p{L}*\s+za\s+"
)
_FRAMEWORK_BEFORE = regex.compile(r"(?i)\b(?:v\s+okviru|v\s+sklopu|znotraj)\s+$")
# A company's name may start with a works noun ("družba Gradnje Novak", "podjetje Obnova d.o.o.").
_COMPANY_BEFORE = regex.compile(r"(?i)\b(?:družb|podjetj|firm)\p{L}*\s+$")
_COMPANY_SUFFIX = regex.compile(r"(?i)[\s,]+(?:d\.\s?o\.\s?o\.?|d\.\s?d\.|s\.\s?p\.)")
_MISSION_CUE = regex.compile(r"\b[Mm]isij\p{L}*\s+(?=[\p{Lu}\d])")
_CONTRACT_CUE = regex.compile(r"(?i)\bpodnebn\p{L}*\s+pogodb\p{L}*")
_CONTRACT_OWNER = regex.compile(r"\s+((?:Mestne\s+)?[Oo]bčine\s+\p{Lu}[\p{L}-]*(?:\s+(?:ob|pri|na)\s+\p{Lu}\p{L}*)?)")
# Creation verbs before a named facility: "vzpostavil digitalno platformo Pametni Kranj".
_CREATE_CUE = regex.compile(
    r"(?i)\b(?:vzpostavi\p{L}*|zgradi\p{L}*|zgradil\p{L}*|načrtuje\p{L}*|namerava\p{L}*\s+zgraditi|odpr(?:l|li|la|eti)"
    r"|uredi(?:ti|la|li)|postavi(?:ti|la|li)|preured\p{L}*\s+v|spremeni\p{L}*\s+v|zagnal\p{L}*)"
    r"(?:\s+(?:tudi|še|že|novo|nov|novi))*\s+"
)
_CONVERSION_VERB = regex.compile(r"(?i)(?:preured|spremeni|preobraz|revitaliz)\p{L}*\s+v\s+$")
# A list of achievements: "Med že izvedenimi ukrepi so izpostavili X".
_LIST_CUE = regex.compile(
    r"(?i)\b(?:izveden|načrtovan|ključn|najpomembnejš|pomembn)\p{L}*\s+(?:ukrep|projekt|naložb|investicij)\p{L}*"
    r"\s+(?:\p{L}+\s+){0,2}?(?:izpostavil\p{L}*|naved\p{L}*|omenil\p{L}*|predstavil\p{L}*)\s+"
)
# A facility noun with its proper name, without any works cue: "rekreacijski park Portoval".
_FACILITY_CUE = regex.compile(r"\b(?:park|center|centr|con[aeio]?|kompleks|inkubator)\p{L}*\s+(?=\p{Lu})")
_PART_OF = regex.compile(
    r"(?i)\b(?:so|je|bodo|bo)\s+(?:sestavni\s+)?del\s+(?=(?:projekt|naložb|investicij"
    r"|(?:(?:energetsk|komunaln|celovit|zelen|temeljit|popoln)\p{L}*\s+)?" + _ACTION_RE + r"))"
)
_CONTINUE = regex.compile(r"(?i)\bnadaljeva\p{L}*\s+(?:(?:z|s)\s+)?$")
# "o prenovi": the works as a topic of talk or writing.
_TOPIC_BEFORE = regex.compile(r"(?i)\bo\s+$")
# What a project comprises is part of it: "Prenova bo zajela nov tlak, obnovo vodnjaka in ...".
_SCOPE_VERB = regex.compile(r"(?i)\b(?:zajel\p{L}*|zajema\p{L}*|obsega\p{L}*|obsegal\p{L}*|vključeval\p{L}*"
                            r"|vključuje|predvideva\p{L}*)\b")


def _comprised(text: str, s: int, at: int) -> bool:
    """Whether the works at ``at`` are listed as what the project just discussed comprises: a
    scope verb whose subject, at the start of the sentence, refers back to it ("Prenova bo
    zajela ...", "Projekt predvideva ..."), not "Proračun predvideva gradnjo vrtca"."""
    verb = _SCOPE_VERB.search(text, s, at)
    return verb is not None and verb.start() - s <= 40 and bool(_ANAPHOR.search(text, s, verb.start()))
_INSTITUTION_BEFORE = regex.compile(r"\p{Lu}\p{L}+\s+za\s+$")
# "zaradi obnove", and coordinated causes: "zaradi menjave talnih oblog in prenove pulta";
# "do sanacije plazu", "do konca obnove": how long a closure lasts, not a project.
_CAUSE_BEFORE = regex.compile(
    r"(?i)\b(?:zaradi|zavoljo|ob|do)\s+(?:\p{L}+\s+){0,1}$|\b(?:zaradi|zavoljo)\s+(?:\p{L}+\s+){1,6}?(?:in|ter)\s+$"
)

_ANAPHOR = regex.compile(
    r"(?i)\b(?:projekt\p{L}*|naložb\p{L}*|investicij\p{L}*|vrednost\p{L}*|faz[aeiou]\p{L}*|dela|del|deli"
    r"|objekt\p{L}*|gradnj\p{L}*|prenov\p{L}*|obnov\p{L}*|ureditev|ureditv\p{L}*|misij\p{L}*|pogodb\p{L}*"
    # its execution and its money: "Izvedba je predvidena ...", "Večino sredstev bo občina pridobila ..."
    r"|izvedb\p{L}*|sredst\p{L}*)\b"
    # a completion with no subject of its own is the project's: "Ko bo sistem v celoti zgrajen, ..."
    r"|\b(?:bo|bodo|bosta)\s+(?:\p{L}+\s+){0,3}?(?:zgrajen|končan|dokončan|zaključen|urejen|prenovljen|obnovljen)\p{L}*"
)

# ---------------------------------------------------------------- status, funding, sector

_CANCELLED = regex.compile(r"(?i)\b(?:odpoved\p{L}*|opustil\p{L}*|ustavil\p{L}*|zavrnil\p{L}*|ne\s+bo\s+(?:zgrajen|izveden)\p{L}*)")
_COMPLETED = regex.compile(
    r"(?i)(?<!\bki\s)\b(?:je|so|sta|smo|ste)\s+(?:že\s+|lani\s+|letos\s+)?(?:bil[aoi]?\s+)?"
    r"(?:zaključ|konča|dokonča|zgrajen|zgradil|odprl|odprt|preda|izveden|izvedl|vzpostavil|nadgrajen|dokončan)\p{L}*"
    # a time adverbial before the past participle: "je ta teden končalo obnovo", "so v petek odprli"
    r"|(?<!\bki\s)\b(?:je|so|sta|smo)\s+(?:(?:ta|prejšnji|minuli|pretekli|zadnji)\s+(?:teden|mesec)|pred\s+kratkim"
    r"|v\s+(?:ponedeljek|torek|sredo|četrtek|petek|soboto|nedeljo)|včeraj|danes|uspešno|pravkar|nedavno)\s+"
    r"(?:zaključi|konča|dokonča|zgradi|odpr|preda|izved)l[aoi]?\b"
    r"|\bže\s+izveden\p{L}*|\bzaključen\p{L}*\s+projekt"
    # a headline participle: "Zaključena obnova vodovoda", "Končana gradnja vrtca"
    r"|\b(?:zaključen|končan|dokončan)[aoi]?\s+(?:energetsk\p{L}*\s+|celovit\p{L}*\s+)?" + _ACTION_RE
)
# Completing a step of preparation (or a phase of the works) is not completing the works:
# "je zaključila izbor idejne rešitve", "so končali javno razgrnitev", "je zaključila razpis".
_PROCEDURE_DONE = regex.compile(
    r"(?i)\b(?:zaključi|konča|dokonča|izvedl|izved)\p{L}*\s+(?:\p{L}+\s+){0,1}?(?:izbor|natečaj|razpis|postop|razgrnitv"
    r"|obravnav|razprav|anket|pogovor|pogajanj|javn\p{L}*\s+naročil|prijav|delavnic|predstavit"
    # nor is finishing one phase of the works: "je končal temeljenje", "so končali groba dela"
    r"|temeljenj|izkop|rušitv|grob\p{L}*\s+(?:gradben\p{L}*\s+)?del|pripravljaln\p{L}*\s+del|prv\p{L}*\s+faz)\p{L}*"
)
_IN_PROGRESS = regex.compile(
    r"(?i)\b(?:poteka\p{L}*|v\s+teku|poteku|se\s+je\s+začel\p{L}*|(?:so|je|sta)\s+(?:\p{L}+\s+){0,3}?začel[aio]?\b|začel\p{L}*\s+se\s+je"
    r"|nadaljeva\p{L}*|gradijo|obnavljajo|prenavljajo|urejajo|obnovil\p{L}*|posodobil\p{L}*"
    r"|izvaja(?:jo|ta)?\b|izvajanj\p{L}*|že\s+(?:dela|delajo|gradi)\b"
    # the works a notice announces are a stage of the project: "Gre za del širitve omrežja"
    r"|\bgre\s+za\s+(?:\p{L}+\s+)?(?:del|fazo|etapo)\b)"
)
_PLANNED = regex.compile(
    r"(?i)\b(?:namerava\p{L}*|načrtuje\p{L}*|načrtovan\p{L}*|želimo|želi\b|naj\s+bi|predvidoma|pripravlja\p{L}*"
    r"|osnutek|osnutk\p{L}*|bo(?:do|sta)?\s+(?:\p{L}+\s+){0,2}?(?:zgrajen|urejen|postavljen|obnovljen|prenovljen"
    r"|končan|dokončan|zaključen|izveden|dograjen|saniran|posodobljen)\p{L}*"
    r"|bo(?:do|mo|sta)?\s+(?:\p{L}+\s+){0,3}?(?:zgradil|uredil|postavil|začel|obnovil|prenovil|preuredil|odprl"
    r"|dogradil|razširil|posodobil|saniral|izvedl|vložil|stal[aoi]?\b)\p{L}*"
    r"|podpisal\p{L}*\s+(?:\p{L}+\s+){0,4}?pogodb\p{L}*|izbral\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:projektant|izvajal)\p{L}*"
    r"|nas\s+čaka|investicijsk\p{L}*\s+program\p{L}*|sklep\p{L}*\s+o\s+sofinanciranju"
    # foreseen works, a project identification document, a bid for funds, a tender for the
    # works, a building permit, a presented plan
    r"|(?:je|so|bo|bodo)\s+predviden\p{L}*|dokument\p{L}*\s+identifikacij\p{L}*|kandidira\p{L}*|bo\s+kandidiral\p{L}*"
    r"|objavil\p{L}*\s+(?:javn\p{L}*\s+)?(?:naročil|razpis)\p{L}*|pridobil\p{L}*\s+gradben\p{L}*\s+dovoljenj\p{L}*"
    r"|predstavil\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:načrt|idejn|zasnov)\p{L}*)"
)

_FUTURE_END = regex.compile(
    r"(?i)\b(?:bo|bodo|bosta|naj\s+bi\s+bil\p{L}*)\s+(?:\p{L}+\s+){0,3}?(?:končan|dokončan|zaključen|zgrajen)\p{L}*"
    r"|\b(?:končan|dokončan|zaključen)\p{L}*\s+bo(?:do|sta)?\b"
)

_FUNDS: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(p, regex.IGNORECASE), name)
    for p, name in (
        (r"\bsklad\p{L}*\s+za\s+pravičen\p{L}*\s+prehod\p{L}*|\bSPP\b|\bJTF\b", "Sklad za pravičen prehod"),
        (r"\bkohezijsk\p{L}*\s+sklad\p{L}*", "Kohezijski sklad"),
        (r"\bnačrt\p{L}*\s+za\s+okrevanje\s+in\s+odpornost|\bNOO\b", "Načrt za okrevanje in odpornost"),
        (r"\bevropsk\p{L}*\s+sklad\p{L}*\s+za\s+regionaln\p{L}*\s+razvoj|\bESRR\b|\bERDF\b",
         "Evropski sklad za regionalni razvoj"),
        (r"\bevropsk\p{L}*\s+socialn\p{L}*\s+sklad\p{L}*|\bESS\+?", "Evropski socialni sklad"),
        (r"\bevropsk\p{L}*\s+kmetijsk\p{L}*\s+sklad\p{L}*|\bEKSRP\b", "Evropski kmetijski sklad za razvoj podeželja"),
        (r"\bpodnebn\p{L}*\s+sklad\p{L}*|\bsklad\p{L}*\s+za\s+podnebne\s+spremembe", "Podnebni sklad"),
        (r"\bEko\s+sklad\p{L}*", "Eko sklad"),
        (r"\bInterreg\p{L}*", "Interreg"),
        (r"\bcelostn\p{L}*\s+teritorialn\p{L}*\s+naložb\p{L}*|\bCTN\b", "Celostne teritorialne naložbe"),
        (r"\bdržavn\p{L}*\s+proračun\p{L}*", "državni proračun"),
    )
)

# A ministry that pays: "Ministrstvo za vzgojo in izobraževanje", "Ministrstva za kulturo",
# "Ministrstvo za okolje, podnebje in energijo". Each field is a word, or an adjective and a
# noun ("naravne vire", "regionalni razvoj"); the name ends before a verb or "za obnovo".
_MINISTRY_FIELD = r"(?:\p{Ll}+(?:ne|ni|no)\s+)?(?!za\b|v\b|na\b|pri\b|bo\b|je\b)\p{Ll}+"
_MINISTRY = regex.compile(
    r"\bMinistrstv(?:o|a|u|om)\s+za\s+(?P<area>" + _MINISTRY_FIELD
    + r"(?:(?:,\s+" + _MINISTRY_FIELD + r"){0,2}\s+in\s+" + _MINISTRY_FIELD + r")?)"
)

# Ordered: the first rule that matches a project's name (then its aliases, then its
# sentence) decides. Specific infrastructure words come before the broad ones.
_SECTORS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (sector, regex.compile(p, regex.IGNORECASE))
    for sector, p in (
        ("district_heating", r"daljinsk\p{L}*\s+ogrevanj|vročevod|toplovod|toplarn|toplotn\p{L}*\s+postaj"),
        ("climate", r"podnebn|misij\p{L}*|ogljičn|brezogljičn"),
        ("digital", r"digital|platform|pametn\p{L}*\s+\p{Lu}|aplikacij|e-storit|širokopasovn|optičn"),
        ("waste", r"odpad|zbiraln|sortirn|reciklaž"),
        ("water", r"kanalizacij|vodovod|čistiln|vodohran|meteorn|odvajanj|kanal\b"),
        ("business_zone", r"poslovn\p{L}*\s+con|obrtn\p{L}*\s+con|industrijsk\p{L}*\s+con|gospodarsk\p{L}*\s+con"),
        ("industry", r"tehnološk|industrij|podjetnišk\p{L}*\s+inkubator"),
        ("urban_renewal", r"revitaliz|degradiran|(?:prenov|obnov|preuredit)\p{L}*\s+star\p{L}*|mestn\p{L}*\s+jedr"),
        ("energy", r"sončn\p{L}*\s+elektrarn|fotovolta|vetrn\p{L}*\s+elektrarn|plinsko-parn"),
        ("public_buildings", r"energetsk\p{L}*\s+(?:sanacij|prenov|obnov)|javn\p{L}*\s+stavb|občinsk\p{L}*\s+stavb"),
        ("energy", r"elektrarn|fotovolta|sončn|plinsko-parn|hranilnik|energ|toplotn\p{L}*\s+črpalk"),
        ("education", r"fakultet|šol|vrt(?:ec|ca|ci|cev)|izobraž|univerz"),
        ("mobility", r"kolesar|pešc|pešpot|cest|železni|avtobus|parkiri|pločnik|most\b|mostu|nadhod|krožišč|promet"),
        ("culture_sport", r"kultur|šport|dvoran|bazen|knjižnic|muzej|gledališ|stadion|telovadnic|igrišč|kopališ"),
        ("social", r"stanovanj|starejš|socialn|zdravstven|dom\p{L}*\s+za\s+"),
        # buildings the municipality runs for everyone: markets, fire stations, village halls
        ("public_buildings", r"tržnic|gasilsk\p{L}*\s+dom|dom\p{L}*\s+krajan|večnamensk\p{L}*\s+(?:stavb|objekt)"
         r"|upravn\p{L}*\s+stavb|občinsk\p{L}*\s+(?:zgradb|palač)|mestn\p{L}*\s+hiš"),
        ("urban_renewal", r"ulic|trg|park|ploščad|sprehajal|zelen\p{L}*\s+površin"),
    )
)


# ---------------------------------------------------------------- small helpers

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _stem(token: str) -> str:
    """Scorer-compatible stem: five letters, or a short word without its final vowels."""
    return token[:5] if len(token) > 5 else (token.rstrip("aeiou") or token)


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """Case-, accent- and inflection-insensitive key of one word (acronyms as written)."""
    if word.isupper() or any(c.isdigit() for c in word):
        return _fold(word)
    return _stem(_fold(_IRREGULAR_LEMMAS.get(word.lower()) or lemmatize(word)))


# Nouns of public works whose nominative ends like an adjective (-en, -in, -ov).
_NOUNS_LIKE_ADJECTIVES = frozenset("bazen kamen plamen mlin krov rov kamin magazin".split())
_SHORT_ADJECTIVES = frozenset("nov star mal mali velik lep dolg kratek širok ozek visok nizek prvi drug drugi mlad".split())


@lru_cache(maxsize=65536)
def _is_adjective(word: str) -> bool:
    low = word.lower()
    if "-" in low and low.split("-")[0].endswith("o"):  # plinsko-parna, industrijsko-tehnološki
        return True
    if low.endswith(("ega", "emu", "ih", "imi", "ima")):
        return True
    lemma = lemmatize(word).lower()
    if lemma == low and word[:1].isupper():
        return False  # an unknown capitalised word is a name, not an adjective
    if word.islower() and lemma in _SHORT_ADJECTIVES:
        return True  # "nove telovadnice", "stare šole": too short for the suffix test below
    if lemma in _NOUNS_LIKE_ADJECTIVES:
        return False  # "obnova mestnega bazena": a noun that only ends like an adjective
    return lemma.endswith(("ski", "ški", "čki", "en", "ov", "ev", "in", "ni", "ji")) and len(lemma) > 3


def _gender(noun_lemma: str) -> str:
    low = noun_lemma.lower()
    if low.endswith(("ost", "ev")) and not low.endswith("lev"):
        return "f"  # prihodnost, ureditev
    if low.endswith("a"):
        return "f"
    if low.endswith(("o", "e")):
        return "n"
    return "m"


_ADJ_ENDINGS = ("ega", "emu", "ima", "imi", "em", "im", "ih", "a", "e", "i", "o")
_ADJ_NOM = {("f", False): "a", ("m", False): "i", ("n", False): "o", ("f", True): "e", ("m", True): "i",
            ("n", True): "a"}


def _adjective_nominative(word: str, gender: str, plural: bool) -> str:
    head, _, last = word.rpartition("-")
    low = last.lower()
    for ending in _ADJ_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            last = last[: len(last) - len(ending)]
            break
    out = last + _ADJ_NOM[(gender, plural)]
    return f"{head}-{out}" if head else out


# Genitives the lemmatizer reads as another word ("doma" as the adverb "at home").
_IRREGULAR_LEMMAS = {"doma": "dom"}


def _noun_nominative(word: str, plural: bool) -> str:
    lemma = _IRREGULAR_LEMMAS.get(word.lower(), lemmatize(word)) if word.islower() else lemmatize(word)
    if not plural:
        return lemma
    gender = _gender(lemma)
    if gender == "f" and lemma.endswith("a"):
        return lemma[:-1] + "e"
    if gender == "n":
        return lemma[:-1] + "a"
    return lemma + "i"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# ---------------------------------------------------------------- noun phrases

@dataclass
class _Tok:
    word: str
    start: int
    end: int
    dash: bool = False  # a dash joins it to the previous word ("Pesje – vzhod")


# A number that is a decimal, a grouped thousand or a quantity with its unit, not part of a name.
_QUANTITY_AHEAD = regex.compile(
    r"\d+(?:[.,]\d+|(?:[.\u00a0 ]\d{3})+)|\d+\s*(?:milijon|milijard|mio\b|mrd\b|tisoč|evr|EUR\b|€|%|ha\b|m2\b|m²|km\b|kvadratn)"
)


def _scan_np(text: str, pos: int, limit: int, max_tokens: int = 10, digits: bool = False) -> list[_Tok]:
    """Words of the noun phrase starting at ``pos``: up to punctuation or a clause word."""
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text, pos, limit):
        if m.group("p") is not None:
            if m.group("p") in "–—-" and toks:
                continue
            break
        word = m.group("w")
        low = word.lower()
        if low in _STOP or low.isdigit() and len(low) == 4:
            break
        if (word.islower() and toks and lemmatize(word).endswith(("ti", "či")) and len(lemmatize(word)) > 2
                and (low.endswith(("l", "la", "li", "lo", "le", "ti", "či")) or lemmatize(word) != low)):
            break  # a verb ("in uvedli politike", "cevovoda financira občina"): the name has ended
            # (not the pronoun lemma "ti" the lemmatizer gives the noun "vas" in "cona Vojna vas")
        if toks and word.isdigit() and _QUANTITY_AHEAD.match(text, m.start("w")):
            break  # an amount or measure after the name ("prenovo kopališča 4,5 milijona evrov")
        if (word.islower() and len(toks) >= 2 and toks[0].word[:1].isupper() and toks[1].word[:1].isupper()
                and not toks[1].word.isupper() and not _is_adjective(toks[1].word)):
            break  # a title-case name ("Coal Regions Exchange") ends at the first lower-case word
        if toks and _ACTION_WORD.fullmatch(word) and toks[-1].word.lower() in ("in", "ter"):
            break
        if not toks and (low in _FUNCTION or (word.isdigit() and not digits)):
            break
        if toks and toks[-1].word.lower() in _PREPOSITIONS and (low in _LOC_STOPWORDS or word.isdigit()):
            toks.pop()
            break
        if low == "in" and toks and toks[-1].word.lower() in _PREPOSITIONS:
            break
        toks.append(_Tok(word, m.start("w"), m.end("w"), bool(m.group("dash"))))
        if low in ("ter",):
            break
        if len(toks) >= max_tokens:
            break
    # After a proper name, a preposition with a common noun is a location ("Obrtne cone Lesce
    # ob regionalni cesti"), not part of the name; with a name it may be ("med Planino in X").
    seen_proper = False
    for i, t in enumerate(toks):
        if i and t.word[:1].isupper():
            seen_proper = True
        elif (seen_proper and t.word.lower() in _PREPOSITIONS and i + 1 < len(toks)
              and not toks[i + 1].word[:1].isupper()):
            toks = toks[:i]
            break
    # A predicate adjective after the head ("izgradnja obvoznice ključna za razvoj") ends it.
    head = _head_index(toks) if toks else None
    if head is not None:
        for i in range(head + 1, len(toks)):
            t = toks[i]
            nxt = toks[i + 1].word.lower() if i + 1 < len(toks) else None
            if (t.word.islower() and not t.word.endswith(("ega", "ih", "emu", "em", "im"))
                    and _is_adjective(t.word) and (nxt is None or nxt in _FUNCTION)):
                toks = toks[:i]
                break
    while toks and toks[-1].word.lower() in _FUNCTION:
        toks.pop()
    # "in" followed by a municipality or a person starts a new constituent.
    for i, t in enumerate(toks):
        if t.word.lower() == "in" and i + 1 < len(toks) and _ORG_START.match(text, toks[i + 1].start):
            toks = toks[:i]
            break
    return toks


def _head_index(toks: list[_Tok]) -> int | None:
    """Index of the head noun: the first word that is not an adjective."""
    for i, t in enumerate(toks):
        low = t.word.lower()
        if low in _FUNCTION:
            return None
        if not _is_adjective(t.word):
            return i
    return None


def _nominative(text: str, toks: list[_Tok]) -> str | None:
    """The phrase with its leading adjectives and head noun in the nominative."""
    head = _head_index(toks)
    if head is None:
        return None
    noun = toks[head].word
    adjectives = toks[:head]
    plural = any(a.word.lower().endswith(("ih", "imi")) for a in adjectives)
    lemma = lemmatize(noun)
    if not adjectives and lemma.lower().endswith("a") and noun.lower() == lemma.lower()[:-1]:
        plural = True  # zero-ending genitive plural: "elektrarn", "zbiralnic"
    gender = _gender(lemma)
    words = [_adjective_nominative(a.word, gender, plural) for a in adjectives]
    words.append(_noun_nominative(noun, plural))
    rest = text[toks[head].end: toks[-1].end] if head + 1 < len(toks) else ""
    return _capitalise(" ".join(words) + rest)


def _proper_tail(text: str, toks: list[_Tok]) -> int | None:
    """Start of a capitalised name in apposition after a lower-case facility noun."""
    if not toks or toks[0].word[:1].isupper():
        return None
    head = _head_index(toks)
    if head is None or head + 1 >= len(toks):
        return None
    if not _fold(toks[head].word).startswith(_APPOSITION_HEADS):
        return None
    nxt = toks[head + 1]
    if nxt.word[:1].isupper() and not _ORG_START.match(text, nxt.start):
        return head + 1
    return None


# ---------------------------------------------------------------- mentions

@dataclass
class _Mention:
    sentence: int
    start: int  # offsets into doc.text of the surface form
    end: int
    surface: str
    name: str
    rank: int  # how good the name is as a canonical name (higher is better)
    programme: bool = False  # an EU-level programme shared by several municipalities
    absorb_previous: bool = False  # "X, ki jo bodo preuredili v Y": X is Y
    continues: bool = False  # "nadaljevali z obnovo ...": part of the current project
    part_of: bool = False  # "Dela so del projekta Y": the previous works belong to Y
    works: bool = False  # found only by a works noun ("prenova X"), which needs more evidence
    substantial: bool = True  # what is worked on is a building, network, road or space
    alias_only: bool = False  # "rekreacijski park Portoval" without a cue: joins a project, never starts one
    topic: bool = False  # "o prenovi središča se govori": what people talk about, not what is done
    framework: bool = False  # "v okviru programa X": the frame an activity belongs to, not works


def _mention_from_np(text: str, toks: list[_Tok], rank: int) -> tuple[str, int] | None:
    """(name, rank) for a noun phrase, preferring a proper name in apposition."""
    tail = _proper_tail(text, toks)
    if tail is not None:
        return _capitalise(text[toks[tail].start: toks[-1].end]), rank + 2
    name = _nominative(text, toks)
    return (name, rank) if name else None


def _has_noun(toks: list[_Tok]) -> bool:
    return _head_index(toks) is not None


# What a municipal development project works on: buildings and facilities, networks, roads
# and paths, public spaces and zones (folded lemma prefixes). Furniture, equipment, accounts
# or documents are not ("prenova izposojevalnega pulta", "prenova spletne strani").
_SUBSTANTIAL = (
    # buildings and facilities
    "stavb", "zgradb", "objekt", "hisa", "hise", "dom", "sol", "vrtec", "vrtc", "knjiznic", "dvoran",
    "telovadnic", "muzej", "gledalisc", "grad", "dvorec", "dvorc", "kapel", "cerkev", "trznic", "center",
    "centr", "ambulant", "bolnisnic", "postaj", "garaz", "hala", "hale", "paviljon", "kompleks",
    "stanovanj", "blok", "mlin", "elektrarn", "toplarn", "kotlovn", "vodohran", "crpalisc", "cistiln",
    "naprav", "zbiraln", "sortirn", "skladisc", "bazen", "kopalisc", "stadion", "igrisc", "letalisc",
    "pristan", "marin", "kamp", "vojasnic", "kino", "galerij", "trdnjav", "inkubator", "laboratorij",
    "fakultet", "univerz", "tovarn", "predilnic", "tkalnic", "opekarn", "rudnik", "livarn", "separacij", "poslopj", "kasarn", "zdravstven", "gasilsk", "kuhinj",
    "prizid", "nadzid",  # an annex or a storey added to a building
    "ogrevanj",  # a heating network ("razširitev daljinskega ogrevanja")
    # networks
    "omrezj", "vodovod", "kanalizacij", "kanal", "cevovod", "vrocevod", "toplovod", "plinovod", "kolektor",
    "razsvetljav", "infrastruktur", "sistem", "vod", "hidrant",
    # roads and paths
    "cest", "ulic", "pot", "povezav", "plocnik", "most", "brv", "nadvoz", "podvoz", "krozisc", "krizisc",
    "obvoznic", "avtocest", "zeleznic", "tir", "parkirisc", "parkirn", "hodnik", "pespot", "promenad",
    "nabrezj", "obal", "vpadnic", "odsek", "tras", "tunel", "predor", "postajalisc", "stez", "kolesarn",
    "prehod", "podhod", "nadhod", "pristanisc", "viadukt",
    # public spaces and zones
    "park", "trg", "ploscad", "jedr", "sredisc", "cona", "con", "zon", "obmocj", "povrsin", "zemljisc",
    "sprehajalisc", "drevored", "vrt", "plaz", "pokopalisc", "nasip", "strug", "brezin", "naselj",
    "kare", "sosesk", "otok", "jezer", "ribnik", "gozd", "log", "vas",
)


@lru_cache(maxsize=16384)
def _substantial_word(word: str) -> bool:
    if word[:1].isupper():
        return True  # a named object ("prenova Separacije", "ureditev Portovala")
    lemma = _fold(lemmatize(word))
    return lemma.startswith(_SUBSTANTIAL) or _fold(word).startswith(_SUBSTANTIAL)


def _substantial(toks: list[_Tok]) -> bool:
    """True when the head of a works object is a building, network, road, space or a name."""
    head = _head_index(toks)
    return head is not None and _substantial_word(toks[head].word)


_QUANTIFIER = regex.compile(r"(?i)^(?:več|manj|okoli|približno|skoraj|dobr\p{L}*|\d)")


def _find_mentions(text: str, sentences: list[tuple[int, int]], works: bool = True) -> list[_Mention]:
    """Project mentions per sentence; ``works=False`` ignores works cues. Works mentions are
    flagged (``works``, ``substantial``) so :func:`_is_project` can ask for more evidence."""
    found: list[_Mention] = []
    for si, (s, e) in enumerate(sentences):
        spans: list[_Mention] = []
        for m in _PROJECT_CUE.finditer(text, s, e):
            toks = _scan_np(text, m.end(), e)
            if not toks:
                continue
            first = toks[0].word
            if first[:1].isupper() or first[:1].isdigit():
                if _ORG_START.match(text, toks[0].start):
                    continue
                name = _capitalise(text[toks[0].start: toks[-1].end])
                mention = _Mention(si, m.start(), toks[-1].end, text[m.start(): toks[-1].end], name, 6)
                # "v okviru programa Starejšim prijazno mesto vabijo na delavnico": a framework
                mention.framework = bool(_FRAMEWORK_BEFORE.search(text, max(s, m.start() - 12), m.start())
                                         and m.group(0).lower().startswith("program"))
                spans.append(mention)
            else:
                act = _action_mention(text, toks, si, m.start())
                if act is not None:
                    act.rank += 1
                    spans.append(act)
        for m in (_ACTION_CUE.finditer(text, s, e) if works else ()):
            if _CAUSE_BEFORE.search(text, max(s, m.start() - 30), m.start()):
                continue  # "zaradi obnove vodovoda": the cause of an outage, not a project
            if _INSTITUTION_BEFORE.search(text, max(s, m.start() - 40), m.start()):
                continue  # "Direkcija za gradnjo mesta": part of an institution's name
            if _COMPANY_BEFORE.search(text, max(s, m.start() - 25), m.start()):
                continue  # "družbe Gradnje Pohorje": a company named after its trade
            toks = _scan_np(text, m.end(), e)
            if not toks or _QUANTIFIER.match(toks[0].word) or not _has_noun(toks):
                continue
            if m.group("act")[:1].isupper() and (any(t.word.lower() in ("d.o.o", "d.d", "s.p") for t in toks)
                                                 or _COMPANY_SUFFIX.match(text, toks[-1].end, e)):
                continue  # "Obnove Kras d.o.o.": a capitalised works noun heading a company name
            mention = _action_from_cue(text, m, toks, si)
            if mention is None:
                continue
            mention.works = True
            # a proper name made the name ("v Center kreativnosti", "parka Portoval"): a named place
            mention.substantial = mention.rank >= 5 or _substantial(toks)
            if _CONTINUE.search(text, max(s, m.start() - 25), m.start()) or _comprised(text, s, m.start()):
                mention.continues = True
            mention.topic = bool(_TOPIC_BEFORE.search(text, max(s, m.start() - 3), m.start()))
            spans.append(mention)
        for m in (_INVESTMENT_FOR.finditer(text, s, e) if works else ()):
            toks = _scan_np(text, m.end(), e)
            if not toks or _ACTION_WORD.match(toks[0].word) or not _substantial(toks):
                continue  # "za gradnjo vrtca" is read by the works cue
            got = _mention_from_np(text, toks, 3)
            if got:
                spans.append(_Mention(si, toks[0].start, toks[-1].end, text[toks[0].start: toks[-1].end], *got))
        for m in _MISSION_CUE.finditer(text, s, e):
            toks = _scan_np(text, m.end(), e, digits=True)
            for i, t in enumerate(toks):
                if t.word.lower() in _PREPOSITIONS or (i and t.word.islower() and toks[i - 1].word.isupper()):
                    toks = toks[:i]
                    break
            if not toks:
                continue
            rest = text[toks[0].start: toks[-1].end]
            spans.append(_Mention(si, m.start(), toks[-1].end, text[m.start(): toks[-1].end],
                                  "Misija " + rest, 5, programme=True))
        for m in _CONTRACT_CUE.finditer(text, s, e):
            end = m.end()
            name = "Podnebna pogodba"
            owner = _CONTRACT_OWNER.match(text, m.end(), e)
            if owner:
                end = owner.end()
                name += " " + owner.group(1)  # whose contract it is stays genitive
            spans.append(_Mention(si, m.start(), end, text[m.start(): end], name, 4))
        for m in (_CREATE_CUE.finditer(text, s, e) if works else ()):
            toks = _scan_np(text, m.end(), e)
            if not toks or not any(t.word[:1].isupper() for t in toks):
                continue
            if _CONVERSION_VERB.search(text, m.start(), m.end()):
                cap = next(i for i, t in enumerate(toks) if t.word[:1].isupper())
                name = _capitalise(text[toks[cap].start: toks[-1].end])
                spans.append(_Mention(si, m.end(), toks[-1].end, text[m.end(): toks[-1].end], name, 7,
                                      absorb_previous=True))
                continue
            got = _mention_from_np(text, toks, 3)
            if got and (toks[0].word[:1].isupper() or _proper_tail(text, toks) is not None):
                spans.append(_Mention(si, toks[0].start, toks[-1].end, text[toks[0].start: toks[-1].end], *got))
        for m in _FACILITY_CUE.finditer(text, s, e):
            toks = _scan_np(text, m.start(), e)
            tail = _proper_tail(text, toks)
            if tail is not None:
                name = _capitalise(text[toks[tail].start: toks[-1].end])
                spans.append(_Mention(si, m.start(), toks[-1].end, text[m.start(): toks[-1].end], name, 0,
                                      alias_only=True))
        for m in _LIST_CUE.finditer(text, s, e):
            toks = _scan_np(text, m.end(), e)
            if toks and _has_noun(toks) and not _ACTION_WORD.match(toks[0].word):
                got = _mention_from_np(text, toks, 2)
                if got:
                    spans.append(_Mention(si, toks[0].start, toks[-1].end, text[toks[0].start: toks[-1].end], *got))
        for m in _PART_OF.finditer(text, s, e):
            for sp in spans:
                if sp.start >= m.start() and sp.start <= m.end() + 10:
                    sp.part_of = True
        found.extend(m for m in _dedupe_overlaps(spans) if name_keys(m.name).core)
    return found


def _action_from_cue(text: str, m: regex.Match[str], toks: list[_Tok], si: int) -> _Mention | None:
    act_word = m.group("act")
    base = next((v for k, v in _ACTIONS.items() if act_word.lower().startswith(k)), None)
    if base is None:
        return None
    nominative, builds_new = base
    start = m.start()
    surface = text[start: toks[-1].end]
    # "revitalizacija Stare elektrarne v Center prihodnosti": the target names the project.
    for i, t in enumerate(toks):
        if (t.word.lower() == "v" and i + 1 < len(toks) and toks[i + 1].word[:1].isupper()
                and nominative in ("revitalizacija", "preureditev", "preobrazba")):
            return _Mention(si, start, toks[-1].end, surface, _capitalise(text[toks[i + 1].start: toks[-1].end]), 7)
    tail = _proper_tail(text, toks)
    if tail is not None:
        return _Mention(si, start, toks[-1].end, surface, _capitalise(text[toks[tail].start: toks[-1].end]), 5)
    obj = _nominative(text, toks)
    if obj is None:
        return None
    if builds_new:
        return _Mention(si, start, toks[-1].end, surface, obj, 3 if toks[0].word[:1].isupper() else 1)
    mod = m.group("mod")
    prefix = (_adjective_nominative(mod.strip(), "f", False) + " ") if mod else ""
    if nominative in ("ureditev", "postavitev", "posodobitev", "razširitev", "preureditev", "dograditev"):
        prefix = (mod.strip()[:-1] + "a " if mod and mod.strip().lower().endswith(("o", "e", "i")) else prefix)
    name = _capitalise(prefix + nominative + text[toks[0].start - 1: toks[-1].end])
    return _Mention(si, start, toks[-1].end, surface, name, 2 if toks[0].word[:1].isupper() else 1)


def _action_mention(text: str, toks: list[_Tok], si: int, start: int) -> _Mention | None:
    """'projekt zelene preobrazbe daljinskega ogrevanja': a nominalisation after 'projekt'."""
    words = [t.word for t in toks]
    for i, w in enumerate(words[:3]):
        if _ACTION_WORD.fullmatch(w):
            if any(not _fold(x).startswith(_MODIFIERS) for x in words[:i]):
                return None
            rest = toks[i + 1:]
            if not rest or not _has_noun(rest):
                return None
            base = next((v for k, v in _ACTIONS.items() if w.lower().startswith(k)), None)
            if base is None:
                return None
            prefix = " ".join(_adjective_nominative(x, "f", False) for x in words[:i])
            name = _capitalise((prefix + " " if prefix else "") + base[0] + text[rest[0].start - 1: rest[-1].end])
            return _Mention(si, start, rest[-1].end, text[start: rest[-1].end], name, 2)
    return None


def _dedupe_overlaps(spans: list[_Mention]) -> list[_Mention]:
    """Of overlapping mentions keep the best-ranked one (then the longest)."""
    spans.sort(key=lambda m: (-m.rank, -(m.end - m.start), m.start))
    kept: list[_Mention] = []
    for m in spans:
        if any(m.start < k.end and k.start < m.end for k in kept):
            for k in kept:  # keep the flags the weaker reading found
                if m.start < k.end and k.start < m.end:
                    k.part_of |= m.part_of
                    k.continues |= m.continues
            continue
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


# ---------------------------------------------------------------- name keys and compatibility

@dataclass(frozen=True)
class _Keys:
    core: frozenset[str]
    location: frozenset[str]
    proper: frozenset[str]  # keys of capitalised words (names of places and brands)

    @property
    def all(self) -> frozenset[str]:
        return self.core | self.location


_KEY_WORD = regex.compile(_WORD)


@lru_cache(maxsize=16384)
def name_keys(name: str) -> _Keys:
    """Lemma keys of a project name, split into what it is (core) and where it is (location)."""
    segments: list[list[tuple[str, int]]] = [[]]
    for m in _KEY_WORD.finditer(name):
        if m.group(0).lower() in _LOCATION_PREPS:
            segments.append([])
        else:
            segments[-1].append((m.group(0), m.start()))
    core: list[str] = []
    loc: list[str] = []
    proper: set[str] = set()
    for index, segment in enumerate(segments):
        words = [(w, at) for w, at in segment if w.lower() not in _FUNCTION and w.lower() not in _STOP
                 and not _ACTION_WORD.fullmatch(w) and not _fold(w).startswith(_MODIFIERS)]
        if index:
            head = next((w for w, _ in words if not _is_adjective(w)), None)
            if head is not None and _fold(lemmatize(head)) in _CONTAINER_HEADS:
                continue  # "park v Poslovni coni X": the zone contains the park, it is not the park
        for word, at in words:
            parts = word.split("-") if "-" in word and not word.isupper() else [word]
            for part in parts:  # "industrijsko-tehnološki": both halves tell projects apart
                key = _key(part)
                if not key or key in _GENERIC or _fold(lemmatize(part)) in _GENERIC:
                    continue
                (loc if index else core).append(key)
                if word[:1].isupper() and at > 0:
                    proper.add(key)
    return _Keys(frozenset(core), frozenset(loc), frozenset(proper))


_ACRONYM = regex.compile(r"\b\p{Lu}{2,5}\b")


def _spell_out(name: str, other: str) -> str:
    """``name`` with each acronym that spells the initials of consecutive words of ``other``
    replaced by those words ("OŠ Ivana Groharja" against "Osnovne šole Ivana Groharja")."""
    if not _ACRONYM.search(name):
        return name
    words = [m for m in _KEY_WORD.finditer(other)]
    initials = "".join(_fold(m.group(0)[0]) for m in words)

    def replace(m: regex.Match[str]) -> str:
        letters = _fold(m.group(0))
        at = initials.find(letters)
        if at < 0 or any(w.group(0).isupper() for w in words[at: at + len(letters)]):
            return m.group(0)
        return other[words[at].start(): words[at + len(letters) - 1].end()]

    return _ACRONYM.sub(replace, name)


@lru_cache(maxsize=16384)
def _expand_acronyms(a: str, b: str) -> tuple[str, str]:
    """Both names with acronyms spelled out from the other name, so they compare as words."""
    return _spell_out(a, b), _spell_out(b, a)


def compatible(a: str, b: str) -> bool:
    """True when two project names can name the same project.

    They must share a core token (what is built, not only where) and one must add nothing
    distinctive to the other: ``Poslovna cona Pesje`` and ``nova poslovna cona v Pesju``
    agree, ``Poslovna cona Pesje`` and ``Poslovna cona Stara vas`` do not. An acronym
    matches the words whose initials it spells (``OŠ`` and ``Osnovna šola``).
    """
    a, b = _expand_acronyms(a, b)
    ka, kb = name_keys(a), name_keys(b)
    if not ka.core or not kb.core or not (ka.core & kb.core):
        return False
    extra_a, extra_b = ka.all - kb.all, kb.all - ka.all
    return not (extra_a and extra_b)


def _similarity(a: str, b: str) -> float:
    a, b = _expand_acronyms(a, b)
    ka, kb = name_keys(a).all, name_keys(b).all
    if not ka or not kb:
        return 0.0
    return len(ka & kb) / min(len(ka), len(kb))


def _hard_conflict(a: str, b: str) -> bool:
    """Both names carry proper-name tokens the other lacks: two different named projects."""
    a, b = _expand_acronyms(a, b)
    ka, kb = name_keys(a), name_keys(b)
    return bool((ka.proper - kb.all) and (kb.proper - ka.all))


# ---------------------------------------------------------------- per-document grouping

@dataclass
class _Group:
    mentions: list[_Mention] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)  # sentences that name it or refer back to it
    explicit: set[int] = field(default_factory=set)   # sentences that name it
    budget: float | None = None
    eu: float | None = None
    area: float | None = None
    target: int | None = None
    start_year: int | None = None
    funding: list[str] = field(default_factory=list)
    programme: bool = False

    @property
    def name(self) -> str:
        best = max(self.mentions, key=lambda m: (m.rank, any(c.isupper() for c in m.name[1:]), -m.start))
        return best.name

    @property
    def heads(self) -> set[str]:
        """Keys of the head nouns of every form the document uses for it."""
        out = set()
        # the surface too: "ureditev rekreacijskega parka Portoval" is named Portoval, but a
        # later "park" still refers to it
        for form in {m.name for m in self.mentions} | {m.surface for m in self.mentions}:
            keys = name_keys(form)
            for m in _KEY_WORD.finditer(form):
                word = m.group(0)
                if _is_adjective(word) or _ACTION_WORD.fullmatch(word) or word.lower() in _FUNCTION:
                    continue
                key = _key(word)
                if key in keys.core:
                    out.add(key)
                    break
        return out


def _add(group: _Group, m: _Mention) -> None:
    group.mentions.append(m)
    group.explicit.add(m.sentence)
    group.sentences.add(m.sentence)
    group.programme |= m.programme


def _joins(m: _Mention, group: _Group) -> bool:
    return (any(compatible(m.name, x.name) for x in group.mentions)
            and not any(_hard_conflict(m.name, x.name) for x in group.mentions))


def _is_description(group: _Group) -> bool:
    """Only works nouns and no proper name of its own: "gradnja novega parka ob Krki"."""
    return all(m.works and not (name_keys(m.name).proper & name_keys(m.name).core) for m in group.mentions)


def _absorb_descriptions(groups: list[_Group]) -> list[_Group]:
    """A description next to a named project whose head noun it repeats is that project:
    "za ureditev parka Portoval ..., gradnja novega parka ob Krki se bo začela aprila"."""
    out: list[_Group] = []
    for g in groups:
        host = None
        if _is_description(g):
            core = set().union(*(name_keys(m.name).core for m in g.mentions))
            near = {m.sentence + d for m in g.mentions for d in (-1, 0, 1)}
            host = next((h for h in out if not _is_description(h) and core <= h.heads
                         and any(x.sentence in near for x in h.mentions)), None)
        if host is None:
            out.append(g)
            continue
        for m in g.mentions:
            _add(host, m)
    return out


def _group_mentions(mentions: list[_Mention]) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    for m in mentions:
        if m.alias_only:
            continue
        target = None
        if (m.continues or m.absorb_previous) and current is not None:
            if m.absorb_previous:
                prev = current.mentions[-1]
                if prev.sentence == m.sentence and not any(compatible(m.name, x.name) for g in groups for x in g.mentions):
                    target = current
            else:
                target = current
        if target is None:
            scored = [(max(_similarity(m.name, x.name) for x in g.mentions), i) for i, g in enumerate(groups)
                      if any(compatible(m.name, x.name) for x in g.mentions)
                      and not any(_hard_conflict(m.name, x.name) for x in g.mentions)]
            if scored:
                target = groups[max(scored)[1]]
        if m.part_of and current is not None and target is not current and target is None:
            # "Dela so del projekta Y": the works just described are Y.
            target = current
        if target is None:
            target = _Group()
            groups.append(target)
        _add(target, m)
        current = target
    # a named facility only adds a form to a project the document already names
    for m in mentions:
        if m.alias_only:
            target = next((g for g in groups if _joins(m, g)), None)
            if target is not None:
                _add(target, m)
    for g in groups:
        g.mentions.sort(key=lambda x: x.start)
    return _absorb_descriptions(groups)


# ---------------------------------------------------------------- numbers and cues per sentence

_EU_BEFORE = regex.compile(r"(?i)(?:od\s+tega|pridobil\p{L}*|sofinanc\p{L}*|nepovratn\p{L}*|subvencij\p{L}*|prispeva\p{L}*|iz\s+sklad)")
_EU_AFTER = regex.compile(r"(?i)^\s*(?:\p{L}+\s+){0,2}?(?:nepovratn|evropsk\p{L}*\s+sredst|sofinanc|subvencij)")
_BUDGET_CUE = regex.compile(
    r"(?i)(?:vrednost|vreden|vredn[aeio]|ocenjen|stal[ao]?\b|stane|znaša|znašala|investicij|naložb|proračun\p{L}*\s+projekt"
    r"|vloži\p{L}*|vložil\p{L}*|namenil\p{L}*|namenila|namenili"
    r"|pogodben|stroš)"
)
# "Za X N evrov" with no verb: money for X.
_FOR_HEADLINE = regex.compile(r"(?i)\s*za\s+[^\d]*$")
_CLAUSE_START = regex.compile(r"[,;:]\s*(?=[^,;:]*$)")


def _classify_amount(text: str, s: int, a: int, b: int) -> str | None:
    """'budget', 'eu' or None (money not about the project's cost) for one amount."""
    before = text[s:a]
    cut = _CLAUSE_START.search(before)
    clause = before[cut.end():] if cut else before
    if _EU_BEFORE.search(clause) or _EU_AFTER.match(text, b, min(len(text), b + 40)):
        return "eu"
    if _BUDGET_CUE.search(clause) or _BUDGET_CUE.search(text, b, min(len(text), b + 25)):
        return "budget"
    if _FOR_HEADLINE.match(clause):
        return "budget"  # a headline "Za prenovo kopališča 4,5 milijona evrov": what it costs
    return None


def _proper_signatures(group: _Group) -> list[frozenset[str]]:
    """Core keys of each of the group's names that include a proper name ("Šeškov dom")."""
    out = []
    for m in group.mentions:
        keys = name_keys(m.name)
        if keys.proper & keys.core and len(keys.core) >= 2 and keys.core not in out:
            out.append(keys.core)
    return out


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, str]:
    # the surface stem too: the lemmatizer reads "Šeškov" (nominative) apart from "Šeškovega"
    return _key(word), _stem(_fold(word))


def _named_again(text: str, s: int, e: int, signatures: list[tuple[_Group, frozenset[str]]]) -> _Group | None:
    """The group whose proper-name signature the sentence repeats in full, if exactly one does."""
    words: set[str] = set()
    for m in _KEY_WORD.finditer(text, s, e):
        words.update(_word_keys(m.group(0)))
    hits = {id(g): g for g, sig in signatures if sig <= words}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _assign_numbers(text: str, sentences: list[tuple[int, int]], groups: list[_Group], ref_year: int | None) -> None:
    """Give each group the numbers of the sentences that talk about it."""
    by_sentence: dict[int, list[tuple[int, _Group]]] = {}
    for g in groups:
        for m in g.mentions:
            by_sentence.setdefault(m.sentence, []).append((m.start, g))
    current: _Group | None = None
    last_ref = -99
    last_explicit = -99
    signatures = [(g, sig) for g in groups for sig in _proper_signatures(g)]
    for si, (s, e) in enumerate(sentences):
        named = sorted(by_sentence.get(si, []), key=lambda x: x[0])
        owners: list[tuple[int, _Group]]
        years_ok = True
        # only outside the anaphor window: a repeated name far below the mention (cheaper, too)
        far = current is None or si - last_ref > 3
        again = _named_again(text, s, e, signatures) if far and not named and signatures else None
        if named:
            owners = named
            current, last_ref, last_explicit = named[-1][1], si, si
        elif again is not None:
            # "Obrazložitev k 4. točki: Šeškov dom je ...": the project's own name words again,
            # without a cue, however far from the first mention
            owners = [(s, again)]
            current, last_ref = again, si
            again.sentences.add(si)
        elif current is not None and si - last_ref <= 3 and _refers_to(text, s, e, current):
            owners = [(s, current)]
            last_ref = si
            current.sentences.add(si)
        elif current is not None and (si - last_explicit == 1 or si - last_ref == 1):
            # the sentence right after a naming or referring one ("Vrednost naložbe je ... Od tega
            # bo 2,8 milijona evrov prispeval sklad ..."): money, area and funds only
            owners = [(s, current)]
            years_ok = False
        else:
            continue
        _take_numbers(text, s, e, owners, ref_year, years_ok)


# Words that make a works noun a municipal project rather than a passing remark.
_PROJECT_WORD = regex.compile(r"(?i)\b(?:projekt\p{L}*|naložb\p{L}*|investicij\p{L}*)")
_DEVELOPMENT_WORD = regex.compile(
    r"(?i)\b(?:pogodb\p{L}*|izvajal(?:ec|ca|cem|ci|cev)\b|projektant\p{L}*|gradbeno\s+dovoljenje|razpis\p{L}*"
    r"|sofinanc\p{L}*|dokument\p{L}*\s+identifikacij|načrt\p{L}*|občinsk\p{L}*\s+svet\p{L}*"
    # the works are started, planned or presented, or the municipality or its mayor acts
    r"|začel\p{L}*|začet\p{L}*|začn\p{L}*|pričel\p{L}*|pričet\p{L}*|pričn\p{L}*|predstavi\p{L}*"
    r"|pripravlja\p{L}*|namerava\p{L}*|potrdil\p{L}*|sprejel\p{L}*|občin[aeio]\b|občini\b|župan\p{L}*)"
)


_DECISION = regex.compile(r"(?i)\b(?:sklep\p{L}*|sprejel\p{L}*|potrdil\p{L}*|odločil\p{L}*|odloča\p{L}*|glasoval\p{L}*"
                          r"|svetnik\p{L}*|občinsk\p{L}*\s+svet\p{L}*)")


def _is_project(text: str, sentences: list[tuple[int, int]], group: _Group, notice: bool) -> bool:
    """Whether a group is a development project, not works mentioned in passing.

    A group named only by works nouns ("prenova X", "ureditev X") needs a substantial object
    and evidence: money, a funding source or the words projekt/naložba/investicija in the
    sentences about it, or "so del obnove ..."; in an article also an area, a contract,
    tender or plan, or a discussion over more than one sentence, unless the works are only
    a topic of talk ("o prenovi središča se govori"). In an outage notice the
    works are usually only the cause, so only stated money or a funding source counts.
    """
    if all(m.framework for m in group.mentions):
        # a programme only named as the frame of an activity is a project only with money or
        # the words projekt/naložba/investicija
        if group.budget is not None or group.eu is not None or group.funding or group.area is not None:
            return True
        joined = " ".join(text[sentences[i][0]: sentences[i][1]] for i in sorted(group.sentences))
        return bool(_PROJECT_WORD.search(joined))
    if not all(m.works for m in group.mentions):
        return True
    if not any(m.substantial for m in group.mentions):
        return False
    if group.budget is not None or group.eu is not None or group.funding:
        return True
    if notice:
        return False  # "Naložbo v obnovo cevovoda financira občina": still only the cause
    joined = " ".join(text[sentences[i][0]: sentences[i][1]] for i in sorted(group.sentences))
    if any(m.part_of for m in group.mentions) or _PROJECT_WORD.search(joined):
        return True
    if group.area is not None:
        return True
    if all(m.topic for m in group.mentions):
        # only talked about ("o prenovi središča se govori že leta") unless a council decides on it
        return bool(_DECISION.search(joined))
    return len(group.sentences) >= 2 or bool(_DEVELOPMENT_WORD.search(joined))


def _refers_to(text: str, s: int, e: int, group: _Group) -> bool:
    if _ANAPHOR.search(text, s, e):
        return True
    heads = group.heads
    return bool(heads) and any(_key(m.group(0)) in heads for m in _KEY_WORD.finditer(text, s, e))


def _owner_at(owners: list[tuple[int, _Group]], pos: int) -> _Group:
    before = [g for start, g in owners if start <= pos]
    return before[-1] if before else owners[0][1]


# What a sentence must hold for a parser or a pattern to find anything in it: amounts, areas
# and years are digits; "do konca leta" and "prihodnje leto" are words. A sentence without
# them skips the parser (exact: it could only return nothing).
_DIGIT = regex.compile(r"\d")
_RELATIVE_TARGET_WORDS = ("leta",)
_RELATIVE_START_WORDS = ("prihodnje", "naslednje", "letos")
_FUND_GATES = tuple(WordGate(pattern) for pattern, _fund in _FUNDS)


def _may_hold(sentence: str, digits: bool, words: tuple[str, ...]) -> bool:
    """Whether a year parser can find anything: digits, or one of its words in a plain text."""
    if digits:
        return True
    low = plain_lower(sentence)
    return low is None or any(word in low for word in words)


def _take_numbers(text: str, s: int, e: int, owners: list[tuple[int, _Group]], ref_year: int | None,
                  years_ok: bool) -> None:
    sentence = text[s:e]
    digits = _DIGIT.search(sentence) is not None
    for a, b, value in parse_amount_eur(sentence) if digits else ():
        g = _owner_at(owners, s + a)
        kind = _classify_amount(text, s, s + a, s + b)
        if kind == "budget" and g.budget is None:
            g.budget = value
        elif kind == "eu" and g.eu is None:
            g.eu = value
    for a, _, value in parse_area_m2(sentence) if digits else ():
        g = _owner_at(owners, s + a)
        if g.area is None:
            g.area = value
    if years_ok:
        targets = parse_target_year(sentence, ref_year) if _may_hold(sentence, digits, _RELATIVE_TARGET_WORDS) else ()
        for a, _, year in targets:
            g = _owner_at(owners, s + a)
            if g.target is None and not g.programme:  # a mission's years are its cities' goals
                g.target = year
        starts = parse_start_year(sentence, ref_year) if _may_hold(sentence, digits, _RELATIVE_START_WORDS) else ()
        for a, _, year in starts:
            g = _owner_at(owners, s + a)
            if g.start_year is None:
                g.start_year = year
    for (pattern, fund), gate in zip(_FUNDS, _FUND_GATES):
        if not gate.may_match(sentence):
            continue
        for m in pattern.finditer(sentence):
            g = _owner_at(owners, s + m.start())
            if fund not in g.funding:
                g.funding.append(fund)
    for m in _MINISTRY.finditer(sentence) if "Ministrstv" in sentence else ():
        g = _owner_at(owners, s + m.start())
        fund = "Ministrstvo za " + m.group("area")  # "za" takes the accusative in every case form
        if fund not in g.funding:
            g.funding.append(fund)


def _is_procedure(text: str, done: regex.Match[str]) -> bool:
    """Whether a completion verb completes a preparatory step, not the works."""
    step = _PROCEDURE_DONE.search(text, done.start(), min(len(text), done.end() + 60))
    return step is not None and step.start() < done.end()


def _status(text: str, sentences: list[tuple[int, int]], group: _Group) -> str:
    parts = [text[sentences[i][0]: sentences[i][1]] for i in sorted(group.sentences)]
    joined = " ".join(parts)
    if _CANCELLED.search(joined):
        return "cancelled"
    if any(not _is_procedure(joined, m) for m in _COMPLETED.finditer(joined)):
        # "so končali gradnjo vodohrana ... v celoti pa bo končan 2026": a finished part of
        # a project that is still being completed
        return "in_progress" if _FUTURE_END.search(joined) else "completed"
    if _IN_PROGRESS.search(joined):
        return "in_progress"
    if _PLANNED.search(joined):
        return "planned"
    return "unknown"


def _status_from_works_elsewhere(text: str, sentences: list[tuple[int, int]], group: _Group) -> str:
    """The status a document's other sentences give the same works, for its only project:
    "prenova in dozidava stavbe sta končani ... Občina je v prenovo knjižnice vložila ..."."""
    stems = {w.lower()[:5] for m in group.mentions for w in _ACTION_WORD.findall(m.surface)}
    if not stems:
        return "unknown"
    about = {i for i, (s, e) in enumerate(sentences)
             if any(w.lower()[:5] in stems for w in _ACTION_WORD.findall(text, s, e))}
    return _status(text, sentences, SimpleNamespace(sentences=about)) if about else "unknown"


def sector_of(name: str, aliases: list[str], context: str = "") -> str:
    """The sector enum of a project, from its name, then its aliases, then its sentence."""
    for text in [name, *aliases, context]:
        for sector, pattern in _SECTORS:
            if text and pattern.search(text):
                return sector
    return "other"


# ---------------------------------------------------------------- municipality

_MUNI_PHRASE = regex.compile(
    r"\b(?:[Mm]estn\p{L}*\s+)?[Oo]bčin\p{L}*\s+\p{Lu}[\p{L}-]*(?:\s+(?:ob|pri|na|v|nad|pod)\s+\p{Lu}[\p{L}-]*|\s+\p{Lu}[\p{L}-]*)?"
)


def _municipalities_in(text: str, gazetteer, start: int = 0, end: int | None = None) -> list[str]:
    out = []
    if gazetteer is None:
        return out
    for m in _MUNI_PHRASE.finditer(text, start, len(text) if end is None else end):
        phrase = m.group(0)
        name = gazetteer.municipality(phrase)
        if name is None and " " in phrase.rstrip():
            name = gazetteer.municipality(phrase.rsplit(" ", 1)[0])
        if name:
            out.append(name)
    return out


_URL_SCHEME = regex.compile(r"^[a-z][a-z0-9+.-]*://")
_HOST_NOISE = frozenset({"www", "si", "moc", "com", "eu", "net", "org", "info", "gov"})
_SOURCE_WORD = regex.compile(r"\p{Lu}[\p{L}-]*(?:\s+(?:ob|pri|na|v|nad|pod)\s+\p{Lu}[\p{L}-]*|\s+\p{Lu}[\p{L}-]*)*")


def _host_labels(text: str) -> list[str]:
    """'https://www.kamnik-novice.si/x' → ['kamnik-novice']; 'ptujinfo.com' → ['ptujinfo']."""
    host = _URL_SCHEME.sub("", text.strip().lower()).split("/", 1)[0]
    return [p for p in host.split(".") if p and p not in _HOST_NOISE]


def _label_municipality(label: str, folded: dict[str, str]) -> str | None:
    """The register municipality a host label spells: whole ('skofjaloka'), as hyphenated
    parts ('murska-sobota', 'kamnik-novice') or as a prefix of a site name ('ptujinfo')."""
    parts = label.split("-")
    for size in range(len(parts), 0, -1):  # longest run of parts first: 'kranjska-gora' over 'kranj'
        for i in range(len(parts) - size + 1):
            name = folded.get("".join(parts[i: i + size]))
            if name:
                return name
    best = None
    for part in parts:
        for n in range(len(part) - 2, 3, -1):  # a name of four letters or more, then a suffix
            name = folded.get(part[:n])
            if name:
                best = best or name
                break
    return best


@lru_cache(maxsize=8)
def _folded_names(names: tuple[str, ...]) -> dict[str, str]:
    """Municipality names as host names spell them (``skofjaloka``) → the name. Built once per
    register, not once per document: it was half the project extractor's time. Read only."""
    return {_fold(n).replace(" ", "").replace("-", ""): n for n in names}


@lru_cache(maxsize=1024)
def _source_municipality_cached(source: str, url: str, gazetteer) -> str | None:
    folded = _folded_names(tuple(getattr(gazetteer, "municipalities", None) or ()))
    # the publisher's own name ("Kamnik novice", "Energetika Maribor", "Občina Krško")
    if source and "." not in source:
        name = gazetteer.municipality(source)
        if name:
            return name
        for m in _SOURCE_WORD.finditer(source):
            words = m.group(0).split()
            for size in range(len(words), 0, -1):
                for i in range(len(words) - size + 1):
                    name = gazetteer.municipality(" ".join(words[i: i + size]))
                    if name:
                        return name
    # then the site's domain: the register's names as they are written in host names
    for text in (source, url):
        if not text:
            continue
        for label in _host_labels(text):
            name = _label_municipality(label, folded)
            if name:
                return name
    return None


def _source_municipality(doc: Document, gazetteer) -> str | None:
    """The municipality the publishing site names, when the text itself names none."""
    if gazetteer is None or not (doc.source or doc.url):
        return None
    try:
        return _source_municipality_cached(doc.source or "", doc.url or "", gazetteer)
    except TypeError:  # an unhashable gazetteer: look it up uncached
        return _source_municipality_cached.__wrapped__(doc.source or "", doc.url or "", gazetteer)


_CAPITALISED_RUN = regex.compile(r"\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*)?")


def _named_town_municipality(group: _Group, gazetteer) -> str | None:
    """A municipality the project's own words name: "obnova vodovoda v Šentjurju",
    "Prenova Kulturnega doma Slovenj Gradec" (a two-word name first, then one word)."""
    if gazetteer is None:
        return None
    for m in group.mentions:
        for run in _CAPITALISED_RUN.finditer(m.surface):
            words = run.group(0).split()
            for size in range(len(words), 0, -1):
                name = gazetteer.municipality(" ".join(words[:size]))
                if name:
                    return name
    return None


def _document_municipality(doc: Document, gazetteer) -> str | None:
    found = _municipalities_in(doc.text, gazetteer)
    if found:
        return Counter(found).most_common(1)[0][0]
    return None


# ---------------------------------------------------------------- public API

def _evidence(doc: Document, s: int, e: int, a: int, b: int) -> Evidence:
    """The sentence around a mention, cut to at most 300 characters around it."""
    if e - s > 300:
        mid = (a + b) // 2
        s = max(s, min(mid - 150, e - 300))
        e = min(e, s + 300)
        while s < a and not doc.text[s].isspace() and s > 0 and not doc.text[s - 1].isspace():
            s += 1
    return Evidence(doc.document_id, doc.text[s:e], s, e)


# Cheap test that a document can hold a project at all (most notices cannot).
_PREFILTER = regex.compile(r"(?i)projekt|program|isij|pogodb|zgradi|vzpostav|načrtuje|namerava|" + _ACTION_RE)
# The same test as one search per alternative, each starting with a literal the engine scans
# for (the alternation above is tried at every position: 4x slower). An alternation matches
# somewhere exactly when one of its alternatives does; a group of stems before a shared
# ending is spelt out per stem.
_PREFILTER_PARTS = tuple(
    regex.compile(part, regex.IGNORECASE) for part in (
        "projekt", "program", "isij", "pogodb", "zgradi", "vzpostav", "načrtuje", "namerava",
        *(rf"{stem}(?:a|e|i|o|ah|am|ami)?\b" for stem in _A_STEMS.split("|")),
        *(rf"{stem}it(?:ev|ve|vi|vijo|vah|vam|vami)\b" for stem in _TEV_STEMS.split("|")),
    )
)


def _may_hold_project(text: str) -> bool:
    """``_PREFILTER.search(text)`` is not None, several times faster."""
    return any(part.search(text) for part in _PREFILTER_PARTS)


def extract_projects(doc: Document, gazetteer) -> list[ProjectCandidate]:
    """Projects and programmes a document names, one candidate per mention.

    Mentions of one project in a document share the canonical ``name`` and the numbers the
    document states about it; ``alias`` and ``evidence`` are those of the mention itself.
    """
    text = doc.text
    if not text or not _may_hold_project(text):
        return []
    sentences = sentence_spans(text)
    mentions = _find_mentions(text, sentences)
    if not mentions:
        return []
    groups = _group_mentions(mentions)
    ref = doc.reference_date
    ref_year = ref.year if ref else None
    _assign_numbers(text, sentences, groups, ref_year)
    kept = [g for g in groups if _is_project(text, sentences, g, doc.kind == "notice")]
    if len(kept) < len(groups):
        # the numbers a dropped group took may belong to a kept one: assign them again
        for g in kept:
            g.budget = g.eu = g.area = g.target = g.start_year = None
            g.funding = []
            g.sentences = set(g.explicit)
        _assign_numbers(text, sentences, kept, ref_year)
        groups = kept
    source_muni = _source_municipality(doc, gazetteer)
    doc_muni = None
    out: list[ProjectCandidate] = []
    for g in groups:
        name = g.name
        first = g.mentions[0]
        s, e = sentences[first.sentence]
        muni = None
        for m in g.mentions:
            ms, me = sentences[m.sentence]
            found = _municipalities_in(text, gazetteer, ms, me)
            if found:
                muni = found[0]
                break
        if muni is None:
            muni = _named_town_municipality(g, gazetteer)
        if muni is None:
            muni = source_muni
        if muni is None:
            doc_muni = doc_muni or _document_municipality(doc, gazetteer)
            muni = doc_muni
        if name == "Podnebna pogodba" and muni:
            # a contract is per city: name whose it is, as the text's own genitive would
            urban = getattr(gazetteer, "is_urban", lambda _m: False)(muni)
            name = f"Podnebna pogodba {'Mestne občine' if urban else 'Občine'} {muni}"
        status = _status(text, sentences, g)
        if status == "unknown" and len(groups) == 1:
            status = _status_from_works_elsewhere(text, sentences, g)
        context = " ".join(text[sentences[i][0]: sentences[i][1]] for i in sorted(g.explicit))
        sector = sector_of(name, [m.surface for m in g.mentions], context)
        description = text[s:e] if e - s <= 300 else _evidence(doc, s, e, first.start, first.end).text
        for m in g.mentions:
            ms, me = sentences[m.sentence]
            out.append(ProjectCandidate(
                name=name, alias=m.surface, sector=sector, status=status,
                evidence=_evidence(doc, ms, me, m.start, m.end), municipality=muni,
                description=description, budget_eur=g.budget, eu_funding_eur=g.eu,
                funding=list(g.funding), area_m2=g.area, target_year=g.target, start_year=g.start_year,
                source_url=doc.url, reference_date=ref,
            ))
    return out


# ---------------------------------------------------------------- merge across documents

def _is_programme(c: ProjectCandidate) -> bool:
    return c.name.startswith("Misija ")


def _name_rank(name: str) -> tuple:
    starts_action = bool(_ACTION_WORD.match(name.split(" ", 1)[0])) or _fold(name).startswith(_MODIFIERS)
    has_proper = any(w[:1].isupper() or w[:1].isdigit() for w in name.split()[1:])
    return (not starts_action, has_proper)


def _clusters_compatible(a: list[ProjectCandidate], b: list[ProjectCandidate]) -> float | None:
    """Best name similarity between two clusters, or None when they must stay apart."""
    prog = all(_is_programme(c) for c in a + b)
    munis_a = {c.municipality for c in a if c.municipality}
    munis_b = {c.municipality for c in b if c.municipality}
    if not prog and munis_a and munis_b and not (munis_a & munis_b):
        return None
    names_a = {c.name for c in a}
    names_b = {c.name for c in b}
    if any(_hard_conflict(x, y) for x in names_a for y in names_b):
        return None
    best = None
    forms_a = names_a | {c.alias for c in a}
    forms_b = names_b | {c.alias for c in b}
    pairs = {(x, y) for x in names_a for y in forms_b} | {(x, y) for x in forms_a for y in names_b}
    for x, y in sorted(pairs):
        if compatible(x, y):
            sim = _similarity(x, y)
            if sim >= 0.5 and (best is None or sim > best):
                best = sim
    return best


def _blocking_tokens(form: str, acronym_lengths: frozenset[int]) -> tuple[set[tuple], set[tuple]]:
    """``(index entries, lookups)`` of one name form for finding names it may be compatible with.

    :func:`compatible` needs a shared core key, after acronyms are spelled out from the other
    name; an acronym is spelled out only when its letters are initials of consecutive words
    of the other name. So two forms can be compatible only when a lookup of one meets an
    entry of the other: a shared core key, or an acronym of one among the initials of the other.
    """
    entries = {("core", k) for k in name_keys(form).core}
    lookups = set(entries)
    acronyms = {_fold(m.group(0)) for m in _ACRONYM.finditer(form)}
    initials = "".join(_fold(m.group(0)[0]) for m in _KEY_WORD.finditer(form))
    runs = {initials[i: i + n] for n in acronym_lengths for i in range(len(initials) - n + 1)}
    entries |= {("acronym", a) for a in acronyms} | {("initials", r) for r in runs}
    lookups |= {("initials", a) for a in acronyms} | {("acronym", r) for r in runs}
    return entries, lookups


@dataclass
class _Block:
    """What one cluster is indexed under, and what it looks up, to find clusters it may join."""

    entries: set[tuple] = field(default_factory=set)  # name tokens (see _blocking_tokens)
    lookups: set[tuple] = field(default_factory=set)
    munis: set[str] = field(default_factory=set)
    programme: bool = True

    def keys(self) -> set[tuple]:
        """Index keys: every token alone, per municipality, without one, and as a programme."""
        out = {("all", t) for t in self.entries}
        out |= {("in", m, t) for m in self.munis for t in self.entries}
        if not self.munis:
            out |= {("nowhere", t) for t in self.entries}
        if self.programme:
            out |= {("programme", t) for t in self.entries}
        return out

    def queries(self) -> set[tuple]:
        """Index keys of the clusters it may join: :func:`_clusters_compatible` needs a shared
        municipality unless one side has none or both are programmes."""
        if not self.munis:
            out = {("all", t) for t in self.lookups}
        else:
            out = {("in", m, t) for m in self.munis for t in self.lookups}
            out |= {("nowhere", t) for t in self.lookups}
        if self.programme:
            out |= {("programme", t) for t in self.lookups}
        return out

    def absorb(self, other: "_Block") -> None:
        self.entries |= other.entries
        self.lookups |= other.lookups
        self.munis |= other.munis
        self.programme = self.programme and other.programme


def _join_clusters(clusters: list[list[ProjectCandidate]]) -> list[list[ProjectCandidate]]:
    """Join clusters greedily, the most similar compatible pair first, until none is left.

    The same result as rescoring every pair after each join (ties go to the pair that comes
    first in cluster order; a join keeps the earlier cluster's place), but only pairs that
    share a name token and may share a municipality are ever scored, and after a join only
    the pairs of the joined cluster are: a heap holds the scores, and entries of clusters
    that have changed since are skipped when they come up.
    """
    acronym_lengths = frozenset(len(_fold(m.group(0))) for cl in clusters for c in cl
                                for form in (c.name, c.alias) for m in _ACRONYM.finditer(form))
    form_tokens: dict[str, tuple[set[tuple], set[tuple]]] = {}
    blocks: list[_Block] = []
    for cluster in clusters:
        block = _Block(munis={c.municipality for c in cluster if c.municipality},
                       programme=all(_is_programme(c) for c in cluster))
        for form in {c.name for c in cluster} | {c.alias for c in cluster}:
            if form not in form_tokens:
                form_tokens[form] = _blocking_tokens(form, acronym_lengths)
            block.entries |= form_tokens[form][0]
            block.lookups |= form_tokens[form][1]
        blocks.append(block)
    index: dict[tuple, set[int]] = {}
    keys = [b.keys() for b in blocks]
    for i, mine in enumerate(keys):
        for key in mine:
            index.setdefault(key, set()).add(i)
    alive = [True] * len(clusters)
    version = [0] * len(clusters)
    heap: list[tuple[float, int, int, int, int]] = []

    def neighbours(i: int) -> set[int]:
        out: set[int] = set()
        for query in blocks[i].queries():
            out |= index.get(query, set())
        out.discard(i)
        return out

    def push(i: int, k: int) -> None:
        a, b = (i, k) if i < k else (k, i)
        sim = _clusters_compatible(clusters[a], clusters[b])
        if sim is not None:
            heapq.heappush(heap, (-sim, a, b, version[a], version[b]))

    for i in range(len(clusters)):
        for k in neighbours(i):
            if k > i:
                push(i, k)
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or vi != version[i] or vj != version[j]:
            continue  # scored before one of the two changed
        clusters[i] = sorted(clusters[i] + clusters[j], key=_order_key)
        alive[j] = False
        version[i] += 1
        for key in keys[i] | keys[j]:
            index[key].discard(i)
            index[key].discard(j)
        blocks[i].absorb(blocks[j])
        keys[i] = blocks[i].keys()
        for key in keys[i]:
            index.setdefault(key, set()).add(i)
        for k in neighbours(i):
            push(i, k)
    return [cl for cl, keep in zip(clusters, alive) if keep]


def _order_key(c: ProjectCandidate) -> tuple:
    return (c.reference_date or date.max, c.evidence.document_id, c.evidence.char_start)


def _pick(cluster: list[ProjectCandidate], attr: str) -> object:
    """The value most documents state; ties go to the latest document. Empty loses."""
    per_doc: dict[str, object] = {}
    for c in cluster:  # cluster is in document order
        value = getattr(c, attr)
        if value is not None and c.evidence.document_id not in per_doc:
            per_doc[c.evidence.document_id] = value
    if not per_doc:
        return None
    counts = Counter(per_doc.values())
    top = max(counts.values())
    return [v for v in per_doc.values() if counts[v] == top][-1]


def merge_projects(candidates: list[ProjectCandidate]) -> tuple[list[dict], list[dict]]:
    """Join candidates that name the same project into rows; also return their mention rows.

    Candidates with the same name in the same municipality start as one cluster; clusters
    then join, best name similarity first, when their names are compatible (see
    :func:`compatible`), share a municipality (EU programmes excepted) and carry no two
    different proper names. Status comes from the latest document that states one; numbers
    are the most often stated value (ties: latest document). Only clusters that share a name
    token and may share a municipality are scored (see :func:`_join_clusters`).
    """
    ordered = sorted(candidates, key=_order_key)
    seeds: dict[tuple, list[ProjectCandidate]] = {}
    for c in ordered:
        key = (normalize_key(" ".join(sorted(name_keys(c.name).all)) or c.name),
               None if _is_programme(c) else c.municipality)
        seeds.setdefault(key, []).append(c)
    clusters = _join_clusters(list(seeds.values()))
    projects, mentions = [], []
    for cluster in clusters:
        row = _project_row(cluster)
        projects.append(row)
        seen: set[tuple[str, int]] = set()
        for c in cluster:
            # Two names of one project in one sentence are one piece of evidence.
            if (c.evidence.document_id, c.evidence.char_start) in seen:
                continue
            seen.add((c.evidence.document_id, c.evidence.char_start))
            mentions.append({
                "record_type": "project", "record_id": row["project_id"],
                "document_id": c.evidence.document_id, "evidence": c.evidence.text,
                "char_start": c.evidence.char_start, "char_end": c.evidence.char_end,
            })
    projects.sort(key=lambda r: r["project_id"])
    return projects, mentions


def _project_row(cluster: list[ProjectCandidate]) -> dict:
    first = cluster[0]
    latest_first = sorted(cluster, key=_order_key, reverse=True)
    docs_in_order: list[str] = []
    for c in cluster:
        if c.evidence.document_id not in docs_in_order:
            docs_in_order.append(c.evidence.document_id)
    name_docs: dict[str, set[str]] = {}
    for c in cluster:
        name_docs.setdefault(c.name, set()).add(c.evidence.document_id)
    name = max(name_docs, key=lambda n: (len(name_docs[n]), _name_rank(n), -cluster.index(
        next(c for c in cluster if c.name == n))))
    aliases: list[str] = []
    for c in cluster:
        for form in (c.name, c.alias):
            if form and form != name and form not in aliases:
                aliases.append(form)
    status = next((c.status for c in latest_first if c.status != "unknown"), "unknown")
    munis = [c.municipality for c in cluster if c.municipality]
    municipality = Counter(munis).most_common(1)[0][0] if munis else None
    sectors = Counter(c.sector for c in cluster if c.sector != "other")
    canonical_sector = next((c.sector for c in cluster if c.name == name), first.sector)
    sector = canonical_sector if canonical_sector != "other" or not sectors else sectors.most_common(1)[0][0]
    funding: list[str] = []
    for c in cluster:
        for f in c.funding:
            if f not in funding:
                funding.append(f)
    dates = [c.reference_date for c in cluster if c.reference_date]
    key = " ".join(sorted(name_keys(first.name).all)) or normalize_key(first.name)
    return {
        "project_id": stable_id("project", key, None if _is_programme(first) else first.municipality),
        "name": name,
        "aliases": "; ".join(aliases) or None,
        "municipality": municipality,
        "sector": sector,
        "status": status,
        "description": first.description,
        "budget_eur": _pick(cluster, "budget_eur"),
        "eu_funding_eur": _pick(cluster, "eu_funding_eur"),
        "funding": "; ".join(funding) or None,
        "area_m2": _pick(cluster, "area_m2"),
        "start_year": _pick(cluster, "start_year"),
        "target_year": _pick(cluster, "target_year"),
        "first_seen": min(dates) if dates else None,
        "last_seen": max(dates) if dates else None,
        "mention_count": len(docs_in_order),
        "document_id": first.evidence.document_id,
        "source_url": first.source_url,
    }
