"""Landing batches stored as tables and combined: the same documents and file account as
reading every file at once."""
import pickle

from opendata.ingest import BatchRead, combine_batches, combine_reads, documents_table, landing_files, read_files
from tests.ingest.test_directory import OTHER_PAGE, PAGE, write


def _reads(folder):
    return read_files(folder, landing_files(folder))


def _landing(tmp_path):
    write(tmp_path, "a.txt", PAGE, {"url": "https://primer.si/zapora", "fetched_at": "2025-03-05T09:00:00+01:00"})
    write(tmp_path, "b.txt", PAGE, {"url": "https://primer.si/zapora", "fetched_at": "2025-03-06T09:00:00+01:00"})
    write(tmp_path, "c.txt", OTHER_PAGE, {"url": "https://primer.si/knjiznica", "fetched_at": "2025-03-04T09:00:00+01:00"})
    write(tmp_path, "empty.txt", "")
    return _reads(tmp_path)


def test_batches_combine_to_the_documents_of_one_reading(tmp_path):
    reads = _landing(tmp_path)
    whole = combine_reads(reads)
    batches = {"old": BatchRead(reads[:2]), "new": BatchRead(reads[2:])}
    combined = combine_batches(batches, {r.path: ("old" if i < 2 else "new") for i, r in enumerate(reads)})
    assert combined.table.equals(documents_table(whole.documents))


def test_batches_combine_to_the_same_file_account(tmp_path):
    reads = _landing(tmp_path)
    combined = combine_batches({"only": BatchRead(reads)}, {r.path: "only" for r in reads})
    assert combined.report() == combine_reads(reads).report()


def test_the_earliest_fetched_copy_is_kept_whichever_batch_read_it(tmp_path):
    reads = _landing(tmp_path)
    later_first = {"b": BatchRead([r for r in reads if r.path == "b.txt"]),
                   "a": BatchRead([r for r in reads if r.path != "b.txt"])}
    combined = combine_batches(later_first, {r.path: ("b" if r.path == "b.txt" else "a") for r in reads})
    outcomes = {o.path: o.status for o in combined.files}
    assert outcomes["a.txt"] == "accepted" and outcomes["b.txt"] == "duplicate"


def test_a_file_is_taken_only_from_the_batch_that_read_its_newest_version(tmp_path):
    reads = _landing(tmp_path)
    stale = BatchRead(reads)
    fresh = BatchRead([r for r in reads if r.path == "c.txt"])
    combined = combine_batches({"stale": stale, "fresh": fresh},
                               {r.path: ("fresh" if r.path == "c.txt" else "stale") for r in reads})
    assert combined.table.num_rows == combine_reads(reads).report()["documents"]
    assert combined.batch_of["c.txt"] == "fresh"


def test_a_stored_batch_gives_back_its_documents(tmp_path):
    reads = _landing(tmp_path)
    stored = pickle.loads(pickle.dumps(BatchRead(reads)))
    assert stored.reads() == reads


def test_a_stored_batch_builds_no_documents_until_asked(tmp_path):
    stored = pickle.loads(pickle.dumps(BatchRead(_landing(tmp_path))))
    assert stored._reads is None and stored.frame.num_rows > 0
