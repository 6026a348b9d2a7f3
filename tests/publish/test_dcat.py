"""DCAT-AP 3.0.1 catalogue of a release: datasets, distributions, coverage, SHACL conformance."""
import hashlib
import json
from datetime import date, datetime, time, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import rdflib
from rdflib.compare import isomorphic

from opendata.publish.dcat import CatalogSettings, build_catalog, catalog_graph, catalog_turtle, schema_files
from opendata.publish.package import promote_release, stage_release
from opendata.schema import TABLES, to_arrow
from tests.conftest import SHARED

SHAPES = SHARED / "dcat-ap"
BASE = "https://podatki.example.si/obvestila/"
NOW = datetime(2025, 5, 20, 5, 0, tzinfo=timezone.utc)
# Plain namespaces: rdflib's closed ones warn when pytest inspects module globals.
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
EU = "http://publications.europa.eu/resource/authority/"


def _tables(events=True):
    doc = {"document_id": "doc-1", "kind": "notice", "title": "Zapora ceste", "char_count": 40,
           "text": "Cesta skozi Bistrico bo zaprta tri dni.", "reference_date": date(2025, 5, 10),
           "fetched_at": datetime(2025, 5, 10, 9, tzinfo=timezone.utc)}
    outages = [
        {"outage_id": "o-1", "service": "road", "effect": "closure", "cause": "construction", "title": "Zapora",
         "start_date": date(2025, 5, 12), "end_date": date(2025, 5, 14), "end_estimated": False, "document_id": "doc-1", "mention_count": 1},
        {"outage_id": "o-2", "service": "water", "effect": "no_service", "cause": "fault", "title": "Brez vode",
         "start_date": date(2025, 5, 2), "start_time": time(8), "end_estimated": False, "document_id": "doc-1", "mention_count": 1},
    ]
    areas = [{"outage_id": "o-1", "municipality": "Tržič"}, {"outage_id": "o-2", "municipality": "Kamnik"}]
    event = {"event_id": "e-1", "title": "Sejem", "category": "fair", "start_date": date(2025, 6, 1),
             "municipality": "Tržič", "document_id": "doc-1", "mention_count": 1}
    rows = {"documents": [doc], "outages": outages, "outage_areas": areas, "events": [event] if events else []}
    return {name: to_arrow(name, rows.get(name, [])) for name in TABLES}


def _release(root: Path, tables):
    final = promote_release(stage_release(tables, root, now=NOW))
    descriptor = json.loads((final / "datapackage.json").read_text(encoding="utf-8"))
    return final, descriptor, final.relative_to(root).as_posix()


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp("out")
    final, descriptor, prefix = _release(root, _tables())
    tables = {name: pq.read_table(final / "data" / f"{name}.parquet") for name in TABLES}
    return root, descriptor, tables, prefix


@pytest.fixture(scope="module")
def catalog(release):
    _, descriptor, tables, prefix = release
    settings = CatalogSettings(base_url=BASE, publisher_name="Občina Zgled", contact_email="podatki@example.si")
    return build_catalog(descriptor, tables, settings, prefix)


@pytest.fixture(scope="module")
def graph(catalog):
    return catalog_graph(catalog)


def _dataset(table):
    return rdflib.URIRef(f"{BASE}dataset/{table}")


def _distribution(graph, table, media):
    for dist in graph.objects(_dataset(table), DCAT.distribution):
        if str(graph.value(dist, DCAT.mediaType)).endswith(media):
            return dist
    raise AssertionError(f"no {media} distribution of {table}")


def _violations(graph, shapes_file):
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES / shapes_file)
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return [report.value(r, sh.resultMessage) for r in report.subjects(sh.resultSeverity, sh.Violation)]


needs_shapes = pytest.mark.skipif(not (SHAPES / "dcat-ap-SHACL.ttl").exists(),
                                  reason=f"DCAT-AP SHACL shapes not found at {SHAPES}")


@needs_shapes
@pytest.mark.parametrize("shapes_file", ["dcat-ap-SHACL.ttl", "shapes.ttl", "range.ttl"])
def test_catalogue_has_no_dcat_ap_violations(graph, shapes_file):
    assert _violations(graph, shapes_file) == []


@needs_shapes
def test_shapes_reject_a_distribution_without_access_url(catalog):
    broken = json.loads(json.dumps(catalog))
    for node in broken["@graph"]:
        node.pop("dcat:accessURL", None)
    assert _violations(catalog_graph(broken), "dcat-ap-SHACL.ttl")


def test_every_table_is_a_dataset_of_the_catalogue(graph):
    catalog = rdflib.URIRef(BASE + "catalog")
    assert set(graph.objects(catalog, DCAT.dataset)) == {_dataset(t) for t in TABLES}


def test_each_dataset_has_one_csv_and_one_parquet_distribution(graph):
    media = {t: sorted(str(graph.value(d, DCAT.mediaType)) for d in graph.objects(_dataset(t), DCAT.distribution))
             for t in TABLES}
    iana = "http://www.iana.org/assignments/media-types/"
    assert set(map(tuple, media.values())) == {(iana + "application/vnd.apache.parquet", iana + "text/csv")}


def test_download_url_is_base_url_plus_the_files_path_in_the_release(graph, release):
    root, _, _, prefix = release
    url = str(graph.value(_distribution(graph, "outages", "csv"), DCAT.downloadURL))
    assert url == f"{BASE}{prefix}/data/outages.csv" and (root / url.removeprefix(BASE)).is_file()


def test_top_level_descriptor_paths_do_not_double_the_release_folder(release):
    root, _, tables, prefix = release
    top = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    g = catalog_graph(build_catalog(top, tables, CatalogSettings(base_url=BASE), prefix))
    assert str(g.value(_distribution(g, "events", "parquet"), DCAT.downloadURL)) == f"{BASE}{prefix}/data/events.parquet"


def test_checksum_is_the_files_sha256_as_hex_binary(graph, release):
    root, _, _, prefix = release
    checksum = graph.value(_distribution(graph, "outages", "parquet"), SPDX.checksum)
    value = graph.value(checksum, SPDX.checksumValue)
    digest = hashlib.sha256((root / prefix / "data/outages.parquet").read_bytes()).hexdigest()
    assert (str(value), value.datatype, graph.value(checksum, SPDX.algorithm)) == (
        digest, XSD.hexBinary, SPDX.checksumAlgorithm_sha256)


def test_byte_size_is_the_file_size_as_non_negative_integer(graph, release):
    root, _, _, prefix = release
    size = graph.value(_distribution(graph, "mentions", "csv"), DCAT.byteSize)
    assert (int(size), size.datatype) == ((root / prefix / "data/mentions.csv").stat().st_size, XSD.nonNegativeInteger)


def test_format_uses_the_eu_file_type_vocabulary(graph):
    formats = {str(graph.value(_distribution(graph, "projects", m), DCTERMS["format"])) for m in ("csv", "parquet")}
    assert formats == {EU + "file-type/CSV", EU + "file-type/PARQUET"}


def test_distributions_are_licensed_cc_by_4_0(graph):
    licences = {graph.value(d, DCTERMS.license) for d in graph.subjects(RDF.type, DCAT.Distribution)}
    assert licences == {rdflib.URIRef(EU + "licence/CC_BY_4_0")}


def test_temporal_coverage_runs_from_earliest_start_to_latest_end(graph):
    period = graph.value(_dataset("outages"), DCTERMS.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == ("2025-05-02", "2025-05-14")


def test_table_without_rows_has_no_temporal_coverage(release, tmp_path):
    final, descriptor, prefix = _release(tmp_path, _tables(events=False))
    tables = {name: pq.read_table(final / "data" / f"{name}.parquet") for name in TABLES}
    g = catalog_graph(build_catalog(descriptor, tables, CatalogSettings(base_url=BASE), prefix))
    assert g.value(_dataset("events"), DCTERMS.temporal) is None


def test_spatial_coverage_is_slovenia_and_the_municipalities_of_the_rows(graph):
    labels = {str(graph.value(place, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
              for place in graph.objects(_dataset("outages"), DCTERMS.spatial)
              if not str(place).startswith(EU)}
    assert EU + "country/SVN" in map(str, graph.objects(_dataset("outages"), DCTERMS.spatial)) and labels == {"Kamnik", "Tržič"}


def test_dataset_titles_are_in_slovenian_and_english(graph):
    titles = {t.language: str(t) for t in graph.objects(_dataset("events"), DCTERMS.title)}
    assert titles == {"en": "Events", "sl": "Dogodki"}


def test_keywords_are_in_slovenian_and_english(graph):
    assert {k.language for k in graph.objects(_dataset("outages"), DCAT.keyword)} == {"sl", "en"}


def test_contact_point_carries_the_email_as_mailto(graph):
    contact = graph.value(_dataset("documents"), DCAT.contactPoint)
    assert str(graph.value(contact, rdflib.URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))) == "mailto:podatki@example.si"


def test_no_contact_point_without_an_email(release):
    _, descriptor, tables, prefix = release
    g = catalog_graph(build_catalog(descriptor, tables, CatalogSettings(base_url=BASE), prefix))
    assert not list(g.subject_objects(DCAT.contactPoint))


def test_publisher_is_an_agent_named_in_the_settings(graph):
    publisher = graph.value(rdflib.URIRef(BASE + "catalog"), DCTERMS.publisher)
    assert (graph.value(publisher, RDF.type), str(graph.value(publisher, FOAF.name))) == (FOAF.Agent, "Občina Zgled")


def test_datasets_conform_to_the_schema_file_served_in_the_release(graph, release):
    _, descriptor, _, prefix = release
    standard = str(graph.value(_dataset("outage_areas"), DCTERMS.conformsTo))
    served = json.loads(schema_files(descriptor)[standard.removeprefix(f"{BASE}{prefix}/")])
    assert served["fields"][0]["name"] == "outage_id"


def test_turtle_parses_back_to_the_same_graph(catalog, graph):
    parsed = rdflib.Graph().parse(data=catalog_turtle(catalog), format="turtle")
    assert isomorphic(parsed, graph)


def test_catalogue_is_byte_identical_for_the_same_release(release, catalog):
    _, descriptor, tables, prefix = release
    settings = CatalogSettings(base_url=BASE, publisher_name="Občina Zgled", contact_email="podatki@example.si")
    again = build_catalog(descriptor, tables, settings, prefix)
    assert (json.dumps(again), catalog_turtle(again)) == (json.dumps(catalog), catalog_turtle(catalog))
