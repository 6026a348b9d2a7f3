"""The cross-document merges compare only plausible pairs, and give what a full comparison gives.

The merges used to compare every candidate with every record (outages) and rescore every
pair of clusters after each join (projects). They now look records and clusters up by
blocking keys and keep pair scores in a heap. These tests pin both halves of that: the
result equals a brute-force reference on many small random inputs, and the number of
comparisons grows about linearly with the input.
"""
from __future__ import annotations

import random
from datetime import date, time, timedelta

import pytest

from opendata.extract import outages, projects
from opendata.extract.outages import merge_outages
from opendata.extract.projects import merge_projects
from opendata.model import Evidence, OutageCandidate, Place, ProjectCandidate, Window


class _NoCodes:
    """The one gazetteer call the outage merge makes, without loading the register."""

    @staticmethod
    def iso_code(_municipality):
        return None


# ---------------------------------------------------------------- outages

_STREETS = [("Velenje", "Cankarjeva cesta"), ("Velenje", "Šaleška cesta"), ("Šoštanj", "Trg svobode"),
            ("Šoštanj", "Koroška cesta")]
_LOCALITIES = [("Velenje", "Pesje"), ("Velenje", "Škale"), ("Šoštanj", "Topolšica")]
_ROADS = ["R2-425", "G1-4"]
_TITLE_WORDS = ["Prekinitev", "dobave", "vode", "toplote", "Cankarjeva", "Pesje", "zapora", "ceste",
                "izklop", "elektrike", "Topolšica", "obvestilo"]


def _random_place(rng: random.Random) -> Place:
    kind = rng.randrange(5)
    if kind == 0:
        muni, street = rng.choice(_STREETS)
        return Place(municipality=muni, street=street, house_numbers=rng.choice([None, "3", "5-9"]))
    if kind == 1:
        muni, locality = rng.choice(_LOCALITIES)
        return Place(municipality=muni, locality=locality, road_id=rng.choice([None, None, _ROADS[0]]))
    if kind == 2:
        return Place(road_id=rng.choice(_ROADS))
    return Place(municipality=rng.choice(["Velenje", "Šoštanj"]))


def _random_window(rng: random.Random) -> Window:
    start = rng.choice([None, *(date(2025, 3, d) for d in range(3, 9))])
    end = rng.choice([None, start, start and start + timedelta(days=1), date(2025, 3, 9)])
    return Window(start_date=start, start_time=rng.choice([None, time(8), time(12)]), end_date=end,
                  end_time=rng.choice([None, time(14)]), end_estimated=rng.random() < 0.2)


def _random_outage(rng: random.Random) -> OutageCandidate:
    doc = f"doc-{rng.randrange(12)}"
    start = rng.randrange(0, 400, 20)
    text = "x" * rng.randrange(10, 60)
    return OutageCandidate(
        service=rng.choice(["water", "heating"]), effect=rng.choice(["interruption", "reduced"]),
        cause=rng.choice(["unknown", "maintenance", "other", "failure"]),
        title=" ".join(rng.sample(_TITLE_WORDS, rng.randrange(0, 4))),
        window=_random_window(rng), areas=[_random_place(rng) for _ in range(rng.randrange(0, 3))],
        evidence=Evidence(doc, text, start, start + len(text)), operator=rng.choice([None, "Komunala"]),
        source_url=f"https://example.si/{doc}", reference_date=date(2025, 3, rng.randrange(1, 4)),
        postponed=rng.random() < 0.1,
    )


def _full_scan_match(index, candidate):
    """The merge's matching as it was: every record of the service, the title scored first."""
    best = None
    keys = outages._place_keys(candidate.areas)
    for record in index.records:
        places_agree = outages._overlap(keys, record.keys)
        title_sim = max(outages._token_similarity(outages._tokens(candidate.title), outages._tokens(t))
                        for t in record.titles)
        if candidate.postponed:
            if not (places_agree and outages._has_fine(keys & record.keys)):
                continue
            score = 2.0 + title_sim
        else:
            if not (outages._windows_agree(record.window, candidate.window)
                    or outages._windows_agree(record.first.window, candidate.window)):
                continue
            if not places_agree and keys and record.keys and candidate.evidence.document_id in record.mentions:
                continue  # one notice's statements about different places stay apart
            if not (places_agree or title_sim >= 0.6 or (keys == record.keys and keys)):
                continue
            score = 1.0 + title_sim + (1.0 if places_agree else 0.0)
        if best is None or score > best[0]:
            best = (score, record)
    return best[1] if best else None


@pytest.mark.parametrize("seed", range(150))
def test_outage_merge_equals_a_full_scan_of_every_record(seed, monkeypatch):
    rng = random.Random(seed)
    candidates = [_random_outage(rng) for _ in range(rng.randrange(5, 45))]
    blocked = merge_outages(candidates, _NoCodes())
    monkeypatch.setattr(outages, "_match", _full_scan_match)
    assert blocked == merge_outages(candidates, _NoCodes())


def _spread_outages(count: int) -> list[OutageCandidate]:
    """Notices of one service on many days, each repeated by a few documents."""
    rng = random.Random(count)
    out = []
    for i in range(count):
        day = date(2024, 1, 1) + timedelta(days=i // 4)
        street = f"Ulica {i // 4}"
        doc = f"doc-{i}"
        out.append(OutageCandidate(
            service="water", effect="interruption", cause="maintenance", title=f"Prekinitev dobave vode {street}",
            window=Window(start_date=day, start_time=time(8 + rng.randrange(2))),
            areas=[Place(municipality="Velenje", street=street)], evidence=Evidence(doc, "x", 0, 1),
            reference_date=day - timedelta(days=1),
        ))
    return out


def _outage_comparisons(count: int, monkeypatch) -> int:
    calls = 0
    score = outages._score

    def counting(*args):
        nonlocal calls
        calls += 1
        return score(*args)

    monkeypatch.setattr(outages, "_score", counting)
    merge_outages(_spread_outages(count), _NoCodes())
    return calls


def test_outage_comparisons_grow_linearly_with_the_number_of_notices(monkeypatch):
    small, large = _outage_comparisons(400, monkeypatch), _outage_comparisons(1600, monkeypatch)
    assert large < 6 * small  # four times the notices; a full scan would make 16 times the comparisons


# ---------------------------------------------------------------- projects

_NAMES = ["Osnovna šola Ivana Groharja", "OŠ Ivana Groharja", "Energetska prenova OŠ Ivana Groharja",
          "Prenova Osnovne šole Ivana Groharja", "Vrtec", "Nov vrtec Kamnik", "Vrtec Kamnik", "Kolesarska pot",
          "Kolesarska pot ob Savi", "Misija EU podnebno nevtralna mesta", "Misija podnebno nevtralna mesta",
          "Poslovna cona Pesje", "Poslovna cona Stara vas", "Prenova Glavnega trga", "Glavni trg",
          "Nova športna dvorana Kamnik", "Športna dvorana", "Dom za starejše", "Dom za starejše Kamnik",
          "Misija podnebno nevtralna in pametna mesta", "Energetska prenova OŠ", "Energetska prenova osnovne šole",
          "Sončna elektrarna na strehi športne dvorane"]
_MUNIS = ["Kamnik", "Kranj", "Velenje", None]


def _random_project(rng: random.Random) -> ProjectCandidate:
    name = rng.choice(_NAMES)
    doc = f"doc-{rng.randrange(10)}"
    start = rng.randrange(0, 200, 40)  # repeated offsets: two names in one sentence
    return ProjectCandidate(
        name=name, alias=rng.choice([name, name.lower(), rng.choice(_NAMES)]),
        sector=rng.choice(["education", "other", "mobility"]), status=rng.choice(["unknown", "planned", "completed"]),
        evidence=Evidence(doc, f"Stavek {start}.", start, start + 10), municipality=rng.choice(_MUNIS),
        budget_eur=rng.choice([None, 1e6, 2e6]), reference_date=rng.choice([None, date(2025, 1, rng.randrange(1, 9))]),
        source_url=f"https://example.si/{doc}",
    )


def _rescore_every_pair(clusters):
    """The merge's joining as it was: after each join, score every pair of clusters again."""
    while True:
        best = None
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                sim = projects._clusters_compatible(clusters[i], clusters[j])
                if sim is not None and (best is None or sim > best[0]):
                    best = (sim, i, j)
        if best is None:
            return clusters
        _, i, j = best
        clusters[i] = sorted(clusters[i] + clusters[j], key=projects._order_key)
        del clusters[j]


@pytest.mark.parametrize("seed", range(150))
def test_project_merge_equals_rescoring_every_pair_after_each_join(seed, monkeypatch):
    rng = random.Random(seed)
    candidates = [_random_project(rng) for _ in range(rng.randrange(3, 40))]
    blocked = merge_projects(candidates)
    monkeypatch.setattr(projects, "_join_clusters", _rescore_every_pair)
    assert blocked == merge_projects(candidates)


def _projects_in_many_municipalities(count: int) -> list[ProjectCandidate]:
    """The same two projects in every municipality, each named with and without its proper name."""
    out = []
    for m in range(count):
        muni = f"Občina {m}"
        for k, (name, alias) in enumerate([("Vrtec", "vrtca"), ("Vrtec Lipa", "vrtca Lipa"),
                                           ("Športna dvorana", "športne dvorane"),
                                           ("Športna dvorana Tabor", "športne dvorane Tabor")]):
            doc = f"doc-{m}-{k}"
            out.append(ProjectCandidate(name=name, alias=alias, sector="other", status="unknown",
                                        evidence=Evidence(doc, "Stavek.", 0, 7), municipality=muni))
    return out


def _project_comparisons(count: int, monkeypatch) -> int:
    calls = 0
    compatible = projects._clusters_compatible

    def counting(a, b):
        nonlocal calls
        calls += 1
        return compatible(a, b)

    monkeypatch.setattr(projects, "_clusters_compatible", counting)
    merge_projects(_projects_in_many_municipalities(count))
    return calls


def test_project_comparisons_grow_linearly_with_the_number_of_municipalities(monkeypatch):
    small, large = _project_comparisons(50, monkeypatch), _project_comparisons(200, monkeypatch)
    assert 0 < small and large < 6 * small  # rescoring every pair would grow with the cube
