"""The release's ``index.html``: links that resolve, escaped text, counts and dates, licence."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyarrow as pa
import pytest

from opendata.publish.package import promote_release, write_files
from opendata.publish.page import INDEX, index_file, release_files, render_index
from opendata.publish.release import PublishSettings, stage_full_release
from opendata.schema import TABLES, to_arrow

NOW = datetime(2025, 3, 1, 6, 0, tzinfo=timezone.utc)
NASTY_TITLE = '<script>alert("x")</script> Zapora & obvoz'


def sample_tables() -> dict[str, pa.Table]:
    """Three documents from two sites, seven outages in two municipalities, one event, no projects."""
    docs = [
        {"document_id": f"doc-{i}", "kind": "notice", "title": title, "source": source, "char_count": 30,
         "text": "Zaradi del bo cesta zaprta.\nObvoz je urejen.", "reference_date": day,
         "fetched_at": datetime(2025, 3, 1, 8, tzinfo=timezone.utc)}
        for i, (title, source, day) in enumerate(
            [(NASTY_TITLE, "obcina-kranj.example", date(2025, 2, 27)),
             ("Brez vode", "<b>komunala</b>.example", date(2025, 2, 28)),
             ("Koncert", "obcina-kranj.example", date(2025, 3, 1))], start=1)
    ]
    outages = [
        {"outage_id": f"o-{i}", "service": "water", "effect": "no_service", "cause": "maintenance", "title": f"Brez vode {i}",
         "start_date": date(2025, 3, i + 2), "start_time": time(8), "end_date": date(2025, 3, i + 2 + (i == 7) * 10),
         "end_time": time(12, 30), "end_estimated": False, "document_id": "doc-2", "mention_count": 1}
        for i in range(1, 8)
    ]
    outages[0]["title"] = NASTY_TITLE
    areas = [{"outage_id": f"o-{i}", "municipality": "Kranj" if i % 2 else "Škofja Loka",
              "municipality_code": "SI-052" if i % 2 else "SI-122"} for i in range(1, 8)]
    events = [{"event_id": "e-1", "title": "Pomladni koncert", "category": "culture", "start_date": date(2025, 4, 11),
               "start_time": time(19), "municipality": "Kranj", "document_id": "doc-3", "mention_count": 1}]
    mentions = [{"record_type": "outage", "record_id": "o-1", "document_id": "doc-1", "evidence": "Zaradi del",
                 "char_start": 0, "char_end": 10}]
    rows = {"documents": docs, "outages": outages, "outage_areas": areas, "events": events, "mentions": mentions}
    return {name: to_arrow(name, rows.get(name, [])) for name in TABLES}


def publish_sample_release(output: Path, tables: dict[str, pa.Table] | None = None) -> Path:
    """Stage (with ``index.html``) and promote a release of ``tables``; returns the release folder."""
    tables = tables or sample_tables()
    staged = stage_full_release(tables, output, report={"documents": 3},
                                settings=PublishSettings(base_url="https://podatki.example.si/"), now=NOW)
    if not (staged.root / INDEX).exists():  # until release.py writes the page itself
        body = json.loads(staged.descriptor_path.read_text(encoding="utf-8"))
        zip_name = next(p.name for p in staged.root.glob("*.zip"))
        write_files(staged.root, index_file(staged.root, body, tables, zip_name=zip_name))
    return promote_release(staged)


class PageParser(HTMLParser):
    """Collects hrefs, ids, ``th`` scopes, the html lang, and the text of every ``section``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.sections: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "section":
            self._open.append(attrs.get("id", ""))
            self.sections[attrs.get("id", "")] = []

    def handle_endtag(self, tag):
        if tag == "section" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for section in self._open:
            self.sections[section].append(data)

    def text(self, section: str) -> str:
        return " ".join(" ".join(self.sections[section]).split())


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    return parser


def local_targets(hrefs: list[str]) -> list[str]:
    """Relative hrefs as file paths (fragments and absolute URLs dropped)."""
    return [unquote(urlsplit(h).path) for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return publish_sample_release(tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def page(release) -> PageParser:
    return parse((release / INDEX).read_text(encoding="utf-8"))


def _render(release: Path, tables=None, files=None) -> str:
    body = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    return render_index(body, tables or sample_tables(), files=files if files is not None else release_files(release))


def test_every_relative_link_resolves_to_a_file_of_the_release(release, page):
    targets = local_targets(page.hrefs)
    assert targets and [t for t in targets if not (release / t).is_file()] == []


def test_links_do_not_leave_the_release_folder(page):
    assert all(not t.startswith("/") and ".." not in t.split("/") for t in local_targets(page.hrefs))


def test_every_fragment_link_names_an_element_on_the_page(page):
    fragments = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert fragments and set(fragments) <= page.ids


def test_page_links_csv_and_parquet_of_every_table(page):
    assert {f"data/{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")} <= set(local_targets(page.hrefs))


def test_page_links_every_calendar_of_the_release(release, page):
    calendars = {p.relative_to(release).as_posix() for p in (release / "calendars").glob("*.ics")}
    assert len(calendars) >= 3 and calendars <= set(local_targets(page.hrefs))


def test_page_links_zip_catalogue_schemas_and_changelog(release, page):
    wanted = {next(release.glob("*.zip")).name, "catalog.jsonld", "catalog.ttl", "changelog.json", "CHANGELOG.md",
              "datapackage.json", *(f"schemas/{t}.json" for t in TABLES)}
    assert wanted <= set(local_targets(page.hrefs))


def test_a_file_not_in_the_release_is_not_linked(release):
    files = [f for f in release_files(release) if f != "calendars/events.ics"]
    assert "calendars/events.ics" not in local_targets(parse(_render(release, files=files)).hrefs)


def test_page_loads_nothing_scripts_or_styles_from_elsewhere(page):
    loaders = [(tag, attrs) for tag, attrs in page.tags if tag in ("script", "link", "img", "iframe") or "src" in attrs]
    assert loaders == []


def test_only_licence_links_are_absolute(page):
    absolute = {urlsplit(h).netloc for h in page.hrefs if urlsplit(h).scheme}
    assert absolute == {"creativecommons.org"}


def test_markup_in_a_title_is_escaped_in_the_preview(release):
    html_text = (release / INDEX).read_text(encoding="utf-8")
    assert "<script" not in html_text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Zapora &amp; obvoz" in html_text


def test_markup_in_a_source_name_is_escaped_in_the_attribution(page):
    assert "<b>komunala</b>.example" in page.text("licence") and not any(tag == "b" for tag, _ in page.tags)


def test_each_dataset_shows_its_row_count(page):
    counts = {t: int(re.search(r"Vrstic Rows (\d+)", page.text(f"dataset-{t}")).group(1)) for t in TABLES}
    assert counts == {"documents": 3, "outages": 7, "outage_areas": 7, "events": 1, "projects": 0, "mentions": 1}


def test_date_range_spans_every_date_column_of_the_table(page):
    # start dates run 2025-03-03..09, the last outage ends ten days after it starts
    assert "Date range 2025-03-03 – 2025-03-19" in page.text("dataset-outages")


def test_table_without_date_columns_shows_no_range(page):
    assert "Date range —" in page.text("dataset-mentions")


def test_empty_table_says_it_is_empty(page):
    assert "The table is empty." in page.text("dataset-projects")


def test_preview_shows_the_first_five_rows(release):
    html_text = (release / INDEX).read_text(encoding="utf-8")
    preview = html_text.split('id="preview-outages"', 1)[1].split("</table>", 1)[0]
    assert preview.count("<tr>") == 1 + 5  # header + five rows of seven


def test_preview_puts_a_multiline_cell_on_one_line(page):
    assert "Zaradi del bo cesta zaprta. Obvoz je urejen." in page.text("dataset-documents")


def test_data_dictionary_lists_every_field_with_its_enum_values(release, page):
    body = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in body["resources"] if r["name"] == "outages")["schema"]["fields"]
    text = page.text("dataset-outages")
    enums = [v for f in fields for v in f.get("constraints", {}).get("enum", [])]
    assert all(f["name"] in text for f in fields) and enums and all(v in text for v in enums)


def test_data_dictionary_shows_english_and_slovenian_descriptions(page):
    text = page.text("dataset-outages")
    assert "Affected service." in text and "Prizadeta storitev." in text


def test_dataset_descriptions_are_in_slovenian_and_english(page):
    text = page.text("dataset-events")
    assert "Javni dogodki z datumom" in text and "Dated public events" in text


def test_licence_is_cc_by_4_with_a_link(page):
    assert "https://creativecommons.org/licenses/by/4.0/" in page.hrefs and "CC BY 4.0" in page.text("licence")


def test_attribution_names_each_source_site_once_and_the_register(page):
    text = page.text("licence")
    assert text.count("obcina-kranj.example") == 1
    assert "Geodetska uprava Republike Slovenije, Register prostorskih enot" in text


def test_page_states_version_and_creation_time(release):
    html_text = (release / INDEX).read_text(encoding="utf-8")
    assert "2025.03.01-060000" in html_text and '<time datetime="2025-03-01T06:00:00Z">' in html_text


def test_page_is_slovenian_with_table_headers_scoped(page):
    html_lang = next(attrs.get("lang") for tag, attrs in page.tags if tag == "html")
    th_scopes = {attrs.get("scope") for tag, attrs in page.tags if tag == "th"}
    assert html_lang == "sl" and th_scopes == {"col", "row"}


def test_page_does_not_depend_on_the_order_files_are_listed_in(release):
    files = release_files(release)
    assert _render(release, files=files) == _render(release, files=list(reversed(files)))


def test_page_is_part_of_the_release_zip(release):
    import zipfile

    assert INDEX in zipfile.ZipFile(next(release.glob("*.zip"))).namelist()
