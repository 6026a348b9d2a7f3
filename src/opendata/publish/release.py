"""A whole release staged in one call: the data package, then what is derived from it.

Order matters: the descriptor (with every data file's bytes and hash) comes first, the
DCAT-AP catalogue is generated from it, the calendars from the tables, the download page
from all of them, and the ZIP last so it holds everything.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from opendata.faults import crash_point

from opendata.versions import code_version

from .calendars import VeventMemo, calendar_feeds
from .dcat import CatalogSettings, build_catalog, catalog_turtle, schema_files
from .page import index_file
from .package import PACKAGE_NAME, RELEASES, PackageInfo, StagedRelease, ReleaseArchive, stage_release, write_files

ENV_BASE_URL = "OPENDATA_BASE_URL"
ENV_PUBLISHER = "OPENDATA_PUBLISHER"
ENV_CONTACT = "OPENDATA_CONTACT_EMAIL"


@dataclass(frozen=True)
class PublishSettings:
    """Where releases are served and who publishes them."""

    base_url: str
    publisher_name: str = "opendata pipeline"
    contact_email: str = ""

    @classmethod
    def for_output(cls, output: Path) -> "PublishSettings":
        """From ``OPENDATA_BASE_URL`` etc.; without a base URL, the output folder's own file URL."""
        return cls(
            base_url=os.environ.get(ENV_BASE_URL) or Path(output).resolve().as_uri() + "/",
            publisher_name=os.environ.get(ENV_PUBLISHER) or cls.publisher_name,
            contact_email=os.environ.get(ENV_CONTACT) or "",
        )


# VEVENTs of the previous release, reused by the next (see ``VeventMemo``).
VEVENT_MEMO = Path(".state") / "calendars" / "vevents.pickle"


def calendar_files(tables: Mapping[str, pa.Table], memo: VeventMemo | None = None) -> dict[str, bytes]:
    """``calendars/*.ics``: all outages, all events, and one outage feed per municipality."""
    feeds = calendar_feeds(tables["outages"], tables["outage_areas"], tables["events"], memo=memo)
    return {f"calendars/{name}": content for name, content in feeds.items()}


def stage_full_release(
    tables: Mapping[str, pa.Table],
    output: Path,
    *,
    report: dict,
    settings: PublishSettings | None = None,
    now: datetime | None = None,
) -> StagedRelease:
    """Stage data, schemas, report, DCAT-AP catalogue, calendars and the ZIP of a new release."""
    settings = settings or PublishSettings.for_output(output)
    report_bytes = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    staged = stage_release(
        tables, output, info=PackageInfo(publisher=settings.publisher_name),
        extra_files={"ingest_report.json": report_bytes}, now=now,
    )
    body = json.loads(staged.descriptor_path.read_text(encoding="utf-8"))
    zip_name = f"{PACKAGE_NAME}-{staged.version}.zip"
    memo = VeventMemo.load(output / VEVENT_MEMO, code_version("publish"))
    with ReleaseArchive(staged.root, zip_name) as archive:
        archive.add_present()  # the data files deflate while the files derived from them are made
        catalog = build_catalog(
            body,
            tables,
            CatalogSettings(base_url=settings.base_url, publisher_name=settings.publisher_name, contact_email=settings.contact_email),
            f"{RELEASES}/{staged.version}",
        )
        write_files(
            staged.root,
            {
                **schema_files(body),
                **calendar_files(tables, memo),
                "catalog.jsonld": (json.dumps(catalog, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
                "catalog.ttl": catalog_turtle(catalog).encode("utf-8"),
            },
        )
        write_files(staged.root, index_file(staged.root, body, tables, zip_name=zip_name))
        archive.finish()
    memo.save(output / VEVENT_MEMO, code_version("publish"))
    crash_point("staged")
    return staged
