"""Extraction alone: documents per second of ``extract_kind`` on one core, over in-memory documents.

    python -m benchmarks.extraction [--docs 10000] [--repeat 3] [--out benchmarks/results/extraction-<name>.json]

Builds ``--docs`` notice-sized :class:`opendata.model.Document` objects with the generator's own
templates (two sets: outage notices of every service, and a mix of notices, event and project
articles), pins the process to one CPU where the OS allows it, and times
``extract_kind('outages' | 'events' | 'projects', docs, gazetteer)`` ``--repeat`` times each.
Reports the median docs/s per extractor and for the whole extraction (all three in a row, which
is what a build does to every document). The project's target is >= 1000 docs/s for the whole.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("outages", "events", "projects")
TARGET_DOCS_PER_S = 1000


def make_documents(count: int, seed: int, mix: str, register: Path | None):
    """``count`` in-memory documents: ``mix='notices'`` outage notices only, ``'mixed'`` 60/20/20 notices/events/projects."""
    from opendata.model import Document

    from benchmarks.generate import BASE_DAY, TZ, event_story, load_world, outage_story, project_facts, project_story

    towns = load_world(register)
    docs = []
    for i in range(count):
        rng = random.Random(f"{seed}:extraction:{mix}:{i}")
        town = rng.choice(towns)
        pub = BASE_DAY + timedelta(days=i % 1000)
        roll = rng.random() if mix == "mixed" else 0.0
        if roll < 0.6:
            story, kind = outage_story(rng, town, pub, i), "notice"
        elif roll < 0.8:
            story, kind = event_story(rng, town, pub, i), "article"
        else:
            pid = i % 97
            story, kind = project_story(rng, project_facts(seed, pid, towns), pid, i), "article"
        published = datetime(pub.year, pub.month, pub.day, 9, 0, tzinfo=TZ)
        docs.append(Document(
            document_id=f"bench-{mix}-{i}", kind=kind, text="\n\n".join((story.title, *story.paragraphs)),
            title=story.title, url=story.url, source=f"{town.slug}.si", published_at=published,
            fetched_at=published + timedelta(hours=1), origin=f"bench/{i}",
        ))
    return docs


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu} (sched_setaffinity)"
    return "not pinned (no sched_setaffinity); single-threaded anyway"


def time_extraction(docs, gazetteer, repeat: int) -> dict:
    """Median seconds and docs/s of each extractor over ``docs``, plus their sum (the whole extraction)."""
    from opendata.extract import extract_kind

    out: dict = {}
    for kind in KINDS:
        runs, found, errors = [], 0, 0
        for _ in range(repeat):
            start = time.perf_counter()
            candidates, errs = extract_kind(kind, docs, gazetteer)
            runs.append(time.perf_counter() - start)
            found, errors = len(candidates), len(errs)
        median = statistics.median(runs)
        out[kind] = {"median_s": round(median, 3), "runs_s": [round(r, 3) for r in runs],
                     "docs_per_s": round(len(docs) / median, 1), "candidates": found, "errors": errors}
    total = sum(out[k]["median_s"] for k in KINDS)
    out["all_three"] = {"median_s": round(total, 3), "docs_per_s": round(len(docs) / total, 1),
                        "meets_target": len(docs) / total >= TARGET_DOCS_PER_S}
    return out


def main(argv: list[str] | None = None) -> int:
    """Entry point: build the documents, time each extractor, print and optionally write JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mix", choices=("notices", "mixed", "both"), default="both")
    parser.add_argument("--gazetteer", default=None)
    parser.add_argument("--out", default=None, help="write the results JSON here")
    parser.add_argument("--profile", default=None, help="write cProfile stats of one outages pass to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from opendata.config import find_gazetteer
    from opendata.language.gazetteer import Gazetteer

    from benchmarks.run import git_commit, machine_info

    pinning = _pin_one_core()
    from opendata.runtime import tune_gc_for_batch

    tune_gc_for_batch()  # the collector settings of every pipeline process (see opendata.runtime)
    register = find_gazetteer(args.gazetteer)
    gazetteer = Gazetteer.load(register)
    mixes = ("notices", "mixed") if args.mix == "both" else (args.mix,)
    results = {"benchmark": "benchmarks.extraction", "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "git": git_commit(), "machine": machine_info(), "cpu": pinning, "docs": args.docs, "repeat": args.repeat,
               "gazetteer": str(register) if register else None, "target_docs_per_s": TARGET_DOCS_PER_S, "sets": {}}
    for mix in mixes:
        docs = make_documents(args.docs, args.seed, mix, register)
        chars = sum(len(d.text) for d in docs) / len(docs)
        extract_kind_warmup(docs[:50], gazetteer)
        timing = time_extraction(docs, gazetteer, args.repeat)
        results["sets"][mix] = {"mean_chars": round(chars), **timing}
        print(f"{mix:>8}: {len(docs)} docs, {chars:.0f} chars on average")
        for kind in (*KINDS, "all_three"):
            row = timing[kind]
            print(f"  {kind:<10}{row['median_s']:>8.2f}s {row['docs_per_s']:>10.1f} docs/s"
                  + (f"  candidates {row['candidates']}" if "candidates" in row else
                     f"  target {TARGET_DOCS_PER_S}: {'met' if row['meets_target'] else 'NOT met'}"))
    if args.profile:
        import cProfile

        from opendata.extract import extract_kind

        docs = make_documents(args.docs, args.seed, "notices", register)
        cProfile.runctx("extract_kind('outages', docs, gazetteer)", globals(), {"extract_kind": extract_kind, "docs": docs,
                                                                                   "gazetteer": gazetteer}, args.profile)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"results: {args.out}")
    return 0


def extract_kind_warmup(docs, gazetteer) -> None:
    """One small pass first: imports, compiled patterns and the gazetteer's caches are not what we time."""
    from opendata.extract import extract_kind

    for kind in KINDS:
        extract_kind(kind, docs, gazetteer)


if __name__ == "__main__":
    raise SystemExit(main())
