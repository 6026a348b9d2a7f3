"""Property-based fuzzing of the extractors and merges: no exception, evidence is the text."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from hypothesis import example, given
from hypothesis import strategies as st

from opendata.extract import extract_documents
from opendata.extract.events import extract_events, merge_events
from opendata.extract.outages import extract_outages, merge_outages
from opendata.extract.projects import extract_projects, merge_projects
from opendata.model import LJUBLJANA, Document, Evidence, Window
from opendata.schema import table_spec

from .conftest import any_text, gazetteer, notice_text


@lru_cache(maxsize=None)
def _enum(table: str, column: str) -> tuple[str, ...]:
    return next(c.enum for c in table_spec(table).columns if c.name == column)


TITLES = st.one_of(st.none(), st.sampled_from(["Prekinitev dobave vode", "Zapora ceste", "Vabilo", ""]), notice_text)
SOURCES = st.one_of(st.none(), st.sampled_from(["velenje.si", "kranj.si", "komunala-kranj.si", "", "x"]))
WHEN = st.one_of(st.none(), st.datetimes(datetime(1995, 1, 1), datetime(2099, 1, 1), timezones=st.just(LJUBLJANA)))
KINDS = st.sampled_from(["article", "notice", "teaser", "feed_item"])


@st.composite
def documents(draw, body=any_text) -> Document:
    """A document as ingest builds it: the headline, a blank line, then the body."""
    title = draw(TITLES)
    text = draw(body)
    if title:
        text = f"{title}\n\n{text}"
    source = draw(SOURCES)
    return Document(
        document_id=f"doc-{draw(st.integers(0, 3))}",
        kind=draw(KINDS),
        text=text,
        title=title or None,
        url=f"https://{source}/a" if source else None,
        source=source or None,
        published_at=draw(WHEN),
        origin="fuzz.txt",
    )


def _check_evidence(doc: Document, evidence: Evidence) -> None:
    assert evidence.document_id == doc.document_id
    assert 0 <= evidence.char_start < evidence.char_end <= len(doc.text)
    assert doc.text[evidence.char_start:evidence.char_end] == evidence.text


def _check_window(w: Window) -> None:
    if w.start_date and w.end_date:
        assert w.end_date >= w.start_date, w


@given(documents(), st.sampled_from([notice_text]).flatmap(lambda s: s))
@example(Document("d", "notice", "Prekinitev dobave vode\n\nv torek, 31. februarja 2025, od 25. do 8. ure na "
                  "Cankarjevi cesti 3 v Velenju.", source="velenje.si"), "")
def test_outages_carry_their_own_evidence_and_valid_enums(doc, _unused):
    for c in extract_outages(doc, gazetteer()):
        _check_evidence(doc, c.evidence)
        _check_window(c.window)
        assert c.service in _enum("outages", "service")
        assert c.effect in _enum("outages", "effect")
        assert c.cause in _enum("outages", "cause")
        assert c.title


@given(documents(body=notice_text))
@example(Document("d", "article", "Vabimo na delavnico v soboto, 29. februarja 2025, ob 25. uri v Kranju.",
                  source="kranj.si"))
def test_events_carry_their_own_evidence_and_valid_category(doc):
    for c in extract_events(doc, gazetteer()):
        _check_evidence(doc, c.evidence)
        _check_window(c.window)
        assert c.category in _enum("events", "category")
        assert c.title


@given(documents(body=notice_text))
@example(Document("d", "article", "Projekt gradnje vrtca bo stal 999999999999999999999 milijonov evrov, "
                  "končan bo do leta 2027.", source="velenje.si"))
def test_projects_carry_their_own_evidence_and_valid_enums(doc):
    for c in extract_projects(doc, gazetteer()):
        _check_evidence(doc, c.evidence)
        assert c.sector in _enum("projects", "sector")
        assert c.status in _enum("projects", "status")
        assert c.name
        for amount in (c.budget_eur, c.eu_funding_eur, c.area_m2):
            assert amount is None or amount >= 0


@given(st.lists(documents(body=notice_text), min_size=1, max_size=6))
def test_no_extractor_fails_on_a_batch_and_merges_accept_the_candidates(docs):
    found = extract_documents(docs, gazetteer())
    assert found.errors == []
    merge_outages(found.outages, gazetteer())
    merge_events(found.events)
    merge_projects(found.projects)
