"""Asset checks.

Blocking (bad data must never reach the published package): generated from ``schemas/``
(columns and constraints, primary keys, foreign keys), windows that end before they start,
every record backed by evidence, conservation of input files, validity of the staged
package. Warnings (worth a look, not worth withholding the morning's outages): dates far
from their document, outages nobody can place, records without a source URL. The package's
freshness (warn after 26 hours) is a FreshnessPolicy on ``data_package`` itself
(``assets/publish.py``).

Each table's blocking checks run in one step and its warnings in another (a
``multi_asset_check`` each), every check still its own result in the UI: a Dagster step costs
~30 ms however little it does, and one step per check was a second of every build. Blocking
and warning steps stay apart because a step reading another table waits for that table's
blocking checks (``outages`` warnings read ``outage_areas``, whose blocking checks read
``outages``).
"""
import json
from collections.abc import Callable
from dataclasses import dataclass

import dagster as dg
import pyarrow as pa

from opendata.ingest import CombinedBatches
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


@dataclass(frozen=True)
class Rule:
    """One check on a table: its name, whether failing it blocks publishing, the other tables it
    reads, and how it is evaluated (``evaluate(table, **inputs)`` → a check result)."""

    name: str
    description: str
    blocking: bool
    evaluate: Callable[..., dg.AssetCheckResult]
    inputs: tuple[str, ...] = ()


def _schema_rules(name: str) -> list[Rule]:
    spec = table_spec(name)
    rules = [Rule(f"{name}_matches_schema", f"Columns, types and constraints of `{name}` match schemas/{name}.json.",
                  True, lambda table: _result(check_columns(name, table), rows=table.num_rows))]
    if spec.primary_key:
        rules.append(Rule(f"{name}_primary_key_unique", f"No two rows of `{name}` share {list(spec.primary_key)}.",
                          True, lambda table: _result(check_primary_key(name, table))))
    targets = sorted({resource for _, resource, _ in spec.foreign_keys} - {name})
    if len(targets) > 1:
        raise ValueError(f"{name}: checks support foreign keys into one other table, not {targets}")
    description = f"Every foreign key of `{name}` points at an existing row."
    if targets:
        (target,) = targets
        rules.append(Rule(f"{name}_foreign_keys_resolve", description, True,
                          lambda table, **inputs: _result(check_foreign_keys({name: table, target: inputs[target]})),
                          inputs=(target,)))
    elif spec.foreign_keys:
        rules.append(Rule(f"{name}_foreign_keys_resolve", description, True,
                          lambda table: _result(check_foreign_keys({name: table}))))
    return rules


def _sanity_rules(name: str, id_column: str) -> list[Rule]:
    return [
        Rule(f"{name}_end_not_before_start", f"No `{name}` row ends before it starts.", True,
             lambda table: _result(window_violations(name, table, id_column))),
        Rule(f"{name}_dates_near_their_document",
             f"`{name}` start within a year or so of the document that states them (warning).", False,
             lambda table, documents: _result(distance_violations(name, table, documents, id_column), warn=True),
             inputs=("documents",)),
    ]


def _provenance_rules(name: str, record_type: str, id_column: str) -> list[Rule]:
    return [
        Rule(f"{name}_have_evidence",
             f"Every `{name}` row has at least one mention: the sentence and document that state it.", True,
             lambda table, mentions: _result(unevidenced(name, table, mentions, record_type, id_column)),
             inputs=("mentions",)),
        Rule(f"{name}_have_source_url",
             f"`{name}` rows name the URL of their first document (warning: dumps without a sidecar have none).", False,
             lambda table: _result(without_source_url(name, table, id_column), warn=True)),
    ]


_PLACED = Rule("outages_have_a_place", "Every outage names at least a municipality (warning).", False,
               lambda table, outage_areas: _result(unplaced_outages(table, outage_areas), warn=True),
               inputs=("outage_areas",))

RULES: dict[str, list[Rule]] = {name: _schema_rules(name) for name in TABLES}
RULES["outages"] += [*_sanity_rules("outages", "outage_id"), _PLACED, *_provenance_rules("outages", "outage", "outage_id")]
RULES["events"] += [*_sanity_rules("events", "event_id"), *_provenance_rules("events", "event", "event_id")]
RULES["projects"] += _provenance_rules("projects", "project", "project_id")


def evaluate(rule: Rule, table: pa.Table, tables: dict[str, pa.Table]) -> dg.AssetCheckResult:
    """One rule's result on ``table``, given the other tables it reads."""
    return rule.evaluate(table, **{name: tables[name] for name in rule.inputs})


def _table_checks(name: str, rules: list[Rule], step: str) -> dg.AssetChecksDefinition:
    others = sorted({other for rule in rules for other in rule.inputs})

    @dg.multi_asset_check(
        name=f"{name}_{step}",
        specs=[
            dg.AssetCheckSpec(rule.name, asset=name, blocking=rule.blocking, description=rule.description,
                              additional_deps=list(rule.inputs))
            for rule in rules
        ],
        ins={name: dg.AssetIn(name), **{other: dg.AssetIn(other) for other in others}},
    )
    def _checks(**tables):
        for rule in rules:
            result = evaluate(rule, tables[name], tables)
            yield dg.AssetCheckResult(
                asset_key=name, check_name=rule.name, passed=result.passed,
                severity=result.severity, metadata=result.metadata,
            )

    return _checks


table_checks = [
    _table_checks(name, chosen, step)
    for name, rules in RULES.items()
    for step, chosen in (("checks", [r for r in rules if r.blocking]), ("warnings", [r for r in rules if not r.blocking]))
    if chosen
]


@dg.asset_check(asset="landing_documents", blocking=True,
                description="Every landing file is accounted for: files = accepted + duplicates + rejected + ignored.")
def every_file_accounted_for(landing_documents: CombinedBatches) -> dg.AssetCheckResult:
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


all_checks = [*table_checks, every_file_accounted_for, staged_package_is_valid]
