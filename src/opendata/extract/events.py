"""Dated public events in articles, teasers and feed items, and their merge across documents.

A sentence states an event when an event word occurs in it (``seja``, ``delavnica``,
``koncert``, ``podpisal``, a ``*fest`` name ...) and it, or the date line of the listing
block it heads, names a day. The event word decides the ``category``; the noun phrase
around it becomes the ``title`` (put back in the nominative); the place phrases of the
sentence give ``venue`` and ``locality``. Funerals, deadlines, job ads and month-only or
undated background mentions are no events.

:func:`merge_events` joins the candidates of many documents: same start day and a similar
title (lemmas, the event noun itself not counted), or the same venue and category.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from functools import lru_cache
from typing import Iterable, Sequence

import regex

from opendata.ids import stable_id
from opendata.language.dates import TemporalMention, find_temporals
from opendata.language.gazetteer import Gazetteer
from opendata.language.lemma import lemmatize
from opendata.language.names import find_organisations, find_people
from opendata.language.places import street_nominative
from opendata.language.sentences import sentence_spans
from opendata.model import Document, EventCandidate, Evidence, Window

_F = regex.VERSION1
_FI = regex.VERSION1 | regex.IGNORECASE

MAX_EVIDENCE = 300

# ---------------------------------------------------------------- event words
# (pattern over one word form, nominative lemma, gender, category). Stems are explicit
# about endings where a shorter stem would catch another word (seja/sejem, razstava/
# razstavišče, predstava/predstavitev).
_NOUNS: tuple[tuple[str, str, str, str], ...] = (
    (r"delavnic(?:a|e|i|o|ah|am|ami)?", "delavnica", "f", "workshop"),
    (r"konferenc(?:a|e|i|o)", "konferenca", "f", "conference"),
    (r"forum(?:a|u|om)?", "forum", "m", "conference"),
    (r"posvet(?:a|u|om)?", "posvet", "m", "conference"),
    (r"simpozij(?:a|u|em)?", "simpozij", "m", "conference"),
    (r"kongres(?:a|u|om)?", "kongres", "m", "conference"),
    (r"srečanj(?:e|a|u|em)", "srečanje", "n", "meeting"),
    (r"sestan(?:ek|ka|ku|kom)", "sestanek", "m", "meeting"),
    (r"sej(?:a|e|i|o)", "seja", "f", "session"),
    (r"sej(?:em|ma|mu|mom)", "sejem", "m", "fair"),
    # "semenj" is the older and regional word for a fair ("Ribniški semenj", "semnja").
    (r"semenj|semnj(?:a|u|em)", "semenj", "m", "fair"),
    (r"razstav(?:a|e|i|o)", "razstava", "f", "exhibition"),
    (r"koncert(?:a|u|om|i|ov)?", "koncert", "m", "culture"),
    (r"nastop(?:a|u|om)?", "nastop", "m", "culture"),
    (r"recital(?:a|u|om)?", "recital", "m", "culture"),
    (r"predstav(?:a|e|o)", "predstava", "f", "culture"),
    (r"premier(?:a|e|i|o)", "premiera", "f", "culture"),
    (r"proslav(?:a|e|i|o)", "proslava", "f", "ceremony"),
    (r"slovesnost(?:i|jo)?", "slovesnost", "f", "ceremony"),
    (r"podelit(?:ev|ve|vi|vijo)", "podelitev", "f", "ceremony"),
    (r"sprejem(?:u|om)?", "sprejem", "m", "ceremony"),
    (r"odprtj(?:e|a|u|em)", "odprtje", "n", "ceremony"),
    (r"otvorit(?:ev|ve|vi|vijo)", "otvoritev", "f", "ceremony"),
    (r"razglasit(?:ev|ve|vi|vijo)", "razglasitev", "f", "ceremony"),
    (r"festival(?:a|u|om)?", "festival", "m", "festival"),
    (r"pustovanj(?:e|a|u|em)", "pustovanje", "n", "festival"),
    # Carnival words: "Kurentovanje", "karneval", the parade of masks.
    (r"kurentovanj(?:e|a|u|em)", "kurentovanje", "n", "festival"),
    (r"karneval(?:a|u|om)?", "karneval", "m", "festival"),
    (r"povork(?:a|e|i|o)", "povorka", "f", "festival"),
    (r"silvestrovanj(?:e|a|u|em)", "silvestrovanje", "n", "festival"),
    # Feasts of a saint's day with wine, food and music: St Martin's, St George's, St Florian's.
    (r"martinovanj(?:e|a|u|em)", "martinovanje", "n", "festival"),
    (r"jurjevanj(?:e|a|u|em)", "jurjevanje", "n", "festival"),
    (r"florjanovanj(?:e|a|u|em)", "florjanovanje", "n", "festival"),
    (r"tekm(?:a|e|i|o)", "tekma", "f", "sports"),
    (r"maraton(?:a|u|om)?", "maraton", "m", "sports"),
    (r"turnir(?:ja|ju|jem)?", "turnir", "m", "sports"),
    (r"dirk(?:a|e|i|o)", "dirka", "f", "sports"),
    (r"prvenstv(?:o|a|u|om)", "prvenstvo", "n", "sports"),
    (r"final(?:e|a|u|om)", "finale", "n", "sports"),
    (r"tekmovanj(?:e|a|u|em)", "tekmovanje", "n", "sports"),
    (r"regat(?:a|e|i|o)", "regata", "f", "sports"),
    (r"pohod(?:a|u|om)?", "pohod", "m", "sports"),
    # A running race ("Valentinov tek", "tek za zdravje"); "v teku" (in progress) and "tekom"
    # (during) are no races: see _triggers.
    (r"tek(?:a|u|i|ov)?", "tek", "m", "sports"),
    (r"predavanj(?:e|a|u|em)", "predavanje", "n", "workshop"),
    (r"seminar(?:ja|ju|jem)?", "seminar", "m", "workshop"),
    (r"tečaj(?:a|u|em)?", "tečaj", "m", "workshop"),
    (r"prireditev|prireditv(?:e|i|ijo)", "prireditev", "f", "other"),
    (r"dogod(?:ek|ka|ku|kom)", "dogodek", "m", "other"),
    (r"podpis(?:a|u|om)?", "podpis", "m", "signing"),
    # Public presentations and hearings of plans: citizens meet the municipality.
    (r"predstavit(?:ev|ve|vi|vijo)", "predstavitev", "f", "meeting"),
    (r"komemoracij(?:a|e|i|o)", "komemoracija", "f", "ceremony"),
    (r"bazar(?:ja|ju|jem)?", "bazar", "m", "fair"),
    # "Večer slovenske poezije", "glasbeni večer"; "do večera" and a bare "večer" are times of
    # day, "na tržnici" a place: both count only with words of their own (_NEEDS_WORDS).
    (r"večer(?:a|u)?", "večer", "m", "culture"),
    (r"tržnic(?:a|o)", "tržnica", "f", "fair"),
)
_NEEDS_WORDS = frozenset({"večer", "tržnica"})
# "Tržnica bo v ponedeljek zaprta": the opening hours of the market place, not a market day.
_HOURS_WORD = regex.compile(r"(?<!\p{L})(?:zaprt\p{L}*|odprt[aoie]?|obratoval\p{L}*|delovni\s+čas)(?!\p{L})", _FI)
_EVENING_BEFORE = regex.compile(r"(?<!\p{L})(?:do|proti|od|ob|vsak|ves|cel|tisti|isti|ta|en|zvečer)\s+$", _FI)
_NOUN_INFO = [(regex.compile(rf"(?:{p})", _FI), lemma, g, c) for p, lemma, g, c in _NOUNS]
# Events named by a compound word (Kranfest, Lentfest) and "okrogla miza".
_FEST = regex.compile(r"\p{Lu}\p{Ll}+fest(?:a|u|om)?", _F)
_NOUN_TRIGGER = regex.compile(
    r"(?<!\p{L})(?:" + "|".join(p for p, *_ in _NOUNS) + r"|\p{Lu}\p{Ll}+fest(?:a|u|om)?)(?!\p{L})", _FI
)
# The same event nouns as whole words. Every alternative is letters only and the pattern is
# fenced by non-letters, so its matches are exactly the letter runs the word pattern matches
# in full: one scan for runs and a memo per distinct word replace the alternation, which was
# tried at every position of every document (half the event extractor's time on notices).
_LETTER_RUN = regex.compile(r"(?<!\p{L})\p{L}+", _FI)
_NOUN_WORD = regex.compile(r"(?:" + "|".join(p for p, *_ in _NOUNS) + r"|\p{Lu}\p{Ll}+fest(?:a|u|om)?)", _FI)
_ROUND_TABLE = regex.compile(r"(?<!\p{L})okrogl\p{L}*\s+miz\p{L}*", _FI)
# Two-word meeting names whose head alone means something else: "zbor" is also a choir,
# "obravnava" also a council's reading of a bill ("v drugi obravnavi").
_PHRASE_EVENTS = (
    (regex.compile(r"(?<!\p{L})javn\p{L}*\s+obravnav(?:a|e|i|o)(?!\p{L})", _FI), "javna obravnava", "f", "meeting"),
    (regex.compile(r"(?<!\p{L})zbor(?:a|u|om)?(?=\s+(?:občanov|krajanov|stanovalcev|volivcev)(?!\p{L}))", _FI), "zbor", "m", "meeting"),
    # Laying a foundation stone is a ceremony; "položitev" alone is also laying cables or pipes.
    (regex.compile(r"(?<!\p{L})položit(?:ev|ve|vi|vijo)(?=\s+temeljn\p{L}*\s+kamn)", _FI), "položitev", "f", "ceremony"),
    (regex.compile(r"(?<!\p{L})polaganj(?:e|a|u|em)(?=\s+temeljn\p{L}*\s+kamn)", _FI), "polaganje", "n", "ceremony"),
)
# Verbs that state an event themselves.
_SIGN_VERB = regex.compile(r"(?<!\p{L})podpis(?:al|ala|ali|alo|ati|ujejo|uje|ovali|ovala|ala\s+bosta)(?!\p{L})", _FI)
_RECEIVE_VERB = regex.compile(r"(?<!\p{L})sprejel(?:a|i|o)?(?!\p{L})", _FI)
_OPEN_VERB = regex.compile(r"(?<!\p{L})zaživel(?:a|i|o)?(?!\p{L})", _FI)
# "Nove prostore bomo slovesno odprli v ponedeljek": a ceremonial opening stated by the verb.
_INAUGURATE_VERB = regex.compile(
    r"(?<!\p{L})(?:slovesno|uradno|svečano)\s+(?:(?:bo|bomo|bodo|bosta|so|je|sta)\s+)?"
    r"odpr(?:l|la|li|lo|le|emo|ejo|eta|ejo)(?!\p{L})",
    _FI,
)
# "bo nastopil Big band ...": a performance by the capitalised ensemble after the verb.
_PERFORM_VERB = regex.compile(
    r"(?<!\p{L})(?:nastopil(?:a|i|o|e)?|nastopijo|nastopita|nastopata|nastopajo|nastopa)(?=\s+(?:tudi\s+|še\s+)?\p{Lu})",
    _F,
)
# "Projekt bo javnosti predstavljen v torek": a presentation of the subject before the verb.
_PRESENT_PASSIVE = regex.compile(
    r"(?<!\p{L})(?:bo|bodo|bosta|sta)\s+(?P<pub>(?:javnosti|javno)\s+)?(?:(?:tudi|uradno|prvič)\s+)?"
    r"predstavljen(?:a|o|i|e)?(?!\p{L})",
    _FI,
)
# "Historial Škofja Loka bo potekal v soboto": a proper name of two or more capitalised words
# (or an ordinal and a name) as the subject of "potekati/odvijati se/trajati" is an event.
_NAME_SUBJECT = regex.compile(
    r"(?P<name>(?:\d{1,3}\.[ \t]+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+(?:[ \t]+(?:in[ \t]+)?\p{Lu}\p{Ll}+){1,3}))"
    r"[ \t]+(?:se[ \t]+)?(?:bo|bodo|bosta)[ \t]+(?:se[ \t]+)?(?:(?:letos|tudi|znova|spet|že|ponovno)[ \t]+){0,2}"
    r"(?:potekal(?:a|o|i)?|odvijal(?:a|o|i)?|trajal(?:a|o|i)?)(?!\p{L})",
    _F,
)
# Nouns of plans and designs that are presented to the public (common nouns, not names).
_PLAN_NOUNS = frozenset(
    """projekt načrt osnutek strategija program študija zasnova predlog rešitev ureditev prenova gradnja
    naložba proračun dokument elaborat odlok rebalans varianta idejna celostna prometna""".split()
)
# "Projekt bodo občanom predstavili v sredo": the same presentation in the active voice; only
# with a plan noun as its object (see _title_for), "bodo predstavili svoje delo" is no event.
_PRESENT_ACTIVE = regex.compile(
    r"(?<!\p{L})(?:bo|bodo|bosta|bomo)\s+(?:(?:občanom|javnosti|krajanom|stanovalcem|prebivalcem|obiskovalcem"
    r"|zainteresiranim|svetnikom|podrobneje|podrobno|tudi|uradno|prvič|javno)\s+){0,3}predstavil(?:a|i|o|e)?(?!\p{L})",
    _FI,
)
# Objects of "sprejeti" that make it "adopt", not "receive guests".
_ADOPT_OBJECT = regex.compile(
    r"(?<!\p{L})(?:sklep|proračun|odlok|rebalans|račun|ukrep|strategij|odločitev|predlog|dnevni|poročil"
    r"|program|zakon|pravilnik|načrt|spremembe|amandma|stališč|resolucij|dokument|zaključn|letn|vse\s+predlagane)",
    _FI,
)
# Generic event nouns make an event only with a name of their own.
_GENERIC = {"prireditev", "dogodek"}

# Sentences about funerals, job ads or deadlines are never events.
_NEGATIVE = regex.compile(
    r"(?<!\p{L})(?:pogreb\p{L}*|pokopališč\p{L}*|žar[aeo]|mrlišk\p{L}*|osmrtnic\p{L}*|pokojn\p{L}*"
    r"|sožalj\p{L}*|delovno\s+mesto|življenjepis\p{L}*|razgovor\p{L}*)(?!\p{L})",
    _FI,
)
# A sports result ("so v finalu premagali Maribor s 3:1") reports a game, it announces none.
_RESULT = regex.compile(
    r"(?<!\p{L})(?:premagal\p{L}*|zmagal\p{L}*|izgubil\p{L}*|klonil\p{L}*|remiziral\p{L}*|osvojil\p{L}*"
    r"|slavil\p{L}*|porazil\p{L}*|poraz\p{L}*|zmag[aeio])(?!\p{L})|(?<![\d.:])[sz]\s+\d{1,3}\s*:\s*\d{1,3}(?!\d)",
    _FI,
)
_DEADLINE = regex.compile(
    r"(?<!\p{L})(?:zbira\p{L}*|pošlj\p{L}*|oddaj\p{L}*|prijav\p{L}*|rok(?:a|u)?|vlog\p{L}*|predlog\p{L}*"
    r"|pobud\p{L}*|sprejema\p{L}*)(?!\p{L})",
    _FI,
)
_DAY_WORD = regex.compile(
    r"\d|danes|današnj|jutri|jutrišnj|včeraj|včerajšnj|nocoj|drevi|sinoči|ponedelj|tor(?:ek|k)|sred|četrt"
    r"|pet(?:ek|k)|sobot|nedelj",
    _FI,
)

# ---------------------------------------------------------------- phrase grammar
_TOKEN = regex.compile(r"\d{1,3}\.(?=\s)|\p{L}[\p{L}\-]*|\d+|[^\s\p{L}\d]", _F)
_STOP_WORDS = frozenset(
    """ki kjer ko ker da pa tudi že še bo bodo je so sta bosta se si bi zato kot ter vabi vabijo
    gosti bil bila bilo bili bile bomo boste bom smo ste sem ali oziroma saj pa vendar zaradi
    kar nato potem letos lani danes jutri včeraj nocoj""".split()
)
# Prepositions that open a place or time phrase and so end a title.
_PLACE_PREP = frozenset({"v", "na", "pri", "pred", "med", "od", "do", "po", "iz", "s", "z", "k", "h", "nad", "pod", "čez", "skozi", "proti"})
# Prepositions inside a title ("delavnica za odrasle", "predavanje o zdravju").
_TITLE_PREPS = frozenset({"za", "o", "ob", "na", "v", "in", "ter", "do"})
# Prepositional phrases that belong to a title rather than to its place.
_TITLE_PP = regex.compile(r"(?:v|na)\s+(?:okviru|sklopu|podporo|spomin|počastitev|temo|čast)(?!\p{L})", _FI)
_PARTICIPLE = regex.compile(r"\p{Ll}{2,}(?:al|el|il|ul|ol|rl)(?:a|o|i|e)?$", _F)
_ADJ_END = regex.compile(r"(?:ov|ev|in|sk|šk|čk|ck|čn|n|j|l|r|t|k|d|v|s|ž|š|č|h)(?:a|e|i|o|em|ega|emu|im|ih|imi)$", _F)
_CAP_ADJ = regex.compile(r"(?:sk|šk|čn|ln|rn|tn|dn|vn|sn|zn)(?:i|a|o|e|ega|em|emu|im|ih)$", _F)
_ADJ_STOP = frozenset(
    """bila bilo bili bile tudi zato vse vsi vsa vso zelo nekaj več manj tako vsak vsaka vsako
    svoj svoja svoje njihov njegov njen naša naše naši vaša""".split()
)
# Deictic adjectives of time ("včerajšnja seja", "sobotni koncert", "letošnji sejem") say when
# the event is, they are no part of its name (seasons are: "Poletni festival").
_TIME_ADJ = regex.compile(
    r"^(?:tradicionaln|vsakoletn|včerajšnj|današnj|jutrišnj|nocojšnj|sinočnj|letošnj|lansk|lanskoletn|prihodnj|naslednj|prejšnj"
    r"|tokratn|minul|ponedeljkov|torkov|sredin|četrtkov|petkov|sobotn|nedeljsk|zadnj)\p{Ll}*$",
    _FI,
)

# Head nouns of venues (nominative lemmas).
_VENUE_HEADS = frozenset(
    """dvorana dom hiša šola knjižnica čitalnica trg park igrišče center središče jedro galerija muzej
    gledališče cerkev grad stadion atrij avla ploščad prizorišče razstavišče kino dvorišče vila dvorec
    kavarna amfiteater oder tržnica kopališče bazen telovadnica zbornica soba dvor paviljon hala arena
    kapela samostan knjigarna hotel restavracija gostilna kmetija plaža nabrežje promenada letališče
    kompleks stavba zavod sejmišče vrt pristava vas mlin klet kampus fakulteta sejem skakalnica letalnica
    smučišče hipodrom strelišče vodohran čistilnica črpališče most jezero ribnik grič hrib
    razgledišče spomenik obeležje gasilnica""".split()
)
# Capitalised names that are regions, countries or offices, never a venue.
_NOT_VENUE = regex.compile(
    r"(?<!\p{L})(?:sloven|evrop|hrvašk|avstrij|itali|madžar|nemčij|ukrajin|srbij|bosn|črn[aei]\s+gor|švedsk"
    r"|balkan|regij|dolin|občin|svet[au]?\b|eu\b|republik|vlad|ministrst|spletn|internet|živo)",
    _FI,
)
_SOFT = ("j", "č", "š", "ž", "c")

# Precompiled helpers of the phrase grammar.
_ORDINAL_RE = regex.compile(r"\d{1,3}\.", _F)
_QUOTED_TITLE = regex.compile(r"\s*(?:z\s+naslovom\s+|,?\s*)[„“\"»«']([^„“\"»«']{2,80})[“”\"«»']", _F)
_TITLED = regex.compile(r"\s*z\s+naslovom\s+([^,.;:!?]{2,80})", _FI)
_BLANK_LINE = regex.compile(r"\n\s*\n", _F)
_AUX = regex.compile(r"(?<!\p{L})(?:je|so|bo|bodo|sta)(?!\p{L})", _F)
_TWO_CAPS = regex.compile(r"(\p{Lu}\p{L}+)(?:\s+(\p{Lu}\p{L}+))?", _F)
_TITLE_SPLIT = regex.compile(r",|\s+[–—]\s+|\s+\|\s+", _F)
_TITLE_VERB = regex.compile(r"(?<!\p{L})(?:je|so|bo|bodo|bomo|sta|se|sprejel\p{L}*|sklenjen\p{L}*)(?!\p{L})", _FI)
_SUBJECT_VERB = regex.compile(r"\s+(?:\p{Lu}\p{Ll}+\s+){0,3}(?:vabi|vabijo|obvešča|organizira|sporoča)(?!\p{L})", _F)
_FROM_BEFORE = regex.compile(r"(?:organizator\p{L}*\s+iz|iz)\s+$", _FI)
_HOSTS = regex.compile(r"(?P<v>\p{Lu}\p{Ll}+(?:\s+\p{L}+){0,3}?)\s+(?:danes\s+|jutri\s+)?(?:gosti|bo\s+gostil[aoi]?)(?!\p{L})", _F)
_STAGES = regex.compile(r"prizorišč\p{L}*\s+(?:pa\s+)?(?:bo|bodo|bosta|je|so|sta)\s+(?P<v>\p{Lu}[\p{L}]*(?:\s+\p{L}+){0,3}?)(?=,|\s+in\s|\.|$)", _F)
_DIGITS = regex.compile(r"\d+", _F)
_ORDINAL_START = regex.compile(r"\s*(\d{1,3})\.", _F)
_HOST_PREFIX = regex.compile(r"^https?://", _F)
_HOST_SPLIT = regex.compile(r"[.\-]", _F)
_TRAILING_DIGITS = regex.compile(r"\d+$", _F)


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


# ---------------------------------------------------------------- nominatives
def _gender_of(lemma: str) -> str:
    low = lemma.lower()
    if low.endswith("grad"):
        return "m"  # "grad" (castle), unlike "ploščad", is masculine
    if low.endswith("a") or low.endswith(("ost", "ev", "ad", "ev")):
        return "f"
    if low.endswith(("o", "e")):
        return "n"
    return "m"


def adjective_nominative(word: str, gender: str) -> str:
    """The nominative singular of an inflected adjective agreeing with a noun of ``gender``.

    ``osrednjo`` (f) → ``osrednja``, ``Ljubljanskega`` (m) → ``Ljubljanski``, ``Titovem`` (m)
    → ``Titov``, ``Gospodarskem`` (n) → ``Gospodarsko``; hyphenated compounds inflect last.
    """
    if "-" in word:
        head, _, last = word.rpartition("-")
        return f"{head}-{adjective_nominative(last, gender)}"
    low = word.lower()
    stem = low
    for ending in ("ega", "emu", "imi", "em", "im", "ih", "o", "a", "e", "i", "u"):
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            stem = low[: -len(ending)]
            break
    possessive = stem.endswith(("ov", "ev", "in")) and word[:1].isupper()
    if gender == "f":
        nom = stem + "a"
    elif gender == "n":
        nom = stem + ("e" if stem.endswith(_SOFT) else "o")
    else:
        nom = stem if possessive else stem + "i"
    return word[:1] + nom[1:] if word[:1].isupper() else nom


def _noun_nominative(word: str) -> str:
    """Nominative of one noun, capitalised like the text (``Cukrarni`` → ``Cukrarna``)."""
    return lemmatize(word)


def _is_adjective(tok: _Tok) -> bool:
    low = tok.low
    if len(low) < 4 or low in _ADJ_STOP or low in _STOP_WORDS:
        return False
    if _PARTICIPLE.search(low) and not low.endswith(("ski", "ška", "ško", "ške", "skega", "skem")):
        return False
    last = low.rpartition("-")[2]
    return bool(_ADJ_END.search(last))


# ---------------------------------------------------------------- triggers
@dataclass
class _Trigger:
    start: int
    end: int
    lemma: str
    gender: str
    category: str
    kind: str  # "noun" | "sign" | "receive" | "open" | "named"


@lru_cache(maxsize=65536)
def _noun_trigger_info(word: str) -> tuple[str, str, str] | None:
    """``(lemma, gender, category)`` when the whole word is an event noun, else None."""
    return _noun_info(word) if _NOUN_WORD.fullmatch(word) else None


@lru_cache(maxsize=65536)  # a pure function of the word, asked for every word of every title
def _noun_info(word: str) -> tuple[str, str, str] | None:
    if _FEST.fullmatch(word):
        return lemmatize(word), "m", "festival"
    for pattern, lemma, gender, category in _NOUN_INFO:
        if pattern.fullmatch(word):
            return lemma, gender, category
    return None


# Capitalised subjects of "bo potekal" that are no event: offices, firms, months, roads.
_NOT_EVENT_NAME = regex.compile(
    r"(?<!\p{L})(?:Občin\p{L}*|Mestn\p{L}*\s+občin\p{L}*|Elektr\p{L}*|Komunal\p{L}*|Direkcij\p{L}*|Družb\p{L}*"
    r"|Vlad\p{L}*|Ministrst\p{L}*|Uprav\p{L}*|Cest\p{L}*|Ulic\p{L}*|Promet\p{L}*|Zapor\p{L}*|Dela|Gradnj\p{L}*"
    r"|Januar|Februar|Marec|April|Maj|Junij|Julij|Avgust|September|Oktober|November|December)(?!\p{L})",
    _F,
)


# "dela so v teku" (in progress), "tekom leta" (during): "tek" that is no race.
_NOT_RACE = regex.compile(r"(?<!\p{L})(?:v\s+teku|tekom)(?!\p{L})", _FI)

_NAME_SUBJECT_LEAD = frozenset("za ob o letos prihodnje konec začetek sredi ves vse".split())


def _triggers(text: str, start: int, end: int) -> list[_Trigger]:
    """Event words of ``text[start:end]`` in text order."""
    found: list[_Trigger] = []
    for m in _LETTER_RUN.finditer(text, start, end):  # = _NOUN_TRIGGER.finditer, see there
        info = _noun_trigger_info(m.group())
        if info is None:
            continue
        lemma, gender, category = info
        if lemma == "tek" and _NOT_RACE.search(text, max(start, m.start() - 3), m.end()):
            continue
        if lemma == "večer" and _EVENING_BEFORE.search(text, max(start, m.start() - 10), m.start()):
            continue
        kind = "named" if _FEST.fullmatch(m.group()) else "noun"
        found.append(_Trigger(m.start(), m.end(), lemma, gender, category, kind))
    for m in _ROUND_TABLE.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "okrogla miza", "f", "conference", "noun"))
    for pattern, lemma, gender, category in _PHRASE_EVENTS:
        for m in pattern.finditer(text, start, end):
            found.append(_Trigger(m.start(), m.end(), lemma, gender, category, "noun"))
    for m in _SIGN_VERB.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "podpis", "m", "signing", "sign"))
    for m in _RECEIVE_VERB.finditer(text, start, end):
        after = text[m.end(): min(end, m.end() + 40)]
        if not _ADOPT_OBJECT.search(after):
            found.append(_Trigger(m.start(), m.end(), "sprejem", "m", "ceremony", "receive"))
    for m in _INAUGURATE_VERB.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "odprtje", "n", "ceremony", "inaugurate"))
    for m in _OPEN_VERB.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "", "f", "festival", "open"))
    for m in _PERFORM_VERB.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "nastop", "m", "culture", "perform"))
    for m in _PRESENT_PASSIVE.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "predstavitev", "f", "meeting", "present"))
    for m in _PRESENT_ACTIVE.finditer(text, start, end):
        found.append(_Trigger(m.start(), m.end(), "predstavitev", "f", "meeting", "present_active"))
    for m in _NAME_SUBJECT.finditer(text, start, end):
        name = m.group("name")
        first = name.split()[0].lower()
        if first in _PLACE_PREP or first in _STOP_WORDS or first in _NAME_SUBJECT_LEAD:
            continue  # "Na Ptuju bo potekal ...": a place or time phrase, no name
        if _noun_info(name.split()[-1]) is not None or _ORG_START.search(name) or _NOT_EVENT_NAME.search(name):
            continue  # an event noun is found by itself; an office or company is no event
        found.append(_Trigger(m.start("name"), m.end("name"), name.lower(), "m", "other", "subject"))
    found.sort(key=lambda t: t.start)
    return found


# ---------------------------------------------------------------- titles
def _is_noun_form(low: str) -> bool:
    """A word the lemmatizer takes back to a feminine or neuter noun (``dvorani`` → dvorana,
    ``mesto``): adjectives go back to a masculine form (``redna`` → reden, ``nova`` → nov)."""
    lem = lemmatize(low)
    return lem.endswith(("a", "o", "e")) and not _CAP_ADJ.search(lem)


def _left_modifiers(toks: list[_Tok], i: int, gender: str) -> list[str]:
    """Ordinal and adjectives right before token ``i``, in the nominative."""
    out: list[str] = []
    k = i - 1
    while k >= 0 and len(out) < 4:
        t = toks[k]
        if _ORDINAL_RE.fullmatch(t.text):
            out.append(t.text)
            break
        possessive = t.cap and len(t.text) >= 4 and t.low.endswith(("in", "ov", "ev")) and k == i - 1
        # Mid-sentence, a capitalised word is an adjective only by a clear suffix ("Ljubljanskega",
        # "Velikonočni"); "Velenje" in "v Mladinskem centru Velenje delavnica" is a name.
        # Before a lower-case adjective already taken, a capitalised adjective opens the name
        # ("Velika mednarodna pustna povorka").
        opens_clause = k == 0 or not toks[k - 1].word or toks[k - 1].low in _STOP_WORDS
        adjective = _is_adjective(t) and (not t.cap or k == 0 or _CAP_ADJ.search(t.low.rpartition("-")[2])
                                          or (out and out[-1][:1].islower() and opens_clause))
        if t.word and _TIME_ADJ.match(t.low):
            break  # "na včerajšnji seji": the adjective dates the event, it does not name it
        if t.word and _is_noun_form(t.low):
            break  # "v Sejni dvorani občine posvet", "Novo mesto turnir": nouns end the modifiers
        if t.cap and k > 0 and toks[k - 1].word and not toks[k - 1].cap and (
                _is_noun_form(toks[k - 1].low) or lemmatize(toks[k - 1].low) in _VENUE_HEADS):
            break  # "v Glasbeni šoli Krško razstava": a name after a noun closes a place phrase
        if t.word and (adjective or possessive):
            out.append(adjective_nominative(t.text, gender))
            k -= 1
            continue
        break
    # "v Cukrarni konferenca": a capitalised word after a preposition is a place, not a modifier.
    if k >= 0 and toks[k].low in _PLACE_PREP and out and out[-1][:1].isupper() and not out[-1][:1].isdigit():
        return [w for w in reversed(out) if w[:1].isdigit()]
    return list(reversed(out))


def _right_complement(toks: list[_Tok], i: int, text: str, stops: set[int], after_noun: bool = False) -> list[_Tok]:
    """Words after the event noun that still name the event (genitives, o/za/ob phrases, a title).

    ``after_noun``: the words follow an event noun, so they are genitives or a name and a
    lower-case word in -o is an adverb (after a verb it would be its object, "pogodbo").
    """
    out: list[_Tok] = []
    k = i
    named = k < len(toks) and toks[k].cap and toks[k].word
    while k < len(toks) and len(out) < 14:
        t = toks[k]
        if t.start in stops:
            break
        if not t.word and not t.text[:1].isdigit():
            if t.text == "?" and named:
                out.append(t)
            elif t.text == "(" and out and k + 2 < len(toks) and toks[k + 1].text.isupper() and toks[k + 2].text == ")":
                out.extend(toks[k: k + 3])  # the name's abbreviation: "sejem obrti in podjetnosti (MOS)"
                break
            elif t.text in "&+/" or (t.text in "–-" and out and k + 1 < len(toks) and toks[k + 1].word):
                out.append(t)
                k += 1
                continue
            break
        low = t.low
        if low in _STOP_WORDS:
            break
        if k == i and t.cap and low in _PLACE_PREP and k + 1 < len(toks) and toks[k + 1].cap:
            # "razstavo Med Pohorjem in Uršljo goro": a capitalised preposition mid-sentence
            # opens the event's own title, not a place phrase.
            out.append(t)
            k += 1
            continue
        if low in _PLACE_PREP:
            rest = text[t.start: t.start + 30]
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if _TITLE_PP.match(rest):
                out.extend(toks[k: k + 2])
                k += 2
                continue
            if named and nxt is not None and not nxt.cap and low in {"do", "za", "o", "in"}:
                out.append(t)
                k += 1
                continue
            break
        if low == "z" or low == "s":
            break
        after_genitive_adj = bool(out) and out[-1].low.endswith(("ega", "ih"))
        if not t.cap and _PARTICIPLE.search(low) and len(low) >= 5 and not after_genitive_adj:
            break  # "...pokala" after "svetovnega" is a noun, "potekala" alone a verb
        if after_noun and not t.cap and low.endswith("o") and len(low) >= 5 and not _after_title_prep(out):
            break  # an adverb ("soglasno", "uspešno") ends the noun phrase; genitives never end in -o
        if not t.cap and low in {"potekal", "potekala", "potekalo", "potekali", "trajal", "trajala"}:
            break
        out.append(t)
        k += 1
    while out and (out[-1].low in {"in", "za", "o", "ob", "ter", "–", "-", "&"}):
        out.pop()
    return out


# Locatives after "v" that are circumstances, not a sport ("v organizaciji", "v spomin").
_NOT_DISCIPLINE = frozenset(
    """organizaciji sodelovanju času primeru mesecu letu tednu spomin počastitev okviru sklopu
    podporo čast soju živo dobrodelne dobrodelnih""".split()
)


def _discipline(toks: list[_Tok], k: int, stops: set[int]) -> int:
    """How many tokens from ``k`` name a sports event's discipline: ``v`` and up to two
    lower-case adjectives and a noun that is no venue ("v malem nogometu", "v šahu"), as
    opposed to a place ("v športni dvorani", "v Kranju") or a time ("v soboto")."""
    if k >= len(toks) or toks[k].low != "v" or toks[k].cap:
        return 0
    n = 1
    while k + n < len(toks) and n <= 3:
        t = toks[k + n]
        if not t.word or t.cap or t.start in stops or t.low in _STOP_WORDS or t.low in _NOT_DISCIPLINE:
            return 0
        if _DAY_WORD.match(t.low) or lemmatize(t.low) in _VENUE_HEADS:
            return 0
        n += 1
        if not _is_adjective(t) or t.low.endswith("u"):
            return n  # the noun ends the phrase
    return 0


def _after_title_prep(out: list[_Tok]) -> bool:
    """The words taken so far end in a title preposition and its agreeing adjectives in -o:
    "za novo toplotno postajo" is one accusative phrase, no adverb."""
    k = len(out) - 1
    while k >= 0 and out[k].low not in _TITLE_PREPS and out[k].low.endswith("o") and len(out) - k <= 3:
        k -= 1
    return k >= 0 and out[k].low in _TITLE_PREPS


def _join(toks: Sequence[_Tok], text: str) -> str:
    if not toks:
        return ""
    return text[toks[0].start: toks[-1].end]


def _named_title_after(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """A quoted title or ``z naslovom X`` right after ``pos``."""
    m = _QUOTED_TITLE.match(text, pos, end)
    if m:
        return m.group(1).strip(), m.end()
    m = _TITLED.match(text, pos, end)
    if m:
        return m.group(1).strip(), m.end()
    return None


def _capitalize(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _object_genitive(words: list[str]) -> list[str]:
    """Accusative object of "podpisati" → genitive after "podpis" (pogodbo → pogodbe)."""
    if not words:
        return words
    out = list(words)
    noun = out[0]
    low = noun.lower()
    if low in {"pismo", "sporočilo"}:
        out[0] = noun[:-1] + "a"
    elif low.endswith("o"):
        out[0] = noun[:-1] + "e"
    elif low[-1:] not in "aeiu":
        out[0] = noun + "a"
    return out


def _plural_genitive(word: str) -> str:
    low = word.lower()
    if low.endswith("ice"):
        return word[:-1]
    if low.endswith(("ce", "je")):
        return word[:-1] + "ev"
    if low.endswith("e") and len(low) > 3:
        return word[:-1] + "ov"
    return word


def _performer_after(toks: list[_Tok], i: int) -> list[_Tok]:
    """The ensemble or artist after "nastopil": capitalised words and the lower-case words
    between them ("Big band Glasbene šole Slovenj Gradec"), up to a preposition or a clause."""
    out: list[_Tok] = []
    k = i
    while k < len(toks) and toks[k].low in {"tudi", "še"}:
        k += 1
    while k < len(toks) and len(out) < 8:
        t = toks[k]
        if not t.word or t.low in _STOP_WORDS or t.low in _PLACE_PREP or t.low in {"z", "s", "in", "ter"}:
            break
        if not t.cap:
            ahead = toks[k + 1: k + 3]
            if not any(a.word and a.cap for a in ahead) or any(not a.word for a in ahead[:1]):
                break
        out.append(t)
        k += 1
    while out and not out[-1].cap:
        out.pop()
    return out


def _subject_before(toks: list[_Tok], i: int) -> list[_Tok]:
    """The noun phrase right before the auxiliary at ``toks[i]`` ("Projekt bo ...")."""
    out: list[_Tok] = []
    k = i - 1
    while k >= 0 and len(out) < 4:
        t = toks[k]
        if not t.word or t.low in _STOP_WORDS or t.low in _PLACE_PREP or t.low in {"in", "ter", "z", "s"}:
            break
        out.append(t)
        k -= 1
    out.reverse()
    # Only a phrase that opens its clause is the subject.
    if out and k >= 0 and toks[k].word:
        return []
    return out


def _genitive_phrase(toks: Sequence[_Tok]) -> list[str]:
    """A nominative noun phrase put in the genitive after an event noun ("Pihalni orkester
    Zarja" → "Pihalnega orkestra Zarja"): the adjectives and the first common noun inflect;
    the names and genitives after that noun stay as they are. A phrase of names alone
    ("Vlado Kreslin") is left in the nominative, as an apposition."""
    words = [t.text for t in toks]
    # The head noun ends the first run of lower-case words ("Mešani pevski zbor Lipa" → zbor).
    head = next((k for k, t in enumerate(toks) if not t.cap and t.word), None)
    while head is not None and head + 1 < len(toks) and not toks[head + 1].cap and toks[head + 1].word:
        head += 1
    if head is None:
        if len(toks) == 1 and toks[0].low in _PLAN_NOUNS:
            head = 0
        else:
            return words
    noun = words[head]
    low = noun.lower()
    if low.endswith("a"):
        gender, gen = "f", noun[:-1] + "e"
    elif low.endswith(("o", "e")):
        gender, gen = "n", noun[:-1] + "a"
    elif low.endswith("ster"):
        gender, gen = "m", noun[:-2] + "ra"
    elif low.endswith(("ec", "el")) and len(low) > 4 or low.endswith("ek") and len(low) > 5:
        gender, gen = "m", noun[:-2] + noun[-1] + "a"  # the fleeting e: osnutek → osnutka
    else:
        gender, gen = "m", noun + "a"
    out = list(words)
    out[head] = gen
    for k in range(head):
        w, lw = words[k], words[k].lower()
        if not _is_adjective(toks[k]):
            continue
        if gender == "f" and lw.endswith("a"):
            out[k] = w[:-1] + "e"
        elif gender in ("m", "n") and lw.endswith(("i", "o")):
            out[k] = w[:-1] + "ega"
    return out


def _title_for(trig: _Trigger, text: str, sent: tuple[int, int], stops: set[int]) -> tuple[str, bool]:
    """The event's short name from its sentence; the flag says it carries a name of its own."""
    s, e = sent
    toks = _tokens(text, s, e)
    idx = next((k for k, t in enumerate(toks) if t.start >= trig.start), len(toks))
    if trig.kind in ("noun", "named"):
        head = text[trig.start: trig.end]
        noun = lemmatize(head) if trig.kind == "named" else trig.lemma
        if trig.kind == "named" or (head[:1].isupper() and idx > 0):
            noun = _capitalize(noun)  # "66. Kurentovanje": a capital after an ordinal or mid-sentence is a name
        left = _left_modifiers(toks, idx, trig.gender)
        after = idx + 1
        while after < len(toks) and toks[after].end <= trig.end:
            after += 1
        named = _named_title_after(text, trig.end, e)
        if named:
            return _capitalize(" ".join(left + [noun, named[0]])), True
        right = _right_complement(toks, after, text, stops, after_noun=True)
        if trig.category == "sports":
            # "turnir v malem nogometu", "prvenstvo v šahu": the sport, not the place.
            k = after + len(right)
            extra = _discipline(toks, k, stops)
            if extra:
                right = toks[after: k + extra] + _right_complement(toks, k + extra, text, stops, after_noun=True)
        has_name = trig.kind == "named" or bool(right and right[0].cap) or any(
            _ORDINAL_RE.fullmatch(w) for w in left
        )
        words = left + [noun] + ([_join(right, text)] if right else [])
        return _capitalize(" ".join(words)), has_name
    if trig.kind == "sign":
        obj = _right_complement(toks, idx + 1, text, stops)
        words = [t.text for t in obj]
        if words:
            first = _object_genitive([words[0]])[0]
            rest = _join(obj[1:], text)
            return _capitalize(" ".join(["Podpis", first] + ([rest] if rest else []))), True
        return "Podpis", False
    if trig.kind == "receive":
        obj = _right_complement(toks, idx + 1, text, stops)
        words = [t.text for t in obj]
        for k, w in enumerate(words):
            if not w.lower().endswith("e"):
                continue
            nxt = words[k + 1] if k + 1 < len(words) else ""
            words[k] = w[:-1] + "ih" if nxt.lower().endswith("e") else _plural_genitive(w)
        return _capitalize(" ".join(["Sprejem"] + words)) if words else "Sprejem", bool(words)
    if trig.kind == "subject":
        return text[trig.start: trig.end], True
    if trig.kind == "inaugurate":
        return "Slovesno odprtje", False
    if trig.kind == "perform":
        performer = _performer_after(toks, idx + 1)
        if not performer:
            return "", False
        return " ".join(["Nastop"] + _genitive_phrase(performer)), True
    if trig.kind == "present_active":
        # The plan presented: the phrase opening the clause ("Projekt bodo ...") or the object
        # right after the verb ("bodo predstavili osnutek načrta"); nothing else is an event.
        obj = _subject_before(toks, idx)
        if not obj:
            after = next((k for k, t in enumerate(toks) if t.start >= trig.end), len(toks))
            obj = _right_complement(toks, after, text, stops)
        if not obj or lemmatize(obj[0].low) not in _PLAN_NOUNS:
            return "", False
        lead = "Javna predstavitev" if regex.search(r"javn|občan|krajan|stanoval|prebival", text[trig.start: trig.end], _FI) else "Predstavitev"
        head = lemmatize(obj[0].low)  # the accusative object back to the nominative first
        words = _genitive_phrase([_Tok(head, 0, len(head))]) + [t.text for t in obj[1:]]
        return " ".join([lead] + words), True
    if trig.kind == "present":
        subject = _subject_before(toks, idx)
        lead = "Javna predstavitev" if regex.search(r"javn", text[trig.start: trig.end], _FI) else "Predstavitev"
        if not subject:
            return lead, False
        words = _genitive_phrase(subject)
        if words and (subject[0].low in _PLAN_NOUNS or lemmatize(subject[0].low) in _PLAN_NOUNS):
            words[0] = words[0].lower()  # a common noun capitalised only by the sentence start
        return " ".join([lead] + words), True
    # "zaživela Praznična ploščad": the name is the capitalised subject after the verb.
    subj = []
    for t in toks[idx + 1:]:
        if t.word and (t.cap or (subj and t.low not in _STOP_WORDS and t.low not in _PLACE_PREP)) and len(subj) < 5:
            subj.append(t)
        else:
            break
    if subj:
        return _join(subj, text), True
    return "", False


# ---------------------------------------------------------------- places
_PLACE_PHRASE = regex.compile(r"(?<!\p{L})(?P<prep>v|na|pri|pred)\s+(?=[\p{L}])", _FI)


@dataclass
class _PlacePhrase:
    start: int
    end: int
    venue: str | None = None
    locality: str | None = None
    municipality: str | None = None


def _settlement_at(words: list[str], gaz: Gazetteer, prefer: Sequence[str]) -> tuple[int, str, str] | None:
    """``(words used, settlement, municipality)`` when the words start with a settlement name."""
    if not words or not gaz.has_register:
        return None
    for end, name in gaz.settlement_index.match(words, 0):
        s = gaz.settlement(name, prefer)
        if s is None:
            found = list(gaz.settlements(name))
            if len(found) > 1 and prefer and prefer[0]:
                # A name the register knows only elsewhere, and more than once ("Planica"),
                # is more likely a local place of the page's own municipality.
                return end, found[0].name, prefer[0]
            s = found[0] if found else None
        if s is not None:
            return end, s.name, s.municipality
    return None


def _venue_nominative(toks: list[_Tok], text: str, gaz: Gazetteer,
                      orgs: dict[str, str] | None = None) -> tuple[str, int] | None:
    """Nominative of a venue phrase (tokens after the preposition) and how many tokens it used."""
    words = [t for t in toks]
    head = None
    for k, t in enumerate(words[:5]):
        if not t.word:
            return None
        lem = lemmatize(t.low)
        if lem in _VENUE_HEADS:
            head = k
            break
        if not _is_adjective(t) and not t.cap:
            return None
        nxt = words[k + 1] if k + 1 < len(words) else None
        # A capitalised word is the head unless an adjective-like word of the name follows.
        ends_name = nxt is None or not nxt.word or nxt.low in _PLACE_PREP or nxt.low in _STOP_WORDS or (
            not nxt.cap and lemmatize(nxt.low) not in _VENUE_HEADS)
        if t.cap and (not _is_adjective(t) or ends_name):
            head = k
            break
    if head is None:
        return None
    if not all(w.cap or _is_adjective(w) for w in words[:head]):
        return None
    head_tok = words[head]
    head_nom = _noun_nominative(head_tok.text)
    if head_nom.lower() == head_tok.low and not head_tok.cap:
        return None  # not inflected: an accusative of direction ("v središče"), no venue
    gender = _gender_of(head_nom)
    out = [adjective_nominative(w.text, gender) for w in words[:head]] + [head_nom]
    used = head + 1
    # A second capitalised word in the same case is part of the name ("Vili Bianci").
    if used < len(words) and words[used].cap and words[used].word and head_tok.cap:
        nxt = words[used]
        if nxt.low[-1:] == head_tok.low[-1:] and lemmatize(nxt.text).lower() != nxt.low:
            out.append(lemmatize(nxt.text))
            used += 1
    # Genitive or apposition tail: capitalised words, lower-case genitives before a name.
    while used < len(words) and len(out) < 9:
        t = words[used]
        if not t.word:
            break
        if t.low in _PLACE_PREP or t.low in _STOP_WORDS or _noun_info(t.text) is not None:
            break
        if t.cap and _ORG_START.match(text, t.start):
            break  # "... bratov Letonja Turistično društvo ...": the next name begins
        if t.cap or (t.low in {"kulture", "mladih", "športa", "upokojencev", "bratov", "krajanov"}):
            out.append(t.text)
            used += 1
            continue
        if not t.cap and used + 1 < len(words) and words[used + 1].cap and words[used + 1].word and _is_genitive(t.low) \
                and not _PARTICIPLE.search(t.low):
            out.append(t.text)
            used += 1
            continue
        if not t.cap and _is_genitive(t.low) and lemmatize(t.low) in _VENUE_HEADS | {"knjižnica", "občina", "šola", "kultura"}:
            out.append(t.text)
            used += 1
            continue
        break
    phrase = " ".join(out)
    context = phrase + (" " + words[used].text if used < len(words) else "")
    if _NOT_VENUE.search(context) and lemmatize(head_tok.low) not in _VENUE_HEADS:
        return None
    if not any(w[:1].isupper() for w in out) and head == 0:
        # "v središču mesta", "v čitalnici knjižnice": a generic place. It names a venue only
        # when its genitive is an organisation the document names ("Knjižnica Velenje"), or
        # when a settlement follows ("pri vodohranu na Libni", "v gasilskem domu v Šmihelu").
        tail = out[1:]
        if len(tail) == 1:
            org = orgs.get(lemmatize(tail[0].lower())) if orgs else None
            if org:
                return org, used
        if not tail:
            near = _settlement_after(words, used, gaz)
            if near is not None:
                return f"{head_nom} {near[0]}", near[1]
        return None
    if not any(w[:1].isupper() for w in out):
        near = _settlement_after(words, used, gaz)
        if near is not None:
            return f"{' '.join(out)} {near[0]}", near[1]
    if head_nom.lower() in {"trg", "ulica", "cesta"} or (len(out) >= 2 and out[-1].lower() in {"trg", "ulica", "cesta"}):
        phrase = street_nominative(text[words[0].start: words[used - 1].end], gaz)
    return phrase, used


def _settlement_after(words: list[_Tok], used: int, gaz: Gazetteer) -> tuple[str, int] | None:
    """ "na Libni" / "v Topolšici" right after a generic venue: the phrase as written and the
    tokens used up to its end, so "pri vodohranu na Libni" names the venue "vodohran na Libni"."""
    if not (used + 1 < len(words) and words[used].low in {"na", "v"} and words[used + 1].cap):
        return None
    place = [t.text for t in words[used + 1: used + 4] if t.word]
    hit = _settlement_at(place, gaz, ())
    if hit is None:
        return None
    return words[used].text + " " + " ".join(t.text for t in words[used + 1: used + 1 + hit[0]]), used + 1 + hit[0]


_ORG_START = regex.compile(
    r"(?:(?:Turistično|Kulturno|Športno|Prostovoljno|Gasilsko|Kulturno-umetniško)\s+društvo|Mestna\s+občina"
    r"|Pihalni\s+orkester|Javni\s+zavod|Komunalno\s+podjetje|Društvo|Zavod|Občina|Klub|Zveza|Agencija)(?!\p{L})",
    _F,
)


def _is_genitive(low: str) -> bool:
    return low.endswith(("e", "a", "ega", "ih", "ov", "ev"))


# A neuter adjective of a region standing alone in the locative: "na Tolminskem", "na Koroškem".
_REGION_LOCATIVE = regex.compile(r"\p{Lu}\p{Ll}+(?:sk|šk|čk)em", _F)


def _place_phrases(text: str, s: int, e: int, gaz: Gazetteer, prefer: Sequence[str],
                   orgs: dict[str, str] | None = None) -> list[_PlacePhrase]:
    """Venues and settlements named by place phrases (v/na/pri/pred + name) in ``text[s:e]``."""
    out: list[_PlacePhrase] = []
    for m in _PLACE_PHRASE.finditer(text, s, e):
        line_end = text.find("\n", m.end(), e)
        toks = _tokens(text, m.end(), min(e if line_end < 0 else line_end, m.end() + 120))
        if not toks or not toks[0].word:
            continue
        if _TITLE_PP.match(text, m.start(), e):
            continue
        words = [t.text for t in toks if t.word]
        first = toks[0]
        if first.cap:
            hit = _settlement_at(words[:4], gaz, prefer)
            if hit is not None:
                used = hit[0]
                # "Kulturnem domu Šoštanj" is no settlement even if a word matches one.
                if not any(lemmatize(w.lower()) in _VENUE_HEADS for w in words[:used]):
                    out.append(_PlacePhrase(m.start(), toks[used - 1].end, locality=hit[1], municipality=hit[2]))
                    continue
        if first.cap and _REGION_LOCATIVE.fullmatch(first.text) and (len(toks) == 1 or not toks[1].word):
            continue  # "na Tolminskem", "po Goriškem": a region (Tolminsko), no venue
        if not first.cap and _noun_info(first.text) is not None:
            continue  # "vabi na razstavo Planšarstvo": the event invited to, no place
        venue = _venue_nominative(toks, text, gaz, orgs)
        if venue is None:
            continue
        phrase, used = venue
        pp = _PlacePhrase(m.start(), toks[used - 1].end, venue=phrase)
        # The venue's own town: "Dom kulture Velenje", "jedro Kranja".
        tail = [t.text for t in toks[:used] if t.cap]
        for k in range(len(tail)):
            hit = _settlement_at(tail[k:], gaz, prefer)
            if hit is not None and hit[0] == len(tail) - k:
                pp.locality, pp.municipality = hit[1], hit[2]
                break
        out.append(pp)
    return out


# ---------------------------------------------------------------- documents
_DATELINE = regex.compile(r"(?m)^(?P<town>\p{Lu}\p{Ll}+(?:\s+(?:ob|pri|na|v)?\s*\p{Lu}\p{Ll}+)*)\s*(?:,\s*\d{1,2}\.[^–\n]{0,30})?\s+[–—-]\s", _F)
_WORD_RE = regex.compile(r"\p{L}+", _F)


def _document_places(doc: Document, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """``(locality, municipality)`` a document is about when a sentence says nothing more.

    The dateline (``Velenje – ``) wins, then the site's name (``kranj.si``), then the
    municipality the text names most often.
    """
    text = doc.text
    for m in _DATELINE.finditer(text, 0, min(len(text), 600)):
        hit = _settlement_at(_WORD_RE.findall(m.group("town")), gaz, ())
        if hit is not None:
            return hit[1], hit[2]
    for raw in (doc.source, doc.url):
        if not raw:
            continue
        host = _HOST_PREFIX.sub("", raw).split("/")[0]
        # "kranjska-gora.si" is Kranjska Gora: a hyphenated label is tried whole before its parts.
        labels = host.split(".")
        parts = [lab.replace("-", "") for lab in labels if "-" in lab] + _HOST_SPLIT.split(host)
        for part in parts:
            if part in {"www", "si", "com", "net", "org", "moc"} or len(part) < 4:
                continue
            muni = _municipality_from_host(part, gaz)
            if muni:
                return gaz.seat(muni) or muni, muni
    counts: dict[str, int] = {}
    words = _WORD_RE.findall(text)
    for k, w in enumerate(words):
        if not w[:1].isupper():
            continue
        for end, name in gaz.municipality_index.match(words, k)[:1]:
            counts[name] = counts.get(name, 0) + 1
    if counts:
        muni = max(sorted(counts), key=lambda n: counts[n])
        return gaz.seat(muni) or muni, muni
    return None, None


def _fold_ascii(s: str) -> str:
    return s.lower().translate(str.maketrans("čšžćđ", "cszcd"))


_HOST_CACHE: dict[tuple[int, str], str | None] = {}


def _municipality_from_host(part: str, gaz: Gazetteer) -> str | None:
    key = (id(gaz), part)
    if key in _HOST_CACHE:
        return _HOST_CACHE[key]
    target = _TRAILING_DIGITS.sub("", _fold_ascii(part))
    found = None
    for name in gaz.municipalities:
        folded = _fold_ascii(name).replace(" ", "")
        if folded == target:
            found = name
            break
    if found is None:
        # "velenjcan" is Velenje's portal: the name without its final vowel starts the host.
        for name in gaz.municipalities:
            folded = _fold_ascii(name).replace(" ", "")
            stem = folded[:-1] if folded[-1:] in "aeiou" else folded
            if len(stem) >= 5 and target.startswith(stem) and " " not in name:
                found = name
                break
    _HOST_CACHE[key] = found
    return found


# ---------------------------------------------------------------- windows
# "sob, 14. 2. | 10.00": a listing's date line with an abbreviated weekday and a numeric day
# without a year, which the date grammar leaves alone (a bare "14. 2." may be anything).
_SHORT_DAY_LINE = regex.compile(
    r"(?m)^[ \t]*(?P<wd>pon|tor|sre|čet|pet|sob|ned)\.?,?[ \t]+(?P<d>\d{1,2})\.[ \t]*(?P<m>\d{1,2})\.(?:[ \t]*(?P<y>20\d\d))?"
    r"(?:[ \t]*[|,][ \t]*(?:ob[ \t]+)?(?P<h>\d{1,2})[.:](?P<mi>\d{2})(?:[ \t]*(?:h|uri))?)?[ \t]*$",
    _FI,
)
_SHORT_WEEKDAYS = ("pon", "tor", "sre", "čet", "pet", "sob", "ned")


def _short_day_lines(text: str, ref: date | None, known: list[TemporalMention]) -> list[TemporalMention]:
    """Date lines such as ``sob, 14. 2. | 10.00``: the day in the year, next to the reference
    day, in which the date falls on the stated weekday."""
    out: list[TemporalMention] = []
    if ref is None:
        return out
    for m in _SHORT_DAY_LINE.finditer(text):
        if any(k.start < m.end() and m.start() < k.end for k in known):
            continue
        wd = _SHORT_WEEKDAYS.index(m.group("wd").lower())
        day_, month = int(m.group("d")), int(m.group("m"))
        years = [int(m.group("y"))] if m.group("y") else [ref.year, ref.year + 1, ref.year - 1]
        found = None
        for y in years:
            try:
                d = date(y, month, day_)
            except ValueError:
                continue
            if d.weekday() == wd and abs((d - ref).days) <= 200:  # a listing looks months ahead, not years
                found = d
                break
        if found is None:
            continue
        t = None
        if m.group("h") and int(m.group("h")) < 24 and int(m.group("mi")) < 60:
            t = time(int(m.group("h")), int(m.group("mi")))
        out.append(TemporalMention(m.start("wd"), m.end(), Window(found, t, None, None), has_date=True,
                                   has_time=t is not None, granularity="day", dates=(found,)))
    return out


# "do torka, 11.", or an end verb: "in se sklenila v torek, 11. novembra", "končal se bo v nedeljo"
_UNTIL_BEFORE = regex.compile(
    r"(?<!\p{L})do\s+(?:\p{Ll}+\s+)?$"
    r"|(?<!\p{L})(?:sklenil|končal|zaključil)\p{L}*\s+(?:(?:se|bo|bodo|pa)\s+)*(?:v\s+|z\s+)?(?:\p{Ll}+\s+)?$",
    _FI,
)


def _sentence_window(mentions: list[TemporalMention], text: str) -> tuple[Window | None, bool]:
    """The window the temporal mentions of one sentence state, and whether it is only an end."""
    days = [m for m in mentions if m.has_date and m.granularity == "day" and not m.recurring]
    times = [m for m in mentions if not m.has_date and m.has_time]
    months = [m for m in mentions if m.granularity == "month"]
    if not days:
        return None, False
    base = days[0]
    w = base.window
    open_ended = base.open_ended
    if w.start_date is None and w.end_date is not None:
        # "Z današnjim ... od sobote, 6. septembra": a later "od" date may start it.
        if w.start_time is not None and w.end_time is not None:
            # "na ogled do 28. februarja, med 9. in 16. uro": a from-to time range with an
            # until-day is the daily opening hours, not the moment the event ends.
            w = replace(w, start_time=None, end_time=None)
        return w, True
    for m in days[1:]:
        o = m.window
        lead = text[max(0, m.start - 4): m.start].lower()
        starts_here = text[m.start: m.start + 3].lower() == "od " or lead.endswith("od ")
        if starts_here and o.start_date and w.start_date and o.start_date < w.start_date and w.end_date is None:
            w = replace(o, end_date=w.start_date, end_time=None)
            open_ended = False
        elif o.start_date is None and o.end_date and w.start_date and w.end_date is None and o.end_date >= w.start_date:
            w = replace(w, end_date=o.end_date, end_time=o.end_time)
            open_ended = False
        elif (o.start_date and w.start_date and w.end_date is None and o.start_date > w.start_date
              and _UNTIL_BEFORE.search(text, max(0, m.start - 30), m.start)):
            # "od sobote, 7. februarja, do pustnega torka, 17. februarja": the date grammar
            # does not join a range whose weekday carries an adjective; the "do" day ends it.
            w = replace(w, end_date=o.start_date, end_time=o.end_time)
            open_ended = False
    for m in times:
        o = m.window
        if w.start_time is None and w.end_time is None and o.start_time is not None:
            w = replace(w, start_time=o.start_time, end_time=o.end_time)
            open_ended = m.open_ended
        elif w.start_time is not None and w.end_time is None and o.start_time is None and o.end_time:
            w = replace(w, end_time=o.end_time)
            open_ended = False
    for m in months:
        o = m.window
        if w.end_date is None and o.start_date and o.end_date and w.start_date and o.start_date <= w.start_date <= o.end_date:
            w = replace(w, end_date=o.end_date)
    if open_ended:
        w = replace(w, end_date=None, end_time=None)
    return _close_day(w), False


def _start_time_from(w: Window, mentions: list[TemporalMention]) -> Window:
    """The day's start hour from a following sentence that states hours but no day."""
    if any(m.has_date for m in mentions):
        return w
    first = next((m for m in mentions if m.has_time and m.window.start_time is not None), None)
    return replace(w, start_time=first.window.start_time) if first else w


def _close_day(w: Window) -> Window:
    """A single day with an end time ends that day (or the next one, overnight)."""
    if w.start_date and w.end_time and w.end_date is None:
        end = w.start_date
        if w.start_time and w.end_time <= w.start_time:
            end += timedelta(days=1)
        w = replace(w, end_date=end)
    return w


def _extend_with_following_time(w: Window, mentions: list[TemporalMention]) -> Window:
    """ "od 21. ure dalje ... do 2. ure zjutraj" in the next sentence closes the window."""
    if w.start_time is None or w.end_time is not None:
        return w
    for m in mentions:
        o = m.window
        if not m.has_date and m.has_time and o.start_time is None and o.end_time is not None:
            return _close_day(replace(w, end_time=o.end_time))
    return w


# ---------------------------------------------------------------- extraction
@dataclass
class _Mention:
    title: str
    named: bool
    category: str
    lemma: str
    window: Window | None
    end_only: bool
    sent: tuple[int, int]
    trig: _Trigger
    venue: str | None = None
    locality: str | None = None
    municipality: str | None = None
    organizer: str | None = None
    participants: list[str] = field(default_factory=list)
    date_src: int | None = None  # the sentence whose date the mention took
    weak: bool = False  # dated only by a bare weekday in the headline
    cause: bool = False  # named as the cause of something else ("zapora zaradi povorke")


def _paragraph_ids(text: str, spans: list[tuple[int, int]]) -> list[int]:
    ids, pid, prev_end = [], 0, 0
    for s, e in spans:
        if _BLANK_LINE.search(text, prev_end, s):
            pid += 1
        ids.append(pid)
        prev_end = e
    return ids


_PUBLISHED_LINE = regex.compile(
    r"\s*(?:objavljeno|objava|datum\s+objave|datum|posodobljeno|zadnja\s+sprememba|avtor\p{L}*|napisal\p{L}*)(?!\p{L})",
    _FI,
)


def _is_date_line(text: str, s: int, e: int, mentions: list[TemporalMention]) -> bool:
    """A short line that is mostly a date (and a place): the date line of a listing.

    A byline ("Objavljeno: 12. 3. 2025") dates the page, not an event.
    """
    if _PUBLISHED_LINE.match(text, s, e):
        return False
    rest = text[s:e]
    for m in mentions:
        rest = rest.replace(text[m.start:m.end], " ")
    words = [w for w in _WORD_RE.findall(rest)]
    return bool(mentions) and len(words) <= 8 and not _AUX.search(rest)


_VENUE_LINE = regex.compile(r"^\s*(?:\p{Lu}\p{Ll}+|\p{Ll}+)(?:\s+\p{L}+){0,5}\s*$", _F)
_ORGANIZER_BEFORE = regex.compile(
    r"(?P<org>\p{Lu}[\p{L}\-]*(?:[ \t]+(?:[\p{L}\-]+|\d+))*?)[ \t]*(?:,[ \t]*ki\s[^,\n]{0,80},[ \t]*)?[ \t]+(?:vabi|vabijo|organizira|organizirajo|prireja|pripravlja)(?!\p{L})",
    _F,
)
_ORGANIZER_STATED = regex.compile(
    r"(?<!\p{L})(?:organizator\p{L}*\s+(?:\p{L}+\s+)?(?:je|so|bo|bodo)|v\s+organizaciji|organizator\p{L}*\s+iz)\s+(?P<org>\p{Lu}[^.;:]{2,120})",
    _FI,
)
_ORGANIZER_PREPARED = regex.compile(
    r"(?<!\p{L})(?P<ev>\p{L}+)\s+(?:(?:so|je|sta)\s+(?:pripravil[aio]?|organiziral[aio]?)"
    r"|(?:organizira|pripravlja|prireja)(?:ta|jo)?)\s+(?P<org>\p{Lu}[^.;:]{2,200})",
    _FI,
)
# "Pripravljata Turistično društvo Ormož in Javni zavod Ormož.": the verb first, in a listing.
_ORGANIZER_VERB_FIRST = regex.compile(
    r"(?:^|(?<=[.!?]\s))[ \t]*(?:Organizira|Pripravlja|Prireja)(?:ta|jo)?\s+(?P<org>\p{Lu}[^.;:\n]{2,200})",
    _F | regex.MULTILINE,
)
_PERFORMER = regex.compile(r"(?<!\p{L})(?:nastopil[aio]?|nastopajo|nastopa|program:)\s+(?P<org>\p{Lu}[^.;]{2,80})", _FI)


def _organisation_list(text: str, start: int, end: int) -> list[str]:
    return [o.name for o in find_organisations(text, start, end)]


# Every _ORGANIZER_BEFORE match ends in one of these verbs (case as written): a sentence
# without them is not scanned, because trying each capital word as a name start is slow.
_ORGANIZER_VERBS = ("vabi", "organizira", "prireja", "pripravlja")


def _organizer_in_sentence(text: str, s: int, e: int, title: str) -> str | None:
    if not any(text.find(verb, s, e) >= 0 for verb in _ORGANIZER_VERBS):
        return None
    for m in _ORGANIZER_BEFORE.finditer(text, s, e):
        org = m.group("org").strip()
        orgs = _organisation_list(text, m.start("org"), m.end("org"))
        if orgs:
            return orgs[-1]  # the name right before the verb is its subject
        words = org.split()
        if 2 <= len(words) <= 6 and not _NOUN_TRIGGER.search(org) and sum(w[:1].isupper() for w in words) >= 2:
            if title and org.split()[0].lower() in title.lower():
                continue
            return org
    return None


def _organizer_in_text(text: str, start: int, end: int, lemma: str) -> str | None:
    for m in _ORGANIZER_STATED.finditer(text, start, end):
        orgs = _organisation_list(text, m.start("org"), m.end("org"))
        if orgs:
            return "; ".join(orgs)
        first = _TWO_CAPS.match(m.group("org"))
        if first:
            return " ".join([lemmatize(first.group(1))] + ([first.group(2)] if first.group(2) else []))
    for m in _ORGANIZER_PREPARED.finditer(text, start, end):
        if lemma and lemmatize(m.group("ev").lower()) != lemma:
            continue
        orgs = _organisation_list(text, m.start("org"), m.end("org"))
        if orgs:
            return "; ".join(orgs)
    for m in _ORGANIZER_VERB_FIRST.finditer(text, start, end):
        orgs = _organisation_list(text, m.start("org"), m.end("org"))
        if orgs:
            return "; ".join(orgs)
    return None


def _participants(text: str, s: int, e: int) -> list[str]:
    people = find_people(text, s, e)
    out = [p.name for p in people]
    for m in _PERFORMER.finditer(text, s, e):
        for o in find_organisations(text, m.start("org"), m.end("org")):
            if not any(p.start < o.end and o.start < p.end for p in people) and o.name not in out:
                out.append(o.name)
    return out


def _evidence(doc: Document, s: int, e: int, focus: int) -> Evidence:
    if e - s > MAX_EVIDENCE:
        lo = max(s, min(focus - 100, e - MAX_EVIDENCE))
        hi = min(e, lo + MAX_EVIDENCE)
        s, e = lo, hi
        while e > s and doc.text[e - 1].isspace():
            e -= 1
    return Evidence(doc.document_id, doc.text[s:e], s, e)


_TITLE_LEAD = regex.compile(
    r"^\s*(?:(?:jutri|danes|nocoj|drevi|v\s+\p{L}+|to\s+\p{L}+|ta\s+\p{L}+|prihodnji\s+\p{L}+)\s+|vabljeni\s+na\s+)",
    _FI,
)


def _title_candidate(doc_title: str | None, mention: _Mention) -> str | None:
    """The document title as the event's name, when it is a noun phrase headed by the event word."""
    if not doc_title:
        return None
    part = doc_title
    if ":" in part:
        head, _, tail = part.partition(":")
        part = head if _NOUN_TRIGGER.search(head) else tail
    lead = _TITLE_LEAD.match(part)
    if lead:
        part = part[lead.end():]
    part = part.strip()
    part = _TITLE_SPLIT.split(part)[0].strip()
    if not part:
        return None
    toks = _tokens(part, 0, len(part))
    # The event noun must head the phrase: within its first four words, only adjectives before it.
    head_at = None
    for k, t in enumerate(toks[:4]):
        info = _noun_info(t.text) if t.word else None
        if info and (info[0] == mention.lemma or info[2] == mention.category):
            head_at = k
            break
        if not (_ORDINAL_RE.fullmatch(t.text) or (t.word and _is_adjective(t))):
            break
    if head_at is None:
        return None
    if _TITLE_VERB.search(part):
        return None
    head_tok = toks[head_at]
    info = _noun_info(head_tok.text)
    gender = info[1] if info else "m"
    mods = [t.text if _ORDINAL_RE.fullmatch(t.text) else adjective_nominative(t.text, gender) for t in toks[:head_at]]
    noun = info[0] if info and not _FEST.fullmatch(head_tok.text) else lemmatize(head_tok.text)
    keep: list[_Tok] = []
    k = head_at + 1
    while k < len(toks):
        t = toks[k]
        if not t.word and not t.text[:1].isdigit() and t.text not in "–-?":
            break
        if t.low in _STOP_WORDS:
            break
        if t.low in _PLACE_PREP and not (k + 1 < len(toks) and toks[k + 1].cap):
            break
        keep.append(t)
        k += 1
    rest = _join(keep, part)
    return _capitalize(" ".join(mods + [noun] + ([rest] if rest else [])))


def extract_events(doc: Document, gazetteer: Gazetteer) -> list[EventCandidate]:
    """Dated events one document states, one candidate per event.

    Sentences with an event word and a day (in the sentence, or in the date line of the
    listing block the sentence heads) become candidates; mentions of the same event in one
    document (headline, lead, body) are joined, and the document title names the event
    when it is a noun phrase headed by the event word.
    """
    text = doc.text
    if not text:
        return []
    all_trigs = _triggers(text, 0, len(text))
    if not all_trigs:
        return []  # most notices name no event: skip the date grammar altogether
    ref = doc.reference_date
    temporals = find_temporals(text, ref, months=True)
    extra = _short_day_lines(text, ref, temporals)
    if extra:
        temporals = sorted(temporals + extra, key=lambda m: m.start)
    spans = sentence_spans(text)
    paragraph = _paragraph_ids(text, spans)
    by_sentence: list[list[TemporalMention]] = [[] for _ in spans]
    k = 0
    for m in temporals:
        while k < len(spans) and spans[k][1] <= m.start:
            k += 1
        if k < len(spans) and spans[k][0] <= m.start:
            by_sentence[k].append(m)
    # Event words of the whole text at once, then per sentence.
    sent_trigs: list[list[_Trigger]] = [[] for _ in spans]
    k = 0
    for t in all_trigs:
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k < len(spans) and spans[k][0] <= t.start and t.end <= spans[k][1]:
            sent_trigs[k].append(t)
    doc_loc, doc_muni = _document_places(doc, gazetteer)
    prefer = [doc_muni] if doc_muni else []
    orgs: dict[str, str] = {}
    for o in find_organisations(text):
        orgs.setdefault(lemmatize(o.name.split()[0].lower()), o.name)
    mentions: list[_Mention] = []
    for i, (s, e) in enumerate(spans):
        trigs = sent_trigs[i]
        if not trigs:
            continue  # tested first: the word scans below cost more and only ever skip a sentence
        if _NEGATIVE.search(text, s, e):
            continue
        if any(t.category == "sports" for t in trigs) and _RESULT.search(text, s, e):
            continue
        trig = _primary_trigger(trigs, text, s, e)
        if trig is None:
            continue
        sent_mentions = [m for m in by_sentence[i] if not _is_deadline(text, s, m) and not _is_dateline(text, m)]
        stops = {m.start for m in by_sentence[i]}
        window, end_only = _sentence_window(sent_mentions, text)
        block = (s, _clause_end(text, trig.end, e))
        date_src = i if window is not None else None
        title, named = _title_for(trig, text, (s, e), stops)
        if not title:
            continue
        if window is None:
            window, block, date_src = _listing_window(text, spans, paragraph, by_sentence, i, sent_trigs, ref)
            if window is None and named:
                window, date_src = _window_of_previous(spans, paragraph, by_sentence, i, text, sent_trigs)
        elif end_only:
            window = _start_from_previous(spans, paragraph, by_sentence, i, window, text, sent_trigs)
            end_only = window.start_date is None
        if window is not None and window.start_date and not end_only:
            nxt = i + 1
            if nxt < len(spans) and paragraph[nxt] == paragraph[i] and not sent_trigs[nxt]:
                window = _extend_with_following_time(window, by_sentence[nxt])
            elif (nxt < len(spans) and paragraph[nxt] == paragraph[i] and window.start_time is None
                  and window.end_date is None and all(t.lemma == trig.lemma for t in sent_trigs[nxt])):
                # "... v soboto, 6. decembra, pripravilo Miklavžev tek. Start tekov bo ob 10. uri":
                # the next sentence about the same event, with an hour and no day, says when it starts.
                window = _start_time_from(window, by_sentence[nxt])
        if trig.lemma in _GENERIC and not named:
            # "Martinovanje ... pripravlja zavod. Prireditev se bo začela v petek, 7. novembra":
            # the bare noun refers back to the undated event just named and dates it.
            prev = mentions[-1] if mentions else None
            if (window is not None and window.start_date and not end_only and prev is not None
                    and prev.window is None and 0 <= s - prev.sent[1] <= _ANAPHORA_GAP
                    and not text[s: trig.start].strip()):  # the noun is the subject it opens with
                prev.window, prev.date_src = window, i
                if prev.venue is None:  # "... ob 17. uri s krstom vina na Mestnem trgu"
                    probe = _Mention(prev.title, prev.named, prev.category, prev.lemma, None, False, (s, e), prev.trig)
                    _fill_places(probe, text, block, gazetteer, prefer, spans, i, paragraph, orgs)
                    if probe.venue:
                        prev.venue = probe.venue
                        if prev.locality is None:
                            prev.locality, prev.municipality = probe.locality, probe.municipality
            continue
        if trig.lemma in _NEEDS_WORDS and (not title_lemmas(title, _EVENT_HEADS | {trig.lemma})
                                           or (trig.lemma == "tržnica" and _HOURS_WORD.search(text, s, e))):
            continue
        if trig.kind == "subject" and _is_place_name(text[trig.start: trig.end], gazetteer, prefer):
            continue  # "Slovenske Konjice bodo ...": a town, not an event
        mention = _Mention(title, named, trig.category, trig.lemma, window, end_only, (s, e), trig,
                           date_src=date_src)
        # A bare weekday in the headline ("..., v nedeljo zaprto središče") may belong to
        # another clause; the body's explicit dates decide (see _consolidate).
        mention.weak = i == 0 and date_src == i and all(m.weekday_only for m in sent_mentions if m.has_date)
        # "zaprta zaradi povorke od 11. do 17. ure": the times are those of the closure.
        mention.cause = bool(_CAUSE_BEFORE.search(text, max(s, trig.start - 40), trig.start))
        _fill_places(mention, text, block, gazetteer, prefer, spans, i, paragraph, orgs)
        if mention.venue is None and date_src is not None and date_src != i:
            _venue_line(mention, text, spans, paragraph, sorted({i, date_src}), gazetteer, prefer)
            nxt = max(i, date_src) + 1
            if mention.venue is None and nxt < len(spans) and paragraph[nxt] == paragraph[i]:
                # "Start in cilj pri Delavskem domu": the description under a listing's headline
                # and date line names the place.
                probe = _Mention(title, named, trig.category, trig.lemma, None, False, spans[nxt], trig)
                _fill_places(probe, text, spans[nxt], gazetteer, prefer, spans, nxt, paragraph, orgs)
                if probe.venue:
                    mention.venue = probe.venue
                    if mention.locality is None:
                        mention.locality, mention.municipality = probe.locality, probe.municipality
        mention.organizer = _organizer_in_sentence(text, s, e, title)
        mention.participants = _participants(text, s, e)
        if trig.kind == "perform":
            toks = _tokens(text, trig.end, e)
            performer = _join(_performer_after(toks, 0), text)
            if performer:
                # The ensemble that performs takes part; a partial organisation match inside it goes.
                mention.participants = [performer] + [p for p in mention.participants if p not in performer]
        mentions.append(mention)
    events = _consolidate(mentions, doc)
    out: list[EventCandidate] = []
    for ev in events:
        w = ev.window
        if w is None or w.start_date is None:
            continue
        if ev.organizer is None and len(events) == 1:
            ev.organizer = _organizer_in_text(text, 0, len(text), ev.lemma)
        elif ev.organizer is None:
            ev.organizer = _organizer_in_text(text, ev.sent[0], min(len(text), ev.sent[1] + 600), ev.lemma)
        if ev.locality is None:
            town = _town_adjective(ev.title, gazetteer)
            if town:
                ev.locality, ev.municipality = town, gazetteer.municipality(town)
        locality = ev.locality or doc_loc
        municipality = ev.municipality or (doc_muni if not ev.locality else None)
        if ev.locality and not ev.municipality:
            s_ = gazetteer.settlement(ev.locality, prefer)
            municipality = s_.municipality if s_ else None
        focus = ev.trig.start
        category = ev.category
        if ev.trig.kind == "subject":
            # A named event with no event noun: over several days it is a festival.
            category = "festival" if w.end_date and w.end_date > w.start_date else "other"
        out.append(
            EventCandidate(
                title=ev.title,
                category=category,
                window=w,
                evidence=_evidence(doc, ev.sent[0], ev.sent[1], focus),
                venue=ev.venue,
                locality=locality,
                municipality=municipality,
                organizer=ev.organizer,
                participants=ev.participants,
                source_url=doc.url,
                reference_date=doc.reference_date,
            )
        )
    return out


_TOWN_ADJ = regex.compile(r"(?<!\p{L})(\p{Lu}\p{Ll}+?)(?:sk|šk)(?:i|a|o|e|ega|em|ih)(?!\p{L})", _F)


def _town_adjective(title: str, gaz: Gazetteer) -> str | None:
    """ "Ljubljanski maraton" is in Ljubljana: a -ski adjective made from a municipality's name."""
    for m in _TOWN_ADJ.finditer(title or ""):
        stem = m.group(1)
        for cand in (stem, stem + "a", stem + "e", stem + "o"):
            muni = gaz.municipality(cand)
            if muni and _fold_ascii(muni) == _fold_ascii(cand):
                return gaz.seat(muni) or muni
    return None


def _is_deadline(text: str, s: int, m: TemporalMention) -> bool:
    """ "Pobude zbirajo do 15. decembra": an end-only date after a word of submitting."""
    w = m.window
    if w.start_date is not None or w.end_date is None:
        return False
    return _DEADLINE.search(text, s, m.start) is not None


_DATELINE_LEAD = regex.compile(r"(?:^|\n)\s*\p{Lu}\p{Ll}+(?:\s+\p{L}+){0,3},\s*$", _F)
_DATELINE_TAIL = regex.compile(r"\s*[–—-]\s", _F)


def _is_dateline(text: str, m: TemporalMention) -> bool:
    """ "Ptuj, 4. 11. 2025 – Zavod ... pripravlja": the place and day a report was written,
    not the day of the event it reports."""
    return (_DATELINE_TAIL.match(text, m.end) is not None
            and _DATELINE_LEAD.search(text, max(0, m.start - 40), m.start) is not None)


_NAMED_PLACE_BEFORE = regex.compile(r"(?<!\p{L})(?i:na|v|pri)\s+\p{Lu}\p{Ll}+\s+$", _F)


def _is_place_name(name: str, gaz: Gazetteer, prefer: Sequence[str]) -> bool:
    """The whole phrase is a settlement's name."""
    words = _WORD_RE.findall(name)
    hit = _settlement_at(words, gaz, prefer)
    return hit is not None and hit[0] == len(words)


_OPENED_CATEGORIES = frozenset({"exhibition", "fair", "festival"})


def _primary_trigger(trigs: list[_Trigger], text: str, s: int, e: int) -> _Trigger | None:
    """The event word the sentence is about: not an organiser's name (``Festival Velenje vabi``)."""
    good = []
    for t in trigs:
        after = text[t.end: min(e, t.end + 40)]
        if t.kind in ("noun", "named") and _SUBJECT_VERB.match(after):
            continue
        before = text[max(s, t.start - 25): t.start]
        if _FROM_BEFORE.search(before) and t.kind == "noun":
            continue
        good.append(t)
    # "Na Celjskem sejmu bo potekal 57. Mednarodni sejem": an event noun named by a capitalised
    # adjective after a place preposition is the venue when the sentence has another event word.
    if len(good) > 1:
        named_place = [t for t in good if t.kind == "noun" and _NAMED_PLACE_BEFORE.search(text, max(s, t.start - 40), t.start)]
        if len(named_place) < len(good):
            good = [t for t in good if t not in named_place]
    # "odprtje razstave X": the opening starts the exhibition (fair, festival) it opens, which
    # is the event; the opening's day and hour are its start.
    opened = [t for t in good if t.lemma == "odprtje" and t.kind == "noun" and any(
        o.category in _OPENED_CATEGORIES and o.kind == "noun" and 0 < o.start - t.end <= 2 for o in good)]
    if opened:
        good = [t for t in good if t not in opened]
    if not good:
        return None
    # A specific event word beats a generic one and a verb.
    rank = {"named": 0, "noun": 1, "subject": 1, "sign": 2, "perform": 2, "present": 2, "present_active": 2, "receive": 3, "open": 3,
            "inaugurate": 3}
    good.sort(key=lambda t: (t.lemma in _GENERIC, t.lemma == "podpis" and t.kind == "noun", rank[t.kind], t.start))
    return good[0]


def _is_heading(text: str, spans, paragraph, i: int) -> bool:
    """A short line alone in its paragraph: the headline of the block below it."""
    alone = (i == 0 or paragraph[i - 1] != paragraph[i]) and (i + 1 >= len(spans) or paragraph[i + 1] != paragraph[i])
    return alone and len(_WORD_RE.findall(text[spans[i][0]:spans[i][1]])) <= 12


def _listing_window(text, spans, paragraph, by_sentence, i, sent_trigs,
                    ref: date | None = None) -> tuple[Window | None, tuple[int, int], int | None]:
    """The date line next to a headline or description in a listing block.

    The bare date under a page's headline that equals its publication day is the page's
    date stamp, not the date of the event the headline names.
    """
    heading = _is_heading(text, spans, paragraph, i)
    for j in (i + 1, i + 2, i - 1, i - 2):
        if not (0 <= j < len(spans)):
            continue
        if paragraph[j] != paragraph[i] and not (heading and j > i and paragraph[j] == paragraph[i] + 1):
            continue
        s, e = spans[j]
        ms = by_sentence[j]
        if ms and _is_date_line(text, s, e, ms) and not sent_trigs[j]:
            w, end_only = _sentence_window(ms, text)
            if w is not None and i == 0 and j == 1 and ref is not None and w.start_date == ref:
                continue
            if w is not None and not end_only:
                return w, (min(spans[i][0], s), max(spans[i][1], e)), j
    return None, spans[i], None


def _window_of_previous(spans, paragraph, by_sentence, i, text: str, sent_trigs) -> tuple[Window | None, int | None]:
    """ "Ptuj bo od sobote, 7. februarja, ... 66. Kurentovanje bo ...": a named event with no
    date of its own takes the days the sentence before it in the paragraph names, when that
    sentence states no other event."""
    j = i - 1
    if j < 0 or paragraph[j] != paragraph[i] or sent_trigs[j]:
        return None, None
    w, end_only = _sentence_window(by_sentence[j], text)
    if w is None or end_only or w.start_date is None:
        return None, None
    return w, j


def _start_from_previous(spans, paragraph, by_sentence, i, window: Window, text: str, sent_trigs) -> Window:
    """ "36. Pikin festival bo trajal do petka": the start is the day the sentence before names."""
    j = i - 1
    if j >= 0 and paragraph[j] == paragraph[i] and not sent_trigs[j]:
        w, end_only = _sentence_window(by_sentence[j], text)
        if w is not None and not end_only and w.start_date and w.start_date <= window.end_date:
            return replace(w, end_date=window.end_date, end_time=window.end_time)
    return window


_CLAUSE_BREAK = regex.compile(r",\s*(?:zato|ker|saj|vendar|a|ampak|medtem|čeprav|kajti|nato|tudi)(?!\p{L})", _FI)


def _clause_end(text: str, pos: int, end: int) -> int:
    """End of the clause an event word stands in ("..., zato bodo ceste zaprte" is another)."""
    m = _CLAUSE_BREAK.search(text, pos, end)
    return m.start() if m else end


def _venue_line(m: _Mention, text: str, spans, paragraph, lines: list[int], gaz: Gazetteer, prefer) -> None:
    """A bare venue line inside a listing block ("Kulturni dom Šoštanj")."""
    lo, hi = lines[0], lines[-1]
    paras = {paragraph[k] for k in lines}
    for j in range(max(0, lo - 1), min(len(spans), hi + 3)):
        if j in lines or paragraph[j] not in paras:
            continue
        ls, le = spans[j]
        line = text[ls:le]
        if le - ls > 60 or not _VENUE_LINE.match(line) or not line[:1].isupper():
            continue
        words = line.split()
        if any(lemmatize(w.lower()) in _VENUE_HEADS for w in words):
            m.venue = line.strip()
            if m.locality is None:
                caps = [w for w in words if w[:1].isupper()]
                hit = _settlement_at(caps[-1:], gaz, prefer) if caps else None
                if hit:
                    m.locality, m.municipality = hit[1], hit[2]
            return


_HOST_SUBJECT = regex.compile(
    r"\s*(?P<v>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}?\p{Ll}+){0,3}?)[ \t]+(?:bo|bodo|vabi|vabijo)(?!\p{L})", _F)
_HOST_INSTITUTIONS = frozenset("muzej galerija knjižnica gledališče".split())


def _is_town_centre(venue: str) -> bool:
    """ "središče Ribnice", "staro mestno jedro": a town's centre, an area rather than a venue."""
    words = venue.split()
    return bool(words) and any(lemmatize(w.lower()) in {"središče", "jedro"} for w in words[:3])


# A listing line: "sobota, 20. 12. 2025, ob 19.30, Dvorana prve slovenske vlade, Ajdovščina".
# Literal text first: the search skips to each "ob" (a leading \b would test every position).
_LISTED_VENUE = regex.compile(
    r"ob\s+\d{1,2}(?:[.:]\d{2})?(?:\s+uri)?,[ \t]+(?P<v>\p{Lu}[^,\n]{2,60}?),[ \t]+"
    r"(?P<t>\p{Lu}\p{L}+(?:[ \t]+\p{L}+){0,3}?)[ \t]*(?:\.|$)", regex.MULTILINE)


def _listed_venue(m: _Mention, text: str, s: int, e: int, gaz: Gazetteer, prefer) -> None:
    """Venue and town of a listing line, when the venue has a venue's head noun and the town
    is a settlement."""
    if "ob " not in text[s:e]:
        return
    found = _LISTED_VENUE.search(text, s, e)
    if found is None or (found.start() > 0 and text[found.start() - 1].isalpha()):
        return
    venue, town = found.group("v").strip(), found.group("t").split()
    if not any(lemmatize(w.lower()) in _VENUE_HEADS for w in venue.split()):
        return
    hit = _settlement_at(town, gaz, prefer)
    if hit is not None and hit[0] == len(town):
        m.venue, m.locality, m.municipality = venue, hit[1], hit[2]


def _fill_places(m: _Mention, text: str, block: tuple[int, int], gaz: Gazetteer, prefer, spans, i, paragraph,
                 orgs: dict[str, str] | None = None) -> None:
    s, e = block
    if m.venue is None:
        _listed_venue(m, text, s, e, gaz, prefer)
    for pp in _place_phrases(text, s, e, gaz, prefer, orgs):
        if pp.venue and (m.venue is None or _is_town_centre(m.venue)):
            # "v središču Ribnice – na Škrabčevem trgu": the town centre is the area, the
            # square after it the venue.
            m.venue = pp.venue
            if pp.locality and m.locality is None:
                m.locality, m.municipality = pp.locality, pp.municipality
        elif pp.locality and m.locality is None:
            m.locality, m.municipality = pp.locality, pp.municipality
    if m.venue is None:
        host = _HOSTS.search(text[s:e])
        if host:
            cand = host.group("v")
            if lemmatize(cand.split()[-1].lower()) in _VENUE_HEADS or len(cand.split()) <= 2:
                m.venue = cand
        stage = _STAGES.search(text[s:e])
        if stage:
            m.venue = street_nominative(stage.group("v"), gaz) if stage.group("v").split()[-1].lower() in {"trg", "ulica", "cesta"} else stage.group("v")
    if m.venue is None:
        # "Tolminski muzej bo v petek odprl razstavo": a museum, gallery or library that opens
        # the clause as the host of its own event is the venue.
        host = _HOST_SUBJECT.match(text, s, e)
        if host and lemmatize(host.group("v").split()[-1].lower()) in _HOST_INSTITUTIONS:
            m.venue = host.group("v")
    if m.venue is None:
        _venue_line(m, text, spans, paragraph, [i], gaz, prefer)


# ---------------------------------------------------------------- within a document
_TITLE_STOP = frozenset(
    "in v na za o ob pri z s iz do od po k h ter the of and ki je bo so".split()
)


def title_lemmas(title: str, drop: Iterable[str] = ()) -> frozenset[str]:
    """Lemmas of a title's words, without function words (and without ``drop``)."""
    dropped = set(drop)
    out = set()
    for w in _WORD_RE.findall(title or ""):
        low = w.lower()
        if low in _TITLE_STOP:
            continue
        lem = lemmatize(low)
        if lem in dropped or low in dropped:
            continue
        out.add(lem)
    for num in _DIGITS.findall(title or ""):
        out.add(num)
    return frozenset(out)


def _ordinal(title: str) -> str | None:
    m = _ORDINAL_START.match(title or "")
    return m.group(1) if m else None


def title_similarity(a: str, b: str, heads: Iterable[str] = ()) -> float:
    """Share of the smaller title's content lemmas found in the other (event nouns not counted)."""
    heads = set(heads)
    ta, tb = title_lemmas(a, heads), title_lemmas(b, heads)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


_EVENT_HEADS = frozenset(lemma for _, lemma, _, _ in _NOUNS) | {"okrogel", "miza", "redni", "reden"}


def _richness(w: Window | None) -> int:
    if w is None:
        return -1
    return sum(x is not None for x in (w.start_date, w.start_time, w.end_date, w.end_time))


def _same_event_in_doc(a: _Mention, b: _Mention) -> bool:
    if a.window and b.window and a.window.start_date and b.window.start_date and not a.end_only and not b.end_only:
        if a.window.start_date != b.window.start_date:
            return False
    oa, ob = _ordinal(a.title), _ordinal(b.title)
    if oa and ob and oa != ob:
        return False
    if a.date_src is not None and a.date_src == b.date_src:
        return True  # headline and description of one listing share its date line
    sim = title_similarity(a.title, b.title, _EVENT_HEADS)
    if sim >= 0.5:
        return True
    return a.lemma == b.lemma and a.lemma not in _GENERIC


_CAUSE_BEFORE = regex.compile(r"(?<!\p{L})(?:zaradi|v\s+času)\s+(?:\p{L}+\s+){0,3}$", _FI)
_ANAPHORA_GAP = 160  # characters: about one sentence between an event and "Koncert bo ..."


def _consolidate(mentions: list[_Mention], doc: Document) -> list[_Mention]:
    """Join the mentions of one event in one document; undated ones only add details."""
    dated = [m for m in mentions if m.window is not None and (m.window.start_date or m.end_only)]
    strong = {m.lemma for m in dated if not m.weak}
    dated = [m for m in dated if not (m.weak and m.lemma in strong)]
    groups: list[list[_Mention]] = []
    for m in dated:
        for g in groups:
            if any(_same_event_in_doc(m, x) for x in g):
                g.append(m)
                break
        else:
            groups.append([m])
    # Undated mentions (``Sejo bo vodil župan ...``) join the one dated event of their kind.
    for m in mentions:
        if m in dated:
            continue
        fits = [g for g in groups if any(x.lemma == m.lemma or title_similarity(x.title, m.title, _EVENT_HEADS) >= 0.5 for x in g)]
        if not fits and not m.named:
            # "... bo nastopil Big band. Vstopnice ... Koncert bo zadnja prireditev ...": a bare
            # event noun of the same kind shortly after an event's sentence refers back to it.
            near = [(m.sent[0] - x.sent[1], k) for k, g in enumerate(groups) for x in g
                    if x.category == m.category and 0 <= m.sent[0] - x.sent[1] <= _ANAPHORA_GAP]
            fits = [groups[min(near)[1]]] if near else []
        if len(fits) == 1:
            fits[0].append(m)
    out = []
    for g in groups:
        # "Martinovanje ... nastop folklorne skupine in glasba": a performance or concert in the
        # programme of a festival, ceremony or fair is part of it; the event is the host.
        hosts = [x for x in g if x.trig.kind in ("noun", "named") and x.category not in ("culture", "other")]
        main = [x for x in g if x.category != "culture"] if hosts else g
        with_start = [x for x in main if x.window and x.window.start_date and not x.end_only]
        if not with_start:
            continue
        best = max(with_start, key=lambda x: (not x.cause, _richness(x.window), x.named, len(x.title), -x.sent[0]))
        ev = replace(best)
        w = ev.window
        for x in g:
            if x.window is None or (x.cause and not best.cause):
                continue
            o = x.window
            if w.end_date is None and o.end_date and o.end_date > w.start_date and (o.start_date in (None, w.start_date)):
                w = replace(w, end_date=o.end_date, end_time=o.end_time if o.end_date else w.end_time)
        ev.window = w
        # A name of its own beats a bare noun phrase: ordinal, capitalised name, longer.
        dated_g = [x for x in main if x.window is not None]
        named = [x for x in dated_g if x.named]
        pool = named or dated_g
        ev.title = max(pool, key=lambda x: (len(title_lemmas(x.title)), -x.sent[0])).title
        noun = next((x.lemma for x in g if x.trig.kind == "noun" and x.category == "culture"), None)
        if noun and ev.title.startswith("Nastop "):
            ev.title = _capitalize(noun) + ev.title[len("Nastop"):]  # the text calls the performance a "koncert"
        ev.sent = min((x for x in g if x.window and x.window.start_date), key=lambda x: x.sent[0]).sent
        for attr in ("venue", "locality", "municipality", "organizer"):
            if getattr(ev, attr) is None:
                for x in sorted(g, key=lambda x: x.sent[0]):
                    if getattr(x, attr) is not None:
                        setattr(ev, attr, getattr(x, attr))
                        if attr == "locality" and x.municipality:
                            ev.municipality = x.municipality
                        break
        parts: list[str] = []
        for x in sorted(g, key=lambda x: x.sent[0]):
            for p in x.participants:
                if p not in parts:
                    parts.append(p)
        ev.participants = parts
        titled = _title_candidate(doc.title, ev)
        if titled and len(title_lemmas(titled)) > len(title_lemmas(ev.title)) and sum(
            1 for gg in groups if any(x.lemma == ev.lemma for x in gg)
        ) == 1:
            ev.title = titled
        out.append(ev)
    return out


# ---------------------------------------------------------------- across documents
def _venue_key(v: str | None) -> frozenset[str]:
    return title_lemmas(v or "")


def same_event(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two candidates (of different documents) report one event.

    Same start day, no conflicting ordinal (``18.`` vs ``19. seja``), no two municipalities
    (unless at the same venue), and either similar
    titles (content lemmas, event nouns not counted) or the same venue with the same
    category and no conflicting start time.
    """
    return _same_keys(_MergeKeys.of(a), _MergeKeys.of(b))


@dataclass(frozen=True)
class _MergeKeys:
    """What :func:`same_event` compares, computed once per candidate (lemmatising is the cost)."""

    day: date
    ordinal: str | None
    start_time: time | None
    municipality: str | None
    category: str
    content: frozenset[str]  # title lemmas without the event nouns
    venue: frozenset[str]

    @staticmethod
    def of(c: EventCandidate) -> _MergeKeys:
        return _MergeKeys(c.window.start_date, _ordinal(c.title), c.window.start_time, c.municipality, c.category,
                          title_lemmas(c.title, _EVENT_HEADS), _venue_key(c.venue))


def _same_keys(a: _MergeKeys, b: _MergeKeys) -> bool:
    if a.day != b.day:
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    time_conflict = a.start_time is not None and b.start_time is not None and a.start_time != b.start_time
    va, vb = a.venue, b.venue
    same_venue = bool(va and vb) and (va <= vb or vb <= va)
    if a.municipality and b.municipality and a.municipality != b.municipality and not same_venue:
        return False  # one title on one day in two towns ("Turnir v malem nogometu"): two events
    ca, cb = a.content, b.content
    sim = len(ca & cb) / min(len(ca), len(cb)) if ca and cb else 0.0
    if sim >= 0.5 and not time_conflict:
        return True
    if sim >= 0.75:
        return True
    if same_venue and a.category == b.category and not time_conflict:
        return not ca or not cb or sim >= 0.25
    return False


def _candidate_pairs(keys: list[_MergeKeys], idxs: list[int]) -> Iterable[tuple[int, int]]:
    """The pairs of one day's candidates that :func:`_same_keys` may join, without comparing
    all of them: two known, different municipalities join only at the same venue, so those
    pairs come from an index of venue lemmas; the rest are compared within a municipality
    and against the candidates of no municipality."""
    by_muni: dict[str | None, list[int]] = {}
    for k in idxs:
        by_muni.setdefault(keys[k].municipality, []).append(k)
    unknown = by_muni.get(None, [])
    for muni, group in by_muni.items():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                yield group[x], group[y]
        if muni is not None:
            for k in group:
                for u in unknown:
                    yield k, u
    if len(by_muni) - (1 if unknown else 0) > 1:
        by_token: dict[str, list[int]] = {}
        for k in idxs:
            if keys[k].municipality is not None:
                for tok in keys[k].venue:
                    by_token.setdefault(tok, []).append(k)
        seen: set[tuple[int, int]] = set()
        for group in by_token.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    i, j = group[x], group[y]
                    if keys[i].municipality != keys[j].municipality and (i, j) not in seen:
                        seen.add((i, j))
                        yield i, j


def _order_key(c: EventCandidate) -> tuple:
    return (c.reference_date or date.max, c.evidence.document_id, c.evidence.char_start)


def merge_events(candidates: list[EventCandidate]) -> tuple[list[dict], list[dict]]:
    """Join candidates that report the same event; return ``(event rows, mention rows)``.

    Independent of input order: candidates are ordered by reference date, document and
    offset; clusters are the connected components of :func:`same_event`. The first
    reporting document gives ``document_id``; the most complete window wins; other fields
    come from the first candidate that has them.
    """
    cands = sorted(candidates, key=_order_key)
    parent = list(range(len(cands)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Blocked by start day, and within a day by municipality (see _candidate_pairs): the
    # number of comparisons grows with the events of one day in one town, not with the corpus.
    keys = [_MergeKeys.of(c) for c in cands]
    by_day: dict[date, list[int]] = {}
    for k, c in enumerate(cands):
        by_day.setdefault(c.window.start_date, []).append(k)
    for idxs in by_day.values():
        for i, j in _candidate_pairs(keys, idxs):
            if _same_keys(keys[i], keys[j]):
                rx, ry = find(i), find(j)
                if rx != ry:
                    parent[max(rx, ry)] = min(rx, ry)
    for idxs in by_day.values():
        _join_bare_reports(cands, idxs, find, parent)
    clusters: dict[int, list[EventCandidate]] = {}
    for k, c in enumerate(cands):
        clusters.setdefault(find(k), []).append(c)
    events, mentions = [], []
    used_ids: set[str] = set()
    for root in sorted(clusters):
        group = clusters[root]
        first = group[0]
        # A bare "Seja" of a report names the event less well than its announcement did.
        named = next((c for c in group if not _is_bare(c)), first)
        window = max(group, key=lambda c: (_richness(c.window), -group.index(c))).window
        event_id = _event_id(group, named, window, used_ids)
        row = {
            "event_id": event_id,
            "title": named.title,
            "category": first.category,
            "start_date": window.start_date,
            "start_time": window.start_time,
            "end_date": window.end_date,
            "end_time": window.end_time,
            "venue": _first(group, "venue"),
            "locality": _first(group, "locality"),
            "municipality": None,
            "organizer": _first(group, "organizer"),
            "participants": None,
            "document_id": first.evidence.document_id,
            "source_url": first.source_url,
            "mention_count": 0,
        }
        holder = next((c for c in group if c.locality == row["locality"]), first)
        row["municipality"] = holder.municipality if row["locality"] else _first(group, "municipality")
        people: list[str] = []
        for c in group:
            for p in c.participants:
                if p not in people:
                    people.append(p)
        row["participants"] = "; ".join(people) or None
        seen_docs: list[str] = []
        for c in group:
            if c.evidence.document_id in seen_docs:
                continue
            seen_docs.append(c.evidence.document_id)
            mentions.append(
                {
                    "record_type": "event",
                    "record_id": event_id,
                    "document_id": c.evidence.document_id,
                    "evidence": c.evidence.text,
                    "char_start": c.evidence.char_start,
                    "char_end": c.evidence.char_end,
                }
            )
        row["mention_count"] = len(seen_docs)
        events.append(row)
    return events, mentions


def _event_id(group: list[EventCandidate], named: EventCandidate, window: Window, used: set[str]) -> str:
    """A stable id from the day, the title's lemmas and the place: a "Turnir" in two towns on
    one day is two events. Two events that still share all three (one town, two venues or
    times) take the venue and start time as well, so the primary key stays unique."""
    day = group[0].window.start_date.isoformat()
    lemmas = " ".join(sorted(title_lemmas(named.title)))
    place = _first(group, "municipality") or _first(group, "locality") or ""
    event_id = stable_id("event", day, lemmas, place)
    if event_id in used:
        venue = _first(group, "venue") or ""
        start = window.start_time.isoformat() if window.start_time else ""
        event_id = stable_id("event", day, lemmas, place, venue, start)
        n = 1
        while event_id in used:  # identical in every respect: number them in the stable order
            n += 1
            event_id = stable_id("event", day, lemmas, place, venue, start, n)
    used.add(event_id)
    return event_id


def _is_bare(c: EventCandidate) -> bool:
    """A title that is only the event noun ("Seja", "Koncert"), as in a later report."""
    return not title_lemmas(c.title, _EVENT_HEADS)


def _join_bare_reports(cands: list[EventCandidate], idxs: list[int], find, parent: list[int]) -> None:
    """ "Na včerajšnji seji so svetniki ...": a report that names the event only by its noun
    joins the one event of that kind, day and municipality that another document named."""
    for k in idxs:
        c = cands[k]
        if not _is_bare(c):
            continue
        place = c.municipality or c.locality
        roots = set()
        for j in idxs:
            o = cands[j]
            if find(j) == find(k) or o.category != c.category or _is_bare(o):
                continue
            if not place or (o.municipality or o.locality) != place:
                continue
            if c.window.start_time and o.window.start_time and c.window.start_time != o.window.start_time:
                continue
            roots.add(find(j))
        if len(roots) == 1:
            r, rk = roots.pop(), find(k)
            parent[max(r, rk)] = min(r, rk)


def _first(group: list[EventCandidate], attr: str):
    for c in group:
        v = getattr(c, attr)
        if v:
            return v
    return None
