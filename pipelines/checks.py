"""Asset checks.

Blocking (bad data must never reach the published package): generated from ``schemas/``
(columns and constraints, primary keys, foreign keys), windows that end before they start,
conservation of input files, validity of the staged package. Warnings (worth a look, not
worth withholding the morning's outages): dates far from their document, outages nobody
can place. The package's freshness (warn after 26 hours) is a FreshnessPolicy on
``data_package`` itself (``assets/publish.py``).
"""
import json

import dagster as dg
import pyarrow as pa

from opendata.ingest import IngestResult
from opendata.publish.package import StagedRelease, validate_package
from opendata.quality import distance_violations, unevidenced, unplaced_outages, window_violations, without_source_url
from opendata.schema import TABLES, Violation, check_columns, check_foreign_keys, check_primary_key, table_spec


def _result(violations: list[Violation], *, warn: bool = False, **extra) -> dg.AssetCheckResult:
    metadata: dict = {"violations": len(violations), **extra}
    for i, violation in enumerate(violations[:10]):
        metadata[f"violation_{i + 1}"] = dg.MetadataValue.text(violation.describe())
        metadata[f"rows_{i + 1}"] = dg.MetadataValue.json(json.loads(json.dumps(violation.sample, default=str)))
    severity = dg.AssetCheckSeverity.WARN if warn else dg.AssetCheckSeverity.ERROR
    return dg.AssetCheckResult(passed=not violations, severity=severity, metadata=metadata)


def _schema_checks(name: str) -> list[dg.AssetChecksDefinition]:
    spec = table_spec(name)

    @dg.asset_check(asset=name, name=f"{name}_matches_schema", blocking=True,
                    description=f"Columns, types and constraints of `{name}` match schemas/{name}.json.")
    def matches_schema(table: pa.Table) -> dg.AssetCheckResult:
        return _result(check_columns(name, table), rows=table.num_rows)

    checks = [matches_schema]
    if spec.primary_key:
        @dg.asset_check(asset=name, name=f"{name}_primary_key_unique", blocking=True,
                        description=f"No two rows of `{name}` share {list(spec.primary_key)}.")
        def primary_key_unique(table: pa.Table) -> dg.AssetCheckResult:
            return _result(check_primary_key(name, table))

        checks.append(primary_key_unique)
    targets = sorted({resource for _, resource, _ in spec.foreign_keys} - {name})
    if len(targets) > 1:
        raise ValueError(f"{name}: checks support foreign keys into one other table, not {targets}")
    description = f"Every foreign key of `{name}` points at an existing row."
    if targets:
        (target,) = targets

        @dg.asset_check(asset=name, name=f"{name}_foreign_keys_resolve", blocking=True, description=description,
                        additional_ins={"referenced": dg.AssetIn(target)})
        def foreign_keys_resolve(table: pa.Table, referenced: pa.Table) -> dg.AssetCheckResult:
            return _result(check_foreign_keys({name: table, target: referenced}))

        checks.append(foreign_keys_resolve)
    elif spec.foreign_keys:

        @dg.asset_check(asset=name, name=f"{name}_foreign_keys_resolve", blocking=True, description=description)
        def self_keys_resolve(table: pa.Table) -> dg.AssetCheckResult:
            return _result(check_foreign_keys({name: table}))

        checks.append(self_keys_resolve)
    return checks


schema_checks = [check for name in TABLES for check in _schema_checks(name)]


@dg.asset_check(asset="landing_documents", blocking=True,
                description="Every landing file is accounted for: files = accepted + duplicates + rejected + ignored.")
def every_file_accounted_for(landing_documents: IngestResult) -> dg.AssetCheckResult:
    report = landing_documents.report()
    total = report["accepted"] + report["duplicates"] + report["rejected"] + report["ignored"]
    return dg.AssetCheckResult(
        passed=total == report["files"],
        metadata={k: report[k] for k in ("files", "accepted", "duplicates", "rejected", "ignored")},
    )


@dg.asset_check(asset="release_staging", blocking=True,
                description="frictionless validates the staged package (CSV rows, Parquet rows, bytes and hashes).")
def staged_package_is_valid(release_staging: StagedRelease) -> dg.AssetCheckResult:
    errors = validate_package(release_staging.descriptor_path)
    return dg.AssetCheckResult(
        passed=not errors,
        metadata={"errors": len(errors), "first_errors": dg.MetadataValue.json(errors[:20])},
    )


def _sanity_checks(name: str, id_column: str) -> list[dg.AssetChecksDefinition]:
    @dg.asset_check(asset=name, name=f"{name}_end_not_before_start", blocking=True,
                    description=f"No `{name}` row ends before it starts.")
    def end_not_before_start(table: pa.Table) -> dg.AssetCheckResult:
        return _result(window_violations(name, table, id_column))

    @dg.asset_check(asset=name, name=f"{name}_dates_near_their_document",
                    additional_ins={"documents": dg.AssetIn("documents")},
                    description=f"`{name}` start within a year or so of the document that states them (warning).")
    def dates_near_their_document(table: pa.Table, documents: pa.Table) -> dg.AssetCheckResult:
        return _result(distance_violations(name, table, documents, id_column), warn=True)

    return [end_not_before_start, dates_near_their_document]


@dg.asset_check(asset="outages", additional_ins={"outage_areas": dg.AssetIn("outage_areas")},
                description="Every outage names at least a municipality (warning).")
def outages_have_a_place(outages: pa.Table, outage_areas: pa.Table) -> dg.AssetCheckResult:
    return _result(unplaced_outages(outages, outage_areas), warn=True)


def _provenance_checks(name: str, record_type: str, id_column: str) -> list[dg.AssetChecksDefinition]:
    @dg.asset_check(asset=name, name=f"{name}_have_evidence", blocking=True,
                    additional_ins={"mentions": dg.AssetIn("mentions")},
                    description=f"Every `{name}` row has at least one mention: the sentence and document that state it.")
    def have_evidence(table: pa.Table, mentions: pa.Table) -> dg.AssetCheckResult:
        return _result(unevidenced(name, table, mentions, record_type, id_column))

    @dg.asset_check(asset=name, name=f"{name}_have_source_url",
                    description=f"`{name}` rows name the URL of their first document (warning: dumps without a sidecar have none).")
    def have_source_url(table: pa.Table) -> dg.AssetCheckResult:
        return _result(without_source_url(name, table, id_column), warn=True)

    return [have_evidence, have_source_url]


sanity_checks = [*_sanity_checks("outages", "outage_id"), *_sanity_checks("events", "event_id"), outages_have_a_place]
provenance_checks = [
    *_provenance_checks("outages", "outage", "outage_id"),
    *_provenance_checks("events", "event", "event_id"),
    *_provenance_checks("projects", "project", "project_id"),
]

all_checks = [*schema_checks, *sanity_checks, *provenance_checks, every_file_accounted_for, staged_package_is_valid]
