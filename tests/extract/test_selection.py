"""Which documents' candidates and errors reach the merge and the release report."""
from opendata.extract import NOTHING_FOUND, DocumentExtraction, kept_errors, select_extractions
from opendata.model import Reject

FAILED = Reject("a.html", "outages_failed", "d1: boom")


def _by_batch(extraction, key=("a.html", "d1")):
    return {"batch-1": {key: extraction, ("b.html", "d2"): NOTHING_FOUND}}


def test_candidates_come_from_the_batch_the_kept_copy_was_read_in():
    by_batch = {"batch-1": {("a.html", "d1"): DocumentExtraction(("old",))},
                "batch-2": {("a.html", "d1"): DocumentExtraction(("new",))}}
    assert select_extractions(by_batch, [("a.html", "d1")], {"a.html": "batch-2"})[0] == ["new"]


def test_a_kept_document_without_an_extraction_is_reported():
    errors = kept_errors({"outages": {"batch-1": {}}}, [("a.html", "d1")], {"a.html": "batch-1"})
    assert [e.reason for e in errors] == ["not_extracted"]


def test_one_pass_reports_the_same_errors_as_selecting_each_record_type():
    by_kind = {
        "outages": _by_batch(DocumentExtraction((), (FAILED,))),
        "events": _by_batch(NOTHING_FOUND),
        "projects": {"batch-1": {}},
    }
    kept, batch_of = [("a.html", "d1"), ("b.html", "d2")], {"a.html": "batch-1", "b.html": "batch-1"}
    expected = [e for by_batch in by_kind.values() for e in select_extractions(by_batch, kept, batch_of)[1]]
    assert kept_errors(by_kind, kept, batch_of) == expected
