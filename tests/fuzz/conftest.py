"""Hypothesis profiles for the fuzz suite.

* ``ci`` (default): derandomised, 100 examples per property (about two thousand in all), so the
  suite adds well under a minute on two cores and fails the same way on every run.
* ``long``: randomised, many more examples, for a nightly or local hunt. Select it with
  ``HYPOTHESIS_PROFILE=long`` or ``pytest --fuzz-long``.

Deadlines are generous: a per-example deadline catches a pathological slowdown (a regex
that backtracks) without failing on a loaded CI machine.
"""
from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=timedelta(seconds=2),
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_SLOW_OK,
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=timedelta(seconds=5),
    print_blob=True,
    suppress_health_check=_SLOW_OK,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# `--fuzz-long` (tests/conftest.py) selects the long profile for the whole session.
if os.environ.get("OPENDATA_FUZZ_LONG"):
    settings.load_profile("long")


# --------------------------------------------------------------------------- shared data

from functools import lru_cache  # noqa: E402

from hypothesis import strategies as st  # noqa: E402

from ..conftest import GAZETTEER_DIR  # noqa: E402


@lru_cache(maxsize=1)
def gazetteer():
    """The register gazetteer, loaded once per session (plain function: usable inside @given)."""
    from opendata.language.gazetteer import Gazetteer

    return Gazetteer.load(GAZETTEER_DIR)


# --------------------------------------------------------------------------- strategies

# Letters and marks that break naive text handling: Slovenian and neighbouring diacritics,
# combining marks (NFC changes lengths), RTL letters and marks, NUL and other controls,
# BOM, line/paragraph separators, a lone surrogate as surrogateescape leaves it, emoji.
AWKWARD = "čšžČŠŽćđĐéàü\u0301\u030c\u0308\u05d0\u0627\u200f\u202e\x00\x01\x1b\x7f\x85\ufeff\u00ad\u200b\u2028\u2029\udcff\U0001f600\u00a0\t\r\n "
awkward_text = st.text(alphabet=st.one_of(st.sampled_from(AWKWARD), st.characters()), max_size=300)

WEEKDAYS = ["ponedeljek", "v torek", "v sredo", "četrtek", "v petek", "soboto", "v nedeljo", "ob sredah",
            "Ponedeljka", "torka", "četrtka"]
MONTHS = ["januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta",
          "septembra", "oktobra", "novembra", "decembra", "februar", "jan.", "sept", "v decembru"]
RELATIVE = ["danes", "jutri", "včeraj", "pojutrišnjem", "nocoj", "prihodnji teden", "v tem tednu",
            "do preklica", "do konca marca", "ves december", "do konca leta 2026", "predvidoma", "dalje"]
CONNECTORS = ["od", "do", "med", "in", "ter", ",", "–", "-", "—", "...", "…", "ob", "zaradi", "na", "v", "pri"]
TRIGGERS = ["prekinitev dobave vode", "Prekinjena bo dobava električne energije", "izklop elektrike",
            "popolna zapora ceste", "delna zapora", "motena dobava toplote", "znižan tlak", "brez vode",
            "zaprt bo", "odvoz odpadkov", "Obvestilo", "okvara na vodovodu", "vzdrževalna dela",
            "obnova vodovoda", "bo potekal", "vabimo na", "slovesni podpis pogodbe", "delavnica",
            "seja občinskega sveta", "projekt", "gradnja vrtca", "energetska sanacija", "sofinancira EU"]
PLACES = ["Velenje", "v Velenju", "Celje", "Kranj", "Šoštanj", "na Kokrici", "Ljubljana", "Zgornje Gorje",
          "v Šmartnem ob Paki", "naselje Gaberke", "TP Slatine", "LC 450061 Gorica-Bevče", "občina Kranj",
          "celotna občina", "Murska Sobota"]
STREETS = ["na Cankarjevi cesti 3 in 5", "Prešernova ulica", "ulica", "ulici", "cesta", "Ulica XIV. divizije",
           "na Cesti na Brdo", "Jenkova in Prešernova cesta", "Koroška c. 12a–18", "Trg svobode",
           "Kidričeva 1, 3, 5–9", "ulice ulice ulice", "na Titovem trgu"]
AMOUNTS = ["999999999999999999999 milijonov evrov", "1,2 milijarde", "850.000 evrov", "€ 1,5 milijona",
           "2,4 mio EUR", "40 000 m2", "2,15 ha", "1e308 evrov", "0,0 evrov", "12.345.678,90 EUR",
           "do leta 2027", "začeli leta 2024", "do konca prihodnjega leta", "9" * 400 + " evrov"]
PEOPLE = ["župan Peter Dermol", "dr. Ana Novak", "direktor Zoran Janković in Matjaž Rakovec",
          "Zavod za turizem in kulturo Kranj", "Komunala Kranj", "Elektro Ljubljana d.d."]


@st.composite
def day_date(draw) -> str:
    """A day-month(-year) date, possible or not: ``31. februarja``, ``32. 13. 2025``, ``5. 6.``."""
    day = draw(st.integers(0, 40))
    if draw(st.booleans()):
        tail = draw(st.sampled_from(MONTHS))
    else:
        tail = f"{draw(st.integers(0, 14))}."
    year = draw(st.sampled_from(["", " 2025", " 2024", " 1899", " 2099", " 9999", ", 2026", " 20255"]))
    space = draw(st.sampled_from([" ", "", "\u00a0", "  "]))
    return f"{day}.{space}{tail}{year}"


@st.composite
def clock(draw) -> str:
    """A clock time, possible or not: ``8.00``, ``25. ura``, ``23:99``, ``od 8. do 12. ure``."""
    hour = draw(st.integers(0, 30))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{hour}.{draw(st.integers(0, 99)):02d}"
    if kind == 1:
        return f"{hour}:{draw(st.integers(0, 99)):02d}"
    if kind == 2:
        return f"{hour}. {draw(st.sampled_from(['ura', 'uro', 'ure', 'uri']))}"
    return f"od {hour}. do {draw(st.integers(0, 30))}. ure"


FRAGMENT = st.one_of(
    st.sampled_from(WEEKDAYS), st.sampled_from(MONTHS), st.sampled_from(RELATIVE),
    st.sampled_from(CONNECTORS), st.sampled_from(TRIGGERS), st.sampled_from(PLACES),
    st.sampled_from(STREETS), st.sampled_from(AMOUNTS), st.sampled_from(PEOPLE),
    day_date(), clock(), st.sampled_from([".", ". ", "\n", "\n\n", ":", ";", "|", "(", ")", "!", "?", "\t"]),
    st.integers(-5, 10**25).map(str),
    st.text(alphabet=st.sampled_from(AWKWARD), max_size=4),
)

# Garbled notice-like text: real-looking pieces in random order, joined by spaces.
notice_text = st.lists(FRAGMENT, min_size=0, max_size=40).map(" ".join)
# Either of the two, so every parser sees both random and plausible input.
any_text = st.one_of(notice_text, awkward_text)
