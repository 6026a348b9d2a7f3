"""Extract assets: documents → candidates per record type → merged, typed tables."""

import dagster as dg
import pyarrow as pa

from opendata.extract import extract_kind
from opendata.ingest import IngestResult
from opendata.schema import to_arrow

from ..metadata import definition_metadata, materialization_metadata
from ..resources import PipelineSettings

GROUP = "extract"
OWNERS = ["team:open-data"]


def _candidates_asset(kind: str, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        name=f"{kind[:-1]}_candidates",
        group_name=GROUP,
        owners=OWNERS,
        code_version="1",
        kinds={"python"},
        description=description,
    )
    def _asset(context: dg.AssetExecutionContext, settings: PipelineSettings, landing_documents: IngestResult) -> dict:
        candidates, errors = extract_kind(kind, landing_documents.documents, settings.gazetteer())
        for error in errors:
            context.log.error(f"{error.path}: {error.reason} {error.detail}")
        context.add_output_metadata({"candidates": len(candidates), "errors": len(errors)})
        return {"candidates": candidates, "errors": errors}

    return _asset


outage_candidates = _candidates_asset("outages", "Outages as each document states them, before merging.")
event_candidates = _candidates_asset("events", "Dated events as each document states them, before merging.")
project_candidates = _candidates_asset("projects", "Projects as each document names them, before merging.")


def _out(name: str, description: str) -> dg.AssetOut:
    return dg.AssetOut(
        group_name=GROUP,
        owners=OWNERS,
        code_version="1",
        kinds={"pyarrow"},
        metadata=definition_metadata(name),
        description=description,
    )


def _emit(name: str, rows: list[dict]) -> dg.Output:
    table = to_arrow(name, rows)
    return dg.Output(table, output_name=name, metadata=materialization_metadata(table))


def _emit_mentions(output_name: str, rows: list[dict]) -> dg.Output:
    table = to_arrow("mentions", rows)
    return dg.Output(table, output_name=output_name, metadata=materialization_metadata(table))


@dg.multi_asset(
    outs={
        "outages": _out("outages", "One row per announced disruption, merged across documents."),
        "outage_areas": _out("outage_areas", "Where each outage applies, one row per place."),
        "outage_mentions": _out("mentions", "Evidence for every outage."),
    },
    name="merge_outages",
)
def outage_tables(settings: PipelineSettings, outage_candidates: dict):
    from opendata.extract.outages import merge_outages

    rows, areas, mentions = merge_outages(outage_candidates["candidates"], settings.gazetteer())
    yield _emit("outages", rows)
    yield _emit("outage_areas", areas)
    yield _emit_mentions("outage_mentions", mentions)


@dg.multi_asset(
    outs={
        "events": _out("events", "Dated public events, merged across documents."),
        "event_mentions": _out("mentions", "Evidence for every event."),
    },
    name="merge_events",
)
def event_tables(event_candidates: dict):
    from opendata.extract.events import merge_events

    rows, mentions = merge_events(event_candidates["candidates"])
    yield _emit("events", rows)
    yield _emit_mentions("event_mentions", mentions)


@dg.multi_asset(
    outs={
        "projects": _out("projects", "Municipal development projects, merged across documents."),
        "project_mentions": _out("mentions", "Evidence for every project."),
    },
    name="merge_projects",
)
def project_tables(project_candidates: dict):
    from opendata.extract.projects import merge_projects

    rows, mentions = merge_projects(project_candidates["candidates"])
    yield _emit("projects", rows)
    yield _emit_mentions("project_mentions", mentions)


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version="1",
    kinds={"pyarrow"},
    metadata=definition_metadata("mentions"),
    description="The evidence behind every record: document, sentence and character offsets.",
)
def mentions(
    context: dg.AssetExecutionContext, outage_mentions: pa.Table, event_mentions: pa.Table, project_mentions: pa.Table
) -> pa.Table:
    table = pa.concat_tables([outage_mentions, event_mentions, project_mentions])
    table = table.sort_by([("record_type", "ascending"), ("record_id", "ascending"), ("document_id", "ascending"), ("char_start", "ascending")])
    context.add_output_metadata(materialization_metadata(table))
    return table
