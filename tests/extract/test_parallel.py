"""Extraction over a process pool gives exactly what one process gives."""
from datetime import datetime, timezone

from opendata.extract import extract_by_document
from opendata.language.gazetteer import Gazetteer
from opendata.model import Document
from tests.conftest import GAZETTEER_DIR

NOTICE = ("Komunalno podjetje Velenje obvešča, da bo v sredo, {day}. marca, od 8. do 12. ure zaradi "
          "vzdrževalnih del prekinjena dobava pitne vode na Cankarjevi cesti v Velenju.")


def test_pool_and_single_process_agree(monkeypatch):
    import opendata.extract as extract

    monkeypatch.setattr(extract, "PARALLEL_MIN_DOCUMENTS", 10)
    monkeypatch.setattr(extract, "CHUNK_DOCUMENTS", 7)
    docs = [Document(document_id=f"doc-{i}", kind="notice", text=NOTICE.format(day=1 + i % 28), origin=f"f{i}.txt",
                     title="Prekinitev dobave pitne vode", fetched_at=datetime(2025, 3, 1, tzinfo=timezone.utc))
            for i in range(30)]
    gazetteer = Gazetteer.load(GAZETTEER_DIR if GAZETTEER_DIR.exists() else None)
    serial = extract_by_document("outages", docs, gazetteer, workers=1)
    pooled = extract_by_document("outages", docs, gazetteer, workers=2)
    assert serial.keys() == pooled.keys()
    assert [len(x.candidates) for x in serial.values()] == [len(x.candidates) for x in pooled.values()]
    assert [c.window for x in serial.values() for c in x.candidates] == [c.window for x in pooled.values() for c in x.candidates]


def test_documents_without_records_share_one_empty_extraction(monkeypatch):
    import opendata.extract as extract
    from opendata.extract import NOTHING_FOUND

    monkeypatch.setattr(extract, "PARALLEL_MIN_DOCUMENTS", 4)
    monkeypatch.setattr(extract, "CHUNK_DOCUMENTS", 2)
    docs = [Document(document_id=f"doc-{i}", kind="article", text="Mestna knjižnica vabi na pravljične urice.",
                     origin=f"f{i}.txt", fetched_at=datetime(2025, 3, 1, tzinfo=timezone.utc)) for i in range(6)]
    found = extract_by_document("outages", docs, Gazetteer.load(None), workers=2)
    assert all(value is NOTHING_FOUND for value in found.values())
