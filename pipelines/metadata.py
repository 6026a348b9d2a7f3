"""What the Dagster UI shows about a table: column schema from ``schemas/``, row counts, previews."""
from __future__ import annotations

import dagster as dg
import pyarrow as pa

from opendata.schema import table_spec


def column_schema(name: str) -> dg.TableSchema:
    """The table's ``dagster/column_schema``, derived from its Table Schema."""
    spec = table_spec(name)
    columns = []
    for column in spec.columns:
        other = []
        if column.enum:
            other.append("one of: " + ", ".join(column.enum))
        if column.pattern:
            other.append(f"pattern {column.pattern}")
        columns.append(
            dg.TableColumn(
                name=column.name,
                type=column.type,
                description=f"{column.description} / {column.description_sl}",
                constraints=dg.TableColumnConstraints(
                    nullable=not column.required,
                    unique=spec.primary_key == (column.name,),
                    other=other,
                ),
            )
        )
    return dg.TableSchema(columns=columns)


def definition_metadata(name: str) -> dict:
    """Static metadata for a table asset (visible before it is ever materialized)."""
    return {"dagster/column_schema": column_schema(name), "schema_file": f"schemas/{name}.json"}


def _markdown_preview(table: pa.Table, rows: int = 5, width: int = 40) -> str:
    columns = [c for c in table.column_names if c != "text"]
    head = table.select(columns).slice(0, rows).to_pylist()

    def cell(value: object) -> str:
        text = "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(r[c]) for c in columns) + " |" for r in head]
    return "\n".join(lines)


def column_lineage(name: str) -> dg.TableColumnLineage | None:
    """Which upstream columns a table's columns come from: its foreign keys, from ``schemas/``."""
    deps = {}
    for fields, resource, ref_fields in table_spec(name).foreign_keys:
        for field, ref in zip(fields, ref_fields):
            deps.setdefault(field, []).append(dg.TableColumnDep(asset_key=dg.AssetKey(resource), column_name=ref))
    if "source_url" in table_spec(name).names:
        deps["source_url"] = [dg.TableColumnDep(asset_key=dg.AssetKey("documents"), column_name="url")]
    return dg.TableColumnLineage(deps_by_column=deps) if deps else None


def materialization_metadata(table: pa.Table, name: str | None = None) -> dict:
    """Row count, a preview of the first rows and (for named tables) column lineage."""
    metadata = {"dagster/row_count": table.num_rows, "preview": dg.MetadataValue.md(_markdown_preview(table))}
    lineage = column_lineage(name) if name else None
    if lineage is not None:
        metadata["dagster/column_lineage"] = lineage
    return metadata
