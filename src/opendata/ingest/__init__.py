"""Landing directory → documents: every file read, split, deduplicated, or rejected with a reason.

The landing directory is what a crawler or a person drops (DATA_MODEL.md §1). Each input file
ends in exactly one of four states, so a run can prove that nothing was lost:

* ``accepted`` — it gave at least one new document;
* ``duplicate`` — it was readable but every document in it was already seen;
* ``rejected`` — it could not be used (empty, binary, undecodable, over the size cap, ...);
* ``ignored`` — not an input format at all (``README.md``, ``gold.json``).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import regex

from opendata.ids import normalize_key, stable_id
from opendata.limits import MAX_FILE_BYTES, MAX_TEXT_CHARS
from opendata.model import LJUBLJANA, Document, Reject

from .dump import split_dump

if TYPE_CHECKING:
    import pyarrow as pa

SIDECAR_SUFFIX = ".meta.json"
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
INPUT_SUFFIXES = HTML_SUFFIXES + FEED_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES
DEFAULT_MAX_BYTES = MAX_FILE_BYTES

# Words that announce a disruption (``Prekinitev dobave``, ``zaprta``, ``brez elektrike``).
DISRUPTION_WORDS = (r"prekinit|prekinjen|motnj|moten|izklop|zapor|zaprt|znižan\w* tlak|brez (?:vode|elektrike|ogrevanja|toplote)|"
                    r"obvoz|prekuhavanj|okvar|odvoz odpadkov")
# Headlines that announce a disruption; such a page is a ``notice`` rather than an ``article``.
_NOTICE_TITLE = regex.compile(DISRUPTION_WORDS + "|obvestilo", regex.IGNORECASE)
_ABSOLUTE_URL = regex.compile(r"^[a-z][a-z0-9+.-]*://", regex.IGNORECASE)
_NUMERIC_DATE = regex.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")


@dataclass(frozen=True)
class FileOutcome:
    """What became of one landing file."""

    path: str
    status: str  # accepted | duplicate | rejected | ignored
    documents: int = 0
    reason: str | None = None
    detail: str | None = None


@dataclass
class IngestResult:
    """Documents accepted from a landing directory, the rejects, and every file's outcome."""

    documents: list[Document] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)
    warnings: list[Reject] = field(default_factory=list)
    batch_of: dict[str, str] = field(default_factory=dict)  # landing path → batch its version came from

    def report(self) -> dict:
        """The ``ingest_report.json`` body: counts by status and every non-accepted file."""
        return ingest_report(self.files, self.rejects, self.warnings, len(self.documents))


def ingest_report(files: list[FileOutcome], rejects: list[Reject], warnings: list[Reject], documents: int) -> dict:
    """The ``ingest_report.json`` body: counts by status and every non-accepted file."""
    counts = {status: 0 for status in ("accepted", "duplicate", "rejected", "ignored")}
    for outcome in files:
        counts[outcome.status] += 1
    reasons: dict[str, int] = {}
    for reject in rejects:
        reasons[reject.reason] = reasons.get(reject.reason, 0) + 1
    return {
        "files": len(files),
        "accepted": counts["accepted"],
        "duplicates": counts["duplicate"],
        "rejected": counts["rejected"],
        "ignored": counts["ignored"],
        "documents": documents,
        "reject_reasons": dict(sorted(reasons.items())),
        "rejects": [r.__dict__ for r in rejects],
        "warnings": [w.__dict__ for w in warnings],
        "outcomes": [o.__dict__ for o in files],
    }


class _FileRejected(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _landing_entries(root: Path) -> Iterator[tuple[os.DirEntry, dict[str, os.DirEntry]]]:
    """Each landing file's directory entry, with the entries of its folder by name (for its
    sidecar), folders top-down in sorted order. Hidden files and folders are skipped, and so is
    the sidecar of a file that exists (a sidecar travels with its file)."""
    with os.scandir(root) as listing:
        entries = {entry.name: entry for entry in listing}
    folders = []
    for name in sorted(entries):
        entry = entries[name]
        if name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # as os.walk: a linked folder is not descended into
                folders.append(entry)
            continue
        if name.endswith(SIDECAR_SUFFIX):
            described = entries.get(name[: -len(SIDECAR_SUFFIX)])
            if described is not None and not described.is_dir():
                continue
        yield entry, entries
    for folder in folders:
        yield from _landing_entries(Path(folder.path))


def landing_files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` except sidecars of existing files, in a stable (sorted) order.

    A sidecar whose file is missing is listed too, so it ends as ``ignored`` rather than in
    no outcome at all.
    """
    for entry, _ in _landing_entries(Path(root)):
        yield Path(entry.path)


def landing_signatures(root: Path) -> dict[str, str]:
    """Every landing file's ``root``-relative path → :func:`file_signature`, from one directory
    listing per folder (a daily build scans the whole archive; ~3× faster than a stat per path)."""
    root = Path(root)
    prefix = len(os.path.join(str(root), ""))
    found = {}
    for entry, siblings in _landing_entries(root):
        signature = _signature(entry.stat())
        sidecar = siblings.get(entry.name + SIDECAR_SUFFIX)
        if sidecar is not None and not sidecar.is_dir():
            signature += "+" + _signature(sidecar.stat())
        found[entry.path[prefix:].replace(os.sep, "/")] = signature
    return found


def parse_timestamp(value: object) -> datetime | None:
    """An ISO 8601 timestamp or date as an aware datetime (Europe/Ljubljana when no offset)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = _NUMERIC_DATE.search(text)
        if not match:
            return None
        try:
            parsed = datetime(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LJUBLJANA)


SIDECAR_FIELDS = ("url", "source", "title", "published_at", "fetched_at")


def read_sidecar(path: Path) -> tuple[dict, Reject | None]:
    """The ``NAME.meta.json`` beside ``path`` (empty when absent) and a warning if it is unreadable.

    Only the known fields with string values are kept; anything else costs a warning, never
    the page itself.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}, None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, Reject(str(sidecar), "bad_sidecar", str(exc)[:200])
    if not isinstance(data, dict):
        return {}, Reject(str(sidecar), "bad_sidecar", "not a JSON object")
    kept = {k: v for k, v in data.items() if k in SIDECAR_FIELDS and isinstance(v, str)}
    wrong = sorted(k for k, v in data.items() if k in SIDECAR_FIELDS and not isinstance(v, str))
    if wrong:
        return kept, Reject(str(sidecar), "bad_sidecar", f"fields that are not strings were ignored: {wrong}")
    return kept, None


def absolute_url(url: str | None, base: str | None) -> str | None:
    """``url`` resolved against the page it was on; a relative link without a base is no URL."""
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    return url if _ABSOLUTE_URL.match(url) else None


def _classify(title: str | None, text: str) -> str:
    head = title or text[:200]
    return "notice" if _NOTICE_TITLE.search(head) else "article"


def _page_id(url: str | None, text: str) -> str:
    return stable_id("doc", url) if url else stable_id("doc", "text", text)


def _teaser_id(title: str, text: str) -> str:
    return stable_id("doc", "teaser", title, text)


def _document_text(title: str | None, body: str) -> str:
    """Headline first, then the body, unless the body already opens with it."""
    body = body.strip()
    if title and not normalize_key(body[: len(title) + 5]).startswith(normalize_key(title)):
        return f"{title}\n\n{body}" if body else title
    return body


@dataclass(frozen=True)
class _Meta:
    url: str | None
    source: str | None
    title: str | None
    published_at: datetime | None
    fetched_at: datetime | None
    modified_at: datetime | None
    origin: str


def _page_documents(
    meta: _Meta, title: str | None, body: str, published: datetime | None, teasers: Iterable[tuple[str, str, datetime | None, str | None]]
) -> list[Document]:
    """A page's main document (when it has text) and a teaser document per sidebar item."""
    title = meta.title or title
    text = _document_text(title, body)
    docs: list[Document] = []
    page_id = _page_id(meta.url, text)
    if text.strip():
        docs.append(
            Document(
                document_id=page_id,
                kind=_classify(title, text),
                text=text,
                title=title,
                url=meta.url,
                source=meta.source,
                published_at=meta.published_at or published,
                fetched_at=meta.fetched_at,
                modified_at=meta.modified_at,
                origin=meta.origin,
            )
        )
    parent_id = page_id if docs else None  # a page with no text of its own is not a document
    for teaser_title, teaser_text, teaser_published, teaser_url in teasers:
        full = _document_text(teaser_title, teaser_text)
        docs.append(
            Document(
                document_id=_teaser_id(teaser_title, teaser_text),
                kind="teaser",
                text=full,
                title=teaser_title,
                url=teaser_url,
                source=meta.source,
                parent_document_id=parent_id,
                published_at=teaser_published,
                fetched_at=meta.fetched_at,
                # Without a fetch time, the page's own date is the best evidence of when its sidebar was current.
                page_time=meta.published_at or published,
                modified_at=meta.modified_at,
                origin=meta.origin,
            )
        )
    return docs


def _read_text_dump(data: bytes, meta: _Meta) -> list[Document]:
    text = _decode(data)
    dump = split_dump(text)
    teasers = [(t.title, t.text, parse_timestamp(t.published), None) for t in dump.teasers]
    return _page_documents(meta, dump.title, dump.text, parse_timestamp(dump.published), teasers)


def _decode(data: bytes, declared: str | None = None) -> str:
    from .decode import IngestError, decode_bytes

    try:
        text, _encoding = decode_bytes(data, declared)
    except IngestError as exc:
        raise _FileRejected(exc.reason, exc.detail) from exc
    return text


def _read_html(data: bytes, meta: _Meta) -> list[Document]:
    from .html import parse_html

    page = parse_html(_decode(data))
    meta = replace(meta, url=meta.url or absolute_url(page.url, None))
    teasers = [(t.title, t.text, None, absolute_url(t.url, meta.url)) for t in page.teasers]
    docs = _page_documents(meta, page.title, page.text, page.published_at, teasers)
    if not docs:
        raise _FileRejected("no_text", "the page has no readable text")
    return docs


def _read_feed(data: bytes, meta: _Meta) -> list[Document]:
    from .decode import IngestError
    from .feeds import parse_feed

    try:
        items = parse_feed(data)
    except IngestError as exc:
        raise _FileRejected(exc.reason, exc.detail) from exc
    docs = []
    for item in items:
        text = _document_text(item.title, item.text)
        if not text.strip():
            continue
        item_url = absolute_url(item.url, None)
        docs.append(
            Document(
                document_id=_page_id(item_url, text),
                kind="feed_item",
                text=text,
                title=item.title,
                url=item_url,
                source=meta.source,
                published_at=item.published_at,
                fetched_at=meta.fetched_at,
                modified_at=meta.modified_at,
                origin=meta.origin,
            )
        )
    return docs


def _read_jsonl(data: bytes, meta: _Meta, rejects: list[Reject]) -> list[Document]:
    from .jsonl import parse_jsonl

    records, bad_lines = parse_jsonl(_decode(data))
    for line_number, error in bad_lines:
        rejects.append(Reject(f"{meta.origin}:{line_number}", error.reason, error.detail))
    docs: list[Document] = []
    for record in records:
        record_meta = replace(
            meta,
            url=absolute_url(record.url, None),
            source=record.source or meta.source,
            title=record.title or None,
            published_at=record.published_at,
            fetched_at=record.fetched_at or meta.fetched_at,
        )
        teasers = [(t.title, t.text, None, absolute_url(t.url, record_meta.url)) for t in record.teasers]
        docs.extend(_page_documents(record_meta, record.title, record.text, None, teasers))
    if not docs and bad_lines:
        raise _FileRejected("bad_json_lines", f"{len(bad_lines)} unreadable lines, no documents")
    return docs


def read_file(path: Path, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[Reject], list[Reject]]:
    """Read one landing file: its documents, the rejects (whole file or single lines), and warnings.

    Raises nothing for bad input: every failure becomes a :class:`Reject` with a reason.
    """
    origin = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    warnings: list[Reject] = []
    rejects: list[Reject] = []
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _FileRejected("too_large", f"{size} bytes > cap {max_bytes}")
        data = path.read_bytes()
        if not data.strip():
            raise _FileRejected("empty", "the file has no content")
        sidecar, warning = read_sidecar(path)
        if warning:
            warnings.append(warning)
        meta = _Meta(
            url=absolute_url(sidecar.get("url"), None),
            source=sidecar.get("source") or None,
            title=sidecar.get("title") or None,
            published_at=parse_timestamp(sidecar.get("published_at")),
            fetched_at=parse_timestamp(sidecar.get("fetched_at")),
            modified_at=datetime.fromtimestamp(path.stat().st_mtime, tz=LJUBLJANA),
            origin=origin,
        )
        if suffix in TEXT_SUFFIXES:
            docs = _read_text_dump(data, meta)
        elif suffix in HTML_SUFFIXES:
            docs = _read_html(data, meta)
        elif suffix in FEED_SUFFIXES:
            docs = _read_feed(data, meta)
        else:
            docs = _read_jsonl(data, meta, rejects)
        if not docs:
            raise _FileRejected("no_text", "no readable document in the file")
        longest = max(len(doc.text) for doc in docs)
        if longest > MAX_TEXT_CHARS:
            raise _FileRejected("text_too_long", f"a document of {longest} characters > cap {MAX_TEXT_CHARS}")
    except _FileRejected as exc:
        return [], [*rejects, Reject(origin, exc.reason, exc.detail)], warnings
    except Exception as exc:  # a parser bug must cost one file, never the run
        return [], [*rejects, Reject(origin, "parse_error", f"{type(exc).__name__}: {exc}"[:300])], warnings
    return docs, rejects, warnings


@dataclass(frozen=True)
class FileRead:
    """One landing file as read, before documents are deduplicated across files."""

    path: str
    signature: str  # size and mtime: a changed file is a new read
    status: str  # read | rejected | ignored
    documents: tuple[Document, ...] = ()
    rejects: tuple[Reject, ...] = ()
    warnings: tuple[Reject, ...] = ()


def _signature(stat: os.stat_result) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def file_signature(path: Path) -> str:
    """Size and modification time of a file (and its sidecar): what makes a file version."""
    signature = _signature(path.stat())
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.exists():
        signature += "+" + _signature(sidecar.stat())
    return signature


def read_files(
    root: Path,
    paths: Iterable[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileRead]:
    """Read each given landing file on its own (streaming: one file in memory at a time).

    ``progress(done, total, note)`` is called after every file, for long batches.
    """
    root = Path(root)
    paths = list(paths)
    reads = []
    rejected = 0
    for done, path in enumerate(paths, start=1):
        if progress is not None and done > 1:
            progress(done - 1, len(paths), f"files read, {rejected} rejected")
        origin = path.relative_to(root).as_posix()
        signature = file_signature(path)
        if path.suffix.lower() not in INPUT_SUFFIXES:
            reads.append(FileRead(origin, signature, "ignored"))
            continue
        docs, rejects, warnings = read_file(path, root, max_bytes=max_bytes)
        status = "read" if docs else "rejected"
        rejected += status == "rejected"
        reads.append(FileRead(origin, signature, status, tuple(docs), tuple(rejects), tuple(warnings)))
    return reads


def _file_outcomes(reads: list[FileRead], rejects: list[Reject], warnings: list[Reject]) -> tuple[list[FileOutcome], list[str]]:
    """Outcomes of the files that gave no documents, in path order; and the paths that did."""
    outcomes: list[FileOutcome] = []
    with_documents: list[str] = []
    for read in sorted(reads, key=lambda r: r.path):
        rejects.extend(read.rejects)
        warnings.extend(read.warnings)
        if read.status == "ignored":
            reason = "orphan_sidecar" if read.path.endswith(SIDECAR_SUFFIX) else "not_an_input_format"
            outcomes.append(FileOutcome(read.path, "ignored", reason=reason))
        elif read.status == "rejected":
            first = next(r for r in read.rejects if r.path == read.path)
            outcomes.append(FileOutcome(read.path, "rejected", reason=first.reason, detail=first.detail))
        else:
            with_documents.append(read.path)
    return outcomes, with_documents


def _accounted(outcomes: list[FileOutcome], with_documents: list[str], winners: "pa.Table") -> list[FileOutcome]:
    """Every file's outcome: a file that gave documents is accepted when one of them was kept."""
    import pyarrow.compute as pc

    counts = pc.value_counts(winners.column("origin_path")) if winners.num_rows else []
    kept = {item["values"].as_py(): item["counts"].as_py() for item in counts}
    outcomes = outcomes + [FileOutcome(path, "accepted" if kept.get(path) else "duplicate", documents=kept.get(path, 0))
                           for path in with_documents]
    return sorted(outcomes, key=lambda o: o.path)


def combine_reads(reads: Iterable[FileRead]) -> IngestResult:
    """Deduplicate documents across file reads; every file gets its final outcome.

    The result does not depend on the order of ``reads``: duplicates resolve by
    :func:`kept_rows`, and documents come out sorted by ``document_id``.
    """
    reads = sorted(reads, key=lambda r: r.path)
    result = IngestResult()
    outcomes, with_documents = _file_outcomes(reads, result.rejects, result.warnings)
    documents = [doc for read in reads if read.status == "read" for doc in read.documents]
    frame = batch_frame(documents)
    rows = kept_rows(frame)
    result.files = _accounted(outcomes, with_documents, frame.take(rows))
    result.documents = [documents[i] for i in rows.to_pylist()]
    return result


def ingest_directory(root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Read every file under ``root`` into documents, deduplicated, with every file accounted for."""
    return combine_reads(read_files(root, landing_files(Path(root)), max_bytes=max_bytes))


# Each column of the published ``documents`` table, as a Document gives it.
_DOCUMENT_COLUMNS = {
    "document_id": lambda d: d.document_id,
    "url": lambda d: d.url,
    "source": lambda d: d.source,
    "title": lambda d: d.title,
    "kind": lambda d: d.kind,
    "parent_document_id": lambda d: d.parent_document_id,
    "published_at": lambda d: d.published_at,
    "fetched_at": lambda d: d.fetched_at,
    "reference_date": lambda d: d.reference_date,
    "language": lambda d: d.language,
    "char_count": lambda d: len(d.text),
    "origin_path": lambda d: d.origin,
    "text": lambda d: d.text,
}


def document_row(doc: Document) -> dict:
    """A document as a row of the published ``documents`` table."""
    return {name: value(doc) for name, value in _DOCUMENT_COLUMNS.items()}


def documents_table(documents: Iterable[Document]) -> pa.Table:
    """The published ``documents`` table, built column by column (a daily build makes it anew
    from every document in the archive; no row dicts in between)."""
    from opendata.schema import table_from_columns  # pyarrow: not needed to read files

    documents = list(documents)
    columns = {name: [value(d) for d in documents] for name, value in _DOCUMENT_COLUMNS.items()}
    return table_from_columns("documents", columns, len(documents))


# --- Batches as tables -----------------------------------------------------------------
#
# A daily build combines every batch of the archive, not only today's. From Document objects
# that meant unpickling and ranking the whole archive again (seconds per 100 000 documents);
# from one Arrow table per batch it is a filter, a sort and a take.

_SEEN = "_seen"  # when a copy was first seen (µs since the epoch, null: unknown): ranks duplicates


def _seen_us(doc: Document) -> int | None:
    seen = doc.fetched_at or doc.published_at or doc.modified_at
    return round(seen.timestamp() * 1_000_000) if seen else None


def batch_frame(documents: list[Document]) -> "pa.Table":
    """``documents`` (in their order) as the published ``documents`` columns plus ``_seen``."""
    import pyarrow as pa

    return documents_table(documents).append_column(_SEEN, pa.array([_seen_us(d) for d in documents], pa.int64()))


def kept_rows(frame: "pa.Table") -> "pa.Array":
    """Row indices of the copy kept of each document, in ``document_id`` order.

    Among copies of one document: the earliest seen, then the fullest, then by path; among
    exact ties, the first row (the sort is stable).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not frame.num_rows:
        return pa.array([], pa.int64())
    # Nulls sort last (Arrow's default): a copy of unknown time loses to any dated one.
    order = pc.sort_indices(frame, sort_keys=[("document_id", "ascending"), (_SEEN, "ascending"),
                                              ("char_count", "descending"), ("origin_path", "ascending")])
    ids = frame.column("document_id").take(order)
    first = pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1))
    return order.filter(pa.concat_arrays([pa.array([True]), *first.chunks]))


class BatchRead:
    """One landing batch as read: each file's read, and its documents as a table.

    Stored, it keeps the documents twice: as :func:`batch_frame` for combining batches, and
    pickled in one blob for extraction. Loading a stored batch touches only the table; the
    Document objects are rebuilt when :meth:`reads` is first asked for.
    """

    def __init__(self, reads: list[FileRead]) -> None:
        self.files = [replace(read, documents=()) for read in reads]
        self.frame = batch_frame([doc for read in reads for doc in read.documents])
        self._reads: list[FileRead] | None = list(reads)
        self._blob: bytes | None = None

    @classmethod
    def stored(cls, value: "BatchRead | list[FileRead]") -> "BatchRead":
        """A stored batch, whichever release stored it (before BatchRead: a plain list of reads)."""
        return value if isinstance(value, cls) else cls(value)

    def reads(self) -> list[FileRead]:
        """Every file's read, documents included."""
        if self._reads is None:
            import pickle

            self._reads = pickle.loads(self._blob)
        return self._reads

    def __getstate__(self) -> dict:
        import pickle

        blob = self._blob if self._blob is not None else pickle.dumps(self._reads, protocol=pickle.HIGHEST_PROTOCOL)
        return {"files": self.files, "frame": self.frame, "blob": blob}

    def __setstate__(self, state: dict) -> None:
        self.files, self.frame, self._blob, self._reads = state["files"], state["frame"], state["blob"], None


@dataclass
class CombinedBatches:
    """Every file of the landing directory, each from the newest batch that read it, with
    documents deduplicated across files: the published ``documents`` table and every file's
    outcome."""

    table: "pa.Table"
    files: list[FileOutcome]
    rejects: list[Reject]
    warnings: list[Reject]
    batch_of: dict[str, str]  # landing path → batch its version came from
    _kept: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    def report(self) -> dict:
        """The ``ingest_report.json`` body: counts by status and every non-accepted file."""
        return ingest_report(self.files, self.rejects, self.warnings, self.table.num_rows)

    def kept(self) -> list[tuple[str, str]]:
        """``(landing path, document_id)`` of every kept document copy, in ``document_id`` order."""
        if self._kept is None:  # asked for by each merge and the release: made once
            self._kept = list(zip(self.table.column("origin_path").to_pylist(), self.table.column("document_id").to_pylist()))
        return self._kept


def combine_batches(batches: dict[str, BatchRead], batch_of: dict[str, str]) -> CombinedBatches:
    """Combine stored batches: each file taken from the batch ``batch_of`` names, documents
    deduplicated as :func:`combine_reads` does."""
    import pyarrow as pa
    import pyarrow.compute as pc

    reads, frames = [], []
    for key, batch in batches.items():
        mine = [read for read in batch.files if batch_of.get(read.path) == key]
        reads.extend(mine)
        if batch.frame.num_rows:
            paths = pa.array([read.path for read in mine if read.status == "read"], pa.string())
            frames.append(batch.frame.filter(pc.is_in(batch.frame.column("origin_path"), paths)))
    rejects: list[Reject] = []
    warnings: list[Reject] = []
    outcomes, with_documents = _file_outcomes(reads, rejects, warnings)
    frame = pa.concat_tables(frames) if frames else batch_frame([])
    winners = frame.take(kept_rows(frame)).drop_columns([_SEEN])
    return CombinedBatches(winners, _accounted(outcomes, with_documents, winners), rejects, warnings, dict(batch_of))

