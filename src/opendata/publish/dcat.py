"""A release's data package → a DCAT-AP 3.0.1 catalogue (JSON-LD, and Turtle through rdflib).

One ``dcat:Catalog``; one ``dcat:Dataset`` per published table; one ``dcat:Distribution`` per
file format (CSV, Parquet) with download URL, media type, EU file type, size and SHA-256 taken
from the package descriptor, so the catalogue can never disagree with the files.

Only properties that DCAT-AP 2.1.1 also knows are used (``owl:versionInfo`` rather than
``dcat:version``, no ``dcatap:applicableLegislation``): data.europa.eu converts what it harvests
to 2.1.1, so such a catalogue harvests cleanly.

Every node has an IRI (no blank nodes), and nodes are listed in IRI order, so the JSON-LD and
the Turtle are byte-identical for the same package. Controlled-vocabulary IRIs (licence,
frequency, themes, …) are typed in the graph itself because the DCAT-AP range shapes check
``rdf:type`` and a validator does not dereference the EU vocabularies.

Validation with pyshacl is deliberately not done here: it takes seconds and belongs in tests.
"""
from __future__ import annotations

import json
import warnings

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc

from opendata.publish.calendars import slug
from opendata.schema import TABLES

EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
THEME_SCHEME = EU + "data-theme"
SLOVENIA = EU + "country/SVN"
PUBLIC = EU + "access-right/PUBLIC"
# Releases are never overwritten, so a distribution's download URL stays valid.
STABLE = EU + "planned-availability/STABLE"
WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"
# Slovenia's extent and its geographic centre (GEOSS), for dcat:bbox and dcat:centroid.
SLOVENIA_BBOX = "POLYGON((13.37 45.42,16.61 45.42,16.61 46.88,13.37 46.88,13.37 45.42))"
SLOVENIA_CENTROID = "POINT(14.81 46.12)"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
SCHEMA_PATH = "schemas/{table}.json"  # where a release serves each table's Table Schema

CONTEXT = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# format → (IANA media type, EU file type, label)
FORMATS = {
    "csv": (IANA + "text/csv", EU + "file-type/CSV", "CSV"),
    "parquet": (IANA + "application/vnd.apache.parquet", EU + "file-type/PARQUET", "Parquet"),
}

# Data Package licence names → EU licence vocabulary; anything else is cited by its own URL.
LICENCES = {"CC-BY-4.0": EU + "licence/CC_BY_4_0", "CC0-1.0": EU + "licence/CC0"}

THEME_LABELS = {  # EU data-theme vocabulary: (en, sl)
    "ECON": ("Economy and finance", "Gospodarstvo in finance"),
    "EDUC": ("Education, culture and sport", "Izobraževanje, kultura in šport"),
    "ENER": ("Energy", "Energetika"),
    "ENVI": ("Environment", "Okolje"),
    "GOVE": ("Government and public sector", "Vlada in javni sektor"),
    "REGI": ("Regions and cities", "Regije in mesta"),
    "SOCI": ("Population and society", "Prebivalstvo in družba"),
    "TRAN": ("Transport", "Promet"),
}


@dataclass(frozen=True)
class TableMeta:
    """What the Table Schemas do not say about a table but a catalogue needs."""

    themes: tuple[str, ...]
    keywords_en: tuple[str, ...]
    keywords_sl: tuple[str, ...]
    # (table, columns) whose dates span the data: the minimum and maximum over the columns
    dates: tuple[str, tuple[str, ...]]
    # (table, column) naming the municipalities the rows are about, if any
    municipalities: tuple[str, str] | None = None


TABLE_META = {
    "outages": TableMeta(
        ("ENER", "TRAN", "ENVI", "REGI"),
        ("outages", "road closures", "water supply", "electricity", "district heating", "utilities"),
        ("motnje", "zapore cest", "prekinitev dobave", "vodooskrba", "elektrika", "ogrevanje",
         "komunala"),
        ("outages", ("start_date", "end_date")),
        ("outage_areas", "municipality"),
    ),
    "outage_areas": TableMeta(
        ("REGI", "ENER", "TRAN", "ENVI"),
        ("outage areas", "streets", "settlements", "municipalities"),
        ("območja motenj", "ulice", "naselja", "občine"),
        ("outages", ("start_date", "end_date")),
        ("outage_areas", "municipality"),
    ),
    "events": TableMeta(
        ("EDUC", "SOCI", "REGI"),
        ("events", "public events", "culture", "municipalities"),
        ("dogodki", "prireditve", "kultura", "občine"),
        ("events", ("start_date", "end_date")),
        ("events", "municipality"),
    ),
    "projects": TableMeta(
        ("REGI", "ECON", "GOVE", "ENER"),
        ("municipal projects", "investments", "development", "EU funding"),
        ("občinski projekti", "naložbe", "razvoj", "evropska sredstva"),
        ("projects", ("first_seen", "last_seen")),
        ("projects", "municipality"),
    ),
    "documents": TableMeta(
        ("GOVE", "REGI"),
        ("notices", "news", "web pages", "sources"),
        ("obvestila", "novice", "spletne strani", "viri"),
        ("documents", ("reference_date",)),
    ),
    "mentions": TableMeta(
        ("GOVE",),
        ("evidence", "provenance", "mentions"),
        ("dokazi", "izvor podatkov", "omembe"),
        ("documents", ("reference_date",)),
    ),
}


@dataclass(frozen=True)
class CatalogSettings:
    """Where releases are served and who answers for them; everything but ``base_url`` defaulted."""

    base_url: str  # where OUTPUT is served, e.g. "https://data.example.si/opendata/"
    publisher_name: str = "opendata pipeline"
    publisher_url: str | None = None  # the publisher's home page
    # ADMS publisher type code, e.g. "LocalAuthority", "NonProfitOrganisation"; None: not stated
    publisher_type: str | None = None
    contact_email: str = ""  # empty: no dcat:contactPoint (it is recommended, not mandatory)
    homepage: str | None = None  # the catalogue's home page; default base_url
    landing_page: str | None = None  # a human page about the datasets, if there is one
    title_sl: str = "Obvestila, dogodki in projekti slovenskih občin"
    description_sl: str = (
        "Motnje in zapore (ogrevanje, voda, plin, elektrika, ceste), javni dogodki in razvojni "
        "projekti, izluščeni iz spletnih strani slovenskih občin in komunalnih podjetij, z dokazi "
        "za vsak zapis."
    )
    frequency: str = "DAILY"  # EU frequency vocabulary code
    issued: date | datetime | None = None  # first publication; default: this release's date
    municipalities_in_spatial: bool = True  # list the municipalities in dct:spatial

    @property
    def base(self) -> str:
        """``base_url`` with exactly one trailing slash."""
        return self.base_url.rstrip("/") + "/"


def _iri(value: str) -> dict:
    return {"@id": value}


def _text(en: str, sl: str) -> list[dict]:
    return [{"@value": en, "@language": "en"}, {"@value": sl, "@language": "sl"}]


def _typed(value: str, datatype: str) -> dict:
    return {"@value": value, "@type": datatype}


def _datetime_literal(value: date | datetime | str) -> dict:
    if isinstance(value, str):  # the descriptor's ``created``: ISO 8601 with "Z"
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        text = value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        return _typed(text, "xsd:dateTime")
    return _typed(value.isoformat(), "xsd:date")


def download_url(settings: CatalogSettings, release_prefix: str, path: str) -> str:
    """Absolute URL of a resource: base + release folder + path.

    ``path`` may be relative to the release (its own descriptor) or already start with the
    release folder (the top-level descriptor); the folder is not doubled.
    """
    prefix = release_prefix.strip("/")
    path = path.lstrip("/")
    if prefix and not path.startswith(prefix + "/"):
        path = f"{prefix}/{path}"
    return settings.base + path


def schema_url(settings: CatalogSettings, release_prefix: str, table: str) -> str:
    """URL of a table's Table Schema file in the release (see :func:`schema_files`)."""
    return download_url(settings, release_prefix, SCHEMA_PATH.format(table=table))


def schema_files(descriptor: Mapping) -> dict[str, bytes]:
    """The Table Schema of every table as its own file, relative to the release folder.

    Taken from the descriptor's inline schemas so the files are exactly what the package declares;
    ``dct:conformsTo`` points at them.
    """
    files = {}
    for resource in descriptor.get("resources", []):
        if resource.get("format") == "csv" and "schema" in resource:
            body = json.dumps(resource["schema"], ensure_ascii=False, indent=2) + "\n"
            files[SCHEMA_PATH.format(table=resource["name"])] = body.encode("utf-8")
    return files


def date_span(
    tables: Mapping[str, pa.Table], table: str, columns: Iterable[str]
) -> tuple[date, date] | None:
    """Earliest and latest date over ``columns`` of ``tables[table]``; None when there is none."""
    data = tables.get(table)
    if data is None:
        return None
    lows, highs = [], []
    for column in columns:
        if column not in data.column_names:
            continue
        bounds = pc.min_max(data.column(column))
        if bounds["min"].is_valid:
            lows.append(bounds["min"].as_py())
            highs.append(bounds["max"].as_py())
    return (min(lows), max(highs)) if lows else None


def municipalities(tables: Mapping[str, pa.Table], table: str, column: str) -> list[str]:
    """Distinct non-empty municipality names of a column, sorted."""
    data = tables.get(table)
    if data is None or column not in data.column_names:
        return []
    return sorted({v for v in data.column(column).to_pylist() if v})


def _vocabulary_nodes(themes: set[str], licence: str, settings: CatalogSettings) -> list[dict]:
    """Type and label the controlled-vocabulary IRIs the catalogue uses (see module docstring)."""
    nodes = [
        {"@id": licence, "@type": "dct:LicenseDocument"},
        {"@id": EU + "frequency/" + settings.frequency, "@type": "dct:Frequency"},
        {"@id": SLOVENIA, "@type": "dct:Location", "skos:prefLabel": _text("Slovenia", "Slovenija"),
         "dcat:bbox": _typed(SLOVENIA_BBOX, WKT), "dcat:centroid": _typed(SLOVENIA_CENTROID, WKT)},
        {"@id": EU + "language/SLV", "@type": "dct:LinguisticSystem"},
        {"@id": EU + "language/ENG", "@type": "dct:LinguisticSystem"},
        {"@id": PUBLIC, "@type": "dct:RightsStatement"},
        {"@id": THEME_SCHEME, "@type": "skos:ConceptScheme",
         "dct:title": _text("Data theme", "Podatkovna tema")},
        {"@id": "spdx:checksumAlgorithm_sha256", "@type": "spdx:ChecksumAlgorithm"},
        {"@id": STABLE, "@type": "skos:Concept", "skos:prefLabel": _text("stable", "stabilno")},
    ]
    for media_type, file_type, _ in FORMATS.values():
        nodes.append({"@id": media_type, "@type": "dct:MediaType"})
        nodes.append({"@id": file_type, "@type": "dct:MediaTypeOrExtent"})
    for code in sorted(themes):
        en, sl = THEME_LABELS[code]
        nodes.append({"@id": f"{THEME_SCHEME}/{code}", "@type": "skos:Concept",
                      "skos:prefLabel": _text(en, sl), "skos:inScheme": _iri(THEME_SCHEME)})
    return nodes


def _place(settings: CatalogSettings, name: str) -> dict:
    # No authority IRI for Slovenian municipalities is at hand, so they are minted under base_url.
    return {"@id": f"{settings.base}place/{slug(name)}", "@type": "dct:Location",
            "skos:prefLabel": {"@value": name, "@language": "sl"},
            "locn:geographicName": {"@value": name, "@language": "sl"}}


def _resources_by_table(descriptor: Mapping) -> dict[tuple[str, str], dict]:
    """Descriptor resources keyed by (table, format); Parquet copies are named ``<table>_parquet``."""
    found = {}
    for resource in descriptor.get("resources", []):
        fmt = resource.get("format")
        if fmt in FORMATS:
            found[(resource["name"].removesuffix("_parquet"), fmt)] = resource
    return found


def _distribution(
    iri: str, table_title: tuple[str, str], resource: dict, fmt: str, ctx: dict
) -> list[dict]:
    """A distribution node and its checksum node; ``ctx`` carries what all distributions share."""
    media_type, file_type, label = FORMATS[fmt]
    url = download_url(ctx["settings"], ctx["prefix"], resource["path"])
    node = {
        "@id": iri,
        "@type": "dcat:Distribution",
        "dct:title": _text(f"{table_title[0]} ({label})", f"{table_title[1]} ({label})"),
        "dcat:accessURL": _iri(url),
        "dcat:downloadURL": _iri(url),
        "dcat:mediaType": _iri(media_type),
        "dct:format": _iri(file_type),
        "dct:license": _iri(ctx["licence"]),
        "dcatap:availability": _iri(STABLE),
        "dct:conformsTo": _iri(ctx["schema"]),
        "dct:issued": ctx["created"],
        "dct:modified": ctx["created"],
    }
    if resource.get("description"):
        node["dct:description"] = {"@value": resource["description"], "@language": "en"}
    nodes = [node]
    if "bytes" in resource:
        node["dcat:byteSize"] = _typed(str(int(resource["bytes"])), "xsd:nonNegativeInteger")
    algorithm, _, digest = str(resource.get("hash", "")).partition(":")
    if algorithm == "sha256" and digest:
        node["spdx:checksum"] = _iri(iri + "#checksum")
        nodes.append({"@id": iri + "#checksum", "@type": "spdx:Checksum",
                      "spdx:algorithm": _iri("spdx:checksumAlgorithm_sha256"),
                      "spdx:checksumValue": _typed(digest.lower(), "xsd:hexBinary")})
    return nodes


def _dataset(table: str, descriptor: Mapping, tables: Mapping[str, pa.Table], ctx: dict) -> list[dict]:
    """The dataset node of one table and the nodes it alone refers to."""
    settings, meta = ctx["settings"], TABLE_META[table]
    resources = ctx["resources"]
    csv = resources.get((table, "csv"), {})
    schema = csv.get("schema", {})
    title = (csv.get("title") or schema.get("title") or table, schema.get("title_sl", ""))
    description = (csv.get("description") or schema.get("description") or title[0],
                   schema.get("description_sl", ""))
    iri = f"{settings.base}dataset/{table}"
    ctx = {**ctx, "schema": schema_url(settings, ctx["prefix"], table)}
    node = {
        "@id": iri,
        "@type": "dcat:Dataset",
        "dct:identifier": f"{descriptor.get('name', 'package')}/{table}",
        "dct:title": _text(*title),
        "dct:description": _text(*description),
        "dcat:keyword": [{"@value": k, "@language": "en"} for k in meta.keywords_en]
        + [{"@value": k, "@language": "sl"} for k in meta.keywords_sl],
        "dcat:theme": [_iri(f"{THEME_SCHEME}/{code}") for code in meta.themes],
        "dct:publisher": _iri(ctx["publisher"]),
        "dct:accessRights": _iri(PUBLIC),
        "dct:language": _iri(EU + "language/SLV"),
        "dct:accrualPeriodicity": _iri(EU + "frequency/" + settings.frequency),
        "dct:issued": ctx["issued"],
        "dct:modified": ctx["created"],
        "dct:conformsTo": _iri(ctx["schema"]),
        "dcat:distribution": [],
    }
    nodes = [node, {"@id": ctx["schema"], "@type": "dct:Standard",
                    "dct:title": {"@value": f"Table Schema: {table}", "@language": "en"}}]
    if ctx["contact"]:
        node["dcat:contactPoint"] = _iri(ctx["contact"])
    if settings.landing_page:
        node["dcat:landingPage"] = _iri(settings.landing_page)
    if descriptor.get("version"):
        node["owl:versionInfo"] = descriptor["version"]
    spatial = [SLOVENIA]
    if settings.municipalities_in_spatial and meta.municipalities:
        for name in municipalities(tables, *meta.municipalities):
            place = _place(settings, name)
            spatial.append(place["@id"])
            nodes.append(place)
    node["dct:spatial"] = [_iri(s) for s in spatial]
    span = date_span(tables, *meta.dates)
    if span:
        node["dct:temporal"] = _iri(iri + "#temporal")
        nodes.append({"@id": iri + "#temporal", "@type": "dct:PeriodOfTime",
                      "dcat:startDate": _typed(span[0].isoformat(), "xsd:date"),
                      "dcat:endDate": _typed(span[1].isoformat(), "xsd:date")})
    for fmt in FORMATS:
        resource = resources.get((table, fmt))
        if resource is None:
            continue
        dist = f"{iri}/{fmt}"
        node["dcat:distribution"].append(_iri(dist))
        nodes.extend(_distribution(dist, title, resource, fmt, ctx))
    return nodes


def build_catalog(
    descriptor: Mapping,
    tables: Mapping[str, pa.Table],
    settings: CatalogSettings,
    release_prefix: str,
) -> dict:
    """The DCAT-AP catalogue of one release as a JSON-LD document (a flat ``@graph``).

    ``descriptor`` is the release's ``datapackage.json``; ``tables`` the published tables (used
    for the temporal and spatial coverage; a missing table just has no ``dct:temporal``);
    ``release_prefix`` the release folder relative to ``base_url``, e.g.
    ``releases/2025.03.01-060000``.
    """
    base = settings.base
    first_licence = (descriptor.get("licenses") or [{}])[0]
    licence = (LICENCES.get(first_licence.get("name", "CC-BY-4.0")) or first_licence.get("path")
               or LICENCES["CC-BY-4.0"])
    created = _datetime_literal(descriptor.get("created") or datetime(1970, 1, 1, tzinfo=timezone.utc))
    issued = _datetime_literal(settings.issued) if settings.issued else created
    publisher = base + "#publisher"
    contact = base + "#contact" if settings.contact_email else None
    ctx = {"settings": settings, "prefix": release_prefix, "licence": licence, "created": created,
           "issued": issued, "publisher": publisher, "contact": contact,
           "resources": _resources_by_table(descriptor)}
    homepage = settings.homepage or base
    catalog_iri = base + "catalog"
    title_en = descriptor.get("title") or "Open data catalogue"
    catalog = {
        "@id": catalog_iri,
        "@type": "dcat:Catalog",
        "dct:title": _text(title_en, settings.title_sl),
        "dct:description": _text(descriptor.get("description") or title_en, settings.description_sl),
        "dct:publisher": _iri(publisher),
        "foaf:homepage": _iri(homepage),
        "dct:language": [_iri(EU + "language/SLV"), _iri(EU + "language/ENG")],
        "dct:license": _iri(licence),
        "dct:issued": issued,
        "dct:modified": created,
        "dct:spatial": _iri(SLOVENIA),
        "dcat:themeTaxonomy": _iri(THEME_SCHEME),
        "dcat:dataset": [],
    }
    agent = {"@id": publisher, "@type": "foaf:Agent", "foaf:name": settings.publisher_name}
    nodes = [catalog, agent, {"@id": homepage, "@type": "foaf:Document"}]
    if settings.publisher_type:
        kind = ADMS_PUBLISHER_TYPE + settings.publisher_type
        agent["dct:type"] = _iri(kind)
        nodes.append({"@id": kind, "@type": "skos:Concept",
                      "skos:prefLabel": {"@value": settings.publisher_type, "@language": "en"}})
    if settings.publisher_url:
        agent["foaf:homepage"] = _iri(settings.publisher_url)
        nodes.append({"@id": settings.publisher_url, "@type": "foaf:Document"})
    if settings.landing_page:
        nodes.append({"@id": settings.landing_page, "@type": "foaf:Document"})
    if contact:
        nodes.append({"@id": contact, "@type": ["vcard:Kind", "vcard:Organization"],
                      "vcard:fn": settings.publisher_name,
                      "vcard:hasEmail": _iri("mailto:" + settings.contact_email)})
    themes: set[str] = set()
    for table in TABLES:
        if (table, "csv") not in ctx["resources"] and (table, "parquet") not in ctx["resources"]:
            continue
        catalog["dcat:dataset"].append(_iri(f"{base}dataset/{table}"))
        themes.update(TABLE_META[table].themes)
        nodes.extend(_dataset(table, descriptor, tables, ctx))
    nodes.extend(_vocabulary_nodes(themes, licence, settings))
    merged: dict[str, dict] = {}
    for node in nodes:  # a place or a schema shared by datasets is one node
        merged.setdefault(node["@id"], node)
    return {"@context": dict(CONTEXT), "@graph": [merged[k] for k in sorted(merged)]}


def catalog_graph(catalog_jsonld: Mapping):
    """The catalogue as an rdflib Graph (the JSON-LD context is inline: nothing is fetched)."""
    import rdflib

    graph = rdflib.Graph()
    with warnings.catch_warnings():  # rdflib's own JSON-LD parser still uses ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=json.dumps(catalog_jsonld, ensure_ascii=False), format="json-ld")
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def catalog_turtle(catalog_jsonld: Mapping) -> str:
    """The catalogue serialised as Turtle (via rdflib)."""
    return catalog_graph(catalog_jsonld).serialize(format="turtle")
