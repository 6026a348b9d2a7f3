"""Documents → records: run every extractor over every document, then merge across documents.

Each record type has its own module (``outages``, ``events``, ``projects``) with an
``extract_*`` function (one document → candidates) and a ``merge_*`` function (candidates
from all documents → published rows and their mentions). This module only runs them and
keeps one document's failure from costing the others.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from opendata.limits import MAX_ROWS_PER_DOCUMENT, MAX_TEXT_CHARS
from opendata.model import Document, EventCandidate, OutageCandidate, ProjectCandidate, Reject
from opendata.runtime import tune_gc_for_batch


@dataclass
class Candidates:
    """Everything extracted from a set of documents, before merging."""

    outages: list[OutageCandidate] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    projects: list[ProjectCandidate] = field(default_factory=list)
    errors: list[Reject] = field(default_factory=list)


# The ingest cap again, for documents that reach an extractor some other way (tests, JSONL).
MAX_EXTRACT_CHARS = MAX_TEXT_CHARS


def _safely(extractor: Callable, doc: Document, gazetteer, errors: list[Reject], name: str) -> list:
    origin = doc.origin or doc.document_id
    if len(doc.text) > MAX_EXTRACT_CHARS:
        errors.append(Reject(origin, "text_too_long",
                             f"{name}: {doc.document_id}: {len(doc.text)} characters > cap {MAX_EXTRACT_CHARS}"))
        return []
    try:
        found = list(extractor(doc, gazetteer))
    except Exception as exc:  # one odd document must not stop the run; it is reported instead
        errors.append(Reject(origin, f"{name}_failed", f"{doc.document_id}: {type(exc).__name__}: {exc}"[:300]))
        return []
    if len(found) > MAX_ROWS_PER_DOCUMENT:
        errors.append(Reject(origin, "too_many_rows",
                             f"{name}: {doc.document_id}: {len(found)} candidates > cap {MAX_ROWS_PER_DOCUMENT}"))
        return []
    return found


def _extractor(kind: str) -> Callable:
    if kind == "outages":
        from .outages import extract_outages as extractor
    elif kind == "events":
        from .events import extract_events as extractor
    elif kind == "projects":
        from .projects import extract_projects as extractor
    else:
        raise ValueError(f"unknown record type {kind!r}")
    return extractor


def extract_kind(kind: str, documents: Iterable[Document], gazetteer) -> tuple[list, list[Reject]]:
    """Run one record type's extractor over each document: (candidates, per-document errors)."""
    extractor = _extractor(kind)
    errors: list[Reject] = []
    found: list = []
    for doc in documents:
        found += _safely(extractor, doc, gazetteer, errors, kind)
    return found, errors


def extract_documents(documents: Iterable[Document], gazetteer) -> Candidates:
    """Run the outage, event and project extractors over each document."""
    documents = list(documents)
    found = Candidates()
    for kind in ("outages", "events", "projects"):
        candidates, errors = extract_kind(kind, documents, gazetteer)
        getattr(found, kind).extend(candidates)
        found.errors.extend(errors)
    return found


@dataclass(frozen=True)
class DocumentExtraction:
    """One record type's candidates from one document, and the errors it raised."""

    candidates: tuple = ()
    errors: tuple[Reject, ...] = ()


# Most documents state no record of a given type. They all share this one value, so a batch's
# stored candidates hold (and unpickle) one object for them instead of one each: 60–90 % of
# the entries at 100,000 documents.
NOTHING_FOUND = DocumentExtraction()


DocumentKey = tuple[str, str]  # (landing path, document_id): one copy of one document


# Below this many documents a process pool costs more (worker start-up, pickling) than it saves.
PARALLEL_MIN_DOCUMENTS = 2000
CHUNK_DOCUMENTS = 500
ENV_WORKERS = "OPENDATA_WORKERS"


def default_workers() -> int:
    """Worker processes for extraction: ``OPENDATA_WORKERS``, else one per core."""
    configured = os.environ.get(ENV_WORKERS)
    return max(1, int(configured)) if configured else (os.cpu_count() or 1)


def _extract_serial(kind: str, documents: list[Document], gazetteer) -> dict[DocumentKey, DocumentExtraction]:
    extractor = _extractor(kind)
    found: dict[DocumentKey, DocumentExtraction] = {}
    for doc in documents:
        errors: list[Reject] = []
        candidates = _safely(extractor, doc, gazetteer, errors, kind)
        found[(doc.origin, doc.document_id)] = (
            DocumentExtraction(tuple(candidates), tuple(errors)) if candidates or errors else NOTHING_FOUND)
    return found


def _extract_chunk(job: tuple[str, list[Document], object]) -> dict[DocumentKey, DocumentExtraction]:
    kind, documents, gazetteer = job
    return _extract_serial(kind, documents, gazetteer)


def extract_by_document(
    kind: str, documents: Iterable[Document], gazetteer, *, workers: int | None = None
) -> dict[DocumentKey, DocumentExtraction]:
    """Candidates of one record type per document copy, so later stages can pick the kept copy.

    Large batches are split over a pool of worker processes (spawned, so a multi-threaded
    parent such as a Dagster run is safe); each document's result is the same either way.
    """
    documents = list(documents)
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(documents) < PARALLEL_MIN_DOCUMENTS:
        return _extract_serial(kind, documents, gazetteer)
    chunks = [documents[i : i + CHUNK_DOCUMENTS] for i in range(0, len(documents), CHUNK_DOCUMENTS)]
    found: dict[DocumentKey, DocumentExtraction] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=tune_gc_for_batch) as pool:
        for part in pool.map(_extract_chunk, [(kind, chunk, gazetteer) for chunk in chunks]):
            # each worker's empty value arrives as a copy: share this process's one again
            found.update((key, NOTHING_FOUND if value == NOTHING_FOUND else value) for key, value in part.items())
    return found


def _not_extracted(key: DocumentKey) -> Reject:
    return Reject(key[0], "not_extracted", f"{key[1]}: no extraction recorded for this copy")


def select_extractions(
    by_batch: dict[str, dict[DocumentKey, DocumentExtraction]],
    kept: Iterable[DocumentKey],
    batch_of: dict[str, str],
) -> tuple[list, list[Reject]]:
    """The candidates and errors of exactly the document copies kept after deduplication.

    ``kept`` lists ``(landing path, document_id)`` of each kept copy; ``batch_of`` maps a
    landing path to the batch its kept version was read in.
    """
    candidates: list = []
    errors: list[Reject] = []
    for key in kept:
        extraction = by_batch.get(batch_of.get(key[0], ""), {}).get(key)
        if extraction is None:
            errors.append(_not_extracted(key))
            continue
        candidates.extend(extraction.candidates)
        errors.extend(extraction.errors)
    return candidates, errors


def kept_errors(
    by_kind: Mapping[str, dict[str, dict[DocumentKey, DocumentExtraction]]],
    kept: Iterable[DocumentKey],
    batch_of: dict[str, str],
) -> list[Reject]:
    """The errors :func:`select_extractions` reports for each record type, in one pass over
    the kept copies (the release's report needs only these, not the candidates again)."""
    errors: dict[str, list[Reject]] = {kind: [] for kind in by_kind}
    for key in kept:
        batch = batch_of.get(key[0], "")
        for kind, by_batch in by_kind.items():
            extraction = by_batch.get(batch, {}).get(key)
            if extraction is None:
                errors[kind].append(_not_extracted(key))
            elif extraction.errors:
                errors[kind].extend(extraction.errors)
    return [error for kind in by_kind for error in errors[kind]]
