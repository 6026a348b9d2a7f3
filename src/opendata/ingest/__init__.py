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

# Headlines that announce a disruption; such a page is a ``notice`` rather than an ``article``.
_NOTICE_TITLE = regex.compile(
    r"prekinit|prekinjen|motnj|moten|izklop|zapor|zaprt|obvestilo|znižan\w* tlak|brez (?:vode|elektrike|ogrevanja|toplote)|"
    r"obvoz|prekuhavanj|okvar|odvoz odpadkov",
    regex.IGNORECASE,
)
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
        counts = {status: 0 for status in ("accepted", "duplicate", "rejected", "ignored")}
        for outcome in self.files:
            counts[outcome.status] += 1
        reasons: dict[str, int] = {}
        for reject in self.rejects:
            reasons[reject.reason] = reasons.get(reject.reason, 0) + 1
        return {
            "files": len(self.files),
            "accepted": counts["accepted"],
            "duplicates": counts["duplicate"],
            "rejected": counts["rejected"],
            "ignored": counts["ignored"],
            "documents": len(self.documents),
            "reject_reasons": dict(sorted(reasons.items())),
            "rejects": [r.__dict__ for r in self.rejects],
            "warnings": [w.__dict__ for w in self.warnings],
            "outcomes": [o.__dict__ for o in self.files],
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


def _preference(doc: Document) -> tuple:
    """Among copies of one document, keep the earliest seen, then the fullest, then by path."""
    seen = doc.fetched_at or doc.published_at or doc.modified_at
    return (seen.timestamp() if seen else float("inf"), -len(doc.text), doc.origin)


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


def combine_reads(reads: Iterable[FileRead]) -> IngestResult:
    """Deduplicate documents across file reads; every file gets its final outcome.

    The result does not depend on the order of ``reads``: duplicates resolve by
    :func:`_preference`, and documents come out sorted by ``document_id``.
    """
    result = IngestResult()
    per_file: list[tuple[str, list[Document]]] = []
    for read in sorted(reads, key=lambda r: r.path):
        result.rejects.extend(read.rejects)
        result.warnings.extend(read.warnings)
        if read.status == "ignored":
            reason = "orphan_sidecar" if read.path.endswith(SIDECAR_SUFFIX) else "not_an_input_format"
            result.files.append(FileOutcome(read.path, "ignored", reason=reason))
        elif read.status == "rejected":
            first = next(r for r in read.rejects if r.path == read.path)
            result.files.append(FileOutcome(read.path, "rejected", reason=first.reason, detail=first.detail))
        else:
            per_file.append((read.path, list(read.documents)))
    return _deduplicate(per_file, result)


def ingest_directory(root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Read every file under ``root`` into documents, deduplicated, with every file accounted for."""
    return combine_reads(read_files(root, landing_files(Path(root)), max_bytes=max_bytes))


def _deduplicate(per_file: list[tuple[str, list[Document]]], result: IngestResult) -> IngestResult:
    best: dict[str, Document] = {}
    for _origin, docs in per_file:
        for doc in docs:
            kept = best.get(doc.document_id)
            if kept is None or _preference(doc) < _preference(kept):
                best[doc.document_id] = doc
    winners_by_file: dict[str, int] = {}
    for doc in best.values():
        winners_by_file[doc.origin] = winners_by_file.get(doc.origin, 0) + 1
    for origin, _docs in per_file:
        kept = winners_by_file.get(origin, 0)
        result.files.append(FileOutcome(origin, "accepted" if kept else "duplicate", documents=kept))
    result.files.sort(key=lambda o: o.path)
    result.documents = sorted(best.values(), key=lambda d: d.document_id)
    return result


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
