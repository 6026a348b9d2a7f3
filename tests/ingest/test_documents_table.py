"""The published documents table, made from the accepted documents."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from opendata.ingest import document_row, documents_table
from opendata.model import Document
from opendata.schema import check_columns, to_arrow

DOCS = [
    Document(document_id="d-1", kind="notice", text="V četrtek ne bo vode v Šoštanju.", title="Brez vode",
             url="https://www.sostanj.si/obvestilo", published_at=datetime(2025, 5, 6, 9, 30, tzinfo=ZoneInfo("Europe/Ljubljana")),
             origin="a.html"),
    Document(document_id="d-2", kind="teaser", text="Zapora Kidričeve ceste.", parent_document_id="d-1",
             fetched_at=datetime(2025, 5, 6, 7, 0, tzinfo=timezone.utc), origin="a.html"),
]


def test_the_table_built_by_column_equals_the_one_built_by_row():
    assert documents_table(DOCS).equals(to_arrow("documents", [document_row(d) for d in DOCS]))


def test_the_documents_table_meets_its_schema():
    assert check_columns("documents", documents_table(DOCS)) == []


def test_no_documents_give_an_empty_table_with_every_column():
    assert documents_table([]).num_rows == 0 and documents_table([]).column_names == documents_table(DOCS).column_names
