"""The register of Slovenian spatial units (RPE): municipalities, settlements, streets.

Loaded from the GURS CSV cuts (``OB.csv``, ``NA.csv``, ``UL.csv``, ``ODO_CM.csv``,
``ODO_CK.csv``; UTF-8 with BOM). Without them the gazetteer degrades to the 212
municipalities pycountry knows (ISO 3166-2:SI), so the pipeline still places notices at
municipality level.
"""
from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import regex

from opendata.config import cache_home
from opendata.language.lemma import nominative_candidates, ordered_nominatives
from opendata.versions import code_version

_NAME_TOKEN = regex.compile(r"\p{L}+|\d+|-")
_MUNI_PREFIX = regex.compile(
    r"^\s*(?:(?:mestn\p{L}*)\s+)?(?:občin\p{L}*)\s+|^\s*MO\s+", regex.IGNORECASE
)
# Register names that mark a partial settlement ("Čeče - del") or a district prefix.
_PART_SUFFIX = regex.compile(r"\s*-\s*del$")
_DISTRICT_PREFIX = regex.compile(r"^(?:Četrtna|Krajevna|Mestna|Vaška)\s+skupnost\s+", regex.IGNORECASE)
# pycountry capitalises generic nouns inside names; the register does not.
_PYCOUNTRY_CASE = regex.compile(r"(?<=\s)(Mesto|Vas)\b")


# Licence-plate registration areas: utilities and portals abbreviate their town so
# (``komunala-nm.si``, ``energetika-ce.si``, ``mb-vod.si``).
PLATE_AREAS = {
    "lj": "Ljubljana", "mb": "Maribor", "ce": "Celje", "kr": "Kranj", "nm": "Novo mesto",
    "kp": "Koper", "go": "Nova Gorica", "ms": "Murska Sobota", "sg": "Slovenj Gradec",
    "kk": "Krško", "po": "Postojna",
}
# Domain parts that name a municipality's office, not the town (``obcina-kamnik``, ``mo-ptuj``).
_BODY_PARTS = frozenset({"obcina", "mestnaobcina", "mo", "www", "si"})
# Words portals glue to their town's name (``ptujinfo``, ``maribor24``).
_DOMAIN_SPLIT = regex.compile(r"[-_]")
_GLUE_WORDS = frozenset({"info", "novice", "news", "portal", "tv", "radio", "online", "danes", "plus", "net", "24"})
_TOWN_ADJECTIVE = regex.compile(r"^(\p{Lu}\p{Ll}+?)(?:sk|šk|ck|čk)(?:i|a|o|e|ega|em|ih|ima|emu)$")


def ascii_key(name: str) -> str:
    """Lower-case letters and digits only, diacritics dropped: ``Škofja Loka`` → ``skofjaloka``."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True)
class Settlement:
    """A settlement (naselje) and the municipality it belongs to."""

    name: str
    municipality: str


def fold(text: str) -> str:
    """Case-folded form used for all name comparisons (diacritics kept: č ≠ c)."""
    return text.casefold()


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded word tokens of a register name; hyphens are their own token."""
    return tuple(fold(t) for t in _NAME_TOKEN.findall(name))


class NameIndex:
    """Names indexed by first token, matched against inflected text tokens.

    A name token matches a text word when it equals the word or is one of the word's
    nominative candidates, so ``Paški vasi`` finds ``Paška vas`` and ``pri Velenju`` stays
    as written inside ``Podkraj pri Velenju``.
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self._exact: dict[tuple[str, ...], str] = {}
        self._starting: dict[str, _FirstWordNames | None] = {}  # word -> names it may start

    def __getstate__(self) -> dict:
        # the per-word memo is rebuilt on use; it never goes into the register's cache file
        return {"_by_first": self._by_first, "_exact": self._exact}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._starting = {}

    def add(self, name: str, canonical: str | None = None) -> None:
        """Index ``name``; a match reports ``canonical`` (default: ``name`` itself)."""
        toks = name_tokens(name)
        if not toks or toks in self._exact:
            return
        self._exact[toks] = canonical or name
        self._by_first[toks[0]].append((toks, canonical or name))
        self._starting.clear()

    def __contains__(self, toks: tuple[str, ...]) -> bool:
        return toks in self._exact

    def size(self) -> int:
        """How many names are indexed (not ``__len__``: callers test an index for truth)."""
        return len(self._exact)

    def get(self, toks: tuple[str, ...]) -> str | None:
        """The canonical name for exactly these folded tokens."""
        return self._exact.get(toks)

    def first_words(self) -> Iterable[str]:
        return self._by_first.keys()

    def names_starting(self, first: str) -> list[tuple[tuple[str, ...], str]]:
        return self._by_first.get(first, [])

    def match(self, words: Sequence[str], start: int) -> list[tuple[int, str]]:
        """All ``(end, canonical)`` whose tokens match ``words[start:end]``, longest first."""
        names = self._names_from(words[start])
        if names is None:
            return []  # most words start no name at all
        singles, by_second = names
        found = list(singles)  # (order, end offset, canonical); a one-word name always fits
        if by_second and start + 1 < len(words):
            # A common first word ("Ulica", "Cesta") starts hundreds of names: only those
            # whose second token the next word can stand for are tried further.
            for form in _word_forms(words[start + 1]):
                for order, toks, canonical in by_second.get(form, ()):
                    end = start + len(toks)
                    if end <= len(words) and all(
                            _token_matches(toks[k], words[start + k]) for k in range(2, len(toks))):
                        found.append((order, len(toks), canonical))
        # longest first; equally long names in the order the first word's candidates list them
        found.sort(key=lambda item: (-item[1], item[0]))
        return [(start + size, canonical) for _order, size, canonical in found]

    _MEMO_WORDS = 200_000  # distinct text words remembered; then the memo starts over

    def _names_from(self, word: str) -> _FirstWordNames | None:
        """The indexed names whose first token is one of ``word``'s nominative candidates,
        numbered in the order the candidates are tried: one-word names apart, longer ones by
        their second token. Memoised, because the same words recur in every notice."""
        if word in self._starting:
            return self._starting[word]
        singles: list[tuple[int, int, str]] = []
        by_second: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
        order = 0
        # In a fixed order: equally long names are ranked by it.
        for cand in ordered_nominatives(word):
            for toks, canonical in self._by_first.get(cand, ()):
                if len(toks) == 1:
                    singles.append((order, 1, canonical))
                else:
                    by_second.setdefault(toks[1], []).append((order, toks, canonical))
                order += 1
        names = (tuple(singles), by_second) if order else None
        if len(self._starting) >= self._MEMO_WORDS:
            self._starting.clear()
        self._starting[word] = names
        return names


# One-word names as (order, size 1, canonical); longer names by second token as (order, tokens, canonical).
_FirstWordNames = tuple[tuple[tuple[int, int, str], ...], dict[str, list[tuple[int, tuple[str, ...], str]]]]


@lru_cache(maxsize=131072)
def _word_forms(word: str) -> frozenset[str]:
    """Every name token ``word`` can stand for: itself folded, its nominative candidates, and
    ``-`` for either dash."""
    return frozenset({fold(word), *nominative_candidates(word), *(("-",) if word in ("-", "–") else ())})


def _token_matches(name_tok: str, word: str) -> bool:
    if name_tok == "-":
        return word in ("-", "–")
    low = fold(word)
    return name_tok == low or name_tok in nominative_candidates(word)


# "Zagorje ob Savi", "Ravne na Koroškem", "Šmarje pri Jelšah": a short form is the first word.
_SHORT_FORM_PREPOSITIONS = frozenset({"ob", "pri", "na", "v"})


class Gazetteer:
    """Municipalities, settlements and streets of Slovenia, with inflection-aware lookup."""

    def __init__(self) -> None:
        self.has_register = False
        self.municipalities: list[str] = []
        self._iso: dict[str, str] = {}
        self._urban: set[str] = set()
        self.municipality_index = NameIndex()
        self.settlement_index = NameIndex()
        self.street_index = NameIndex()
        self.district_index = NameIndex()
        self._settlements: dict[str, list[Settlement]] = defaultdict(list)
        self._settlement_count: dict[str, int] = defaultdict(int)
        self._streets: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._streets_by_first: dict[str, set[str]] = defaultdict(set)
        self._districts: dict[str, list[str]] = defaultdict(list)  # name -> municipalities
        self._centroids: dict[Settlement, tuple[float, float]] = {}
        self._domain_keys: dict[str, str] | None = None
        self._short_forms: dict[str, str] | None = None
        self._domain_cache: dict[str, tuple[str | None, bool]] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, folder: Path | None) -> "Gazetteer":
        """The gazetteer for an RPE CSV folder; degraded (municipalities only) without one."""
        resolved = Path(folder).resolve() if folder is not None else None
        return _load_cached(str(resolved) if resolved else "")

    def __reduce__(self):
        # Sent to a worker process as its folder name; the worker loads (and caches) it itself.
        return (_load_cached, (getattr(self, "_source_folder", ""),))

    def _add_municipality(self, name: str, code: str | None, aliases: Sequence[str] = ()) -> None:
        self.municipalities.append(name)
        if code:
            self._iso[name] = code
        self.municipality_index.add(name)
        for alias in aliases:
            self.municipality_index.add(alias, name)

    def _load_pycountry(self, register_codes: dict[str, str] | None = None) -> None:
        """Municipalities from ISO 3166-2:SI; with a register only their codes and aliases."""
        import pycountry

        for sub in sorted(pycountry.subdivisions.get(country_code="SI"), key=lambda s: s.code):
            iso_name = sub.name
            if register_codes is not None:
                official = register_codes.get(sub.code)
                if official:
                    self._iso[official] = sub.code
                    self.municipality_index.add(iso_name, official)
                continue
            name = _PYCOUNTRY_CASE.sub(lambda m: m.group(1).lower(), iso_name)
            self._add_municipality(name, sub.code, aliases=(iso_name,) if name != iso_name else ())
            if "Urban" in sub.type:
                self._urban.add(name)

    def _load_register(self, folder: Path) -> bool:
        ob_path, na_path, ul_path = folder / "OB.csv", folder / "NA.csv", folder / "UL.csv"
        if not (ob_path.is_file() and na_path.is_file()):
            return False
        ob_by_mid: dict[str, str] = {}
        codes: dict[str, str] = {}
        id_to_name: dict[int, str] = {}
        for row in _rows(ob_path):
            name = row["OB_UIME"].strip()
            ob_by_mid[row["OB_MID"]] = name
            code = f"SI-{int(row['OB_ID']):03d}"
            codes[code] = name
            id_to_name[int(row["OB_ID"])] = name
            self._add_municipality(name, code)
            if row.get("OB_TIP") == "D":
                self._urban.add(name)
        na_by_mid: dict[str, str] = {}
        for row in _rows(na_path):
            name = _PART_SUFFIX.sub("", row["NA_UIME"].strip())
            muni = ob_by_mid.get(row["OB_MID"])
            if not muni:
                continue
            na_by_mid[row["NA_MID"]] = name
            settlement = Settlement(name, muni)
            if settlement not in self._settlements[name]:
                self._settlements[name].append(settlement)
                self._settlement_count[muni] += 1
            self.settlement_index.add(name)
            if row.get("NA_DJ"):
                self.settlement_index.add(row["NA_DJ"].strip(), name)
            try:
                self._centroids[settlement] = (float(row["CEN_E"]), float(row["CEN_N"]))
            except (KeyError, TypeError, ValueError):
                pass
        if ul_path.is_file():
            for row in _rows(ul_path):
                name = row["UL_UIME"].strip()
                pair = (na_by_mid.get(row["NA_MID"], ""), ob_by_mid.get(row["OB_MID"], ""))
                if not pair[1]:
                    continue
                self.street_index.add(name)
                # spellings that differ only in case ("Cesta IX. Korpusa") are one street name
                name = self.street_index.get(name_tokens(name)) or name
                if pair in self._streets[name]:
                    continue
                self._streets[name].append(pair)
                toks = name_tokens(name)
                if toks:
                    self._streets_by_first[toks[0]].add(name)
        for fname in ("ODO_CM.csv", "ODO_CK.csv"):
            path = folder / fname
            if not path.is_file():
                continue
            for row in _rows(path):
                muni = id_to_name.get(int(row["ODO_ID"]) // 1000)
                # Only districts of towns: a rural local community spans several villages,
                # so it names no single locality.
                if not muni or muni not in self._urban:
                    continue
                name = _DISTRICT_PREFIX.sub("", row["ODO_UIME"].strip())
                if "-" in name:
                    continue
                if muni not in self._districts[name]:
                    self._districts[name].append(muni)
                self.district_index.add(name)
        self._load_pycountry(register_codes=codes)
        return True

    # ------------------------------------------------------------------ lookups
    def municipality(self, text: str) -> str | None:
        """Official short name of the municipality ``text`` names, in any case form.

        Accepts ``Mestne občine Velenje``, ``Občini Šoštanj``, ``MO Kranj``, ``Šoštanja``.
        """
        if not text:
            return None
        # the index size is in the key: a name added later must not meet a stale answer
        return _municipality_named(self, self.municipality_index.size(), text)

    def iso_code(self, municipality: str) -> str | None:
        """ISO 3166-2 code of a municipality (``SI-133`` for Velenje)."""
        code = self._iso.get(municipality)
        if code is None:
            name = self.municipality(municipality)
            code = self._iso.get(name) if name else None
        return code

    def is_urban(self, municipality: str) -> bool:
        """True for a mestna občina (urban municipality)."""
        return municipality in self._urban

    def settlements(self, name: str) -> list[Settlement]:
        """All settlements with this nominative name (names repeat across municipalities)."""
        found = self._settlements.get(name)
        if found is None:
            canonical = self.settlement_index.get(name_tokens(name))
            found = self._settlements.get(canonical, []) if canonical else []
        return list(found)

    def settlement(self, name: str, prefer: Sequence[str] = ()) -> Settlement | None:
        """The settlement so named, in the first preferred municipality that has one.

        Without a preferred match, only an unambiguous name is returned.
        """
        found = self.settlements(name)
        for muni in prefer:
            for s in found:
                if s.municipality == muni:
                    return s
        return found[0] if len(found) == 1 else None

    def settlement_count(self, municipality: str) -> int:
        """How many settlements the municipality has (0 without a register)."""
        return self._settlement_count.get(municipality, 0)

    def seat(self, municipality: str) -> str | None:
        """The town a municipality is named after, when it is a settlement of it."""
        for s in self._settlements.get(municipality, ()):
            if s.municipality == municipality:
                return s.name
        return None

    def district_municipalities(self, name: str) -> list[str]:
        """Urban municipalities that have a city district or local community so named."""
        found = self._districts.get(name)
        if found is None:
            canonical = self.district_index.get(name_tokens(name))
            found = self._districts.get(canonical, ()) if canonical else ()
        return list(found)

    def street_municipalities(self, street: str) -> list[tuple[str, str]]:
        """``(settlement, municipality)`` pairs where the nominative street name exists."""
        found = self._streets.get(street)
        if found is None:
            canonical = self.street_index.get(name_tokens(street))
            found = self._streets.get(canonical, []) if canonical else []
        return list(found)

    def streets_starting(self, first_word: str) -> set[str]:
        """Street names whose first (folded) word is ``first_word``."""
        return set(self._streets_by_first.get(fold(first_word), ()))

    def municipality_in_domain(self, domain: str | None) -> tuple[str | None, bool]:
        """``(municipality, exact)`` a web domain names, ``exact`` when the domain is the
        municipality's own (``novomesto.si``, ``obcina-kamnik.si``, ``kranjska-gora.si``).

        Other domains name a municipality as one hyphenated part (``kamnik-novice.si``), as
        a licence-plate area code (``komunala-nm.si``, ``mb-vod.si``) or glued to another
        word at either end (``marjeticakoper.si``, ``celjeinfo.si``).
        """
        if not domain:
            return None, False
        if domain not in self._domain_cache:
            self._domain_cache[domain] = self._municipality_in_domain(domain)
        return self._domain_cache[domain]

    def _municipality_in_domain(self, domain: str) -> tuple[str | None, bool]:
        label = domain.casefold().removeprefix("www.").rsplit(".", 1)[0].split(".")[-1]
        parts = [p for p in _DOMAIN_SPLIT.split(label) if p]
        keys = self._ascii_keys()
        core = [p for p in parts if p not in _BODY_PARTS]
        whole = "".join(core)
        if whole in keys:
            return keys[whole], True
        for size in range(len(core), 0, -1):  # a run of parts: kranjska-gora-info
            for i in range(len(core) - size + 1):
                run = "".join(core[i:i + size])
                if run in keys and len(run) >= 3:
                    return keys[run], False
        for part in core:
            if part in PLATE_AREAS and self.municipality(PLATE_AREAS[part]):
                return PLATE_AREAS[part], False
        shorts = {ascii_key(word): name for word, name in self.short_forms().items()}
        for part in core:
            if part in shorts:  # komunala-zagorje.si: Zagorje ob Savi, not a glued "gorje"
                return shorts[part], False
        best = None
        for key, name in keys.items():
            if len(key) < 4 or len(whole) <= len(key):
                continue
            rest = whole[len(key):] if whole.startswith(key) else whole[:-len(key)] if whole.endswith(key) else None
            # a short name glued to an arbitrary word is chance (nigrad ≠ Grad)
            if rest is not None and (len(key) >= 5 or rest in _GLUE_WORDS):
                if best is None or len(key) > len(best[0]):
                    best = (key, name)
        return (best[1], False) if best else (None, False)

    def municipality_in_name(self, name: str | None) -> str | None:
        """The municipality an organisation's or portal's name contains: ``Komunala Slovenj
        Gradec`` → Slovenj Gradec, ``Mariborski vodovod`` → Maribor (a town adjective)."""
        if not name:
            return None
        return _municipality_in_name(self, self.municipality_index.size(), name)

    def _municipality_in_name(self, name: str) -> str | None:
        words = _NAME_TOKEN.findall(name)
        for i, word in enumerate(words):
            if not word[:1].isupper():
                continue
            hits = self.municipality_index.match(words, i)
            if hits:
                return hits[0][1]
            town = self._town_of_adjective(word)
            if town:
                return town
            short = self.short_forms().get(fold(word))
            if short:
                return short
        return None

    def short_forms(self) -> dict[str, str]:
        """Folded first words of ``X ob/pri/na/v Y`` municipalities → the full name, when the
        word is used by one municipality only and is no municipality itself: organisations
        call themselves ``Komunala Zagorje`` (Zagorje ob Savi) or ``Ravne`` (Ravne na Koroškem)."""
        if self._short_forms is None:
            counts: dict[str, list[str]] = defaultdict(list)
            used: dict[str, int] = defaultdict(int)  # in how many municipality names a word is
            for name in self.municipalities:
                toks = name_tokens(name)
                for tok in set(toks):
                    used[tok] += 1
                if len(toks) >= 3 and toks[1] in _SHORT_FORM_PREPOSITIONS and len(toks[0]) >= 5:
                    counts[toks[0]].append(name)
            # "Bistrica" is also Ilirska and Slovenska Bistrica: only a word no other name has
            self._short_forms = {
                word: names[0] for word, names in counts.items()
                if len(names) == 1 and used[word] == 1 and (word,) not in self.municipality_index
            }
        return self._short_forms

    def _town_of_adjective(self, word: str) -> str | None:
        """``Mariborski`` → Maribor, ``Celjska`` → Celje, ``Koprske`` → Koper, ``Ljubljanski`` → Ljubljana."""
        match = _TOWN_ADJECTIVE.match(word)
        if not match:
            return None
        stem = match.group(1)
        options = [stem, stem + "a", stem + "e", stem + "o"]
        if len(stem) > 2 and stem[-1] not in "aeiou" and stem[-2] not in "aeiou":
            options.append(stem[:-1] + "e" + stem[-1])  # fleeting e: Kopr-ski → Koper
        for option in options:
            if len(option) >= 4 and (found := self.municipality_index.get(name_tokens(option))):
                return found
        return None

    def _ascii_keys(self) -> dict[str, str]:
        """Municipality names without spaces, hyphens and diacritics → name (for domains)."""
        if self._domain_keys is None:
            self._domain_keys = {}
            for name in self.municipalities:
                self._domain_keys.setdefault(ascii_key(name), name)
        return self._domain_keys

    def near(self, settlement: Settlement, municipalities: Sequence[str], km: float = 20.0) -> bool:
        """The settlement lies within ``km`` of the seat of one of the municipalities
        (register centroids); False when a centroid is unknown."""
        here = self._centroids.get(settlement)
        if here is None:
            return False
        for muni in municipalities:
            seat = self.seat(muni)
            there = self._centroids.get(Settlement(seat, muni)) if seat else None
            if there and math.hypot(here[0] - there[0], here[1] - there[1]) <= km * 1000:
                return True
        return False

    def centroid(self, settlement: Settlement) -> tuple[float, float] | None:
        """WGS 84 ``(lat, lon)`` of the settlement's register centroid, if known."""
        en = self._centroids.get(settlement)
        return _d96tm_to_wgs84(*en) if en else None


@lru_cache(maxsize=8192)  # the same few names (a site's, an operator's home) are asked for per sentence
def _municipality_named(gaz: Gazetteer, size: int, text: str) -> str | None:
    """Gazetteer.municipality, remembered per gazetteer, index size and text (a pure lookup)."""
    rest = _MUNI_PREFIX.sub("", text.strip())
    words = _NAME_TOKEN.findall(rest)
    if not words:
        return None
    for end, name in gaz.municipality_index.match(words, 0):
        if end == len(words):
            return name
    return None


@lru_cache(maxsize=4096)  # an operator's or publisher's name is read for every statement of its notices
def _municipality_in_name(gaz: Gazetteer, size: int, name: str) -> str | None:
    """Gazetteer.municipality_in_name, remembered per gazetteer, index size and name."""
    return gaz._municipality_in_name(name)


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


@lru_cache(maxsize=8)
def _load_cached(folder: str) -> Gazetteer:
    gaz = Gazetteer()
    gaz._source_folder = folder
    if folder and Path(folder).is_dir():
        state = _read_parsed(folder)
        if state is not None:
            gaz.__dict__.update(state)
            return gaz
        if gaz._load_register(Path(folder)):
            gaz.has_register = True
            _write_parsed(folder, gaz)
            return gaz
    gaz = Gazetteer()
    gaz._source_folder = folder
    gaz._load_pycountry()
    return gaz


_REGISTER_FILES = ("OB.csv", "NA.csv", "UL.csv")


def _parsed_path(folder: str) -> Path | None:
    """The cache file of a register folder's parsed indexes: named after the folder, the size
    and modification time of its CSVs, and the code that parses them, so any change misses."""
    key = hashlib.sha256(code_version("gazetteer").encode())
    for name in _REGISTER_FILES:
        try:
            stat = (Path(folder) / name).stat()
        except OSError:
            if name != "UL.csv":
                return None
            continue
        key.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    where = hashlib.sha256(folder.encode()).hexdigest()[:16]
    return cache_home() / "gazetteer" / f"{where}-{key.hexdigest()[:16]}.pickle"


def _read_parsed(folder: str) -> dict | None:
    # Parsing the register's CSVs costs ~0.2 s per process (and per extraction worker); its
    # pickle loads in a fifth of that. A missing or unreadable cache just means parsing.
    path = _parsed_path(folder)
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, TypeError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None


def _write_parsed(folder: str, gaz: Gazetteer) -> None:
    path = _parsed_path(folder)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        with open(partial, "wb") as fh:
            pickle.dump(dict(gaz.__dict__), fh, pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        for older in path.parent.glob(f"{path.name.split('-')[0]}-*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: every process parses the register itself


def _d96tm_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """Inverse transverse Mercator for D96/TM (EPSG:3794) on GRS80; ~1 m accurate.

    D96 is ETRS89-based, so its latitude/longitude equal WGS 84 at this precision.
    """
    a, f = 6378137.0, 1 / 298.257222101
    k0, lon0, fe, fn = 0.9999, math.radians(15.0), 500000.0, -5000000.0
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    m = (northing - fn) / k0
    mu = m / (a * (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256))
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    sin1, cos1, tan1 = math.sin(phi1), math.cos(phi1), math.tan(phi1)
    c1 = ep2 * cos1**2
    t1 = tan1**2
    n1 = a / math.sqrt(1 - e2 * sin1**2)
    r1 = a * (1 - e2) / (1 - e2 * sin1**2) ** 1.5
    d = (easting - fe) / (n1 * k0)
    lat = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720
    )
    lon = lon0 + (
        d
        - (1 + 2 * t1 + c1) * d**3 / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120
    ) / cos1
    return math.degrees(lat), math.degrees(lon)
