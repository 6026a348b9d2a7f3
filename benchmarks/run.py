"""The pipeline benchmark: documents per second per stage, end to end, peak memory, incremental cost.

    python -m benchmarks.run --sizes 1000,10000 --out benchmarks/results/$(date +%F)-dev.json

For each size it

1. generates a corpus with :mod:`benchmarks.generate` (seeded, so every commit is measured on
   the same bytes);
2. runs the stages in a **worker subprocess**, the way the Dagster assets call them: ingest
   (``ingest_directory`` + the ``documents`` table), extract (``extract_kind`` for outages,
   events, projects), merge (``merge_*`` + ``to_arrow``), checks (the blocking asset checks:
   columns, primary keys, foreign keys), publish (``stage_full_release`` = CSV + Parquet +
   calendars + catalogue + ZIP, ``validate_package`` = frictionless, measured apart, and
   ``promote_release``). Memory:
   the worker's RSS high-water mark (``getrusage(RUSAGE_SELF).ru_maxrss``) after each stage,
   and the whole worker's from ``os.wait4``; ``--tracemalloc`` adds Python-heap peaks per stage
   (slower, so off by default);
3. runs ``opendata build`` as a subprocess (wall time; peak RSS of that child from ``os.wait4``);
4. adds 1 % new documents (a continuation of the same corpus, newer dates) and runs
   ``opendata build`` again into the same output: the incremental cost as it stands.

It prints a table and writes JSON with the commit, machine, load average and date, so runs
on different commits can be compared (``--compare OLD.json`` prints the ratios).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


# ----------------------------------------------------------------------------- environment facts
def git_commit(root: Path = ROOT) -> dict:
    """Commit and branch read from ``.git`` files directly (no git process, works in any checkout)."""
    git = root / ".git"
    if git.is_file():  # a worktree: "gitdir: PATH"
        git = Path(git.read_text().split(":", 1)[1].strip())
    head = git / "HEAD"
    if not head.exists():
        return {"commit": None, "branch": None}
    ref = head.read_text().strip()
    if not ref.startswith("ref: "):
        return {"commit": ref, "branch": None}
    name = ref[5:]
    for base in (git, Path(str(git).split("/worktrees/")[0]) if "/worktrees/" in str(git) else git):
        loose = base / name
        if loose.exists():
            return {"commit": loose.read_text().strip(), "branch": name.removeprefix("refs/heads/")}
        packed = base / "packed-refs"
        if packed.exists():
            for line in packed.read_text().splitlines():
                if line.endswith(" " + name):
                    return {"commit": line.split()[0], "branch": name.removeprefix("refs/heads/")}
    return {"commit": None, "branch": name.removeprefix("refs/heads/")}


def machine_info() -> dict:
    """CPU, cores, memory, Python and the load average now (other work skews timings)."""
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("DAGSTER_HOME", None)  # an ephemeral instance: the benchmark must not fill a real one
    return env


def run_child(cmd: list[str], *, cwd: Path = ROOT) -> dict:
    """Run ``cmd``; wall seconds, exit code, output, and *that child's* peak RSS (``os.wait4``)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    return {
        "wall_s": round(wall, 3),
        "returncode": proc.returncode,
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "user_s": round(usage.ru_utime, 2),
        "sys_s": round(usage.ru_stime, 2),
        "stdout": stdout,
        "stderr": stderr,
    }


# ----------------------------------------------------------------------------- the worker (in-process stages)
def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _Stages:
    """Times named stages; optionally profiles each (cProfile) and traces Python-heap peaks."""

    def __init__(self, profile_dir: Path | None, tracemalloc_on: bool, tag: str) -> None:
        self.times: dict[str, float] = {}
        self.rss: dict[str, float] = {}
        self.heap: dict[str, float] = {}
        self.profile_dir = profile_dir
        self.tag = tag
        self.tracemalloc = tracemalloc_on
        if tracemalloc_on:
            import tracemalloc

            tracemalloc.start()

    def run(self, name: str, fn, *args, **kwargs):
        """``fn(*args, **kwargs)`` timed as stage ``name``."""
        if self.tracemalloc:
            import tracemalloc

            tracemalloc.reset_peak()
        profiler = cProfile.Profile() if self.profile_dir else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        value = fn(*args, **kwargs)
        if profiler:
            profiler.disable()
        self.times[name] = round(time.perf_counter() - start, 4)
        self.rss[name] = _rss_mb()
        if self.tracemalloc:
            import tracemalloc

            self.heap[name] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
        if profiler:
            self._dump(name, profiler)
        return value

    def _dump(self, name: str, profiler: cProfile.Profile) -> None:
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        base = self.profile_dir / f"{self.tag}-{name.replace('.', '-')}"
        profiler.dump_stats(str(base) + ".pstats")
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(25)
        (Path(str(base) + ".txt")).write_text(text.getvalue(), encoding="utf-8")


def worker(landing: Path, output: Path, gazetteer_dir: Path | None, profile_dir: Path | None,
           tracemalloc_on: bool, tag: str, stop_after: str | None = None) -> dict:
    """Every stage of the build, in the order and with the calls the Dagster assets make."""
    import pyarrow as pa

    from opendata.extract import extract_kind
    from opendata.extract.events import merge_events
    from opendata.extract.outages import merge_outages
    from opendata.extract.projects import merge_projects
    from opendata.ingest import documents_table, ingest_directory
    from opendata.language.gazetteer import Gazetteer
    from opendata.publish.package import promote_release, validate_package
    from opendata.publish.release import stage_full_release
    from opendata.publish.report import build_report
    from opendata.schema import TABLES, check_columns, check_foreign_keys, check_primary_key, sorted_table, to_arrow

    st = _Stages(profile_dir, tracemalloc_on, tag)
    gaz = st.run("gazetteer_load", Gazetteer.load, gazetteer_dir)
    result = st.run("ingest.read", ingest_directory, landing)
    docs = result.documents
    documents = st.run("ingest.documents_table", lambda: documents_table(docs))
    if stop_after == "ingest":
        return _partial(st, result, docs, {}, stop_after)
    candidates, errors = {}, []
    for kind in ("outages", "events", "projects"):
        found, errs = st.run(f"extract.{kind}", extract_kind, kind, docs, gaz)
        candidates[kind] = found
        errors += errs
    if stop_after == "extract":
        return _partial(st, result, docs, candidates, stop_after)
    rows_o, areas, ment_o = st.run("merge.outages", merge_outages, candidates["outages"], gaz)
    rows_e, ment_e = st.run("merge.events", merge_events, candidates["events"])
    rows_p, ment_p = st.run("merge.projects", merge_projects, candidates["projects"])

    def arrow_tables():
        mentions = pa.concat_tables([to_arrow("mentions", m) for m in (ment_o, ment_e, ment_p)])
        mentions = mentions.sort_by([("record_type", "ascending"), ("record_id", "ascending"),
                                     ("document_id", "ascending"), ("char_start", "ascending")])
        return {"documents": documents, "outages": to_arrow("outages", rows_o), "outage_areas": to_arrow("outage_areas", areas),
                "events": to_arrow("events", rows_e), "projects": to_arrow("projects", rows_p), "mentions": mentions}

    tables = st.run("merge.to_arrow", arrow_tables)

    def checks():
        found = []
        for name in TABLES:
            found += check_columns(name, tables[name])
            found += check_primary_key(name, tables[name])
        found += check_foreign_keys(tables)
        return found

    violations = st.run("checks", checks)

    def stage():
        ordered = {name: sorted_table(name, tables[name]) for name in TABLES}
        report = build_report(result, errors, {n: t.num_rows for n, t in ordered.items()})
        return stage_full_release(ordered, output, report=report)

    staged = st.run("publish.stage", stage)
    problems = st.run("publish.validate", validate_package, staged.descriptor_path)
    st.run("publish.promote", promote_release, staged)
    report = result.report()
    return {
        "times_s": st.times,
        "rss_hwm_after_stage_mb": st.rss,
        "python_heap_peak_mb": st.heap or None,
        "counts": {
            "files": report["files"], "accepted": report["accepted"], "duplicates": report["duplicates"],
            "rejected": report["rejected"], "ignored": report["ignored"], "documents": len(docs),
            "documents_by_kind": _by_kind(docs),
            "candidates": {k: len(v) for k, v in candidates.items()},
            "rows": {name: tables[name].num_rows for name in TABLES},
            "extraction_errors": len(errors), "check_violations": len(violations), "validation_errors": len(problems),
            "check_violation_details": [v.describe() for v in violations[:5]], "validation_error_details": problems[:5],
        },
    }


def _partial(st: _Stages, result, docs, candidates: dict, stop_after: str) -> dict:
    """The worker's answer when ``--stop-after`` ends it early (to time reading and extraction alone at large sizes)."""
    report = result.report()
    return {"times_s": st.times, "rss_hwm_after_stage_mb": st.rss, "python_heap_peak_mb": st.heap or None,
            "stopped_after": stop_after,
            "counts": {"files": report["files"], "accepted": report["accepted"], "duplicates": report["duplicates"],
                       "rejected": report["rejected"], "ignored": report["ignored"], "documents": len(docs),
                       "documents_by_kind": _by_kind(docs), "candidates": {k: len(v) for k, v in candidates.items()},
                       "rows": {}, "extraction_errors": 0, "check_violations": 0, "validation_errors": 0}}


def _by_kind(docs) -> dict:
    counts: dict[str, int] = {}
    for doc in docs:
        counts[doc.kind] = counts.get(doc.kind, 0) + 1
    return dict(sorted(counts.items()))


# ----------------------------------------------------------------------------- the driver
STAGE_GROUPS = {
    "ingest": ("ingest.read", "ingest.documents_table"),
    "extract": ("extract.outages", "extract.events", "extract.projects"),
    "merge": ("merge.outages", "merge.events", "merge.projects", "merge.to_arrow"),
    "checks": ("checks",),
    "publish": ("publish.stage", "publish.validate", "publish.promote"),
}


def summarise_stages(times: dict[str, float], documents: int) -> dict:
    """Seconds, docs/s and share of the in-process total per stage group (and validation alone)."""
    groups = {name: sum(times.get(k, 0.0) for k in keys) for name, keys in STAGE_GROUPS.items()}
    groups["validate (in publish)"] = times.get("publish.validate", 0.0)
    total = sum(v for k, v in groups.items() if not k.startswith("validate"))
    return {
        name: {"seconds": round(sec, 3), "docs_per_s": round(documents / sec, 1) if sec > 0 else None,
               "share": round(sec / total, 3) if total else None}
        for name, sec in groups.items()
    } | {"total": {"seconds": round(total, 3), "docs_per_s": round(documents / total, 1) if total else None, "share": 1.0}}


def _build(landing: Path, output: Path, gazetteer: Path | None) -> dict:
    cmd = [sys.executable, "-m", "opendata.cli", "build", "--input", str(landing), "--output", str(output)]
    if gazetteer:
        cmd += ["--gazetteer", str(gazetteer)]
    run = run_child(cmd)
    summary = [line for line in run["stdout"].splitlines() if line.startswith(("documents:", "rows:"))]
    return {k: run[k] for k in ("wall_s", "returncode", "peak_rss_mb", "user_s", "sys_s")} | {
        "summary": summary, "stderr_tail": run["stderr"][-800:] if run["returncode"] else ""}


def bench_size(size: int, args, work: Path, gazetteer: Path | None) -> dict:
    """Generate, run the stages, build end to end, then build again with 1 % new documents."""
    from benchmarks.generate import generate

    base = work / f"size-{size}"
    if base.exists():
        _rmtree(base)
    landing = base / "landing"
    t0 = time.perf_counter()
    manifest = generate(landing, size, args.seed, register=gazetteer)
    gen_s = time.perf_counter() - t0
    entry: dict = {"size": size, "generate_s": round(gen_s, 2), "generate_items_per_s": round(size / gen_s, 1),
                   "manifest": {k: manifest[k] for k in ("items", "files", "expected", "broken", "duplicates", "teasers")}}
    print(f"[{size}] generated {manifest['files']['total']} files in {gen_s:.1f}s", flush=True)

    cmd = [sys.executable, "-m", "benchmarks.run", "--worker", "--landing", str(landing), "--worker-output",
           str(base / "stages-out"), "--tag", str(size)]
    if gazetteer:
        cmd += ["--gazetteer", str(gazetteer)]
    if args.profile:
        cmd += ["--profile", str(Path(args.profile).resolve())]
    if args.tracemalloc:
        cmd += ["--tracemalloc"]
    if args.stop_after:
        cmd += ["--stop-after", args.stop_after]
    child = run_child(cmd)
    if child["returncode"] != 0:
        raise SystemExit(f"stage worker failed for size {size}:\n{child['stderr'][-3000:]}")
    stages = json.loads(child["stdout"].strip().splitlines()[-1])
    docs = stages["counts"]["documents"]
    entry["stages"] = stages | {"summary": summarise_stages(stages["times_s"], docs), "worker_wall_s": child["wall_s"],
                                "worker_peak_rss_mb": child["peak_rss_mb"]}
    print(f"[{size}] stages done in {child['wall_s']:.1f}s ({docs} documents)", flush=True)

    if not args.skip_build and not args.stop_after:
        output = base / "out"
        first = _build(landing, output, gazetteer)
        first["docs_per_s"] = round(docs / first["wall_s"], 1)
        entry["build"] = first
        print(f"[{size}] opendata build: {first['wall_s']:.1f}s rc={first['returncode']}", flush=True)
        if not args.skip_incremental:
            extra = max(1, size // 100)
            t0 = time.perf_counter()
            generate(landing / f"increment-{size:09d}", extra, args.seed, start=size, scale=size, register=gazetteer)
            gen_inc = time.perf_counter() - t0
            second = _build(landing, output, gazetteer)
            entry["incremental"] = second | {
                "new_items": extra, "generate_s": round(gen_inc, 2),
                "ratio_to_first_build": round(second["wall_s"] / first["wall_s"], 3) if first["wall_s"] else None,
                "note": "second `opendata build` into the same output after adding 1 % new files",
            }
            print(f"[{size}] incremental (+{extra} items): {second['wall_s']:.1f}s rc={second['returncode']}", flush=True)
    if not args.keep:
        _rmtree(base)
    return entry


def _rmtree(path: Path) -> None:
    # published releases are read-only; make them writable so the scratch folder can go
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            try:
                p.chmod(0o644)
            except OSError:
                pass
    shutil.rmtree(path, ignore_errors=True)


def print_table(results: dict) -> None:
    """The human-readable summary: per stage seconds, docs/s and share, then builds and memory."""
    for entry in results["sizes"]:
        summary = entry["stages"]["summary"]
        counts = entry["stages"]["counts"]
        print(f"\n== {entry['size']} items -> {counts['files']} files, {counts['documents']} documents "
              f"(rows: {counts['rows']})")
        print(f"{'stage':<24}{'seconds':>10}{'docs/s':>12}{'share':>8}{'RSS hwm MB':>12}")
        rss = entry["stages"]["rss_hwm_after_stage_mb"]
        for name, row in summary.items():
            keys = STAGE_GROUPS.get(name, ())
            hwm = max((rss.get(k, 0) for k in keys), default=0) or ""
            share = f"{row['share'] * 100:.1f}%" if row["share"] is not None and not name.startswith("validate") else ""
            print(f"{name:<24}{row['seconds']:>10.2f}{row['docs_per_s'] or 0:>12.1f}{share:>8}{hwm:>12}")
        for sub in ("extract.outages", "extract.events", "extract.projects"):
            sec = entry["stages"]["times_s"].get(sub)
            if sec:
                print(f"  {sub:<22}{sec:>10.2f}{counts['documents'] / sec:>12.1f}")
        if "build" in entry:
            b = entry["build"]
            print(f"{'opendata build':<24}{b['wall_s']:>10.2f}{b['docs_per_s']:>12.1f}{'':>8}{b['peak_rss_mb']:>12}")
        if "incremental" in entry:
            i = entry["incremental"]
            print(f"{'build +1% (incremental)':<24}{i['wall_s']:>10.2f}{'':>12}{'':>8}{i['peak_rss_mb']:>12}"
                  f"   ({i['ratio_to_first_build']}x the first build)")
        exp = entry["manifest"]["expected"]
        rows = counts["rows"]
        if not rows:
            print(f"(stopped after {entry['stages'].get('stopped_after')}; candidates {counts['candidates']}, expected {exp})")
            continue
        print(f"expected (generator) vs rows: outages {exp['outages']}/{rows['outages']}, "
              f"events {exp['events']}/{rows['events']}, projects {exp['projects']}/{rows['projects']}")
        if counts["check_violations"] or counts["validation_errors"]:
            print(f"!! asset-check violations {counts['check_violations']}, validation errors {counts['validation_errors']}"
                  " (a real build would refuse to publish)")
        for run in ("build", "incremental"):
            if entry.get(run, {}).get("returncode"):
                print(f"!! {run} exited {entry[run]['returncode']}: {entry[run]['stderr_tail'][:300]}")


def compare(new: dict, old_path: Path) -> None:
    """Ratios of stage seconds against an earlier results file (same sizes only)."""
    old = json.loads(old_path.read_text(encoding="utf-8"))
    old_by_size = {e["size"]: e for e in old["sizes"]}
    print(f"\ncompared with {old_path} (commit {old.get('git', {}).get('commit')}): new/old seconds")
    for entry in new["sizes"]:
        prev = old_by_size.get(entry["size"])
        if not prev:
            continue
        for name, row in entry["stages"]["summary"].items():
            before = prev["stages"]["summary"].get(name, {}).get("seconds")
            if before:
                print(f"  {entry['size']:>8} {name:<24}{row['seconds'] / before:>8.2f}x")


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``--worker`` is the internal stage runner the driver starts per size."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes in items")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=None, help="results JSON (default benchmarks/results/<date>-<commit>.json)")
    parser.add_argument("--work", default=None, help="scratch folder (default: a temporary folder)")
    parser.add_argument("--gazetteer", default=None, help="RPE folder (default: as opendata finds it)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    parser.add_argument("--skip-build", action="store_true", help="only the in-process stages, no `opendata build`")
    parser.add_argument("--skip-incremental", action="store_true")
    parser.add_argument("--profile", default=None, help="folder for cProfile stats of every stage")
    parser.add_argument("--tracemalloc", action="store_true", help="also record Python-heap peaks per stage (slower)")
    parser.add_argument("--stop-after", choices=("ingest", "extract"), default=None,
                        help="end the stage worker after this stage and skip the builds (for sizes the later stages cannot finish)")
    parser.add_argument("--compare", default=None, help="an earlier results JSON to compare stage times with")
    parser.add_argument("--note", action="append", default=[], help="free text recorded in the results (repeatable)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--landing", help=argparse.SUPPRESS)
    parser.add_argument("--worker-output", help=argparse.SUPPRESS)
    parser.add_argument("--tag", default="run", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    from opendata.config import find_gazetteer

    gazetteer = find_gazetteer(args.gazetteer)
    if args.worker:
        from opendata.runtime import tune_gc_for_batch

        tune_gc_for_batch()  # as every pipeline process does (the CLI, run workers, extraction pool)
        result = worker(Path(args.landing), Path(args.worker_output), gazetteer,
                        Path(args.profile) if args.profile else None, args.tracemalloc, args.tag, args.stop_after)
        print(json.dumps(result))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = datetime.now(timezone.utc)
    git = git_commit()
    out = Path(args.out) if args.out else ROOT / "benchmarks" / "results" / f"{started:%Y-%m-%d}-{(git['commit'] or 'nogit')[:10]}.json"
    scratch = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="opendata-bench-"))
    results = {
        "benchmark": "benchmarks.run", "date": started.isoformat(timespec="seconds"), "git": git,
        "machine": machine_info(), "config": {"sizes": sizes, "seed": args.seed, "gazetteer": str(gazetteer) if gazetteer else None,
                                              "builds": not args.skip_build, "incremental": not (args.skip_build or args.skip_incremental),
                                              "profile": bool(args.profile), "tracemalloc": args.tracemalloc,
                                              "stop_after": args.stop_after},
        "memory_method": ("stages: RSS high-water mark of the worker process (getrusage RUSAGE_SELF ru_maxrss) after each stage, "
                          "monotone, plus the worker's peak via os.wait4; builds: peak RSS of the `opendata build` child via os.wait4"
                          + ("; python_heap_peak_mb: tracemalloc peak per stage" if args.tracemalloc else "")),
        "docs_definition": "documents = Document objects after ingest and deduplication (pages, teasers, feed items, JSONL records); "
                           "items = what the generator wrote (see benchmarks/generate.py)",
        "notes": args.note,
        "sizes": [],
    }
    try:
        for size in sizes:
            results["sizes"].append(bench_size(size, args, scratch, gazetteer))
            out.parent.mkdir(parents=True, exist_ok=True)
            results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
            out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.work and not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print_table(results)
    if args.compare:
        compare(results, Path(args.compare))
    print(f"\nresults: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
