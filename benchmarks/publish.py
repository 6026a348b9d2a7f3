"""Publishing cost against a bare pyarrow write of the same rows.

    python -m benchmarks.publish --rows 1000000 [--out benchmarks/results/publish.json]

Builds an ``outages`` table of N rows (every column type: strings, enums, dates, times,
booleans, integers) and times, median of ``--repeat`` runs:

* bare: ``pyarrow.csv.write_csv`` + ``pyarrow.parquet.write_table`` of the table as it is;
* publish: what a release costs — CSV rendered to the schema's formats and written, Parquet,
  descriptor with sizes and sha256 hashes (``stage_release``), the schema checks the pipeline
  runs before publishing (``check_tables``), and ``validate_package`` (frictionless on the
  descriptor and the first rows, then every row of every file in Arrow).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from datetime import datetime, time as clock, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from opendata.publish.package import stage_release, validate_package
from opendata.schema import TABLES, check_tables, table_spec, to_arrow

SERVICES = ("heating", "water", "gas", "electricity", "road")


def outages_table(rows: int) -> pa.Table:
    """N synthetic outages, built column by column in Arrow (not through Python dicts)."""
    spec = table_spec("outages")
    index = pa.array(range(rows), pa.int64())
    text = pa.compute.cast(index, pa.string())
    day = pa.compute.cast(pa.compute.add(pa.compute.divide(index, 1000), 20000), pa.int32())
    columns = {
        "outage_id": pa.compute.binary_join_element_wise("outage-", text, ""),
        "service": pa.array([SERVICES[i % 5] for i in range(rows)], pa.string()),
        "effect": pa.array(["no_service"] * rows, pa.string()),
        "cause": pa.array(["maintenance"] * rows, pa.string()),
        "operator": pa.array(["Komunalno podjetje"] * rows, pa.string()),
        "title": pa.compute.binary_join_element_wise("Prekinitev dobave št. ", text, ""),
        "start_date": day.cast(pa.date32()),
        "start_time": pa.array([clock(8, 0)] * rows, pa.time32("ms")),
        "end_date": day.cast(pa.date32()),
        "end_time": pa.array([clock(12, 30)] * rows, pa.time32("ms")),
        "end_estimated": pa.array([i % 3 == 0 for i in range(rows)], pa.bool_()),
        "document_id": pa.array(["doc-1"] * rows, pa.string()),
        "source_url": pa.compute.binary_join_element_wise("https://primer.si/o/", text, ""),
        "mention_count": pa.array([1] * rows, pa.int64()),
    }
    return pa.Table.from_arrays([columns[c.name] for c in spec.columns], schema=spec.arrow_schema)


def _median(run, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds (CPU time is what a loaded machine does not inflate)."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    outages = outages_table(args.rows)
    document = {"document_id": "doc-1", "kind": "notice", "text": "x", "char_count": 1,
                "fetched_at": datetime(2025, 1, 1, tzinfo=timezone.utc)}
    tables = {name: to_arrow(name, []) for name in TABLES} | {"outages": outages, "documents": to_arrow("documents", [document])}
    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))

    def bare() -> None:
        pacsv.write_csv(outages, work / "bare.csv")
        pq.write_table(outages, work / "bare.parquet", compression="zstd")

    def publish() -> None:
        assert not check_tables(tables)
        staged = stage_release(tables, work / "out")
        errors = validate_package(staged.descriptor_path)
        assert not errors, errors[:3]
        shutil.rmtree(staged.root)

    (bare_wall, bare_cpu), (publish_wall, publish_cpu) = _median(bare, args.repeat), _median(publish, args.repeat)
    result = {"rows": args.rows, "bare_wall_s": bare_wall, "bare_cpu_s": bare_cpu,
              "publish_wall_s": publish_wall, "publish_cpu_s": publish_cpu,
              "ratio_wall": publish_wall / bare_wall, "ratio_cpu": publish_cpu / bare_cpu}
    shutil.rmtree(work, ignore_errors=True)
    print(f"{args.rows:,} rows: bare pyarrow write {bare_wall:.2f} s ({bare_cpu:.2f} s CPU), "
          f"publish {publish_wall:.2f} s ({publish_cpu:.2f} s CPU); ratio {result['ratio_wall']:.2f} wall, "
          f"{result['ratio_cpu']:.2f} CPU")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
