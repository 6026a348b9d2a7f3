"""``schemas/*.json`` → everything typed: pyarrow schemas, Arrow tables, and vectorized checks.

The Table Schemas in ``schemas/`` are the only place a column is defined. This module reads
them (with ``frictionless``), derives the pyarrow type of every field, builds typed tables
from extracted rows, and checks a set of tables against the schemas' constraints
(required, enum, pattern, maxLength, minimum, primary keys, foreign keys) with Arrow compute,
which is fast enough to run on every build; frictionless itself then validates the published
package.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

# Tables in the order they are published; documents first so foreign keys resolve.
TABLES = ("documents", "outages", "outage_areas", "events", "projects", "mentions")

_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    # Parquet has no second unit: milliseconds survive a round trip unchanged.
    "time": pa.time32("ms"),
    "datetime": pa.timestamp("ms", tz="UTC"),
}


@dataclass(frozen=True)
class Column:
    """One field of a Table Schema, as the rest of the code needs it."""

    name: str
    type: str
    title: str
    description: str
    title_sl: str
    description_sl: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    max_length: int | None = None
    minimum: float | None = None
    format: str | None = None

    @property
    def arrow_type(self) -> pa.DataType:
        """The pyarrow type this field is stored as in Parquet."""
        return _ARROW_TYPES[self.type]


@dataclass(frozen=True)
class TableSpec:
    """A table's columns, keys and descriptions, read from its Table Schema."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    path: Path = field(default=SCHEMA_DIR)

    @property
    def names(self) -> list[str]:
        """Column names in schema order."""
        return [c.name for c in self.columns]

    @property
    def arrow_schema(self) -> pa.Schema:
        """The pyarrow schema of the table, nullability from ``required``."""
        return pa.schema([pa.field(c.name, c.arrow_type, nullable=not c.required) for c in self.columns])

    def descriptor(self) -> dict:
        """The Table Schema as published (the JSON file's content)."""
        return json.loads(self.path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def table_spec(name: str) -> TableSpec:
    """Read ``schemas/<name>.json`` (validated by frictionless) into a :class:`TableSpec`."""
    import frictionless

    path = SCHEMA_DIR / f"{name}.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    schema = frictionless.Schema.from_descriptor(descriptor)  # raises on an invalid schema
    columns = []
    for raw, parsed in zip(descriptor["fields"], schema.fields):
        constraints = raw.get("constraints", {})
        columns.append(
            Column(
                name=parsed.name,
                type=parsed.type,
                title=raw.get("title", parsed.name),
                description=raw.get("description", ""),
                title_sl=raw.get("title_sl", ""),
                description_sl=raw.get("description_sl", ""),
                required=bool(constraints.get("required")),
                enum=tuple(constraints["enum"]) if "enum" in constraints else None,
                pattern=constraints.get("pattern"),
                max_length=constraints.get("maxLength"),
                minimum=constraints.get("minimum"),
                format=raw.get("format"),
            )
        )
    foreign = tuple(
        (tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
        for fk in descriptor.get("foreignKeys", [])
    )
    return TableSpec(
        name=name,
        title=descriptor.get("title", name),
        description=descriptor.get("description", ""),
        columns=tuple(columns),
        primary_key=tuple(descriptor.get("primaryKey", [])),
        foreign_keys=foreign,
        path=path,
    )


def _cell(value: object, column: Column) -> object:
    """Coerce one extracted value to what the Arrow type accepts; unknown stays None."""
    if value is None or value == "":
        return None
    if column.type == "datetime" and isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError(f"{column.name}: naive datetime {value!r}")
    if column.type == "time" and isinstance(value, time):
        return value.replace(microsecond=0)
    if column.type == "date" and isinstance(value, datetime):
        return value.date()
    if column.type == "string" and not isinstance(value, str):
        return str(value)
    return value


def _column_values(values: list, column: Column) -> list:
    """``_cell`` over a whole column, with the common cases (a string column of strings,
    numbers and booleans) done in one comprehension: to_arrow runs over every row of every
    published table on every build."""
    if column.type == "string":
        return [None if v is None or v == "" else (v if v.__class__ is str else str(v)) for v in values]
    if column.type in ("integer", "number", "boolean"):
        return [None if v is None or v == "" else v for v in values]
    return [_cell(v, column) for v in values]


def _epoch_ms(value: datetime) -> int:
    if not isinstance(value, datetime):
        raise ValueError(f"not a datetime: {value!r}")
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}")
    # Exact to the microsecond at any date near now (a double holds 16 digits), then floored
    # to the millisecond as Arrow's own conversion does.
    return round(value.timestamp() * 1_000_000) // 1000


def _array(values: list, column: Column) -> pa.Array:
    """One typed column. Aware datetimes go through epoch milliseconds: pyarrow asks each
    zoneinfo datetime for its offset, 25× slower, and documents carry two per row."""
    if column.type == "datetime":
        try:
            millis = [None if v is None or v == "" else _epoch_ms(v) for v in values]
        except ValueError as error:
            raise ValueError(f"{column.name}: {error}") from None
        return pa.array(millis, pa.int64()).cast(column.arrow_type)
    return pa.array(_column_values(values, column), type=column.arrow_type)


def to_arrow(name: str, rows: Iterable[Mapping[str, object]]) -> pa.Table:
    """Build the typed Arrow table ``name`` from row dicts; unknown keys are an error."""
    spec = table_spec(name)
    rows = list(rows)
    expected = frozenset(spec.names)
    for row in rows:
        if not expected.issuperset(row):
            raise ValueError(f"{name}: fields not in schemas/{name}.json: {sorted(set(row) - expected)}")
    return table_from_columns(name, {c.name: [row.get(c.name) for row in rows] for c in spec.columns}, len(rows))


def table_from_columns(name: str, columns: Mapping[str, list], rows: int) -> pa.Table:
    """Build the typed Arrow table ``name`` from value lists by column (a missing column is all
    null); unknown columns are an error. For producers that have their values by column."""
    spec = table_spec(name)
    unknown = set(columns) - set(spec.names)
    if unknown:
        raise ValueError(f"{name}: fields not in schemas/{name}.json: {sorted(unknown)}")
    if any(len(values) != rows for values in columns.values()):
        raise ValueError(f"{name}: every column needs {rows} values")
    if not rows:
        return spec.arrow_schema.empty_table()
    arrays = [_array(columns[c.name] if c.name in columns else [None] * rows, c) for c in spec.columns]
    return pa.Table.from_arrays(arrays, schema=spec.arrow_schema.with_metadata(None))


@dataclass(frozen=True)
class Violation:
    """A failed constraint: which table, which check, and a sample of offending rows."""

    table: str
    check: str
    count: int
    sample: list[dict]

    def describe(self) -> str:
        """One line for logs and error messages."""
        return f"{self.table}: {self.check} ({self.count} rows)"


def _sample(table: pa.Table, mask: pa.Array, limit: int = 5) -> tuple[int, list[dict]]:
    bad = table.filter(mask)
    return bad.num_rows, bad.slice(0, limit).to_pylist()


def check_columns(name: str, table: pa.Table) -> list[Violation]:
    """The table has the schema's columns and every value meets its field's constraints."""
    spec = table_spec(name)
    found: list[Violation] = []
    if table.schema.names != spec.names:
        return [Violation(name, f"columns {table.schema.names} != schema {spec.names}", table.num_rows, [])]
    for column in spec.columns:
        values = table.column(column.name)
        checks: list[tuple[str, pa.Array]] = []
        if column.required:
            checks.append((f"{column.name} is required", pc.is_null(values)))
        if column.enum:
            allowed = pa.array(column.enum, type=pa.string())
            checks.append((f"{column.name} not in enum", pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, allowed)))))
        if column.pattern:
            ok = pc.match_substring_regex(values, f"^(?:{column.pattern})$")
            checks.append((f"{column.name} does not match {column.pattern}", pc.invert(pc.fill_null(ok, True))))
        if column.format == "uri":
            ok = pc.match_substring_regex(values, r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
            checks.append((f"{column.name} is not an absolute URI", pc.invert(pc.fill_null(ok, True))))
        if column.max_length:
            checks.append((f"{column.name} longer than {column.max_length}", pc.fill_null(pc.greater(pc.utf8_length(values), column.max_length), False)))
        if column.minimum is not None:
            checks.append((f"{column.name} below {column.minimum}", pc.fill_null(pc.less(values, column.minimum), False)))
        for label, mask in checks:
            count, sample = _sample(table, mask)
            if count:
                found.append(Violation(name, label, count, sample))
    return found


def check_primary_key(name: str, table: pa.Table) -> list[Violation]:
    """No two rows share a primary key."""
    spec = table_spec(name)
    found: list[Violation] = []
    # The common case, decided without grouping (``unique`` hashes 4× faster than ``count_distinct``).
    if len(spec.primary_key) == 1 and len(pc.unique(table.column(spec.primary_key[0]))) == table.num_rows:
        return found
    if spec.primary_key and table.num_rows:
        keys = table.select(list(spec.primary_key))
        counts = keys.group_by(list(spec.primary_key)).aggregate([([], "count_all")])
        dupes = counts.filter(pc.greater(counts.column("count_all"), 1))
        if dupes.num_rows:
            found.append(Violation(name, f"duplicate primary key {list(spec.primary_key)}", dupes.num_rows, dupes.slice(0, 5).to_pylist()))
    return found


def check_foreign_keys(tables: Mapping[str, pa.Table]) -> list[Violation]:
    """Every foreign key of every table points at an existing row of its referenced table."""
    found: list[Violation] = []
    for name, table in tables.items():
        for fields, resource, ref_fields in table_spec(name).foreign_keys:
            if resource not in tables or len(fields) != 1:
                continue
            values = table.column(fields[0])
            targets = tables[resource].column(ref_fields[0])
            mask = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, targets)))
            count, sample = _sample(table, mask)
            if count:
                found.append(Violation(name, f"{fields[0]} → {resource}.{ref_fields[0]} missing", count, sample))
    return found


def check_tables(tables: Mapping[str, pa.Table]) -> list[Violation]:
    """All schema checks over a set of tables: columns, constraints, keys, foreign keys."""
    found = [v for name, table in tables.items() for v in check_columns(name, table) + check_primary_key(name, table)]
    return found + check_foreign_keys(tables)


_CSV_DATETIME = "%Y-%m-%dT%H:%M:%SZ"


def render_csv_column(column: Column, values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """A column as the text its CSV cells hold: ISO dates, ``HH:MM`` times, ``true``/``false``,
    UTC datetimes with ``Z``, numbers without a trailing ``.0``; null stays null (an empty cell).

    Vectorized: the whole column is converted in Arrow, never cell by cell in Python.
    """
    if column.type in ("string", "integer"):
        return values
    if column.type == "time":
        return pc.utf8_slice_codeunits(pc.cast(values, pa.string()), 0, 5)
    if column.type == "datetime":
        return pc.strftime(pc.cast(values, pa.timestamp("s", tz="UTC")), format=_CSV_DATETIME)
    return pc.cast(values, pa.string())


def parse_csv_column(column: Column, text: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """The inverse of :func:`render_csv_column`: CSV text back to the column's Arrow type.

    Raises ``pyarrow.ArrowInvalid`` when a cell is not in the column's format.
    """
    if column.type == "string":
        return text
    if column.type == "time":
        stamps = pc.strptime(pc.binary_join_element_wise("1970-01-01T", text, ""), format="%Y-%m-%dT%H:%M", unit="ms")
        return pc.cast(stamps, column.arrow_type)
    if column.type == "datetime":
        return pc.assume_timezone(pc.strptime(text, format=_CSV_DATETIME, unit="ms"), "UTC")
    return pc.cast(text, column.arrow_type)


def csv_text_table(name: str, table: pa.Table) -> pa.Table:
    """The table with every column rendered as its CSV text."""
    spec = table_spec(name)
    return pa.Table.from_arrays([render_csv_column(c, table.column(c.name)) for c in spec.columns], names=spec.names)


def sorted_table(name: str, table: pa.Table) -> pa.Table:
    """Rows in a canonical order (primary key, else every column), so reruns write identical files."""
    keys = list(table_spec(name).primary_key) or table.column_names
    return table.sort_by([(k, "ascending") for k in keys])
