"""Tables → a Frictionless Data Package (v2) on disk: CSV and Parquet per table, hashed, validated.

Publishing is staged so a failed run can never leave a half-written package behind:

1. :func:`stage_release` writes every file of a new release into ``OUTPUT/.staging-*``;
2. :func:`validate_package` runs frictionless over the staged descriptor;
3. :func:`promote_release` renames the staging folder to ``OUTPUT/releases/<version>`` and then
   atomically replaces ``OUTPUT/datapackage.json`` with a descriptor whose paths point into it.

Earlier releases stay where they are; ``OUTPUT/datapackage.json`` always describes the newest
complete one (DATA_MODEL.md §2).
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import zipfile
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from opendata import __version__
from opendata.schema import TABLES, check_tables, csv_text_table, parse_csv_column, table_spec

from opendata.faults import crash_point

from .changelog import build_changelog, changelog_markdown, read_release_tables
from .lock import output_lock

PACKAGE_NAME = "slovenian-municipal-notices"
DESCRIPTOR = "datapackage.json"
RELEASES = "releases"
STAGING_PREFIX = ".staging-"
CSV_MEDIATYPE = "text/csv"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
LATEST = "latest"
# ZIP entries carry this timestamp so the same release content gives the same archive bytes.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PackageInfo:
    """Who publishes the package and from what; goes into the descriptor."""

    title: str = "Slovenian municipal notices, events and projects"
    description: str = (
        "Outages and closures (heating, water, gas, electricity, roads), public events and "
        "development projects extracted from the web pages of Slovenian municipalities and "
        "utilities, with the evidence behind every record."
    )
    publisher: str = "opendata pipeline"
    homepage: str | None = None
    sources: tuple[dict, ...] = ()


@dataclass(frozen=True)
class StagedRelease:
    """A release written to a staging folder, not yet visible to users."""

    root: Path  # the staging folder
    output: Path
    version: str

    @property
    def descriptor_path(self) -> Path:
        """The staged release's own ``datapackage.json``."""
        return self.root / DESCRIPTOR


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, streamed."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_csv(name: str, table: pa.Table, path: Path) -> None:
    """Write UTF-8 CSV with a header row; nulls as empty cells."""
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    pacsv.write_csv(csv_text_table(name, table), path, write_options=options)


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write Parquet with the schema's Arrow types; no timestamps inside, so reruns are byte-identical."""
    pq.write_table(table, path, compression="zstd", write_statistics=True, store_schema=True)


def _resource(name: str, fmt: str, relpath: str, file: Path) -> dict:
    spec = table_spec(name)
    schema = spec.descriptor()
    schema.pop("$schema", None)
    csv = fmt == "csv"
    resource = {
        "name": name if csv else f"{name}_parquet",
        # frictionless reads Parquet rows through fastparquet, which cannot count bytes or hash
        # them; declared as a file, the Parquet copy keeps its schema and is checked by bytes and
        # hash here, and by rows in validate_package's second pass.
        "type": "table" if csv else "file",
        "path": relpath,
        "format": fmt,
        "mediatype": CSV_MEDIATYPE if csv else PARQUET_MEDIATYPE,
        "title": spec.title if csv else f"{spec.title} (Parquet)",
        "description": spec.description,
        "bytes": file.stat().st_size,
        "hash": f"sha256:{sha256_file(file)}",
        "schema": schema,
    }
    if csv:
        resource["encoding"] = "utf-8"
        resource["dialect"] = {"header": True, "delimiter": ","}
    return resource


def release_version(now: datetime) -> str:
    """A version that tells its date: ``YYYY.MM.DD-HHMMSS`` (UTC)."""
    return now.astimezone(timezone.utc).strftime("%Y.%m.%d-%H%M%S")


def descriptor(resources: list[dict], version: str, created: datetime, info: PackageInfo) -> dict:
    """The Data Package v2 descriptor for a release."""
    body = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, PACKAGE_NAME + '/' + version)}",
        "title": info.title,
        "description": info.description,
        "version": version,
        "created": created.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International",
            }
        ],
        "sources": list(info.sources)
        or [{"title": "Web pages of Slovenian municipalities and public utilities"}],
        "contributors": [{"title": info.publisher, "roles": ["publisher"]}],
        "keywords": ["outages", "events", "projects", "municipalities", "Slovenia", "open data"],
        "generator": f"opendata {__version__}",
        "resources": resources,
    }
    if info.homepage:
        body["homepage"] = info.homepage
    return body


def stage_release(
    tables: Mapping[str, pa.Table],
    output: Path,
    *,
    info: PackageInfo | None = None,
    extra_files: Mapping[str, bytes] | None = None,
    now: datetime | None = None,
) -> StagedRelease:
    """Write all tables (CSV + Parquet) and the release descriptor into a fresh staging folder."""
    info = info or PackageInfo()
    now = now or datetime.now(timezone.utc)
    output.mkdir(parents=True, exist_ok=True)
    version = release_version(now)
    suffix = 1
    while (output / RELEASES / version).exists():  # two builds in one second: keep versions unique
        suffix += 1
        version = f"{release_version(now)}-{suffix}"
    root = output / f"{STAGING_PREFIX}{version}-{uuid.uuid4().hex[:8]}"
    data = root / "data"
    data.mkdir(parents=True)
    def csv_resource(name: str) -> dict:
        write_csv(name, tables[name], data / f"{name}.csv")
        return _resource(name, "csv", f"data/{name}.csv", data / f"{name}.csv")

    def parquet_resource(name: str) -> dict:
        write_parquet(tables[name], data / f"{name}.parquet")
        return _resource(name, "parquet", f"data/{name}.parquet", data / f"{name}.parquet")

    # pyarrow's writers and hashlib release the GIL: CSV and Parquet are written side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        csv_jobs = [pool.submit(csv_resource, name) for name in TABLES]
        parquet_jobs = [pool.submit(parquet_resource, name) for name in TABLES]
        resources = [job.result() for job in csv_jobs]
        parquet_resources = [job.result() for job in parquet_jobs]
    write_files(root, extra_files or {})
    body = descriptor(resources + parquet_resources, version, now, info)
    _write_json(root / DESCRIPTOR, body)
    return StagedRelease(root=root, output=output, version=version)


def write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``relative path → content`` under ``root``, creating folders as needed."""
    for relname, content in files.items():
        path = root / relname
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


_ZIP_CHUNK = 1 << 20
# Already compressed: deflating them again costs time and saves nothing.
_STORED_SUFFIXES = (".parquet", ".zip", ".gz")


def _add_members(archive: zipfile.ZipFile, root: Path, paths: list[Path]) -> None:
    for path in paths:
        info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=_ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_STORED if path.suffix in _STORED_SUFFIXES else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = path.stat().st_size  # lets zipfile switch to ZIP64 for members over 2 GiB
        # Streamed in chunks: a release's documents.csv alone can be hundreds of megabytes.
        with path.open("rb") as source, archive.open(info, "w") as member:
            shutil.copyfileobj(source, member, _ZIP_CHUNK)


class ReleaseArchive:
    """The ZIP of a release folder, written on a background thread while the release is made.

    ``add_present()`` queues the files ``root`` holds now (the data files, say), so deflating
    them overlaps with rendering the files derived from them; ``finish()`` adds every file not
    yet archived and closes the ZIP. zlib and file I/O release the GIL, so on two cores the
    archive costs little more than the slower of the two. Members come in a fixed order (each
    call's files sorted by path) with a fixed timestamp: the same release, the same bytes.
    """

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.target = root / name
        self._archive = zipfile.ZipFile(self.target, "w", compression=zipfile.ZIP_DEFLATED)
        self._done: set[Path] = set()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="release-zip")
        self._jobs: list = []

    def add_present(self) -> None:
        """Queue every file now in the release folder that is not archived yet."""
        paths = sorted(p for p in self.root.rglob("*") if p.is_file() and p != self.target and p not in self._done)
        self._done.update(paths)
        self._jobs.append(self._worker.submit(_add_members, self._archive, self.root, paths))

    def finish(self) -> Path:
        """Archive the remaining files, wait for the writer and close the ZIP."""
        try:
            self.add_present()
            for job in self._jobs:
                job.result()
        finally:
            self._close()
        return self.target

    def _close(self) -> None:
        self._worker.shutdown(wait=True)
        self._archive.close()

    def __enter__(self) -> "ReleaseArchive":
        return self

    def __exit__(self, kind, error, trace) -> None:
        # On success the caller has called finish(); on an error the half-made ZIP is closed
        # with the staging folder it belongs to (which is discarded), and the thread stops.
        if kind is not None:
            self._close()


def write_zip(root: Path, name: str) -> Path:
    """Archive the release folder (descriptor, data, reports) deterministically into ``root/name``."""
    return ReleaseArchive(root, name).finish()


def _report_errors(report) -> list[str]:
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:20]]
    errors.extend(f"package: {e.message}" for e in report.errors[:20])
    return errors or ([] if report.valid else ["package is invalid"])


# frictionless checks rows one by one (~15k rows/s); past this many rows per resource the
# Arrow pass below carries the row-level checks alone.
FRICTIONLESS_ROW_LIMIT = 10_000
FRICTIONLESS_SAMPLE_ROWS = 1_000
# Reading every file back costs as much as writing it; past this many rows in a table the
# tables' rows are trusted to the blocking checks run on them in memory before staging, and
# the files are checked by hash, Parquet metadata and the sampled frictionless pass.
READ_BACK_ROW_LIMIT = 200_000


def _read_csv_text(path: Path) -> pa.Table:
    """A published CSV read as text: every column a string, empty cells null."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    return pacsv.read_csv(
        path,
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types={name: pa.string() for name in header}, strings_can_be_null=True),
    )


def check_files(body: dict, root: Path) -> list[str]:
    """Every resource's file exists with the declared byte count and sha256 hash."""
    errors = []
    for resource in body["resources"]:
        path = root / resource["path"]
        if not path.exists():
            errors.append(f"{resource['name']}: {resource['path']} is missing")
        elif path.stat().st_size != resource.get("bytes"):
            errors.append(f"{resource['name']}: {path.stat().st_size} bytes, declared {resource.get('bytes')}")
        elif f"sha256:{sha256_file(path)}" != resource.get("hash"):
            errors.append(f"{resource['name']}: sha256 differs from the declared hash")
    return errors


def check_tables_on_disk(body: dict, root: Path) -> list[str]:
    """Every row of every table, in Arrow: each CSV parses to its schema's types and equals its
    Parquet copy, whose columns meet the schema's constraints, keys and foreign keys."""
    errors: list[str] = []
    paths = {(r["name"].removesuffix("_parquet"), r["format"]): root / r["path"] for r in body["resources"]}
    tables: dict[str, pa.Table] = {}
    for name in TABLES:
        spec = table_spec(name)
        parquet = pq.read_table(paths[(name, "parquet")])
        if parquet.schema.remove_metadata() != spec.arrow_schema.remove_metadata():
            errors.append(f"{name}_parquet: Arrow schema differs from schemas/{name}.json")
            continue
        text = _read_csv_text(paths[(name, "csv")])
        if text.column_names != spec.names:
            errors.append(f"{name}: CSV header {text.column_names} != schema {spec.names}")
            continue
        try:
            parsed = pa.Table.from_arrays([parse_csv_column(c, text.column(c.name)) for c in spec.columns], schema=spec.arrow_schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            errors.append(f"{name}: a CSV cell is not in its field's format: {exc}")
            continue
        if not parsed.equals(parquet):
            errors.append(f"{name}: the CSV and Parquet copies hold different rows")
        tables[name] = parquet
    errors += [f"{v.table}: {v.describe()}" for v in check_tables(tables)]
    return errors


def validate_package(descriptor_path: Path, *, frictionless_rows: int | None = FRICTIONLESS_ROW_LIMIT) -> list[str]:
    """Validate a package on disk; returns the errors (empty when valid).

    frictionless reads the descriptor as published: the package, its schemas and every CSV
    row against its Table Schema, keys included. For a package with more than
    ``frictionless_rows`` rows in a table, frictionless reads a sample of each
    (``FRICTIONLESS_SAMPLE_ROWS``).
    Then every file's bytes and hash, and, up to ``READ_BACK_ROW_LIMIT`` rows per table, every
    row in Arrow: CSV and Parquet equal and typed as the schema says, constraints, primary and
    foreign keys.
    """
    import frictionless

    body = json.loads(descriptor_path.read_text(encoding="utf-8"))
    root = descriptor_path.parent
    rows = max((pq.ParquetFile(root / r["path"]).metadata.num_rows for r in body["resources"] if r["format"] == "parquet"), default=0)
    if frictionless_rows is None or rows <= frictionless_rows:
        errors = _report_errors(frictionless.validate(str(descriptor_path)))
    else:
        # frictionless resolves a foreign key by reading the whole referenced table, whatever
        # the row limit; the Arrow pass checks every key, so the sampled pass leaves them out.
        sampled = {**body, "resources": [_without_foreign_keys(r) for r in body["resources"]]}
        variant = root / f".sampled-{uuid.uuid4().hex[:8]}.json"
        try:
            _write_json(variant, sampled)
            errors = _report_errors(frictionless.validate(str(variant), limit_rows=FRICTIONLESS_SAMPLE_ROWS))
        finally:
            variant.unlink(missing_ok=True)
    errors += check_files(body, root)
    if rows <= READ_BACK_ROW_LIMIT:
        return errors + check_tables_on_disk(body, root)
    return errors + check_parquet_schemas(body, root)


def check_parquet_schemas(body: dict, root: Path) -> list[str]:
    """Each Parquet file's schema, from its footer alone, is the one ``schemas/`` defines."""
    errors = []
    for resource in body["resources"]:
        if resource["format"] == "parquet":
            name = resource["name"].removesuffix("_parquet")
            found = pq.ParquetFile(root / resource["path"]).schema_arrow.remove_metadata()
            if found != table_spec(name).arrow_schema.remove_metadata():
                errors.append(f"{resource['name']}: Arrow schema differs from schemas/{name}.json")
    return errors


def _without_foreign_keys(resource: dict) -> dict:
    schema = {k: v for k, v in resource.get("schema", {}).items() if k != "foreignKeys"}
    return {**resource, "schema": schema}


def current_release(output: Path) -> tuple[Path | None, str | None]:
    """The folder and version of the release ``OUTPUT/datapackage.json`` points at, if any."""
    top = output / DESCRIPTOR
    if not top.exists():
        return None, None
    body = json.loads(top.read_text(encoding="utf-8"))
    first = body["resources"][0]["path"]  # releases/<version>/data/<file>
    return output / Path(first).parent.parent, body.get("version")


def same_data(staged: StagedRelease) -> bool:
    """The staged release's data files are byte-identical to the current release's."""
    previous_dir, _ = current_release(staged.output)
    if previous_dir is None:
        return False
    new = json.loads(staged.descriptor_path.read_text(encoding="utf-8"))["resources"]
    old = json.loads((previous_dir / DESCRIPTOR).read_text(encoding="utf-8"))["resources"]
    return [(r["name"], r["hash"]) for r in new] == [(r["name"], r["hash"]) for r in old]


def keep_report(staged: StagedRelease) -> None:
    """Publish the staged run's ``ingest_report.json`` at the top of the output directory."""
    report = staged.root / "ingest_report.json"
    if report.exists():
        tmp = staged.output / f".ingest_report.json.{uuid.uuid4().hex[:8]}.tmp"
        shutil.copyfile(report, tmp)
        os.replace(tmp, staged.output / "ingest_report.json")


def promote_release(staged: StagedRelease) -> Path:
    """Make the staged release the newest: changelog, rename into ``releases/``, swap the descriptor.

    Runs under the output lock. The rename and the descriptor swap are atomic, so a crash
    leaves either the old package or the new one, never a mix; the release folder is made
    read-only once published.
    """
    with output_lock(staged.output):
        previous_dir, previous_version = current_release(staged.output)
        previous = read_release_tables(previous_dir) if previous_dir else {}
        current = read_release_tables(staged.root)
        changelog = build_changelog(previous, current, previous_version=previous_version, version=staged.version)
        _write_json(staged.root / "changelog.json", changelog)
        (staged.root / "CHANGELOG.md").write_text(changelog_markdown(changelog), encoding="utf-8")

        releases = staged.output / RELEASES
        releases.mkdir(exist_ok=True)
        final = releases / staged.version
        if final.exists():  # same second twice: keep both, never overwrite a published release
            final = releases / f"{staged.version}-{staged.root.name[-8:]}"
        crash_point("before_rename")
        os.replace(staged.root, final)
        crash_point("after_rename")
        _make_read_only(final)
        body = json.loads((final / DESCRIPTOR).read_text(encoding="utf-8"))
        prefix = final.relative_to(staged.output).as_posix()
        for resource in body["resources"]:
            resource["path"] = f"{prefix}/{resource['path']}"
        _write_json(staged.output / DESCRIPTOR, body, atomic=True)
        crash_point("after_descriptor")
        sync_top_level(staged.output)
    return final


TOP_LEVEL_COPIES = ("ingest_report.json", "changelog.json", "catalog.jsonld", "catalog.ttl")


def sync_top_level(output: Path) -> None:
    """Make ``latest`` and the top-level copies agree with the release the descriptor names.

    The descriptor swap is the commit point; everything after it is derived and can be
    redone, so a build that was killed right after the swap is completed by the next one.
    """
    final, _ = current_release(output)
    if final is None:
        return
    for name in TOP_LEVEL_COPIES:
        if (final / name).exists():
            tmp = output / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
            shutil.copyfile(final / name, tmp)
            os.replace(tmp, output / name)
    _point_latest(output, final)


def _make_read_only(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(0o444)


def _point_latest(output: Path, final: Path) -> None:
    """``OUTPUT/latest`` → the newest release folder, replaced atomically."""
    tmp = output / f".{LATEST}.{uuid.uuid4().hex[:8]}"
    os.symlink(final.relative_to(output), tmp)
    os.replace(tmp, output / LATEST)


def discard_staging(output: Path) -> int:
    """Remove staging folders and half-written temporary files left by failed or killed runs.

    Returns how many staging folders were removed. Only names this module creates are touched.
    """
    removed = 0
    if output.exists():
        for path in output.iterdir():
            if path.is_dir() and path.name.startswith(STAGING_PREFIX):
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
            elif path.name.startswith(".") and path.name.endswith(".tmp") and path.is_file():
                path.unlink(missing_ok=True)
            elif path.name.startswith(f".{LATEST}.") and path.is_symlink():
                path.unlink(missing_ok=True)
    return removed


def _write_json(path: Path, body: dict, *, atomic: bool = False) -> None:
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    if not atomic:
        path.write_text(text, encoding="utf-8")
        return
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
